/**
 * Text pieces of the drafter: sentences and clauses of Vietnamese report prose, word tokens after NFC and stop-word
 * removal, n-grams and their overlap. Pure functions; the stop-words and abbreviations come from the data files.
 */

/** Lower-case NFC syllables (letters and digits), punctuation dropped. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .match(/[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Words that carry the topic: stop-words (single syllables and phrases) and pure numbers removed. */
export function contentWords(text: string, stopwords: ReadonlySet<string>): string[] {
  let t = ` ${words(text).join(' ')} `;
  for (const s of stopwords) if (s.includes(' ')) t = t.split(` ${s} `).join(' ');
  return t
    .trim()
    .split(' ')
    .filter((w) => w && !stopwords.has(w) && !/^[\d./-]+$/.test(w));
}

/** Word n-grams (joined by a space). */
export function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** The features two texts are compared on: content unigrams and bigrams. */
export function features(text: string, stopwords: ReadonlySet<string>): Set<string> {
  const t = contentWords(text, stopwords);
  return new Set([...t, ...ngrams(t, 2)]);
}

/** Jaccard overlap of two feature sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Share of `of`'s features found in `text`'s (how much of a task's wording a sentence covers). */
export function coverage(text: ReadonlySet<string>, of: ReadonlySet<string>): number {
  if (of.size === 0) return 0;
  let n = 0;
  for (const x of of) if (text.has(x)) n++;
  return n / of.size;
}

/** Figures and document numbers in a text: "174", "3.000", "12,5", "766/BC-UBND", "05/12/2024". */
export function figuresIn(text: string): string[] {
  return text.match(/\d+(?:[.,/]\d+)*(?:\/[\p{Lu}Đ-]+[\p{Lu}\d-]*)?%?/gu) ?? [];
}

const SENTENCE_END = /([.!?…]+)(["”’)]*)(\s+)(?=[\p{Lu}Đ"“(0-9*-])/gu;

/**
 * Sentences of a paragraph: a full stop, "!" or "?" followed by a space and a capital letter ends a sentence, except
 * after an abbreviation ("TP. Hồ Chí Minh") or a lone letter or number ("1.2. Các nhiệm vụ" stays one).
 */
export function splitSentences(text: string, abbreviations: readonly string[]): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[1].length + m[2].length;
    const before = text.slice(start, m.index).split(/\s+/).pop() ?? '';
    if (m[1] === '.' && (abbreviations.includes(before) || /^\p{L}$/u.test(before) || /^\d+(\.\d+)+$/.test(before)))
      continue;
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end + m[3].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Clauses of a sentence, split on ";" (the unit the key sentence is trimmed to). */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(/;\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Upper-case the first letter. */
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** Lower-case the first letter unless the first word is an acronym or a proper name of several capitals. */
export function lowerFirstWord(s: string, properNounHeads: readonly string[] = []): string {
  if (properNounHeads.some((h) => s.startsWith(`${h} `))) return s;
  const first = s.split(/\s/, 1)[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return s;
  // "Bộ Tài chính", "Hà Nội": a capitalised word followed by another capitalised word is a name.
  if (/^\p{Lu}\p{Ll}*\s+\p{Lu}/u.test(s)) return s;
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** A sentence ends with one full stop (or its own "!", "?", "…"). */
export function endSentence(s: string): string {
  const t = s.trim().replace(/[;,:\s]+$/, '');
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** Word count as the measurements count words (whitespace-separated tokens). */
export const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

import type { DraftLeftOut, DraftSentence, DraftSource, ReportTaskStatus } from '@regionlink/shared';
import type { ParsedNarrative } from '../../reporting/narrative';
import { analyseClause, type ClauseAnalysis } from './actions';
import { creditedBody, documentCitation, placeName, type Sender, subjectName } from './attribution';
import { type FigureDefinition, figureItems, figureTotal, summariseFigures } from './figures';
import { keySentence, type ScoredSentence, scoreSentences, trimToClause } from './key-sentence';
import { type DraftingResources, fill } from './resources';
import { contentWords, endSentence, features, jaccard, lowerFirstWord, splitSentences, upperFirst } from './text';

/**
 * The drafted paragraph of one Part I task, from the accepted contributions on it (pure, deterministic):
 *
 * 1. an opening sentence stating the task's overall state from the statuses reported;
 * 2. merged sentences: a statement several organisations make (the same sentence, or the same kind of action with a
 *    similar object) is written once, naming them ("Các địa phương như Lạng Sơn, Cao Bằng đã ban hành …");
 * 3. each organisation's key sentence (see `key-sentence.ts`), trimmed to its clause, when it is not already merged;
 * 4. the figures reported on the task, summed or listed with their units;
 * 5. everything else each organisation wrote goes to a footnote in the report's style ("Ví dụ: …", with the
 *    document's number and date and the body that sent it).
 *
 * Every sentence keeps its sources (organisation, document, the passage it came from). Contributions that could not be
 * used are listed in `leftOut` with the reason.
 */

export interface Contribution {
  organisationCode: string;
  /** As the report prints it: "UBND tỉnh Lạng Sơn", "Bộ Xây dựng". */
  organisationName: string;
  group: 'ministry' | 'locality';
  sender: Sender;
  status: ReportTaskStatus | null;
  narrative: ParsedNarrative;
  figures: Record<string, number | null>;
}

export interface TaskDraftInput {
  code: string;
  heading: string;
  shortTitle: string;
  figures: readonly FigureDefinition[];
  contributions: readonly Contribution[];
}

/** A drafted sentence with its footnote (paragraphs of plain text) and where it came from. */
export interface ComposedSentence extends DraftSentence {
  footnote: string[] | null;
}

export interface TaskDraft {
  /** Paragraphs of sentences, in print order. */
  paragraphs: ComposedSentence[][];
  leftOut: DraftLeftOut[];
}

const NOTE_OPEN = '\uE000';
const NOTE_CLOSE = '\uE001';
const NOTE_RE = /\uE000(\d+)\uE001/g;

interface Piece {
  /** Sentence text without footnote markers. */
  text: string;
  /** The narrative's own footnotes cited in the sentence. */
  notes: string[];
}

/** The sentences of a narrative, each with the footnotes it cites (headings are left out: they are not statements). */
export function narrativeSentences(n: ParsedNarrative, abbreviations: readonly string[]): Piece[] {
  const out: Piece[] = [];
  for (const b of n.blocks) {
    if (b.type === 'heading') continue;
    const marked = b.runs
      .map((r) => (r.footnote ? `${NOTE_OPEN}${r.footnote}${NOTE_CLOSE}` : r.text.replace(/\n/g, ' ')))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[-+•]\s+/, '');
    if (!marked.replace(NOTE_RE, '').trim()) continue;
    for (const s of splitSentences(marked, abbreviations)) {
      const notes = [...s.matchAll(NOTE_RE)].map((m) => n.footnotes[Number(m[1]) - 1] ?? '').filter(Boolean);
      const text = s
        .replace(NOTE_RE, '')
        .replace(/\s+([.,;:])/g, '$1')
        .trim();
      if (text) out.push({ text, notes: notes.map((x) => x.replace(/\s+/g, ' ').trim()) });
    }
  }
  return out;
}

interface Item {
  c: Contribution;
  order: number;
  piece: Piece;
  scored: ScoredSentence;
  isKey: boolean;
  analysis: ClauseAnalysis;
  feats: Set<string>;
}

interface Cluster {
  items: Item[];
}

const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** Are two sentences the same statement (same text) or the same kind of action on a similar object? */
export function similarStatements(a: Item, b: Item): boolean {
  if (norm(a.piece.text) === norm(b.piece.text)) return true;
  const sim = jaccard(a.feats, b.feats);
  if (a.analysis.action && a.analysis.action === b.analysis.action && a.analysis.ownSubject && b.analysis.ownSubject)
    return sim >= 0.3;
  return sim >= 0.6;
}

/** Group statements of different organisations (greedy, in input order: deterministic). */
export function clusterStatements(items: readonly Item[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (const it of items) {
    const home = clusters.find(
      (cl) =>
        !cl.items.some((x) => x.c.organisationCode === it.c.organisationCode) && similarStatements(cl.items[0], it),
    );
    if (home) home.items.push(it);
    else clusters.push({ items: [it] });
  }
  return clusters;
}

function groupKey(items: readonly { c: Contribution }[]): 'central' | 'locality' | 'both' {
  const g = new Set(items.map((i) => i.c.group));
  return g.size > 1 ? 'both' : g.has('ministry') ? 'central' : 'locality';
}

const listNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;

const shortOf = (c: Contribution) => (c.group === 'locality' ? placeName(c.organisationName) : c.organisationName);

const docOnly = (s: Sender) => documentCitation(s).replace(/ của .*$/u, '');

function source(it: Item, passage = it.piece.text): DraftSource {
  return {
    organisationCode: it.c.organisationCode,
    organisationName: creditedBody(it.c.sender),
    documentNumber: it.c.sender.documentNumber,
    passage: passage.slice(0, 4000),
  };
}

/** Insert the organisations after a generic subject: "các địa phương (Lạng Sơn, Cao Bằng) đã …". */
function nameGeneric(text: string, generic: string, names: readonly string[]): string {
  const i = text.toLocaleLowerCase('vi').indexOf(generic.toLocaleLowerCase('vi'));
  if (i < 0) return text;
  const end = i + generic.length;
  return `${text.slice(0, end)} (${names.join(', ')})${text.slice(end)}`;
}

const bare = (w: string) =>
  w
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[.,;:!?()"“”]+$/u, '')
    .replace(/^[("“]+/u, '');

/** Which words of `a` also occur, in the same order, in `b` (a longest common subsequence of words). */
function lcsMask(a: readonly string[], b: readonly string[]): boolean[] {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const keep = new Array<boolean>(n).fill(false);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      keep[i] = true;
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) i++;
    else j++;
  }
  return keep;
}

/**
 * The statement several organisations make together: the words of the representative's text that every other text
 * also has, in the same order (figures, document numbers and names that differ fall out), with function words left
 * dangling by what fell out removed ("Kế hoạch số [45/KH-UBND]" → "Kế hoạch"). Every word kept is in every text, so
 * nothing one organisation said is credited to the others.
 */
export function commonStatement(
  rep: string,
  others: readonly string[],
  dangling: readonly string[],
  units: readonly string[] = [],
): string {
  const words = rep.split(/\s+/).filter(Boolean);
  const a = words.map(bare);
  let keep = new Array<boolean>(words.length).fill(true);
  for (const o of others) {
    const mask = lcsMask(a, o.split(/\s+/).filter(Boolean).map(bare));
    keep = keep.map((k, i) => k && mask[i]);
  }
  const capital = (i: number) => i > 0 && /^\p{Lu}/u.test(words[i]);
  for (let changed = true; changed; ) {
    changed = false;
    const drop = (i: number) => {
      keep[i] = false;
      changed = true;
    };
    for (let i = 0; i < words.length; i++) {
      if (!keep[i]) continue;
      const nextDropped = i + 1 < words.length && !keep[i + 1];
      const prevDropped = i > 0 && !keep[i - 1];
      // What fell out after a word, up to the next word kept.
      let j = i + 1;
      while (j < words.length && !keep[j]) j++;
      const gap = words.slice(i + 1, j);
      const namedGap = j >= words.length || gap.some((w) => /\d|^\p{Lu}/u.test(w));
      // A run of function words alone between gaps ("tới các [sở …] và các [tổ chức …]").
      let r = i;
      while (r + 1 < words.length && keep[r + 1]) r++;
      const onlyFunction =
        (i === 0 || !keep[i - 1]) &&
        (r + 1 >= words.length || !keep[r + 1]) &&
        a.slice(i, r + 1).every((w) => dangling.includes(w));
      // A function word whose object (a figure, a name) fell out; a unit whose number fell out; part of a name.
      if (onlyFunction && (i > 0 || r + 1 < words.length)) for (let k = i; k <= r; k++) drop(k);
      else if (dangling.includes(a[i]) && nextDropped && namedGap) drop(i);
      else if (dangling.includes(a[i]) && i + 1 >= words.length) drop(i);
      else if (units.includes(a[i]) && prevDropped && (/\d/.test(a[i - 1]) || units.includes(a[i - 1]))) drop(i);
      else if (capital(i) && ((nextDropped && capital(i + 1)) || (prevDropped && capital(i - 1)))) drop(i);
    }
  }
  // Keep the clause break of what fell out ("vùng [… Tổ trưởng;] Sở Tài chính" → "vùng; Sở Tài chính").
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!keep[i]) {
      const punct = /[;,]$/.exec(words[i])?.[0];
      if (punct && out.length && !/[;,]$/.test(out[out.length - 1]) && i + 1 < words.length && keep[i + 1])
        out[out.length - 1] += punct;
      continue;
    }
    out.push(words[i]);
  }
  return out
    .join(' ')
    .replace(/([,;])(\s*[,;])+/g, '$1')
    .replace(/^[,;\s]+|[,;:\s]+$/g, '');
}

/** A cluster is written as one sentence only if its members share enough words (else each keeps its own). */
function sharesEnough(cl: Cluster, res: DraftingResources): boolean {
  if (cl.items.length < 2) return true;
  const [first, ...rest] = cl.items;
  if (rest.every((i) => norm(i.piece.text) === norm(first.piece.text))) return true;
  const own = cl.items.every((i) => i.analysis.ownSubject);
  const text = (i: Item) => (own ? i.analysis.predicate : i.piece.text);
  const common = commonStatement(text(first), rest.map(text), res.phrases.danglingWords, res.phrases.unitWords);
  return contentWords(common, res.stopwords).length >= res.phrases.minSharedWords;
}

function openingSentence(input: TaskDraftInput, res: DraftingResources): ComposedSentence | null {
  const reported = input.contributions.filter((c) => c.status && c.status !== 'not_applicable');
  if (reported.length === 0) return null;
  const counts = new Map<string, number>();
  for (const c of reported) counts.set(c.status as string, (counts.get(c.status as string) ?? 0) + 1);
  const known = ['done', 'in_progress', 'recurring', 'not_started'] as const;
  const present = known.filter((k) => counts.has(k));
  const p = res.phrases;
  const actors =
    reported.length === 1 ? reported[0].organisationName : p.actors[groupKey(reported.map((c) => ({ c })))];
  const task = lowerFirstWord(input.shortTitle);
  let text: string;
  if (present.length === 1 && counts.get(present[0]) === reported.length)
    text = fill(p.opening[present[0]], { task, actors });
  else if (present.length === 0) text = fill(p.opening.unclear, { task, actors });
  else
    text = fill(p.opening.mixed, {
      task,
      actors,
      parts: present.map((k) => fill(p.statusParts[k], { n: counts.get(k) ?? 0 })).join(', '),
    });
  return {
    text,
    kind: 'opening',
    footnote: null,
    score: null,
    sources: reported.map((c) => ({
      organisationCode: c.organisationCode,
      organisationName: creditedBody(c.sender),
      documentNumber: c.sender.documentNumber,
      passage: `Tình trạng: ${c.status}`,
    })),
  };
}

function figureSentences(input: TaskDraftInput, res: DraftingResources): ComposedSentence[] {
  const byName = new Map(input.contributions.map((c) => [shortOf(c), c]));
  return summariseFigures(
    input.figures,
    input.contributions.map((c) => ({ organisation: shortOf(c), values: c.figures })),
  ).map((s) => {
    const decimals = input.figures.find((f) => f.key === s.key)?.decimals ?? 0;
    const total = figureTotal(s, decimals);
    const label = lowerFirstWord(s.label);
    const text = total
      ? fill(res.phrases.figureTotal, { label, total, unit: s.unit, items: figureItems(s, decimals) })
      : fill(res.phrases.figureList, { label, items: figureItems(s, decimals) });
    return {
      text,
      kind: 'figures' as const,
      footnote: null,
      score: null,
      sources: s.items.map((x) => {
        const c = byName.get(x.organisation)!;
        return {
          organisationCode: c.organisationCode,
          organisationName: creditedBody(c.sender),
          documentNumber: c.sender.documentNumber,
          passage: `${s.label}: ${x.value} ${s.unit}`,
        };
      }),
    };
  });
}

/** One footnote item per organisation: its own notes and the sentences of its report not printed in the body. */
function exampleItems(members: readonly Item[], extra: Map<string, Item[]>): string[] {
  return members.map((m) => {
    const more = (extra.get(m.c.organisationCode) ?? []).map((x) => endSentence(x.piece.text));
    extra.delete(m.c.organisationCode);
    const body = [endSentence(m.piece.text), ...m.piece.notes, ...more].join(' ');
    return `${creditedBody(m.c.sender)}: ${body.replace(/\.$/, '')} (${docOnly(m.c.sender)}).`;
  });
}

function mergedSentence(cl: Cluster, res: DraftingResources, extra: Map<string, Item[]>): ComposedSentence {
  const rep = [...cl.items].sort((a, b) => b.scored.score - a.scored.score || a.order - b.order)[0];
  const names = cl.items.map((i) => shortOf(i.c));
  const identical = cl.items.every((i) => norm(i.piece.text) === norm(rep.piece.text));
  const a = rep.analysis;
  let text: string;
  const others = cl.items.filter((i) => i !== rep);
  const common = (of: (i: Item) => string) =>
    identical ? of(rep) : commonStatement(of(rep), others.map(of), res.phrases.danglingWords, res.phrases.unitWords);
  // What they all said, without who said it (the letter's highlights use it).
  let statement = common((i) => i.piece.text);
  if (a.genericSubject) text = nameGeneric(statement, a.genericSubject, names);
  else if (a.ownSubject && others.every((i) => i.analysis.ownSubject)) {
    const lead = fill(res.phrases.merged[groupKey(cl.items)], { names: listNames(names) });
    const predicate = common((i) => i.analysis.predicate);
    const body = `${lead} ${a.aspect || 'đã'} ${predicate}`;
    const sameContext = a.context && cl.items.every((i) => i.analysis.context === a.context);
    text = sameContext ? `${a.context}, ${lowerFirstWord(body)}` : body;
    statement = text;
  } else
    text = fill(res.phrases.attributedFallback, {
      org: listNames(cl.items.map((i) => i.c.organisationName)),
      sentence: lowerFirstWord(statement, res.phrases.properNounHeads),
    });
  const notes = identical
    ? [
        ...cl.items.flatMap((i) => i.piece.notes),
        fill(res.phrases.reportedBy, {
          items: cl.items.map((i) => `${creditedBody(i.c.sender)} (${docOnly(i.c.sender)})`).join('; '),
        }),
      ]
    : exampleItems(cl.items, extra).map((x, i) => (i === 0 ? fill(res.phrases.example, { items: x }) : x));
  // Notes of identical statements repeat verbatim across organisations: keep each once.
  const footnote = [...new Set(notes)];
  return {
    text: endSentence(upperFirst(text)),
    statement: endSentence(upperFirst(statement)),
    kind: 'merged',
    footnote,
    score: rep.scored.explanation,
    sources: cl.items.map((i) => source(i)),
  };
}

function ownSentence(it: Item, heading: string, res: DraftingResources, extra: Map<string, Item[]>): ComposedSentence {
  const key = trimToClause(it.piece.text, heading, res.stopwords);
  const a = key === it.piece.text ? it.analysis : analyseClause(key, res.actions);
  let text: string;
  if (a.ownSubject) {
    const subject = subjectName(it.c.organisationName, it.c.group);
    const body = `${subject} ${a.aspect ? `${a.aspect} ` : ''}${a.predicate}`;
    text = a.context ? `${a.context}, ${lowerFirstWord(body)}` : body;
  } else if (a.genericSubject) text = nameGeneric(key, a.genericSubject, [shortOf(it.c)]);
  else
    text = fill(res.phrases.attributedFallback, {
      org: it.c.organisationName,
      sentence: lowerFirstWord(key, res.phrases.properNounHeads),
    });
  const rest = key === it.piece.text ? '' : it.piece.text.slice(it.piece.text.indexOf(key) + key.length);
  const more = (extra.get(it.c.organisationCode) ?? []).map((x) => endSentence(x.piece.text));
  extra.delete(it.c.organisationCode);
  const footnote = [
    `${documentCitation(it.c.sender)}.`,
    ...it.piece.notes,
    ...(rest.replace(/^[;\s]+/, '').trim() ? [endSentence(upperFirst(rest.replace(/^[;\s]+/, '').trim()))] : []),
    ...(more.length ? [more.join(' ')] : []),
  ];
  return {
    text: endSentence(upperFirst(text)),
    kind: 'own',
    footnote,
    score: it.scored.explanation,
    sources: [source(it), ...more.map((m) => ({ ...source(it, m) }))],
  };
}

/** Draft the paragraph of one task (see the module comment). */
export function composeTask(input: TaskDraftInput, res: DraftingResources): TaskDraft {
  const leftOut: DraftLeftOut[] = [];
  const usable: { c: Contribution; pieces: Piece[] }[] = [];
  for (const c of input.contributions) {
    const pieces = narrativeSentences(c.narrative, res.phrases.abbreviations);
    if (c.status === 'not_applicable')
      leftOut.push({
        organisationCode: c.organisationCode,
        organisationName: c.organisationName,
        reasonVi: 'Báo cáo nhiệm vụ không áp dụng đối với cơ quan, địa phương.',
        reasonEn: 'Reported the task as not applicable to it.',
      });
    else if (pieces.length === 0)
      leftOut.push({
        organisationCode: c.organisationCode,
        organisationName: c.organisationName,
        reasonVi: 'Chỉ báo cáo tình trạng, không có nội dung để tổng hợp (được tính trong câu mở đầu).',
        reasonEn: 'Reported a status only, no text to draft from (counted in the opening sentence).',
      });
    else usable.push({ c, pieces });
  }
  const items: Item[] = [];
  usable.forEach(({ c, pieces }, ci) => {
    const others = usable.filter((u) => u.c !== c).flatMap((u) => u.pieces.map((p) => p.text));
    const scored = scoreSentences(
      pieces.map((p) => p.text),
      { heading: input.heading, others, stopwords: res.stopwords },
    );
    const key = keySentence(scored);
    pieces.forEach((piece, i) => {
      items.push({
        c,
        order: ci * 1000 + i,
        piece,
        scored: scored[i],
        isKey: key?.index === i,
        analysis: analyseClause(piece.text, res.actions),
        feats: features(piece.text, res.stopwords),
      });
    });
  });
  const clusters = clusterStatements(items).flatMap((cl) =>
    sharesEnough(cl, res) ? [cl] : cl.items.map((i) => ({ items: [i] })),
  );
  const merged = clusters.filter((cl) => cl.items.length > 1);
  const inMerged = new Set(merged.flatMap((cl) => cl.items));
  // Organisations named in a merged sentence need no sentence of their own unless their key statement is distinctive.
  const own = items.filter((i) => i.isKey && !inMerged.has(i));
  const extra = new Map<string, Item[]>();
  for (const i of items)
    if (!inMerged.has(i) && !i.isKey) extra.set(i.c.organisationCode, [...(extra.get(i.c.organisationCode) ?? []), i]);
  merged.sort((a, b) => b.items.length - a.items.length || a.items[0].order - b.items[0].order);
  const mergedSentences = merged.map((cl) => mergedSentence(cl, res, extra));
  const ownSentences = own.map((i) => ownSentence(i, input.heading, res, extra));
  // Whatever is still unplaced (an organisation whose key statement was merged) goes to a footnote of its own.
  for (const [code, rest] of extra) {
    const host = mergedSentences.find((s) => s.sources.some((x) => x.organisationCode === code));
    const it = rest[0];
    const line = `${creditedBody(it.c.sender)}: ${rest
      .map((x) => endSentence(x.piece.text))
      .join(' ')
      .replace(/\.$/, '')} (${docOnly(it.c.sender)}).`;
    if (host) {
      host.footnote = [...(host.footnote ?? []), line];
      host.sources.push(...rest.map((x) => source(x)));
    }
  }
  const opening = openingSentence(input, res);
  const paragraphs: ComposedSentence[][] = [
    [...(opening ? [opening] : []), ...mergedSentences],
    ownSentences.filter(
      (s) => usable.find((u) => u.c.organisationCode === s.sources[0].organisationCode)?.c.group === 'ministry',
    ),
    ownSentences.filter(
      (s) => usable.find((u) => u.c.organisationCode === s.sources[0].organisationCode)?.c.group === 'locality',
    ),
    figureSentences(input, res),
  ].filter((p) => p.length > 0);
  return { paragraphs, leftOut };
}

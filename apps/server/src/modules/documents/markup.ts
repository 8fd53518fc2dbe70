import {
  normaliseText,
  type ReportBlock,
  ReportField,
  type ReportFootnoteParagraph,
  type ReportInline,
  type ReportText,
} from '@regionlink/shared';

/**
 * A small text markup for report content, used for the reference text of the 2025 package and for seeding drafts:
 *
 * - blocks are separated by blank lines; `### x` is a lettered point heading, `#### x` an italic subheading line,
 *   `- x` and `+ x` list lines, `{{table:id}}` and `{{figure:id}}` alone on a line place a table or figure;
 * - inline: `***bold italic***`, `**bold**`, `*italic*`, `[^label]` a footnote, `{{field}}` a value filled from data;
 * - `[^label]: text` defines a footnote; following paragraphs indented by four spaces continue it;
 * - `=== header ===` starts a named section (the header text is returned as is).
 *
 * Every text is NFC-normalised. Errors name the line, so a broken reference file fails loudly at start-up.
 */
export interface MarkupSection {
  header: string;
  line: number;
  blocks: ReportBlock[];
}

export interface MarkupDocument {
  /** Blocks before the first `=== … ===` header. */
  preamble: ReportBlock[];
  sections: MarkupSection[];
}

export class MarkupError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const FIELDS = new Set<string>(ReportField.options);

interface RawParagraph {
  line: number;
  text: string;
  indented: boolean;
}

function splitParagraphs(text: string): RawParagraph[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: RawParagraph[] = [];
  let cur: RawParagraph | null = null;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      if (cur) out.push(cur);
      cur = null;
      return;
    }
    if (!cur) cur = { line: i + 1, text: raw.trim(), indented: /^ {4}/.test(raw) };
    else cur.text += ` ${raw.trim()}`;
  });
  if (cur) out.push(cur);
  return out;
}

/**
 * Parse inline markup into runs. `footnotes` resolves `[^label]`; pass `null` to refuse footnotes (inside a footnote).
 */
export function parseInlines(
  source: string,
  footnotes: Map<string, ReportFootnoteParagraph[]> | null,
  line = 0,
  used?: Set<string>,
): ReportInline[] {
  const text = normaliseText(source);
  const out: ReportInline[] = [];
  let bold = false;
  let italic = false;
  let buf = '';
  const flush = () => {
    if (buf === '') return;
    const last = out[out.length - 1];
    if (last && last.kind === 'text' && last.bold === bold && last.italic === italic) last.text += buf;
    else out.push({ kind: 'text', text: buf, bold, italic } satisfies ReportText);
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('***', i)) {
      flush();
      bold = !bold;
      italic = !italic;
      i += 3;
    } else if (text.startsWith('**', i)) {
      flush();
      bold = !bold;
      i += 2;
    } else if (text[i] === '*') {
      flush();
      italic = !italic;
      i += 1;
    } else if (text.startsWith('[^', i)) {
      const end = text.indexOf(']', i);
      if (end < 0) throw new MarkupError(line, 'unclosed footnote reference');
      const label = text.slice(i + 2, end);
      if (footnotes === null) throw new MarkupError(line, `footnote [^${label}] inside a footnote`);
      const def = footnotes.get(label);
      if (!def) throw new MarkupError(line, `footnote [^${label}] is not defined`);
      if (used?.has(label)) throw new MarkupError(line, `footnote [^${label}] is referenced twice`);
      used?.add(label);
      flush();
      out.push({ kind: 'footnote', paragraphs: def });
      i = end + 1;
    } else if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i);
      if (end < 0) throw new MarkupError(line, 'unclosed {{field}}');
      const name = text.slice(i + 2, end).trim();
      if (!FIELDS.has(name)) throw new MarkupError(line, `unknown field {{${name}}}`);
      flush();
      out.push({ kind: 'field', field: name as ReportField });
      i = end + 2;
    } else {
      buf += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

/** Parse one paragraph of text into a block (heading, subheading, list line, table, figure or paragraph). */
function toBlock(p: RawParagraph, footnotes: Map<string, ReportFootnoteParagraph[]>, used: Set<string>): ReportBlock {
  const t = p.text;
  const place = /^\{\{(table|figure):([^}]+)\}\}$/.exec(t);
  if (place)
    return place[1] === 'table' ? { kind: 'table', tableId: place[2] } : { kind: 'figure', figureId: place[2] };
  if (t.startsWith('#### ')) return { kind: 'subheading', content: parseInlines(t.slice(5), footnotes, p.line, used) };
  if (t.startsWith('### ')) return { kind: 'heading', content: parseInlines(t.slice(4), footnotes, p.line, used) };
  if (/^[-+] /.test(t))
    return { kind: 'item', marker: t[0] as '-' | '+', content: parseInlines(t.slice(2), footnotes, p.line, used) };
  return { kind: 'paragraph', content: parseInlines(t, footnotes, p.line, used) };
}

/** Parse a markup document: footnote definitions first (anywhere in the text), then sections of blocks. */
export function parseMarkupDocument(text: string): MarkupDocument {
  const paras = splitParagraphs(text);
  const defs = new Map<string, { line: number; texts: string[] }>();
  const body: RawParagraph[] = [];
  let lastDef: { line: number; texts: string[] } | null = null;
  for (const p of paras) {
    const m = /^\[\^([^\]]+)\]:\s*(.*)$/.exec(p.text);
    if (m && !p.indented) {
      if (defs.has(m[1])) throw new MarkupError(p.line, `footnote [^${m[1]}] is defined twice`);
      lastDef = { line: p.line, texts: [m[2]] };
      defs.set(m[1], lastDef);
      continue;
    }
    if (p.indented && lastDef) {
      lastDef.texts.push(p.text);
      continue;
    }
    lastDef = null;
    body.push(p);
  }
  const footnotes = new Map<string, ReportFootnoteParagraph[]>();
  for (const [label, def] of defs) {
    footnotes.set(
      label,
      def.texts.map((t) => parseInlines(t, null, def.line) as ReportFootnoteParagraph),
    );
  }
  const used = new Set<string>();
  const doc: MarkupDocument = { preamble: [], sections: [] };
  let current: ReportBlock[] = doc.preamble;
  for (const p of body) {
    const h = /^===\s*(.*?)\s*===$/.exec(p.text);
    if (h) {
      const section: MarkupSection = { header: normaliseText(h[1]), line: p.line, blocks: [] };
      doc.sections.push(section);
      current = section.blocks;
      continue;
    }
    current.push(toBlock(p, footnotes, used));
  }
  for (const [label, def] of defs)
    if (!used.has(label)) throw new MarkupError(def.line, `footnote [^${label}] is defined but never referenced`);
  return doc;
}

/** Parse a fragment of markup (no sections) into blocks; footnotes must be defined in the same fragment. */
export function parseMarkupBlocks(text: string): ReportBlock[] {
  const doc = parseMarkupDocument(text);
  if (doc.sections.length > 0) throw new MarkupError(doc.sections[0].line, 'sections are not allowed here');
  return doc.preamble;
}

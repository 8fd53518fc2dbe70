import sanitizeHtml from 'sanitize-html';
import { normaliseText } from '@regionlink/shared';

/**
 * Narratives are rich text (paragraphs, lists, emphasis, links, footnotes) stored as a small, sanitised HTML
 * subset. Everything else — scripts, event handlers, styles, images, iframes, `javascript:` links — is removed on
 * the server before storage, so what is stored is what may be shown. Footnotes are inline markers
 * `<sup data-footnote="note text">n</sup>`, numbered in order of appearance.
 */

export const NARRATIVE_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h3',
  'h4',
  'a',
  'sub',
  'sup',
] as const;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...NARRATIVE_TAGS],
  allowedAttributes: { a: ['href'], sup: ['data-footnote'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    div: 'p',
  },
  // Empty links and footnote markers with no note carry nothing.
  exclusiveFilter: (frame) =>
    (frame.tag === 'a' && !frame.attribs.href && !frame.text.trim()) ||
    (frame.tag === 'sup' && frame.attribs['data-footnote'] !== undefined && !frame.attribs['data-footnote'].trim()),
};

/** Sanitise narrative HTML from a user: NFC, invisible characters stripped, only the allowed subset kept. */
export function sanitiseNarrative(html: string): string {
  const clean = sanitizeHtml(normaliseText(html), OPTIONS).trim();
  // An editor's empty document is one empty paragraph.
  return clean === '<p></p>' ? '' : clean;
}

export interface Run {
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  superscript?: true;
  subscript?: true;
  link?: string;
  /** 1-based number of the footnote this marker refers to (the run's text is empty). */
  footnote?: number;
}

export interface Block {
  type: 'paragraph' | 'heading' | 'bullet' | 'ordered' | 'quote';
  /** Heading level (3 or 4), or list depth from 1. */
  level: number;
  runs: Run[];
}

export interface ParsedNarrative {
  blocks: Block[];
  footnotes: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the HTML entities the sanitiser emits. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Parse sanitised narrative HTML into paragraphs of formatted runs plus the footnote texts, for documents
 * (DOCX/PDF) and plain-text search. Only understands the subset `sanitiseNarrative` produces.
 */
export function parseNarrative(html: string): ParsedNarrative {
  const blocks: Block[] = [];
  const footnotes: string[] = [];
  const marks: string[] = [];
  const lists: ('bullet' | 'ordered')[] = [];
  let link: string | undefined;
  let quote = 0;
  let current: Block | null = null;
  let inFootnoteSup = false;

  const open = (type: Block['type'], level: number) => {
    current = { type, level, runs: [] };
    blocks.push(current);
  };
  const ensure = () => {
    if (!current) {
      if (lists.length) open(lists[lists.length - 1], lists.length);
      else open(quote ? 'quote' : 'paragraph', 1);
    }
    return current as unknown as Block;
  };
  const tokens = html.match(/<[^>]+>|[^<]+/g) ?? [];
  for (const tok of tokens) {
    if (tok[0] !== '<') {
      if (inFootnoteSup) continue;
      const text = decodeEntities(tok);
      if (!text) continue;
      const run: Run = { text };
      if (marks.includes('strong')) run.bold = true;
      if (marks.includes('em')) run.italic = true;
      if (marks.includes('u')) run.underline = true;
      if (marks.includes('s')) run.strike = true;
      if (marks.includes('sup')) run.superscript = true;
      if (marks.includes('sub')) run.subscript = true;
      if (link) run.link = link;
      ensure().runs.push(run);
      continue;
    }
    const m = /^<(\/?)([a-z0-9]+)([^>]*?)\/?>$/i.exec(tok);
    if (!m) continue;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3];
    switch (tag) {
      case 'p':
        if (closing) current = null;
        else if (lists.length) {
          // A paragraph inside a list item continues the item.
          ensure();
        } else open(quote ? 'quote' : 'paragraph', 1);
        break;
      case 'h3':
      case 'h4':
        if (closing) current = null;
        else open('heading', Number(tag[1]));
        break;
      case 'ul':
      case 'ol':
        if (closing) lists.pop();
        else lists.push(tag === 'ul' ? 'bullet' : 'ordered');
        current = null;
        break;
      case 'li':
        if (closing) current = null;
        else open(lists[lists.length - 1] ?? 'bullet', Math.max(1, lists.length));
        break;
      case 'blockquote':
        quote += closing ? -1 : 1;
        current = null;
        break;
      case 'br':
        ensure().runs.push({ text: '\n' });
        break;
      case 'a':
        link = closing ? undefined : decodeEntities(/href="([^"]*)"/.exec(attrs)?.[1] ?? '') || undefined;
        break;
      case 'sup': {
        if (closing) {
          if (inFootnoteSup) inFootnoteSup = false;
          else marks.splice(marks.lastIndexOf('sup'), 1);
          break;
        }
        const note = /data-footnote="([^"]*)"/.exec(attrs);
        if (note) {
          footnotes.push(decodeEntities(note[1]));
          ensure().runs.push({ text: '', footnote: footnotes.length });
          inFootnoteSup = true;
        } else marks.push('sup');
        break;
      }
      case 'strong':
      case 'em':
      case 'u':
      case 's':
      case 'sub':
        if (closing) marks.splice(marks.lastIndexOf(tag), 1);
        else marks.push(tag);
        break;
    }
  }
  return { blocks: blocks.filter((b) => b.runs.length > 0), footnotes };
}

/** Plain text of a narrative (paragraphs on their own lines, footnotes appended), for search and previews. */
export function narrativeToText(html: string): string {
  const { blocks, footnotes } = parseNarrative(html);
  const body = blocks.map((b) => b.runs.map((r) => (r.footnote ? `[${r.footnote}]` : r.text)).join('')).join('\n');
  const notes = footnotes.map((f, i) => `[${i + 1}] ${f}`).join('\n');
  return notes ? `${body}\n${notes}` : body;
}

/** Escape text for inclusion in HTML (element content or a double-quoted attribute). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

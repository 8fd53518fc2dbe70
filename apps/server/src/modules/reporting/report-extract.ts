import type { TaskStatus } from '@regionlink/shared';
import { escapeHtml, sanitiseNarrative } from './narrative';

/**
 * Draw narratives from the text of MoF's 2025 consolidated report (`reference/domain/mof-res57-report-2025.txt`)
 * for the demo data. A hand-written map (`reference/reporting/res57-2025-sources.json`) says, for each task, which
 * paragraphs of the report are about it, which organisations each paragraph cites, and which lines make up each
 * footnote (the text extracted from the PDF interleaves footnotes and page breaks with the body). Paragraphs are
 * quoted verbatim; a paragraph split by a page break is written `137+143`.
 */

export interface CiteSpec {
  orgs: string[];
  body: string[];
  /** Footnotes to keep on these paragraphs: all their lines (`"*"`) or only the listed lines. */
  fn?: Record<string, '*' | number[]>;
}

export interface TaskSourceSpec {
  status: TaskStatus | null;
  body: string[];
  cite: CiteSpec[];
  figures?: Record<string, Record<string, number>>;
}

export interface SourcesSpec {
  source: string;
  citedAs: string;
  footnotes: Record<string, number[]>;
  tasks: Record<string, TaskSourceSpec>;
  sections?: Record<string, CiteSpec[]>;
}

/** The report's lines, 1-based (`lines[137]` is line 137). */
export function reportLines(text: string): string[] {
  return ['', ...text.split('\n')];
}

const FN_MARK = /<sup>(\d+)<\/sup>/g;

/** Remove link and tag syntax, keeping the visible text. */
function stripMarkup(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\((?:[^)]*)\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<[^>]+>/g, '');
}

/** The plain text of a footnote, from all its lines or the listed subset. */
export function footnoteText(lines: string[], n: string, fnLines: number[], subset: '*' | number[] = '*'): string {
  const use = subset === '*' ? fnLines : fnLines.filter((l) => subset.includes(l));
  return use
    .map((l) => lines[l].replace(new RegExp(`^\\s*<sup>${n}</sup>\\s*`), ''))
    .map((t) => stripMarkup(t).replace(/\*+/g, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One paragraph ("123" or "137+143") as sanitised-ready HTML, with footnote markers resolved by `note`. */
export function paragraphHtml(lines: string[], spec: string, note: (n: string) => string | null): string {
  const raw = spec
    .split('+')
    .map((l) => {
      const i = Number(l);
      if (!Number.isInteger(i) || i < 1 || i >= lines.length) throw new Error(`report line ${l} does not exist`);
      return lines[i].trim();
    })
    .join(' ');
  const marked = raw.replace(FN_MARK, (_m, n: string) => `⟦${n}⟧`);
  let html = escapeHtml(stripMarkup(marked).replace(/\s+/g, ' ').trim());
  html = html
    .replace(/\*\*\*(.+?)\*\*\*/g, '<strong><em>$1</em></strong>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/\*/g, '');
  html = html.replace(/⟦(\d+)⟧/g, (_m, n: string) => {
    const text = note(n);
    return text ? `<sup data-footnote="${escapeHtml(text)}">${n}</sup>` : '';
  });
  return `<p>${html}</p>`;
}

/** The whole text of a task (every body paragraph with every footnote), for MoF's consolidated assessment. */
export function taskHtml(lines: string[], spec: SourcesSpec, task: TaskSourceSpec): string {
  const note = (n: string) => (spec.footnotes[n] ? footnoteText(lines, n, spec.footnotes[n]) : null);
  return sanitiseNarrative(task.body.map((p) => paragraphHtml(lines, p, note)).join(''));
}

/**
 * Per organisation, the paragraphs of the task that cite it, in the report's order, each with the footnote lines
 * that concern it. An organisation cited several times gets the union.
 */
export function citationsByOrg(
  lines: string[],
  spec: SourcesSpec,
  cites: CiteSpec[],
  order: string[],
): Map<string, string> {
  const byOrg = new Map<string, { paras: Set<string>; fn: Map<string, Set<number> | '*'> }>();
  for (const c of cites)
    for (const org of c.orgs) {
      const e = byOrg.get(org) ?? { paras: new Set<string>(), fn: new Map() };
      for (const p of c.body) e.paras.add(p);
      for (const [n, sel] of Object.entries(c.fn ?? {})) {
        const prev = e.fn.get(n);
        if (sel === '*' || prev === '*') e.fn.set(n, '*');
        else e.fn.set(n, new Set([...(prev ?? []), ...sel]));
      }
      byOrg.set(org, e);
    }
  const position = (p: string) => {
    const i = order.indexOf(p);
    return i < 0 ? Number(p.split('+')[0]) : i;
  };
  const out = new Map<string, string>();
  for (const [org, e] of byOrg) {
    const note = (n: string) => {
      const sel = e.fn.get(n);
      if (!sel || !spec.footnotes[n]) return null;
      return footnoteText(lines, n, spec.footnotes[n], sel === '*' ? '*' : [...sel]) || null;
    };
    const html = [...e.paras]
      .sort((a, b) => position(a) - position(b))
      .map((p) => paragraphHtml(lines, p, note))
      .join('');
    out.set(org, sanitiseNarrative(html));
  }
  return out;
}

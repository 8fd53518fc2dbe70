import type { ReportBlock, ReportModel } from '@regionlink/shared';
import { type LayoutDoc, layoutLetter, layoutReport } from '../layout';
import { listTasks } from '../report-model';
import { splitSentences, wordCount } from './text';

/**
 * The measurements of the drafter (issue 12, "How it is measured"), as pure functions over a drafted model so the
 * benchmark prints them and the tests assert them: words per task paragraph, organisations named, themes, letter
 * points; words drafted as a share of a real package; real Part I sentences whose organisations and figures appear in
 * the drafted paragraph of the same task.
 */

/** All text of blocks, footnotes included (what a reader of the DOCX sees of them). */
export function blocksAllText(blocks: readonly ReportBlock[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (!('content' in b)) continue;
    for (const c of b.content) {
      if (c.kind === 'text') out.push(c.text);
      else if (c.kind === 'footnote')
        for (const p of c.paragraphs) out.push(` ${p.map((x) => (x.kind === 'text' ? x.text : '')).join('')} `);
    }
    out.push('\n');
  }
  return out.join('');
}

/** Text of blocks without footnotes (the paragraph as printed in the body). */
export function blocksBodyText(blocks: readonly ReportBlock[]): string {
  return blocks
    .map((b) => ('content' in b ? b.content.map((c) => (c.kind === 'text' ? c.text : '')).join('') : ''))
    .join('\n');
}

export interface TaskMeasure {
  code: string;
  /** Words of the drafted paragraph in the body (footnotes not counted). */
  words: number;
  /** Words with the footnotes. */
  wordsWithNotes: number;
  organisations: number;
}

/** Words of each task's paragraph, for the tasks that have at least one accepted contribution. */
export function taskMeasures(model: ReportModel): TaskMeasure[] {
  return listTasks(model)
    .filter(({ task }) => task.narratives.length > 0)
    .map(({ task }) => ({
      code: task.code,
      words: wordCount(blocksBodyText(task.synthesis)),
      wordsWithNotes: wordCount(blocksAllText(task.synthesis)),
      organisations: task.narratives.length,
    }));
}

/**
 * Accepted organisations not named in Part I (text or footnotes). `names` gives each organisation the forms it may
 * be written in ("UBND tỉnh Lạng Sơn", "Lạng Sơn", "Sở Tài chính tỉnh Lạng Sơn").
 */
export function unnamedOrganisations(model: ReportModel, names: ReadonlyMap<string, readonly string[]>): string[] {
  const text = listTasks(model)
    .map(({ task }) => blocksAllText(task.synthesis))
    .join('\n');
  return [...names.entries()].filter(([, forms]) => !forms.some((f) => text.includes(f))).map(([code]) => code);
}

/** Themes drafted in Parts II and III (sections' theme lists). */
export function themeCounts(model: ReportModel): { partTwo: number; partThree: number } {
  const n = (p: 'partTwo' | 'partThree') => model.report[p].sections.reduce((a, s) => a + (s.themes?.length ?? 0), 0);
  return { partTwo: n('partTwo'), partThree: n('partThree') };
}

/** Words of each letter point (the template's point titles not counted). */
export function letterPointWords(model: ReportModel): number[] {
  return model.letter.sections.map((s) => wordCount(blocksAllText(s.blocks)));
}

/** Words of laid-out documents: every paragraph and every footnote. */
export function layoutWords(docs: readonly LayoutDoc[]): number {
  let w = 0;
  for (const d of docs) {
    for (const b of d.blocks) if (b.kind === 'para') w += wordCount(b.runs.map((r) => r.text).join(''));
    for (const n of d.notes) w += wordCount(n.map((p) => p.map((r) => r.text).join('')).join(' '));
  }
  return w;
}

/** Words of the letter and the report as they would be exported (drafting aids as the model says). */
export function draftedWords(model: ReportModel): { letter: number; report: number } {
  return {
    letter: layoutWords([layoutLetter({ model, boundaries: null })]),
    report: layoutWords([layoutReport({ model, boundaries: null })]),
  };
}

export interface SentenceCoverage {
  /** Real Part I sentences that name an organisation or carry a figure. */
  sentences: number;
  /** Of those, the ones whose organisations and figures all appear in the drafted paragraph of the same task. */
  covered: number;
  /** Examples of sentences not covered, with what is missing (for the report). */
  misses: { task: string; sentence: string; missing: string[] }[];
}

/** Figures of a sentence as they are compared: numbers with at least two digits or a separator, and document numbers. */
export function sentenceFigures(text: string): string[] {
  return (text.match(/\d+(?:[.,/-]\d+)*(?:\/[\p{Lu}Đ][\p{Lu}\dĐ-]*)?%?/gu) ?? []).filter((f) => f.length >= 2);
}

/**
 * For each real task text, its sentences that name an organisation (one of `names`, any form) or carry a figure; a
 * sentence is covered when every organisation and figure it has appears in the drafted text of the same task.
 */
export function partOneSentenceCoverage(
  model: ReportModel,
  real: readonly { code: string; text: string }[],
  names: ReadonlyMap<string, readonly string[]>,
  abbreviations: readonly string[],
): SentenceCoverage {
  const drafted = new Map(listTasks(model).map(({ task }) => [task.code, blocksAllText(task.synthesis)]));
  let sentences = 0;
  let covered = 0;
  const misses: SentenceCoverage['misses'] = [];
  for (const t of real) {
    const d = drafted.get(t.code) ?? '';
    for (const s of t.text.split(/\n+/).flatMap((p) => splitSentences(p.trim(), abbreviations))) {
      const orgs = [...names.values()].filter((forms) => forms.some((f) => s.includes(f)));
      const figs = sentenceFigures(s);
      if (orgs.length === 0 && figs.length === 0) continue;
      sentences++;
      const missing = [
        ...orgs.filter((forms) => !forms.some((f) => d.includes(f))).map((forms) => forms[0]),
        ...figs.filter((f) => !d.includes(f)),
      ];
      if (missing.length === 0) covered++;
      else if (misses.length < 20) misses.push({ task: t.code, sentence: s.slice(0, 200), missing });
    }
  }
  return { sentences, covered, misses };
}

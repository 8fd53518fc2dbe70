import type {
  DraftSentence,
  DraftTrace,
  ReportBlock,
  ReportInline,
  ReportTaskStatus,
  ReportText,
} from '@regionlink/shared';
import type { ComposedSentence } from './compose-task';
import { type DraftingResources, fill } from './resources';
import { endSentence, lowerFirstWord } from './text';
import type { DraftedTheme } from './themes';

/**
 * Drafted sentences as report blocks (paragraphs with footnotes), theme paragraphs of Parts II–III ("Một là, …"), the
 * letter's points 1–3, and the consolidated status of a task from what its reporters said. Pure.
 */

const text = (t: string, italic = false): ReportText => ({ kind: 'text', text: t, bold: false, italic });

const footnote = (paragraphs: readonly string[]): ReportInline => ({
  kind: 'footnote',
  paragraphs: paragraphs.filter((p) => p.trim()).map((p) => [text(p.slice(0, 49_000))]),
});

/** Paragraphs of drafted sentences as blocks: sentences joined by a space, each footnote after its sentence. */
export function sentencesToBlocks(paragraphs: readonly ComposedSentence[][]): ReportBlock[] {
  return paragraphs.map((p) => {
    const content: ReportInline[] = [];
    p.forEach((s, i) => {
      const t = i === 0 ? s.text : ` ${s.text}`;
      // Adjacent plain runs are one run, as the editor writes them back.
      const last = content[content.length - 1];
      if (last?.kind === 'text' && !last.bold && !last.italic) last.text += t;
      else content.push(text(t));
      if (s.footnote?.some((x) => x.trim())) content.push(footnote(s.footnote));
    });
    return { kind: 'paragraph', content };
  });
}

/** The trace of drafted sentences (without their footnotes' text, which the blocks hold). */
export function traceOf(
  paragraphs: readonly ComposedSentence[][],
  leftOut: DraftTrace['leftOut'],
  organisations: readonly string[],
): DraftTrace {
  return {
    sentences: paragraphs.flat().map(({ footnote: _f, ...s }) => s),
    leftOut: [...leftOut],
    organisations: [...organisations],
  };
}

/**
 * Theme paragraphs: each selected group of themes is one paragraph opened by an italic ordinal ("Một là, …"); themes
 * merged into one group are joined with "; " and their footnotes combined. `groups` lists theme ids in print order
 * (default: every theme alone, in rank order).
 */
export function themeBlocks(
  themes: readonly DraftedTheme[],
  res: DraftingResources,
  groups: readonly (readonly string[])[] = themes.map((t) => [t.id]),
): { blocks: ReportBlock[]; sentences: DraftSentence[] } {
  const byId = new Map(themes.map((t) => [t.id, t]));
  const blocks: ReportBlock[] = [];
  const sentences: DraftSentence[] = [];
  groups.forEach((g, i) => {
    const members = g.map((id) => byId.get(id)).filter((t): t is DraftedTheme => !!t);
    if (members.length === 0) return;
    const joined = members
      .map((t, j) => {
        const s = t.sentence.text.replace(/[.\s]+$/, '');
        return j === 0 ? s : lowerFirstWord(s, res.phrases.properNounHeads);
      })
      .join('; ');
    const ordinal = res.phrases.ordinals[i] ?? `${i + 1})`;
    const notes = members.flatMap((t) => t.footnote);
    blocks.push({
      kind: 'paragraph',
      content: [
        text(ordinal, true),
        text(`, ${lowerFirstWord(endSentence(joined), res.phrases.properNounHeads)}`),
        footnote([...new Set(notes)]),
      ],
    });
    sentences.push({
      text: `${ordinal}, ${lowerFirstWord(endSentence(joined), res.phrases.properNounHeads)}`,
      kind: 'theme',
      score: members.map((t) => t.sentence.score).join(' + '),
      sources: members.flatMap((t) => t.sentence.sources),
    });
  });
  return { blocks, sentences };
}

/**
 * The consolidated status of a task from its reporters when MoF has not assessed it: the common status when all agree;
 * otherwise "in progress" if anyone is still implementing or has not started, else "recurring".
 */
export function consolidatedStatus(statuses: readonly (ReportTaskStatus | null)[]): ReportTaskStatus | null {
  const s = statuses.filter((x): x is ReportTaskStatus => !!x && x !== 'not_applicable' && x !== 'unclear');
  if (s.length === 0) return null;
  if (s.every((x) => x === s[0])) return s[0];
  if (s.some((x) => x === 'in_progress' || x === 'not_started')) return 'in_progress';
  return 'recurring';
}

export interface LetterPointsInput {
  policy: string;
  year: number;
  /** Consolidated status of every task of the outline (null: nobody reported). */
  taskStatuses: readonly (ReportTaskStatus | null)[];
  results: readonly DraftedTheme[];
  /** Part I's statements made by most organisations, for point 1 when no organisation reported results of its own. */
  highlights?: readonly DraftedTheme[];
  recommendations: readonly DraftedTheme[];
  proposals: readonly DraftedTheme[];
  /** How many themes each point takes (default 3, 5, 3). */
  top?: { results: number; recommendations: number; proposals: number };
}

export interface LetterPoint {
  blocks: ReportBlock[];
  sentences: DraftSentence[];
}

function themeLines(
  themes: readonly DraftedTheme[],
  ordinals: readonly string[],
  heads: readonly string[],
): LetterPoint {
  const blocks: ReportBlock[] = [];
  const sentences: DraftSentence[] = [];
  themes.forEach((t, i) => {
    const ordinal = ordinals[i] ?? `${i + 1})`;
    const body = `, ${lowerFirstWord(endSentence(t.sentence.text), heads)}`;
    blocks.push({ kind: 'paragraph', content: [text(ordinal, true), text(body), footnote([t.footnote[0]])] });
    sentences.push({ ...t.sentence, text: `${ordinal}${body}`, kind: 'summary' });
  });
  return { blocks, sentences };
}

/**
 * The letter's points: 1 from Part I's state summary and the top results (else Part I's most shared statements), 2 from
 * the recommendations, 3 from proposals.
 */
export function letterPoints(
  input: LetterPointsInput,
  res: DraftingResources,
): [LetterPoint, LetterPoint, LetterPoint] {
  const top = input.top ?? { results: 3, recommendations: 5, proposals: 3 };
  const p = res.phrases;
  const counts = new Map<string, number>();
  for (const s of input.taskStatuses) {
    const k = s === null || s === 'not_reported' ? 'none' : s === 'unclear' || s === 'not_applicable' ? 'none' : s;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const order = ['done', 'recurring', 'in_progress', 'not_started', 'none'] as const;
  const parts = order.filter((k) => counts.get(k)).map((k) => fill(p.letterStateParts[k], { n: counts.get(k) ?? 0 }));
  const summary = fill(p.letterPointOne, {
    policy: input.policy,
    total: input.taskStatuses.length,
    year: input.year,
    parts: parts.join(', '),
  });
  const one = input.results.length
    ? themeLines(input.results.slice(0, top.results), p.ordinalsLetter, p.properNounHeads)
    : themeLines((input.highlights ?? []).slice(0, 6), p.ordinalsLetter, p.properNounHeads);
  const first: LetterPoint = {
    blocks: [
      { kind: 'paragraph', content: [text(summary)] },
      ...(one.blocks.length
        ? [{ kind: 'paragraph' as const, content: [text(p.letterResultsLead)] }, ...one.blocks]
        : []),
    ],
    sentences: [{ text: summary, kind: 'summary', score: null, sources: [] }, ...one.sentences],
  };
  const lead = (leadText: string, lp: LetterPoint): LetterPoint =>
    lp.blocks.length
      ? { blocks: [{ kind: 'paragraph', content: [text(leadText)] }, ...lp.blocks], sentences: lp.sentences }
      : lp;
  return [
    first,
    lead(
      p.letterRecommendationsLead,
      themeLines(input.recommendations.slice(0, top.recommendations), p.ordinals, p.properNounHeads),
    ),
    lead(p.letterProposalsLead, themeLines(input.proposals.slice(0, top.proposals), p.ordinals, p.properNounHeads)),
  ];
}

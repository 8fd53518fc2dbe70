import { coverage, features, figuresIn, jaccard, splitClauses, wordCount } from './text';

/**
 * Choice of the key sentence of a narrative, by an extractive score that can be explained term by term:
 *
 *   score = 1.0 × position + 0.8 × figures + 1.5 × task overlap + 1.0 × similarity
 *
 * - position: 1 for the first sentence, 1/2 for the second, … (reports state the main point first);
 * - figures: 0.5 per figure or document number in the sentence, at most 1 (facts the report can cite);
 * - task overlap: share of the task heading's content words and bigrams the sentence contains (on topic);
 * - similarity: mean overlap with the other organisations' sentences on the same task (what several report).
 *
 * The chosen sentence is trimmed to its best clause when it is long (more than `maxWords` words).
 */

export const WEIGHTS = { position: 1, figures: 0.8, task: 1.5, similarity: 1 } as const;

export interface ScoredSentence {
  index: number;
  text: string;
  score: number;
  parts: { position: number; figures: number; task: number; similarity: number };
  /** "vị trí 1 (1,00) + số liệu 2 (0,80) + đề mục 0,40 (0,60) + tương đồng 0,12 (0,12) = 2,52". */
  explanation: string;
}

const f2 = (n: number) => n.toFixed(2).replace('.', ',');

/** Score each sentence of one narrative against the task heading and the other narratives' sentences. */
export function scoreSentences(
  sentences: readonly string[],
  context: { heading: string; others: readonly string[]; stopwords: ReadonlySet<string> },
): ScoredSentence[] {
  const h = features(context.heading, context.stopwords);
  const others = context.others.map((o) => features(o, context.stopwords));
  return sentences.map((text, index) => {
    const f = features(text, context.stopwords);
    const nFig = figuresIn(text).length;
    const parts = {
      position: 1 / (index + 1),
      figures: Math.min(1, nFig * 0.5),
      task: coverage(f, h),
      similarity: others.length ? others.reduce((a, o) => a + jaccard(f, o), 0) / others.length : 0,
    };
    const score =
      WEIGHTS.position * parts.position +
      WEIGHTS.figures * parts.figures +
      WEIGHTS.task * parts.task +
      WEIGHTS.similarity * parts.similarity;
    const explanation = `vị trí ${index + 1} (${f2(WEIGHTS.position * parts.position)}) + số liệu ${nFig} (${f2(WEIGHTS.figures * parts.figures)}) + đề mục ${f2(parts.task)} (${f2(WEIGHTS.task * parts.task)}) + tương đồng ${f2(parts.similarity)} (${f2(WEIGHTS.similarity * parts.similarity)}) = ${f2(score)}`;
    return { index, text, score, parts, explanation };
  });
}

/** The best-scoring sentence (the earliest on a tie), or null for no sentences. */
export function keySentence(scored: readonly ScoredSentence[]): ScoredSentence | null {
  let best: ScoredSentence | null = null;
  for (const s of scored) if (!best || s.score > best.score + 1e-9) best = s;
  return best;
}

/**
 * A long sentence trimmed to its clause: the ";"-separated clause that covers most of the task heading and carries
 * figures; the first clause on a tie (it usually holds the subject).
 */
export function trimToClause(sentence: string, heading: string, stopwords: ReadonlySet<string>, maxWords = 45): string {
  const clauses = splitClauses(sentence);
  if (clauses.length < 2 || wordCount(sentence) <= maxWords) return sentence;
  const h = features(heading, stopwords);
  let best = clauses[0];
  let bestScore = -1;
  clauses.forEach((c, i) => {
    const s = coverage(features(c, stopwords), h) + Math.min(1, figuresIn(c).length * 0.5) * 0.5 + (i === 0 ? 0.1 : 0);
    if (s > bestScore + 1e-9) {
      best = c;
      bestScore = s;
    }
  });
  return best;
}

import { AnalyticsInputError, requireDistinctCodes, requireFinite, sum, type UnitValue } from './numeric';
import { type RankDirection, rankUnits } from './ranks';

/**
 * A composite index in the spirit of the OECD regional well-being scores and Korea's balanced-development index: each
 * indicator is normalised to 0–10 across the units (10 = best, whatever the direction), the scores are combined with
 * the user's weights, and the units are ranked. Pure.
 */

export interface IndexIndicatorInput {
  code: string;
  direction: RankDirection;
  /** Relative weight (any non-negative number; weights are divided by their sum). */
  weight: number;
  values: readonly UnitValue[];
}

export interface IndexIndicatorSummary {
  code: string;
  direction: RankDirection;
  weight: number;
  /** weight / Σ weights. */
  normalisedWeight: number;
  n: number;
  min: number | null;
  max: number | null;
  /** The unit at the worst (score 0) and the best (score 10) end. */
  worstUnit: string | null;
  bestUnit: string | null;
  /** True when every unit has the same value: the indicator cannot discriminate and scores 5 everywhere. */
  constant: boolean;
}

export interface IndexComponent {
  indicator: string;
  value: number | null;
  /** 0–10 score of this indicator. */
  score: number | null;
  weight: number;
  /** weight × score: the points this indicator adds to the composite. */
  contribution: number | null;
}

export interface IndexUnitResult {
  code: string;
  /** Composite score 0–10; null when a component is missing and `missing` is `exclude`. */
  score: number | null;
  rank: number | null;
  complete: boolean;
  components: IndexComponent[];
}

export interface CompositeIndexResult {
  indicators: IndexIndicatorSummary[];
  units: IndexUnitResult[];
  missing: 'exclude' | 'reweight';
  /** Units ranked (those with a score). */
  ranked: number;
}

/**
 * Min–max score of one value on 0–10 where 10 is the best end:
 * higher is better: 10·(x − min)/(max − min); lower is better: 10·(max − x)/(max − min). A constant indicator gives 5.
 */
export function scoreValue(value: number, min: number, max: number, direction: RankDirection): number {
  if (max === min) return 5;
  const s = direction === 'higher_better' ? (value - min) / (max - min) : (max - value) / (max - min);
  return 10 * Math.min(1, Math.max(0, s));
}

/**
 * Build a composite index over `units` (the codes to score, all of one vintage).
 * - Each indicator's min and max are taken over the units that have a value, and values are scored 0–10 (scoreValue).
 * - Weights are divided by their sum; the composite is Σ wₖ·scoreₖ, so it is also on 0–10.
 * - A unit missing an indicator gets no composite with `missing: 'exclude'` (the default, no silent imputation);
 *   with `'reweight'` it is scored on the indicators it has, their weights rescaled to sum to 1.
 * - Units are ranked by composite, 1 = best, ties sharing a rank.
 */
export function computeCompositeIndex(
  units: readonly string[],
  indicators: readonly IndexIndicatorInput[],
  options: { missing?: 'exclude' | 'reweight' } = {},
): CompositeIndexResult {
  const missing = options.missing ?? 'exclude';
  if (indicators.length === 0)
    throw new AnalyticsInputError(
      'no_indicators',
      'An index needs at least one indicator.',
      'Chỉ số tổng hợp cần ít nhất một chỉ tiêu.',
    );
  requireDistinctCodes(indicators);
  for (const ind of indicators)
    if (!Number.isFinite(ind.weight) || ind.weight < 0)
      throw new AnalyticsInputError(
        'bad_weight',
        `The weight of indicator ${ind.code} must be a non-negative number.`,
        `Trọng số của chỉ tiêu ${ind.code} phải là số không âm.`,
        { indicator: ind.code },
      );
  const totalWeight = sum(indicators.map((i) => i.weight));
  if (!(totalWeight > 0))
    throw new AnalyticsInputError(
      'zero_weights',
      'At least one indicator must have a positive weight.',
      'Ít nhất một chỉ tiêu phải có trọng số dương.',
    );
  const universe = new Set(units);
  const summaries: IndexIndicatorSummary[] = [];
  const scoreMaps: Map<string, { value: number; score: number }>[] = [];
  for (const ind of indicators) {
    requireDistinctCodes(ind.values);
    requireFinite(ind.values);
    const vs = ind.values.filter((v) => universe.has(v.code));
    let lo: UnitValue | null = null;
    let hi: UnitValue | null = null;
    for (const v of vs) {
      if (!lo || v.value < lo.value) lo = v;
      if (!hi || v.value > hi.value) hi = v;
    }
    const min = lo?.value ?? null;
    const max = hi?.value ?? null;
    const higher = ind.direction === 'higher_better';
    summaries.push({
      code: ind.code,
      direction: ind.direction,
      weight: ind.weight,
      normalisedWeight: ind.weight / totalWeight,
      n: vs.length,
      min,
      max,
      worstUnit: (higher ? lo : hi)?.code ?? null,
      bestUnit: (higher ? hi : lo)?.code ?? null,
      constant: vs.length > 0 && min === max,
    });
    scoreMaps.push(
      new Map(vs.map((v) => [v.code, { value: v.value, score: scoreValue(v.value, min!, max!, ind.direction) }])),
    );
  }
  const results: IndexUnitResult[] = units.map((code) => {
    const components: IndexComponent[] = summaries.map((s, k) => {
      const hit = scoreMaps[k].get(code);
      return {
        indicator: s.code,
        value: hit?.value ?? null,
        score: hit?.score ?? null,
        weight: s.normalisedWeight,
        contribution: hit ? s.normalisedWeight * hit.score : null,
      };
    });
    const present = components.filter((c) => c.score !== null);
    const complete = present.length === components.length;
    let score: number | null = null;
    if (complete) score = sum(present.map((c) => c.contribution!));
    else if (missing === 'reweight') {
      const w = sum(present.map((c) => c.weight));
      if (w > 0) score = sum(present.map((c) => c.contribution!)) / w;
    }
    return { code, score, rank: null, complete, components };
  });
  const ranks = rankUnits(
    results.filter((r) => r.score !== null).map((r) => ({ code: r.code, value: r.score! })),
    'higher_better',
  );
  for (const r of results) r.rank = ranks.get(r.code) ?? null;
  return { indicators: summaries, units: results, missing, ranked: ranks.size };
}

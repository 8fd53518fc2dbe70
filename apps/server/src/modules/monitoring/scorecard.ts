import { scoreValue } from '../analytics/composite-index';
import { rankUnits } from '../analytics/ranks';

/**
 * The linkage scorecard's arithmetic, after the OECD/JRC Handbook on Constructing Composite Indicators: normalise each
 * component (min–max 0–10 by default, z-scores as the variant), aggregate with weights by weighted arithmetic mean over
 * the components a province has (weights rescaled; ranked only when they carry `minWeightShare` of the total), rank,
 * and re-rank under variations of normalisation, missing-data rule and weights to give each province a rank interval.
 * Pure; the min–max score and the ranking are the analytics engine's (`scoreValue`, `rankUnits`).
 */

export type Normalisation = 'minmax' | 'zscore';
export type MissingRule = 'reweight' | 'worst';

export interface ComponentInput {
  code: string;
  direction: 'higher_better' | 'lower_better';
  /** Raw value per province code; null or absent = missing. */
  values: ReadonlyMap<string, number | null>;
}

export interface Variant {
  normalisation: Normalisation;
  missing: MissingRule;
  weights: Readonly<Record<string, number>>;
}

export interface ProvinceScore {
  code: string;
  /** Composite on the variant's scale (0–10 for min–max, weighted mean z for z-scores); null when not ranked. */
  score: number | null;
  rank: number | null;
  /** Share of the total weight carried by the components the province has. */
  coverage: number;
  normalised: Record<string, number | null>;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Normalise one component across the provinces that have it. A constant component gives 5 (min–max) or 0 (z). */
export function normalise(c: ComponentInput, method: Normalisation): Map<string, number> {
  const present = [...c.values].filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]));
  const out = new Map<string, number>();
  if (present.length === 0) return out;
  const xs = present.map(([, v]) => v);
  if (method === 'minmax') {
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    for (const [k, v] of present) out.set(k, scoreValue(v, min, max, c.direction));
    return out;
  }
  const m = mean(xs);
  const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  const sign = c.direction === 'higher_better' ? 1 : -1;
  for (const [k, v] of present) out.set(k, sd === 0 ? 0 : (sign * (v - m)) / sd);
  return out;
}

/**
 * Score every province under one variant: normalise, fill missing values per the rule (`worst`: the lowest normalised
 * value of the component), aggregate by weighted mean over the components present, rank (1 = best, ties share).
 */
export function scoreVariant(
  provinces: readonly string[],
  components: readonly ComponentInput[],
  v: Variant,
  minWeightShare: number,
): ProvinceScore[] {
  const total = components.reduce((s, c) => s + (v.weights[c.code] ?? 0), 0);
  const norm = components.map((c) => normalise(c, v.normalisation));
  const floor = norm.map((m) => (m.size ? Math.min(...m.values()) : null));
  const rows = provinces.map((code) => {
    let w = 0;
    let acc = 0;
    let have = 0;
    const normalised: Record<string, number | null> = {};
    components.forEach((c, k) => {
      const wk = v.weights[c.code] ?? 0;
      const own = norm[k].get(code);
      normalised[c.code] = own ?? null;
      if (own !== undefined) have += wk;
      const x = own ?? (v.missing === 'worst' ? floor[k] : null);
      if (x === null || x === undefined || wk === 0) return;
      w += wk;
      acc += wk * x;
    });
    const coverage = total > 0 ? have / total : 0;
    const score = total > 0 && w > 0 && coverage >= minWeightShare ? acc / w : null;
    return { code, score, rank: null as number | null, coverage, normalised };
  });
  const ranks = rankUnits(
    rows.filter((r) => r.score !== null).map((r) => ({ code: r.code, value: r.score! })),
    'higher_better',
  );
  for (const r of rows) r.rank = ranks.get(r.code) ?? null;
  return rows;
}

/** The weight sets of the sensitivity analysis: the user's, equal, each component dropped, each doubled. */
export function weightVariants(
  codes: readonly string[],
  user: Readonly<Record<string, number>>,
): { label: string; weights: Record<string, number> }[] {
  const equal = Object.fromEntries(codes.map((c) => [c, 1]));
  const out = [
    { label: 'user', weights: { ...user } },
    { label: 'equal', weights: equal },
  ];
  for (const c of codes) {
    if ((user[c] ?? 0) > 0 && codes.filter((x) => (user[x] ?? 0) > 0).length > 1)
      out.push({ label: `drop:${c}`, weights: { ...user, [c]: 0 } });
    out.push({ label: `double:${c}`, weights: { ...user, [c]: 2 * (user[c] ?? 0) || 1 } });
  }
  return out;
}

export interface RankInterval {
  code: string;
  best: number | null;
  worst: number | null;
  /** Variants in which the province was ranked, of all variants. */
  rankedIn: number;
  variants: number;
}

/**
 * Rank intervals: the best and worst rank of each province over every combination of normalisation (both), missing
 * rule (both) and weight set (`weightVariants`). The point variant is among them, so its rank lies in the interval.
 */
export function rankIntervals(
  provinces: readonly string[],
  components: readonly ComponentInput[],
  userWeights: Readonly<Record<string, number>>,
  minWeightShare: number,
): RankInterval[] {
  const ws = weightVariants(
    components.map((c) => c.code),
    userWeights,
  );
  const acc = new Map(provinces.map((p) => [p, { best: Infinity, worst: -Infinity, n: 0 }]));
  let variants = 0;
  for (const normalisation of ['minmax', 'zscore'] as const)
    for (const missing of ['reweight', 'worst'] as const)
      for (const w of ws) {
        variants++;
        for (const r of scoreVariant(
          provinces,
          components,
          { normalisation, missing, weights: w.weights },
          minWeightShare,
        )) {
          if (r.rank === null) continue;
          const a = acc.get(r.code)!;
          a.best = Math.min(a.best, r.rank);
          a.worst = Math.max(a.worst, r.rank);
          a.n++;
        }
      }
  return provinces.map((code) => {
    const a = acc.get(code)!;
    return {
      code,
      best: a.n ? a.best : null,
      worst: a.n ? a.worst : null,
      rankedIn: a.n,
      variants,
    };
  });
}

export interface Contribution {
  code: string;
  /** Normalised score of the component (null = missing). */
  normalised: number | null;
  /** Weight in the province's own aggregation (rescaled over its present components). */
  weight: number;
  /** weight × (score − mean score of the component over the provinces): above 0 lifts, below 0 sinks. */
  lift: number | null;
}

/**
 * Decomposition of one province's composite: each component's weighted distance from the component's average, so
 * that the components that lift it above the field and those that sink it below can be named.
 */
export function decompose(
  score: ProvinceScore,
  all: readonly ProvinceScore[],
  weights: Readonly<Record<string, number>>,
): Contribution[] {
  const codes = Object.keys(score.normalised);
  const wPresent = codes.reduce((s, c) => s + (score.normalised[c] !== null ? (weights[c] ?? 0) : 0), 0);
  return codes.map((c) => {
    const x = score.normalised[c];
    const others = all.map((r) => r.normalised[c]).filter((v): v is number => v !== null);
    const w = x !== null && wPresent > 0 ? (weights[c] ?? 0) / wPresent : 0;
    return {
      code: c,
      normalised: x,
      weight: w,
      lift: x === null || others.length === 0 ? null : w * (x - mean(others)),
    };
  });
}

/** The component that moves the province most (largest |lift|), and whether it lifts or sinks it. */
export function drivingComponent(cs: readonly Contribution[]): { code: string; lift: number } | null {
  let best: { code: string; lift: number } | null = null;
  for (const c of cs)
    if (c.lift !== null && (best === null || Math.abs(c.lift) > Math.abs(best.lift)))
      best = { code: c.code, lift: c.lift };
  return best;
}

import {
  AnalyticsInputError,
  mean,
  median,
  quantile,
  requireDistinctCodes,
  requireFinite,
  standardDeviation,
  sum,
  type UnitValue,
} from './numeric';
import { binomial, chooseK, seededRandom } from './random';

/**
 * Member versus non-member comparison for a grouping (are provinces inside a growth-pole region richer, or growing
 * faster, than those outside?), with a permutation test of the difference.
 */

export interface GroupSummary {
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface PermutationTest {
  /** `exact`: every way of choosing the members was enumerated; `monte-carlo`: `draws` random relabellings. */
  method: 'exact' | 'monte-carlo';
  draws: number;
  /** Seed of the random relabellings (null for an exact test): the same seed gives the same p-value. */
  seed: number | null;
  /**
   * Two-sided p-value for the difference in means: the share of relabellings whose |difference| is at least the
   * observed one. Monte Carlo uses (count + 1) / (draws + 1), which never reports 0 (Phipson & Smyth 2010).
   */
  pValue: number;
  /** The same for the difference in medians. */
  pValueMedian: number;
  /** Spread of the difference in means when membership is random: its standard deviation and 2.5–97.5 % range. */
  nullSd: number;
  nullLow: number;
  nullHigh: number;
}

export interface Comparison {
  members: GroupSummary;
  others: GroupSummary;
  /** Mean and median of members minus those of non-members. */
  differenceMean: number | null;
  differenceMedian: number | null;
  /** Members' mean relative to non-members' (1.5 = 50 % higher). */
  ratioMean: number | null;
  test: PermutationTest | null;
  /** Member codes that have no value, and units that are neither (not in the list at all) are left out. */
  membersWithoutValue: string[];
}

const summarise = (values: number[]): GroupSummary =>
  values.length === 0
    ? { n: 0, mean: null, median: null, sd: null, min: null, max: null }
    : {
        n: values.length,
        mean: mean(values),
        median: median(values),
        sd: standardDeviation(values),
        min: Math.min(...values),
        max: Math.max(...values),
      };

/** Visit every k-subset of 0…n−1 in lexicographic order. */
function forEachCombination(n: number, k: number, visit: (chosen: number[]) => void): void {
  const c = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(c);
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  }
}

/** Default number of random relabellings, and the largest number of subsets that is enumerated exactly instead. */
export const DEFAULT_DRAWS = 9999;
export const MAX_EXACT = 20_000;

/**
 * Compare units inside a grouping with the rest: n, mean, median, SD, min, max on each side, the differences, and a
 * permutation test. Under the null hypothesis membership is unrelated to the value, so every way of picking as many
 * "members" from all units is equally likely; the p-value is the share of those relabellings whose difference is at
 * least as large (in absolute value) as the observed one. When there are at most `MAX_EXACT` ways, all are enumerated
 * (exact test); otherwise `draws` random ones are drawn from a generator seeded with `seed`.
 */
export function compareMembers(
  values: readonly UnitValue[],
  members: ReadonlySet<string>,
  options: { draws?: number; seed?: number } = {},
): Comparison {
  requireDistinctCodes(values);
  requireFinite(values);
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(draws) || draws < 99 || draws > 1_000_000)
    throw new AnalyticsInputError(
      'bad_draws',
      'The number of permutations must be an integer between 99 and 1,000,000.',
      'Số lần hoán vị phải là số nguyên từ 99 đến 1.000.000.',
    );
  const inside = values.filter((v) => members.has(v.code)).map((v) => v.value);
  const outside = values.filter((v) => !members.has(v.code)).map((v) => v.value);
  const present = new Set(values.map((v) => v.code));
  const membersWithoutValue = [...members].filter((c) => !present.has(c)).sort();
  const m = summarise(inside);
  const o = summarise(outside);
  const base = {
    members: m,
    others: o,
    differenceMean: m.mean !== null && o.mean !== null ? m.mean - o.mean : null,
    differenceMedian: m.median !== null && o.median !== null ? m.median - o.median : null,
    ratioMean: m.mean !== null && o.mean !== null && o.mean !== 0 ? m.mean / o.mean : null,
    membersWithoutValue,
  };
  if (inside.length === 0 || outside.length === 0) return { ...base, test: null };

  // Sorted once, so each relabelling's two medians are read off in one ordered pass instead of two sorts.
  const all = [...inside, ...outside].sort((a, b) => a - b);
  const n = all.length;
  const k = inside.length;
  const total = sum(all);
  const meanDiff = (subsetSum: number) => subsetSum / k - (total - subsetSum) / (n - k);
  const mask = new Uint8Array(n);
  const a = new Float64Array(k);
  const b = new Float64Array(n - k);
  const middle = (xs: Float64Array) =>
    xs.length % 2 === 1 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  const medianDiff = (chosen: readonly number[]) => {
    mask.fill(0);
    for (const i of chosen) mask[i] = 1;
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i]) a[ia++] = all[i];
      else b[ib++] = all[i];
    }
    return middle(a) - middle(b);
  };
  const observedMean = meanDiff(sum(inside));
  const observedMedian = m.median! - o.median!;
  // Relabellings whose statistic equals the observed one up to rounding count as "at least as large".
  const tol = 1e-9 * Math.max(1, ...all.map(Math.abs));
  const diffs: number[] = [];
  let extremeMean = 0;
  let extremeMedian = 0;
  const visit = (chosen: readonly number[]) => {
    let s = 0;
    for (const i of chosen) s += all[i];
    const d = meanDiff(s);
    diffs.push(d);
    if (Math.abs(d) >= Math.abs(observedMean) - tol) extremeMean++;
    if (Math.abs(medianDiff(chosen)) >= Math.abs(observedMedian) - tol) extremeMedian++;
  };
  const ways = binomial(n, k);
  let test: PermutationTest;
  if (ways <= MAX_EXACT) {
    forEachCombination(n, k, visit);
    test = {
      method: 'exact',
      draws: diffs.length,
      seed: null,
      pValue: extremeMean / diffs.length,
      pValueMedian: extremeMedian / diffs.length,
      nullSd: standardDeviation(diffs),
      nullLow: quantile(diffs, 0.025),
      nullHigh: quantile(diffs, 0.975),
    };
  } else {
    const random = seededRandom(seed);
    const scratch = Array.from({ length: n }, (_, i) => i);
    for (let b = 0; b < draws; b++) visit(chooseK(random, scratch, k));
    test = {
      method: 'monte-carlo',
      draws,
      seed,
      pValue: (extremeMean + 1) / (draws + 1),
      pValueMedian: (extremeMedian + 1) / (draws + 1),
      nullSd: standardDeviation(diffs),
      nullLow: quantile(diffs, 0.025),
      nullHigh: quantile(diffs, 0.975),
    };
  }
  return { ...base, test };
}

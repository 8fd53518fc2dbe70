import type { AggregationRule, Measure, Periodicity } from '@regionlink/shared';

/**
 * The aggregation rules of the indicator catalogue as pure functions. Everything the engine shows as an aggregate is
 * computed here, from decomposable parts, so the rules are enforced in one place and property-tested:
 * - `sum`: Σ value (population, area, budget); a unit with missing data makes the total unknown, not smaller;
 * - `weighted_mean`: Σ value·weight / Σ weight (GRDP per capita weighted by population);
 * - `ratio`: factor × Σ numerator / Σ denominator (density = population / area), never a mean of ratios;
 * - `none`: indices (PCI, PAPI) are never added up; the mean and median of the units are shown and named as such.
 */

/** Decomposable sums over a set of source units for one indicator and period. */
export interface Part {
  /** Units with a value. */
  n: number;
  /** Units that should contribute (members, former provinces, communes). */
  expected: number;
  /** Σ value·w, where w is the crosswalk share of the unit (1 for whole-unit mergers). */
  sum: number;
  /** Σ value·weight·w and Σ weight·w over units that have both a value and a weight. */
  sumVW: number;
  sumW: number;
  nW: number;
  /** The individual values, kept for `none` indicators (mean and median), empty otherwise. */
  values: number[];
}

export const emptyPart = (expected: number): Part => ({
  n: 0,
  expected,
  sum: 0,
  sumVW: 0,
  sumW: 0,
  nW: 0,
  values: [],
});

/** Add two parts (members of a region, or branches of one unit). */
export function addParts(a: Part, b: Part): Part {
  return {
    n: a.n + b.n,
    expected: a.expected + b.expected,
    sum: a.sum + b.sum,
    sumVW: a.sumVW + b.sumVW,
    sumW: a.sumW + b.sumW,
    nW: a.nW + b.nW,
    values: a.values.length || b.values.length ? [...a.values, ...b.values] : [],
  };
}

export interface RuleResult {
  /** The figure, or null when the inputs are incomplete or the rule cannot give one. */
  value: number | null;
  /** What the figure would be over the units that have data, when it is incomplete. */
  partialValue: number | null;
  median: number | null;
  complete: boolean;
  /** The arithmetic actually applied. */
  rule: 'sum' | 'weighted_mean' | 'ratio' | 'mean' | 'recorded' | 'unavailable';
}

/** The median of a list of numbers (null for an empty list). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The arithmetic mean (null for an empty list). */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Apply an indicator's rule to a part. `numerator`/`denominator` carry the parts of the two summed indicators of a
 * `ratio`. With `recorded`, a part made of exactly one whole unit returns that unit's own value as recorded.
 */
export function applyRule(
  rule: AggregationRule,
  part: Part,
  opts: { recorded?: boolean; numerator?: Part; denominator?: Part; factor?: number | null } = {},
): RuleResult {
  const complete = part.n >= part.expected && part.expected > 0;
  if (opts.recorded && part.n === 1 && part.expected === 1 && rule !== 'ratio')
    return { value: part.sum, partialValue: null, median: null, complete: true, rule: 'recorded' };
  switch (rule) {
    case 'sum': {
      if (part.n === 0) return unavailable(part);
      return complete
        ? { value: part.sum, partialValue: null, median: null, complete, rule: 'sum' }
        : { value: null, partialValue: part.sum, median: null, complete, rule: 'sum' };
    }
    case 'weighted_mean': {
      if (part.n === 0) return unavailable(part);
      const wComplete = complete && part.nW >= part.n && part.sumW > 0;
      const v = part.sumW > 0 ? part.sumVW / part.sumW : null;
      return wComplete
        ? { value: v, partialValue: null, median: null, complete: true, rule: 'weighted_mean' }
        : { value: null, partialValue: v, median: null, complete: false, rule: 'weighted_mean' };
    }
    case 'ratio': {
      if (opts.recorded && part.n === 1 && part.expected === 1)
        return { value: part.sum, partialValue: null, median: null, complete: true, rule: 'recorded' };
      const num = opts.numerator;
      const den = opts.denominator;
      if (!num || !den || num.n === 0 || den.n === 0) return unavailable(part);
      const factor = opts.factor ?? 1;
      const v = den.sum !== 0 ? (factor * num.sum) / den.sum : null;
      const ok = num.n >= num.expected && den.n >= den.expected && num.expected > 0 && den.expected > 0;
      return ok && v !== null
        ? { value: v, partialValue: null, median: null, complete: true, rule: 'ratio' }
        : { value: null, partialValue: v, median: null, complete: false, rule: 'ratio' };
    }
    case 'none': {
      // Never summed: the mean of the units (named so), with the median beside it; partial coverage is flagged.
      if (part.values.length === 0) return unavailable(part);
      return {
        value: mean(part.values),
        partialValue: null,
        median: median(part.values),
        complete,
        rule: 'mean',
      };
    }
  }
}

function unavailable(part: Part): RuleResult {
  return { value: null, partialValue: null, median: null, complete: part.expected === 0, rule: 'unavailable' };
}

export class RuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

/**
 * Combine one unit's values over several periods. A sum over periods is allowed only for periodic flows (revenue of
 * 2010–2015); adding up a stock (population) or a cumulative indicator (FDI projects in effect) double-counts, so it is
 * refused. A mean is allowed for everything except `none`-rule indices… which are means themselves, so it is allowed.
 * Incomplete series (a period without a value) give null.
 */
export function combinePeriods(
  how: 'sum' | 'mean',
  indicator: { code: string; measure: Measure; periodicity: Periodicity },
  values: readonly (number | null)[],
): number | null {
  if (how === 'sum' && (indicator.periodicity === 'cumulative' || indicator.measure === 'stock'))
    throw new RuleError(
      'cannot_sum_periods',
      `"${indicator.code}" is a ${indicator.periodicity === 'cumulative' ? 'cumulative indicator' : 'stock'}: adding it up over periods would count the same thing several times. Use combine=mean or one period.`,
      `"${indicator.code}" là ${indicator.periodicity === 'cumulative' ? 'chỉ tiêu lũy kế' : 'chỉ tiêu thời điểm'}: cộng qua nhiều kỳ sẽ tính trùng. Hãy dùng combine=mean hoặc một kỳ.`,
    );
  if (values.length === 0 || values.some((v) => v === null)) return null;
  const nums = values as number[];
  return how === 'sum' ? nums.reduce((s, v) => s + v, 0) : (mean(nums) as number);
}

export interface Distribution {
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Coefficient of variation: population standard deviation / mean. */
  cv: number | null;
  /** Gini coefficient (mean absolute difference / 2·mean); needs non-negative values. */
  gini: number | null;
  /** Theil T index; needs positive values. */
  theil: number | null;
}

/** Spread of values across units (unweighted): the figures an inequality or convergence analysis starts from. */
export function distribution(values: readonly number[]): Distribution {
  const n = values.length;
  if (n === 0) return { n, min: null, max: null, mean: null, median: null, cv: null, gini: null, theil: null };
  const m = mean(values) as number;
  let min = values[0];
  let max = values[0];
  let ss = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    ss += (v - m) ** 2;
  }
  const sd = Math.sqrt(ss / n);
  const cv = m !== 0 ? sd / m : null;
  let gini: number | null = null;
  if (min >= 0 && m > 0) {
    const s = [...values].sort((a, b) => a - b);
    let acc = 0;
    for (let i = 0; i < n; i++) acc += (2 * (i + 1) - n - 1) * s[i];
    gini = acc / (n * n * m);
  }
  let theil: number | null = null;
  if (min > 0) {
    let t = 0;
    for (const v of values) t += (v / m) * Math.log(v / m);
    theil = t / n;
  }
  return { n, min, max, mean: m, median: median(values), cv, gini, theil };
}

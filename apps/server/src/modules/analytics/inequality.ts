import {
  AnalyticsInputError,
  mean,
  requireCount,
  requireDistinctCodes,
  requirePositive,
  requireWeights,
  standardDeviation,
  sum,
  type UnitValue,
  type WeightedUnitValue,
  weightedMean,
} from './numeric';

/**
 * Inequality between units (provinces, communes) of one indicator in one period: Gini, Theil T and L with their exact
 * between/within decomposition, coefficient of variation, max/min ratio. All pure.
 *
 * Weighted versions treat each unit as `weight` identical people (population for a per-capita indicator such as GRDP
 * per capita), which is how regional inequality between people rather than between provinces is measured. With equal
 * weights every weighted measure equals its unweighted counterpart.
 */

const withUnitWeights = (items: readonly UnitValue[]): WeightedUnitValue[] =>
  items.map((it) => ({ code: it.code, value: it.value, weight: 1 }));

/**
 * Population-weighted Gini: G = Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ_w), with W = Σ wᵢ and μ_w the weighted mean.
 * Computed in O(n log n) over the values sorted ascending: Σᵢ<ⱼ wᵢwⱼ(xⱼ−xᵢ) = Σₖ wₖxₖ(2Bₖ + wₖ − W), where Bₖ is the
 * weight of the units before k. Needs non-negative values with a positive mean. 0 when all values are equal; always
 * below 1 because no unit holds everything while others hold weight.
 */
export function giniWeighted(items: readonly WeightedUnitValue[]): number {
  requireCount(items.length, 1, 'The Gini coefficient', 'Hệ số Gini');
  requireDistinctCodes(items);
  requirePositive(items, false, 'The Gini coefficient', 'Hệ số Gini');
  requireWeights(items);
  const sorted = items.filter((it) => it.weight > 0).sort((a, b) => a.value - b.value);
  const W = sum(sorted.map((it) => it.weight));
  const total = sum(sorted.map((it) => it.weight * it.value));
  // Σₖ wₖ(2Bₖ + wₖ − W) = 0, so the values can be shifted by the minimum without changing the sum: more precise, and
  // exactly 0 for equal values.
  const lowest = sorted[0].value;
  if (total <= 0)
    throw new AnalyticsInputError(
      'zero_mean',
      'The Gini coefficient is undefined when every value is zero.',
      'Hệ số Gini không xác định khi mọi giá trị đều bằng 0.',
    );
  let before = 0;
  const terms: number[] = [];
  for (const it of sorted) {
    terms.push(it.weight * (it.value - lowest) * (2 * before + it.weight - W));
    before += it.weight;
  }
  return Math.max(0, sum(terms) / (W * total));
}

/** Gini between units, each counted once: the weighted Gini with equal weights. */
export function gini(items: readonly UnitValue[]): number {
  return giniWeighted(withUnitWeights(items));
}

/** Coefficient of variation σ/μ with divisor n (unweighted: each unit counts once). */
export function coefficientOfVariation(items: readonly UnitValue[]): number {
  return coefficientOfVariationWeighted(withUnitWeights(items));
}

/**
 * Weighted coefficient of variation (Williamson's index when the weight is population):
 * √(Σ wᵢ(xᵢ − μ_w)² / W) / μ_w. Needs a positive weighted mean.
 */
export function coefficientOfVariationWeighted(items: readonly WeightedUnitValue[]): number {
  requireCount(items.length, 1, 'The coefficient of variation', 'Hệ số biến thiên');
  requireDistinctCodes(items);
  requirePositive(items, false, 'The coefficient of variation', 'Hệ số biến thiên');
  requireWeights(items);
  const values = items.map((it) => it.value);
  const weights = items.map((it) => it.weight);
  const m = weightedMean(values, weights);
  if (m <= 0)
    throw new AnalyticsInputError(
      'zero_mean',
      'The coefficient of variation is undefined when the mean is zero.',
      'Hệ số biến thiên không xác định khi giá trị trung bình bằng 0.',
    );
  return standardDeviation(values, weights) / m;
}

/** Ratio of the highest to the lowest value, with the two units named. Needs strictly positive values. */
export function maxMinRatio(items: readonly UnitValue[]): { ratio: number; max: UnitValue; min: UnitValue } {
  requireCount(items.length, 1, 'The max/min ratio', 'Tỷ lệ cao nhất/thấp nhất');
  requirePositive(items, true, 'The max/min ratio', 'Tỷ lệ cao nhất/thấp nhất');
  let max = items[0];
  let min = items[0];
  for (const it of items) {
    if (it.value > max.value || (it.value === max.value && it.code < max.code)) max = it;
    if (it.value < min.value || (it.value === min.value && it.code < min.code)) min = it;
  }
  return { ratio: max.value / min.value, max: { ...max }, min: { ...min } };
}

/** Theil T (GE(1)) of one set of units: Σ pᵢ (xᵢ/μ) ln(xᵢ/μ), with pᵢ the weight share and μ = Σ pᵢxᵢ. */
function theilTOf(values: readonly number[], weights: readonly number[]): number {
  const W = sum(weights);
  const mu = weightedMean(values, weights);
  return Math.max(0, sum(values.map((v, i) => (weights[i] / W) * (v / mu) * Math.log(v / mu))));
}

/** Theil L (GE(0), mean log deviation) of one set of units: Σ pᵢ ln(μ/xᵢ). */
function theilLOf(values: readonly number[], weights: readonly number[]): number {
  const W = sum(weights);
  const mu = weightedMean(values, weights);
  return Math.max(0, sum(values.map((v, i) => (weights[i] / W) * Math.log(mu / v))));
}

function checkTheilInput(items: readonly WeightedUnitValue[]): WeightedUnitValue[] {
  requireCount(items.length, 1, 'The Theil index', 'Chỉ số Theil');
  requireDistinctCodes(items);
  requirePositive(items, true, 'The Theil index', 'Chỉ số Theil');
  requireWeights(items);
  return items.filter((it) => it.weight > 0);
}

/** Theil T index, weighted by `weight` (use weight 1 for the unweighted index). 0 when all values are equal. */
export function theilT(items: readonly WeightedUnitValue[]): number {
  const ok = checkTheilInput(items);
  return theilTOf(
    ok.map((it) => it.value),
    ok.map((it) => it.weight),
  );
}

/** Theil L index (mean log deviation), weighted by `weight`. 0 when all values are equal. */
export function theilL(items: readonly WeightedUnitValue[]): number {
  const ok = checkTheilInput(items);
  return theilLOf(
    ok.map((it) => it.value),
    ok.map((it) => it.weight),
  );
}

/** A unit with its value, weight and the group it belongs to in a decomposition. */
export interface GroupedUnitValue extends WeightedUnitValue {
  group: string;
}

/** One group's part of the Theil decomposition. */
export interface TheilGroup {
  group: string;
  n: number;
  /** Pg: the group's share of the total weight (population share when weighted by population). */
  weightShare: number;
  /** Yg = Pg μg / μ: the group's share of the total (output share for GRDP per capita weighted by population). */
  valueShare: number;
  /** μg: the group's weighted mean. */
  mean: number;
  /** Theil T and L inside the group. */
  theilT: number;
  theilL: number;
  /** Yg·Tg and Pg·Lg: the group's contributions to the within-group parts. */
  withinTContribution: number;
  withinLContribution: number;
  /** Yg·ln(μg/μ) and Pg·ln(μ/μg): the group's contributions to the between-group parts. */
  betweenTContribution: number;
  betweenLContribution: number;
}

export interface TheilDecomposition {
  theilT: number;
  theilL: number;
  theilTBetween: number;
  theilTWithin: number;
  theilLBetween: number;
  theilLWithin: number;
  groups: TheilGroup[];
}

/**
 * Theil T and L with their exact additive decomposition for a partition of the units into groups:
 *   T = Σg Yg·Tg (within) + Σg Yg·ln(μg/μ) (between)
 *   L = Σg Pg·Lg (within) + Σg Pg·ln(μ/μg) (between)
 * where Pg is the group's weight share, μg its weighted mean and Yg = Pg μg / μ its value share. Each part is computed
 * on its own (not as total minus the other), so tests can check that they add up to the total. Every unit must name a
 * group; groups are listed in the order of their first unit.
 */
export function theilDecomposition(items: readonly GroupedUnitValue[]): TheilDecomposition {
  const ok = checkTheilInput(items) as GroupedUnitValue[];
  for (const it of ok)
    if (!it.group)
      throw new AnalyticsInputError(
        'no_group',
        `Unit ${it.code} belongs to no group of the decomposition.`,
        `Đơn vị ${it.code} không thuộc nhóm nào trong phép phân rã.`,
        { unit: it.code },
      );
  const values = ok.map((it) => it.value);
  const weights = ok.map((it) => it.weight);
  const W = sum(weights);
  const mu = weightedMean(values, weights);
  const byGroup = new Map<string, GroupedUnitValue[]>();
  for (const it of ok) {
    const list = byGroup.get(it.group);
    if (list) list.push(it);
    else byGroup.set(it.group, [it]);
  }
  const groups: TheilGroup[] = [...byGroup].map(([group, members]) => {
    const gv = members.map((m) => m.value);
    const gw = members.map((m) => m.weight);
    const Wg = sum(gw);
    const mean = weightedMean(gv, gw);
    const weightShare = Wg / W;
    const valueShare = (weightShare * mean) / mu;
    const tg = theilTOf(gv, gw);
    const lg = theilLOf(gv, gw);
    return {
      group,
      n: members.length,
      weightShare,
      valueShare,
      mean,
      theilT: tg,
      theilL: lg,
      withinTContribution: valueShare * tg,
      withinLContribution: weightShare * lg,
      betweenTContribution: valueShare * Math.log(mean / mu),
      betweenLContribution: weightShare * Math.log(mu / mean),
    };
  });
  return {
    theilT: theilTOf(values, weights),
    theilL: theilLOf(values, weights),
    theilTBetween: sum(groups.map((g) => g.betweenTContribution)),
    theilTWithin: sum(groups.map((g) => g.withinTContribution)),
    theilLBetween: sum(groups.map((g) => g.betweenLContribution)),
    theilLWithin: sum(groups.map((g) => g.withinLContribution)),
    groups,
  };
}

/** A unit for the inequality summary: its value, optional weight (population) and optional group. */
export interface InequalityInput {
  code: string;
  value: number;
  weight: number | null;
  group: string | null;
}

export interface InequalitySummary {
  n: number;
  gini: number;
  giniWeighted: number | null;
  theilT: number | null;
  theilL: number | null;
  theilTBetween: number | null;
  theilTWithin: number | null;
  theilLBetween: number | null;
  theilLWithin: number | null;
  cv: number;
  cvWeighted: number | null;
  maxMinRatio: number | null;
  max: UnitValue;
  min: UnitValue;
  mean: number;
  meanWeighted: number | null;
  /** Whether the Theil indices are weighted (by `weight`) or count each unit once. */
  theilWeighting: 'weighted' | 'equal';
  groups: TheilGroup[];
  /** Why a measure is null, in English and Vietnamese. */
  notes: { en: string; vi: string }[];
}

/**
 * Every inequality measure of the issue for one indicator and period, as returned by the API. Weighted measures are
 * computed when every unit has a weight; the Theil indices use the weights when they are given. The decomposition is
 * computed when every unit has a group. Measures that need strictly positive values (Theil, max/min) are null with a
 * note when a value is zero.
 */
export function summariseInequality(items: readonly InequalityInput[]): InequalitySummary {
  requireCount(items.length, 2, 'An inequality measure', 'Chỉ số bất bình đẳng');
  requireDistinctCodes(items);
  requirePositive(items, false, 'An inequality measure', 'Chỉ số bất bình đẳng');
  const notes: { en: string; vi: string }[] = [];
  const weighted = items.every((it) => it.weight !== null);
  if (!weighted && items.some((it) => it.weight !== null))
    notes.push({
      en: 'Some units have no weight, so the weighted measures are not computed.',
      vi: 'Một số đơn vị thiếu trọng số nên không tính các chỉ số có trọng số.',
    });
  const weightedItems: WeightedUnitValue[] = items.map((it) => ({
    code: it.code,
    value: it.value,
    weight: weighted ? (it.weight as number) : 1,
  }));
  const positive = items.every((it) => it.value > 0);
  if (!positive)
    notes.push({
      en: 'A value is zero, so the Theil indices and the max/min ratio are undefined.',
      vi: 'Có giá trị bằng 0 nên chỉ số Theil và tỷ lệ cao nhất/thấp nhất không xác định.',
    });
  const grouped = items.every((it) => it.group);
  let decomposition: TheilDecomposition | null = null;
  if (positive && grouped)
    decomposition = theilDecomposition(items.map((it, i) => ({ ...weightedItems[i], group: it.group as string })));
  const extremes = positive ? maxMinRatio(items) : null;
  const values = items.map((it) => it.value);
  let max = items[0];
  let min = items[0];
  for (const it of items) {
    if (it.value > max.value || (it.value === max.value && it.code < max.code)) max = it;
    if (it.value < min.value || (it.value === min.value && it.code < min.code)) min = it;
  }
  return {
    n: items.length,
    gini: gini(items),
    giniWeighted: weighted ? giniWeighted(weightedItems) : null,
    theilT: positive ? (decomposition?.theilT ?? theilT(weightedItems)) : null,
    theilL: positive ? (decomposition?.theilL ?? theilL(weightedItems)) : null,
    theilTBetween: decomposition?.theilTBetween ?? null,
    theilTWithin: decomposition?.theilTWithin ?? null,
    theilLBetween: decomposition?.theilLBetween ?? null,
    theilLWithin: decomposition?.theilLWithin ?? null,
    cv: coefficientOfVariation(items),
    cvWeighted: weighted ? coefficientOfVariationWeighted(weightedItems) : null,
    maxMinRatio: extremes?.ratio ?? null,
    max: { code: max.code, value: max.value },
    min: { code: min.code, value: min.value },
    mean: mean(values),
    meanWeighted: weighted
      ? weightedMean(
          values,
          weightedItems.map((it) => it.weight),
        )
      : null,
    theilWeighting: weighted ? 'weighted' : 'equal',
    groups: decomposition?.groups ?? [],
    notes,
  };
}

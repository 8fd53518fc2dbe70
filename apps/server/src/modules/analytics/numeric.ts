import { AppError } from '../../lib/errors';

/**
 * Basic numerics shared by the analytics functions: validated inputs, compensated sums, means, medians, quantiles and
 * standard deviations. Everything here is pure (no I/O) and deterministic.
 *
 * Conventions used throughout the module:
 * - a standard deviation divides by n (the provinces are the whole population of units, not a sample);
 * - weights are non-negative and not all zero; equal weights reproduce the unweighted measure exactly;
 * - inputs are refused with an `AnalyticsInputError` (HTTP 422) that names the unit, never silently dropped.
 */

/** A value attached to an administrative unit (code as a string with its leading zero). */
export interface UnitValue {
  code: string;
  value: number;
}

/** A value with a weight (population for per-capita indicators). */
export interface WeightedUnitValue extends UnitValue {
  weight: number;
}

/** Input that the analytics cannot work with: the message says which unit and why, in English and Vietnamese. */
export class AnalyticsInputError extends AppError {
  constructor(code: string, messageEn: string, messageVi: string, extra?: Record<string, unknown>) {
    super(422, code, messageEn, messageVi, undefined, extra);
  }
}

/** Refuse an empty list: every measure needs at least `min` units. */
export function requireCount(n: number, min: number, what: string, whatVi: string): void {
  if (n < min)
    throw new AnalyticsInputError(
      'too_few_units',
      `${what} needs at least ${min} unit(s) with a value; got ${n}.`,
      `${whatVi} cần ít nhất ${min} đơn vị có số liệu; hiện có ${n}.`,
      { required: min, got: n },
    );
}

/** Refuse NaN and ±Infinity, naming the unit. */
export function requireFinite(items: readonly UnitValue[]): void {
  for (const it of items)
    if (!Number.isFinite(it.value))
      throw new AnalyticsInputError(
        'not_finite',
        `The value of unit ${it.code} is not a finite number.`,
        `Giá trị của đơn vị ${it.code} không phải là số hữu hạn.`,
        { unit: it.code },
      );
}

/** Refuse negative values (and zero when `strict`): income, GRDP per capita and population are positive. */
export function requirePositive(
  items: readonly UnitValue[],
  strict: boolean,
  measure: string,
  measureVi: string,
): void {
  requireFinite(items);
  for (const it of items)
    if (it.value < 0 || (strict && it.value === 0))
      throw new AnalyticsInputError(
        strict ? 'not_positive' : 'negative',
        `${measure} needs ${strict ? 'strictly positive' : 'non-negative'} values; unit ${it.code} has ${it.value}.`,
        `${measureVi} cần giá trị ${strict ? 'dương' : 'không âm'}; đơn vị ${it.code} có giá trị ${it.value}.`,
        { unit: it.code, value: it.value },
      );
}

/** Refuse negative, non-finite or all-zero weights. */
export function requireWeights(items: readonly WeightedUnitValue[]): void {
  let total = 0;
  for (const it of items) {
    if (!Number.isFinite(it.weight) || it.weight < 0)
      throw new AnalyticsInputError(
        'bad_weight',
        `The weight of unit ${it.code} must be a non-negative finite number; got ${it.weight}.`,
        `Trọng số của đơn vị ${it.code} phải là số hữu hạn không âm; nhận được ${it.weight}.`,
        { unit: it.code, weight: it.weight },
      );
    total += it.weight;
  }
  if (items.length > 0 && total <= 0)
    throw new AnalyticsInputError('zero_weights', 'All weights are zero.', 'Tất cả trọng số đều bằng 0.');
}

/** Refuse a code that appears twice: each unit counts once. */
export function requireDistinctCodes(items: readonly { code: string }[]): void {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.code))
      throw new AnalyticsInputError(
        'duplicate_unit',
        `Unit ${it.code} appears more than once.`,
        `Đơn vị ${it.code} xuất hiện nhiều lần.`,
        { unit: it.code },
      );
    seen.add(it.code);
  }
}

/**
 * Sum with Neumaier compensation, so that reordering the units (a permutation) changes the result by far less than
 * the tolerance the property tests allow, and sums of 3,321 communes keep their precision.
 */
export function sum(values: Iterable<number>): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Arithmetic mean (shifted by the minimum, so equal values give back exactly that value). */
export function mean(values: readonly number[]): number {
  return weightedMean(
    values,
    values.map(() => 1),
  );
}

/**
 * Weighted mean Σ wᵢxᵢ / Σ wᵢ, computed as m + Σ wᵢ(xᵢ − m) / Σ wᵢ with m the smallest value: the same number in exact
 * arithmetic, but equal values give back exactly that value, so every dispersion measure of equal values is exactly 0.
 */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < m) m = v;
  return m + sum(values.map((v, i) => weights[i] * (v - m))) / sum(weights);
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Quantile by linear interpolation between order statistics (type 7 of Hyndman & Fan, the default of R and
 * spreadsheets), so figures agree with what an analyst gets in Excel's PERCENTILE.INC.
 */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Standard deviation with divisor n (population of units), optionally weighted: √(Σ wᵢ(xᵢ−x̄_w)² / Σ wᵢ). */
export function standardDeviation(values: readonly number[], weights?: readonly number[]): number {
  const w = weights ?? values.map(() => 1);
  const m = weightedMean(values, w);
  return Math.sqrt(sum(values.map((v, i) => w[i] * (v - m) ** 2)) / sum(w));
}

/** Round to `digits` significant decimals for display in method notes (never used inside a computation). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

import {
  AnalyticsInputError,
  requireDistinctCodes,
  requireFinite,
  standardDeviation,
  sum,
  type UnitValue,
  weightedMean,
} from './numeric';

/**
 * "Provinces most like this one": units closest to a target on a chosen set of indicators, each indicator first
 * standardised so that no unit of measurement dominates (population in persons would swamp a poverty rate in %). Pure.
 */

export interface PeerIndicatorInput {
  code: string;
  values: readonly UnitValue[];
  /** Compare logarithms (for skewed, positive indicators such as population or GRDP per capita). */
  log?: boolean;
  /** Relative importance (default 1). */
  weight?: number;
}

export interface PeerIndicatorScale {
  code: string;
  log: boolean;
  weight: number;
  /** Mean and standard deviation (divisor n) of the (logged) values over the compared units. */
  mean: number;
  sd: number;
  /** True when the indicator has no spread and was left out of the distance. */
  constant: boolean;
}

export interface Peer {
  code: string;
  /**
   * Weighted root-mean-square difference in standard deviations: √(Σ wₖ (zᵢₖ − z_tₖ)² / Σ wₖ). 0 = identical,
   * 1 = one standard deviation apart on average.
   */
  distance: number;
  rank: number;
  differences: { indicator: string; value: number; z: number; zDifference: number }[];
}

export interface PeersResult {
  target: string;
  targetValues: { indicator: string; value: number; z: number }[];
  scales: PeerIndicatorScale[];
  peers: Peer[];
  /** Units left out because they lack a value on some indicator. */
  excluded: string[];
  /** Number of units compared (the target included). */
  compared: number;
}

/**
 * The `limit` units nearest the target. Only units with a value on every indicator are compared (the others are
 * listed in `excluded`); each indicator is standardised over those units, z = (x − mean) / sd, and the distance is the
 * weighted root-mean-square of the z differences. Ties are broken by code, so the answer is stable.
 */
export function findPeers(target: string, indicators: readonly PeerIndicatorInput[], limit = 5): PeersResult {
  if (indicators.length === 0)
    throw new AnalyticsInputError(
      'no_indicators',
      'Choose at least one indicator to compare on.',
      'Hãy chọn ít nhất một chỉ tiêu để so sánh.',
    );
  requireDistinctCodes(indicators);
  const maps = indicators.map((ind) => {
    requireDistinctCodes(ind.values);
    requireFinite(ind.values);
    if (ind.log)
      for (const v of ind.values)
        if (!(v.value > 0))
          throw new AnalyticsInputError(
            'not_positive',
            `Indicator ${ind.code} is compared on a log scale, so unit ${v.code} needs a positive value.`,
            `Chỉ tiêu ${ind.code} được so sánh theo thang logarit nên đơn vị ${v.code} cần giá trị dương.`,
            { unit: v.code, indicator: ind.code },
          );
    return new Map(ind.values.map((v) => [v.code, v.value]));
  });
  const allCodes = [...new Set(indicators.flatMap((ind) => ind.values.map((v) => v.code)))].sort();
  const complete = allCodes.filter((c) => maps.every((m) => m.has(c)));
  const excluded = allCodes.filter((c) => !maps.every((m) => m.has(c)));
  if (!complete.includes(target))
    throw new AnalyticsInputError(
      'target_incomplete',
      `Unit ${target} has no value on every chosen indicator, so it cannot be compared.`,
      `Đơn vị ${target} không có đủ số liệu cho mọi chỉ tiêu đã chọn nên không so sánh được.`,
      {
        unit: target,
        missingIndicators: indicators.filter((_, k) => !maps[k].has(target)).map((i) => i.code),
      },
    );
  const scales: PeerIndicatorScale[] = indicators.map((ind, k) => {
    const xs = complete.map((c) => (ind.log ? Math.log(maps[k].get(c)!) : maps[k].get(c)!));
    const ones = xs.map(() => 1);
    const sd = standardDeviation(xs, ones);
    const weight = ind.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0)
      throw new AnalyticsInputError(
        'bad_weight',
        `The weight of indicator ${ind.code} must be a non-negative number.`,
        `Trọng số của chỉ tiêu ${ind.code} phải là số không âm.`,
      );
    return { code: ind.code, log: !!ind.log, weight, mean: weightedMean(xs, ones), sd, constant: !(sd > 0) };
  });
  const z = (k: number, code: string) => {
    const s = scales[k];
    if (s.constant) return 0;
    const x = maps[k].get(code)!;
    return ((s.log ? Math.log(x) : x) - s.mean) / s.sd;
  };
  const usedWeight = sum(scales.filter((s) => !s.constant).map((s) => s.weight));
  const candidates = complete
    .filter((c) => c !== target)
    .map((code) => {
      const differences = indicators.map((ind, k) => ({
        indicator: ind.code,
        value: maps[k].get(code)!,
        z: z(k, code),
        zDifference: z(k, code) - z(k, target),
      }));
      const ss = sum(differences.map((d, k) => (scales[k].constant ? 0 : scales[k].weight * d.zDifference ** 2)));
      return { code, distance: usedWeight > 0 ? Math.sqrt(ss / usedWeight) : 0, rank: 0, differences };
    })
    .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code));
  candidates.forEach((c, i) => {
    c.rank = i + 1;
  });
  return {
    target,
    targetValues: indicators.map((ind, k) => ({ indicator: ind.code, value: maps[k].get(target)!, z: z(k, target) })),
    scales,
    peers: candidates.slice(0, Math.max(0, limit)),
    excluded,
    compared: complete.length,
  };
}

import type { CrosswalkEdge } from '../geo/crosswalk';
import { AnalyticsInputError, sum } from './numeric';

/**
 * Re-express values of old units (the 63 provinces) in new units (the 34 of 2025) through the crosswalk, so that a time
 * series can cross the 2025-07-01 boundary change. Pure; the crosswalk comes from the geo module.
 */

export interface HarmonisedValue {
  code: string;
  value: number | null;
  /** Old units that contributed. */
  contributors: string[];
  /** Old units that should have contributed but have no value (or no weight): the value is then null. */
  missing: string[];
}

/**
 * Carry values to the new geography by the indicator's aggregation rule:
 * - `sum` (population, area, GRDP): newᵥ = Σ eᵤᵥ·xᵤ over the edges u→v with territory share eᵤᵥ;
 * - `weighted_mean` (GRDP or income per capita, weighted by population): newᵥ = Σ eᵤᵥ·pᵤ·xᵤ / Σ eᵤᵥ·pᵤ.
 * A new unit any of whose predecessors lacks a value (or a weight) gets `null`, never a partial aggregate that would
 * look like a fall in the series. New units are returned in code order.
 */
export function harmoniseToNewUnits(
  values: ReadonlyMap<string, number>,
  edges: readonly CrosswalkEdge[],
  rule: 'sum' | 'weighted_mean',
  weights?: ReadonlyMap<string, number>,
): HarmonisedValue[] {
  if (rule === 'weighted_mean' && !weights)
    throw new AnalyticsInputError(
      'no_weights',
      'A weighted mean across the crosswalk needs the weights (population) of the old units.',
      'Bình quân gia quyền qua bảng chuyển đổi cần trọng số (dân số) của các đơn vị cũ.',
    );
  const byNew = new Map<string, CrosswalkEdge[]>();
  for (const e of edges) {
    const list = byNew.get(e.toCode);
    if (list) list.push(e);
    else byNew.set(e.toCode, [e]);
  }
  return [...byNew.keys()].sort().map((code) => {
    const incoming = byNew.get(code)!;
    const missing = incoming
      .filter((e) => !values.has(e.fromCode) || (rule === 'weighted_mean' && !weights!.has(e.fromCode)))
      .map((e) => e.fromCode);
    const contributors = incoming.filter((e) => !missing.includes(e.fromCode)).map((e) => e.fromCode);
    if (missing.length > 0) return { code, value: null, contributors, missing };
    if (rule === 'sum')
      return { code, value: sum(incoming.map((e) => e.weight * values.get(e.fromCode)!)), contributors, missing };
    const w = incoming.map((e) => e.weight * weights!.get(e.fromCode)!);
    const total = sum(w);
    return {
      code,
      value: total > 0 ? sum(incoming.map((e, i) => w[i] * values.get(e.fromCode)!)) / total : null,
      contributors,
      missing,
    };
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryAdditive } from '../geo/crosswalk';
import {
  addParts,
  applyRule,
  combinePeriods,
  distribution,
  emptyPart,
  median,
  type Part,
  RuleError,
} from './aggregation-rules';

/** The part of one unit with value v and weight w (crosswalk share 1). */
const unitPart = (v: number, w: number | null, keepValues = false): Part => ({
  n: 1,
  expected: 1,
  sum: v,
  sumVW: w === null ? 0 : v * w,
  sumW: w ?? 0,
  nW: w === null ? 0 : 1,
  values: keepValues ? [v] : [],
});
const total = (parts: Part[]) => parts.reduce(addParts, emptyPart(0));
const value = fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true });
const weight = fc.double({ min: 1, max: 1e7, noNaN: true, noDefaultInfinity: true });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('aggregation rules (property tests)', () => {
  it('sum: a region total equals the sum of its members, whatever the grouping of members into sub-totals', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.nat(), (vs, cut) => {
        const parts = vs.map((v) => unitPart(v, null));
        const k = cut % parts.length;
        const direct = applyRule('sum', total(parts)).value!;
        const viaSubtotals = applyRule('sum', addParts(total(parts.slice(0, k)), total(parts.slice(k)))).value!;
        expect(
          close(
            direct,
            vs.reduce((s, v) => s + v, 0),
          ),
        ).toBe(true);
        expect(close(direct, viaSubtotals)).toBe(true);
      }),
    );
  });

  it('crosswalk: carrying additive values from old to new units preserves the national total', () => {
    // Random many-to-one mergers (as on 2025-07-01) and splits with weights summing to 1 per old unit.
    const arb = fc
      .array(fc.tuple(value, fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 })), {
        minLength: 1,
        maxLength: 30,
      })
      .chain((olds) =>
        fc.tuple(fc.constant(olds), fc.array(fc.nat(9), { minLength: olds.length * 3, maxLength: olds.length * 3 })),
      );
    fc.assert(
      fc.property(arb, ([olds, targets]) => {
        const values = new Map<string, number>();
        const edges: { fromCode: string; toCode: string; weight: number }[] = [];
        olds.forEach(([v, shares], i) => {
          values.set(`o${i}`, v);
          const t = shares.reduce((s, x) => s + x, 0);
          for (const [j, sh] of shares.entries())
            edges.push({ fromCode: `o${i}`, toCode: `n${targets[i * 3 + j]}`, weight: sh / t });
        });
        const carried = carryAdditive(values, edges);
        const after = [...carried.values()].reduce((s, x) => s + x.value, 0);
        const before = [...values.values()].reduce((s, v) => s + v, 0);
        expect(close(after, before)).toBe(true);
      }),
    );
  });

  it('weighted mean: stays between the smallest and the largest member value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, weight), { minLength: 1, maxLength: 40 }), (pairs) => {
        const r = applyRule('weighted_mean', total(pairs.map(([v, w]) => unitPart(v, w))));
        const vs = pairs.map(([v]) => v);
        expect(r.complete).toBe(true);
        expect(r.value!).toBeGreaterThanOrEqual(Math.min(...vs) * (1 - 1e-12) - 1e-9);
        expect(r.value!).toBeLessThanOrEqual(Math.max(...vs) * (1 + 1e-12) + 1e-9);
      }),
    );
  });

  it('weighted mean: a member without a weight makes the figure incomplete, never silently unweighted', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, weight), { minLength: 1, maxLength: 20 }), value, (pairs, v) => {
        const r = applyRule('weighted_mean', total([...pairs.map(([a, w]) => unitPart(a, w)), unitPart(v, null)]));
        expect(r.value).toBeNull();
        expect(r.complete).toBe(false);
      }),
    );
  });

  it('ratio: the regional ratio is Σ numerator / Σ denominator, not the mean of the member ratios', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, weight), { minLength: 2, maxLength: 30 }), (pairs) => {
        const num = total(pairs.map(([p]) => unitPart(p, null)));
        const den = total(pairs.map(([, a]) => unitPart(a, null)));
        const r = applyRule('ratio', emptyPart(pairs.length), { numerator: num, denominator: den, factor: 1 });
        const expected = pairs.reduce((s, [p]) => s + p, 0) / pairs.reduce((s, [, a]) => s + a, 0);
        expect(close(r.value!, expected)).toBe(true);
        expect(r.rule).toBe('ratio');
      }),
    );
  });

  it('none: an index is never summed; the aggregate is the mean of the members with the median beside it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }), (vs) => {
        const r = applyRule('none', total(vs.map((v) => unitPart(v, null, true))));
        const sum = vs.reduce((s, v) => s + v, 0);
        expect(r.rule).toBe('mean');
        expect(close(r.value!, sum / vs.length)).toBe(true);
        expect(r.value!).toBeLessThanOrEqual(Math.max(...vs) + 1e-9);
        expect(r.median).toBe(median(vs));
        // With two or more members of value ≥ 1 the sum always exceeds the largest member: never returned.
        expect(r.value).not.toBe(sum);
      }),
    );
  });

  it('sum: a member without data makes the total unknown (partial shown apart), never a smaller total', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 20 }), (vs) => {
        const part = { ...total(vs.map((v) => unitPart(v, null))), expected: vs.length + 1 };
        const r = applyRule('sum', part);
        expect(r.value).toBeNull();
        expect(r.complete).toBe(false);
        expect(
          close(
            r.partialValue!,
            vs.reduce((s, v) => s + v, 0),
          ),
        ).toBe(true);
      }),
    );
  });

  it('cumulative indicators and stocks are never summed across periods; periodic flows are', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), (vs) => {
        expect(() =>
          combinePeriods('sum', { code: 'fdi_projects_cumulative', measure: 'stock', periodicity: 'cumulative' }, vs),
        ).toThrow(RuleError);
        expect(() =>
          combinePeriods('sum', { code: 'population', measure: 'stock', periodicity: 'periodic' }, vs),
        ).toThrow(/stock/);
        const flow = combinePeriods('sum', { code: 'budget_revenue', measure: 'flow', periodicity: 'periodic' }, vs)!;
        expect(
          close(
            flow,
            vs.reduce((s, v) => s + v, 0),
          ),
        ).toBe(true);
        const m = combinePeriods(
          'mean',
          { code: 'fdi_projects_cumulative', measure: 'stock', periodicity: 'cumulative' },
          vs,
        )!;
        expect(m).toBeLessThanOrEqual(Math.max(...vs) + 1e-9);
      }),
    );
    expect(combinePeriods('sum', { code: 'x', measure: 'flow', periodicity: 'periodic' }, [1, null, 2])).toBeNull();
  });

  it('a single recorded unit keeps its recorded value, whatever the rule', () => {
    for (const rule of ['sum', 'weighted_mean', 'none', 'ratio'] as const)
      expect(applyRule(rule, unitPart(42.5, null), { recorded: true })).toMatchObject({
        value: 42.5,
        rule: 'recorded',
      });
  });

  it('distribution: Gini is 0 for equal values and grows with concentration; Theil needs positive values', () => {
    expect(distribution([5, 5, 5, 5]).gini).toBeCloseTo(0, 12);
    expect(distribution([0, 0, 0, 10]).gini).toBeCloseTo(0.75, 12);
    expect(distribution([1, 2, 3, 4]).gini).toBeCloseTo(0.25, 12);
    expect(distribution([0, 1]).theil).toBeNull();
    expect(distribution([1, 1, 1]).theil).toBeCloseTo(0, 12);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }), (vs) => {
        const d = distribution(vs);
        expect(d.gini!).toBeGreaterThanOrEqual(-1e-12);
        expect(d.gini!).toBeLessThan(1);
        expect(d.theil!).toBeGreaterThanOrEqual(-1e-9);
        expect(d.min!).toBeLessThanOrEqual(d.median!);
        expect(d.median!).toBeLessThanOrEqual(d.max!);
      }),
    );
  });
});

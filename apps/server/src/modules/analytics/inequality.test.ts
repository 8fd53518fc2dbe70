import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coefficientOfVariation,
  coefficientOfVariationWeighted,
  gini,
  giniWeighted,
  maxMinRatio,
  summariseInequality,
  theilDecomposition,
  theilL,
  theilT,
} from './inequality';
import { AnalyticsInputError } from './numeric';

const units = (values: number[]) => values.map((value, i) => ({ code: String(i + 1).padStart(2, '0'), value }));
const weighted = (values: number[], weights: number[]) =>
  values.map((value, i) => ({ code: String(i + 1).padStart(2, '0'), value, weight: weights[i] }));
const ones = (values: number[]) =>
  weighted(
    values,
    values.map(() => 1),
  );

describe('worked examples (arithmetic written out)', () => {
  // Four provinces with values 1, 2, 3, 4; mean μ = 10 / 4 = 2.5.
  const x = [1, 2, 3, 4];

  it('Gini of 1, 2, 3, 4 is 0.25', () => {
    // Σᵢ Σⱼ |xᵢ − xⱼ|: the six pairs differ by 1, 2, 3, 1, 2, 1 → 10, counted twice → 20.
    // G = 20 / (2 · n² · μ) = 20 / (2 · 16 · 2.5) = 20 / 80 = 0.25.
    expect(gini(units(x))).toBeCloseTo(0.25, 14);
  });

  it('CV of 1, 2, 3, 4 is 1/√5 and the max/min ratio is 4', () => {
    // Deviations from 2.5: −1.5, −0.5, 0.5, 1.5; squares 2.25 + 0.25 + 0.25 + 2.25 = 5; variance 5 / 4 = 1.25.
    // σ = √1.25 = 1.118034; CV = 1.118034 / 2.5 = 0.447214 = 1/√5.
    expect(coefficientOfVariation(units(x))).toBeCloseTo(1 / Math.sqrt(5), 14);
    expect(maxMinRatio(units(x))).toEqual({ ratio: 4, max: { code: '04', value: 4 }, min: { code: '01', value: 1 } });
  });

  it('Theil T and L of 1, 2, 3, 4', () => {
    // T = ¼ Σ (x/μ) ln(x/μ) = ¼ [0.4 ln 0.4 + 0.8 ln 0.8 + 1.2 ln 1.2 + 1.6 ln 1.6]
    //   = ¼ [−0.366516 − 0.178515 + 0.218786 + 0.752006] = ¼ · 0.425761 = 0.106440.
    expect(theilT(ones(x))).toBeCloseTo(0.106440135286, 11);
    // L = ¼ Σ ln(μ/x) = ¼ ln(2.5⁴ / (1·2·3·4)) = ¼ ln(39.0625 / 24) = ¼ · 0.487109 = 0.121777.
    expect(theilL(ones(x))).toBeCloseTo(Math.log(39.0625 / 24) / 4, 14);
  });

  it('decomposes Theil for groups A = {1, 2} and B = {3, 4}', () => {
    // Pₐ = P_b = 0.5; μₐ = 1.5, μ_b = 3.5; Yₐ = 0.5 · 1.5 / 2.5 = 0.3, Y_b = 0.7.
    // Between T = 0.3 ln(1.5/2.5) + 0.7 ln(3.5/2.5) = −0.153248 + 0.235531 = 0.082283.
    // Tₐ = ½[(1/1.5) ln(1/1.5) + (2/1.5) ln(2/1.5)] = 0.056633; T_b = ½[(3/3.5) ln(3/3.5) + (4/3.5) ln(4/3.5)] = 0.010239.
    // Within T = 0.3 · 0.056633 + 0.7 · 0.010239 = 0.016990 + 0.007167 = 0.024157; 0.082283 + 0.024157 = 0.106440.
    // Between L = 0.5 ln(2.5/1.5) + 0.5 ln(2.5/3.5) = 0.255413 − 0.168236 = 0.087177.
    // Lₐ = ½[ln(1.5/1) + ln(1.5/2)] = 0.058892; L_b = ½[ln(3.5/3) + ln(3.5/4)] = 0.010310; within L = 0.034601.
    const d = theilDecomposition(ones(x).map((u, i) => ({ ...u, group: i < 2 ? 'A' : 'B' })));
    expect(d.theilTBetween).toBeCloseTo(0.082282878505, 11);
    expect(d.theilTWithin).toBeCloseTo(0.3 * 0.056633012265 + 0.7 * 0.010239075859, 11);
    expect(d.theilLBetween).toBeCloseTo(0.087176693572, 11);
    expect(d.theilLWithin).toBeCloseTo(0.5 * 0.058891517828 + 0.5 * 0.010309643601, 11);
    expect(d.groups.map((g) => [g.group, g.n, g.weightShare, g.mean])).toEqual([
      ['A', 2, 0.5, 1.5],
      ['B', 2, 0.5, 3.5],
    ]);
    expect(d.groups[0].valueShare).toBeCloseTo(0.3, 14);
  });

  it('population-weighted Gini and CV of two provinces (10 with weight 3, 20 with weight 1)', () => {
    // W = 4, μ_w = (3·10 + 1·20) / 4 = 12.5.
    // G_w = Σ wᵢwⱼ|xᵢ−xⱼ| / (2W²μ) = (2 · 3 · 1 · 10) / (2 · 16 · 12.5) = 60 / 400 = 0.15,
    // the same as the unweighted Gini of 10, 10, 10, 20 (three pairs differ by 10: 2·30 / (2·16·12.5)).
    const w = weighted([10, 20], [3, 1]);
    expect(giniWeighted(w)).toBeCloseTo(0.15, 14);
    expect(gini(units([10, 10, 10, 20]))).toBeCloseTo(0.15, 14);
    // Var_w = (3 · 2.5² + 1 · 7.5²) / 4 = (18.75 + 56.25) / 4 = 18.75; CV_w = √18.75 / 12.5 = √3 / 5 = 0.346410.
    expect(coefficientOfVariationWeighted(w)).toBeCloseTo(Math.sqrt(3) / 5, 14);
  });

  it('summarises every measure at once, with the extremes named', () => {
    const s = summariseInequality(
      [4, 1, 3, 2].map((value, i) => ({
        code: ['04', '01', '03', '02'][i],
        value,
        weight: 1,
        group: value <= 2 ? 'A' : 'B',
      })),
    );
    expect(s.n).toBe(4);
    expect(s.gini).toBeCloseTo(0.25, 14);
    expect(s.giniWeighted).toBeCloseTo(0.25, 14);
    expect(s.theilTBetween).toBeCloseTo(0.082282878505, 11);
    expect(s.max).toEqual({ code: '04', value: 4 });
    expect(s.min).toEqual({ code: '01', value: 1 });
    expect(s.maxMinRatio).toBe(4);
    expect(s.theilWeighting).toBe('weighted');
  });
});

describe('refusals name the unit', () => {
  it('refuses a negative value, a NaN, a duplicate code and an empty list', () => {
    expect(() => gini(units([1, -2]))).toThrow(/unit 02/);
    expect(() => gini(units([1, Number.NaN]))).toThrow(AnalyticsInputError);
    expect(() => gini([])).toThrow(/at least 1/);
    expect(() =>
      gini([
        { code: '01', value: 1 },
        { code: '01', value: 2 },
      ]),
    ).toThrow(/more than once/);
  });
  it('refuses a zero value for Theil and reports it as a note in the summary', () => {
    expect(() => theilL(ones([0, 1]))).toThrow(/strictly positive/);
    const s = summariseInequality([
      { code: '01', value: 0, weight: null, group: null },
      { code: '02', value: 5, weight: null, group: null },
    ]);
    expect(s.gini).toBeCloseTo(0.5, 14);
    expect(s.theilT).toBeNull();
    expect(s.maxMinRatio).toBeNull();
    expect(s.notes.map((n) => n.en).join(' ')).toMatch(/zero/);
  });
  it('refuses a negative weight and a unit without a group in a decomposition', () => {
    expect(() => giniWeighted(weighted([1, 2], [1, -1]))).toThrow(/weight of unit 02/);
    expect(() => theilDecomposition([{ code: '01', value: 1, weight: 1, group: '' }])).toThrow(/no group/);
  });
});

// Values as found in regional data: positive, from a few units to millions.
const positive = fc.double({ min: 0.01, max: 1e6, noNaN: true, noDefaultInfinity: true });
const valuesArb = fc.array(positive, { minLength: 2, maxLength: 70 });
const close = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe('properties (fast-check)', () => {
  it('Gini lies in [0, 1), weighted or not, and is 0 for equal values', () => {
    fc.assert(
      fc.property(valuesArb, fc.array(positive, { minLength: 70, maxLength: 70 }), (xs, ws) => {
        const g = gini(units(xs));
        const gw = giniWeighted(weighted(xs, ws));
        return g >= 0 && g < 1 && gw >= 0 && gw < 1;
      }),
    );
    fc.assert(
      fc.property(positive, fc.integer({ min: 1, max: 60 }), (v, n) => {
        const xs = Array.from({ length: n }, () => v);
        return gini(units(xs)) === 0 && theilT(ones(xs)) === 0 && coefficientOfVariation(units(xs)) === 0;
      }),
    );
  });

  it('Gini stays below 1 even when one unit holds everything (it reaches 1 − 1/n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), (n) => {
        const xs = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
        const g = gini(units(xs));
        return close(g, 1 - 1 / n) && g < 1;
      }),
    );
  });

  it('the Theil decomposition sums exactly to the total, for any grouping and weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: positive, w: positive, g: fc.integer({ min: 0, max: 5 }) }), {
          minLength: 1,
          maxLength: 70,
        }),
        (rows) => {
          const d = theilDecomposition(
            rows.map((r, i) => ({ code: String(i), value: r.v, weight: r.w, group: `G${r.g}` })),
          );
          return (
            close(d.theilTBetween + d.theilTWithin, d.theilT, 1e-9) &&
            close(d.theilLBetween + d.theilLWithin, d.theilL, 1e-9) &&
            d.theilTBetween >= -1e-12 &&
            d.theilLBetween >= -1e-12
          );
        },
      ),
    );
  });

  it('is scale invariant: multiplying every value by c > 0 changes no measure', () => {
    fc.assert(
      fc.property(valuesArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (xs, c) => {
        const a = summariseInequality(
          xs.map((v, i) => ({ code: String(i), value: v, weight: 1 + i, group: `${i % 3}` })),
        );
        const b = summariseInequality(
          xs.map((v, i) => ({ code: String(i), value: v * c, weight: 1 + i, group: `${i % 3}` })),
        );
        return (
          close(a.gini, b.gini) &&
          close(a.giniWeighted!, b.giniWeighted!) &&
          close(a.theilT!, b.theilT!) &&
          close(a.theilL!, b.theilL!) &&
          close(a.theilTBetween!, b.theilTBetween!) &&
          close(a.cv, b.cv) &&
          close(a.cvWeighted!, b.cvWeighted!) &&
          close(a.maxMinRatio!, b.maxMinRatio!)
        );
      }),
    );
  });

  it('a permutation of the units changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: positive, w: positive }), { minLength: 2, maxLength: 60 }).chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length },
            ),
          ),
        ),
        ([rows, order]) => {
          const items = rows.map((r, i) => ({ code: String(i), value: r.v, weight: r.w, group: `${i % 4}` }));
          const a = summariseInequality(items);
          const b = summariseInequality(order.map((i) => items[i]));
          return (
            close(a.gini, b.gini, 1e-12) &&
            close(a.giniWeighted!, b.giniWeighted!, 1e-12) &&
            close(a.theilT!, b.theilT!, 1e-12) &&
            close(a.theilLWithin!, b.theilLWithin!, 1e-12) &&
            close(a.cvWeighted!, b.cvWeighted!, 1e-12)
          );
        },
      ),
    );
  });

  it('weighted measures equal the unweighted ones when all weights are equal', () => {
    fc.assert(
      fc.property(valuesArb, positive, (xs, c) => {
        const w = weighted(
          xs,
          xs.map(() => c),
        );
        return (
          close(giniWeighted(w), gini(units(xs))) &&
          close(coefficientOfVariationWeighted(w), coefficientOfVariation(units(xs))) &&
          close(theilT(w), theilT(ones(xs))) &&
          close(theilL(w), theilL(ones(xs)))
        );
      }),
    );
  });

  it('an integer weight k is the same as the unit repeated k times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: positive, k: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const w = rows.map((r, i) => ({ code: String(i), value: r.v, weight: r.k }));
          const repeated = rows.flatMap((r, i) =>
            Array.from({ length: r.k }, (_, j) => ({ code: `${i}.${j}`, value: r.v })),
          );
          const rep1 = repeated.map((u) => ({ ...u, weight: 1 }));
          return (
            close(giniWeighted(w), gini(repeated)) &&
            close(theilT(w), theilT(rep1)) &&
            close(theilL(w), theilL(rep1)) &&
            close(coefficientOfVariationWeighted(w), coefficientOfVariation(repeated))
          );
        },
      ),
    );
  });

  it('a transfer from the richest unit to the poorest lowers Gini, Theil and CV (Pigou–Dalton)', () => {
    fc.assert(
      fc.property(
        fc.array(positive, { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.01, max: 0.49, noNaN: true }),
        (xs, f) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const gap = sorted[sorted.length - 1] - sorted[0];
          fc.pre(gap > 1e-6 * sorted[sorted.length - 1]);
          const after = [...sorted];
          after[0] += f * gap;
          after[after.length - 1] -= f * gap;
          return (
            gini(units(after)) < gini(units(sorted)) &&
            theilT(ones(after)) < theilT(ones(sorted)) &&
            theilL(ones(after)) < theilL(ones(sorted)) &&
            coefficientOfVariation(units(after)) < coefficientOfVariation(units(sorted))
          );
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualGrowthRate,
  betaConvergence,
  incompleteBeta,
  logGamma,
  sigmaConvergence,
  simpleRegression,
  sparsePeriods,
  studentTwoSidedP,
} from './convergence';

describe('Student t and the functions under it', () => {
  it('matches values known in closed form or from tables', () => {
    // Γ(5) = 24, Γ(½) = √π.
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(1, 1) = x; I_x(a, b) = 1 − I_{1−x}(b, a).
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.2, 2.5, 4) + incompleteBeta(0.8, 4, 2.5)).toBeCloseTo(1, 13);
    // df = 1 is the Cauchy distribution: P(|T| ≥ 1) = 1 − (2/π)·atan(1) = 0.5.
    expect(studentTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    // df = 2 has P(|T| ≥ t) = 1 − t / √(2 + t²): for t = 1, 1 − 1/√3 = 0.422650.
    expect(studentTwoSidedP(1, 2)).toBeCloseTo(1 - 1 / Math.sqrt(3), 12);
    // The two-sided 5 % critical value with 10 degrees of freedom is 2.228139 (statistical tables).
    expect(studentTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 8);
    // With many degrees of freedom t tends to the normal: 1.959964 → 0.05.
    expect(studentTwoSidedP(1.959963985, 1e7)).toBeCloseTo(0.05, 6);
  });
});

describe('simpleRegression (worked example)', () => {
  it('fits y = 2 + 0.7x to (1,2), (2,4), (3,5), (4,4)', () => {
    // x̄ = 2.5, ȳ = 3.75; Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5;
    // Sxy = (−1.5)(−1.75) + (−0.5)(0.25) + (0.5)(1.25) + (1.5)(0.25) = 2.625 − 0.125 + 0.625 + 0.375 = 3.5.
    // b = 3.5 / 5 = 0.7; a = 3.75 − 0.7 · 2.5 = 2. Residuals −0.7, 0.6, 0.9, −0.8; SSR = 0.49 + 0.36 + 0.81 + 0.64 = 2.3.
    // s² = 2.3 / 2 = 1.15; SE(b) = √(1.15 / 5) = √0.23 = 0.479583; SST = 4.75; R² = 1 − 2.3 / 4.75 = 0.515789.
    // t = 0.7 / 0.479583 = 1.459601; with 2 df, p = 1 − t/√(2 + t²) = 0.281815.
    const r = simpleRegression([1, 2, 3, 4], [2, 4, 5, 4]);
    expect(r.slope).toBeCloseTo(0.7, 14);
    expect(r.intercept).toBeCloseTo(2, 14);
    expect(r.slopeStdError).toBeCloseTo(Math.sqrt(0.23), 14);
    expect(r.r2).toBeCloseTo(1 - 2.3 / 4.75, 14);
    expect(r.tStat).toBeCloseTo(1.4596008984, 9);
    expect(r.pValue).toBeCloseTo(0.2818151535, 9);
  });
  it('refuses x without spread and fewer than 3 points', () => {
    expect(() => simpleRegression([1, 1, 1], [1, 2, 3])).toThrow(/differ/);
    expect(() => simpleRegression([1, 2], [1, 2])).toThrow(/at least 3/);
  });
});

describe('σ-convergence', () => {
  it('computes the SD of logs and the CV (worked example)', () => {
    // 2010: values 1 and e² → logs 0 and 2 → SD (divisor n) = 1. CV = SD(1, e²)/mean = ((e² − 1)/2)/((e² + 1)/2) = tanh 1.
    // 2012: values 2 and 2e → logs ln 2, 1 + ln 2 → SD = 0.5. The last minus the first SD of logs is −0.5.
    const r = sigmaConvergence([
      {
        period: 2012,
        values: [
          { code: '01', value: 2 },
          { code: '02', value: 2 * Math.E },
        ],
      },
      {
        period: 2010,
        values: [
          { code: '01', value: 1 },
          { code: '02', value: Math.E ** 2 },
          { code: '03', value: 5 },
        ],
      },
    ]);
    expect(r.points.map((p) => p.period)).toEqual([2010, 2012]);
    expect(r.points[0].sdLog).toBeCloseTo(1, 14);
    expect(r.points[0].cv).toBeCloseTo(Math.tanh(1), 14);
    expect(r.points[1].sdLog).toBeCloseTo(0.5, 14);
    expect(r.change).toBeCloseTo(-0.5, 14);
    // Unit 03 has no 2012 value, so the balanced panel leaves it out everywhere.
    expect(r.dropped).toEqual(['03']);
    expect(r.points[0].n).toBe(2);
    expect(r.trend).toBeNull();
  });
  it('keeps every unit of each period when the panel need not be balanced', () => {
    const r = sigmaConvergence(
      [
        {
          period: 1,
          values: [
            { code: 'a', value: 1 },
            { code: 'b', value: 2 },
            { code: 'c', value: 4 },
          ],
        },
        {
          period: 2,
          values: [
            { code: 'a', value: 1 },
            { code: 'b', value: 2 },
          ],
        },
      ],
      { balanced: false },
    );
    expect(r.points.map((p) => p.n)).toEqual([3, 2]);
    expect(r.dropped).toEqual([]);
  });
});

describe('σ-convergence with a sparse year (PCI 2013 has 13 of 63 provinces)', () => {
  const v = (code: string, value: number) => ({ code, value });
  const panel = [
    { period: 2012, values: [v('a', 1), v('b', 2), v('c', 4), v('d', 8)] },
    { period: 2013, values: [v('a', 2)] },
    { period: 2014, values: [v('a', 2), v('b', 2), v('c', 4), v('d', 4)] },
  ];

  it('leaves out years below minCoverage × the best year before balancing, and lists them', () => {
    expect(sparsePeriods(panel, 0.5)).toEqual([2013]);
    expect(sparsePeriods(panel, 0.25)).toEqual([]);
    const s = sigmaConvergence(panel, { minCoverage: 0.5 });
    expect(s.sparsePeriods).toEqual([2013]);
    expect(s.points.map((p) => p.period)).toEqual([2012, 2014]);
    expect(s.units).toEqual(['a', 'b', 'c', 'd']);
    // SD of ln(1, 2, 4, 8) = ln 2 · SD(0, 1, 2, 3) = ln 2 · √1.25.
    expect(s.points[0].sdLog).toBeCloseTo(Math.LN2 * Math.sqrt(1.25), 12);
  });

  it('without it the balanced panel shrinks to the sparse year’s units', () => {
    // Balanced through 2013, only unit a is left: no dispersion to measure in any year.
    expect(() => sigmaConvergence(panel)).toThrow(/needs at least 2/);
    const two = panel.map((p) => (p.period === 2013 ? { ...p, values: [v('a', 2), v('c', 3)] } : p));
    const s = sigmaConvergence(two);
    expect(s.units).toEqual(['a', 'c']);
    expect(s.dropped).toEqual(['b', 'd']);
    expect(s.sparsePeriods).toEqual([]);
  });
});

describe('β-convergence', () => {
  it('recovers β, the speed and the half-life from an exact line (worked example)', () => {
    // Over T = 10 years, units start at 1, e, e² (log initial 0, 1, 2) and grow 3 %, 2 %, 1 % a year in logs:
    // g = 0.03 − 0.01 · ln y₀ exactly, so β = −0.01, R² = 1 and SE = 0.
    // λ = −ln(1 + βT)/T = −ln(0.9)/10 = 0.0105361 a year; half-life = ln 2 / λ = 65.79 years.
    const rows = [0, 1, 2].map((l, i) => ({
      code: String(i),
      start: Math.exp(l),
      end: Math.exp(l + 10 * (0.03 - 0.01 * l)),
    }));
    const b = betaConvergence(rows, 10);
    expect(b.coefficient).toBeCloseTo(-0.01, 14);
    expect(b.intercept).toBeCloseTo(0.03, 14);
    expect(b.r2).toBeCloseTo(1, 12);
    expect(b.speed).toBeCloseTo(-Math.log(0.9) / 10, 12);
    expect(b.halfLife).toBeCloseTo(Math.log(2) / (-Math.log(0.9) / 10), 9);
    expect(b.points[2]).toEqual({ code: '2', logInitial: 2, growth: expect.closeTo(0.01, 14) });
  });
  it('reports divergence as a negative speed without a half-life, and an undefined speed when 1 + βT ≤ 0', () => {
    const diverging = betaConvergence(
      [
        { code: 'a', start: 1, end: 1.1 },
        { code: 'b', start: 2, end: 2.6 },
        { code: 'c', start: 4, end: 6 },
      ],
      5,
    );
    expect(diverging.coefficient).toBeGreaterThan(0);
    expect(diverging.speed).toBeLessThan(0);
    expect(diverging.halfLife).toBeNull();
    // β = −0.3 over T = 5: 1 + βT = −0.5, so λ is undefined (a richer unit ended below a poorer one).
    const overshoot = betaConvergence(
      [0, 1, 2].map((l) => ({ code: String(l), start: Math.exp(l), end: Math.exp(l + 5 * (0.5 - 0.3 * l)) })),
      5,
    );
    expect(overshoot.coefficient).toBeCloseTo(-0.3, 12);
    expect(overshoot.speed).toBeNull();
  });
  it('refuses non-positive values and a zero-length period', () => {
    expect(() => betaConvergence([{ code: 'a', start: 0, end: 1 }], 5)).toThrow(/unit a/);
    expect(() => betaConvergence([{ code: 'a', start: 1, end: 1 }], 0)).toThrow(/after the start/);
  });
  it('is unchanged by a common price deflator (property)', () => {
    // Values with two decimals, as published (a spread of one ulp in the start values would make β meaningless).
    const money = fc.integer({ min: 100, max: 10_000_000 }).map((x) => x / 100);
    const row = fc.record({ s: money, e: money });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 3, maxLength: 60 }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (rows, ks, ke) => {
          const base = rows.map((r, i) => ({ code: String(i), start: r.s, end: r.e }));
          fc.pre(new Set(base.map((r) => r.start)).size > 1);
          const a = betaConvergence(base, 6);
          const b = betaConvergence(
            base.map((r) => ({ ...r, start: r.start * ks, end: r.end * ke })),
            6,
          );
          const close = (x: number, y: number) => Math.abs(x - y) <= 1e-8 * Math.max(1, Math.abs(x));
          return close(a.coefficient, b.coefficient) && close(a.stdError, b.stdError) && close(a.r2, b.r2);
        },
      ),
    );
  });
});

describe('annualGrowthRate', () => {
  it('compounds: 100 → 121 over 2 years is 10 % a year', () => {
    expect(annualGrowthRate(100, 121, 2)).toBeCloseTo(0.1, 14);
    expect(annualGrowthRate(0, 1, 2)).toBeNull();
  });
});

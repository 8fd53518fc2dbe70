import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCompositeIndex, scoreValue } from './composite-index';

const v = (pairs: [string, number][]) => pairs.map(([code, value]) => ({ code, value }));

describe('composite index (worked example)', () => {
  it('normalises to 0–10 by direction, weights, combines and ranks', () => {
    // I1, higher is better, weight 3: A 10, B 20, C 30 → scores 0, 5, 10.
    // I2, lower is better, weight 1: A 1, B 3, C 2 → range 1…3, scores A 10, B 0, C 5.
    // Weights 3/4 and 1/4: A = 0.75·0 + 0.25·10 = 2.5; B = 0.75·5 + 0 = 3.75; C = 0.75·10 + 0.25·5 = 8.75.
    const r = computeCompositeIndex(
      ['A', 'B', 'C'],
      [
        {
          code: 'I1',
          direction: 'higher_better',
          weight: 3,
          values: v([
            ['A', 10],
            ['B', 20],
            ['C', 30],
          ]),
        },
        {
          code: 'I2',
          direction: 'lower_better',
          weight: 1,
          values: v([
            ['A', 1],
            ['B', 3],
            ['C', 2],
          ]),
        },
      ],
    );
    expect(r.units.map((u) => [u.code, u.score, u.rank])).toEqual([
      ['A', 2.5, 3],
      ['B', 3.75, 2],
      ['C', 8.75, 1],
    ]);
    const c = r.units[2].components;
    expect(c.map((x) => [x.indicator, x.value, x.score, x.weight, x.contribution])).toEqual([
      ['I1', 30, 10, 0.75, 7.5],
      ['I2', 2, 5, 0.25, 1.25],
    ]);
    expect(r.indicators[1]).toMatchObject({ min: 1, max: 3, bestUnit: 'A', worstUnit: 'B', normalisedWeight: 0.25 });
  });
  it('leaves out a unit with a missing value, or rescales its weights when asked', () => {
    // With I2 missing for B: 'exclude' gives B no score; 'reweight' scores B on I1 alone: 0.75·5 / 0.75 = 5.
    const inds = [
      {
        code: 'I1',
        direction: 'higher_better' as const,
        weight: 3,
        values: v([
          ['A', 10],
          ['B', 20],
          ['C', 30],
        ]),
      },
      {
        code: 'I2',
        direction: 'lower_better' as const,
        weight: 1,
        values: v([
          ['A', 1],
          ['C', 2],
        ]),
      },
    ];
    const ex = computeCompositeIndex(['A', 'B', 'C'], inds);
    expect(ex.units[1]).toMatchObject({ code: 'B', score: null, rank: null, complete: false });
    expect(ex.ranked).toBe(2);
    const rw = computeCompositeIndex(['A', 'B', 'C'], inds, { missing: 'reweight' });
    expect(rw.units[1].score).toBeCloseTo(5, 14);
  });
  it('scores a constant indicator 5 everywhere and flags it; refuses zero weights', () => {
    expect(scoreValue(3, 3, 3, 'higher_better')).toBe(5);
    const r = computeCompositeIndex(
      ['A', 'B'],
      [
        {
          code: 'K',
          direction: 'higher_better',
          weight: 1,
          values: v([
            ['A', 2],
            ['B', 2],
          ]),
        },
      ],
    );
    expect(r.indicators[0].constant).toBe(true);
    expect(r.units.map((u) => u.rank)).toEqual([1, 1]);
    expect(() =>
      computeCompositeIndex(['A'], [{ code: 'K', direction: 'higher_better', weight: 0, values: v([['A', 2]]) }]),
    ).toThrow(/positive weight/);
  });
});

const indicatorArb = fc.record({
  direction: fc.constantFrom('higher_better' as const, 'lower_better' as const),
  weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
  // Values with two decimals, as published statistics have (no denormal differences that rescaling would erase).
  values: fc.array(
    fc.integer({ min: -1e8, max: 1e8 }).map((x) => x / 100),
    { minLength: 12, maxLength: 12 },
  ),
});
const codes = Array.from({ length: 12 }, (_, i) => `U${i}`);
const build = (inds: { direction: 'higher_better' | 'lower_better'; weight: number; values: number[] }[]) =>
  inds.map((ind, k) => ({
    code: `I${k}`,
    direction: ind.direction,
    weight: ind.weight,
    values: ind.values.map((value, i) => ({ code: codes[i], value })),
  }));

describe('composite index (properties)', () => {
  it('scores lie in [0, 10]; the best unit on every indicator scores 10', () => {
    fc.assert(
      fc.property(fc.array(indicatorArb, { minLength: 1, maxLength: 5 }), (inds) => {
        const r = computeCompositeIndex(codes, build(inds));
        return r.units.every((u) => u.score! >= 0 && u.score! <= 10 + 1e-12);
      }),
    );
    const r = computeCompositeIndex(
      codes,
      build([
        { direction: 'higher_better', weight: 1, values: codes.map((_, i) => i) },
        { direction: 'lower_better', weight: 2, values: codes.map((_, i) => -i) },
      ]),
    );
    expect(r.units[11]).toMatchObject({ score: 10, rank: 1 });
    expect(r.units[0]).toMatchObject({ score: 0, rank: 12 });
  });
  it('is invariant to rescaling an indicator, to scaling all weights, and to the order of units', () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (inds, c) => {
          const a = computeCompositeIndex(codes, build(inds));
          const scaled = build(
            inds.map((ind) => ({ ...ind, weight: ind.weight * c, values: ind.values.map((x) => x * c + 7) })),
          );
          const b = computeCompositeIndex([...codes].reverse(), scaled);
          return a.units.every((u) => {
            const w = b.units.find((x) => x.code === u.code)!;
            return Math.abs(u.score! - w.score!) < 1e-9;
          });
        },
      ),
    );
  });
  it('flipping an indicator’s direction turns each score s into 10 − s', () => {
    fc.assert(
      fc.property(indicatorArb, (ind) => {
        const a = computeCompositeIndex(codes, build([ind]));
        const flipped = {
          ...ind,
          direction: ind.direction === 'higher_better' ? ('lower_better' as const) : ('higher_better' as const),
        };
        const b = computeCompositeIndex(codes, build([flipped]));
        return a.units.every((u, i) => Math.abs(u.score! + b.units[i].score! - 10) < 1e-9);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentration, groupShares, relativeConcentration, totalsFromPerCapita } from './shares';

describe('shares (worked examples)', () => {
  it('gives each grouping its share of the national total, and the groupings together', () => {
    // Population A 100, B 300, C 600: total 1,000. {A, B} holds (100 + 300) / 1,000 = 40 %; {B, C} holds 90 %;
    // together they cover A, B and C once each: 100 %.
    const r = groupShares(
      [
        { code: 'A', value: 100 },
        { code: 'B', value: 300 },
        { code: 'C', value: 600 },
      ],
      [
        { id: 'g1', members: ['A', 'B'] },
        { id: 'g2', members: ['B', 'C'] },
      ],
    );
    expect(r.total).toBe(1000);
    expect(r.groups.map((g) => [g.id, g.value, g.share])).toEqual([
      ['g1', 400, 0.4],
      ['g2', 900, 0.9],
    ]);
    expect(r.combined).toEqual({ value: 1000, share: 1, memberCount: 3 });
    expect(r.complete).toBe(true);
  });
  it('derives totals from per-capita values × population and says which ones', () => {
    // 50 million VND per person × 2 persons = 100 million VND; 10 × 3 = 30. Total 130; {A} holds 100/130.
    const units = totalsFromPerCapita([
      { code: 'A', perCapita: 50, population: 2 },
      { code: 'B', perCapita: 10, population: 3 },
      { code: 'C', perCapita: null, population: 7 },
    ]);
    expect(units.map((u) => u.value)).toEqual([100, 30, null]);
    const r = groupShares(units, [{ id: 'g', members: ['A', 'C', 'Z'] }]);
    expect(r.groups[0].share).toBeCloseTo(100 / 130, 15);
    expect(r.groups[0].derived).toEqual(['A']);
    expect(r.groups[0].missing).toEqual(['C']);
    expect(r.groups[0].unknown).toEqual(['Z']);
    expect(r.missing).toEqual(['C']);
    expect(r.complete).toBe(false);
    expect(r.derived).toEqual(['A', 'B']);
  });
  it('measures concentration: HHI, largest shares, and relative concentration', () => {
    // Shares 0.1, 0.3, 0.6: HHI = 0.01 + 0.09 + 0.36 = 0.46; 1/HHI = 2.17 equal-sized units; CR1 = 0.6.
    const c = concentration([
      { code: 'A', value: 100 },
      { code: 'B', value: 300 },
      { code: 'C', value: 600 },
      { code: 'D', value: null },
    ]);
    expect(c.hhi).toBeCloseTo(0.46, 15);
    expect(c.equivalentUnits).toBeCloseTo(1 / 0.46, 12);
    expect(c.cr1).toBeCloseTo(0.6, 15);
    expect(c.cr3).toBeCloseTo(1, 15);
    expect(c.top.map((t) => t.code)).toEqual(['C', 'B', 'A']);
    // A region with 70 % of output and 30 % of people produces 2.33 times the national output per person.
    expect(relativeConcentration(0.7, 0.3)).toBeCloseTo(7 / 3, 14);
    expect(relativeConcentration(0.7, 0)).toBeNull();
  });
  it('refuses negative values, naming the unit', () => {
    expect(() => groupShares([{ code: '07', value: -1 }], [])).toThrow(/unit 07/);
  });
});

describe('shares (properties)', () => {
  it('the shares of a partition add up to 1, and HHI lies in [1/n, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.double({ min: 0, max: 1e9, noNaN: true }), g: fc.integer({ min: 0, max: 5 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        (rows) => {
          fc.pre(rows.some((r) => r.v > 0));
          const units = rows.map((r, i) => ({ code: String(i), value: r.v }));
          const groups = [0, 1, 2, 3, 4, 5].map((g) => ({
            id: `g${g}`,
            members: rows.flatMap((r, i) => (r.g === g ? [String(i)] : [])),
          }));
          const r = groupShares(units, groups);
          const c = concentration(units);
          const total = r.groups.reduce((s, g) => s + g.share, 0);
          return (
            Math.abs(total - 1) < 1e-12 &&
            Math.abs(r.combined.share - 1) < 1e-12 &&
            c.hhi >= 1 / rows.length - 1e-12 &&
            c.hhi <= 1 + 1e-12
          );
        },
      ),
    );
  });
});

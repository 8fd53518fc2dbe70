import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classBreaks, classOf, DataQuery, niceRound } from './statistics';

describe('choropleth classes', () => {
  it('splits values into classes of about equal size with rounded, increasing breaks', () => {
    const values = Array.from({ length: 34 }, (_, i) => (i + 1) * 1000 + 37);
    const b = classBreaks(values, 5);
    expect(b).toEqual([7000, 14000, 21000, 28000]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, b)]++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(niceRound(2594.678)).toBe(2600);
    expect(niceRound(0.0734, 2)).toBe(0.07);
  });

  it('never gives more classes than distinct values, and every value falls in a class', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }), (vs) => {
        const b = classBreaks(vs, 5, 1);
        expect(b.length).toBeLessThanOrEqual(Math.max(0, new Set(vs).size - 1));
        for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
        for (const v of vs) expect(classOf(v, b)).toBeLessThanOrEqual(b.length);
      }),
    );
    expect(classBreaks([5, 5, 5])).toEqual([]);
  });
});

describe('data query contract', () => {
  it('accepts one or several indicator codes and refuses anything else', () => {
    expect(DataQuery.safeParse({ indicator: 'population,area' }).success).toBe(true);
    expect(DataQuery.safeParse({ indicator: "population'; drop table x" }).success).toBe(false);
    expect(DataQuery.safeParse({ indicator: 'population', sort: 'name' }).success).toBe(false);
    expect(DataQuery.parse({ indicator: 'pci', period: '2016' }).period).toBe(2016);
  });
});

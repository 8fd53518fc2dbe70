import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMembers } from './comparison';

const vals = (xs: number[]) => xs.map((value, i) => ({ code: String(i + 1).padStart(2, '0'), value }));

describe('compareMembers (worked example, exact test)', () => {
  it('members 10, 12 against 1, 2, 3', () => {
    // Members' mean 11, non-members' 2: difference 9; medians 11 and 2: difference 9; ratio 5.5.
    // All C(5, 2) = 10 ways to pick two "members" from the five values (total 28): difference = (5·S − 56)/6 for a
    // pair summing to S. Pair sums 22, 11, 12, 13, 13, 14, 15, 3, 4, 5 → differences 9, −0.17, 0.67, 1.5, 1.5, 2.33,
    // 3.17, −6.83, −6, −5.17. Only the observed pair reaches |9|, so p = 1/10.
    const c = compareMembers(vals([10, 12, 1, 2, 3]), new Set(['01', '02']));
    expect(c.members).toMatchObject({ n: 2, mean: 11, median: 11, min: 10, max: 12 });
    expect(c.others).toMatchObject({ n: 3, mean: 2, median: 2 });
    expect(c.differenceMean).toBe(9);
    expect(c.differenceMedian).toBe(9);
    expect(c.ratioMean).toBe(5.5);
    expect(c.test?.method).toBe('exact');
    expect(c.test?.draws).toBe(10);
    expect(c.test?.seed).toBeNull();
    expect(c.test?.pValue).toBeCloseTo(0.1, 15);
    expect(c.test?.pValueMedian).toBeCloseTo(0.1, 15);
    // The ten null differences have mean 0 (every value is equally often a member).
    const diffs = [22, 11, 12, 13, 13, 14, 15, 3, 4, 5].map((s) => (5 * s - 56) / 6);
    const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / 10);
    expect(c.test?.nullSd).toBeCloseTo(sd, 12);
  });
  it('lists members without a value and gives no test when one side is empty', () => {
    const c = compareMembers(vals([1, 2]), new Set(['01', '02', '77']));
    expect(c.membersWithoutValue).toEqual(['77']);
    expect(c.others.n).toBe(0);
    expect(c.test).toBeNull();
  });
});

describe('compareMembers (Monte Carlo)', () => {
  const xs = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 23) + (i < 10 ? 8 : 0));
  const members = new Set(
    vals(xs)
      .slice(0, 10)
      .map((v) => v.code),
  );
  it('is reproducible from its seed and never reports p = 0', () => {
    const a = compareMembers(vals(xs), members, { seed: 42, draws: 999 });
    const b = compareMembers(vals(xs), members, { seed: 42, draws: 999 });
    const c = compareMembers(vals(xs), members, { seed: 7, draws: 999 });
    expect(a.test?.method).toBe('monte-carlo');
    expect(a.test).toEqual(b.test);
    expect(c.test?.seed).toBe(7);
    expect(a.test!.pValue).toBeGreaterThanOrEqual(1 / 1000);
    expect(a.differenceMean).toBeGreaterThan(0);
  });
  it('gives a small p-value to a large real difference and a large one to none', () => {
    const strong = compareMembers(
      vals(Array.from({ length: 30 }, (_, i) => (i < 8 ? 200 : 100) + (i % 5))),
      new Set(vals(Array.from({ length: 8 }, () => 0)).map((v) => v.code)),
      { draws: 999 },
    );
    expect(strong.test!.pValue).toBeLessThan(0.01);
    // Values 100 + (i mod 3) with the even positions as members: both sides hold five each of 100, 101 and 102, so the
    // difference is 0 and every relabelling is at least as extreme: p = (999 + 1) / (999 + 1) = 1.
    const none = compareMembers(
      vals(Array.from({ length: 30 }, (_, i) => 100 + (i % 3))),
      new Set(
        vals(Array.from({ length: 30 }, () => 0))
          .filter((_, i) => i % 2 === 0)
          .map((v) => v.code),
      ),
      { draws: 999 },
    );
    expect(none.differenceMean).toBeCloseTo(0, 12);
    expect(none.test!.pValue).toBe(1);
  });
  it('refuses an unreasonable number of draws', () => {
    expect(() => compareMembers(vals(xs), members, { draws: 5 })).toThrow(/between 99/);
  });
});

describe('compareMembers (properties)', () => {
  it('swapping members and non-members flips the difference and keeps the exact p-value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 1, max: 11 }),
        (xs, k0) => {
          const k = Math.min(k0, xs.length - 1);
          const v = vals(xs);
          const inside = new Set(v.slice(0, k).map((u) => u.code));
          const outside = new Set(v.slice(k).map((u) => u.code));
          const a = compareMembers(v, inside);
          const b = compareMembers(v, outside);
          return (
            Math.abs(a.differenceMean! + b.differenceMean!) < 1e-9 &&
            Math.abs(a.test!.pValue - b.test!.pValue) < 1e-12 &&
            a.test!.pValue > 0 &&
            a.test!.pValue <= 1
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('method note', () => {
  it('states the exact-enumeration limit the code uses', async () => {
    const { METHODS } = await import('./methods');
    const { MAX_EXACT } = await import('./comparison');
    expect(METHODS.compare.vi).toContain(MAX_EXACT.toLocaleString('vi-VN'));
    expect(METHODS.compare.en).toContain(MAX_EXACT.toLocaleString('en-US'));
  });
});

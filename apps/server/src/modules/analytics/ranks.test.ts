import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ranksWithinGroups, rankUnits } from './ranks';

describe('ranks', () => {
  it('ranks with ties sharing the best rank (1224)', () => {
    const r = rankUnits([
      { code: 'a', value: 5 },
      { code: 'b', value: 7 },
      { code: 'c', value: 7 },
      { code: 'd', value: 3 },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, c: 1, a: 3, d: 4 });
    expect(
      Object.fromEntries(
        rankUnits(
          [
            { code: 'a', value: 5 },
            { code: 'd', value: 3 },
          ],
          'lower_better',
        ),
      ),
    ).toEqual({ d: 1, a: 2 });
  });
  it('ranks within the region and nationally, with the sizes', () => {
    const r = ranksWithinGroups([
      { code: '01', value: 160, group: 'RRD' },
      { code: '04', value: 44, group: 'NMM' },
      { code: '22', value: 200, group: 'RRD' },
      { code: '08', value: 48, group: 'NMM' },
      { code: '99', value: 1, group: null },
    ]);
    expect(r.find((x) => x.code === '01')).toMatchObject({ nationalRank: 2, nationalOf: 5, groupRank: 2, groupOf: 2 });
    expect(r.find((x) => x.code === '08')).toMatchObject({ nationalRank: 3, groupRank: 1, groupOf: 2 });
    expect(r.find((x) => x.code === '99')).toMatchObject({ nationalRank: 5, groupRank: null, groupOf: null });
  });
  it('ranks are a permutation-invariant function of the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const items = xs.map((value, i) => ({ code: String(i), value }));
        const a = rankUnits(items);
        const b = rankUnits([...items].reverse());
        // rank = 1 + number of strictly greater values
        return items.every(
          (it) => a.get(it.code) === b.get(it.code) && a.get(it.code) === 1 + xs.filter((x) => x > it.value).length,
        );
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { harmoniseToNewUnits } from './harmonise';

describe('harmoniseToNewUnits (worked example)', () => {
  // Old units 02 and 08 merged into new 08; 01 unchanged.
  const edges = [
    { fromCode: '01', toCode: '01', weight: 1 },
    { fromCode: '02', toCode: '08', weight: 1 },
    { fromCode: '08', toCode: '08', weight: 1 },
  ];
  it('sums additive values', () => {
    // Population of new 08 = 911,400 (Hà Giang) + 820,300 (Tuyên Quang) = 1,731,700.
    const r = harmoniseToNewUnits(
      new Map([
        ['01', 8_717_600],
        ['02', 911_400],
        ['08', 820_300],
      ]),
      edges,
      'sum',
    );
    expect(r).toEqual([
      { code: '01', value: 8_717_600, contributors: ['01'], missing: [] },
      { code: '08', value: 1_731_700, contributors: ['02', '08'], missing: [] },
    ]);
  });
  it('takes a population-weighted mean of per-capita values', () => {
    // GRDP per capita of new 08 = (911,400 × 37.8 + 820,300 × 60) / 1,731,700 = (34,450,920 + 49,218,000) / 1,731,700
    // = 83,668,920 / 1,731,700 = 48.316 million VND.
    const r = harmoniseToNewUnits(
      new Map([
        ['02', 37.8],
        ['08', 60],
      ]),
      edges.slice(1),
      'weighted_mean',
      new Map([
        ['02', 911_400],
        ['08', 820_300],
      ]),
    );
    expect(r[0].value).toBeCloseTo(83_668_920 / 1_731_700, 12);
  });
  it('gives null, not a partial aggregate, when a predecessor lacks a value', () => {
    const r = harmoniseToNewUnits(new Map([['02', 1]]), edges, 'sum');
    expect(r.find((x) => x.code === '08')).toEqual({ code: '08', value: null, contributors: ['02'], missing: ['08'] });
    expect(() => harmoniseToNewUnits(new Map(), edges, 'weighted_mean')).toThrow(/weights/);
  });
  it('splits a unit by territory share', () => {
    const r = harmoniseToNewUnits(
      new Map([['A', 100]]),
      [
        { fromCode: 'A', toCode: 'X', weight: 0.25 },
        { fromCode: 'A', toCode: 'Y', weight: 0.75 },
      ],
      'sum',
    );
    expect(r.map((x) => x.value)).toEqual([25, 75]);
  });
});

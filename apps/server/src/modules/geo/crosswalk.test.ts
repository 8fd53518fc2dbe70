import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryAdditive, checkCrosswalk, compareAreas, composeCrosswalk } from './crosswalk';

describe('checkCrosswalk', () => {
  it('accepts a complete whole-unit merger', () => {
    const r = checkCrosswalk(
      [
        { fromCode: '24', toCode: '24', weight: 1 },
        { fromCode: '27', toCode: '24', weight: 1 },
      ],
      ['24', '27'],
      ['24'],
    );
    expect(r).toEqual({ unmapped: [], weightNotOne: [], orphans: [], unknown: [] });
  });
  it('reports unmapped old units, orphans, weights not summing to 1 and unknown codes', () => {
    const r = checkCrosswalk(
      [
        { fromCode: 'A', toCode: 'X', weight: 0.6 },
        { fromCode: 'Q', toCode: 'X', weight: 1 },
      ],
      ['A', 'B'],
      ['X', 'Y'],
    );
    expect(r.unmapped).toEqual(['B']);
    expect(r.orphans).toEqual(['Y']);
    expect(r.weightNotOne).toEqual([{ code: 'A', total: 0.6 }]);
    expect(r.unknown).toHaveLength(1);
  });
});

describe('composeCrosswalk', () => {
  it('multiplies weights along a path and adds parallel paths', () => {
    const out = composeCrosswalk(
      ['A'],
      [
        [
          { fromCode: 'A', toCode: 'B', weight: 0.5 },
          { fromCode: 'A', toCode: 'C', weight: 0.5 },
        ],
        [
          { fromCode: 'B', toCode: 'D', weight: 1 },
          { fromCode: 'C', toCode: 'D', weight: 1 },
        ],
      ],
    );
    expect(out).toEqual([{ fromCode: 'A', toCode: 'D', weight: 1 }]);
  });
  it('carries units without a change over unchanged', () => {
    expect(composeCrosswalk(['01'], [[{ fromCode: '02', toCode: '08', weight: 1 }]])).toEqual([
      { fromCode: '01', toCode: '01', weight: 1 },
    ]);
  });
});

describe('carryAdditive (property)', () => {
  // Random partitions of old units into new ones with random split weights that sum to 1 per old unit.
  const crosswalkArb = fc
    .array(
      fc.record({
        value: fc.double({ min: 0, max: 1e7, noNaN: true }),
        targets: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }),
        split: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((olds) => {
      const values = new Map<string, number>();
      const edges: { fromCode: string; toCode: string; weight: number }[] = [];
      olds.forEach((o, i) => {
        const code = `O${i}`;
        values.set(code, o.value);
        const targets = [...new Set(o.targets)];
        const raw = targets.map((_, j) => o.split[j]);
        const total = raw.reduce((s, x) => s + x, 0);
        for (const [j, t] of targets.entries()) edges.push({ fromCode: code, toCode: `N${t}`, weight: raw[j] / total });
      });
      return { values, edges };
    });

  it('preserves the national total across vintages', () => {
    fc.assert(
      fc.property(crosswalkArb, ({ values, edges }) => {
        const before = [...values.values()].reduce((s, v) => s + v, 0);
        const after = [...carryAdditive(values, edges).values()].reduce((s, v) => s + v.value, 0);
        expect(after).toBeCloseTo(before, 3);
      }),
    );
  });

  it('never treats a missing old value as zero: it is listed as missing', () => {
    const out = carryAdditive(new Map([['A', 5]]), [
      { fromCode: 'A', toCode: 'X', weight: 1 },
      { fromCode: 'B', toCode: 'X', weight: 1 },
    ]);
    expect(out.get('X')).toEqual({ value: 5, contributors: ['A'], missing: ['B'] });
  });
});

describe('compareAreas', () => {
  it('reports the difference between an official area and its members’ sum', () => {
    const [d] = compareAreas(
      new Map([['24', 100]]),
      new Map([
        ['24', 60],
        ['27', 39],
      ]),
      [
        { fromCode: '24', toCode: '24', weight: 1 },
        { fromCode: '27', toCode: '24', weight: 1 },
      ],
    );
    expect(d).toMatchObject({ code: '24', membersKm2: 99, differenceKm2: 1, differencePct: 1 });
  });
});

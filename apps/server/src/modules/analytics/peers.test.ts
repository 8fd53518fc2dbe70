import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPeers } from './peers';

const v = (pairs: [string, number][]) => pairs.map(([code, value]) => ({ code, value }));

describe('findPeers (worked example)', () => {
  it('standardises, measures the distance in standard deviations and breaks ties by code', () => {
    // One indicator: T 0, A 1, B 3, C −1. Mean 0.75; deviations −0.75, 0.25, 2.25, −1.75; squares sum to 8.75;
    // SD = √(8.75/4) = 1.479020. Distances from T: A |1 − 0|/SD = 0.676123, C the same, B 3/SD = 2.028370.
    const r = findPeers(
      'T',
      [
        {
          code: 'x',
          values: v([
            ['T', 0],
            ['A', 1],
            ['B', 3],
            ['C', -1],
          ]),
        },
      ],
      2,
    );
    const sd = Math.sqrt(8.75 / 4);
    expect(r.scales[0]).toMatchObject({ mean: 0.75, constant: false });
    expect(r.scales[0].sd).toBeCloseTo(sd, 14);
    expect(r.peers.map((p) => [p.code, p.rank])).toEqual([
      ['A', 1],
      ['C', 2],
    ]);
    expect(r.peers[0].distance).toBeCloseTo(1 / sd, 14);
    expect(r.compared).toBe(4);
  });
  it('weights indicators, compares logs when asked, and leaves out units lacking a value', () => {
    // Two indicators, weights 3 and 1; the second compared in logs: ln 1 = 0, ln e = 1, ln e² = 2 (mean 1, SD √(2/3)).
    // x: T 0, A 0, B 10, (C missing) → mean 10/3, SD √(200/9)/√3·… only T, A, B are compared.
    const r = findPeers(
      'T',
      [
        {
          code: 'x',
          weight: 3,
          values: v([
            ['T', 0],
            ['A', 0],
            ['B', 10],
          ]),
        },
        {
          code: 'y',
          weight: 1,
          log: true,
          values: v([
            ['T', 1],
            ['A', Math.E ** 2],
            ['B', Math.E],
            ['C', 5],
          ]),
        },
      ],
      5,
    );
    expect(r.excluded).toEqual(['C']);
    const sdY = Math.sqrt(2 / 3);
    // A differs from T only on y, by 2 log units = 2/SD_y standard deviations: distance √(1·(2/sdY)² / 4).
    expect(r.peers.find((p) => p.code === 'A')!.distance).toBeCloseTo(Math.sqrt((2 / sdY) ** 2 / 4), 12);
    expect(() => findPeers('C', [{ code: 'x', values: v([['T', 1]]) }])).toThrow(/no value on every/);
    expect(() => findPeers('T', [{ code: 'y', log: true, values: v([['T', 0]]) }])).toThrow(/log scale/);
  });
});

describe('findPeers (properties)', () => {
  it('distances are symmetric, non-negative and unchanged by a change of unit of measurement', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 100),
            fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 100),
          ),
          { minLength: 3, maxLength: 30 },
        ),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (rows, c) => {
          const ind = (k: 0 | 1, scale = 1) => ({
            code: `i${k}`,
            values: rows.map((r, i) => ({ code: `U${i}`, value: r[k] * scale })),
          });
          const a = findPeers('U0', [ind(0), ind(1)], rows.length);
          const b = findPeers('U0', [ind(0, c), ind(1)], rows.length);
          const back = findPeers('U1', [ind(0), ind(1)], rows.length);
          const d01 = a.peers.find((p) => p.code === 'U1')!.distance;
          const d10 = back.peers.find((p) => p.code === 'U0')!.distance;
          return (
            Math.abs(d01 - d10) < 1e-9 &&
            a.peers.every(
              (p, i) =>
                p.distance >= 0 &&
                Math.abs(p.distance - b.peers.find((q) => q.code === p.code)!.distance) < 1e-7 &&
                (i === 0 || p.distance >= a.peers[i - 1].distance),
            )
          );
        },
      ),
    );
  });
});

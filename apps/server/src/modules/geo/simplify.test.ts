import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { buildBoundaryLayers } from './geo.seed';
import { simplifyLine, simplifyTopology } from './simplify';

/** The absolute (quantized) points of each arc of a topology. */
const decode = (topo: Topology) =>
  topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x, y];
    });
  });

const distanceToSegment = (p: number[], a: number[], b: number[]) => {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
};

describe('simplifyLine (Douglas–Peucker)', () => {
  it('drops points on a straight line and keeps the corners', () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [3, 1],
      [3, 2],
    ];
    expect(simplifyLine(line, 0.1)).toEqual([
      [0, 0],
      [3, 0],
      [3, 2],
    ]);
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
      minLength: 2,
      maxLength: 40,
    }),
    fc.double({ min: 0.5, max: 10, noNaN: true }),
  ])(
    'keeps both ends, keeps order, and leaves no dropped point farther than the tolerance from the result',
    (line, tol) => {
      const out = simplifyLine(line, tol);
      expect(out[0]).toBe(line[0]);
      expect(out.at(-1)).toBe(line.at(-1));
      const idx = out.map((p) => line.indexOf(p));
      expect([...idx].sort((a, b) => a - b)).toEqual(idx);
      // every original point lies within tol of the simplified segment that spans it
      for (let k = 0; k + 1 < idx.length; k++)
        for (let i = idx[k]; i <= idx[k + 1]; i++)
          expect(distanceToSegment(line[i], out[k], out[k + 1])).toBeLessThanOrEqual(tol + 1e-9);
    },
  );
});

describe('simplifyTopology on the reference boundary layers', () => {
  const { topo34Text, topo63Text } = buildBoundaryLayers();
  it.each([
    ['34', topo34Text],
    ['63', topo63Text],
  ])('%s provinces: fewer points, same arcs, shared end points kept, islands kept as rings', (_n, text) => {
    const topo = JSON.parse(text) as Topology;
    const simple = simplifyTopology(topo, 0.005);
    const before = decode(topo);
    const after = decode(simple);
    expect(after).toHaveLength(before.length);
    const count = (arcs: number[][][]) => arcs.reduce((s, a) => s + a.length, 0);
    expect(count(after)).toBeLessThan(count(before) * 0.6);
    for (let i = 0; i < before.length; i++) {
      expect(after[i][0]).toEqual(before[i][0]);
      expect(after[i].at(-1)).toEqual(before[i].at(-1));
      const closed = before[i].length > 3 && before[i][0].join() === before[i].at(-1)?.join();
      if (closed) expect(after[i].length).toBeGreaterThanOrEqual(4);
    }
    // the objects (which province is made of which arcs) are untouched
    expect(simple.objects).toEqual(topo.objects);
    expect(simple.transform).toEqual(topo.transform);
  });
});

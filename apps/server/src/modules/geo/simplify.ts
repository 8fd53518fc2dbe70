import type { Topology } from 'topojson-specification';

type Point = [number, number];

/** Squared distance of p from the segment a–b. */
function segmentDistance2(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker: the points of `line` to keep so that none dropped is farther than `tolerance` from the result. */
export function simplifyLine(line: Point[], tolerance: number): Point[] {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(line[i], line[first], line[last]);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([first, worst], [worst, last]);
  }
  return line.filter((_, i) => keep[i] === 1);
}

/**
 * A lighter copy of a quantized TopoJSON topology for a map drawn at small scale: each arc simplified with
 * Douglas–Peucker to `toleranceDeg` degrees. Arcs keep their end points, so neighbouring provinces still share their
 * borders exactly; a closed arc (an island) that would fall below four points keeps all of its points.
 */
export function simplifyTopology(topo: Topology, toleranceDeg: number): Topology {
  if (!topo.transform) throw new Error('simplifyTopology expects a quantized topology');
  const [sx, sy] = topo.transform.scale;
  // Work in quantized units, scaled so that both axes are in degrees' proportion.
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const abs: Point[] = arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx, y * sy];
    });
    const closed = abs.length > 1 && arc.length > 1 && abs[0][0] === abs.at(-1)?.[0] && abs[0][1] === abs.at(-1)?.[1];
    const kept = simplifyLine(abs, toleranceDeg);
    const out = closed && kept.length < 4 ? abs : kept;
    let px = 0;
    let py = 0;
    return out.map(([ax, ay]) => {
      const qx = Math.round(ax / sx);
      const qy = Math.round(ay / sy);
      const d: [number, number] = [qx - px, qy - py];
      px = qx;
      py = qy;
      return d;
    });
  });
  return { ...topo, arcs };
}

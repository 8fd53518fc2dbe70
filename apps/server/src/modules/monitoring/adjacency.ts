import type { Position } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Which provinces border each other, and how far apart they are, from the province boundaries in force (TopoJSON).
 * Two provinces are neighbours when their polygons share an arc of the topology (a common boundary line, not a mere
 * corner); distances are great-circle kilometres between the centres of the provinces' largest polygons. Pure.
 */

export interface ProvinceGeometryFacts {
  /** code → codes of the provinces it borders, sorted. */
  neighbours: Map<string, string[]>;
  /** code → [lon, lat] of the centre of its largest polygon. */
  centres: Map<string, [number, number]>;
}

const codeOf = (g: { properties?: Record<string, unknown> | null }) => String(g.properties?.code ?? '');

/** Area and centroid of a ring by the planar shoelace formula in degrees (good enough for one province's extent). */
function ringCentroid(ring: readonly Position[]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

/** Neighbours and centres of every province of a TopoJSON layer whose geometries carry `properties.code`. */
export function provinceGeometryFacts(topology: Topology, objectName?: string): ProvinceGeometryFacts {
  const name = objectName ?? Object.keys(topology.objects)[0];
  const obj = topology.objects[name] as GeometryCollection<{ code?: string }>;
  const geoms = obj.geometries;
  const idx = neighbors(geoms as never) as number[][];
  const neighbours = new Map<string, string[]>();
  geoms.forEach((g, i) => {
    neighbours.set(codeOf(g), idx[i].map((j) => codeOf(geoms[j])).sort());
  });
  const centres = new Map<string, [number, number]>();
  const fc = feature(topology, obj) as unknown as GeoJSON.FeatureCollection;
  for (const f of fc.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let best = { area: -1, x: 0, y: 0 };
    for (const p of polys) {
      const c = ringCentroid(p[0]);
      if (c.area > best.area) best = c;
    }
    centres.set(codeOf(f as never), [best.x, best.y]);
  }
  return { neighbours, centres };
}

/** Great-circle distance in km between two [lon, lat] points (haversine, R = 6371 km). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The unordered pairs of neighbouring provinces, each once, `a < b`. */
export function adjacencyPairs(neighbours: ReadonlyMap<string, readonly string[]>): [string, string][] {
  const out: [string, string][] = [];
  for (const [a, ns] of neighbours) for (const b of ns) if (a < b) out.push([a, b]);
  return out.sort((x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]));
}

import { distanceKm } from './adjacency';

/**
 * Candidate duplicated or competing investments: pairs of point projects (facilities, not routes) of a compared sector,
 * of the same sector and type, with overlapping phases, located in different provinces that border each other (or whose centres lie within a distance the user
 * sets). Groups are the connected sets of such pairs. Pure: projects come in with today's province codes.
 */

export interface DuplicateProject {
  code: string;
  nameVi: string;
  sector: string;
  /** Point (a facility) or line (a route): lines connect provinces and are not compared. */
  geometry: 'point' | 'line';
  /** The project type within its sector (the registry's sector detail, e.g. "Transport - aviation"). */
  type: string;
  /** Years of the phase; `assumed` when the project states none and the plan's period is used. */
  phase: { from: number; to: number; assumed: boolean };
  phaseText: string | null;
  /** Today's codes of the provinces the project is located in. */
  located: string[];
  scale: string | null;
  /** Σ planned and Σ allocated over the funding lines (million VND), null when it has none. */
  planned: number | null;
  allocated: number | null;
}

export interface DuplicateRules {
  /** Also pair provinces whose centres are within this many km (null: neighbours only). */
  withinKm: number | null;
  /** Only projects of these sectors are compared (null: every sector). */
  sectors: readonly string[] | null;
}

export interface CandidatePair {
  key: string;
  a: string;
  b: string;
  sector: string;
  type: string;
  /** The closest pair of provinces of the two projects. */
  provinceA: string;
  provinceB: string;
  adjacent: boolean;
  distanceKm: number;
  overlap: { from: number; to: number };
}

/** The years of a phase text ("2021-2025", "2026–2030"); the plan's period when none is stated. */
export function parsePhase(text: string | null, plan: { from: number; to: number }) {
  const m = text?.match(/(\d{4})\s*[-–]\s*(\d{4})/);
  if (m) return { from: Number(m[1]), to: Number(m[2]), assumed: false };
  const y = text?.match(/\b(\d{4})\b/);
  if (y) return { from: Number(y[1]), to: Number(y[1]), assumed: false };
  return { from: plan.from, to: plan.to, assumed: true };
}

/** The key of a pair: the two project codes in order, joined with "+". */
export const pairKey = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);

/** The two projects' closest provinces: a bordering pair first, else the shortest centre distance. */
function closest(
  p: DuplicateProject,
  q: DuplicateProject,
  neighbours: ReadonlyMap<string, readonly string[]>,
  centres: ReadonlyMap<string, readonly [number, number]>,
) {
  let best: { a: string; b: string; adjacent: boolean; km: number } | null = null;
  for (const a of p.located)
    for (const b of q.located) {
      const adjacent = neighbours.get(a)?.includes(b) ?? false;
      const ca = centres.get(a);
      const cb = centres.get(b);
      const km = ca && cb ? distanceKm(ca, cb) : Number.POSITIVE_INFINITY;
      if (!best || (adjacent && !best.adjacent) || (adjacent === best.adjacent && km < best.km))
        best = { a, b, adjacent, km };
    }
  return best;
}

/** Every candidate pair among the projects under the rules, sorted by sector, type and key. */
export function findCandidatePairs(
  projects: readonly DuplicateProject[],
  neighbours: ReadonlyMap<string, readonly string[]>,
  centres: ReadonlyMap<string, readonly [number, number]>,
  rules: DuplicateRules,
): CandidatePair[] {
  const out: CandidatePair[] = [];
  const list = projects
    .filter((p) => p.geometry === 'point' && (rules.sectors === null || rules.sectors.includes(p.sector)))
    .sort((x, y) => x.code.localeCompare(y.code));
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const p = list[i];
      const q = list[j];
      if (p.sector !== q.sector || p.type !== q.type) continue;
      if (p.located.length === 0 || q.located.length === 0) continue;
      if (p.located.some((c) => q.located.includes(c))) continue;
      const from = Math.max(p.phase.from, q.phase.from);
      const to = Math.min(p.phase.to, q.phase.to);
      if (from > to) continue;
      const c = closest(p, q, neighbours, centres);
      if (!c) continue;
      if (!c.adjacent && !(rules.withinKm !== null && c.km <= rules.withinKm)) continue;
      out.push({
        key: pairKey(p.code, q.code),
        a: p.code,
        b: q.code,
        sector: p.sector,
        type: p.type,
        provinceA: c.a,
        provinceB: c.b,
        adjacent: c.adjacent,
        distanceKm: Math.round(c.km),
        overlap: { from, to },
      });
    }
  return out.sort(
    (x, y) => x.sector.localeCompare(y.sector) || x.type.localeCompare(y.type) || x.key.localeCompare(y.key),
  );
}

/** Groups: the connected sets of projects linked by candidate pairs (each with its pairs), largest first. */
export function groupPairs(pairs: readonly CandidatePair[]): { projects: string[]; pairs: CandidatePair[] }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, { projects: Set<string>; pairs: CandidatePair[] }>();
  for (const p of pairs) {
    const r = find(p.a);
    const g = groups.get(r) ?? { projects: new Set<string>(), pairs: [] };
    g.projects.add(p.a);
    g.projects.add(p.b);
    g.pairs.push(p);
    groups.set(r, g);
  }
  return [...groups.values()]
    .map((g) => ({ projects: [...g.projects].sort(), pairs: g.pairs }))
    .sort((x, y) => y.projects.length - x.projects.length || x.projects[0].localeCompare(y.projects[0]));
}

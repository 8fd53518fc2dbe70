import type { LinkageEdge } from '@regionlink/shared';

/**
 * The linkage network between provinces as pure arithmetic: one undirected edge per pair of provinces, carrying the
 * agreements between them (every pair of parties), the projects linking them (consecutive provinces along the
 * project, so a corridor is a chain, not a clique), and the follow-ups one leads with the other as partner. The weight
 * is the number of links. Pairs are keyed with the smaller code first; edges come sorted by weight, then codes.
 */

export interface LinkageInput {
  agreements: { id: number; titleVi: string; provinces: string[] }[];
  projects: { code: string; nameVi: string; nameEn: string; provinces: string[] }[];
  followUps: { id: number; textVi: string; lead: string | null; partners: string[] }[];
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The edges of the network (see above). */
export function linkageEdges(input: LinkageInput): LinkageEdge[] {
  const edges = new Map<string, LinkageEdge>();
  const edge = (a: string, b: string) => {
    const k = key(a, b);
    let e = edges.get(k);
    if (!e) {
      const [x, y] = a < b ? [a, b] : [b, a];
      e = { a: x, b: y, agreements: [], projects: [], followUps: [], weight: 0 };
      edges.set(k, e);
    }
    return e;
  };
  for (const ag of input.agreements) {
    const ps = [...new Set(ag.provinces)];
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) edge(ps[i], ps[j]).agreements.push({ id: ag.id, titleVi: ag.titleVi });
  }
  for (const p of input.projects) {
    const chain = p.provinces.filter((c, i) => i === 0 || c !== p.provinces[i - 1]);
    const seen = new Set<string>();
    for (let i = 1; i < chain.length; i++) {
      if (chain[i] === chain[i - 1]) continue;
      const k = key(chain[i - 1], chain[i]);
      if (seen.has(k)) continue;
      seen.add(k);
      edge(chain[i - 1], chain[i]).projects.push({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn });
    }
  }
  for (const f of input.followUps) {
    if (!f.lead) continue;
    for (const partner of new Set(f.partners))
      if (partner !== f.lead) edge(f.lead, partner).followUps.push({ id: f.id, textVi: f.textVi });
  }
  const out = [...edges.values()];
  for (const e of out) e.weight = e.agreements.length + e.projects.length + e.followUps.length;
  return out.sort((x, y) => y.weight - x.weight || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

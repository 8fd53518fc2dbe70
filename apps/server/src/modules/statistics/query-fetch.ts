import type { ObservationStatus } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { emptyPart, type Part } from './aggregation-rules';
import type { Geography, MapRow } from './geography';
import type { FetchSpec, QueryPlan } from './query-plan';
import { rawSql } from './raw-sql';

/**
 * Stage 2 of the query engine (query.service.ts): **fetch**. The only stage that reads observations: for targets made
 * of provinces, candidate parts per (indicator, province, period, rank) from the three branches (province-level
 * observations, the commune pre-aggregate, raw communes for past releases and indices); for communes, their recorded
 * values.
 */

/** Partial aggregate of one way (rank) to obtain one (indicator, province, period). */
export interface Cand {
  rank: number;
  part: Part;
  releases: Set<number>;
  provisional: number;
  /** Source units that contributed (`code|date`), for province-level sources. */
  sources: string[];
  /** All contributions had crosswalk weight 1 (a whole unit), so a single source is that unit's own value. */
  whole: boolean;
}

/** Candidates by rank, per `indicatorId|province|period`. */
export type Candidates = Map<string, Map<number, Cand>>;

/** Number of contributing units expected for a candidate of `target` at `rank`. */
export function expectedFor(geo: Geography, target: string, rank: number): number {
  return geo.expected.get(`${target}|${rank % 10}`) ?? 0;
}

export function newCand(rank: number, expected: number): Cand {
  return { rank, part: emptyPart(expected), releases: new Set(), provisional: 0, sources: [], whole: true };
}

/** A row summed in SQL: indicator, target, period, rank, weight, count, Σv, Σv·w, Σw, count(w), provisional, releases. */
type SummedRow = [
  number,
  string,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number,
  number,
  number[],
];

/** Add a row summed in SQL (province pre-aggregate or commune rows) to its candidate, scaled by the crosswalk weight. */
function addSummed(c: Cand, [, , , , w, n, sv, svw, sw, nw, nprov, rels]: SummedRow) {
  const p = c.part;
  p.n += n;
  p.sum += sv * w;
  p.sumVW += (svw ?? 0) * w;
  p.sumW += (sw ?? 0) * w;
  p.nW += nw;
  if (w !== 1) c.whole = false;
  c.provisional += nprov;
  for (const x of rels) c.releases.add(x);
}

/** The observation source: current values, or the values as published right after release `R` ($n placeholder). */
function obsSource(asOf: string | null): string {
  if (!asOf) return 'observations';
  return `(select indicator_id, unit_code, geo_date, period, value, status, release_id from observations
            where release_id <= ${asOf}
          union all
          select indicator_id, unit_code, geo_date, period, value, status, release_id from observation_revisions
            where release_id <= ${asOf} and superseded_by > ${asOf})`;
}

/**
 * Gather candidates per (indicator, target province, period, rank) from the three branches (province-level
 * observations, the commune pre-aggregate, or raw communes for past releases and `none` indicators).
 */
export async function gatherCandidates(
  db: Db,
  geo: Geography,
  members: Set<string>,
  specs: FetchSpec[],
  levels: Map<number, Set<string>>,
  range: [number, number],
  release: number | null,
): Promise<Map<string, Map<number, Cand>>> {
  const raw = rawSql(db);
  const map: MapRow[] = geo.mapRows.filter((m) => members.has(m.target));
  const out = new Map<string, Map<number, Cand>>();
  const candOf = (ind: number, target: string, period: number, rank: number) => {
    const key = `${ind}|${target}|${period}`;
    let byRank = out.get(key);
    if (!byRank) {
      byRank = new Map();
      out.set(key, byRank);
    }
    let c = byRank.get(rank);
    if (!c) {
      c = newCand(rank, expectedFor(geo, target, rank));
      byRank.set(rank, c);
    }
    return c;
  };
  const mArrays = [
    map.map((m) => m.srcCode),
    map.map((m) => m.srcDate),
    map.map((m) => m.target),
    map.map((m) => m.weight),
    map.map((m) => m.rank),
  ];
  const srcKeys = map.map((m) => `${m.srcCode}|${m.srcDate}`);
  const withProvince = specs.filter((s) => levels.get(s.def.id)?.has('province'));
  const withCommune = specs.filter((s) => levels.get(s.def.id)?.has('commune'));
  /** Parameters and SQL pieces for one group of indicators sharing a weight (the weight is a constant, so the join
   * to its observations is an index lookup on the full primary key). */
  const build = (list: FetchSpec[], weightId: number | null) => {
    const p: unknown[] = [...mArrays, list.map((x) => x.def.id), range[0], range[1]];
    let obs = 'observations';
    if (release !== null) {
      p.push(release);
      obs = obsSource(`$${p.length}`);
    }
    let wjoin = '';
    let wsel = 'null::float8';
    if (weightId !== null) {
      p.push(weightId);
      wjoin = `left join ${obs} wt on wt.indicator_id = $${p.length} and wt.unit_code = o.unit_code
                 and wt.geo_date = o.geo_date and wt.period = o.period`;
      wsel = 'wt.value';
    }
    return { p, obs, wjoin, wsel };
  };
  const byWeight = (list: FetchSpec[]) => {
    const groups = new Map<number | null, FetchSpec[]>();
    for (const x of list) groups.set(x.def.weightId, [...(groups.get(x.def.weightId) ?? []), x]);
    return [...groups];
  };

  for (const [weightId, group] of byWeight(withProvince)) {
    const { p, obs, wjoin, wsel } = build(group, weightId);
    const rows = await raw.queryArrays(
      `select o.indicator_id, m.target, o.period, m.rank + case when o.status = 'estimate' then 10 else 0 end,
              m.w, o.value, ${wsel}, o.status, o.release_id, m.i
       from unnest($1::text[], $2::date[], $3::text[], $4::float8[], $5::int[]) with ordinality as m(code, d, target, w, rank, i)
       cross join unnest($6::int[]) as f(ind)
       join ${obs} o on o.indicator_id = f.ind and o.unit_code = m.code and o.geo_date = m.d
       ${wjoin}
       where o.period between $7 and $8 and o.indicator_id = any($6::int[])`,
      p,
    );
    const keep = new Set(group.filter((s) => s.keepValues).map((s) => s.def.id));
    for (const r of rows) {
      const [ind, target, period, rank, w, v, wv, status, rel, src] = r as [
        number,
        string,
        number,
        number,
        number,
        number,
        number | null,
        string,
        number,
        number,
      ];
      const c = candOf(ind, target, period, rank);
      const p = c.part;
      p.n++;
      p.sum += v * w;
      if (wv !== null) {
        p.sumVW += v * wv * w;
        p.sumW += wv * w;
        p.nW++;
      }
      if (keep.has(ind)) p.values.push(v);
      if (w !== 1) c.whole = false;
      if (status === 'provisional') c.provisional++;
      c.releases.add(rel);
      c.sources.push(srcKeys[Number(src) - 1]);
    }
  }

  if (withCommune.length) {
    const viaAgg = release === null ? withCommune.filter((s) => !s.keepValues) : [];
    const viaRaw = withCommune.filter((s) => !viaAgg.includes(s));
    if (viaAgg.length) {
      const { p } = build(viaAgg, null);
      const rows = await raw.queryArrays(
        `select a.indicator_id, m.target, a.period, m.rank + 1, m.w, a.n, a.sum_v, a.sum_vw, a.sum_w, a.n_w,
                a.n_provisional, a.releases
         from unnest($1::text[], $2::date[], $3::text[], $4::float8[], $5::int[]) as m(code, d, target, w, rank)
         join stat_province_agg a on a.province_code = m.code and a.geo_date = m.d
         where a.indicator_id = any($6::int[]) and a.period between $7 and $8`,
        p.slice(0, 8),
      );
      for (const r of rows) {
        const [ind, target, period, rank] = r as SummedRow;
        addSummed(candOf(ind, target, period, rank), r as SummedRow);
      }
    }
    for (const [weightId, group] of byWeight(viaRaw)) {
      const { p, obs, wjoin, wsel } = build(group, weightId);
      const rows = await raw.queryArrays(
        `select o.indicator_id, m.target, o.period, m.rank + 1, m.w, count(*)::int, sum(o.value),
                sum(o.value * ${wsel}), sum(${wsel}), count(${wsel})::int,
                count(*) filter (where o.status = 'provisional')::int, array_agg(distinct o.release_id),
                array_agg(o.value)
         from unnest($1::text[], $2::date[], $3::text[], $4::float8[], $5::int[]) as m(code, d, target, w, rank)
         join stat_units u on u.level = 'commune' and u.parent_code = m.code and u.parent_geo_date = m.d
         cross join unnest($6::int[]) as f(ind)
         join ${obs} o on o.indicator_id = f.ind and o.unit_code = u.code and o.geo_date = u.geo_date
         ${wjoin}
         where o.period between $7 and $8
         group by o.indicator_id, m.target, o.period, m.rank, m.w`,
        p,
      );
      const keep = new Set(group.filter((s) => s.keepValues).map((s) => s.def.id));
      for (const r of rows) {
        const [ind, target, period, rank, , , , , , , , , vals] = r as [...SummedRow, number[]];
        const c = candOf(ind, target, period, rank);
        addSummed(c, r as SummedRow);
        if (keep.has(ind)) c.part.values.push(...vals);
      }
    }
  }
  return out;
}

/** One recorded commune value, as read. */
export type CommuneObservation = [
  indicatorId: number,
  code: string,
  nameVi: string,
  nameEn: string,
  period: number,
  value: number,
  status: ObservationStatus,
  releaseId: number,
];

/** Commune level: the recorded values of the communes in force on `at` (communes are never aggregated into). */
export async function fetchCommuneObservations(
  db: Db,
  ids: number[],
  at: string,
  range: [number, number],
  units: string[] | undefined,
  release: number | null,
): Promise<CommuneObservation[]> {
  const params: unknown[] = [ids, range[0], range[1], at];
  let unitFilter = '';
  if (units?.length) {
    params.push(units);
    unitFilter = `and o.unit_code = any($${params.length}::text[])`;
  }
  let OBS = 'observations';
  if (release !== null) {
    params.push(release);
    OBS = obsSource(`$${params.length}`);
  }
  return (await rawSql(db).queryArrays(
    `select o.indicator_id, o.unit_code, u.name_vi, u.name_en, o.period, o.value, o.status, o.release_id
     from ${OBS} o join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
     where o.indicator_id = any($1::int[]) and o.period between $2 and $3 ${unitFilter}
       and u.geo_date <= $4::date and (u.valid_to is null or u.valid_to >= $4::date)
     order by o.indicator_id, o.unit_code, o.period`,
    params,
  )) as CommuneObservation[];
}

/** What the fetch stage read: commune values, or candidates for the provinces behind the targets. */
export type Fetched =
  | { kind: 'commune'; observations: CommuneObservation[] }
  | { kind: 'provinces'; cands: Candidates };

/** Stage 2: read what the plan needs (no query at all when there are no periods or no provinces). */
export async function fetchObservations(db: Db, plan: QueryPlan): Promise<Fetched> {
  const t = plan.target;
  if (t.kind === 'commune')
    return {
      kind: 'commune',
      observations: await fetchCommuneObservations(
        db,
        plan.defs.map((d) => d.id),
        plan.at,
        plan.range,
        plan.q.units,
        plan.release,
      ),
    };
  const cands =
    plan.periods.length && t.members.size
      ? await gatherCandidates(db, t.geo, t.members, plan.specs, plan.levels, plan.range, plan.release)
      : new Map<string, Map<number, Cand>>();
  return { kind: 'provinces', cands };
}

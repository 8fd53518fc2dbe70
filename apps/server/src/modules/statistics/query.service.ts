import type {
  DataCoverage,
  DataLevel,
  DataMethod,
  DataResponse,
  DataRow,
  DataSourceRef,
  DatasetRef,
  ObservationStatus,
  PeriodSummary,
} from '@regionlink/shared';
import { assertIndicatorsReadable } from './access-level';
import { formatDateVi, formatNumberVi, viCollator } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { todayVn } from '../geo/geo.service';
import {
  addParts,
  applyRule,
  combinePeriods,
  distribution,
  emptyPart,
  mean,
  median,
  type Part,
  RuleError,
  type RuleResult,
} from './aggregation-rules';
import { type IndicatorDef, loadCatalogue, toIndicator } from './catalogue.service';
import { type Geography, geographyAt, groupingAt, type MapRow, type Target } from './geography';
import { rawSql } from './raw-sql';
import { dataSnapshot, type Snapshot } from './snapshot';

/**
 * The query engine: values of indicators for the units in force on a date (communes, provinces, regions, any grouping,
 * the nation), for a range of periods, computed from whatever geography the observations were recorded in.
 *
 * For each province of the target geography and each period it gathers candidates, best first:
 *   rank 0  the value recorded for the province itself;
 *   rank 1  the sum of its communes (from the incrementally refreshed province pre-aggregate);
 *   rank 2  its former provinces carried through the 63→34 crosswalk (weights from the geo module);
 *   rank 3  the communes of its former provinces;
 *   +10     the same from observations flagged `estimate` (a third-party estimate never beats a computation).
 * The first complete candidate is used; other complete candidates that differ are returned as `alternatives`.
 * Regions, groupings and the nation then combine their member provinces with the indicator's rule (aggregation-rules).
 * Every row says how it was computed (`method`), how complete it is (`coverage`) and where it came from (`sources`).
 */

export interface ObservationQuery {
  /** Indicator codes (one or more). */
  indicators: string[];
  level?: Exclude<DataLevel, 'grouping'> | 'grouping';
  /** A grouping id (region, sub-region, custom…): one row per period for that grouping. */
  grouping?: string;
  /** Date of the geography (default: today in Viet Nam). */
  at?: string;
  period?: number;
  from?: number;
  to?: number;
  /** Only these units (codes of the level asked for). */
  units?: string[];
  /** A past release: the data as published right after it was committed. */
  release?: number;
  combine?: 'sum' | 'mean';
  summary?: boolean;
}

interface Cand {
  rank: number;
  part: Part;
  releases: Set<number>;
  provisional: number;
  /** Source units that contributed (`code|date`), for province-level sources. */
  sources: string[];
  /** All contributions had crosswalk weight 1 (a whole unit), so a single source is that unit's own value. */
  whole: boolean;
}

interface Choice {
  cand: Cand | null;
  result: RuleResult;
  /** For a ratio computed from its numerator and denominator: their candidates. */
  parts?: { num: Cand; den: Cand };
  alternatives: { cand: Cand; result: RuleResult; parts?: { num: Cand; den: Cand } }[];
}

const badRequest = (code: string, en: string, vi: string, path: string) =>
  new AppError(400, code, en, vi, [{ path, message: en, messageVi: vi }]);

/** Number of contributing units expected for a candidate of `target` at `rank`. */
function expectedFor(geo: Geography, target: string, rank: number): number {
  return geo.expected.get(`${target}|${rank % 10}`) ?? 0;
}

function newCand(rank: number, expected: number): Cand {
  return { rank, part: emptyPart(expected), releases: new Set(), provisional: 0, sources: [], whole: true };
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

interface FetchSpec {
  def: IndicatorDef;
  keepValues: boolean;
}

/**
 * Gather candidates per (indicator, target province, period, rank) from the three branches (province-level
 * observations, the commune pre-aggregate, or raw communes for past releases and `none` indicators).
 */
async function gatherCandidates(
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
       where o.period between $7 and $8`,
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
        const [ind, target, period, rank, w, n, sv, svw, sw, nw, nprov, rels] = r as [
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
        const c = candOf(ind, target, period, rank);
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
        const [ind, target, period, rank, w, n, sv, svw, sw, nw, nprov, rels, vals] = r as [
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
          number[],
        ];
        const c = candOf(ind, target, period, rank);
        const p = c.part;
        p.n += n;
        p.sum += sv * w;
        p.sumVW += (svw ?? 0) * w;
        p.sumW += (sw ?? 0) * w;
        p.nW += nw;
        if (keep.has(ind)) p.values.push(...vals);
        if (w !== 1) c.whole = false;
        c.provisional += nprov;
        for (const x of rels) c.releases.add(x);
      }
    }
  }
  return out;
}

/**
 * A candidate's figure for one province. An index (`none`) of a province formed from several former provinces is the
 * mean of theirs, an estimate; when one of them lacks the value the mean of the others is not that province's figure,
 * so it is given only as `partialValue` (PCI 2013, PAPI 2021…), as sums and weighted means are.
 */
function candResult(def: IndicatorDef, c: Cand): RuleResult {
  const single = c.whole && c.part.n === 1 && c.part.expected === 1;
  const r = applyRule(def.aggregation === 'ratio' ? 'sum' : def.aggregation, c.part, { recorded: single });
  return r.rule === 'mean' && !r.complete ? { ...r, value: null, partialValue: r.value } : r;
}

const differs = (a: number | null, b: number | null, decimals: number) => {
  if (a === null || b === null) return false;
  const tol = Math.max(0.5 * 10 ** -decimals, 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
  return Math.abs(a - b) > tol;
};

/** Pick the best candidate for one (indicator, province, period) under the indicator's rule. */
function choose(
  def: IndicatorDef,
  byRank: Map<number, Cand> | undefined,
  ratioInputs?: { num?: Map<number, Cand>; den?: Map<number, Cand> },
): Choice {
  const options: { cand: Cand; result: RuleResult; parts?: { num: Cand; den: Cand }; rank: number }[] = [];
  if (def.aggregation === 'ratio') {
    // A recorded ratio is only usable for one whole unit; otherwise the ratio is recomputed from its two sums.
    for (const c of byRank?.values() ?? [])
      if (c.whole && c.part.n === 1 && c.part.expected === 1)
        options.push({ cand: c, rank: c.rank, result: applyRule('ratio', c.part, { recorded: true }) });
    const ranks = new Set([...(ratioInputs?.num?.keys() ?? [])].filter((r) => ratioInputs?.den?.has(r)));
    for (const r of ranks) {
      const num = ratioInputs!.num!.get(r)!;
      const den = ratioInputs!.den!.get(r)!;
      const result = applyRule('ratio', emptyPart(1), {
        numerator: num.part,
        denominator: den.part,
        factor: def.ratioFactor,
      });
      options.push({ cand: num, rank: r, result, parts: { num, den } });
    }
  } else for (const c of byRank?.values() ?? []) options.push({ cand: c, rank: c.rank, result: candResult(def, c) });
  if (options.length === 0)
    return {
      cand: null,
      result: { value: null, partialValue: null, median: null, complete: false, rule: 'unavailable' },
      alternatives: [],
    };
  options.sort((a, b) => a.rank - b.rank || (a.result.rule === 'recorded' ? -1 : 1));
  const complete = options.filter((o) => o.result.complete && o.result.value !== null);
  const chosen =
    complete[0] ??
    [...options].sort(
      (a, b) =>
        b.cand.part.n / Math.max(1, b.cand.part.expected) - a.cand.part.n / Math.max(1, a.cand.part.expected) ||
        a.rank - b.rank,
    )[0];
  const alternatives = complete
    .filter((o) => o !== chosen && differs(o.result.value, chosen.result.value, def.decimals))
    .filter((o, i, arr) => arr.findIndex((x) => x.rank === o.rank) === i);
  return { cand: chosen.cand, result: chosen.result, parts: chosen.parts, alternatives };
}

interface Names {
  vi: string;
  en: string;
}

function viaOf(rank: number | undefined): DataMethod['via'] {
  if (rank === undefined) return 'none';
  const r = rank % 10;
  return r === 0 ? 'direct' : r === 1 ? 'communes' : 'crosswalk';
}

const methodMemo = new WeakMap<Geography, Map<string, DataMethod>>();

/** The method of a province-level figure, in both languages (memoised: many periods share one text). */
function memberMethod(
  def: IndicatorDef,
  cat: Map<number, IndicatorDef>,
  choice: { cand: Cand | null; result: RuleResult; parts?: { num: Cand; den: Cand } },
  geo: Geography,
): DataMethod {
  const c = choice.cand;
  const src = choice.parts?.num ?? c;
  const key = c
    ? `${def.id}|${def.version}|${c.rank}|${choice.result.rule}|${choice.result.complete}|${src?.part.n}|${src?.part.expected}|${
        choice.result.rule === 'mean' ? choice.result.median : ''
      }|${src?.sources.join(',')}`
    : 'none';
  let memo = methodMemo.get(geo);
  if (!memo) {
    memo = new Map();
    methodMemo.set(geo, memo);
  }
  const hit = memo.get(key);
  if (hit) return hit;
  const m = buildMemberMethod(def, cat, choice, geo);
  if (memo.size < 50_000) memo.set(key, m);
  return m;
}

function buildMemberMethod(
  def: IndicatorDef,
  cat: Map<number, IndicatorDef>,
  choice: { cand: Cand | null; result: RuleResult; parts?: { num: Cand; den: Cand } },
  geo: Geography,
): DataMethod {
  const { cand, result } = choice;
  if (!cand || result.rule === 'unavailable')
    return { rule: 'unavailable', via: 'none', textVi: 'Không có số liệu', textEn: 'No data' };
  const via = viaOf(cand.rank);
  const est = isEstimate(cand, result);
  const sourceCand = choice.parts?.num ?? cand;
  const names = (c: Cand) =>
    c.sources
      .map((s) => geo.sourceNames.get(s))
      .filter((x): x is Names => !!x)
      .sort((a, b) => viCollator.compare(a.vi, b.vi));
  let whoVi = '';
  let whoEn = '';
  if (via === 'crosswalk' && cand.rank % 10 === 2) {
    const ns = names(sourceCand);
    const k = sourceCand.part.expected;
    whoVi = `${k} tỉnh cũ: ${ns.map((n) => n.vi).join(', ')}`;
    whoEn = `${k} former province${k > 1 ? 's' : ''}: ${ns.map((n) => n.en).join(', ')}`;
  } else if (via === 'communes' || cand.rank % 10 === 3) {
    whoVi = `${formatNumberVi(sourceCand.part.expected)} xã, phường${cand.rank % 10 === 3 ? ' của các tỉnh cũ' : ''}`;
    whoEn = `${sourceCand.part.expected} communes${cand.rank % 10 === 3 ? ' of the former provinces' : ''}`;
  }
  const weight = def.weightId ? cat.get(def.weightId) : undefined;
  const num = def.numeratorId ? cat.get(def.numeratorId) : undefined;
  const den = def.denominatorId ? cat.get(def.denominatorId) : undefined;
  let textVi: string;
  let textEn: string;
  switch (result.rule) {
    case 'recorded':
      if (via === 'direct') {
        textVi = 'Số liệu ghi nhận cho đơn vị này';
        textEn = 'Recorded for this unit';
      } else {
        const n = names(cand)[0];
        const until = geo.vintageStart ? formatDateVi(prevDay(geo.vintageStart)) : '';
        textVi = `Số liệu của ${n?.vi ?? 'tỉnh cũ'} (địa giới đến ${until}), cùng lãnh thổ`;
        textEn = `Value of ${n?.en ?? 'the former province'} (geography until ${until}), same territory`;
      }
      break;
    case 'sum':
      textVi = `Tổng của ${whoVi}`;
      textEn = `Sum of ${whoEn}`;
      break;
    case 'weighted_mean':
      textVi = `Bình quân gia quyền theo ${weight?.nameVi.toLowerCase() ?? 'quyền số'} của ${whoVi}`;
      textEn = `${weight?.nameEn ?? 'Weight'}-weighted mean of ${whoEn}`;
      break;
    case 'ratio':
      textVi = `${num?.nameVi ?? 'Tử số'} / ${(den?.nameVi ?? 'mẫu số').toLowerCase()}, tổng của ${whoVi || 'đơn vị'}`;
      textEn = `${num?.nameEn ?? 'Numerator'} / ${(den?.nameEn ?? 'denominator').toLowerCase()}, totals of ${whoEn || 'the unit'}`;
      break;
    default: {
      const med = result.median === null ? '—' : formatNumberVi(result.median, def.decimals);
      textVi = `Không cộng dồn (chỉ số): trung bình của ${whoVi}; trung vị ${med}`;
      textEn = `Not aggregable (index): mean of ${whoEn}; median ${result.median?.toFixed(def.decimals) ?? '—'}`;
    }
  }
  if (!result.complete) {
    const p = sourceCand.part;
    textVi += ` — chưa đủ số liệu (${p.n}/${p.expected})`;
    textEn += ` — incomplete (${p.n} of ${p.expected})`;
  }
  if (est) {
    textVi += ' — số ước tính';
    textEn += ' — estimate';
  }
  return { rule: result.rule, via, textVi, textEn };
}

function prevDay(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Source references and datasets of the releases behind the rows, from the snapshot. */
function releaseMeta(
  snap: Snapshot,
  ids: number[],
): { refs: Map<number, { ref: DataSourceRef }>; datasets: DatasetRef[] } {
  const refs = new Map<number, { ref: DataSourceRef }>();
  const ds = new Map<number, DatasetRef>();
  for (const id of ids) {
    const r = snap.releases.get(id);
    if (!r) continue;
    refs.set(id, r);
    const d = snap.datasets.get(r.datasetId);
    if (d) ds.set(d.id, d);
  }
  return { refs, datasets: [...ds.values()].sort((a, b) => a.id - b.id) };
}

/** A third-party estimate, or the mean of several units' index values standing for one province's. */
function isEstimate(cand: Cand, result: RuleResult) {
  return cand.rank >= 10 || result.rule === 'mean';
}

function statusOf(cands: (Cand | null | undefined)[], result?: RuleResult): ObservationStatus | null {
  const cs = cands.filter((c): c is Cand => !!c);
  if (cs.length === 0) return null;
  if (cs.some((c) => c.rank >= 10) || result?.rule === 'mean') return 'estimate';
  if (cs.some((c) => c.provisional > 0)) return 'provisional';
  return 'final';
}

/** Validate the query and apply defaults; throws 400 with the failing parameter named. */
function checkQuery(q: ObservationQuery) {
  if (q.indicators.length === 0)
    throw badRequest(
      'indicator_required',
      'Give at least one indicator.',
      'Cần ít nhất một chỉ tiêu.',
      'query.indicator',
    );
  if (q.grouping && q.level && q.level !== 'grouping')
    throw badRequest(
      'level_and_grouping',
      'Give either level or grouping, not both.',
      'Chỉ dùng một trong hai tham số level hoặc grouping.',
      'query.grouping',
    );
  if (q.level === 'grouping' && !q.grouping)
    throw badRequest(
      'grouping_required',
      'level=grouping needs grouping=ID.',
      'level=grouping cần tham số grouping=ID.',
      'query.grouping',
    );
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined))
    throw badRequest(
      'period_and_range',
      'Give either period or from/to, not both.',
      'Chỉ dùng period hoặc khoảng from/to, không dùng cả hai.',
      'query.period',
    );
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw badRequest('bad_range', '"from" is after "to".', '"from" lớn hơn "to".', 'query.from');
  if (q.combine && q.period !== undefined)
    throw badRequest(
      'combine_needs_range',
      'combine needs a range of periods (from/to).',
      'Tham số combine cần một khoảng thời gian (from/to).',
      'query.combine',
    );
}

/**
 * Query the statistics database: see the module comment for the ranks and rules. Returns typed rows with method,
 * coverage and sources, the indicators' metadata and the datasets the figures come from. Public data: no user needed.
 */
export async function queryObservations(db: Db, q: ObservationQuery): Promise<DataResponse> {
  checkQuery(q);
  const snap = await dataSnapshot(db);
  const cat = await loadCatalogue(db);
  const defs = q.indicators.map((code) => {
    const d = cat.byCode.get(code);
    if (!d)
      throw new AppError(
        404,
        'unknown_indicator',
        `Indicator "${code}" is not in the catalogue.`,
        `Không có chỉ tiêu "${code}" trong danh mục.`,
        [{ path: 'query.indicator', message: `unknown indicator ${code}`, messageVi: `không có chỉ tiêu ${code}` }],
      );
    return d;
  });
  // The access level (access-level.ts): an indicator, or the weight/numerator/denominator it is computed from, that
  // the caller may not read is unknown to them.
  const inputs = defs.flatMap((d) => [d.id, d.weightId, d.numeratorId, d.denominatorId]);
  await assertIndicatorsReadable(
    db,
    inputs.flatMap((id) => (id === null ? [] : [cat.byId.get(id)?.code ?? ''])),
  );
  const at = q.at ?? todayVn();
  const level: DataLevel = q.grouping ? 'grouping' : (q.level ?? 'province');
  const release = q.release ?? null;
  if (release !== null) {
    if (!snap.releases.has(release))
      throw new AppError(
        404,
        'release_not_found',
        `Release ${release} does not exist.`,
        `Không có bản phát hành ${release}.`,
      );
  }

  // Which indicators to read: the requested ones plus the numerators and denominators of ratios.
  const fetch = new Map<number, FetchSpec>();
  for (const d of defs) {
    fetch.set(d.id, { def: d, keepValues: d.aggregation === 'none' });
    if (d.aggregation === 'ratio')
      for (const id of [d.numeratorId, d.denominatorId])
        if (id !== null && !fetch.has(id)) fetch.set(id, { def: cat.byId.get(id)!, keepValues: false });
  }
  const ids = [...fetch.keys()];
  const levelRows = ids.flatMap((id) => (snap.periods.get(id) ?? []).map((e) => ({ indicator_id: id, ...e })));
  const inRange = (p: number) =>
    q.period !== undefined
      ? p === q.period
      : (q.from === undefined || p >= q.from) && (q.to === undefined || p <= q.to);
  const levels = new Map<number, Set<string>>();
  const periodsOf = new Map<number, Set<number>>();
  for (const r of levelRows) {
    if (!inRange(r.period)) continue;
    levels.set(r.indicator_id, (levels.get(r.indicator_id) ?? new Set()).add(r.level));
    periodsOf.set(r.indicator_id, (periodsOf.get(r.indicator_id) ?? new Set()).add(r.period));
  }
  const periodSet = new Set<number>();
  for (const d of defs) {
    for (const p of periodsOf.get(d.id) ?? []) periodSet.add(p);
    if (d.aggregation === 'ratio' && d.numeratorId && d.denominatorId) {
      const den = periodsOf.get(d.denominatorId) ?? new Set();
      for (const p of periodsOf.get(d.numeratorId) ?? []) if (den.has(p)) periodSet.add(p);
    }
  }
  const periods = [...periodSet].sort((a, b) => a - b);
  const range: [number, number] = periods.length ? [periods[0], periods[periods.length - 1]] : [0, -1];

  const built: { row: DataRow; rels: number[]; altRels: number[][] }[] = [];
  let geographyVi: string;
  let geographyEn: string;
  const notesVi: string[] = [];
  const notesEn: string[] = [];
  const releaseIds = new Set<number>();

  if (level === 'commune') {
    const c = await communeRows(db, defs, at, range, q.units, release);
    built.push(...c.rows);
    geographyVi = c.geographyVi;
    geographyEn = c.geographyEn;
  } else {
    const geo = await geographyAt(db, at);
    geographyVi = geo.labelVi;
    geographyEn = geo.labelEn;
    let targets: Target[];
    if (level === 'province')
      targets = [...geo.provinces.values()].map((u) => ({
        code: u.code,
        nameVi: u.nameVi,
        nameEn: u.nameEn,
        members: [u.code],
        partialMembers: [],
      }));
    else if (level === 'region') {
      targets = geo.regions.map((g) => ({
        code: g.code,
        nameVi: g.nameVi,
        nameEn: g.nameEn,
        members: g.memberCodes,
        partialMembers: g.members.filter((m) => m.partial).map((m) => m.code),
      }));
      geographyVi = `${geo.regions.length} vùng kinh tế - xã hội, ${geo.labelVi}`;
      geographyEn = `${geo.regions.length} socio-economic regions, ${geo.labelEn}`;
    } else if (level === 'national')
      targets = [
        {
          code: 'VN',
          nameVi: 'Toàn quốc',
          nameEn: 'Viet Nam',
          members: [...geo.provinces.keys()],
          partialMembers: [],
        },
      ];
    else {
      const g = await groupingAt(db, q.grouping as string, at);
      targets = [
        {
          code: g.code,
          nameVi: g.nameVi,
          nameEn: g.nameEn,
          members: g.memberCodes,
          partialMembers: g.members.filter((m) => m.partial).map((m) => m.code),
        },
      ];
      const partial = g.members.filter((m) => m.partial);
      if (partial.length) {
        notesVi.push(
          `${g.nameVi} chỉ gồm một phần lãnh thổ của ${partial.map((m) => m.nameVi).join(', ')}; số liệu của cả tỉnh được tính vào.`,
        );
        notesEn.push(
          `${g.nameEn} includes only part of ${partial.map((m) => m.nameVi).join(', ')}; whole-province figures are counted.`,
        );
      }
    }
    if (q.units?.length) {
      const want = new Set(q.units);
      targets = targets.filter((t) => want.has(t.code));
    }
    const members = new Set<string>();
    for (const t of targets) for (const m of t.members) if (geo.provinces.has(m)) members.add(m);
    const cands =
      periods.length && members.size
        ? await gatherCandidates(db, geo, members, [...fetch.values()], levels, range, release)
        : new Map<string, Map<number, Cand>>();

    // Member choices per (indicator, member, period).
    const choices = new Map<string, Choice>();
    const choiceOf = (d: IndicatorDef, m: string, p: number): Choice => {
      const key = `${d.id}|${m}|${p}`;
      let c = choices.get(key);
      if (!c) {
        const ratio =
          d.aggregation === 'ratio'
            ? {
                num: cands.get(`${d.numeratorId}|${m}|${p}`),
                den: cands.get(`${d.denominatorId}|${m}|${p}`),
              }
            : undefined;
        c = choose(d, cands.get(`${d.id}|${m}|${p}`), ratio);
        choices.set(key, c);
      }
      return c;
    };
    const sumDef = (id: number | null) =>
      id === null ? undefined : { ...cat.byId.get(id)!, aggregation: 'sum' as const };

    let crosswalked = false;
    let anyAlternative = false;
    for (const d of defs) {
      for (const t of targets) {
        for (const p of periods) {
          const isGroup = level !== 'province';
          const memberCodes = t.members.filter((m) => geo.provinces.has(m));
          if (!isGroup) {
            const ch = choiceOf(d, t.code, p);
            const method = memberMethod(d, cat.byId, ch, geo);
            if (method.via === 'crosswalk') crosswalked = true;
            const used = [ch.cand, ch.parts?.num, ch.parts?.den];
            const alts = ch.alternatives;
            if (alts.length) anyAlternative = true;
            const src = ch.parts?.num ?? ch.cand;
            built.push({
              row: {
                indicator: d.code,
                unitCode: t.code,
                unitName: t.nameVi,
                unitNameEn: t.nameEn,
                period: p,
                value: ch.result.value,
                partialValue: ch.result.partialValue,
                median: ch.result.rule === 'mean' ? ch.result.median : null,
                status: statusOf(used, ch.result),
                method,
                coverage: {
                  withData: src?.part.n ?? 0,
                  total: src?.part.expected || expectedFor(geo, t.code, 2) || 1,
                  complete: ch.result.complete,
                  missing: missingSources(src, geo, t.code),
                },
                sources: [],
                alternatives: alts.map((a) => ({
                  value: a.result.value as number,
                  method: memberMethod(d, cat.byId, a, geo),
                  sources: [],
                  differencePct:
                    ch.result.value && a.result.value !== null
                      ? ((a.result.value - ch.result.value) / Math.abs(ch.result.value)) * 100
                      : 0,
                })),
              },
              rels: used.flatMap((c) => [...(c?.releases ?? [])]),
              altRels: alts.map((a) => [a.cand, a.parts?.num, a.parts?.den].flatMap((c) => [...(c?.releases ?? [])])),
            });
            continue;
          }
          // A region, grouping or the nation: combine the members with the rule.
          const memberChoices = memberCodes.map((m) => ({ m, ch: choiceOf(d, m, p) }));
          const complete = memberChoices.filter((x) => x.ch.result.complete && x.ch.result.value !== null);
          const missing = memberChoices.filter((x) => !(x.ch.result.complete && x.ch.result.value !== null));
          let value: number | null = null;
          let partialValue: number | null = null;
          let med: number | null = null;
          const rels = new Set<number>();
          const usedCands: (Cand | null | undefined)[] = [];
          for (const { ch } of memberChoices)
            for (const c of [ch.cand, ch.parts?.num, ch.parts?.den]) {
              if (!c) continue;
              usedCands.push(c);
              for (const r of c.releases) rels.add(r);
            }
          const allComplete = missing.length === 0 && memberChoices.length > 0;
          let rule: DataMethod['rule'] = 'unavailable';
          if (d.aggregation === 'none') {
            const vals = complete.flatMap((x) =>
              x.ch.cand?.part.values.length ? x.ch.cand.part.values : [x.ch.result.value as number],
            );
            const partialVals = memberChoices.flatMap((x) => x.ch.cand?.part.values ?? []);
            const use = vals.length ? vals : partialVals;
            if (use.length) {
              value = mean(use);
              med = median(use);
              rule = 'mean';
            }
          } else {
            // Member parts: sums are the member values, weighted means their (Σvw, Σw), ratios their two sums.
            const partOf = (x: { m: string; ch: Choice }, which: 'own' | 'num' | 'den'): Part | null => {
              if (which === 'own') {
                const c = x.ch.cand;
                if (!c || x.ch.result.value === null) return null;
                if (d.aggregation === 'sum') return { ...emptyPart(1), n: 1, sum: x.ch.result.value };
                // Weighted mean: a member recorded as a single unit contributes value × its own weight.
                return c.part.nW >= c.part.n ? { ...c.part, n: 1, expected: 1 } : null;
              }
              const id = which === 'num' ? d.numeratorId : d.denominatorId;
              const sub = choiceOf(sumDef(id) as IndicatorDef, x.m, p);
              if (!sub.result.complete || sub.result.value === null) return null;
              return { ...emptyPart(1), n: 1, sum: sub.result.value };
            };
            if (d.aggregation === 'ratio') {
              const nums = memberChoices.map((x) => partOf(x, 'num'));
              const dens = memberChoices.map((x) => partOf(x, 'den'));
              for (const x of memberChoices)
                for (const id of [d.numeratorId, d.denominatorId]) {
                  const sub = choiceOf(sumDef(id) as IndicatorDef, x.m, p);
                  for (const r of sub.cand?.releases ?? []) rels.add(r);
                  usedCands.push(sub.cand);
                }
              const okNum = nums.filter((x): x is Part => !!x);
              const okDen = dens.filter((x): x is Part => !!x);
              const numPart = { ...okNum.reduce(addParts, emptyPart(0)), expected: memberChoices.length };
              const denPart = { ...okDen.reduce(addParts, emptyPart(0)), expected: memberChoices.length };
              const r = applyRule('ratio', emptyPart(memberChoices.length), {
                numerator: numPart,
                denominator: denPart,
                factor: d.ratioFactor,
              });
              value = r.value;
              partialValue = r.partialValue;
              rule = r.rule;
              missing.length = 0;
              memberChoices.forEach((x, i) => {
                if (!nums[i] || !dens[i]) missing.push(x);
              });
            } else {
              const parts = memberChoices.map((x) => partOf(x, 'own'));
              const ok = parts.filter((x): x is Part => !!x);
              const total = { ...ok.reduce(addParts, emptyPart(0)), expected: memberChoices.length };
              const r = applyRule(d.aggregation, total);
              value = r.value;
              partialValue = r.partialValue;
              rule = r.rule;
              missing.length = 0;
              memberChoices.forEach((x, i) => {
                if (!parts[i]) missing.push(x);
              });
            }
          }
          const viaCross = memberChoices.filter((x) => viaOf(x.ch.cand?.rank) === 'crosswalk').length;
          if (viaCross) crosswalked = true;
          const k = memberChoices.length;
          const weight = d.weightId ? cat.byId.get(d.weightId) : undefined;
          const num = d.numeratorId ? cat.byId.get(d.numeratorId) : undefined;
          const den = d.denominatorId ? cat.byId.get(d.denominatorId) : undefined;
          let textVi: string;
          let textEn: string;
          const membersVi = `${k} tỉnh, thành phố thành viên`;
          const membersEn = `${k} member provinces`;
          if (rule === 'unavailable') {
            textVi = 'Không có số liệu';
            textEn = 'No data';
          } else if (d.aggregation === 'none') {
            const n = complete.length ? complete.flatMap((x) => x.ch.cand?.part.values ?? [0]).length : 0;
            textVi = `Không cộng dồn (chỉ số): trung bình của ${n || 'các'} đơn vị có số liệu; trung vị ${med === null ? '—' : formatNumberVi(med, d.decimals)}`;
            textEn = `Not aggregable (index): mean of the ${n || ''} units with data; median ${med?.toFixed(d.decimals) ?? '—'}`;
          } else if (d.aggregation === 'sum') {
            textVi = `Tổng của ${membersVi}`;
            textEn = `Sum of ${membersEn}`;
          } else if (d.aggregation === 'weighted_mean') {
            textVi = `Bình quân gia quyền theo ${weight?.nameVi.toLowerCase() ?? 'quyền số'} của ${membersVi}`;
            textEn = `${weight?.nameEn ?? 'Weight'}-weighted mean of ${membersEn}`;
          } else {
            textVi = `${num?.nameVi ?? 'Tử số'} / ${(den?.nameVi ?? 'mẫu số').toLowerCase()}, tổng của ${membersVi}`;
            textEn = `${num?.nameEn ?? 'Numerator'} / ${(den?.nameEn ?? 'denominator').toLowerCase()} over the totals of ${membersEn}`;
          }
          if (viaCross && rule !== 'unavailable') {
            textVi += `; ${viaCross} tỉnh tính từ các tỉnh cũ qua bảng chuyển đổi`;
            textEn += `; ${viaCross} built from former provinces through the crosswalk`;
          }
          if (missing.length && rule !== 'unavailable') {
            const names = missing.map((x) => geo.provinces.get(x.m)?.nameVi ?? x.m);
            textVi += ` — thiếu số liệu: ${names.join(', ')} (${k - missing.length}/${k})`;
            textEn += ` — missing: ${names.join(', ')} (${k - missing.length} of ${k})`;
          }
          if (t.partialMembers.length) {
            textVi += ' — có tỉnh chỉ thuộc một phần, tính cả tỉnh';
            textEn += ' — partly included provinces counted whole';
          }
          built.push({
            row: {
              indicator: d.code,
              unitCode: t.code,
              unitName: t.nameVi,
              unitNameEn: t.nameEn,
              period: p,
              value: d.aggregation === 'none' || allComplete || missing.length === 0 ? value : null,
              partialValue: d.aggregation === 'none' ? null : missing.length ? (partialValue ?? value) : null,
              median: d.aggregation === 'none' ? med : null,
              status: statusOf(usedCands),
              method: { rule, via: rule === 'unavailable' ? 'none' : 'members', textVi, textEn },
              coverage: {
                withData: k - missing.length,
                total: k,
                complete: missing.length === 0 && k > 0,
                missing: missing.map((x) => x.m),
              },
              sources: [],
              alternatives: [],
            },
            rels: [...rels],
            altRels: [],
          });
        }
      }
    }
    if (crosswalked) {
      notesVi.push(
        `Các năm có số liệu theo địa giới cũ được tính cho ${geo.labelVi} từ các tỉnh cũ qua bảng chuyển đổi (Nghị quyết 202/2025/QH15).`,
      );
      notesEn.push(
        `Years recorded in the earlier geography are computed for the ${geo.labelEn} from the former provinces through the crosswalk (Resolution 202/2025/QH15).`,
      );
    }
    if (anyAlternative) {
      notesVi.push(
        'Có số liệu khác (ví dụ số ước tính của bên thứ ba) không trùng với số tính toán: xem mục “alternatives”.',
      );
      notesEn.push('Other figures (e.g. third-party estimates) differ from the computed ones: see “alternatives”.');
    }
    for (const d of defs)
      if (d.aggregation === 'none' && level !== 'province') {
        notesVi.push(
          `“${d.nameVi}” là chỉ số, không cộng dồn: vùng và nhóm hiển thị trung bình (kèm trung vị) của các tỉnh.`,
        );
        notesEn.push(
          `“${d.nameEn}” is an index and is never summed: regions and groupings show the mean (with the median) of their provinces.`,
        );
      }
  }

  // Drop periods where no unit has any figure (e.g. recorded only in a geography that cannot be carried here).
  const filled = new Set(
    built
      .filter((b) => b.row.value !== null || b.row.partialValue !== null)
      .map((b) => `${b.row.indicator}|${b.row.period}`),
  );
  const kept = built.filter((b) => filled.has(`${b.row.indicator}|${b.row.period}`));
  for (const b of kept) {
    for (const x of b.rels) releaseIds.add(x);
    for (const l of b.altRels) for (const x of l) releaseIds.add(x);
  }
  const { refs, datasets } = releaseMeta(snap, [...releaseIds]);
  const toRefs = (ids: number[]) =>
    [...new Set(ids)]
      .map((id) => refs.get(id)?.ref)
      .filter((x): x is DataSourceRef => !!x)
      .sort((a, b) => a.releaseId - b.releaseId);
  let rows = kept.map((b) => {
    b.row.sources = toRefs(b.rels);
    b.row.alternatives.forEach((a, i) => {
      a.sources = toRefs(b.altRels[i] ?? []);
    });
    return b.row;
  });

  let outPeriods: (number | string)[] = [...new Set(rows.map((r) => r.period as number))].sort((a, b) => a - b);
  if (q.combine) {
    rows = combineRows(rows, defs, q.combine);
    outPeriods = [...new Set(rows.map((r) => r.period))];
  }
  const cov = snap.coverage;
  return {
    query: {
      indicators: defs.map((d) => d.code),
      level,
      grouping: q.grouping ?? null,
      at,
      geographyVi,
      geographyEn,
      periods: outPeriods,
      release,
      combine: q.combine ?? null,
    },
    indicators: defs.map((d) => toIndicator(d, cov.get(d.id), cat.byId)),
    rows,
    datasets: datasets.filter((ds) => rows.some((r) => r.sources.some((s) => s.dataset === ds.code))),
    summary: q.summary ? summarise(rows) : null,
    notesVi,
    notesEn,
  };
}

function missingSources(c: Cand | null | undefined, geo: Geography, target: string): string[] {
  if (!c) return [];
  if (c.rank % 10 === 2) {
    const have = new Set(c.sources.map((s) => s.split('|')[0]));
    return (geo.formerOf.get(target) ?? []).filter((code) => !have.has(code));
  }
  return [];
}

/** Commune level: the recorded values of the communes in force on `at` (communes are never aggregated into). */
async function communeRows(
  db: Db,
  defs: IndicatorDef[],
  at: string,
  range: [number, number],
  units: string[] | undefined,
  release: number | null,
): Promise<{
  rows: { row: DataRow; rels: number[]; altRels: number[][] }[];
  geographyVi: string;
  geographyEn: string;
}> {
  const params: unknown[] = [defs.map((d) => d.id), range[0], range[1], at];
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
  const data = await rawSql(db).queryArrays(
    `select o.indicator_id, o.unit_code, u.name_vi, u.name_en, o.period, o.value, o.status, o.release_id
     from ${OBS} o join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
     where o.indicator_id = any($1::int[]) and o.period between $2 and $3 ${unitFilter}
       and u.geo_date <= $4::date and (u.valid_to is null or u.valid_to >= $4::date)
     order by o.indicator_id, o.unit_code, o.period`,
    params,
  );
  const byId = new Map(defs.map((d) => [d.id, d]));
  const n = (await geographyAt(db, at).catch(() => null))?.communeCount ?? 0;
  const coverage: DataCoverage = { withData: 1, total: 1, complete: true, missing: [] };
  const method: DataMethod = {
    rule: 'recorded',
    via: 'direct',
    textVi: 'Số liệu ghi nhận cho đơn vị này',
    textEn: 'Recorded for this unit',
  };
  const rows = data.map((r) => {
    const [ind, code, nameVi, nameEn, period, value, status, rel] = r as [
      number,
      string,
      string,
      string,
      number,
      number,
      ObservationStatus,
      number,
    ];
    const row: DataRow = {
      indicator: byId.get(ind)!.code,
      unitCode: code,
      unitName: nameVi,
      unitNameEn: nameEn,
      period,
      value,
      partialValue: null,
      median: null,
      status,
      method,
      coverage,
      sources: [],
      alternatives: [],
    };
    return { row, rels: [rel], altRels: [] };
  });
  return { rows, geographyVi: `${n} xã, phường, đặc khu`, geographyEn: `${n} communes` };
}

/** One row per unit over the whole range: a sum (flows only) or a mean, refused for stocks and cumulative indicators. */
function combineRows(rows: DataRow[], defs: IndicatorDef[], how: 'sum' | 'mean'): DataRow[] {
  const byKey = new Map<string, DataRow[]>();
  for (const r of rows)
    byKey.set(`${r.indicator}|${r.unitCode}`, [...(byKey.get(`${r.indicator}|${r.unitCode}`) ?? []), r]);
  const out: DataRow[] = [];
  for (const list of byKey.values()) {
    const d = defs.find((x) => x.code === list[0].indicator)!;
    let value: number | null;
    try {
      value = combinePeriods(
        how,
        d,
        list.map((r) => r.value),
      );
    } catch (e) {
      if (e instanceof RuleError)
        throw new AppError(400, e.code, e.message, e.messageVi, [
          { path: 'query.combine', message: e.message, messageVi: e.messageVi },
        ]);
      throw e;
    }
    const ps = list.map((r) => r.period as number);
    const label = `${Math.min(...ps)}–${Math.max(...ps)}`;
    out.push({
      ...list[0],
      period: label,
      value,
      partialValue: null,
      median: null,
      method: {
        ...list[0].method,
        textVi: `${how === 'sum' ? 'Tổng' : 'Trung bình'} các năm ${label} (${list.length} năm) của: ${list[0].method.textVi}`,
        textEn: `${how === 'sum' ? 'Sum' : 'Mean'} over ${label} (${list.length} years) of: ${list[0].method.textEn}`,
      },
      coverage: {
        withData: list.filter((r) => r.value !== null).length,
        total: list.length,
        complete: value !== null,
        missing: list.filter((r) => r.value === null).map((r) => String(r.period)),
      },
      sources: [...new Map(list.flatMap((r) => r.sources).map((s) => [s.releaseId, s])).values()],
      alternatives: [],
    });
  }
  return out;
}

function summarise(rows: DataRow[]): PeriodSummary[] {
  const groups = new Map<string, { indicator: string; period: number | string; values: number[] }>();
  for (const r of rows) {
    const key = `${r.indicator}|${r.period}`;
    const g = groups.get(key) ?? { indicator: r.indicator, period: r.period, values: [] };
    if (r.value !== null) g.values.push(r.value);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const d = distribution(g.values);
    return { indicator: g.indicator, period: g.period, ...d };
  });
}

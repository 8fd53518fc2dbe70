import type {
  AnalyticsGroup,
  AnalyticsIndicatorRef,
  AnalyticsMethod,
  AnalyticsUnit,
  CompareResponse,
  ConvergenceResponse,
  DataResponse,
  DataSourceRef,
  Grouping,
  GroupingType,
  IndexDefinition,
  IndexResponse,
  InequalityResponse,
  PeersResponse,
  RanksResponse,
  SharesResponse,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { listGroupings, todayVn } from '../geo/geo.service';
import { type IndicatorDef, indicatorCoverage, loadCatalogue } from '../statistics/catalogue.service';
import { geographyAt, groupingAt } from '../statistics/geography';
import { queryObservations } from '../statistics/query.service';
import { hiddenIndicatorCodes } from '../statistics/access-level';
import { compareMembers } from './comparison';
import { computeCompositeIndex } from './composite-index';
import { annualGrowthRate, betaConvergence, sigmaConvergence } from './convergence';
import { summariseInequality } from './inequality';
import { METHODS, type MethodId } from './methods';
import { findPeers } from './peers';
import { ranksWithinGroups } from './ranks';
import { concentration, groupShares, type ShareUnit } from './shares';

/**
 * The analytics service (issue 5, phase 2): reads province rows from the statistics query engine
 * (`queryObservations`), hands them to the pure functions of this module, and returns the typed responses of
 * `packages/shared/src/analytics.ts` with the inputs echoed, the methods named and the sources listed. Public reads:
 * the engine serves published releases only, as `/api/v1/data` does.
 */

/** Field error with the path the client sent (`query.indicator`, `body.definition.indicators.1.code`). */
export function badField(status: 400 | 404 | 422, code: string, path: string, en: string, vi: string): AppError {
  return new AppError(status, code, en, vi, [{ path, message: en, messageVi: vi }]);
}

/** Totals the catalogue does not hold, derived from a per-capita indicator and population ("say so"). */
export const DERIVED_TOTALS: Record<
  string,
  { perCapita: string; population: string; nameVi: string; nameEn: string; unitVi: string; unitEn: string }
> = {
  grdp: {
    perCapita: 'grdp_per_capita',
    population: 'population',
    nameVi: 'GRDP (suy ra = GRDP bình quân đầu người × dân số)',
    nameEn: 'GRDP (derived = GRDP per capita × population)',
    unitVi: 'triệu đồng',
    unitEn: 'million VND',
  },
};

const method = (id: MethodId): AnalyticsMethod => {
  const m = METHODS[id];
  return {
    id: m.id,
    nameVi: m.nameVi,
    nameEn: m.nameEn,
    formula: m.formula,
    formulaEn: m.formulaEn,
    vi: m.vi,
    en: m.en,
  };
};

const indicatorRef = (d: IndicatorDef): AnalyticsIndicatorRef => ({
  code: d.code,
  nameVi: d.nameVi,
  nameEn: d.nameEn,
  unitVi: d.unitVi,
  unitEn: d.unitEn,
  decimals: d.decimals,
  derived: false,
});

/** The catalogue entry of an indicator, or 404 naming the field. */
async function requireIndicatorAt(db: Db, code: string, path: string): Promise<IndicatorDef> {
  const d = (await loadCatalogue(db)).byCode.get(code);
  if (!d || (await hiddenIndicatorCodes(db)).has(code))
    throw badField(
      404,
      'unknown_indicator',
      path,
      `Indicator "${code}" is not in the catalogue.`,
      `Không có chỉ tiêu "${code}" trong danh mục.`,
    );
  return d;
}

/** Periods with data for every listed indicator (from the engine's per-indicator periods). */
async function periodsOf(db: Db, codes: string[]): Promise<number[]> {
  const cat = await loadCatalogue(db);
  const ids = codes.map((c) => cat.byCode.get(c)!.id);
  const cov = await indicatorCoverage(db, ids);
  const sets = ids.map((id) => new Set<number>((cov.get(id)?.periods ?? []).map(Number)));
  return [...sets[0]].filter((p) => sets.every((s) => s.has(p))).sort((a, b) => a - b);
}

/** The period asked for, or the latest period that every indicator has; 422 when they share none. */
async function choosePeriod(db: Db, codes: string[], period: number | undefined, path: string): Promise<number> {
  if (period !== undefined) return period;
  const ps = await periodsOf(db, codes);
  if (ps.length === 0)
    throw badField(
      422,
      'no_common_period',
      path,
      `Indicators ${codes.join(', ')} have no year with data in common.`,
      `Các chỉ tiêu ${codes.join(', ')} không có năm nào cùng có số liệu.`,
    );
  return ps[ps.length - 1];
}

/** Province rows of the engine, indexed by indicator, period and code. */
interface ProvinceData {
  res: DataResponse;
  at: string;
  /** Provinces of the geography, in code order. */
  units: AnalyticsUnit[];
  value(indicator: string, period: number, code: string): number | null;
}

async function provinceData(
  db: Db,
  indicators: string[],
  at: string,
  span: { period: number } | { from: number; to: number },
): Promise<ProvinceData> {
  const res = await queryObservations(db, {
    indicators: [...new Set(indicators)],
    level: 'province',
    at,
    ...span,
  });
  const map = new Map<string, number | null>();
  const units = new Map<string, AnalyticsUnit>();
  for (const r of res.rows) {
    map.set(`${r.indicator}|${r.period}|${r.unitCode}`, r.value);
    if (!units.has(r.unitCode)) units.set(r.unitCode, { code: r.unitCode, nameVi: r.unitName, nameEn: r.unitNameEn });
  }
  return {
    res,
    at,
    units: [...units.values()].sort((a, b) => a.code.localeCompare(b.code)),
    value: (indicator, period, code) => map.get(`${indicator}|${period}|${code}`) ?? null,
  };
}

/** Distinct sources of the rows actually used, in release order. */
function sourcesOf(res: DataResponse, used?: (row: DataResponse['rows'][number]) => boolean): DataSourceRef[] {
  const by = new Map<number, DataSourceRef>();
  for (const r of res.rows)
    if (r.value !== null && (!used || used(r))) for (const s of r.sources) by.set(s.releaseId, s);
  return [...by.values()].sort((a, b) => a.releaseId - b.releaseId);
}

function geographyOf(res: DataResponse) {
  return { at: res.query.at, geographyVi: res.query.geographyVi, geographyEn: res.query.geographyEn };
}

function datasetsOf(res: DataResponse, sources: DataSourceRef[]) {
  const codes = new Set(sources.map((s) => s.dataset));
  return res.datasets.filter((d) => codes.has(d.code));
}

// ---------------------------------------------------------------------------------------------------------------
// Groupings

export interface GroupSelection {
  type?: GroupingType;
  grouping?: string;
  members?: string;
  name?: string;
}

const toGroup = (g: Grouping): AnalyticsGroup => ({
  id: g.id,
  kind: 'grouping',
  type: g.type,
  nameVi: g.nameVi,
  nameEn: g.nameEn,
  memberCodes: g.memberCodes,
  partialMembers: g.members.filter((m) => m.partial).map((m) => m.code),
});

/**
 * The groupings of a request: every grouping of a type in force on `at` (`type=region` = the 6 regions of that
 * date), stored groupings by id, or an ad-hoc list of province codes. Exactly one kind; codes are checked against the
 * provinces of the geography.
 */
export async function resolveGroups(
  db: Db,
  at: string,
  sel: GroupSelection,
  provinces: ReadonlySet<string>,
  allowType = true,
): Promise<AnalyticsGroup[]> {
  const given = [
    allowType && sel.type ? 'type' : null,
    sel.grouping ? 'grouping' : null,
    sel.members ? 'members' : null,
  ]
    .filter(Boolean)
    .map(String);
  if (given.length !== 1) {
    const names = allowType ? 'type, grouping or members' : 'grouping or members';
    throw badField(
      400,
      'grouping_required',
      `query.${given[1] ?? (allowType ? 'type' : 'grouping')}`,
      given.length === 0 ? `Give one of ${names}.` : `Give only one of ${names}.`,
      given.length === 0 ? `Hãy chọn một trong các tham số ${names}.` : `Chỉ dùng một trong các tham số ${names}.`,
    );
  }
  if (allowType && sel.type) {
    const gs = await listGroupings(db, { type: sel.type, at });
    if (gs.length === 0)
      throw badField(
        404,
        'no_groupings',
        'query.type',
        `No grouping of type ${sel.type} is in force on ${at}.`,
        `Không có nhóm loại ${sel.type} nào có hiệu lực vào ngày ${at}.`,
      );
    return gs.map(toGroup);
  }
  if (sel.grouping) {
    const ids = [...new Set(sel.grouping.split(','))];
    const out: AnalyticsGroup[] = [];
    for (const id of ids) {
      try {
        out.push(toGroup(await groupingAt(db, id, at)));
      } catch (e) {
        if (e instanceof AppError && e.status === 404)
          throw new AppError(404, e.code, e.messageEn, e.messageVi, [
            { path: 'query.grouping', message: e.messageEn, messageVi: e.messageVi },
          ]);
        throw e;
      }
    }
    return out;
  }
  const codes = [...new Set((sel.members ?? '').split(','))];
  const unknown = codes.filter((c) => !provinces.has(c));
  if (unknown.length > 0)
    throw badField(
      422,
      'unknown_members',
      'query.members',
      `Not provinces of the geography on ${at}: ${unknown.join(', ')}.`,
      `Không phải mã tỉnh của địa giới ngày ${at}: ${unknown.join(', ')}.`,
    );
  const name = sel.name ?? '';
  return [
    {
      id: 'custom',
      kind: 'members',
      type: 'custom',
      nameVi: name || `Nhóm tự chọn (${codes.length} tỉnh)`,
      nameEn: name || `Custom grouping (${codes.length} provinces)`,
      memberCodes: codes.sort(),
      partialMembers: [],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Shares

export interface SharesInput extends GroupSelection {
  indicator: string;
  at?: string;
  period?: number;
}

export async function computeShares(db: Db, q: SharesInput): Promise<SharesResponse> {
  const at = q.at ?? todayVn();
  const cat = await loadCatalogue(db);
  const requested = [...new Set(q.indicator.split(','))];
  const refs: AnalyticsIndicatorRef[] = [];
  const base = new Set<string>();
  for (const code of requested) {
    const def = cat.byCode.get(code);
    const derived = DERIVED_TOTALS[code];
    if (def) {
      if (def.aggregation !== 'sum')
        throw badField(
          422,
          'not_additive',
          'query.indicator',
          `Shares need an additive indicator; "${code}" is not summed over provinces (${def.aggregation}).`,
          `Tỷ trọng cần chỉ tiêu cộng dồn được; "${code}" không cộng theo tỉnh (${def.aggregation}).`,
        );
      base.add(code);
      if (derived) base.add(derived.perCapita).add(derived.population);
      refs.push(indicatorRef(def));
    } else if (derived) {
      base.add(derived.perCapita).add(derived.population);
      refs.push({
        code,
        nameVi: derived.nameVi,
        nameEn: derived.nameEn,
        unitVi: derived.unitVi,
        unitEn: derived.unitEn,
        decimals: 0,
        derived: true,
      });
    } else await requireIndicatorAt(db, code, 'query.indicator');
  }
  const period = await choosePeriod(
    db,
    requested.flatMap((c) => (cat.byCode.has(c) ? [c] : [DERIVED_TOTALS[c].perCapita, DERIVED_TOTALS[c].population])),
    q.period,
    'query.period',
  );
  const data = await provinceData(db, [...base], at, { period });
  const provinces = new Set(data.units.map((u) => u.code));
  const groups = await resolveGroups(db, data.res.query.at, q, provinces);

  const notesVi: string[] = [];
  const notesEn: string[] = [];
  const perIndicator = requested.map((code) => {
    const derived = DERIVED_TOTALS[code];
    const units: ShareUnit[] = data.units.map((u) => {
      const own = cat.byCode.has(code) ? data.value(code, period, u.code) : null;
      if (own !== null || !derived) return { code: u.code, value: own };
      const pc = data.value(derived.perCapita, period, u.code);
      const pop = data.value(derived.population, period, u.code);
      return { code: u.code, value: pc === null || pop === null ? null : pc * pop, derived: true };
    });
    const result = groupShares(
      units,
      groups.map((g) => ({ id: g.id, members: g.memberCodes })),
    );
    const conc = result.total > 0 ? concentration(units) : null;
    if (result.derived.length > 0) {
      notesVi.push(
        `${code}: ${result.derived.length} tỉnh không có tổng được công bố; giá trị = GRDP bình quân đầu người × dân số (số suy ra).`,
      );
      notesEn.push(
        `${code}: ${result.derived.length} provinces have no published total; value = GRDP per capita × population (derived).`,
      );
    }
    if (!result.complete) {
      notesVi.push(
        `${code}: thiếu số liệu của ${result.missing.join(', ')}; tỷ trọng tính trên tổng các tỉnh có số liệu.`,
      );
      notesEn.push(
        `${code}: no value for ${result.missing.join(', ')}; shares are of the total of provinces with data.`,
      );
    }
    return { code, result, conc };
  });
  const names = new Map(data.units.map((u) => [u.code, u]));
  for (const g of groups)
    if (g.partialMembers.length > 0) {
      notesVi.push(`${g.nameVi}: ${g.partialMembers.join(', ')} chỉ thuộc một phần nhưng được tính cả tỉnh.`);
      notesEn.push(`${g.nameEn}: ${g.partialMembers.join(', ')} belong only in part but are counted whole.`);
    }
  const sources = sourcesOf(data.res);
  return {
    query: {
      ...geographyOf(data.res),
      indicators: requested,
      level: 'province',
      period,
      type: q.type ?? null,
      groupings: q.grouping ? [...new Set(q.grouping.split(','))] : [],
      members: q.members ? [...new Set(q.members.split(','))].sort() : [],
    },
    groups: groups.map((g) => ({
      ...g,
      figures: perIndicator.map(({ code, result }) => {
        const s = result.groups.find((x) => x.id === g.id)!;
        return {
          indicator: code,
          value: s.value,
          share: s.share,
          missing: [...s.missing, ...s.unknown],
          derived: s.derived,
        };
      }),
    })),
    combined: perIndicator.map(({ code, result }) => ({ indicator: code, ...result.combined })),
    totals: perIndicator.map(({ code, result, conc }) => ({
      indicator: code,
      total: result.total,
      unitCount: result.unitCount,
      missing: result.missing,
      complete: result.complete,
      derivedCount: result.derived.length,
      concentration: conc && {
        ...conc,
        top: conc.top.map((t) => ({ ...t, nameVi: names.get(t.code)!.nameVi, nameEn: names.get(t.code)!.nameEn })),
      },
    })),
    methods: [method('shares'), method('concentration')],
    indicators: refs,
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: [...notesVi, ...data.res.notesVi],
    notesEn: [...notesEn, ...data.res.notesEn],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Inequality

export interface InequalityInput {
  indicator: string;
  at?: string;
  period?: number;
  weight: 'population' | 'none';
  groups: string;
}

export async function computeInequality(db: Db, q: InequalityInput): Promise<InequalityResponse> {
  const at = q.at ?? todayVn();
  const def = await requireIndicatorAt(db, q.indicator, 'query.indicator');
  const period = await choosePeriod(db, [q.indicator], q.period, 'query.period');
  const fetch = q.weight === 'population' ? [q.indicator, 'population'] : [q.indicator];
  const data = await provinceData(db, fetch, at, { period });
  const geoAt = data.res.query.at;
  // Groups of the decomposition: the regions of the date, or a grouping's members against the rest.
  const groupOf = new Map<string, string>();
  const groupNames = new Map<string, { nameVi: string; nameEn: string }>();
  if (q.groups === 'region') {
    const regions = await listGroupings(db, { type: 'region', at: geoAt });
    for (const r of regions) {
      groupNames.set(r.id, { nameVi: r.nameVi, nameEn: r.nameEn });
      for (const c of r.memberCodes) groupOf.set(c, r.id);
    }
  } else {
    const [g] = await resolveGroups(db, geoAt, { grouping: q.groups }, new Set(), false).catch((e) => {
      if (e instanceof AppError && e.errors) e.errors[0].path = 'query.groups';
      throw e;
    });
    groupNames.set(g.id, { nameVi: g.nameVi, nameEn: g.nameEn });
    groupNames.set('others', { nameVi: 'Các tỉnh còn lại', nameEn: 'Other provinces' });
    for (const u of data.units) groupOf.set(u.code, g.memberCodes.includes(u.code) ? g.id : 'others');
  }
  const excluded: InequalityResponse['excluded'] = [];
  const items: { code: string; value: number; weight: number | null; group: string | null }[] = [];
  for (const u of data.units) {
    const value = data.value(q.indicator, period, u.code);
    const weight = q.weight === 'population' ? data.value('population', period, u.code) : null;
    if (value === null) {
      excluded.push({ code: u.code, reasonVi: 'không có số liệu', reasonEn: 'no value' });
      continue;
    }
    if (q.weight === 'population' && weight === null) {
      excluded.push({
        code: u.code,
        reasonVi: 'không có dân số để làm trọng số',
        reasonEn: 'no population to weight by',
      });
      continue;
    }
    items.push({ code: u.code, value, weight, group: groupOf.get(u.code) ?? null });
  }
  const noWeight = excluded.filter((e) => e.reasonEn === 'no population to weight by').length;
  if (items.length < 2 && noWeight > 0)
    throw badField(
      422,
      'no_weights',
      'query.weight',
      `There are no population figures for ${period} to weight by; ask with weight=none.`,
      `Không có số liệu dân số năm ${period} để làm trọng số; hãy dùng weight=none.`,
    );
  const withGroups = items.every((i) => i.group !== null);
  const s = summariseInequality(withGroups ? items : items.map((i) => ({ ...i, group: null })));
  const names = new Map(data.units.map((u) => [u.code, u]));
  const unit = (code: string, value: number) => ({ ...names.get(code)!, value });
  const sources = sourcesOf(data.res);
  const notesVi = s.notes.map((n) => n.vi);
  const notesEn = s.notes.map((n) => n.en);
  if (excluded.length > 0) {
    notesVi.push(`${excluded.length} tỉnh bị loại vì thiếu số liệu: ${excluded.map((e) => e.code).join(', ')}.`);
    notesEn.push(`${excluded.length} provinces left out for lack of data: ${excluded.map((e) => e.code).join(', ')}.`);
  }
  if (!withGroups) {
    notesVi.push('Có tỉnh không thuộc nhóm nào nên không phân rã chỉ số Theil.');
    notesEn.push('Some provinces belong to no group, so the Theil indices are not decomposed.');
  }
  return {
    query: {
      ...geographyOf(data.res),
      indicator: q.indicator,
      level: 'province',
      period,
      weight: q.weight,
      groups: q.groups,
    },
    gini: s.gini,
    giniWeighted: s.giniWeighted,
    theilT: s.theilT,
    theilL: s.theilL,
    theilTBetween: s.theilTBetween,
    theilTWithin: s.theilTWithin,
    theilLBetween: s.theilLBetween,
    theilLWithin: s.theilLWithin,
    cv: s.cv,
    cvWeighted: s.cvWeighted,
    maxMinRatio: s.maxMinRatio,
    n: s.n,
    mean: s.mean,
    meanWeighted: s.meanWeighted,
    max: unit(s.max.code, s.max.value),
    min: unit(s.min.code, s.min.value),
    theilWeighting: s.theilWeighting,
    theilTBetweenShare: s.theilT && s.theilTBetween !== null ? s.theilTBetween / s.theilT : null,
    theilLBetweenShare: s.theilL && s.theilLBetween !== null ? s.theilLBetween / s.theilL : null,
    decomposition: s.groups.map((g) => ({
      id: g.group,
      nameVi: groupNames.get(g.group)?.nameVi ?? g.group,
      nameEn: groupNames.get(g.group)?.nameEn ?? g.group,
      n: g.n,
      weightShare: g.weightShare,
      valueShare: g.valueShare,
      mean: g.mean,
      theilT: g.theilT,
      theilL: g.theilL,
      betweenTContribution: g.betweenTContribution,
      withinTContribution: g.withinTContribution,
      betweenLContribution: g.betweenLContribution,
      withinLContribution: g.withinLContribution,
    })),
    units: items.map((i) => ({ ...names.get(i.code)!, value: i.value, weight: i.weight, group: i.group ?? '' })),
    excluded,
    methods: [
      method('gini'),
      method('giniWeighted'),
      method('theilT'),
      method('theilL'),
      method('cv'),
      method('maxMinRatio'),
    ],
    indicators: [indicatorRef(def)],
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: [...notesVi, ...data.res.notesVi],
    notesEn: [...notesEn, ...data.res.notesEn],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Convergence

export interface ConvergenceInput {
  indicator: string;
  at?: string;
  from: number;
  to: number;
  balanced: boolean;
  /** Share of the best-covered year's provinces a year needs to be kept (default 0.5). */
  minCoverage?: number;
}

/** σ- and β-convergence of one indicator across provinces over a range of years (years with too few values left out). */
export async function computeConvergence(db: Db, q: ConvergenceInput): Promise<ConvergenceResponse> {
  const at = q.at ?? todayVn();
  const def = await requireIndicatorAt(db, q.indicator, 'query.indicator');
  if (q.to <= q.from)
    throw badField(
      422,
      'bad_range',
      'query.to',
      'The end year must come after the start year.',
      'Năm cuối phải sau năm đầu.',
    );
  const data = await provinceData(db, [q.indicator], at, { from: q.from, to: q.to });
  const periods = [...new Set(data.res.rows.filter((r) => r.value !== null).map((r) => Number(r.period)))].sort(
    (a, b) => a - b,
  );
  if (periods.length < 2)
    throw badField(
      422,
      'too_few_periods',
      'query.from',
      `Convergence needs data in at least two years between ${q.from} and ${q.to}; "${q.indicator}" has ${periods.join(', ') || 'none'}.`,
      `Hội tụ cần số liệu ít nhất hai năm trong khoảng ${q.from}–${q.to}; "${q.indicator}" có: ${periods.join(', ') || 'không năm nào'}.`,
    );
  const valuesIn = (p: number) =>
    data.units.flatMap((u) => {
      const v = data.value(q.indicator, p, u.code);
      return v === null ? [] : [{ code: u.code, value: v }];
    });
  const minCoverage = q.minCoverage ?? 0.5;
  const sigma = sigmaConvergence(
    periods.map((p) => ({ period: p, values: valuesIn(p) })),
    { balanced: q.balanced, minCoverage },
  );
  const kept = sigma.points.map((p) => p.period);
  const start = kept[0];
  const end = kept[kept.length - 1];
  if (start === end)
    throw badField(
      422,
      'too_few_periods',
      'query.minCoverage',
      `Only ${start} has values for enough provinces; lower minCoverage or widen the range.`,
      `Chỉ năm ${start} có đủ số tỉnh có số liệu; hãy giảm minCoverage hoặc mở rộng khoảng năm.`,
    );
  const startV = new Map(valuesIn(start).map((v) => [v.code, v.value]));
  const endV = new Map(valuesIn(end).map((v) => [v.code, v.value]));
  const rows = data.units
    .filter((u) => startV.has(u.code) && endV.has(u.code))
    .map((u) => ({ code: u.code, start: startV.get(u.code)!, end: endV.get(u.code)! }));
  const beta = betaConvergence(rows, end - start);
  const names = new Map(data.units.map((u) => [u.code, u]));
  const betaDropped = data.units.filter((u) => !startV.has(u.code) || !endV.has(u.code)).map((u) => u.code);
  const dropped = [...new Set([...sigma.dropped, ...betaDropped])].sort();
  const crosswalk = data.res.rows.some((r) => r.value !== null && r.method.via === 'crosswalk');
  const sources = sourcesOf(data.res);
  const notesVi: string[] = [];
  const notesEn: string[] = [];
  if (crosswalk) {
    notesVi.push(METHODS.crosswalk.vi);
    notesEn.push(METHODS.crosswalk.en);
  }
  if (sigma.sparsePeriods.length > 0) {
    const ys = sigma.sparsePeriods.join(', ');
    const pct = Math.round(minCoverage * 100);
    notesVi.push(`Bỏ qua năm ${ys}: ít hơn ${pct}% số tỉnh của năm đầy đủ nhất có số liệu.`);
    notesEn.push(
      `Year${sigma.sparsePeriods.length > 1 ? 's' : ''} ${ys} left out: fewer than ${pct}% of the best-covered year's provinces have a value.`,
    );
  }
  if (dropped.length > 0) {
    notesVi.push(`Loại ${dropped.length} tỉnh thiếu số liệu ở một năm: ${dropped.join(', ')}.`);
    notesEn.push(`${dropped.length} provinces left out for a missing year: ${dropped.join(', ')}.`);
  }
  return {
    query: {
      ...geographyOf(data.res),
      indicator: q.indicator,
      level: 'province',
      from: q.from,
      to: q.to,
      balanced: q.balanced,
      minCoverage,
      periods: kept,
    },
    sigma: sigma.points.map((p) => ({ period: p.period, n: p.n, sdLog: p.sdLog, cv: p.cv, mean: p.mean })),
    sigmaTrend: sigma.trend
      ? { slope: sigma.trend.slope, stdError: sigma.trend.slopeStdError, pValue: sigma.trend.pValue }
      : null,
    sigmaChange: sigma.change,
    beta: {
      coefficient: beta.coefficient,
      stdError: beta.stdError,
      tStat: beta.tStat,
      pValue: beta.pValue,
      intercept: beta.intercept,
      r2: beta.r2,
      speed: beta.speed,
      halfLife: beta.halfLife,
      n: beta.n,
      years: beta.years,
      startPeriod: start,
      endPeriod: end,
      points: beta.points.map((p) => ({ ...names.get(p.code)!, logInitial: p.logInitial, growth: p.growth })),
    },
    dropped,
    sparsePeriods: sigma.sparsePeriods,
    crosswalk,
    methods: crosswalk ? [method('sigma'), method('beta'), method('crosswalk')] : [method('sigma'), method('beta')],
    indicators: [indicatorRef(def)],
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: [...notesVi, ...data.res.notesVi],
    notesEn: [...notesEn, ...data.res.notesEn],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Member comparison

export interface CompareInput extends GroupSelection {
  indicator: string;
  at?: string;
  period?: number;
  from?: number;
  to?: number;
  draws: number;
  seed: number;
}

export async function computeCompare(db: Db, q: CompareInput): Promise<CompareResponse> {
  const at = q.at ?? todayVn();
  const def = await requireIndicatorAt(db, q.indicator, 'query.indicator');
  const growth = q.from !== undefined || q.to !== undefined;
  if (growth && q.period !== undefined)
    throw badField(
      400,
      'period_and_range',
      'query.period',
      'Give either period (level) or from and to (growth), not both.',
      'Chỉ dùng period (mức) hoặc from và to (tăng trưởng), không dùng cả hai.',
    );
  if (growth && (q.from === undefined || q.to === undefined || q.to <= q.from))
    throw badField(
      422,
      'bad_range',
      q.from === undefined ? 'query.from' : 'query.to',
      'Growth needs from and to, with to after from.',
      'Tăng trưởng cần from và to, với to sau from.',
    );
  const period = growth ? null : await choosePeriod(db, [q.indicator], q.period, 'query.period');
  const data = growth
    ? await provinceData(db, [q.indicator], at, { from: q.from!, to: q.to! })
    : await provinceData(db, [q.indicator], at, { period: period! });
  const provinces = new Set(data.units.map((u) => u.code));
  const groups = await resolveGroups(db, data.res.query.at, q, provinces, false);
  const memberCodes = [...new Set(groups.flatMap((g) => g.memberCodes))].sort();
  const group: AnalyticsGroup =
    groups.length === 1
      ? groups[0]
      : {
          id: groups.map((g) => g.id).join(','),
          kind: 'grouping',
          type: 'union',
          nameVi: groups.map((g) => g.nameVi).join(' + '),
          nameEn: groups.map((g) => g.nameEn).join(' + '),
          memberCodes,
          partialMembers: [...new Set(groups.flatMap((g) => g.partialMembers))].sort(),
        };
  const unitValue = (code: string): number | null => {
    if (!growth) return data.value(q.indicator, period!, code);
    const a = data.value(q.indicator, q.from!, code);
    const b = data.value(q.indicator, q.to!, code);
    if (a === null || b === null) return null;
    const r = annualGrowthRate(a, b, q.to! - q.from!);
    return r === null ? null : 100 * r;
  };
  const members = new Set(memberCodes);
  const units = data.units.map((u) => ({ ...u, value: unitValue(u.code), member: members.has(u.code) }));
  const values = units.flatMap((u) => (u.value === null ? [] : [{ code: u.code, value: u.value }]));
  const c = compareMembers(values, members, { draws: q.draws, seed: q.seed });
  const sources = sourcesOf(data.res, (r) => !growth || Number(r.period) === q.from || Number(r.period) === q.to);
  const notesVi: string[] = [];
  const notesEn: string[] = [];
  if (growth) {
    notesVi.push(
      `Tăng trưởng bình quân năm (%/năm) từ ${q.from} đến ${q.to}: ((x_${q.to}/x_${q.from})^(1/${q.to! - q.from!}) − 1) × 100.`,
    );
    notesEn.push(
      `Compound annual growth (%/year) from ${q.from} to ${q.to}: ((x_${q.to}/x_${q.from})^(1/${q.to! - q.from!}) − 1) × 100.`,
    );
  }
  const without = units.filter((u) => u.value === null).map((u) => u.code);
  if (without.length > 0) {
    notesVi.push(`Không có số liệu (bị loại): ${without.join(', ')}.`);
    notesEn.push(`No value (left out): ${without.join(', ')}.`);
  }
  if (group.partialMembers.length > 0) {
    notesVi.push(`${group.partialMembers.join(', ')} chỉ thuộc một phần nhưng được tính cả tỉnh.`);
    notesEn.push(`${group.partialMembers.join(', ')} belong only in part but are counted whole.`);
  }
  return {
    query: {
      ...geographyOf(data.res),
      indicator: q.indicator,
      level: 'province',
      measure: growth ? 'growth' : 'level',
      period,
      from: growth ? q.from! : null,
      to: growth ? q.to! : null,
      draws: q.draws,
      seed: q.seed,
    },
    group,
    members: c.members,
    others: c.others,
    differenceMean: c.differenceMean,
    differenceMedian: c.differenceMedian,
    ratioMean: c.ratioMean,
    test: c.test,
    membersWithoutValue: c.membersWithoutValue,
    units,
    methods: [method('compare')],
    indicators: [indicatorRef(def)],
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: [...notesVi, ...data.res.notesVi],
    notesEn: [...notesEn, ...data.res.notesEn],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Peers

export interface PeersInput {
  unit: string;
  indicators: string;
  log?: string;
  at?: string;
  period?: number;
  limit: number;
}

export async function computePeers(db: Db, q: PeersInput): Promise<PeersResponse> {
  const at = q.at ?? todayVn();
  const codes = [...new Set(q.indicators.split(','))];
  const defs = [];
  for (const code of codes) defs.push(await requireIndicatorAt(db, code, 'query.indicators'));
  const log = new Set(q.log ? q.log.split(',') : []);
  for (const l of log)
    if (!codes.includes(l))
      throw badField(
        422,
        'log_not_compared',
        'query.log',
        `"${l}" is in log but not in indicators.`,
        `"${l}" có trong log nhưng không có trong indicators.`,
      );
  const period = await choosePeriod(db, codes, q.period, 'query.period');
  const data = await provinceData(db, codes, at, { period });
  const target = data.units.find((u) => u.code === q.unit);
  if (!target)
    throw badField(
      404,
      'unit_not_found',
      'query.unit',
      `Province ${q.unit} does not exist on ${data.res.query.at}.`,
      `Không có tỉnh mã ${q.unit} vào ngày ${data.res.query.at}.`,
    );
  const inputs = codes.map((code) => ({
    code,
    log: log.has(code),
    values: data.units.flatMap((u) => {
      const v = data.value(code, period, u.code);
      return v === null ? [] : [{ code: u.code, value: v }];
    }),
  }));
  for (const i of inputs)
    if (!i.values.some((v) => v.code === q.unit))
      throw badField(
        422,
        'target_without_value',
        'query.unit',
        `${target.nameEn} has no value of "${i.code}" in ${period}.`,
        `${target.nameVi} không có số liệu "${i.code}" năm ${period}.`,
      );
  const r = findPeers(q.unit, inputs, q.limit);
  const names = new Map(data.units.map((u) => [u.code, u]));
  const sources = sourcesOf(data.res);
  return {
    query: {
      ...geographyOf(data.res),
      unit: q.unit,
      indicators: codes,
      log: [...log],
      period,
      limit: q.limit,
    },
    target: { ...target, values: r.targetValues },
    scales: r.scales,
    peers: r.peers.map((p) => ({ ...names.get(p.code)!, ...p })),
    excluded: r.excluded,
    compared: r.compared,
    methods: [method('peers')],
    indicators: defs.map(indicatorRef),
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: data.res.notesVi,
    notesEn: data.res.notesEn,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Composite index

/** Scores, ranks and components of an index definition (inline or saved: `id`). */
/** The earliest year a `latestYear` index looks back to. */
const LATEST_YEAR_FROM = 1990;

/** The year an indicator enters an index with: the index year, or with `latestYear` its latest year with data. */
function indexYear(data: ProvinceData, code: string, d: IndexDefinition): number {
  if (!d.latestYear) return d.period;
  const years = [
    ...new Set(data.res.rows.filter((r) => r.indicator === code && r.value !== null).map((r) => Number(r.period))),
  ];
  return years.length ? Math.max(...years) : d.period;
}

/** A composite index of provinces (scores 0–10, ranks, components) for a definition, inline or saved. */
export async function computeIndex(db: Db, definition: IndexDefinition, id: number | null): Promise<IndexResponse> {
  const at = definition.at ?? todayVn();
  const codes = definition.indicators.map((i) => i.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup)
    throw badField(
      422,
      'duplicate_indicator',
      `body.definition.indicators.${codes.lastIndexOf(dup)}.code`,
      `Indicator "${dup}" is listed twice.`,
      `Chỉ tiêu "${dup}" được liệt kê hai lần.`,
    );
  if (definition.indicators.every((i) => i.weight === 0))
    throw badField(
      422,
      'zero_weights',
      'body.definition.indicators',
      'At least one weight must be above zero.',
      'Cần ít nhất một trọng số lớn hơn 0.',
    );
  const defs = [];
  for (const [k, code] of codes.entries())
    defs.push(await requireIndicatorAt(db, code, `body.definition.indicators.${k}.code`));
  const data = await provinceData(
    db,
    codes,
    at,
    definition.latestYear ? { from: LATEST_YEAR_FROM, to: definition.period } : { period: definition.period },
  );
  const yearOf = new Map(codes.map((c) => [c, indexYear(data, c, definition)]));
  const r = computeCompositeIndex(
    data.units.map((u) => u.code),
    definition.indicators.map((i) => ({
      code: i.code,
      direction: i.direction,
      weight: i.weight,
      values: data.units.flatMap((u) => {
        const v = data.value(i.code, yearOf.get(i.code)!, u.code);
        return v === null ? [] : [{ code: u.code, value: v }];
      }),
    })),
    { missing: definition.missing },
  );
  const empty = r.indicators.find((i) => i.n === 0);
  if (empty)
    throw badField(
      422,
      'indicator_without_data',
      `body.definition.indicators.${codes.indexOf(empty.code)}.code`,
      `"${empty.code}" has no data in ${definition.period} for the provinces of ${data.res.query.at}.`,
      `"${empty.code}" không có số liệu năm ${definition.period} cho các tỉnh theo địa giới ngày ${data.res.query.at}.`,
    );
  const names = new Map(data.units.map((u) => [u.code, u]));
  const units = r.units
    .map((u) => ({ ...names.get(u.code)!, ...u }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.code.localeCompare(b.code));
  const sources = sourcesOf(data.res, (row) => Number(row.period) === yearOf.get(row.indicator));
  const notesVi: string[] = [];
  const notesEn: string[] = [];
  const earlier = codes.filter((c) => yearOf.get(c) !== definition.period);
  if (earlier.length > 0) {
    notesVi.push(
      `Chưa có số liệu năm ${definition.period}, dùng năm gần nhất: ${earlier.map((c) => `${c} ${yearOf.get(c)}`).join(', ')}.`,
    );
    notesEn.push(
      `No data for ${definition.period}, latest year used: ${earlier.map((c) => `${c} ${yearOf.get(c)}`).join(', ')}.`,
    );
  }
  const unranked = units.filter((u) => u.score === null).map((u) => u.code);
  if (unranked.length > 0) {
    notesVi.push(`Không xếp hạng (thiếu chỉ tiêu): ${unranked.join(', ')}.`);
    notesEn.push(`Not ranked (an indicator is missing): ${unranked.join(', ')}.`);
  }
  return {
    query: { ...geographyOf(data.res), id, definition: { ...definition, at: data.res.query.at } },
    components: r.indicators.map((c) => ({ ...c, period: yearOf.get(c.code)! })),
    units,
    ranked: r.ranked,
    methods: [method('index'), method('ranks')],
    indicators: defs.map(indicatorRef),
    datasets: datasetsOf(data.res, sources),
    sources,
    notesVi: [...notesVi, ...data.res.notesVi],
    notesEn: [...notesEn, ...data.res.notesEn],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Ranks

export interface RanksInput {
  indicator: string;
  lower?: string;
  at?: string;
  period?: number;
  unit?: string;
}

/** Ranks of the provinces nationally and within their region, per indicator (each in its latest year by default). */
export async function computeRanks(db: Db, q: RanksInput): Promise<RanksResponse> {
  const at = q.at ?? todayVn();
  const codes = [...new Set(q.indicator.split(','))];
  const lower = new Set(q.lower ? q.lower.split(',') : []);
  for (const l of lower)
    if (!codes.includes(l))
      throw badField(
        422,
        'lower_not_ranked',
        'query.lower',
        `"${l}" is in lower but not in indicator.`,
        `"${l}" có trong lower nhưng không có trong indicator.`,
      );
  const defs = [];
  for (const code of codes) defs.push(await requireIndicatorAt(db, code, 'query.indicator'));
  const only = q.unit ? new Set(q.unit.split(',')) : null;
  const items: RanksResponse['items'] = [];
  const sources = new Map<number, DataSourceRef>();
  let last: DataResponse | null = null;
  const datasets = new Map<string, DataResponse['datasets'][number]>();
  for (const code of codes) {
    const ps = q.period !== undefined ? [q.period] : await periodsOf(db, [code]);
    if (ps.length === 0) continue;
    const period = ps[ps.length - 1];
    const data = await provinceData(db, [code], at, { period });
    last = data.res;
    if (only) {
      const unknown = [...only].filter((c) => !data.units.some((u) => u.code === c));
      if (unknown.length > 0)
        throw badField(
          404,
          'unit_not_found',
          'query.unit',
          `Not provinces on ${data.res.query.at}: ${unknown.join(', ')}.`,
          `Không phải mã tỉnh vào ngày ${data.res.query.at}: ${unknown.join(', ')}.`,
        );
    }
    for (const s of sourcesOf(data.res)) sources.set(s.releaseId, s);
    for (const d of data.res.datasets) datasets.set(d.code, d);
    const geo = await geographyAt(db, data.res.query.at);
    const regionOf = new Map<string, Grouping>();
    for (const r of geo.regions) for (const c of r.memberCodes) regionOf.set(c, r);
    const values = data.units.flatMap((u) => {
      const v = data.value(code, period, u.code);
      return v === null ? [] : [{ code: u.code, value: v, group: regionOf.get(u.code)?.id ?? null }];
    });
    const direction = lower.has(code) ? 'lower_better' : 'higher_better';
    const ranks = ranksWithinGroups(values, direction);
    const names = new Map(data.units.map((u) => [u.code, u]));
    items.push({
      indicator: code,
      period,
      direction,
      units: ranks
        .filter((r) => !only || only.has(r.code))
        .sort((a, b) => a.nationalRank - b.nationalRank || a.code.localeCompare(b.code))
        .map((r) => {
          const region = r.group ? regionOf.get(r.code)! : null;
          return {
            ...names.get(r.code)!,
            value: r.value,
            nationalRank: r.nationalRank,
            nationalOf: r.nationalOf,
            region: region && { id: region.id, nameVi: region.nameVi, nameEn: region.nameEn },
            regionRank: r.groupRank,
            regionOf: r.groupOf,
          };
        }),
      missing: data.units.filter((u) => !values.some((v) => v.code === u.code)).map((u) => u.code),
    });
  }
  const geography = last ? geographyOf(last) : { at, geographyVi: '', geographyEn: '' };
  const src = [...sources.values()].sort((a, b) => a.releaseId - b.releaseId);
  const used = new Set(src.map((s) => s.dataset));
  return {
    query: {
      ...geography,
      indicators: codes,
      lower: [...lower],
      period: q.period ?? null,
      units: only ? [...only].sort() : [],
    },
    items,
    methods: [method('ranks')],
    indicators: defs.map(indicatorRef),
    datasets: [...datasets.values()].filter((d) => used.has(d.code)),
    sources: src,
    notesVi: last?.notesVi ?? [],
    notesEn: last?.notesEn ?? [],
  };
}

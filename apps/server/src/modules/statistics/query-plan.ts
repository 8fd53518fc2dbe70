import type { DataLevel } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { todayVn } from '../geo/geo.service';
import { assertIndicatorsReadable } from './access-level';
import { type Catalogue, type IndicatorDef, loadCatalogue } from './catalogue.service';
import { type Geography, geographyAt, groupingAt, type Target } from './geography';
import { dataSnapshot, type PeriodEntry, type Snapshot } from './snapshot';

/**
 * Stage 1 of the query engine (query.service.ts): **plan**. Checks the query, resolves indicators (and the access
 * level), the release, the periods each indicator has in range, and the target units (provinces, regions, a grouping,
 * the nation, or communes) with the geography they are taken from. It reads only cached metadata (snapshot,
 * catalogue, geography), never observations.
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

/** One indicator to read; `keepValues` keeps every source value (indices, whose aggregates need the median). */
export interface FetchSpec {
  def: IndicatorDef;
  keepValues: boolean;
}

/** Which indicators to read, at which recorded levels, over which periods. */
export interface PeriodPlan {
  /** The requested indicators plus the numerators and denominators of ratios. */
  specs: FetchSpec[];
  /** Levels (province, commune) each indicator is recorded at within the range. */
  levels: Map<number, Set<string>>;
  /** Periods that will have rows, ascending. */
  periods: number[];
  /** First and last of `periods` ([0, -1] when there are none). */
  range: [number, number];
}

/** Where the rows go: communes, or targets made of provinces of `geo`. */
export type TargetPlan =
  | { kind: 'commune'; communeCount: number }
  | { kind: 'provinces'; geo: Geography; targets: Target[]; members: Set<string> };

export interface QueryPlan extends PeriodPlan {
  q: ObservationQuery;
  snap: Snapshot;
  cat: Catalogue;
  defs: IndicatorDef[];
  at: string;
  level: DataLevel;
  release: number | null;
  target: TargetPlan;
  geographyVi: string;
  geographyEn: string;
  /** Notes decided by the plan (a grouping with partly included provinces). */
  notesVi: string[];
  notesEn: string[];
}

const badRequest = (code: string, en: string, vi: string, path: string) =>
  new AppError(400, code, en, vi, [{ path, message: en, messageVi: vi }]);

/** Validate the query; throws 400 with the failing parameter named. */
export function checkQuery(q: ObservationQuery) {
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

/** The catalogue entries of the requested codes; 404 for a code that is not in the catalogue. */
export function resolveIndicators(cat: Catalogue, codes: string[]): IndicatorDef[] {
  return codes.map((code) => {
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
}

/**
 * Which indicators to read (the requested ones plus ratios' numerators and denominators), at which levels, and the
 * periods that will have rows: those of each indicator in range, and for a ratio those its two inputs share.
 */
export function planPeriods(
  defs: IndicatorDef[],
  cat: Catalogue,
  periodsById: Map<number, PeriodEntry[]>,
  q: Pick<ObservationQuery, 'period' | 'from' | 'to'>,
): PeriodPlan {
  const fetch = new Map<number, FetchSpec>();
  for (const d of defs) {
    fetch.set(d.id, { def: d, keepValues: d.aggregation === 'none' });
    if (d.aggregation === 'ratio')
      for (const id of [d.numeratorId, d.denominatorId])
        if (id !== null && !fetch.has(id)) fetch.set(id, { def: cat.byId.get(id)!, keepValues: false });
  }
  const inRange = (p: number) =>
    q.period !== undefined
      ? p === q.period
      : (q.from === undefined || p >= q.from) && (q.to === undefined || p <= q.to);
  const levels = new Map<number, Set<string>>();
  const periodsOf = new Map<number, Set<number>>();
  for (const id of fetch.keys())
    for (const e of periodsById.get(id) ?? []) {
      if (!inRange(e.period)) continue;
      levels.set(id, (levels.get(id) ?? new Set()).add(e.level));
      periodsOf.set(id, (periodsOf.get(id) ?? new Set()).add(e.period));
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
  return { specs: [...fetch.values()], levels, periods, range };
}

interface Targets {
  targets: Target[];
  geographyVi: string;
  geographyEn: string;
  notesVi: string[];
  notesEn: string[];
}

/** Provinces, regions or the nation of `geo` as targets (a grouping needs the database: see `planTargets`). */
export function targetsOf(geo: Geography, level: 'province' | 'region' | 'national'): Targets {
  const base = { geographyVi: geo.labelVi, geographyEn: geo.labelEn, notesVi: [], notesEn: [] };
  if (level === 'province')
    return {
      ...base,
      targets: [...geo.provinces.values()].map((u) => ({
        code: u.code,
        nameVi: u.nameVi,
        nameEn: u.nameEn,
        members: [u.code],
        partialMembers: [],
      })),
    };
  if (level === 'region')
    return {
      ...base,
      targets: geo.regions.map((g) => ({
        code: g.code,
        nameVi: g.nameVi,
        nameEn: g.nameEn,
        members: g.memberCodes,
        partialMembers: g.members.filter((m) => m.partial).map((m) => m.code),
      })),
      geographyVi: `${geo.regions.length} vùng kinh tế - xã hội, ${geo.labelVi}`,
      geographyEn: `${geo.regions.length} socio-economic regions, ${geo.labelEn}`,
    };
  return {
    ...base,
    targets: [
      { code: 'VN', nameVi: 'Toàn quốc', nameEn: 'Viet Nam', members: [...geo.provinces.keys()], partialMembers: [] },
    ],
  };
}

async function groupingTargets(db: Db, geo: Geography, id: string, at: string): Promise<Targets> {
  const g = await groupingAt(db, id, at);
  const partial = g.members.filter((m) => m.partial);
  const notesVi: string[] = [];
  const notesEn: string[] = [];
  if (partial.length) {
    notesVi.push(
      `${g.nameVi} chỉ gồm một phần lãnh thổ của ${partial.map((m) => m.nameVi).join(', ')}; số liệu của cả tỉnh được tính vào.`,
    );
    notesEn.push(
      `${g.nameEn} includes only part of ${partial.map((m) => m.nameVi).join(', ')}; whole-province figures are counted.`,
    );
  }
  return {
    targets: [
      {
        code: g.code,
        nameVi: g.nameVi,
        nameEn: g.nameEn,
        members: g.memberCodes,
        partialMembers: partial.map((m) => m.code),
      },
    ],
    geographyVi: geo.labelVi,
    geographyEn: geo.labelEn,
    notesVi,
    notesEn,
  };
}

/** The target units of the query and the geography they belong to (cached geography; a grouping reads its members). */
export async function planTargets(
  db: Db,
  level: DataLevel,
  at: string,
  q: Pick<ObservationQuery, 'grouping' | 'units'>,
): Promise<Targets & { target: TargetPlan }> {
  if (level === 'commune') {
    const n = (await geographyAt(db, at).catch(() => null))?.communeCount ?? 0;
    return {
      target: { kind: 'commune', communeCount: n },
      targets: [],
      geographyVi: `${n} xã, phường, đặc khu`,
      geographyEn: `${n} communes`,
      notesVi: [],
      notesEn: [],
    };
  }
  const geo = await geographyAt(db, at);
  const t = level === 'grouping' ? await groupingTargets(db, geo, q.grouping as string, at) : targetsOf(geo, level);
  let targets = t.targets;
  if (q.units?.length) {
    const want = new Set(q.units);
    targets = targets.filter((x) => want.has(x.code));
  }
  const members = new Set<string>();
  for (const x of targets) for (const m of x.members) if (geo.provinces.has(m)) members.add(m);
  return { ...t, targets, target: { kind: 'provinces', geo, targets, members } };
}

/** Stage 1: the whole plan of a query (throws 400/404 for a bad query, an unknown or hidden indicator or release). */
export async function planQuery(db: Db, q: ObservationQuery): Promise<QueryPlan> {
  checkQuery(q);
  const snap = await dataSnapshot(db);
  const cat = await loadCatalogue(db);
  const defs = resolveIndicators(cat, q.indicators);
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
  if (release !== null && !snap.releases.has(release))
    throw new AppError(
      404,
      'release_not_found',
      `Release ${release} does not exist.`,
      `Không có bản phát hành ${release}.`,
    );
  const periods = planPeriods(defs, cat, snap.periods, q);
  const t = await planTargets(db, level, at, q);
  return { q, snap, cat, defs, at, level, release, ...periods, ...t };
}

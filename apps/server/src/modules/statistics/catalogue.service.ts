import type {
  AggregationRule,
  CreateIndicatorInput,
  Indicator,
  Measure,
  Periodicity,
  UpdateIndicatorInput,
} from '@regionlink/shared';
import { assertIndicatorsReadable, hiddenIndicatorCodes } from './access-level';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit } from '../access/access.service';
import { rawSql } from './raw-sql';

/** An indicator as the engine and the importer use it: metadata plus the ids and codes of related indicators. */
export interface IndicatorDef {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
  topic: string;
  unitVi: string;
  unitEn: string;
  decimals: number;
  aggregation: AggregationRule;
  weightId: number | null;
  numeratorId: number | null;
  denominatorId: number | null;
  weightCode: string | null;
  numeratorCode: string | null;
  denominatorCode: string | null;
  ratioFactor: number | null;
  measure: Measure;
  periodicity: Periodicity;
  minValue: number | null;
  maxValue: number | null;
  minPeriod: number | null;
  maxPeriod: number | null;
  sourceVi: string;
  sourceEn: string;
  licence: string;
  licenceEn: string;
  sortOrder: number;
  version: number;
}

export interface Catalogue {
  byCode: Map<string, IndicatorDef>;
  byId: Map<number, IndicatorDef>;
}

interface IndicatorRow {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
  definition_vi: string;
  definition_en: string;
  topic: string;
  unit_vi: string;
  unit_en: string;
  decimals: number;
  aggregation: AggregationRule;
  weight_indicator_id: number | null;
  numerator_indicator_id: number | null;
  denominator_indicator_id: number | null;
  ratio_factor: number | null;
  measure: Measure;
  periodicity: Periodicity;
  min_value: number | null;
  max_value: number | null;
  min_period: number | null;
  max_period: number | null;
  source_vi: string;
  source_en: string;
  licence: string;
  licence_en: string;
  sort_order: number;
  version: number;
}

const TTL_MS = 30_000;
const cache = new WeakMap<object, { at: number; value: Promise<Catalogue> }>();

/** The whole catalogue, cached for 30 seconds per database handle and dropped on every catalogue change. */
export function loadCatalogue(db: Db): Promise<Catalogue> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = readCatalogue(db);
  cache.set(db, { at: Date.now(), value });
  value.catch(() => cache.delete(db));
  return value;
}

/** Forget the cached catalogue (after an edit). */
export function invalidateCatalogue(db: Db) {
  cache.delete(db);
  for (const fn of listeners) fn(db);
}

const listeners: ((db: Db) => void)[] = [];
/** Let other caches hear about catalogue edits (snapshot.ts, and lib/cache-bus.ts for the other servers). */
export function onCatalogueInvalidated(fn: (db: Db) => void) {
  listeners.push(fn);
}

async function readCatalogue(db: Db): Promise<Catalogue> {
  const rows = await rawSql(db).query<IndicatorRow>('select * from indicators order by sort_order, id');
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const defs = rows.map(
    (r): IndicatorDef => ({
      id: r.id,
      code: r.code,
      nameVi: r.name_vi,
      nameEn: r.name_en,
      definitionVi: r.definition_vi,
      definitionEn: r.definition_en,
      topic: r.topic,
      unitVi: r.unit_vi,
      unitEn: r.unit_en,
      decimals: r.decimals,
      aggregation: r.aggregation,
      weightId: r.weight_indicator_id,
      numeratorId: r.numerator_indicator_id,
      denominatorId: r.denominator_indicator_id,
      weightCode: r.weight_indicator_id ? (codeOf.get(r.weight_indicator_id) ?? null) : null,
      numeratorCode: r.numerator_indicator_id ? (codeOf.get(r.numerator_indicator_id) ?? null) : null,
      denominatorCode: r.denominator_indicator_id ? (codeOf.get(r.denominator_indicator_id) ?? null) : null,
      ratioFactor: r.ratio_factor,
      measure: r.measure,
      periodicity: r.periodicity,
      minValue: r.min_value,
      maxValue: r.max_value,
      minPeriod: r.min_period,
      maxPeriod: r.max_period,
      sourceVi: r.source_vi,
      sourceEn: r.source_en,
      licence: r.licence,
      licenceEn: r.licence_en,
      sortOrder: r.sort_order,
      version: r.version,
    }),
  );
  return { byCode: new Map(defs.map((d) => [d.code, d])), byId: new Map(defs.map((d) => [d.id, d])) };
}

/** An indicator by code, or a 404 that says it is not in the catalogue. */
export async function requireIndicator(db: Db, code: string): Promise<IndicatorDef> {
  const def = (await loadCatalogue(db)).byCode.get(code);
  if (!def) throw notFound(`Indicator "${code}"`, `chỉ tiêu "${code}"`);
  return def;
}

interface PeriodRow {
  indicator_id: number;
  periods: number[];
  geos: string[];
  n: number;
}

/** Periods, geographies and observation counts per indicator, from the importer-maintained `indicator_periods`. */
export async function indicatorCoverage(db: Db, ids?: number[]): Promise<Map<number, PeriodRow>> {
  const rows = await rawSql(db).query<PeriodRow>(
    `select indicator_id, array_agg(distinct period order by period) as periods,
            array_agg(distinct to_char(geo_date, 'YYYY-MM-DD')) as geos, sum(n)::int as n
     from indicator_periods ${ids ? 'where indicator_id = any($1::int[])' : ''} group by indicator_id`,
    ids ? [ids] : [],
  );
  return new Map(rows.map((r) => [r.indicator_id, r]));
}

/** The aggregation rule of an indicator in words, naming the indicators it depends on. */
export function ruleText(d: IndicatorDef, byId: Map<number, IndicatorDef>): { vi: string; en: string } {
  const name = (id: number | null) => (id === null ? undefined : byId.get(id));
  switch (d.aggregation) {
    case 'sum':
      return {
        vi: `Cộng các đơn vị${d.periodicity === 'cumulative' ? ' (số lũy kế: không cộng qua các năm)' : ''}`,
        en: `Sum over units${d.periodicity === 'cumulative' ? ' (cumulative: never added over years)' : ''}`,
      };
    case 'weighted_mean': {
      const w = name(d.weightId);
      return {
        vi: `Bình quân gia quyền theo ${w?.nameVi.toLowerCase() ?? 'quyền số'}`,
        en: `Mean weighted by ${w?.nameEn.toLowerCase() ?? 'a weight'}`,
      };
    }
    case 'ratio': {
      const n = name(d.numeratorId);
      const m = name(d.denominatorId);
      const f = d.ratioFactor && d.ratioFactor !== 1 ? ` × ${d.ratioFactor}` : '';
      return {
        vi: `Tỷ số của hai tổng: ${n?.nameVi.toLowerCase() ?? 'tử số'} / ${m?.nameVi.toLowerCase() ?? 'mẫu số'}${f}`,
        en: `Ratio of two sums: ${n?.nameEn.toLowerCase() ?? 'numerator'} / ${m?.nameEn.toLowerCase() ?? 'denominator'}${f}`,
      };
    }
    default:
      return {
        vi: 'Không cộng dồn (chỉ số): vùng và nhóm hiển thị trung bình và trung vị của các đơn vị',
        en: 'Never summed (index): regions and groupings show the mean and median of their units',
      };
  }
}

/** The public form of an indicator. */
export function toIndicator(d: IndicatorDef, cov?: PeriodRow, byId?: Map<number, IndicatorDef>): Indicator {
  const rule = ruleText(d, byId ?? new Map());
  return {
    code: d.code,
    nameVi: d.nameVi,
    nameEn: d.nameEn,
    definitionVi: d.definitionVi,
    definitionEn: d.definitionEn,
    topic: d.topic,
    unit: d.unitEn,
    unitVi: d.unitVi,
    unitEn: d.unitEn,
    decimals: d.decimals,
    aggregation: d.aggregation,
    weightIndicator: d.weightCode,
    numeratorIndicator: d.numeratorCode,
    denominatorIndicator: d.denominatorCode,
    ratioFactor: d.ratioFactor,
    ruleVi: rule.vi,
    ruleEn: rule.en,
    measure: d.measure,
    periodicity: d.periodicity,
    minValue: d.minValue,
    maxValue: d.maxValue,
    minPeriod: d.minPeriod,
    maxPeriod: d.maxPeriod,
    sourceVi: d.sourceVi,
    sourceEn: d.sourceEn,
    licence: d.licence,
    licenceEn: d.licenceEn,
    periods: cov?.periods ?? [],
    geographies: (cov?.geos ?? []).sort(),
    observationCount: cov?.n ?? 0,
    version: d.version,
  };
}

/** The catalogue with coverage, in catalogue order. Public. */
export async function listIndicators(db: Db): Promise<Indicator[]> {
  const cat = await loadCatalogue(db);
  const cov = await indicatorCoverage(db);
  const hidden = await hiddenIndicatorCodes(db);
  return [...cat.byCode.values()]
    .filter((d) => !hidden.has(d.code))
    .map((d) => toIndicator(d, cov.get(d.id), cat.byId));
}

/** One indicator with coverage. Public. */
export async function getIndicator(db: Db, code: string): Promise<Indicator> {
  const def = await requireIndicator(db, code);
  await assertIndicatorsReadable(db, [def.code], 'params.code');
  const cov = await indicatorCoverage(db, [def.id]);
  return toIndicator(def, cov.get(def.id), (await loadCatalogue(db)).byId);
}

type RuleFields = Pick<
  CreateIndicatorInput,
  'aggregation' | 'weightIndicator' | 'numeratorIndicator' | 'denominatorIndicator' | 'ratioFactor'
>;

/**
 * Check that the rule fields agree with the rule (a weighted mean names a weight, a ratio names a numerator and a
 * denominator that are themselves summed), and resolve the codes to ids.
 */
async function resolveRule(db: Db, code: string, r: RuleFields) {
  const cat = await loadCatalogue(db);
  const fail = (path: string, en: string, vi: string) =>
    new AppError(422, 'invalid_rule', en, vi, [{ path: `body.${path}`, message: en, messageVi: vi }]);
  const ref = (c: string | null, path: string) => {
    if (!c) return null;
    if (c === code) throw fail(path, 'An indicator cannot refer to itself.', 'Chỉ tiêu không thể tham chiếu chính nó.');
    const d = cat.byCode.get(c);
    if (!d) throw fail(path, `Unknown indicator "${c}".`, `Không có chỉ tiêu "${c}".`);
    return d;
  };
  const weight = ref(r.weightIndicator, 'weightIndicator');
  const num = ref(r.numeratorIndicator, 'numeratorIndicator');
  const den = ref(r.denominatorIndicator, 'denominatorIndicator');
  if (r.aggregation === 'weighted_mean' && !weight)
    throw fail(
      'weightIndicator',
      'A weighted mean needs a weight indicator.',
      'Bình quân gia quyền cần chỉ tiêu quyền số.',
    );
  if (r.aggregation === 'ratio' && (!num || !den))
    throw fail(
      'numeratorIndicator',
      'A ratio needs a numerator and a denominator indicator.',
      'Tỷ số cần chỉ tiêu tử số và chỉ tiêu mẫu số.',
    );
  for (const [d, path] of [
    [weight, 'weightIndicator'],
    [num, 'numeratorIndicator'],
    [den, 'denominatorIndicator'],
  ] as const)
    if (d && d.aggregation !== 'sum')
      throw fail(
        path,
        `"${d.code}" is not a summed indicator, so it cannot weight or form a ratio.`,
        `"${d.code}" không phải chỉ tiêu cộng dồn nên không thể làm quyền số hay thành phần của tỷ số.`,
      );
  return {
    weightId: r.aggregation === 'weighted_mean' ? (weight?.id ?? null) : null,
    numeratorId: r.aggregation === 'ratio' ? (num?.id ?? null) : null,
    denominatorId: r.aggregation === 'ratio' ? (den?.id ?? null) : null,
    ratioFactor: r.aggregation === 'ratio' ? (r.ratioFactor ?? 1) : null,
  };
}

/** Add an indicator to the catalogue (admin). */
export async function createIndicator(db: Db, userId: number | null, input: CreateIndicatorInput): Promise<Indicator> {
  const cat = await loadCatalogue(db);
  if (cat.byCode.has(input.code))
    throw new AppError(
      409,
      'indicator_exists',
      `Indicator "${input.code}" already exists.`,
      `Chỉ tiêu "${input.code}" đã có.`,
    );
  const rule = await resolveRule(db, input.code, input);
  await db.transaction(async (tx) => {
    await rawSql(tx).query(
      `insert into indicators (code, name_vi, name_en, definition_vi, definition_en, topic, unit_vi, unit_en, decimals,
         aggregation, weight_indicator_id, numerator_indicator_id, denominator_indicator_id, ratio_factor, measure,
         periodicity, min_value, max_value, min_period, max_period, source_vi, source_en, licence, sort_order)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,
         (select coalesce(max(sort_order), 0) + 1 from indicators))`,
      [
        input.code,
        normaliseText(input.nameVi),
        normaliseText(input.nameEn),
        normaliseText(input.definitionVi),
        normaliseText(input.definitionEn),
        normaliseText(input.topic),
        normaliseText(input.unitVi),
        normaliseText(input.unitEn),
        input.decimals,
        input.aggregation,
        rule.weightId,
        rule.numeratorId,
        rule.denominatorId,
        rule.ratioFactor,
        input.measure,
        input.periodicity,
        input.minValue,
        input.maxValue,
        input.minPeriod,
        input.maxPeriod,
        normaliseText(input.sourceVi),
        normaliseText(input.sourceEn),
        normaliseText(input.licence),
      ],
    );
    await recordAudit(tx, {
      userId,
      action: 'indicator_created',
      entity: 'indicator',
      entityId: input.code,
      detail: input,
    });
  });
  invalidateCatalogue(db);
  return getIndicator(db, input.code);
}

/**
 * Edit an indicator's metadata (admin) if nobody changed it since `expectedVersion` (else 412, nothing written).
 * Changing the rule of an indicator that already has data is allowed: the engine computes at query time.
 */
export async function updateIndicator(
  db: Db,
  userId: number | null,
  code: string,
  expectedVersion: number,
  input: UpdateIndicatorInput,
): Promise<Indicator> {
  const cur = await requireIndicator(db, code);
  const merged = {
    aggregation: input.aggregation ?? cur.aggregation,
    weightIndicator: input.weightIndicator !== undefined ? input.weightIndicator : cur.weightCode,
    numeratorIndicator: input.numeratorIndicator !== undefined ? input.numeratorIndicator : cur.numeratorCode,
    denominatorIndicator: input.denominatorIndicator !== undefined ? input.denominatorIndicator : cur.denominatorCode,
    ratioFactor: input.ratioFactor !== undefined ? input.ratioFactor : cur.ratioFactor,
  };
  const rule = await resolveRule(db, code, merged);
  const text = (v: string | undefined, fallback: string) => (v === undefined ? fallback : normaliseText(v));
  const pick = <T>(v: T | undefined, fallback: T) => (v === undefined ? fallback : v);
  const minValue = pick(input.minValue, cur.minValue);
  const maxValue = pick(input.maxValue, cur.maxValue);
  if (minValue !== null && maxValue !== null && minValue > maxValue)
    throw new AppError(
      422,
      'invalid_range',
      'minValue is above maxValue.',
      'Giá trị tối thiểu lớn hơn giá trị tối đa.',
      [{ path: 'body.minValue', message: 'must not exceed maxValue', messageVi: 'không được lớn hơn giá trị tối đa' }],
    );
  await db.transaction(async (tx) => {
    const n = await rawSql(tx).count(
      `update indicators set name_vi=$3, name_en=$4, definition_vi=$5, definition_en=$6, topic=$7, unit_vi=$8, unit_en=$9,
         decimals=$10, aggregation=$11, weight_indicator_id=$12, numerator_indicator_id=$13, denominator_indicator_id=$14,
         ratio_factor=$15, measure=$16, periodicity=$17, min_value=$18, max_value=$19, min_period=$20, max_period=$21,
         source_vi=$22, source_en=$23, licence=$24, version = version + 1, updated_at = now()
       where code = $1 and version = $2`,
      [
        code,
        expectedVersion,
        text(input.nameVi, cur.nameVi),
        text(input.nameEn, cur.nameEn),
        text(input.definitionVi, cur.definitionVi),
        text(input.definitionEn, cur.definitionEn),
        text(input.topic, cur.topic),
        text(input.unitVi, cur.unitVi),
        text(input.unitEn, cur.unitEn),
        pick(input.decimals, cur.decimals),
        merged.aggregation,
        rule.weightId,
        rule.numeratorId,
        rule.denominatorId,
        rule.ratioFactor,
        pick(input.measure, cur.measure),
        pick(input.periodicity, cur.periodicity),
        minValue,
        maxValue,
        pick(input.minPeriod, cur.minPeriod),
        pick(input.maxPeriod, cur.maxPeriod),
        text(input.sourceVi, cur.sourceVi),
        text(input.sourceEn, cur.sourceEn),
        text(input.licence, cur.licence),
      ],
    );
    if (n === 0) throw staleWrite();
    await recordAudit(tx, { userId, action: 'indicator_updated', entity: 'indicator', entityId: code, detail: input });
  });
  invalidateCatalogue(db);
  return getIndicator(db, code);
}

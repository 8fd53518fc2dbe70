import type { ImportError, ImportProgress, ImportResult, ObservationStatus, Role } from '@regionlink/shared';
import { foldVi, formatDateVi, normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { type IndicatorDef, loadCatalogue } from './catalogue.service';
import { type CsvRecord, FileProblem } from './csv-stream';
import { type AggRow, type CatalogueIndicatorLike, refreshDerived } from './derived';
import { geographyAt, syncStatUnits } from './geography';
import { canonicalHeader, parseGeoDate, parseNote, parsePeriod, parseStatus, parseValue } from './import-values';
import { type RawSql, rawSql } from './raw-sql';
import { invalidateSnapshot } from './snapshot';
import type { XlsxRecord } from './xlsx-read';

/**
 * Importing observations: a file (CSV or XLSX, long or wide format) is read as a stream, every row is checked (codes of
 * the chosen geography, numbers, periods, ranges, duplicates, the uploader's rights), and the valid rows are written in
 * batches inside ONE transaction that also creates the dataset's new release. Any problem, or a dry run, rolls the
 * transaction back: a failed or interrupted import changes nothing. Imports are serialised by an advisory lock, so
 * release ids grow in commit order and two overlapping uploads never interleave.
 */

export interface ImportActor {
  userId: number | null;
  /** Who, for the release and the log: a username, `cli:<user>` or `seed`. */
  label: string;
  role: Role | 'system';
  organisation: { id: number; code: string; nameVi: string; kind: string; provinceCode: string | null } | null;
}

export interface ImportOptions {
  dryRun: boolean;
  dataset?: string;
  at?: string;
  decimal?: 'dot' | 'comma';
  note?: string;
  fileName?: string | null;
  fileSha256?: () => string | null;
  fileType: 'csv' | 'xlsx';
  progressId?: string;
  /** Warnings found before the rows (ignored sheets). */
  warnings?: ImportError[];
  /** Called with progress every few thousand rows (the CLI prints it). */
  onProgress?: (p: ImportProgress) => void;
  /** The caller has just brought the geography read model up to date (the seed step). */
  skipGeographySync?: boolean;
  /** A contribution (issue 15): the checked rows become a draft release instead of being published. */
  contribution?: ContributionTarget;
  /** For a dataset created by this import: its provenance. */
  newDataset?: { titleVi?: string; titleEn?: string; publisher?: string; source?: string; licence?: string };
}

/** Where a contribution's checked rows go, and what its contributor may supply. */
export interface ContributionTarget {
  /** Indicator codes the contributor may supply (null: any). */
  indicators: Set<string> | null;
  /** Limited to the contributor's own province (and its communes and former provinces). */
  territory: boolean;
  /** Keep the staged rows (temp table `stat_stage_j`) as the draft; runs inside the import's transaction. */
  save(
    tx: Db,
    raw: RawSql,
    counts: { rowsRead: number; added: number; changed: number; unchanged: number },
  ): Promise<void>;
}

/** The common cell: digits with an optional decimal point (the fast path of value parsing). */
const SIMPLE_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
/** Rows written per COPY batch. */
const BATCH_ROWS = 50_000;
/** Detailed errors kept (all are counted). */
const MAX_ERRORS = 1000;
/** Rows whose keys are tracked in memory to find duplicates with their line numbers; beyond, SQL finds them. */
const DUP_TRACK_LIMIT = 2_000_000;
const IMPORT_LOCK = 72011;

/** Live progress of running imports, polled by the upload page (kept in memory, not in the database). */
const progressById = new Map<string, ImportProgress & { updatedAt: number }>();

/** Progress of an import started with `progressId`, or null. */
export function getImportProgress(id: string): ImportProgress | null {
  const p = progressById.get(id);
  if (!p) return null;
  const { updatedAt: _u, ...rest } = p;
  return rest;
}

function setProgress(id: string | undefined, p: ImportProgress) {
  if (!id) return;
  progressById.set(id, { ...p, updatedAt: Date.now() });
  if (progressById.size > 200)
    for (const [k, v] of progressById) if (Date.now() - v.updatedAt > 600_000) progressById.delete(k);
}

/** The import was refused: every problem found, by row and column. Nothing was written. */
export class ImportRejected extends Error {
  constructor(
    readonly status: 403 | 422,
    readonly errors: ImportError[],
    readonly errorCount: number,
    readonly rowsRead: number,
  ) {
    super(`import rejected: ${errorCount} problem(s)`);
  }
}

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

interface UnitInfo {
  code: string;
  geoDate: string;
  validTo: string | null;
  level: 'province' | 'commune';
  nameVi: string;
  parentCode: string | null;
  parentGeoDate: string | null;
  idx: number;
  /** Small number identifying (geography start date, level), for counters. */
  geoKey: number;
  /** Small number identifying the parent province (code, start date); −1 without a parent. */
  parentIdx: number;
}

interface UnitIndex {
  byCode: Map<string, UnitInfo[]>;
  byName: Map<string, UnitInfo[]>;
}

const unitIndexCache = new WeakMap<object, { hash: string; index: UnitIndex }>();
const lastSync = new WeakMap<object, number>();

/** The unit index, rebuilt only when the geography read model changed (its hash is in `stat_meta`). */
async function loadUnitIndex(db: Db): Promise<UnitIndex> {
  const [meta] = await rawSql(db).query<{ value: string }>(`select value from stat_meta where key = 'units_hash'`);
  const hit = unitIndexCache.get(db);
  if (hit && meta && hit.hash === meta.value) return hit.index;
  const index = await readUnitIndex(db);
  if (meta) unitIndexCache.set(db, { hash: meta.value, index });
  return index;
}

async function readUnitIndex(db: Db): Promise<UnitIndex> {
  const rows = await rawSql(db).query<{
    code: string;
    geo_date: string;
    valid_to: string | null;
    level: 'province' | 'commune';
    name_vi: string;
    parent_code: string | null;
    parent_geo_date: string | null;
  }>(
    `select code, to_char(geo_date, 'YYYY-MM-DD') as geo_date, to_char(valid_to, 'YYYY-MM-DD') as valid_to, level,
            name_vi, parent_code, to_char(parent_geo_date, 'YYYY-MM-DD') as parent_geo_date
     from stat_units order by level, code, geo_date`,
  );
  const byCode = new Map<string, UnitInfo[]>();
  const byName = new Map<string, UnitInfo[]>();
  const geoKeys = new Map<string, number>();
  const parents = new Map<string, number>();
  rows.forEach((r, idx) => {
    const pkey = r.parent_code ? `${r.parent_code}|${r.parent_geo_date}` : null;
    if (pkey && !parents.has(pkey)) parents.set(pkey, parents.size);
    const gk = `${r.geo_date}|${r.level}`;
    if (!geoKeys.has(gk)) geoKeys.set(gk, geoKeys.size);
    const u: UnitInfo = {
      code: r.code,
      geoDate: r.geo_date,
      validTo: r.valid_to,
      level: r.level,
      nameVi: r.name_vi,
      parentCode: r.parent_code,
      parentGeoDate: r.parent_geo_date,
      idx,
      geoKey: geoKeys.get(gk) as number,
      parentIdx: pkey ? (parents.get(pkey) as number) : -1,
    };
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), u]);
    const n = foldVi(r.name_vi);
    byName.set(n, [...(byName.get(n) ?? []), u]);
  });
  return { byCode, byName };
}

const inForce = (u: UnitInfo, day: string) => u.geoDate <= day && (u.validTo === null || u.validTo >= day);
const levelOfCode = (code: string) => (code.length === 2 ? 'province' : code.length === 5 ? 'commune' : null);

/** Quote a CSV field for COPY (`format csv`). */
const csvQ = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

interface Header {
  format: 'long' | 'wide';
  col: Record<string, number>;
  years: { idx: number; year: number; name: string }[];
  names: string[];
}

function readHeader(rec: CsvRecord): { header?: Header; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const col: Record<string, number> = {};
  const years: Header['years'] = [];
  const unknown: string[] = [];
  rec.fields.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const c = canonicalHeader(name);
    if (c === null) {
      unknown.push(name);
      return;
    }
    if (/^\d{4}$/.test(c)) {
      if (years.some((y) => y.year === Number(c)))
        errors.push(
          fileError('duplicate_column', `Column "${name}" appears twice.`, `Cột "${name}" xuất hiện hai lần.`, 1, name),
        );
      else years.push({ idx: i, year: Number(c), name });
      return;
    }
    if (c in col)
      errors.push(
        fileError(
          'duplicate_column',
          `Column "${name}" appears twice (column names are compared without case and accents).`,
          `Cột "${name}" xuất hiện hai lần (tên cột được so sánh không phân biệt hoa thường và dấu).`,
          1,
          name,
        ),
      );
    else col[c] = i;
  });
  if (unknown.length)
    errors.push(
      fileError(
        'unknown_column',
        `Unknown column(s): ${unknown.join(', ')}. Accepted: indicator, unitCode, period, value, date, status, note, name, or one column per year.`,
        `Cột không nhận ra: ${unknown.join(', ')}. Các cột được nhận: indicator, unitCode, period, value, date, status, note, name, hoặc mỗi năm một cột.`,
        1,
        unknown[0],
      ),
    );
  const wide = years.length > 0;
  if (wide && ('period' in col || 'value' in col))
    errors.push(
      fileError(
        'mixed_format',
        'The header has both year columns and period/value columns: use the long format (indicator, unitCode, period, value) or the wide format (indicator, unitCode, one column per year), not both.',
        'Dòng tiêu đề vừa có cột năm vừa có cột period/value: hãy dùng dạng dọc (indicator, unitCode, period, value) hoặc dạng ngang (indicator, unitCode, mỗi năm một cột), không dùng cả hai.',
        1,
        null,
      ),
    );
  const required = wide ? ['indicator', 'unitCode'] : ['indicator', 'unitCode', 'period', 'value'];
  const missing = required.filter((r) => !(r in col));
  if (missing.length)
    errors.push(
      fileError(
        'missing_column',
        `Missing column(s): ${missing.join(', ')}. The first row must be the header, e.g. indicator,unitCode,period,value.`,
        `Thiếu cột: ${missing.join(', ')}. Dòng đầu tiên phải là tiêu đề, ví dụ indicator,unitCode,period,value.`,
        1,
        null,
      ),
    );
  if (errors.length) return { errors };
  return { header: { format: wide ? 'wide' : 'long', col, years, names: rec.fields.map((f) => f.trim()) }, errors };
}

function fileError(code: string, message: string, messageVi: string, row: number, column: string | null): ImportError {
  return { row, column, value: null, code, message, messageVi };
}

const CELL_PROBLEM_TEXT: Record<string, [string, string]> = {
  formula_without_value: [
    'The cell is a formula without a saved result; open the file in Excel, recalculate and save, or paste values.',
    'Ô chứa công thức nhưng không có kết quả đã lưu; hãy mở tệp bằng Excel, tính lại và lưu, hoặc dán giá trị.',
  ],
  cell_error: ['The cell holds an Excel error (#N/A, #VALUE!…).', 'Ô chứa lỗi của Excel (#N/A, #VALUE!…).'],
  date_cell: [
    'The cell is a date; write the year as a number (2024).',
    'Ô có định dạng ngày; hãy ghi năm dưới dạng số (2024).',
  ],
};

/** Where a dataset is chosen or created, with the rights checked. */
async function resolveDataset(
  db: Db,
  actor: ImportActor,
  opts: ImportOptions,
): Promise<{
  id: number | null;
  code: string;
  create?: { titleVi: string; titleEn: string; publisher: string; source?: string; licence?: string };
}> {
  const raw = rawSql(db);
  const orgCode = actor.organisation?.code ?? 'cli';
  const defaultCode = `uploads-${orgCode.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const code = opts.dataset ?? defaultCode;
  const [ds] = await raw.query<{ id: number; owner_organisation_id: number | null }>(
    'select id, owner_organisation_id from datasets where code = $1',
    [code],
  );
  if (ds && opts.contribution) return { id: ds.id, code };
  if (ds) {
    if (actor.role !== 'admin' && actor.role !== 'system' && ds.owner_organisation_id !== actor.organisation?.id)
      throw new AppError(
        403,
        'dataset_not_yours',
        `Dataset "${code}" belongs to another organisation; upload into your organisation's own dataset.`,
        `Bộ dữ liệu "${code}" thuộc cơ quan khác; hãy tải lên bộ dữ liệu của cơ quan mình.`,
      );
    return { id: ds.id, code };
  }
  const privileged = actor.role === 'admin' || actor.role === 'system';
  if (opts.dataset && opts.dataset !== defaultCode) {
    if (!privileged)
      throw new AppError(
        404,
        'dataset_not_found',
        `Dataset "${code}" does not exist.`,
        `Không có bộ dữ liệu "${code}".`,
      );
    // An administrator starts a new dataset with the provenance given alongside the file.
    return {
      id: null,
      code,
      create: {
        titleVi: normaliseText(opts.newDataset?.titleVi ?? code),
        titleEn: normaliseText(opts.newDataset?.titleEn ?? opts.newDataset?.titleVi ?? code),
        publisher: normaliseText(opts.newDataset?.publisher ?? actor.organisation?.nameVi ?? 'Bộ Tài chính'),
        source: normaliseText(opts.newDataset?.source ?? ''),
        licence: normaliseText(opts.newDataset?.licence ?? ''),
      },
    };
  }
  const orgName = actor.organisation?.nameVi ?? 'Dòng lệnh (CLI)';
  return {
    id: null,
    code,
    create: {
      titleVi: `Số liệu do ${orgName} cập nhật`,
      titleEn: `Figures uploaded by ${actor.organisation?.code ?? 'the command line'}`,
      publisher: orgName,
    },
  };
}

/** The unit keys (`code|geoDate`) a province reporter may write: their province, its communes, its former provinces. */
async function allowedUnits(
  db: Db,
  actor: ImportActor,
  units: UnitIndex,
  contribution?: ContributionTarget,
): Promise<Set<string> | null> {
  if (actor.role === 'admin' || actor.role === 'system') return null;
  if (contribution && !contribution.territory) return null;
  const province = actor.organisation?.kind === 'province' ? actor.organisation.provinceCode : null;
  if (actor.role !== 'reporter' || !province)
    throw new AppError(
      403,
      'import_forbidden',
      'Only administrators and provincial reporters may import statistics.',
      'Chỉ quản trị viên và cán bộ báo cáo của tỉnh, thành phố được nhập số liệu thống kê.',
    );
  const geo = await geographyAt(db, todayVn());
  const allowed = new Set<string>();
  for (const m of geo.mapRows) if (m.target === province) allowed.add(`${m.srcCode}|${m.srcDate}`);
  for (const list of units.byCode.values())
    for (const u of list)
      if (u.level === 'commune' && u.parentCode && allowed.has(`${u.parentCode}|${u.parentGeoDate}`))
        allowed.add(`${u.code}|${u.geoDate}`);
  return allowed;
}

/**
 * Import a file's rows (already split into records; the first record is the header) as a new release of a dataset.
 * Returns the counts of a committed import or of a dry run; throws `ImportRejected` (nothing written) with every
 * problem found, or an AppError for refusals that concern the whole request (rights, unknown dataset).
 */
export async function importObservations(
  db: Db,
  actor: ImportActor,
  records: AsyncIterable<(CsvRecord | XlsxRecord)[]>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  let phaseAt = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round((phases[name] ?? 0) + now - phaseAt);
    phaseAt = now;
  };
  const decimal = opts.decimal ?? 'dot';
  const progress: ImportProgress = { phase: 'reading', rowsRead: 0, rowsValid: 0, rowsWritten: 0, errors: 0 };
  const tick = () => {
    setProgress(opts.progressId, progress);
    opts.onProgress?.({ ...progress });
  };
  tick();
  const errors: ImportError[] = [];
  let errorCount = 0;
  let permissionErrors = 0;
  let rowsRead = 0;
  const addError = (e: ImportError) => {
    errorCount++;
    progress.errors = errorCount;
    if (e.code === 'not_your_province' || e.code === 'not_your_sector') permissionErrors++;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };

  try {
    // Everything that can be refused before reading the file is refused before reading it.
    const catalogue = await loadCatalogue(db);
    if (!opts.skipGeographySync && Date.now() - (lastSync.get(db) ?? 0) > 60_000) {
      await syncStatUnits(db);
      lastSync.set(db, Date.now());
    }
    const units = await loadUnitIndex(db);
    const allowed = await allowedUnits(db, actor, units, opts.contribution);
    const dataset = await resolveDataset(db, actor, opts);

    const result = await db.transaction(async (tx) => {
      const raw = rawSql(tx);
      await raw.query(`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      let datasetId = dataset.id;
      if (datasetId === null && dataset.create) {
        const [row] = await raw.query<{ id: number }>(
          `insert into datasets (code, title_vi, title_en, publisher, original_source, licence, owner_organisation_id)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [
            dataset.code,
            dataset.create.titleVi,
            dataset.create.titleEn,
            dataset.create.publisher,
            dataset.create.source || 'Tải lên qua RegionLink',
            dataset.create.licence ?? '',
            actor.organisation?.id ?? null,
          ],
        );
        datasetId = row.id;
      }
      const [rel] = opts.contribution
        ? [{ id: 0, number: 0 }]
        : await raw.query<{ id: number; number: number }>(
            `insert into releases (dataset_id, number, note_vi, file_name, imported_by, importer_label)
         values ($1, (select coalesce(max(number), 0) + 1 from releases where dataset_id = $1), $2, $3, $4, $5)
         returning id, number`,
            [datasetId, normaliseText(opts.note ?? ''), opts.fileName ?? null, actor.userId, actor.label],
          );
      const releaseId = rel.id;
      const [{ empty }] = await raw.query<{ empty: boolean }>(
        'select not exists (select 1 from observations) as empty',
      );
      const bulk = empty && !opts.contribution;
      if (bulk) {
        // First load into an empty table: write without indexes, build them once at the end (as a bare COPY would).
        await raw.query('alter table observations drop constraint observations_pkey');
        await raw.query('drop index observations_indicator_period_idx');
      } else {
        await raw.query('drop table if exists stat_stage');
        await raw.query(
          `create temp table stat_stage (line integer, indicator_id integer, unit_code text, geo_date date,
             period integer, value double precision, status text, note text) on commit drop`,
        );
      }

      let header: Header | undefined;
      let headerDone = false;
      let buffer: string[] = [];
      let written = 0;
      // Per indicator: (period, unit) → first row, with small-integer keys (fast Map paths, little garbage).
      const seen = new Map<number, Map<number, number>>();
      let seenSize = 0;
      let trackDups = true;
      const indicatorsSeen = new Set<string>();
      const periodsSeen = new Set<number>();
      const unitsSeen = new Set<number>();
      const pairs = new Map<number, { ind: number; period: number }>();
      // Bulk loads count observations per (indicator, period, unit geography) here instead of re-reading them.
      const periodCounts = new Map<number, { ind: number; period: number; unit: UnitInfo; n: number }>();
      // Bulk loads also sum the province pre-aggregate here. Weighted means need the weight of the same commune and
      // year; when a weighted value arrives before its weight, that indicator is summed in SQL afterwards instead.
      const aggAcc = new Map<number, AggRow>();
      const weightIds = new Set(
        [...catalogue.byId.values()].map((d) => d.weightId).filter((x): x is number => x !== null),
      );
      const weightValues = new Map<number, Map<number, number>>();
      const aggBySql = new Set<number>();
      const preview: ImportResult['preview'] = [];
      const currentYear = Number(todayVn().slice(0, 4));
      const periodMemo = new Map<string, ReturnType<typeof parsePeriod>>();
      const unitMemo = new Map<string, Map<string, UnitInfo>>();
      const days = new Map<number, string>();
      const endOfYear = (y: number) => {
        let d = days.get(y);
        if (!d) {
          d = `${y}-12-31`;
          days.set(y, d);
        }
        return d;
      };

      // One COPY batch may be in flight while the next batch is read and checked: on PostgreSQL the server writes
      // while Node parses. Anything else on the connection waits for it (`drain`).
      let inFlight: Promise<void> | null = null;
      const drain = async () => {
        if (inFlight) {
          const p = inFlight;
          inFlight = null;
          await p;
        }
      };
      const flush = async () => {
        if (buffer.length === 0) return;
        const csv = buffer.join('\n');
        buffer = [];
        await drain();
        const p = bulk
          ? raw.copyInCsv(
              'observations',
              ['indicator_id', 'unit_code', 'geo_date', 'period', 'value', 'status', 'release_id', 'note'],
              csv,
            )
          : raw.copyInCsv(
              'stat_stage',
              ['line', 'indicator_id', 'unit_code', 'geo_date', 'period', 'value', 'status', 'note'],
              csv,
            );
        p.catch(() => undefined);
        inFlight = p;
        progress.phase = 'writing';
        progress.rowsWritten = written;
        tick();
      };

      const accept = (
        line: number,
        ind: IndicatorDef,
        unit: UnitInfo,
        period: number,
        value: number,
        status: ObservationStatus,
        note: string | null,
        column: string,
      ) => {
        if (trackDups) {
          const key = (period - 1900) * 131_072 + unit.idx;
          let perInd = seen.get(ind.id);
          if (!perInd) {
            perInd = new Map();
            seen.set(ind.id, perInd);
          }
          const prev = perInd.get(key);
          if (prev !== undefined) {
            addError({
              row: line,
              column,
              value: `${ind.code} ${unit.code} ${period}`,
              code: 'duplicate_row',
              message: `Duplicate: ${ind.code}, unit ${unit.code}, ${period} is already given in row ${prev}.`,
              messageVi: `Trùng lặp: ${ind.code}, đơn vị ${unit.code}, năm ${period} đã có ở dòng ${prev}.`,
            });
            return;
          }
          perInd.set(key, line);
          if (++seenSize > DUP_TRACK_LIMIT) {
            trackDups = false;
            seen.clear();
          }
        }
        progress.rowsValid++;
        if (errorCount > 0) return; // the import will be refused: keep checking, stop writing
        indicatorsSeen.add(ind.code);
        periodsSeen.add(period);
        unitsSeen.add(unit.idx);
        const pk = ind.id * 1000 + (period - 1900);
        if (!pairs.has(pk)) pairs.set(pk, { ind: ind.id, period });
        if (bulk) {
          // Units of one geography and level share the counter of their first unit (geoKey).
          const k = pk * 64 + unit.geoKey;
          const c = periodCounts.get(k);
          if (c) c.n++;
          else periodCounts.set(k, { ind: ind.id, period, unit, n: 1 });
          if (unit.level === 'commune' && unit.parentIdx >= 0) {
            const uk = (period - 1900) * 131_072 + unit.idx;
            if (weightIds.has(ind.id)) {
              let wv = weightValues.get(ind.id);
              if (!wv) {
                wv = new Map();
                weightValues.set(ind.id, wv);
              }
              wv.set(uk, value);
            }
            const ak = pk * 512 + unit.parentIdx;
            let a = aggAcc.get(ak);
            if (!a) {
              a = {
                ind: ind.id,
                period,
                province: unit.parentCode as string,
                geoDate: unit.parentGeoDate as string,
                n: 0,
                sv: 0,
                svw: null,
                sw: null,
                nw: 0,
                np: 0,
                release: releaseId,
              };
              aggAcc.set(ak, a);
            }
            a.n++;
            a.sv += value;
            if (status === 'provisional') a.np++;
            if (ind.weightId !== null && !aggBySql.has(ind.id)) {
              const w = weightValues.get(ind.weightId)?.get(uk);
              if (w === undefined) aggBySql.add(ind.id);
              else {
                a.svw = (a.svw ?? 0) + value * w;
                a.sw = (a.sw ?? 0) + w;
                a.nw++;
              }
            }
          }
        }
        const noteCsv = note === null ? '' : csvQ(note);
        buffer.push(
          bulk
            ? `${ind.id},${unit.code},${unit.geoDate},${period},${value},${status},${releaseId},${noteCsv}`
            : `${line},${ind.id},${unit.code},${unit.geoDate},${period},${value},${status},${noteCsv}`,
        );
        written++;
        if (bulk && preview.length < 50)
          preview.push({
            row: line,
            indicator: ind.code,
            unitCode: unit.code,
            unitName: unit.nameVi,
            geoDate: unit.geoDate,
            period,
            value,
            before: null,
            status,
          });
      };

      /** Check one observation (a long row, or one year cell of a wide row). */
      const checkObservation = (
        rec: CsvRecord | XlsxRecord,
        h: Header,
        rawPeriod: string,
        rawValue: string,
        periodColumn: string,
        valueColumn: string,
        valueIdx: number,
        common: { ind?: IndicatorDef; unit?: UnitInfo; status: ObservationStatus; note: string | null; rowOk: boolean },
      ) => {
        const line = rec.row;
        const problems = (rec as XlsxRecord).cellProblems;
        let ok = common.rowOk;
        let period = 0;
        // Years repeat: parse each distinct text once.
        let p = periodMemo.get(rawPeriod);
        if (!p) {
          p = parsePeriod(rawPeriod);
          if (periodMemo.size < 1000) periodMemo.set(rawPeriod, p);
        }
        if (!p.ok) {
          addError({ row: line, column: periodColumn, value: rawPeriod, ...p.problem });
          ok = false;
        } else period = p.value;
        let value = 0;
        const cellProblem = problems?.get(valueIdx);
        if (cellProblem) {
          const [en, vi] = CELL_PROBLEM_TEXT[cellProblem] ?? ['Unreadable cell.', 'Ô không đọc được.'];
          addError({ row: line, column: valueColumn, value: null, code: cellProblem, message: en, messageVi: vi });
          ok = false;
        } else if (decimal === 'dot' && SIMPLE_NUMBER.test(rawValue)) value = Number(rawValue) + 0;
        else {
          const v = parseValue(rawValue, decimal);
          if (!v.ok) {
            addError({ row: line, column: valueColumn, value: rawValue, ...v.problem });
            ok = false;
          } else value = v.value;
        }
        const ind = common.ind;
        if (ind && p.ok) {
          const min = ind.minPeriod ?? 1900;
          const max = ind.maxPeriod ?? currentYear;
          if (period < min || period > max) {
            addError({
              row: line,
              column: periodColumn,
              value: rawPeriod,
              code: 'period_out_of_range',
              message: `${period} is outside the periods of "${ind.code}" (${min}–${max}).`,
              messageVi: `Năm ${period} nằm ngoài khoảng thời gian của chỉ tiêu "${ind.code}" (${min}–${max}).`,
            });
            ok = false;
          }
        }
        if (ind && ok) {
          if (ind.minValue !== null && value < ind.minValue) {
            addError({
              row: line,
              column: valueColumn,
              value: rawValue,
              code: 'below_minimum',
              message: `${value} is below the smallest possible value of "${ind.code}" (${ind.minValue}${ind.minValue === 0 ? ': it cannot be negative' : ''}).`,
              messageVi: `${value} nhỏ hơn giá trị nhỏ nhất có thể của "${ind.code}" (${ind.minValue}${ind.minValue === 0 ? ': không thể âm' : ''}).`,
            });
            ok = false;
          } else if (ind.maxValue !== null && value > ind.maxValue) {
            addError({
              row: line,
              column: valueColumn,
              value: rawValue,
              code: 'above_maximum',
              message: `${value} is above the largest possible value of "${ind.code}" (${ind.maxValue}).`,
              messageVi: `${value} lớn hơn giá trị lớn nhất có thể của "${ind.code}" (${ind.maxValue}).`,
            });
            ok = false;
          }
        }
        // The unit depends on the period when no geography date is given: resolve it here.
        let unit = common.unit;
        if (ok && ind && !unit) unit = resolveUnit(rec, h, period);
        if (ok && ind && unit) accept(line, ind, unit, period, value, common.status, common.note, valueColumn);
      };

      /** Find the unit of a row in the geography of its date; report unknown codes, names and lost zeros. */
      const resolveUnit = (rec: CsvRecord, h: Header, period: number | null): UnitInfo | undefined => {
        const line = rec.row;
        const codeCol = h.names[h.col.unitCode];
        const rawCode = (rec.fields[h.col.unitCode] ?? '').trim();
        const dateIdx = h.col.date;
        const rawDate = dateIdx === undefined ? '' : (rec.fields[dateIdx] ?? '').trim();
        let day: string;
        if (rawDate) {
          const d = parseGeoDate(rawDate);
          if (!d.ok) {
            addError({ row: line, column: h.names[dateIdx], value: rawDate, ...d.problem });
            return undefined;
          }
          day = d.value;
        } else if (opts.at) day = opts.at;
        else if (period !== null) day = endOfYear(period);
        else return undefined;
        const level = levelOfCode(rawCode);
        const candidates = units.byCode.get(rawCode) ?? [];
        // The unit of a code on a day: memoised, because files repeat both.
        let byDay = unitMemo.get(rawCode);
        let unit = byDay?.get(day);
        if (unit === undefined) {
          unit = level ? candidates.find((u) => u.level === level && inForce(u, day)) : undefined;
          if (unit && unitMemo.size < 50_000) {
            if (!byDay) {
              byDay = new Map();
              unitMemo.set(rawCode, byDay);
            }
            byDay.set(day, unit);
          }
        }
        if (!unit && level && !rawDate && !opts.at) {
          // A year before the earliest geography the code belongs to (the 63 provinces began on 2008-08-01): such
          // series are published under the earliest codes, so they are recorded in that geography.
          const sameLevel = candidates
            .filter((u) => u.level === level)
            .sort((a, b) => a.geoDate.localeCompare(b.geoDate));
          if (sameLevel.length && day < sameLevel[0].geoDate) unit = sameLevel[0];
        }
        if (unit) {
          if (allowed && !allowed.has(`${unit.code}|${unit.geoDate}`)) {
            addError({
              row: line,
              column: codeCol,
              value: rawCode,
              code: 'not_your_province',
              message: `Unit ${rawCode} (${unit.nameVi}) is not in your province; you may import only your province's figures and those of its communes.`,
              messageVi: `Đơn vị ${rawCode} (${unit.nameVi}) không thuộc tỉnh của bạn; bạn chỉ được nhập số liệu của tỉnh mình và các xã, phường của tỉnh.`,
            });
            return undefined;
          }
          return unit;
        }
        if (rawCode === '') {
          addError({
            row: line,
            column: codeCol,
            value: '',
            code: 'empty_code',
            message: 'The unit code is empty.',
            messageVi: 'Mã đơn vị để trống.',
          });
          return undefined;
        }
        if (/^\d+$/.test(rawCode) && (rawCode.length === 1 || rawCode.length === 3 || rawCode.length === 4)) {
          const padded = rawCode.padStart(rawCode.length === 1 ? 2 : 5, '0');
          addError({
            row: line,
            column: codeCol,
            value: rawCode,
            code: 'leading_zero',
            message: `"${rawCode}" looks like a code that lost its leading zero (${padded}?). Format the column as text so codes keep their zeros.`,
            messageVi: `"${rawCode}" có vẻ là mã bị mất số 0 ở đầu (${padded}?). Hãy định dạng cột là văn bản để giữ số 0 đầu mã.`,
          });
          return undefined;
        }
        if (/\p{L}/u.test(rawCode)) {
          const folded = foldVi(normaliseText(rawCode)).replace(/^(tinh|thanh pho|tp\.?|xa|phuong)\s+/, '');
          const byName = (units.byName.get(folded) ?? []).filter((u) => inForce(u, day));
          addError({
            row: line,
            column: codeCol,
            value: rawCode,
            code: 'name_not_code',
            message: byName.length
              ? `"${rawCode}" is a name; use the code ${byName.map((u) => u.code).join(' or ')}. Figures are matched on codes, never on names.`
              : `"${rawCode}" is not a code; unit codes are digits (e.g. 01 for Hà Nội).`,
            messageVi: byName.length
              ? `"${rawCode}" là tên; hãy dùng mã ${byName.map((u) => u.code).join(' hoặc ')}. Số liệu được ghép theo mã, không theo tên.`
              : `"${rawCode}" không phải là mã; mã đơn vị là chữ số (ví dụ 01 là Hà Nội).`,
          });
          return undefined;
        }
        const elsewhere = candidates.filter((u) => !inForce(u, day));
        const where = elsewhere
          .map((u) => `${u.nameVi} ${formatDateVi(u.geoDate)}–${u.validTo ? formatDateVi(u.validTo) : ''}`)
          .join('; ');
        addError({
          row: line,
          column: codeCol,
          value: rawCode,
          code: 'unknown_code',
          message: elsewhere.length
            ? `Code ${rawCode} is not a unit of the geography in force on ${formatDateVi(day)} (it exists as: ${where}). Add a "date" column, or choose the geography of your figures.`
            : `Code ${rawCode} is not a province (2 digits) or commune (5 digits) code.`,
          messageVi: elsewhere.length
            ? `Mã ${rawCode} không thuộc địa giới có hiệu lực ngày ${formatDateVi(day)} (mã này tồn tại: ${where}). Hãy thêm cột "date" hoặc chọn địa giới của số liệu.`
            : `Mã ${rawCode} không phải mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số).`,
        });
        return undefined;
      };

      const checkRecord = (rec: CsvRecord | XlsxRecord, h: Header) => {
        const line = rec.row;
        const f = rec.fields;
        const indCol = h.names[h.col.indicator];
        const rawInd = (f[h.col.indicator] ?? '').trim();
        const ind = catalogue.byCode.get(rawInd) ?? catalogue.byCode.get(rawInd.toLowerCase());
        let rowOk = true;
        if (!ind) {
          addError({
            row: line,
            column: indCol,
            value: rawInd,
            code: 'unknown_indicator',
            message: rawInd
              ? `Indicator "${rawInd}" is not in the catalogue (see GET /api/v1/indicators for the codes).`
              : 'The indicator code is empty.',
            messageVi: rawInd
              ? `Chỉ tiêu "${rawInd}" không có trong danh mục (xem mã chỉ tiêu tại GET /api/v1/indicators).`
              : 'Mã chỉ tiêu để trống.',
          });
          rowOk = false;
        } else if (opts.contribution?.indicators && !opts.contribution.indicators.has(ind.code)) {
          addError({
            row: line,
            column: indCol,
            value: rawInd,
            code: 'not_your_sector',
            message: `Your organisation may not contribute "${ind.code}" to this dataset (its indicators: ${[...opts.contribution.indicators].join(', ')}).`,
            messageVi: `Cơ quan của bạn không được cung cấp chỉ tiêu "${ind.code}" cho bộ dữ liệu này (các chỉ tiêu được giao: ${[...opts.contribution.indicators].join(', ')}).`,
          });
          rowOk = false;
        }
        // More cells than header columns: usually an unquoted decimal comma (12,5 read as 12 and 5). Never drop them.
        if (f.length > h.names.length && f.slice(h.names.length).some((x) => x.trim() !== '')) {
          addError({
            row: line,
            column: null,
            value: f.slice(h.names.length).join(' | ').slice(0, 100),
            code: 'too_many_values',
            message: `Row ${line} has ${f.length} cells but the header has ${h.names.length} columns (an unquoted decimal comma?). Quote the value or fix the header.`,
            messageVi: `Dòng ${line} có ${f.length} ô nhưng dòng tiêu đề chỉ có ${h.names.length} cột (có thể do dấu phẩy thập phân không đặt trong ngoặc kép). Hãy đặt giá trị trong ngoặc kép hoặc sửa dòng tiêu đề.`,
          });
          rowOk = false;
        }
        let status: ObservationStatus = 'final';
        if (h.col.status !== undefined) {
          const s = parseStatus(f[h.col.status] ?? '');
          if (!s.ok) {
            addError({ row: line, column: h.names[h.col.status], value: f[h.col.status], ...s.problem });
            rowOk = false;
          } else status = s.value;
        }
        let note: string | null = null;
        if (h.col.note !== undefined) {
          const nt = parseNote(f[h.col.note] ?? '');
          if (!nt.ok) {
            addError({
              row: line,
              column: h.names[h.col.note],
              value: (f[h.col.note] ?? '').slice(0, 60),
              ...nt.problem,
            });
            rowOk = false;
          } else note = nt.value;
        }
        // With an explicit date (column or `at`), the unit does not depend on the period: resolve it once per row.
        const hasDate = (h.col.date !== undefined && (f[h.col.date] ?? '').trim() !== '') || !!opts.at;
        const unit = hasDate ? resolveUnit(rec, h, null) : undefined;
        if (hasDate && !unit) rowOk = false;
        const common = { ind, unit, status, note, rowOk };
        if (h.format === 'long') {
          checkObservation(
            rec,
            h,
            f[h.col.period] ?? '',
            f[h.col.value] ?? '',
            h.names[h.col.period],
            h.names[h.col.value],
            h.col.value,
            common,
          );
        } else {
          for (const y of h.years) {
            const cell = f[y.idx] ?? '';
            if (cell.trim() === '' && !(rec as XlsxRecord).cellProblems?.has(y.idx)) continue;
            checkObservation(rec, h, String(y.year), cell, y.name, y.name, y.idx, common);
          }
        }
      };

      for await (const batch of records) {
        for (const rec of batch) {
          if (!headerDone) {
            const r = readHeader(rec);
            headerDone = true;
            if (!r.header) {
              for (const e of r.errors) addError(e);
              throw new ImportRejected(422, errors, errorCount, 0);
            }
            header = r.header;
            continue;
          }
          rowsRead++;
          progress.rowsRead = rowsRead;
          checkRecord(rec, header as Header);
          if (buffer.length >= BATCH_ROWS) await flush();
          // Let other requests in every few thousand rows: a chunk of the file is otherwise checked in one go, and
          // on a busy 2-core machine that held the event loop for up to 1.7 s at a time.
          else if ((rowsRead & 4095) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (rowsRead % 20_000 < batch.length) tick();
      }
      if (!headerDone) addError(fileError('empty_file', 'The file is empty.', 'Tệp không có nội dung.', 0, null));
      else if (rowsRead === 0)
        addError(
          fileError(
            'no_rows',
            'The file has a header but no data rows.',
            'Tệp chỉ có dòng tiêu đề, không có dòng số liệu.',
            0,
            null,
          ),
        );
      progress.phase = 'checking';
      tick();
      await drain();
      if (errorCount > 0) throw new ImportRejected(permissionErrors > 0 ? 403 : 422, errors, errorCount, rowsRead);
      await flush();
      await drain();
      phase('read_check_write');

      // Merge into the current values, keeping the replaced ones as revisions of the earlier releases.
      let added = 0;
      let changed = 0;
      let unchanged = 0;
      if (bulk) {
        const dup = await buildIndexesOrReportDuplicates(raw);
        if (dup.length) throw new ImportRejected(422, dup, dup.length, rowsRead);
        added = written;
        phase('index');
      } else {
        if (!trackDups) {
          const dup = await stageDuplicates(raw);
          if (dup.length) throw new ImportRejected(422, dup, dup.length, rowsRead);
        }
        await raw.query('analyze stat_stage');
        await raw.query('drop table if exists stat_stage_j');
        await raw.query(
          `create temp table stat_stage_j on commit drop as
           select s.*, o.value as old_value, o.status as old_status, o.note as old_note, o.release_id as old_release,
                  (o.indicator_id is not null) as existed,
                  (o.indicator_id is not null and (o.value <> s.value or o.status <> s.status
                     or o.note is distinct from s.note)) as differs
           from stat_stage s left join observations o
             on o.indicator_id = s.indicator_id and o.unit_code = s.unit_code and o.geo_date = s.geo_date
            and o.period = s.period`,
        );
        await raw.query('analyze stat_stage_j');
        const [c] = await raw.query<{ added: number; changed: number; unchanged: number }>(
          `select count(*) filter (where not existed)::int as added, count(*) filter (where differs)::int as changed,
                  count(*) filter (where existed and not differs)::int as unchanged from stat_stage_j`,
        );
        ({ added, changed, unchanged } = c);
        if (opts.contribution) {
          if (opts.dryRun)
            throw new DryRunDone(
              contributionResult(opts, dataset.code, header, rowsRead, written, c, indicatorsSeen, periodsSeen),
            );
          await opts.contribution.save(tx, raw, { rowsRead, ...c });
          return contributionResult(opts, dataset.code, header, rowsRead, written, c, indicatorsSeen, periodsSeen);
        }
        if (changed > 0) {
          await raw.query(
            `insert into observation_revisions (indicator_id, unit_code, geo_date, period, value, status, release_id,
               superseded_by, note)
             select indicator_id, unit_code, geo_date, period, old_value, old_status, old_release, $1, old_note
             from stat_stage_j where differs`,
            [releaseId],
          );
          await raw.query(
            `update observations o set value = j.value, status = j.status, note = j.note, release_id = $1
             from stat_stage_j j
             where j.differs and o.indicator_id = j.indicator_id and o.unit_code = j.unit_code
               and o.geo_date = j.geo_date and o.period = j.period`,
            [releaseId],
          );
        }
        if (added > 0)
          await raw.query(
            `insert into observations (indicator_id, unit_code, geo_date, period, value, status, release_id, note)
             select indicator_id, unit_code, geo_date, period, value, status, $1, note from stat_stage_j where not existed`,
            [releaseId],
          );
        const rows = await raw.query<{
          line: number;
          indicator_id: number;
          unit_code: string;
          geo_date: string;
          period: number;
          value: number;
          old_value: number | null;
          status: ObservationStatus;
        }>(
          `select line, indicator_id, unit_code, to_char(geo_date, 'YYYY-MM-DD') as geo_date, period, value, old_value,
                  status from stat_stage_j where not existed or differs order by line limit 50`,
        );
        for (const r of rows)
          preview.push({
            row: r.line,
            indicator: catalogue.byId.get(r.indicator_id)?.code ?? String(r.indicator_id),
            unitCode: r.unit_code,
            unitName: units.byCode.get(r.unit_code)?.find((u) => u.geoDate === r.geo_date)?.nameVi ?? r.unit_code,
            geoDate: r.geo_date,
            period: r.period,
            value: r.value,
            before: r.old_value,
            status: r.status,
          });
      }

      if (!bulk) phase('merge');
      progress.phase = 'refreshing';
      progress.rowsWritten = written;
      tick();
      const defs: CatalogueIndicatorLike[] = [...catalogue.byId.values()].map((d) => ({
        id: d.id,
        weightId: d.weightId,
      }));
      const counts = bulk
        ? [...periodCounts.values()].map((c) => ({
            ind: c.ind,
            period: c.period,
            geoDate: c.unit.geoDate,
            level: c.unit.level,
            n: c.n,
          }))
        : undefined;
      // Unchanged values change nothing derived: refresh only the pairs of added or changed rows.
      if (!bulk && added === 0 && changed === 0) pairs.clear();
      const agg = bulk
        ? { rows: [...aggAcc.values()].filter((a) => !aggBySql.has(a.ind)), sqlFor: [...aggBySql] }
        : undefined;
      await refreshDerived(tx, [...pairs.values()], defs, {
        full: bulk,
        counts,
        agg,
        countsUnchanged: !bulk && added === 0,
      });
      phase('refresh');
      // PGlite has no autovacuum and PostgreSQL's may lag: refresh planner statistics when the table changed a lot.
      const [{ tuples }] = await raw.query<{ tuples: number }>(
        `select reltuples::float8 as tuples from pg_class where relname = 'observations' and relkind = 'r'`,
      );
      if (bulk || written > 0.1 * Math.max(0, tuples) || tuples < 10_000) await raw.query('analyze observations');
      if (pairs.size > 0) await raw.query('analyze stat_province_agg');
      phase('analyze');

      const periodList = [...periodsSeen].sort((a, b) => a - b);
      await raw.query(
        `update releases set rows_in_file = $2, added = $3, changed = $4, unchanged = $5, indicators = $6::text[],
           period_from = $7, period_to = $8 where id = $1`,
        [
          releaseId,
          rowsRead,
          added,
          changed,
          unchanged,
          [...indicatorsSeen].sort(),
          periodList[0] ?? null,
          periodList[periodList.length - 1] ?? null,
        ],
      );
      const sha = opts.fileSha256?.() ?? null;
      if (sha) await raw.query('update releases set file_sha256 = $2 where id = $1', [releaseId, sha]);
      const out: ImportResult = {
        importId: null,
        dryRun: opts.dryRun,
        dataset: dataset.code,
        format: header?.format ?? 'long',
        fileType: opts.fileType,
        rowsRead,
        observations: written,
        added,
        changed,
        unchanged,
        indicators: [...indicatorsSeen].sort(),
        periods: [...periodsSeen].sort((a, b) => a - b),
        units: unitsSeen.size,
        releaseId: opts.dryRun ? null : releaseId,
        releaseNumber: opts.dryRun ? null : rel.number,
        preview,
        warnings: opts.warnings ?? [],
        elapsedMs: 0,
        phases,
      };
      if (opts.dryRun) throw new DryRunDone(out);
      await recordAudit(tx, {
        userId: actor.userId,
        action: 'statistics_imported',
        entity: 'release',
        entityId: String(releaseId),
        detail: { dataset: dataset.code, file: opts.fileName ?? null, rows: rowsRead, added, changed, unchanged },
      });
      return out;
    });
    progress.phase = 'done';
    tick();
    invalidateSnapshot(db);
    result.elapsedMs = Date.now() - started;
    result.importId = await logImport(db, actor, opts, dataset.code, 'committed', rowsRead, 0, result.releaseId, {
      added: result.added,
      changed: result.changed,
      unchanged: result.unchanged,
    });
    return result;
  } catch (caught) {
    let e = caught;
    progress.phase = 'failed';
    if (e instanceof DryRunDone) {
      progress.phase = 'done';
      tick();
      const r = e.result;
      r.elapsedMs = Date.now() - started;
      r.importId = await logImport(db, actor, opts, r.dataset, 'dry_run', r.rowsRead, 0, null, {
        added: r.added,
        changed: r.changed,
        unchanged: r.unchanged,
      });
      return r;
    }
    if (e instanceof FileProblem) {
      addError({ row: e.row, column: null, value: null, code: e.code, message: e.message, messageVi: e.messageVi });
      e = new ImportRejected(422, errors, errorCount, rowsRead);
    }
    tick();
    if (e instanceof ImportRejected) {
      await logImport(db, actor, opts, opts.dataset ?? '', 'rejected', e.rowsRead, e.errorCount, null, {
        errors: e.errors.slice(0, 100),
      });
      await recordAudit(db, {
        userId: actor.userId,
        action: 'statistics_import_rejected',
        entity: 'dataset',
        entityId: opts.dataset,
        detail: { file: opts.fileName ?? null, errors: e.errorCount, status: e.status },
      });
    } else if (!(e instanceof AppError)) {
      await logImport(db, actor, opts, opts.dataset ?? '', 'failed', rowsRead, errorCount, null, {
        error: String((e as Error).message ?? e).slice(0, 500),
      }).catch(() => undefined);
    }
    throw e;
  }
}

/** The result of a contribution's upload: counts only (the rows are a draft, not a release). */
function contributionResult(
  opts: ImportOptions,
  dataset: string,
  header: Header | undefined,
  rowsRead: number,
  written: number,
  c: { added: number; changed: number; unchanged: number },
  indicators: Set<string> = new Set(),
  periods: Set<number> = new Set(),
): ImportResult {
  return {
    importId: null,
    dryRun: opts.dryRun,
    dataset,
    format: header?.format ?? 'long',
    fileType: opts.fileType,
    rowsRead,
    observations: written,
    ...c,
    indicators: [...indicators].sort(),
    periods: [...periods].sort((a, b) => a - b),
    units: 0,
    releaseId: null,
    releaseNumber: null,
    preview: [],
    warnings: opts.warnings ?? [],
    elapsedMs: 0,
    phases: {},
  };
}

async function logImport(
  db: Db,
  actor: ImportActor,
  opts: ImportOptions,
  datasetCode: string,
  status: 'committed' | 'dry_run' | 'rejected' | 'failed',
  rowsRead: number,
  errorCount: number,
  releaseId: number | null,
  detail: unknown,
): Promise<number> {
  const [row] = await rawSql(db).query<{ id: number }>(
    `insert into stat_imports (user_id, actor, dataset_id, dataset_code, file_name, file_sha256, file_type, status,
       rows_read, error_count, release_id, detail)
     values ($1, $2, (select id from datasets where code = $3), $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      actor.userId,
      actor.label,
      datasetCode,
      opts.fileName ?? null,
      opts.fileSha256?.() ?? null,
      opts.fileType,
      status,
      rowsRead,
      errorCount,
      releaseId,
      // jsonb cannot hold U+0000: a refused cell quoting one is logged with ␀ instead (never a 500).
      JSON.stringify(detail, (_k, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '\u2400') : v)),
    ],
  );
  return row.id;
}

/** After a bulk load: build the primary key and indexes; a duplicate key is reported by its values. */
async function buildIndexesOrReportDuplicates(raw: ReturnType<typeof rawSql>): Promise<ImportError[]> {
  await raw.query('savepoint stat_pk');
  try {
    await raw.query(
      'alter table observations add constraint observations_pkey primary key (indicator_id, unit_code, geo_date, period)',
    );
    await raw.query('release savepoint stat_pk');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    await raw.query('rollback to savepoint stat_pk');
    const dups = await raw.query<{ indicator_id: number; unit_code: string; period: number; n: number }>(
      `select indicator_id, unit_code, period, count(*)::int as n from observations
       group by indicator_id, unit_code, geo_date, period having count(*) > 1 limit 100`,
    );
    return dups.map((d) => ({
      row: 0,
      column: null,
      value: `${d.indicator_id} ${d.unit_code} ${d.period}`,
      code: 'duplicate_row',
      message: `Unit ${d.unit_code}, ${d.period} appears ${d.n} times for one indicator.`,
      messageVi: `Đơn vị ${d.unit_code}, năm ${d.period} xuất hiện ${d.n} lần cho cùng một chỉ tiêu.`,
    }));
  }
  await raw.query('create index observations_indicator_period_idx on observations (indicator_id, period)');
  return [];
}

async function stageDuplicates(raw: ReturnType<typeof rawSql>): Promise<ImportError[]> {
  const dups = await raw.query<{ unit_code: string; period: number; lines: number[] }>(
    `select unit_code, period, array_agg(line order by line) as lines from stat_stage
     group by indicator_id, unit_code, geo_date, period having count(*) > 1 order by min(line) limit 100`,
  );
  return dups.map((d) => ({
    row: d.lines[d.lines.length - 1],
    column: null,
    value: `${d.unit_code} ${d.period}`,
    code: 'duplicate_row',
    message: `Duplicate: unit ${d.unit_code}, ${d.period} is given in rows ${d.lines.join(', ')}.`,
    messageVi: `Trùng lặp: đơn vị ${d.unit_code}, năm ${d.period} có ở các dòng ${d.lines.join(', ')}.`,
  }));
}

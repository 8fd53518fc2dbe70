import type { ImportError, ImportProgress, ImportResult, Role } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { type Catalogue, loadCatalogue } from './catalogue.service';
import { FileProblem } from './csv-stream';
import { geographyAt, syncStatUnits } from './geography';
import { type CheckContext, loadUnitIndex, ObservationChecker, type UnitIndex } from './import-check';
import {
  analyzeAfterImport,
  applyStaged,
  auditRowWrites,
  buildIndexesOrReportDuplicates,
  compareStaged,
  planMerge,
  type DatasetTarget,
  finishRelease,
  type MergeCounts,
  observationsEmpty,
  openRelease,
  previewChanges,
  refreshAfterImport,
  stageDuplicates,
} from './import-commit';
import { type Header, ImportErrorLog, type ImportRecord, ImportRejected, parseRecords } from './import-parse';
import { ObservationStager, openStage } from './import-stage';
import { type RawSql, rawSql } from './raw-sql';
import { invalidateSnapshot } from './snapshot';

export { ImportRejected } from './import-parse';

/**
 * Importing observations: a file (CSV or XLSX, long or wide format) is read as a stream and goes through four stages,
 * each in its own module and testable alone: **parse** (`import-parse.ts`: the header, then the records batch by
 * batch), **check** (`import-check.ts`: codes of the chosen geography, numbers, periods, ranges, duplicates, the
 * uploader's rights), **stage** (`import-stage.ts`: valid rows written with COPY in batches) and **commit**
 * (`import-commit.ts`: indexes or merge with revisions, derived tables, the release's counts). Stages 3 and 4 run
 * inside ONE transaction that also creates the dataset's new release. Any problem, or a dry run, rolls the
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
  /**
   * Exactly once, for a queued import (import-job.ts): `claim` runs inside the import's transaction right after the
   * import lock and may refuse (the job already committed this upload); `record` runs in it just before the commit.
   */
  once?: { claim(tx: Db): Promise<void>; record(tx: Db, result: ImportResult): Promise<void> };
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

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/** Where a dataset is chosen or created, with the rights checked. */
async function resolveDataset(db: Db, actor: ImportActor, opts: ImportOptions): Promise<DatasetTarget> {
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

/** What an import knows before it reads the file: catalogue, geography, the uploader's territory, the dataset. */
interface ImportContext {
  catalogue: Catalogue;
  units: UnitIndex;
  allowed: Set<string> | null;
  dataset: DatasetTarget;
}

const lastSync = new WeakMap<object, number>();

/** Everything that can be refused before reading the file is refused before reading it. */
async function prepareImport(db: Db, actor: ImportActor, opts: ImportOptions): Promise<ImportContext> {
  const catalogue = await loadCatalogue(db);
  if (!opts.skipGeographySync && Date.now() - (lastSync.get(db) ?? 0) > 60_000) {
    await syncStatUnits(db);
    lastSync.set(db, Date.now());
  }
  const units = await loadUnitIndex(db);
  const allowed = await allowedUnits(db, actor, units, opts.contribution);
  const dataset = await resolveDataset(db, actor, opts);
  return { catalogue, units, allowed, dataset };
}

/** The progress, problems and phase timings of one import. */
class ImportRun {
  readonly started = Date.now();
  readonly phases: Record<string, number> = {};
  readonly progress: ImportProgress = { phase: 'reading', rowsRead: 0, rowsValid: 0, rowsWritten: 0, errors: 0 };
  readonly log = new ImportErrorLog((n) => {
    this.progress.errors = n;
  });
  private phaseAt = performance.now();

  constructor(private readonly opts: ImportOptions) {
    this.tick();
  }

  tick() {
    setProgress(this.opts.progressId, this.progress);
    this.opts.onProgress?.({ ...this.progress });
  }

  /** Close the timing of a phase (its time since the previous one). */
  phase(name: string) {
    const now = performance.now();
    this.phases[name] = Math.round((this.phases[name] ?? 0) + now - this.phaseAt);
    this.phaseAt = now;
  }

  /** Refuse the import if any problem was found (403 when one was a permission refusal). */
  rejectIfErrors() {
    const { log } = this;
    if (log.count > 0)
      throw new ImportRejected(log.permissionErrors > 0 ? 403 : 422, log.errors, log.count, this.progress.rowsRead);
  }
}

/**
 * Import a file's rows (already split into records; the first record is the header) as a new release of a dataset.
 * Returns the counts of a committed import or of a dry run; throws `ImportRejected` (nothing written) with every
 * problem found, or an AppError for refusals that concern the whole request (rights, unknown dataset).
 */
export async function importObservations(
  db: Db,
  actor: ImportActor,
  records: AsyncIterable<ImportRecord[]>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const run = new ImportRun(opts);
  try {
    const ctx = await prepareImport(db, actor, opts);
    const result = await db.transaction((tx) => writeImport(tx, actor, records, opts, ctx, run));
    run.progress.phase = 'done';
    run.tick();
    invalidateSnapshot(db);
    result.elapsedMs = Date.now() - run.started;
    result.importId = await logImport(
      db,
      actor,
      opts,
      ctx.dataset.code,
      'committed',
      result.rowsRead,
      0,
      result.releaseId,
      {
        added: result.added,
        changed: result.changed,
        unchanged: result.unchanged,
      },
    );
    return result;
  } catch (caught) {
    return await importEnded(db, actor, opts, run, caught);
  }
}

/** Inside the import's transaction: parse → check → stage, then commit. */
async function writeImport(
  tx: Db,
  actor: ImportActor,
  records: AsyncIterable<ImportRecord[]>,
  opts: ImportOptions,
  ctx: ImportContext,
  run: ImportRun,
): Promise<ImportResult> {
  const raw = rawSql(tx);
  await raw.query(`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
  await opts.once?.claim(tx);
  const organisationId = actor.organisation?.id ?? null;
  const rel = await openRelease(
    raw,
    ctx.dataset,
    { userId: actor.userId, label: actor.label, organisationId },
    { note: opts.note, fileName: opts.fileName, contribution: !!opts.contribution },
  );
  await auditRowWrites(raw, false);
  const bulk = !opts.contribution && (await observationsEmpty(raw));
  await openStage(raw, bulk);
  const { progress } = run;
  const weightIds = new Set([...ctx.catalogue.byId.values()].flatMap((d) => (d.weightId === null ? [] : [d.weightId])));
  const stager = new ObservationStager(raw, bulk, rel.id, weightIds, (written) => {
    progress.phase = 'writing';
    progress.rowsWritten = written;
    run.tick();
  });
  const checker = new ObservationChecker(
    checkContext(ctx, opts),
    run.log,
    (line, ind, unit, period, value, st, note) => {
      progress.rowsValid++;
      if (run.log.count > 0) return; // the import will be refused: keep checking, stop writing
      stager.add(line, ind, unit, period, value, st, note);
    },
  );
  const parsed: { header: Header | undefined } = { header: undefined };
  await checkAndStage(parseRecords(records, run.log, parsed), checker, stager, run);
  progress.phase = 'checking';
  run.tick();
  await stager.drain();
  run.rejectIfErrors();
  await stager.finish();
  run.phase('read_check_write');

  const rowsRead = progress.rowsRead;
  let counts: MergeCounts;
  let preview = stager.preview;
  if (bulk) {
    const dup = await buildIndexesOrReportDuplicates(raw);
    if (dup.length) throw new ImportRejected(422, dup, dup.length, rowsRead);
    counts = { added: stager.written, changed: 0, unchanged: 0 };
    run.phase('index');
  } else {
    if (!checker.tracksAllDuplicates) {
      const dup = await stageDuplicates(raw);
      if (dup.length) throw new ImportRejected(422, dup, dup.length, rowsRead);
    }
    const cells = stager.cells();
    const plan = await planMerge(raw, cells);
    counts = await compareStaged(raw, cells, plan);
    if (opts.contribution) {
      const r = contributionResult(opts, ctx.dataset.code, parsed.header, rowsRead, stager.written, counts, stager);
      if (opts.dryRun) throw new DryRunDone(r);
      await auditRowWrites(raw, true);
      await opts.contribution.save(tx, raw, { rowsRead, ...counts });
      return r;
    }
    await applyStaged(raw, rel.id, counts, cells, plan);
    preview = await previewChanges(raw, ctx.catalogue, ctx.units);
    run.phase('merge');
  }
  progress.phase = 'refreshing';
  progress.rowsWritten = stager.written;
  run.tick();
  const pairsRefreshed = await refreshAfterImport(tx, stager, ctx.catalogue, counts);
  run.phase('refresh');
  await analyzeAfterImport(raw, { bulk, written: stager.written, pairsRefreshed });
  run.phase('analyze');

  const indicators = [...stager.indicatorsSeen].sort();
  const periods = [...stager.periodsSeen].sort((a, b) => a - b);
  const sha256 = opts.fileSha256?.() ?? null;
  await auditRowWrites(raw, true);
  await finishRelease(raw, rel.id, { ...counts, rowsRead, indicators, periods, sha256 });
  const out: ImportResult = {
    importId: null,
    dryRun: opts.dryRun,
    dataset: ctx.dataset.code,
    format: parsed.header?.format ?? 'long',
    fileType: opts.fileType,
    rowsRead,
    observations: stager.written,
    ...counts,
    indicators,
    periods,
    units: stager.unitsSeen.size,
    releaseId: opts.dryRun ? null : rel.id,
    releaseNumber: opts.dryRun ? null : rel.number,
    preview,
    warnings: opts.warnings ?? [],
    elapsedMs: 0,
    phases: run.phases,
  };
  if (opts.dryRun) throw new DryRunDone(out);
  await recordAudit(tx, {
    userId: actor.userId,
    action: 'statistics_imported',
    entity: 'release',
    entityId: String(rel.id),
    detail: { dataset: ctx.dataset.code, file: opts.fileName ?? null, rows: rowsRead, ...counts },
  });
  await opts.once?.record(tx, out);
  return out;
}

function checkContext(ctx: ImportContext, opts: ImportOptions): CheckContext {
  return {
    catalogue: ctx.catalogue,
    units: ctx.units,
    allowed: ctx.allowed,
    decimal: opts.decimal ?? 'dot',
    at: opts.at,
    contribution: opts.contribution,
    currentYear: Number(todayVn().slice(0, 4)),
  };
}

/** The read loop: each parsed record is checked, full batches are staged, other requests get a turn now and then. */
async function checkAndStage(
  parsed: AsyncIterable<{ header: Header; rows: ImportRecord[] }>,
  checker: ObservationChecker,
  stager: ObservationStager,
  run: ImportRun,
): Promise<void> {
  const { progress } = run;
  for await (const { header, rows } of parsed) {
    for (const rec of rows) {
      progress.rowsRead++;
      checker.check(rec, header);
      if (stager.full) await stager.flush();
      // Let other requests in every few thousand rows: a chunk of the file is otherwise checked in one go, and
      // on a busy 2-core machine that held the event loop for up to 1.7 s at a time.
      else if ((progress.rowsRead & 4095) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (progress.rowsRead % 20_000 < rows.length) run.tick();
  }
}

/** After a dry run, a refusal or a failure: the import log, the audit trail, and the answer (or the error again). */
async function importEnded(
  db: Db,
  actor: ImportActor,
  opts: ImportOptions,
  run: ImportRun,
  caught: unknown,
): Promise<ImportResult> {
  let e = caught;
  const { progress, log } = run;
  progress.phase = e instanceof DryRunDone ? 'done' : 'failed';
  run.tick();
  if (e instanceof DryRunDone) {
    const r = e.result;
    r.elapsedMs = Date.now() - run.started;
    r.importId = await logImport(db, actor, opts, r.dataset, 'dry_run', r.rowsRead, 0, null, {
      added: r.added,
      changed: r.changed,
      unchanged: r.unchanged,
    });
    return r;
  }
  if (e instanceof FileProblem) {
    log.add({ row: e.row, column: null, value: null, code: e.code, message: e.message, messageVi: e.messageVi });
    e = new ImportRejected(422, log.errors, log.count, progress.rowsRead);
  }
  run.tick();
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
    await logImport(db, actor, opts, opts.dataset ?? '', 'failed', progress.rowsRead, log.count, null, {
      error: String((e as Error).message ?? e).slice(0, 500),
    }).catch(() => undefined);
  }
  throw e;
}

/** The result of a contribution's upload: counts only (the rows are a draft, not a release). */
function contributionResult(
  opts: ImportOptions,
  dataset: string,
  header: Header | undefined,
  rowsRead: number,
  written: number,
  c: MergeCounts,
  seen: { indicatorsSeen: Set<string>; periodsSeen: Set<number> },
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
    indicators: [...seen.indicatorsSeen].sort(),
    periods: [...seen.periodsSeen].sort((a, b) => a - b),
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

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  BUILTIN_FIGURES,
  BUILTIN_TABLES,
  type DocumentFile,
  type DraftEdit,
  DraftHistoryAction,
  type DraftHistoryEntry,
  type DraftSyncResult,
  type MissingContentItem,
  REFORM_DATE,
  type ReportDraftResponse,
  ReportField,
  ReportModel,
  type ReportPackageStep,
  type ReportVersionSummary,
  type StatisticsTableResponse,
} from '@regionlink/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import JSZip from 'jszip';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { AppError, unauthorized } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { users } from '../access/access.schema';
import { listOrganisations, recordAudit, type SessionUser } from '../access/access.service';
import { listGroupings } from '../geo/geo.service';
import { type CycleReportSource, getCycleReportSource } from '../reporting/cycles.service';
import { assembleDraft, geographyDateOf } from './assemble';
import { reportDraftEvents, reportDrafts, reportVersions } from './documents.schema';
import { boundariesFor, buildFile, type DownloadFile, fileName } from './documents.service';
import { applyEdits, type EditChange } from './draft-edits';
import { canonical, mergeSeed, sameValue, unitExcerpt, unitLabel, unitsOf } from './draft-units';
import { loadFixture2025 } from './fixture-2025';
import { generatePackage, MIME } from './package';
import { pdfEngine } from './pdf-writer';
import { buildStatisticsTable } from './statistics-table';
import {
  BUILTIN_FIGURE_TITLES,
  BUILTIN_TABLE_TITLES,
  completenessRows,
  fieldText,
  findMissingContent,
  letterNumber,
  listTasks,
  officialDate,
  reporterCounts,
} from './report-model';

/**
 * The national report's draft of a reporting cycle: assembled from the cycle's accepted submissions through the
 * reporting module's read service (never its tables), stored per cycle, edited by MoF staff with ETag / If-Match and a
 * history of every change, re-synchronised without overwriting staff's edits, exported as DOCX / PDF / XLSX / zip, and
 * kept as numbered versions when accepted as final.
 *
 * Who may do what:
 * - MoF administrators create, edit, re-sync, accept as final, reopen, and export everything (the zip included).
 * - MoF viewers read the draft and export its parts (not the zip) once the cycle's results are published; before
 *   that the submissions are not theirs to see, so neither is the draft.
 * - Reporters and councils get 403: the national report is MoF's document.
 * Every live export is built from the stored draft merged with the accepted submissions as the caller may read them
 * now: a report accepted and later reopened drops out of Part I and Appendix 1 at once, before any re-sync.
 */

type DraftRow = typeof reportDrafts.$inferSelect;

const now = () => new Date().toISOString();

function denyUnlessMofStaff(user: SessionUser | null): SessionUser {
  if (!user) throw unauthorized();
  if (user.role !== 'admin' && user.role !== 'viewer')
    throw new AppError(
      403,
      'forbidden',
      'The national report is for Ministry of Finance staff.',
      'Báo cáo tổng hợp chỉ dành cho cán bộ Bộ Tài chính.',
    );
  return user;
}

async function denied(db: Db, user: SessionUser, cycleId: number, what: string, err: AppError): Promise<never> {
  await recordAudit(db, {
    userId: user.id,
    action: 'authz_denied',
    entity: 'report_draft',
    entityId: String(cycleId),
    detail: { action: what, role: user.role },
  });
  throw err;
}

const adminOnly = () =>
  new AppError(
    403,
    'forbidden',
    'Only Ministry of Finance administrators may change the national report or download the whole package.',
    'Chỉ quản trị viên Bộ Tài chính được sửa báo cáo tổng hợp hoặc tải toàn bộ bộ hồ sơ.',
  );

/** An administrator of MoF, or 401/403 (with an `authz_denied` audit row). */
export async function requireAdmin(db: Db, user: SessionUser | null, cycleId: number, what: string) {
  const u = denyUnlessMofStaff(user);
  if (u.role !== 'admin') await denied(db, u, cycleId, what, adminOnly());
  return u;
}

/**
 * What the caller may read of the cycle's report, as the reporting module says: the accepted submissions in the
 * caller's scope (403/404 from the read service otherwise). Viewers are refused a clear message before publication.
 */
async function readableSource(db: Db, user: SessionUser | null, cycleId: number, what: string) {
  const u = denyUnlessMofStaff(user);
  let source: CycleReportSource;
  try {
    source = await getCycleReportSource(db, u, cycleId);
  } catch (err) {
    if (err instanceof AppError && err.status === 403)
      throw new AppError(
        403,
        'not_published',
        'The national report of this cycle can be read by viewers once the Ministry of Finance publishes the results.',
        'Người xem chỉ đọc được báo cáo tổng hợp của kỳ này sau khi Bộ Tài chính công bố kết quả.',
      );
    throw err;
  }
  if (u.role !== 'admin' && source.cycle.publishedAt === null)
    await denied(db, u, cycleId, what, new AppError(403, 'not_published', 'Not published.', 'Chưa công bố.'));
  return { user: u, source };
}

/** The seed model of a cycle from the accepted submissions the caller may read. */
async function seedOf(
  db: Db,
  source: CycleReportSource,
  opts: { setAsideAssessments?: boolean } = {},
): Promise<ReportModel> {
  const geographyDate = geographyDateOf(source.cycle.cutoff, source.cycle.year);
  const [orgs, regions] = await Promise.all([
    listOrganisations(db),
    listGroupings(db, { type: 'region', at: geographyDate < REFORM_DATE ? REFORM_DATE : geographyDate }),
  ]);
  return assembleDraft({
    source,
    unitNames: officialUnitNames(),
    setAsideAssessments: opts.setAsideAssessments,
    organisations: orgs.map((o) => ({ code: o.code, provinceCode: o.provinceCode })),
    regions: regions.map((r) => ({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn, memberCodes: r.memberCodes })),
  });
}

let unitNames: string[] | null = null;

/** The official names of the 34 provinces (`reference/admin/provinces-34.csv`), the spelling the report prints. */
function officialUnitNames(): string[] {
  unitNames ??= parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/provinces-34.csv'), 'utf8')).map(
    (r) => r.name_vi,
  );
  return unitNames;
}

const digestOf = (m: ReportModel) => crypto.createHash('sha256').update(canonical(m)).digest('hex');

async function loadDraftRow(db: Db, cycleId: number): Promise<DraftRow | null> {
  const [row] = await db.select().from(reportDrafts).where(eq(reportDrafts.cycleId, cycleId));
  return row ?? null;
}

const noDraft = () =>
  new AppError(
    404,
    'no_draft',
    'This cycle has no report draft yet; an administrator creates it from the accepted submissions.',
    'Kỳ báo cáo này chưa có bản thảo báo cáo tổng hợp; quản trị viên tạo bản thảo từ các báo cáo đã được chấp nhận.',
  );

async function requireDraft(db: Db, cycleId: number): Promise<DraftRow> {
  const row = await loadDraftRow(db, cycleId);
  if (!row) throw noDraft();
  return row;
}

const finalDraft = () =>
  new AppError(
    409,
    'draft_final',
    'The draft was accepted as final; reopen it to change it.',
    'Bản thảo đã được chấp nhận là bản chính thức; hãy mở lại để chỉnh sửa.',
  );

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What blocks acceptance as final: empty required sections, blank number or day, offers and changes not handled. */
function blockers(model: ReportModel, pending: Record<string, unknown>, stale: boolean): MissingContentItem[] {
  const out: MissingContentItem[] = findMissingContent(model);
  if (model.settings.number === null)
    out.push({
      path: 'settings.number',
      messageVi: 'Chưa nhập số công văn (do văn thư cấp).',
      messageEn: 'The letter number (from the records office) is not entered.',
    });
  if (model.settings.day === null || model.settings.month === null)
    out.push({
      path: 'settings.day',
      messageVi: 'Chưa nhập ngày, tháng ký công văn.',
      messageEn: 'The day and month of signature are not entered.',
    });
  for (const unit of Object.keys(pending)) {
    const l = unitLabel(model, unit);
    out.push({
      path: unit,
      messageVi: `${l.vi}: có nội dung mới từ báo cáo của các cơ quan, cần chọn giữ hoặc thay.`,
      messageEn: `${l.en}: newer text from the submissions waits for a decision.`,
    });
  }
  if (stale)
    out.push({
      path: 'sync',
      messageVi: 'Các báo cáo đã chấp nhận đã thay đổi kể từ lần đồng bộ gần nhất; hãy đồng bộ lại.',
      messageEn: 'The accepted submissions changed since the last sync; sync the draft again.',
    });
  return out;
}

function versionSummary(v: typeof reportVersions.$inferSelect, names: Map<number, string>): ReportVersionSummary {
  const manifest = v.manifest as {
    files: { name: string; bytes: number; sha256: string }[];
    reporters: { ministries: number; localities: number };
  };
  const files: ReportVersionSummary['files'] = (
    ['letter.docx', 'report.docx', 'appendix.docx', 'letter.pdf', 'report.pdf', 'appendix.pdf', 'annex.xlsx'] as const
  )
    .map((file) => {
      const name = fileName(v.model, file);
      const f = manifest.files.find((x) => x.name === name);
      return f ? { file, name, bytes: f.bytes, sha256: f.sha256 } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  files.push({
    file: 'package.zip',
    name: fileName(v.model, 'package.zip'),
    bytes: v.zip.length,
    sha256: crypto.createHash('sha256').update(v.zip).digest('hex'),
  });
  return {
    number: v.number,
    createdAt: v.createdAt,
    createdBy: v.createdBy ? (names.get(v.createdBy) ?? '') : '',
    letterNumber: v.letterNumber,
    letterDate: v.letterDate,
    draftVersion: v.draftVersion,
    files,
    reporters: manifest.reporters,
  };
}

/** The newest numbered version of a cycle's report, or null. */
export async function latestVersion(db: Db, cycleId: number) {
  const [v] = await db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.cycleId, cycleId))
    .orderBy(desc(reportVersions.number))
    .limit(1);
  return v ?? null;
}

async function loadVersions(db: Db, cycleId: number) {
  return db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.cycleId, cycleId))
    .orderBy(desc(reportVersions.number));
}

/** The draft as the screen needs it, with its sync state against the accepted submissions now. */
async function draftResponse(
  db: Db,
  user: SessionUser,
  row: DraftRow,
  source: CycleReportSource,
  seed: ReportModel,
): Promise<ReportDraftResponse> {
  const dry = mergeSeed(row.model, row.base, seed, row.pending);
  const digest = digestOf(seed);
  const stale = digest !== row.sourceDigest;
  const isAdmin = user.role === 'admin';
  // Viewers see the draft as it would be exported for them: only what the accepted submissions still say.
  const model = isAdmin ? row.model : dry.model;
  const base = unitsOf(row.base);
  const meta = row.unitMeta;
  const units = [...unitsOf(model)].map(([key, value]) => ({
    key,
    edited: base.has(key) ? !sameValue(value, base.get(key)) : true,
    pending: key in row.pending,
    updatedBy: meta[key]?.by ?? null,
    updatedAt: meta[key]?.at ?? null,
  }));
  const have = new Set(row.model.reporters.map((r) => r.organisationCode));
  const now = new Set(seed.reporters.map((r) => r.organisationCode));
  const versions = await loadVersions(db, row.cycleId);
  const names = await userNames(db, [row.updatedBy, row.syncedBy, ...versions.map((v) => v.createdBy)]);
  return {
    cycleId: row.cycleId,
    cycle: {
      year: source.cycle.year,
      nameVi: source.cycle.nameVi,
      nameEn: source.cycle.nameEn,
      status: source.cycle.status,
      published: source.cycle.publishedAt !== null,
    },
    status: row.status as 'draft' | 'final',
    version: row.version,
    model,
    units,
    pending: isAdmin
      ? Object.entries(row.pending).map(([unit, seedValue]) => {
          const l = unitLabel(row.model, unit);
          return { unit, labelVi: l.vi, labelEn: l.en, seed: seedValue, since: row.syncedAt };
        })
      : [],
    sync: {
      syncedAt: row.syncedAt,
      syncedBy: row.syncedBy ? (names.get(row.syncedBy) ?? '') : '',
      stale,
      updates: stale ? dry.updated.length : 0,
      conflicts: stale ? dry.conflicts.filter((c) => !(c in row.pending)).length : 0,
      withdrawn: row.model.reporters.filter((r) => !now.has(r.organisationCode)).map((r) => r.name),
      added: seed.reporters.filter((r) => !have.has(r.organisationCode)).map((r) => r.name),
    },
    missing: row.status === 'final' ? [] : blockers(model, row.pending, stale),
    completeness: completenessRows(model).map((c) => ({ ...c })),
    reporters: reporterCounts(model),
    versions: versions.map((v) => versionSummary(v, names)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy ? (names.get(row.updatedBy) ?? '') : '',
    pdfEngine: pdfEngine(),
    permissions: {
      edit: isAdmin && row.status === 'draft',
      exportZip: isAdmin,
      finalise: isAdmin && row.status === 'draft',
    },
    fields: Object.fromEntries(ReportField.options.map((f) => [f, fieldText(f, model)])),
    references: {
      tables: [
        ...BUILTIN_TABLES.map((id) => ({ id, title: BUILTIN_TABLE_TITLES[id], builtin: true })),
        ...model.tables.map((t) => ({ id: t.id, title: t.title, builtin: false })),
      ],
      figures: BUILTIN_FIGURES.map((id) => ({ id, title: BUILTIN_FIGURE_TITLES[id] })),
    },
  };
}

/** The cycle's report draft (404 `no_draft` until an administrator creates it). */
export async function getDraft(db: Db, user: SessionUser | null, cycleId: number): Promise<ReportDraftResponse> {
  const { user: u, source } = await readableSource(db, user, cycleId, 'read');
  const row = await requireDraft(db, cycleId);
  return draftResponse(db, u, row, source, await seedOf(db, source));
}

function eventRows(
  draftId: number,
  version: number,
  userId: number,
  action: DraftHistoryAction,
  changes: EditChange[],
) {
  return changes.map((c) => ({
    draftId,
    draftVersion: version,
    userId,
    action,
    unit: c.unit,
    labelVi: c.labelVi,
    labelEn: c.labelEn,
    before: (c.before ?? null) as unknown,
    after: (c.after ?? null) as unknown,
    note: c.note,
  }));
}

/** Create the draft of a cycle from its accepted submissions (administrators; 409 if it exists). */
export async function createDraft(db: Db, user: SessionUser | null, cycleId: number): Promise<ReportDraftResponse> {
  const u = await requireAdmin(db, user, cycleId, 'create');
  const { source } = await readableSource(db, u, cycleId, 'create');
  if (await loadDraftRow(db, cycleId))
    throw new AppError(
      409,
      'draft_exists',
      'This cycle already has a report draft.',
      'Kỳ báo cáo này đã có bản thảo báo cáo tổng hợp.',
    );
  const seed = await seedOf(db, source);
  const at = now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportDrafts)
      .values({
        cycleId,
        model: seed,
        base: seed,
        pending: {},
        unitMeta: {},
        sourceDigest: digestOf(seed),
        syncedAt: at,
        syncedBy: u.id,
        createdAt: at,
        createdBy: u.id,
        updatedAt: at,
        updatedBy: u.id,
      })
      .returning({ id: reportDrafts.id });
    const counts = reporterCounts(seed);
    await tx.insert(reportDraftEvents).values({
      draftId: row.id,
      draftVersion: 1,
      userId: u.id,
      action: 'create',
      unit: null,
      labelVi: `Tạo bản thảo từ báo cáo của ${counts.ministries} bộ, cơ quan trung ương và ${counts.localities} địa phương`,
      labelEn: `Draft created from the reports of ${counts.ministries} central bodies and ${counts.localities} localities`,
      note: null,
    });
    await recordAudit(tx as unknown as Db, {
      userId: u.id,
      action: 'report_draft.create',
      entity: 'report_draft',
      entityId: String(cycleId),
    });
  });
  return draftResponse(db, u, await requireDraft(db, cycleId), source, seed);
}

async function copySourceOf(db: Db, edits: readonly DraftEdit[]) {
  const copy = edits.find((e) => e.kind === 'copyEditorial');
  if (copy?.kind !== 'copyEditorial') return null;
  if ('sample' in copy.from)
    return {
      model: loadFixture2025(),
      labelVi: 'bộ hồ sơ tham chiếu năm 2025 (Công văn số 20208/BTC-VCL)',
      labelEn: 'the 2025 reference package (letter 20208/BTC-VCL)',
    };
  const [v] = await db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.cycleId, copy.from.cycleId), eq(reportVersions.number, copy.from.version)));
  if (!v) return null;
  return {
    model: ReportModel.parse(v.model),
    labelVi: `phiên bản ${v.number} của kỳ báo cáo số ${v.cycleId} (${v.letterNumber})`,
    labelEn: `version ${v.number} of cycle ${v.cycleId} (${v.letterNumber})`,
  };
}

/** Apply staff edits (administrators, If-Match): every change is validated and written to the history. */
export async function editDraft(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  expectedVersion: number,
  edits: readonly DraftEdit[],
): Promise<ReportDraftResponse> {
  const u = await requireAdmin(db, user, cycleId, 'edit');
  const { source } = await readableSource(db, u, cycleId, 'edit');
  const row = await requireDraft(db, cycleId);
  if (row.status === 'final') throw finalDraft();
  if (row.version !== expectedVersion) throw staleWrite();
  const out = applyEdits(row.model, edits, { pending: row.pending, copySource: await copySourceOf(db, edits) });
  const checked = ReportModel.safeParse(out.model);
  if (!checked.success)
    throw new AppError(
      422,
      'invalid_draft',
      `The edit would make the draft invalid (${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}).`,
      'Thay đổi làm bản thảo không hợp lệ (vượt giới hạn độ dài hoặc số lượng).',
      checked.error.issues
        .slice(0, 10)
        .map((i) => ({ path: `model.${i.path.join('.')}`, message: i.message, messageVi: 'không hợp lệ' })),
    );
  if (out.changes.length > 0) {
    const at = now();
    const unitMeta = { ...row.unitMeta };
    for (const c of out.changes) if (c.unit) unitMeta[c.unit] = { by: u.displayName, at };
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(reportDrafts)
        .set({
          model: checked.data,
          pending: out.pending,
          unitMeta,
          version: row.version + 1,
          updatedAt: at,
          updatedBy: u.id,
        })
        .where(and(eq(reportDrafts.id, row.id), eq(reportDrafts.version, expectedVersion)))
        .returning({ id: reportDrafts.id });
      if (updated.length === 0) throw staleWrite();
      await tx.insert(reportDraftEvents).values(eventRows(row.id, row.version + 1, u.id, 'edit', out.changes));
      await recordAudit(tx as unknown as Db, {
        userId: u.id,
        action: 'report_draft.edit',
        entity: 'report_draft',
        entityId: String(cycleId),
        detail: { units: out.changes.map((c) => c.unit ?? c.labelEn) },
      });
    });
  }
  return draftResponse(db, u, await requireDraft(db, cycleId), source, await seedOf(db, source));
}

/**
 * Re-sync the draft with the accepted submissions (administrators, If-Match): units staff never touched take the new
 * text; units staff edited are kept and the new text is offered beside them; Part I's narratives and Appendix 1 are
 * replaced by what is accepted now. Every replaced value goes to the history.
 */
export async function syncDraft(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  expectedVersion: number,
): Promise<{ draft: ReportDraftResponse; result: DraftSyncResult }> {
  const u = await requireAdmin(db, user, cycleId, 'sync');
  const { source } = await readableSource(db, u, cycleId, 'sync');
  const row = await requireDraft(db, cycleId);
  if (row.status === 'final') throw finalDraft();
  if (row.version !== expectedVersion) throw staleWrite();
  const seed = await seedOf(db, source);
  const merge = mergeSeed(row.model, row.base, seed, row.pending);
  const before = unitsOf(row.model);
  const after = unitsOf(merge.model);
  const label = (unit: string) => unitLabel(row.model, unit);
  const have = new Set(row.model.reporters.map((r) => r.organisationCode));
  const fresh = new Set(seed.reporters.map((r) => r.organisationCode));
  const result: DraftSyncResult = {
    updated: merge.updated.map((unit) => ({ unit, labelVi: label(unit).vi, labelEn: label(unit).en })),
    conflicts: merge.conflicts.map((unit) => ({ unit, labelVi: label(unit).vi, labelEn: label(unit).en })),
    removed: merge.removed.map((r) => ({
      unit: r.unit,
      labelVi: label(r.unit).vi,
      labelEn: label(r.unit).en,
      edited: r.edited,
    })),
    reportersAdded: seed.reporters.filter((r) => !have.has(r.organisationCode)).map((r) => r.name),
    reportersRemoved: row.model.reporters.filter((r) => !fresh.has(r.organisationCode)).map((r) => r.name),
  };
  const changes: EditChange[] = [
    {
      unit: null,
      labelVi: `Đồng bộ với các báo cáo đã chấp nhận: cập nhật ${result.updated.length} phần, giữ ${result.conflicts.length} phần đã sửa có nội dung mới${result.reportersAdded.length ? `; thêm ${result.reportersAdded.join(', ')}` : ''}${result.reportersRemoved.length ? `; bỏ ${result.reportersRemoved.join(', ')}` : ''}`,
      labelEn: `Synced with the accepted submissions: ${result.updated.length} parts updated, ${result.conflicts.length} edited parts kept with newer text offered${result.reportersAdded.length ? `; added ${result.reportersAdded.join(', ')}` : ''}${result.reportersRemoved.length ? `; removed ${result.reportersRemoved.join(', ')}` : ''}`,
      before: { reporters: row.model.reporters.map((r) => r.organisationCode) },
      after: { reporters: seed.reporters.map((r) => r.organisationCode) },
      note: null,
    },
    ...merge.updated.map((unit) => ({
      unit,
      labelVi: label(unit).vi,
      labelEn: label(unit).en,
      before: before.get(unit) ?? null,
      after: after.get(unit) ?? null,
      note: 'updated from the submissions',
    })),
    ...merge.removed.map((r) => ({
      unit: r.unit,
      labelVi: label(r.unit).vi,
      labelEn: label(r.unit).en,
      before: r.value,
      after: null,
      note: r.edited ? 'removed from the outline; staff text kept here' : 'removed from the outline',
    })),
    ...merge.conflicts.map((unit) => ({
      unit,
      labelVi: label(unit).vi,
      labelEn: label(unit).en,
      before: before.get(unit) ?? null,
      after: merge.pending[unit] ?? null,
      note: 'kept staff text; newer submission text offered',
    })),
  ];
  const at = now();
  const checked = ReportModel.parse(merge.model);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(reportDrafts)
      .set({
        model: checked,
        base: seed,
        pending: merge.pending,
        sourceDigest: digestOf(seed),
        syncedAt: at,
        syncedBy: u.id,
        version: row.version + 1,
        updatedAt: at,
        updatedBy: u.id,
      })
      .where(and(eq(reportDrafts.id, row.id), eq(reportDrafts.version, expectedVersion)))
      .returning({ id: reportDrafts.id });
    if (updated.length === 0) throw staleWrite();
    await tx.insert(reportDraftEvents).values(eventRows(row.id, row.version + 1, u.id, 'sync', changes));
    await recordAudit(tx as unknown as Db, {
      userId: u.id,
      action: 'report_draft.sync',
      entity: 'report_draft',
      entityId: String(cycleId),
      detail: { updated: result.updated.length, conflicts: result.conflicts.length },
    });
  });
  return { draft: await draftResponse(db, u, await requireDraft(db, cycleId), source, seed), result };
}

export interface RedraftResult {
  /** The task's drafted paragraph and status were replaced (staff had not edited them). */
  updated: string[];
  /** Units staff edited: kept, with the new draft offered beside them when it differs. */
  kept: string[];
  /** Organisations whose accepted reports on the task arrived since the task was last drafted. */
  organisationsAdded: string[];
}

/**
 * Re-draft one task of Part I from the accepted submissions now (administrators, If-Match): the paragraph and status
 * staff never touched take the new draft; an edited paragraph is kept and the new draft is offered beside it (marked
 * pending, with the organisations that arrived since) until staff take it or dismiss it. The task's narratives and
 * drafting record follow the submissions; other tasks are left as they are.
 */
export async function redraftTask(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  expectedVersion: number,
  code: string,
): Promise<{ draft: ReportDraftResponse; result: RedraftResult }> {
  const u = await requireAdmin(db, user, cycleId, 'redraft');
  const { source } = await readableSource(db, u, cycleId, 'redraft');
  const row = await requireDraft(db, cycleId);
  if (row.status === 'final') throw finalDraft();
  if (row.version !== expectedVersion) throw staleWrite();
  const seed = await seedOf(db, source);
  const find = (m: ReportModel) => listTasks(m).find((r) => r.task.code === code)?.task;
  const fresh = find(seed);
  const current = structuredClone(row.model);
  const base = structuredClone(row.base);
  const mine = find(current);
  const old = find(base);
  if (!fresh || !mine || !old)
    throw new AppError(404, 'unknown_task', `The draft has no task ${code}.`, `Bản thảo không có nhiệm vụ ${code}.`);
  const pending = { ...row.pending };
  const result: RedraftResult = { updated: [], kept: [], organisationsAdded: [] };
  const changes: EditChange[] = [];
  for (const field of ['synthesis', 'status'] as const) {
    const unit = `report.tasks.${code}.${field}`;
    const c = mine[field];
    const b = old[field];
    const n = fresh[field];
    const label = unitLabel(current, unit);
    if (sameValue(c, b)) {
      if (!sameValue(c, n)) {
        (mine as Record<string, unknown>)[field] = structuredClone(n);
        result.updated.push(unit);
        changes.push({ unit, labelVi: label.vi, labelEn: label.en, before: c, after: n, note: 'redrafted' });
      }
      delete pending[unit];
    } else {
      result.kept.push(unit);
      if (!sameValue(n, b) && !sameValue(n, c)) {
        pending[unit] = structuredClone(n);
        changes.push({
          unit,
          labelVi: label.vi,
          labelEn: label.en,
          before: c,
          after: n,
          note: 'kept staff text; new draft offered',
        });
      }
    }
  }
  const had = new Set(old.narratives.map((x) => x.organisationCode));
  result.organisationsAdded = fresh.narratives
    .filter((x) => !had.has(x.organisationCode))
    .map((x) => x.organisationName);
  const include = new Map(mine.narratives.map((x) => [x.organisationCode, x.include]));
  mine.narratives = fresh.narratives.map((x) => ({ ...x, include: include.get(x.organisationCode) ?? x.include }));
  mine.drafting = fresh.drafting;
  // The base of the task is the new draft, so later edits and syncs compare against it.
  Object.assign(old, structuredClone(fresh));
  const checked = ReportModel.parse(current);
  const at = now();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(reportDrafts)
      .set({ model: checked, base, pending, version: row.version + 1, updatedAt: at, updatedBy: u.id })
      .where(and(eq(reportDrafts.id, row.id), eq(reportDrafts.version, expectedVersion)))
      .returning({ id: reportDrafts.id });
    if (updated.length === 0) throw staleWrite();
    await tx.insert(reportDraftEvents).values(
      eventRows(row.id, row.version + 1, u.id, 'sync', [
        {
          unit: null,
          labelVi: `Soạn lại nhiệm vụ ${code} từ các báo cáo đã chấp nhận${result.organisationsAdded.length ? `; thêm ${result.organisationsAdded.join(', ')}` : ''}`,
          labelEn: `Task ${code} redrafted from the accepted submissions${result.organisationsAdded.length ? `; added ${result.organisationsAdded.join(', ')}` : ''}`,
          before: { organisations: [...had] },
          after: { organisations: fresh.narratives.map((x) => x.organisationCode) },
          note: null,
        },
        ...changes,
      ]),
    );
    await recordAudit(tx as unknown as Db, {
      userId: u.id,
      action: 'report_draft.redraft_task',
      entity: 'report_draft',
      entityId: String(cycleId),
      detail: { code, updated: result.updated, kept: result.kept },
    });
  });
  return { draft: await draftResponse(db, u, await requireDraft(db, cycleId), source, seed), result };
}

/**
 * Accept the draft as final (administrators, If-Match): refused with the list of what is missing while a required
 * section is empty, the number or day is blank, an offer waits or the submissions changed. The package is generated
 * once and kept as the next numbered version; exports then serve exactly those files until the draft is reopened.
 */
export async function finaliseDraft(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  expectedVersion: number,
): Promise<ReportDraftResponse> {
  const u = await requireAdmin(db, user, cycleId, 'finalise');
  const { source } = await readableSource(db, u, cycleId, 'finalise');
  const row = await requireDraft(db, cycleId);
  if (row.status === 'final') throw finalDraft();
  if (row.version !== expectedVersion) throw staleWrite();
  const seed = await seedOf(db, source);
  const missing = blockers(row.model, row.pending, digestOf(seed) !== row.sourceDigest);
  if (missing.length)
    throw new AppError(
      422,
      'draft_incomplete',
      `The draft cannot be accepted yet: ${missing.map((m) => m.messageEn).join(' ')}`,
      `Chưa thể chấp nhận bản thảo: ${missing.map((m) => m.messageVi).join(' ')}`,
      missing.map((m) => ({ path: m.path, message: m.messageEn, messageVi: m.messageVi })),
    );
  const model = row.model;
  const pkg = await generatePackage({ model, boundaries: await boundariesFor(db, model) });
  const at = now();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(reportDrafts)
      .set({ status: 'final', version: row.version + 1, updatedAt: at, updatedBy: u.id })
      .where(and(eq(reportDrafts.id, row.id), eq(reportDrafts.version, expectedVersion)))
      .returning({ id: reportDrafts.id });
    if (updated.length === 0) throw staleWrite();
    const [last] = await tx
      .select({ n: reportVersions.number })
      .from(reportVersions)
      .where(eq(reportVersions.cycleId, cycleId))
      .orderBy(desc(reportVersions.number))
      .limit(1);
    const number = (last?.n ?? 0) + 1;
    await tx.insert(reportVersions).values({
      draftId: row.id,
      cycleId,
      number,
      draftVersion: row.version + 1,
      createdAt: at,
      createdBy: u.id,
      letterNumber: letterNumber(model.settings).trim(),
      letterDate: officialDate(model.settings),
      manifest: pkg.manifest,
      model,
      zip: pkg.zip,
    });
    await tx.insert(reportDraftEvents).values({
      draftId: row.id,
      draftVersion: row.version + 1,
      userId: u.id,
      action: 'finalise',
      unit: null,
      labelVi: `Chấp nhận bản chính thức, lưu phiên bản ${number} (Công văn số ${letterNumber(model.settings).trim()} ${officialDate(model.settings)})`,
      labelEn: `Accepted as final, kept as version ${number} (letter ${letterNumber(model.settings).trim()})`,
      note: null,
    });
    await recordAudit(tx as unknown as Db, {
      userId: u.id,
      action: 'report_draft.finalise',
      entity: 'report_draft',
      entityId: String(cycleId),
      detail: { version: number, sha256: pkg.manifest.files.map((f) => f.sha256) },
    });
  });
  return draftResponse(db, u, await requireDraft(db, cycleId), source, seed);
}

/** Reopen a final draft for changes (administrators, If-Match, with a reason); the sent versions stay as they are. */
export async function reopenDraft(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  expectedVersion: number,
  reason: string,
): Promise<ReportDraftResponse> {
  const u = await requireAdmin(db, user, cycleId, 'reopen');
  const { source } = await readableSource(db, u, cycleId, 'reopen');
  const row = await requireDraft(db, cycleId);
  if (row.status !== 'final')
    throw new AppError(
      409,
      'draft_not_final',
      'Only a final draft can be reopened.',
      'Chỉ mở lại được bản đã chấp nhận là chính thức.',
    );
  if (row.version !== expectedVersion) throw staleWrite();
  const at = now();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(reportDrafts)
      .set({ status: 'draft', version: row.version + 1, updatedAt: at, updatedBy: u.id })
      .where(and(eq(reportDrafts.id, row.id), eq(reportDrafts.version, expectedVersion)))
      .returning({ id: reportDrafts.id });
    if (updated.length === 0) throw staleWrite();
    await tx.insert(reportDraftEvents).values({
      draftId: row.id,
      draftVersion: row.version + 1,
      userId: u.id,
      action: 'reopen',
      unit: null,
      labelVi: 'Mở lại bản thảo để chỉnh sửa',
      labelEn: 'Reopened for changes',
      note: reason,
    });
    await recordAudit(tx as unknown as Db, {
      userId: u.id,
      action: 'report_draft.reopen',
      entity: 'report_draft',
      entityId: String(cycleId),
      detail: { reason },
    });
  });
  return draftResponse(db, u, await requireDraft(db, cycleId), source, await seedOf(db, source));
}

/** The history of a draft, newest first, with plain-text excerpts of what each change replaced and wrote. */
export async function getDraftHistory(db: Db, user: SessionUser | null, cycleId: number): Promise<DraftHistoryEntry[]> {
  const { user: u } = await readableSource(db, user, cycleId, 'history');
  if (u.role !== 'admin') await denied(db, u, cycleId, 'history', adminOnly());
  const row = await requireDraft(db, cycleId);
  const events = await db
    .select()
    .from(reportDraftEvents)
    .where(eq(reportDraftEvents.draftId, row.id))
    .orderBy(desc(reportDraftEvents.id))
    .limit(500);
  const names = await userNames(
    db,
    events.map((e) => e.userId),
  );
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    user: e.userId ? (names.get(e.userId) ?? '') : '',
    action: DraftHistoryAction.parse(e.action),
    draftVersion: e.draftVersion,
    unit: e.unit,
    labelVi: e.labelVi,
    labelEn: e.labelEn,
    before: e.unit ? unitExcerpt(row.model, e.before) : null,
    after: e.unit ? unitExcerpt(row.model, e.after) : null,
    note: e.note,
  }));
}

/** The numbered versions accepted as final ("the report as sent"). */
export async function listReportVersions(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
): Promise<ReportVersionSummary[]> {
  await readableSource(db, user, cycleId, 'versions');
  const versions = await loadVersions(db, cycleId);
  const names = await userNames(
    db,
    versions.map((v) => v.createdBy),
  );
  return versions.map((v) => versionSummary(v, names));
}

export async function fileFromVersion(
  v: typeof reportVersions.$inferSelect,
  file: DocumentFile,
): Promise<DownloadFile> {
  const name = fileName(v.model, file);
  if (file === 'package.zip') return { filename: name, contentType: MIME.zip, data: v.zip };
  const zip = await JSZip.loadAsync(v.zip);
  const entry = zip.file(name);
  if (!entry)
    throw new AppError(404, 'not_found', 'File not found in the version.', 'Không có tệp này trong phiên bản.');
  const ext = file.split('.')[1] as 'docx' | 'pdf' | 'xlsx';
  return { filename: name, contentType: MIME[ext], data: await entry.async('nodebuffer') };
}

/** One file of a numbered version, byte for byte as it was accepted. */
export async function exportVersionFile(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  version: number,
  file: DocumentFile,
): Promise<DownloadFile> {
  const { user: u } = await readableSource(db, user, cycleId, 'export');
  if (file === 'package.zip' && u.role !== 'admin') await denied(db, u, cycleId, 'export_zip', adminOnly());
  const [v] = await db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.cycleId, cycleId), eq(reportVersions.number, version)));
  if (!v) throw new AppError(404, 'not_found', 'There is no such version.', 'Không có phiên bản này.');
  return fileFromVersion(v, file);
}

/**
 * One file of the cycle's report: the latest version when the draft is final (the report as sent), otherwise built
 * now from the draft merged with the accepted submissions the caller may read (or from those submissions alone when
 * there is no draft yet).
 */
export async function exportCycleFile(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  file: DocumentFile,
): Promise<DownloadFile> {
  const { user: u, source } = await readableSource(db, user, cycleId, 'export');
  if (file === 'package.zip' && u.role !== 'admin') await denied(db, u, cycleId, 'export_zip', adminOnly());
  const { version, model } = await exportSource(db, source, cycleId);
  if (version) return fileFromVersion(version, file);
  return buildFile({ model, boundaries: await boundariesFor(db, model) }, file);
}

/** What an export prints now: the latest version when the draft is final, else the draft merged with the seed. */
async function exportSource(db: Db, source: CycleReportSource, cycleId: number) {
  const row = await loadDraftRow(db, cycleId);
  const version = row?.status === 'final' ? await latestVersion(db, cycleId) : null;
  if (version) return { row, version, model: version.model };
  const seed = await seedOf(db, source);
  return { row, version: null, model: row ? mergeSeed(row.model, row.base, seed, row.pending).model : seed };
}

const draftNeeded = () =>
  new AppError(
    409,
    'no_draft',
    "This cycle has no report draft yet: create the draft first (a prepared package records the draft's version).",
    'Kỳ báo cáo này chưa có bản thảo báo cáo tổng hợp: hãy tạo bản thảo trước (gói hồ sơ ghi lại phiên bản bản thảo đã dùng).',
  );

/**
 * Who may have the whole package prepared in the background: MoF administrators (401/403, 404 for an unknown cycle,
 * 409 `no_draft` while the cycle has no draft). Checked when the job is queued and again when it runs.
 */
export async function requirePackageDraft(db: Db, user: SessionUser | null, cycleId: number) {
  const { user: u, source } = await readableSource(db, user, cycleId, 'export');
  if (u.role !== 'admin') await denied(db, u, cycleId, 'export_zip', adminOnly());
  const row = await loadDraftRow(db, cycleId);
  if (!row) throw draftNeeded();
  return { user: u, source };
}

/** The package a background job stores, with the state of the draft it was made from. */
export interface CyclePackage {
  file: DownloadFile;
  draftVersion: number;
  draftStatus: 'draft' | 'final';
}

/**
 * The cycle's whole package for a background job: the same bytes as GET package.zip would build now (the latest
 * version's when final), with the draft's version; `onStep` is told each step done.
 */
export async function buildCyclePackage(
  db: Db,
  user: SessionUser,
  cycleId: number,
  onStep: (step: ReportPackageStep) => void,
): Promise<CyclePackage> {
  const { source } = await requirePackageDraft(db, user, cycleId);
  const { row, version, model } = await exportSource(db, source, cycleId);
  if (!row) throw draftNeeded();
  onStep('model');
  const file = version
    ? await fileFromVersion(version, 'package.zip')
    : await buildFile({ model, boundaries: await boundariesFor(db, model) }, 'package.zip', { onStep });
  return { file, draftVersion: row.version, draftStatus: row.status as CyclePackage['draftStatus'] };
}

/**
 * The draft the product writes for a cycle now, from the accepted submissions the caller may read (nothing stored);
 * with `setAsideAssessments` MoF's own stored texts are ignored and every task is drafted (the drafter's measurements).
 */
export async function draftModelOf(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  opts: { setAsideAssessments?: boolean } = {},
): Promise<ReportModel> {
  const { source } = await readableSource(db, user, cycleId, 'export');
  return seedOf(db, source, opts);
}

/** The model an export would print now, for tests and the benchmark (same rules as `exportCycleFile`). */
export async function exportModelOf(db: Db, user: SessionUser | null, cycleId: number): Promise<ReportModel> {
  const { source } = await readableSource(db, user, cycleId, 'export');
  const row = await loadDraftRow(db, cycleId);
  const seed = await seedOf(db, source);
  return row ? mergeSeed(row.model, row.base, seed, row.pending).model : seed;
}

/**
 * POST /cycles/{id}/report/statistics-table: build an indicator table from the statistics database for the draft
 * (administrators, as for any edit). Nothing is stored: staff insert the table with the draft's `table` edit (If-Match).
 * The geography is the draft's date unless the body names another.
 */
export async function statisticsTableForDraft(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  body: unknown,
): Promise<StatisticsTableResponse> {
  await requireAdmin(db, user, cycleId, 'statistics_table');
  const row = await requireDraft(db, cycleId);
  return buildStatisticsTable(db, body, row.model.settings.geographyDate);
}

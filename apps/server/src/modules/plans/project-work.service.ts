import crypto from 'node:crypto';
import type {
  FundingLine,
  FundingLineInput,
  FundingLinePatch,
  Milestone,
  MilestoneInput,
  MilestonePatch,
  ProgressUpdate,
  ProgressUpdateInput,
  ProgressUpdatePatch,
} from '@regionlink/shared';
import {
  FundingLineInput as FundingLineSchema,
  MilestoneInput as MilestoneSchema,
  normaliseText,
  ProgressUpdateInput as ProgressUpdateSchema,
} from '@regionlink/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { organisations } from '../access/access.schema';
import type { SessionUser } from '../access/access.service';
import { recordAudit } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { checkFundingLine } from './funding-summary';
import { type Caller, conflict, deny, invalid, isUniqueViolation, optText, signedIn } from './plans.common';
import { geoContext } from './plans.geo';
import { canEditProject, canSeeDrafts } from './plans.policy';
import { fundingLines, milestones, progressEvidence, progressUpdates, projects } from './plans.schema';
import {
  type LoadedProject,
  loadProjectByCode,
  loadProjects,
  scopeOf,
  toFundingLine,
  toMilestone,
  toProgressUpdate,
  visibleUpdates,
} from './projects.service';

/** The caller if they may edit this project's funding, milestones and progress; else 401/403 (audited). */
async function requireEditor(db: Db, caller: Caller, p: LoadedProject, action: string): Promise<SessionUser> {
  const u = signedIn(caller);
  const geo = await geoContext(db);
  if (!canEditProject(u, scopeOf(p, geo))) await deny(db, u, action, 'project', p.row.code);
  return u;
}

async function projectOfId(db: Db, projectId: number): Promise<LoadedProject> {
  const [p] = await loadProjects(db, [projectId]);
  return p;
}

const audit = (tx: unknown, u: SessionUser, action: string, entity: string, id: number | string, detail?: unknown) =>
  recordAudit(tx as Db, { userId: u.id, action, entity, entityId: String(id), detail });

// ---------- Funding lines ----------

function checkLine(input: ReturnType<typeof FundingLineSchema.parse>) {
  const problems = checkFundingLine(input);
  if (problems.length > 0) throw invalid(problems);
}

/** POST /projects/{code}/funding-lines: add a line for a source and year (one per pair: a second is a 409). */
export async function createFundingLine(
  db: Db,
  caller: Caller,
  code: string,
  raw: FundingLineInput,
): Promise<FundingLine> {
  const p = await loadProjectByCode(db, code);
  const u = await requireEditor(db, caller, p, 'create_funding_line');
  const input = FundingLineSchema.parse(raw);
  checkLine(input);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(fundingLines)
        .values({
          projectId: p.row.id,
          source: input.source,
          year: input.year,
          planned: input.planned,
          allocated: input.allocated,
          disbursed: input.disbursed,
          overDisbursementNote: optText(input.overDisbursementNote, normaliseText),
          note: optText(input.note, normaliseText),
          sourceDocument: optText(input.sourceDocument, normaliseText),
          createdBy: u.id,
          updatedBy: u.id,
        })
        .returning({ id: fundingLines.id });
      await audit(tx, u, 'funding_line_created', 'funding_line', row.id, { project: code, ...input });
      return row.id;
    });
    return getFundingLine(db, id);
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'funding_line_exists',
        `Project ${code} already has a ${input.source} line for ${input.year}; edit that line instead.`,
        `Dự án ${code} đã có dòng vốn nguồn này cho năm ${input.year}; hãy sửa dòng đó.`,
      );
    throw e;
  }
}

async function getFundingLine(db: Db, id: number): Promise<FundingLine> {
  const [row] = await db
    .select({ projectId: fundingLines.projectId })
    .from(fundingLines)
    .where(eq(fundingLines.id, id));
  if (!row) throw notFound(`Funding line ${id}`, `dòng vốn ${id}`);
  const p = await projectOfId(db, row.projectId);
  return toFundingLine(p.row.code, p.lines.find((l) => l.id === id)!);
}

async function loadLine(db: Db, id: number) {
  const [row] = await db.select().from(fundingLines).where(eq(fundingLines.id, id));
  if (!row) throw notFound(`Funding line ${id}`, `dòng vốn ${id}`);
  return { row, project: await projectOfId(db, row.projectId) };
}

/** The current state of a funding line (for its ETag). Public, like the registry. */
export const readFundingLine = (db: Db, id: number) => getFundingLine(db, id);

/**
 * PATCH /funding-lines/{id}: change amounts or notes. The whole line is validated again after the change (disbursed
 * above allocated needs an explanation); the write is `where version = If-Match`, so a stale edit is a 412.
 */
export async function updateFundingLine(
  db: Db,
  caller: Caller,
  id: number,
  expectedVersion: number,
  patch: FundingLinePatch,
): Promise<FundingLine> {
  const { row, project } = await loadLine(db, id);
  const u = await requireEditor(db, caller, project, 'update_funding_line');
  const input = FundingLineSchema.parse({
    source: row.source,
    year: row.year,
    planned: row.planned,
    allocated: row.allocated,
    disbursed: row.disbursed,
    overDisbursementNote: row.overDisbursementNote,
    note: row.note,
    sourceDocument: row.sourceDocument,
    ...patch,
  });
  checkLine(input);
  try {
    await db.transaction(async (tx) => {
      const done = await tx
        .update(fundingLines)
        .set({
          source: input.source,
          year: input.year,
          planned: input.planned,
          allocated: input.allocated,
          disbursed: input.disbursed,
          overDisbursementNote: optText(input.overDisbursementNote, normaliseText),
          note: optText(input.note, normaliseText),
          sourceDocument: optText(input.sourceDocument, normaliseText),
          isDemo: false,
          updatedBy: u.id,
          version: sql`${fundingLines.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(fundingLines.id, id), eq(fundingLines.version, expectedVersion)))
        .returning({ id: fundingLines.id });
      if (done.length === 0) throw staleWrite();
      await audit(tx, u, 'funding_line_updated', 'funding_line', id, { fromVersion: expectedVersion, patch });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'funding_line_exists',
        `This project already has a ${input.source} line for ${input.year}.`,
        `Dự án đã có dòng vốn nguồn này cho năm ${input.year}.`,
      );
    throw e;
  }
  return getFundingLine(db, id);
}

/** DELETE /funding-lines/{id} (If-Match). */
export async function deleteFundingLine(db: Db, caller: Caller, id: number, expectedVersion: number) {
  const { project } = await loadLine(db, id);
  const u = await requireEditor(db, caller, project, 'delete_funding_line');
  await db.transaction(async (tx) => {
    const done = await tx
      .delete(fundingLines)
      .where(and(eq(fundingLines.id, id), eq(fundingLines.version, expectedVersion)))
      .returning({ id: fundingLines.id });
    if (done.length === 0) throw staleWrite();
    await audit(tx, u, 'funding_line_deleted', 'funding_line', id, { project: project.row.code });
  });
}

// ---------- Milestones ----------

const milestoneValues = (input: ReturnType<typeof MilestoneSchema.parse>) => ({
  nameVi: normaliseText(input.nameVi),
  nameEn: optText(input.nameEn, normaliseText),
  plannedDate: input.plannedDate,
  actualDate: input.actualDate,
  note: optText(input.note, normaliseText),
});

function checkMilestoneText(v: { nameVi: string }) {
  if (!v.nameVi)
    throw invalid([{ path: 'body.nameVi', messageEn: 'A milestone needs a name.', messageVi: 'Mốc cần có tên.' }]);
}

async function getMilestone(db: Db, id: number): Promise<Milestone> {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!row) throw notFound(`Milestone ${id}`, `mốc tiến độ ${id}`);
  const [p] = await db.select({ code: projects.code }).from(projects).where(eq(projects.id, row.projectId));
  return toMilestone(p.code, row, todayVn());
}
export const readMilestone = getMilestone;

/** POST /projects/{code}/milestones. */
export async function createMilestone(db: Db, caller: Caller, code: string, raw: MilestoneInput): Promise<Milestone> {
  const p = await loadProjectByCode(db, code);
  const u = await requireEditor(db, caller, p, 'create_milestone');
  const values = milestoneValues(MilestoneSchema.parse(raw));
  checkMilestoneText(values);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(milestones)
      .values({ ...values, projectId: p.row.id, createdBy: u.id, updatedBy: u.id })
      .returning({ id: milestones.id });
    await audit(tx, u, 'milestone_created', 'milestone', row.id, { project: code });
    return row.id;
  });
  return getMilestone(db, id);
}

/** PATCH /milestones/{id} (If-Match): e.g. record the actual date. */
export async function updateMilestone(
  db: Db,
  caller: Caller,
  id: number,
  expectedVersion: number,
  patch: MilestonePatch,
): Promise<Milestone> {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!row) throw notFound(`Milestone ${id}`, `mốc tiến độ ${id}`);
  const p = await projectOfId(db, row.projectId);
  const u = await requireEditor(db, caller, p, 'update_milestone');
  const values = milestoneValues(
    MilestoneSchema.parse({
      nameVi: row.nameVi,
      nameEn: row.nameEn,
      plannedDate: row.plannedDate,
      actualDate: row.actualDate,
      note: row.note,
      ...patch,
    }),
  );
  checkMilestoneText(values);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(milestones)
      .set({
        ...values,
        isDemo: false,
        updatedBy: u.id,
        version: sql`${milestones.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(milestones.id, id), eq(milestones.version, expectedVersion)))
      .returning({ id: milestones.id });
    if (done.length === 0) throw staleWrite();
    await audit(tx, u, 'milestone_updated', 'milestone', id, { fromVersion: expectedVersion, patch });
  });
  return getMilestone(db, id);
}

/** DELETE /milestones/{id} (If-Match). */
export async function deleteMilestone(db: Db, caller: Caller, id: number, expectedVersion: number) {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!row) throw notFound(`Milestone ${id}`, `mốc tiến độ ${id}`);
  const p = await projectOfId(db, row.projectId);
  const u = await requireEditor(db, caller, p, 'delete_milestone');
  await db.transaction(async (tx) => {
    const done = await tx
      .delete(milestones)
      .where(and(eq(milestones.id, id), eq(milestones.version, expectedVersion)))
      .returning({ id: milestones.id });
    if (done.length === 0) throw staleWrite();
    await audit(tx, u, 'milestone_deleted', 'milestone', id, { project: p.row.code });
  });
}

// ---------- Progress updates ----------

/** GET /projects/{code}/progress-updates: published updates, plus drafts for those allowed to see them. */
export async function listProgressUpdates(db: Db, caller: Caller, code: string): Promise<ProgressUpdate[]> {
  const p = await loadProjectByCode(db, code);
  return visibleUpdates(db, caller, p, await geoContext(db));
}

/**
 * One progress update as the caller may see it. A draft the caller may not see does not exist for them (404), so
 * drafts cannot be found by guessing ids.
 */
export async function getProgressUpdate(db: Db, caller: Caller, id: number) {
  const [row] = await db.select().from(progressUpdates).where(eq(progressUpdates.id, id));
  const notThere = notFound(`Progress update ${id}`, `báo cáo tiến độ ${id}`);
  if (!row) throw notThere;
  const p = await projectOfId(db, row.projectId);
  const scope = scopeOf(p, await geoContext(db));
  if (row.state !== 'published' && !canSeeDrafts(caller, scope)) throw notThere;
  const [org] = await db.select().from(organisations).where(eq(organisations.id, row.organisationId));
  const ev = await db
    .select({
      id: progressEvidence.id,
      fileName: progressEvidence.fileName,
      contentType: progressEvidence.contentType,
      size: progressEvidence.size,
      sha256: progressEvidence.sha256,
      uploadedAt: progressEvidence.createdAt,
    })
    .from(progressEvidence)
    .where(eq(progressEvidence.updateId, id));
  return { update: toProgressUpdate(p.row.code, row, org, ev), row, project: p, scope };
}

/** Set the project's status from its latest published update (by as-of date, then id), inside the transaction. */
async function refreshStatus(tx: Db, projectId: number) {
  const [latest] = await tx
    .select({ status: progressUpdates.status })
    .from(progressUpdates)
    .where(and(eq(progressUpdates.projectId, projectId), eq(progressUpdates.state, 'published')))
    .orderBy(desc(progressUpdates.asOf), desc(progressUpdates.id))
    .limit(1);
  await tx
    .update(projects)
    .set({ status: latest?.status ?? 'not_reported' })
    .where(eq(projects.id, projectId));
}

function checkAsOf(asOf: string) {
  const max = todayVn();
  if (asOf > max)
    throw invalid([
      {
        path: 'body.asOf',
        messageEn: `The report date ${asOf} is in the future (today is ${max}).`,
        messageVi: `Ngày báo cáo ${asOf} ở tương lai (hôm nay là ${max}).`,
      },
    ]);
}

/**
 * POST /projects/{code}/progress-updates: a responsible organisation reports status, percent and narrative, as a
 * draft or published at once. It is posted in the name of the caller's organisation. Publishing sets the project's
 * status from its latest published update.
 */
export async function createProgressUpdate(
  db: Db,
  caller: Caller,
  code: string,
  raw: ProgressUpdateInput,
): Promise<ProgressUpdate> {
  const p = await loadProjectByCode(db, code);
  const u = await requireEditor(db, caller, p, 'create_progress_update');
  const input = ProgressUpdateSchema.parse(raw);
  const narrative = normaliseText(input.narrative);
  if (!narrative)
    throw invalid([
      { path: 'body.narrative', messageEn: 'Write what happened.', messageVi: 'Hãy nhập nội dung báo cáo.' },
    ]);
  checkAsOf(input.asOf);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(progressUpdates)
      .values({
        projectId: p.row.id,
        organisationId: u.organisation.id,
        authorId: u.id,
        authorName: u.displayName,
        asOf: input.asOf,
        status: input.status,
        percent: input.percent,
        narrative,
        state: input.publish ? 'published' : 'draft',
        publishedAt: input.publish ? sql`now()` : null,
      })
      .returning({ id: progressUpdates.id });
    if (input.publish) await refreshStatus(tx as unknown as Db, p.row.id);
    await audit(tx, u, input.publish ? 'progress_published' : 'progress_drafted', 'progress_update', row.id, {
      project: code,
    });
    return row.id;
  });
  return (await getProgressUpdate(db, caller, id)).update;
}

const lockedUpdate = () =>
  new AppError(
    409,
    'progress_update_published',
    'A published progress update cannot be changed; post a new update instead.',
    'Báo cáo tiến độ đã công bố không được sửa; hãy gửi báo cáo mới.',
  );

async function editableUpdate(db: Db, caller: Caller, id: number, action: string) {
  const found = await getProgressUpdate(db, caller, id);
  const u = await requireEditor(db, caller, found.project, action);
  if (found.row.state === 'published') throw lockedUpdate();
  return { ...found, user: u };
}

/** PATCH /progress-updates/{id} (If-Match): edit a draft. Published updates are history and stay as they are. */
export async function updateProgressUpdate(
  db: Db,
  caller: Caller,
  id: number,
  expectedVersion: number,
  patch: ProgressUpdatePatch,
): Promise<ProgressUpdate> {
  const { row, user } = await editableUpdate(db, caller, id, 'update_progress_update');
  const input = ProgressUpdateSchema.parse({
    asOf: row.asOf,
    status: row.status,
    percent: row.percent,
    narrative: row.narrative,
    ...patch,
    publish: false,
  });
  const narrative = normaliseText(input.narrative);
  if (!narrative)
    throw invalid([
      { path: 'body.narrative', messageEn: 'Write what happened.', messageVi: 'Hãy nhập nội dung báo cáo.' },
    ]);
  checkAsOf(input.asOf);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(progressUpdates)
      .set({
        asOf: input.asOf,
        status: input.status,
        percent: input.percent,
        narrative,
        version: sql`${progressUpdates.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(progressUpdates.id, id),
          eq(progressUpdates.version, expectedVersion),
          eq(progressUpdates.state, 'draft'),
        ),
      )
      .returning({ id: progressUpdates.id });
    if (done.length === 0) throw staleWrite();
    await audit(tx, user, 'progress_updated', 'progress_update', id, { fromVersion: expectedVersion });
  });
  return (await getProgressUpdate(db, caller, id)).update;
}

/** POST /progress-updates/{id}/publish (If-Match): publish a draft; the project's status follows. */
export async function publishProgressUpdate(
  db: Db,
  caller: Caller,
  id: number,
  expectedVersion: number,
): Promise<ProgressUpdate> {
  const { row, user } = await editableUpdate(db, caller, id, 'publish_progress_update');
  await db.transaction(async (tx) => {
    const done = await tx
      .update(progressUpdates)
      .set({
        state: 'published',
        publishedAt: sql`now()`,
        version: sql`${progressUpdates.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(progressUpdates.id, id),
          eq(progressUpdates.version, expectedVersion),
          eq(progressUpdates.state, 'draft'),
        ),
      )
      .returning({ id: progressUpdates.id });
    if (done.length === 0) throw staleWrite();
    await refreshStatus(tx as unknown as Db, row.projectId);
    await audit(tx, user, 'progress_published', 'progress_update', id, { fromVersion: expectedVersion });
  });
  return (await getProgressUpdate(db, caller, id)).update;
}

/** DELETE /progress-updates/{id} (If-Match): discard a draft with its evidence. */
export async function deleteProgressUpdate(db: Db, caller: Caller, id: number, expectedVersion: number) {
  const { user } = await editableUpdate(db, caller, id, 'delete_progress_update');
  await db.transaction(async (tx) => {
    const done = await tx
      .delete(progressUpdates)
      .where(
        and(
          eq(progressUpdates.id, id),
          eq(progressUpdates.version, expectedVersion),
          eq(progressUpdates.state, 'draft'),
        ),
      )
      .returning({ id: progressUpdates.id });
    if (done.length === 0) throw staleWrite();
    await audit(tx, user, 'progress_deleted', 'progress_update', id);
  });
}

// ---------- Evidence ----------

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const EVIDENCE_TYPES: { ext: string[]; type: string; magic: (b: Buffer) => boolean }[] = [
  { ext: ['pdf'], type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    ext: ['png'],
    type: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  { ext: ['jpg', 'jpeg'], type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: ['docx'],
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')),
  },
  {
    ext: ['xlsx'],
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')),
  },
];

/**
 * Decide the type of an evidence file from its name and its first bytes: PDF, PNG, JPEG, DOCX or XLSX whose content
 * matches the extension. Anything else — an executable renamed `.pdf`, a macro workbook, an empty file — is refused.
 */
export function evidenceType(fileName: string, data: Buffer): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const t = EVIDENCE_TYPES.find((x) => x.ext.includes(ext));
  if (!t || data.length === 0 || !t.magic(data))
    throw new AppError(
      415,
      'evidence_type',
      `"${fileName}" is not an accepted evidence file: PDF, PNG, JPEG, DOCX or XLSX whose content matches its extension.`,
      `Tệp "${fileName}" không được chấp nhận: chỉ nhận PDF, PNG, JPEG, DOCX hoặc XLSX có nội dung đúng với phần mở rộng.`,
    );
  if (ext === 'xlsx' && data.includes(Buffer.from('xl/vbaProject.bin')))
    throw new AppError(
      415,
      'evidence_macro',
      'Workbooks with macros are not accepted.',
      'Không nhận bảng tính có macro.',
    );
  return t.type;
}

/** POST /progress-updates/{id}/evidence: attach a file to a draft update (published updates are locked). */
export async function addEvidence(db: Db, caller: Caller, updateId: number, file: { fileName: string; data: Buffer }) {
  const { user } = await editableUpdate(db, caller, updateId, 'add_evidence');
  const fileName =
    normaliseText(file.fileName)
      .replace(/[\\/]/g, '_')
      .split('')
      .map((ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch))
      .join('')
      .slice(-200) || 'evidence';
  if (file.data.length > MAX_EVIDENCE_BYTES)
    throw new AppError(
      413,
      'evidence_too_large',
      `Evidence files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
      `Tệp minh chứng tối đa ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
    );
  const contentType = evidenceType(fileName, file.data);
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(progressEvidence)
      .values({ updateId, fileName, contentType, size: file.data.length, sha256, data: file.data, uploadedBy: user.id })
      .returning({ id: progressEvidence.id });
    await tx
      .update(progressUpdates)
      .set({ version: sql`${progressUpdates.version} + 1`, updatedAt: sql`now()` })
      .where(eq(progressUpdates.id, updateId));
    await audit(tx, user, 'evidence_added', 'progress_evidence', row.id, { updateId, fileName, sha256 });
    return row.id;
  });
  return (await getProgressUpdate(db, caller, updateId)).update.evidence.find((e) => e.id === id)!;
}

async function loadEvidence(db: Db, caller: Caller, id: number) {
  const [row] = await db
    .select({ id: progressEvidence.id, updateId: progressEvidence.updateId })
    .from(progressEvidence)
    .where(eq(progressEvidence.id, id));
  if (!row) throw notFound(`Evidence ${id}`, `tệp minh chứng ${id}`);
  try {
    return { row, found: await getProgressUpdate(db, caller, row.updateId) };
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound(`Evidence ${id}`, `tệp minh chứng ${id}`);
    throw e;
  }
}

/** GET /evidence/{id}: the file, if the caller may see its update (published, or a draft they may see). */
export async function downloadEvidence(db: Db, caller: Caller, id: number) {
  await loadEvidence(db, caller, id);
  const [f] = await db.select().from(progressEvidence).where(eq(progressEvidence.id, id));
  return { fileName: f.fileName, contentType: f.contentType, data: f.data };
}

/** DELETE /evidence/{id}: remove a file from a draft update. */
export async function deleteEvidence(db: Db, caller: Caller, id: number) {
  const { row } = await loadEvidence(db, caller, id);
  const { user } = await editableUpdate(db, caller, row.updateId, 'delete_evidence');
  await db.transaction(async (tx) => {
    await tx.delete(progressEvidence).where(eq(progressEvidence.id, id));
    await tx
      .update(progressUpdates)
      .set({ version: sql`${progressUpdates.version} + 1`, updatedAt: sql`now()` })
      .where(eq(progressUpdates.id, row.updateId));
    await audit(tx, user, 'evidence_deleted', 'progress_evidence', id, { updateId: row.updateId });
  });
}

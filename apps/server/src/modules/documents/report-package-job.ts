import { REPORT_PACKAGE_STEPS, type ReportPackageFile, type UserJob } from '@regionlink/shared';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { users } from '../access/access.schema';
import { loadActiveUser, recordAudit, type SessionUser } from '../access/access.service';
import { getMyJob } from '../jobs/jobs.service';
import { type JobContext, JobFailure, type JobQueue } from '../jobs/queue';
import { reportFiles } from './documents.schema';
import type { DownloadFile } from './documents.service';
import { buildCyclePackage, type CyclePackage, requireAdmin, requirePackageDraft } from './drafts.service';
import { sha256 } from './pdf-writer';

/**
 * A cycle's whole report package prepared as a background job (queue `report-package`): the same package as
 * GET package.zip, rendered on whichever server picks the job (LibreOffice takes seconds), stored in `report_files`
 * and downloaded later. Exactly once: the job's row is inserted in one transaction keyed by the job id (unique), so a
 * retry after a crash between that commit and the job's completion, or two attempts at once, store one package; a
 * retry that finds the row returns it without rendering again. Progress: the steps of REPORT_PACKAGE_STEPS done.
 */

export const REPORT_PACKAGE_JOB = 'report-package';
/** Packages kept per cycle (older ones are removed when a new one is stored). */
const KEEP_PER_CYCLE = 10;

export interface ReportPackageJobData {
  cycleId: number;
}

/** Queue the package of a cycle for the caller (refusals — 401/403/404/409 — come now, not from the job). */
export async function queuePackageJob(
  database: Database,
  queue: JobQueue,
  user: SessionUser | null,
  cycleId: number,
): Promise<UserJob> {
  const { user: me } = await requirePackageDraft(database.db, user, cycleId);
  const jobId = await queue.send<ReportPackageJobData>(REPORT_PACKAGE_JOB, { cycleId }, { userId: me.id });
  return getMyJob(database.db, me, jobId);
}

/** The job: render the package as the person who queued it, store it once, answer what was stored. */
export async function runPackageJob(
  database: Database,
  data: ReportPackageJobData,
  ctx: JobContext,
): Promise<ReportPackageFile> {
  const total = REPORT_PACKAGE_STEPS.length;
  const earlier = await storedPackage(database.db, ctx.jobId);
  if (earlier) {
    await ctx.progress(total, total);
    return earlier;
  }
  const user = await jobUser(database.db, ctx);
  const pkg = await buildCyclePackage(database.db, user, data.cycleId, (step) => {
    void ctx.progress(REPORT_PACKAGE_STEPS.indexOf(step) + 1, total);
  }).catch((e) => {
    throw e instanceof AppError && e.status < 500 ? refusal(e) : e;
  });
  const stored = await storePackage(database.db, ctx, data.cycleId, pkg);
  await ctx.progress(total, total);
  return stored;
}

/** The person who queued the job, as a session would see them (a disabled account is refused, no retry). */
async function jobUser(db: Db, ctx: JobContext): Promise<SessionUser> {
  const me = ctx.userId ? await loadActiveUser(db, ctx.userId) : null;
  if (!me)
    throw refusal(
      new AppError(
        403,
        'forbidden',
        'The account that asked for the package is disabled or no longer exists.',
        'Tài khoản đã yêu cầu chuẩn bị gói hồ sơ bị khoá hoặc không còn.',
      ),
    );
  return { ...me, tokenHash: '', sessionId: `job:${ctx.jobId}` };
}

/** A refusal another attempt would repeat: the job fails at once, its message kept in both languages. */
function refusal(e: AppError): JobFailure {
  return new JobFailure(e.messageEn, { status: e.status, code: e.code, message: e.messageEn, messageVi: e.messageVi });
}

/**
 * Store the package of this job in one transaction: inserted only if no attempt of the job stored one (the unique
 * job id: a concurrent attempt waits for the first's commit, then inserts nothing), audited and the cycle's old
 * packages pruned with it; returns the job's one stored package.
 */
async function storePackage(db: Db, ctx: JobContext, cycleId: number, pkg: CyclePackage): Promise<ReportPackageFile> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [row] = await t
      .insert(reportFiles)
      .values({
        jobId: ctx.jobId,
        cycleId,
        fileName: pkg.file.filename,
        contentType: pkg.file.contentType,
        content: pkg.file.data,
        byteSize: pkg.file.data.length,
        sha256: sha256(pkg.file.data),
        draftVersion: pkg.draftVersion,
        draftStatus: pkg.draftStatus,
        createdBy: ctx.userId,
      })
      .onConflictDoNothing({ target: reportFiles.jobId })
      .returning({ id: reportFiles.id, sha256: reportFiles.sha256 });
    if (row) {
      await recordAudit(t, {
        userId: ctx.userId,
        action: 'report_package_prepared',
        entity: 'report_draft',
        entityId: String(cycleId),
        detail: { jobId: ctx.jobId, fileId: row.id, bytes: pkg.file.data.length, sha256: row.sha256 },
      });
      await pruneOldPackages(t, cycleId);
    }
    return (await storedPackage(t, ctx.jobId)) as ReportPackageFile;
  });
}

/** Keep the cycle's newest packages only. */
async function pruneOldPackages(db: Db, cycleId: number) {
  const keep = db
    .select({ id: reportFiles.id })
    .from(reportFiles)
    .where(eq(reportFiles.cycleId, cycleId))
    .orderBy(desc(reportFiles.createdAt), desc(reportFiles.id))
    .limit(KEEP_PER_CYCLE);
  await db.delete(reportFiles).where(and(eq(reportFiles.cycleId, cycleId), notInArray(reportFiles.id, keep)));
}

const summary = {
  id: reportFiles.id,
  jobId: reportFiles.jobId,
  cycleId: reportFiles.cycleId,
  fileName: reportFiles.fileName,
  bytes: reportFiles.byteSize,
  sha256: reportFiles.sha256,
  draftVersion: reportFiles.draftVersion,
  draftStatus: reportFiles.draftStatus,
  createdBy: users.displayName,
  createdAt: reportFiles.createdAt,
};

type SummaryRow = { [K in keyof typeof summary]: unknown };
const toFile = (r: SummaryRow) =>
  ({
    ...r,
    createdBy: r.createdBy ?? '',
    createdAt: new Date(r.createdAt as string).toISOString(),
  }) as ReportPackageFile;

/** The package a job stored, if any (without its bytes). */
async function storedPackage(db: Db, jobId: string): Promise<ReportPackageFile | null> {
  const [r] = await db
    .select(summary)
    .from(reportFiles)
    .leftJoin(users, eq(users.id, reportFiles.createdBy))
    .where(eq(reportFiles.jobId, jobId));
  return r ? toFile(r) : null;
}

/** The cycle's prepared packages, newest first (MoF administrators, as the zip). */
export async function listPackages(db: Db, user: SessionUser | null, cycleId: number): Promise<ReportPackageFile[]> {
  await requireAdmin(db, user, cycleId, 'export_zip');
  const rows = await db
    .select(summary)
    .from(reportFiles)
    .leftJoin(users, eq(users.id, reportFiles.createdBy))
    .where(eq(reportFiles.cycleId, cycleId))
    .orderBy(desc(reportFiles.createdAt), desc(reportFiles.id));
  return rows.map(toFile);
}

/** One prepared package's bytes, as stored (MoF administrators). */
export async function packageDownload(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  fileId: number,
): Promise<DownloadFile> {
  await requireAdmin(db, user, cycleId, 'export_zip');
  const [r] = await db
    .select()
    .from(reportFiles)
    .where(and(eq(reportFiles.cycleId, cycleId), eq(reportFiles.id, fileId)));
  if (!r)
    throw new AppError(404, 'not_found', 'There is no such prepared package.', 'Không có gói hồ sơ đã chuẩn bị này.');
  return { filename: r.fileName, contentType: r.contentType, data: r.content };
}

import fs from 'node:fs';
import type { ImportJobFailure, ImportJobQuery, ImportProgress, ImportResult, Me, UserJob } from '@regionlink/shared';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/errors';
import { loadActiveUser } from '../access/access.service';
import { getMyJob } from '../jobs/jobs.service';
import { type JobContext, JobFailure, type JobQueue } from '../jobs/queue';
import { importObservations } from './import.service';
import {
  loadUpload,
  lockUpload,
  markUploadFailed,
  markUploadQueued,
  recordUploadCommitted,
  removeSpooled,
  spoolUpload,
  storeUpload,
  updateUploadResult,
} from './import-upload-store';
import { actorOf, importProblem, readRecords, requireImporter } from './upload';

/**
 * A statistics import as a background job (queue `statistics-import`): the upload is stored in the database and the
 * job, on whichever server picks it, runs the same `importObservations` as the person who queued it, with their
 * rights. Exactly once: the import's transaction locks the upload row and records its result there before it commits,
 * so a retry after a crash between that commit and the job's completion returns the committed result. A refused
 * file fails the job at once (no retry would change it), its problems kept for the person in both languages.
 */

export const IMPORT_JOB = 'statistics-import';
/** Problems kept on a failed job (errorCount counts them all). */
const MAX_ERRORS = 1000;

export interface ImportJobData {
  uploadId: number;
}

/** Store the upload and queue its import for the person; answers their new job (state `queued`). */
export async function queueImport(
  database: Database,
  queue: JobQueue,
  user: Me,
  source: AsyncIterable<Buffer>,
  fileName: string | null,
  options: ImportJobQuery,
): Promise<UserJob> {
  requireImporter(user);
  const uploadId = await storeUpload(database, user.id, source, fileName, options);
  const jobId = await queue.send<ImportJobData>(IMPORT_JOB, { uploadId }, { userId: user.id });
  await markUploadQueued(database, uploadId, jobId);
  return getMyJob(database.db, user, jobId);
}

/** An earlier attempt of this job committed the upload (seen inside the import's transaction). */
class AlreadyCommitted extends AppError {
  constructor(readonly result: ImportResult) {
    super(409, 'import_already_committed', 'This upload was already imported.', 'Tệp này đã được nhập.');
  }
}

/** The job: import the stored upload as the person who queued it, reporting rows read of the file's rows. */
export async function runImportJob(database: Database, data: ImportJobData, ctx: JobContext): Promise<ImportResult> {
  const upload = await loadUpload(database, data.uploadId, ctx.userId);
  if (!upload) throw failed(new AppError(404, 'upload_gone', 'The upload no longer exists.', 'Tệp tải lên không còn.'));
  if (upload.result) return committedEarlier(upload.result, ctx);
  const user = ctx.userId ? await loadActiveUser(database.db, ctx.userId) : null;
  const spooled = await spoolUpload(database, upload.id);
  try {
    if (!user)
      throw new AppError(
        403,
        'import_forbidden',
        'The account that queued the import is disabled or no longer exists.',
        'Tài khoản đã gửi tệp nhập bị khoá hoặc không còn.',
      );
    requireImporter(user);
    const result = await importStored(database, user, upload.id, upload.fileName, upload.options, spooled, ctx);
    await updateUploadResult(database, upload.id, result);
    await ctx.progress(result.rowsRead, result.rowsRead);
    return result;
  } catch (e) {
    if (e instanceof AlreadyCommitted) return committedEarlier(e.result, ctx);
    const problem = importProblem(e);
    if (!(problem instanceof AppError)) throw e;
    await markUploadFailed(database, upload.id);
    throw failed(problem);
  } finally {
    removeSpooled(spooled.file);
  }
}

/** The result an earlier attempt committed (a retry after a crash between that commit and the job's completion). */
async function committedEarlier(result: ImportResult, ctx: JobContext): Promise<ImportResult> {
  await ctx.progress(result.rowsRead, result.rowsRead);
  return result;
}

/** Read the spooled file and import it, exactly once, with the person's rights and the options they chose. */
function importStored(
  database: Database,
  user: Me,
  uploadId: number,
  fileName: string | null,
  o: ImportJobQuery,
  spooled: { file: string; lines: number },
  ctx: JobContext,
): Promise<ImportResult> {
  const onProgress = rowProgress(ctx, spooled.lines - 1);
  return readRecords(fs.createReadStream(spooled.file), fileName, o.sheet, (records, u) =>
    importObservations(database.db, actorOf(user), records, {
      dryRun: false,
      dataset: o.dataset,
      at: o.at,
      decimal: o.decimal,
      note: o.note,
      fileName: u.fileName,
      fileSha256: u.sha256,
      fileType: u.fileType,
      warnings: u.warnings,
      newDataset: { titleVi: o.title, publisher: o.publisher, source: o.source, licence: o.licence },
      onProgress: u.fileType === 'csv' ? onProgress : rowProgress(ctx, null),
      once: {
        claim: async (tx) => {
          const done = await lockUpload(tx, uploadId);
          if (done) throw new AlreadyCommitted(done);
        },
        record: (tx, result) => recordUploadCommitted(tx, uploadId, result),
      },
    }),
  );
}

/**
 * Rows read of the file's rows (for CSV its line count less the header, an upper bound; XLSX: unknown until done).
 * `done` stays below `total` until the import has committed, which can take a while after the last row is read.
 */
function rowProgress(ctx: JobContext, estimate: number | null) {
  return (p: ImportProgress) => {
    if (estimate === null || estimate <= 0) void ctx.progress(p.rowsRead);
    else void ctx.progress(Math.min(p.rowsRead, estimate - 1), estimate);
  };
}

/** A refusal as the job's final failure: the problem and its rows, in both languages. */
function failed(problem: AppError): JobFailure {
  const extra = (problem.extra ?? {}) as {
    errors?: ImportJobFailure['errors'];
    errorCount?: number;
    rowsRead?: number;
  };
  const result: ImportJobFailure = {
    status: problem.status,
    code: problem.code,
    message: problem.messageEn,
    messageVi: problem.messageVi,
    errors: (extra.errors ?? []).slice(0, MAX_ERRORS),
    errorCount: extra.errorCount ?? 0,
    rowsRead: extra.rowsRead ?? 0,
  };
  return new JobFailure(problem.messageEn, result);
}

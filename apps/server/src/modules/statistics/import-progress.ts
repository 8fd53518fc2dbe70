import type { ImportProgress } from '@regionlink/shared';
import type { Database } from '../../db/client';
import { getImportProgress } from './import.service';

const EVERY_MS = 1000;

/**
 * Where an import's progress goes besides this server's memory: on PostgreSQL, the `import_progress` table, written
 * on the pool (not the import's transaction, whose writes nobody sees before it commits) at most once a second and
 * at the end, so that a poll answered by another application server sees it too. On PGlite one server runs and its
 * one connection is busy with the import: memory only (undefined here).
 */
export function progressRecorder(
  database: Database,
  id: string | undefined,
  userId: number,
): ((p: ImportProgress) => void) | undefined {
  const pool = database.pool;
  if (!id || database.engine !== 'postgresql' || !pool) return undefined;
  let last = 0;
  let writing: Promise<unknown> = pool
    .query("delete from import_progress where updated_at < now() - interval '1 day'")
    .catch(() => undefined);
  return (p) => {
    const final = p.phase === 'done' || p.phase === 'failed';
    if (!final && Date.now() - last < EVERY_MS) return;
    last = Date.now();
    // One write at a time, in order; a failed write only loses that sample of progress.
    writing = writing.then(() =>
      pool
        .query(
          `insert into import_progress (id, user_id, phase, rows_read, rows_valid, rows_written, errors)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (id) do update set phase = excluded.phase, rows_read = excluded.rows_read,
             rows_valid = excluded.rows_valid, rows_written = excluded.rows_written, errors = excluded.errors,
             updated_at = now()
           where import_progress.user_id = excluded.user_id`,
          [id, userId, p.phase, p.rowsRead, p.rowsValid, p.rowsWritten, p.errors],
        )
        .catch(() => undefined),
    );
  };
}

/**
 * The progress of an import for the user who started it: on PostgreSQL what the importing server (this one or another)
 * recorded, at most a second old; on PGlite this server's memory (ids are random, one server runs).
 */
export async function readImportProgress(
  database: Database,
  id: string,
  userId: number,
): Promise<ImportProgress | null> {
  if (database.engine !== 'postgresql') return getImportProgress(id);
  const [row] = await database.query<{
    phase: ImportProgress['phase'];
    rows_read: number;
    rows_valid: number;
    rows_written: number;
    errors: number;
  }>('select phase, rows_read, rows_valid, rows_written, errors from import_progress where id = $1 and user_id = $2', [
    id,
    userId,
  ]);
  return row
    ? {
        phase: row.phase,
        rowsRead: row.rows_read,
        rowsValid: row.rows_valid,
        rowsWritten: row.rows_written,
        errors: row.errors,
      }
    : null;
}

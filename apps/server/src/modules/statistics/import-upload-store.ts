import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportJobQuery, ImportResult } from '@regionlink/shared';
import type { Database, Db } from '../../db/client';
import { rawSql } from './raw-sql';
import { meter } from './upload';

/**
 * The uploads of queued imports (migration 1330): the file's bytes in chunks of 1 MiB, kept in the database so that
 * whichever server runs the job reads them, and a restart loses nothing. Neither storing nor reading holds the whole
 * file in memory. The bytes are dropped when the job finishes; the row (with the result) a day later.
 */

const CHUNK = 1024 * 1024;

export interface StoredUpload {
  id: number;
  userId: number;
  fileName: string | null;
  options: ImportJobQuery;
  state: 'receiving' | 'queued' | 'committed' | 'failed';
  result: ImportResult | null;
}

/** Re-cut a byte stream into chunks of exactly `size` bytes (the last one shorter). */
async function* rechunk(source: AsyncIterable<Buffer>, size: number): AsyncIterable<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const b of source) {
    parts.push(b);
    length += b.length;
    while (length >= size) {
      const all = Buffer.concat(parts);
      yield all.subarray(0, size);
      parts = [all.subarray(size)];
      length -= size;
    }
  }
  if (length > 0) yield Buffer.concat(parts);
}

/** Remove the uploads whose job finished a day ago, and any older than a week (a job that never ran). */
export async function removeOldUploads(database: Database) {
  await database.query(
    `delete from import_uploads where finished_at < now() - interval '1 day' or created_at < now() - interval '7 days'`,
  );
}

/**
 * Store an upload for a queued import as it streams: metered (refused past MAX_UPLOAD_BYTES, the row then removed),
 * hashed, in chunks. Returns the upload's id.
 */
export async function storeUpload(
  database: Database,
  userId: number,
  source: AsyncIterable<Buffer>,
  fileName: string | null,
  options: ImportJobQuery,
): Promise<number> {
  await removeOldUploads(database);
  const [row] = await database.query<{ id: number }>(
    'insert into import_uploads (user_id, file_name, options) values ($1, $2, $3) returning id',
    [userId, fileName, JSON.stringify(options)],
  );
  try {
    const metered = meter(source);
    let seq = 0;
    let size = 0;
    for await (const chunk of rechunk(metered.iterable, CHUNK)) {
      await database.query('insert into import_upload_chunks (upload_id, seq, bytes) values ($1, $2, $3)', [
        row.id,
        seq++,
        chunk,
      ]);
      size += chunk.length;
    }
    await database.query('update import_uploads set byte_size = $2, file_sha256 = $3 where id = $1', [
      row.id,
      size,
      metered.sha256(),
    ]);
    return row.id;
  } catch (e) {
    await database.query('delete from import_uploads where id = $1', [row.id]);
    throw e;
  }
}

/** Name the job that imports the upload. */
export async function markUploadQueued(database: Database, id: number, jobId: string) {
  await database.query(`update import_uploads set job_id = $2, state = 'queued' where id = $1`, [id, jobId]);
}

/** An upload, if it exists and belongs to `userId`. */
export async function loadUpload(database: Database, id: number, userId: number | null): Promise<StoredUpload | null> {
  const [r] = await database.query<{
    id: number;
    user_id: number;
    file_name: string | null;
    options: ImportJobQuery;
    state: StoredUpload['state'];
    result: ImportResult | null;
  }>('select id, user_id, file_name, options, state, result from import_uploads where id = $1 and user_id = $2', [
    id,
    userId,
  ]);
  return r
    ? { id: r.id, userId: r.user_id, fileName: r.file_name, options: r.options, state: r.state, result: r.result }
    : null;
}

/**
 * Copy an upload's bytes to a temporary file, before the import starts (on PGlite the import's transaction holds the
 * engine, so nothing can be read from the database outside it meanwhile). Also counts its lines: for a CSV file, an
 * upper bound of its rows, the `total` of the job's progress.
 */
export async function spoolUpload(database: Database, id: number): Promise<{ file: string; lines: number }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-queued-')), 'upload');
  const out = fs.openSync(file, 'w');
  let lines = 0;
  let last = 0x0a;
  try {
    for (let seq = 0; ; seq++) {
      const [c] = await database.query<{ bytes: Uint8Array }>(
        'select bytes from import_upload_chunks where upload_id = $1 and seq = $2',
        [id, seq],
      );
      if (!c) break;
      const b = Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength);
      for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, i + 1)) lines++;
      if (b.length) last = b[b.length - 1];
      fs.writeSync(out, b);
    }
  } finally {
    fs.closeSync(out);
  }
  return { file, lines: lines + (last === 0x0a ? 0 : 1) };
}

/** Remove a spooled copy. */
export function removeSpooled(file: string) {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** Inside the import's transaction: the upload row, locked; its committed result if an earlier attempt imported it. */
export async function lockUpload(tx: Db, id: number): Promise<ImportResult | null> {
  const [r] = await rawSql(tx).query<{ result: ImportResult | null }>(
    'select result from import_uploads where id = $1 for update',
    [id],
  );
  return r?.result ?? null;
}

/** Inside the import's transaction, just before it commits: the result, and the bytes are no longer needed. */
export async function recordUploadCommitted(tx: Db, id: number, result: ImportResult) {
  const raw = rawSql(tx);
  await raw.query(
    `update import_uploads set state = 'committed', result = $2, release_id = $3, finished_at = now() where id = $1`,
    [id, JSON.stringify(result), result.releaseId],
  );
  await raw.query('delete from import_upload_chunks where upload_id = $1', [id]);
}

/** After the commit: the result again, now with the id of its import log row. */
export async function updateUploadResult(database: Database, id: number, result: ImportResult) {
  await database.query('update import_uploads set result = $2 where id = $1', [id, JSON.stringify(result)]);
}

/** A refused upload: finished, its bytes dropped. */
export async function markUploadFailed(database: Database, id: number) {
  await database.query(`update import_uploads set state = 'failed', finished_at = now() where id = $1`, [id]);
  await database.query('delete from import_upload_chunks where upload_id = $1', [id]);
}

import type { ImportJobFailure, ImportResult, UserJob } from '@regionlink/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { JOBS } from '../jobs/jobs.registry';
import { JobQueue } from '../jobs/queue';
import { type ImportJobData, runImportJob } from './import-job';

/*
 * Imports queued as background jobs (POST /api/v1/import-jobs → queue `statistics-import`), on the engine under test,
 * with the real queue (pg-boss) worked explicitly by a queue instance of the test: the job runs the import as the
 * person who queued it, shows its progress and result to them alone, fails a refused file at once with its problems,
 * and never imports twice, even when an attempt dies after the import committed.
 */

let t: TestApp;
let admin: string;
let reporter: string;
let viewer: string;
const queues: JobQueue[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  reporter = await t.login('reporter.langson');
  viewer = await t.login('viewer');
});
// One working queue instance per test, stopped after it: a job is run by the instance its test meant.
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
});
afterAll(async () => t?.close());

const q = <T>(sql: string, p: unknown[] = []) => t.database.query<T>(sql, p);
const csv = (rows: string[]) => `indicator,unitCode,period,value\n${rows.join('\n')}\n`;
const years = Array.from({ length: 30 }, (_, i) => 1995 + i);

/** A queue instance working only the import queue (as a server would), with a short polling interval. */
function importQueue(wrap?: (run: () => Promise<ImportResult>, attempt: number) => Promise<ImportResult>) {
  const queue = new JobQueue(t.database, { pollingIntervalSeconds: 0.5, serverId: `import-test-${queues.length}` });
  queue.define<ImportJobData>({
    ...JOBS.statisticsImport,
    retryDelay: 1,
    run: (database, data, ctx) => {
      const run = () => runImportJob(database, data, ctx);
      return wrap ? wrap(run, ctx.attempt) : run();
    },
  });
  queues.push(queue);
  return queue;
}

async function queueImport(body: string, cookie = admin, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/import-jobs${query}`,
    headers: { cookie, 'content-type': 'text/csv', 'x-file-name': 'so-lieu.csv' },
    payload: body,
  });
}

/** Poll the job through the API until it has finished. */
async function finished(id: string, cookie = admin, ms = 90_000): Promise<UserJob> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: { cookie } });
    const job = r.json() as UserJob;
    if (job.state === 'completed' || job.state === 'failed') return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

/** The job's row once it has finished (read in the database: its person may not be able to sign in). */
async function finishedRow(id: string, ms = 90_000) {
  const end = Date.now() + ms;
  for (;;) {
    const [row] = await q<{ state: string; result: ImportJobFailure }>(
      'select state, result from user_jobs where job_id = $1',
      [id],
    );
    if (row.state === 'completed' || row.state === 'failed') return row;
    if (Date.now() > end) throw new Error(`job ${id} still ${row.state}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

/** Count and content hash of the statistics tables: equal before and after means nothing was written. */
async function digest() {
  const out: Record<string, string> = {};
  for (const table of ['observations', 'observation_revisions', 'releases', 'stat_province_agg']) {
    const [r] = await q<{ n: number; h: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out[table] = `${r.n}:${r.h}`;
  }
  return out;
}

const releases = async () => (await q<{ n: number }>('select count(*)::int as n from releases'))[0].n;

describe(`queued imports on ${TEST_ENGINE}`, () => {
  it('queues an import (202), runs it once as its person, shows progress and the result to them alone', async () => {
    const rows = years.flatMap((y) => [`population,20,${y},${700000 + y}`, `population,01,${y},${7000000 + y}`]);
    const res = await queueImport(csv(rows), admin, '?note=qua%20h%C3%A0ng%20%C4%91%E1%BB%A3i');
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json() as UserJob;
    expect(job).toMatchObject({ kind: 'statistics-import', state: 'queued', done: 0 });
    const [stored] = await q<{ byte_size: number; chunks: number; file_sha256: string }>(
      `select byte_size, file_sha256, (select count(*)::int from import_upload_chunks c where c.upload_id = u.id) as chunks
         from import_uploads u where job_id = $1`,
      [job.id],
    );
    expect(stored).toMatchObject({ byte_size: Buffer.byteLength(csv(rows)), chunks: 1 });
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { cookie: reporter } });
    expect(other.statusCode).toBe(404);

    await importQueue().work();
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'completed', attempts: 1, done: 60, total: 60, error: null });
    const result = done.result as ImportResult;
    expect(result).toMatchObject({ dryRun: false, rowsRead: 60, observations: 60, fileType: 'csv' });
    expect(result.added + result.changed + result.unchanged).toBe(60);
    expect(result.added + result.changed).toBeGreaterThan(0);
    expect(result.releaseId).toEqual(expect.any(Number));
    expect(result.importId).toEqual(expect.any(Number));
    const [obs] = await q<{ n: number }>('select count(*)::int as n from observations where release_id = $1', [
      result.releaseId,
    ]);
    expect(obs.n).toBe(result.added + result.changed);
    const [log] = await q<{ status: string; file_name: string; actor: string }>(
      'select status, file_name, actor from stat_imports where id = $1',
      [result.importId],
    );
    expect(log).toEqual({ status: 'committed', file_name: 'so-lieu.csv', actor: 'admin.mof' });
    const [rel] = await q<{ note_vi: string }>('select note_vi from releases where id = $1', [result.releaseId]);
    expect(rel.note_vi).toBe('qua hàng đợi');
    // The bytes are gone once the job finished; one run on record.
    const [left] = await q<{ n: number }>(
      'select count(*)::int as n from import_upload_chunks c join import_uploads u on u.id = c.upload_id where u.job_id = $1',
      [job.id],
    );
    expect(left.n).toBe(0);
    const runs = await q<{ n: number }>('select count(*)::int as n from job_runs where job_id = $1', [job.id]);
    expect(runs[0].n).toBe(1);
  }, 120_000);

  it('a refused file fails the job at once with its problems by row and column, in both languages; nothing saved', async () => {
    const before = await digest();
    const res = await queueImport(csv(['population,20,2024,"813,5"', 'population,Hà Nội,2024,9000000']));
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id;
    await importQueue().work();
    const job = await finished(id);
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
    const failure = job.result as ImportJobFailure;
    expect(failure).toMatchObject({ status: 422, code: 'import_rejected', errorCount: 2, rowsRead: 2 });
    expect(failure.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'value'],
      [3, 'unitCode'],
    ]);
    expect(failure.errors[0].messageVi).toContain('dấu phẩy');
    expect(failure.errors[0].message).toContain('contains a comma');
    expect(failure.messageVi).toContain('Chưa có dữ liệu nào được lưu');
    expect(await digest()).toEqual(before);
    // Not retried: one run, and pg-boss holds the job as failed, not waiting for a retry.
    const runs = await q<{ n: number }>('select count(*)::int as n from job_runs where job_id = $1', [id]);
    expect(runs[0].n).toBe(1);
    const [boss] = await q<{ state: string }>('select state::text as state from pgboss.job where id = $1', [id]);
    expect(boss.state).toBe('failed');
  }, 120_000);

  it('an attempt that dies after the import committed is retried without importing twice', async () => {
    const before = await releases();
    const queue = importQueue(async (run, attempt) => {
      const r = await run();
      if (attempt === 0) throw new Error('simulated crash after the commit');
      return r;
    });
    const res = await queueImport(csv(years.map((y) => `area,20,${y},8310.${y % 10}`)));
    await queue.work();
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ state: 'completed', attempts: 2, done: 30, total: 30 });
    expect(await releases()).toBe(before + 1);
    const runs = await q<{ attempt: number; state: string }>(
      'select attempt, state from job_runs where job_id = $1 order by attempt',
      [res.json().id],
    );
    expect(runs).toEqual([
      { attempt: 0, state: 'failed' },
      { attempt: 1, state: 'completed' },
    ]);
    const result = job.result as ImportResult;
    const [obs] = await q<{ n: number }>('select count(*)::int as n from observations where release_id = $1', [
      result.releaseId,
    ]);
    expect(obs.n).toBe(30);
  }, 120_000);

  it('two attempts of one job at once (a lost server taken for dead) import once: the second finds the commit', async () => {
    const before = await releases();
    const res = await queueImport(csv(years.map((y) => `population,04,${y},${500000 + y}`)));
    const id = res.json().id as string;
    const [{ id: uploadId }] = await q<{ id: number }>('select id from import_uploads where job_id = $1', [id]);
    const [user] = await q<{ id: number }>(`select id from users where username = 'admin.mof'`);
    const ctx = (attempt: number) => ({ jobId: id, attempt, userId: user.id, progress: async () => undefined });
    const [a, b] = await Promise.all([
      runImportJob(t.database, { uploadId }, ctx(0)),
      runImportJob(t.database, { uploadId }, ctx(1)),
    ]);
    expect(a.releaseId).toBe(b.releaseId);
    expect(await releases()).toBe(before + 1);
  }, 120_000);

  it('a reporter of Lạng Sơn cannot import Hà Nội through the queue: the job fails, nothing saved', async () => {
    const before = await digest();
    const res = await queueImport(csv(['population,20,2024,813500', 'population,01,2024,8717600']), reporter);
    expect(res.statusCode, res.body).toBe(202);
    await importQueue().work();
    const job = await finished(res.json().id, reporter);
    expect(job.state).toBe('failed');
    const failure = job.result as ImportJobFailure;
    expect(failure.status).toBe(403);
    expect(failure.errors).toEqual([expect.objectContaining({ row: 3, code: 'not_your_province' })]);
    expect(failure.errors[0].messageVi).toContain('Hà Nội');
    expect(await digest()).toEqual(before);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: { cookie: reporter } });
    expect(mine.json().items.map((j: UserJob) => j.id)).toContain(res.json().id);
  }, 120_000);

  it('an account disabled after queueing: the job refuses to import for it', async () => {
    const before = await releases();
    const res = await queueImport(csv(['population,20,2023,812000']), reporter);
    expect(res.statusCode, res.body).toBe(202);
    await q(`update users set disabled_at = now() where username = 'reporter.langson'`);
    try {
      await importQueue().work();
      const job = await finishedRow(res.json().id);
      expect(job.state).toBe('failed');
      expect(job.result).toMatchObject({ status: 403, code: 'import_forbidden' });
      expect(job.result.messageVi).toContain('bị khoá');
      expect(await releases()).toBe(before);
    } finally {
      await q(`update users set disabled_at = null where username = 'reporter.langson'`);
    }
  }, 120_000);

  it('who may queue: 401 signed out, 403 for a viewer; nothing stored', async () => {
    const [{ n: n0 }] = await q<{ n: number }>('select count(*)::int as n from import_uploads');
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import-jobs',
      headers: { 'content-type': 'text/csv' },
      payload: csv(['population,20,2024,1']),
    });
    expect(anon.statusCode).toBe(401);
    expect((await queueImport(csv(['population,20,2024,1']), viewer)).statusCode).toBe(403);
    const bad = await queueImport(csv(['population,20,2024,1']), admin, '?decimal=semicolon');
    expect(bad.statusCode).toBe(400);
    const [{ n }] = await q<{ n: number }>('select count(*)::int as n from import_uploads');
    expect(n).toBe(n0);
  });
});

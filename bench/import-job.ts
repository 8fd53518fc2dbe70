/**
 * A ≈100k-row import (3,321 communes × 30 years, one indicator) run in the request (`POST /api/v1/imports`) and
 * through the job queue (`POST /api/v1/import-jobs`, then `GET /api/v1/jobs/:id` until it has finished), on the product
 * as its own process (`apps/server/src/main.ts`, the queue worked, `JOBS=1`) over PostgreSQL or PGlite. Each import
 * creates its own dataset, so both take the same path. Prints: the in-request time, the time to queue (the 202), and
 * the time until the job had completed (it includes pg-boss's polling interval: 2 s on PostgreSQL, 5 s on PGlite).
 *
 *   npx tsx bench/import-job.ts --engine postgresql --port 5271
 *
 * With `--crash`: the queued import's server is killed (SIGKILL) while the import runs, and a new server is started
 * on the same database; prints how long after the kill the job had been taken from the dead server (it must first be
 * silent for JOBS_SILENT_SECONDS, 60 s), retried after its back-off and completed, and its attempts.
 *
 * Figures, not a test: note the machine's load with them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { communeCodes, writeCsv, YEARS_1995_2024 } from './generate';
import { createSyntheticIndicator, postCsv, signInAdmin, startServer } from './server';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgresql' },
    port: { type: 'string', default: '5271' },
    pg: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    crash: { type: 'boolean', default: false },
  },
});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-import-job-'));
const log = (m: string) => console.log(`[import-job] ${m}`);

/** POST a file; the status and the JSON body. */
async function post(
  url: string,
  cookie: string,
  file: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await postCsv(url, cookie, file);
  return { status: r.status, body: JSON.parse(r.body) };
}

interface JobView {
  state: string;
  attempts: number;
  result: { observations?: number } | null;
  error: string | null;
}

/** Poll the job until `done` says so; returns it. */
async function waitForJob(
  base: string,
  cookie: string,
  id: string,
  done = (job: JobView) => job.state === 'completed' || job.state === 'failed',
) {
  for (;;) {
    const job = (await (await fetch(`${base}/api/v1/jobs/${id}`, { headers: { cookie } })).json()) as JobView;
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function database(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (args.engine !== 'postgresql')
    return { env: { DATABASE_URL: '', DATA_DIR: path.join(work, 'data') }, drop: async () => undefined };
  const name = `rl_import_job_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: args.pg });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`create database "${name}"`);
  const u = new URL(args.pg as string);
  u.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: u.toString(), DATA_DIR: path.join(work, 'data') },
    drop: () => run(`drop database if exists "${name}" with (force)`),
  };
}

/** Queue the import, kill its server mid-import, start another on the same database, time the recovery. */
async function crashAndRecover(env: Record<string, string>, file: string, rows: number) {
  const first = await startServer(args.port as string, { ...env, JOBS: '1' });
  let cookie = await signInAdmin(first.base);
  await createSyntheticIndicator(first.base, cookie, 'bench_job');
  const queued = await post(`${first.base}/api/v1/import-jobs?dataset=bench-job&title=Bench%20job`, cookie, file);
  if (queued.status !== 202) throw new Error(`queue: ${queued.status} ${JSON.stringify(queued.body)}`);
  const id = queued.body.id as string;
  await waitForJob(first.base, cookie, id, (j) => j.state === 'running');
  // Into the import (the job is running once its row says so; its transaction starts right after).
  await new Promise((r) => setTimeout(r, 1500));
  process.kill(-first.pid, 'SIGKILL');
  const killed = performance.now();
  await first.stop();
  log(`killed the server mid-import (SIGKILL); starting another on the same database`);
  const second = await startServer(args.port as string, { ...env, JOBS: '1' });
  const upMs = performance.now() - killed;
  try {
    cookie = await signInAdmin(second.base);
    const requeued = await waitForJob(second.base, cookie, id, (j) => j.state !== 'running');
    const takenMs = performance.now() - killed;
    const job = await waitForJob(second.base, cookie, id);
    const doneMs = performance.now() - killed;
    console.log(`\n${args.engine}, ${rows.toLocaleString('en')} rows, ${new Date().toISOString()}`);
    console.log('| after the kill | s |');
    console.log('|---|---|');
    console.log(`| the new server answers | ${(upMs / 1000).toFixed(1)} |`);
    console.log(
      `| the job is taken from the dead server (${requeued.state}: ${requeued.error}) | ${(takenMs / 1000).toFixed(1)} |`,
    );
    console.log(
      `| the job has ${job.state} (attempts ${job.attempts}, ${job.result?.observations ?? 0} observations) | ${(doneMs / 1000).toFixed(1)} |`,
    );
    if (job.state !== 'completed' || job.attempts !== 2)
      throw new Error(`job ${job.state} after ${job.attempts}: ${job.error}`);
  } finally {
    await second.stop();
  }
}

async function main() {
  const communes = communeCodes();
  const files = { request: path.join(work, 'a.csv'), job: path.join(work, 'b.csv') };
  const rows = await writeCsv(files.request, {
    indicators: ['bench_req'],
    years: YEARS_1995_2024,
    order: 'indicator',
    communes,
  });
  await writeCsv(files.job, { indicators: ['bench_job'], years: YEARS_1995_2024, order: 'indicator', communes });
  const db = await database();
  if (args.crash) {
    try {
      await crashAndRecover(db.env, files.job, rows);
    } finally {
      await db.drop();
      fs.rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  log(`${args.engine}: starting the server (migrations, reference and demo data)`);
  const { base, stop } = await startServer(args.port as string, { ...db.env, JOBS: '1' });
  try {
    const cookie = await signInAdmin(base);
    for (const code of ['bench_req', 'bench_job']) await createSyntheticIndicator(base, cookie, code);
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    let t0 = performance.now();
    const inRequest = await post(
      `${base}/api/v1/imports?dryRun=false&dataset=bench-req&title=Bench%20request`,
      cookie,
      files.request,
    );
    const requestMs = performance.now() - t0;
    if (inRequest.status !== 200) throw new Error(`in-request import: ${inRequest.status}`);
    t0 = performance.now();
    const queued = await post(`${base}/api/v1/import-jobs?dataset=bench-job&title=Bench%20job`, cookie, files.job);
    const queueMs = performance.now() - t0;
    if (queued.status !== 202) throw new Error(`queue: ${queued.status} ${JSON.stringify(queued.body)}`);
    const job = await waitForJob(base, cookie, queued.body.id as string);
    const jobMs = performance.now() - t0;
    if (job.state !== 'completed') throw new Error(`job ${job.state}: ${job.error}`);
    console.log(
      `\n${args.engine}, ${rows.toLocaleString('en')} rows, load average at start ${load}, ${new Date().toISOString()}`,
    );
    console.log('| path | answer | until imported |');
    console.log('|---|---|---|');
    console.log(`| in the request | ${(requestMs / 1000).toFixed(1)} s (200) | ${(requestMs / 1000).toFixed(1)} s |`);
    console.log(`| queued job | ${(queueMs / 1000).toFixed(1)} s (202) | ${(jobMs / 1000).toFixed(1)} s |`);
  } finally {
    await stop();
    await db.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();

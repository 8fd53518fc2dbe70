import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/db/client';
import { defineJobs } from '../src/modules/jobs/jobs.registry';
import { JobQueue } from '../src/modules/jobs/queue';
import { TEST_PG_ADMIN_URL, pgUrl } from './engine';
import { type Server, startServer, waitHealthy } from './server-process';

/*
 * Two real server processes on one PostgreSQL database (issue 18): they start at the same moment on an empty database
 * (one migrates, the other waits on the advisory lock), both work the job queue with every schedule set to every
 * minute, and each scheduled job runs exactly once per slot whichever server picks it (job_runs: one row per
 * (queue, slot)). Then, with every server stopped, a job is queued; the next server to start runs it, once.
 */
const started: Server[] = [];
const name = `rl_test_${process.pid}_jobs_${crypto.randomBytes(4).toString('hex')}`;
afterAll(async () => {
  for (const s of started) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

const EVERY_MINUTE = {
  JOBS_CRON_REPORTING_REMINDERS: '* * * * *',
  JOBS_CRON_EMAIL_OUTBOX: '* * * * *',
  JOBS_CRON_COUNCIL_FOLLOW_UP_REMINDERS: '* * * * *',
};
const QUEUES = Object.keys(EVERY_MINUTE).length;

async function until<T>(fn: () => Promise<T>, what: string, ms: number): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('job queue with two server processes on PostgreSQL', () => {
  it('each scheduled job runs once per slot on either server; a job queued while all were down runs after restart', async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const env = { DATABASE_URL: pgUrl(name), DEMO: '', ...EVERY_MINUTE };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    started.push(a, b);
    await Promise.all([waitHealthy(a, 180_000), waitHealthy(b, 180_000)]);

    const db = new pg.Client({ connectionString: pgUrl(name) });
    await db.connect();
    const slots = async () =>
      (
        await db.query<{ queue: string; run_key: string; n: number; done: number; servers: string[] }>(
          `select queue, run_key, count(*)::int as n, count(*) filter (where state = 'completed')::int as done,
                  array_agg(server_id) as servers
             from job_runs where queue <> 'test-count' group by queue, run_key order by queue, run_key`,
        )
      ).rows;
    // Two slots of each of the three schedules, completed.
    await until(
      async () => {
        const s = await slots();
        const per = new Map<string, number>();
        for (const r of s) if (r.done > 0) per.set(r.queue, (per.get(r.queue) ?? 0) + 1);
        return per.size === QUEUES && [...per.values()].every((n) => n >= 2);
      },
      'two completed slots of every schedule',
      240_000,
    );
    const s = await slots();
    const servers = new Set(s.flatMap((r) => r.servers));
    console.log(
      `[jobs-process] ${s.length} scheduled runs over ${QUEUES} queues, by ${servers.size} server(s): ` +
        s.map((r) => `${r.queue}@${r.run_key}×${r.n}`).join(', '),
    );
    // run_key is the schedule's slot (its minute), not the job id: two jobs for one slot would share it.
    expect(s.filter((r) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/.test(r.run_key))).toEqual([]);
    expect(s.filter((r) => r.n !== 1)).toEqual([]);
    expect(a.output() + b.output()).not.toMatch(/job queue:/);

    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    // Every server down: queue a job through the same queue code, then start a server.
    const database = await openPostgres(pgUrl(name), 2);
    const producer = new JobQueue(database, { serverId: 'test-producer' });
    defineJobs(producer);
    const id = await producer.send('reporting-reminders', {});
    await producer.stop();
    await database.close();
    const c = await startServer({ DATABASE_URL: pgUrl(name), DEMO: '' });
    started.push(c);
    await waitHealthy(c, 180_000);
    const runs = await until(
      async () => {
        const r = await db.query<{ state: string; server_id: string }>(
          `select state, server_id from job_runs where job_id = $1`,
          [id],
        );
        return r.rows.some((x) => x.state === 'completed') ? r.rows : null;
      },
      'the job queued while every server was down',
      120_000,
    );
    expect(runs.length).toBe(1);
    expect(runs[0].server_id).toMatch(new RegExp(`:${c.proc.pid}:[0-9a-f]{8}$`));
    await db.end();
    c.proc.kill('SIGTERM');
    expect(await c.exited).toBe(0);
  }, 600_000);
});

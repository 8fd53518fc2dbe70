import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { JobQueue } from './queue';

/*
 * The job queue (pg-boss) on the engine under test: PGlite (the library over the engine's worker thread) and
 * PostgreSQL. Real queues, real workers, no fakes: a job a person starts runs once and reports its progress to them
 * alone; two queue instances working the same queue (two servers) run each job once; a job queued before a
 * "restart" is run by the next instance; a failing job is retried and its attempts recorded.
 */

let t: TestApp;
let admin: string;
let reporter: string;
const queues: JobQueue[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  reporter = await t.login('reporter.langson');
});
afterAll(async () => {
  for (const q of queues) await q.stop();
  await t?.close();
});

/** Poll until `fn` returns a truthy value (the queue works asynchronously); fails after `ms`. */
async function until<T>(fn: () => Promise<T>, what: string, ms = 60_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const q = <T>(sql: string, p: unknown[] = []) => t.database.query<T>(sql, p);

function testQueue(runs: string[], opts: { fail?: number } = {}) {
  const queue = new JobQueue(t.database, { pollingIntervalSeconds: 0.5, serverId: `test-${queues.length}` });
  let failures = opts.fail ?? 0;
  queue.define<{ n: number }>({
    name: 'test-count',
    retryDelay: 1,
    retryLimit: 3,
    run: async (_db, data) => {
      runs.push(`${data.n}`);
      if (failures-- > 0) throw new Error(`planned failure ${data.n}`);
      return { n: data.n };
    },
  });
  queues.push(queue);
  return queue;
}

describe(`job queue on ${TEST_ENGINE}`, () => {
  it('an administrator starts the reminders job; it runs once and shows its progress to them alone', async () => {
    const start = await t.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: { cookie: admin },
      payload: { kind: 'reporting-reminders' },
    });
    expect(start.statusCode, start.body).toBe(202);
    const job = start.json();
    expect(job).toMatchObject({ kind: 'reporting-reminders', state: 'queued', done: 0 });
    // Another person: the job does not exist for them, and their list does not show it.
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { cookie: reporter } });
    expect(other.statusCode).toBe(404);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: { cookie: reporter } });
    expect(theirs.json().items).toEqual([]);
    // A reporter may not start one.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: { cookie: reporter },
      payload: { kind: 'reporting-reminders' },
    });
    expect(refused.statusCode).toBe(403);

    await t.app.jobs.work();
    const done = await until(async () => {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { cookie: admin } });
      return r.json().state === 'completed' ? r.json() : null;
    }, 'the reminders job');
    expect(done.total).toBeGreaterThan(0);
    expect(done.done).toBe(done.total);
    expect(done.result).toMatchObject({ notifications: expect.any(Number), emails: expect.any(Number) });
    expect(done.attempts).toBe(1);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: { cookie: admin } });
    expect(mine.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
    const runs = await q<{ n: number }>('select count(*)::int as n from job_runs where job_id = $1', [job.id]);
    expect(runs[0].n).toBe(1);
    await t.app.jobs.stop();
  });

  it('two queue instances working one queue (two servers) run each of 30 jobs exactly once', async () => {
    const runs: string[] = [];
    const a = testQueue(runs);
    const b = testQueue(runs);
    const ids: string[] = [];
    try {
      for (let n = 0; n < 30; n++) ids.push(await (n % 2 ? a : b).send('test-count', { n }));
      await Promise.all([a.work(), b.work()]);
      // Wait for the runs recorded as completed (a job's body starts before its completion is written).
      const completed = () =>
        q<{ job_id: string; n: number }>(
          `select job_id, count(*)::int as n from job_runs where queue = 'test-count' and state = 'completed'
            group by job_id`,
        );
      await until(async () => (await completed()).length >= 30, '30 completed runs');
      // One more polling round of both queues: a second run of any job would show now.
      await new Promise((r) => setTimeout(r, 1_500));
      const rows = await completed();
      expect(rows.length).toBe(30);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.job_id))).toEqual(new Set(ids));
      expect([...runs].sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 30 }, (_, n) => `${n}`));
    } finally {
      // Stopped even when an assertion failed, so that no later test's job is taken by these two.
      await Promise.all([a.stop(), b.stop()]);
      await q(`delete from job_runs where queue = 'test-count'`);
    }
  });

  it('a job queued before a restart is run by the next instance', async () => {
    const runs: string[] = [];
    const before = testQueue(runs);
    const id = await before.send('test-count', { n: 100 });
    await before.stop();
    expect(runs).toEqual([]);
    const after = testQueue(runs);
    await after.work();
    await until(async () => runs.length === 1, 'the job after the restart');
    const [run] = await until(
      () =>
        q<{ state: string; server_id: string }>(
          `select state, server_id from job_runs where job_id = $1 and state <> 'running'`,
          [id],
        ),
      'its run row',
    ).then((r) => (r.length ? r : Promise.reject(new Error('no run'))));
    expect(run).toMatchObject({ state: 'completed', server_id: after.serverId });
    await after.stop();
  });

  it('a job held by a server that died is expired, run by another server, and the lost attempt marked interrupted', async () => {
    const runs: string[] = [];
    // Maintenance (which expires lost jobs) every second instead of every two minutes; read when the queue is made.
    process.env.JOBS_MAINTENANCE_SECONDS = '1';
    const queue = testQueue(runs);
    delete process.env.JOBS_MAINTENANCE_SECONDS;
    const id = await queue.send('test-count', { n: 200 });
    // What a server killed mid-job leaves: the job active since long ago, its run row never finished.
    await q(`update pgboss.job set state = 'active', started_on = now() - interval '1 hour' where id = $1`, [id]);
    await q(
      `insert into job_runs (job_id, queue, run_key, attempt, server_id) values ($1::uuid, 'test-count', $1::text, 0, 'dead:1')`,
      [id],
    );
    await queue.work();
    const rows = await until(
      async () => {
        const r = await q<{ server_id: string; state: string }>(
          'select server_id, state from job_runs where job_id = $1 order by id',
          [id],
        );
        return r.some((x) => x.state === 'completed') ? r : null;
      },
      'the job run again',
      90_000,
    );
    expect(rows).toEqual([
      { server_id: 'dead:1', state: 'interrupted' },
      { server_id: queue.serverId, state: 'completed' },
    ]);
    expect(runs).toEqual(['200']);
    await queue.stop();
  }, 120_000);

  it('a job of a server silent for a minute is taken at once, run by another server, and a live server keeps its job', async () => {
    const runs: string[] = [];
    // Beats every half second; the expiry (15 min by default) and pg-boss's maintenance (2 min) play no part.
    process.env.JOBS_HEARTBEAT_SECONDS = '0.5';
    const queue = testQueue(runs);
    const [person] = await q<{ id: number }>(`select id from users where username = 'admin.mof'`);
    const lost = await queue.send('test-count', { n: 300 }, { userId: person.id });
    const last = await queue.send('test-count', { n: 302 }, { userId: person.id });
    const kept = await queue.send('test-count', { n: 301 });
    // A job each for two other servers, started just now: one last heard from two minutes ago, one heard from now.
    // The silent server's second job is on its last attempt: taken, it fails for good.
    await q(`update pgboss.job set state = 'active', started_on = now() where id = any($1::uuid[])`, [
      [lost, last, kept],
    ]);
    await q('update pgboss.job set retry_limit = 0 where id = $1', [last]);
    await q(`update user_jobs set state = 'running' where job_id = any($1::uuid[])`, [[lost, last]]);
    await q(
      `insert into job_servers (server_id, seen_at) values ('silent:1', now() - interval '2 minutes'), ('alive:1', now())
         on conflict (server_id) do update set seen_at = excluded.seen_at`,
    );
    await q(
      `insert into job_runs (job_id, queue, run_key, attempt, server_id)
         values ($1::uuid, 'test-count', $1::text, 0, 'silent:1'), ($2::uuid, 'test-count', $2::text, 0, 'alive:1'),
                ($3::uuid, 'test-count', $3::text, 0, 'silent:1')`,
      [lost, kept, last],
    );
    const started = Date.now();
    try {
      await queue.work();
      const rows = await until(
        async () => {
          const r = await q<{ server_id: string; state: string; error: string | null }>(
            'select server_id, state, error from job_runs where job_id = $1 order by id',
            [lost],
          );
          return r.some((x) => x.state === 'completed') ? r : null;
        },
        'the silent server job run again',
        30_000,
      );
      const waited = Date.now() - started;
      expect(rows).toEqual([
        { server_id: 'silent:1', state: 'interrupted', error: 'its server stopped answering' },
        { server_id: queue.serverId, state: 'completed', error: null },
      ]);
      // Well before any expiry: the beat (0.5 s) and the retry's back-off (1–2 s) and a poll (0.5 s).
      expect(waited).toBeLessThan(20_000);
      expect(queue.takenFromSilent).toBe(2);
      // Its person saw it run again and complete; the job on its last attempt failed for good, and says why.
      const told = await q<{ job_id: string; state: string; error: string | null; attempts: number }>(
        'select job_id, state, error, attempts from user_jobs where job_id = any($1::uuid[])',
        [[lost, last]],
      );
      expect(told.find((u) => u.job_id === lost)).toMatchObject({ state: 'completed', error: null, attempts: 2 });
      expect(told.find((u) => u.job_id === last)).toMatchObject({
        state: 'failed',
        error: 'its server stopped during its last attempt',
      });
      const [ended] = await q<{ state: string }>('select state::text as state from pgboss.job where id = $1', [last]);
      expect(ended.state).toBe('failed');
      // The live server's job is still its own: active, its attempt running, never run here.
      const [job] = await q<{ state: string }>('select state::text as state from pgboss.job where id = $1', [kept]);
      expect(job.state).toBe('active');
      const keptRuns = await q<{ state: string }>('select state from job_runs where job_id = $1', [kept]);
      expect(keptRuns).toEqual([{ state: 'running' }]);
      expect(runs).toEqual(['300']);
      const [me] = await q<{ n: number }>(
        `select count(*)::int as n from job_servers where server_id = $1 and seen_at > now() - interval '5 seconds'`,
        [queue.serverId],
      );
      expect(me.n).toBe(1);
    } finally {
      delete process.env.JOBS_HEARTBEAT_SECONDS;
      await queue.stop();
      await q('delete from pgboss.job where id = $1', [kept]);
      await q(`update job_runs set state = 'failed' where job_id = $1`, [kept]);
    }
  }, 60_000);

  it('a failing job is retried with back-off and its attempts are recorded', async () => {
    const runs: string[] = [];
    const queue = testQueue(runs, { fail: 2 });
    const id = await queue.send('test-count', { n: 7 });
    await queue.work();
    const rows = await until(
      async () => {
        const r = await q<{ attempt: number; state: string; error: string | null }>(
          'select attempt, state, error from job_runs where job_id = $1 order by attempt',
          [id],
        );
        return r.some((x) => x.state === 'completed') ? r : null;
      },
      'the third attempt',
      90_000,
    );
    expect(rows.map((r) => [r.attempt, r.state])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'completed'],
    ]);
    expect(rows[0].error).toBe('planned failure 7');
    const job = await queue.boss.getJobById<{ n: number }>('test-count', id);
    expect(job?.state).toBe('completed');
    expect(job?.retryBackoff).toBe(true);
    await queue.stop();
  }, 120_000);
});

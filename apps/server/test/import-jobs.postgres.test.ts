import type { ImportResult, UserJob } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoServers, type TwoServers } from './helpers';

/*
 * Two servers on one PostgreSQL database, as behind the proxy: a file queued for import through server A, the job run
 * by server B (the only one working the queue), its progress and result read through A, by the person who queued it.
 */
let two: TwoServers;
let cookie: string;

beforeAll(async () => {
  two = await createTwoServers();
  cookie = await two.login('admin.mof');
});
afterAll(async () => {
  await two?.b.jobs.stop();
  await two?.close();
});

const csv = (rows: number) =>
  `indicator,unitCode,period,value\n${Array.from({ length: rows }, (_, i) => `population,${i < 30 ? '20' : '04'},${1995 + (i % 30)},${800000 + i}`).join('\n')}\n`;

describe('a queued import across two servers (postgresql)', () => {
  it('queued through A, run by B, followed through A to its result', async () => {
    const res = await two.a.inject({
      method: 'POST',
      url: '/api/v1/import-jobs?note=hai%20m%C3%A1y',
      headers: { 'content-type': 'text/csv', cookie },
      payload: csv(60),
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as UserJob).id;
    await two.b.jobs.work();
    let job: UserJob;
    const end = Date.now() + 90_000;
    do {
      await new Promise((r) => setTimeout(r, 250));
      job = (await two.a.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: { cookie } })).json();
    } while (job.state !== 'completed' && job.state !== 'failed' && Date.now() < end);
    expect(job).toMatchObject({ state: 'completed', done: 60, total: 60, attempts: 1 });
    const result = job.result as ImportResult;
    const rows = await two.dbA.query<{ n: number }>(
      'select count(*)::int as n from observations where release_id = $1',
      [result.releaseId],
    );
    expect(rows[0].n).toBe(result.added + result.changed);
    const runs = await two.dbA.query<{ n: number }>('select count(*)::int as n from job_runs where job_id = $1', [id]);
    expect(runs[0].n).toBe(1);
  }, 120_000);
});

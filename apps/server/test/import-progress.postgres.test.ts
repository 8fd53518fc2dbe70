import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoServers, type TwoServers } from './helpers';

/*
 * Two servers on one PostgreSQL database, as behind the proxy: a file imported through one, its progress polled
 * through the other. The importing server records the progress in `import_progress` (outside the import's
 * transaction), so the other answers with it; only the user who started the import may read it.
 */
let two: TwoServers;
let a: FastifyInstance;
let b: FastifyInstance;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  two = await createTwoServers();
  ({ a, b } = two);
  cookie.admin = await two.login('admin.mof');
  cookie.reporter = await two.login('reporter.langson');
});
afterAll(async () => two?.close());

const csv = (rows: number) =>
  `indicator,unitCode,period,value\n${Array.from({ length: rows }, (_, i) => `population,20,${1995 + (i % 30)},${800000 + i}`).join('\n')}\n`;
/** The progress is written at most a second behind the import (and its last state just after the answer). */
async function settled(app: FastifyInstance, id: string, who: string) {
  const end = Date.now() + 10_000;
  for (;;) {
    const res = await progressOn(app, id, who);
    const phase = res.statusCode === 200 ? res.json().phase : null;
    if (phase === 'done' || phase === 'failed' || Date.now() > end) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const progressOn = (app: FastifyInstance, id: string, who: string) =>
  app.inject({ method: 'GET', url: `/api/v1/imports/progress/${id}`, headers: { cookie: cookie[who] } });

describe('import progress seen through another server (postgresql)', () => {
  it('answers through server B for an import run on server A, for the user who started it only', async () => {
    const id = 'progress-test-0001';
    expect((await progressOn(b, id, 'admin')).statusCode).toBe(404);
    const res = await a.inject({
      method: 'POST',
      url: `/api/v1/imports?dryRun=true&progressId=${id}`,
      headers: { 'content-type': 'text/csv', cookie: cookie.admin },
      payload: csv(30),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rowsRead).toBe(30);

    const onB = await settled(b, id, 'admin');
    expect(onB.statusCode).toBe(200);
    expect(onB.json()).toMatchObject({ phase: 'done', rowsRead: 30, rowsValid: 30, errors: 0 });
    // someone else, through either server, learns nothing
    expect((await progressOn(b, id, 'reporter')).statusCode).toBe(404);
    expect((await progressOn(a, id, 'reporter')).statusCode).toBe(404);
  });

  it('records a refused file as failed, with its error count', async () => {
    const id = 'progress-test-0002';
    const res = await a.inject({
      method: 'POST',
      url: `/api/v1/imports?dryRun=true&progressId=${id}`,
      headers: { 'content-type': 'text/csv', cookie: cookie.reporter },
      payload: 'indicator,unitCode,period,value\npopulation,20,2025,abc\nno_such,20,2025,1\n',
    });
    expect(res.statusCode).toBe(422);
    expect((await settled(b, id, 'reporter')).json()).toMatchObject({ phase: 'failed', errors: 2 });
    const [row] = await two.dbB.query<{ phase: string; errors: number; username: string }>(
      'select p.phase, p.errors, u.username from import_progress p join users u on u.id = p.user_id where p.id = $1',
      [id],
    );
    expect(row).toMatchObject({ phase: 'failed', errors: 2, username: 'reporter.langson' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import { type Database, openPostgres } from '../src/db/client';
import { invalidateCatalogue, loadCatalogue } from '../src/modules/statistics/catalogue.service';
import { createTestDatabase } from './helpers';

/*
 * Two servers (two apps with their own pools) on one PostgreSQL database: a catalogue change made through one is seen
 * through the other at once — the other's 30-second cache is dropped by NOTIFY on `regionlink_cache` — and, as the
 * control, a server not listening keeps its stale copy (so the first assertion can fail).
 */
let dbA: Database;
let dbB: Database;
let a: FastifyInstance;
let b: FastifyInstance;
beforeAll(async () => {
  dbA = await createTestDatabase();
  dbB = await openPostgres(String(dbA.pool!.options.connectionString), 2);
  a = await buildApp(dbA, readConfig({ DEMO: '1' }), { webDist: null });
  b = await buildApp(dbB, readConfig({ DEMO: '1' }), { webDist: null });
  await Promise.all([a.ready(), b.ready()]);
  await Promise.all([a.cacheBus.start(), b.cacheBus.start()]);
});
afterAll(async () => {
  await b?.close();
  await dbB?.close();
  await a?.close();
  await dbA?.close();
});

async function until(fn: () => Promise<boolean>, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const nameOnB = async (code: string) => (await loadCatalogue(b.db)).byCode.get(code)?.nameVi;

describe('cache invalidation between servers through LISTEN/NOTIFY', () => {
  it('a catalogue edit through one server is seen through the other well within its 30 s cache', async () => {
    const [first] = (await loadCatalogue(a.db)).byCode.values();
    const before = await nameOnB(first.code);
    expect(before).toBe(first.nameVi);
    // The edit as the catalogue service makes it: commit, then invalidate (which publishes).
    await dbA.query('update indicators set name_vi = $2, version = version + 1 where code = $1', [
      first.code,
      `${first.nameVi} (sửa)`,
    ]);
    invalidateCatalogue(a.db);
    await until(async () => (await nameOnB(first.code)) === `${first.nameVi} (sửa)`, 'server B to see the edit');
    expect(b.cacheBus.received).toBeGreaterThanOrEqual(1);
    // B applying A's invalidation does not publish it back to A (A hears nothing from B).
    await new Promise((r) => setTimeout(r, 500));
    expect(a.cacheBus.received).toBe(0);
  });

  it('a change through one server empties the response cache of the other (the version alone would leave it full)', async () => {
    const anonymous = await b.inject({ method: 'GET', url: '/api/v1/indicators' });
    expect(anonymous.statusCode).toBe(200);
    expect(b.responseCache!.size.entries).toBeGreaterThan(0);
    const received = b.cacheBus.received;
    invalidateCatalogue(a.db);
    await until(async () => b.responseCache!.size.entries === 0, 'server B to empty its response cache');
    expect(b.cacheBus.received).toBeGreaterThan(received);
  });

  it('control: a server that does not listen keeps its stale copy', async () => {
    await b.cacheBus.stop();
    // B reads afresh now, so its 30-second copy is young when it is checked below.
    invalidateCatalogue(b.db);
    const [first] = (await loadCatalogue(a.db)).byCode.values();
    expect(await nameOnB(first.code)).toBe(first.nameVi);
    const received = b.cacheBus.received;
    await dbA.query('update indicators set name_vi = $2, version = version + 1 where code = $1', [
      first.code,
      `${first.nameVi} (lần 2)`,
    ]);
    invalidateCatalogue(a.db);
    expect((await loadCatalogue(a.db)).byCode.get(first.code)?.nameVi).toBe(`${first.nameVi} (lần 2)`);
    // Test 1 saw a notification arrive within this time; B, not listening, gets none.
    await new Promise((r) => setTimeout(r, 1000));
    expect(b.cacheBus.received).toBe(received);
    expect(await nameOnB(first.code)).toBe(first.nameVi);
    // … and its cached public answers.
    await b.inject({ method: 'GET', url: '/api/v1/indicators' });
    invalidateCatalogue(a.db);
    await new Promise((r) => setTimeout(r, 1000));
    expect(b.responseCache!.size.entries).toBeGreaterThan(0);
  });
});

import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import { type Database, openPostgres } from '../src/db/client';
import { openReplica, parseLsn, type ReadReplica } from '../src/db/replica';
import { TEST_PG_ADMIN_URL, pgUrl } from './engine';
import { createTestDatabase } from './helpers';

// Only in the PostgreSQL run. The "replica" is a second copy of the test database whose province 01 carries a
// different name, so each answer shows which database gave it. It is reached through a TCP relay that the test can
// cut, as a replica that goes down would be (the real streaming replica runs in `npm test -- cluster`).

/** A loopback TCP relay to the PostgreSQL server that can be stopped (dropping open connections) and restarted. */
function relay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const start = () =>
    new Promise<number>((resolve) => {
      server = net.createServer((inbound) => {
        const outbound = net.connect(target);
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve(port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server ? server.close(() => resolve()) : resolve();
      server = null;
    });
  return { start, stop };
}

const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

describe('reads on a streaming replica, with fallback to the primary', () => {
  const replicaName = `rl_test_replica_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const target = new URL(TEST_PG_ADMIN_URL);
  const link = relay({ host: target.hostname, port: Number(target.port || 5432) });
  let database: Database;
  let replica: ReadReplica;
  let app: FastifyInstance;
  const logged: string[] = [];

  const unitName = async (cookie?: string) => {
    const res = await app.inject({ url: '/api/v1/geo/units/01?at=2024-01-01', headers: cookie ? { cookie } : {} });
    expect(res.statusCode).toBe(200);
    return res.json().nameVi as string;
  };
  const health = async () => (await app.inject({ url: '/api/health' })).json();

  beforeAll(async () => {
    database = await createTestDatabase();
    await admin((c) => c.query(`create database "${replicaName}" template "${inject('pgTemplate')}"`));
    const r = new pg.Client({ connectionString: pgUrl(replicaName) });
    await r.connect();
    await r.query(`update admin_units set name_vi = name_vi || ' (replica)' where code = '01'`);
    await r.end();
    const port = await link.start();
    const url = new URL(pgUrl(replicaName));
    url.port = String(port);
    replica = await openReplica(url.toString(), database.pool!, {
      max: 2,
      checkIntervalMs: 3_600_000, // checked by hand below, so nothing changes behind the test's back
      log: (m) => logged.push(m),
    });
    database.replica = replica;
    // Routing is what is tested: with the response cache, a repeated public read would not reach any database.
    const config = { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1, responseCacheBytes: 0 };
    app = await buildApp(database, config, { webDist: null });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await replica?.close();
    await database?.close();
    await link.stop();
    await admin((c) => c.query(`drop database if exists "${replicaName}" with (force)`));
  });

  it('sends a public read to the replica and reports it in the health check', async () => {
    expect(await unitName()).toMatch(/\(replica\)$/);
    expect((await health()).replica).toEqual({ up: true, fallbacks: 0, downs: 0 });
  });

  it('after a write, reads of that client go to the primary until the replica has replayed it', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'viewer', password: 'regionlink-demo' },
    });
    expect(login.statusCode).toBe(200);
    const lsn = login.cookies.find((c) => c.name === 'rl_lsn');
    expect(parseLsn(lsn?.value)).not.toBeNull();
    // This copy is not in recovery, so it has replayed nothing: it can never serve a client that wrote.
    expect(await unitName(`rl_lsn=${lsn!.value}`)).not.toMatch(/\(replica\)$/);
    expect(await unitName()).toMatch(/\(replica\)$/);
    // A failed write sets no position.
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'viewer', password: 'wrong password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.cookies.find((c) => c.name === 'rl_lsn')).toBeUndefined();
  });

  it('keeps the response cache of the replica and of the primary apart (a client that wrote reads the primary)', async () => {
    const cached = await buildApp(database, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
    try {
      await cached.ready();
      const name = async (cookie?: string) =>
        (await cached.inject({ url: '/api/v1/geo/units/01?at=2024-01-01', headers: cookie ? { cookie } : {} })).json()
          .nameVi as string;
      expect(await name()).toMatch(/\(replica\)$/);
      expect(await name()).toMatch(/\(replica\)$/);
      expect(cached.responseCache!.size.hits).toBe(1);
      const login = await cached.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'viewer', password: 'regionlink-demo' },
      });
      const lsn = login.cookies.find((c) => c.name === 'rl_lsn')!.value;
      expect(await name(`rl_lsn=${lsn}`)).not.toMatch(/\(replica\)$/);
      expect(await name(`rl_lsn=${lsn}`)).not.toMatch(/\(replica\)$/);
      expect(await name()).toMatch(/\(replica\)$/);
    } finally {
      await cached.close();
    }
  });

  it('answers from the primary, without an error, when the replica goes down', async () => {
    await link.stop();
    expect(await unitName()).not.toMatch(/\(replica\)$/);
    const h = await health();
    expect(h.replica.up).toBe(false);
    expect(h.replica.downs).toBe(1);
    expect(h.replica.fallbacks).toBeGreaterThanOrEqual(1);
    expect(logged.some((m) => m.startsWith('replica unavailable'))).toBe(true);
    // Until a health check finds it again, reads go straight to the primary.
    const before = replica.status().fallbacks;
    expect(await unitName()).not.toMatch(/\(replica\)$/);
    expect(replica.status().fallbacks).toBe(before);
    expect(await replica.check()).toBe(false);
  });

  it('uses the replica again once a health check finds it', async () => {
    await link.start();
    expect(await replica.check()).toBe(true);
    expect(await unitName()).toMatch(/\(replica\)$/);
  });

  it('answers a statement in flight when the replica drops from the primary', async () => {
    const pending = replica.query<{ db: string }>('select pg_sleep(2), current_database() as db');
    // Wait until the statement is running on the replica copy, then cut the link.
    for (;;) {
      const [{ n }] = await database.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and query like '%pg_sleep(2)%'`,
        [replicaName],
      );
      if (n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await link.stop();
    const rows = await pending;
    expect(rows[0].db).not.toBe(replicaName);
    expect(replica.status().up).toBe(false);
    await link.start();
    expect(await replica.check()).toBe(true);
  });

  it('does not send a statement the replica finds wrong to the primary', async () => {
    const before = replica.status().fallbacks;
    await expect(replica.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
    expect(replica.status()).toMatchObject({ up: true, fallbacks: before });
  });
});

describe('the primary pool', () => {
  it('survives the database dropping its idle connections, and reconnects', async () => {
    const target = new URL(TEST_PG_ADMIN_URL);
    const link = relay({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(TEST_PG_ADMIN_URL);
    url.port = String(await link.start());
    const database = await openPostgres(url.toString(), 2);
    try {
      await database.query('select 1');
      expect(database.pool!.idleCount).toBe(1);
      await link.stop();
      // The pool drops the broken idle connection (emitting 'error', which must not end the process).
      while (database.pool!.totalCount > 0) await new Promise((r) => setTimeout(r, 20));
      await link.start();
      expect(await database.query<{ n: number }>('select 1 as n')).toEqual([{ n: 1 }]);
    } finally {
      await database.close();
      await link.stop();
    }
  });
});

describe('replica configuration', () => {
  it('reads DATABASE_REPLICA_URL only together with DATABASE_URL', () => {
    expect(readConfig({ DATABASE_REPLICA_URL: 'postgres://r/x' }).databaseReplicaUrl).toBeNull();
    expect(
      readConfig({ DATABASE_URL: 'postgres://p/x', DATABASE_REPLICA_URL: ' postgres://r/x ' }).databaseReplicaUrl,
    ).toBe('postgres://r/x');
  });

  it('compares WAL positions across the 32-bit boundary', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')! > parseLsn('15/FFFFFFFF')!).toBe(true);
    expect(parseLsn('not an lsn')).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
  });
});

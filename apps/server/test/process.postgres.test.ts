import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_ADMIN_URL, pgUrl } from './engine';
import { type Server, startServer, waitHealthy } from './server-process';

// Only in the PostgreSQL run (see vitest.config.ts): the real server against a throwaway database.
const started: Server[] = [];
afterAll(() => {
  for (const s of started) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
});

describe('server process on PostgreSQL', () => {
  const name = `rl_test_${process.pid}_proc_${crypto.randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('migrates an empty database, loads reference data but no demo accounts, and does not reload on restart', async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const a = await startServer({ DATABASE_URL: pgUrl(name), DEMO: '' });
    started.push(a);
    expect(await waitHealthy(a)).toMatchObject({ database: 'postgresql', demo: false });
    const login = await fetch(`http://127.0.0.1:${a.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin.mof', password: 'regionlink-demo' }),
    });
    expect(login.status).toBe(401);
    expect(a.output()).not.toContain('Demo accounts');
    a.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);

    const b = await startServer({ DATABASE_URL: pgUrl(name), DEMO: '' });
    started.push(b);
    await waitHealthy(b);
    expect(b.output()).toContain('data already loaded');
    const db = new pg.Client({ connectionString: pgUrl(name) });
    await db.connect();
    const { rows } = await db.query(`select count(*)::int as n from admin_units where level = 'province'`);
    expect(rows[0].n).toBe(97);
    await db.end();
    b.proc.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 240_000);
});

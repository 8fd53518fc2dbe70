import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_PG_ADMIN_URL, pgUrl } from '../../test/engine';
import { JobQueue } from '../modules/jobs/queue';
import { openPostgres } from './client';
import { listMigrations, migrate } from './migrate';

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

// CI (2026-12-07): the second of two servers starting at once met "duplicate key … pg_namespace_nspname_index" while
// pg-boss installed its schema, and its job queue never started. The schema is now installed under the migration lock.
describe('two servers starting at once on an empty PostgreSQL database', () => {
  it('one migrates and installs the job queue, the other finds both done; both queues start', async () => {
    const name = `rl_test_twostart_${crypto.randomUUID().slice(0, 8)}`;
    await adminQuery(`create database "${name}"`);
    const servers = [await openPostgres(pgUrl(name), 4), await openPostgres(pgUrl(name), 4)];
    try {
      const applied = await Promise.all(servers.map((s) => migrate(s)));
      // Every migration was applied once, by one of the two.
      expect(applied[0].length + applied[1].length).toBe(listMigrations().length);
      expect(Math.min(applied[0].length, applied[1].length)).toBe(0);
      const [version] = await servers[0].query<{ n: number }>('select count(*)::int as n from pgboss.version');
      expect(version.n).toBe(1);
      const queues = servers.map((s) => new JobQueue(s));
      await Promise.all(queues.map((q) => q.ready()));
      await Promise.all(queues.map((q) => q.stop()));
    } finally {
      for (const s of servers) await s.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    }
  });
});

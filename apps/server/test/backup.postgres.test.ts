import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/config';
import { openPostgres } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { TEST_PG_ADMIN_URL, pgUrl } from './engine';

describe('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  it('restores exactly what was backed up', async () => {
    const name = `rl_test_${process.pid}_bk_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = pgUrl(name);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-pgbk-')), 'backup.pgdump');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'apps/server/src/backup.ts'), ...args], {
        cwd: ROOT_DIR,
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      });
    try {
      let db = await openPostgres(url, 1);
      await migrate(db);
      await db.exec(`insert into reference_loads (key, detail) values ('marker', 'before backup')`);
      await db.close();
      expect(cli(['backup', file]).status).toBe(0);
      db = await openPostgres(url, 1);
      await db.exec(`update reference_loads set detail = 'changed' where key = 'marker'`);
      await db.close();
      const r = cli(['restore', file]);
      expect(r.status, r.stderr).toBe(0);
      db = await openPostgres(url, 1);
      expect(await db.query(`select detail from reference_loads where key = 'marker'`)).toEqual([
        { detail: 'before backup' },
      ]);
      await db.close();
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

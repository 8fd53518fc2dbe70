import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/config';
import { openPglite } from '../src/db/client';
import { migrate } from '../src/db/migrate';

const runCli = (args: string[], dataDir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'apps/server/src/backup.ts'), ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

describe('backup and restore of the embedded database', () => {
  it('restores exactly what was backed up and keeps the replaced data aside', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-backup-'));
    const file = path.join(dir, 'backup.tar.gz');
    let db = await openPglite(path.join(dir, 'pglite'));
    await migrate(db);
    await db.exec(`insert into reference_loads (key, detail) values ('marker', 'before backup')`);
    await db.close();

    const b = runCli(['backup', file], dir);
    expect(b.status, b.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);

    db = await openPglite(path.join(dir, 'pglite'));
    await db.exec(`update reference_loads set detail = 'changed after backup' where key = 'marker'`);
    await db.close();

    const r = runCli(['restore', file], dir);
    expect(r.status, r.stderr).toBe(0);
    db = await openPglite(path.join(dir, 'pglite'));
    expect(await db.query(`select detail from reference_loads where key = 'marker'`)).toEqual([
      { detail: 'before backup' },
    ]);
    await db.close();
    expect(fs.readdirSync(dir).some((f) => f.startsWith('pglite.before-restore-'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to restore a file that does not exist, changing nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-backup-'));
    const r = runCli(['restore', path.join(dir, 'missing.tar.gz')], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('usage: npm run restore');
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

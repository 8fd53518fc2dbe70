import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Server, startServer, waitHealthy } from './server-process';

// Only in the PGlite run (see vitest.config.ts): the real server as a child process, as `npm start` runs it.
const started: Server[] = [];
afterAll(() => {
  for (const s of started) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
});

describe('server process on PGlite', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-proc-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty folder, refuses a second server on it, stops cleanly on SIGTERM and restarts without reloading', async () => {
    const a = await startServer({ DATA_DIR: dataDir });
    started.push(a);
    expect(await waitHealthy(a)).toMatchObject({ status: 'ok', database: 'pglite', demo: true });
    expect(a.output()).toContain('loaded geo-v1');
    expect(a.output()).toContain('reporter.langson');
    expect(fs.existsSync(path.join(dataDir, 'regionlink.lock'))).toBe(true);

    const b = await startServer({ DATA_DIR: dataDir });
    started.push(b);
    expect(await b.exited).toBe(3);
    expect(b.output()).toContain('is in use by another RegionLink server');
    expect(b.output()).toContain('Thư mục dữ liệu đang được một máy chủ RegionLink khác sử dụng');

    a.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.output()).toContain('closing the server and the database');
    expect(fs.existsSync(path.join(dataDir, 'regionlink.lock'))).toBe(false);

    const c = await startServer({ DATA_DIR: dataDir });
    started.push(c);
    await waitHealthy(c);
    expect(c.output()).toContain('data already loaded');
    expect(c.output()).not.toContain('loaded geo-v1');
    const units = (await (await fetch(`http://127.0.0.1:${c.port}/api/v1/geo/units?at=2025-07-01`)).json()) as {
      items: unknown[];
    };
    expect(units.items).toHaveLength(34);
    c.proc.kill('SIGINT');
    expect(await c.exited).toBe(0);
  }, 240_000);

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-stale-'));
    fs.writeFileSync(
      path.join(dir, 'regionlink.lock'),
      JSON.stringify({ pid: 999_999, host: os.hostname(), startedAt: 'earlier' }),
    );
    const { lockDataDir } = await import('../src/db/lock');
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'regionlink.lock'), 'utf8')).pid).toBe(process.pid);
    expect(() => lockDataDir(dir)).toThrow(/in use by another RegionLink server/);
    release();
    expect(fs.existsSync(path.join(dir, 'regionlink.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

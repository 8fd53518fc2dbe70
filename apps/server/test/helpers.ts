import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type BuildAppOptions, buildApp } from '../src/app';
import { type AppConfig, readConfig } from '../src/config';
import { type Database, openPglite, openPostgres } from '../src/db/client';
import { DEMO_PASSWORD } from '../src/modules/access/access.seed';
import { TEST_ENGINE, TEST_PG_ADMIN_URL, pgUrl } from './engine';

/**
 * A fresh copy of the migrated, seeded test database on the engine under test (real PGlite or real PostgreSQL, no
 * mocks). Close it at the end of the file; on PostgreSQL that drops the copy.
 */
export async function createTestDatabase(): Promise<Database> {
  if (TEST_ENGINE === 'pglite') {
    const file = inject('pgliteTemplate');
    return openPglite(null, new Blob([fs.readFileSync(file)]));
  }
  const name = `rl_test_${inject('pgRunId')}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`);
  await admin.end();
  const database = await openPostgres(pgUrl(name), 4);
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await a.connect();
    await a.query(`drop database if exists "${name}" with (force)`);
    await a.end();
  };
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  /** Sign in a demo account and return the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application over a fresh test database, for `inject()` route tests. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1, ...overrides };
  const app = await buildApp(database, config, { webDist: null });
  await app.ready();
  return {
    app,
    database,
    config,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'rl_session');
      return `rl_session=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Two application servers (each its own app and pool) on one fresh PostgreSQL database, as behind the proxy: for the
 * tests of what must hold across servers. `login` signs in through server A; the session works on both.
 */
export async function createTwoServers() {
  const dbA = await createTestDatabase();
  const dbB = await openPostgres(String(dbA.pool!.options.connectionString), 2);
  const config = { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 };
  const a = await buildApp(dbA, config, { webDist: null });
  const b = await buildApp(dbB, config, { webDist: null });
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    dbA,
    dbB,
    async login(username: string) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return String(res.headers['set-cookie']).split(';')[0];
    },
    async close() {
      await b.close();
      await dbB.close();
      await a.close();
      await dbA.close();
    },
  };
}
export type TwoServers = Awaited<ReturnType<typeof createTwoServers>>;

/** Assert-friendly view of a problem+json response. */
export function problemOf(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  return { status: res.statusCode, type: String(res.headers['content-type']), body: JSON.parse(res.body) };
}

/**
 * An app on a fresh test database serving the built web app in `dist` (a miniature one a test wrote); `prepare`
 * runs first (a build step), and `close` removes `dist` as well.
 */
export function appServingWeb(dist: string, prepare?: () => void, options: Omit<BuildAppOptions, 'webDist'> = {}) {
  const served = {} as { app: FastifyInstance; database: Database };
  beforeAll(async () => {
    prepare?.();
    served.database = await createTestDatabase();
    served.app = await buildApp(served.database, readConfig({ DEMO: '1' }), { ...options, webDist: dist });
    await served.app.ready();
  });
  afterAll(async () => {
    await served.app?.close();
    await served.database?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });
  return served;
}

/**
 * A built web app in miniature, in a new temporary folder: Vite's index.html and manifest (the first script, the
 * application it imports once the first screen is painted, and the three pages' chunks, which share a chunk with the
 * application and import one of their own). The real build step that writes the first screens runs on it
 * (`writeFirstScreens`, apps/web/scripts/first-screens.ts).
 */
export function miniatureWebDist(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-first-screens-'));
  fs.mkdirSync(path.join(dist, '.vite'));
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html>\n<html lang="vi" data-mantine-color-scheme="light">\n<head><title>RegionLink</title>' +
      '<script type="module" crossorigin src="/assets/index-A1.js"></script></head>\n<body><div id="root"></div></body></html>',
  );
  const page = (file: string) => ({ file: `assets/${file}`, imports: ['_react-R1.js', `_${file}-own.js`] });
  const manifest = {
    'index.html': { file: 'assets/index-A1.js', isEntry: true, imports: ['_preload-helper-H1.js'] },
    '_preload-helper-H1.js': { file: 'assets/preload-helper-H1.js' },
    'src/app/start.tsx': { file: 'assets/start-S1.js', imports: ['_react-R1.js'] },
    '_react-R1.js': { file: 'assets/react-R1.js' },
    'src/features/geo/MapPage.tsx': page('MapPage-M1.js'),
    '_MapPage-M1.js-own.js': { file: 'assets/ProvinceMap-P1.js' },
    'src/features/statistics/ExplorerPage.tsx': page('ExplorerPage-E1.js'),
    '_ExplorerPage-E1.js-own.js': { file: 'assets/Grapher-G1.js' },
    'src/features/analytics/NationalPage.tsx': page('NationalPage-N1.js'),
    '_NationalPage-N1.js-own.js': { file: 'assets/KeyFigures-K1.js' },
  };
  fs.writeFileSync(path.join(dist, '.vite/manifest.json'), JSON.stringify(manifest));
  return dist;
}

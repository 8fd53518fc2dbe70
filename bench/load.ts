/**
 * `npm run bench:load` — public reads under load (issue 18 item 5): the real server as a child process (as `npm start`
 * runs it, demo data), then autocannon in this process with 200 connections for 10 s against
 *   (a) the statistics query the map sends (`/api/v1/data`, one indicator, provinces, one year), and
 *   (b) the geography units (`/api/v1/geo/units`, provinces),
 * with the response cache on (RESPONSE_CACHE_MB default) and off (RESPONSE_CACHE_MB=0), on PGlite and, when
 * PostgreSQL answers (127.0.0.1:5432 or `--pg`), on a fresh demo database created for the run and dropped after.
 * Prints req/s, latency p50 / p97.5 / p99 / max, errors and non-2xx answers. Figures, not a test: the machine's load
 * (printed, `uptime`) moves them.
 *
 *   npm run bench:load
 *   npm run bench:load -- --engines pglite --connections 100 --duration 20
 *   npm run bench:load -- --pg postgres://postgres@127.0.0.1:5432/postgres --port 3304
 */
import { execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { portAnswers, startServer } from './server';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: '' },
    pg: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '3304' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    cache: { type: 'string', default: 'on,off' },
  },
});

/** What is asked: the map's query (as the web client writes it) and the units list. */
const TARGETS = [
  {
    name: 'statistics query (map)',
    path: '/api/v1/data?indicator=population&at=2025-07-01&level=province&period=2024',
  },
  { name: 'geography units', path: '/api/v1/geo/units?level=province' },
];
/** What a browser sends: the cache then serves its Brotli copy. */
const HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

type Engine = 'pglite' | 'postgresql';
interface Row {
  engine: Engine;
  cache: string;
  target: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  total: number;
}

const log = (m: string) => console.log(`[load] ${m}`);
const uptime = () => execSync('uptime').toString().trim();

/** A few sequential requests per target, so that caches, the JIT and the pool are warm; each must answer 200. */
async function warm(base: string) {
  for (const t of TARGETS)
    for (let i = 0; i < 20; i++) {
      const res = await fetch(base + t.path, { headers: HEADERS });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${t.path} answered ${res.status} while warming`);
    }
}

async function hammer(base: string, target: (typeof TARGETS)[number]) {
  const r = await autocannon({
    url: base + target.path,
    connections: Number(args.connections),
    duration: Number(args.duration),
    headers: HEADERS,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/** One server start per engine and cache setting; both targets against it. */
async function runEngine(engine: Engine, env: Record<string, string>, rows: Row[]) {
  for (const cache of (args.cache as string).split(',')) {
    log(`${engine}, cache ${cache}: starting the server (${uptime()})`);
    const server = await startServer(args.port as string, { ...env, RESPONSE_CACHE_MB: cache === 'off' ? '0' : '64' });
    try {
      await warm(server.base);
      for (const target of TARGETS) {
        const m = await hammer(server.base, target);
        rows.push({ engine, cache, target: target.name, ...m });
        log(`${engine}, cache ${cache}, ${target.name}: ${Math.round(m.rps)} req/s, p99 ${m.p99} ms`);
      }
    } finally {
      await server.stop();
    }
  }
}

async function withFreshPostgres<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `rl_load_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function engines(): Promise<Engine[]> {
  if (args.engines) return (args.engines as string).split(',').filter(Boolean) as Engine[];
  const pgUp = await portAnswers(Number(new URL(args.pg as string).port || 5432), new URL(args.pg as string).hostname);
  return pgUp ? ['pglite', 'postgresql'] : ['pglite'];
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

function table(rows: Row[]): string {
  const head = '| engine | cache | what | req/s | p50 ms | p97.5 ms | p99 ms | max ms | errors | non-2xx | requests |';
  const lines = rows.map(
    (r) =>
      `| ${r.engine} | ${r.cache} | ${r.target} | ${fmt(r.rps)} | ${r.p50} | ${r.p975} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} | ${r.total.toLocaleString('en-US')} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}

async function main() {
  const rows: Row[] = [];
  const started = uptime();
  const list = await engines();
  log(`engines ${list.join(', ')}; ${args.connections} connections for ${args.duration} s per target`);
  for (const engine of list) {
    if (engine === 'pglite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-load-'));
      try {
        await runEngine('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' }, rows);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-load-'));
      await withFreshPostgres(args.pg as string, (url) =>
        runEngine('postgresql', { DATA_DIR: dataDir, DATABASE_URL: url }, rows),
      );
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log(`${os.cpus().length} CPUs; load before: ${started}; after: ${uptime()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

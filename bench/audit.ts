/**
 * `npx tsx bench/audit.ts [--rows-years 15]`: the cost of the audit trail on a statistics import.
 *
 * The same ~50,000-row CSV (3,321 communes × 15 years of one indicator) is imported through POST /api/v1/imports as
 * the MoF administrator, alternately with the audit triggers on and switched off on every table (3 times each, a new
 * release each time), on PGlite and, when reachable, on PostgreSQL. It prints the median import time of each, the
 * overhead, the audit rows written per import and the time to seal them into the hash chain.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { readConfig } from '../apps/server/src/config';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';
import { DEMO_PASSWORD } from '../apps/server/src/modules/access/access.seed';
import { sealAudit } from '../apps/server/src/modules/access/audit.service';
import { communeCodes, writeCsv } from './generate';

const YEARS = Array.from({ length: 15 }, (_, i) => 2010 + i);
const REPEAT = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function setTriggers(db: Database, on: boolean) {
  const tables = await db.query<{ t: string; g: string }>(
    `select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'audit_trail_row'`,
  );
  for (const { t } of tables) await db.exec(`alter table "${t}" ${on ? 'enable' : 'disable'} trigger audit_trail_row`);
}

async function run(engine: string, database: Database, files: string[], rows: number) {
  await migrate(database);
  await loadReferenceData(database, { demo: true });
  const app = await buildApp(database, { ...readConfig({ DEMO: '1' }) }, { webDist: null });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin.mof', password: DEMO_PASSWORD },
  });
  const cookie = `rl_session=${login.cookies.find((c) => c.name === 'rl_session')!.value}`;
  const ind = await app.inject({
    method: 'POST',
    url: '/api/v1/indicators',
    headers: { cookie },
    payload: {
      code: 'bench_audit',
      nameVi: 'Chỉ tiêu đo nhật ký',
      nameEn: 'Audit benchmark',
      unitVi: 'đơn vị',
      unitEn: 'units',
      aggregation: 'sum',
    },
  });
  if (ind.statusCode !== 201) throw new Error(`indicator: ${ind.body}`);
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const auditRows: number[] = [];
  const sealMs: number[] = [];
  for (let i = 0; i < REPEAT * 2; i++) {
    const mode = i % 2 === 0 ? 'on' : 'off';
    await setTriggers(database, mode === 'on');
    const [before] = await database.query<{ n: number }>('select count(*)::int n from audit_trail');
    const t0 = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/imports?dryRun=false&dataset=bench_audit_${i}&title=Audit%20benchmark%20${i}`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: fs.createReadStream(files[i]),
    });
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`import: ${r.statusCode} ${r.body.slice(0, 300)}`);
    times[mode].push(ms);
    const [after] = await database.query<{ n: number }>('select count(*)::int n from audit_trail');
    if (mode === 'on') {
      auditRows.push(after.n - before.n);
      const s0 = performance.now();
      await sealAudit(database);
      sealMs.push(performance.now() - s0);
    }
    console.log(
      `${engine}: import ${i + 1} (audit ${mode}) ${(ms / 1000).toFixed(2)} s, ${after.n - before.n} audit rows`,
    );
  }
  await setTriggers(database, true);
  await app.close();
  const on = median(times.on);
  const off = median(times.off);
  return { engine, rows, on, off, overhead: on / off - 1, auditRows: median(auditRows), sealMs: median(sealMs) };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-audit-'));
  // One indicator per import, so that every import writes all its rows (a re-import of equal values writes none).
  const files = Array.from({ length: REPEAT * 2 }, (_, i) => path.join(work, `obs-${i}.csv`));
  let rows = 0;
  for (const [i, f] of files.entries())
    rows = await writeCsv(f, {
      indicators: [`bench_audit_${i}`],
      years: YEARS,
      order: 'indicator',
      communes: communeCodes(),
      seed: i + 1,
    });
  const results = [];
  const pgl = await openPglite(null);
  results.push(await run('pglite', pgl, files, rows));
  await pgl.close();
  const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rl_bench_audit_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString(), 4);
    db.pool?.on('error', () => undefined);
    results.push(await run('postgresql', db, files, rows));
    await db.close();
  } catch (e) {
    console.log(`PostgreSQL skipped: ${(e as Error).message}`);
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(
    '\n| engine | rows | import, audit off (median of 3) | import, audit on | overhead | audit rows per import | sealing them |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results)
    console.log(
      `| ${r.engine} | ${r.rows.toLocaleString('en')} | ${(r.off / 1000).toFixed(2)} s | ${(r.on / 1000).toFixed(2)} s | ${(r.overhead * 100).toFixed(0)} % | ${r.auditRows.toLocaleString('en')} | ${(r.sealMs / 1000).toFixed(2)} s |`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { communeCodes, writeCsv, YEARS_1995_2024 } from '../../../../../bench/generate';
import { pgUrl, TEST_ENGINE, TEST_PG_ADMIN_URL } from '../../../test/engine';
import { ROOT_DIR } from '../../config';
import { type Database, openPglite, openPostgres } from '../../db/client';

// The real command-line importer as a child process, killed with SIGKILL in the middle of an import, on the engine
// under test: the previous release must be intact, the database must reopen, and the next import must work.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-crash-'));
const children: ChildProcess[] = [];
let env: Record<string, string>;
let openDb: () => Promise<Database>;
let dropDb: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  if (TEST_ENGINE === 'pglite') {
    // A data folder holding the migrated, seeded test database, as `npm start` leaves it.
    const seeded = await openPglite(path.join(work, 'pglite'), new Blob([fs.readFileSync(inject('pgliteTemplate'))]));
    await seeded.close();
    env = { DATA_DIR: work, DATABASE_URL: '' };
    openDb = () => openPglite(path.join(work, 'pglite'));
  } else {
    const name = `rl_test_${inject('pgRunId')}_crash_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`);
    await admin.end();
    env = { DATABASE_URL: pgUrl(name), DEMO: '' };
    openDb = () => openPostgres(pgUrl(name), 2);
    dropDb = async () => {
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  }
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await dropDb();
  fs.rmSync(work, { recursive: true, force: true });
});

function cli(args: string[], extraEnv: Record<string, string> = {}, nodeArgs: string[] = []) {
  const proc = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(ROOT_DIR, 'apps/server/src/cli.ts'), ...args],
    {
      cwd: ROOT_DIR,
      env: { ...process.env, ...env, ...extraEnv },
    },
  );
  children.push(proc);
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function state(db: Database) {
  const [o] = await db.query<{ n: number; h: string }>(
    `select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from observations x`,
  );
  const [r] = await db.query<{ n: number }>('select count(*)::int as n from releases');
  const [v] = await db.query<{ n: number }>('select count(*)::int as n from observation_revisions');
  const [a] = await db.query<{ h: string }>(
    `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from stat_province_agg x`,
  );
  return { observations: o.n, hash: o.h, releases: r.n, revisions: v.n, agg: a.h };
}

describe(`an import killed mid-way on ${TEST_ENGINE}`, () => {
  it('leaves the previous release intact; the database reopens and the next import works', async () => {
    const communes = communeCodes();
    const first = path.join(work, 'first.csv');
    await writeCsv(first, { indicators: ['population'], years: [2020], order: 'indicator', communes });
    const a = cli(['import', first, '--dataset', 'crash-test', '--title', 'Crash test']);
    expect(await a.exited, a.output()).toBe(0);
    expect(a.output()).toContain('Imported release #1');

    let db = await openDb();
    const before = await state(db);
    await db.close();

    // A much larger second release that also revises the first one's values (seed 7 instead of 42).
    const big = path.join(work, 'big.csv');
    const rows = await writeCsv(big, {
      indicators: ['population', 'area', 'budget_revenue', 'budget_expenditure'],
      years: YEARS_1995_2024,
      order: 'year',
      seed: 7,
      communes,
    });
    expect(rows).toBe(4 * 30 * communes.length);
    const b = cli(['import', big, '--dataset', 'crash-test']);
    // Kill once at least 100,000 rows have been read and batches are being written inside the transaction.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/(1|2|3)00\.000 rows read/.test(b.output()) || /writing: [1-9]/.test(b.output())) {
          clearInterval(timer);
          resolve();
        } else if (b.proc.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`import ended before it could be killed:\n${b.output()}`));
        }
      }, 20);
    });
    b.proc.kill('SIGKILL');
    expect(await b.exited).toBeNull();
    expect(b.output()).not.toContain('Imported release');

    db = await openDb();
    expect(await state(db)).toEqual(before);
    const [rel] = await db.query<{ number: number }>(
      `select max(r.number)::int as number from releases r join datasets d on d.id = r.dataset_id where d.code = 'crash-test'`,
    );
    expect(rel.number).toBe(1);
    await db.close();

    // The killed process left its lock file behind on PGlite; the next run takes it over and imports normally.
    const c = cli(['import', first, '--dataset', 'crash-test']);
    expect(await c.exited, c.output()).toBe(0);
    expect(c.output()).toContain('Imported release #2');
    expect(c.output()).toContain(`${communes.length} unchanged`);
    // Three command-line runs and a 398,520-row file: more than the default minute on a busy 2-core machine.
  }, 300_000);
});

describe(`a file of a million rows on ${TEST_ENGINE}`, () => {
  it('imports through the command line within a 256 MB JavaScript heap (streamed, never held in memory)', async () => {
    const file = path.join(work, 'million.csv');
    const indicators = [
      'population',
      'area',
      'budget_revenue',
      'budget_expenditure',
      'budget_balance_transfer',
      'budget_target_transfer',
      'budget_net_transfer',
      'fdi_projects_new',
      'fdi_capital_new',
      'budget_revenue_plan',
    ];
    const rows = await writeCsv(file, { indicators, years: YEARS_1995_2024, order: 'year' });
    expect(rows).toBe(996_300);
    const run = cli(['import', file, '--dataset', 'million'], {}, ['--max-old-space-size=256']);
    expect(await run.exited, run.output().slice(-2000)).toBe(0);
    const m = /(\d+) observations \((\d+) added, (\d+) changed, (\d+) unchanged\)/.exec(run.output());
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(996_300);
    expect(Number(m![2]) + Number(m![3]) + Number(m![4])).toBe(996_300);
    const db = await openDb();
    const [n] = await db.query<{ n: number }>(
      `select count(*)::int as n from observations o join indicators i on i.id = o.indicator_id
       where i.code = any($1::text[]) and length(o.unit_code) = 5 and o.period between 1995 and 2024`,
      [indicators],
    );
    expect(n.n).toBe(996_300);
    await db.close();
  }, 600_000);
});

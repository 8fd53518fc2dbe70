import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { loadReferenceData } from '../src/db/seed';
import { TEST_ENGINE, TEST_PG_ADMIN_URL, pgUrl } from './engine';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgRunId: string;
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Build one migrated database holding the reference and demo data, once per run: a PGlite dump file, or a PostgreSQL
 * template database. Each test file then gets its own copy in well under a second instead of re-running initdb.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now()}`;
  if (TEST_ENGINE === 'pglite') {
    const database = await openPglite(null);
    await migrate(database);
    await loadReferenceData(database, { demo: true });
    const dump = await database.pglite!.dumpDataDir('none');
    const file = path.join(os.tmpdir(), `regionlink-test-${runId}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplate', '');
    project.provide('pgRunId', '');
    return () => fs.rmSync(file, { force: true });
  }
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  // Remove what an interrupted earlier run left behind: databases of runs whose process is gone. Runs in progress
  // (another worktree, another terminal) keep theirs.
  const stale = await admin.query(`select datname from pg_database where datname ~ '^rl_test_[0-9]+_'`);
  for (const r of stale.rows) {
    const pid = Number(/^rl_test_(\d+)_/.exec(r.datname)?.[1]);
    if (!processAlive(pid)) await admin.query(`drop database if exists "${r.datname}" with (force)`);
  }
  const tpl = `rl_test_${runId}_tpl`;
  await admin.query(`create database "${tpl}"`);
  const database = await openPostgres(pgUrl(tpl), 2);
  await migrate(database);
  await loadReferenceData(database, { demo: true });
  await database.close();
  project.provide('pgliteTemplate', '');
  project.provide('pgTemplate', tpl);
  project.provide('pgRunId', runId);
  return async () => {
    const left = await admin.query(`select datname from pg_database where datname like $1`, [`rl_test_${runId}_%`]);
    for (const r of left.rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.end();
  };
}

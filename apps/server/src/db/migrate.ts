import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../config';
import type { Database } from './client';

export interface Migration {
  name: string;
  sql: string;
  hash: string;
}

/** The SQL migrations in the folder, in file-name order (`0001_…`, `0002_…`). */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name: f.replace(/\.sql$/, ''), sql, hash: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Apply the pending migrations, each in its own transaction together with its bookkeeping row, so that a crash
 * leaves either the old or the new schema. A migration already applied whose file has changed is an error:
 * migrations are append-only once committed.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  if (!database.pool) return migrateNow(database, dir);
  // Several servers starting at once on PostgreSQL: one migrates, the others wait for it and then find nothing to do.
  // The lock is held by a session of its own, outside the pool: a pool of one connection (the command-line tools)
  // would otherwise wait for itself. Ending that session releases the lock.
  const lock = new pg.Client(database.pool.options as pg.ClientConfig);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(72011)');
    return await migrateNow(database, dir);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

async function migrateNow(database: Database, dir: string): Promise<string[]> {
  await database.exec(
    `create table if not exists schema_migrations (name text primary key, hash text not null, applied_at timestamptz not null default now())`,
  );
  const applied = new Map(
    (await database.query<{ name: string; hash: string }>('select name, hash from schema_migrations')).map((r) => [
      r.name,
      r.hash,
    ]),
  );
  const done: string[] = [];
  for (const m of listMigrations(dir)) {
    const prior = applied.get(m.name);
    if (prior) {
      if (prior !== m.hash)
        throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
      continue;
    }
    const escapedName = m.name.replace(/'/g, "''");
    await database.exec(
      `begin;\n${m.sql}\n;insert into schema_migrations (name, hash) values ('${escapedName}', '${m.hash}');\ncommit;`,
    );
    done.push(m.name);
  }
  // Every table gets the audit trigger, including tables of migrations that sort before the audit trail's own
  // (0900_audit_trail.sql) but were added after it was applied.
  const [audit] = await database.query("select 1 as x from pg_proc where proname = 'audit_attach_all'");
  if (audit) await database.query('select audit_attach_all()');
  await installJobQueueSchema(database);
  return done;
}

/**
 * The job queue's tables (pg-boss's own construction plan, schema `pgboss`), installed here under the migration lock.
 * pg-boss serialises its installation with an advisory lock of its own, but two servers starting at once on PostgreSQL
 * still met "duplicate key … pg_namespace_nspname_index" on its `create schema if not exists` (CI, 2026-12-07): the
 * second server's queue then never started. Installed here, one server creates it and the others find it; pg-boss's
 * `start` sees its version and only migrates it if a newer pg-boss needs that.
 */
async function installJobQueueSchema(database: Database) {
  const [installed] = await database.query<{ t: string | null }>(`select to_regclass('pgboss.version')::text as t`);
  if (!installed?.t) await database.exec(PgBoss.getConstructionPlans('pgboss'));
}

import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type PgliteClient, startPgliteThread } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgresql';

/** An open database: the drizzle handle, which engine it is, and raw SQL helpers that work on both. */
export interface Database {
  db: Db;
  engine: Engine;
  /** Run raw SQL with positional parameters and return plain rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite's interface, served by a worker thread that owns the engine (see pglite-thread.ts). */
  pglite: PgliteClient | null;
  pool: pg.Pool | null;
}

// Keep numeric and bigint columns as JS numbers on node-postgres, as PGlite does for the types we use.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

/**
 * Open PGlite on `dir` (or in memory when `dir` is null, or from a dump), with the extensions the schema needs. The
 * engine runs in a worker thread, so a long statement does not block the event loop of the server;
 * `PGLITE_IN_PROCESS=1` runs it on the main thread instead (as before; for comparison in `npm run bench`).
 */
export async function openPglite(dir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const client: PgliteClient =
    process.env.PGLITE_IN_PROCESS === '1'
      ? await PGlite.create({ dataDir: dir ?? undefined, extensions: { pg_trgm, unaccent }, loadDataDir })
      : await startPgliteThread(dir, loadDataDir);
  // drizzle's PGlite session uses query() and transaction(), both of which the worker client provides.
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    pool: null,
    async query(sql, params) {
      const res = await client.query(sql, params as unknown[]);
      return res.rows as never[];
    },
    async exec(sql) {
      await client.exec(sql);
    },
    async close() {
      if (client.closed) return;
      await client.query('CHECKPOINT');
      await client.close();
    },
  };
}

/** Open a PostgreSQL pool on `url`. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgresql',
    pglite: null,
    pool,
    async query(sql, params) {
      const res = await pool.query(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Open whichever engine the configuration names: PostgreSQL when a URL is given, else PGlite in `dataDir/pglite`. */
export function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'pglite'));
}

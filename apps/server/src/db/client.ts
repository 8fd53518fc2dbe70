import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { tagSql } from './actor';
import { type PgliteClient, startPgliteThread } from './pglite-thread';
import { openReplica, type ReadReplica } from './replica';
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
  /** The streaming replica for reads that may lag (DATABASE_REPLICA_URL; PostgreSQL only), see replica.ts. */
  replica: ReadReplica | null;
}

// Keep numeric and bigint columns as JS numbers on node-postgres, as PGlite does for the types we use.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

/** Make an in-process PGlite prefix each statement with the current actor's comment (the worker client does it itself). */
function tagPglite(db: PGlite): PGlite {
  type Q = (sql: string, ...rest: unknown[]) => Promise<unknown>;
  const wrap = <T extends { query: Q; exec: (sql: string) => Promise<unknown> }>(o: T): T => {
    const query = o.query.bind(o);
    const exec = o.exec.bind(o);
    o.query = ((sql: string, ...rest: unknown[]) => query(tagSql(sql), ...rest)) as Q;
    o.exec = (sql: string) => exec(tagSql(sql));
    return o;
  };
  wrap(db as unknown as { query: Q; exec: (sql: string) => Promise<unknown> });
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (tx: unknown) => Promise<unknown>) =>
    transaction((tx) =>
      fn(wrap(tx as unknown as { query: Q; exec: (sql: string) => Promise<unknown> })),
    )) as typeof db.transaction;
  return db;
}

/**
 * PGlite's start parameters: its own, with shared buffers of `PGLITE_SHARED_BUFFERS` (default 32MB; PGlite's default
 * is 128MB). The buffers are WebAssembly memory, which is never given back, so they are a floor of the server's
 * memory; the data files stay in the operating system's page cache either way (docs/benchmarks.md, memory).
 */
export function pgliteStartParams(env: NodeJS.ProcessEnv = process.env): string[] {
  const size = env.PGLITE_SHARED_BUFFERS || '32MB';
  if (!/^\d+(kB|MB|GB)$/.test(size))
    throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 32MB or 128MB, got "${size}"`);
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${size}`];
}

/**
 * Open PGlite on `dir` (or in memory when `dir` is null, or from a dump), with the extensions the schema needs. The
 * engine runs in a worker thread, so a long statement does not block the event loop of the server;
 * `PGLITE_IN_PROCESS=1` runs it on the main thread instead (as before; for comparison in `npm run bench`).
 */
export async function openPglite(dir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const startParams = pgliteStartParams();
  const client: PgliteClient =
    process.env.PGLITE_IN_PROCESS === '1'
      ? tagPglite(
          await PGlite.create({
            dataDir: dir ?? undefined,
            extensions: { pg_trgm, unaccent },
            loadDataDir,
            startParams,
          }),
        )
      : await startPgliteThread(dir, loadDataDir, startParams);
  // drizzle's PGlite session uses query() and transaction(), both of which the worker client provides.
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    pool: null,
    replica: null,
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

/** Make a node-postgres client prefix each statement (text or COPY) with the current actor's comment. */
function tagClient(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (first: unknown, ...rest: unknown[]) => {
    if (typeof first === 'string') return query(tagSql(first), ...rest);
    // Named prepared statements must keep their text, so they are left untagged (none are used today).
    if (
      first &&
      typeof first === 'object' &&
      typeof (first as { text?: unknown }).text === 'string' &&
      !(first as { name?: unknown }).name
    ) {
      const q = first as { text: string };
      q.text = tagSql(q.text);
    }
    return query(first, ...rest);
  };
}

/** Open a PostgreSQL pool on `url`, and beside it a pool on the streaming replica when `replicaUrl` is given. */
export async function openPostgres(url: string, max = 10, replicaUrl: string | null = null): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Every statement carries the current actor for the audit trail (actor.ts); pool.query goes through a client too.
  pool.on('connect', (client) => tagClient(client));
  // An idle connection the server drops (restart, failover, network) is discarded by the pool; without a listener
  // node-postgres would re-throw the error and end the process.
  pool.on('error', (e) => console.warn(`database connection lost (the pool will reconnect): ${e.message}`));
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const replica = replicaUrl ? await openReplica(replicaUrl, pool, { max }) : null;
  return {
    db,
    engine: 'postgresql',
    pglite: null,
    pool,
    replica,
    async query(sql, params) {
      const res = await pool.query(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await replica?.close();
      await pool.end();
    },
  };
}

/**
 * Open whichever engine the configuration names: PostgreSQL when a URL is given (with its replica if one is named),
 * else PGlite in `dataDir/pglite` (a replica URL is then ignored: PGlite has none).
 */
export function openDatabase(opts: {
  databaseUrl: string | null;
  databaseReplicaUrl?: string | null;
  dataDir: string;
}): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, 10, opts.databaseReplicaUrl ?? null)
    : openPglite(path.join(opts.dataDir, 'pglite'));
}

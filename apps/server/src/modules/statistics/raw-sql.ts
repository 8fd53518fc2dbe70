import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from '../../db/client';

/**
 * Raw SQL on the connection behind a drizzle handle or transaction, for what the query builder cannot do fast:
 * array parameters, COPY in and out, rows as arrays. Works on PGlite and on node-postgres; inside a transaction it
 * uses that transaction's own connection, so everything stays all-or-nothing.
 */
export interface RawSql {
  engine: 'pglite' | 'postgresql';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Run a statement and return the number of rows it affected. */
  count(text: string, params?: unknown[]): Promise<number>;
  /** Rows as arrays of column values (cheaper to decode for large results). */
  queryArrays(text: string, params?: unknown[]): Promise<unknown[][]>;
  /** `COPY table (columns) FROM` CSV text. Only inside a transaction on PostgreSQL. */
  copyInCsv(table: string, columns: string[], csv: string): Promise<void>;
  /**
   * Stream the CSV output of `COPY (select …) TO …` without building row objects; `prefix` (a byte-order mark, a
   * header line of the caller's own) is sent first.
   */
  copyOutCsv(select: string, opts?: CopyOutOptions): Readable;
}

export interface CopyOutOptions {
  header?: boolean;
  delimiter?: ',' | ';';
  prefix?: string;
}

/** The stream a COPY is piped into: a 1 MiB buffer, so the 64 KiB chunks of the COPY do not pause it at every one. */
const COPY_BUFFER = 1 << 20;

const copyOptions = (opts?: CopyOutOptions) =>
  `${opts?.header ? ', header' : ''}${opts?.delimiter === ';' ? ", delimiter ';'" : ''}`;

type PgliteLike = {
  query: (
    q: string,
    p?: unknown[],
    o?: Record<string, unknown>,
  ) => Promise<{ rows: unknown[]; blob?: Blob; affectedRows?: number }>;
};

function clientOf(db: Db): unknown {
  // drizzle keeps the driver client on its session; inside a transaction it is that transaction's connection.
  const session = (db as unknown as { session?: { client?: unknown } }).session;
  const client = session?.client ?? (db as unknown as { $client?: unknown }).$client;
  if (!client) throw new Error('raw-sql: no driver client behind this drizzle handle');
  return client;
}

/** Raw access to the connection behind `db` (a drizzle database or transaction). */
export function rawSql(db: Db): RawSql {
  const client = clientOf(db);
  if (client instanceof pg.Pool || client instanceof pg.Client) return pgRaw(client);
  return pgliteRaw(client as PgliteLike);
}

function pgRaw(client: pg.Pool | pg.Client): RawSql {
  return {
    engine: 'postgresql',
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows;
    },
    async count(text, params) {
      return (await client.query(text, params as unknown[])).rowCount ?? 0;
    },
    async queryArrays(text, params) {
      return (await client.query({ text, values: params as unknown[], rowMode: 'array' })).rows;
    },
    async copyInCsv(table, columns, csv) {
      if (client instanceof pg.Pool) throw new Error('copyInCsv needs a transaction connection');
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(csv);
      });
    },
    copyOutCsv(select, opts) {
      // Piped, so a slow reader pauses the COPY stream instead of filling memory.
      const out = new PassThrough({ highWaterMark: COPY_BUFFER });
      if (opts?.prefix) out.write(opts.prefix);
      void (async () => {
        const conn = client instanceof pg.Pool ? await client.connect() : client;
        let released = false;
        let ended = false;
        // A connection left in the middle of a COPY (the client went away) is destroyed, never reused.
        const release = (broken?: Error) => {
          if (released) return;
          released = true;
          if (client instanceof pg.Pool) (conn as pg.PoolClient).release(broken);
        };
        const s = conn.query(copyTo(`copy (${select}) to stdout with (format csv${copyOptions(opts)})`));
        s.on('error', (e: Error) => {
          release(e);
          out.destroy(e);
        });
        s.on('end', () => {
          ended = true;
          release();
        });
        out.on('close', () => {
          if (!ended) release(new Error('download aborted'));
        });
        s.pipe(out);
      })().catch((e) => out.destroy(e as Error));
      return out;
    },
  };
}

function pgliteRaw(client: PgliteLike): RawSql {
  return {
    engine: 'pglite',
    async query(text, params) {
      return (await client.query(text, params)).rows as never[];
    },
    async count(text, params) {
      return (await client.query(text, params)).affectedRows ?? 0;
    },
    async queryArrays(text, params) {
      return (await client.query(text, params, { rowMode: 'array' })).rows as unknown[][];
    },
    async copyInCsv(table, columns, csv) {
      await client.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`, [], {
        blob: new Blob([csv]),
      });
    },
    copyOutCsv(select, opts) {
      return Readable.from(
        (async function* () {
          if (opts?.prefix) yield Buffer.from(opts.prefix);
          const res = await client.query(`copy (${select}) to '/dev/blob' with (format csv${copyOptions(opts)})`);
          if (res.blob) yield Buffer.from(await res.blob.arrayBuffer());
        })(),
      );
    },
  };
}

/** Quote a SQL literal for the rare statements that cannot take parameters (COPY of a query). */
export function sqlLiteral(v: string | number): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('sqlLiteral: not a finite number');
    return String(v);
  }
  if (v.includes('\u0000')) throw new Error('sqlLiteral: NUL in text');
  return `'${v.replace(/'/g, "''")}'`;
}

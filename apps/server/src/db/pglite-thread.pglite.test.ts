import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openPglite, pgliteStartParams } from './client';

// PGlite in its worker thread (pglite-thread.ts), through the same Database interface every module uses.
describe('PGlite in a worker thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite(null);
    await db.exec('create table t (id int primary key, v text, b bytea, at timestamptz, d date)');
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.query('delete from t');
  });

  it('keeps the event loop free while a long statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const before = ticks;
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from generate_series(1, 3000000)');
    const during = ticks - before;
    clearInterval(timer);
    expect(row.n).toBe(3_000_000);
    // On the main thread the WASM engine would hold the loop for the whole statement: no timer could fire.
    expect(during).toBeGreaterThan(0);
  });

  it('returns the same values as in-process PGlite: numbers, bytea, and the raw text drizzle asks for', async () => {
    await db.query(`insert into t values (1, 'á', '\\x0102', '2025-07-01 00:00:00+07', '2025-07-01')`);
    const [r] = await db.query<{ id: number; b: Uint8Array; at: Date; d: string }>('select * from t where id = 1');
    expect(r.id).toBe(1);
    expect([...r.b]).toEqual([1, 2]);
    expect(r.at).toBeInstanceOf(Date);
    expect(r.at.toISOString()).toBe('2025-06-30T17:00:00.000Z');
    // drizzle passes parsers that keep timestamps and dates as text; they must survive the trip to the worker.
    const rows = (await db.db.execute(sql`select at, d from t where id = 1`)) as unknown as { rows: unknown[] };
    expect(rows.rows[0]).toEqual({ at: '2025-06-30 17:00:00+00', d: '2025-07-01' });
    const arrays = await db.pglite!.query<unknown[]>('select id, v from t', [], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, 'á']]);
  });

  it('commits a transaction, and rolls back everything of one that throws, savepoints included', async () => {
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, v) values (10, 'kept')`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into t (id, v) values (11, 'undone by the savepoint')`);
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    await expect(
      db.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, v) values (12, 'rolled back')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('select id, v from t order by id')).toEqual([{ id: 10, v: 'kept' }]);
  });

  it('runs other statements only after an open transaction ends, in order', async () => {
    const order: string[] = [];
    const tx = db.pglite!.transaction(async (t) => {
      await t.query(`insert into t (id, v) values (20, 'in tx')`);
      // This statement from outside waits for the transaction (one engine, one session), then sees its row.
      const outside = db.query<{ n: number }>('select count(*)::int as n from t').then((r) => {
        order.push(`outside saw ${r[0].n}`);
      });
      await t.query('select pg_sleep(0.05)');
      order.push('tx done');
      return { outside };
    });
    await (await tx).outside;
    expect(order).toEqual(['tx done', 'outside saw 1']);
  });

  it('passes database errors back with their SQLSTATE, and leaves the connection usable', async () => {
    await db.query(`insert into t (id, v) values (30, 'a')`);
    const err = await db.query(`insert into t (id, v) values (30, 'b')`).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('t_pkey');
    expect(err.message).toContain('duplicate key');
    const viaDrizzle = await db.db.execute(sql`select * from missing_table`).catch((e: Error & { cause?: Error }) => e);
    const cause = ((viaDrizzle as { cause?: unknown }).cause ?? viaDrizzle) as { code?: string };
    expect(cause.code).toBe('42P01');
    expect(await db.query('select count(*)::int as n from t')).toEqual([{ n: 1 }]);
  });

  it('copies CSV in from a blob and out to a blob, inside and outside transactions', async () => {
    await db.pglite!.transaction(async (tx) => {
      await tx.query(`copy t (id, v) from '/dev/blob' with (format csv)`, [], {
        blob: new Blob(['1,"Hà Nội"\n2,"Huế, cũ"\n']),
      });
    });
    const out = await db.pglite!.query(`copy (select id, v from t order by id) to '/dev/blob' with (format csv)`);
    expect(await out.blob?.text()).toBe('1,Hà Nội\n2,"Huế, cũ"\n');
  });

  it('dumps the data folder and opens a new engine from the dump', async () => {
    await db.query(`insert into t (id, v) values (40, 'dumped')`);
    const dump = await db.pglite!.dumpDataDir('gzip');
    expect(dump.size).toBeGreaterThan(0);
    const copy = await openPglite(null, dump);
    expect(await copy.query('select id, v from t')).toEqual([{ id: 40, v: 'dumped' }]);
    await copy.close();
    expect(copy.pglite!.closed).toBe(true);
    await expect(copy.query('select 1')).rejects.toThrow();
  });
});

describe('PGlite in a worker thread, on disk', () => {
  it('keeps what was written after close and reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-pglite-thread-'));
    try {
      let db = await openPglite(dir);
      await db.exec(`create table k (v text); insert into k values ('persisted');`);
      await db.close();
      db = await openPglite(dir);
      expect(await db.query('select v from k')).toEqual([{ v: 'persisted' }]);
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PGlite start parameters', () => {
  it('runs with 32MB of shared buffers unless PGLITE_SHARED_BUFFERS says otherwise', async () => {
    const before = process.env.PGLITE_SHARED_BUFFERS;
    try {
      delete process.env.PGLITE_SHARED_BUFFERS;
      const db = await openPglite(null);
      expect((await db.query<{ shared_buffers: string }>('show shared_buffers'))[0].shared_buffers).toBe('32MB');
      await db.close();
      process.env.PGLITE_SHARED_BUFFERS = '64MB';
      const db64 = await openPglite(null);
      expect((await db64.query<{ shared_buffers: string }>('show shared_buffers'))[0].shared_buffers).toBe('64MB');
      await db64.close();
    } finally {
      if (before === undefined) delete process.env.PGLITE_SHARED_BUFFERS;
      else process.env.PGLITE_SHARED_BUFFERS = before;
    }
  });

  it('refuses a size it cannot read, naming the variable', () => {
    expect(() => pgliteStartParams({ PGLITE_SHARED_BUFFERS: '32 megabytes' })).toThrow(/PGLITE_SHARED_BUFFERS.*32MB/);
    expect(pgliteStartParams({ PGLITE_SHARED_BUFFERS: '256kB' })).toContain('shared_buffers=256kB');
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_ENGINE, TEST_PG_ADMIN_URL, pgUrl } from '../../../test/engine';
import { createTestDatabase } from '../../../test/helpers';
import { type Database, openPglite, openPostgres } from '../../db/client';
import { listMigrations, migrate } from '../../db/migrate';

/**
 * Migration 1340: observations is a table partitioned by hash of the indicator (16 partitions); rows of any indicator,
 * including one created later, land in a partition; a statement naming one indicator reads one partition; the
 * migration keeps the rows of a database migrated before it.
 */

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** A new, empty database on the engine under test (nothing migrated); closing it drops it on PostgreSQL. */
async function openBlankDatabase(): Promise<Database> {
  if (TEST_ENGINE === 'pglite') return openPglite(null);
  const name = `rl_test_${inject('pgRunId')}_mig1340_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create database "${name}"`);
  const database = await openPostgres(pgUrl(name), 2);
  const close = database.close;
  database.close = async () => {
    await close();
    await admin(`drop database if exists "${name}" with (force)`);
  };
  return database;
}

const PARTITIONING = 'select partstrat, partnatts from pg_partitioned_table where partrelid = $1::regclass';
const LEAF_OF = (where: string) =>
  `select o.tableoid::regclass::text as part, count(*)::int as n from observations o where ${where} group by 1`;

describe(`observations partitioned by indicator (${TEST_ENGINE})`, () => {
  it('is a hash-partitioned table of 16 partitions, keyed on indicator_id', async () => {
    expect(await database.query(PARTITIONING, ['observations'])).toEqual([{ partstrat: 'h', partnatts: 1 }]);
    const parts = await database.query<{ n: number }>(
      `select count(*)::int as n from pg_partition_tree('observations') where isleaf`,
    );
    expect(parts[0].n).toBe(16);
    const key = await database.query<{ col: string }>(`select pg_get_partkeydef('observations'::regclass) as col`);
    expect(key[0].col).toBe('HASH (indicator_id)');
    const pk = await database.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'observations'::regclass and contype = 'p'`,
    );
    expect(pk[0].def).toBe('PRIMARY KEY (indicator_id, unit_code, geo_date, period)');
  });

  it('puts the rows of a new indicator in exactly one partition, and a one-indicator read scans only it', async () => {
    const [{ id }] = await database.query<{ id: number }>(
      `insert into indicators (code, name_vi, name_en, unit_vi, unit_en, aggregation, measure, periodicity)
       values ('PART.NEW', 'Chỉ tiêu mới', 'New indicator', 'người', 'persons', 'sum', 'stock', 'periodic') returning id`,
    );
    const [{ rel }] = await database.query<{ rel: number }>('select coalesce(max(id), 1) as rel from releases');
    await database.query(
      `insert into observations (indicator_id, unit_code, geo_date, period, value, release_id)
       select $1, code, geo_date, 2024, 1, $2 from stat_units where level = 'commune' limit 50`,
      [id, rel],
    );
    const where = `indicator_id = ${Number(id)}`;
    const leaves = await database.query<{ part: string; n: number }>(LEAF_OF(where));
    expect(leaves).toHaveLength(1);
    expect(leaves[0].part).toMatch(/^observations_p\d\d$/);
    expect(leaves[0].n).toBe(50);
    const plan = (await database.query<{ 'QUERY PLAN': string }>(`explain select * from observations where ${where}`))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain(leaves[0].part);
    expect(new Set(plan.match(/observations_p\d\d/g))).toEqual(new Set([leaves[0].part]));
  });

  it('keeps the audit trail on the partitioned table, not on its partitions', async () => {
    const trig = await database.query<{ rel: string; n: number }>(
      `select c.relname as rel, count(*)::int as n from pg_trigger g join pg_class c on c.oid = g.tgrelid
       where g.tgname like 'audit_trail_%' and c.relname like 'observations%' and c.relname <> 'observations_revisions'
       group by 1 order by 1`,
    );
    expect(trig).toEqual([{ rel: 'observations', n: 3 }]);
    await database.query(
      `insert into observations (indicator_id, unit_code, geo_date, period, value, release_id)
       values (987654, 'AUDIT.PROBE', '2025-07-01', 2001, 5, 1)`,
    );
    const trail = await database.query<{ table_name: string; object_id: string }>(
      `select table_name, object_id from audit_trail where object_id like '987654,AUDIT.PROBE,%'`,
    );
    expect(trail).toEqual([{ table_name: 'observations', object_id: '987654,AUDIT.PROBE,2025-07-01,2001' }]);
  });
});

describe(`migration 1340 on a database with observations (${TEST_ENGINE})`, () => {
  let old: Database;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-mig-1340-'));
    for (const m of listMigrations().filter((x) => x.name < '1340'))
      fs.writeFileSync(path.join(dir, `${m.name}.sql`), m.sql);
    old = await openBlankDatabase();
    await migrate(old, dir);
  }, 300_000);
  afterAll(async () => {
    await old?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves every row into the partitions and keeps the keys', async () => {
    expect(await old.query(PARTITIONING, ['observations'])).toEqual([]);
    await old.exec(
      `insert into observations (indicator_id, unit_code, geo_date, period, value, status, release_id, note)
       select i, 'U' || u, date '2025-07-01', 2000 + y, i * 1000 + u + y / 10.0,
              case when u % 3 = 0 then 'provisional' else 'final' end, 7, case when u = 1 then 'ghi chú' end
       from generate_series(1, 40) i, generate_series(1, 25) u, generate_series(0, 4) y`,
    );
    const digest = `select count(*)::int as n, count(note)::int as notes,
                           md5(string_agg(o::text, ';' order by indicator_id, unit_code, geo_date, period)) as rows
                    from observations o`;
    const [before] = await old.query(digest);
    expect(await migrate(old)).toContain('1340_observations_partitioned');
    expect(await old.query(PARTITIONING, ['observations'])).toEqual([{ partstrat: 'h', partnatts: 1 }]);
    expect((await old.query(digest))[0]).toEqual(before);
    expect(before).toMatchObject({ n: 40 * 25 * 5, notes: 40 * 5 });
    // Rows are in the partitions, none are left on the parent, and the 40 indicators spread over several partitions.
    const spread = await old.query<{ part: string }>(LEAF_OF('true'));
    expect(spread.length).toBeGreaterThan(8);
    expect(spread.every((r) => /^observations_p\d\d$/.test(r.part))).toBe(true);
    await expect(
      old.exec(
        `insert into observations (indicator_id, unit_code, geo_date, period, value, release_id)
         values (3, 'U3', '2025-07-01', 2002, 0, 8)`,
      ),
    ).rejects.toThrow(/duplicate key|observations_p\d\d_pkey|unique/);
  }, 300_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../test/engine';
import { createTestDatabase } from '../../test/helpers';
import type { Database } from './client';
import { listMigrations, migrate } from './migrate';
import * as schema from './schema';
import { loadReferenceData } from './seed';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe(`migrations and schema on ${TEST_ENGINE}`, () => {
  it('applies nothing the second time', async () => {
    expect(await migrate(database)).toEqual([]);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-mig-'));
    for (const m of listMigrations()) fs.writeFileSync(path.join(dir, `${m.name}.sql`), `${m.sql}\n-- edited`);
    await expect(migrate(database, dir)).rejects.toThrow(/was changed after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has every table and column of the drizzle schema in the migrated database', async () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    expect(tables.length).toBeGreaterThan(5);
    const cols = await database.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'`,
    );
    const have = new Map(cols.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable]));
    for (const t of tables) {
      const cfg = getTableConfig(t);
      for (const c of cfg.columns) {
        const key = `${cfg.name}.${c.name}`;
        expect(have.has(key), `${key} is in the drizzle schema but not in the migrations`).toBe(true);
        expect(have.get(key) === 'NO', `${key} nullability differs`).toBe(c.notNull);
      }
    }
  });

  it('loads reference data once: a second load changes nothing', async () => {
    const count = async () => (await database.query<{ n: number }>('select count(*)::int as n from admin_units'))[0].n;
    const before = await count();
    expect(await loadReferenceData(database, { demo: true })).toEqual([]);
    expect(await count()).toBe(before);
    expect(before).toBe(63 + 34 + 3321);
  });
});

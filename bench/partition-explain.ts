/**
 * `npx tsx bench/partition-explain.ts [pglite|postgresql]` — the plans of the product's main statements on observations
 * (partitioned by hash of the indicator, migration 1340) on a migrated demo database: each names its indicators, and
 * the plan reads only their partitions. Printed for docs/benchmarks.md, "Partitioned observations".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';

const ENGINE = process.argv[2] === 'pglite' ? 'pglite' : 'postgresql';
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'i18part_explain';

async function open(): Promise<{ database: Database; done: () => Promise<void> }> {
  if (ENGINE === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-explain-'));
    const database = await openPglite(dir);
    return {
      database,
      done: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${DB}`;
  const database = await openPostgres(u.toString(), 2);
  return {
    database,
    done: async () => {
      await database.close();
      await admin(`drop database ${DB} with (force)`);
    },
  };
}

const STATEMENTS: [string, string, (ind: number, w: number) => unknown[]][] = [
  [
    'fetch: commune values (query-fetch.ts, fetchCommuneObservations)',
    `select o.indicator_id, o.unit_code, u.name_vi, o.period, o.value from observations o
     join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
     where o.indicator_id = any($1::int[]) and o.period between $2 and $3 order by o.indicator_id, o.unit_code, o.period`,
    (ind) => [[ind], 1995, 2024],
  ],
  [
    'fetch: province candidates, indicators from an array joined (query-fetch.ts; B5 cross-vintage)',
    `select o.indicator_id, m.target, o.period, o.value, wt.value from unnest($1::text[], $2::date[], $3::text[]) as m(code, d, target)
     cross join unnest($4::int[]) as f(ind)
     join observations o on o.indicator_id = f.ind and o.unit_code = m.code and o.geo_date = m.d
     left join observations wt on wt.indicator_id = $5 and wt.unit_code = o.unit_code and wt.geo_date = o.geo_date and wt.period = o.period
     where o.period between $6 and $7 and o.indicator_id = any($4::int[])`,
    (ind, w) => [['01', '02'], ['2008-01-01', '2008-01-01'], ['01', '01'], [ind], w, 1995, 2024],
  ],
  [
    'export: commune CSV of one indicator (data-export.ts)',
    `select o.unit_code, o.period, o.value from observations o
     join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
     join indicators i on i.id = o.indicator_id where o.indicator_id in ($1) and o.period between 1995 and 2024`,
    (ind) => [ind],
  ],
  [
    'import: period index refresh (derived.ts)',
    `select o.indicator_id, o.period, o.geo_date, count(*)::int from observations o
     join unnest($1::int[], $2::int[]) as x(ind, per) on o.indicator_id = x.ind and o.period = x.per
     where o.indicator_id = any($1::int[]) group by 1, 2, 3`,
    (ind) => [[ind], [2020]],
  ],
  [
    'import: pre-aggregate refresh of touched pairs (derived.ts, aggSelect)',
    `select o.indicator_id, o.period, u.parent_code, count(*), sum(o.value) from observations o
     join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
     join unnest($1::int[], $2::int[]) as x(ind, per) on o.indicator_id = x.ind and o.period = x.per
     where o.indicator_id = any($3::int[]) group by 1, 2, 3`,
    (ind) => [[ind], [2020], [ind]],
  ],
  ['import: delete one indicator (e.g. withdrawn)', 'delete from observations where indicator_id = $1', (ind) => [ind]],
];

async function main() {
  const { database, done } = await open();
  await migrate(database);
  await loadReferenceData(database, { demo: true });
  await database.query('analyze');
  const [top] = await database.query<{ ind: number; w: number }>(
    `select o.indicator_id as ind, coalesce(i.weight_indicator_id, 1) as w from observations o
     join indicators i on i.id = o.indicator_id group by 1, 2 order by count(*) desc limit 1`,
  );
  const [{ n }] = await database.query<{ n: number }>('select count(*)::int as n from observations');
  console.log(`## ${ENGINE}: ${n} observations; indicator ${top.ind} (weight ${top.w})\n`);
  for (const [what, sql, params] of STATEMENTS) {
    const plan = await database.query<Record<string, string>>(`explain (costs off) ${sql}`, params(top.ind, top.w));
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    const parts = new Set(text.match(/observations_p\d\d/g));
    console.log(`### ${what}: partitions read ${[...parts].join(', ') || 'none'}\n\`\`\`\n${text}\n\`\`\`\n`);
  }
  await done();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

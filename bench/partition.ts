/**
 * `npx tsx bench/partition.ts` — observations unpartitioned vs partitioned by hash of the indicator (16 partitions,
 * migration 1340), bare SQL on PostgreSQL, side by side in one database so that both see the same machine load: the
 * operations alternate table by table in every round and the median is kept. Run by hand (issue 18, item 3); the
 * figures are in docs/benchmarks.md, "Partitioned observations".
 *
 *   npx tsx bench/partition.ts --indicators 100      # ≈ 10 M rows (3,321 communes × 30 years × 100 indicators)
 *   npx tsx bench/partition.ts --indicators 500      # ≈ 50 M rows (size L)
 *
 * The CSV is written by the server (COPY … TO a file), so the directory must be writable by the postgres user.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    indicators: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '5' },
    db: { type: 'string', default: 'i18part_bench' },
    admin: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    dir: { type: 'string', default: '/tmp/rl-partition-bench' },
    keep: { type: 'boolean', default: false },
  },
});
const N_IND = Number(args.indicators);
const ROUNDS = Number(args.rounds);
const CSV = `${args.dir}/obs-${N_IND}.csv`;
const load = () =>
  execSync('uptime')
    .toString()
    .replace(/.*load average: /, '')
    .trim();
const COLS = `indicator_id int not null, unit_code text not null, geo_date date not null, period int not null,
  value float8 not null, status text not null default 'final', release_id int not null, note text`;
const TABLES = {
  plain: [`create table obs_plain (${COLS})`],
  hash16: [
    `create table obs_hash16 (${COLS}) partition by hash (indicator_id)`,
    ...Array.from(
      { length: 16 },
      (_, r) => `create table obs_hash16_p${r} partition of obs_hash16 for values with (modulus 16, remainder ${r})`,
    ),
  ],
};
type Variant = keyof typeof TABLES;
const VARIANTS = Object.keys(TABLES) as Variant[];
const IND = 42;
const log = (m: string) => console.log(`[partition ${new Date().toISOString().slice(11, 19)} load ${load()}] ${m}`);

async function timed(c: pg.Client, sql: string | string[]): Promise<number> {
  const t0 = performance.now();
  for (const s of Array.isArray(sql) ? sql : [sql]) await c.query(s);
  return performance.now() - t0;
}

/** The CSV of the synthetic table, indicator-major (as performance-notes §3.1), written once by the server. */
async function writeCsv(c: pg.Client) {
  if (fs.existsSync(CSV)) return;
  fs.mkdirSync(args.dir!, { recursive: true, mode: 0o777 });
  fs.chmodSync(args.dir!, 0o777);
  log(`writing ${CSV}`);
  await c.query(`copy (select i, 'C' || lpad(u::text, 5, '0'), date '2025-07-01', 1995 + y,
                       round((random() * 1000)::numeric, 3)::float8, 'final', 1, null::text
                from generate_series(1, ${N_IND}) i, generate_series(0, 29) y, generate_series(1, 3321) u
                order by i, y, u) to '${CSV}' (format csv)`);
}

/** B7a bare: COPY into the unindexed table, then the primary key and the btree, then ANALYZE. */
async function loadTable(c: pg.Client, v: Variant) {
  const t = `obs_${v}`;
  await c.query(`drop table if exists ${t} cascade`);
  for (const s of TABLES[v]) await c.query(s);
  const copy = await timed(c, `copy ${t} from '${CSV}' (format csv)`);
  const pk = await timed(c, `alter table ${t} add primary key (indicator_id, unit_code, geo_date, period)`);
  const ix = await timed(c, `create index ${t}_ip on ${t} (indicator_id, period)`);
  const an = await timed(c, `analyze ${t}`);
  const rows = N_IND * 3321 * 30;
  log(`${v} load: COPY ${copy.toFixed(0)} ms, PK ${pk.toFixed(0)} ms, btree ${ix.toFixed(0)} ms, analyze ${an.toFixed(0)} ms;
    ${((rows / (copy + pk + ix)) * 1000).toFixed(0)} rows/s (COPY + PK + btree)`);
  return { copy, pk, ix, an };
}

const upsert = (t: string, where: string) => [
  'begin',
  `create temp table st on commit drop as select indicator_id, unit_code, geo_date, 2024 as period, value + 1 as value,
     status, 2 as release_id, note from ${t} where ${where} and period = 2023`,
  `insert into ${t} select * from st on conflict (indicator_id, unit_code, geo_date, period)
     do update set value = excluded.value, release_id = excluded.release_id`,
  'rollback',
];

const OPS: Record<string, (t: string) => string | string[]> = {
  'one-indicator aggregate by year': (t) =>
    `select period, count(*), sum(value) from ${t} where indicator_id = ${IND} group by period`,
  'one-indicator series, 63 units × 30 years (as B5 reads)': (t) =>
    `select unit_code, period, value from ${t} where indicator_id = ${IND} and unit_code < 'C00064' order by 1, 2`,
  'point lookup': (t) =>
    `select value from ${t} where indicator_id = ${IND} and unit_code = 'C01000' and geo_date = '2025-07-01' and period = 2010`,
  'one year, every indicator (not pruned)': (t) =>
    `select indicator_id, sum(value) from ${t} where period = 2010 group by indicator_id`,
  'CSV export of one indicator (COPY TO)': (t) =>
    `copy (select indicator_id, unit_code, period, value from ${t} where indicator_id = ${IND}
           order by period, unit_code) to '/dev/null' (format csv)`,
  'incremental import: 1 year of 1 indicator (3,321 rows, upsert)': (t) => upsert(t, `indicator_id = ${IND}`),
  'incremental import: 1 year of 10 indicators (33,210 rows, upsert)': (t) =>
    upsert(t, `indicator_id between ${IND} and ${IND + 9}`),
  'new indicator appended: 99,630 rows into the indexed table': (t) => [
    'begin',
    `insert into ${t} select 100000 + indicator_id, unit_code, geo_date, period, value, status, release_id, note
       from ${t} where indicator_id = ${IND}`,
    'rollback',
  ],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(c: pg.Client) {
  const res: Record<string, Record<Variant, number[]>> = {};
  for (const op of Object.keys(OPS)) res[op] = { plain: [], hash16: [] };
  for (let r = 0; r <= ROUNDS; r++) {
    for (const [op, f] of Object.entries(OPS))
      for (const v of r % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        const ms = await timed(c, f(`obs_${v}`));
        if (r > 0) res[op][v].push(ms); // round 0 warms the caches
      }
    log(`round ${r} done`);
  }
  for (const [op, m] of Object.entries(res))
    log(`${op}: plain ${median(m.plain).toFixed(1)} ms, hash16 ${median(m.hash16).toFixed(1)} ms`);
  return res;
}

/** Maintenance: one indicator rewritten, then VACUUM of what holds it (whole table vs its partition), and sizes. */
async function maintenance(c: pg.Client) {
  for (const v of VARIANTS) {
    const t = `obs_${v}`;
    await c.query(`update ${t} set value = value + 1 where indicator_id = ${IND}`);
    const [{ part }] = (
      await c.query(`select tableoid::regclass::text as part from ${t} where indicator_id = ${IND} limit 1`)
    ).rows;
    const vac = await timed(c, `vacuum ${part}`);
    const size = (
      await c.query(`select pg_size_pretty(sum(pg_table_size(relid))) as heap,
        pg_size_pretty(sum(pg_indexes_size(relid))) as idx, count(*)::int as leaves
        from pg_partition_tree('${t}') where isleaf`)
    ).rows[0];
    log(
      `${v}: vacuum after rewriting one indicator (${part}) ${vac.toFixed(0)} ms; heap ${size.heap}, indexes ${size.idx}, ${size.leaves} leaves`,
    );
    const rein = await timed(c, `reindex table ${part}`);
    log(`${v}: reindex of ${part} ${rein.toFixed(0)} ms`);
  }
}

async function main() {
  const admin = new pg.Client({ connectionString: args.admin });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [args.db])).rowCount)
    await admin.query(`create database "${args.db}"`);
  const url = new URL(args.admin!);
  url.pathname = `/${args.db}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  log(`${N_IND} indicators = ${(N_IND * 3321 * 30).toLocaleString('en')} rows, ${ROUNDS} rounds`);
  await writeCsv(c);
  for (const v of VARIANTS) await loadTable(c, v);
  await measure(c);
  await maintenance(c);
  await c.end();
  if (!args.keep) await admin.query(`drop database "${args.db}" with (force)`);
  await admin.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

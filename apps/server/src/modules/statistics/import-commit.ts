import type { ImportError, ImportResult, ObservationStatus } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import type { Catalogue } from './catalogue.service';
import { type CatalogueIndicatorLike, refreshDerived } from './derived';
import type { UnitIndex } from './import-check';
import type { ObservationStager } from './import-stage';
import type { RawSql } from './raw-sql';

/**
 * Stage 4 of an import, **commit**: inside the import's transaction, the release is opened, the staged rows become
 * current values (a bulk load builds its primary key and indexes; any other import is compared with the current
 * values and merged, the replaced values kept as revisions of their releases), the derived tables are refreshed for
 * what changed, planner statistics kept fresh, and the release records its counts.
 */

export interface MergeCounts {
  added: number;
  changed: number;
  unchanged: number;
}

/** The dataset to write into: an existing one, or one this import creates. */
export interface DatasetTarget {
  id: number | null;
  code: string;
  create?: { titleVi: string; titleEn: string; publisher: string; source?: string; licence?: string };
}

/**
 * Create the dataset if needed and open the new release (numbered after the dataset's last one). A contribution gets
 * no release (its rows become a draft): id and number 0.
 */
export async function openRelease(
  raw: RawSql,
  dataset: DatasetTarget,
  by: { userId: number | null; label: string; organisationId: number | null },
  opts: { note?: string; fileName?: string | null; contribution: boolean },
): Promise<{ id: number; number: number }> {
  let datasetId = dataset.id;
  if (datasetId === null && dataset.create) {
    const [row] = await raw.query<{ id: number }>(
      `insert into datasets (code, title_vi, title_en, publisher, original_source, licence, owner_organisation_id)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        dataset.code,
        dataset.create.titleVi,
        dataset.create.titleEn,
        dataset.create.publisher,
        dataset.create.source || 'Tải lên qua RegionLink',
        dataset.create.licence ?? '',
        by.organisationId,
      ],
    );
    datasetId = row.id;
  }
  if (opts.contribution) return { id: 0, number: 0 };
  const [rel] = await raw.query<{ id: number; number: number }>(
    `insert into releases (dataset_id, number, note_vi, file_name, imported_by, importer_label)
     values ($1, (select coalesce(max(number), 0) + 1 from releases where dataset_id = $1), $2, $3, $4, $5)
     returning id, number`,
    [datasetId, normaliseText(opts.note ?? ''), opts.fileName ?? null, by.userId, by.label],
  );
  return rel;
}

/** True when no observation is stored yet: the import is a bulk load. */
export async function observationsEmpty(raw: RawSql): Promise<boolean> {
  const [{ empty }] = await raw.query<{ empty: boolean }>('select not exists (select 1 from observations) as empty');
  return empty;
}

/** After a bulk load: build the primary key and indexes; a duplicate key is reported by its values. */
export async function buildIndexesOrReportDuplicates(raw: RawSql): Promise<ImportError[]> {
  await raw.query('savepoint stat_pk');
  try {
    await raw.query(
      'alter table observations add constraint observations_pkey primary key (indicator_id, unit_code, geo_date, period)',
    );
    await raw.query('release savepoint stat_pk');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    await raw.query('rollback to savepoint stat_pk');
    const dups = await raw.query<{ indicator_id: number; unit_code: string; period: number; n: number }>(
      `select indicator_id, unit_code, period, count(*)::int as n from observations
       group by indicator_id, unit_code, geo_date, period having count(*) > 1 limit 100`,
    );
    return dups.map((d) => ({
      row: 0,
      column: null,
      value: `${d.indicator_id} ${d.unit_code} ${d.period}`,
      code: 'duplicate_row',
      message: `Unit ${d.unit_code}, ${d.period} appears ${d.n} times for one indicator.`,
      messageVi: `Đơn vị ${d.unit_code}, năm ${d.period} xuất hiện ${d.n} lần cho cùng một chỉ tiêu.`,
    }));
  }
  await raw.query('create index observations_indicator_period_idx on observations (indicator_id, period)');
  return [];
}

/** Duplicates among the staged rows (when there were too many rows to track them in memory), with their lines. */
export async function stageDuplicates(raw: RawSql): Promise<ImportError[]> {
  const dups = await raw.query<{ unit_code: string; period: number; lines: number[] }>(
    `select unit_code, period, array_agg(line order by line) as lines from stat_stage
     group by indicator_id, unit_code, geo_date, period having count(*) > 1 order by min(line) limit 100`,
  );
  return dups.map((d) => ({
    row: d.lines[d.lines.length - 1],
    column: null,
    value: `${d.unit_code} ${d.period}`,
    code: 'duplicate_row',
    message: `Duplicate: unit ${d.unit_code}, ${d.period} is given in rows ${d.lines.join(', ')}.`,
    messageVi: `Trùng lặp: đơn vị ${d.unit_code}, năm ${d.period} có ở các dòng ${d.lines.join(', ')}.`,
  }));
}

/**
 * The cells an import writes, as the indicators and periods of its staged rows, and how many rows it staged. Every
 * statement of the merge names the cells (`indicator_id = any(…) and period = any(…)`: conditions the planner estimates
 * from the table's statistics, which it cannot do for the arrays of an `unnest`), so that it never reads beyond them.
 */
export interface StagedCells {
  indicators: number[];
  periods: number[];
  rows: number;
}

/** How the merge finds the current values of the staged rows (`planMerge`). */
export type MergePlan = 'cells' | 'keys';

/**
 * How the merge finds the current values of the staged rows:
 * - `cells`: read every current value of the touched cells, by the index on indicator and period, and let the planner
 *   join them (by hash). Right when the import fills its cells: a year of every indicator, 33,210 rows into 1 M,
 *   compared in 25 ms where looking each row up took 125 ms.
 * - `keys`: look each staged row up by its key, with the planner's hash and merge joins off. Right when the import is
 *   sparse in its cells: one province's communes over thirty years of ten indicators (37,800 rows) touch cells of
 *   927,000 rows, which the planner, left free, merge-joined in full (0.35 s to compare, 8.1 s to update; by key
 *   0.16 s and 0.35 s).
 * Decided from the period counts (`indicator_periods`): the cells are read when they hold at most 4 times the staged
 * rows (reading a value costs about a fifth of looking one up).
 */
export async function planMerge(raw: RawSql, cells: StagedCells): Promise<MergePlan> {
  const [{ n }] = await raw.query<{ n: number }>(
    `select coalesce(sum(n), 0)::float8 as n from indicator_periods
     where indicator_id = any($1::int[]) and period = any($2::int[])`,
    [cells.indicators, cells.periods],
  );
  return n <= 4 * cells.rows ? 'cells' : 'keys';
}

/** Run one statement of the merge as planned: by key, with hash and merge joins off for it, or left to the planner. */
export async function asPlanned<T>(raw: RawSql, plan: MergePlan, statement: () => Promise<T>): Promise<T> {
  if (plan === 'cells') return statement();
  const [before] = await raw.query<{ merge: string; hash: string }>(
    `select current_setting('enable_mergejoin') as merge, current_setting('enable_hashjoin') as hash`,
  );
  // Local to the transaction, and put back after the statement (a failed one aborts the transaction anyway).
  await raw.query(`select set_config('enable_mergejoin', 'off', true), set_config('enable_hashjoin', 'off', true)`);
  const result = await statement();
  await raw.query(`select set_config('enable_mergejoin', $1, true), set_config('enable_hashjoin', $2, true)`, [
    before.merge,
    before.hash,
  ]);
  return result;
}

/** Rows of `o` in the staged cells (parameters $1 indicators, $2 periods). */
const IN_CELLS = 'o.indicator_id = any($1::int[]) and o.period = any($2::int[])';

/**
 * Compare the staged rows with the current values: `stat_stage_j` (dropped at commit) holds each staged row with the
 * value it replaces, whether it existed and whether it differs; returns the counts.
 */
export async function compareStaged(raw: RawSql, cells: StagedCells, plan: MergePlan): Promise<MergeCounts> {
  await raw.query('drop table if exists stat_stage_j');
  await asPlanned(raw, plan, () =>
    raw.query(
      `create temp table stat_stage_j on commit drop as
       select s.*, o.value as old_value, o.status as old_status, o.note as old_note, o.release_id as old_release,
              (o.indicator_id is not null) as existed,
              (o.indicator_id is not null and (o.value <> s.value or o.status <> s.status
                 or o.note is distinct from s.note)) as differs
       from stat_stage s left join (select * from observations o where ${IN_CELLS}) o
         on o.indicator_id = s.indicator_id and o.unit_code = s.unit_code and o.geo_date = s.geo_date
        and o.period = s.period`,
      [cells.indicators, cells.periods],
    ),
  );
  const [c] = await raw.query<MergeCounts>(
    `select count(*) filter (where not existed)::int as added, count(*) filter (where differs)::int as changed,
            count(*) filter (where existed and not differs)::int as unchanged from stat_stage_j`,
  );
  return c;
}

/** Merge the compared rows into the current values; the values replaced become revisions of their releases. */
export async function applyStaged(
  raw: RawSql,
  releaseId: number,
  c: MergeCounts,
  cells: StagedCells,
  plan: MergePlan,
): Promise<void> {
  if (c.changed > 0) {
    await raw.query(
      `insert into observation_revisions (indicator_id, unit_code, geo_date, period, value, status, release_id,
         superseded_by, note)
       select indicator_id, unit_code, geo_date, period, old_value, old_status, old_release, $1, old_note
       from stat_stage_j where differs`,
      [releaseId],
    );
    await asPlanned(raw, plan, () =>
      raw.query(
        `update observations o set value = j.value, status = j.status, note = j.note, release_id = $3
         from stat_stage_j j
         where j.differs and ${IN_CELLS}
           and o.indicator_id = j.indicator_id and o.unit_code = j.unit_code and o.geo_date = j.geo_date
           and o.period = j.period`,
        [cells.indicators, cells.periods, releaseId],
      ),
    );
  }
  if (c.added > 0)
    await raw.query(
      `insert into observations (indicator_id, unit_code, geo_date, period, value, status, release_id, note)
       select indicator_id, unit_code, geo_date, period, value, status, $1, note from stat_stage_j where not existed`,
      [releaseId],
    );
}

/** The first 50 added or changed rows of a merge, with the values they replace (for the result). */
export async function previewChanges(
  raw: RawSql,
  catalogue: Pick<Catalogue, 'byId'>,
  units: UnitIndex,
): Promise<ImportResult['preview']> {
  const rows = await raw.query<{
    line: number;
    indicator_id: number;
    unit_code: string;
    geo_date: string;
    period: number;
    value: number;
    old_value: number | null;
    status: ObservationStatus;
  }>(
    `select line, indicator_id, unit_code, to_char(geo_date, 'YYYY-MM-DD') as geo_date, period, value, old_value,
            status from stat_stage_j where not existed or differs order by line limit 50`,
  );
  return rows.map((r) => ({
    row: r.line,
    indicator: catalogue.byId.get(r.indicator_id)?.code ?? String(r.indicator_id),
    unitCode: r.unit_code,
    unitName: units.byCode.get(r.unit_code)?.find((u) => u.geoDate === r.geo_date)?.nameVi ?? r.unit_code,
    geoDate: r.geo_date,
    period: r.period,
    value: r.value,
    before: r.old_value,
    status: r.status,
  }));
}

/**
 * Refresh the derived tables for what the import wrote (everything after a bulk load, with the counts and sums the
 * stager collected; otherwise the touched pairs of added or changed rows only). Returns the number of pairs refreshed.
 */
export async function refreshAfterImport(
  tx: Db,
  stager: ObservationStager,
  catalogue: Pick<Catalogue, 'byId'>,
  c: MergeCounts,
): Promise<number> {
  const bulk = stager.bulk;
  const defs: CatalogueIndicatorLike[] = [...catalogue.byId.values()].map((d) => ({ id: d.id, weightId: d.weightId }));
  const counts = bulk
    ? [...stager.periodCounts.values()].map((x) => ({
        ind: x.ind,
        period: x.period,
        geoDate: x.unit.geoDate,
        level: x.unit.level,
        n: x.n,
      }))
    : undefined;
  // Unchanged values change nothing derived: refresh only the pairs of added or changed rows.
  const pairs = !bulk && c.added === 0 && c.changed === 0 ? [] : [...stager.pairs.values()];
  const agg = bulk
    ? { rows: [...stager.aggAcc.values()].filter((a) => !stager.aggBySql.has(a.ind)), sqlFor: [...stager.aggBySql] }
    : undefined;
  await refreshDerived(tx, pairs, defs, {
    full: bulk,
    counts,
    agg,
    countsUnchanged: !bulk && c.added === 0,
    provinces: bulk ? undefined : [...stager.provincesSeen],
  });
  return pairs.length;
}

/** PGlite has no autovacuum and PostgreSQL's may lag: refresh planner statistics when a table changed a lot. */
export async function analyzeAfterImport(
  raw: RawSql,
  s: { bulk: boolean; written: number; pairsRefreshed: number },
): Promise<void> {
  // observations is partitioned (migration 1340): its rows are the sum over the partitions (-1 = never analysed).
  const [{ tuples }] = await raw.query<{ tuples: number }>(
    `select coalesce(sum(greatest(c.reltuples, 0)), 0)::float8 as tuples
     from pg_partition_tree('observations') t join pg_class c on c.oid = t.relid where t.isleaf`,
  );
  if (s.bulk || s.written > 0.1 * Math.max(0, tuples) || tuples < 10_000) await raw.query('analyze observations');
  if (s.pairsRefreshed > 0) await raw.query('analyze stat_province_agg');
}

/**
 * The audit trail's statement triggers (migration 0902) stand aside while an import writes its rows: observations,
 * the revisions of replaced values and the derived tables. The import is on record otherwise: its release (who, when,
 * file name and checksum, counts; audited), the release every observation carries, the revision of every value it
 * replaced, and its `audit_log` entry. A row of the trail per observation made a 1 M-row import about 4× slower and
 * wrote 890 MB of trail for 2 M rows (docs/benchmarks.md). Local to the transaction; any other writer is audited.
 */
export async function auditRowWrites(raw: RawSql, on: boolean): Promise<void> {
  await raw.query(`select set_config('regionlink.audit', $1, true)`, [on ? 'on' : 'off']);
}

/** Record the release's counts, indicators, period range and the file's checksum. */
export async function finishRelease(
  raw: RawSql,
  releaseId: number,
  s: MergeCounts & { rowsRead: number; indicators: string[]; periods: number[]; sha256: string | null },
): Promise<void> {
  await raw.query(
    `update releases set rows_in_file = $2, added = $3, changed = $4, unchanged = $5, indicators = $6::text[],
       period_from = $7, period_to = $8 where id = $1`,
    [
      releaseId,
      s.rowsRead,
      s.added,
      s.changed,
      s.unchanged,
      s.indicators,
      s.periods[0] ?? null,
      s.periods[s.periods.length - 1] ?? null,
    ],
  );
  if (s.sha256) await raw.query('update releases set file_sha256 = $2 where id = $1', [releaseId, s.sha256]);
}

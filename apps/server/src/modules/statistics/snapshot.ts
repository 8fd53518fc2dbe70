import type { DataSourceRef, DatasetRef } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { invalidateCatalogue, onCatalogueInvalidated } from './catalogue.service';
import { rawSql } from './raw-sql';

/**
 * What the query engine needs besides observations — which periods and levels each indicator has, the releases and
 * datasets behind every figure — read once and reused until the data change. Every request checks one tiny version
 * query (the newest release id and the catalogue's versions), so a commit made by any process (another server on the
 * same PostgreSQL, the command line) is visible to the next request: no stale cache, and no extra queries otherwise.
 */

export interface PeriodEntry {
  level: 'province' | 'commune';
  period: number;
  geoDate: string;
  n: number;
}

export interface CoverageRow {
  indicator_id: number;
  periods: number[];
  geos: string[];
  n: number;
}

export interface ReleaseInfo {
  ref: DataSourceRef;
  datasetId: number;
}

export interface Snapshot {
  key: string;
  periods: Map<number, PeriodEntry[]>;
  coverage: Map<number, CoverageRow>;
  releases: Map<number, ReleaseInfo>;
  datasets: Map<number, DatasetRef>;
}

const VERSION_SQL = `select (select coalesce(max(id), 0) from releases)::int as r,
  (select count(*) from indicators)::int as n, (select coalesce(sum(version), 0) from indicators)::int as v`;

const cache = new WeakMap<object, Snapshot>();
const checkedAt = new WeakMap<object, number>();
/** The version check under way, shared by every request that arrives meanwhile (one query, not one per request). */
const pending = new WeakMap<object, Promise<Snapshot>>();
onCatalogueInvalidated((db) => invalidateSnapshot(db));

/** How long a snapshot is trusted without asking the database (changes made in this process invalidate it at once). */
const RECHECK_MS = 1000;

/** Bumped by every invalidation, so that caches built on the snapshot's key (lib/response-cache.ts) ask again. */
let generation = 0;
export const snapshotGeneration = () => generation;

/** Forget the snapshot after a change made through this process (an import, a catalogue edit). */
export function invalidateSnapshot(db: Db) {
  generation++;
  checkedAt.delete(db);
  // A check begun before the change may read the old version: the next request asks again.
  pending.delete(db);
}

/**
 * The current snapshot for `db` (rebuilt only when a release or the catalogue changed). The version is asked at most
 * once a second; commits by other processes (another server, the command line) are therefore seen within a second.
 */
export async function dataSnapshot(db: Db): Promise<Snapshot> {
  const hit0 = cache.get(db);
  if (hit0 && Date.now() - (checkedAt.get(db) ?? 0) < RECHECK_MS) return hit0;
  let p = pending.get(db);
  if (!p) {
    const started = refreshSnapshot(db).finally(() => {
      if (pending.get(db) === started) pending.delete(db);
    });
    p = started;
    pending.set(db, p);
  }
  return p;
}

/** Ask the version; rebuild the snapshot when it changed. */
async function refreshSnapshot(db: Db): Promise<Snapshot> {
  const raw = rawSql(db);
  const [k] = await raw.query<{ r: number; n: number; v: number }>(VERSION_SQL);
  checkedAt.set(db, Date.now());
  const key = `${k.r}|${k.n}|${k.v}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit;
  if (hit) invalidateCatalogue(db);
  const rows = await raw.query<{
    indicator_id: number;
    level: 'province' | 'commune';
    period: number;
    geo_date: string;
    n: number;
  }>(`select indicator_id, level, period, to_char(geo_date, 'YYYY-MM-DD') as geo_date, n from indicator_periods`);
  const periods = new Map<number, PeriodEntry[]>();
  for (const r of rows) {
    const list = periods.get(r.indicator_id) ?? [];
    list.push({ level: r.level, period: r.period, geoDate: r.geo_date, n: r.n });
    periods.set(r.indicator_id, list);
  }
  const coverage = new Map<number, CoverageRow>();
  for (const [id, list] of periods)
    coverage.set(id, {
      indicator_id: id,
      periods: [...new Set(list.map((e) => e.period))].sort((a, b) => a - b),
      geos: [...new Set(list.map((e) => e.geoDate))].sort(),
      n: list.reduce((s, e) => s + e.n, 0),
    });
  const rels = await raw.query<{
    id: number;
    number: number;
    published_at: string | Date;
    dataset_id: number;
    code: string;
    title_vi: string;
    title_en: string;
    publisher: string;
    publisher_en: string;
    original_source: string;
    original_source_en: string;
    licence: string;
    licence_en: string;
    caveats_vi: string;
    caveats_en: string;
  }>(
    `select r.id, r.number, r.published_at, d.id as dataset_id, d.code, d.title_vi, d.title_en, d.publisher, d.publisher_en,
            d.original_source, d.original_source_en, d.licence, d.licence_en, d.caveats_vi, d.caveats_en
     from releases r join datasets d on d.id = r.dataset_id`,
  );
  const releases = new Map<number, ReleaseInfo>();
  const datasets = new Map<number, DatasetRef>();
  for (const r of rels) {
    releases.set(r.id, {
      datasetId: r.dataset_id,
      ref: {
        releaseId: r.id,
        dataset: r.code,
        releaseNumber: r.number,
        publishedAt: new Date(r.published_at).toISOString(),
        publisher: r.publisher,
        publisherEn: r.publisher_en,
      },
    });
    datasets.set(r.dataset_id, {
      id: r.dataset_id,
      code: r.code,
      titleVi: r.title_vi,
      titleEn: r.title_en,
      publisher: r.publisher,
      publisherEn: r.publisher_en,
      originalSource: r.original_source,
      originalSourceEn: r.original_source_en,
      licence: r.licence,
      licenceEn: r.licence_en,
      caveatsVi: r.caveats_vi,
      caveatsEn: r.caveats_en,
    });
  }
  const snap: Snapshot = { key, periods, coverage, releases, datasets };
  cache.set(db, snap);
  checkedAt.set(db, Date.now());
  return snap;
}

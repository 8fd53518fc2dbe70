import { Readable } from 'node:stream';
import { assertDatasetReadable, visibility } from './access-level';
import type { Dataset, DiffResponse, ImportLogResponse, Release, Role } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { rawSql } from './raw-sql';

/**
 * Datasets and releases: provenance, the history of releases, what a revision changed, the raw observations of a
 * dataset as published in a given release, and the import log. Reads are public except the import log.
 */

interface DatasetRow {
  id: number;
  code: string;
  title_vi: string;
  title_en: string;
  publisher: string;
  publisher_en: string;
  original_source: string;
  original_source_en: string;
  licence: string;
  licence_en: string;
  url: string | null;
  caveats_vi: string;
  caveats_en: string;
  geography_note_vi: string;
  geography_note_en: string;
  owner: string | null;
  access_level: 'public' | 'government' | 'restricted';
  indicators: string[] | null;
  period_from: number | null;
  period_to: number | null;
  n: number;
  release_count: number;
}

interface ReleaseRow {
  id: number;
  dataset_id: number;
  number: number;
  published_at: string | Date;
  note_vi: string;
  note_en: string;
  file_name: string | null;
  file_sha256: string | null;
  importer_label: string | null;
  rows_in_file: number;
  added: number;
  changed: number;
  unchanged: number;
}

const toRelease = (r: ReleaseRow): Release => ({
  id: r.id,
  datasetId: r.dataset_id,
  number: r.number,
  publishedAt: new Date(r.published_at).toISOString(),
  noteVi: r.note_vi,
  noteEn: r.note_en,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  importedBy: r.importer_label,
  rowsInFile: r.rows_in_file,
  added: r.added,
  changed: r.changed,
  unchanged: r.unchanged,
});

/** Every dataset with its provenance, the indicators and periods it currently provides, and its latest release. */
export async function listDatasets(db: Db, id?: number): Promise<Dataset[]> {
  const raw = rawSql(db);
  const rows = await raw.query<DatasetRow>(
    `select d.id, d.code, d.title_vi, d.title_en, d.publisher, d.publisher_en, d.original_source,
            d.original_source_en, d.licence, d.licence_en, d.url, d.caveats_vi, d.caveats_en, d.geography_note_vi,
            d.geography_note_en, d.access_level, org.code as owner,
            (select array_agg(distinct x) from releases r2, unnest(r2.indicators) as x where r2.dataset_id = d.id)
              as indicators,
            (select min(period_from) from releases r2 where r2.dataset_id = d.id) as period_from,
            (select max(period_to) from releases r2 where r2.dataset_id = d.id) as period_to,
            (select coalesce(sum(added), 0)::int from releases r2 where r2.dataset_id = d.id) as n,
            (select count(*)::int from releases r2 where r2.dataset_id = d.id) as release_count
     from datasets d left join organisations org on org.id = d.owner_organisation_id
     ${id === undefined ? '' : 'where d.id = $1'}
     order by d.id`,
    id === undefined ? [] : [id],
  );
  const latest = await raw.query<ReleaseRow>(
    `select distinct on (dataset_id) * from releases ${id === undefined ? '' : 'where dataset_id = $1'}
     order by dataset_id, number desc`,
    id === undefined ? [] : [id],
  );
  const latestBy = new Map(latest.map((r) => [r.dataset_id, toRelease(r)]));
  const { readable } = await visibility(db);
  return rows
    .filter((r) => readable.has(r.id))
    .map((r) => ({
      id: r.id,
      code: r.code,
      titleVi: r.title_vi,
      titleEn: r.title_en,
      publisher: r.publisher,
      publisherEn: r.publisher_en,
      originalSource: r.original_source,
      originalSourceEn: r.original_source_en,
      licence: r.licence,
      licenceEn: r.licence_en,
      url: r.url,
      caveatsVi: r.caveats_vi,
      caveatsEn: r.caveats_en,
      geographyNoteVi: r.geography_note_vi,
      geographyNoteEn: r.geography_note_en,
      ownerOrganisation: r.owner,
      accessLevel: r.access_level,
      indicators: (r.indicators ?? []).sort(),
      periodFrom: r.period_from,
      periodTo: r.period_to,
      observationCount: r.n,
      latestRelease: latestBy.get(r.id) ?? null,
      releaseCount: r.release_count,
    }));
}

/** One dataset, or 404. */
export async function getDataset(db: Db, id: number): Promise<Dataset> {
  const [d] = await listDatasets(db, id);
  if (!d) throw notFound(`Dataset ${id}`, `bộ dữ liệu ${id}`);
  return d;
}

/** A dataset's releases, newest first. */
export async function listReleases(db: Db, id: number): Promise<{ dataset: Dataset; items: Release[] }> {
  const dataset = await getDataset(db, id);
  const rows = await rawSql(db).query<ReleaseRow>('select * from releases where dataset_id = $1 order by number desc', [
    id,
  ]);
  return { dataset, items: rows.map(toRelease) };
}

/** Values as published right after release `r`, restricted to keys touched by the dataset's releases (SQL text). */
const asOf = (r: string) => `(
  select indicator_id, unit_code, geo_date, period, value from observations where release_id <= ${r}
  union all
  select indicator_id, unit_code, geo_date, period, value from observation_revisions
   where release_id <= ${r} and superseded_by > ${r})`;

/**
 * What changed in a dataset between two of its releases: every value added or changed by the releases after `from` up
 * to `to`, with the value before and after. Both releases must belong to the dataset.
 */
export async function diffReleases(db: Db, id: number, from: number, to: number, limit: number): Promise<DiffResponse> {
  await assertDatasetReadable(db, id);
  const raw = rawSql(db);
  const rels = await raw.query<{ id: number }>(
    'select id from releases where dataset_id = $1 and id = any($2::int[])',
    [id, [from, to]],
  );
  if (rels.length !== new Set([from, to]).size)
    throw new AppError(
      404,
      'release_not_found',
      `Releases ${from} and ${to} must both belong to dataset ${id}.`,
      `Bản phát hành ${from} và ${to} phải cùng thuộc bộ dữ liệu ${id}.`,
    );
  if (from > to)
    throw new AppError(400, 'bad_range', '"from" must be the earlier release.', '"from" phải là bản phát hành trước.', [
      { path: 'query.from', message: 'must be the earlier release', messageVi: 'phải là bản phát hành trước' },
    ]);
  const touched = `(select indicator_id, unit_code, geo_date, period from observations
                     where release_id > $1 and release_id <= $2 and release_id in (select id from releases where dataset_id = $3)
                    union
                    select indicator_id, unit_code, geo_date, period from observation_revisions
                     where release_id > $1 and release_id <= $2 and release_id in (select id from releases where dataset_id = $3))`;
  const rows = await raw.query<{
    code: string;
    unit_code: string;
    geo_date: string;
    period: number;
    before: number | null;
    after: number | null;
  }>(
    `select i.code, k.unit_code, to_char(k.geo_date, 'YYYY-MM-DD') as geo_date, k.period, a.value as before,
            b.value as after
     from ${touched} k
     join indicators i on i.id = k.indicator_id
     left join ${asOf('$1')} a using (indicator_id, unit_code, geo_date, period)
     left join ${asOf('$2')} b using (indicator_id, unit_code, geo_date, period)
     where a.value is distinct from b.value
     order by i.sort_order, k.unit_code, k.period`,
    [from, to, id],
  );
  const items = rows.map((r) => ({
    indicator: r.code,
    unitCode: r.unit_code,
    geoDate: r.geo_date,
    period: r.period,
    before: r.before,
    after: r.after,
    change: r.before === null ? ('added' as const) : ('changed' as const),
  }));
  return {
    datasetId: id,
    from,
    to,
    added: items.filter((x) => x.change === 'added').length,
    changed: items.filter((x) => x.change === 'changed').length,
    rows: items.slice(0, limit),
    truncated: items.length > limit,
  };
}

/**
 * The observations of a dataset (as published in `release`, default its latest) as CSV with a BOM, streamed with COPY
 * so that millions of rows never become JS objects. Columns follow the long import format, so a download can be
 * edited and uploaded again.
 */
export async function exportDatasetCsv(
  db: Db,
  id: number,
  release?: number,
): Promise<{ name: string; stream: Readable }> {
  const ds = await getDataset(db, id);
  const raw = rawSql(db);
  const [rel] = await raw.query<{ id: number; number: number }>(
    release === undefined
      ? 'select id, number from releases where dataset_id = $1 order by number desc limit 1'
      : 'select id, number from releases where dataset_id = $1 and id = $2',
    release === undefined ? [id] : [id, release],
  );
  if (!rel)
    throw notFound(`Release ${release ?? ''} of dataset ${id}`, `bản phát hành ${release ?? ''} của bộ dữ liệu ${id}`);
  const r = Number(rel.id);
  const [latest] = await raw.query<{ id: number }>('select max(id)::int as id from releases where dataset_id = $1', [
    id,
  ]);
  // The latest release reads current values; an earlier one the values as published then (current ∪ revisions).
  const source = latest.id === r ? 'observations' : asOfWithStatus(r);
  const inDataset = `o.release_id in (select id from releases where dataset_id = ${Number(id)})`;
  // Dates print as YYYY-MM-DD (ISO DateStyle) without a per-row to_char.
  const select = (indicator?: number) => `select i.code as indicator, o.unit_code as "unitCode", o.period, o.value,
                         o.geo_date as date, o.status, o.note
                  from ${source} o join indicators i on i.id = o.indicator_id
                  where ${inDataset}${indicator === undefined ? '' : ` and o.indicator_id = ${Number(indicator)}`}`;
  const name = `${ds.code}-phat-hanh-${rel.number}.csv`;
  if (raw.engine === 'postgresql')
    return { name, stream: raw.copyOutCsv(select(), { header: true, prefix: '\uFEFF' }) };
  // PGlite returns a COPY as one blob: one indicator at a time keeps memory bounded.
  const ids = (
    await raw.query<{ id: number }>(
      `select distinct i.id from releases r, unnest(r.indicators) as c join indicators i on i.code = c
       where r.dataset_id = $1 and r.id <= $2 order by 1`,
      [id, r],
    )
  ).map((x) => x.id);
  const chunks = async function* () {
    yield Buffer.from('\uFEFFindicator,unitCode,period,value,date,status,note\n');
    for (const ind of ids) yield* raw.copyOutCsv(select(ind));
  };
  return { name, stream: Readable.from(chunks()) };
}

const asOfWithStatus = (r: number) => `(
  select indicator_id, unit_code, geo_date, period, value, status, note, release_id from observations where release_id <= ${r}
  union all
  select indicator_id, unit_code, geo_date, period, value, status, note, release_id from observation_revisions
   where release_id <= ${r} and superseded_by > ${r})`;

/** The import log: everything for administrators, the organisation's own imports for others. */
export async function listImports(
  db: Db,
  user: { id: number; role: Role; organisation: { id: number } },
): Promise<ImportLogResponse> {
  const rows = await rawSql(db).query<{
    id: number;
    at: string | Date;
    actor: string | null;
    dataset_code: string;
    file_name: string | null;
    status: 'committed' | 'dry_run' | 'rejected' | 'failed';
    rows_read: number;
    error_count: number;
    release_id: number | null;
    detail: unknown;
  }>(
    `select s.id, s.at, s.actor, s.dataset_code, s.file_name, s.status, s.rows_read, s.error_count, s.release_id, s.detail
     from stat_imports s left join users u on u.id = s.user_id
     ${user.role === 'admin' ? '' : 'where u.organisation_id = $1'}
     order by s.id desc limit 200`,
    user.role === 'admin' ? [] : [user.organisation.id],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      user: r.actor,
      dataset: r.dataset_code,
      fileName: r.file_name,
      status: r.status,
      rowsRead: r.rows_read,
      errorCount: r.error_count,
      releaseId: r.release_id,
      detail: r.detail === null ? null : JSON.stringify(r.detail).slice(0, 2000),
    })),
  };
}

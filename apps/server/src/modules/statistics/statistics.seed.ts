import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import {
  type CatalogueIndicator,
  type DatasetMeta,
  INDICATORS,
  REFERENCE_DATASETS,
  type ReferenceDataset,
} from './catalogue';
import { invalidateCatalogue } from './catalogue.service';
import type { CsvRecord } from './csv-stream';
import { syncStatUnits } from './geography';
import { type ImportActor, importObservations } from './import.service';
import { rawSql } from './raw-sql';

const SEED_ACTOR: ImportActor = { userId: null, label: 'seed', role: 'system', organisation: null };
const HA_NOI_BEFORE_MERGER = 'Hà Nội trước khi hợp nhất Hà Tây (01/8/2008)';

/** Insert the indicator catalogue (rules and provenance), resolving weight/numerator/denominator codes to ids. */
export async function loadIndicatorCatalogue(tx: Db) {
  const raw = rawSql(tx);
  for (const [i, d] of INDICATORS.entries()) await insertIndicator(raw, d, { sortOrder: i + 1 });
  invalidateCatalogue(tx);
  return INDICATORS.length;
}

/**
 * Insert one catalogue indicator. Its place in the catalogue is `sortOrder`, or the place of the indicator `after`
 * (ties are listed in insertion order, so it comes right after that sibling).
 */
export async function insertIndicator(
  raw: ReturnType<typeof rawSql>,
  d: CatalogueIndicator,
  place: { sortOrder: number } | { after: string },
) {
  await raw.query(
    `insert into indicators (code, name_vi, name_en, definition_vi, definition_en, topic, unit_vi, unit_en, decimals,
       aggregation, ratio_factor, measure, periodicity, min_value, max_value, min_period, source_vi, source_en,
       licence, sort_order, weight_indicator_id, numerator_indicator_id, denominator_indicator_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,
       coalesce($20::integer, (select sort_order from indicators where code = $24), 0),
       (select id from indicators where code = $21), (select id from indicators where code = $22),
       (select id from indicators where code = $23))`,
    [
      d.code,
      normaliseText(d.nameVi),
      d.nameEn,
      normaliseText(d.definitionVi),
      d.definitionEn,
      d.topic,
      normaliseText(d.unitVi),
      d.unitEn,
      d.decimals,
      d.aggregation,
      d.ratioFactor ?? null,
      d.measure,
      d.periodicity,
      d.minValue ?? null,
      d.maxValue ?? null,
      d.minPeriod ?? null,
      normaliseText(d.sourceVi),
      d.sourceEn,
      d.licence,
      'sortOrder' in place ? place.sortOrder : null,
      d.weight ?? null,
      d.numerator ?? null,
      d.denominator ?? null,
      'after' in place ? place.after : null,
    ],
  );
}

/** Turn one reference file into long-format records (header first), with what was skipped and why. */
export function referenceRecords(ds: ReferenceDataset): {
  records: CsvRecord[];
  skipped: number;
  skippedHaTay: number;
} {
  const rows = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'stats', ds.file), 'utf8'));
  const records: CsvRecord[] = [
    { row: 1, fields: ['indicator', 'unitCode', 'period', 'value', 'date', 'status', 'note'] },
  ];
  let skipped = 0;
  let skippedHaTay = 0;
  let line = 1;
  for (const r of rows) {
    if (!r.code) {
      skippedHaTay++;
      continue;
    }
    for (const c of ds.columns) {
      const v = r[c.column];
      if (v === undefined || v === '' || v === 'NA') continue;
      if (ds.skip?.(r, c.column)) {
        skipped++;
        continue;
      }
      const value = c.scale ? String(Number((Number(v) * c.scale).toFixed(6))) : v;
      const note = r.code === '01' && Number(r.year) < 2008 ? HA_NOI_BEFORE_MERGER : '';
      records.push({
        row: ++line,
        fields: [c.indicator, r.code, r.year, value, ds.geoDate, c.status ?? ds.status, note],
      });
    }
  }
  return { records, skipped, skippedHaTay };
}

/** Create a dataset with its provenance (no release yet). */
export async function insertDataset(tx: Db, ds: DatasetMeta) {
  await rawSql(tx).query(
    `insert into datasets (code, title_vi, title_en, publisher, original_source, licence, url, caveats_vi, caveats_en,
       geography_note_vi) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      ds.code,
      ds.titleVi,
      ds.titleEn,
      ds.publisher,
      ds.originalSource,
      ds.licence,
      ds.url,
      ds.caveatsVi,
      ds.caveatsEn,
      ds.geographyNoteVi,
    ],
  );
}

/** Commit long-format records (header first) as the first release of a seeded dataset; returns the rows written. */
export async function importSeedRecords(
  tx: Db,
  dataset: string,
  fileName: string,
  records: CsvRecord[],
  note: string,
): Promise<number> {
  const res = await importObservations(
    tx,
    SEED_ACTOR,
    (async function* () {
      yield records;
    })(),
    { dryRun: false, dataset, fileName, fileType: 'csv', note, skipGeographySync: true },
  );
  return res.observations;
}

/**
 * Seed step: the catalogue, the geography read model, and every file of `reference/stats/` as a dataset with its
 * first release, loaded through the same importer as uploads (so the same checks apply to reference data).
 */
export async function loadStatisticsReference(tx: Db) {
  const indicators = await loadIndicatorCatalogue(tx);
  await syncStatUnits(tx);
  const loaded: Record<string, number> = {};
  for (const ds of REFERENCE_DATASETS) {
    await insertDataset(tx, ds);
    const { records, skipped, skippedHaTay } = referenceRecords(ds);
    const notes = [
      `Nạp từ reference/stats/${ds.file}.`,
      skippedHaTay ? `Bỏ qua ${skippedHaTay} dòng của Hà Tây (không có mã trong bộ mã 63 tỉnh).` : '',
      skipped ? `Bỏ qua ${skipped} giá trị được ghi là 0 thay cho thiếu số liệu.` : '',
    ].filter(Boolean);
    loaded[ds.code] = await importSeedRecords(tx, ds.code, ds.file, records, notes.join(' '));
  }
  return { indicators, datasets: loaded };
}

interface EnglishTexts {
  datasets: Record<
    string,
    {
      publisherEn: string;
      originalSourceEn: string;
      licenceEn: string;
      geographyNoteEn: string;
      releaseNoteEn?: string;
    }
  >;
  indicatorLicences: Record<string, string>;
}

/**
 * Seed step: the English provenance texts of the reference datasets (publisher, source, licence, geography, the note
 * of their seed release) and of indicator licences, from data/english-texts.json. Runs after the datasets exist,
 * on new and existing databases alike; a dataset not present (e.g. the demo's on a non-demo install) is skipped.
 */
export async function loadStatisticsEnglish(tx: Db) {
  const texts = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8'),
  ) as EnglishTexts;
  const raw = rawSql(tx);
  let datasets = 0;
  for (const [code, d] of Object.entries(texts.datasets)) {
    const rows = await raw.query<{ id: number }>(
      `update datasets set publisher_en = $2, original_source_en = $3, licence_en = $4, geography_note_en = $5
       where code = $1 returning id`,
      [code, d.publisherEn, d.originalSourceEn, d.licenceEn, d.geographyNoteEn],
    );
    if (rows.length === 0) continue;
    datasets++;
    if (d.releaseNoteEn)
      await raw.query('update releases set note_en = $2 where dataset_id = $1 and number = 1 and imported_by is null', [
        rows[0].id,
        d.releaseNoteEn,
      ]);
  }
  for (const [licence, en] of Object.entries(texts.indicatorLicences))
    await raw.query('update indicators set licence_en = $2 where licence = $1', [licence, en]);
  invalidateCatalogue(tx);
  return { datasets };
}

import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { FIRST_DAY_63 } from './catalogue';
import { invalidateCatalogue } from './catalogue.service';
import type { CsvRecord } from './csv-stream';
import {
  derivePapiScores,
  type GovernanceDataset,
  type GovernanceValue,
  governanceCatalogue,
  governanceDatasets,
  layoutMap,
  type LongRow,
  mapRows,
  papiLayout,
  parseLongFile,
} from './governance';
import { rawSql } from './raw-sql';
import { importSeedRecords, insertDataset, insertIndicator } from './statistics.seed';

const DERIVED_NOTE = 'Số liệu tính toán: tổng các nội dung thành phần';

/** Long-format importer records (header first) for values recorded in the 63-province geography. */
function toRecords(values: readonly GovernanceValue[], note: string): CsvRecord[] {
  const records: CsvRecord[] = [{ row: 1, fields: ['indicator', 'unitCode', 'period', 'value', 'date', 'note'] }];
  for (const [i, v] of values.entries())
    records.push({ row: i + 2, fields: [v.indicator, v.code, String(v.year), String(v.value), FIRST_DAY_63, note] });
  return records;
}

/** The catalogue values of one dataset, from the rows of its file that come from its compilation. */
export function datasetValues(ds: GovernanceDataset, fileRows: readonly LongRow[]): GovernanceValue[] {
  const rows = fileRows.filter((r) => r.source.startsWith(ds.rows));
  if (rows.length === 0) throw new Error(`No rows of ${ds.file} come from "${ds.rows}"`);
  if (ds.indicators === 'derived') return derivePapiScores(rows, papiLayout());
  return mapRows(rows, ds.indicators === 'layout' ? layoutMap(papiLayout()) : ds.indicators);
}

/**
 * Seed step `statistics-governance-v1`: PCI 2017–2022 (one series with 2005–2016, indicator `pci`), PAPI
 * sub-dimensions 2017–2024 joined to the 2011–2016 codes, and the dimension scores and totals derived from them (a
 * dataset of their own, so every derived figure says so). Adds the new indicators and the notes on the series'
 * changes to existing ones. Everything goes through the same importer as uploads.
 */
export async function loadGovernanceReference(tx: Db) {
  const raw = rawSql(tx);
  const { indicators, updates } = governanceCatalogue();
  for (const { after, ...d } of indicators) await insertIndicator(raw, d, { after });
  for (const u of updates)
    await raw.query(
      `update indicators set name_vi = coalesce($2, name_vi), name_en = coalesce($3, name_en), definition_vi = $4,
         definition_en = $5, version = version + 1, updated_at = now() where code = $1`,
      [
        u.code,
        u.nameVi ? normaliseText(u.nameVi) : null,
        u.nameEn ?? null,
        normaliseText(u.definitionVi),
        u.definitionEn,
      ],
    );
  invalidateCatalogue(tx);
  const files = new Map<string, LongRow[]>();
  const rowsOf = (file: string) => {
    const cached = files.get(file);
    if (cached) return cached;
    const rows = parseLongFile(fs.readFileSync(path.join(REFERENCE_DIR, 'stats', file), 'utf8'));
    files.set(file, rows);
    return rows;
  };
  const loaded: Record<string, number> = {};
  for (const ds of governanceDatasets()) {
    await insertDataset(tx, ds);
    const values = datasetValues(ds, rowsOf(ds.file));
    const derived = ds.indicators === 'derived';
    const note = derived
      ? `Tính từ reference/stats/${ds.file} (tổng các nội dung thành phần).`
      : `Nạp từ reference/stats/${ds.file}, các dòng có nguồn “${ds.rows}…”.`;
    loaded[ds.code] = await importSeedRecords(
      tx,
      ds.code,
      ds.file,
      toRecords(values, derived ? DERIVED_NOTE : ''),
      note,
    );
  }
  return { indicators: indicators.length, updated: updates.length, datasets: loaded };
}

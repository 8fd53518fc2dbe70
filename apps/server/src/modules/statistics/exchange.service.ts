import crypto from 'node:crypto';
import type { ImportResult, Indicator } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { listUnits, todayVn } from '../geo/geo.service';
import { isPublicDataset } from './access-level';
import { listIndicators, loadCatalogue } from './catalogue.service';
import { buildDcatCatalogue } from './dcat';
import { readCsvText } from './csv-stream';
import { type ImportActor, ImportRejected, importObservations } from './import.service';
import { type ObservationQuery, queryObservations } from './query.service';
import { listDatasets, listReleases } from './statistics.service';
import { sdmxCsv, sdmxCsvToImport, sdmxJson, sdmxObservations, sdmxStructure, unitMeasureOf } from './sdmx';

/**
 * The exchange formats as services: a statistics query as SDMX-CSV or SDMX-JSON, the catalogue's data-structure
 * definition, and SDMX-CSV observations imported through the ordinary importer (same checks, one transaction).
 */

/**
 * The vintage of each area of a query: for provinces and communes the start date of the unit in force on the query's
 * date (the geography its code refers to), for regions and groupings the query's date itself.
 */
async function vintages(db: Db, level: string, at: string): Promise<(code: string) => string> {
  if (level !== 'province' && level !== 'commune') return () => at;
  const units = new Map((await listUnits(db, { level, at })).map((u) => [u.code, u.validFrom]));
  return (code) => units.get(code) ?? at;
}

/** Run a statistics query (through the query engine, with its access rules) and give it as SDMX-CSV or SDMX-JSON. */
export async function sdmxDataExport(
  db: Db,
  q: Omit<ObservationQuery, 'at'> & { at?: string },
  format: 'csv' | 'json',
): Promise<string> {
  const at = q.at ?? todayVn();
  const res = await queryObservations(db, { ...q, at });
  const obs = sdmxObservations(res, await vintages(db, res.query.level, at));
  if (format === 'csv') return sdmxCsv(obs);
  const prepared = new Date().toISOString();
  return JSON.stringify(
    sdmxJson(obs, {
      indicators: res.indicators,
      id: `RL-${crypto.randomUUID()}`,
      prepared: `${prepared.slice(0, 19)}Z`,
    }),
  );
}

/** The DSD of the catalogue (with its code lists) as an SDMX-JSON 2.0 structure message. */
export async function sdmxStructureMessage(db: Db): Promise<string> {
  const indicators: Indicator[] = await listIndicators(db);
  return JSON.stringify(sdmxStructure(indicators, `${new Date().toISOString().slice(0, 19)}Z`));
}

/**
 * Import SDMX-CSV observations as a new release: SDMX-level problems (structure, action, status, unit) refuse the
 * whole file with row and column; the rest goes through `importObservations`, all-or-nothing.
 */
export async function importSdmxCsv(
  db: Db,
  actor: ImportActor,
  text: string,
  opts: Pick<Parameters<typeof importObservations>[3], 'dryRun' | 'dataset' | 'note' | 'fileName' | 'newDataset'>,
): Promise<ImportResult> {
  const records = await readCsvText(text);
  const catalogue = await loadCatalogue(db);
  const unitOf = (code: string) => {
    const d = catalogue.byCode.get(code);
    return d ? unitMeasureOf(d.unitEn) : null;
  };
  const { records: rows, errors } = sdmxCsvToImport(records, unitOf);
  if (errors.length) throw new ImportRejected(422, errors.slice(0, 1000), errors.length, records.length - 1);
  return importObservations(
    db,
    actor,
    (async function* () {
      yield rows;
    })(),
    { ...opts, fileType: 'csv' },
  );
}

/**
 * The DCAT 2 / DCAT-AP catalogue (JSON-LD) of the public datasets (`isPublicDataset`), with each dataset's first and
 * latest release dates; URIs are built on the configured public URL so that they stay stable.
 */
export async function dcatCatalogue(db: Db, baseUrl: string) {
  const datasets = (await listDatasets(db)).filter(isPublicDataset);
  const entries = [];
  for (const dataset of datasets) {
    const { items } = await listReleases(db, dataset.id);
    const first = items.at(-1)?.publishedAt ?? dataset.latestRelease?.publishedAt ?? new Date().toISOString();
    entries.push({ dataset, issued: first });
  }
  const modified = entries
    .map((e) => e.dataset.latestRelease?.publishedAt ?? e.issued)
    .sort()
    .at(-1);
  return buildDcatCatalogue(entries, { baseUrl, modified: modified ?? new Date().toISOString() });
}

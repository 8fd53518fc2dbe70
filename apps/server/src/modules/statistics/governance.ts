import fs from 'node:fs';
import path from 'node:path';
import { parseCsvObjects } from '../../lib/csv';
import type { CatalogueIndicator, DatasetMeta } from './catalogue';

/**
 * PCI to 2022 and PAPI to 2024 (issue 19): the long-format reference files, the PAPI layout that joins the 2017–2024
 * sub-dimensions to the 2011–2016 indicator codes, and the dimension scores and totals derived as sums of
 * sub-dimensions. Pure functions over parsed rows; the metadata is data (`data/governance-*.json`, the layout CSV).
 */

/** One row of a long-format reference file (`province_code, indicator, year, value, …, source`). */
export interface LongRow {
  code: string;
  indicator: string;
  year: number;
  value: number;
  source: string;
}

/** One value for the importer: a catalogue indicator of a province in a year. */
export interface GovernanceValue {
  indicator: string;
  code: string;
  year: number;
  value: number;
}

/** Where a 2017–2024 PAPI sub-dimension goes: its catalogue code and its dimension. */
export interface LayoutEntry {
  sourceIndicator: string;
  code: string;
  dimension: string;
}

/** The six dimensions PAPI has had since 2011, in order; `papi` is their sum in every year. */
export const PAPI_ORIGINAL_DIMENSIONS = [
  'papi_participation',
  'papi_transparency',
  'papi_accountability',
  'papi_corruption',
  'papi_procedures',
  'papi_service',
] as const;

/** The two dimensions added in 2018; with the six they make the published eight-dimension total `papi_8d`. */
export const PAPI_NEW_DIMENSIONS = ['papi_environment', 'papi_egovernance'] as const;

export interface GovernanceDataset extends DatasetMeta {
  file: string;
  /** Rows of the file whose `source` starts with this text. */
  rows: string;
  /** File indicator → catalogue code; `layout` = the PAPI layout; `derived` = dimension scores and totals. */
  indicators: Record<string, string> | 'layout' | 'derived';
}

const DATA_DIR = path.join(import.meta.dirname, 'data');

/** The new indicators (with the sibling each follows), the notes added to existing ones, and their sources. */
export function governanceCatalogue(): {
  indicators: (CatalogueIndicator & { after: string })[];
  updates: { code: string; nameVi?: string; nameEn?: string; definitionVi: string; definitionEn: string }[];
} {
  const raw = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'governance-indicators.json'), 'utf8'));
  const indicators = raw.indicators.map(
    ({ source, ...d }: { source: string } & Record<string, unknown>) =>
      ({
        aggregation: 'none',
        measure: 'stock',
        periodicity: 'periodic',
        ...raw.sources[source],
        ...d,
      }) as CatalogueIndicator & { after: string },
  );
  return { indicators, updates: raw.updates };
}

/** The datasets of the seed step, in load order. */
export function governanceDatasets(): GovernanceDataset[] {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'governance-datasets.json'), 'utf8')).datasets;
}

/** The PAPI 2017–2024 layout (`data/papi-2017-2024-layout.csv`). */
export function papiLayout(): LayoutEntry[] {
  return parseCsvObjects(fs.readFileSync(path.join(DATA_DIR, 'papi-2017-2024-layout.csv'), 'utf8')).map((r) => ({
    sourceIndicator: r.source_indicator,
    code: r.code,
    dimension: r.dimension,
  }));
}

/**
 * Parse a long-format reference file. Every row must have a two-digit code, a year, a finite value and an indicator;
 * anything else throws with the line number (reference data is never loaded half-read).
 */
export function parseLongFile(text: string): LongRow[] {
  return parseCsvObjects(text).map((r, i) => {
    const year = Number(r.year);
    const value = Number(r.value);
    if (!/^\d{2}$/.test(r.province_code ?? '') || !Number.isInteger(year) || r.value === '' || !Number.isFinite(value))
      throw new Error(`Line ${i + 2}: bad row ${JSON.stringify(r)}`);
    if (!r.indicator) throw new Error(`Line ${i + 2}: no indicator`);
    return { code: r.province_code, indicator: r.indicator, year, value, source: r.source ?? '' };
  });
}

/** Map a dataset's rows to catalogue values; a file indicator without a mapping throws (nothing is dropped silently). */
export function mapRows(rows: readonly LongRow[], map: Record<string, string>): GovernanceValue[] {
  return rows.map((r) => {
    const indicator = map[r.indicator];
    if (!indicator) throw new Error(`No catalogue indicator for "${r.indicator}"`);
    return { indicator, code: r.code, year: r.year, value: r.value };
  });
}

/** The layout as a map from the file's sub-dimension to its catalogue code. */
export const layoutMap = (layout: readonly LayoutEntry[]) =>
  Object.fromEntries(layout.map((l) => [l.sourceIndicator, l.code]));

const round9 = (x: number) => Number(x.toFixed(9));

/**
 * PAPI dimension scores and totals from sub-dimensions. A dimension's layout in a year is the set of its
 * sub-dimensions that any province has that year (the layout changed in 2018, 2019 and 2021); a province gets the
 * dimension only when it has every one of them (a partial sum would look like a low score). `papi` = the six original
 * dimensions, when all six are there; `papi_8d` = all eight, in years whose layout has eight.
 */
export function derivePapiScores(rows: readonly LongRow[], layout: readonly LayoutEntry[]): GovernanceValue[] {
  const dimensionOf = new Map(layout.map((l) => [l.sourceIndicator, l.dimension]));
  const yearLayout = new Map<string, Set<string>>(); // `${year}|${dimension}` → sub-dimensions
  const values = new Map<string, number>(); // `${year}|${code}|${sub}` → value
  const provinceYears = new Set<string>();
  for (const r of rows) {
    const dim = dimensionOf.get(r.indicator);
    if (!dim) throw new Error(`"${r.indicator}" is not in the PAPI layout`);
    const key = `${r.year}|${dim}`;
    const set = yearLayout.get(key) ?? new Set<string>();
    yearLayout.set(key, set);
    set.add(r.indicator);
    values.set(`${r.year}|${r.code}|${r.indicator}`, r.value);
    provinceYears.add(`${r.year}|${r.code}`);
  }
  const out: GovernanceValue[] = [];
  const dimensions = [...PAPI_ORIGINAL_DIMENSIONS, ...PAPI_NEW_DIMENSIONS];
  for (const py of [...provinceYears].sort()) {
    const [y, code] = py.split('|');
    const year = Number(y);
    const scores = new Map<string, number>();
    for (const dim of dimensions) {
      const subs = yearLayout.get(`${year}|${dim}`);
      if (!subs) continue;
      let s = 0;
      let complete = true;
      for (const sub of subs) {
        const v = values.get(`${year}|${code}|${sub}`);
        if (v === undefined) complete = false;
        else s += v;
      }
      if (!complete) continue;
      scores.set(dim, s);
      out.push({ indicator: dim, code, year, value: round9(s) });
    }
    const total = (dims: readonly string[]) =>
      dims.every((d) => scores.has(d)) ? round9(dims.reduce((a, d) => a + scores.get(d)!, 0)) : null;
    const six = total(PAPI_ORIGINAL_DIMENSIONS);
    if (six !== null) out.push({ indicator: 'papi', code, year, value: six });
    if (PAPI_NEW_DIMENSIONS.every((d) => yearLayout.has(`${year}|${d}`))) {
      const eight = total(dimensions);
      if (eight !== null) out.push({ indicator: 'papi_8d', code, year, value: eight });
    }
  }
  return out;
}

import fs from 'node:fs';
import { readCommunes2025 } from '../apps/server/src/modules/geo/geo.seed';

/**
 * The synthetic national dataset of performance-notes.md §3.1: the 3,321 real communes of 2025 × N indicators ×
 * 30 years (1995–2024), deterministic (mulberry32, seed 42). Indicator 1 is population (2,000–80,000 per commune,
 * +1.2 %/yr); the others are uniform in [0, 1000) with 3 decimals. Rows come in indicator-major order
 * (indicator, year, commune) or year-major order (year, commune, indicator), as yearbook imports arrive.
 */

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  /** Indicator codes; the first is the population-like weight indicator. */
  indicators: string[];
  years: number[];
  order: 'indicator' | 'year';
  seed?: number;
  /** Communes to use (default: all 3,321 of 2025, sorted by code). */
  communes?: string[];
}

export const YEARS_1995_2024 = Array.from({ length: 30 }, (_, i) => 1995 + i);

/** All commune codes of 2025, sorted. */
export function communeCodes(): string[] {
  return readCommunes2025()
    .map((c) => c.code)
    .sort();
}

/**
 * The value of (indicator index, commune index, year index): population grows 1.2 %/yr from a per-commune base;
 * other indicators draw from one PRNG stream per (indicator, commune) so both row orders give identical data.
 */
export function makeValue(seed: number, nYears: number) {
  return (ind: number, commune: number, yearIdx: number): number => {
    const rnd = mulberry32(seed * 1_000_003 + ind * 10_007 + commune);
    if (ind === 0) return Math.round((2000 + rnd() * 78000) * 1.012 ** yearIdx);
    let v = 0;
    for (let k = 0; k <= yearIdx && k < nYears; k++) v = rnd();
    return Math.round(v * 1000 * 1000) / 1000;
  };
}

/** The rows as CSV lines (header first) in the chosen order. */
export function* generateCsvLines(o: GenOptions): Generator<string> {
  const seed = o.seed ?? 42;
  const communes = o.communes ?? communeCodes();
  const value = makeValue(seed, o.years.length);
  yield 'indicator,unitCode,period,value';
  if (o.order === 'indicator') {
    for (let i = 0; i < o.indicators.length; i++)
      for (let y = 0; y < o.years.length; y++)
        for (let c = 0; c < communes.length; c++)
          yield `${o.indicators[i]},${communes[c]},${o.years[y]},${value(i, c, y)}`;
  } else {
    for (let y = 0; y < o.years.length; y++)
      for (let c = 0; c < communes.length; c++)
        for (let i = 0; i < o.indicators.length; i++)
          yield `${o.indicators[i]},${communes[c]},${o.years[y]},${value(i, c, y)}`;
  }
}

/** Write the CSV to a file in 1 MB chunks; returns the number of data rows. */
export async function writeCsv(file: string, o: GenOptions): Promise<number> {
  const out = fs.createWriteStream(file);
  let buf: string[] = [];
  let size = 0;
  let rows = -1;
  for (const line of generateCsvLines(o)) {
    buf.push(line);
    size += line.length + 1;
    rows++;
    if (size > 1 << 20) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
      size = 0;
    }
  }
  if (buf.length) out.write(`${buf.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return rows;
}

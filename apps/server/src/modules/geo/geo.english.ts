import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

/** The English source lines of data/english-texts.json, keyed by the stored (Vietnamese) source line. */
export function geoEnglishSources(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8')).sources;
}

/** Seed step: English source lines of the administrative units (migration 1311), matched on the whole source. */
export async function loadGeoEnglish(tx: Db) {
  const raw = rawSql(tx);
  let units = 0;
  for (const [vi, en] of Object.entries(geoEnglishSources()))
    units += await raw.count('update admin_units set source_en = $2 where source = $1', [vi, en]);
  return { units };
}

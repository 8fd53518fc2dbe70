import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

interface PlansVietnamese {
  /** English text of the CSV → its Vietnamese. */
  notes: Record<string, string>;
  scales: Record<string, string>;
  sectorDetails: Record<string, string>;
}

/** data/vietnamese-texts.json. */
export function plansVietnameseTexts(): PlansVietnamese {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'vietnamese-texts.json'), 'utf8'));
}

/** Column pairs (Vietnamese, English) whose Vietnamese the reference list wrote in English. */
const COLUMNS = [
  ['notes', 'notes_en', 'notes'],
  ['scale', 'scale_en', 'scales'],
  ['sector_detail', 'sector_detail_en', 'sectorDetails'],
] as const;

/**
 * Seed step `plans-vietnamese-v1`: the reference projects' notes, scale and sector detail came from the CSV in
 * English. For each, the English goes to the *_en column (unless an English text is there already) and the Vietnamese
 * of data/vietnamese-texts.json takes its place. Only rows the reference load wrote (created_by is null) whose text is
 * still the CSV's: a text someone edited since is left alone.
 */
export async function loadPlansVietnameseTexts(tx: Db) {
  const x = plansVietnameseTexts();
  const raw = rawSql(tx);
  let n = 0;
  for (const [vi, en, key] of COLUMNS)
    for (const [english, vietnamese] of Object.entries(x[key]))
      n += await raw.count(
        `update projects set ${en} = coalesce(${en}, ${vi}), ${vi} = $2 where ${vi} = $1 and created_by is null`,
        [normaliseText(english), normaliseText(vietnamese)],
      );
  return { rows: n };
}

import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

interface CouncilsEnglish {
  columns: [table: string, column: string][];
  texts: Record<string, string>;
  teamNames: Record<string, string>;
}

/** The English texts of data/english-texts.json, as the seed step loads them. */
export function councilsEnglishTexts(): CouncilsEnglish {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8'));
}

const TABLES = new Set(['councils', 'council_changes', 'council_members', 'coordination_teams']);

/**
 * Seed step: English for the councils' reference texts (migration 1151), from data/english-texts.json: each text is
 * matched on its whole Vietnamese text in every column listed; coordination teams are named by province code.
 */
export async function loadCouncilsEnglish(tx: Db) {
  const texts = councilsEnglishTexts();
  const raw = rawSql(tx);
  let updated = 0;
  for (const [table, column] of texts.columns) {
    if (!TABLES.has(table) || !/^[a-z_]+$/.test(column)) throw new Error(`english-texts.json: ${table}.${column}`);
    for (const [vi, en] of Object.entries(texts.texts))
      updated += await raw.count(`update ${table} set ${column}_en = $2 where ${column} = $1`, [normaliseText(vi), en]);
  }
  let teams = 0;
  for (const [code, nameEn] of Object.entries(texts.teamNames))
    teams += await raw.count('update coordination_teams set name_en = $2 where province_code = $1', [code, nameEn]);
  return { updated, teams };
}

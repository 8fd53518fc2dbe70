import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

interface PlansEnglish {
  projects: Record<string, string>;
  indicators: Record<string, string>;
  milestones: Record<string, string>;
}

/** The English names of data/english-project-names.json, as the seed step loads them. */
export function plansEnglishTexts(): PlansEnglish {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-project-names.json'), 'utf8'));
}

/**
 * Seed step: English names of the reference projects and results-framework indicators without the Vietnamese
 * glosses the source list carries, from data/english-project-names.json, by code (a code not present is skipped);
 * English names of the demo milestones that have none, by their Vietnamese name.
 */
export async function loadPlansEnglish(tx: Db) {
  const texts = plansEnglishTexts();
  const raw = rawSql(tx);
  let projects = 0;
  for (const [code, nameEn] of Object.entries(texts.projects))
    projects += await raw.count('update projects set name_en = $2 where code = $1', [code, nameEn]);
  let indicators = 0;
  for (const [code, nameEn] of Object.entries(texts.indicators))
    indicators += await raw.count('update rf_indicators set name_en = $2 where code = $1', [code, nameEn]);
  let milestones = 0;
  for (const [nameVi, nameEn] of Object.entries(texts.milestones))
    milestones += await raw.count('update milestones set name_en = $2 where name_vi = $1 and name_en is null', [
      normaliseText(nameVi),
      nameEn,
    ]);
  return { projects, indicators, milestones };
}

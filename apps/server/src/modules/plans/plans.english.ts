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

interface PlansEnglishTexts {
  plans: Record<string, { sourceEn: string; noteEn: string }>;
  taskGroups: Record<string, Record<string, string>>;
  projectSource: { vi: string; en: string };
  projects: Record<string, { locationTextEn?: string; notesEn?: string; scaleEn?: string }>;
  indicators: Record<string, { unitEn: string; sourceDocumentEn: string; sourceSectionEn?: string }>;
  unresolvedLocations: Record<string, string>;
}

/** The English reference texts of data/english-texts.json, as the seed step loads them. */
export function plansEnglishReferenceTexts(): PlansEnglishTexts {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8'));
}

/**
 * Seed step: English for the plans' reference texts (migration 1310) from data/english-texts.json, by code: plan
 * source and note, task-group descriptions, project location, notes, scale and the common source line, location
 * texts that name no province (by their whole text), indicator unit, source document and section. A code not present is skipped (the demo indicators exist on demo installations
 * only); what a user entered later is not touched.
 */
export async function loadPlansEnglishTexts(tx: Db) {
  const x = plansEnglishReferenceTexts();
  const raw = rawSql(tx);
  let n = 0;
  for (const [code, p] of Object.entries(x.plans))
    n += await raw.count('update regional_plans set source_en = $2, note_en = $3 where code = $1', [
      code,
      p.sourceEn,
      p.noteEn,
    ]);
  for (const [plan, groups] of Object.entries(x.taskGroups))
    for (const [code, en] of Object.entries(groups))
      n += await raw.count(
        'update plan_task_groups set description_en = $3 where code = $2 and plan_id = (select id from regional_plans where code = $1)',
        [plan, normaliseText(code), en],
      );
  n += await raw.count('update projects set source_en = $2 where source = $1', [
    normaliseText(x.projectSource.vi),
    x.projectSource.en,
  ]);
  for (const [code, p] of Object.entries(x.projects))
    n += await raw.count(
      'update projects set location_text_en = $2, notes_en = $3, scale_en = $4 where code = $1 and created_by is null',
      [code, p.locationTextEn ?? null, p.notesEn ?? null, p.scaleEn ?? null],
    );
  for (const [vi, en] of Object.entries(x.unresolvedLocations))
    n += await raw.count('update project_unresolved_locations set text_en = $2 where text = $1', [
      normaliseText(vi),
      en,
    ]);
  for (const [code, i] of Object.entries(x.indicators))
    n += await raw.count(
      'update rf_indicators set unit_en = $2, source_document_en = $3, source_section_en = $4 where code = $1',
      [code, i.unitEn, i.sourceDocumentEn, i.sourceSectionEn ?? null],
    );
  return { rows: n };
}

import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import type { FigureDef } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

interface ReportingEnglish {
  documents: Record<string, { issuerEn: string; summaryEn: string; sourceEn: string }>;
  groupTitles: Record<string, string>;
  deadlineNotes: Record<string, string>;
  taskNotes: Record<string, string>;
  submissionSources: Record<string, string>;
  eventActors: Record<string, string>;
  eventReasons: { pattern: string; en: string }[];
  figureUnits: Record<string, string>;
}

/** The English texts of data/english-texts.json, as the seed step loads them. */
export function reportingEnglishTexts(): ReportingEnglish {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8'));
}

/**
 * Seed step: English for the policy documents (issuer, summary, source) and for their tasks' group titles, deadline
 * notes and notes, from data/english-texts.json into the *_en columns of migration 1150. A task's text is matched on
 * its whole Vietnamese text, so a text edited since (by MoF, in the task editor) keeps the English it was given there.
 */
export async function loadReportingEnglish(tx: Db) {
  const texts = reportingEnglishTexts();
  const raw = rawSql(tx);
  let documents = 0;
  for (const [code, d] of Object.entries(texts.documents))
    documents += await raw.count(
      'update policy_documents set issuer_en = $2, summary_en = $3, source_en = $4 where code = $1',
      [code, d.issuerEn, d.summaryEn, d.sourceEn],
    );
  const byText = async (vi: string, en: string, map: Record<string, string>) => {
    let n = 0;
    for (const [textVi, textEn] of Object.entries(map))
      n += await raw.count(`update policy_tasks set ${en} = $2 where ${vi} = $1`, [normaliseText(textVi), textEn]);
    return n;
  };
  return {
    documents,
    groupTitles: await byText('group_title_vi', 'group_title_en', texts.groupTitles),
    deadlineNotes: await byText('deadline_note', 'deadline_note_en', texts.deadlineNotes),
    notes: await byText('note', 'note_en', texts.taskNotes),
  };
}

/**
 * Seed step: English for what the reference import wrote on submissions (migration 1312): source lines and system
 * actors by their whole Vietnamese text, reasons by pattern; and each stored figure definition without an English
 * unit gets the one data/english-texts.json gives its Vietnamese unit.
 */
export async function loadReportingEnglishV2(tx: Db) {
  const texts = reportingEnglishTexts();
  const raw = rawSql(tx);
  let rows = 0;
  for (const [vi, en] of Object.entries(texts.submissionSources))
    rows += await raw.count('update submissions set source_en = $2 where source = $1', [normaliseText(vi), en]);
  for (const [vi, en] of Object.entries(texts.eventActors))
    rows += await raw.count('update submission_events set actor_name_en = $2 where actor_name = $1', [vi, en]);
  for (const r of texts.eventReasons)
    rows += await raw.count(
      'update submission_events set reason_en = regexp_replace(reason, $1, $2) where user_id is null and reason ~ $1',
      [r.pattern, r.en],
    );
  return { rows, figureSets: await addFigureUnitsEn(tx, texts.figureUnits) };
}

/** Give each stored figure definition without `unitEn` the English of its Vietnamese unit, where the data has one. */
async function addFigureUnitsEn(tx: Db, units: Record<string, string>) {
  const raw = rawSql(tx);
  const sets = await raw.query<{ cycle_id: number; task_id: number; figures: FigureDef[] }>(
    'select cycle_id, task_id, figures from cycle_tasks where jsonb_array_length(figures) > 0',
  );
  let n = 0;
  for (const s of sets) {
    // Only the sets with a figure to complete are written.
    if (!s.figures.some((f) => !f.unitEn && units[f.unitVi])) continue;
    const figures = s.figures.map((f) => (f.unitEn || !units[f.unitVi] ? f : { ...f, unitEn: units[f.unitVi] }));
    n += await raw.count('update cycle_tasks set figures = $3::jsonb where cycle_id = $1 and task_id = $2', [
      s.cycle_id,
      s.task_id,
      JSON.stringify(figures),
    ]);
  }
  return n;
}

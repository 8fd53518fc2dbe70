import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { rawSql } from '../statistics/raw-sql';

interface ReportingEnglish {
  documents: Record<string, { issuerEn: string; summaryEn: string; sourceEn: string }>;
  groupTitles: Record<string, string>;
  deadlineNotes: Record<string, string>;
  taskNotes: Record<string, string>;
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

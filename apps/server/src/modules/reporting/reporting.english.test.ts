import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { reportingEnglishTexts } from './reporting.english';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VIETNAMESE = /[àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
// An item letter quoted as numbered (“đ)”) is the Resolution's own numbering, not a Vietnamese word.
const english = (s: string) => !VIETNAMESE.test(s.replace(/“đ\)”/g, ''));
const texts = reportingEnglishTexts();
const rows = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'reporting', 'res57-tasks.csv'), 'utf8'));

describe(`English reference texts of the Resolution 57 tasks on ${TEST_ENGINE}`, () => {
  it('gives every group title, deadline note and note of the task list an English text in the data file', () => {
    const keys = (m: Record<string, string>) => new Set(Object.keys(m).map(normaliseText));
    const columns = [
      ['group_title_vi', keys(texts.groupTitles)],
      ['deadline_note', keys(texts.deadlineNotes)],
      ['note', keys(texts.taskNotes)],
    ] as const;
    for (const [column, known] of columns)
      for (const r of rows.filter((x) => x[column]))
        expect(known.has(normaliseText(r[column])), `${r.code} ${column}: ${r[column]}`).toBe(true);
    const all = [texts.groupTitles, texts.deadlineNotes, texts.taskNotes].flatMap((m) => Object.values(m));
    for (const d of Object.values(texts.documents)) all.push(d.issuerEn, d.summaryEn, d.sourceEn);
    for (const en of all) expect(english(en), en).toBe(true);
  });

  it('serves the English beside the Vietnamese for the document and every task that has a Vietnamese text', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/api/v1/policy-documents' })).json().items as {
      id: number;
      code: string;
    }[];
    const res57 = docs.find((d) => d.code === '57/NQ-CP')!;
    const doc = (await t.app.inject({ method: 'GET', url: `/api/v1/policy-documents/${res57.id}` })).json();
    expect(doc.issuerVi).toBe('Chính phủ');
    expect(doc.issuerEn).toBe('The Government');
    expect(doc.summaryEn).toMatch(/^The Resolution sets 06 general tasks/);
    expect(doc.sourceEn).toMatch(/Official Letter No\. 20208\/BTC-VCL/);
    const tasks = doc.tasks as Record<string, string | null>[];
    expect(tasks.length).toBe(rows.length);
    const pairs = [
      ['groupTitleVi', 'groupTitleEn'],
      ['deadlineNote', 'deadlineNoteEn'],
      ['note', 'noteEn'],
    ] as const;
    for (const task of tasks)
      for (const [vi, en] of pairs)
        if (task[vi]) expect(task[en], `${task.code} ${en}`).toSatisfy((s: string | null) => !!s && english(s));
        else expect(task[en], `${task.code} ${en}`).toBeNull();
    const dd = tasks.find((x) => x.code === '1.2.đ')!;
    expect(dd.noteEn).toBe('Misprinted as “d)” in the 2025 report; by its position it is “đ)”.');
  });

  it("serves the reference import's source line, actor and reason in English, and the figures' units", async () => {
    const cookie = await t.login('admin.mof');
    const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();
    const cycle = ((await get('/api/v1/cycles')).items as { id: number; year: number }[])
      .filter((c) => c.year === 2025)
      .sort((a, b) => a.id - b.id)[0];
    const subs = (await get(`/api/v1/cycles/${cycle.id}/submissions`)).items as { id: number }[];
    const details = await Promise.all(subs.map((x) => get(`/api/v1/submissions/${x.id}`)));
    const d = details[0];
    expect(d.source).toMatch(/^Phụ lục 1 và nội dung Báo cáo/);
    expect(d.sourceEn).toMatch(/^Appendix 1 and the body of the report attached to the Ministry of Finance's letter/);
    const imported = (d.history as Record<string, string | null>[]).find((h) => h.action === 'imported')!;
    expect([imported.actorName, imported.actorNameEn]).toEqual(['Nhập dữ liệu lịch sử', 'Historical data import']);
    expect(imported.reason).toMatch(/^Ghi nhận theo Phụ lục 1/);
    expect(imported.reasonEn).toMatch(
      /^Recorded from Appendix 1 \(part II?, no\. \d+\) of the report attached to letter/,
    );
    const defs = details.flatMap((x) =>
      (x.tasks as { figureDefs: { key: string; unitVi: string; unitEn: string }[] }[]).flatMap((k) => k.figureDefs),
    );
    const ndxp = defs.find((f) => f.key === 'ndxp_transactions_million')!;
    expect([ndxp.unitVi, ndxp.unitEn]).toEqual(['triệu giao dịch', 'million transactions']);
    for (const f of defs) expect(f.unitEn, f.key).toBeTruthy();
  });
});

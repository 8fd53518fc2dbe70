import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import {
  addUser,
  type Client,
  client,
  driveTo,
  etag,
  makeCycle,
  startFilled,
  taskIds,
} from '../reporting/reporting.fixtures';
import { blocksText, listTasks } from './report-model';
import { type ApiClient, apiClient, ooxmlPart, wordText } from './test-support';

/**
 * Re-sync of a draft with the submissions, on a real database and through the reporting module's real workflow:
 * untouched parts follow the submissions, staff's edits are never overwritten (newer text is offered beside them),
 * organisations accepted or reopened since the last sync enter or leave Part I and Appendix 1.
 */

let t: TestApp;
let admin: Client;
let docs: ApiClient;
let langson: Client;
let caobang: Client;
let cycleId: number;
const subs: Record<string, { id: number; version: number }> = {};

async function fillAndSave(reporter: Client, cycle: number, text: string, sections: Record<string, string>) {
  const s = await startFilled(reporter, cycle, text);
  const saved = await reporter.put(`/api/v1/submissions/${s.id}`, { sections }, etag('submission', s.id, s.version));
  if (saved.status !== 200) throw new Error(`sections: ${saved.status} ${saved.body}`);
  return saved.json;
}

beforeAll(async () => {
  t = await createTestApp();
  const adminCookie = await t.login('admin.mof');
  admin = client(t, adminCookie);
  docs = apiClient(t.app, adminCookie);
  langson = client(t, await t.login('reporter.langson'));
  await addUser(t, { username: 'rep.caobang.docs', role: 'reporter', orgCode: 'UBND-04' });
  caobang = client(t, await t.login('rep.caobang.docs'));
  const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'UBND-04'], taskCodes: ['1.1.a', '1.3.a'] });
  cycleId = c.id;
  const ls = await fillAndSave(langson, cycleId, 'Nội dung Lạng Sơn', {
    results: '<p>Kết quả của Lạng Sơn.</p>',
    recommendations: '<p>Kiến nghị chung của các tỉnh.</p>',
  });
  subs.ls = await driveTo(langson, admin, ls, 'accepted');
});
afterAll(async () => t?.close());

const url = (rest = 'draft') => `/api/v1/cycles/${cycleId}/report/${rest}`;

describe(`re-sync never overwrites staff edits (${TEST_ENGINE})`, () => {
  it('seeds Part I narratives and Parts II/III sections from the accepted submission', async () => {
    const d = await docs.post(url(), {});
    expect(d.status).toBe(201);
    const m = d.json.model;
    const task = listTasks(m).find((r) => r.task.code === '1.3.a')!.task;
    // The drafted paragraph holds the narrative; it is not printed again on its own unless staff switch it on.
    expect(blocksText(task.synthesis, m)).toContain('Lạng Sơn 1.3.a');
    expect(task.drafting?.organisations).toEqual(['UBND-20']);
    expect(task.narratives).toEqual([
      expect.objectContaining({
        organisationCode: 'UBND-20',
        include: false,
        documentNumber: '101/BC-UBND',
        status: 'recurring',
      }),
    ]);
    expect(blocksText(task.narratives[0].blocks, m)).toBe('Nội dung Lạng Sơn 1.3.a');
    const results = m.report.partTwo.sections.find((s: { key: string }) => s.key === '2-1');
    expect(blocksText(results.blocks, m)).toBe('Một là, kết quả của Lạng Sơn.');
    const note = results.blocks[0].content.find((r: { kind: string }) => r.kind === 'footnote');
    expect(note.paragraphs[0][0].text).toMatch(
      /^Theo báo cáo của: UBND tỉnh Lạng Sơn \(Văn bản số 101\/BC-UBND ngày \d\d\/\d\d\/\d{4}\)\.$/,
    );
    expect(d.json.sync).toMatchObject({ stale: false, updates: 0, conflicts: 0, withdrawn: [], added: [] });
  });

  it('after staff edits and a new acceptance: untouched parts update, the edited part is kept and offered', async () => {
    let d = await docs.get(url());
    const edited = await docs.patch(
      url(),
      {
        edits: [
          {
            kind: 'blocks',
            unit: 'report.partTwo.sections.2-1',
            blocks: [
              {
                kind: 'paragraph',
                content: [{ kind: 'text', text: 'Văn bản do cán bộ Bộ Tài chính viết.', bold: false, italic: false }],
              },
            ],
          },
          { kind: 'narrativeInclude', code: '1.3.a', organisationCode: 'UBND-20', include: true },
        ],
      },
      d.etag,
    );
    expect(edited.status).toBe(200);
    // Cao Bằng reports and is accepted; MoF assesses task 1.3.a.
    const cb = await fillAndSave(caobang, cycleId, 'Nội dung Cao Bằng', {
      results: '<p>Kết quả của Cao Bằng.</p>',
      recommendations: '<p>Kiến nghị chung của các tỉnh.</p>',
    });
    subs.cb = await driveTo(caobang, admin, cb, 'accepted');
    const tasks = await taskIds(t);
    expect(
      (await admin.put(`/api/v1/cycles/${cycleId}/tasks/${tasks['1.3.a']}/assessment`, { status: 'done', note: null }))
        .status,
    ).toBe(200);

    d = await docs.get(url());
    expect(d.json.sync).toMatchObject({ stale: true, conflicts: 1, added: ['UBND tỉnh Cao Bằng'] });
    expect(d.json.sync.updates).toBeGreaterThanOrEqual(2);
    expect(d.json.missing.map((x: { path: string }) => x.path)).toContain('sync');
    // The export already prints what is accepted now, with staff's text.
    const docx = await docs.get(url('report.docx'));
    const text = wordText(await ooxmlPart(docx.raw, 'word/document.xml'));
    // The untouched drafted paragraph of 1.3.a already names Cao Bằng; Lạng Sơn's narrative is printed on its own as
    // staff asked; staff's own text of 2.1 stays.
    expect(text).toContain('Cao Bằng 1.3.a');
    expect(text).toContain('UBND tỉnh Lạng Sơn: Nội dung Lạng Sơn 1.3.a');
    expect(text).not.toContain('UBND tỉnh Cao Bằng: Nội dung Cao Bằng 1.3.a');
    expect(text).toContain('Văn bản do cán bộ Bộ Tài chính viết.');

    const stale = await docs.post(url('draft/sync'), {}, `"report-draft-${cycleId}-v1"`);
    expect(stale.status).toBe(412);
    const s = await docs.post(url('draft/sync'), {}, d.etag);
    expect(s.status).toBe(200);
    const units = (xs: { unit: string }[]) => xs.map((x) => x.unit);
    expect(units(s.json.result.updated)).toEqual(
      expect.arrayContaining(['report.partThree.sections.3-2', 'report.tasks.1.3.a.status']),
    );
    expect(units(s.json.result.conflicts)).toEqual(['report.partTwo.sections.2-1']);
    expect(s.json.result.reportersAdded).toEqual(['UBND tỉnh Cao Bằng']);
    const m = s.json.draft.model;
    expect(blocksText(m.report.partTwo.sections[0].blocks, m)).toBe('Văn bản do cán bộ Bộ Tài chính viết.');
    const recs = m.report.partThree.sections.find((x: { key: string }) => x.key === '3-2');
    expect(blocksText(recs.blocks, m)).toBe('Một là, kiến nghị chung của các tỉnh.');
    expect(recs.blocks[0].content.at(-1).paragraphs[0][0].text).toMatch(
      /^Theo báo cáo của: UBND tỉnh Lạng Sơn \(Văn bản số 101\/BC-UBND ngày [\d/]+\); UBND tỉnh Cao Bằng \(Văn bản số 101\/BC-UBND ngày [\d/]+\)\.$/,
    );
    const task = listTasks(m).find((r) => r.task.code === '1.3.a')!.task;
    expect(task.status).toBe('done');
    expect(
      task.narratives.map((n: { organisationCode: string; include: boolean }) => [n.organisationCode, n.include]),
    ).toEqual([
      ['UBND-20', true],
      ['UBND-04', false],
    ]);
    expect(s.json.draft.pending).toEqual([
      expect.objectContaining({
        unit: 'report.partTwo.sections.2-1',
        labelVi: expect.stringContaining('Những kết quả đạt được'),
      }),
    ]);
    expect(s.json.draft.sync).toMatchObject({ stale: false, updates: 0, conflicts: 0 });
    const history = (await docs.get(url('draft/history'))).json.items;
    const updated = history.find(
      (h: { unit: string; action: string }) => h.action === 'sync' && h.unit === 'report.partThree.sections.3-2',
    );
    expect(updated.before).toBe('Một là, kiến nghị chung của các tỉnh.');
  });

  it('takes the offered text only when staff accept it, keeping the replaced text in the history', async () => {
    const d = await docs.get(url());
    const taken = await docs.patch(
      url(),
      { edits: [{ kind: 'acceptSeed', unit: 'report.partTwo.sections.2-1' }] },
      d.etag,
    );
    expect(taken.status).toBe(200);
    const m = taken.json.model;
    // The two results are one theme: Lạng Sơn's wording in the text, Cao Bằng's in the footnote.
    expect(blocksText(m.report.partTwo.sections[0].blocks, m)).toBe('Một là, kết quả của Lạng Sơn.');
    expect(JSON.stringify(m.report.partTwo.sections[0].blocks)).toContain('UBND tỉnh Cao Bằng: Kết quả của Cao Bằng.');
    expect(taken.json.pending).toEqual([]);
    const h = (await docs.get(url('draft/history'))).json.items[0];
    expect(h).toMatchObject({
      action: 'edit',
      unit: 'report.partTwo.sections.2-1',
      before: 'Văn bản do cán bộ Bộ Tài chính viết.',
    });
    expect(
      (await docs.patch(url(), { edits: [{ kind: 'acceptSeed', unit: 'report.partTwo.sections.2-1' }] }, taken.etag))
        .status,
    ).toBe(422);
  });

  it('drops a reopened report from Part I and Appendix 1, and keeps staff text when they dismiss the offer', async () => {
    let d = await docs.get(url());
    const mine = await docs.patch(
      url(),
      {
        edits: [
          {
            kind: 'blocks',
            unit: 'report.partTwo.sections.2-1',
            blocks: [
              { kind: 'paragraph', content: [{ kind: 'text', text: 'Lần sửa thứ hai.', bold: false, italic: false }] },
            ],
          },
        ],
      },
      d.etag,
    );
    expect(mine.status).toBe(200);
    const sub = await admin.get(`/api/v1/submissions/${subs.cb.id}`);
    const unlocked = await admin.post(
      `/api/v1/submissions/${subs.cb.id}/unlock`,
      { reason: 'Bổ sung số liệu' },
      sub.etag,
    );
    expect(unlocked.status).toBe(200);
    d = await docs.get(url());
    expect(d.json.sync.withdrawn).toEqual(['UBND tỉnh Cao Bằng']);
    const appendix = wordText(await ooxmlPart((await docs.get(url('appendix.docx'))).raw, 'word/document.xml'));
    expect(appendix).not.toContain('Cao Bằng');
    expect(appendix).toContain('Lạng Sơn');
    const s = await docs.post(url('draft/sync'), {}, d.etag);
    expect(s.status).toBe(200);
    expect(s.json.result.reportersRemoved).toEqual(['UBND tỉnh Cao Bằng']);
    expect(s.json.result.conflicts.map((c: { unit: string }) => c.unit)).toEqual(['report.partTwo.sections.2-1']);
    const dismissed = await docs.patch(
      url(),
      { edits: [{ kind: 'dismissSeed', unit: 'report.partTwo.sections.2-1' }] },
      s.etag,
    );
    expect(dismissed.status).toBe(200);
    const m = dismissed.json.model;
    expect(blocksText(m.report.partTwo.sections[0].blocks, m)).toBe('Lần sửa thứ hai.');
    expect(dismissed.json.pending).toEqual([]);
    expect(m.reporters.map((r: { organisationCode: string }) => r.organisationCode)).toEqual(['BTC', 'UBND-20']);
    const h = (await docs.get(url('draft/history'))).json.items[0];
    expect(h).toMatchObject({
      unit: 'report.partTwo.sections.2-1',
      before: 'Một là, kết quả của Lạng Sơn.',
      after: null,
    });
  });
});

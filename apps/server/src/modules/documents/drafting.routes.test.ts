import type { ReportModel } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { DEMO, demoSubmission, dmy } from '../../../test/demo';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { canonical } from './draft-units';
import { draftModelOf } from './drafts.service';
import { blocksAllText, letterPointWords, taskMeasures, themeCounts, unnamedOrganisations } from './drafting/measure';
import { findSoffice } from './pdf-writer';
import { completenessRows, listTasks } from './report-model';
import { type ApiClient, apiClient, collapse, ooxmlPart, pdfInfo, pdfText, wordText } from './test-support';

/**
 * The national report's drafter through the API on a real database (issue 12): the demo cycle with its reports
 * accepted drafts a paragraph under every reported task, names every organisation, drafts themes and letter points,
 * and exports no drafting aids; every sentence has its sources; the same submissions give the same draft; re-drafting
 * a task after a late acceptance keeps the drafter's edit; the correctness cases of the 2025 cycle; the cycle's
 * request and reminder letters; next year's cycle.
 */

let t: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let reporter: ApiClient;
let anon: ApiClient;
let cDemo: number;
let c2025: number;
let model: ReportModel;
let etag: string;

const url = (id: number, rest = 'draft') => `/api/v1/cycles/${id}/report/${rest}`;
const docxText = async (raw: Buffer) =>
  `${wordText(await ooxmlPart(raw, 'word/document.xml'))} ${wordText(await ooxmlPart(raw, 'word/footnotes.xml'))}`;

/** Accept a submission through the workflow (If-Match). */
async function accept(id: number) {
  const s = await admin.get(`/api/v1/submissions/${id}`);
  const r = await admin.post(`/api/v1/submissions/${id}/accept`, {}, s.etag as string);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = apiClient(t.app, await t.login('admin.mof'));
  viewer = apiClient(t.app, await t.login('viewer'));
  reporter = apiClient(t.app, await t.login('reporter.langson'));
  anon = apiClient(t.app, null);
  const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
  cDemo = cycles.find((c) => c.year === DEMO.year)!.id;
  c2025 = cycles.find((c) => c.year === 2025)!.id;
  // Every report received in the demo cycle is accepted, except VCCI's (accepted late, below).
  const subs = (await admin.get(`/api/v1/cycles/${cDemo}/submissions`)).json.items as {
    id: number;
    state: string;
    organisationCode: string;
  }[];
  for (const s of subs) if (s.state === 'submitted' && s.organisationCode !== 'VCCI') await accept(s.id);
  const created = await admin.post(url(cDemo), {});
  expect(created.status).toBe(201);
  model = created.json.model;
  etag = created.etag as string;
}, 240_000);
afterAll(async () => t?.close());

describe(`the demo cycle drafted from its accepted reports (${TEST_ENGINE})`, () => {
  it('drafts a paragraph of at least 40 words under every task with an accepted contribution', () => {
    const tasks = taskMeasures(model);
    expect(tasks.length).toBeGreaterThanOrEqual(15);
    for (const task of tasks) expect(task.words, task.code).toBeGreaterThanOrEqual(40);
    // Tasks nobody reported on have no invented text.
    for (const { task } of listTasks(model).filter((r) => r.task.narratives.length === 0))
      expect(task.synthesis).toEqual([]);
  });

  it('names every accepted organisation in Part I, with its document in a footnote', async () => {
    const source = (await admin.get(`/api/v1/cycles/${cDemo}/report-source`)).json;
    const names = new Map<string, string[]>();
    for (const task of source.tasks)
      for (const e of task.entries)
        if (e.narrativeHtml)
          names.set(e.orgCode, [
            e.orgNameVi.replace(/^Ủy ban nhân dân (tỉnh|thành phố) /u, '').replace(/ Việt Nam$/u, ''),
          ]);
    expect(names.size).toBeGreaterThanOrEqual(12);
    expect(unnamedOrganisations(model, names)).toEqual([]);
    // A Department of Finance's report is credited to the department.
    const all = listTasks(model)
      .map(({ task }) => blocksAllText(task.synthesis))
      .join('\n');
    const qn = `MH-8801/BC-STC ngày ${dmy(demoSubmission('UBND-22').docDate!)}`;
    expect(all).toContain(`Văn bản số ${qn} của Sở Tài chính tỉnh Quảng Ninh`);
    expect(all).not.toContain(`${qn} của UBND tỉnh Quảng Ninh`);
  });

  it('drafts at least three themes in each of Parts II and III, and letter points 1–3', () => {
    const themes = themeCounts(model);
    expect(themes.partTwo).toBeGreaterThanOrEqual(3);
    expect(themes.partThree).toBeGreaterThanOrEqual(3);
    const shortcomings = model.report.partTwo.sections.find((s) => s.key === '2-2')!;
    // Ranked by how many organisations raised them: the first theme was raised by several.
    expect(shortcomings.themes![0].organisations.length).toBeGreaterThanOrEqual(2);
    for (const w of letterPointWords(model)) expect(w).toBeGreaterThan(15);
  });

  it('traces every drafted sentence to the passages it came from', () => {
    for (const { task } of listTasks(model).filter((r) => r.task.narratives.length > 0)) {
      expect(task.drafting!.sentences.length, task.code).toBeGreaterThan(0);
      for (const s of task.drafting!.sentences) {
        expect(s.sources.length, `${task.code}: ${s.text}`).toBeGreaterThan(0);
        if (s.kind === 'own' || s.kind === 'merged')
          for (const src of s.sources) {
            const n = task.narratives.find((x) => x.organisationCode === src.organisationCode)!;
            expect(JSON.stringify(n.blocks), `${task.code} ${src.organisationCode}`).toContain(
              src.passage.slice(0, 30),
            );
          }
      }
    }
    const recs = model.report.partThree.sections.find((s) => s.key === '3-2')!;
    for (const th of recs.themes!) expect(th.sentence.sources.length).toBeGreaterThan(0);
  });

  it('writes the same draft from the same submissions', async () => {
    const a = await draftModelOf(t.database.db, await session(), cDemo);
    const b = await draftModelOf(t.database.db, await session(), cDemo);
    expect(canonical(a)).toBe(canonical(b));
  });

  it('exports no drafting aids unless the drafter switches them on', async () => {
    const text = await docxText((await admin.get(url(cDemo, 'report.docx'))).raw);
    expect(text).not.toContain('Chưa có báo cáo');
    expect(text).not.toContain('Tình hình thực hiện:');
    expect(text).not.toContain('có nội dung báo cáo');
    // The template names the resolution once when the cycle's name already does.
    expect(text).not.toMatch(/minh họa\) theo Nghị quyết số 57\/NQ-CP/);
    const on = await admin.patch(url(cDemo), { edits: [{ kind: 'aids', statusLines: true, coverage: true }] }, etag);
    expect(on.status).toBe(200);
    const withAids = await docxText((await admin.get(url(cDemo, 'report.docx'))).raw);
    expect(withAids).toContain('Tình hình thực hiện:');
    expect(withAids).toContain('Chưa có báo cáo');
    const off = await admin.patch(
      url(cDemo),
      { edits: [{ kind: 'aids', statusLines: false, coverage: false }] },
      on.etag as string,
    );
    expect(off.status).toBe(200);
    etag = off.etag as string;
  });

  it('re-drafts a task after a late acceptance without losing the drafter’s edit', async () => {
    const mine = 'Đoạn do chuyên viên Bộ Tài chính viết lại cho nhiệm vụ đối thoại.';
    const edited = await admin.patch(
      url(cDemo),
      {
        edits: [
          {
            kind: 'blocks',
            unit: 'report.tasks.1.1.e.synthesis',
            blocks: [{ kind: 'paragraph', content: [{ kind: 'text', text: mine, bold: false, italic: false }] }],
          },
        ],
      },
      etag,
    );
    expect(edited.status).toBe(200);
    // VCCI's report (received after the deadline) is accepted now.
    const vcci = (await admin.get(`/api/v1/cycles/${cDemo}/submissions`)).json.items.find(
      (s: { organisationCode: string }) => s.organisationCode === 'VCCI',
    );
    await accept(vcci.id);
    const stale = await admin.post(url(cDemo, 'draft/tasks/1.2.g.1/redraft'), {}, `"report-draft-${cDemo}-v1"`);
    expect(stale.status).toBe(412);
    expect((await admin.post(url(cDemo, 'draft/tasks/1.2.g.1/redraft'), {})).status).toBe(428);
    const g = await admin.post(url(cDemo, 'draft/tasks/1.2.g.1/redraft'), {}, edited.etag as string);
    expect(g.status).toBe(200);
    expect(g.json.result.updated).toEqual(['report.tasks.1.2.g.1.synthesis', 'report.tasks.1.2.g.1.status']);
    expect(g.json.result.organisationsAdded).toEqual(['Liên đoàn Thương mại và Công nghiệp Việt Nam']);
    const e = await admin.post(url(cDemo, 'draft/tasks/1.1.e/redraft'), {}, g.etag as string);
    expect(e.status).toBe(200);
    expect(e.json.result.kept).toContain('report.tasks.1.1.e.synthesis');
    // The edit stays; the new draft naming VCCI is offered beside it.
    const task = listTasks(e.json.draft.model).find((r) => r.task.code === '1.1.e')!.task;
    expect(blocksAllText(task.synthesis)).toContain(mine);
    const offer = e.json.draft.pending.find((p: { unit: string }) => p.unit === 'report.tasks.1.1.e.synthesis');
    expect(JSON.stringify(offer.seed)).toContain('Liên đoàn Thương mại và Công nghiệp Việt Nam');
    const text = await docxText((await admin.get(url(cDemo, 'report.docx'))).raw);
    expect(text).toContain(mine);
    expect(text).toContain(
      'Liên đoàn Thương mại và Công nghiệp Việt Nam tiếp tục nghiên cứu mô hình hiệp hội doanh nghiệp vùng',
    );
    const history = (await admin.get(url(cDemo, 'draft/history'))).json.items;
    expect(history.some((h: { labelVi: string }) => /Soạn lại nhiệm vụ 1\.2\.g\.1/.test(h.labelVi))).toBe(true);
    // Only administrators redraft.
    expect((await viewer.post(url(cDemo, 'draft/tasks/1.1.e/redraft'), {}, e.etag as string)).status).toBe(403);
    expect((await anon.post(url(cDemo, 'draft/tasks/1.1.e/redraft'), {}, e.etag as string)).status).toBe(401);
    expect((await admin.post(url(cDemo, 'draft/tasks/9.9.z/redraft'), {}, e.etag as string)).status).toBe(404);
    etag = e.etag as string;
  });

  it('picks and merges themes of a Part II section; an unknown theme is named', async () => {
    const d = (await admin.get(url(cDemo))).json;
    const section = d.model.report.partTwo.sections.find((s: { key: string }) => s.key === '2-2');
    const [a, b] = section.themes.map((x: { id: string }) => x.id);
    const bad = await admin.patch(
      url(cDemo),
      { edits: [{ kind: 'themes', unit: 'report.partTwo.sections.2-2', groups: [[a, 'khong-co']] }] },
      d.version ? `"report-draft-${cDemo}-v${d.version}"` : etag,
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toContain('body.edits.0.groups.0.1');
    const ok = await admin.patch(
      url(cDemo),
      { edits: [{ kind: 'themes', unit: 'report.partTwo.sections.2-2', groups: [[a, b]] }] },
      `"report-draft-${cDemo}-v${d.version}"`,
    );
    expect(ok.status).toBe(200);
    const merged = ok.json.model.report.partTwo.sections.find((s: { key: string }) => s.key === '2-2');
    expect(merged.blocks).toHaveLength(1);
    expect(blocksAllText(merged.blocks)).toMatch(/^Một là, .*; /);
  });
});

async function session() {
  const { resolveSession } = await import('../access/access.service');
  const cookie = await t.login('admin.mof');
  return resolveSession(t.database.db, cookie.replace(/^rl_session=/, ''));
}

describe(`correct numbers and wording (${TEST_ENGINE})`, () => {
  it('2025: expects the request letter’s addressees, so Table 1 does not claim every ministry reported', async () => {
    const m = await draftModelOf(t.database.db, await session(), c2025);
    const rows = completenessRows(m);
    expect(rows.find((r) => r.key === 'ministry')).toMatchObject({ expected: 18, received: 11 });
    expect(rows.find((r) => r.key === 'ministry')!.missing).toEqual(
      expect.arrayContaining(['Bộ Công an', 'Bộ Y tế', 'Văn phòng Chính phủ']),
    );
    expect(rows.find((r) => r.key === 'locality')).toMatchObject({ expected: 34, received: 27 });
  });

  it('counts the reports received by the cut-off, by group, as the real letter does', async () => {
    // Demo cycle: Tuyên Quang's report was received and returned; it counts as received, not as accepted.
    const progress = (await admin.get(`/api/v1/cycles/${cDemo}/progress`)).json;
    const m = (await admin.get(url(cDemo))).json;
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(m.fields.reporterCounts).toBe(
      `${pad(progress.byGroup.central.received)} bộ, cơ quan trung ương và ${pad(progress.byGroup.locality.received)} địa phương`,
    );
    expect(m.reporters.localities).toBe(progress.byGroup.locality.received);
    const accepted = m.model.reporters.filter((r: { group: string }) => r.group === 'locality').length;
    expect(accepted).toBe(progress.byGroup.locality.received - 1);
    // 2025: 11 and 27, as the real letter.
    const m25 = await draftModelOf(t.database.db, await session(), c2025);
    expect(m25.received).toEqual({ ministries: 11, localities: 27 });
  });

  it('puts MoF’s own proposal of a new resolution under 3.3, not credited to ten organisations', async () => {
    const m = await draftModelOf(t.database.db, await session(), c2025, { setAsideAssessments: true });
    const s33 = m.report.partThree.sections.find((s) => s.key === '3-3')!;
    const text = blocksAllText(s33.blocks);
    expect(text).toContain('Bộ Tài chính kiến nghị Chính phủ xem xét, cho chủ trương về nghị quyết mới');
    expect(text).not.toContain('Theo báo cáo của:');
    const s32 = m.report.partThree.sections.find((s) => s.key === '3-2')!;
    expect(blocksAllText(s32.blocks)).not.toContain('nghị quyết mới thay thế');
  });

  it('prints one spelling per unit name, the official list’s', async () => {
    const m = await draftModelOf(t.database.db, await session(), c2025, { setAsideAssessments: true });
    const all = JSON.stringify(m);
    expect(all).toContain('Thanh Hóa');
    expect(all).not.toContain('Thanh Hoá');
  });

  it('captions the map in Vietnamese with the official source of the boundaries, never a code repository', async () => {
    const text = await docxText((await admin.get(url(c2025, 'report.docx'))).raw);
    expect(text).toContain('Bản đồ tham chiếu đơn vị hành chính Việt Nam');
    expect(text).not.toMatch(/thanglequoc|github|mapshaper|@ [0-9a-f]{7}/i);
  });

  it('keeps the signature block on one page in the LibreOffice PDF of the letter', async () => {
    expect(findSoffice(), 'LibreOffice (soffice) must be installed for this check').not.toBeNull();
    const pdf = (await admin.get(url(cDemo, 'letter.pdf'))).raw;
    const pages = Number(pdfInfo(pdf).Pages);
    const signerPage = [...Array(pages).keys()].map((i) => collapse(pdfText(pdf, i + 1, i + 1)));
    const withNoiNhan = signerPage.findIndex((p) => p.includes('Nơi nhận:'));
    expect(withNoiNhan).toBeGreaterThanOrEqual(0);
    expect(signerPage[withNoiNhan]).toContain('THỨ TRƯỞNG');
    expect(signerPage[withNoiNhan]).toContain('Đỗ Thành Trung');
    expect(signerPage.join(' ')).not.toContain('Chưa có báo cáo');
  }, 120_000);
});

describe(`the cycle's own letters and next year's cycle (${TEST_ENGINE})`, () => {
  it('writes the request letter with the outline and the addressees', async () => {
    const r = await admin.get(`/api/v1/cycles/${cDemo}/letters/request.docx`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain(`Cong-van-de-nghi-bao-cao_${DEMO.year}.docx`);
    const text = await docxText(r.raw);
    expect(text).toContain(`V/v đề nghị báo cáo kết quả thực hiện Nghị quyết số 57/NQ-CP năm ${DEMO.year}`);
    expect(text).toContain('Số: MH-0000/BTC-VCL');
    expect(text).toContain(`trước ngày ${dmy(DEMO.deadline)}`);
    expect(text).toContain('1.3.đ.');
    expect(text).toContain('Số nội dung phân cấp, ủy quyền đã hoàn thành (nội dung)');
    expect(text).toContain('DANH SÁCH CƠ QUAN, ĐỊA PHƯƠNG ĐƯỢC ĐỀ NGHỊ BÁO CÁO');
    expect(text).toContain(`ĐỀ CƯƠNG BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 57/NQ-CP NĂM ${DEMO.year}`);
    // One addressee per line of "Kính gửi".
    expect(text).toContain('- Liên đoàn Thương mại và Công nghiệp Việt Nam;');
    expect(text).toContain('UBND tỉnh Lạng Sơn');
  });

  it('writes the reminder only after the deadline, to those still missing and never to MoF itself', async () => {
    const r = await admin.get(`/api/v1/cycles/${cDemo}/letters/reminder.docx`);
    expect(r.status).toBe(200);
    const text = await docxText(r.raw);
    expect(text).toContain('V/v đôn đốc báo cáo');
    expect(text).toContain('DANH SÁCH CƠ QUAN, ĐỊA PHƯƠNG CHƯA GỬI BÁO CÁO');
    expect(text).toContain('Bộ Công an');
    expect(text).not.toMatch(/\d+\. Bộ Tài chính/);
    expect(text).not.toContain('UBND tỉnh Sơn La'); // reported
    const closed = await admin.get(`/api/v1/cycles/${c2025}/letters/reminder.docx`);
    expect(closed.status).toBe(409);
    expect((await viewer.get(`/api/v1/cycles/${cDemo}/letters/request.docx`)).status).toBe(403);
    expect((await reporter.get(`/api/v1/cycles/${cDemo}/letters/request.docx`)).status).toBe(403);
    expect((await anon.get(`/api/v1/cycles/${cDemo}/letters/request.docx`)).status).toBe(401);
    expect((await admin.get(`/api/v1/cycles/${cDemo}/letters/other.docx`)).status).toBe(400);
  });

  it('renders the reminder as a PDF through LibreOffice, signature block on one page', async () => {
    expect(findSoffice(), 'LibreOffice (soffice) must be installed for this check').not.toBeNull();
    const pdf = (await admin.get(`/api/v1/cycles/${cDemo}/letters/reminder.pdf`)).raw;
    expect(pdfInfo(pdf)['Page size']).toMatch(/A4/);
    const first = collapse(pdfText(pdf, 1, 1));
    expect(first).toContain('Nơi nhận:');
    expect(first).toContain('Đỗ Thành Trung');
  }, 120_000);

  it("starts next year's cycle from this one with its outline, figures and expected organisations", async () => {
    const r = await admin.post(`/api/v1/cycles/${c2025}/next-year`, {});
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ year: 2026, status: 'draft', requestNumber: null, deadline: null });
    expect(r.json.nameVi).toContain('năm 2026');
    const src = (await admin.get(`/api/v1/cycles/${c2025}`)).json;
    expect(r.json.tasks.map((x: { code: string }) => x.code)).toEqual(src.tasks.map((x: { code: string }) => x.code));
    expect(r.json.tasks.find((x: { code: string }) => x.code === '1.2.c').figures).toEqual(
      src.tasks.find((x: { code: string }) => x.code === '1.2.c').figures,
    );
    expect(r.json.expected.map((e: { code: string }) => e.code).sort()).toEqual(
      src.expected.map((e: { code: string }) => e.code).sort(),
    );
    expect(r.json.sections).toEqual(src.sections);
    expect((await admin.post(`/api/v1/cycles/${c2025}/next-year`, {})).status).toBe(409);
    expect((await reporter.post(`/api/v1/cycles/${cDemo}/next-year`, {})).status).toBe(403);
  });
});

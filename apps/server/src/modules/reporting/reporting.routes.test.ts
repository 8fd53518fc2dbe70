import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { DEMO } from '../../../test/demo';
import { createTestApp, type TestApp } from '../../../test/helpers';
import {
  addUser,
  type Client,
  client,
  closeAndPublish,
  driveTo,
  etag,
  makeCycle,
  minimalPdf,
  orgIds,
  startFilled,
  submissionDigest,
  taskIds,
} from './reporting.fixtures';

let t: TestApp;
let admin: Client;
let langson: Client;
let bxd: Client;
let viewer: Client;
let anon: Client;
let cycles: { id: number; year: number }[];

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t, await t.login('admin.mof'));
  langson = client(t, await t.login('reporter.langson'));
  bxd = client(t, await t.login('reporter.bxd'));
  viewer = client(t, await t.login('viewer'));
  anon = client(t, null);
  cycles = (await admin.get('/api/v1/cycles')).json.items;
});
afterAll(async () => t?.close());

const cycleOf = (year: number) => cycles.find((c) => c.year === year)!.id;

describe(`Resolution 57 and the real 2025 cycle (${TEST_ENGINE})`, () => {
  it('lists the policy document with its 28 tasks and their assignments', async () => {
    const docs = await anon.get('/api/v1/policy-documents');
    expect(docs.status).toBe(200);
    expect(docs.json.items[0]).toMatchObject({ code: '57/NQ-CP', issuedOn: '2022-04-21', taskCount: 28 });
    const d = await anon.get(`/api/v1/policy-documents/${docs.json.items[0].id}`);
    const byCode = Object.fromEntries(d.json.tasks.map((x: { code: string }) => [x.code, x]));
    expect(d.json.tasks.map((x: { code: string }) => x.code).slice(0, 6)).toEqual([
      '1.1.a',
      '1.1.b',
      '1.1.c',
      '1.1.d',
      '1.1.đ',
      '1.1.e',
    ]);
    expect(byCode['1.2.c'].assignments).toEqual([expect.objectContaining({ organisationCode: 'BXD', role: 'lead' })]);
    expect(
      byCode['1.1.a'].assignments.filter((a: { organisationCode: string }) => a.organisationCode.startsWith('UBND-')),
    ).toHaveLength(34);
    expect(
      byCode['1.2.đ'].assignments.map(
        (a: { organisationCode: string; role: string }) => `${a.organisationCode}:${a.role}`,
      ),
    ).toEqual(['BNV:lead', 'BGDDT:cooperating']);
  });

  it('lists cycles with the fields of the API contract', async () => {
    const c = (await anon.get('/api/v1/cycles')).json.items.find((x: { year: number }) => x.year === 2025);
    expect(c).toMatchObject({
      year: 2025,
      policyCode: '57/NQ-CP',
      name: expect.stringContaining('năm 2025'),
      requestNumber: '17432/BTC-VCL',
      requestDate: '2025-11-10',
      deadline: null,
      cutoff: '2025-12-23',
      status: 'closed',
    });
  });

  it("reproduces the report's own counts against the request letter's addressees: 11 of 18 central bodies, 27 of 34 localities", async () => {
    const p = await admin.get(`/api/v1/cycles/${cycleOf(2025)}/progress`);
    expect(p.status).toBe(200);
    expect(p.json.byGroup.central).toMatchObject({ expected: 18, received: 11, missing: 7 });
    expect(p.json.expected).toBe(52);
    expect(p.json.missing).toHaveLength(14);
    // the English page names them in English
    expect(p.json.missing.find((m: { orgCode: string }) => m.orgCode === 'UBND-48').orgNameEn).toMatch(/Da Nang/);
    expect(p.json.byGroup.locality).toMatchObject({ expected: 34, received: 27, missing: 7 });
    const missingLocalities = p.json.missing
      .filter((m: { group: string }) => m.group === 'locality')
      .map((m: { orgCode: string }) => m.orgCode);
    expect(missingLocalities.sort()).toEqual([
      'UBND-33',
      'UBND-48',
      'UBND-56',
      'UBND-66',
      'UBND-68',
      'UBND-79',
      'UBND-82',
    ]);
    expect(p.json.received).toBe(38);
    expect(p.json.judgedAgainstKind).toBe('cutoff');
    const row = (code: string) => p.json.rows.find((r: { orgCode: string }) => r.orgCode === code);
    expect(row('UBND-20')).toMatchObject({
      docNumber: '766/BC-UBND',
      docDate: '2025-11-24',
      receivedOn: '2025-11-24',
      daysFromRequest: 14,
    });
    expect(row('UBND-42')).toMatchObject({ docNumber: '8428/CTS-TH', receivedOn: '2025-12-12', daysFromRequest: 32 });
    expect(row('BXD')).toMatchObject({ receivedOn: '2025-12-23', daysFromRequest: 43, timeliness: 'on_time' });
    // The source's oddities are kept and flagged, not fixed.
    expect(row('TTCP')).toMatchObject({ docNumber: '11876/BTC-NSNN', docDate: '2024-11-04', daysFromRequest: -370 });
    expect(row('TTCP').flags.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['source_oddity', 'received_before_request']),
    );
    expect(row('VCCI').docNumber).toBe('2707/LĐTMM-PC');
    expect(row('BTC')).toMatchObject({ docNumber: null, timeliness: 'undated' });
    expect(p.json.byRegion.find((r: { regionCode: string }) => r.regionCode === 'NMM')).toMatchObject({
      expected: 9,
      received: 9,
    });
  });

  it('gives the national report its source: register in Appendix order, accepted narratives per task', async () => {
    const s = await admin.get(`/api/v1/cycles/${cycleOf(2025)}/report-source`);
    expect(s.status).toBe(200);
    expect(s.json.register.central.map((r: { orgCode: string }) => r.orgCode)).toEqual([
      'BTC',
      'TTCP',
      'BQP',
      'BDTTG',
      'BKHCN',
      'BCT',
      'NHNN',
      'BGDDT',
      'VCCI',
      'BNNMT',
      'BXD',
    ]);
    expect(s.json.register.locality).toHaveLength(27);
    expect(s.json.register.locality[0]).toMatchObject({
      no: 1,
      orgCode: 'UBND-20',
      docNumber: '766/BC-UBND',
      issuedOn: '2025-11-24',
    });
    expect(s.json.register.locality[3]).toMatchObject({
      reportingBodyVi: 'Sở Tài chính tỉnh Tuyên Quang',
      docNumber: '360/BC-STC',
    });
    expect(s.json.register.locality[26]).toMatchObject({ orgCode: 'UBND-96', docNumber: '5361/STC-TH' });
    const task = (code: string) => s.json.tasks.find((x: { code: string }) => x.code === code);
    expect(task('1.2.c').entries).toEqual([
      expect.objectContaining({
        orgCode: 'BXD',
        status: 'recurring',
        figures: expect.objectContaining({ expressway_km: 3000 }),
      }),
    ]);
    const langSon = task('1.1.a').entries.find((e: { orgCode: string }) => e.orgCode === 'UBND-20');
    expect(langSon.narrative.footnotes.join(' ')).toContain('174 nội dung phân cấp');
    expect(task('1.3.a').entries.length).toBeGreaterThanOrEqual(25);
    expect(task('1.2.d.3').entries).toEqual([]);
    expect(task('1.3.a').assessmentHtml).toContain('Cà Mau');
    // The proposal of a new resolution (report 3.3) is MoF's own, not the ten organisations' its footnote 44 names.
    const section = (key: string) => s.json.generalSections.find((g: { key: string }) => g.key === key);
    expect(section('recommendations').entries).toEqual([]);
    expect(section('proposals').entries.map((e: { orgCode: string }) => e.orgCode)).toEqual(['BTC']);
    expect(section('proposals').entries[0].html).toContain('Bộ Tài chính kiến nghị Chính phủ xem xét');
    // Reports received by the cut-off, by group: what the letter counts.
    expect(s.json.counts.received).toMatchObject({ central: 11, locality: 27 });
  });

  it('shows the published 2025 results to the public, but not MoF assessments of unpublished cycles', async () => {
    expect((await anon.get(`/api/v1/cycles/${cycleOf(2025)}/progress`)).status).toBe(200);
    const subs = await anon.get(`/api/v1/cycles/${cycleOf(2025)}/submissions`);
    expect(subs.json.items).toHaveLength(38);
    const cDemo = await viewer.get(`/api/v1/cycles/${cycleOf(DEMO.year)}`);
    expect(cDemo.json.tasks.every((x: { assessmentStatus: unknown }) => x.assessmentStatus === null)).toBe(true);
    expect((await viewer.get(`/api/v1/cycles/${cycleOf(DEMO.year)}/progress`)).status).toBe(403);
    expect((await anon.get(`/api/v1/cycles/${cycleOf(DEMO.year)}/progress`)).status).toBe(401);
    expect((await viewer.get(`/api/v1/cycles/${cycleOf(DEMO.year)}/submissions`)).json.items).toEqual([]);
  });

  it('exports the register as CSV with a BOM, in the caller’s scope', async () => {
    const r = await admin.get(`/api/v1/cycles/${cycleOf(2025)}/progress.csv`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/csv');
    expect(r.body.charCodeAt(0)).toBe(0xfeff);
    expect(r.body).toContain('766/BC-UBND');
    expect(r.body.split('\r\n').filter(Boolean)).toHaveLength(1 + 52);
  });

  it("lets a council see its region's progress and accepted provincial submissions only", async () => {
    const council = client(t, await t.login('council.nmm'));
    const p = await council.get(`/api/v1/cycles/${cycleOf(DEMO.year)}/progress`);
    expect(p.status).toBe(200);
    expect(p.json.scope).toBe('region');
    expect(p.json.expected).toBe(9);
    const list = await council.get(`/api/v1/cycles/${cycleOf(DEMO.year)}/submissions`);
    expect(list.json.items.map((s: { organisationCode: string }) => s.organisationCode).sort()).toEqual([
      'UBND-04',
      'UBND-14',
    ]);
  });

  it('searches narratives accent-insensitively, only in what the caller may read', async () => {
    const folded = await admin.get('/api/v1/submissions/search?q=cao%20toc%20B%E1%BA%AFc%20-%20Nam');
    expect(
      folded.json.items.some(
        (h: { orgCode: string; taskCode: string }) => h.orgCode === 'BXD' && h.taskCode === '1.2.c',
      ),
    ).toBe(true);
    const dong = await anon.get(
      `/api/v1/submissions/search?q=${encodeURIComponent('DONG DANG (tinh lang son) - TRA LINH')}`,
    );
    expect(dong.json.items.map((h: { orgCode: string }) => h.orgCode)).toEqual(
      expect.arrayContaining(['UBND-20', 'UBND-04']),
    );
    expect(dong.json.items.every((h: { cycleYear: number }) => h.cycleYear === 2025)).toBe(true);
    expect((await anon.get('/api/v1/submissions/search?q=%25')).status).toBe(400);
    expect((await anon.get('/api/v1/submissions/search?q=100%25_x')).json.total).toBe(0);
  });

  it('shows the status of each task across cycles', async () => {
    const h = await admin.get('/api/v1/tasks/history');
    expect(h.json.cycles.map((c: { year: number }) => c.year)).toEqual([2025, DEMO.year].sort((a, b) => a - b));
    const t13a = h.json.tasks.find((x: { code: string }) => x.code === '1.3.a');
    expect(t13a.perCycle[String(cycleOf(2025))]).toMatchObject({ inOutline: true, assessmentStatus: 'recurring' });
    expect(t13a.perCycle[String(cycleOf(2025))].counts.recurring).toBeGreaterThanOrEqual(25);
  });
});

describe(`the reporting workflow through the API (${TEST_ENGINE})`, () => {
  let cycleId: number;
  let subId: number;
  let version: number;

  it('an admin creates a draft cycle that reporters cannot see until it is opened', async () => {
    const c = await makeCycle(t, admin, {
      orgCodes: ['UBND-20', 'UBND-04', 'BXD'],
      taskCodes: ['1.1.a', '1.3.a', '1.3.d', '1.2.c'],
      figures: {
        '1.1.a': [
          {
            key: 'decentralised_items',
            labelVi: 'Số nội dung phân cấp',
            labelEn: 'Items',
            unitVi: 'nội dung',
            unitEn: '',
            decimals: 0,
            appliesTo: 'locality',
          },
        ],
      },
      open: false,
    });
    cycleId = c.id;
    expect(c.status).toBe('draft');
    expect((await langson.get(`/api/v1/cycles/${cycleId}`)).status).toBe(404);
    expect((await langson.post(`/api/v1/cycles/${cycleId}/submissions`, {})).status).toBe(404);
    expect((await langson.post(`/api/v1/cycles/${cycleId}/open`, {}, etag('cycle', cycleId, c.version))).status).toBe(
      403,
    );
    const opened = await admin.post(`/api/v1/cycles/${cycleId}/open`, {}, etag('cycle', cycleId, c.version));
    expect(opened.status).toBe(200);
    const mine = (await langson.get(`/api/v1/cycles/${cycleId}`)).json.mine;
    expect(mine).toMatchObject({ expected: true, submissionId: null, taskCodes: ['1.1.a', '1.3.a', '1.3.d'] });
    const notes = await langson.get('/api/v1/notifications');
    expect(
      notes.json.items.some(
        (n: { kind: string; link: string }) => n.kind === 'cycle_opened' && n.link === `/reporting/cycles/${cycleId}`,
      ),
    ).toBe(true);
  });

  it('refuses a cycle whose dates are out of order, naming the field', async () => {
    const r = await admin.post('/api/v1/cycles', {
      documentId: 1,
      year: 2099,
      nameVi: 'Sai ngày',
      nameEn: 'Bad dates',
      requestDate: '2026-12-01',
      deadline: '2026-11-01',
      expectedOrganisationIds: [],
      tasks: [],
    });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].path).toBe('body.deadline');
  });

  it('a reporter starts from last cycle’s report: statuses and narratives are copied', async () => {
    const r = await langson.post(`/api/v1/cycles/${cycleId}/submissions`, { copyFromPrevious: true });
    expect(r.status).toBe(201);
    subId = r.json.id;
    version = r.json.version;
    expect(r.etag).toBe(etag('submission', subId, version));
    const t11a = r.json.tasks.find((x: { code: string }) => x.code === '1.1.a');
    expect(t11a.narrativeHtml).toContain('Lạng Sơn');
    expect(r.json.docNumber).toBeNull();
    expect((await langson.post(`/api/v1/cycles/${cycleId}/submissions`, {})).status).toBe(409);
    expect((await bxd.post(`/api/v1/cycles/${cycleOf(2025)}/submissions`, {})).status).toBe(409);
    expect((await viewer.post(`/api/v1/cycles/${cycleId}/submissions`, {})).status).toBe(403);
  });

  it('saves drafts: NFD text normalised, scripts removed, dates before the request warned, unknown fields refused', async () => {
    const tasks = await taskIds(t);
    const nfd = 'Tỉnh Lạng Sơn hoàn thành'.normalize('NFD');
    const r = await langson.put(
      `/api/v1/submissions/${subId}`,
      {
        docNumber: '812/BC-UBND'.normalize('NFD'),
        docDate: '2026-10-30',
        tasks: [
          {
            taskId: tasks['1.1.a'],
            status: 'done',
            narrativeHtml: `<p>${nfd}</p><script>alert('x')</script><p><img src=x onerror=alert(1)>Có <a href="javascript:alert(2)">liên kết</a></p>`,
            figures: { decentralised_items: 174 },
          },
        ],
      },
      etag('submission', subId, version),
    );
    expect(r.status).toBe(200);
    version = r.json.version;
    const t11a = r.json.tasks.find((x: { code: string }) => x.code === '1.1.a');
    expect(t11a.narrativeHtml).toBe('<p>Tỉnh Lạng Sơn hoàn thành</p><p>Có <a>liên kết</a></p>');
    expect(t11a.narrativeHtml).not.toMatch(/script|onerror|javascript/);
    expect(t11a.figures).toEqual({ decentralised_items: 174 });
    expect(r.json.warnings.map((w: { code: string }) => w.code)).toEqual(['doc_date_before_request']);
    const stored = await t.database.query<{ narrative_html: string }>(
      'select narrative_html from submission_tasks where submission_id = $1 and task_id = $2',
      [subId, tasks['1.1.a']],
    );
    expect(stored[0].narrative_html).not.toContain('script');
    expect(stored[0].narrative_html.includes('Lạng Sơn'.normalize('NFC'))).toBe(true);

    const bad = await langson.put(
      `/api/v1/submissions/${subId}`,
      {
        tasks: [
          { taskId: tasks['1.2.c'], status: 'done' },
          { taskId: tasks['1.1.a'], figures: { km: 5 } },
        ],
      },
      etag('submission', subId, version),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.tasks.0.taskId',
      'body.tasks.1.figures.km',
    ]);
    const extra = await langson.put(
      `/api/v1/submissions/${subId}`,
      { state: 'accepted' },
      etag('submission', subId, version),
    );
    expect(extra.status).toBe(400);
    expect(extra.json.errors[0].messageVi).toContain('state');
    expect((await langson.put(`/api/v1/submissions/${subId}`, { docNumber: 'x' })).status).toBe(428);
  });

  it('attaches evidence: a PDF is kept; a renamed program, a mismatched type and an oversized file are refused and nothing is stored', async () => {
    const tasks = await taskIds(t);
    const before = await submissionDigest(t, subId);
    const exe = await langson.upload(
      `/api/v1/submissions/${subId}/files`,
      'bao-cao.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 1)]),
    );
    expect(exe.status).toBe(415);
    expect(exe.json).toMatchObject({ code: 'executable_refused', detailVi: expect.stringContaining('bao-cao.pdf') });
    const big = await langson.upload(
      `/api/v1/submissions/${subId}/files`,
      'lon.pdf',
      Buffer.concat([minimalPdf(), Buffer.alloc(21 * 1024 * 1024)]),
    );
    expect(big.status).toBe(413);
    expect(big.json.code).toBe('file_too_large');
    const txt = await langson.upload(`/api/v1/submissions/${subId}/files`, 'bang.xlsx', minimalPdf());
    expect(txt.status).toBe(415);
    expect(await submissionDigest(t, subId)).toBe(before);
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int n from audit_log where action = 'evidence_refused' and entity_id = $1`,
      [String(subId)],
    );
    expect(audit[0].n).toBe(2);

    const ok = await langson.upload(
      `/api/v1/submissions/${subId}/files?taskId=${tasks['1.3.a']}`,
      'Báo cáo 812.pdf',
      minimalPdf('812'),
    );
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ filename: 'Báo cáo 812.pdf', kind: 'pdf', taskId: tasks['1.3.a'] });
    const dl = await langson.get(`/api/v1/submissions/${subId}/files/${ok.json.id}`);
    expect(dl.status).toBe(200);
    expect(String(dl.headers['content-disposition'])).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20812.pdf");
    expect(dl.body).toContain('% 812');
    expect((await bxd.get(`/api/v1/submissions/${subId}/files/${ok.json.id}`)).status).toBe(404);
  });

  it('refuses to send an incomplete report and says what is missing', async () => {
    const r = await langson.post(`/api/v1/submissions/${subId}/submit`, {}, etag('submission', subId, version));
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('incomplete_submission');
    // 1.1.a and 1.3.a were carried over from 2025; 1.3.d is new.
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual(['tasks.1.3.d.status']);
    expect(r.json.detailVi).toContain('Nhiệm vụ 1.3.d: chưa chọn tình trạng');
  });

  it('sends the report: MoF is notified, the receipt date is recorded, the reporter can no longer edit', async () => {
    const tasks = await taskIds(t);
    const saved = await langson.put(
      `/api/v1/submissions/${subId}`,
      {
        docDate: '2026-11-20',
        tasks: [
          {
            taskId: tasks['1.3.a'],
            status: 'recurring',
            narrativeHtml: '<ul><li>Hợp tác với Cao Bằng</li><li>Hội chợ vùng</li></ul>',
          },
          { taskId: tasks['1.3.d'], status: 'in_progress', narrativeHtml: '<p>Bố trí vốn đối ứng</p>' },
        ],
      },
      etag('submission', subId, version),
    );
    expect(saved.status).toBe(200);
    expect(saved.json.warnings).toEqual([]);
    const sent = await langson.post(`/api/v1/submissions/${subId}/submit`, {}, saved.etag);
    expect(sent.status).toBe(200);
    expect(sent.json.state).toBe('submitted');
    expect(sent.json.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent.json.can).toMatchObject({ edit: false, submit: false });
    version = sent.json.version;
    const locked = await langson.put(`/api/v1/submissions/${subId}`, { docNumber: 'khác' }, sent.etag);
    expect(locked.status).toBe(409);
    expect(locked.json.detailVi).toContain('Báo cáo đã gửi');
    const mofNotes = await admin.get('/api/v1/notifications');
    expect(
      mofNotes.json.items.some(
        (n: { kind: string; link: string }) =>
          n.kind === 'submission_received' && n.link === `/reporting/submissions/${subId}`,
      ),
    ).toBe(true);
  });

  it('MoF returns one task with a comment; the reporter sees it, is notified, and an e-mail is queued', async () => {
    const tasks = await taskIds(t);
    expect(
      (await admin.post(`/api/v1/submissions/${subId}/accept`, {}, etag('submission', subId, version - 1))).status,
    ).toBe(412);
    expect(
      (await langson.post(`/api/v1/submissions/${subId}/return`, { reason: 'x' }, etag('submission', subId, version)))
        .status,
    ).toBe(403);
    const noReason = await admin.post(
      `/api/v1/submissions/${subId}/return`,
      { reason: '  ' },
      etag('submission', subId, version),
    );
    expect(noReason.status).toBe(400);
    const r = await admin.post(
      `/api/v1/submissions/${subId}/return`,
      {
        reason: 'Bổ sung số liệu vốn',
        taskComments: [{ taskId: tasks['1.3.d'], comment: 'Nêu tổng vốn huy động theo nguồn' }],
      },
      etag('submission', subId, version),
    );
    expect(r.status).toBe(200);
    expect(r.json.state).toBe('returned');
    version = r.json.version;
    const mine = await langson.get(`/api/v1/submissions/${subId}`);
    expect(mine.json.returnReason).toBe('Bổ sung số liệu vốn');
    expect(mine.json.tasks.find((x: { code: string }) => x.code === '1.3.d').returnComment).toBe(
      'Nêu tổng vốn huy động theo nguồn',
    );
    expect(mine.json.can.edit).toBe(true);
    const notes = await langson.get('/api/v1/notifications');
    expect(notes.json.items[0]).toMatchObject({ kind: 'submission_returned', read: false });
    const mail = await t.database.query<{ to_address: string; subject: string; body_text: string }>(
      `select to_address, subject, body_text from email_outbox where kind = 'submission_returned' order by id desc limit 1`,
    );
    expect(mail[0].to_address).toBe('baocao.ubnd-20@regionlink.invalid');
    expect(mail[0].body_text).toContain('Bổ sung số liệu vốn');
    // Accepting a returned report is an invalid transition.
    const bad = await admin.post(`/api/v1/submissions/${subId}/accept`, {}, etag('submission', subId, version));
    expect(bad.status).toBe(409);
    expect(bad.json.code).toBe('not_submitted');
  });

  it('the reporter fixes the task and resubmits; MoF accepts; the report is locked and the progress counts it', async () => {
    const tasks = await taskIds(t);
    const fixed = await langson.put(
      `/api/v1/submissions/${subId}`,
      { tasks: [{ taskId: tasks['1.3.d'], narrativeHtml: '<p>Tổng vốn huy động 1.250 tỷ đồng</p>' }] },
      etag('submission', subId, version),
    );
    const re = await langson.post(`/api/v1/submissions/${subId}/submit`, {}, fixed.etag);
    expect(re.status).toBe(200);
    const acc = await admin.post(`/api/v1/submissions/${subId}/accept`, {}, re.etag);
    expect(acc.status).toBe(200);
    expect(acc.json).toMatchObject({ state: 'accepted', lockedAt: expect.any(String) });
    version = acc.json.version;
    expect((await langson.put(`/api/v1/submissions/${subId}`, { docNumber: 'x' }, acc.etag)).json.code).toBe(
      'submission_locked',
    );
    expect((await admin.post(`/api/v1/submissions/${subId}/return`, { reason: 'x' }, acc.etag)).status).toBe(409);
    const p = await admin.get(`/api/v1/cycles/${cycleId}/progress`);
    expect(p.json).toMatchObject({ expected: 3, received: 1, accepted: 1 });
    expect(p.json.rows.find((r: { orgCode: string }) => r.orgCode === 'UBND-20')).toMatchObject({
      state: 'accepted',
      docNumber: '812/BC-UBND',
    });
  });

  it('MoF unlocks with a recorded reason; every transition is in the history and the audit log', async () => {
    expect(
      (await admin.post(`/api/v1/submissions/${subId}/unlock`, {}, etag('submission', subId, version))).status,
    ).toBe(400);
    const u = await admin.post(
      `/api/v1/submissions/${subId}/unlock`,
      { reason: 'Sửa số văn bản' },
      etag('submission', subId, version),
    );
    expect(u.status).toBe(200);
    expect(u.json.state).toBe('returned');
    expect(u.json.lockedAt).toBeNull();
    expect(u.json.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'submitted',
      'returned',
      'resubmitted',
      'accepted',
      'unlocked',
    ]);
    expect(u.json.history.at(-1)).toMatchObject({
      fromState: 'accepted',
      toState: 'returned',
      reason: 'Sửa số văn bản',
    });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'submission' and entity_id = $1 and action not in ('submission_saved', 'authz_denied', 'evidence_added', 'evidence_refused') order by id`,
      [String(subId)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'submission_created',
      'submission_submitted',
      'submission_returned',
      'submission_resubmitted',
      'submission_accepted',
      'submission_unlocked',
    ]);
    const version2 = u.json.version;
    const sub2 = await langson.post(`/api/v1/submissions/${subId}/submit`, {}, etag('submission', subId, version2));
    expect(sub2.status).toBe(200);
    const acc2 = await admin.post(`/api/v1/submissions/${subId}/accept`, {}, sub2.etag);
    expect(acc2.status).toBe(200);
  });

  it('a closed cycle takes no edits; a published cycle shows accepted reports to viewers and refuses unlocks', async () => {
    const cb = client(t, null);
    void cb;
    await addUser(t, { username: 'reporter.caobang', role: 'reporter', orgCode: 'UBND-04' });
    const caobang = client(t, await t.login('reporter.caobang'));
    const draft = await startFilled(caobang, cycleId);
    const pub = await closeAndPublish(admin, cycleId);
    expect(pub.publishedAt).not.toBeNull();
    const edit = await caobang.put(
      `/api/v1/submissions/${draft.id}`,
      { docNumber: 'x' },
      etag('submission', draft.id, draft.version),
    );
    expect(edit.json.code).toBe('cycle_not_open');
    const seen = await viewer.get(`/api/v1/submissions/${subId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.returnReason).toBeNull();
    expect((await viewer.get(`/api/v1/submissions/${draft.id}`)).status).toBe(404);
    const unlock = await admin.post(`/api/v1/submissions/${subId}/unlock`, { reason: 'x' }, seen.etag);
    expect(unlock.json.code).toBe('cycle_published');
  });

  it('admins edit the policy document and task assignments with If-Match', async () => {
    const tasks = await taskIds(t);
    const orgs = await orgIds(t);
    const task = await admin.get('/api/v1/policy-documents/1');
    const t13d = task.json.tasks.find((x: { code: string }) => x.code === '1.3.d');
    const r = await admin.put(
      `/api/v1/policy-tasks/${tasks['1.3.d']}/assignments`,
      {
        assignments: [
          { organisationId: orgs['UBND-20'], role: 'lead' },
          { organisationId: orgs.BTC, role: 'cooperating' },
        ],
      },
      etag('task', tasks['1.3.d'], t13d.version),
    );
    expect(r.status).toBe(200);
    expect(r.json.assignments.map((a: { organisationCode: string }) => a.organisationCode)).toEqual(['UBND-20', 'BTC']);
    const stale = await admin.put(
      `/api/v1/policy-tasks/${tasks['1.3.d']}/assignments`,
      { assignments: [] },
      etag('task', tasks['1.3.d'], t13d.version),
    );
    expect(stale.status).toBe(412);
    expect(
      (await langson.put(`/api/v1/policy-tasks/${tasks['1.3.d']}/assignments`, { assignments: [] }, r.etag)).status,
    ).toBe(403);
    const created = await admin.post('/api/v1/policy-documents/1/tasks', {
      code: '1.3.e',
      section: 'province',
      titleVi: 'Nhiệm vụ thử',
      shortTitleVi: 'Thử',
      titleEn: 'Test task',
    });
    expect(created.status).toBe(201);
    expect(
      (
        await admin.post('/api/v1/policy-documents/1/tasks', {
          code: '1.3.e',
          section: 'province',
          titleVi: 'x',
          shortTitleVi: 'x',
          titleEn: 'x',
        })
      ).status,
    ).toBe(409);
  });
});

describe(`two editors and races (${TEST_ENGINE})`, () => {
  let langson2: Client;
  beforeAll(async () => {
    await addUser(t, { username: 'reporter.langson2', role: 'reporter', orgCode: 'UBND-20' });
    await addUser(t, { username: 'admin.mof2', role: 'admin', orgCode: 'BTC' });
    langson2 = client(t, await t.login('reporter.langson2'));
  });

  it('two reporters save the same draft: one succeeds, the stale one gets 412 and nothing of it is written', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20'], taskCodes: ['1.3.a'] });
    const s = await startFilled(langson, c.id);
    const a = await langson.get(`/api/v1/submissions/${s.id}`);
    const b = await langson2.get(`/api/v1/submissions/${s.id}`);
    expect(a.etag).toBe(b.etag);
    const taskId = s.tasks[0].taskId;
    const [ra, rb] = await Promise.all([
      langson.put(`/api/v1/submissions/${s.id}`, { tasks: [{ taskId, narrativeHtml: '<p>Bản của A</p>' }] }, a.etag),
      langson2.put(`/api/v1/submissions/${s.id}`, { tasks: [{ taskId, narrativeHtml: '<p>Bản của B</p>' }] }, b.etag),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 412]);
    const winner = ra.status === 200 ? 'A' : 'B';
    const loser = ra.status === 200 ? rb : ra;
    expect(loser.json.code).toBe('stale_write');
    expect(loser.json.detailVi).toContain('Chưa có gì được lưu');
    const now = await langson.get(`/api/v1/submissions/${s.id}`);
    expect(now.json.tasks[0].narrativeHtml).toBe(`<p>Bản của ${winner}</p>`);
    expect(now.json.version).toBe(s.version + 1);
    const before = await submissionDigest(t, s.id);
    expect((await langson2.put(`/api/v1/submissions/${s.id}`, { docNumber: 'cũ' }, b.etag)).status).toBe(412);
    expect(await submissionDigest(t, s.id)).toBe(before);
  });

  it('an edit racing a submit: never a submitted report with a later edit applied', async () => {
    const rounds = TEST_ENGINE === 'postgresql' ? 12 : 6;
    for (let i = 0; i < rounds; i++) {
      const c = await makeCycle(t, admin, { orgCodes: ['UBND-20'], taskCodes: ['1.3.a'] });
      const s = await startFilled(langson, c.id, 'Trước');
      const tag = etag('submission', s.id, s.version);
      const [edit, submit] = await Promise.all([
        langson2.put(
          `/api/v1/submissions/${s.id}`,
          { tasks: [{ taskId: s.tasks[0].taskId, narrativeHtml: '<p>Sau</p>' }] },
          tag,
        ),
        langson.post(`/api/v1/submissions/${s.id}/submit`, {}, tag),
      ]);
      expect([edit.status, submit.status].filter((x) => x === 200)).toHaveLength(1);
      const final = await langson.get(`/api/v1/submissions/${s.id}`);
      if (submit.status === 200) {
        expect(final.json.state).toBe('submitted');
        expect(final.json.tasks[0].narrativeHtml).toContain('Trước');
      } else {
        expect(final.json.state).toBe('draft');
        expect(final.json.tasks[0].narrativeHtml).toBe('<p>Sau</p>');
      }
    }
  });

  it('two admins: an acceptance racing a return — exactly one wins, nothing is accepted unseen', async () => {
    const admin2 = client(t, await t.login('admin.mof2'));
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20'], taskCodes: ['1.3.a'] });
    const s = await driveTo(langson, admin, await startFilled(langson, c.id), 'submitted');
    const tag = etag('submission', s.id, s.version);
    const [acc, ret] = await Promise.all([
      admin.post(`/api/v1/submissions/${s.id}/accept`, {}, tag),
      admin2.post(`/api/v1/submissions/${s.id}/return`, { reason: 'Thiếu' }, tag),
    ]);
    // The loser is refused as stale (412) or, if it read after the winner committed, as an invalid transition (409).
    expect([acc.status, ret.status].filter((x) => x === 200)).toHaveLength(1);
    expect([acc.status, ret.status].find((x) => x !== 200)).toBeOneOf([409, 412]);
    const events = await t.database.query<{ n: number }>(
      `select count(*)::int n from submission_events where submission_id = $1 and action in ('accepted', 'returned')`,
      [s.id],
    );
    expect(events[0].n).toBe(1);
  });
});

describe(`reminders, notifications and the e-mail outbox (${TEST_ENGINE})`, () => {
  it('creates overdue reminders once per organisation, and marks them read', async () => {
    const first = await admin.post('/api/v1/reminders/run', {});
    expect(first.status).toBe(200);
    expect(first.json.notifications).toBeGreaterThanOrEqual(38);
    expect(first.json.emails).toBe(first.json.notifications);
    // MoF runs the cycle: it is never reminded by itself.
    const mof = await t.database.query<{ n: number }>(
      `select count(*)::int n from reporting_notifications n join organisations o on o.id = n.organisation_id
        where o.code = 'BTC' and n.kind like 'deadline%'`,
    );
    expect(mof[0].n).toBe(0);
    const again = await admin.post('/api/v1/reminders/run', {});
    expect(again.json).toEqual({ notifications: 0, emails: 0 });
    expect((await langson.post('/api/v1/reminders/run', {})).status).toBe(403);
    const notes = await bxd.get('/api/v1/notifications');
    const overdue = notes.json.items.find((n: { kind: string }) => n.kind === 'deadline_missed');
    expect(overdue.titleVi).toContain('Quá hạn báo cáo');
    const read = await bxd.post('/api/v1/notifications/read', { ids: [overdue.id] });
    expect(read.json.unread).toBe(notes.json.unread - 1);
    // Another organisation's notification cannot be marked or seen.
    const mine = (await langson.get('/api/v1/notifications')).json.items.map((n: { id: number }) => n.id);
    expect(mine).not.toContain(overdue.id);
    expect((await anon.get('/api/v1/notifications')).status).toBe(401);
  });

  it('shows the outbox to MoF only, with SMTP not configured', async () => {
    const o = await admin.get('/api/v1/outbox');
    expect(o.status).toBe(200);
    expect(o.json.smtpConfigured).toBe(false);
    expect(o.json.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
    expect((await viewer.get('/api/v1/outbox')).status).toBe(403);
  });
});

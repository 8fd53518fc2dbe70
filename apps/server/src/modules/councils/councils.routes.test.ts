import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { todayVn } from '../geo/geo.service';
import { multipartFile, TINY_PDF } from '../plans/test-support';
import { agreementsInForce } from './agreements.service';
import { listBottlenecksForReport } from './bottlenecks.service';
import { followUpStatsByProvince, runFollowUpReminders } from './follow-ups.service';
import { type Api, bottleneckOf, followUpOf, meetingOf, NMM, personas } from './test-support';

/*
 * The councils API on a real, migrated and seeded database (PGlite or PostgreSQL): the consolidation of 2023→2025
 * read at several dates, the Office's meeting from scheduling to the notice, a follow-up from assignment to
 * acceptance, a bottleneck from raising to the Prime Minister's answer, agreements and linkages, the figures of the
 * demo year, and the service functions other modules read. Validation, concurrency (428/412) and state (409) errors.
 */

let t: TestApp;
let api: Api;
beforeAll(async () => {
  t = await createTestApp();
  api = await personas(t);
});
afterAll(async () => t?.close());

const get = (url: string, persona: Parameters<Api['call']>[0] = 'admin.mof') => api.call(persona, 'GET', url);
const count = async (sql: string) => (await t.database.query<{ n: number }>(sql))[0].n;

describe(`councils over time on ${TEST_ENGINE}`, () => {
  it('lists the six councils of 2023 and the six of 2025, with their founding decisions as the report gives them', async () => {
    const res = (await get('/api/v1/councils', 'anonymous')).json();
    expect(res.items).toHaveLength(12);
    const inForce = res.items.filter((c: { inForce: boolean }) => c.inForce).map((c: { code: string }) => c.code);
    expect(inForce.sort()).toEqual([
      'hddp-2025-mrd',
      'hddp-2025-nc',
      'hddp-2025-nmm',
      'hddp-2025-rrd',
      'hddp-2025-scch',
      'hddp-2025-se',
    ]);
    const rrd = res.items.find((c: { code: string }) => c.code === 'hddp-2023-rrd');
    expect(rrd).toMatchObject({
      foundingDecision: 'Quyết định số 826/QĐ-TTg',
      foundingDecisionAsWritten: 'Quyết định số 826/TTg-CP',
      foundedOn: '2023-07-11',
      validTo: '2025-12-09',
    });
    expect(res.items.find((c: { code: string }) => c.code === 'hddp-2023-nmm').foundingDecision).toBe(
      'Quyết định số 975/QĐ-TTg',
    );
    expect(rrd.chairVi).toBe('Thủ tướng Chính phủ hoặc Phó Thủ tướng Chính phủ');
  });

  it('gives the members of each council at a date across the 2025 reform and the consolidation', async () => {
    const provinces = async (code: string, at: string) =>
      (await get(`/api/v1/councils/${code}?at=${at}`, 'anonymous'))
        .json()
        .provinces.map((p: { code: string }) => p.code)
        .sort();
    // Before 2025-07-01: the 14 old provinces of the Northern Midlands and Mountains.
    expect(await provinces('hddp-2023-nmm', '2024-06-01')).toEqual([
      '02',
      '04',
      '06',
      '08',
      '10',
      '11',
      '12',
      '14',
      '15',
      '17',
      '19',
      '20',
      '24',
      '25',
    ]);
    // After the merger, before the consolidation: their successors (Bắc Giang sits through Bắc Ninh, 24).
    expect(await provinces('hddp-2023-nmm', '2025-09-01')).toEqual([
      '04',
      '08',
      '11',
      '12',
      '14',
      '15',
      '19',
      '20',
      '24',
      '25',
    ]);
    // The consolidated council: the nine provinces of the 2025 region; none before it existed.
    expect(await provinces('hddp-2025-nmm', '2026-01-01')).toEqual([
      '04',
      '08',
      '11',
      '12',
      '14',
      '15',
      '19',
      '20',
      '25',
    ]);
    expect(await provinces('hddp-2025-nmm', '2025-09-01')).toEqual([]);
    expect(await provinces('hddp-2023-nmm', '2026-01-01')).toEqual([]);
    expect(await provinces('hddp-2025-rrd', '2026-01-01')).toEqual(['01', '22', '24', '31', '33', '37']);
    expect((await provinces('hddp-2023-rrd', '2024-06-01')).length).toBe(11);
    expect((await provinces('hddp-2025-scch', '2026-01-01')).length).toBe(6);
  });

  it('keeps the consolidation as a dated change with its basis, and the lineage both ways', async () => {
    const c = (await get(`/api/v1/councils/${NMM}`, 'anonymous')).json();
    expect(c.predecessors).toEqual(['hddp-2023-nmm']);
    const change = c.changes.find((x: { kind: string }) => x.kind === 'consolidated');
    expect(change).toMatchObject({ effectiveOn: '2025-12-10', fromCode: 'hddp-2023-nmm', toCode: NMM });
    expect(change.basis).toContain('252/2025/QH15');
    expect(c.office.code).toBe('BTC');
    expect(c.coordinationTeams).toHaveLength(9);
    expect(c.coordinationTeams[0].standingBodyVi).toMatch(/^Sở Tài chính /);
    const split = (await get('/api/v1/councils/hddp-2023-ncc', 'anonymous')).json();
    expect(split.successors.sort()).toEqual(['hddp-2025-nc', 'hddp-2025-scch']);
    expect((await get('/api/v1/councils/hddp-2025-scch', 'anonymous')).json().predecessors.sort()).toEqual([
      'hddp-2023-ch',
      'hddp-2023-ncc',
    ]);
  });

  it('answers 404 for an unknown council and 400 for a malformed date', async () => {
    expect(problemOf(await get('/api/v1/councils/hddp-2099-x')).status).toBe(404);
    const bad = problemOf(await get(`/api/v1/councils/${NMM}?at=2025-02-30`));
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors[0].path).toBe('query.at');
  });
});

describe(`the Office holds a meeting and issues its notice on ${TEST_ENGINE}`, () => {
  it('schedules, builds the agenda from other modules, invites, records, concludes and issues the notice', async () => {
    const bad = problemOf(
      await api.call('admin.mof', 'POST', `/api/v1/councils/${NMM}/meetings`, {
        titleVi: '',
        heldOn: '2027-01-10',
        mode: 'online',
        chairVi: 'x',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.titleVi');
    const old = problemOf(
      await api.call('admin.mof', 'POST', '/api/v1/councils/hddp-2023-nmm/meetings', {
        titleVi: 'Họp',
        heldOn: '2027-01-10',
        mode: 'online',
        chairVi: 'x',
      }),
    );
    expect(old.status).toBe(400);
    expect(old.body.detailVi).toContain('kiện toàn');

    let m = await meetingOf(api);
    const match = () => ({ 'if-match': `"council-meeting-${m.id}-v${m.version}"` });
    // Agenda items are checked against the module that owns what they name.
    const unknown = problemOf(
      await api.call(
        'admin.mof',
        'PUT',
        `/api/v1/council-meetings/${m.id}/agenda`,
        { items: [{ titleVi: 'X', kind: 'project', ref: 'NOPE-1' }] },
        match(),
      ),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('body.items.0.ref');
    const agenda = await api.call(
      'council.nmm',
      'PUT',
      `/api/v1/council-meetings/${m.id}/agenda`,
      {
        items: [
          { titleVi: 'Cao tốc Đồng Đăng - Trà Lĩnh', kind: 'project', ref: 'RD2-01' },
          { titleVi: 'Chia sẻ nguồn nước', kind: 'plan_task', ref: 'ip-nmm-2021-2030:II.1.d' },
          { titleVi: 'Giải pháp của địa phương', kind: 'reporting_task', ref: '1.3.a' },
          { titleVi: 'Kiến nghị của Điện Biên', kind: 'bottleneck', ref: '2' },
        ],
      },
      match(),
    );
    expect(agenda.statusCode, agenda.body).toBe(200);
    m = agenda.json();
    expect(agenda.json().agenda.map((a: { refLink: string | null }) => a.refLink)).toEqual([
      '/projects/RD2-01',
      '/plans/ip-nmm-2021-2030',
      '/reporting',
      '/councils/bottlenecks/2',
    ]);
    // Without If-Match: 428; with a stale one: 412; nothing written either time.
    expect(
      (await api.call('admin.mof', 'PATCH', `/api/v1/council-meetings/${m.id}`, { place: 'Hà Nội' })).statusCode,
    ).toBe(428);
    const stale = await api.call(
      'admin.mof',
      'PATCH',
      `/api/v1/council-meetings/${m.id}`,
      { place: 'Hà Nội' },
      { 'if-match': `"council-meeting-${m.id}-v1"` },
    );
    expect(stale.statusCode).toBe(412);
    // Invitations: every member organisation on the meeting date, in the app and in the e-mail outbox, once.
    const outbox0 = await count(
      `select count(*)::int as n from email_outbox where kind = 'council_meeting_invitation'`,
    );
    const inv = await api.call('admin.mof', 'POST', `/api/v1/council-meetings/${m.id}/invitations`, {});
    expect(inv.statusCode).toBe(200);
    m = inv.json();
    const invited = m as unknown as { attendees: { organisation: { code: string }; invited: boolean }[] };
    expect(invited.attendees.map((a) => a.organisation.code).sort()).toEqual(
      [
        'BCT',
        'BNNMT',
        'BTC',
        'BXD',
        'UBND-04',
        'UBND-08',
        'UBND-11',
        'UBND-12',
        'UBND-14',
        'UBND-15',
        'UBND-19',
        'UBND-20',
        'UBND-25',
      ].sort(),
    );
    const notes = await count(
      `select count(*)::int as n from reporting_notifications where kind = 'council_meeting_invitation' and link = '/councils/meetings/${m.id}'`,
    );
    expect(notes).toBe(13);
    const mails =
      (await count(`select count(*)::int as n from email_outbox where kind = 'council_meeting_invitation'`)) - outbox0;
    expect(mails).toBeGreaterThanOrEqual(12);
    const again = await api.call('admin.mof', 'POST', `/api/v1/council-meetings/${m.id}/invitations`, {});
    expect(again.statusCode).toBe(200);
    m = again.json();
    expect(
      await count(
        `select count(*)::int as n from reporting_notifications where kind = 'council_meeting_invitation' and link = '/councils/meetings/${m.id}'`,
      ),
    ).toBe(13);
    // The Lạng Sơn reporter sees the invitation in their notifications.
    const mine = (await get('/api/v1/notifications', 'reporter.langson')).json();
    expect(JSON.stringify(mine)).toContain(`/councils/meetings/${m.id}`);

    // A future meeting cannot be recorded as held; the notice needs a held meeting.
    expect(
      (await api.call('admin.mof', 'PATCH', `/api/v1/council-meetings/${m.id}`, { status: 'held' }, match()))
        .statusCode,
    ).toBe(400);
    const patched = await api.call(
      'admin.mof',
      'PATCH',
      `/api/v1/council-meetings/${m.id}`,
      { heldOn: '2026-12-01', status: 'held', minutes: 'Biên bản phiên họp.' },
      match(),
    );
    expect(patched.statusCode, patched.body).toBe(200);
    m = patched.json();
    const att = await api.call(
      'admin.mof',
      'PUT',
      `/api/v1/council-meetings/${m.id}/attendance`,
      {
        items: [
          { organisationCode: 'UBND-20', attendance: 'present' },
          { organisationCode: 'BXD', attendance: 'represented', representative: 'Vụ trưởng' },
          { organisationCode: 'UBND-12', attendance: 'absent' },
        ],
      },
      match(),
    );
    expect(att.statusCode).toBe(200);
    m = att.json();
    const early = problemOf(
      await api.call(
        'admin.mof',
        'PUT',
        `/api/v1/council-meetings/${m.id}/conclusions`,
        { items: [{ textVi: 'K', assignments: [{ assigneeCode: 'UBND-20', dueOn: '2026-01-01' }] }] },
        match(),
      ),
    );
    expect(early.status).toBe(400);
    expect(early.body.errors[0].path).toBe('body.items.0.assignments.0.dueOn');
    const cons = await api.call(
      'admin.mof',
      'PUT',
      `/api/v1/council-meetings/${m.id}/conclusions`,
      {
        items: [
          {
            textVi: 'Giao tỉnh Lạng Sơn chủ trì, phối hợp với tỉnh Cao Bằng.',
            assignments: [
              { assigneeCode: 'UBND-20', partnerCodes: ['UBND-04'], dueOn: '2027-03-31', projectCode: 'RD2-01' },
            ],
          },
          { textVi: 'Giao Bộ Xây dựng rà soát.', assignments: [{ assigneeCode: 'BXD', dueOn: '2027-06-30' }] },
          { textVi: 'Hội đồng ghi nhận báo cáo của Văn phòng.' },
        ],
      },
      match(),
    );
    expect(cons.statusCode, cons.body).toBe(200);
    m = cons.json();
    expect(
      await count(
        `select count(*)::int as n from council_follow_ups f join council_conclusions c on c.id = f.conclusion_id where c.meeting_id = ${m.id}`,
      ),
    ).toBe(0);
    // The public sees the held meeting but neither its minutes nor its draft conclusions.
    const pub = (await get(`/api/v1/council-meetings/${m.id}`, 'anonymous')).json();
    expect(pub).toMatchObject({ status: 'held', minutes: null, conclusions: [], agenda: [] });

    const notice = await api.call(
      'admin.mof',
      'POST',
      `/api/v1/council-meetings/${m.id}/notice`,
      { number: '205/TB-BTC', date: '2026-12-04', signerTitle: 'Thứ trưởng', signerName: 'Nguyễn Văn Minh' },
      match(),
    );
    expect(notice.statusCode, notice.body).toBe(200);
    const issued = notice.json();
    expect(issued.status).toBe('notice_issued');
    expect(issued.conclusions.map((c: { followUps: unknown[] }) => c.followUps.length)).toEqual([1, 1, 0]);
    expect(issued.conclusions[0].followUps[0]).toMatchObject({
      state: 'open',
      dueOn: '2027-03-31',
      assignee: { code: 'UBND-20' },
      partners: [{ code: 'UBND-04' }],
    });
    expect(
      await count(
        `select count(*)::int as n from reporting_notifications where kind = 'council_follow_up_assigned' and title_vi like '%205/TB-BTC%'`,
      ),
    ).toBe(3);
    // Closed: no more edits; the public now reads the published conclusions.
    expect(
      (
        await api.call(
          'admin.mof',
          'PATCH',
          `/api/v1/council-meetings/${m.id}`,
          { place: 'X' },
          { 'if-match': `"council-meeting-${m.id}-v${issued.version}"` },
        )
      ).statusCode,
    ).toBe(409);
    const after = (await get(`/api/v1/council-meetings/${m.id}`, 'anonymous')).json();
    expect(after.conclusions.map((c: { textVi: string }) => c.textVi)).toHaveLength(3);
    expect(after.minutes).toBeNull();
    const docx = await get(`/api/v1/council-meetings/${m.id}/notice.docx`, 'anonymous');
    expect(docx.statusCode).toBe(200);
    expect(String(docx.headers['content-disposition'])).toContain('thong-bao-ket-luan-hddp-2025-nmm-2026-12-01.docx');
  }, 60_000);

  it('refuses to issue a notice for a meeting not held, or without conclusions', async () => {
    const scheduled = await meetingOf(api, { conclusions: true });
    const r = await api.call(
      'admin.mof',
      'POST',
      `/api/v1/council-meetings/${scheduled.id}/notice`,
      { number: '1/TB-BTC', date: '2027-03-01', signerTitle: 'Thứ trưởng', signerName: 'A' },
      { 'if-match': `"council-meeting-${scheduled.id}-v${scheduled.version}"` },
    );
    expect(problemOf(r)).toMatchObject({ status: 409, body: { code: 'meeting_not_held' } });
    const empty = await meetingOf(api, { held: true });
    const e = await api.call(
      'admin.mof',
      'POST',
      `/api/v1/council-meetings/${empty.id}/notice`,
      { number: '2/TB-BTC', date: '2026-11-30', signerTitle: 'Thứ trưởng', signerName: 'A' },
      { 'if-match': `"council-meeting-${empty.id}-v${empty.version}"` },
    );
    expect(problemOf(e)).toMatchObject({ status: 409, body: { code: 'no_conclusions' } });
    const badNo = await api.call(
      'admin.mof',
      'POST',
      `/api/v1/council-meetings/${empty.id}/notice`,
      { number: 'số 2', date: '2026-11-30', signerTitle: 'Thứ trưởng', signerName: 'A' },
      { 'if-match': `"council-meeting-${empty.id}-v${empty.version}"` },
    );
    expect(problemOf(badNo).body.errors[0].path).toBe('body.number');
  });

  it('accepts meeting documents of the allowed types only', async () => {
    const m = await meetingOf(api);
    const exe = multipartFile('tai-lieu.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(
      (await api.call('admin.mof', 'POST', `/api/v1/council-meetings/${m.id}/documents`, exe.payload, exe.headers))
        .statusCode,
    ).toBe(415);
    const ok = multipartFile('Tài liệu phiên họp.pdf', TINY_PDF);
    const r = await api.call('admin.mof', 'POST', `/api/v1/council-meetings/${m.id}/documents`, ok.payload, ok.headers);
    expect(r.statusCode).toBe(201);
    const doc = r.json().documents[0];
    expect(doc.fileName).toBe('Tài liệu phiên họp.pdf');
    const dl = await get(`/api/v1/council-meeting-documents/${doc.id}`, 'reporter.langson');
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe(`a province posts progress and the Office closes the follow-up on ${TEST_ENGINE}`, () => {
  it('goes open → in progress → reported → returned → reported → done, every step kept with who and when', async () => {
    let f = await followUpOf(api);
    const post = (body: unknown, persona: Parameters<Api['call']>[0] = 'reporter.langson') =>
      api.call(persona, 'POST', `/api/v1/council-follow-ups/${f.id}/progress`, body, {
        'if-match': `"council-follow-up-${f.id}-v${f.version}"`,
      });
    const review = (body: unknown) =>
      api.call('council.nmm', 'POST', `/api/v1/council-follow-ups/${f.id}/review`, body, {
        'if-match': `"council-follow-up-${f.id}-v${f.version}"`,
      });
    expect(
      (await api.call('reporter.langson', 'POST', `/api/v1/council-follow-ups/${f.id}/progress`, { note: 'x' }))
        .statusCode,
    ).toBe(428);
    expect(problemOf(await post({ note: '', percent: 10 })).body.errors[0].path).toBe('body.note');
    let r = await post({ note: 'Đã khởi công', percent: 30 });
    expect(r.statusCode).toBe(200);
    f = r.json();
    expect(r.json()).toMatchObject({ state: 'in_progress', percent: 30, permissions: { post: true, review: false } });
    // The Office cannot accept work that was not reported done.
    expect(problemOf(await review({ decision: 'accept' }))).toMatchObject({
      status: 409,
      body: { code: 'follow_up_state' },
    });
    const ev = multipartFile('bien-ban.pdf', TINY_PDF);
    expect(
      (
        await api.call(
          'reporter.langson',
          'POST',
          `/api/v1/council-follow-ups/${f.id}/evidence`,
          ev.payload,
          ev.headers,
        )
      ).statusCode,
    ).toBe(201);
    f = (await get(`/api/v1/council-follow-ups/${f.id}`, 'reporter.langson')).json();
    r = await post({ note: 'Hoàn thành', claimsDone: true });
    f = r.json();
    expect(f).toMatchObject({ state: 'reported', percent: 100 });
    expect(problemOf(await review({ decision: 'return' })).body.errors[0].path).toBe('body.note');
    r = await review({ decision: 'return', note: 'Thiếu biên bản nghiệm thu' });
    f = r.json();
    expect(f).toMatchObject({ state: 'returned', doneOn: null });
    r = await post({ note: 'Đã bổ sung biên bản', claimsDone: true });
    f = r.json();
    r = await review({ decision: 'accept', note: 'Xác nhận' });
    expect(r.statusCode).toBe(200);
    const done = r.json();
    expect(done).toMatchObject({ state: 'done', overdue: false, evidence: [{ fileName: 'bien-ban.pdf' }] });
    expect(done.acceptedOn).toBe(done.doneOn);
    expect(done.events.map((e: { action: string }) => e.action)).toEqual([
      'assigned',
      'progress',
      'report_done',
      'return',
      'report_done',
      'accept',
    ]);
    expect(done.events[3]).toMatchObject({
      fromState: 'reported',
      toState: 'returned',
      note: 'Thiếu biên bản nghiệm thu',
      organisation: { code: 'HDDP-NMM' },
    });
    expect(done.events[1].userName).toContain('Hoàng Thị Bình');
    // Closed: nothing more, and the province sees it among everything assigned to it across councils.
    expect((await post({ note: 'Thêm' })).statusCode).toBe(409);
    const mine = (await get('/api/v1/council-follow-ups?assignee=me', 'reporter.langson')).json();
    expect(mine.items.find((x: { id: number }) => x.id === f.id).state).toBe('done');
    expect(new Set(mine.items.map((x: { assignee: { code: string } }) => x.assignee.code))).toEqual(
      new Set(['UBND-20']),
    );
    expect(new Set(mine.items.map((x: { councilCode: string }) => x.councilCode))).toEqual(
      new Set(['hddp-2023-nmm', NMM]),
    );
    const csv = await get(`/api/v1/council-follow-ups?assignee=UBND-20&format=csv`, 'reporter.langson');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('Hoàn thành');
  }, 60_000);

  it('reminds the assignees of overdue follow-ups once a week, in the app and by e-mail', async () => {
    const n0 = await count(
      `select count(*)::int as n from reporting_notifications where kind = 'council_follow_up_overdue'`,
    );
    const sent = await runFollowUpReminders(t.database.db, '2026-12-07');
    // Demo year: Bộ NN&MT (in progress, due 30/9), Điện Biên (returned, due 31/8), Hà Nội (open, due 30/9).
    expect(sent).toBe(3);
    expect(
      (await count(`select count(*)::int as n from reporting_notifications where kind = 'council_follow_up_overdue'`)) -
        n0,
    ).toBe(3);
    expect(await runFollowUpReminders(t.database.db, '2026-12-10')).toBe(0);
    expect(await runFollowUpReminders(t.database.db, '2026-12-14')).toBeGreaterThanOrEqual(3);
  });
});

describe(`a province raises a bottleneck that is escalated on ${TEST_ENGINE}`, () => {
  it('raise → triage → schedule → escalate → outcome recorded, and the report material carries it', async () => {
    const unknown = problemOf(
      await api.call('reporter.langson', 'POST', '/api/v1/council-bottlenecks', {
        councilCode: NMM,
        titleVi: 'X',
        descriptionVi: 'Y',
        subject: 'project',
        projectCode: 'NOPE',
        field: 'land',
      }),
    );
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ path: 'body.projectCode' }] } });
    let b = await bottleneckOf(api, 'Chậm bàn giao mặt bằng đoạn qua Lạng Sơn');
    const act = (body: unknown) =>
      api.call('admin.mof', 'POST', `/api/v1/council-bottlenecks/${b.id}/actions`, body, {
        'if-match': `"council-bottleneck-${b.id}-v${b.version}"`,
      });
    expect(problemOf(await act({ action: 'record_outcome', note: 'x' }))).toMatchObject({
      status: 409,
      body: { code: 'bottleneck_state' },
    });
    b = (await act({ action: 'triage', note: 'Thuộc thẩm quyền Hội đồng' })).json();
    expect(problemOf(await act({ action: 'schedule' })).body.errors[0].path).toBe('body.meetingId');
    const next = await meetingOf(api);
    const sch = await act({ action: 'schedule', meetingId: next.id });
    expect(sch.statusCode, sch.body).toBe(200);
    b = sch.json();
    const agenda = (await get(`/api/v1/council-meetings/${next.id}`)).json().agenda;
    expect(agenda.at(-1)).toMatchObject({
      kind: 'bottleneck',
      ref: String(b.id),
      titleVi: 'Chậm bàn giao mặt bằng đoạn qua Lạng Sơn',
    });
    expect(problemOf(await act({ action: 'escalate' })).body.errors[0].path).toBe('body.note');
    b = (await act({ action: 'escalate', note: 'Báo cáo Thủ tướng Chính phủ tại Văn bản số 1234/BTC-VCL' })).json();
    // this year's material: the bottleneck was raised today
    const Y = todayVn().slice(0, 4);
    const material0 = await listBottlenecksForReport(t.database.db, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(material0.open.find((x) => x.id === b.id)).toMatchObject({
      state: 'escalated',
      escalated: true,
      raisedBy: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    });
    const done = await act({ action: 'record_outcome', note: 'Thủ tướng đồng ý bố trí vốn ngân sách trung ương' });
    expect(done.statusCode).toBe(200);
    const detail = done.json();
    expect(detail).toMatchObject({ state: 'resolved', outcomeVi: 'Thủ tướng đồng ý bố trí vốn ngân sách trung ương' });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'triage',
      'schedule',
      'escalate',
      'record_outcome',
    ]);
    expect(detail.events.every((e: { onDate: string; organisation: unknown }) => e.onDate && e.organisation)).toBe(
      true,
    );
    // The raiser is told of every step.
    expect(
      await count(
        `select count(*)::int as n from reporting_notifications where link = '/councils/bottlenecks/${b.id}' and organisation_id = (select id from organisations where code = 'UBND-20')`,
      ),
    ).toBe(4);
    const material = (
      await get(`/api/v1/council-bottlenecks/report-material?from=${Y}-01-01&to=${Y}-12-31`, 'viewer')
    ).json();
    expect(material.resolved.find((x: { id: number }) => x.id === b.id)).toMatchObject({
      escalated: true,
      outcomeVi: 'Thủ tướng đồng ý bố trí vốn ngân sách trung ương',
    });
    expect(material.open.some((x: { id: number }) => x.id === b.id)).toBe(false);
    expect(material.source).toContain(`31/12/${Y}`);
  }, 60_000);

  it('reads the demo year as drafting material: five NMM bottlenecks, one escalated and still open', async () => {
    const m = await listBottlenecksForReport(t.database.db, { from: '2025-01-01', to: '2025-12-31' });
    expect(m.resolved).toHaveLength(0);
    // as it stood on 31/12/2025: on the agenda of the 2025 meeting, resolved only in February 2026
    expect(m.open.find((x) => x.projectCode === 'RD1-05')).toMatchObject({
      state: 'on_agenda',
      outcomeVi: null,
      closedOn: null,
    });
    const y = await listBottlenecksForReport(t.database.db, { from: '2026-01-01', to: '2026-12-31' });
    const demo = [...y.open, ...y.resolved].filter((x) => x.isDemo);
    expect(demo).toHaveLength(5);
    expect(demo.filter((x) => x.escalated).map((x) => x.projectCode)).toEqual(['AIR-02']);
    expect(y.resolved.filter((x) => x.isDemo).map((x) => x.projectCode)).toEqual(['RD1-05']);
    expect(
      problemOf(await get('/api/v1/council-bottlenecks/report-material?from=2026-12-31&to=2026-01-01')).status,
    ).toBe(400);
  });
});

describe(`the review of a year and the dashboard on ${TEST_ENGINE}`, () => {
  it('answers for the demo NMM council which 2025 conclusions were carried out, by whom, and what is blocked', async () => {
    const r = (await get(`/api/v1/councils/${NMM}/review?year=2025`, 'council.nmm')).json();
    expect(r.lineage).toEqual([NMM, 'hddp-2023-nmm']);
    expect(r.meetings.map((m: { noticeNumber: string }) => m.noticeNumber)).toEqual(['186/TB-BTC']);
    expect(r.totals).toEqual({
      conclusions: 6,
      followUps: 7,
      done: 3,
      doneOnTime: 2,
      open: 3,
      overdue: 2,
      cancelled: 1,
    });
    const state = (code: string) =>
      r.conclusions
        .flatMap((c: { followUps: { assignee: { code: string }; state: string }[] }) => c.followUps)
        .filter((f: { assignee: { code: string } }) => f.assignee.code === code)
        .map((f: { state: string }) => f.state);
    expect(state('UBND-04')).toEqual(['done']);
    expect(state('BXD')).toEqual(['done']);
    expect(state('BNNMT')).toEqual(['in_progress']);
    expect(state('UBND-11')).toEqual(['returned']);
    expect(state('UBND-20')).toEqual(['reported']);
    expect(r.blocked.map((b: { projectCode: string }) => b.projectCode).sort()).toEqual([
      'AIR-02',
      'BGEZ-03',
      'RD2-01',
      'RD2-02',
    ]);
    const rrd = (await get('/api/v1/councils/hddp-2025-rrd/review?year=2025', 'council.rrd')).json();
    expect(rrd.totals).toMatchObject({ conclusions: 3, done: 2, doneOnTime: 2, overdue: 1 });
  });

  it('gives the secretariat its region: late projects, follow-ups, bottlenecks, indicators with sources, next meeting', async () => {
    const d = (await get(`/api/v1/councils/${NMM}/dashboard`, 'council.nmm')).json();
    // the demo's meeting of 18/12/2026, or (later) one the tests scheduled: the first scheduled one from today
    expect(d.nextMeeting.status).toBe('scheduled');
    expect(d.nextMeeting.heldOn >= todayVn()).toBe(true);
    expect(d.lateProjects.length).toBeGreaterThan(0);
    expect(d.followUps.overdue).toBeGreaterThanOrEqual(2);
    expect(d.openBottlenecks.length).toBeGreaterThanOrEqual(4);
    const pop = d.indicators.find((i: { code: string }) => i.code === 'population');
    expect(pop.value).toBeGreaterThan(10_000_000);
    expect(pop.source).not.toBe('');
  });
});

describe(`agreements, linkages and the scorecard functions on ${TEST_ENGINE}`, () => {
  it('records an agreement in the geography of its date and shows its parties today', async () => {
    const bad = problemOf(
      await api.call('admin.mof', 'POST', '/api/v1/cooperation-agreements', {
        titleVi: 'T',
        signedOn: '2026-01-05',
        provinceCodes: ['20', '02'],
      }),
    );
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ path: 'body.provinceCodes.1' }] } });
    const old = await api.call('admin.mof', 'POST', '/api/v1/cooperation-agreements', {
      titleVi: 'Hợp tác Lạng Sơn - Bắc Kạn',
      signedOn: '2024-03-01',
      validUntil: '2027-12-31',
      provinceCodes: ['20', '06'],
      fields: ['logistics'],
      status: 'implementing',
    });
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json().parties).toEqual([
      { code: '06', nameVi: 'Bắc Kạn', todayCode: '19', todayNameVi: 'Thái Nguyên' },
      { code: '20', nameVi: 'Lạng Sơn', todayCode: '20', todayNameVi: 'Lạng Sơn' },
    ]);
    const a = old.json();
    expect(
      (await api.call('reporter.langson', 'PATCH', `/api/v1/cooperation-agreements/${a.id}`, { status: 'completed' }))
        .statusCode,
    ).toBe(428);
    const upd = await api.call(
      'reporter.langson',
      'PATCH',
      `/api/v1/cooperation-agreements/${a.id}`,
      { status: 'completed' },
      { 'if-match': `"cooperation-agreement-${a.id}-v${a.version}"` },
    );
    expect(upd.json()).toMatchObject({ status: 'completed', validUntil: todayVn() });
    const csv = await get('/api/v1/cooperation-agreements?region=NMM&format=csv', 'anonymous');
    expect(csv.body).toContain('Bắc Kạn (nay Thái Nguyên)');
  });

  it('draws the linkage network of a region, with follow-ups for members only', async () => {
    const pub = (await get('/api/v1/linkages?region=NMM', 'anonymous')).json();
    const member = (await get('/api/v1/linkages?region=NMM', 'reporter.langson')).json();
    expect(pub.includesFollowUps).toBe(false);
    expect(member.includesFollowUps).toBe(true);
    expect(pub.edges.every((e: { followUps: unknown[] }) => e.followUps.length === 0)).toBe(true);
    const edge = (r: typeof pub, a: string, b: string) =>
      r.edges.find((e: { a: string; b: string }) => e.a === a && e.b === b);
    expect(edge(pub, '04', '20').agreements.length).toBeGreaterThan(0);
    expect(edge(member, '04', '20').followUps.length).toBeGreaterThan(0);
    expect(edge(pub, '11', '14').agreements.length).toBe(2);
    const prov = (await get('/api/v1/linkages?province=20', 'anonymous')).json();
    expect(prov.scope).toMatchObject({ kind: 'province', code: '20' });
    expect(prov.edges.every((e: { a: string; b: string }) => e.a === '20' || e.b === '20')).toBe(true);
    expect(problemOf(await get('/api/v1/linkages', 'anonymous')).status).toBe(400);
  });

  it('exports per-province follow-up counts and agreements in force for the linkage scorecard', async () => {
    const stats = await followUpStatsByProvince(t.database.db, 2026, '2026-12-06');
    const ls = stats.find((s) => s.provinceCode === '04');
    expect(ls).toMatchObject({ provinceCode: '04', assigned: 1, done: 1, doneOnTime: 1, overdue: 0 });
    const dienBien = stats.find((s) => s.provinceCode === '11');
    expect(dienBien).toMatchObject({ assigned: 1, done: 0, overdue: 1, open: 1 });
    const hanoi = stats.find((s) => s.provinceCode === '01');
    expect(hanoi).toMatchObject({ assigned: 1, overdue: 1 });
    const inForce = await agreementsInForce(t.database.db, '2026-06-01');
    expect(inForce.filter((a) => a.isDemo).map((a) => a.signedOn)).toEqual([
      '2025-09-12',
      '2025-11-20',
      '2026-03-15',
      '2026-05-05',
    ]);
    const before = await agreementsInForce(t.database.db, '2025-01-01');
    expect(before.filter((a) => a.isDemo).map((a) => a.signedOn)).toEqual(['2024-04-10']);
  });
});

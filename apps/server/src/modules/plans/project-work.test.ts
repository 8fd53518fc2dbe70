import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { multipartFile, TINY_PDF } from './test-support';

let t: TestApp;
let admin: string;
let langson: string;
let bxd: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  langson = await t.login('reporter.langson');
  bxd = await t.login('reporter.bxd');
});
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const req = (method: string, url: string, cookie: string | null, payload?: unknown, headers: Headers = {}) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const digest = async (table: string) =>
  (
    await t.database.query<{ d: string | null; n: number }>(
      `select md5(string_agg(x::text, '|' order by x.id)) as d, count(*)::int as n from ${table} x`,
    )
  )[0];

describe(`funding lines on ${TEST_ENGINE}`, () => {
  it('a located province adds a line; the response carries an ETag; the registry totals include it', async () => {
    const before = (await req('GET', '/api/v1/projects/RD1-01', null)).json().funding.planned;
    const res = await req('POST', '/api/v1/projects/RD1-01/funding-lines', langson, {
      source: 'local_budget',
      year: 2026,
      planned: 125_000.5,
      allocated: 100_000,
      disbursed: 20_000,
      note: '  Ghi chú\u200b  ',
    });
    expect(res.statusCode).toBe(201);
    const line = res.json();
    expect(res.headers.etag).toBe(`"funding-line-${line.id}-v1"`);
    expect(line).toMatchObject({
      source: 'local_budget',
      year: 2026,
      planned: 125_000.5,
      note: 'Ghi chú',
      isDemo: false,
    });
    const after = (await req('GET', '/api/v1/projects/RD1-01', null)).json().funding.planned;
    expect(after).toBeCloseTo(before + 125_000.5, 6);
  });

  it('refuses disbursed above allocated without an explanation, and writes nothing', async () => {
    const d0 = await digest('funding_lines');
    const res = await req('POST', '/api/v1/projects/RD1-01/funding-lines', langson, {
      source: 'central_budget',
      year: 2027,
      planned: 100,
      allocated: 50,
      disbursed: 60,
    });
    const p = problemOf(res);
    expect(p.status).toBe(400);
    expect(p.body.errors[0].path).toBe('body.disbursed');
    expect(p.body.detailVi).toContain('vượt số vốn được giao');
    expect(await digest('funding_lines')).toEqual(d0);
    const ok = await req('POST', '/api/v1/projects/RD1-01/funding-lines', langson, {
      source: 'central_budget',
      year: 2027,
      planned: 100,
      allocated: 50,
      disbursed: 60,
      overDisbursementNote: 'Tạm ứng theo Quyết định số 12/QĐ-UBND',
    });
    expect(ok.statusCode).toBe(201);
  });

  it('validates types, ranges and unknown fields with field paths', async () => {
    for (const [body, path] of [
      [{ source: 'bank', year: 2025, planned: 1 }, 'body.source'],
      [{ source: 'oda', year: 1999, planned: 1 }, 'body.year'],
      [{ source: 'oda', year: 2025, planned: -5 }, 'body.planned'],
      [{ source: 'oda', year: 2025, planned: '1.000' }, 'body.planned'],
      [{ source: 'oda', year: 2025, planned: 1, isDemo: true }, 'body'],
      [{ source: 'oda', year: 2025, planned: 1e13 }, 'body.planned'],
    ] as const) {
      const p = problemOf(await req('POST', '/api/v1/projects/RD1-01/funding-lines', langson, body));
      expect(p.status, JSON.stringify(body)).toBe(400);
      expect(p.body.errors.map((e: { path: string }) => e.path).join(' '), JSON.stringify(body)).toContain(path);
    }
  });

  it('one line per source and year: a duplicate is a 409', async () => {
    const body = { source: 'other', year: 2025, planned: 10 };
    expect((await req('POST', '/api/v1/projects/RD1-01/funding-lines', admin, body)).statusCode).toBe(201);
    const p = problemOf(await req('POST', '/api/v1/projects/RD1-01/funding-lines', admin, body));
    expect(p.status).toBe(409);
    expect(p.body.code).toBe('funding_line_exists');
  });

  it('edits need If-Match: 428 without, 412 when stale, and two parallel edits give one 200 and one 412', async () => {
    const created = await req('POST', '/api/v1/projects/RD2-01/funding-lines', langson, {
      source: 'oda',
      year: 2026,
      planned: 1000,
    });
    const id = created.json().id as number;
    const etag = created.headers.etag as string;
    expect(problemOf(await req('PATCH', `/api/v1/funding-lines/${id}`, langson, { allocated: 10 })).status).toBe(428);
    const [a, b] = await Promise.all([
      req('PATCH', `/api/v1/funding-lines/${id}`, langson, { allocated: 500 }, { 'if-match': etag }),
      req('PATCH', `/api/v1/funding-lines/${id}`, bxd, { allocated: 700 }, { 'if-match': etag }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 412]);
    const winner = a.statusCode === 200 ? 500 : 700;
    const now = await req('GET', `/api/v1/funding-lines/${id}`, null);
    expect(now.json().allocated).toBe(winner);
    expect(now.headers.etag).toBe(`"funding-line-${id}-v2"`);
    const stale = problemOf(
      await req('PATCH', `/api/v1/funding-lines/${id}`, langson, { allocated: 1 }, { 'if-match': etag }),
    );
    expect(stale.status).toBe(412);
    expect(stale.body.detailVi).toContain('người khác thay đổi');
    // The whole line is checked again after a patch: lowering allocated below disbursed needs an explanation.
    const d = await req(
      'PATCH',
      `/api/v1/funding-lines/${id}`,
      langson,
      { disbursed: 400 },
      { 'if-match': `"funding-line-${id}-v2"` },
    );
    expect(d.statusCode, d.body).toBe(200);
    const p = problemOf(
      await req(
        'PATCH',
        `/api/v1/funding-lines/${id}`,
        langson,
        { allocated: 100 },
        { 'if-match': `"funding-line-${id}-v3"` },
      ),
    );
    expect(p.status).toBe(400);
    expect(p.body.errors[0].path).toBe('body.disbursed');
    const del = await req('DELETE', `/api/v1/funding-lines/${id}`, langson, undefined, {
      'if-match': `"funding-line-${id}-v3"`,
    });
    expect(del.statusCode).toBe(204);
    expect((await req('GET', `/api/v1/funding-lines/${id}`, null)).statusCode).toBe(404);
  });

  it('the database itself refuses an unexplained over-disbursement', async () => {
    await expect(
      t.database.query(
        `insert into funding_lines (project_id, source, year, planned, allocated, disbursed) select id, 'oda', 2030, 1, 1, 2 from projects where code = 'RD1-01'`,
      ),
    ).rejects.toThrow();
  });
});

describe(`milestones on ${TEST_ENGINE}`, () => {
  it('adds a milestone, marks it late, then done late when the actual date is recorded', async () => {
    const res = await req('POST', '/api/v1/projects/RD2-01/milestones', langson, {
      nameVi: 'Hoàn thành cầu vượt Km12',
      plannedDate: '2025-01-31',
      note: 'Theo hợp đồng XL-03',
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m.state).toBe('late');
    const upd = await req(
      'PATCH',
      `/api/v1/milestones/${m.id}`,
      langson,
      { actualDate: '2025-03-02' },
      { 'if-match': res.headers.etag as string },
    );
    expect(upd.statusCode).toBe(200);
    // Fields not sent in the PATCH keep their values.
    expect(upd.json()).toMatchObject({ state: 'done_late', daysLate: 30, note: 'Theo hợp đồng XL-03' });
    const bad = problemOf(
      await req('POST', '/api/v1/projects/RD2-01/milestones', langson, { nameVi: 'X', plannedDate: '2025-02-30' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.plannedDate');
  });
});

describe(`progress updates and evidence on ${TEST_ENGINE}`, () => {
  it('a province posts a draft, attaches a PDF, publishes it; the project status follows', async () => {
    const nfd = 'Đã hoàn thành giải phóng mặt bằng'.normalize('NFD');
    const res = await req('POST', '/api/v1/projects/CORR-01/progress-updates', langson, {
      asOf: '2026-10-31',
      status: 'under_way',
      percent: 20,
      narrative: `${nfd} <script>alert(1)</script>`,
    });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u.state).toBe('draft');
    expect(u.organisation.code).toBe('UBND-20');
    expect(u.narrative.startsWith('Đã hoàn thành giải phóng mặt bằng'.normalize('NFC'))).toBe(true);
    expect(u.narrative).toContain('<script>'); // stored as text; the UI renders it as text
    // Drafts are invisible to the public, by list and by id.
    const pub = (await req('GET', '/api/v1/projects/CORR-01/progress-updates', null)).json().items;
    expect(pub.map((x: { id: number }) => x.id)).not.toContain(u.id);

    const up = multipartFile('Biên bản bàn giao.pdf', TINY_PDF, 'application/pdf');
    const ev = await t.app.inject({
      method: 'POST',
      url: `/api/v1/progress-updates/${u.id}/evidence`,
      headers: { cookie: langson, ...up.headers },
      payload: up.payload,
    });
    expect(ev.statusCode).toBe(201);
    const evidence = ev.json();
    expect(evidence).toMatchObject({
      fileName: 'Biên bản bàn giao.pdf',
      contentType: 'application/pdf',
      size: TINY_PDF.length,
    });
    expect((await req('GET', `/api/v1/evidence/${evidence.id}`, null)).statusCode).toBe(404);
    const own = await req('GET', `/api/v1/evidence/${evidence.id}`, langson);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(TINY_PDF)).toBe(true);
    expect(own.headers['content-disposition']).toContain("filename*=UTF-8''Bi%C3%AAn");

    const cur = (await req('GET', '/api/v1/projects/CORR-01/progress-updates', langson))
      .json()
      .items.find((x: { id: number }) => x.id === u.id);
    const pubd = await req('POST', `/api/v1/progress-updates/${u.id}/publish`, langson, undefined, {
      'if-match': `"progress-update-${u.id}-v${cur.version}"`,
    });
    expect(pubd.statusCode).toBe(200);
    expect(pubd.json().state).toBe('published');
    expect((await req('GET', '/api/v1/projects/CORR-01', null)).json().status).toBe('under_way');
    expect((await req('GET', `/api/v1/evidence/${evidence.id}`, null)).statusCode).toBe(200);
    // Published updates are history: no edit, no new evidence.
    const edit = problemOf(
      await req(
        'PATCH',
        `/api/v1/progress-updates/${u.id}`,
        langson,
        { percent: 30 },
        { 'if-match': pubd.headers.etag as string },
      ),
    );
    expect(edit.status).toBe(409);
  });

  it('refuses disguised, empty and oversized evidence files', async () => {
    const draft = (
      await req('POST', '/api/v1/projects/CORR-01/progress-updates', langson, {
        asOf: '2026-11-01',
        status: 'under_way',
        narrative: 'Bản nháp',
      })
    ).json();
    const send = (name: string, data: Buffer) => {
      const up = multipartFile(name, data);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/progress-updates/${draft.id}/evidence`,
        headers: { cookie: langson, ...up.headers },
        payload: up.payload,
      });
    };
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64)]);
    expect(problemOf(await send('bao-cao.pdf', exe)).status).toBe(415);
    expect(problemOf(await send('anh.png', TINY_PDF)).status).toBe(415);
    expect(problemOf(await send('script.js', Buffer.from('alert(1)'))).status).toBe(415);
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect(problemOf(await send('lon.pdf', big)).status).toBe(413);
    const notMultipart = await req('POST', `/api/v1/progress-updates/${draft.id}/evidence`, langson, { file: 'x' });
    expect(problemOf(notMultipart).status).toBe(415);
    expect(
      (await req('GET', '/api/v1/projects/CORR-01/progress-updates', langson))
        .json()
        .items.find((x: { id: number }) => x.id === draft.id).evidence,
    ).toEqual([]);
  });

  it('refuses a report dated in the future', async () => {
    const p = problemOf(
      await req('POST', '/api/v1/projects/CORR-01/progress-updates', langson, {
        asOf: '2099-01-01',
        status: 'under_way',
        narrative: 'x',
      }),
    );
    expect(p.status).toBe(400);
    expect(p.body.errors[0].path).toBe('body.asOf');
  });
});

describe(`results framework on ${TEST_ENGINE}`, () => {
  it('revises a target with a reason and keeps the old one; the database refuses to overwrite history', async () => {
    const created = await req('POST', '/api/v1/plans/ip-nmm-2021-2030/indicators', admin, {
      code: 'NMM-URBAN',
      nameVi: 'Tỷ lệ đô thị hóa',
      nameEn: 'Urbanisation rate',
      unit: '%',
      scopeCode: 'NMM',
      baselineValue: 20,
      baselineYear: 2020,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    let etag = created.headers.etag as string;
    const add = await req(
      'POST',
      `/api/v1/plan-indicators/${id}/targets`,
      admin,
      { kind: 'end', year: 2030, value: 30 },
      { 'if-match': etag },
    );
    expect(add.statusCode).toBe(201);
    etag = add.headers.etag as string;
    const noReason = problemOf(
      await req(
        'POST',
        `/api/v1/plan-indicators/${id}/targets`,
        admin,
        { kind: 'end', year: 2030, value: 28 },
        { 'if-match': etag },
      ),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const rev = await req(
      'POST',
      `/api/v1/plan-indicators/${id}/targets`,
      admin,
      { kind: 'end', year: 2030, value: 28, reason: 'Điều chỉnh theo Nghị quyết 306/NQ-CP' },
      { 'if-match': etag },
    );
    expect(rev.statusCode).toBe(201);
    const ind = rev.json();
    expect(ind.targets).toEqual([expect.objectContaining({ value: 28, revision: 2, current: true })]);
    expect(ind.history.map((h: { value: number; current: boolean }) => [h.value, h.current])).toEqual([
      [30, false],
      [28, true],
    ]);
    // The stale ETag from before the revision is refused.
    expect(
      (
        await req(
          'POST',
          `/api/v1/plan-indicators/${id}/targets`,
          admin,
          { kind: 'end', year: 2030, value: 1, reason: 'x' },
          { 'if-match': etag },
        )
      ).statusCode,
    ).toBe(412);
    await expect(t.database.query(`update rf_targets set value = 1 where indicator_id = ${id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query(`delete from rf_targets where indicator_id = ${id}`)).rejects.toThrow(/append-only/);
    // A reported actual makes the status computable, with the rule's explanation.
    const act = await req('POST', `/api/v1/plan-indicators/${id}/actuals`, admin, {
      year: 2025,
      value: 21,
      sourceText: 'Báo cáo của Bộ Xây dựng',
    });
    expect(act.statusCode).toBe(201);
    expect(act.json().assessment).toMatchObject({ status: 'off_track', targetYear: 2030 });
    expect(act.json().assessment.explanationVi).toContain('Kỳ vọng năm 2025');
  });

  it('the demo framework shows each status and takes GRDP per capita from the statistics database', async () => {
    const items = (await req('GET', '/api/v1/plans/rp-nmm-2021-2030/results-framework', null)).json().items as {
      code: string;
      assessment: { status: string };
      actual: { origin: string } | null;
      actualNote: { vi: string } | null;
      isDemo: boolean;
    }[];
    const by = Object.fromEntries(items.map((i) => [i.code, i]));
    expect(by['DEMO-EXPRESSWAY-KM'].assessment.status).toBe('on_track');
    expect(by['DEMO-POVERTY'].assessment.status).toBe('at_risk');
    expect(by['DEMO-PI-DISBURSEMENT'].assessment.status).toBe('off_track');
    expect(by['DEMO-GRDP-PC'].actual?.origin).toBe('statistics');
    expect(by['DEMO-GRDP-PC'].actualNote).toBeNull();
    expect(by['NMM-BGEZ-SYSTEM'].isDemo).toBe(false);
    expect(by['DEMO-POVERTY'].isDemo).toBe(true);
  });
});

describe(`projects administration on ${TEST_ENGINE}`, () => {
  const base = {
    code: 'TEST-LINK-01',
    planCode: 'ip-nmm-2021-2030',
    taskGroupCode: 'II.1.a',
    nameVi: 'Đường kết nối Cao Bằng - Lạng Sơn (thử nghiệm)',
    nameEn: 'Cao Bằng - Lạng Sơn link (test)',
    sector: 'road',
    geometry: 'line',
  };

  it('creates a project with roles and cost shares; the flag is computed; a duplicate code is a 409 even in parallel', async () => {
    const body = {
      ...base,
      provinces: [
        { code: '04', vintage: '2025-07-01', role: 'located', costShare: 60 },
        { code: '20', vintage: '2025-07-01', role: 'affected', costShare: null },
      ],
    };
    const [a, b] = await Promise.all([
      req('POST', '/api/v1/projects', admin, body),
      req('POST', '/api/v1/projects', admin, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const p = (a.statusCode === 201 ? a : b).json();
    expect(p.interProvincial).toBe(true);
    expect(
      p.provinces.map((x: { code: string; role: string; costShare: number | null }) => [x.code, x.role, x.costShare]),
    ).toEqual([
      ['04', 'located', 60],
      ['20', 'affected', null],
    ]);
  });

  it('refuses bad provinces and shares with the field path, and stale edits with 412', async () => {
    const over = problemOf(
      await req('POST', '/api/v1/projects', admin, {
        ...base,
        code: 'TEST-LINK-02',
        provinces: [
          { code: '04', vintage: '2025-07-01', role: 'located', costShare: 70 },
          { code: '20', vintage: '2025-07-01', role: 'located', costShare: 40 },
        ],
      }),
    );
    expect(over.status).toBe(400);
    expect(over.body.errors[0].path).toBe('body.provinces');
    const oldCode = problemOf(
      await req('POST', '/api/v1/projects', admin, {
        ...base,
        code: 'TEST-LINK-03',
        provinces: [{ code: '02', vintage: '2025-07-01', role: 'located' }],
      }),
    );
    expect(oldCode.status).toBe(400);
    expect(oldCode.body.errors[0].path).toBe('body.provinces.0.code');
    const cur = await req('GET', '/api/v1/projects/TEST-LINK-01', null);
    const ok = await req(
      'PATCH',
      '/api/v1/projects/TEST-LINK-01',
      admin,
      { provinces: [{ code: '04', vintage: '2025-07-01', role: 'located', costShare: 100 }] },
      { 'if-match': cur.headers.etag as string },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().interProvincial).toBe(false);
    const stale = await req(
      'PATCH',
      '/api/v1/projects/TEST-LINK-01',
      admin,
      { nameEn: 'x' },
      { 'if-match': cur.headers.etag as string },
    );
    expect(stale.statusCode).toBe(412);
    expect((await req('PATCH', '/api/v1/projects/TEST-LINK-01', admin, { nameEn: 'x' })).statusCode).toBe(428);
  });
});

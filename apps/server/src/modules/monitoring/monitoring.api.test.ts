import type { DuplicatesResponse, Scorecard, ScorecardRecords, ScorecardYears } from '@regionlink/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { todayVn } from '../geo/geo.service';

let t: TestApp;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['admin.mof', 'reporter.langson', 'council.nmm', 'viewer']) c[u] = await t.login(u);
}, 120_000);
afterAll(async () => t.close());

const get = (url: string, user?: string) =>
  t.app.inject({ method: 'GET', url, headers: user ? { cookie: c[user] } : {} });
const post = (url: string, payload: unknown, user?: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...(user ? { cookie: c[user] } : {}), ...headers },
  });

describe('the linkage scorecard', () => {
  it('ranks the 34 provinces of 2024 with rank intervals containing each rank, and the method beside it', async () => {
    const res = await get('/api/v1/monitoring/scorecard?year=2024');
    expect(res.statusCode).toBe(200);
    const card = res.json() as Scorecard;
    expect(card.provinces).toHaveLength(34);
    expect(card.components.map((x) => x.code)).toEqual([
      'reporting',
      'tasks',
      'projects',
      'disbursement',
      'follow_ups',
      'agreements',
      'outcomes',
    ]);
    expect(card.published).toBeNull();
    expect(card.methodVersion).toBe('1.0');
    expect(card.variants).toBeGreaterThan(10);
    const ranked = card.provinces.filter((p) => p.rank !== null);
    expect(ranked.length).toBeGreaterThan(10);
    // Not ranked = data on components carrying under half the weight (the missing-data rule).
    for (const p of card.provinces) expect(p.rank === null).toBe(p.coverage < card.minWeightShare);
    // Only the NMM plan's projects are in the registry: Huế's participation is unknown, not 0; Hà Nội's NMM
    // corridors count.
    expect(card.provinces.find((p) => p.code === '46')!.values.projects).toBeNull();
    expect(card.provinces.find((p) => p.code === '01')!.values.projects).toBeGreaterThan(0);
    for (const p of ranked) {
      expect(p.best!).toBeLessThanOrEqual(p.rank!);
      expect(p.worst!).toBeGreaterThanOrEqual(p.rank!);
    }
    // Lạng Sơn's 2024 report is a draft (demo cycle): it had to report, so reporting counts 0, not missing.
    const ls = card.provinces.find((p) => p.code === '20')!;
    expect(ls.values.reporting).toBe(0);
    expect(ls.values.projects).toBeGreaterThan(0);
    // Cao Bằng's report was accepted on time: full reporting points.
    expect(card.provinces.find((p) => p.code === '04')!.values.reporting).toBe(100);
    expect(card.methodVi).toContain('OECD/JRC');
  });

  it('takes weights and normalisation from the URL; bad ones are a 400 naming the field', async () => {
    const eq = (await get('/api/v1/monitoring/scorecard?year=2024')).json() as Scorecard;
    const w = (
      await get('/api/v1/monitoring/scorecard?year=2024&weights=outcomes:5,projects:0&normalisation=zscore')
    ).json() as Scorecard;
    expect(w.weights.outcomes).toBe(5);
    expect(w.weights.projects).toBe(0);
    expect(w.normalisation).toBe('zscore');
    const top = (x: Scorecard) => x.provinces.find((p) => p.rank === 1)!.code;
    expect(top(w)).not.toBe(top(eq));
    const bad = problemOf(await get('/api/v1/monitoring/scorecard?year=2024&weights=nonsense:1'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('weights');
    const zero = problemOf(
      await get(
        '/api/v1/monitoring/scorecard?year=2024&weights=reporting:0,tasks:0,projects:0,disbursement:0,follow_ups:0,agreements:0,outcomes:0',
      ),
    );
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].path).toBe('query.weights');
  });

  it('offers the years it has data for, newest first and no later than this year, and shows the newest by default', async () => {
    const years = async () => (await get('/api/v1/monitoring/scorecard/years')).json() as ScorecardYears;
    const before = await years();
    expect(before.years).toEqual([...before.years].sort((a, b) => b - a));
    expect(before.years).toEqual(expect.arrayContaining([2025, 2024]));
    expect(before.defaultYear).toBe(before.years[0]);
    const thisYear = Number(todayVn().slice(0, 4));
    for (const y of before.years) expect(y).toBeLessThanOrEqual(thisYear);
    expect(before.years).not.toContain(2019);
    // money allocated to a project in 2019 is data of 2019: the year is offered; a planned amount alone is not
    const [p] = await t.database.query<{ id: number }>("select id from projects where code = 'RD1-01'");
    await t.database.query(
      "insert into funding_lines (project_id, source, year, planned) values ($1, 'local_budget', 2018, 1000)",
      [p.id],
    );
    expect((await years()).years).not.toContain(2018);
    await t.database.query(
      "insert into funding_lines (project_id, source, year, planned, allocated) values ($1, 'local_budget', 2019, 1000, 800)",
      [p.id],
    );
    const after = await years();
    expect(after.years).toEqual([...before.years, 2019].sort((a, b) => b - a));
    expect(after.defaultYear).toBe(before.defaultYear);
  });

  it("a province's underlying records, for signed-in users", async () => {
    expect((await get('/api/v1/monitoring/scorecard/20/records?year=2024')).statusCode).toBe(401);
    const res = await get('/api/v1/monitoring/scorecard/20/records?year=2024', 'viewer');
    expect(res.statusCode).toBe(200);
    const r = res.json() as ScorecardRecords;
    expect(r.reporting[0]).toMatchObject({ state: 'draft', points: 0 });
    expect(r.projects.map((p) => p.projectCode)).toContain('CORR-01');
    expect((await get('/api/v1/monitoring/scorecard/99/records?year=2024', 'viewer')).statusCode).toBe(404);
  });

  it('publishing freezes a year: later changes show only when asked for live figures, republishing needs a reason', async () => {
    expect(
      (await post('/api/v1/monitoring/scorecard/publications', { year: 2024 }, 'reporter.langson')).statusCode,
    ).toBe(403);
    const pub = await post('/api/v1/monitoring/scorecard/publications', { year: 2024 }, 'admin.mof');
    expect(pub.statusCode).toBe(201);
    expect(pub.json()).toMatchObject({ edition: 1, methodVersion: '1.0' });
    // Lạng Sơn submits its 2024 report after publication.
    await t.database.query(
      "update submissions set state = 'submitted', first_submitted_at = '2024-12-01T02:00:00Z' where id = (select s.id from submissions s join reporting_cycles c on c.id = s.cycle_id join organisations o on o.id = s.organisation_id where c.year = 2024 and o.province_code = '20')",
    );
    const frozen = (await get('/api/v1/monitoring/scorecard?year=2024')).json() as Scorecard;
    expect(frozen.published).toMatchObject({ edition: 1 });
    expect(frozen.provinces.find((p) => p.code === '20')!.values.reporting).toBe(0);
    const live = (await get('/api/v1/monitoring/scorecard?year=2024&live=1')).json() as Scorecard;
    expect(live.published).toBeNull();
    expect(live.provinces.find((p) => p.code === '20')!.values.reporting).toBe(100);
    const again = problemOf(await post('/api/v1/monitoring/scorecard/publications', { year: 2024 }, 'admin.mof'));
    expect(again.status).toBe(400);
    expect(again.body.errors[0].path).toBe('body.reason');
    const second = await post(
      '/api/v1/monitoring/scorecard/publications',
      { year: 2024, reason: 'Lạng Sơn gửi báo cáo sau khi công bố.' },
      'admin.mof',
    );
    expect(second.json()).toMatchObject({ edition: 2 });
    const now = (await get('/api/v1/monitoring/scorecard?year=2024')).json() as Scorecard;
    expect(now.editions.map((e) => e.edition)).toEqual([2, 1]);
    expect(now.provinces.find((p) => p.code === '20')!.values.reporting).toBe(100);
  });

  it('downloads as CSV and XLSX', async () => {
    const csv = await get('/api/v1/monitoring/scorecard.csv?year=2024');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Hạng tốt nhất');
    expect(csv.body.split('\r\n').length).toBeGreaterThan(34);
    const x = await get('/api/v1/monitoring/scorecard.xlsx?year=2024');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng điểm 2024', 'Phương pháp']);
  });
});

describe('candidate duplicated investments', () => {
  it('finds the airports of Sơn La and Lai Châu in the NMM registry, with the evidence and the rules', async () => {
    const res = await get('/api/v1/monitoring/duplicates?region=NMM');
    expect(res.statusCode).toBe(200);
    const d = res.json() as DuplicatesResponse;
    const pairs = d.groups.flatMap((g) => g.pairs);
    const air = pairs.find((p) => p.key === 'AIR-03+AIR-04')!;
    expect(air).toMatchObject({ adjacent: true, overlapFrom: 2026, overlapTo: 2030, dismissal: null });
    const g = d.groups.find((x) => x.pairs.includes(air))!;
    expect(g.projects.map((p) => p.provinces[0].code)).toEqual(['14', '12']);
    // Every pair: same sector and type, no province in common, neighbours.
    for (const grp of d.groups)
      for (const p of grp.pairs) {
        const a = grp.projects.find((x) => x.code === p.a)!;
        const b = grp.projects.find((x) => x.code === p.b)!;
        expect([a.sector, a.type]).toEqual([b.sector, b.type]);
        expect(a.provinces.some((x) => b.provinces.some((y) => y.code === x.code))).toBe(false);
        expect(p.adjacent).toBe(true);
      }
    expect(d.rulesVi.length).toBeGreaterThan(3);
    // Sa Pa (Lào Cai) and Điện Biên airports are not neighbours; within 300 km they are a pair.
    expect(pairs.some((p) => p.key === 'AIR-01+AIR-02')).toBe(false);
    const far = (await get('/api/v1/monitoring/duplicates?region=NMM&withinKm=300')).json() as DuplicatesResponse;
    expect(far.groups.flatMap((x) => x.pairs).find((p) => p.key === 'AIR-01+AIR-02')).toMatchObject({
      adjacent: false,
    });
    expect((await get('/api/v1/monitoring/duplicates?withinKm=5000')).statusCode).toBe(400);
  });

  it('the Office dismisses a pair with a reason; kept, audited, reopened with If-Match', async () => {
    const body = { key: 'AIR-03+AIR-04', reason: 'Nà Sản phục vụ Sơn La, Lai Châu phục vụ vùng biên giới.' };
    expect((await post('/api/v1/monitoring/duplicate-dismissals', body)).statusCode).toBe(401);
    expect((await post('/api/v1/monitoring/duplicate-dismissals', body, 'viewer')).statusCode).toBe(403);
    expect((await post('/api/v1/monitoring/duplicate-dismissals', body, 'reporter.langson')).statusCode).toBe(403);
    expect(
      (await post('/api/v1/monitoring/duplicate-dismissals', { ...body, key: 'AIR-01+RAIL-01' }, 'admin.mof'))
        .statusCode,
    ).toBe(404);
    const res = await post('/api/v1/monitoring/duplicate-dismissals', body, 'council.nmm');
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ pairKey: 'AIR-03+AIR-04', version: 1, reopenedAt: null });
    expect((await post('/api/v1/monitoring/duplicate-dismissals', body, 'admin.mof')).statusCode).toBe(409);
    const list = (await get('/api/v1/monitoring/duplicates?region=NMM')).json() as DuplicatesResponse;
    const air = list.groups.flatMap((g) => g.pairs).find((p) => p.key === 'AIR-03+AIR-04')!;
    expect(air.dismissal).toMatchObject({ reason: body.reason });
    expect(list.counts.dismissed).toBe(1);
    const audit = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'duplicate_dismissed'",
    );
    expect(audit[0].n).toBe(1);
    const url = `/api/v1/monitoring/duplicate-dismissals/${d.id}/reopen`;
    expect((await post(url, { reason: 'Xem lại.' }, 'admin.mof')).statusCode).toBe(428);
    expect(
      (await post(url, { reason: 'Xem lại.' }, 'admin.mof', { 'if-match': `"duplicate-dismissal-${d.id}-v9"` }))
        .statusCode,
    ).toBe(412);
    const re = await post(url, { reason: 'Xem lại.' }, 'admin.mof', { 'if-match': res.headers.etag as string });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ version: 2, reopenReason: 'Xem lại.' });
    const after = (await get('/api/v1/monitoring/duplicates?region=NMM')).json() as DuplicatesResponse;
    expect(after.groups.flatMap((g) => g.pairs).find((p) => p.key === 'AIR-03+AIR-04')!.dismissal).toBeNull();
    expect(after.history.map((h) => h.id)).toContain(d.id);
  });

  it('open candidates are drafting material for MoF', async () => {
    expect((await get('/api/v1/monitoring/duplicates/report-material')).statusCode).toBe(401);
    expect((await get('/api/v1/monitoring/duplicates/report-material', 'reporter.langson')).statusCode).toBe(403);
    const m = await get('/api/v1/monitoring/duplicates/report-material', 'admin.mof');
    expect(m.statusCode).toBe(200);
    const item = m.json().items.find((i: { key: string }) => i.key === 'AIR-03+AIR-04');
    expect(item.textVi).toContain('giáp ranh');
  });
});

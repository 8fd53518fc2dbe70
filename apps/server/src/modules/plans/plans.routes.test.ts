import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';

let t: TestApp;
let admin: string;
let langson: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  langson = await t.login('reporter.langson');
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
type Item = {
  code: string;
  provinces: { code: string; vintage: string; role: string; today: { code: string } | null }[];
  interProvincial: boolean;
  interProvincialToday: boolean;
  unresolved: { text: string; reason: string }[];
};

describe(`plans API on ${TEST_ENGINE}`, () => {
  it('lists the six regional plans with decisions, and the NMM implementation plan', async () => {
    const res = await get('/api/v1/plans');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      code: string;
      kind: string;
      decisionNo: string;
      regionAtApproval: { code: string; memberCount: number };
      todayRegions: { code: string; formerProvinces: { code: string }[] }[];
      parentCode: string | null;
    }[];
    const regional = items.filter((p) => p.kind === 'regional_plan');
    expect(regional.map((p) => [p.regionAtApproval.code, p.decisionNo])).toEqual([
      ['NMM', '369/QĐ-TTg'],
      ['RRD', '368/QĐ-TTg'],
      ['NCC', '376/QĐ-TTg'],
      ['CH', '377/QĐ-TTg'],
      ['SE', '370/QĐ-TTg'],
      ['MRD', '287/QĐ-TTg'],
    ]);
    const nmm = regional[0];
    expect(nmm.regionAtApproval.memberCount).toBe(14);
    // Bắc Giang (24) went to Bắc Ninh, which is in the Red River Delta since 2025-07-01.
    expect(nmm.todayRegions.map((r) => r.code)).toEqual(['NMM', 'RRD']);
    expect(nmm.todayRegions[1].formerProvinces.map((p) => p.code)).toEqual(['24']);
    const ip = items.find((p) => p.kind === 'implementation_plan');
    expect(ip).toMatchObject({ code: 'ip-nmm-2021-2030', parentCode: 'rp-nmm-2021-2030' });
  });

  it('returns the implementation plan with its task groups and results framework', async () => {
    const res = await get('/api/v1/plans/ip-nmm-2021-2030');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"plan-ip-nmm-2021-2030-v\d+"$/);
    const plan = res.json();
    expect(plan.taskGroups.map((g: { code: string }) => g.code)).toEqual([
      'II.1.a',
      'II.1.b',
      'II.1.c',
      'II.1.d',
      'II.1.đ',
      'II.1.e',
    ]);
    expect(plan.taskGroups.reduce((a: number, g: { projectCount: number }) => a + g.projectCount, 0)).toBe(97);
    const bgez = plan.resultsFramework.find((i: { code: string }) => i.code === 'NMM-BGEZ-SYSTEM');
    expect(bgez.targets).toEqual([expect.objectContaining({ value: 5, year: null, revision: 1, current: true })]);
    expect(bgez.assessment.status).toBe('no_data');
    expect(plan.statusRule.vi).toContain('Đúng tiến độ');
    expect((await get('/api/v1/plans/khong-co')).statusCode).toBe(404);
  });

  it('filters the registry to the Northern Midlands and Mountains of today, by touching one of its provinces', async () => {
    const all = (await get('/api/v1/projects?limit=1000')).json();
    expect(all.total).toBe(97);
    const res = await get('/api/v1/projects?region=NMM&limit=1000');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Item[]; total: number; at: string };
    expect(body.total).toBeGreaterThan(40);
    expect(body.total).toBeLessThan(97);
    const codes = body.items.map((i) => i.code);
    expect(codes).toContain('CORR-01');
    // A project only in the former Bắc Giang is now in Bắc Ninh (Red River Delta).
    expect(codes).not.toContain('WAT-05');
    expect((await get('/api/v1/projects?region=RRD&limit=1000')).json().items.map((i: Item) => i.code)).toContain(
      'WAT-05',
    );
    // Under the 2025-06-30 geography, the same code NMM is the 14-province region and does include Bắc Giang.
    const old = (await get('/api/v1/projects?region=NMM&at=2025-06-30&limit=1000')).json();
    expect(old.items.map((i: Item) => i.code)).toContain('WAT-05');
  });

  it('returns provinces as codes with their vintage and today’s province, and the computed flag', async () => {
    const corr = (await get('/api/v1/projects?q=CORR-01')).json().items[0] as Item;
    expect(corr.provinces.map((p) => [p.code, p.vintage, p.role, p.today?.code])).toEqual([
      ['01', '2025-06-30', 'located', '01'],
      ['24', '2025-06-30', 'located', '24'],
      ['20', '2025-06-30', 'located', '20'],
      ['04', '2025-06-30', 'located', '04'],
    ]);
    expect(corr.interProvincial).toBe(true);
    // Tuyên Quang – Hà Giang is inter-provincial on the plan's map, and lies in one province since 2025-07-01.
    const rd = (await get('/api/v1/projects/RD1-04')).json() as Item;
    expect(rd.provinces.map((p) => p.today?.code)).toEqual(['08', '08']);
    expect([rd.interProvincial, rd.interProvincialToday]).toEqual([true, false]);
    const unres = (await get('/api/v1/projects/RD2-03')).json() as Item;
    expect(unres.provinces).toEqual([]);
    expect(unres.unresolved.map((u) => u.text)).toEqual(['Đèo Hùng', 'Chợ Bến']);
  });

  it('applies every filter and refuses unknown values with a 400 naming the parameter', async () => {
    const q = async (qs: string) =>
      (await get(`/api/v1/projects?limit=1000&${qs}`)).json() as { items: Item[]; total: number };
    expect((await q('sector=aviation')).items.map((i) => i.code)).toEqual(['AIR-01', 'AIR-02', 'AIR-03', 'AIR-04']);
    expect((await q('funding=ppp')).items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['AIR-01', 'AIR-03', 'RD1-01']),
    );
    expect((await q('province=20')).items.every((i) => i.provinces.some((p) => p.today?.code === '20'))).toBe(true);
    expect((await q('province=02&at=2025-06-30')).items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['CORR-05', 'RD1-04', 'BGEZ-01']),
    );
    expect((await q('interProvincial=true')).items.every((i) => i.interProvincial)).toBe(true);
    expect((await q('phase=2026-2030')).items.map((i) => i.code)).toContain('IWT-03'); // 2021–2030 spans both
    expect((await q('status=completed')).items.map((i) => i.code)).toEqual(['RD1-02']);
    expect((await q('plan=rp-nmm-2021-2030')).total).toBe(97);
    expect((await q('taskGroup=II.1.c')).total).toBe(9);
    for (const [qs, field] of [
      ['region=XYZ', 'query.region'],
      ['region=NCC', 'query.region'], // a 63-era code, not a region of today
      ['province=99', 'query.province'],
      ['province=02', 'query.province'], // Hà Giang does not exist in today's geography
      ['sector=roads', 'query.sector'],
      ['phase=2031-2035', 'query.phase'],
      ['status=late', 'query.status'],
      ['funding=bank', 'query.funding'],
      ['interProvincial=yes', 'query.interProvincial'],
      ['plan=nope', 'query.plan'],
      ['taskGroup=II.9', 'query.taskGroup'],
      ['colour=red', 'query'],
      ['region=NMM&region=RRD', 'query.region'],
    ]) {
      const res = await get(`/api/v1/projects?${qs}`);
      const p = problemOf(res);
      expect(p.status, qs).toBe(400);
      expect(p.type).toContain('application/problem+json');
      expect(p.body.detailVi.length, qs).toBeGreaterThan(0);
      expect(p.body.errors.map((e: { path: string }) => e.path).join(' '), qs).toContain(field);
    }
  });

  it('summarises funding for a filter: funnel, flagged lines and public share per region', async () => {
    const res = await get('/api/v1/projects/funding-summary?region=NMM');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.totals.planned).toBeGreaterThan(s.totals.allocated);
    expect(s.totals.allocated).toBeGreaterThan(s.totals.disbursed);
    expect(s.includesDemo).toBe(true);
    expect(s.publicShare.map((r: { regionCode: string }) => r.regionCode)).toEqual(['NMM']);
    expect(s.publicShare[0].sharePlanned).toBeGreaterThan(0);
    expect(s.publicShare[0].sharePlanned).toBeLessThan(1);
    const all = (await get('/api/v1/projects/funding-summary')).json();
    expect(all.flagged).toEqual([
      expect.objectContaining({ projectCode: 'WAT-05', year: 2024, source: 'local_budget' }),
    ]);
    expect(all.publicShare).toHaveLength(6);
    expect(all.statusCounts.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(97);
  });

  it('shows the timeline with late milestones, and the late filter', async () => {
    const tl = (await get('/api/v1/projects/timeline?region=NMM')).json();
    expect(tl.items.length).toBeGreaterThan(3);
    const late = tl.items.filter((i: { late: boolean }) => i.late).map((i: { projectCode: string }) => i.projectCode);
    expect(late.length).toBeGreaterThan(0);
    const lateList = (await get('/api/v1/projects?late=true&limit=1000')).json().items.map((i: Item) => i.code);
    for (const c of late) expect(lateList).toContain(c);
  });

  it('hides draft progress updates from the public and shows them to the responsible province', async () => {
    const pub = (await get('/api/v1/projects/RD1-04/progress-updates')).json().items;
    expect(pub.every((u: { state: string }) => u.state === 'published')).toBe(true);
    const tuyenquang = (await get('/api/v1/projects/RD1-04/progress-updates', admin)).json().items;
    expect(tuyenquang.some((u: { state: string }) => u.state === 'draft')).toBe(true);
    const ls = (await get('/api/v1/projects/RD1-04/progress-updates', langson)).json().items;
    expect(ls.every((u: { state: string }) => u.state === 'published')).toBe(true);
  });

  it('documents every plans route in the OpenAPI document', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/plans/{code}/results-framework',
      '/api/v1/projects',
      '/api/v1/funding-lines/{id}',
      '/api/v1/progress-updates/{id}/publish',
    ])
      expect(paths).toContain(p);
  });
});

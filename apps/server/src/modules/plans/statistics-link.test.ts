import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { queryObservations } from '../statistics/query.service';
import { findStatisticsActual } from './statistics-link';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const readRef = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
type Item = {
  id: number;
  code: string;
  scopeGeoDate?: string;
  actual: {
    value: number;
    year: number;
    origin: string;
    sourceText: string;
    statistics: { methodVi: string; sources: { dataset: string; releaseNumber: number }[]; unitCode: string } | null;
  } | null;
  reportedActual: { value: number; origin: string } | null;
  actualNote: { vi: string; en: string } | null;
  assessment: { status: string; expected: number | null };
};
const framework = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/plans/rp-nmm-2021-2030/results-framework' })).json()
    .items as Item[];

describe(`plan actuals from the statistics database (${TEST_ENGINE})`, () => {
  it('the demo GRDP-per-capita indicator takes the value the query engine returns for the NMM region of its time', async () => {
    const item = (await framework()).find((i) => i.code === 'DEMO-GRDP-PC')!;
    // Independent of the plans module: the engine called directly for the GSO region on the plan's geography date.
    const direct = await queryObservations(db(), {
      indicators: ['grdp_per_capita'],
      level: 'region',
      at: '2024-10-11',
      units: ['NMM'],
    });
    const latest = direct.rows.filter((r) => r.value !== null).sort((a, b) => Number(b.period) - Number(a.period))[0];
    expect(latest.period).toBe(2024);
    expect(item.actual).not.toBeNull();
    expect(item.actual!.origin).toBe('statistics');
    expect(item.actual!.year).toBe(2024);
    expect(item.actual!.value).toBe(latest.value);
    expect(item.actual!.statistics!.unitCode).toBe('NMM');
    expect(item.actual!.statistics!.methodVi).toBe(latest.method.textVi);
    expect(item.actual!.statistics!.sources.map((s) => s.dataset)).toEqual(latest.sources.map((s) => s.dataset));
    expect(item.actual!.statistics!.sources.length).toBeGreaterThan(0);
    expect(item.actual!.sourceText).toContain('Cơ sở dữ liệu thống kê');
    expect(item.actual!.sourceText).toContain('bản phát hành số');
    // Hand check from the reference CSV: the 14 provinces of the GSO region, GRDP per capita weighted by population.
    const p63 = readRef('admin/provinces-63.csv');
    const nmm = new Set(p63.filter((r) => r.region_gso_code === 'NMM').map((r) => r.code));
    expect(nmm.size).toBe(14);
    let vw = 0;
    let w = 0;
    for (const r of readRef('stats/vn63_nso_area_population_grdppc_2024.csv'))
      if (nmm.has(r.code)) {
        vw += Number(r.grdp_per_capita_million_vnd) * Number(r.population);
        w += Number(r.population);
      }
    expect(Math.abs(item.actual!.value - vw / w)).toBeLessThan(1e-9);
    // The status is computed from that actual (baseline 47 in 2020, target 80 in 2025: 73,4 expected in 2024).
    expect(item.assessment.expected).toBeCloseTo(73.4, 9);
    expect(['on_track', 'at_risk', 'off_track']).toContain(item.assessment.status);
    expect(item.actualNote).toBeNull();
  });

  it('a linked indicator the database has no value for says so; an unknown code says it is not in the catalogue', async () => {
    const none = await findStatisticsActual(db(), {
      indicatorCode: 'grdp_per_capita',
      scope: { kind: 'region', code: 'NMM', geoDate: '2024-10-11' },
      upToYear: 2010,
    });
    expect(none).toMatchObject({ linked: true, actual: null });
    expect(none.noteVi).toContain('chưa có số liệu');
    const unknown = await findStatisticsActual(db(), {
      indicatorCode: 'no_such_indicator',
      scope: { kind: 'region', code: 'NMM', geoDate: '2024-10-11' },
      upToYear: 2026,
    });
    expect(unknown).toMatchObject({ linked: false, actual: null });
    expect(unknown.noteEn).toContain('not in the statistics catalogue');
  });

  it("a province scope reads the province of the plan's geography; reported actuals stay visible beside it", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/rp-nmm-2021-2030/indicators',
      headers: { cookie: admin },
      payload: {
        code: 'TEST-POP-TQ',
        statsIndicatorCode: 'population',
        nameVi: 'Dân số Tuyên Quang (thử nghiệm)',
        nameEn: 'Population of Tuyên Quang (test)',
        unit: 'người',
        scopeKind: 'province',
        scopeCode: '08',
      },
    });
    // The plan's geography is that of its time (63 provinces): 08 is the former Tuyên Quang there.
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const p = readRef('stats/vn63_nso_area_population_grdppc_2024.csv').find((r) => r.code === '08')!;
    const got = (await framework()).find((i) => i.code === 'TEST-POP-TQ')!;
    expect(got.actual).toMatchObject({ origin: 'statistics', year: 2024, value: Number(p.population) });
    const rep = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plan-indicators/${id}/actuals`,
      headers: { cookie: admin },
      payload: { year: 2024, value: 800000, sourceText: 'Báo cáo của tỉnh (thử nghiệm)' },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const after = (await framework()).find((i) => i.code === 'TEST-POP-TQ')!;
    expect(after.actual!.origin).toBe('statistics');
    expect(after.reportedActual).toMatchObject({ origin: 'reported', value: 800000 });
  });
});

describe(`adding an indicator with its first targets and a statistics link (${TEST_ENGINE})`, () => {
  const post = (body: unknown, cookie: string | null = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/rp-nmm-2021-2030/indicators',
      headers: cookie ? { cookie } : {},
      payload: body as object,
    });
  const base = {
    code: 'TEST-GRDP-PC-2',
    statsIndicatorCode: 'grdp_per_capita',
    nameVi: 'GRDP bình quân đầu người (thử nghiệm)',
    nameEn: 'GRDP per capita (test)',
    unit: 'triệu đồng',
    scopeCode: 'NMM',
    baselineValue: 47,
    baselineYear: 2020,
    sourceDocument: 'Quyết định số 369/QĐ-TTg ngày 04/5/2024',
    targets: [
      { kind: 'period', year: 2025, value: 70 },
      { kind: 'end', year: 2030, value: 120 },
    ],
  };

  it('saves the targets as revision 1 with the document, reads the actual from the statistics database, and computes the status', async () => {
    const res = await post(base);
    expect(res.statusCode, res.body).toBe(201);
    const ind = res.json();
    expect(
      ind.targets.map((x: { kind: string; year: number; value: number; revision: number }) => [
        x.kind,
        x.year,
        x.value,
        x.revision,
      ]),
    ).toEqual([
      ['period', 2025, 70, 1],
      ['end', 2030, 120, 1],
    ]);
    expect(ind.targets[0].sourceDocument).toBe(base.sourceDocument);
    expect(ind.actual).toMatchObject({ origin: 'statistics', year: 2024 });
    // The actual (≈74,3 in 2024) is already above the 2025 target of 70: on track.
    expect(ind.actual.value).toBeGreaterThan(70);
    expect(ind.assessment.status).toBe('on_track');
    // A later revision goes through the targets route, with If-Match and a reason.
    const rev = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plan-indicators/${ind.id}/targets`,
      headers: { cookie: admin, 'if-match': `"rf-indicator-${ind.id}-v${ind.version}"` },
      payload: { kind: 'period', year: 2025, value: 75, reason: 'Điều chỉnh theo đánh giá giữa kỳ (thử nghiệm)' },
    });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().history).toHaveLength(3);
  });

  it('refuses an unknown statistics code, two targets of the same kind and year, and non-admins', async () => {
    const unknown = await post({ ...base, code: 'TEST-X1', statsIndicatorCode: 'no_such_code' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.statsIndicatorCode');
    const dup = await post({
      ...base,
      code: 'TEST-X2',
      targets: [
        { kind: 'end', year: 2030, value: 1 },
        { kind: 'end', year: 2030, value: 2 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('body.targets.1');
    const reporter = await t.login('reporter.langson');
    expect((await post({ ...base, code: 'TEST-X3' }, reporter)).statusCode).toBe(403);
    expect((await post({ ...base, code: 'TEST-X4' }, null)).statusCode).toBe(401);
  });
});

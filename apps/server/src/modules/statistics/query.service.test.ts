import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { queryObservations } from './query.service';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const readRef = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
const data = async (qs: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/data?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    rows: {
      unitCode: string;
      unitName: string;
      period: number | string;
      value: number | null;
      partialValue: number | null;
      median: number | null;
      status: string;
      method: { rule: string; via: string; textVi: string; textEn: string };
      coverage: { withData: number; total: number; complete: boolean; missing: string[] };
      sources: { dataset: string }[];
      alternatives: { value: number; differencePct: number; sources: { dataset: string }[] }[];
    }[];
    summary: { period: number; n: number; gini: number; cv: number; median: number }[] | null;
    notesVi: string[];
    query: { geographyVi: string };
  };
};
const importCsv = async (body: string, query = 'dryRun=false') => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { cookie: admin, 'content-type': 'text/csv' },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe(`figures checked by hand against the source files (${TEST_ENGINE})`, () => {
  it('the 2024 population of each 2025 region equals the sum of its former provinces in the NSO 63-province file', async () => {
    // Independent path: the two reference CSVs only, no geo tables, no engine.
    const p63 = new Map(readRef('admin/provinces-63.csv').map((r) => [r.code, r.region_2025_code_of_new_unit]));
    const expected = new Map<string, number>();
    for (const r of readRef('stats/vn63_nso_area_population_grdppc_2024.csv'))
      if (r.code) expected.set(p63.get(r.code)!, (expected.get(p63.get(r.code)!) ?? 0) + Number(r.population));
    const res = await data('indicator=population&level=region&at=2025-07-01&period=2024');
    expect(res.rows).toHaveLength(6);
    for (const row of res.rows) {
      expect(row.value).toBe(expected.get(row.unitCode));
      expect(row.coverage.complete).toBe(true);
      expect(row.method.textEn).toContain('built from former provinces through the crosswalk');
    }
    // By hand, Trung du và miền núi phía Bắc (14 former provinces):
    const nmm =
      911400 +
      558500 +
      329300 +
      820300 +
      792200 +
      656700 +
      495500 +
      1330600 +
      864400 +
      894500 +
      1365200 +
      814000 +
      1543900 +
      1225300;
    expect(nmm).toBe(12_601_800);
    expect(res.rows.find((r) => r.unitCode === 'NMM')!.value).toBe(nmm);
    const national = await data('indicator=population&level=national&at=2025-07-01&period=2024');
    expect(national.rows[0].value).toBe([...expected.values()].reduce((s, v) => s + v, 0));
    expect(national.rows[0].value).toBe(101_343_900);
  });

  it('regional density is total population over total area, not a mean of provincial densities', async () => {
    const res = await data('indicator=population_density&level=region&at=2025-07-01&period=2024');
    const nmm = res.rows.find((r) => r.unitCode === 'NMM')!;
    // Σ population (12,601,800) / Σ area of the 14 former provinces (92,517.4 km²), from the NSO file.
    expect(nmm.value).toBeCloseTo(12_601_800 / 92_517.4, 9);
    expect(nmm.method.rule).toBe('ratio');
    expect(nmm.method.textVi).toContain('Dân số trung bình / diện tích tự nhiên');
  });

  it('GRDP per capita of a merged province is the population-weighted mean of its former provinces', async () => {
    const res = await data('indicator=grdp_per_capita&level=province&at=2025-07-01&period=2024&unit=08');
    const tq = res.rows[0];
    // Hà Giang 37.8 × 911,400 and Tuyên Quang 60.0 × 820,300 (NSO 2024, preliminary).
    expect(tq.value).toBeCloseTo((37.8 * 911_400 + 60 * 820_300) / (911_400 + 820_300), 9);
    expect(tq.status).toBe('provisional');
    expect(tq.method.textVi).toBe('Bình quân gia quyền theo dân số trung bình của 2 tỉnh cũ: Hà Giang, Tuyên Quang');
    // The third-party 34-unit estimate equals this computation, so it is not shown as a differing alternative.
    expect(tq.alternatives).toEqual([]);
  });

  it('a 34-unit province is followed back before 2025-07-01 through its former provinces, and labelled so', async () => {
    const gso = readRef('stats/vn63_gso_population_income_poverty_2010_2016.csv');
    const pop = (code: string, year: string) =>
      Number(gso.find((r) => r.code === code && r.year === year)!.average_population_thous_pers) * 1000;
    const res = await data('indicator=population&level=province&at=2025-07-01&from=2010&to=2024&unit=08');
    expect(res.rows.map((r) => r.period)).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2024]);
    const y2016 = res.rows.find((r) => r.period === 2016)!;
    expect(y2016.value).toBeCloseTo(pop('02', '2016') + pop('08', '2016'), 6);
    expect(y2016.method).toMatchObject({ via: 'crosswalk', rule: 'sum' });
    expect(y2016.sources.map((s) => s.dataset)).toEqual(['gso-2010-2016']);
    expect(res.notesVi.join(' ')).toContain('qua bảng chuyển đổi');
  });

  it('PCI is never summed: a region shows the mean and median of its provinces, and says so', async () => {
    const pci = readRef('stats/vn63_pci_2005_2016.csv');
    const members = readRef('admin/provinces-63.csv')
      .filter((r) => r.region_gso_code === 'NMM')
      .map((r) => r.code);
    const vals = members.map((c) => Number(pci.find((r) => r.code === c && r.year === '2016')!.pci_weighted));
    const res = await data('indicator=pci&level=region&at=2016-12-31&period=2016');
    const nmm = res.rows.find((r) => r.unitCode === 'NMM')!;
    expect(vals).toHaveLength(14);
    expect(nmm.value).toBeCloseTo(vals.reduce((s, v) => s + v, 0) / 14, 9);
    const sorted = [...vals].sort((a, b) => a - b);
    expect(nmm.median).toBeCloseTo((sorted[6] + sorted[7]) / 2, 9);
    expect(nmm.method.rule).toBe('mean');
    expect(nmm.method.textVi).toContain('Không cộng dồn');
    expect(nmm.value).toBeLessThan(100);
  });

  it('a region whose members lack data is flagged, not silently summed (PCI 2013 covers 13 provinces)', async () => {
    const res = await data('indicator=pci&level=region&at=2016-12-31&period=2013');
    const nmm = res.rows.find((r) => r.unitCode === 'NMM')!;
    expect(nmm.coverage).toMatchObject({ withData: 3, total: 14, complete: false });
    expect(nmm.coverage.missing).toContain('02');
    expect(nmm.method.textVi).toContain('thiếu số liệu');
    const budget = await data('indicator=fdi_projects_new&level=region&at=2016-12-31&period=2016');
    const withGap = budget.rows.find((r) => !r.coverage.complete)!;
    expect(withGap.value).toBeNull();
    expect(withGap.partialValue).toBeGreaterThan(0);
  });

  it('the 63-province geography is returned for dates before 2025-07-01', async () => {
    const res = await data('indicator=population&level=province&at=2025-06-30&period=2016');
    expect(res.rows).toHaveLength(63);
    expect(res.query.geographyVi).toBe('63 tỉnh, thành phố (01/08/2008–30/06/2025)');
    expect(res.rows.every((r) => r.method.via === 'direct')).toBe(true);
  });

  it('combines periods by the rules: flows may be summed, stocks and cumulative indicators may not', async () => {
    const flow = await data('indicator=budget_revenue&level=national&at=2016-12-31&from=2010&to=2014&combine=sum');
    const years = await data('indicator=budget_revenue&level=national&at=2016-12-31&from=2010&to=2014');
    expect(flow.rows[0].period).toBe('2010–2014');
    expect(flow.rows[0].value).toBeCloseTo(
      years.rows.reduce((s, r) => s + (r.value as number), 0),
      3,
    );
    for (const q of ['population&from=2011&to=2016', 'fdi_projects_cumulative&from=2016&to=2016']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/data?indicator=${q}&level=national&combine=sum` });
      expect(problemOf(res).status).toBe(400);
      expect(problemOf(res).body.code).toBe('cannot_sum_periods');
    }
  });

  it('adds distribution figures across units on request (for inequality analyses)', async () => {
    const res = await data('indicator=grdp_per_capita&level=province&at=2025-07-01&period=2024&summary=true');
    const s = res.summary![0];
    expect(s.n).toBe(34);
    expect(s.gini).toBeGreaterThan(0);
    expect(s.gini).toBeLessThan(1);
    expect(s.cv).toBeGreaterThan(0);
  });

  it('a grouping with a partly included province says that whole-province figures are counted', async () => {
    const res = await data('indicator=population&grouping=sub-se-vb&at=2016-12-31&period=2016');
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0].method.textVi).toContain('một phần');
    expect(res.notesVi.join(' ')).toContain('một phần lãnh thổ');
  });

  it('service function: typed rows with method, coverage and sources for the analytics module', async () => {
    const res = await queryObservations(t.database.db, {
      indicators: ['population', 'area'],
      level: 'region',
      at: '2025-07-01',
      period: 2024,
    });
    expect(res.rows).toHaveLength(12);
    for (const r of res.rows) {
      expect(typeof r.method.textEn).toBe('string');
      expect(r.coverage.total).toBeGreaterThan(0);
      expect(r.sources.length).toBeGreaterThan(0);
    }
  });
});

describe(`commune data, the province pre-aggregate and estimates (${TEST_ENGINE})`, () => {
  let communes: string[];
  beforeAll(async () => {
    communes = (
      await t.database.query<{ code: string }>(
        `select code from stat_units where level = 'commune' and parent_code = '20' order by code`,
      )
    ).map((r) => r.code);
  });

  it('sums the communes of a province through the pre-aggregate, and updates it on the next import', async () => {
    expect(communes).toHaveLength(65);
    const rows = communes.map((c, i) => `population,${c},2025,${10_000 + i}`);
    const rate = communes.map((c, i) => `poverty_rate,${c},2025,${(i % 10) + 1}`);
    await importCsv(`indicator,unitCode,period,value\n${[...rows, ...rate].join('\n')}\n`);
    const total = communes.reduce((s, _c, i) => s + 10_000 + i, 0);
    let res = await data('indicator=population&level=province&at=2025-07-01&period=2025&unit=20');
    expect(res.rows[0]).toMatchObject({ value: total, method: { via: 'communes', rule: 'sum' } });
    expect(res.rows[0].coverage).toMatchObject({ withData: 65, total: 65, complete: true });
    expect(res.rows[0].method.textVi).toBe('Tổng của 65 xã, phường');
    const wm = await data('indicator=poverty_rate&level=province&at=2025-07-01&period=2025&unit=20');
    const expectedRate =
      communes.reduce((s, _c, i) => s + ((i % 10) + 1) * (10_000 + i), 0) /
      communes.reduce((s, _c, i) => s + 10_000 + i, 0);
    expect(wm.rows[0].value).toBeCloseTo(expectedRate, 9);

    await importCsv(`indicator,unitCode,period,value\npopulation,${communes[0]},2025,20000\n`);
    res = await data('indicator=population&level=province&at=2025-07-01&period=2025&unit=20');
    expect(res.rows[0].value).toBe(total - 10_000 + 20_000);
    // The population-weighted poverty rate was refreshed too, because its weight changed.
    const wm2 = await data('indicator=poverty_rate&level=province&at=2025-07-01&period=2025&unit=20');
    expect(wm2.rows[0].value).not.toBeCloseTo(expectedRate, 6);

    const region = await data('indicator=population&level=region&at=2025-07-01&period=2025');
    const nmm = region.rows.find((r) => r.unitCode === 'NMM')!;
    expect(nmm.value).toBeNull();
    expect(nmm.partialValue).toBe(total - 10_000 + 20_000);
    expect(nmm.coverage).toMatchObject({ withData: 1, total: 9, complete: false });
  });

  it('a province with communes missing gets no total, only a partial sum with its coverage', async () => {
    await importCsv(
      `indicator,unitCode,period,value\n${communes
        .slice(0, 64)
        .map((c) => `budget_revenue,${c},2025,100`)
        .join('\n')}\n`,
    );
    const res = await data('indicator=budget_revenue&level=province&at=2025-07-01&period=2025&unit=20');
    expect(res.rows[0]).toMatchObject({ value: null, partialValue: 6400 });
    expect(res.rows[0].coverage).toMatchObject({ withData: 64, total: 65, complete: false });
  });

  it('lists commune values directly at commune level, and streams them as CSV', async () => {
    const res = await data(`indicator=population&level=commune&at=2025-07-01&period=2025&unit=${communes[1]}`);
    expect(res.rows).toEqual([expect.objectContaining({ unitCode: communes[1], value: 10_001 })]);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/data?indicator=population&level=commune&at=2025-07-01&period=2025&format=csv',
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(66);
    expect(lines.find((l) => l.includes(`,${communes[1]},`))).toContain(',10001,');
  });

  it('a differing estimate is shown beside the computed figure, never instead of it', async () => {
    await importCsv('indicator,unitCode,period,value,date,status\npopulation,08,2016,1500000,34,estimate\n');
    const res = await data('indicator=population&level=province&at=2025-07-01&period=2016&unit=08');
    const row = res.rows[0];
    expect(row.method.via).toBe('crosswalk');
    expect(row.status).toBe('final');
    expect(row.alternatives).toHaveLength(1);
    expect(row.alternatives[0].value).toBe(1_500_000);
    expect(row.alternatives[0].differencePct).toBeCloseTo(
      ((1_500_000 - (row.value as number)) / (row.value as number)) * 100,
      9,
    );
    expect(row.alternatives[0].sources[0].dataset).toBe('uploads-btc');
  });
});

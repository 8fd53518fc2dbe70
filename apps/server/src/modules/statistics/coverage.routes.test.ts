import type { CoverageResponse } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { parseCsv } from '../../lib/csv';

/**
 * `GET /api/v1/coverage` on the engine under test (issue 19): the themes of recommendation 3.2.e against what the
 * reference data holds, and the map following the data when an administrator adds a labour indicator and its dataset.
 */

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const coverage = async (): Promise<CoverageResponse> => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/coverage' });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('the coverage map of the regional database', () => {
  it('is public; on the reference data one theme is held, two only through related indices, six have nothing', async () => {
    const c = await coverage();
    const status = Object.fromEntries(c.themes.map((th) => [th.code, th.status]));
    expect(status).toEqual({
      socio_economic: 'held',
      policies: 'related',
      cooperation: 'missing',
      market_forecasts: 'missing',
      jobs_labour: 'missing',
      product_demand: 'missing',
      resources: 'missing',
      environment: 'related',
      climate: 'missing',
    });
    expect(c.summary).toMatchObject({ themes: 9, held: 1, related: 2, missing: 6, datasets: 12 });
    expect(c.unthemed).toEqual([]);
    const policies = c.themes.find((th) => th.code === 'policies')!;
    const pci = policies.related[0].indicators.find((i) => i.code === 'pci')!;
    expect(pci.periods[0]).toBe(2005);
    expect(pci.periods.at(-1)).toBe(2022);
    expect(pci.datasets.map((d) => d.code)).toEqual(['vcci-pci-2005-2016', 'vcci-pci-2017-2018', 'vcci-pci-2019-2022']);
    expect(pci.geographies).toEqual([{ date: '2008-08-01', provinces: 63 }]);
    expect([policies.periodFrom, policies.periodTo]).toEqual([2005, 2024]);
    const env = c.themes.find((th) => th.code === 'environment')!;
    expect(env.related[0].indicators.map((i) => i.code).sort()).toEqual([
      'papi_environment',
      'papi_environment_air',
      'papi_environment_protection',
      'papi_environment_water',
    ]);
    expect([env.periodFrom, env.periodTo]).toEqual([2018, 2024]);
    const jobs = c.themes.find((th) => th.code === 'jobs_labour')!;
    expect(jobs.suppliers.map((s) => s.nameEn)).toEqual(['Ministry of Home Affairs']);
  });

  it('follows the data: a labour indicator with an imported dataset makes the jobs theme held', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: { cookie: admin },
      payload: {
        code: 'trained_labour_share',
        nameVi: 'Tỷ lệ lao động qua đào tạo',
        nameEn: 'Share of trained workers',
        unitVi: '%',
        unitEn: '%',
        topic: 'labour',
        aggregation: 'none',
        measure: 'stock',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await coverage()).themes.find((th) => th.code === 'jobs_labour')!.status).toBe('missing');
    const csv =
      'indicator,unitCode,period,value\ntrained_labour_share,01,2024,55.2\ntrained_labour_share,04,2024,24.1\n';
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports?dryRun=false&dataset=test-labour&at=2025-07-01&title=${encodeURIComponent('Lao động qua đào tạo')}&publisher=${encodeURIComponent('Bộ Nội vụ')}`,
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const jobs = (await coverage()).themes.find((th) => th.code === 'jobs_labour')!;
    expect(jobs.status).toBe('held');
    expect(jobs.direct).toHaveLength(1);
    expect(jobs.direct[0]).toMatchObject({
      code: 'trained_labour_share',
      periods: [2024],
      geographies: [{ date: '2025-07-01', provinces: 34 }],
      datasets: [{ code: 'test-labour', publisher: 'Bộ Nội vụ' }],
    });
  });

  it('downloads as CSV in Vietnamese or English: a row per theme and indicator, and one for each empty theme', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/coverage?format=csv&lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      const [head, ...rows] = parseCsv(res.body);
      expect(head[0]).toBe(lang === 'vi' ? 'mã nhóm' : 'theme code');
      const pci = rows.find((r) => r[4] === 'pci')!;
      expect(pci.slice(0, 4)).toEqual(
        lang === 'vi'
          ? ['policies', 'Chủ trương, chính sách, thể chế', 'gián tiếp', 'liên quan']
          : ['policies', 'Policies and institutions', 'indirect', 'related'],
      );
      expect(pci[6]).toBe('2005–2022');
      expect(pci[8]).toBe('vcci-pci-2005-2016; vcci-pci-2017-2018; vcci-pci-2019-2022');
      const climate = rows.filter((r) => r[0] === 'climate');
      expect(climate).toHaveLength(1);
      expect(climate[0][2]).toBe(lang === 'vi' ? 'chưa có' : 'none');
      expect(climate[0][4]).toBe('');
      expect(climate[0][9]).toBe(
        lang === 'vi' ? 'Bộ Nông nghiệp và Môi trường' : 'Ministry of Agriculture and Environment',
      );
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/coverage?format=pdf' })).statusCode).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/coverage');
  });
});

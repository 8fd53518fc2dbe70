import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';

let t: TestApp;
let admin: string;
let reporter: string;
let ministry: string;
let viewer: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  reporter = await t.login('reporter.langson');
  ministry = await t.login('reporter.bxd');
  viewer = await t.login('viewer');
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe(`statistics API on ${TEST_ENGINE}`, () => {
  it('lists the catalogue with codes, names, unit and aggregation rule, and the periods each has data for', async () => {
    const res = await get('/api/v1/indicators');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; aggregation: string; unit: string; periods: number[] }[];
    const by = new Map(items.map((i) => [i.code, i]));
    expect(by.get('population')).toMatchObject({ aggregation: 'sum', unit: 'persons', nameVi: 'Dân số trung bình' });
    expect(by.get('population_density')).toMatchObject({
      aggregation: 'ratio',
      numeratorIndicator: 'population',
      denominatorIndicator: 'area',
    });
    expect(by.get('grdp_per_capita')).toMatchObject({ aggregation: 'weighted_mean', weightIndicator: 'population' });
    expect(by.get('pci')).toMatchObject({ aggregation: 'none' });
    expect(by.get('budget_revenue')).toMatchObject({ aggregation: 'sum', unitEn: 'million VND' });
    expect(by.get('fdi_projects_cumulative')).toMatchObject({ periodicity: 'cumulative' });
    // PCI is one series: 2005–2016 and 2017–2022 (issue 19) under one code.
    expect(by.get('pci')!.periods).toEqual(Array.from({ length: 18 }, (_, i) => 2005 + i));
    expect(by.get('monthly_income_per_capita')!.periods).toEqual([2010, 2012, 2014, 2016]);
    expect(items.length).toBeGreaterThan(60);
  });

  it('returns rows with method, coverage and sources; 400 for bad parameters; 404 for an unknown indicator', async () => {
    const res = await get('/api/v1/data?indicator=population&level=province&at=2025-07-01&period=2024');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body.rows).toHaveLength(34);
    const tq = body.rows.find((r: { unitCode: string }) => r.unitCode === '08');
    expect(tq).toMatchObject({ unitName: 'Tuyên Quang', period: 2024, value: 911400 + 820300 });
    expect(tq.method.via).toBe('crosswalk');
    expect(tq.method.textVi).toContain('Hà Giang');
    expect(tq.coverage).toEqual({ withData: 2, total: 2, complete: true, missing: [] });
    expect(tq.sources[0]).toMatchObject({ dataset: 'nso-2024-63', releaseNumber: 1 });
    expect(body.datasets.map((d: { code: string }) => d.code)).toContain('nso-2024-63');

    const bad = problemOf(await get('/api/v1/data?indicator=population&period=20x4'));
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors[0].path).toBe('query.period');
    expect(problemOf(await get('/api/v1/data?indicator=Population')).status).toBe(400);
    expect(problemOf(await get('/api/v1/data?indicator=population&extra=1')).status).toBe(400);
    expect(problemOf(await get("/api/v1/data?indicator=population&unit=01'%20or%201=1")).status).toBe(400);
    const unknown = problemOf(await get('/api/v1/data?indicator=no_such_thing'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.detailVi).toContain('no_such_thing');
    expect(problemOf(await get('/api/v1/data?indicator=population&level=region&grouping=region-2025-NMM')).status).toBe(
      400,
    );
  });

  it('serves CSV with a BOM and XLSX of the same rows, with Vietnamese names and no formulas', async () => {
    const csv = await get('/api/v1/data?indicator=population&level=region&at=2025-07-01&period=2024&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''population-region-2025-07-01-2024.csv");
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Mã chỉ tiêu,Chỉ tiêu,Mã đơn vị,Đơn vị,Năm,Giá trị,Đơn vị tính,Trạng thái,Cách tính,Độ phủ,Nguồn',
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes('Trung du và miền núi phía Bắc'))).toContain(',2024,');

    const x = await get('/api/v1/data?indicator=population&level=region&at=2025-07-01&period=2024&format=xlsx&lang=en');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Data')!;
    expect(ws.getRow(1).getCell(3).value).toBe('unitCode');
    const values: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) values.push(row.getCell(6).value as number);
      row.eachCell((c) => expect(c.formula).toBeUndefined());
    });
    expect(values).toHaveLength(6);
    const json = (await get('/api/v1/data?indicator=population&level=national&at=2025-07-01&period=2024')).json();
    expect(values.reduce((s, v) => s + v, 0)).toBe(json.rows[0].value);
    expect(wb.getWorksheet('Sources')!.getRow(2).getCell(1).value).toBe('nso-2024-63');
  });

  it('lists datasets with provenance, their releases, and exports a dataset as CSV', async () => {
    const ds = (await get('/api/v1/datasets')).json().items as {
      id: number;
      code: string;
      publisher: string;
      latestRelease: { number: number };
      caveatsVi: string;
    }[];
    expect(ds.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'nso-2024-63',
        'vnmap-2024-34',
        'gso-2010-2016',
        'gso-fdi-2016',
        'vcci-pci-2005-2016',
        'papi-2011-2016',
        'mof-budget-final-2006-2014',
        'mof-budget-plan-2006-2017',
      ]),
    );
    const pci = ds.find((d) => d.code === 'vcci-pci-2005-2016')!;
    expect(pci.caveatsVi).toContain('2013');
    expect(pci.latestRelease.number).toBe(1);
    const rel = (await get(`/api/v1/datasets/${pci.id}/releases`)).json();
    expect(rel.items).toHaveLength(1);
    expect(rel.items[0].noteVi).toContain('Hà Tây');
    const exp = await get(`/api/v1/datasets/${pci.id}/export`);
    expect(exp.statusCode).toBe(200);
    const rows = exp.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('indicator,unitCode,period,value,date,status,note');
    expect(rows.length - 1).toBe(rel.items[0].added);
    expect(problemOf(await get('/api/v1/datasets/99999')).status).toBe(404);
  });

  it('lets only administrators and provincial reporters import (401 signed out, 403 others)', async () => {
    const post = (cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/imports?dryRun=true',
        headers: { 'content-type': 'text/csv', ...(cookie ? { cookie } : {}) },
        payload: 'indicator,unitCode,period,value\npopulation,20,2025,800000\n',
      });
    expect((await post()).statusCode).toBe(401);
    expect((await post(viewer)).statusCode).toBe(403);
    expect((await post(ministry)).statusCode).toBe(403);
    const council = await t.login('council.nmm');
    expect((await post(council)).statusCode).toBe(403);
    expect((await post(reporter)).statusCode).toBe(200);
    expect((await post(admin)).statusCode).toBe(200);
    expect((await get('/api/v1/imports')).statusCode).toBe(401);
    const log = (await get('/api/v1/imports', reporter)).json().items as { user: string }[];
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((l) => l.user === 'reporter.langson')).toBe(true);
  });

  it('edits indicator metadata only with a fresh If-Match (428 missing, 412 stale), and only as administrator', async () => {
    const first = await get('/api/v1/indicators/by-code/poverty_rate');
    const etag = String(first.headers.etag);
    const patch = (cookie: string, ifMatch: string | null, payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/indicators/by-code/poverty_rate',
        headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        payload,
      });
    expect((await patch(viewer, etag, { definitionEn: 'x' })).statusCode).toBe(403);
    expect((await patch(admin, null, { definitionEn: 'x' })).statusCode).toBe(428);
    const ok = await patch(admin, etag, { definitionEn: 'Share of poor households (edited).' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().definitionEn).toBe('Share of poor households (edited).');
    const stale = await patch(admin, etag, { definitionEn: 'lost update' });
    expect(stale.statusCode).toBe(412);
    expect((await get('/api/v1/indicators/by-code/poverty_rate')).json().definitionEn).toBe(
      'Share of poor households (edited).',
    );
    // The same indicator answers at /indicators/{code}, with the same ETag, for reads and edits.
    const short = await get('/api/v1/indicators/poverty_rate');
    expect(short.statusCode).toBe(200);
    expect(short.json()).toEqual((await get('/api/v1/indicators/by-code/poverty_rate')).json());
    expect(short.headers.etag).toBe(ok.headers.etag);
    const viaShort = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/indicators/poverty_rate',
      headers: { cookie: admin, 'if-match': String(short.headers.etag) },
      payload: { definitionEn: 'Share of poor households (edited twice).' },
    });
    expect(viaShort.statusCode, viaShort.body).toBe(200);
    expect((await get('/api/v1/indicators/by-code/poverty_rate')).json().definitionEn).toBe(
      'Share of poor households (edited twice).',
    );
    const afterShort = String(viaShort.headers.etag);
    const badRule = await patch(admin, afterShort, {
      aggregation: 'weighted_mean',
      weightIndicator: 'pci',
    });
    expect(badRule.statusCode).toBe(422);
    expect(problemOf(badRule).body.errors[0].path).toBe('body.weightIndicator');
  });

  it('creates a new indicator for uploads (admin), refusing an inconsistent rule and a duplicate code', async () => {
    const body = {
      code: 'hospital_beds',
      nameVi: 'Số giường bệnh',
      nameEn: 'Hospital beds',
      unitVi: 'giường',
      unitEn: 'beds',
      aggregation: 'sum',
      measure: 'stock',
    };
    const post = (payload: object, cookie = admin) =>
      t.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: { cookie }, payload });
    expect((await post(body, reporter)).statusCode).toBe(403);
    expect((await post({ ...body, aggregation: 'ratio' })).statusCode).toBe(422);
    expect((await post({ ...body, unknown: 1 })).statusCode).toBe(400);
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'hospital_beds', aggregation: 'sum', periods: [] });
    expect((await post(body)).statusCode).toBe(409);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const p of [
      '/api/v1/indicators',
      '/api/v1/indicators/{code}',
      '/api/v1/indicators/by-code/{code}',
      '/api/v1/data',
      '/api/v1/datasets',
      '/api/v1/datasets/{id}/releases',
      '/api/v1/imports',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});

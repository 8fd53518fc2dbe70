import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { libreOfficeCsv } from '../../../test/libreoffice';
import { parseCsv } from '../../lib/csv';
import { IATI_SCHEMA, xmllintSchema } from '../../../test/xmllint';

let t: TestApp;
let tmp: string;
beforeAll(async () => {
  t = await createTestApp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-plans-export-'));
  const admin = await t.login('admin.mof');
  // A project whose names look like spreadsheet formulas: exports must keep them as text.
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: { cookie: admin },
    payload: {
      code: 'INJ-01',
      planCode: 'ip-nmm-2021-2030',
      nameVi: '=HYPERLINK("http://x","Bấm")',
      nameEn: '@SUM(1+1)',
      sector: 'road',
      provinces: [{ code: '20', vintage: '2025-07-01', role: 'located' }],
    },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe(`registry and results-framework exports on ${TEST_ENGINE}`, () => {
  it('CSV: UTF-8 with BOM, one row per filtered project, formulas neutralised, numbers kept as numbers', async () => {
    const res = await get('/api/v1/projects?region=NMM&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="danh-muc-du-an-\d{8}\.csv"/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(res.body);
    const [header, ...data] = rows;
    const total = (await get('/api/v1/projects?region=NMM&limit=1000')).json().total;
    expect(data).toHaveLength(total);
    const col = (name: string) => header.indexOf(name);
    const inj = data.find((r) => r[col('code')] === 'INJ-01')!;
    expect(inj[col('name_vi')]).toBe('\'=HYPERLINK("http://x","Bấm")');
    expect(inj[col('name_en')]).toBe("'@SUM(1+1)");
    const rd = data.find((r) => r[col('code')] === 'RD2-01')!;
    expect(Number(rd[col('planned_million_vnd')])).toBeGreaterThan(0);
    expect(rd[col('provinces_today_34')]).toBe('20 Lạng Sơn; 04 Cao Bằng');
    expect(rd[col('demo_data')]).toBe('true');
  });

  it('XLSX: opens in LibreOffice with the projects and amounts, user text never becomes a formula', async () => {
    const res = await get('/api/v1/projects?region=NMM&format=xlsx');
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets).toHaveLength(3);
    for (const s of sheets) expect(await zip.file(s)!.async('string')).not.toContain('<f>');
    const file = path.join(tmp, 'registry.xlsx');
    fs.writeFileSync(file, res.rawPayload);
    const csv = parseCsv(libreOfficeCsv(file, tmp));
    expect(csv[0][0]).toBe('Danh mục dự án liên kết vùng');
    const headerAt = csv.findIndex((r) => r[0] === 'Mã');
    const rows = csv.slice(headerAt + 1).filter((r) => r[0]);
    expect(rows.length).toBe((await get('/api/v1/projects?region=NMM&limit=1000')).json().total);
    const corr = rows.find((r) => r[0] === 'CORR-01')!;
    expect(corr[1]).toBe('Hành lang kinh tế Hà Nội - Bắc Giang - Lạng Sơn - Cao Bằng');
    const rd = rows.find((r) => r[0] === 'RD2-01')!;
    const detail = (await get('/api/v1/projects/RD2-01')).json();
    expect(Number(rd[13].replace(/[^\d]/g, ''))).toBe(detail.funding.planned);
    expect(rows.find((r) => r[0] === 'INJ-01')![1]).toBe('=HYPERLINK("http://x","Bấm")');
  }, 240_000);

  it('IATI: the whole registry validates against the official 2.03 schema (xmllint --schema)', async () => {
    const res = await get('/api/v1/projects?format=iati');
    expect(res.statusCode).toBe(200);
    const activities = res.body.match(/<iati-activity /g)?.length ?? 0;
    const r = xmllintSchema(res.body, IATI_SCHEMA);
    console.log(`xmllint --schema reference/iati/iati-activities-schema.xsd (${activities} activities): ${r.output}`);
    expect(activities).toBeGreaterThan(50);
    expect(r.output).toMatch(/validates$/);
    expect(r.valid).toBe(true);
  });

  it('IATI: a well-formed activity file with one activity per filtered project', async () => {
    const res = await get('/api/v1/projects?region=NMM&sector=road&format=iati');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const ids: string[] = [];
    let inId = false;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      inId = tag.name === 'iati-identifier';
    });
    parser.on('text', (text) => {
      if (inId) ids.push(text);
    });
    parser.on('closetag', () => {
      inId = false;
    });
    parser.write(res.body).close();
    const list = (await get('/api/v1/projects?region=NMM&sector=road&limit=1000')).json();
    expect(ids).toEqual(list.items.map((i: { code: string }) => `VN-BTC-${i.code}`));
  });

  it('results framework: CSV and XLSX with status, explanation and the target history', async () => {
    const csv = await get('/api/v1/plans/ip-nmm-2021-2030/results-framework?format=csv');
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(csv.body);
    const byCode = new Map(rows.map((r) => [r[header.indexOf('code')], r]));
    const km = byCode.get('DEMO-EXPRESSWAY-KM')!;
    expect(km[header.indexOf('status')]).toBe('on_track');
    expect(km[header.indexOf('target_history')]).toContain('period 2025: 700 (r1)');
    expect(km[header.indexOf('target_history')]).toContain('period 2025: 600 (r2) — Điều chỉnh');
    expect(byCode.get('NMM-BGEZ-SYSTEM')![header.indexOf('demo')]).toBe('false');
    const x = await get('/api/v1/plans/ip-nmm-2021-2030/results-framework?format=xlsx');
    expect(x.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(x.rawPayload);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('Chiều dài đường cao tốc');
    expect(strings).toContain('Đúng tiến độ');
    expect((await get('/api/v1/plans/ip-nmm-2021-2030/results-framework?format=pdf')).statusCode).toBe(400);
  });
});

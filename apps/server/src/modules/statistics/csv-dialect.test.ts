import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { csvLine, exportValue } from './data-export';

/**
 * CSV in two flavours: RFC 4180 with a decimal point (default, unchanged) and vi-VN on request (semicolon, decimal
 * comma, UTF-8 with BOM), the latter read back by LibreOffice with its Vietnamese locale (a real spreadsheet reader).
 */

const QUERY = 'indicator=poverty_rate&level=province&at=2016-12-31&from=2014&to=2016';
let t: TestApp;
let tmp: string;
beforeAll(async () => {
  t = await createTestApp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-csv-dialect-'));
});
afterAll(async () => {
  await t?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url });
/** The values the explorer shows for the query, keyed `unit|period`, as written to CSV. */
async function expectedValues(): Promise<Map<string, number>> {
  const json = (await get(`/api/v1/data?${QUERY}`)).json();
  const decimals = json.indicators[0].decimals;
  return new Map(
    json.rows
      .filter((r: { value: number | null }) => r.value !== null)
      .map((r: { unitCode: string; period: number; value: number }) => [
        `${r.unitCode}|${r.period}`,
        exportValue(r.value, decimals),
      ]),
  );
}

describe(`CSV dialects on ${TEST_ENGINE}`, () => {
  it('writes numbers with the dialect’s decimal mark and quotes only what needs it', () => {
    expect(csvLine(['a;b', 6.25, null, '=1+1', 'x, y'], 'vi-VN')).toBe('"a;b";6,25;;\'=1+1;x, y');
    expect(csvLine(['a;b', 6.25, null, 'x, y'], 'rfc4180')).toBe('"a;b",6.25,,"x, y"');
  });

  it('the default stays RFC 4180: comma separator, decimal point', async () => {
    const res = await get(`/api/v1/data?${QUERY}&format=csv&lang=en`);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const rows: Record<string, string>[] = parse(res.body, { columns: true, bom: true });
    expect(Object.keys(rows[0])[0]).toBe('indicator');
    const want = await expectedValues();
    const valued = rows.filter((r) => r.value !== '');
    expect(valued).toHaveLength(want.size);
    for (const r of valued) expect(Number(r.value)).toBe(want.get(`${r.unitCode}|${r.period}`));
    expect(rows.some((r) => r.value.includes('.'))).toBe(true);
  });

  it('vi-VN on request: semicolons, decimal commas, BOM; a CSV parser gives back the same numbers', async () => {
    const res = await get(`/api/v1/data?${QUERY}&format=csv&lang=en&dialect=vi-VN`);
    expect(res.statusCode).toBe(200);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body.split('\r\n')[0]).toBe(
      '\uFEFFindicator;indicatorName;unitCode;unitName;period;value;unit;status;method;coverage;sources',
    );
    const rows: Record<string, string>[] = parse(res.body, { columns: true, bom: true, delimiter: ';' });
    const want = await expectedValues();
    const valued = rows.filter((r) => r.value !== '');
    expect(valued).toHaveLength(want.size);
    for (const r of valued) {
      expect(r.value).not.toContain('.');
      expect(Number(r.value.replace(',', '.'))).toBe(want.get(`${r.unitCode}|${r.period}`));
    }
    expect(rows.some((r) => r.value.includes(','))).toBe(true);
  });

  it('LibreOffice (headless, vi-VN locale) reads the vi-VN file with every value as the right number', async () => {
    const file = path.join(tmp, 'vi.csv');
    fs.writeFileSync(file, (await get(`/api/v1/data?${QUERY}&format=csv&lang=en&dialect=vi-VN`)).rawPayload);
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        // 59 = ';' separator, 34 = '"' quotes, 76 = UTF-8, from line 1, column 3 (unit codes, leading zeros) as text,
        // 1066 = Vietnamese (vi-VN) for the numbers.
        '--infilter=Text - txt - csv (StarCalc):59,34,76,1,3/2,1066',
        '--convert-to',
        'xlsx',
        '--outdir',
        tmp,
        file,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp, 'vi.xlsx'));
    const ws = wb.worksheets[0];
    const want = await expectedValues();
    let numbers = 0;
    ws.eachRow((row, i) => {
      if (i === 1) {
        expect(row.getCell(6).value).toBe('value');
        return;
      }
      const v = row.getCell(6).value;
      if (v === null) return; // no figure for this unit and year
      expect(typeof v, `row ${i}`).toBe('number');
      expect(v).toBe(want.get(`${row.getCell(3).text}|${row.getCell(5).value}`));
      numbers++;
    });
    expect(numbers).toBe(want.size);
    console.log(`LibreOffice (vi-VN) read ${numbers} values of the vi-VN CSV as numbers, all equal to the query's`);
  }, 240_000);

  it('commune level, streamed: the same vi-VN flavour', async () => {
    const communes = await t.database.query<{ code: string }>(
      `select code from stat_units where level = 'commune' and parent_code = '20' order by code limit 3`,
    );
    const body = `indicator,unitCode,period,value\n${communes.map((c, i) => `poverty_rate,${c.code},2025,${i + 1.25}`).join('\n')}\n`;
    const admin = await t.login('admin.mof');
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=false',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const res = await get(
      '/api/v1/data?indicator=poverty_rate&level=commune&at=2025-07-01&period=2025&format=csv&dialect=vi-VN',
    );
    expect(res.statusCode).toBe(200);
    // The header line ends in CRLF, PostgreSQL's COPY ends rows in LF: both are line ends for CSV readers.
    const rows: string[][] = parse(res.body, { bom: true, delimiter: ';', record_delimiter: ['\r\n', '\n'] });
    expect(rows[0][0]).toBe('Mã chỉ tiêu');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(11);
      expect(row[5]).toMatch(/^-?\d+(,\d+)?(e[+-]\d+)?$/);
    }
    expect(rows.slice(1).map((r) => r[5])).toEqual(['1,25', '2,25', '3,25']);
  });
});

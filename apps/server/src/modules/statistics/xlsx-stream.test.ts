import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { libreOfficeCsv } from '../../../test/libreoffice';
import { columnName, type XlsxCell, XlsxStreamWriter, xmlText } from './xlsx-stream';

/**
 * The streaming XLSX writer of the large downloads, read back by exceljs and by LibreOffice (a real spreadsheet
 * reader), alone and through the commune-level export of GET /api/v1/data.
 */

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-xlsx-stream-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function write(rows: XlsxCell[][], sheet = 'Số liệu'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => out.on('end', resolve).on('error', reject));
  const w = new XlsxStreamWriter(out, sheet, [
    { header: 'Mã', width: 10 },
    { header: 'Tên đơn vị', width: 30 },
    { header: 'Giá trị', width: 12 },
  ]);
  for (const r of rows) w.addRow(r);
  w.end();
  await done;
  return Buffer.concat(chunks);
}

/** LibreOffice converts the workbook to CSV (UTF-8); its rows. */
function libreOfficeRows(xlsx: Buffer, name: string): string[][] {
  const file = path.join(tmp, `${name}.xlsx`);
  fs.writeFileSync(file, xlsx);
  return parse(libreOfficeCsv(file, tmp), { relax_column_count: true });
}

describe('XlsxStreamWriter', () => {
  it('names columns A…Z, AA…; escapes XML and drops what XML cannot hold', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(xmlText('a & b < c > "d"')).toBe('a &amp; b &lt; c &gt; &quot;d&quot;');
    expect(xmlText('x\u0000y\u0007z\u000Bw\tv\nu')).toBe('xyzw\tv\nu');
    expect(xmlText('😀 \uD800 end')).toBe('😀  end');
  });

  it('exceljs reads the sheet: typed numbers, text, empty cells, bold frozen header, widths', async () => {
    const rows: XlsxCell[][] = [
      ['01', 'Phường Ba Đình', 247100.5],
      ['0042', '  Xã <Tả> & "Ngàn"  ', null],
      ['79', 'Thành phố Hồ Chí Minh', Number.NaN],
      ['=1+1', 'Bắt\u0000 đầu', -0.25],
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await write(rows)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Số liệu');
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).values).toEqual([undefined, 'Mã', 'Tên đơn vị', 'Giá trị']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getCell('A2').value).toBe('01'); // a code keeps its leading zero: text, not a number
    expect(ws.getCell('C2').value).toBe(247100.5);
    expect(ws.getCell('B3').value).toBe('  Xã <Tả> & "Ngàn"  ');
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('C4').value).toBeNull(); // not a number: left empty, never "NaN"
    expect(ws.getCell('A5').value).toBe('=1+1'); // text, never a formula
    expect(ws.getCell('B5').value).toBe('Bắt đầu');
    expect(ws.getCell('C5').value).toBe(-0.25);
  });

  it('LibreOffice opens 20,000 rows (several deflated pieces) with every value in place', async () => {
    const rows: XlsxCell[][] = Array.from({ length: 20_000 }, (_x, i) => [
      String(i).padStart(5, '0'),
      `Xã số ${i} — Đắk Lắk`,
      i * 1.5,
    ]);
    const csv = libreOfficeRows(await write(rows, 'Data'), 'many');
    expect(csv).toHaveLength(20_001);
    expect(csv[0]).toEqual(['Mã', 'Tên đơn vị', 'Giá trị']);
    expect(csv[1]).toEqual(['00000', 'Xã số 0 — Đắk Lắk', '0']);
    expect(csv[12_346]).toEqual(['12345', 'Xã số 12345 — Đắk Lắk', '18517.5']);
    expect(csv[20_000]).toEqual(['19999', 'Xã số 19999 — Đắk Lắk', '29998.5']);
  }, 240_000);
});

describe(`commune-level XLSX export through the API (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('holds the same rows as the commune-level CSV, and LibreOffice opens it', async () => {
    const communes = await t.database.query<{ code: string }>(
      `select code from stat_units where level = 'commune' and geo_date = '2025-07-01' order by code limit 300`,
    );
    const body = `indicator,unitCode,period,value\n${communes
      .flatMap((c, i) => [2024, 2025].map((y) => `poverty_rate,${c.code},${y},${((i * 7) % 90) + (y - 2024) / 4}`))
      .join('\n')}\n`;
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=false',
      headers: { cookie: await t.login('admin.mof'), 'content-type': 'text/csv' },
      payload: body,
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const q = 'indicator=poverty_rate&level=commune&at=2025-07-01&lang=vi';
    const csvRes = await t.app.inject({ method: 'GET', url: `/api/v1/data?${q}&format=csv` });
    expect(csvRes.statusCode, csvRes.body).toBe(200);
    const csvRows: string[][] = parse(csvRes.body, {
      bom: true,
      // The header line ends in CRLF, PostgreSQL's COPY ends rows in LF.
      record_delimiter: ['\r\n', '\n'],
    });
    expect(csvRows.length).toBe(601);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/data?${q}&format=xlsx` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Số liệu');
    expect(ws.rowCount).toBe(csvRows.length);
    expect(ws.getRow(1).values).toEqual([undefined, ...csvRows[0]]);
    // Every row as in the CSV (its own order: by unit; the workbook's: by year), values as numbers.
    const key = (code: unknown, period: unknown) => `${code}|${period}`;
    const want = new Map(csvRows.slice(1).map((r) => [key(r[2], r[4]), r]));
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const r = want.get(key(row.getCell(3).value, row.getCell(5).value));
      expect(r, `row ${i}`).toBeDefined();
      expect(row.getCell(4).value).toBe(r![3]);
      expect(row.getCell(6).value).toBe(Number(r![5]));
      want.delete(key(row.getCell(3).value, row.getCell(5).value));
    });
    expect(want.size).toBe(0);
    const lo = libreOfficeRows(res.rawPayload, 'communes');
    expect(lo).toHaveLength(csvRows.length);
    expect(lo[0]).toEqual(csvRows[0]);
    expect(new Set(lo.slice(1).map((r) => r[2]))).toEqual(new Set(csvRows.slice(1).map((r) => r[2])));
  }, 240_000);
});

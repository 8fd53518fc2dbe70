import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';

let t: TestApp;
let admin: string;
let reporter: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  reporter = await t.login('reporter.langson');
});
afterAll(async () => t?.close());

const TABLES = [
  'observations',
  'observation_revisions',
  'releases',
  'datasets',
  'stat_province_agg',
  'indicator_periods',
];

/** Count and content hash of every statistics table: equal before and after means nothing was written. */
async function digest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [r] = await t.database.query<{ n: number; h: string | null }>(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out[table] = `${r.n}:${r.h}`;
  }
  return out;
}

interface Problem {
  status: number;
  detailVi: string;
  errors: { row: number; column: string | null; code: string; message: string; messageVi: string }[];
}

async function upload(
  body: string | Buffer,
  opts: { cookie?: string; query?: string; type?: string; multipartName?: string } = {},
) {
  const headers: Record<string, string> = { cookie: opts.cookie ?? admin };
  let payload: string | Buffer = body;
  if (opts.multipartName) {
    const boundary = '----rlboundary';
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.multipartName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(body) ? body : Buffer.from(body),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  } else headers['content-type'] = opts.type ?? 'text/csv';
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?${opts.query ?? 'dryRun=false'}`, headers, payload });
}

/** Upload, expect a refusal, and check that no statistics table changed. */
async function rejected(
  body: string | Buffer,
  opts: Parameters<typeof upload>[1] = {},
  status = 422,
): Promise<Problem> {
  const before = await digest();
  const res = await upload(body, opts);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await digest()).toEqual(before);
  return res.json() as Problem;
}

const csv = (...rows: string[]) => `indicator,unitCode,period,value\n${rows.join('\n')}\n`;

describe(`import rejections on ${TEST_ENGINE}: every problem by row and column, nothing written`, () => {
  it('an unknown code for the chosen geography names where the code does exist', async () => {
    const p = await rejected(csv('population,27,2025,1000'));
    expect(p.errors).toEqual([expect.objectContaining({ row: 2, column: 'unitCode', code: 'unknown_code' })]);
    expect(p.errors[0].message).toContain('Bắc Ninh');
    expect(p.errors[0].messageVi).toContain('không thuộc địa giới');
  });

  it('a name instead of a code suggests the code', async () => {
    const p = await rejected(csv('population,Lạng Sơn,2024,800000'));
    expect(p.errors[0]).toMatchObject({ row: 2, column: 'unitCode', code: 'name_not_code' });
    expect(p.errors[0].messageVi).toContain('20');
  });

  it('a value that is not a number, a Vietnamese decimal comma, a percent sign, 1e309 and NaN', async () => {
    const p = await rejected(
      csv(
        'population,20,2024,abc',
        'poverty_rate,20,2024,"12,5"',
        'poverty_rate,20,2016,12.5%',
        'area,20,2024,1e309',
        'area,20,2016,NaN',
      ),
    );
    expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'value', 'not_a_number'],
      [3, 'value', 'decimal_comma'],
      [4, 'value', 'percent_sign'],
      [5, 'value', 'not_a_number'],
      [6, 'value', 'not_a_number'],
    ]);
    expect(p.detailVi).toContain('Chưa có dữ liệu nào được lưu');
  });

  it('a decimal comma is accepted when the upload declares the Vietnamese number format', async () => {
    const res = await upload(csv('poverty_rate,20,2024,"12,5"', 'population,20,2024,"1.234.567"'), {
      query: 'dryRun=true&decimal=comma',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .preview.map((r: { value: number }) => r.value)
        .sort(),
    ).toEqual([12.5, 1234567].sort());
  });

  it('a duplicate row names both rows', async () => {
    const p = await rejected(csv('population,20,2024,800000', 'area,20,2024,8310', 'population,20,2024,800001'));
    expect(p.errors).toEqual([expect.objectContaining({ row: 4, code: 'duplicate_row' })]);
    expect(p.errors[0].message).toContain('row 2');
  });

  it('a period outside the indicator’s range, and a year that is not a year', async () => {
    const p = await rejected(csv('pci,20,2001,55', 'population,20,2031,800000', 'population,20,20x4,1'));
    expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'period', 'period_out_of_range'],
      [3, 'period', 'period_out_of_range'],
      [4, 'period', 'bad_period'],
    ]);
    expect(p.errors[0].messageVi).toContain('2005');
  });

  it('a negative population, and an index above its scale', async () => {
    const p = await rejected(csv('population,20,2024,-5', 'pci,20,2016,101'));
    expect(p.errors.map((e) => e.code)).toEqual(['below_minimum', 'above_maximum']);
    expect(p.errors[0].messageVi).toContain('không thể âm');
  });

  it('an unknown indicator, a lost leading zero and an empty code', async () => {
    const p = await rejected(csv('populaton,20,2024,1', 'population,1,2024,5', 'population,,2024,5'));
    expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'indicator', 'unknown_indicator'],
      [3, 'unitCode', 'leading_zero'],
      [4, 'unitCode', 'empty_code'],
    ]);
    expect(p.errors[1].message).toContain('01');
  });

  it('reports every problem of a file, not only the first', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `population,20,${1995 + i},${i % 3 === 0 ? 'x' : 1000 + i}`);
    const p = await rejected(csv(...rows));
    expect(p.errors).toHaveLength(10);
    expect(p.errors.map((e) => e.row)).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
  });

  it('file-level problems: missing, unknown and duplicate columns, empty file, header only', async () => {
    expect((await rejected('indicator,unitCode,value\npopulation,20,1\n')).errors[0]).toMatchObject({
      row: 1,
      code: 'missing_column',
    });
    expect((await rejected('indicator,unitCode,period,value,colour\n')).errors[0].code).toBe('unknown_column');
    expect((await rejected('indicator,unitCode,period,value,Value\npopulation,20,2024,1,2\n')).errors[0].code).toBe(
      'duplicate_column',
    );
    expect((await rejected('')).errors[0].code).toBe('empty_file');
    expect((await rejected('indicator,unitCode,period,value\n')).errors[0].code).toBe('no_rows');
    expect((await rejected('\uFEFF')).errors[0].code).toBe('empty_file');
  });

  it('encodings: UTF-16 and legacy bytes are refused with a clear message; TCVN3 mojibake in text is refused', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv('population,20,2024,1'), 'utf16le')]);
    expect((await rejected(utf16)).errors[0].code).toBe('utf16');
    // "Lạng Sơn" in Windows-1258 is not valid UTF-8.
    const legacy = Buffer.concat([
      Buffer.from('indicator,unitCode,period,value,note\npopulation,20,2024,1,L'),
      Buffer.from([0xe4, 0xf2]),
      Buffer.from('ng\n'),
    ]);
    const p = await rejected(legacy);
    expect(p.errors[0].code).toBe('not_utf8');
    expect(p.errors[0].messageVi).toContain('UTF-8');
    const mojibake = 'indicator,unitCode,period,value,note\npopulation,20,2024,1,Tæng sè d©n tØnh L¹ng S¬n\n';
    expect((await rejected(mojibake)).errors[0]).toMatchObject({ column: 'note', code: 'legacy_encoding' });
  });

  it('structure: an unclosed quote, a stray quote, bidi characters in a note', async () => {
    expect((await rejected('indicator,unitCode,period,value\npopulation,"20,2024,1\n')).errors[0].code).toBe(
      'unclosed_quote',
    );
    expect((await rejected('indicator,unitCode,period,value\npopulation,2"0,2024,1\n')).errors[0].code).toBe(
      'stray_quote',
    );
    const bidi = 'indicator,unitCode,period,value,note\npopulation,20,2024,1,abc\u202Edef\n';
    expect((await rejected(bidi)).errors[0].code).toBe('control_characters');
  });

  it('accepts UTF-8 with BOM, semicolons, CRLF, quoted fields with line breaks, and a name column', async () => {
    const body =
      '\uFEFFindicator;unitCode;name;period;value;note\r\npopulation;20;Lạng Sơn;2024;813500;"dòng 1\r\ndòng 2"\r\n';
    const res = await upload(body, { query: 'dryRun=true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ observations: 1, rowsRead: 1, dryRun: true, changed: 1 });
  });

  it('a province reporter gets 403 for rows of another province, and nothing is written', async () => {
    const p = await rejected(csv('population,20,2024,813500', 'population,01,2024,8717600'), { cookie: reporter }, 403);
    expect(p.errors).toEqual([expect.objectContaining({ row: 3, code: 'not_your_province' })]);
    expect(p.errors[0].messageVi).toContain('Hà Nội');
  });

  it('a province reporter may import their province, its communes and its former province (dry run)', async () => {
    const communes = await t.database.query<{ code: string }>(
      `select code from stat_units where level = 'commune' and parent_code = '20' order by code limit 2`,
    );
    const res = await upload(
      csv(
        'population,20,2025,813500',
        `population,${communes[0].code},2025,12000`,
        `population,${communes[1].code},2025,9000`,
        'population,20,2016,760000',
      ),
      { cookie: reporter, query: 'dryRun=true' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ observations: 4, dataset: 'uploads-ubnd-20', releaseId: null });
  });

  it('a reporter cannot add a release to a reference dataset', async () => {
    const before = await digest();
    const res = await upload(csv('population,20,2025,1'), {
      cookie: reporter,
      query: 'dryRun=false&dataset=nso-2024-63',
    });
    expect(res.statusCode).toBe(403);
    expect(await digest()).toEqual(before);
  });
});

describe(`XLSX uploads on ${TEST_ENGINE}`, () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('imports the named or first sheet (wide format too), warning about the sheets it ignored', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('Ghi chú');
      ws.addRow(['Nguồn: Cục Thống kê']);
      const data = wb.addWorksheet('data');
      data.addRow(['indicator', 'unitCode', '2022', '2023']);
      data.addRow(['population', '20', 802000, 806500]);
      data.addRow(['area', '20', 8310.1, null]);
    });
    const res = await upload(file, { multipartName: 'Số liệu Lạng Sơn.xlsx', query: 'dryRun=true' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ fileType: 'xlsx', format: 'wide', observations: 3, rowsRead: 2 });
    expect(body.warnings[0].code).toBe('sheets_ignored');
  });

  it('refuses a formula without a cached value (never evaluates it) and a date cell as a year', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('data');
      ws.addRow(['indicator', 'unitCode', 'period', 'value']);
      ws.addRow(['population', '20', 2024, { formula: '1+1' }]);
      ws.addRow(['population', '20', new Date('2023-01-01'), 5]);
    });
    const p = await rejected(file, { multipartName: 'x.xlsx' });
    expect(p.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'formula_without_value'],
      [3, 'bad_period'],
    ]);
  });

  it('refuses a renamed CSV, a macro workbook, a DOCTYPE and a zip bomb before parsing', async () => {
    expect((await rejected(csv('population,20,2024,1'), { multipartName: 'a.xlsx' })).errors[0].code).toBe('not_xlsx');
    const valid = await workbook((wb) => wb.addWorksheet('data').addRow(['indicator', 'unitCode', 'period', 'value']));
    const zip = await JSZip.loadAsync(valid);
    zip.file('xl/vbaProject.bin', 'macro');
    expect(
      (await rejected(await zip.generateAsync({ type: 'nodebuffer' }), { multipartName: 'm.xlsx' })).errors[0].code,
    ).toBe('macro');

    const doc = await JSZip.loadAsync(valid);
    const sheet = await doc.file('xl/worksheets/sheet1.xml')!.async('string');
    doc.file(
      'xl/worksheets/sheet1.xml',
      sheet.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'),
    );
    expect(
      (await rejected(await doc.generateAsync({ type: 'nodebuffer' }), { multipartName: 'd.xlsx' })).errors[0].code,
    ).toBe('xml_doctype');

    const bomb = await JSZip.loadAsync(valid);
    bomb.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet><sheetData>${'<row/>'.repeat(5_000_000)}</sheetData></worksheet>`,
    );
    const bytes = await bomb.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bytes.length).toBeLessThan(200_000);
    expect((await rejected(bytes, { multipartName: 'b.xlsx' })).errors[0].code).toBe('zip_bomb');
  });
});

describe(`releases and revisions on ${TEST_ENGINE}`, () => {
  it('a commit creates a release; a revision keeps the earlier release queryable and the diff shows the change', async () => {
    const first = await upload(csv('population,20,2025,813500', 'area,20,2025,8310.2'), {
      query: 'dryRun=false&note=lần 1',
    });
    expect(first.statusCode, first.body).toBe(200);
    const r1 = first.json();
    expect(r1).toMatchObject({ added: 2, changed: 0, releaseNumber: 1, dataset: 'uploads-btc' });
    const dry = await upload(csv('population,20,2025,814000', 'area,20,2025,8310.2'), { query: 'dryRun=true' });
    expect(dry.json()).toMatchObject({ added: 0, changed: 1, unchanged: 1, releaseId: null });
    expect(dry.json().preview[0]).toMatchObject({ unitCode: '20', value: 814000, before: 813500 });

    const second = await upload(csv('population,20,2025,814000', 'area,20,2025,8310.2', 'population,04,2025,560000'));
    const r2 = second.json();
    expect(r2).toMatchObject({ added: 1, changed: 1, unchanged: 1, releaseNumber: 2 });

    const now = (
      await t.app.inject({ method: 'GET', url: '/api/v1/data?indicator=population&unit=20&period=2025' })
    ).json();
    expect(now.rows[0]).toMatchObject({ value: 814000, method: { via: 'direct', rule: 'recorded' } });
    expect(now.rows[0].sources[0]).toMatchObject({ dataset: 'uploads-btc', releaseNumber: 2 });
    const then = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/data?indicator=population&unit=20&period=2025&release=${r1.releaseId}`,
      })
    ).json();
    expect(then.rows[0]).toMatchObject({ value: 813500 });
    expect(then.query.release).toBe(r1.releaseId);

    const ds = (await t.app.inject({ method: 'GET', url: '/api/v1/datasets' }))
      .json()
      .items.find((d: { code: string }) => d.code === 'uploads-btc');
    const diff = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/datasets/${ds.id}/diff?from=${r1.releaseId}&to=${r2.releaseId}`,
      })
    ).json();
    expect(diff).toMatchObject({ added: 1, changed: 1 });
    expect(diff.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          indicator: 'population',
          unitCode: '20',
          before: 813500,
          after: 814000,
          change: 'changed',
        }),
        expect.objectContaining({
          indicator: 'population',
          unitCode: '04',
          before: null,
          after: 560000,
          change: 'added',
        }),
      ]),
    );
    const past = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${ds.id}/export?release=${r1.releaseId}` });
    expect(past.body).toContain('population,20,2025,813500');
    expect(past.body).not.toContain('560000');
  });

  it('an import is on record by its release and audit_log entry, not by a trail row per observation; other writes stay audited', async () => {
    const trail = async (table: string) =>
      (
        await t.database.query<{ n: number }>('select count(*)::int as n from audit_trail where table_name = $1', [
          table,
        ])
      )[0].n;
    const before = {
      observations: await trail('observations'),
      revisions: await trail('observation_revisions'),
      agg: await trail('stat_province_agg'),
      releases: await trail('releases'),
    };
    const res = await upload(csv('population,20,2024,812000', 'population,04,2024,559000'), {
      query: 'dryRun=false&note=audit',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { releaseId } = res.json();
    expect(await trail('observations')).toBe(before.observations);
    expect(await trail('observation_revisions')).toBe(before.revisions);
    expect(await trail('stat_province_agg')).toBe(before.agg);
    // The release is audited (opened, then its counts recorded), and the import has its audit_log entry.
    expect(await trail('releases')).toBeGreaterThan(before.releases);
    const [log] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'statistics_imported' and entity_id = $1`,
      [String(releaseId)],
    );
    expect(log.n).toBe(1);
    // Outside an import the trigger records an observation's write as before (the setting is local to the import).
    await t.database.query(`update observations set note = 'sửa tay' where release_id = $1`, [releaseId]);
    expect(await trail('observations')).toBe(before.observations + 2);
  });
});

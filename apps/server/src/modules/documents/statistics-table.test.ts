import { formatNumberVi } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { queryObservations } from '../statistics/query.service';
import { yearsText } from './statistics-table';
import { type ApiClient, apiClient, collapse, ooxmlPart, pdfText, wordText } from './test-support';

/**
 * Indicator tables from the statistics database in the cycle report: built by the query engine (values compared with
 * a direct engine call), stored in the draft with the table edit (If-Match), printed in the DOCX and the PDF with
 * their source line.
 */

let t: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let anon: ApiClient;
let cycle2025: number;
let cycle2024: number;
let at: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = apiClient(t.app, await t.login('admin.mof'));
  viewer = apiClient(t.app, await t.login('viewer'));
  anon = apiClient(t.app, null);
  const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
  cycle2025 = cycles.find((c) => c.year === 2025)!.id;
  cycle2024 = cycles.find((c) => c.year === 2024)!.id;
  const d = await admin.post(`/api/v1/cycles/${cycle2025}/report/draft`);
  expect(d.status, JSON.stringify(d.json)).toBe(201);
  at = d.json.model.settings.geographyDate;
});
afterAll(async () => t?.close());

const build = (c: ApiClient, body: unknown, cycle = cycle2025) =>
  c.post(`/api/v1/cycles/${cycle}/report/statistics-table`, body);

describe(`indicator tables from the statistics database (${TEST_ENGINE})`, () => {
  it('yearsText reads as a Vietnamese report writes years', () => {
    expect(yearsText([2024])).toBe('năm 2024');
    expect(yearsText([2022, 2023, 2024])).toBe('năm 2022–2024');
    expect(yearsText([2016, 2024])).toBe('năm 2016 và 2024');
  });

  it('the six regions and the nation: every value is the engine’s, vi-VN formatted, with the source line', async () => {
    const res = await build(admin, { indicators: ['grdp_per_capita', 'population'], level: 'region', years: [2024] });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const table = res.json.table;
    expect(res.json.at).toBe(at);
    expect(table.columns.map((c: { label: string }) => c.label)[0]).toBe('Vùng');
    expect(table.columns).toHaveLength(3);
    expect(table.rows).toHaveLength(7);
    expect(table.rows[6][0]).toBe('Cả nước');
    // Independent path: the engine called directly for the same geography date.
    const db = t.database.db;
    const regions = await queryObservations(db, {
      indicators: ['grdp_per_capita', 'population'],
      level: 'region',
      at,
      period: 2024,
    });
    const nation = await queryObservations(db, {
      indicators: ['grdp_per_capita', 'population'],
      level: 'national',
      at,
      period: 2024,
    });
    expect(regions.rows.filter((r) => r.indicator === 'population')).toHaveLength(6);
    const decimals = new Map(regions.indicators.map((i) => [i.code, i.decimals]));
    const expected = new Map<string, string>();
    for (const r of [...regions.rows, ...nation.rows])
      expected.set(
        `${r.unitCode === 'VN' ? 'Cả nước' : r.unitName}|${r.indicator}`,
        formatNumberVi(r.value, decimals.get(r.indicator)),
      );
    for (const row of table.rows as string[][]) {
      expect(row[1]).toBe(expected.get(`${row[0]}|grdp_per_capita`));
      expect(row[2]).toBe(expected.get(`${row[0]}|population`));
      expect(row[2]).toMatch(/^\d{1,3}(\.\d{3})+$/); // vi-VN thousands separator
    }
    expect(table.rows.map((r: string[]) => r[0])).toContain('Trung du và miền núi phía Bắc');
    expect(table.source).toMatch(/^Nguồn: Cơ sở dữ liệu thống kê RegionLink/);
    expect(table.source).toContain('bản phát hành số');
    expect(table.source).toContain('Cách tính:');
    expect(table.source).toContain('Bình quân gia quyền');
    for (const ds of regions.datasets) expect(table.source).toContain(ds.titleVi);
    expect(res.json.releases.length).toBeGreaterThan(0);
  });

  it('the provinces of one region, with the region as the last row; a year with no data shows "—"', async () => {
    const res = await build(admin, {
      indicators: ['population'],
      level: 'province',
      region: 'NMM',
      years: [2010, 2024],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const table = res.json.table;
    expect(table.title).toContain('vùng Trung du và miền núi phía Bắc');
    expect(table.title).toContain('năm 2010 và 2024');
    expect(table.columns.map((c: { label: string }) => c.label)).toEqual(['Tỉnh, thành phố', '2010', '2024']);
    const direct = await queryObservations(t.database.db, {
      indicators: ['population'],
      level: 'region',
      at,
      units: ['NMM'],
      period: 2024,
    });
    expect(table.rows.at(-1)).toEqual([
      'Vùng Trung du và miền núi phía Bắc',
      expect.any(String),
      formatNumberVi(direct.rows[0].value, 0),
    ]);
    expect(table.rows).toHaveLength(10);
    const provinces = await queryObservations(t.database.db, {
      indicators: ['population'],
      level: 'province',
      at,
      period: 2024,
      units: ['04', '08'],
    });
    for (const p of provinces.rows) {
      const row = (table.rows as string[][]).find((r) => r[0] === p.unitName)!;
      expect(row[2]).toBe(formatNumberVi(p.value, 0));
    }
  });

  it('refuses what it cannot build, naming the field; only administrators may build', async () => {
    const many = await build(admin, {
      indicators: ['population', 'grdp_per_capita'],
      level: 'region',
      years: [2015, 2016, 2017, 2018, 2019, 2020],
    });
    expect(many.status).toBe(400);
    expect(many.json.errors[0].path).toBe('body.years');
    const region = await build(admin, { indicators: ['population'], level: 'province', region: 'XYZ', years: [2024] });
    expect(region.status).toBe(400);
    expect(region.json.errors[0].path).toBe('body.region');
    const unit = await build(admin, {
      indicators: ['population'],
      level: 'region',
      units: ['NMM', 'ZZ'],
      years: [2024],
    });
    expect(unit.status).toBe(400);
    expect(unit.json.errors[0].path).toBe('body.units.1');
    expect((await build(admin, { indicators: ['no_such'], level: 'region', years: [2024] })).status).toBe(404);
    expect((await build(viewer, { indicators: ['population'], level: 'region', years: [2024] })).status).toBe(403);
    expect((await build(anon, { indicators: ['population'], level: 'region', years: [2024] })).status).toBe(401);
    expect((await build(admin, { indicators: ['population'], level: 'region', years: [2024] }, cycle2024)).status).toBe(
      404,
    );
  });

  it('inserted with the table edit (If-Match) and placed in Part II: the DOCX and the LibreOffice PDF print it with its source', async () => {
    const built = (await build(admin, { indicators: ['grdp_per_capita'], level: 'region', years: [2024] })).json.table;
    const cur = await admin.get(`/api/v1/cycles/${cycle2025}/report/draft`);
    expect(
      (await admin.patch(`/api/v1/cycles/${cycle2025}/report/draft`, { edits: [{ kind: 'table', table: built }] }))
        .status,
    ).toBe(428);
    const saved = await admin.patch(
      `/api/v1/cycles/${cycle2025}/report/draft`,
      {
        edits: [
          { kind: 'table', table: built },
          {
            kind: 'blocks',
            unit: 'report.partTwo.sections.2-1',
            blocks: [
              {
                kind: 'paragraph',
                content: [{ kind: 'text', text: 'Bảng dưới đây do cán bộ chèn.', bold: false, italic: false }],
              },
              { kind: 'table', tableId: built.id },
            ],
          },
        ],
      },
      cur.etag,
    );
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.model.tables.find((x: { id: string }) => x.id === built.id)).toEqual(built);
    const docx = await admin.get(`/api/v1/cycles/${cycle2025}/report/report.docx`);
    expect(docx.status).toBe(200);
    const text = collapse(wordText(await ooxmlPart(docx.raw, 'word/document.xml')));
    expect(text).toContain(built.title);
    expect(text).toContain(collapse(built.source));
    const nmm = (built.rows as string[][]).find((r) => r[0] === 'Trung du và miền núi phía Bắc')!;
    expect(text).toContain(nmm[1]);
    const pdf = await admin.get(`/api/v1/cycles/${cycle2025}/report/report.pdf`);
    expect(pdf.status).toBe(200);
    const pdfFlat = collapse(pdfText(pdf.raw));
    expect(pdfFlat).toContain('Nguồn: Cơ sở dữ liệu thống kê RegionLink');
    expect(pdfFlat).toContain(nmm[1]);
  });
});

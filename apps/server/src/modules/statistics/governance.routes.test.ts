import fs from 'node:fs';
import path from 'node:path';
import type { DataResponse } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsv, parseCsvObjects } from '../../lib/csv';

/**
 * PCI 2005–2022 and PAPI 2011–2024 as loaded by the seed step `statistics-governance-v1` (issue 19), read back through
 * the API on the engine under test: row counts per year against the files, missing province-years absent (not 0),
 * PCI as one series across its two sources, the derived PAPI totals against the published 2020 figures, and the 34
 * provinces of today as estimates.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
async function data(query: string): Promise<DataResponse> {
  const res = await get(`/api/v1/data?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const ref = (name: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'stats', name), 'utf8'));
const countBy = <T>(xs: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

/** A dataset's first release as exported by the API: rows per year. */
async function exportedPerYear(code: string) {
  const ds = (await get('/api/v1/datasets')).json().items as { id: number; code: string }[];
  const id = ds.find((d) => d.code === code)!.id;
  const res = await get(`/api/v1/datasets/${id}/export`);
  expect(res.statusCode).toBe(200);
  const [head, ...rows] = parseCsv(res.body);
  const p = head.indexOf('period');
  return countBy(rows, (r) => r[p]);
}

describe('loading checks against the files', () => {
  const pci = ref('vn63_pci_2017_2022.csv');
  const papi = ref('vn63_papi_subdimensions_2017_2024.csv');

  it('every row of the two files is loaded, per year and per compilation', async () => {
    const fromVcci = pci.filter((r) => r.source.startsWith('VCCI PCI ranking'));
    const fromToan = pci.filter((r) => r.source.startsWith('VCCI PCI via Toan'));
    expect(fromVcci.length + fromToan.length).toBe(pci.length);
    expect(await exportedPerYear('vcci-pci-2017-2018')).toEqual(countBy(fromVcci, (r) => r.year));
    expect(await exportedPerYear('vcci-pci-2019-2022')).toEqual(countBy(fromToan, (r) => r.year));
    expect(await exportedPerYear('papi-2017-2024')).toEqual(countBy(papi, (r) => r.year));
    expect(countBy(papi, (r) => r.year)).toMatchObject({ '2017': 1386, '2020': 1827, '2021': 1680, '2024': 1708 });
  });

  it('missing province-years are absent, not zero (PCI 2013: 13 provinces; PAPI 2021: 60)', async () => {
    const p13 = await data('indicator=pci&level=province&at=2024-12-31&period=2013');
    expect(p13.rows.filter((r) => r.value !== null)).toHaveLength(13);
    expect(p13.rows.some((r) => r.value === 0)).toBe(false);
    const p05 = await data('indicator=pci&level=province&at=2024-12-31&period=2005');
    expect(p05.rows.filter((r) => r.value !== null)).toHaveLength(41); // 42 with Hà Tây, which has no code
    for (const [ind, year, missing] of [
      ['papi_participation_knowledge', 2021, ['22', '24', '27']],
      ['papi_participation', 2023, ['22', '74']],
      ['papi', 2024, ['26', '82']],
      ['papi_8d', 2018, ['22', '87']],
    ] as const) {
      const res = await data(`indicator=${ind}&level=province&at=2024-12-31&period=${year}`);
      const none = res.rows.filter((r) => r.value === null).map((r) => r.unitCode);
      expect(none, `${ind} ${year}`).toEqual(missing);
      expect(res.rows.every((r) => r.value === null || r.value > 0)).toBe(true);
    }
  });
});

describe('PCI 2005–2022 is one series', () => {
  it('one indicator whose rows name the source of each year; 2016 and 2017 continue (Đà Nẵng 70.00 → 70.11, rank 2)', async () => {
    const ind = (await get('/api/v1/indicators/pci')).json();
    expect(ind.periods).toEqual(Array.from({ length: 18 }, (_, i) => 2005 + i));
    expect(ind.definitionVi).toContain('2019–2022');
    const dn = await data('indicator=pci,pci_rank&level=province&at=2024-12-31&unit=48');
    const row = (ind: string, y: number) => dn.rows.find((r) => r.indicator === ind && r.period === y)!;
    expect(row('pci', 2016).value).toBeCloseTo(70.0, 2);
    expect(row('pci', 2016).sources.map((s) => s.dataset)).toEqual(['vcci-pci-2005-2016']);
    expect(row('pci', 2017).value).toBeCloseTo(70.11, 2);
    expect(row('pci', 2017).sources.map((s) => s.dataset)).toEqual(['vcci-pci-2017-2018']);
    expect(row('pci', 2022).sources.map((s) => s.dataset)).toEqual(['vcci-pci-2019-2022']);
    expect(row('pci_rank', 2017).value).toBe(2);
    expect(dn.rows.filter((r) => r.indicator === 'pci_rank' && r.value !== null).map((r) => r.period)).toEqual([
      2017, 2018,
    ]);
    // Sub-indices stay 2005–2016.
    expect((await get('/api/v1/indicators/pci_entry')).json().periods.at(-1)).toBe(2016);
  });

  it('the two compilations agree where they meet: every 2017 province has a score, within 0–100', async () => {
    const res = await data('indicator=pci&level=province&at=2024-12-31&from=2016&to=2017');
    for (const y of [2016, 2017]) {
      const vs = res.rows.filter((r) => r.period === y && r.value !== null).map((r) => r.value!);
      expect(vs).toHaveLength(63);
      expect(Math.min(...vs)).toBeGreaterThan(40);
      expect(Math.max(...vs)).toBeLessThan(100);
    }
  });
});

describe('PAPI 2011–2024', () => {
  it('2020 dimension sums from the database equal the published totals; derived figures say so', async () => {
    const res = await data(
      'indicator=papi_8d,papi,papi_participation,papi_environment,papi_egovernance&level=province&at=2024-12-31&period=2020',
    );
    const v = (ind: string, code: string) => res.rows.find((r) => r.indicator === ind && r.unitCode === code)!.value!;
    expect(v('papi_8d', '22')).toBeCloseTo(48.811, 3);
    expect(v('papi_participation', '22')).toBeCloseTo(5.805, 3);
    expect(v('papi_environment', '22')).toBeCloseTo(4.964, 3);
    expect(v('papi_egovernance', '22')).toBeCloseTo(3.14, 3);
    expect(v('papi_8d', '19')).toBeCloseTo(46.471, 3);
    expect(v('papi_8d', '87')).toBeCloseTo(46.961, 3);
    expect(v('papi_8d', '27')).toBeCloseTo(45.31, 2);
    // The six original dimensions = the eight minus the two added in 2018.
    expect(v('papi', '22')).toBeCloseTo(48.811 - 4.964 - 3.14, 3);
    const ds = res.datasets.find((d) => d.code === 'papi-2017-2024-derived')!;
    expect(ds.titleEn).toContain('derived');
    const row = res.rows.find((r) => r.indicator === 'papi_8d' && r.unitCode === '22')!;
    expect(row.sources.map((s) => s.dataset)).toEqual(['papi-2017-2024-derived']);
  });

  it('the sub-dimensions join the 2011–2016 codes, and the indicators carry the notes on 2017 and 2018', async () => {
    const res = await data('indicator=papi_participation_knowledge&level=province&at=2024-12-31&unit=01');
    expect(res.rows.filter((r) => r.value !== null).map((r) => r.period)).toEqual([
      2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    const papi = (await get('/api/v1/indicators/papi')).json();
    expect(papi.definitionEn).toContain('eight dimensions');
    expect(papi.definitionEn).toContain('assumed from 2016');
    expect(papi.periods).toEqual(Array.from({ length: 14 }, (_, i) => 2011 + i));
    expect((await get('/api/v1/indicators/papi_transparency')).json().definitionVi).toContain('giả định');
  });
});

describe('on the 34 provinces of today', () => {
  it('a merged province shows the mean of its former provinces as an estimate, and nothing when one is missing', async () => {
    const pci = ref('vn63_pci_2017_2022.csv');
    const score = (code: string) =>
      Number(pci.find((r) => r.province_code === code && r.year === '2022' && r.indicator === 'pci_score')!.value);
    const res = await data('indicator=pci&level=province&period=2022');
    expect(res.rows).toHaveLength(34);
    const tq = res.rows.find((r) => r.unitCode === '08')!; // Tuyên Quang = Hà Giang (02) + Tuyên Quang (08)
    expect(tq.value).toBeCloseTo((score('02') + score('08')) / 2, 9);
    expect(tq.status).toBe('estimate');
    expect(tq.method.via).toBe('crosswalk');
    expect(tq.method.textVi).toContain('số ước tính');
    const hn = res.rows.find((r) => r.unitCode === '01')!; // not merged: its own figure, final
    expect(hn.status).toBe('final');
    expect(hn.value).toBeCloseTo(score('01'), 9);
    const y13 = await data('indicator=pci&level=province&period=2013');
    const tq13 = y13.rows.find((r) => r.unitCode === '08')!; // only Tuyên Quang has a 2013 score
    expect(tq13.value).toBeNull();
    expect(tq13.partialValue).toBeGreaterThan(0);
    expect(tq13.coverage).toMatchObject({ withData: 1, total: 2, complete: false });
  });
});

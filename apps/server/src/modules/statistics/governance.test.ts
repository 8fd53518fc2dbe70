import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { INDICATORS } from './catalogue';
import {
  derivePapiScores,
  governanceCatalogue,
  governanceDatasets,
  type LongRow,
  layoutMap,
  mapRows,
  papiLayout,
  parseLongFile,
} from './governance';

/** The pure part of PCI 2017–2022 and PAPI 2017–2024 (issue 19): layout, mapping and the derived PAPI scores. */

const file = (name: string) => parseLongFile(fs.readFileSync(path.join(REFERENCE_DIR, 'stats', name), 'utf8'));
const row = (code: string, indicator: string, year: number, value: number): LongRow => ({
  code,
  indicator,
  year,
  value,
  source: 'test',
});

describe('derivePapiScores', () => {
  const layout = [
    { sourceIndicator: 'a__1', code: 'x1', dimension: 'papi_participation' },
    { sourceIndicator: 'a__2', code: 'x2', dimension: 'papi_participation' },
    { sourceIndicator: 'b__1', code: 'y1', dimension: 'papi_environment' },
  ];

  it('sums the sub-dimensions of a dimension; a province missing one of that year gets no dimension (not a smaller one)', () => {
    const out = derivePapiScores(
      [row('01', 'a__1', 2018, 1.25), row('01', 'a__2', 2018, 2.5), row('02', 'a__1', 2018, 1)],
      layout,
    );
    expect(out).toEqual([{ indicator: 'papi_participation', code: '01', year: 2018, value: 3.75 }]);
  });

  it('the layout is per year: a sub-dimension that did not exist that year is not required', () => {
    const out = derivePapiScores(
      [row('01', 'a__1', 2017, 1.5), row('01', 'a__1', 2018, 1), row('01', 'a__2', 2018, 2)],
      layout,
    );
    expect(out.find((o) => o.year === 2017)).toEqual({
      indicator: 'papi_participation',
      code: '01',
      year: 2017,
      value: 1.5,
    });
    expect(out.find((o) => o.year === 2018)!.value).toBe(3);
  });

  it('totals need every dimension: no `papi` without the six, no `papi_8d` in a year without eight', () => {
    const out = derivePapiScores(
      [row('01', 'a__1', 2018, 1), row('01', 'a__2', 2018, 2), row('01', 'b__1', 2018, 4)],
      layout,
    );
    expect(out.map((o) => o.indicator).sort()).toEqual(['papi_environment', 'papi_participation']);
  });

  it('refuses a sub-dimension that is not in the layout', () => {
    expect(() => derivePapiScores([row('01', 'zz__1', 2018, 1)], layout)).toThrow(/not in the PAPI layout/);
  });
});

describe('the reference files', () => {
  const papi = file('vn63_papi_subdimensions_2017_2024.csv');
  const derived = derivePapiScores(papi, papiLayout());
  const get = (indicator: string, code: string, year: number) =>
    derived.find((d) => d.indicator === indicator && d.code === code && d.year === year)?.value;

  it('the layout maps each of the 34 sub-dimensions of the file to a catalogue code, 2011–2016 codes where they continue', () => {
    const layout = papiLayout();
    expect(new Set(papi.map((r) => r.indicator))).toEqual(new Set(layout.map((l) => l.sourceIndicator)));
    expect(layout).toHaveLength(34);
    const existing = new Set(INDICATORS.map((i) => i.code));
    const added = new Set(governanceCatalogue().indicators.map((i) => i.code));
    for (const l of layout) {
      expect(existing.has(l.code) || added.has(l.code), l.code).toBe(true);
      expect(existing.has(l.dimension) || added.has(l.dimension), l.dimension).toBe(true);
    }
    // 31 codes (the three 2017 transparency sub-dimensions and their 2018 successors share codes); 22 of them continue
    // 2011–2016 sub-dimensions, 9 are new.
    const codes = new Set(layout.map((l) => l.code));
    expect(codes.size).toBe(31);
    expect([...codes].filter((c) => existing.has(c))).toHaveLength(22);
    expect(mapRows(papi, layoutMap(layout))).toHaveLength(papi.length);
  });

  it('PAPI 2020 dimension sums equal the published totals (Quảng Ninh 48.811 and its eight dimensions)', () => {
    const qn: Record<string, number> = {
      papi_participation: 5.805,
      papi_transparency: 6.499,
      papi_accountability: 4.793,
      papi_corruption: 8.286,
      papi_procedures: 7.611,
      papi_service: 7.713,
      papi_environment: 4.964,
      papi_egovernance: 3.14,
    };
    for (const [dim, v] of Object.entries(qn)) expect(get(dim, '22', 2020)).toBeCloseTo(v, 3);
    expect(get('papi_8d', '22', 2020)).toBeCloseTo(48.811, 3);
    expect(get('papi_8d', '19', 2020)).toBeCloseTo(46.471, 3); // Thái Nguyên
    expect(get('papi_8d', '87', 2020)).toBeCloseTo(46.961, 3); // Đồng Tháp
    expect(get('papi_8d', '27', 2020)).toBeCloseTo(45.31, 2); // Bắc Ninh (published to two decimals)
  });

  it('missing province-years stay missing: no scores for 2021 (22, 24, 27), 2023 (22, 74), 2024 (26, 82); 2018 totals need transparency', () => {
    for (const [year, codes] of [
      [2021, ['22', '24', '27']],
      [2023, ['22', '74']],
      [2024, ['26', '82']],
    ] as const)
      for (const c of codes) expect(derived.filter((d) => d.code === c && d.year === year)).toEqual([]);
    expect(get('papi_participation', '22', 2018)).toBeGreaterThan(0);
    expect(get('papi_transparency', '22', 2018)).toBeUndefined();
    expect(get('papi', '22', 2018)).toBeUndefined();
    expect(derived.every((d) => d.value > 0)).toBe(true);
  });

  it('the PCI datasets split the file by compilation: 2017–2018 with ranks, 2019–2022 without', () => {
    const pci = file('vn63_pci_2017_2022.csv');
    const [a, b] = governanceDatasets().filter((d) => d.file === 'vn63_pci_2017_2022.csv');
    const years = (prefix: string) => [...new Set(pci.filter((r) => r.source.startsWith(prefix)).map((r) => r.year))];
    expect(years(a.rows)).toEqual([2017, 2018]);
    expect(years(b.rows)).toEqual([2019, 2020, 2021, 2022]);
    expect(
      pci.filter((r) => r.source.startsWith(a.rows)).length + pci.filter((r) => r.source.startsWith(b.rows)).length,
    ).toBe(pci.length);
  });

  it('refuses a row without a two-digit code or a number, naming the line', () => {
    const head = 'province_code,province_name_vi,indicator,year,value,unit,source\n';
    expect(() => parseLongFile(`${head}1,Hà Nội,pci_score,2017,64.71,x,y\n`)).toThrow(/Line 2/);
    expect(() => parseLongFile(`${head}01,Hà Nội,pci_score,2017,,x,y\n`)).toThrow(/Line 2/);
  });
});

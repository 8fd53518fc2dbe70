import { type ReportModel, VI_LETTERS, viLetter } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture2025 } from './fixture-2025';
import {
  completenessRows,
  fieldText,
  findMissingContent,
  letterNumber,
  listTasks,
  numberLine,
  officialDate,
  placeAndDate,
  reporterCounts,
  reporterCountsPhrase,
  resolveTable,
  shortDate,
  tableDate,
  taskStatusCounts,
} from './report-model';

describe('official formats (Decree 30/2020)', () => {
  it('writes the date line with leading zeros for days < 10 and months 1–2, blanks while unknown', () => {
    expect(officialDate({ day: 26, month: 12, year: 2025 })).toBe('ngày 26 tháng 12 năm 2025');
    expect(officialDate({ day: 5, month: 2, year: 2026 })).toBe('ngày 05 tháng 02 năm 2026');
    expect(officialDate({ day: 9, month: 3, year: 2026 })).toBe('ngày 09 tháng 3 năm 2026');
    expect(officialDate({ day: null, month: 12, year: 2025 })).toMatch(/^ngày +tháng 12 năm 2025$/);
  });

  it('keeps the date line matching the CI pattern for every day and month, known or blank', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        fc.integer({ min: 2000, max: 2100 }),
        (day, month, year) => {
          const line = `Hà Nội, ${officialDate({ day, month, year })}`;
          expect(line).toMatch(/^Hà Nội, ngày *\d{0,2} *tháng *\d{0,2} *năm \d{4}$/);
          if (day !== null) expect(line).toContain(`ngày ${String(day).padStart(2, '0')} `);
        },
      ),
    );
  });

  it('writes the number: digits, slash, uppercase symbol, no spaces; blank until issued', () => {
    expect(letterNumber({ number: '20208', symbol: 'BTC-VCL' })).toBe('20208/BTC-VCL');
    expect(letterNumber({ number: '7', symbol: 'BTC-VCL' })).toBe('07/BTC-VCL');
    expect(`Số: ${letterNumber({ number: null, symbol: 'BTC-VCL' })}`).toMatch(/^Số: *\d*\/BTC-VCL$/);
  });

  it('writes dates in running text and tables', () => {
    expect(shortDate('2022-04-21')).toBe('21/4/2022');
    expect(shortDate('2025-01-16')).toBe('16/01/2025');
    expect(shortDate('2025-10-05')).toBe('05/10/2025');
    expect(tableDate('2025-12-01')).toBe('01/12/2025');
  });

  it('letters points in Vietnamese order without f, j, w, z', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(viLetter).join('')).toBe('abcdđeg');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (i) => {
        expect(viLetter(i)).not.toMatch(/[fjwz]/);
        expect(viLetter(i)).toMatch(new RegExp(`^[${VI_LETTERS.join('')}]+$`));
      }),
    );
    const first60 = Array.from({ length: 60 }, (_, i) => viLetter(i));
    expect(new Set(first60).size).toBe(60);
  });
});

describe('figures computed from the model, never typed', () => {
  const model = loadFixture2025();

  it('counts the appendix rows of each group for the letter', () => {
    expect(reporterCounts(model)).toEqual({ ministries: 11, localities: 27 });
    expect(reporterCountsPhrase(model)).toBe('11 bộ, cơ quan trung ương và 27 địa phương');
    expect(fieldText('reporterCounts', model)).toBe('11 bộ, cơ quan trung ương và 27 địa phương');
    const fewer: ReportModel = { ...model, reporters: model.reporters.filter((r) => r.organisationCode !== 'UBND-20') };
    expect(fieldText('reporterCounts', fewer)).toBe('11 bộ, cơ quan trung ương và 26 địa phương');
    expect(fieldText('localityCount', { ...model, reporters: model.reporters.slice(0, 14) })).toBe('03');
  });

  it('fills the cited instruments from the settings', () => {
    expect(fieldText('requestLetter', model)).toBe('Công văn số 17432/BTC-VCL ngày 10/11/2025');
    expect(fieldText('cutOffDate', model)).toBe('23/12/2025');
    expect(fieldText('letterReference', model)).toBe('công văn số 20208/BTC-VCL ngày 26 tháng 12 năm 2025');
    expect(numberLine(model.settings)).toBe('Số: 20208/BTC-VCL');
    expect(placeAndDate(model.settings)).toBe('Hà Nội, ngày 26 tháng 12 năm 2025');
  });

  it('computes completeness by group and region that adds up', () => {
    const rows = completenessRows(model);
    const regions = rows.filter((r) => r.level === 'region');
    const localities = rows.find((r) => r.key === 'locality')!;
    expect(regions).toHaveLength(6);
    expect(regions.reduce((a, r) => a + r.received, 0)).toBe(localities.received);
    expect(regions.reduce((a, r) => a + r.expected, 0)).toBe(localities.expected);
    expect(localities).toMatchObject({ expected: 34, received: 27 });
    expect(rows.find((r) => r.key === 'total')).toMatchObject({ expected: 52, received: 38 });
    // The request went to every ministry and ministerial-level agency: Table 1 does not claim that all of them reported.
    expect(rows.find((r) => r.key === 'ministry')).toMatchObject({ expected: 18, received: 11 });
    expect(localities.missing).toContain('UBND TP. Hồ Chí Minh');
    const table = resolveTable(model, 'builtin:completeness')!;
    expect(table.rows.at(-1)).toEqual(['Tổng cộng', '52', '38', '14', '73,1%']);
    expect(table.rows[0]).toEqual(['Bộ, ngành, cơ quan ngang bộ', '18', '11', '7', '61,1%']);
  });

  it('counts every task once by its consolidated status', () => {
    const counts = taskStatusCounts(model);
    expect(counts.reduce((a, c) => a + c.count, 0)).toBe(listTasks(model).length);
    const table = resolveTable(model, 'builtin:task-status')!;
    expect(table.rows.at(-1)).toEqual(['Tổng cộng', String(listTasks(model).length), '100,0%']);
  });

  it('lists what is missing before a final export', () => {
    expect(findMissingContent(model)).toEqual([]);
    const draft = structuredClone(model);
    draft.letter.sections[1].blocks = [];
    draft.report.partThree.sections[2].blocks = [
      { kind: 'paragraph', content: [{ kind: 'text', text: '  ', bold: false, italic: false }] },
    ];
    draft.report.intro.push({ kind: 'table', tableId: 'indicator:missing' });
    const missing = findMissingContent(draft);
    expect(missing.map((m) => m.path)).toEqual(['letter.sections.1', 'report.partThree.sections.2', 'report.intro.6']);
    expect(missing[0].messageVi).toContain('chưa có nội dung');
  });
});

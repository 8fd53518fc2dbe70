import { REPORT_TASK_STATUS_LABELS, type ReportModel } from '@regionlink/shared';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../lib/http';
import { blocksText, completenessRows, listTasks, orderNarratives, reporterCounts, shortDate } from './report-model';

/**
 * The XLSX annex of the package: every organisation's status and narrative per task as a matrix and as rows, the
 * reporters list of Appendix 1, the organisations that did not report, and a sheet saying where it all came from.
 * Every text cell that comes from user text goes through `neutraliseCell`, so no cell can start a formula.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };
const txt = (s: string | null | undefined) => neutraliseCell((s ?? '').normalize('NFC'));

/** A date cell (UTC midnight, shown as dd/mm/yyyy) or empty. */
const dateCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function styleHeader(ws: ExcelJS.Worksheet) {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export const XLSX_SHEETS = {
  matrix: 'Ma trận tình hình',
  narratives: 'Nội dung báo cáo',
  reporters: 'Danh sách đã báo cáo',
  missing: 'Chưa gửi báo cáo',
  about: 'Nguồn',
} as const;

/** Build the XLSX annex of a report model. */
export async function writeXlsx(model: ReportModel, generatedAt = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RegionLink – Hệ thống thông tin liên kết vùng';
  wb.created = generatedAt;
  wb.title = `Phụ lục số liệu – ${model.settings.reportTitle}`;
  const tasks = listTasks(model);
  const reporters = model.reporters.filter((r) => !r.drafting);
  const regionName = new Map(model.regions.map((r) => [r.code, r.nameVi]));

  // 1. Matrix: one row per task, one column per reporting organisation.
  const matrix = wb.addWorksheet(XLSX_SHEETS.matrix);
  matrix.columns = [
    { header: 'Mã nhiệm vụ', key: 'code', width: 11 },
    { header: 'Nhiệm vụ', key: 'task', width: 60 },
    { header: 'Tình hình chung', key: 'status', width: 22 },
    { header: 'Số cơ quan báo cáo', key: 'count', width: 12 },
    ...reporters.map((r) => ({ header: txt(r.name), key: r.organisationCode, width: 16 })),
  ];
  for (const { item, task } of tasks) {
    const byOrg = new Map(task.narratives.map((n) => [n.organisationCode, n]));
    const values: Record<string, string | number> = {
      code: txt(task.code),
      task: txt(task.subheading ? `${item.heading} — ${task.subheading}` : item.heading),
      status: task.status ? REPORT_TASK_STATUS_LABELS[task.status].vi : 'Chưa đánh giá',
      count: task.narratives.length,
    };
    for (const r of reporters) {
      const n = byOrg.get(r.organisationCode);
      values[r.organisationCode] = n ? REPORT_TASK_STATUS_LABELS[n.status].vi : '';
    }
    matrix.addRow(values).alignment = { vertical: 'top', wrapText: true };
  }
  styleHeader(matrix);
  matrix.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  matrix.getRow(1).height = 60;

  // 2. Narratives: one row per (task, organisation).
  const narr = wb.addWorksheet(XLSX_SHEETS.narratives);
  narr.columns = [
    { header: 'STT', key: 'no', width: 6 },
    { header: 'Mã nhiệm vụ', key: 'code', width: 11 },
    { header: 'Nhiệm vụ', key: 'task', width: 40 },
    { header: 'Cơ quan', key: 'org', width: 30 },
    { header: 'Mã cơ quan', key: 'orgCode', width: 11 },
    { header: 'Nhóm', key: 'group', width: 12 },
    { header: 'Vùng', key: 'region', width: 26 },
    { header: 'Số văn bản', key: 'docNo', width: 18 },
    { header: 'Ngày văn bản', key: 'docDate', width: 13, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Tình hình thực hiện', key: 'status', width: 22 },
    { header: 'Nội dung báo cáo', key: 'text', width: 90 },
    { header: 'In trong báo cáo', key: 'include', width: 10 },
  ];
  let no = 0;
  for (const { item, task } of tasks) {
    for (const n of orderNarratives(model, task.narratives)) {
      narr.addRow({
        no: ++no,
        code: txt(task.code),
        task: txt(task.subheading ?? item.heading),
        org: txt(n.organisationName),
        orgCode: txt(n.organisationCode),
        group: n.group === 'ministry' ? 'Bộ, ngành' : 'Địa phương',
        region: txt(n.regionCode ? (regionName.get(n.regionCode) ?? n.regionCode) : ''),
        docNo: txt(n.documentNumber),
        docDate: dateCell(n.documentDate),
        status: REPORT_TASK_STATUS_LABELS[n.status].vi,
        text: txt(blocksText(n.blocks, model)),
        include: n.include ? 'Có' : 'Không',
      }).alignment = { vertical: 'top', wrapText: true };
    }
  }
  styleHeader(narr);
  narr.autoFilter = { from: 'A1', to: 'L1' };

  // 3. Reporters (Appendix 1).
  const rep = wb.addWorksheet(XLSX_SHEETS.reporters);
  rep.columns = [
    { header: 'Nhóm', key: 'group', width: 12 },
    { header: 'STT', key: 'no', width: 6 },
    { header: 'Cơ quan', key: 'name', width: 40 },
    { header: 'Mã cơ quan', key: 'code', width: 11 },
    { header: 'Số văn bản', key: 'docNo', width: 20 },
    { header: 'Ngày phát hành', key: 'issued', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Ngày nhận', key: 'received', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Mã tỉnh', key: 'province', width: 8 },
    { header: 'Vùng', key: 'region', width: 26 },
    { header: 'Ghi chú', key: 'note', width: 60 },
  ];
  const counters = { ministry: 0, locality: 0 };
  for (const r of model.reporters) {
    rep.addRow({
      group: r.group === 'ministry' ? 'Bộ, ngành' : 'Địa phương',
      no: ++counters[r.group],
      name: txt(r.name),
      code: txt(r.organisationCode),
      docNo: r.drafting ? 'Cơ quan soạn thảo' : txt(r.documentNumber),
      issued: dateCell(r.issuedOn),
      received: dateCell(r.receivedOn),
      province: txt(r.provinceCode),
      region: txt(r.regionCode ? (regionName.get(r.regionCode) ?? r.regionCode) : ''),
      note: txt(r.note),
    }).alignment = { vertical: 'top', wrapText: true };
  }
  styleHeader(rep);
  rep.autoFilter = { from: 'A1', to: 'J1' };

  // 4. Organisations asked that did not report.
  const miss = wb.addWorksheet(XLSX_SHEETS.missing);
  miss.columns = [
    { header: 'Nhóm', key: 'group', width: 12 },
    { header: 'Cơ quan', key: 'name', width: 40 },
    { header: 'Mã cơ quan', key: 'code', width: 11 },
    { header: 'Mã tỉnh', key: 'province', width: 8 },
    { header: 'Vùng', key: 'region', width: 26 },
  ];
  for (const r of model.nonReporters)
    miss.addRow({
      group: r.group === 'ministry' ? 'Bộ, ngành' : 'Địa phương',
      name: txt(r.name),
      code: txt(r.organisationCode),
      province: txt(r.provinceCode),
      region: txt(r.regionCode ? (regionName.get(r.regionCode) ?? r.regionCode) : ''),
    });
  styleHeader(miss);

  // 5. Where the figures come from.
  const about = wb.addWorksheet(XLSX_SHEETS.about);
  about.columns = [
    { header: 'Mục', key: 'k', width: 34 },
    { header: 'Nội dung', key: 'v', width: 110 },
  ];
  const { ministries, localities } = reporterCounts(model);
  const total = completenessRows(model).find((r) => r.key === 'total');
  const rows: [string, string][] = [
    ['Báo cáo', model.settings.reportTitle],
    ['Nguồn dữ liệu', model.provenance],
    ['Hạn tổng hợp', shortDate(model.settings.cutOffDate)],
    [
      'Số cơ quan đã báo cáo',
      `${ministries} bộ, cơ quan trung ương và ${localities} địa phương (đếm các dòng của Phụ lục 1)`,
    ],
    [
      'Số cơ quan được đề nghị',
      total ? `${total.expected} (đã gửi ${total.received}, chưa gửi ${total.expected - total.received})` : '',
    ],
    ['Số nhiệm vụ', String(tasks.length)],
    [
      'Ngày địa giới',
      `${shortDate(model.settings.geographyDate)} (địa phương gắn với tỉnh theo mã đơn vị hành chính tại ngày này)`,
    ],
    ['Tạo lúc', generatedAt.toISOString()],
    [
      'Ghi chú',
      'Ô văn bản bắt đầu bằng =, +, -, @ được thêm dấu nháy đơn để bảng tính không thực hiện công thức. Ngày ở dạng ngày của bảng tính (dd/mm/yyyy).',
    ],
  ];
  for (const [k, v] of rows) about.addRow({ k, v: txt(v) }).alignment = { vertical: 'top', wrapText: true };
  styleHeader(about);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

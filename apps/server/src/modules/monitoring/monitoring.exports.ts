import type { Scorecard } from '@regionlink/shared';
import ExcelJS from 'exceljs';
import { toCsv } from '../../lib/http';

/** One row per province: rank, interval, score, each component's raw value, normalised score and lift. */
function table(card: Scorecard): { header: string[]; rows: (string | number | null)[][] } {
  const comps = card.components;
  const header = [
    'Mã tỉnh',
    'Tỉnh, thành phố',
    'Vùng',
    'Hạng',
    'Hạng tốt nhất',
    'Hạng kém nhất',
    'Điểm',
    'Tỷ lệ trọng số có dữ liệu',
    'Hạng năm trước',
    'Thành phần chi phối',
    ...comps.flatMap((c) => [
      `${c.nameVi} (${c.unit})`,
      `${c.nameVi}: điểm chuẩn hóa`,
      `${c.nameVi}: đóng góp so với bình quân`,
    ]),
  ];
  const ranked = [...card.provinces].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || a.code.localeCompare(b.code));
  const rows = ranked.map((p) => [
    p.code,
    p.nameVi,
    p.regionCode,
    p.rank,
    p.best,
    p.worst,
    p.score,
    p.coverage,
    p.previousRank,
    p.driver ? (comps.find((c) => c.code === p.driver!.code)?.nameVi ?? p.driver.code) : null,
    ...comps.flatMap((c) => [p.values[c.code] ?? null, p.normalised[c.code] ?? null, p.lifts[c.code] ?? null]),
  ]);
  return { header, rows };
}

const notes = (card: Scorecard) => [
  `Bảng điểm liên kết vùng năm ${card.year}, phương pháp phiên bản ${card.methodVersion}; ${
    card.published
      ? `bản công bố lần ${card.published.edition} ngày ${card.published.publishedAt.slice(0, 10)}`
      : 'tính tại thời điểm trích xuất'
  }; chuẩn hóa ${card.normalisation === 'minmax' ? 'min–max 0–10' : 'z-score'}; trọng số ${Object.entries(card.weights)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; khoảng hạng qua ${card.variants} phương án.`,
  `Phương pháp: ${card.methodVi}`,
  `Nguồn: ${card.source}`,
];

export function scorecardCsv(card: Scorecard): string {
  const t = table(card);
  return toCsv(t.header, t.rows);
}

export async function scorecardXlsx(card: Scorecard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RegionLink';
  const ws = wb.addWorksheet(`Bảng điểm ${card.year}`);
  ws.addRow([`Bảng điểm liên kết vùng của 34 tỉnh, thành phố — năm ${card.year}`]).font = { bold: true, size: 13 };
  for (const n of notes(card)) ws.addRow([n]);
  ws.addRow([]);
  const t = table(card);
  ws.addRow(t.header).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  const m = wb.addWorksheet('Phương pháp');
  m.addRow(['Thành phần', 'Đơn vị', 'Trọng số', 'Quy tắc']).font = { bold: true };
  for (const c of card.components) m.addRow([c.nameVi, c.unit, c.weight, c.ruleVi]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

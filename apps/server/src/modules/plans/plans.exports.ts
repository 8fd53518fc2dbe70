import type { ProjectFilterQuery, RfIndicator } from '@regionlink/shared';
import {
  FUNDING_SOURCES,
  FUNDING_TYPES,
  formatDateVi,
  PROJECT_STATUSES,
  SECTORS,
  TARGET_STATUSES,
} from '@regionlink/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import { toCsv } from '../../lib/http';
import { todayVn } from '../geo/geo.service';
import { buildIatiActivities } from './iati';
import { findProjects, type LoadedProject, type toListItem } from './projects.service';
import { STATUS_RULE } from './target-status';

const provincesText = (item: ReturnType<typeof toListItem>) =>
  item.provinces
    .map((p) => `${p.code} ${p.nameVi} (${p.role === 'located' ? 'địa điểm' : 'chịu tác động'})`)
    .join('; ');
const todayText = (item: ReturnType<typeof toListItem>) =>
  [
    ...new Map(
      item.provinces.filter((p) => p.today).map((p) => [p.today!.code, `${p.today!.code} ${p.today!.nameVi}`]),
    ).values(),
  ].join('; ');
const filterText = (q: ProjectFilterQuery) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || 'không lọc (toàn bộ danh mục)';

const REGISTRY_HEADER = [
  'code',
  'name_vi',
  'name_en',
  'plan',
  'task_group',
  'sector',
  'sector_vi',
  'phase',
  'period_text',
  'status',
  'funding_type',
  'intended_sources',
  'provinces_recorded',
  'provinces_today_34',
  'unresolved_locations',
  'inter_provincial',
  'inter_provincial_today',
  'planned_million_vnd',
  'allocated_million_vnd',
  'disbursed_million_vnd',
  'late_milestones',
  'responsible_orgs',
  'demo_data',
];

function registryRow(item: ReturnType<typeof toListItem>) {
  return [
    item.code,
    item.nameVi,
    item.nameEn,
    item.planCode,
    item.taskGroupCode,
    item.sector,
    SECTORS[item.sector].vi,
    item.phase,
    item.periodText,
    item.status,
    item.fundingType,
    item.intendedSources.join('; '),
    provincesText(item),
    todayText(item),
    item.unresolved.map((u) => `${u.text} [${u.reason}]`).join('; '),
    item.interProvincial ? 'true' : 'false',
    item.interProvincialToday ? 'true' : 'false',
    item.funding.planned,
    item.funding.allocated,
    item.funding.disbursed,
    item.lateMilestones,
    item.responsibleOrgs.map((o) => `${o.code}${o.isDemo ? ' (minh họa)' : ''}`).join('; '),
    item.hasDemoData ? 'true' : 'false',
  ];
}

/** The registry as CSV (UTF-8 with BOM, formula-looking text neutralised), for the same filters as the list. */
export async function registryCsv(db: Db, q: ProjectFilterQuery): Promise<string> {
  const { matched } = await findProjects(db, q);
  return toCsv(
    REGISTRY_HEADER,
    matched.map((m) => registryRow(m.item)),
  );
}

function sheetHeader(ws: ExcelJS.Worksheet, title: string, lines: string[], header: string[]) {
  ws.addRow([title]).font = { bold: true, size: 13 };
  for (const l of lines) ws.addRow([l]).font = { italic: true, size: 9, color: { argb: 'FF555555' } };
  ws.addRow([]);
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6EE' } };
  return h.number;
}

// XLSX cells from user text are written as string cells (never formulas), so they keep their exact text.
const cell = (v: unknown) => v ?? null;

/**
 * The registry as an XLSX workbook: projects, funding lines and unresolved locations, each sheet headed by the
 * filters, the date and the source; amounts as numbers in million VND; user text written as text, never formulas.
 */
export async function registryXlsx(db: Db, q: ProjectFilterQuery): Promise<Buffer> {
  const { matched, at } = await findProjects(db, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RegionLink';
  wb.created = new Date();
  const notes = [
    `Bộ lọc: ${filterText(q)}; địa giới ngày ${formatDateVi(at)}; trích xuất ngày ${formatDateVi(todayVn())}.`,
    'Nguồn: Kế hoạch thực hiện Quy hoạch vùng (nội dung văn bản, mục II.1.a–d); đơn vị tiền: triệu đồng.',
    matched.some((m) => m.item.hasDemoData)
      ? 'Lưu ý: các dòng vốn, mốc tiến độ và cơ quan chịu trách nhiệm đánh dấu "minh họa" là số liệu dùng thử, không phải số liệu chính thức.'
      : '',
  ].filter(Boolean);
  const ws = wb.addWorksheet('Danh mục dự án');
  const headerRow = sheetHeader(ws, 'Danh mục dự án liên kết vùng', notes, [
    'Mã',
    'Tên dự án',
    'Tên tiếng Anh',
    'Kế hoạch',
    'Nhóm nhiệm vụ',
    'Lĩnh vực',
    'Giai đoạn',
    'Trạng thái',
    'Hình thức vốn',
    'Tỉnh (địa giới ghi nhận)',
    'Tỉnh hiện nay (34)',
    'Địa điểm chưa xác định',
    'Liên tỉnh',
    'Kế hoạch vốn (tr.đ)',
    'Vốn được giao (tr.đ)',
    'Giải ngân (tr.đ)',
    'Số mốc trễ hạn',
    'Có số liệu minh họa',
  ]);
  for (const { item } of matched)
    ws.addRow(
      [
        item.code,
        item.nameVi,
        item.nameEn,
        item.planCode,
        item.taskGroupCode,
        SECTORS[item.sector].vi,
        item.phase ?? item.periodText,
        PROJECT_STATUSES[item.status].vi,
        FUNDING_TYPES[item.fundingType].vi,
        provincesText(item),
        todayText(item),
        item.unresolved.map((u) => u.text).join('; '),
        item.interProvincial ? 'Có' : 'Không',
        item.funding.planned,
        item.funding.allocated,
        item.funding.disbursed,
        item.lateMilestones,
        item.hasDemoData ? 'Có' : 'Không',
      ].map(cell),
    );
  for (const c of [14, 15, 16]) ws.getColumn(c).numFmt = '#,##0';
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  [10, 50, 40, 18, 10, 26, 12, 18, 18, 50, 30, 30, 8, 16, 16, 16, 8, 8].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  const wl = wb.addWorksheet('Dòng vốn');
  sheetHeader(wl, 'Dòng vốn theo nguồn và năm (triệu đồng)', notes, [
    'Mã dự án',
    'Nguồn vốn',
    'Năm',
    'Kế hoạch',
    'Được giao',
    'Giải ngân',
    'Giải thích vượt giải ngân',
    'Minh họa',
  ]);
  for (const { p } of matched as { p: LoadedProject }[])
    for (const l of p.lines)
      wl.addRow(
        [
          p.row.code,
          FUNDING_SOURCES[l.source as keyof typeof FUNDING_SOURCES].vi,
          l.year,
          l.planned,
          l.allocated,
          l.disbursed,
          l.overDisbursementNote,
          l.isDemo ? 'Có' : 'Không',
        ].map(cell),
      );
  for (const c of [4, 5, 6]) wl.getColumn(c).numFmt = '#,##0';

  const wu = wb.addWorksheet('Địa điểm chưa xác định');
  sheetHeader(wu, 'Phần mô tả địa điểm không xác định được tỉnh (liệt kê, không suy đoán)', notes, [
    'Mã dự án',
    'Văn bản địa điểm',
    'Lý do',
  ]);
  for (const { p } of matched) for (const u of p.unresolved) wu.addRow([p.row.code, u.text, u.reason].map(cell));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The registry as IATI activities (standard 2.03), for exchange with development partners. */
export async function registryIati(db: Db, q: ProjectFilterQuery): Promise<string> {
  const { matched } = await findProjects(db, q);
  return buildIatiActivities(
    matched.map(({ p, item }) => ({
      code: item.code,
      nameVi: item.nameVi,
      nameEn: item.nameEn,
      descriptionVi: p.row.notes,
      sector: item.sector,
      status: item.status,
      phase: item.phase,
      leadOrgs: item.responsibleOrgs,
      provinces: item.provinces,
      fundingLines: p.lines.map((l) => ({
        source: l.source as keyof typeof FUNDING_SOURCES,
        year: l.year,
        planned: l.planned,
        allocated: l.allocated,
        disbursed: l.disbursed,
      })),
      updatedAt: new Date(p.row.updatedAt).toISOString(),
      hasDemoData: item.hasDemoData,
    })),
    { generatedAt: new Date().toISOString(), reportingOrg: { vi: 'Bộ Tài chính', en: 'Ministry of Finance' } },
  );
}

const RF_HEADER = [
  'plan',
  'code',
  'name_vi',
  'name_en',
  'unit',
  'scope',
  'direction',
  'baseline_year',
  'baseline_value',
  'targets_current',
  'target_history',
  'actual_year',
  'actual_value',
  'actual_source',
  'status',
  'status_vi',
  'explanation_vi',
  'stats_indicator_code',
  'source_document',
  'demo',
];

function rfRow(i: RfIndicator) {
  const t = (x: RfIndicator['targets'][number]) => `${x.kind} ${x.year ?? '—'}: ${x.value} (r${x.revision})`;
  return [
    i.planCode,
    i.code,
    i.nameVi,
    i.nameEn,
    i.unit,
    `${i.scopeKind} ${i.scopeCode} ${i.scopeName}`,
    i.direction,
    i.baselineYear,
    i.baselineValue,
    i.targets.map(t).join('; '),
    i.history.map((x) => `${t(x)}${x.reason ? ` — ${x.reason}` : ''}`).join('; '),
    i.actual?.year ?? null,
    i.actual?.value ?? null,
    i.actual ? `${i.actual.origin}: ${i.actual.sourceText}` : (i.actualNote?.vi ?? ''),
    i.assessment.status,
    TARGET_STATUSES[i.assessment.status].vi,
    i.assessment.explanationVi,
    i.statsIndicatorCode,
    i.sourceDocument,
    i.isDemo ? 'true' : 'false',
  ];
}

/** The results framework as CSV, with the status, its explanation and the target history. */
export function resultsFrameworkCsv(items: RfIndicator[]): string {
  return toCsv(RF_HEADER, items.map(rfRow));
}

/** The results framework as XLSX, with the status rule printed above the table. */
export async function resultsFrameworkXlsx(planName: string, items: RfIndicator[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RegionLink';
  const ws = wb.addWorksheet('Khung kết quả');
  sheetHeader(
    ws,
    `Khung kết quả thực hiện — ${planName}`,
    [
      `Trích xuất ngày ${formatDateVi(todayVn())}.`,
      `Quy tắc đánh giá: ${STATUS_RULE.vi}`,
      items.some((i) => i.isDemo) ? 'Chỉ tiêu đánh dấu "minh họa" là dữ liệu dùng thử, không thuộc Phụ lục I.' : '',
    ].filter(Boolean),
    RF_HEADER,
  );
  for (const i of items) ws.addRow(rfRow(i).map(cell));
  ws.getColumn(3).width = 60;
  ws.getColumn(17).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import {
  formatNumberVi,
  REPORT_TASK_STATUS_LABELS,
  type ReportBlock,
  type ReportEditorialSection,
  type ReportField,
  type ReportInline,
  type ReportLetterSettings,
  type ReportModel,
  type ReportNarrative,
  type ReportPartOneItem,
  type ReportPartOneSection,
  type ReportTable,
  type ReportTask,
  type ReportTaskStatus,
} from '@regionlink/shared';

/**
 * Pure rules over the report model shared by every generator: official date and number formats (Decree 30/2020),
 * fields computed from data (counts, dates, references), the task walk of Part I, status summaries and the computed
 * tables. Nothing here does I/O, so the numbers a document prints are unit-testable.
 */

/** Two digits for numbers below 10 ("06 nhiệm vụ", "05/10/2025"): the style of state documents. */
export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

const BLANK = '     ';

/** "ngày 26 tháng 12 năm 2025"; day < 10 and months 1–2 get a leading zero; unknown parts stay blank for the records office. */
export function officialDate(s: Pick<ReportLetterSettings, 'day' | 'month' | 'year'>): string {
  const day = s.day === null ? BLANK : pad2(s.day);
  const month = s.month === null ? BLANK : s.month <= 2 ? pad2(s.month) : String(s.month);
  return `ngày ${day} tháng ${month} năm ${s.year}`;
}

/** "Hà Nội, ngày 26 tháng 12 năm 2025" (ô 4). */
export const placeAndDate = (s: ReportLetterSettings) => `${s.place}, ${officialDate(s)}`;

/** The number of the letter: "20208/BTC-VCL", or "     /BTC-VCL" until the records office gives one. */
export function letterNumber(s: Pick<ReportLetterSettings, 'number' | 'symbol'>): string {
  if (s.number === null) return `${BLANK}/${s.symbol}`;
  const n = Number(s.number);
  return `${n < 10 ? pad2(n) : s.number}/${s.symbol}`;
}

/** "Số: 20208/BTC-VCL" (ô 3). */
export const numberLine = (s: ReportLetterSettings) => `Số: ${letterNumber(s)}`;

/** "công văn số 20208/BTC-VCL ngày 26 tháng 12 năm 2025": how the report and appendix cite the letter. */
export const letterReference = (s: ReportLetterSettings) => `công văn số ${letterNumber(s)} ${officialDate(s)}`;

/** A date in running text: "21/4/2022", "05/10/2025", "16/01/2025" (day < 10 and months 1–2 with a leading zero). */
export function shortDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${pad2(d)}/${m <= 2 ? pad2(m) : m}/${y}`;
}

/** A date in a table: always dd/mm/yyyy. */
export function tableDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Rows of each group of Appendix 1: the counts the letter prints are these, never typed. */
export function reporterCounts(model: Pick<ReportModel, 'reporters'> & { received?: ReportModel['received'] }) {
  if (model.received) return { ...model.received };
  let ministries = 0;
  let localities = 0;
  for (const r of model.reporters) {
    if (r.group === 'ministry') ministries++;
    else localities++;
  }
  return { ministries, localities };
}

/** "11 bộ, cơ quan trung ương và 27 địa phương". */
export function reporterCountsPhrase(
  model: Pick<ReportModel, 'reporters'> & { received?: ReportModel['received'] },
): string {
  const { ministries, localities } = reporterCounts(model);
  if (localities === 0) return `${pad2(ministries)} bộ, cơ quan trung ương`;
  if (ministries === 0) return `${pad2(localities)} địa phương`;
  return `${pad2(ministries)} bộ, cơ quan trung ương và ${pad2(localities)} địa phương`;
}

/** The text of a field in a given model. */
export function fieldText(
  field: ReportField,
  model: Pick<ReportModel, 'settings' | 'reporters'> & { received?: ReportModel['received'] },
): string {
  const s = model.settings;
  switch (field) {
    case 'reporterCounts':
      return reporterCountsPhrase(model);
    case 'ministryCount':
      return pad2(reporterCounts(model).ministries);
    case 'localityCount':
      return pad2(reporterCounts(model).localities);
    case 'cutOffDate':
      return shortDate(s.cutOffDate);
    case 'requestLetter':
      return `Công văn số ${s.requestLetter.number ?? BLANK}${s.requestLetter.date ? ` ngày ${shortDate(s.requestLetter.date)}` : ''}`;
    case 'letterReference':
      return letterReference(s);
    case 'year':
      return String(s.year);
  }
}

/** Plain text of inline runs with fields resolved; footnotes are left out (or marked `[n]` if `markNotes`). */
export function inlineText(
  inlines: readonly ReportInline[],
  model: Pick<ReportModel, 'settings' | 'reporters'>,
  markNotes = false,
): string {
  let out = '';
  let n = 0;
  for (const r of inlines) {
    if (r.kind === 'text') out += r.text;
    else if (r.kind === 'field') out += fieldText(r.field, model);
    else if (markNotes) out += `[${++n}]`;
  }
  return out;
}

/** Plain text of blocks, one line per block, list markers kept: for spreadsheets and search. */
export function blocksText(blocks: readonly ReportBlock[], model: Pick<ReportModel, 'settings' | 'reporters'>): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'item':
          return `${b.marker} ${inlineText(b.content, model)}`;
        case 'table':
          return `[Bảng ${b.tableId}]`;
        case 'figure':
          return `[Hình ${b.figureId}]`;
        default:
          return inlineText(b.content, model);
      }
    })
    .join('\n');
}

/** True when the blocks hold no text at all (a required section left empty). */
export function isEmptyBlocks(blocks: readonly ReportBlock[]): boolean {
  return !blocks.some((b) => {
    if (b.kind === 'table' || b.kind === 'figure') return true;
    return b.content.some((r) => r.kind === 'field' || (r.kind === 'text' && r.text.trim() !== ''));
  });
}

export interface TaskRef {
  section: ReportPartOneSection;
  item: ReportPartOneItem;
  itemIndex: number;
  task: ReportTask;
  taskIndex: number;
}

/** Every task of Part I in outline order (1.1.a, 1.1.b … 1.2.a.1 … 1.3.đ). */
export function listTasks(model: Pick<ReportModel, 'report'>): TaskRef[] {
  const out: TaskRef[] = [];
  for (const section of model.report.partOne.sections)
    section.items.forEach((item, itemIndex) => {
      item.tasks.forEach((task, taskIndex) => {
        out.push({ section, item, itemIndex, task, taskIndex });
      });
    });
  return out;
}

export const STATUS_ORDER: ReportTaskStatus[] = [
  'done',
  'in_progress',
  'recurring',
  'not_started',
  'not_applicable',
  'unclear',
  'not_reported',
];

/** How many narratives of a task report each status. */
export function narrativeStatusCounts(narratives: readonly ReportNarrative[]): Record<ReportTaskStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ReportTaskStatus, number>;
  for (const n of narratives) counts[n.status]++;
  return counts;
}

/**
 * Narratives ordered for printing: ministries in appendix order, then localities grouped by region (model order) and
 * in appendix order within a region. Organisations not in the appendix come last in their group.
 */
export function orderNarratives(
  model: Pick<ReportModel, 'reporters' | 'regions'>,
  narratives: readonly ReportNarrative[],
) {
  const rank = new Map(model.reporters.map((r, i) => [r.organisationCode, i]));
  const regionRank = new Map(model.regions.map((r, i) => [r.code, i]));
  const key = (n: ReportNarrative) => [
    n.group === 'ministry' ? 0 : 1,
    n.group === 'ministry' ? 0 : (regionRank.get(n.regionCode ?? '') ?? 999),
    rank.get(n.organisationCode) ?? 9999,
  ];
  return [...narratives].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return 0;
  });
}

/** Tasks by consolidated status, in status order; tasks not yet assessed are counted as such. */
export function taskStatusCounts(model: Pick<ReportModel, 'report'>) {
  const counts = new Map<ReportTaskStatus | null, number>();
  for (const { task } of listTasks(model)) counts.set(task.status, (counts.get(task.status) ?? 0) + 1);
  return [...STATUS_ORDER, null]
    .filter((s) => (counts.get(s) ?? 0) > 0)
    .map((s) => ({
      status: s,
      labelVi: s ? REPORT_TASK_STATUS_LABELS[s].vi : 'Chưa đánh giá',
      labelEn: s ? REPORT_TASK_STATUS_LABELS[s].en : 'Not assessed',
      count: counts.get(s) ?? 0,
    }));
}

export interface CompletenessRow {
  key: string;
  labelVi: string;
  labelEn: string;
  expected: number;
  received: number;
  missing: string[];
  level: 'group' | 'region' | 'total';
}

/** Reporters against organisations asked, for ministries, each region's localities, all localities and the total. */
export function completenessRows(
  model: Pick<ReportModel, 'reporters' | 'nonReporters' | 'regions'>,
): CompletenessRow[] {
  const ministries = model.reporters.filter((r) => r.group === 'ministry');
  const ministriesMissing = model.nonReporters.filter((r) => r.group === 'ministry');
  const localities = model.reporters.filter((r) => r.group === 'locality');
  const localitiesMissing = model.nonReporters.filter((r) => r.group === 'locality');
  const rows: CompletenessRow[] = [
    {
      key: 'ministry',
      labelVi: 'Bộ, ngành, cơ quan ngang bộ',
      labelEn: 'Ministries and central agencies',
      expected: ministries.length + ministriesMissing.length,
      received: ministries.length,
      missing: ministriesMissing.map((m) => m.name),
      level: 'group',
    },
    {
      key: 'locality',
      labelVi: 'Tỉnh, thành phố trực thuộc Trung ương',
      labelEn: 'Provinces and centrally-run cities',
      expected: localities.length + localitiesMissing.length,
      received: localities.length,
      missing: localitiesMissing.map((m) => m.name),
      level: 'group',
    },
  ];
  for (const region of model.regions) {
    const got = localities.filter((l) => l.regionCode === region.code);
    const miss = localitiesMissing.filter((l) => l.regionCode === region.code);
    rows.push({
      key: `region:${region.code}`,
      labelVi: `Vùng ${region.nameVi}`,
      labelEn: region.nameEn,
      expected: got.length + miss.length,
      received: got.length,
      missing: miss.map((m) => m.name),
      level: 'region',
    });
  }
  rows.push({
    key: 'total',
    labelVi: 'Tổng cộng',
    labelEn: 'Total',
    expected: rows[0].expected + rows[1].expected,
    received: rows[0].received + rows[1].received,
    missing: [...rows[0].missing, ...rows[1].missing],
    level: 'total',
  });
  return rows;
}

const percent = (a: number, b: number) => (b === 0 ? '—' : `${formatNumberVi((100 * a) / b, 1)}%`);

export const BUILTIN_TABLE_TITLES: Record<string, string> = {
  'builtin:completeness': 'Tình hình gửi báo cáo theo nhóm cơ quan và theo vùng',
  'builtin:task-status': 'Tình hình thực hiện các nhiệm vụ, giải pháp theo Nghị quyết',
};

export const BUILTIN_FIGURE_TITLES: Record<string, string> = {
  'builtin:reporters-map': 'Các tỉnh, thành phố đã gửi báo cáo',
  'builtin:status-chart': 'Số nhiệm vụ theo tình hình thực hiện',
  'builtin:completeness-chart': 'Tỷ lệ địa phương đã gửi báo cáo theo vùng',
};

/** A table of the model by id: a computed one (`builtin:…`) or one staff inserted; null when unknown. */
export function resolveTable(model: ReportModel, id: string): ReportTable | null {
  if (id === 'builtin:completeness') {
    const rows = completenessRows(model);
    return {
      id,
      title: BUILTIN_TABLE_TITLES[id],
      columns: [
        { label: 'Nhóm cơ quan, vùng', align: 'left' },
        { label: 'Được đề nghị', align: 'right' },
        { label: 'Đã gửi', align: 'right' },
        { label: 'Chưa gửi', align: 'right' },
        { label: 'Tỷ lệ đã gửi', align: 'right' },
      ],
      rows: rows.map((r) => [
        r.level === 'region' ? `- ${r.labelVi}` : r.labelVi,
        String(r.expected),
        String(r.received),
        String(r.expected - r.received),
        percent(r.received, r.expected),
      ]),
      source: `Nguồn: Sổ theo dõi văn bản đến của ${model.settings.agencyShortName}, tính đến hết ngày ${shortDate(model.settings.cutOffDate)} (Phụ lục 1). Đếm số cơ quan có văn bản báo cáo; địa phương xếp theo vùng kinh tế - xã hội tại ngày ${tableDate(model.settings.geographyDate)}.`,
    };
  }
  if (id === 'builtin:task-status') {
    const counts = taskStatusCounts(model);
    const total = counts.reduce((a, c) => a + c.count, 0);
    return {
      id,
      title: BUILTIN_TABLE_TITLES[id],
      columns: [
        { label: 'Tình hình thực hiện', align: 'left' },
        { label: 'Số nhiệm vụ', align: 'right' },
        { label: 'Tỷ lệ', align: 'right' },
      ],
      rows: [
        ...counts.map((c) => [c.labelVi, String(c.count), percent(c.count, total)]),
        ['Tổng cộng', String(total), percent(total, total)],
      ],
      source: `Nguồn: Tổng hợp của ${model.settings.agencyShortName} từ báo cáo của các bộ, ngành, địa phương; mỗi nhiệm vụ, giải pháp của Mục I được đếm một lần theo đánh giá chung.`,
    };
  }
  return model.tables.find((t) => t.id === id) ?? null;
}

export interface MissingContent {
  path: string;
  messageVi: string;
  messageEn: string;
}

const checkSections = (sections: readonly ReportEditorialSection[], base: string, out: MissingContent[]) => {
  sections.forEach((s, i) => {
    if (s.required && isEmptyBlocks(s.blocks))
      out.push({
        path: `${base}.${i}`,
        messageVi: `Mục "${s.title}" chưa có nội dung.`,
        messageEn: `Section "${s.title}" is empty.`,
      });
  });
};

/**
 * What must be written before the package can be exported as final: required editorial sections, the letter's
 * closing, and every table or figure a block refers to. Returns an empty list when the draft is complete.
 */
export function findMissingContent(model: ReportModel): MissingContent[] {
  const out: MissingContent[] = [];
  checkSections(model.letter.sections, 'letter.sections', out);
  if (isEmptyBlocks(model.letter.closing))
    out.push({
      path: 'letter.closing',
      messageVi: 'Câu kết của công văn chưa có nội dung.',
      messageEn: 'The closing sentence of the letter is empty.',
    });
  checkSections(model.report.partTwo.sections, 'report.partTwo.sections', out);
  checkSections(model.report.partThree.sections, 'report.partThree.sections', out);
  const known = new Set([...model.tables.map((t) => t.id), 'builtin:completeness', 'builtin:task-status']);
  const figures = new Set(Object.keys(BUILTIN_FIGURE_TITLES));
  const visit = (blocks: readonly ReportBlock[], path: string) =>
    blocks.forEach((b, i) => {
      if (b.kind === 'table' && !known.has(b.tableId))
        out.push({
          path: `${path}.${i}`,
          messageVi: `Không có bảng "${b.tableId}".`,
          messageEn: `There is no table "${b.tableId}".`,
        });
      if (b.kind === 'figure' && !figures.has(b.figureId))
        out.push({
          path: `${path}.${i}`,
          messageVi: `Không có hình "${b.figureId}".`,
          messageEn: `There is no figure "${b.figureId}".`,
        });
    });
  visit(model.report.intro, 'report.intro');
  visit(model.report.partOne.intro, 'report.partOne.intro');
  model.report.partOne.sections.forEach((s, si) => {
    visit(s.intro, `report.partOne.sections.${si}.intro`);
    s.items.forEach((it, ii) => {
      visit(it.intro, `report.partOne.sections.${si}.items.${ii}.intro`);
      it.tasks.forEach((t, ti) => {
        visit(t.synthesis, `report.partOne.sections.${si}.items.${ii}.tasks.${ti}.synthesis`);
      });
    });
  });
  for (const [key, part] of [
    ['partTwo', model.report.partTwo],
    ['partThree', model.report.partThree],
  ] as const) {
    visit(part.intro, `report.${key}.intro`);
    part.sections.forEach((s, i) => {
      visit(s.blocks, `report.${key}.sections.${i}.blocks`);
    });
  }
  return out;
}

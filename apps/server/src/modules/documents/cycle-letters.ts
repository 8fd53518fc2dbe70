import fs from 'node:fs';
import path from 'node:path';
import type { ReportBlock, ReportLetterSettings } from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import { printedName } from './drafting/attribution';
import type { LBlock, LCell, LayoutDoc, LRun } from './layout';
import { parseMarkupDocument } from './markup';
import { officialDate, shortDate } from './report-model';
import { fillPlaceholders, loadTemplate } from './report-template';

/**
 * The cycle's own letters, in the layout of Decree 30 (same header, Kính gửi, Nơi nhận and signature block as the
 * national report's letter): the request letter (công văn đề nghị báo cáo), with the outline and the list of
 * addressees as its appendix, and the reminder letter (công văn đôn đốc) to the organisations still missing after the
 * deadline. Texts are the house templates `reference/documents/template-res57/request-letter.md` and
 * `reminder-letter.md`; this module only fills and lays them out (pure, given the cycle's data).
 */

export interface CycleLetterInput {
  year: number;
  nameVi: string;
  policyCode: string;
  policyTitleVi: string;
  /** "17432/BTC-VCL" (the request letter's own number) or null until the records office gives it. */
  requestNumber: string | null;
  requestDate: string | null;
  deadline: string | null;
  cutoff: string | null;
  outline: { code: string; headingVi: string; figures: { labelVi: string; unitVi: string }[] }[];
  sections: { titleVi: string }[];
  expected: { nameVi: string; group: 'central' | 'locality' }[];
  /** Expected organisations with nothing received (the reminder's addressees), MoF excluded. */
  missing: { nameVi: string; group: 'central' | 'locality' }[];
  /** Today (the reminder's date), ISO. */
  today: string;
}

const DIR = path.join(REFERENCE_DIR, 'documents/template-res57');

const run = (text: string, bold = false, italic = false): LRun => ({ text, bold, italic });

function sections(file: string, values: Record<string, string>) {
  let text = fs.readFileSync(path.join(DIR, file), 'utf8');
  for (const [k, v] of Object.entries(values)) text = text.split(`%${k}%`).join(v);
  return new Map(parseMarkupDocument(text).sections.map((s) => [s.header.trim(), s.blocks]));
}

function plain(b: ReportBlock): string {
  return 'content' in b ? b.content.map((c) => (c.kind === 'text' ? c.text : '')).join('') : '';
}

/** Body blocks as layout paragraphs (text runs with their emphasis; the letters carry no fields or footnotes). */
function bodyOf(blocks: readonly ReportBlock[]): LBlock[] {
  return blocks
    .filter((b) => 'content' in b)
    .map((b) => ({
      kind: 'para' as const,
      style: b.kind === 'item' ? ('item' as const) : ('body' as const),
      runs: [
        ...(b.kind === 'item' ? [run(`${b.marker} `)] : []),
        ...('content' in b ? b.content : []).flatMap((c) => (c.kind === 'text' ? [run(c.text, c.bold, c.italic)] : [])),
      ],
    }));
}

/** Day, month and year of an ISO date as the letter's date line wants them. */
function dateParts(iso: string | null, year: number) {
  if (!iso) return { day: null, month: null, year };
  const [y, m, d] = iso.split('-').map(Number);
  return { day: d, month: m, year: y };
}

function numberLine(requestNumber: string | null, symbol: string): string {
  return `Số: ${requestNumber ?? `      /${symbol}`}`;
}

function header(
  settings: Pick<ReportLetterSettings, 'agencyParent' | 'agencyName'>,
  n: string,
  subject: string,
  date: string,
): LBlock {
  return {
    kind: 'docHeader',
    agencyParent: settings.agencyParent,
    agencyName: settings.agencyName,
    numberLine: n,
    subjectLine: `V/v ${subject}`,
    dateLine: date,
  };
}

function recipients(lines: readonly string[]): LBlock[] {
  if (lines.length === 1) return [{ kind: 'para', style: 'recipient', runs: [run(`Kính gửi: ${lines[0]}`)] }];
  return [
    { kind: 'para', style: 'recipient', runs: [run('Kính gửi:')] },
    ...lines.map((l, i) => ({
      kind: 'para' as const,
      style: 'recipient' as const,
      runs: [run(`- ${l}${i === lines.length - 1 ? '.' : ';'}`)],
    })),
  ];
}

function orgTable(orgs: readonly { nameVi: string; group: 'central' | 'locality' }[]): LBlock {
  const cell = (text: string, align: LCell['align'] = 'left', bold = false, span = 1): LCell => ({
    text,
    bold,
    italic: false,
    align,
    span,
  });
  const rows: LCell[][] = [];
  const groups = [
    { key: 'central', label: 'Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, VCCI' },
    { key: 'locality', label: 'UBND các tỉnh, thành phố trực thuộc Trung ương' },
  ] as const;
  groups.forEach((g, gi) => {
    const members = orgs.filter((o) => o.group === g.key);
    if (members.length === 0) return;
    rows.push([cell(gi === 0 ? 'I.' : 'II.', 'center', true), cell(g.label, 'left', true)]);
    members.forEach((o, i) => {
      rows.push([cell(`${i + 1}.`, 'center'), cell(printedName(o.nameVi))]);
    });
  });
  return {
    kind: 'table',
    widths: [900, 8455],
    size: 26,
    header: [cell('STT', 'center', true), cell('Cơ quan', 'center', true)],
    rows,
  };
}

function templateValues(c: CycleLetterInput) {
  const subject = c.nameVi.replace(/^Báo cáo\s+/iu, '');
  const policy = `Nghị quyết số ${c.policyCode}`;
  return { subject: subject.charAt(0).toLocaleLowerCase('vi') + subject.slice(1), policy, policyFull: c.policyTitleVi };
}

function appendixHead(title: string, attached: string, pageBreak: boolean): LBlock[] {
  return [
    { kind: 'para', style: 'appendixLabel', runs: [run('Phụ lục', true)], pageBreak },
    { kind: 'para', style: 'appendixTitle', runs: [run(title.toLocaleUpperCase('vi'), true)] },
    { kind: 'para', style: 'attached', runs: [run(attached, false, true)] },
  ];
}

/** The request letter of a cycle with its appendix: the outline (tasks, figures asked for, sections) and the addressees. */
export function layoutRequestLetter(c: CycleLetterInput): LayoutDoc {
  const v = templateValues(c);
  const template = loadTemplate({ policy: v.policy, policyFull: v.policyFull, subject: v.subject });
  const s = template.settings;
  const deadline = c.deadline ? `trước ngày ${shortDate(c.deadline)}` : 'trong thời gian sớm nhất';
  const parts = sections('request-letter.md', {
    ...v,
    subject: fillPlaceholders('%subject%', { ...v }),
    deadline,
  });
  const subject = plain(parts.get('subject')?.[0] ?? { kind: 'paragraph', content: [] });
  const date = `${s.place}, ${officialDate(dateParts(c.requestDate, c.year))}`;
  const attached = `(Kèm theo Công văn số ${c.requestNumber ?? `      /${s.symbol}`}${c.requestDate ? ` ngày ${shortDate(c.requestDate)}` : ''} của ${s.agencyShortName})`;
  const outline: LBlock[] = [
    {
      kind: 'para',
      style: 'sectionHeading',
      runs: [run('I. Tình hình tổ chức thực hiện và kết quả thực hiện từng nhiệm vụ, giải pháp', true)],
    },
    ...c.outline.flatMap((t): LBlock[] => [
      { kind: 'para', style: 'body', runs: [run(`${t.code}. `, true), run(t.headingVi)] },
      ...(t.figures.length
        ? [
            {
              kind: 'para' as const,
              style: 'item' as const,
              runs: [
                run('- Số liệu đề nghị báo cáo: ', false, true),
                run(t.figures.map((f) => `${f.labelVi} (${f.unitVi})`).join('; ')),
              ],
            },
          ]
        : []),
    ]),
    { kind: 'para', style: 'sectionHeading', runs: [run('II. Đánh giá chung và đề xuất, kiến nghị', true)] },
    ...c.sections.map((sec, i): LBlock => ({ kind: 'para', style: 'item', runs: [run(`${i + 1}. ${sec.titleVi}`)] })),
  ];
  const blocks: LBlock[] = [
    header(s, numberLine(c.requestNumber, s.symbol), subject, date),
    ...recipients((parts.get('recipients') ?? []).map(plain)),
    ...bodyOf(parts.get('body') ?? []),
    {
      kind: 'closing',
      copyTo: ['Như trên', 'Văn phòng Chính phủ (để báo cáo)', 'Lãnh đạo Bộ', 'Lưu: VT, VCL'],
      signer: s.signer,
    },
    ...appendixHead(`Đề cương báo cáo ${v.subject}`, attached, true),
    ...outline,
    ...appendixHead('Danh sách cơ quan, địa phương được đề nghị báo cáo', attached, true),
    orgTable(c.expected),
  ];
  return { part: 'letter', title: `Công văn ${subject}`, blocks, notes: [] };
}

/** The reminder letter to the organisations still missing (a list of them as its appendix when they are many). */
export function layoutReminderLetter(c: CycleLetterInput): LayoutDoc {
  const v = templateValues(c);
  const template = loadTemplate({ policy: v.policy, policyFull: v.policyFull, subject: v.subject });
  const s = template.settings;
  const request = c.requestNumber
    ? `Ngày ${c.requestDate ? shortDate(c.requestDate) : '…'}, Bộ Tài chính đã có Công văn số ${c.requestNumber} đề nghị các bộ, cơ quan, địa phương báo cáo ${v.subject}${c.deadline ? ` trước ngày ${shortDate(c.deadline)}` : ''}.`
    : `Bộ Tài chính đã đề nghị các bộ, cơ quan, địa phương báo cáo ${v.subject}${c.deadline ? ` trước ngày ${shortDate(c.deadline)}` : ''}.`;
  const parts = sections('reminder-letter.md', {
    ...v,
    requestSentence: request,
    today: shortDate(c.today),
    cutoff: c.cutoff && c.cutoff >= c.today ? `trước ngày ${shortDate(c.cutoff)}` : 'trong thời gian sớm nhất',
  });
  const subject = plain(parts.get('subject')?.[0] ?? { kind: 'paragraph', content: [] });
  const date = `${s.place}, ${officialDate({ day: null, month: dateParts(c.today, c.year).month, year: dateParts(c.today, c.year).year })}`;
  const many = c.missing.length > 6;
  const to = many
    ? ['Các bộ, cơ quan, địa phương có tên tại Danh sách kèm theo']
    : c.missing.map((m) => printedName(m.nameVi));
  const blocks: LBlock[] = [
    header(s, numberLine(null, s.symbol), subject, date),
    ...recipients(to),
    ...bodyOf(parts.get('body') ?? []),
    { kind: 'closing', copyTo: ['Như trên', 'Lãnh đạo Bộ', 'Lưu: VT, VCL'], signer: s.signer },
    ...(many
      ? [
          ...appendixHead(
            'Danh sách cơ quan, địa phương chưa gửi báo cáo',
            `(Kèm theo Công văn số      /${s.symbol} ${officialDate({ day: null, month: dateParts(c.today, c.year).month, year: dateParts(c.today, c.year).year })} của ${s.agencyShortName})`,
            true,
          ),
          orgTable(c.missing),
        ]
      : []),
  ];
  return { part: 'letter', title: `Công văn ${subject}`, blocks, notes: [] };
}

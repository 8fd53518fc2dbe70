import {
  REPORT_TASK_STATUS_LABELS,
  type ReportBlock,
  type ReportEditorialSection,
  type ReportInline,
  type ReportModel,
  type ReportNarrative,
  type ReportPart,
  type ReportSigner,
  type ReportTask,
  romanNumeral,
  viLetter,
} from '@regionlink/shared';
import { type Boundaries, type RenderedFigure, renderFigure } from './charts';
import {
  fieldText,
  isEmptyBlocks,
  letterReference,
  narrativeStatusCounts,
  numberLine,
  orderNarratives,
  placeAndDate,
  resolveTable,
  STATUS_ORDER,
  shortDate,
  tableDate,
} from './report-model';

/**
 * The three documents of the package laid out as typed paragraphs, tables and pictures: what to print, in which
 * style, with footnotes numbered from 1 in each document. The DOCX and PDF writers only map this layout to their
 * library, so numbering, computed fields, status lines and attributions are decided once, here.
 */

export interface LRun {
  text: string;
  bold: boolean;
  italic: boolean;
  /** A footnote reference: the footnote's number in this document. */
  note?: number;
}

export type ParaStyle =
  | 'body'
  | 'item'
  | 'partHeading'
  | 'sectionHeading'
  | 'pointHeading'
  | 'subheading'
  | 'status'
  | 'letterPoint'
  | 'recipient'
  | 'docType'
  | 'docTitle'
  | 'attached'
  | 'appendixLabel'
  | 'appendixTitle'
  | 'caption'
  | 'source';

export interface LPara {
  kind: 'para';
  style: ParaStyle;
  runs: LRun[];
  /** Start a new page with this paragraph (an appendix inside a letter). */
  pageBreak?: boolean;
}

export interface LCell {
  text: string;
  bold: boolean;
  italic: boolean;
  align: 'left' | 'right' | 'center';
  /** Number of columns this cell spans. */
  span: number;
}

export interface LTable {
  kind: 'table';
  /** Column widths in twips (1/20 pt); they add up to the text width. */
  widths: number[];
  header: LCell[];
  rows: LCell[][];
  /** Half-points. */
  size: number;
}

export interface LImage {
  kind: 'image';
  figure: RenderedFigure;
}

/** The header block of Decree 30: agency (left) and national motto (right), with number, date and V/v lines. */
export interface LDocHeader {
  kind: 'docHeader';
  agencyParent: string | null;
  agencyName: string;
  numberLine: string | null;
  subjectLine: string | null;
  dateLine: string | null;
}

/** The closing block: Nơi nhận (left) and the signature block (right). */
export interface LClosing {
  kind: 'closing';
  copyTo: string[];
  signer: ReportSigner;
}

export type LBlock = LPara | LTable | LImage | LDocHeader | LClosing;

export interface LayoutDoc {
  part: ReportPart;
  /** Document title for the file's properties. */
  title: string;
  blocks: LBlock[];
  /** Footnote texts, number n at index n - 1; each footnote is one or more paragraphs of runs. */
  notes: LRun[][][];
}

/** Text width of the page in twips: A4 (11906) minus the left (1701) and right (850) margins. */
export const TEXT_WIDTH = 11906 - 1701 - 850;

export interface LayoutInput {
  model: ReportModel;
  /** Boundaries for the map of reporters; without them the map is left out. */
  boundaries: Boundaries | null;
}

const run = (text: string, bold = false, italic = false): LRun => ({ text, bold, italic });

/** Built-in tables and figures that count tasks by status ("Chưa có báo cáo" …): drafting aids. */
const COVERAGE_AIDS = new Set(['builtin:task-status', 'builtin:status-chart']);

class Builder {
  readonly blocks: LBlock[] = [];
  readonly notes: LRun[][][] = [];
  tables = 0;
  figures = 0;
  constructor(readonly input: LayoutInput) {}

  get model() {
    return this.input.model;
  }

  note(paragraphs: LRun[][]): number {
    this.notes.push(paragraphs);
    return this.notes.length;
  }

  /** Runs of inline content with fields resolved and footnotes numbered; `base` styles every run (headings). */
  runs(inlines: readonly ReportInline[], base: { bold?: boolean; italic?: boolean } = {}): LRun[] {
    const out: LRun[] = [];
    for (const r of inlines) {
      if (r.kind === 'text') out.push(run(r.text, r.bold || !!base.bold, r.italic || !!base.italic));
      else if (r.kind === 'field') out.push(run(fieldText(r.field, this.model), !!base.bold, !!base.italic));
      else {
        const n = this.note(
          r.paragraphs.map((p) =>
            p.map((x) => (x.kind === 'text' ? run(x.text, x.bold, x.italic) : run(fieldText(x.field, this.model)))),
          ),
        );
        out.push({ text: '', bold: false, italic: false, note: n });
      }
    }
    return out;
  }

  para(style: ParaStyle, runs: LRun[]) {
    this.blocks.push({ kind: 'para', style, runs });
  }

  /** Body blocks; lettered headings are numbered a), b), c), d), đ) … within the call. */
  body(blocks: readonly ReportBlock[]) {
    let letter = 0;
    for (const b of blocks) {
      switch (b.kind) {
        case 'paragraph':
          this.para('body', this.runs(b.content));
          break;
        case 'item':
          this.para('item', [run(`${b.marker} `), ...this.runs(b.content)]);
          break;
        case 'heading':
          this.para('pointHeading', [
            run(`${viLetter(letter++)}) `, true, true),
            ...this.runs(b.content, { bold: true, italic: true }),
          ]);
          break;
        case 'subheading':
          this.para('subheading', this.runs(b.content, { italic: true }));
          break;
        case 'table':
          if (this.printed(b.tableId)) this.table(b.tableId);
          break;
        case 'figure':
          if (this.printed(b.figureId)) this.figure(b.figureId);
          break;
      }
    }
  }

  /** Tables and charts that count tasks by status are drafting aids: printed only when the drafter switches them on. */
  printed(id: string): boolean {
    return !COVERAGE_AIDS.has(id) || this.model.aids.coverage;
  }

  table(id: string) {
    const t = resolveTable(this.model, id);
    if (!t) return;
    this.tables++;
    this.para('caption', [run(`Bảng ${this.tables}. ${t.title}`, true)]);
    const n = t.columns.length;
    const first = Math.round(TEXT_WIDTH * (n <= 3 ? 0.5 : 0.44));
    const rest = Math.floor((TEXT_WIDTH - first) / (n - 1));
    const widths = [first, ...Array.from({ length: n - 1 }, () => rest)];
    widths[0] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
    const isTotal = (row: string[]) =>
      /^Tổng cộng/.test(row[0]) || (id === 'builtin:completeness' && !row[0].startsWith('- '));
    this.blocks.push({
      kind: 'table',
      widths,
      size: 24,
      header: t.columns.map((c) => ({ text: c.label, bold: true, italic: false, align: 'center', span: 1 })),
      rows: t.rows.map((row) =>
        row.map((text, i) => ({
          text,
          bold: isTotal(row),
          italic: false,
          align: t.columns[i]?.align ?? 'left',
          span: 1,
        })),
      ),
    });
    this.para('source', [run(t.source, false, true)]);
  }

  figure(id: string) {
    const f = renderFigure(id, this.model, this.input.boundaries);
    if (!f) return;
    this.figures++;
    this.blocks.push({ kind: 'image', figure: f });
    this.para('caption', [run(`Hình ${this.figures}. ${f.title}`, true)]);
    this.para('source', [run(f.source, false, true)]);
  }

  /** "./." closes the content of a state document: make sure the last body paragraph ends with it. */
  endMark() {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const b = this.blocks[i];
      if (b.kind !== 'para' || (b.style !== 'body' && b.style !== 'item')) continue;
      const texts = b.runs.filter((r) => r.note === undefined);
      const last = texts[texts.length - 1];
      if (!last) return;
      if (!/\.\/\.\s*$/.test(last.text)) last.text = `${last.text.replace(/[\s.]+$/, '')}./.`;
      return;
    }
  }

  done(part: ReportPart, title: string): LayoutDoc {
    return { part, title, blocks: this.blocks, notes: this.notes };
  }
}

function editorialSections(
  b: Builder,
  sections: readonly ReportEditorialSection[],
  prefix: (i: number) => string,
  style: ParaStyle,
) {
  // An optional section left empty is not printed (its number goes to the next one); a required one prints its title.
  sections
    .filter((s) => s.required || !isEmptyBlocks(s.blocks))
    .forEach((s, i) => {
      b.para(style, [run(`${prefix(i)} ${s.title}`, true)]);
      b.body(s.blocks);
    });
}

/** The cover letter (công văn): header, Kính gửi, opening, points 1–3, closing, Nơi nhận and signature. */
export function layoutLetter(input: LayoutInput): LayoutDoc {
  const b = new Builder(input);
  const s = input.model.settings;
  b.blocks.push({
    kind: 'docHeader',
    agencyParent: s.agencyParent,
    agencyName: s.agencyName,
    numberLine: numberLine(s),
    subjectLine: `V/v ${s.subject}`,
    dateLine: placeAndDate(s),
  });
  if (s.recipients.length === 1) b.para('recipient', [run(`Kính gửi: ${s.recipients[0]}`)]);
  else {
    b.para('recipient', [run('Kính gửi:')]);
    s.recipients.forEach((r, i) => {
      b.para('recipient', [run(`- ${r}${i === s.recipients.length - 1 ? '.' : ';'}`)]);
    });
  }
  b.body(input.model.letter.opening);
  editorialSections(b, input.model.letter.sections, (i) => `${i + 1}.`, 'letterPoint');
  b.body(input.model.letter.closing);
  b.endMark();
  b.blocks.push({ kind: 'closing', copyTo: s.copyTo, signer: s.signer });
  return b.done('letter', `Công văn ${numberLine(s).replace('Số: ', '')} – ${s.subject}`);
}

function statusLine(b: Builder, task: ReportTask) {
  const runs: LRun[] = [run('Tình hình thực hiện: ', false, true)];
  runs.push(run(task.status ? REPORT_TASK_STATUS_LABELS[task.status].vi : 'chưa đánh giá', false, true));
  if (task.narratives.length > 0) {
    const counts = narrativeStatusCounts(task.narratives);
    const parts = STATUS_ORDER.filter((st) => counts[st] > 0).map(
      (st) => `${counts[st]} ${REPORT_TASK_STATUS_LABELS[st].vi.toLocaleLowerCase('vi')}`,
    );
    const mixed = parts.length > 1 || !task.status || counts[task.status] !== task.narratives.length;
    runs.push(
      run(
        `; ${task.narratives.length} cơ quan, địa phương có nội dung báo cáo${mixed ? ` (${parts.join(', ')})` : ''}`,
        false,
        true,
      ),
    );
    const names = orderNarratives(b.model, task.narratives).map((n) => n.organisationName);
    runs.push({ text: '', bold: false, italic: false, note: b.note([[run(`Báo cáo của: ${names.join(', ')}.`)]]) });
  }
  runs.push(run('.', false, true));
  b.para('status', runs);
}

function attribution(n: ReportNarrative): string {
  const doc = n.documentNumber
    ? `Văn bản số ${n.documentNumber}${n.documentDate ? ` ngày ${shortDate(n.documentDate)}` : ''}`
    : 'Báo cáo';
  return `${doc} của ${n.organisationName}.`;
}

/** Narratives printed under a task: ministries first, then localities under "+ Vùng …:" lines. */
function narrativesBlock(b: Builder, task: ReportTask) {
  const shown = orderNarratives(
    b.model,
    task.narratives.filter((n) => n.include),
  );
  let region: string | null | undefined;
  for (const n of shown) {
    if (n.group === 'locality' && n.regionCode !== region) {
      region = n.regionCode;
      const r = b.model.regions.find((x) => x.code === n.regionCode);
      b.para('item', [run(`+ Vùng ${r?.nameVi ?? 'khác'}:`, false, true)]);
    }
    n.blocks.forEach((block, i) => {
      const prefix = i === 0 ? [run(`${n.organisationName}: `, true)] : [];
      const note = i === 0 ? [{ text: '', bold: false, italic: false, note: b.note([[run(attribution(n))]]) }] : [];
      if (block.kind === 'paragraph' || block.kind === 'item')
        b.para('body', [...prefix, ...b.runs(block.content), ...note]);
      else b.body([block]);
    });
  }
}

/** The full report: header, BÁO CÁO, trích yếu, "Kèm theo" line, introduction, Parts I–III. */
export function layoutReport(input: LayoutInput): LayoutDoc {
  const b = new Builder(input);
  const m = input.model;
  const s = m.settings;
  b.blocks.push({
    kind: 'docHeader',
    agencyParent: s.agencyParent,
    agencyName: s.agencyName,
    numberLine: null,
    subjectLine: null,
    dateLine: null,
  });
  b.para('docType', [run('BÁO CÁO', true)]);
  b.para('docTitle', [run(s.reportTitle, true)]);
  b.para('attached', [run(`(Kèm theo ${letterReference(s)} của ${s.agencyShortName})`, false, true)]);
  b.body(m.report.intro);
  b.para('partHeading', [run(`I. ${m.report.partOne.title.toLocaleUpperCase('vi')}`, true)]);
  b.body(m.report.partOne.intro);
  for (const section of m.report.partOne.sections) {
    b.para('sectionHeading', [run(`${section.code}. ${section.title}`, true)]);
    b.body(section.intro);
    section.items.forEach((item, i) => {
      b.para('pointHeading', [run(`${viLetter(i)}) ${item.heading}`, true, true)]);
      b.body(item.intro);
      for (const task of item.tasks) {
        if (task.subheading) b.para('subheading', [run(task.subheading, false, true)]);
        if (m.aids.statusLines) statusLine(b, task);
        b.body(task.synthesis);
        narrativesBlock(b, task);
      }
    });
  }
  const parts = [m.report.partTwo, m.report.partThree];
  parts.forEach((part, pi) => {
    const number = pi + 2;
    b.para('partHeading', [run(`${romanNumeral(number)}. ${part.title.toLocaleUpperCase('vi')}`, true)]);
    b.body(part.intro);
    editorialSections(b, part.sections, (i) => `${number}.${i + 1}.`, 'sectionHeading');
  });
  b.endMark();
  return b.done('report', `Báo cáo ${s.reportTitle}`);
}

/** Appendix 1: reporters by group with document number, issue and receipt dates, MoF first as drafting agency. */
export function layoutAppendix(input: LayoutInput): LayoutDoc {
  const b = new Builder(input);
  const m = input.model;
  const s = m.settings;
  b.para('appendixLabel', [run('Phụ lục', true)]);
  b.para('appendixTitle', [run(s.appendixTitle.toLocaleUpperCase('vi'), true)]);
  b.para('attached', [
    run(`(Kèm theo ${letterReference(s).replace(/^c/, 'C')} của ${s.agencyShortName})`, false, true),
  ]);
  const cell = (text: string, align: LCell['align'] = 'left', bold = false, span = 1): LCell => ({
    text,
    bold,
    italic: false,
    align,
    span,
  });
  const rows: LCell[][] = [];
  const groups = [
    { key: 'ministry', label: 'Bộ, ngành, cơ quan ngang bộ' },
    { key: 'locality', label: 'UBND các tỉnh, thành phố trực thuộc Trung ương' },
  ] as const;
  groups.forEach((g, gi) => {
    const members = m.reporters.filter((r) => r.group === g.key);
    if (members.length === 0) return;
    rows.push([cell(`${romanNumeral(gi + 1)}.`, 'center', true), cell(g.label, 'left', true, 4)]);
    members.forEach((r, i) => {
      rows.push([
        cell(`${i + 1}.`, 'center'),
        cell(r.name),
        r.drafting ? cell('Cơ quan soạn thảo', 'center') : cell(r.documentNumber ?? '', 'center'),
        cell(tableDate(r.issuedOn), 'center'),
        cell(tableDate(r.receivedOn), 'center'),
      ]);
    });
  });
  b.blocks.push({
    kind: 'table',
    widths: [760, 3195, 2700, 1350, 1350],
    size: 26,
    header: ['STT', 'Cơ quan', 'Số', 'Ngày phát hành', 'Ngày nhận'].map((t) => cell(t, 'center', true)),
    rows,
  });
  return b.done('appendix', `Phụ lục – ${s.appendixTitle}`);
}

/** Lay out one part of the package. */
export function layoutPart(part: ReportPart, input: LayoutInput): LayoutDoc {
  if (part === 'letter') return layoutLetter(input);
  if (part === 'report') return layoutReport(input);
  return layoutAppendix(input);
}

import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Header,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { LayoutDoc, LBlock, LCell, LClosing, LDocHeader, LPara, LRun, LTable, ParaStyle } from './layout';
import { TEXT_WIDTH } from './layout';

/**
 * Write a laid-out document as DOCX in the layout of Decree 30/2020/NĐ-CP: A4 portrait, margins 20/20/30/15 mm,
 * Times New Roman throughout, the national motto block, numbered headings, Word footnotes from 1, page numbers
 * centred in the top margin and hidden on page 1. Sizes are in half-points (13 pt = 26).
 */

export const FONT = 'Times New Roman';
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850, header: 567 };
export const SIZES = {
  body: 28,
  nationalTitle: 24,
  motto: 28,
  agency: 26,
  number: 26,
  subject: 24,
  date: 28,
  copyToLabel: 24,
  copyTo: 22,
  signer: 28,
  footnote: 22,
  pageNumber: 28,
  source: 24,
} as const;

const FIRST_LINE = 567;

/** Paragraph spacing in twips; the line rule is always "auto" (a multiple of single spacing), never exact, so
 * pictures and larger text are not clipped. */
const spacing = (before: number, after: number, line = 240) => ({ before, after, line, lineRule: LineRuleType.AUTO });
const LINE = 240;
const AFTER = 120;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

const text = (t: string, o: { bold?: boolean; italic?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, bold: o.bold, italics: o.italic, size: o.size, font: FONT });

function runsOf(runs: readonly LRun[], size: number): ParagraphChild[] {
  return runs.map((r) =>
    r.note !== undefined
      ? new FootnoteReferenceRun(r.note)
      : new TextRun({ text: r.text, bold: r.bold || undefined, italics: r.italic || undefined, size, font: FONT }),
  );
}

interface StyleDef {
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType];
  firstLine?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
  size?: number;
}

const STYLES: Record<ParaStyle, StyleDef> = {
  body: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE },
  item: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE },
  partHeading: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE, before: 120, keepNext: true },
  sectionHeading: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE, keepNext: true },
  pointHeading: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE, keepNext: true },
  subheading: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE, keepNext: true },
  status: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE },
  letterPoint: { alignment: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE, keepNext: true },
  recipient: { alignment: AlignmentType.CENTER, before: 240, after: 240 },
  docType: { alignment: AlignmentType.CENTER, before: 240, after: 0, keepNext: true },
  docTitle: { alignment: AlignmentType.CENTER, after: 0, keepNext: true },
  attached: { alignment: AlignmentType.CENTER, before: 120, after: 240 },
  appendixLabel: { alignment: AlignmentType.CENTER, after: 0, keepNext: true },
  appendixTitle: { alignment: AlignmentType.CENTER, after: 0, keepNext: true },
  caption: { alignment: AlignmentType.CENTER, before: 120, keepNext: true, size: 26 },
  source: { alignment: AlignmentType.JUSTIFIED, size: SIZES.source },
};

function paragraph(p: LPara): Paragraph[] {
  const s = STYLES[p.style];
  const out = [
    new Paragraph({
      alignment: s.alignment,
      indent: s.firstLine ? { firstLine: s.firstLine } : undefined,
      spacing: spacing(s.before ?? 0, s.after ?? AFTER, LINE),
      keepNext: s.keepNext,
      pageBreakBefore: p.pageBreak || undefined,
      children: runsOf(p.runs, s.size ?? SIZES.body),
    }),
  ];
  // The report's trích yếu gets a short line under it (1/3 of the text width).
  if (p.style === 'docTitle') out.push(rule(TEXT_WIDTH, TEXT_WIDTH / 3, 120));
  return out;
}

/** A short horizontal line: an empty 2 pt paragraph with a bottom border, indented to `length` twips and centred. */
function rule(cellWidth: number, length: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: spacing(0, after),
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4, font: FONT })],
  });
}

/**
 * Rough printed width of a line of Times New Roman, in twips: enough to size the lines under the agency name and the
 * motto (the decree asks for a line as long as the motto, and a third to a half of the agency name).
 */
export function textWidthTwips(s: string, halfPoints: number, bold: boolean): number {
  let em = 0;
  for (const ch of s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) {
    if (ch === ' ') em += 0.25;
    else if (/[A-ZĐ]/.test(ch)) em += bold ? 0.72 : 0.68;
    else if (/[a-zđ]/.test(ch)) em += bold ? 0.5 : 0.46;
    else em += 0.33;
  }
  return Math.round(em * halfPoints * 10);
}

const cellParagraph = (
  t: string,
  o: { bold?: boolean; italic?: boolean; size: number; after?: number; before?: number },
) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: spacing(o.before ?? 0, o.after ?? 0),
    children: [text(t, o)],
  });

const LEFT_COL = Math.round(TEXT_WIDTH * 0.4);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
// The header table reaches a little into the left margin so the national title fits on one line at 12 pt.
const HEADER_LEFT = 3600;
const HEADER_RIGHT = 6100;
const HEADER_INDENT = TEXT_WIDTH - HEADER_LEFT - HEADER_RIGHT;

function borderlessTable(widths: number[], cells: Paragraph[][], indent = 0): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    indent: indent ? { size: indent, type: WidthType.DXA } : undefined,
    borders: NO_BORDERS,
    rows: [
      // One row that never breaks across pages: the header block and the signature block stay whole.
      new TableRow({
        cantSplit: true,
        children: cells.map(
          (children, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
              margins: { left: 0, right: 0, top: 0, bottom: 0 },
              children,
            }),
        ),
      }),
    ],
  });
}

function docHeader(h: LDocHeader): (Paragraph | Table)[] {
  const left: Paragraph[] = [];
  if (h.agencyParent) left.push(cellParagraph(h.agencyParent.toLocaleUpperCase('vi'), { size: SIZES.agency }));
  left.push(cellParagraph(h.agencyName.toLocaleUpperCase('vi'), { bold: true, size: SIZES.agency }));
  left.push(rule(HEADER_LEFT, textWidthTwips(h.agencyName, SIZES.agency, true) * 0.45));
  if (h.numberLine) left.push(cellParagraph(h.numberLine, { size: SIZES.number, before: 120 }));
  if (h.subjectLine) left.push(cellParagraph(h.subjectLine, { size: SIZES.subject, before: 120 }));
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const right: Paragraph[] = [
    cellParagraph('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZES.nationalTitle }),
    cellParagraph(motto, { bold: true, size: SIZES.motto }),
    rule(HEADER_RIGHT, textWidthTwips(motto, SIZES.motto, true)),
  ];
  if (h.dateLine) right.push(cellParagraph(h.dateLine, { italic: true, size: SIZES.date, before: 200 }));
  return [
    borderlessTable([HEADER_LEFT, HEADER_RIGHT], [left, right], HEADER_INDENT),
    new Paragraph({ spacing: spacing(0, 0), children: [] }),
  ];
}

function closing(c: LClosing): (Paragraph | Table)[] {
  const left: Paragraph[] = [
    new Paragraph({
      spacing: spacing(120, 0),
      children: [text('Nơi nhận:', { bold: true, italic: true, size: SIZES.copyToLabel })],
    }),
    ...c.copyTo.map(
      (line, i) =>
        new Paragraph({
          spacing: spacing(0, 0),
          children: [text(`- ${line}${i === c.copyTo.length - 1 ? '.' : ';'}`, { size: SIZES.copyTo })],
        }),
    ),
  ];
  const right: Paragraph[] = [];
  if (c.signer.authority)
    right.push(
      cellParagraph(c.signer.authority.toLocaleUpperCase('vi'), { bold: true, size: SIZES.signer, before: 120 }),
    );
  right.push(
    cellParagraph(c.signer.title.toLocaleUpperCase('vi'), {
      bold: true,
      size: SIZES.signer,
      before: c.signer.authority ? 0 : 120,
    }),
  );
  // Room for the signature and the seal.
  right.push(cellParagraph('', { size: SIZES.signer, after: 1440 }));
  right.push(cellParagraph(c.signer.name, { bold: true, size: SIZES.signer }));
  return [borderlessTable([LEFT_COL, RIGHT_COL], [left, right])];
}

function cellOf(c: LCell, width: number, size: number): TableCell {
  return new TableCell({
    columnSpan: c.span > 1 ? c.span : undefined,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        alignment:
          c.align === 'right' ? AlignmentType.RIGHT : c.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: spacing(0, 0),
        children: [text(c.text, { bold: c.bold, italic: c.italic, size })],
      }),
    ],
  });
}

function table(t: LTable): (Paragraph | Table)[] {
  const rowOf = (cells: LCell[], header: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      height: { value: 360, rule: HeightRule.ATLEAST },
      children: cells.map((c) => {
        const w = t.widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
        col += c.span;
        return cellOf(c, w, t.size);
      }),
    });
  };
  return [
    new Table({
      width: { size: t.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: t.widths,
      layout: TableLayoutType.FIXED,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
      rows: [rowOf(t.header, true), ...t.rows.map((r) => rowOf(r, false))],
    }),
  ];
}

function blockToDocx(b: LBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'para':
      return paragraph(b);
    case 'docHeader':
      return docHeader(b);
    case 'closing':
      return closing(b);
    case 'table':
      return table(b);
    case 'image': {
      const f = b.figure;
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: spacing(120, 0),
          children: [
            new ImageRun({
              type: 'png',
              data: f.png,
              transformation: { width: Math.round((f.widthPt * 96) / 72), height: Math.round((f.heightPt * 96) / 72) },
              altText: { name: f.id, title: f.title, description: f.title },
            }),
          ],
        }),
      ];
    }
  }
}

/** Build the DOCX of one laid-out document. */
export async function writeDocx(doc: LayoutDoc): Promise<Buffer> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  doc.notes.forEach((paras, i) => {
    footnotes[String(i + 1)] = {
      children: paras.map(
        (runs, j) =>
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: spacing(0, 0),
            // Word prints the footnote's number before the first paragraph; a space separates it from the text.
            children: [...(j === 0 ? [text(' ', { size: SIZES.footnote })] : []), ...runsOf(runs, SIZES.footnote)],
          }),
      ),
    };
  });
  const document = new Document({
    title: doc.title,
    creator: 'RegionLink – Hệ thống thông tin liên kết vùng',
    description: 'Văn bản tạo từ dữ liệu báo cáo; thể thức theo Nghị định số 30/2020/NĐ-CP.',
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZES.body }, paragraph: { spacing: spacing(0, 0) } },
      },
      paragraphStyles: [
        {
          id: 'FootnoteText',
          name: 'footnote text',
          basedOn: 'Normal',
          run: { font: FONT, size: SIZES.footnote },
          paragraph: { spacing: spacing(0, 0) },
        },
      ],
      characterStyles: [
        { id: 'FootnoteReference', name: 'footnote reference', run: { font: FONT, superScript: true } },
      ],
    },
    footnotes,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.header,
            },
            pageNumbers: { start: 1 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZES.pageNumber, font: FONT })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: doc.blocks.flatMap(blockToDocx),
      },
    ],
  });
  return Packer.toBuffer(document);
}

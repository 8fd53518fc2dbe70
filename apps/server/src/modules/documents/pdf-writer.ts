import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { NOTO_SERIF } from './fonts';
import type { LayoutDoc, LBlock, LCell, LClosing, LDocHeader, LPara, LRun, ParaStyle } from './layout';

const run = promisify(execFile);

/**
 * PDF of the package, by one of two engines:
 *
 * - **LibreOffice** (`soffice --headless --convert-to pdf`) converts the DOCX we generated, so the PDF is the same
 *   document page for page, with real footnotes at the foot of each page. Used whenever `soffice` is installed.
 * - **pdfmake** with the bundled Noto Serif, from the same layout, when LibreOffice is absent (`npm start` needs
 *   nothing but Node). Same content, header block, numbering and A4 margins; pdfmake cannot put footnotes at the foot
 *   of the page, so they are printed as numbered notes at the end of the document.
 *
 * `DOCUMENTS_PDF_ENGINE=libreoffice|pdfmake` forces one; the default `auto` prefers LibreOffice.
 */
export type PdfEngine = 'libreoffice' | 'pdfmake';

let sofficePath: string | null | undefined;

/** The soffice binary, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  if (sofficePath !== undefined) return sofficePath;
  const candidates = [
    process.env.SOFFICE_PATH,
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'soffice')),
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  ].filter((p): p is string => !!p);
  sofficePath = candidates.find((p) => fs.existsSync(p)) ?? null;
  return sofficePath;
}

/** The engine to use now, from `DOCUMENTS_PDF_ENGINE` and what is installed. */
export function pdfEngine(): PdfEngine {
  const wanted = (process.env.DOCUMENTS_PDF_ENGINE ?? 'auto').toLowerCase();
  if (wanted === 'pdfmake') return 'pdfmake';
  if (wanted === 'libreoffice') {
    if (!findSoffice()) throw new Error('DOCUMENTS_PDF_ENGINE=libreoffice but soffice was not found');
    return 'libreoffice';
  }
  return findSoffice() ? 'libreoffice' : 'pdfmake';
}

let profileDir: string | null = null;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * LibreOffice's user profile for this process: a profile is not safe for two soffice processes at once, so each
 * server (or test worker) has its own, removed when the process exits.
 */
function sofficeProfile(): string {
  if (!profileDir) {
    const prefix = `rl-soffice-profile-${process.getuid?.() ?? 'user'}-`;
    // Remove the profiles of processes that ended without cleaning up (killed test workers, crashed servers).
    for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(prefix))) {
      const pid = Number(name.slice(prefix.length));
      if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
    const dir = path.join(os.tmpdir(), `${prefix}${process.pid}`);
    profileDir = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return profileDir;
}

// One conversion at a time in this process: the profile is not shared, and the two CPUs are.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Convert DOCX files to PDF with LibreOffice in one run (one start-up for all of them). Input and output are keyed by
 * a file stem such as `letter`. Throws with LibreOffice's output when a file is not converted.
 */
export function convertWithLibreOffice(files: Record<string, Buffer>): Promise<Record<string, Buffer>> {
  const job = queue.then(async () => {
    const soffice = findSoffice();
    if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-docs-'));
    const profile = sofficeProfile();
    try {
      const names = Object.keys(files);
      for (const n of names) fs.writeFileSync(path.join(dir, `${n}.docx`), files[n]);
      const { stdout, stderr } = await run(
        soffice,
        [
          '--headless',
          '--norestore',
          '--nologo',
          `-env:UserInstallation=file://${profile}`,
          '--convert-to',
          'pdf:writer_pdf_Export',
          '--outdir',
          dir,
          ...names.map((n) => path.join(dir, `${n}.docx`)),
        ],
        { timeout: 180_000, maxBuffer: 4 * 1024 * 1024 },
      );
      const out: Record<string, Buffer> = {};
      for (const n of names) {
        const pdf = path.join(dir, `${n}.pdf`);
        if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${n}.docx: ${stdout} ${stderr}`);
        out[n] = fs.readFileSync(pdf);
      }
      return out;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

// ---------------------------------------------------------------------------------------------------------------
// pdfmake

const PT = (twips: number) => twips / 20;
const MARGINS: [number, number, number, number] = [PT(1701), PT(1134), PT(850), PT(1134)];
const TEXT_WIDTH_PT = 595.28 - MARGINS[0] - MARGINS[2];
const FIRST_LINE = 28.35;
// Noto Serif is wider than Times New Roman: 13 pt (within the decree's 13–14) keeps the page count close to the DOCX.
const BODY = 13;

pdfmake.setFonts({ NotoSerif: NOTO_SERIF });
// Everything pdfmake reads comes from memory or these font files; refuse any other path or URL.
pdfmake.setLocalAccessPolicy((p: string) => Object.values(NOTO_SERIF).includes(p));
pdfmake.setUrlAccessPolicy(() => false);

const STYLE: Record<
  ParaStyle,
  { align: 'left' | 'center' | 'justify'; indent?: boolean; size?: number; before?: number; after?: number }
> = {
  body: { align: 'justify', indent: true },
  item: { align: 'justify', indent: true },
  partHeading: { align: 'justify', indent: true, before: 6 },
  sectionHeading: { align: 'justify', indent: true },
  pointHeading: { align: 'justify', indent: true },
  subheading: { align: 'justify', indent: true },
  status: { align: 'justify', indent: true },
  letterPoint: { align: 'justify', indent: true },
  recipient: { align: 'center', before: 12, after: 12 },
  docType: { align: 'center', before: 12, after: 0 },
  docTitle: { align: 'center', after: 0 },
  attached: { align: 'center', before: 6, after: 12 },
  appendixLabel: { align: 'center', after: 0 },
  appendixTitle: { align: 'center', after: 0 },
  caption: { align: 'center', before: 6, size: 13 },
  source: { align: 'justify', size: 12 },
};

const inline = (runs: readonly LRun[], size: number) =>
  runs.map((r) =>
    r.note !== undefined
      ? { text: String(r.note), sup: true, fontSize: size * 0.65 }
      : { text: r.text, bold: r.bold, italics: r.italic },
  );

/** A horizontal line of `length` points centred in the box it is placed in (the box is `width` points wide). */
const line = (width: number, length: number, after = 0): Content => ({
  columns: [
    { width: '*', text: '' },
    {
      width: Math.min(length, width),
      canvas: [{ type: 'line', x1: 0, y1: 1, x2: Math.min(length, width), y2: 1, lineWidth: 0.6 }],
    },
    { width: '*', text: '' },
  ],
  columnGap: 0,
  margin: [0, 0, 0, after],
});

function para(p: LPara): Content[] {
  const s = STYLE[p.style];
  const size = s.size ?? BODY;
  const node: Content = {
    text: inline(p.runs, size),
    fontSize: size,
    alignment: s.align,
    leadingIndent: s.indent ? FIRST_LINE : 0,
    margin: [0, s.before ?? 0, 0, s.after ?? 6],
    lineHeight: 1.05,
    ...(p.pageBreak ? { pageBreak: 'before' as const } : {}),
  };
  if (p.style === 'docTitle') return [node, line(TEXT_WIDTH_PT, TEXT_WIDTH_PT / 3, 6)];
  return [node];
}

function header(h: LDocHeader): Content {
  const leftW = 180;
  const rightW = TEXT_WIDTH_PT - leftW + 17;
  const left: Content[] = [];
  if (h.agencyParent) left.push({ text: h.agencyParent.toLocaleUpperCase('vi'), fontSize: 13 });
  left.push({ text: h.agencyName.toLocaleUpperCase('vi'), fontSize: 13, bold: true });
  left.push(line(leftW, 40, 4));
  if (h.numberLine) left.push({ text: h.numberLine, fontSize: 13, margin: [0, 4, 0, 0] });
  if (h.subjectLine) left.push({ text: h.subjectLine, fontSize: 12, margin: [0, 6, 0, 0] });
  const right: Content[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 11.5, bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', fontSize: 13, bold: true },
    line(rightW, 175, 4),
  ];
  if (h.dateLine) right.push({ text: h.dateLine, fontSize: 13, italics: true, margin: [0, 8, 0, 0] });
  return {
    columns: [
      { width: leftW, stack: left, alignment: 'center' },
      { width: rightW, stack: right, alignment: 'center' },
    ],
    columnGap: 0,
    margin: [-17, 0, 0, 12],
  };
}

function closing(c: LClosing): Content {
  const leftW = TEXT_WIDTH_PT * 0.4;
  const right: Content[] = [];
  if (c.signer.authority) right.push({ text: c.signer.authority.toLocaleUpperCase('vi'), bold: true });
  right.push({ text: c.signer.title.toLocaleUpperCase('vi'), bold: true });
  right.push({ text: c.signer.name, bold: true, margin: [0, 70, 0, 0] });
  return {
    columns: [
      {
        width: leftW,
        stack: [
          { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
          ...c.copyTo.map((l, i) => ({ text: `- ${l}${i === c.copyTo.length - 1 ? '.' : ';'}`, fontSize: 11 })),
        ],
      },
      { width: '*', stack: right, alignment: 'center', fontSize: BODY },
    ],
    margin: [0, 6, 0, 0],
    unbreakable: true,
  };
}

function cell(c: LCell, size: number): TableCell {
  return {
    text: c.text,
    bold: c.bold,
    italics: c.italic,
    alignment: c.align,
    fontSize: size / 2,
    colSpan: c.span > 1 ? c.span : undefined,
  };
}

function row(cells: LCell[], size: number): TableCell[] {
  const out: TableCell[] = [];
  for (const c of cells) {
    out.push(cell(c, size));
    for (let i = 1; i < c.span; i++) out.push({});
  }
  return out;
}

function block(b: LBlock): Content[] {
  switch (b.kind) {
    case 'para':
      return para(b);
    case 'docHeader':
      return [header(b)];
    case 'closing':
      return [closing(b)];
    case 'table':
      return [
        {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: b.widths.map((w) => PT(w) - 8),
            body: [row(b.header, b.size), ...b.rows.map((r) => row(r, b.size))],
          },
          layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
          margin: [0, 0, 0, 4],
        },
      ];
    case 'image':
      return [
        {
          image: `data:image/png;base64,${b.figure.png.toString('base64')}`,
          width: b.figure.widthPt,
          alignment: 'center',
          margin: [0, 6, 0, 0],
        },
      ];
  }
}

/** Build the PDF of one laid-out document with pdfmake (no LibreOffice needed). */
export async function writePdfWithPdfmake(doc: LayoutDoc): Promise<Buffer> {
  const content: Content[] = doc.blocks.flatMap(block);
  if (doc.notes.length > 0) {
    content.push(line(TEXT_WIDTH_PT, 150, 4));
    content.push({ text: 'Ghi chú', bold: true, fontSize: 11, margin: [0, 0, 0, 2] });
    doc.notes.forEach((paras, i) => {
      paras.forEach((p, j) => {
        content.push({
          text: [...(j === 0 ? [{ text: `${i + 1} `, sup: true, fontSize: 8 }] : []), ...inline(p, 11)],
          fontSize: 11,
          alignment: 'justify',
          margin: [0, 0, 0, 2],
        });
      });
    });
  }
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    info: {
      title: doc.title,
      creator: 'RegionLink – Hệ thống thông tin liên kết vùng',
      producer: 'RegionLink (pdfmake)',
    },
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : { text: String(currentPage), alignment: 'center', fontSize: BODY, margin: [0, 28, 0, 0] },
    defaultStyle: { font: 'NotoSerif', fontSize: BODY, lineHeight: 1.05 },
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

/** A content hash, for the package manifest. */
export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

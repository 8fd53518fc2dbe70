import { REPORT_PARTS, type ReportModel, type ReportPackageStep, type ReportPart } from '@regionlink/shared';
import JSZip from 'jszip';
import type { Boundaries } from './charts';
import { writeDocx } from './docx-writer';
import { type LayoutDoc, layoutPart } from './layout';

export { layoutPart };

import { convertWithLibreOffice, type PdfEngine, pdfEngine, sha256, writePdfWithPdfmake } from './pdf-writer';
import { letterNumber, reporterCounts } from './report-model';
import { writeXlsx } from './xlsx-writer';

/**
 * Generation of the package from a report model: each part as DOCX or PDF, the XLSX annex, and the zip of all of them
 * with a manifest (file names, sizes, SHA-256, PDF engine). Pure apart from running LibreOffice for PDFs when it is
 * installed; no database access, so services decide what model a user may export.
 */

export interface GenerateInput {
  model: ReportModel;
  boundaries: Boundaries | null;
}

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

const PART_FILE: Record<ReportPart, string> = {
  letter: '1-Cong-van',
  report: '2-Bao-cao',
  appendix: '3-Phu-luc',
};

/** The file name of a part, e.g. `1-Cong-van_20208-BTC-VCL_2025.docx` (ASCII, safe in every zip tool). */
export function partFileName(model: ReportModel, part: ReportPart | 'annex', ext: string): string {
  // A draft has no number yet: "Du-thao-BTC-VCL" says so instead of a bare "-BTC-VCL".
  const number =
    model.settings.number === null
      ? `Du-thao-${model.settings.symbol}`
      : letterNumber(model.settings).trim().replace(/\//g, '-').replace(/\s+/g, '');
  const base = part === 'annex' ? '4-Phu-luc-so-lieu' : PART_FILE[part];
  const ascii = `${base}_${number}_${model.settings.year}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]/g, '');
  return `${ascii}.${ext}`;
}

/** Lay out every part once (charts are drawn once per part). */
export function layoutAll(input: GenerateInput): Record<ReportPart, LayoutDoc> {
  return {
    letter: layoutPart('letter', input),
    report: layoutPart('report', input),
    appendix: layoutPart('appendix', input),
  };
}

/** One part as DOCX. */
export async function generateDocx(part: ReportPart, input: GenerateInput): Promise<Buffer> {
  return writeDocx(layoutPart(part, input));
}

/** Several parts as PDF: one LibreOffice run for all of them, or pdfmake when LibreOffice is absent. */
export async function generatePdfs(
  parts: readonly ReportPart[],
  input: GenerateInput,
  engine: PdfEngine = pdfEngine(),
  layouts?: Partial<Record<ReportPart, LayoutDoc>>,
): Promise<Record<string, Buffer>> {
  const laid = Object.fromEntries(parts.map((p) => [p, layouts?.[p] ?? layoutPart(p, input)])) as Record<
    string,
    LayoutDoc
  >;
  if (engine === 'libreoffice') {
    const docx: Record<string, Buffer> = {};
    for (const p of parts) docx[p] = await writeDocx(laid[p]);
    return convertWithLibreOffice(docx);
  }
  const out: Record<string, Buffer> = {};
  for (const p of parts) out[p] = await writePdfWithPdfmake(laid[p]);
  return out;
}

/** One part as PDF. */
export async function generatePdf(part: ReportPart, input: GenerateInput, engine?: PdfEngine): Promise<Buffer> {
  return (await generatePdfs([part], input, engine))[part];
}

/** The XLSX annex. */
export function generateXlsx(input: GenerateInput, generatedAt?: Date): Promise<Buffer> {
  return writeXlsx(input.model, generatedAt);
}

export interface PackageFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface GeneratedPackage {
  files: PackageFile[];
  zip: Buffer;
  manifest: PackageManifest;
}

export interface PackageManifest {
  title: string;
  letterNumber: string;
  generatedAt: string;
  pdfEngine: PdfEngine;
  reporters: { ministries: number; localities: number };
  provenance: string;
  files: { name: string; bytes: number; sha256: string }[];
}

/**
 * Every file of the package (3 DOCX, 3 PDF, the XLSX) and their zip with `manifest.json`. `onStep` is told each step
 * done (a part's DOCX, the PDFs, the annex, the zip): a background job reports it as progress.
 */
export async function generatePackage(
  input: GenerateInput,
  opts: { engine?: PdfEngine; generatedAt?: Date; onStep?: (step: ReportPackageStep) => void } = {},
): Promise<GeneratedPackage> {
  const engine = opts.engine ?? pdfEngine();
  const generatedAt = opts.generatedAt ?? new Date();
  const step = opts.onStep ?? (() => undefined);
  const layouts = layoutAll(input);
  const files: PackageFile[] = [];
  for (const part of REPORT_PARTS) {
    files.push({
      name: partFileName(input.model, part, 'docx'),
      contentType: MIME.docx,
      data: await writeDocx(layouts[part]),
    });
    step(part);
  }
  const pdfs = await generatePdfs(REPORT_PARTS, input, engine, layouts);
  for (const part of REPORT_PARTS)
    files.push({ name: partFileName(input.model, part, 'pdf'), contentType: MIME.pdf, data: pdfs[part] });
  step('pdf');
  files.push({
    name: partFileName(input.model, 'annex', 'xlsx'),
    contentType: MIME.xlsx,
    data: await writeXlsx(input.model, generatedAt),
  });
  step('annex');
  const manifest: PackageManifest = {
    title: input.model.settings.reportTitle,
    letterNumber: letterNumber(input.model.settings).trim(),
    generatedAt: generatedAt.toISOString(),
    pdfEngine: engine,
    reporters: reporterCounts(input.model),
    provenance: input.model.provenance,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const zip = await zipPackage(files, manifest, generatedAt);
  step('zip');
  return { files, zip, manifest };
}

/** The zip of the package's files with `manifest.json`. */
function zipPackage(files: PackageFile[], manifest: PackageManifest, date: Date): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.data, { date });
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

import type {
  DocumentFile,
  DocumentPackageSummary,
  DocumentSampleId,
  ReportModel,
  ReportPackageStep,
  ReportPart,
} from '@regionlink/shared';
import type { Topology } from 'topojson-specification';
import type { Db } from '../../db/client';
import { AppError, unauthorized } from '../../lib/errors';
import type { SessionUser } from '../access/access.service';
import { getBoundaries } from '../geo/geo.service';
import type { Boundaries } from './charts';
import { writeDocx } from './docx-writer';
import { loadFixture2025 } from './fixture-2025';
import { type GenerateInput, generatePackage, generatePdf, layoutPart, MIME, partFileName } from './package';
import { pdfEngine } from './pdf-writer';
import { completenessRows, letterNumber, listTasks, placeAndDate, reporterCounts } from './report-model';
import { writeXlsx } from './xlsx-writer';

/**
 * Services of the documents module. Today they serve the reference package of 2025 (the real letter, report and
 * appendix) so MoF staff can see and download the official layout; cycle drafts assembled from submissions use the
 * same generators. Permissions: MoF staff (admin, viewer) read and download the parts; only admins download the zip.
 */

export interface DownloadFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

const ADMIN_ONLY = new Set<DocumentFile>(['package.zip']);

function requireMofStaff(user: SessionUser | null, file?: DocumentFile): SessionUser {
  if (!user) throw unauthorized();
  if (user.role !== 'admin' && user.role !== 'viewer')
    throw new AppError(
      403,
      'forbidden',
      'The national report is for Ministry of Finance staff (administrators and viewers).',
      'Báo cáo tổng hợp chỉ dành cho cán bộ Bộ Tài chính (quản trị viên, người xem).',
    );
  if (file && ADMIN_ONLY.has(file) && user.role !== 'admin')
    throw new AppError(
      403,
      'forbidden',
      'Only Ministry of Finance administrators may download the whole package.',
      'Chỉ quản trị viên Bộ Tài chính được tải toàn bộ bộ hồ sơ.',
    );
  return user;
}

/** The provinces' boundaries on the model's geography date, from the geo module (the map of reporters needs them). */
export async function boundariesFor(db: Db, model: ReportModel): Promise<Boundaries | null> {
  try {
    const layer = await getBoundaries(db, model.settings.geographyDate, 'topojson');
    return { topology: JSON.parse(layer.body) as Topology, source: layer.source };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

export function sampleModel(id: DocumentSampleId): ReportModel {
  if (id === 'res57-2025') return loadFixture2025();
  throw new AppError(404, 'not_found', 'Sample package not found.', 'Không tìm thấy bộ hồ sơ mẫu.');
}

/** The summary of a package: what the screen shows before anyone downloads a file. */
export function summarisePackage(id: string, model: ReportModel): DocumentPackageSummary {
  const s = model.settings;
  const files = (
    [
      'letter.docx',
      'letter.pdf',
      'report.docx',
      'report.pdf',
      'appendix.docx',
      'appendix.pdf',
      'annex.xlsx',
      'package.zip',
    ] as const
  ).map((file) => ({ file, name: fileName(model, file), adminOnly: ADMIN_ONLY.has(file) }));
  const count = (blocks: ReportModel['report']['intro']) =>
    blocks.reduce((a, b) => a + ('content' in b ? b.content.filter((r) => r.kind === 'footnote').length : 0), 0);
  const letterNotes = count([
    ...model.letter.opening,
    ...model.letter.sections.flatMap((x) => x.blocks),
    ...model.letter.closing,
  ]);
  const r = model.report;
  const reportNotes = count([
    ...r.intro,
    ...r.partOne.intro,
    ...r.partOne.sections.flatMap((sec) => [
      ...sec.intro,
      ...sec.items.flatMap((i) => [...i.intro, ...i.tasks.flatMap((t) => t.synthesis)]),
    ]),
    ...[r.partTwo, r.partThree].flatMap((p) => [...p.intro, ...p.sections.flatMap((x) => x.blocks)]),
  ]);
  return {
    id,
    title: s.reportTitle,
    agencyName: s.agencyShortName,
    letterNumber: letterNumber(s).trim(),
    letterDateLine: placeAndDate(s),
    subject: s.subject,
    cutOffDate: s.cutOffDate,
    reporters: reporterCounts(model),
    completeness: completenessRows(model).map((c) => ({
      key: c.key,
      labelVi: c.labelVi,
      labelEn: c.labelEn,
      level: c.level,
      expected: c.expected,
      received: c.received,
      missing: c.missing,
    })),
    tasks: listTasks(model).map(({ item, task }) => ({
      code: task.code,
      heading: task.subheading ?? item.heading,
      status: task.status,
      narratives: task.narratives.length,
    })),
    footnotes: { letter: letterNotes, report: reportNotes },
    files,
    pdfEngine: pdfEngine(),
    provenance: model.provenance,
  };
}

/** The download name of a file of a package. */
export function fileName(model: ReportModel, file: DocumentFile): string {
  if (file === 'package.zip') return partFileName(model, 'annex', 'zip').replace('4-Phu-luc-so-lieu', 'Bo-ho-so');
  if (file === 'annex.xlsx') return partFileName(model, 'annex', 'xlsx');
  const [part, ext] = file.split('.') as [ReportPart, string];
  return partFileName(model, part, ext);
}

/** Build one file of a package from its model (`onStep`: the zip's steps, for a background job's progress). */
export async function buildFile(
  input: GenerateInput,
  file: DocumentFile,
  opts: { onStep?: (step: ReportPackageStep) => void } = {},
): Promise<DownloadFile> {
  const name = fileName(input.model, file);
  if (file === 'package.zip') {
    const pkg = await generatePackage(input, opts);
    return { filename: name, contentType: MIME.zip, data: pkg.zip };
  }
  if (file === 'annex.xlsx') return { filename: name, contentType: MIME.xlsx, data: await writeXlsx(input.model) };
  const [part, ext] = file.split('.') as [ReportPart, 'docx' | 'pdf'];
  if (ext === 'docx') return { filename: name, contentType: MIME.docx, data: await writeDocx(layoutPart(part, input)) };
  return { filename: name, contentType: MIME.pdf, data: await generatePdf(part, input) };
}

/** The reference packages a MoF user may open. */
export async function listSamplePackages(user: SessionUser | null): Promise<DocumentPackageSummary[]> {
  requireMofStaff(user);
  return [summarisePackage('res57-2025', sampleModel('res57-2025'))];
}

// The reference package never changes while the server runs: keep the last files built (a few MB at most).
const sampleCache = new Map<string, DownloadFile>();

/** One file of a reference package, built once per server and PDF engine (MoF staff; see `buildSampleFile`). */
export async function exportSampleFile(
  db: Db,
  user: SessionUser | null,
  id: DocumentSampleId,
  file: DocumentFile,
): Promise<DownloadFile> {
  requireMofStaff(user, file);
  return buildSampleFile(db, id, file);
}

/** A reference package's file, without asking who reads it: callers decide (the published report is public). */
export async function buildSampleFile(db: Db, id: DocumentSampleId, file: DocumentFile): Promise<DownloadFile> {
  const key = `${id}:${file}:${pdfEngine()}`;
  const hit = sampleCache.get(key);
  if (hit) return hit;
  const model = sampleModel(id);
  const out = await buildFile({ model, boundaries: await boundariesFor(db, model) }, file);
  if (sampleCache.size > 16) sampleCache.clear();
  sampleCache.set(key, out);
  return out;
}

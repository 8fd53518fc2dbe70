import { type DocumentFile, DocumentSampleId, type PublishedReport } from '@regionlink/shared';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { reportingCycles } from '../reporting/reporting.schema';
import type { reportVersions } from './documents.schema';
import { buildSampleFile, type DownloadFile, fileName, sampleModel } from './documents.service';
import { fileFromVersion, latestVersion } from './drafts.service';

/** What the public may download of a published report: the documents, not the working package. */
const PUBLIC_FILES = [
  'letter.pdf',
  'report.pdf',
  'appendix.pdf',
  'letter.docx',
  'report.docx',
  'appendix.docx',
  'annex.xlsx',
] as const satisfies readonly DocumentFile[];
type PublicFile = (typeof PUBLIC_FILES)[number];

type CycleRow = typeof reportingCycles.$inferSelect;
type VersionRow = typeof reportVersions.$inferSelect;

/** The reference package reproducing a real cycle's report as sent, if the product ships one (not for demo cycles). */
function referenceOf(c: CycleRow): DocumentSampleId | null {
  if (c.demo) return null;
  const id = DocumentSampleId.safeParse(`res57-${c.year}`);
  return id.success ? id.data : null;
}

function filesOfVersion(v: VersionRow): PublishedReport['files'] {
  const manifest = v.manifest as { files: { name: string; bytes: number }[] };
  return PUBLIC_FILES.flatMap((file) => {
    const name = fileName(v.model, file);
    const f = manifest.files.find((x) => x.name === name);
    return f ? [{ file, name, bytes: f.bytes }] : [];
  });
}

/** The reference package's documents (their sizes are known once built). */
function filesOfReference(id: DocumentSampleId): PublishedReport['files'] {
  const model = sampleModel(id);
  return PUBLIC_FILES.map((file) => ({ file, name: fileName(model, file), bytes: null }));
}

/**
 * The national reports MoF has published, newest first: for each published cycle, its latest numbered version accepted
 * as final, or, for a cycle reported before RegionLink, the official package reproduced from the published letter.
 * A published cycle with neither is listed without files (the results are on its cycle page).
 */
export async function listPublishedReports(db: Db): Promise<PublishedReport[]> {
  const cycles = await db
    .select()
    .from(reportingCycles)
    .where(isNotNull(reportingCycles.publishedAt))
    .orderBy(desc(reportingCycles.year), desc(reportingCycles.id));
  const out: PublishedReport[] = [];
  for (const c of cycles) {
    const v = await latestVersion(db, c.id);
    const ref = v ? null : referenceOf(c);
    const files = v ? filesOfVersion(v) : ref ? filesOfReference(ref) : [];
    out.push({
      cycleId: c.id,
      year: c.year,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      publishedAt: c.publishedAt as string,
      publicationRef: c.publicationRef,
      basis: v ? 'version' : 'reference',
      version: v?.number ?? null,
      demo: c.demo,
      files,
    });
  }
  return out;
}

const notPublished = () =>
  new AppError(
    404,
    'not_published',
    'This cycle has no published report.',
    'Kỳ báo cáo này chưa có báo cáo tổng hợp được công bố.',
  );

/** One file of a published report, for anyone: nothing is served before MoF publishes the cycle. */
export async function publishedReportFile(db: Db, cycleId: number, file: PublicFile): Promise<DownloadFile> {
  const [c] = await db
    .select()
    .from(reportingCycles)
    .where(and(eq(reportingCycles.id, cycleId), isNotNull(reportingCycles.publishedAt)));
  if (!c) throw notPublished();
  const v = await latestVersion(db, c.id);
  if (v) return fileFromVersion(v, file);
  const ref = referenceOf(c);
  if (!ref) throw notPublished();
  return buildSampleFile(db, ref, file);
}

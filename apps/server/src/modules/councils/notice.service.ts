import type { Db } from '../../db/client';
import { writeDocx } from '../documents/docx-writer';
import { convertWithLibreOffice, pdfEngine, writePdfWithPdfmake } from '../documents/pdf-writer';
import type { Caller } from './councils.policy';
import { noticeSource } from './meetings.service';
import { layoutNotice } from './notice';

export const NOTICE_MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/**
 * Generated notices by meeting, version, format and PDF engine. A meeting's version changes with every edit and an
 * issued meeting is closed, so an entry never goes stale; LibreOffice's seconds are spent once per version. Kept small
 * (the last 32) and per process: several servers each build their own copy of the same bytes.
 */
const cache = new Map<string, { fileName: string; contentType: string; data: Buffer }>();
const CACHE_SIZE = 32;

/**
 * GET /council-meetings/{id}/notice.{docx|pdf}: the notice of conclusions, laid out by `notice.ts` and written by the
 * documents module's DOCX writer; the PDF is LibreOffice's conversion of that DOCX when installed, pdfmake otherwise
 * (the documents module's rule). Public once issued; before that, the Office previews a draft with a blank number.
 */
export async function generateNotice(db: Db, caller: Caller, id: number, format: 'docx' | 'pdf') {
  const s = await noticeSource(db, caller, id);
  const key = `${id}:${s.m.version}:${format}:${format === 'pdf' ? pdfEngine() : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = await buildNotice(s, format);
  cache.set(key, file);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return file;
}

/** Lay out and write the notice of one meeting. */
async function buildNotice(s: Awaited<ReturnType<typeof noticeSource>>, format: 'docx' | 'pdf') {
  const issued = s.m.status === 'notice_issued';
  const layout = layoutNotice({
    councilNameVi: s.council.nameVi.replace(/ \(2023\)$/, ''),
    meeting: {
      titleVi: s.m.titleVi,
      heldOn: s.m.heldOn,
      place: s.m.place,
      mode: s.m.mode as 'in_person' | 'online' | 'hybrid',
      chairVi: s.m.chairVi,
    },
    attendedVi: s.attendedVi,
    conclusions: s.conclusions,
    number: issued ? s.m.noticeNumber : null,
    date: issued ? s.m.noticeDate : null,
    signerTitle: issued ? s.m.signerTitle : null,
    signerName: issued ? s.m.signerName : null,
    provincesVi: s.provincesVi,
  });
  const docx = await writeDocx(layout);
  const stem = `thong-bao-ket-luan-${s.council.code}-${s.m.heldOn}${issued ? '' : '-du-thao'}`;
  if (format === 'docx') return { fileName: `${stem}.docx`, contentType: NOTICE_MIME.docx, data: docx };
  const pdf =
    pdfEngine() === 'libreoffice'
      ? (await convertWithLibreOffice({ notice: docx })).notice
      : await writePdfWithPdfmake(layout);
  return { fileName: `${stem}.pdf`, contentType: NOTICE_MIME.pdf, data: pdf };
}

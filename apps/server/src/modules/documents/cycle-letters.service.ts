import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { SessionUser } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { getCycleReportSource, getProgress } from '../reporting/cycles.service';
import { type CycleLetterInput, layoutReminderLetter, layoutRequestLetter } from './cycle-letters';
import type { DownloadFile } from './documents.service';
import { writeDocx } from './docx-writer';
import { MIME } from './package';
import { convertWithLibreOffice, pdfEngine, writePdfWithPdfmake } from './pdf-writer';
import { requireAdmin } from './drafts.service';

/**
 * GET /cycles/{id}/letters/{request|reminder}.{docx|pdf} (MoF administrators): the cycle's request letter with its
 * outline and addressees, and — once the deadline has passed in an open cycle — the reminder to the organisations
 * still missing (nothing received; MoF itself is never one of them). Built from the reporting module's services.
 */
export async function exportCycleLetter(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  file: 'request.docx' | 'request.pdf' | 'reminder.docx' | 'reminder.pdf',
): Promise<DownloadFile> {
  const u = await requireAdmin(db, user, cycleId, `letter_${file}`);
  const [source, progress] = await Promise.all([getCycleReportSource(db, u, cycleId), getProgress(db, u, cycleId)]);
  const c = source.cycle;
  const today = todayVn();
  const [kind, ext] = file.split('.') as ['request' | 'reminder', 'docx' | 'pdf'];
  if (kind === 'reminder') {
    if (c.status !== 'open')
      throw new AppError(
        409,
        'cycle_not_open',
        'Reminders are sent only while the cycle is open.',
        'Chỉ gửi công văn đôn đốc khi kỳ báo cáo đang mở.',
      );
    if (!c.deadline || today <= c.deadline)
      throw new AppError(
        409,
        'not_overdue',
        'The reminder letter is written after the deadline has passed.',
        'Công văn đôn đốc được lập sau khi quá hạn báo cáo.',
      );
    if (progress.missing.length === 0)
      throw new AppError(409, 'nothing_missing', 'Every organisation has reported.', 'Tất cả cơ quan đã gửi báo cáo.');
  }
  const input: CycleLetterInput = {
    year: c.year,
    nameVi: c.nameVi,
    policyCode: c.policyCode,
    policyTitleVi: c.policyTitleVi,
    requestNumber: c.requestNumber,
    requestDate: c.requestDate,
    deadline: c.deadline,
    cutoff: c.cutoff,
    outline: source.tasks.map((t) => ({ code: t.code, headingVi: t.headingVi, figures: t.figures })),
    sections: source.generalSections.map((g) => ({ titleVi: g.titleVi })),
    expected: progress.rows.map((r) => ({ nameVi: r.orgName, group: r.group })),
    missing: progress.missing.map((m) => ({ nameVi: m.orgName, group: m.group })),
    today,
  };
  const layout = kind === 'request' ? layoutRequestLetter(input) : layoutReminderLetter(input);
  const base = `${kind === 'request' ? 'Cong-van-de-nghi-bao-cao' : 'Cong-van-don-doc-bao-cao'}_${c.year}`;
  const docx = await writeDocx(layout);
  if (ext === 'docx') return { filename: `${base}.docx`, contentType: MIME.docx, data: docx };
  const pdf =
    pdfEngine() === 'libreoffice'
      ? (await convertWithLibreOffice({ [base]: docx }))[base]
      : await writePdfWithPdfmake(layout);
  return { filename: `${base}.pdf`, contentType: MIME.pdf, data: pdf };
}

import crypto from 'node:crypto';
import type {
  FollowUpAction,
  FollowUpBrief,
  FollowUpDetail,
  FollowUpState,
  FollowUpsQuery,
  ProgressInput,
  ReviewInput,
} from '@regionlink/shared';
import {
  FOLLOW_UP_STATE_LABELS,
  formatDateVi,
  normaliseText,
  ProgressInput as ProgressSchema,
} from '@regionlink/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { toCsv } from '../../lib/http';
import { users } from '../access/access.schema';
import { recordAudit } from '../access/access.service';
import { evidenceType, MAX_EVIDENCE_BYTES } from '../plans/project-work.service';
import { notify } from '../reporting/notifications.service';
import { allFacts, type CouncilsContext, factsOf, lineage, loadContext, orgBrief } from './councils.context';
import {
  type Caller,
  canPostProgress,
  canSeeFollowUp,
  enforce,
  isOffice,
  signedIn,
  stateConflict,
} from './councils.policy';
import { followUpBriefs, loadFollowUps } from './councils.queries';
import { councilFollowUpEvents, councilFollowUpEvidence, councilFollowUps, councilMeetings } from './councils.schema';
import { followUpTransition, isDoneOnTime, isOverdue, WORKING_STATES } from './follow-up-workflow';
import { cleanName } from './meetings.service';

/**
 * Follow-ups of conclusions: lists (a council's, a province's across councils), progress with evidence from the
 * assignee, acceptance or return by the Office, overdue reminders, and the per-province statistics the linkage
 * scorecard reads.
 */

const notFoundFollowUp = (id: number) => notFound(`Follow-up ${id}`, `nhiệm vụ ${id}`);

/** GET /council-follow-ups: the follow-ups the caller may see, filtered (`assignee=me`: the caller's own). */
export async function listFollowUps(db: Db, caller: Caller, q: FollowUpsQuery) {
  const u = signedIn(caller);
  const ctx = await loadContext(db);
  const facts = await allFacts(db, ctx);
  let councilIds: number[] | undefined;
  if (q.council) councilIds = lineage(ctx, ctx.byCode(q.council).code).map((c) => ctx.byCode(c).id);
  let assigneeOrgIds: number[] | undefined;
  if (q.assignee === 'me') assigneeOrgIds = [u.organisation.id];
  else if (q.assignee) {
    const o = ctx.orgByCode.get(q.assignee);
    assigneeOrgIds = o ? [o.id] : [];
  }
  const rows = (await loadFollowUps(db, { councilIds, assigneeOrgIds, year: q.year })).filter((r) =>
    canSeeFollowUp(u, {
      council: facts.get(r.councilId)!,
      assigneeOrgId: r.f.assigneeOrgId,
      partnerOrgIds: r.f.partnerOrgIds,
    }),
  );
  let items = await followUpBriefs(db, ctx, rows);
  if (q.state) items = items.filter((f) => f.state === q.state);
  if (q.overdue) items = items.filter((f) => f.overdue === (q.overdue === 'true'));
  return { items, today: ctx.today };
}

/** The follow-ups as CSV (UTF-8 with BOM, formulas neutralised), columns in Vietnamese. */
export function followUpsCsv(items: FollowUpBrief[]): string {
  return toCsv(
    [
      'Hội đồng',
      'Ngày họp',
      'Kết luận số',
      'Nội dung kết luận',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời hạn',
      'Trạng thái',
      'Quá hạn',
      'Ngày báo cáo hoàn thành',
      'Ngày Văn phòng xác nhận',
      'Ghi chú mới nhất',
      'Dữ liệu minh họa',
    ],
    items.map((f) => [
      f.councilCode,
      formatDateVi(f.meetingHeldOn),
      f.conclusionSeq,
      f.conclusionText,
      f.assignee.nameVi,
      f.partners.map((p) => p.nameVi).join('; '),
      formatDateVi(f.dueOn),
      FOLLOW_UP_STATE_LABELS[f.state].vi,
      f.overdue ? 'Có' : 'Không',
      f.doneOn ? formatDateVi(f.doneOn) : '',
      f.acceptedOn ? formatDateVi(f.acceptedOn) : '',
      f.lastNote ?? '',
      f.isDemo ? 'minh họa' : '',
    ]),
  );
}

async function followUpFor(db: Db, caller: Caller, id: number) {
  const ctx = await loadContext(db);
  const [row] = await loadFollowUps(db, { ids: [id] });
  if (!row) throw notFoundFollowUp(id);
  const council = ctx.byId(row.councilId);
  const facts = await factsOf(db, ctx, council);
  const ff = { council: facts, assigneeOrgId: row.f.assigneeOrgId, partnerOrgIds: row.f.partnerOrgIds };
  return { ctx, row, council, facts, ff, sees: canSeeFollowUp(caller, ff) };
}

/** GET /council-follow-ups/{id}: a follow-up with its whole history and evidence. */
export async function getFollowUp(db: Db, caller: Caller, id: number): Promise<FollowUpDetail> {
  const { ctx, row, council, facts, ff, sees } = await followUpFor(db, caller, id);
  await enforce(db, caller, {
    sees,
    may: true,
    action: 'read',
    entity: 'council_follow_up',
    entityId: id,
    what: [`Follow-up ${id}`, `nhiệm vụ ${id}`],
  });
  const [brief] = await followUpBriefs(db, ctx, [row]);
  const [events, evidence, meeting] = await Promise.all([
    db
      .select({ e: councilFollowUpEvents, userName: users.displayName })
      .from(councilFollowUpEvents)
      .leftJoin(users, eq(users.id, councilFollowUpEvents.userId))
      .where(eq(councilFollowUpEvents.followUpId, id))
      .orderBy(councilFollowUpEvents.id),
    db
      .select({
        id: councilFollowUpEvidence.id,
        fileName: councilFollowUpEvidence.fileName,
        contentType: councilFollowUpEvidence.contentType,
        sizeBytes: councilFollowUpEvidence.sizeBytes,
        uploadedAt: councilFollowUpEvidence.uploadedAt,
      })
      .from(councilFollowUpEvidence)
      .where(eq(councilFollowUpEvidence.followUpId, id))
      .orderBy(councilFollowUpEvidence.id),
    db.select({ titleVi: councilMeetings.titleVi }).from(councilMeetings).where(eq(councilMeetings.id, row.meetingId)),
  ]);
  const state = row.f.state as FollowUpState;
  return {
    ...brief,
    councilNameVi: council.nameVi,
    councilNameEn: council.nameEn,
    meetingTitleVi: meeting[0].titleVi,
    events: events.map(({ e, userName }) => ({
      at: e.at,
      onDate: e.onDate,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      note: e.note,
      percent: e.percent,
      userName,
      organisation: e.organisationId ? orgBrief(ctx.orgs.get(e.organisationId)!) : null,
    })),
    evidence,
    permissions: {
      post: canPostProgress(caller, ff) && WORKING_STATES.includes(state),
      review: isOffice(caller, facts) && state === 'reported',
    },
  };
}

/** Apply one workflow action with its history row, under the version the caller read. */
async function applyAction(
  db: Db,
  caller: NonNullable<Caller>,
  id: number,
  version: number,
  action: FollowUpAction,
  extra: { note: string | null; percent?: number | null },
  state: FollowUpState,
  ctx: CouncilsContext,
) {
  const r = followUpTransition(state, action);
  if (!r.ok) throw stateConflict(r);
  await db.transaction(async (tx) => {
    const set: Partial<typeof councilFollowUps.$inferInsert> = { state: r.to };
    if (extra.percent !== undefined && extra.percent !== null) set.percent = extra.percent;
    if (action === 'report_done') {
      set.doneOn = ctx.today;
      set.percent = 100;
    }
    // Sent back: the work is no longer reported done, and its completion is unknown until the next progress.
    if (action === 'return') {
      set.doneOn = null;
      set.percent = null;
    }
    const upd = await tx
      .update(councilFollowUps)
      .set({ ...set, version: sql`${councilFollowUps.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(councilFollowUps.id, id), eq(councilFollowUps.version, version)))
      .returning({ id: councilFollowUps.id, assignee: councilFollowUps.assigneeOrgId });
    if (upd.length === 0) throw staleWrite();
    await tx.insert(councilFollowUpEvents).values({
      followUpId: id,
      onDate: ctx.today,
      userId: caller.id,
      organisationId: caller.organisation.id,
      action,
      fromState: state,
      toState: r.to,
      note: extra.note,
      percent: action === 'report_done' ? 100 : (extra.percent ?? null),
    });
    if (action === 'accept' || action === 'return')
      await notify(tx, {
        organisationId: upd[0].assignee,
        kind: `council_follow_up_${action}`,
        titleVi:
          action === 'accept'
            ? 'Văn phòng Hội đồng xác nhận hoàn thành nhiệm vụ'
            : 'Văn phòng Hội đồng trả lại báo cáo nhiệm vụ',
        titleEn: action === 'accept' ? 'The Office accepted a follow-up as done' : 'The Office sent a follow-up back',
        bodyVi: extra.note ?? '',
        bodyEn: extra.note ? 'See the note in Vietnamese.' : '',
        link: `/councils/follow-ups/${id}`,
        dedupeKey: null,
        email: {},
      });
    await recordAudit(tx, {
      userId: caller.id,
      action: `follow_up_${action}`,
      entity: 'council_follow_up',
      entityId: String(id),
    });
  });
}

/** POST /council-follow-ups/{id}/progress: the assignee posts progress, or reports the work done (`claimsDone`). */
export async function postProgress(db: Db, caller: Caller, id: number, version: number, raw: ProgressInput) {
  const u = signedIn(caller);
  const { ctx, row, ff, sees } = await followUpFor(db, u, id);
  await enforce(db, u, {
    sees,
    may: canPostProgress(u, ff),
    action: 'progress',
    entity: 'council_follow_up',
    entityId: id,
    what: [`Follow-up ${id}`, `nhiệm vụ ${id}`],
  });
  const input = ProgressSchema.parse(raw);
  await applyAction(
    db,
    u,
    id,
    version,
    input.claimsDone ? 'report_done' : 'progress',
    { note: normaliseText(input.note), percent: input.percent },
    row.f.state as FollowUpState,
    ctx,
  );
  return getFollowUp(db, caller, id);
}

/** POST /council-follow-ups/{id}/review: the Office accepts the reported work as done, sends it back, or cancels it. */
export async function reviewFollowUp(db: Db, caller: Caller, id: number, version: number, input: ReviewInput) {
  const u = signedIn(caller);
  const { ctx, row, facts, sees } = await followUpFor(db, u, id);
  await enforce(db, u, {
    sees,
    may: isOffice(u, facts),
    action: input.decision,
    entity: 'council_follow_up',
    entityId: id,
    what: [`Follow-up ${id}`, `nhiệm vụ ${id}`],
  });
  const note = input.note ? normaliseText(input.note) : null;
  if ((input.decision === 'return' || input.decision === 'cancel') && !note)
    throw new AppError(
      400,
      'validation_failed',
      'Say why the follow-up is sent back or cancelled.',
      'Cần ghi lý do trả lại hoặc dừng thực hiện.',
      [{ path: 'body.note', message: 'required', messageVi: 'bắt buộc' }],
    );
  await applyAction(db, u, id, version, input.decision, { note }, row.f.state as FollowUpState, ctx);
  return getFollowUp(db, caller, id);
}

/** POST /council-follow-ups/{id}/evidence: the assignee attaches a file (PDF, DOCX, XLSX, PNG, JPEG; 10 MB). */
export async function addFollowUpEvidence(
  db: Db,
  caller: Caller,
  id: number,
  file: { fileName: string; data: Buffer },
) {
  const u = signedIn(caller);
  const { row, ff, sees } = await followUpFor(db, u, id);
  await enforce(db, u, {
    sees,
    may: canPostProgress(u, ff),
    action: 'evidence',
    entity: 'council_follow_up',
    entityId: id,
    what: [`Follow-up ${id}`, `nhiệm vụ ${id}`],
  });
  if (!WORKING_STATES.includes(row.f.state as FollowUpState))
    throw new AppError(
      409,
      'follow_up_state',
      'Evidence is attached while the work is under way.',
      'Chỉ bổ sung minh chứng khi nhiệm vụ đang thực hiện.',
    );
  if (file.data.length > MAX_EVIDENCE_BYTES)
    throw new AppError(413, 'file_too_large', 'Evidence files are limited to 10 MB.', 'Tệp minh chứng tối đa 10 MB.');
  const fileName = cleanName(file.fileName);
  const contentType = evidenceType(fileName, file.data);
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  const [ev] = await db.transaction(async (tx) => {
    const r = await tx
      .insert(councilFollowUpEvidence)
      .values({
        followUpId: id,
        fileName,
        contentType,
        sizeBytes: file.data.length,
        sha256,
        data: file.data,
        uploadedBy: u.id,
      })
      .returning();
    await tx
      .update(councilFollowUps)
      .set({ version: sql`${councilFollowUps.version} + 1` })
      .where(eq(councilFollowUps.id, id));
    await recordAudit(tx, {
      userId: u.id,
      action: 'follow_up_evidence',
      entity: 'council_follow_up',
      entityId: String(id),
      detail: { fileName, sha256 },
    });
    return r;
  });
  return {
    id: ev.id,
    fileName: ev.fileName,
    contentType: ev.contentType,
    sizeBytes: ev.sizeBytes,
    uploadedAt: ev.uploadedAt,
  };
}

/** GET /council-follow-up-evidence/{id}: an evidence file, for whoever may see its follow-up. */
export async function downloadFollowUpEvidence(db: Db, caller: Caller, evidenceId: number) {
  const [e] = await db.select().from(councilFollowUpEvidence).where(eq(councilFollowUpEvidence.id, evidenceId));
  if (!e) throw notFound(`Evidence ${evidenceId}`, `minh chứng ${evidenceId}`);
  const { sees } = await followUpFor(db, caller, e.followUpId);
  await enforce(db, caller, {
    sees,
    may: true,
    action: 'download',
    entity: 'council_evidence',
    entityId: evidenceId,
    what: [`Evidence ${evidenceId}`, `minh chứng ${evidenceId}`],
  });
  return e;
}

/**
 * Remind the assignees of overdue follow-ups (in the app and by e-mail), at most once a week per follow-up (dedupe
 * key with the ISO week). `councilIds` limits it to some councils. Returns the number of reminders written.
 */
export async function runFollowUpReminders(db: Db, today?: string, councilIds?: number[]) {
  const ctx = await loadContext(db, today);
  const rows = await loadFollowUps(db, { councilIds });
  const week = isoWeek(ctx.today);
  let sent = 0;
  await db.transaction(async (tx) => {
    for (const r of rows) {
      if (!isOverdue({ state: r.f.state as FollowUpState, dueOn: r.f.dueOn }, ctx.today)) continue;
      const ok = await notify(tx, {
        organisationId: r.f.assigneeOrgId,
        kind: 'council_follow_up_overdue',
        titleVi: `Nhiệm vụ quá hạn: kết luận ngày ${formatDateVi(r.meetingHeldOn)}`,
        titleEn: 'Overdue follow-up of a council conclusion',
        bodyVi: `${r.conclusionText} Thời hạn: ${formatDateVi(r.f.dueOn)}. Đề nghị cập nhật tiến độ trên hệ thống.`,
        bodyEn: `Due ${r.f.dueOn}. Please post progress.`,
        link: `/councils/follow-ups/${r.f.id}`,
        dedupeKey: `council-overdue-${r.f.id}-${week}`,
        email: {},
      });
      if (ok) sent++;
    }
  });
  return sent;
}

/** POST /council-follow-ups/reminders: run the overdue reminders now (MoF admins: all; a secretariat: its council). */
export async function runRemindersAs(db: Db, caller: Caller) {
  const u = signedIn(caller);
  const ctx = await loadContext(db);
  const facts = await allFacts(db, ctx);
  const mine = [...facts.entries()].filter(([, f]) => isOffice(u, f)).map(([id]) => id);
  await enforce(db, u, {
    sees: true,
    may: mine.length > 0,
    action: 'reminders',
    entity: 'council_follow_up',
    entityId: 'all',
  });
  return { sent: await runFollowUpReminders(db, undefined, u.role === 'admin' ? undefined : mine) };
}

/** "2026-W49": the ISO week of a date. */
export function isoWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Per province (today's code), the council follow-ups its People's Committee was assigned with a due date in
 * `year`, and how many were done, done on time, overdue and still open on `today`. For the linkage scorecard
 * (issue 16): a service function, no permission check (counts only, no text).
 */
export async function followUpStatsByProvince(db: Db, year: number, today?: string) {
  const ctx = await loadContext(db, today);
  const rows = await loadFollowUps(db);
  const out = new Map<
    string,
    {
      provinceCode: string;
      assigned: number;
      done: number;
      doneOnTime: number;
      overdue: number;
      open: number;
      partnerIn: number;
    }
  >();
  const slot = (code: string) => {
    let s = out.get(code);
    if (!s) {
      s = { provinceCode: code, assigned: 0, done: 0, doneOnTime: 0, overdue: 0, open: 0, partnerIn: 0 };
      out.set(code, s);
    }
    return s;
  };
  for (const r of rows) {
    if (!r.f.dueOn.startsWith(String(year))) continue;
    const state = r.f.state as FollowUpState;
    const lead = ctx.orgs.get(r.f.assigneeOrgId);
    if (lead?.kind === 'province' && lead.provinceCode) {
      const s = slot(lead.provinceCode);
      s.assigned++;
      if (state === 'done') s.done++;
      if (isDoneOnTime({ state, dueOn: r.f.dueOn, doneOn: r.f.doneOn })) s.doneOnTime++;
      if (isOverdue({ state, dueOn: r.f.dueOn }, ctx.today)) s.overdue++;
      if (WORKING_STATES.includes(state) || state === 'reported') s.open++;
    }
    for (const p of r.f.partnerOrgIds) {
      const o = ctx.orgs.get(p);
      if (o?.kind === 'province' && o.provinceCode) slot(o.provinceCode).partnerIn++;
    }
  }
  return [...out.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
}

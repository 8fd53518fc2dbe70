import crypto from 'node:crypto';
import type {
  AgendaInput,
  AgendaItem,
  AttendanceInput,
  Conclusion,
  ConclusionsInput,
  InviteInput,
  IssueNoticeInput,
  MeetingDetail,
  MeetingInput,
  MeetingPatch,
} from '@regionlink/shared';
import {
  AgendaInput as AgendaSchema,
  AttendanceInput as AttendanceSchema,
  ConclusionsInput as ConclusionsSchema,
  formatDateVi,
  MeetingInput as MeetingSchema,
  normaliseText,
} from '@regionlink/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit } from '../access/access.service';
import { getPlan } from '../plans/plans.service';
import { evidenceType, MAX_EVIDENCE_BYTES } from '../plans/project-work.service';
import { loadTasks } from '../reporting/documents.service';
import { notify } from '../reporting/notifications.service';
import {
  type CouncilRow,
  type CouncilsContext,
  factsOf,
  lineage,
  loadContext,
  memberOrganisationsAt,
  orgBrief,
} from './councils.context';
import { type Caller, enforce, isMember, isOffice, signedIn } from './councils.policy';
import { followUpBriefs, isPublicMeeting, loadFollowUps, type MeetingRow, projectsByCode } from './councils.queries';
import {
  councilAgendaItems,
  councilAttendees,
  councilBottlenecks,
  councilConclusions,
  councilFollowUpEvents,
  councilFollowUps,
  councilMeetingDocuments,
  councilMeetings,
  type DraftAssignment,
} from './councils.schema';

/**
 * Meetings: the Office schedules one, builds its agenda from projects, plan tasks, Res. 57 tasks and open
 * bottlenecks, attaches documents, invites members (in-app and e-mail outbox), records attendance, minutes and
 * conclusions, and issues the notice of conclusions, which turns each assignment into a tracked follow-up.
 */

const invalid = (path: string, en: string, vi: string) =>
  new AppError(400, 'validation_failed', en, vi, [{ path, message: en, messageVi: vi }]);

async function loadMeeting(db: Db, id: number): Promise<MeetingRow> {
  const [m] = await db.select().from(councilMeetings).where(eq(councilMeetings.id, id));
  if (!m) throw notFound(`Meeting ${id}`, `phiên họp ${id}`);
  return m;
}

/** The meeting with its council and the caller's standing; 404 for a meeting the caller may not know of. */
async function meetingFor(db: Db, caller: Caller, id: number) {
  const ctx = await loadContext(db);
  const m = await loadMeeting(db, id);
  const council = ctx.byId(m.councilId);
  const facts = await factsOf(db, ctx, council);
  const member = isMember(caller, facts);
  if (!member && !isPublicMeeting(m)) throw notFound(`Meeting ${id}`, `phiên họp ${id}`);
  return { ctx, m, council, facts, member, office: isOffice(caller, facts) };
}

/** The meeting for an Office action: 401 signed out, 404 unknown to the caller, 403 (audited) for non-Office. */
async function officeMeeting(db: Db, caller: Caller, id: number, action: string) {
  signedIn(caller);
  const r = await meetingFor(db, caller, id);
  await enforce(db, caller, { sees: true, may: r.office, action, entity: 'council_meeting', entityId: id });
  return r;
}

function checkEditable(m: MeetingRow) {
  if (m.status === 'notice_issued' || m.status === 'cancelled')
    throw new AppError(
      409,
      'meeting_closed',
      `The meeting is ${m.status === 'cancelled' ? 'cancelled' : 'closed: its notice of conclusions has been issued'}; it can no longer be changed.`,
      m.status === 'cancelled'
        ? 'Phiên họp đã hủy, không thể sửa.'
        : 'Phiên họp đã ban hành thông báo kết luận, không thể sửa.',
    );
}

/** Bump the meeting's version if it is still `expected`; 412 otherwise. Inside the write's transaction. */
/** One audit row for a change of a meeting (who, what, which meeting, a short detail). */
function auditMeeting(tx: Db, caller: Caller, id: number, action: string, detail?: unknown) {
  return recordAudit(tx, { userId: caller!.id, action, entity: 'council_meeting', entityId: String(id), detail });
}

async function bump(tx: Db, id: number, expected: number, set: Partial<typeof councilMeetings.$inferInsert> = {}) {
  const r = await tx
    .update(councilMeetings)
    .set({ ...set, version: sql`${councilMeetings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(councilMeetings.id, id), eq(councilMeetings.version, expected)))
    .returning({ id: councilMeetings.id });
  if (r.length === 0) throw staleWrite();
}

/** POST /councils/{code}/meetings: schedule a meeting of a council in force (Office). */
export async function createMeeting(db: Db, caller: Caller, code: string, raw: MeetingInput): Promise<MeetingDetail> {
  const u = signedIn(caller);
  const ctx = await loadContext(db);
  const council = ctx.byCode(code);
  const facts = await factsOf(db, ctx, council);
  await enforce(db, u, {
    sees: true,
    may: isOffice(u, facts),
    action: 'create_meeting',
    entity: 'council',
    entityId: code,
  });
  const input = MeetingSchema.parse(raw);
  if (council.validTo !== null && input.heldOn > council.validTo)
    throw invalid(
      'body.heldOn',
      `The council ${code} was replaced on ${council.validTo}; schedule the meeting with the council that replaced it.`,
      `Hội đồng ${code} đã được kiện toàn từ ${formatDateVi(council.validTo)}; hãy lên lịch với hội đồng mới.`,
    );
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(councilMeetings)
      .values({
        councilId: council.id,
        titleVi: normaliseText(input.titleVi),
        heldOn: input.heldOn,
        startsAt: input.startsAt,
        mode: input.mode,
        place: input.place ? normaliseText(input.place) : null,
        chairVi: normaliseText(input.chairVi),
        createdBy: u.id,
      })
      .returning({ id: councilMeetings.id });
    await recordAudit(tx, {
      userId: u.id,
      action: 'meeting_created',
      entity: 'council_meeting',
      entityId: String(row.id),
    });
    return row.id;
  });
  return getMeeting(db, caller, id);
}

/** PATCH /council-meetings/{id}: date, place, chair, minutes, status (held, cancelled) until the notice is issued. */
export async function updateMeeting(db: Db, caller: Caller, id: number, version: number, patch: MeetingPatch) {
  const { m, council } = await officeMeeting(db, caller, id, 'update_meeting');
  checkEditable(m);
  if (patch.status === 'held' && (patch.heldOn ?? m.heldOn) > (await loadContext(db)).today)
    throw invalid(
      'body.status',
      'A meeting cannot be recorded as held before its date.',
      'Chưa đến ngày họp, không thể ghi nhận đã họp.',
    );
  if (patch.heldOn && council.validTo !== null && patch.heldOn > council.validTo)
    throw invalid(
      'body.heldOn',
      `The council was replaced on ${council.validTo}.`,
      `Hội đồng đã được kiện toàn từ ${formatDateVi(council.validTo)}.`,
    );
  const set: Partial<typeof councilMeetings.$inferInsert> = {};
  if (patch.titleVi !== undefined) set.titleVi = normaliseText(patch.titleVi);
  if (patch.heldOn !== undefined) set.heldOn = patch.heldOn;
  if (patch.startsAt !== undefined) set.startsAt = patch.startsAt;
  if (patch.mode !== undefined) set.mode = patch.mode;
  if (patch.place !== undefined) set.place = patch.place ? normaliseText(patch.place) : null;
  if (patch.chairVi !== undefined) set.chairVi = normaliseText(patch.chairVi);
  if (patch.minutes !== undefined) set.minutes = patch.minutes ? normaliseText(patch.minutes) : null;
  if (patch.status !== undefined) set.status = patch.status;
  await db.transaction(async (tx) => {
    await bump(tx, id, version, set);
    await auditMeeting(tx, caller, id, 'meeting_updated', Object.keys(set));
  });
  return getMeeting(db, caller, id);
}

/** Resolve an agenda item's reference (project, plan task, Res. 57 task, bottleneck of the council's line). */
async function resolveRef(
  db: Db,
  ctx: CouncilsContext,
  council: CouncilRow,
  kind: string,
  ref: string | null,
  path: string,
) {
  if (kind === 'other') return { ref: null, label: null, labelEn: null, link: null };
  if (!ref)
    throw invalid(
      path,
      `An agenda item of kind ${kind} needs a reference.`,
      'Nội dung chương trình loại này cần mã tham chiếu.',
    );
  if (kind === 'project') {
    const [p] = await projectsByCode(db, [ref]);
    if (!p) throw invalid(path, `Unknown project ${ref}.`, `Không có dự án mã ${ref}.`);
    return { ref, label: `${p.code} — ${p.nameVi}`, labelEn: `${p.code} — ${p.nameEn}`, link: `/projects/${p.code}` };
  }
  if (kind === 'plan_task') {
    const [plan, group] = ref.split(':');
    const detail = await getPlan(db, plan).catch(() => null);
    const tg = detail?.taskGroups.find((t) => t.code === group);
    if (!detail || !tg)
      throw invalid(
        path,
        `Unknown plan task ${ref} (expected planCode:taskGroupCode).`,
        `Không có nhiệm vụ kế hoạch ${ref} (dạng mãKếHoạch:mãNhómNhiệmVụ).`,
      );
    return { ref, label: `${tg.code} — ${tg.nameVi}`, labelEn: `${tg.code} — ${tg.nameEn}`, link: `/plans/${plan}` };
  }
  if (kind === 'reporting_task') {
    const t = (await loadTasks(db, {})).find((x) => x.code === ref);
    if (!t) throw invalid(path, `Unknown Res. 57 task ${ref}.`, `Không có nhiệm vụ mã ${ref}.`);
    return {
      ref,
      label: `${t.code} — ${t.shortTitleVi ?? t.titleVi}`,
      labelEn: `${t.code} — ${t.titleEn}`,
      link: '/reporting',
    };
  }
  const ids = lineage(ctx, council.code).map((c) => ctx.byCode(c).id);
  const [b] = /^\d{1,9}$/.test(ref)
    ? await db
        .select()
        .from(councilBottlenecks)
        .where(and(eq(councilBottlenecks.id, Number(ref)), inArray(councilBottlenecks.councilId, ids)))
    : [];
  if (!b) throw invalid(path, `No bottleneck ${ref} of this council.`, `Hội đồng không có vướng mắc số ${ref}.`);
  // a bottleneck's title is what its raiser wrote: no English
  return { ref, label: b.titleVi, labelEn: null, link: `/councils/bottlenecks/${b.id}` };
}

/** PUT /council-meetings/{id}/agenda: replace the agenda (each item checked against the module that owns it). */
export async function setAgenda(db: Db, caller: Caller, id: number, version: number, raw: AgendaInput) {
  const { ctx, m, council } = await officeMeeting(db, caller, id, 'set_agenda');
  checkEditable(m);
  const input = AgendaSchema.parse(raw);
  const rows: (typeof councilAgendaItems.$inferInsert)[] = [];
  for (const [i, item] of input.items.entries()) {
    const r = await resolveRef(db, ctx, council, item.kind, item.ref, `body.items.${i}.ref`);
    rows.push({
      meetingId: id,
      seq: i + 1,
      titleVi: normaliseText(item.titleVi),
      kind: item.kind,
      ref: r.ref,
      presenterVi: item.presenterVi ? normaliseText(item.presenterVi) : null,
    });
  }
  await db.transaction(async (tx) => {
    await bump(tx, id, version);
    await tx.delete(councilAgendaItems).where(eq(councilAgendaItems.meetingId, id));
    if (rows.length) await tx.insert(councilAgendaItems).values(rows);
    await auditMeeting(tx, caller, id, 'agenda_set', { items: rows.length });
  });
  return getMeeting(db, caller, id);
}

/** POST /council-meetings/{id}/documents: attach a document (PDF, DOCX, XLSX, PNG, JPEG; 10 MB) to a meeting. */
export async function addMeetingDocument(db: Db, caller: Caller, id: number, file: { fileName: string; data: Buffer }) {
  const { m } = await officeMeeting(db, caller, id, 'add_document');
  checkEditable(m);
  if (file.data.length > MAX_EVIDENCE_BYTES)
    throw new AppError(413, 'file_too_large', 'Documents are limited to 10 MB.', 'Tài liệu tối đa 10 MB.');
  const fileName = cleanName(file.fileName);
  const contentType = evidenceType(fileName, file.data);
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  await db.transaction(async (tx) => {
    await tx.insert(councilMeetingDocuments).values({
      meetingId: id,
      fileName,
      contentType,
      sizeBytes: file.data.length,
      sha256,
      data: file.data,
      uploadedBy: caller!.id,
    });
    await tx
      .update(councilMeetings)
      .set({ version: sql`${councilMeetings.version} + 1` })
      .where(eq(councilMeetings.id, id));
    await auditMeeting(tx, caller, id, 'meeting_document_added', { fileName, sha256 });
  });
  return getMeeting(db, caller, id);
}

/** A file name safe to store and send back: NFC, no path separators or control characters, at most 200 characters. */
export function cleanName(name: string): string {
  return (
    normaliseText(name)
      .replace(/[\\/]/g, '_')
      .split('')
      .map((ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch))
      .join('')
      .slice(-200) || 'tai-lieu'
  );
}

/** GET /council-meeting-documents/{id}: a meeting document, for members of the council. */
export async function downloadMeetingDocument(db: Db, caller: Caller, docId: number) {
  const [d] = await db.select().from(councilMeetingDocuments).where(eq(councilMeetingDocuments.id, docId));
  if (!d) throw notFound(`Document ${docId}`, `tài liệu ${docId}`);
  const { member } = await meetingFor(db, caller, d.meetingId).catch(() => ({ member: false }));
  await enforce(db, caller, {
    sees: member,
    may: true,
    action: 'download',
    entity: 'council_document',
    entityId: docId,
    what: [`Document ${docId}`, `tài liệu ${docId}`],
  });
  return d;
}

/**
 * POST /council-meetings/{id}/invitations: invite organisations (default: every member of the council on the
 * meeting date). Each gets an in-app notification and, when it has a contact address, an e-mail in the outbox;
 * inviting again does not notify twice.
 */
export async function inviteMembers(db: Db, caller: Caller, id: number, input: InviteInput) {
  const { ctx, m, council } = await officeMeeting(db, caller, id, 'invite');
  checkEditable(m);
  const members = await memberOrganisationsAt(db, ctx, council, m.heldOn);
  const codes = input.organisationCodes ?? [];
  const targets =
    codes.length === 0
      ? members
      : codes.map((c, i) => {
          const o = ctx.orgByCode.get(c);
          if (!o)
            throw invalid(`body.organisationCodes.${i}`, `Unknown organisation ${c}.`, `Không có cơ quan mã ${c}.`);
          return o;
        });
  await db.transaction(async (tx) => {
    for (const o of targets) {
      await tx
        .insert(councilAttendees)
        .values({ meetingId: id, organisationId: o.id, invitedAt: sql`now()` as unknown as string })
        .onConflictDoUpdate({
          target: [councilAttendees.meetingId, councilAttendees.organisationId],
          set: { invitedAt: sql`coalesce(${councilAttendees.invitedAt}, now())` },
        });
      await notify(tx, {
        organisationId: o.id,
        kind: 'council_meeting_invitation',
        titleVi: `Giấy mời: ${m.titleVi}`,
        titleEn: `Invitation: meeting of ${council.nameEn}`,
        bodyVi: `${council.nameVi} họp ngày ${formatDateVi(m.heldOn)}${m.startsAt ? ` lúc ${m.startsAt}` : ''}${m.place ? ` tại ${m.place}` : ' (trực tuyến)'}. Chủ trì: ${m.chairVi}.`,
        // the venue is written by the Office in Vietnamese: the English text points to the meeting page for it
        bodyEn: `${council.nameEn} meets on ${m.heldOn}${m.startsAt ? ` at ${m.startsAt}` : ''}${m.place ? '; the venue is on the meeting page' : ' (online)'}.`,
        link: `/councils/meetings/${id}`,
        dedupeKey: `council-invite-${id}-${o.id}`,
        email: {},
      });
    }
    await tx
      .update(councilMeetings)
      .set({ version: sql`${councilMeetings.version} + 1` })
      .where(eq(councilMeetings.id, id));
    await auditMeeting(tx, caller, id, 'meeting_invited', { organisations: targets.length });
  });
  return getMeeting(db, caller, id);
}

/** PUT /council-meetings/{id}/attendance: who attended, was represented or absent. */
export async function setAttendance(db: Db, caller: Caller, id: number, version: number, raw: AttendanceInput) {
  const { ctx, m } = await officeMeeting(db, caller, id, 'set_attendance');
  checkEditable(m);
  const input = AttendanceSchema.parse(raw);
  const rows = input.items.map((it, i) => {
    const o = ctx.orgByCode.get(it.organisationCode);
    if (!o)
      throw invalid(
        `body.items.${i}.organisationCode`,
        `Unknown organisation ${it.organisationCode}.`,
        `Không có cơ quan mã ${it.organisationCode}.`,
      );
    return {
      meetingId: id,
      organisationId: o.id,
      attendance: it.attendance,
      representative: it.representative ? normaliseText(it.representative) : null,
    };
  });
  await db.transaction(async (tx) => {
    await bump(tx, id, version);
    for (const r of rows)
      await tx
        .insert(councilAttendees)
        .values(r)
        .onConflictDoUpdate({
          target: [councilAttendees.meetingId, councilAttendees.organisationId],
          set: { attendance: r.attendance, representative: r.representative },
        });
    await auditMeeting(tx, caller, id, 'attendance_set');
  });
  return getMeeting(db, caller, id);
}

/** PUT /council-meetings/{id}/conclusions: replace the conclusions and their assignments, before the notice. */
export async function setConclusions(db: Db, caller: Caller, id: number, version: number, raw: ConclusionsInput) {
  const { ctx, m } = await officeMeeting(db, caller, id, 'set_conclusions');
  checkEditable(m);
  const input = ConclusionsSchema.parse(raw);
  const org = (code: string, path: string) => {
    const o = ctx.orgByCode.get(code);
    if (!o || o.kind === 'council')
      throw invalid(
        path,
        `Unknown or unassignable organisation ${code}.`,
        `Không có cơ quan mã ${code} để giao nhiệm vụ.`,
      );
    return o.id;
  };
  const rows: (typeof councilConclusions.$inferInsert)[] = [];
  for (const [i, c] of input.items.entries()) {
    const assignments: DraftAssignment[] = [];
    for (const [j, a] of c.assignments.entries()) {
      const p = `body.items.${i}.assignments.${j}`;
      if (a.dueOn < m.heldOn)
        throw invalid(`${p}.dueOn`, 'The due date is before the meeting.', 'Thời hạn trước ngày họp.');
      if (a.projectCode && (await projectsByCode(db, [a.projectCode])).length === 0)
        throw invalid(`${p}.projectCode`, `Unknown project ${a.projectCode}.`, `Không có dự án mã ${a.projectCode}.`);
      const assigneeOrgId = org(a.assigneeCode, `${p}.assigneeCode`);
      const partnerOrgIds = a.partnerCodes
        .map((pc, k) => org(pc, `${p}.partnerCodes.${k}`))
        .filter((x) => x !== assigneeOrgId);
      assignments.push({
        assigneeOrgId,
        partnerOrgIds: [...new Set(partnerOrgIds)],
        dueOn: a.dueOn,
        projectCode: a.projectCode,
        planTaskRef: a.planTaskRef,
        reportingTaskCode: a.reportingTaskCode,
      });
    }
    rows.push({ meetingId: id, seq: i + 1, textVi: normaliseText(c.textVi), draftAssignments: assignments });
  }
  await db.transaction(async (tx) => {
    await bump(tx, id, version);
    await tx.delete(councilConclusions).where(eq(councilConclusions.meetingId, id));
    if (rows.length) await tx.insert(councilConclusions).values(rows);
    await auditMeeting(tx, caller, id, 'conclusions_set', { items: rows.length });
  });
  return getMeeting(db, caller, id);
}

/**
 * POST /council-meetings/{id}/notice: issue the notice of conclusions (number, date, signer). The meeting must have
 * been held and have conclusions. In one transaction: the meeting is closed, every assignment becomes a follow-up
 * (state `open`, with its first history row), and each assignee and partner is notified in the app and by e-mail.
 */
export async function issueNotice(db: Db, caller: Caller, id: number, version: number, input: IssueNoticeInput) {
  const { m, council } = await officeMeeting(db, caller, id, 'issue_notice');
  checkEditable(m);
  if (m.status !== 'held')
    throw new AppError(
      409,
      'meeting_not_held',
      'Record the meeting as held before issuing its notice of conclusions.',
      'Cần ghi nhận phiên họp đã diễn ra trước khi ban hành thông báo kết luận.',
    );
  if (input.date < m.heldOn)
    throw invalid(
      'body.date',
      'The notice cannot be dated before the meeting.',
      'Ngày thông báo không thể trước ngày họp.',
    );
  const cons = await db
    .select()
    .from(councilConclusions)
    .where(eq(councilConclusions.meetingId, id))
    .orderBy(councilConclusions.seq);
  if (cons.length === 0)
    throw new AppError(
      409,
      'no_conclusions',
      'The meeting has no conclusions to notify.',
      'Phiên họp chưa có kết luận để thông báo.',
    );
  const u = caller!;
  await db.transaction(async (tx) => {
    await bump(tx, id, version, {
      status: 'notice_issued',
      noticeNumber: input.number,
      noticeDate: input.date,
      signerTitle: normaliseText(input.signerTitle),
      signerName: normaliseText(input.signerName),
    });
    for (const c of cons)
      for (const a of c.draftAssignments) {
        const [f] = await tx
          .insert(councilFollowUps)
          .values({
            conclusionId: c.id,
            assigneeOrgId: a.assigneeOrgId,
            partnerOrgIds: a.partnerOrgIds,
            dueOn: a.dueOn,
            projectCode: a.projectCode,
            planTaskRef: a.planTaskRef,
            reportingTaskCode: a.reportingTaskCode,
          })
          .returning({ id: councilFollowUps.id });
        await tx.insert(councilFollowUpEvents).values({
          followUpId: f.id,
          onDate: input.date,
          userId: u.id,
          organisationId: u.organisation.id,
          action: 'assigned',
          fromState: null,
          toState: 'open',
        });
        for (const orgId of [a.assigneeOrgId, ...a.partnerOrgIds])
          await notify(tx, {
            organisationId: orgId,
            kind: 'council_follow_up_assigned',
            titleVi: `Nhiệm vụ theo Thông báo kết luận số ${input.number}`,
            titleEn: `Task from notice of conclusions ${input.number}`,
            bodyVi: `${orgId === a.assigneeOrgId ? 'Chủ trì' : 'Phối hợp'}: ${c.textVi} Thời hạn: ${formatDateVi(a.dueOn)}.`,
            bodyEn: `${orgId === a.assigneeOrgId ? 'Lead' : 'Partner'} on a conclusion of ${council.nameEn}; due ${a.dueOn}.`,
            link: `/councils/follow-ups/${f.id}`,
            dedupeKey: `council-assigned-${f.id}-${orgId}`,
            email: {},
          });
      }
    await recordAudit(tx, {
      userId: u.id,
      action: 'notice_issued',
      entity: 'council_meeting',
      entityId: String(id),
      detail: { number: input.number },
    });
  });
  return getMeeting(db, caller, id);
}

/** The working material of a meeting, read only for members: agenda rows, documents, attendees. */
async function workingMaterial(db: Db, id: number) {
  return Promise.all([
    db.select().from(councilAgendaItems).where(eq(councilAgendaItems.meetingId, id)).orderBy(councilAgendaItems.seq),
    db
      .select({
        id: councilMeetingDocuments.id,
        fileName: councilMeetingDocuments.fileName,
        contentType: councilMeetingDocuments.contentType,
        sizeBytes: councilMeetingDocuments.sizeBytes,
        uploadedAt: councilMeetingDocuments.uploadedAt,
      })
      .from(councilMeetingDocuments)
      .where(eq(councilMeetingDocuments.meetingId, id))
      .orderBy(councilMeetingDocuments.id),
    db.select().from(councilAttendees).where(eq(councilAttendees.meetingId, id)),
  ]);
}

/** Agenda rows with the label and page of what each one names. */
async function agendaItems(
  db: Db,
  ctx: CouncilsContext,
  council: CouncilRow,
  rows: (typeof councilAgendaItems.$inferSelect)[],
): Promise<AgendaItem[]> {
  const out: AgendaItem[] = [];
  for (const a of rows) {
    const r = await resolveRef(db, ctx, council, a.kind, a.ref, '').catch(() => ({
      label: null,
      labelEn: null,
      link: null,
    }));
    // a presenter typed as an organisation's Vietnamese name is named in English by that organisation's English name
    const presenter = a.presenterVi ? [...ctx.orgs.values()].find((o) => o.nameVi === a.presenterVi) : undefined;
    out.push({
      seq: a.seq,
      titleVi: a.titleVi,
      kind: a.kind as AgendaItem['kind'],
      ref: a.ref,
      refLabel: r.label,
      refLabelEn: r.labelEn,
      refLink: r.link,
      presenterVi: a.presenterVi,
      presenterEn: presenter?.nameEn ?? null,
    });
  }
  return out;
}

/**
 * The conclusions of a meeting: with their follow-ups once the notice is issued (members), or with the assignments
 * they will create while it is a draft (members only).
 */
async function conclusionsOf(
  db: Db,
  ctx: CouncilsContext,
  m: MeetingRow,
  council: CouncilRow,
  member: boolean,
): Promise<Conclusion[]> {
  const published = m.status === 'notice_issued';
  if (!member && !published) return [];
  const cons = await db
    .select()
    .from(councilConclusions)
    .where(eq(councilConclusions.meetingId, m.id))
    .orderBy(councilConclusions.seq);
  const fus =
    member && published ? await followUpBriefs(db, ctx, await loadFollowUps(db, { councilIds: [council.id] })) : [];
  const brief = (orgId: number) => orgBrief(ctx.orgs.get(orgId)!);
  return cons.map((c) => ({
    id: c.id,
    seq: c.seq,
    textVi: c.textVi,
    followUps: fus.filter((f) => f.meetingId === m.id && f.conclusionSeq === c.seq),
    draftAssignments:
      member && !published
        ? c.draftAssignments.map((a) => ({
            assignee: brief(a.assigneeOrgId),
            partners: a.partnerOrgIds.map(brief),
            dueOn: a.dueOn,
            projectCode: a.projectCode,
            planTaskRef: a.planTaskRef,
            reportingTaskCode: a.reportingTaskCode,
          }))
        : [],
  }));
}

/** GET /council-meetings/{id}: public fields of a held meeting for everyone; working material for members. */
export async function getMeeting(db: Db, caller: Caller, id: number): Promise<MeetingDetail> {
  const { ctx, m, council, member, office } = await meetingFor(db, caller, id);
  const published = m.status === 'notice_issued';
  const [agenda, docs, attendees] = member ? await workingMaterial(db, id) : [[], [], []];
  const conclusions = await conclusionsOf(db, ctx, m, council, member);
  return {
    id: m.id,
    councilCode: council.code,
    councilNameVi: council.nameVi,
    councilNameEn: council.nameEn,
    titleVi: m.titleVi,
    heldOn: m.heldOn,
    startsAt: m.startsAt,
    mode: m.mode as MeetingDetail['mode'],
    place: m.place,
    chairVi: m.chairVi,
    status: m.status as MeetingDetail['status'],
    noticeNumber: m.noticeNumber,
    noticeDate: m.noticeDate,
    conclusionCount: conclusions.length,
    isDemo: m.isDemo,
    minutes: member ? m.minutes : null,
    agenda: await agendaItems(db, ctx, council, agenda),
    documents: docs,
    attendees: attendees.map((a) => ({
      organisation: orgBrief(ctx.orgs.get(a.organisationId)!),
      invited: a.invitedAt !== null,
      attendance: a.attendance as MeetingDetail['attendees'][number]['attendance'],
      representative: a.representative,
    })),
    conclusions,
    signerTitle: published ? m.signerTitle : null,
    signerName: published ? m.signerName : null,
    version: m.version,
    permissions: { member, office },
  };
}

/** What the notice generator needs: the meeting, council and organisations; null fields for a draft. */
export async function noticeSource(db: Db, caller: Caller, id: number) {
  const { ctx, m, council, office } = await meetingFor(db, caller, id);
  if (m.status !== 'notice_issued' && !office) {
    if (!caller) throw notFound(`Notice of meeting ${id}`, `thông báo kết luận của phiên họp ${id}`);
    await enforce(db, caller, {
      sees: true,
      may: false,
      action: 'notice_draft',
      entity: 'council_meeting',
      entityId: id,
    });
  }
  const cons = await db
    .select()
    .from(councilConclusions)
    .where(eq(councilConclusions.meetingId, id))
    .orderBy(councilConclusions.seq);
  const fus = await loadFollowUps(db, { councilIds: [council.id] });
  const attendees = await db.select().from(councilAttendees).where(eq(councilAttendees.meetingId, id));
  const name = (orgId: number) => ctx.orgs.get(orgId)!.nameVi;
  const members = await memberOrganisationsAt(db, ctx, council, m.heldOn);
  return {
    m,
    council,
    attendedVi: attendees
      .filter((a) => a.attendance === 'present' || a.attendance === 'represented')
      .map((a) => name(a.organisationId)),
    conclusions: cons.map((c) => {
      const issued = fus
        .filter((f) => f.f.conclusionId === c.id)
        .map((f) => ({ assigneeOrgId: f.f.assigneeOrgId, partnerOrgIds: f.f.partnerOrgIds, dueOn: f.f.dueOn }));
      const list = m.status === 'notice_issued' ? issued : c.draftAssignments;
      return {
        textVi: c.textVi,
        assignments: list.map((a) => ({
          assigneeVi: name(a.assigneeOrgId),
          partnersVi: a.partnerOrgIds.map(name),
          dueOn: a.dueOn,
        })),
      };
    }),
    provincesVi: members.filter((o) => o.kind === 'province').map((o) => o.nameVi.replace(/^Ủy ban nhân dân /, '')),
  };
}

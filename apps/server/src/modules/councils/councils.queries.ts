import type { BottleneckBrief, FollowUpBrief, FollowUpState, MeetingBrief } from '@regionlink/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { findProjects } from '../plans/projects.service';
import { type CouncilsContext, orgBrief } from './councils.context';
import {
  type councilBottlenecks,
  councilConclusions,
  councilFollowUpEvents,
  councilFollowUps,
  councilMeetings,
} from './councils.schema';
import { isOverdue } from './follow-up-workflow';

/** Row loaders and response builders shared by the councils services (reads only; no permission decisions). */

export type MeetingRow = typeof councilMeetings.$inferSelect;
export type FollowUpRow = typeof councilFollowUps.$inferSelect;
export type BottleneckRow = typeof councilBottlenecks.$inferSelect;

/** Meetings of some councils (all when `councilIds` is omitted), newest first, with their number of conclusions. */
export async function loadMeetings(db: Db, councilIds?: number[]) {
  if (councilIds && councilIds.length === 0) return [];
  const rows = await db
    .select({
      m: councilMeetings,
      n: sql<number>`(select count(*)::int from council_conclusions c where c.meeting_id = council_meetings.id)`,
    })
    .from(councilMeetings)
    .where(councilIds ? inArray(councilMeetings.councilId, councilIds) : undefined)
    .orderBy(desc(councilMeetings.heldOn), desc(councilMeetings.id));
  return rows.map((r) => ({ ...r.m, conclusionCount: Number(r.n) }));
}

/** The brief of a meeting. */
export function meetingBrief(ctx: CouncilsContext, m: MeetingRow & { conclusionCount: number }): MeetingBrief {
  return {
    id: m.id,
    councilCode: ctx.byId(m.councilId).code,
    titleVi: m.titleVi,
    heldOn: m.heldOn,
    mode: m.mode as MeetingBrief['mode'],
    place: m.place,
    chairVi: m.chairVi,
    status: m.status as MeetingBrief['status'],
    noticeNumber: m.noticeNumber,
    noticeDate: m.noticeDate,
    conclusionCount: m.conclusionCount,
    isDemo: m.isDemo,
  };
}

/** Meetings the public may know of: held ones (with or without an issued notice). */
export const isPublicMeeting = (m: Pick<MeetingRow, 'status'>) => m.status === 'held' || m.status === 'notice_issued';

export interface FollowUpJoined {
  f: FollowUpRow;
  conclusionSeq: number;
  conclusionText: string;
  meetingId: number;
  meetingHeldOn: string;
  councilId: number;
}

/** Follow-ups with their conclusion and meeting, filtered in SQL by council, assignee or id. */
export async function loadFollowUps(
  db: Db,
  where: { councilIds?: number[]; assigneeOrgIds?: number[]; ids?: number[]; year?: number } = {},
): Promise<FollowUpJoined[]> {
  const conds = [
    where.councilIds ? inArray(councilMeetings.councilId, where.councilIds) : undefined,
    where.assigneeOrgIds ? inArray(councilFollowUps.assigneeOrgId, where.assigneeOrgIds) : undefined,
    where.ids ? inArray(councilFollowUps.id, where.ids) : undefined,
    where.year ? sql`extract(year from ${councilMeetings.heldOn}) = ${where.year}` : undefined,
  ];
  if ([where.councilIds, where.assigneeOrgIds, where.ids].some((l) => l && l.length === 0)) return [];
  const rows = await db
    .select({
      f: councilFollowUps,
      conclusionSeq: councilConclusions.seq,
      conclusionText: councilConclusions.textVi,
      meetingId: councilMeetings.id,
      meetingHeldOn: councilMeetings.heldOn,
      councilId: councilMeetings.councilId,
    })
    .from(councilFollowUps)
    .innerJoin(councilConclusions, eq(councilConclusions.id, councilFollowUps.conclusionId))
    .innerJoin(councilMeetings, eq(councilMeetings.id, councilConclusions.meetingId))
    .where(and(...conds))
    .orderBy(councilMeetings.heldOn, councilConclusions.seq, councilFollowUps.id);
  return rows;
}

/** The latest note and the acceptance date of each follow-up, from its history. */
export async function followUpHistoryFacts(db: Db, ids: number[]) {
  const out = new Map<number, { lastNote: string | null; acceptedOn: string | null }>();
  if (ids.length === 0) return out;
  const events = await db
    .select()
    .from(councilFollowUpEvents)
    .where(inArray(councilFollowUpEvents.followUpId, ids))
    .orderBy(councilFollowUpEvents.id);
  for (const e of events) {
    const cur = out.get(e.followUpId) ?? { lastNote: null, acceptedOn: null };
    if (e.note) cur.lastNote = e.note;
    if (e.action === 'accept') cur.acceptedOn = e.onDate;
    out.set(e.followUpId, cur);
  }
  return out;
}

/** Build follow-up briefs for joined rows. */
export async function followUpBriefs(db: Db, ctx: CouncilsContext, rows: FollowUpJoined[]): Promise<FollowUpBrief[]> {
  const facts = await followUpHistoryFacts(
    db,
    rows.map((r) => r.f.id),
  );
  return rows.map((r) => {
    const h = facts.get(r.f.id) ?? { lastNote: null, acceptedOn: null };
    const state = r.f.state as FollowUpState;
    return {
      id: r.f.id,
      councilCode: ctx.byId(r.councilId).code,
      meetingId: r.meetingId,
      meetingHeldOn: r.meetingHeldOn,
      conclusionSeq: r.conclusionSeq,
      conclusionText: r.conclusionText,
      assignee: orgBrief(ctx.orgs.get(r.f.assigneeOrgId)!),
      partners: r.f.partnerOrgIds.map((id) => orgBrief(ctx.orgs.get(id)!)),
      dueOn: r.f.dueOn,
      state,
      overdue: isOverdue({ state, dueOn: r.f.dueOn }, ctx.today),
      percent: r.f.percent,
      doneOn: r.f.doneOn,
      acceptedOn: h.acceptedOn,
      projectCode: r.f.projectCode,
      planTaskRef: r.f.planTaskRef,
      reportingTaskCode: r.f.reportingTaskCode,
      lastNote: h.lastNote,
      isDemo: r.f.isDemo,
      version: r.f.version,
    };
  });
}

/** Build bottleneck briefs, with project names from the plans module's read service. */
export async function bottleneckBriefs(
  db: Db,
  ctx: CouncilsContext,
  rows: BottleneckRow[],
): Promise<BottleneckBrief[]> {
  const codes = [...new Set(rows.map((r) => r.projectCode).filter((c): c is string => !!c))];
  const names = new Map<string, { vi: string; en: string }>();
  if (codes.length > 0)
    for (const p of await projectsByCode(db, codes)) names.set(p.code, { vi: p.nameVi, en: p.nameEn });
  return rows.map((r) => {
    const c = ctx.byId(r.councilId);
    return {
      id: r.id,
      councilCode: c.code,
      councilNameVi: c.nameVi,
      councilNameEn: c.nameEn,
      titleVi: r.titleVi,
      subject: r.subject as BottleneckBrief['subject'],
      projectCode: r.projectCode,
      projectNameVi: r.projectCode ? (names.get(r.projectCode)?.vi ?? null) : null,
      projectNameEn: r.projectCode ? (names.get(r.projectCode)?.en ?? null) : null,
      planTaskRef: r.planTaskRef,
      policyText: r.policyText,
      field: r.field as BottleneckBrief['field'],
      raisedBy: orgBrief(ctx.orgs.get(r.raisedByOrgId)!),
      raisedOn: r.raisedOn,
      state: r.state as BottleneckBrief['state'],
      meetingId: r.meetingId,
      outcomeVi: r.outcomeVi,
      closedOn: r.closedOn,
      isDemo: r.isDemo,
      version: r.version,
    };
  });
}

/** Projects by code through the plans module's read service (names, provinces, status). */
export async function projectsByCode(db: Db, codes: string[]) {
  const want = new Set(codes);
  return (await listAllProjects(db)).filter((p) => want.has(p.code));
}

/** Every project of the registry as the plans module lists it (today's geography). */
export async function listAllProjects(db: Db, filter: { region?: string; late?: 'true' } = {}) {
  const { matched } = await findProjects(db, filter);
  return matched.map((m) => m.item);
}

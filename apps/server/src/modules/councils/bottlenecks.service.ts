import type {
  BottleneckActionInput,
  BottleneckDetail,
  BottleneckInput,
  BottleneckState,
  ReportMaterial,
} from '@regionlink/shared';
import { BottleneckInput as BottleneckSchema, formatDateVi, normaliseText } from '@regionlink/shared';
import { and, eq, inArray, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { users } from '../access/access.schema';
import { recordAudit } from '../access/access.service';
import { getPlan } from '../plans/plans.service';
import { notify } from '../reporting/notifications.service';
import { bottleneckActionsFrom, bottleneckTransition, OPEN_BOTTLENECK_STATES } from './bottleneck-workflow';
import { allFacts, factsOf, lineage, loadContext, orgBrief } from './councils.context';
import {
  type Caller,
  canRaise,
  canSeeBottleneck,
  enforce,
  isMof,
  isOffice,
  signedIn,
  stateConflict,
} from './councils.policy';
import { bottleneckBriefs, projectsByCode } from './councils.queries';
import { councilAgendaItems, councilBottleneckEvents, councilBottlenecks, councilMeetings } from './councils.schema';
import { inForceOn } from './membership';

/**
 * Bottlenecks (vướng mắc, kiến nghị): raised by a province, ministry or project owner on a project, a plan task or a
 * policy; triaged by the Office, put on a meeting's agenda, escalated to the Prime Minister with a recorded outcome,
 * resolved or dismissed; every step kept with who and when. Open and resolved ones are drafting material for the
 * annual report's Parts II–III.
 */

const invalid = (path: string, en: string, vi: string) =>
  new AppError(400, 'validation_failed', en, vi, [{ path, message: en, messageVi: vi }]);

/** GET /council-bottlenecks: the bottlenecks the caller may see (members of the council, and the raiser). */
export async function listBottlenecks(
  db: Db,
  caller: Caller,
  q: { council?: string; state?: BottleneckState; open?: 'true' | 'false' },
) {
  const u = signedIn(caller);
  const ctx = await loadContext(db);
  const facts = await allFacts(db, ctx);
  const ids = q.council ? lineage(ctx, ctx.byCode(q.council).code).map((c) => ctx.byCode(c).id) : undefined;
  const rows = (
    await db
      .select()
      .from(councilBottlenecks)
      .where(
        and(
          ids ? inArray(councilBottlenecks.councilId, ids) : undefined,
          q.state ? eq(councilBottlenecks.state, q.state) : undefined,
          q.open === 'true' ? inArray(councilBottlenecks.state, [...OPEN_BOTTLENECK_STATES]) : undefined,
        ),
      )
      .orderBy(councilBottlenecks.raisedOn, councilBottlenecks.id)
  ).filter((b) => canSeeBottleneck(u, facts.get(b.councilId)!, b.raisedByOrgId));
  return { items: await bottleneckBriefs(db, ctx, rows) };
}

/** POST /council-bottlenecks: a reporter of a member organisation (or the Office) raises a bottleneck. */
export async function raiseBottleneck(db: Db, caller: Caller, raw: BottleneckInput): Promise<BottleneckDetail> {
  const u = signedIn(caller);
  const input = BottleneckSchema.parse(raw);
  const ctx = await loadContext(db);
  const council = ctx.byCode(input.councilCode);
  const facts = await factsOf(db, ctx, council);
  await enforce(db, u, {
    sees: true,
    may: canRaise(u, facts),
    action: 'raise',
    entity: 'council',
    entityId: council.code,
  });
  if (!inForceOn(council, ctx.today))
    throw invalid(
      'body.councilCode',
      `Council ${council.code} has been replaced; raise it with the council in force.`,
      `Hội đồng ${council.code} đã được kiện toàn; hãy gửi tới hội đồng hiện hành.`,
    );
  if (input.subject === 'project') {
    if (!input.projectCode || (await projectsByCode(db, [input.projectCode])).length === 0)
      throw invalid(
        'body.projectCode',
        `Unknown project ${input.projectCode ?? ''}.`,
        `Không có dự án mã ${input.projectCode ?? ''}.`,
      );
  } else if (input.subject === 'plan_task') {
    const [plan, group] = (input.planTaskRef ?? '').split(':');
    const detail = plan ? await getPlan(db, plan).catch(() => null) : null;
    if (!detail?.taskGroups.some((t) => t.code === group))
      throw invalid(
        'body.planTaskRef',
        'Unknown plan task (expected planCode:taskGroupCode).',
        'Không có nhiệm vụ kế hoạch này (dạng mãKếHoạch:mãNhómNhiệmVụ).',
      );
  } else if (!input.policyText)
    throw invalid(
      'body.policyText',
      'Name the policy or mechanism concerned.',
      'Cần nêu cơ chế, chính sách liên quan.',
    );
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(councilBottlenecks)
      .values({
        councilId: council.id,
        titleVi: normaliseText(input.titleVi),
        descriptionVi: normaliseText(input.descriptionVi),
        subject: input.subject,
        projectCode: input.subject === 'project' ? input.projectCode : null,
        planTaskRef: input.subject === 'plan_task' ? input.planTaskRef : null,
        policyText: input.policyText ? normaliseText(input.policyText) : null,
        field: input.field,
        raisedByOrgId: u.organisation.id,
        raisedByUserId: u.id,
        raisedOn: ctx.today,
      })
      .returning({ id: councilBottlenecks.id });
    await tx.insert(councilBottleneckEvents).values({
      bottleneckId: row.id,
      onDate: ctx.today,
      userId: u.id,
      organisationId: u.organisation.id,
      action: 'raise',
      fromState: null,
      toState: 'raised',
    });
    if (ctx.mofId && ctx.mofId !== u.organisation.id)
      await notify(tx, {
        organisationId: ctx.mofId,
        audienceRole: 'admin',
        kind: 'council_bottleneck_raised',
        titleVi: `Vướng mắc mới gửi ${council.nameVi}`,
        titleEn: `New bottleneck raised to ${council.nameEn}`,
        bodyVi: `${u.organisation.nameVi}: ${normaliseText(input.titleVi)}`,
        bodyEn: `${u.organisation.nameEn} raised a bottleneck.`,
        link: `/councils/bottlenecks/${row.id}`,
        dedupeKey: `council-bottleneck-${row.id}`,
        email: false,
      });
    await recordAudit(tx, {
      userId: u.id,
      action: 'bottleneck_raised',
      entity: 'council_bottleneck',
      entityId: String(row.id),
    });
    return row.id;
  });
  return getBottleneck(db, caller, id);
}

async function bottleneckFor(db: Db, caller: Caller, id: number) {
  const ctx = await loadContext(db);
  const [b] = await db.select().from(councilBottlenecks).where(eq(councilBottlenecks.id, id));
  if (!b) throw notFound(`Bottleneck ${id}`, `vướng mắc ${id}`);
  const council = ctx.byId(b.councilId);
  const facts = await factsOf(db, ctx, council);
  return { ctx, b, council, facts, sees: canSeeBottleneck(caller, facts, b.raisedByOrgId) };
}

/** GET /council-bottlenecks/{id}: a bottleneck with every step (who, when, what), and the Office's next actions. */
export async function getBottleneck(db: Db, caller: Caller, id: number): Promise<BottleneckDetail> {
  const { ctx, b, facts, sees } = await bottleneckFor(db, caller, id);
  await enforce(db, caller, {
    sees,
    may: true,
    action: 'read',
    entity: 'council_bottleneck',
    entityId: id,
    what: [`Bottleneck ${id}`, `vướng mắc ${id}`],
  });
  const [brief] = await bottleneckBriefs(db, ctx, [b]);
  const events = await db
    .select({ e: councilBottleneckEvents, userName: users.displayName })
    .from(councilBottleneckEvents)
    .leftJoin(users, eq(users.id, councilBottleneckEvents.userId))
    .where(eq(councilBottleneckEvents.bottleneckId, id))
    .orderBy(councilBottleneckEvents.id);
  return {
    ...brief,
    descriptionVi: b.descriptionVi,
    events: events.map(({ e, userName }) => ({
      at: e.at,
      onDate: e.onDate,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      note: e.note,
      meetingId: e.meetingId,
      userName,
      organisation: e.organisationId ? orgBrief(ctx.orgs.get(e.organisationId)!) : null,
    })),
    permissions: { act: isOffice(caller, facts) ? bottleneckActionsFrom(b.state as BottleneckState) : [] },
  };
}

/**
 * POST /council-bottlenecks/{id}/actions: the Office moves a bottleneck on (state machine in bottleneck-workflow.ts).
 * `schedule` names a scheduled meeting of the council's line and adds the bottleneck to its agenda; escalation,
 * outcome, resolution and dismissal must say what (the note). The raiser is notified of every step.
 */
export async function actOnBottleneck(
  db: Db,
  caller: Caller,
  id: number,
  version: number,
  input: BottleneckActionInput,
) {
  const u = signedIn(caller);
  const { ctx, b, council, facts, sees } = await bottleneckFor(db, u, id);
  await enforce(db, u, {
    sees,
    may: isOffice(u, facts),
    action: input.action,
    entity: 'council_bottleneck',
    entityId: id,
    what: [`Bottleneck ${id}`, `vướng mắc ${id}`],
  });
  const r = bottleneckTransition(b.state as BottleneckState, input.action);
  if (!r.ok) throw stateConflict(r);
  const note = input.note ? normaliseText(input.note) : null;
  if (r.needsNote && !note)
    throw invalid(
      'body.note',
      'This step needs a note (what was escalated, the outcome, or why).',
      'Bước này cần ghi nội dung (nội dung báo cáo, kết quả hoặc lý do).',
    );
  let meetingId: number | null = null;
  if (r.needsMeeting) {
    const ids = lineage(ctx, council.code).map((c) => ctx.byCode(c).id);
    const [m] = input.meetingId
      ? await db
          .select()
          .from(councilMeetings)
          .where(and(eq(councilMeetings.id, input.meetingId), inArray(councilMeetings.councilId, ids)))
      : [];
    if (m?.status !== 'scheduled')
      throw invalid(
        'body.meetingId',
        'Name a scheduled meeting of this council.',
        'Cần chọn một phiên họp đã lên lịch của hội đồng.',
      );
    meetingId = m.id;
  }
  const closing = r.to === 'resolved' || r.to === 'dismissed';
  await db.transaction(async (tx) => {
    const upd = await tx
      .update(councilBottlenecks)
      .set({
        state: r.to,
        ...(meetingId ? { meetingId } : {}),
        ...(closing ? { outcomeVi: note, closedOn: ctx.today } : {}),
        version: sql`${councilBottlenecks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(councilBottlenecks.id, id), eq(councilBottlenecks.version, version)))
      .returning({ id: councilBottlenecks.id });
    if (upd.length === 0) throw staleWrite();
    if (meetingId) {
      const [{ seq }] = await tx
        .select({ seq: max(councilAgendaItems.seq) })
        .from(councilAgendaItems)
        .where(eq(councilAgendaItems.meetingId, meetingId));
      await tx.insert(councilAgendaItems).values({
        meetingId,
        seq: (seq ?? 0) + 1,
        titleVi: b.titleVi,
        kind: 'bottleneck',
        ref: String(id),
        presenterVi: ctx.orgs.get(b.raisedByOrgId)?.nameVi ?? null,
      });
      await tx
        .update(councilMeetings)
        .set({ version: sql`${councilMeetings.version} + 1` })
        .where(eq(councilMeetings.id, meetingId));
    }
    await tx.insert(councilBottleneckEvents).values({
      bottleneckId: id,
      onDate: ctx.today,
      userId: u.id,
      organisationId: u.organisation.id,
      action: input.action,
      fromState: b.state,
      toState: r.to,
      note,
      meetingId,
    });
    await notify(tx, {
      organisationId: b.raisedByOrgId,
      kind: `council_bottleneck_${input.action}`,
      titleVi: `Vướng mắc "${b.titleVi}": ${input.action === 'escalate' ? 'đã báo cáo Thủ tướng Chính phủ' : r.to === 'resolved' ? 'đã tháo gỡ' : 'Văn phòng Hội đồng đã xử lý'}`,
      titleEn: `Bottleneck ${id}: ${input.action.replace('_', ' ')}`,
      bodyVi: note ?? '',
      bodyEn: note ? 'See the note in Vietnamese.' : '',
      link: `/councils/bottlenecks/${id}`,
      dedupeKey: null,
      email: {},
    });
    await recordAudit(tx, {
      userId: u.id,
      action: `bottleneck_${input.action}`,
      entity: 'council_bottleneck',
      entityId: String(id),
    });
  });
  return getBottleneck(db, caller, id);
}

/**
 * Drafting material for the annual report's Parts II–III: the bottlenecks raised to any council up to `to` and still
 * open (Part II, shortcomings), and those resolved between `from` and `to` with their outcome (Part III). A service
 * function for the documents module; no permission check (the route allows MoF users).
 */
export async function listBottlenecksForReport(db: Db, range: { from: string; to: string }): Promise<ReportMaterial> {
  const ctx = await loadContext(db);
  const rows = await db
    .select()
    .from(councilBottlenecks)
    .where(lte(councilBottlenecks.raisedOn, range.to))
    .orderBy(councilBottlenecks.raisedOn, councilBottlenecks.id);
  // The material is read as it stood on `to`: each bottleneck's state after its last step by then.
  const steps = await db
    .select()
    .from(councilBottleneckEvents)
    .where(lte(councilBottleneckEvents.onDate, range.to))
    .orderBy(councilBottleneckEvents.id);
  const stateOn = new Map<number, BottleneckState>();
  const escalated = new Set<number>();
  for (const e of steps) {
    stateOn.set(e.bottleneckId, e.toState as BottleneckState);
    if (e.action === 'escalate') escalated.add(e.bottleneckId);
  }
  const closedBy = (b: (typeof rows)[number]) => b.closedOn !== null && b.closedOn <= range.to;
  const item = (b: (typeof rows)[number]) => {
    const c = ctx.byId(b.councilId);
    return {
      id: b.id,
      councilNameVi: c.nameVi,
      councilNameEn: c.nameEn,
      regionCode: c.regionCode,
      titleVi: b.titleVi,
      descriptionVi: b.descriptionVi,
      field: b.field as ReportMaterial['open'][number]['field'],
      state: stateOn.get(b.id) ?? 'raised',
      raisedBy: ctx.orgs.get(b.raisedByOrgId)?.nameVi ?? '',
      raisedOn: b.raisedOn,
      projectCode: b.projectCode,
      escalated: escalated.has(b.id),
      // an outcome recorded after `to` is not yet known on `to`
      outcomeVi: closedBy(b) ? b.outcomeVi : null,
      closedOn: closedBy(b) ? b.closedOn : null,
      isDemo: b.isDemo,
    };
  };
  return {
    from: range.from,
    to: range.to,
    open: rows.filter((b) => !closedBy(b)).map(item),
    resolved: rows
      .filter((b) => b.state === 'resolved' && closedBy(b) && (b.closedOn as string) >= range.from)
      .map(item),
    source: `Sổ theo dõi vướng mắc, kiến nghị của các Hội đồng điều phối vùng trên Hệ thống thông tin liên kết vùng, tổng hợp từ ${formatDateVi(range.from)} đến ${formatDateVi(range.to)}; vướng mắc còn mở và trạng thái tính đến ${formatDateVi(range.to)}.`,
  };
}

/** GET /council-bottlenecks/report-material: the material above, for MoF users (administrators and viewers). */
export async function reportMaterialAs(db: Db, caller: Caller, range: { from: string; to: string }) {
  const u = signedIn(caller);
  await enforce(db, u, {
    sees: true,
    may: isMof(u),
    action: 'report_material',
    entity: 'council_bottleneck',
    entityId: 'report',
  });
  if (range.from > range.to)
    throw invalid('query.from', '"from" must not be after "to".', '"from" không được sau "to".');
  return listBottlenecksForReport(db, range);
}

import type {
  CoordinationTeam,
  CouncilDashboard,
  CouncilDetail,
  CouncilReview,
  CouncilSummary,
  FollowUpBrief,
} from '@regionlink/shared';
import { sortVi } from '@regionlink/shared';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { listUnits } from '../geo/geo.service';
import { queryObservations } from '../statistics/query.service';
import { OPEN_BOTTLENECK_STATES } from './bottleneck-workflow';
import {
  type CouncilRow,
  type CouncilsContext,
  factsOf,
  lineage,
  loadContext,
  memberProvincesMemo,
  orgBrief,
} from './councils.context';
import { type Caller, canRaise, enforce, isMember, isOffice } from './councils.policy';
import {
  bottleneckBriefs,
  followUpBriefs,
  isPublicMeeting,
  listAllProjects,
  loadFollowUps,
  loadMeetings,
  meetingBrief,
} from './councils.queries';
import { coordinationTeams, councilBottlenecks, councilConclusions, councilMeetings } from './councils.schema';
import { isDoneOnTime } from './follow-up-workflow';
import { inForceOn } from './membership';

/** Councils: the register over time, one council's page, its dashboard and the review of a year. */

async function summaryOf(
  db: Db,
  ctx: CouncilsContext,
  c: CouncilRow,
  at: string,
  held: number,
): Promise<CouncilSummary> {
  return {
    code: c.code,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    regionCode: c.regionCode,
    foundingDecision: c.foundingDecision,
    foundingDecisionEn: c.foundingDecisionEn,
    foundingDecisionAsWritten: c.foundingDecisionAsWritten,
    foundedOn: c.foundedOn,
    validFrom: c.validFrom,
    validTo: c.validTo ?? '',
    inForce: inForceOn(c, at),
    chairVi: c.chairVi,
    chairEn: c.chairEn,
    // a council not in force on `at` is counted as founded (the old regions' 63-province membership)
    provinceCount: (await memberProvincesMemo(db, ctx, c, inForceOn(c, at) ? at : c.validFrom)).length,
    meetingsHeld: held,
    source: c.source,
    sourceEn: c.sourceEn,
    note: c.note,
    noteEn: c.noteEn,
  };
}

/** GET /councils: every council, in force on `at` or not (history kept), with its number of held meetings. Public. */
export async function listCouncils(db: Db, at?: string) {
  const ctx = await loadContext(db);
  const day = at ?? ctx.today;
  const meetings = await loadMeetings(db);
  const items: CouncilSummary[] = [];
  for (const c of ctx.councils) {
    const held = meetings.filter((m) => m.councilId === c.id && isPublicMeeting(m)).length;
    items.push(await summaryOf(db, ctx, c, day, held));
  }
  items.sort((a, b) => Number(b.inForce) - Number(a.inForce));
  return { at: day, items };
}

/** Coordination teams of the provinces (in today's geography), sorted in Vietnamese order. Public. */
export async function listCoordinationTeams(db: Db, provinceCodes?: string[]): Promise<CoordinationTeam[]> {
  const [rows, units] = await Promise.all([
    db
      .select()
      .from(coordinationTeams)
      .where(
        provinceCodes
          ? inArray(coordinationTeams.provinceCode, provinceCodes.length ? provinceCodes : ['-'])
          : undefined,
      ),
    listUnits(db, { level: 'province', at: (await loadContext(db)).today }),
  ]);
  const names = new Map(units.map((u) => [u.code, u.nameVi]));
  return sortVi(
    rows.map((r) => ({
      provinceCode: r.provinceCode,
      provinceNameVi: names.get(r.provinceCode) ?? r.provinceCode,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      standingBodyVi: r.standingBodyVi,
      standingBodyEn: r.standingBodyEn,
      decision: r.decision,
      status: r.status as CoordinationTeam['status'],
      source: r.source,
      sourceEn: r.sourceEn,
    })),
    (t) => t.provinceNameVi,
  );
}

/**
 * GET /councils/{code}: founding, chair, Office, member provinces and organisations on `at`, the dated changes,
 * predecessors and successors, coordination teams of the member provinces, and meetings. Public; meetings that are
 * only scheduled are listed for members only.
 */
export async function getCouncil(db: Db, caller: Caller, code: string, at?: string): Promise<CouncilDetail> {
  const ctx = await loadContext(db);
  const c = ctx.byCode(code);
  const day = at ?? (inForceOn(c, ctx.today) ? ctx.today : (c.validTo ?? ctx.today));
  const facts = await factsOf(db, ctx, c);
  const member = isMember(caller, facts);
  const provinces = await memberProvincesMemo(db, ctx, c, day);
  const units = await listUnits(db, { level: 'province', at: day });
  const unitName = new Map(units.map((u) => [u.code, u.nameVi]));
  const meetings = (await loadMeetings(db, [c.id])).filter((m) => member || isPublicMeeting(m));
  const named = ctx.named.filter(
    (m) => m.councilId === c.id && m.validFrom <= day && (m.validTo === null || m.validTo >= day),
  );
  const changes = ctx.changes
    .filter((ch) => ch.toCouncilId === c.id || ch.fromCouncilId === c.id)
    .map((ch) => {
      const from = ch.fromCouncilId ? ctx.byId(ch.fromCouncilId) : null;
      const to = ctx.byId(ch.toCouncilId);
      return {
        kind: ch.kind as 'founded' | 'consolidated',
        effectiveOn: ch.effectiveOn,
        fromCode: from?.code ?? null,
        fromNameVi: from?.nameVi ?? null,
        fromNameEn: from?.nameEn ?? null,
        toCode: to.code,
        toNameVi: to.nameVi,
        toNameEn: to.nameEn,
        basis: ch.basis,
        basisEn: ch.basisEn,
        note: ch.note,
        noteEn: ch.noteEn,
      };
    });
  const office = ctx.mofId ? ctx.orgs.get(ctx.mofId)! : null;
  return {
    ...(await summaryOf(db, ctx, c, day, meetings.filter(isPublicMeeting).length)),
    at: day,
    office: office ? orgBrief(office) : null,
    provinces: sortVi(
      provinces.map((p) => ({ code: p, nameVi: unitName.get(p) ?? p })),
      (p) => p.nameVi,
    ),
    memberOrganisations: named.map((m) => ({
      ...orgBrief(ctx.orgs.get(m.organisationId)!),
      role: m.role as 'office' | 'member',
      isDemo: m.isDemo,
    })),
    changes,
    predecessors: lineage(ctx, c.code).slice(1),
    successors: ctx.edges.filter((e) => e.from === c.code).map((e) => e.to),
    coordinationTeams: await listCoordinationTeams(db, day >= '2025-07-01' ? provinces : []),
    meetings: meetings.map((m) => meetingBrief(ctx, m)),
    permissions: {
      member,
      office: isOffice(caller, facts),
      canRaise: canRaise(caller, facts) && inForceOn(c, ctx.today),
    },
  };
}

async function requireMember(db: Db, caller: Caller, ctx: CouncilsContext, c: CouncilRow, action: string) {
  const facts = await factsOf(db, ctx, c);
  await enforce(db, caller, {
    sees: isMember(caller, facts),
    may: true,
    action,
    entity: 'council',
    entityId: c.code,
    what: [`Working material of council ${c.code}`, `tài liệu làm việc của hội đồng ${c.code}`],
  });
  return facts;
}

/**
 * GET /councils/{code}/review?year=: the one page that answers "which of the year's conclusions were carried out,
 * by whom, and what is still blocked": the year's meetings of the council and of the councils it replaced, every
 * conclusion with its follow-ups (assignee, state, reported-done date, acceptance), totals, a table by assignee, and
 * the bottlenecks of the line still open today. Members only.
 */
export async function getReview(db: Db, caller: Caller, code: string, year?: number): Promise<CouncilReview> {
  const ctx = await loadContext(db);
  const c = ctx.byCode(code);
  await requireMember(db, caller, ctx, c, 'review');
  const y = year ?? Number(ctx.today.slice(0, 4)) - 1;
  const line = lineage(ctx, c.code);
  const ids = line.map((l) => ctx.byCode(l).id);
  const meetings = (await loadMeetings(db, ids)).filter(
    (m) => m.heldOn.startsWith(String(y)) && m.status === 'notice_issued',
  );
  const conclusions = meetings.length
    ? await db
        .select()
        .from(councilConclusions)
        .where(
          inArray(
            councilConclusions.meetingId,
            meetings.map((m) => m.id),
          ),
        )
        .orderBy(councilConclusions.meetingId, councilConclusions.seq)
    : [];
  const fus = await followUpBriefs(db, ctx, await loadFollowUps(db, { councilIds: ids, year: y }));
  const byAssignee = new Map<number, CouncilReview['byAssignee'][number]>();
  for (const f of fus) {
    const row = byAssignee.get(f.assignee.id) ?? { assignee: f.assignee, total: 0, done: 0, open: 0, overdue: 0 };
    row.total++;
    if (f.state === 'done') row.done++;
    else if (f.state !== 'cancelled') row.open++;
    if (f.overdue) row.overdue++;
    byAssignee.set(f.assignee.id, row);
  }
  const blockedRows = await db
    .select()
    .from(councilBottlenecks)
    .where(
      and(inArray(councilBottlenecks.councilId, ids), inArray(councilBottlenecks.state, [...OPEN_BOTTLENECK_STATES])),
    )
    .orderBy(councilBottlenecks.raisedOn);
  const meetingOf = new Map(meetings.map((m) => [m.id, m]));
  return {
    councilCode: c.code,
    year: y,
    today: ctx.today,
    lineage: line,
    meetings: meetings.map((m) => meetingBrief(ctx, m)),
    conclusions: conclusions.map((k) => ({
      id: k.id,
      seq: k.seq,
      textVi: k.textVi,
      meetingId: k.meetingId,
      meetingHeldOn: meetingOf.get(k.meetingId)!.heldOn,
      councilCode: ctx.byId(meetingOf.get(k.meetingId)!.councilId).code,
      followUps: fus.filter((f) => f.meetingId === k.meetingId && f.conclusionSeq === k.seq),
      draftAssignments: [],
    })),
    totals: {
      conclusions: conclusions.length,
      followUps: fus.length,
      done: fus.filter((f) => f.state === 'done').length,
      doneOnTime: fus.filter((f) => isDoneOnTime(f)).length,
      open: fus.filter((f) => f.state !== 'done' && f.state !== 'cancelled').length,
      overdue: fus.filter((f) => f.overdue).length,
      cancelled: fus.filter((f) => f.state === 'cancelled').length,
    },
    byAssignee: sortVi([...byAssignee.values()], (r) => r.assignee.nameVi),
    blocked: await bottleneckBriefs(db, ctx, blockedRows),
  };
}

const DASHBOARD_INDICATORS = ['population', 'area', 'population_density', 'grdp_per_capita'];

/**
 * GET /councils/{code}/dashboard: the secretariat's view of its region: late projects (plans), open and overdue
 * follow-ups, open bottlenecks, the region's key indicators from the statistics database (the engine's aggregation,
 * with its method and sources), and the next meeting. Members only.
 */
export async function getDashboard(db: Db, caller: Caller, code: string): Promise<CouncilDashboard> {
  const ctx = await loadContext(db);
  const c = ctx.byCode(code);
  await requireMember(db, caller, ctx, c, 'dashboard');
  const ids = lineage(ctx, c.code).map((l) => ctx.byCode(l).id);
  const [late, fus, bottlenecks, meetings] = await Promise.all([
    listAllProjects(db, { region: c.regionCode, late: 'true' }).catch(() => []),
    loadFollowUps(db, { councilIds: ids }),
    db
      .select()
      .from(councilBottlenecks)
      .where(
        and(inArray(councilBottlenecks.councilId, ids), inArray(councilBottlenecks.state, [...OPEN_BOTTLENECK_STATES])),
      )
      .orderBy(councilBottlenecks.raisedOn),
    db
      .select({ m: councilMeetings })
      .from(councilMeetings)
      .where(
        and(
          eq(councilMeetings.councilId, c.id),
          eq(councilMeetings.status, 'scheduled'),
          lte(sql`${ctx.today}`, councilMeetings.heldOn),
        ),
      )
      .orderBy(councilMeetings.heldOn)
      .limit(1),
  ]);
  const briefs: FollowUpBrief[] = await followUpBriefs(db, ctx, fus);
  return {
    councilCode: c.code,
    today: ctx.today,
    nextMeeting: meetings[0] ? meetingBrief(ctx, { ...meetings[0].m, conclusionCount: 0 }) : null,
    lateProjects: late.map((p) => ({
      code: p.code,
      nameVi: p.nameVi,
      status: p.status,
      lateMilestones: p.lateMilestones,
    })),
    followUps: {
      open: briefs.filter((f) => ['open', 'in_progress', 'returned'].includes(f.state)).length,
      overdue: briefs.filter((f) => f.overdue).length,
      reported: briefs.filter((f) => f.state === 'reported').length,
      done: briefs.filter((f) => f.state === 'done').length,
    },
    overdueFollowUps: briefs.filter((f) => f.overdue),
    openBottlenecks: await bottleneckBriefs(db, ctx, bottlenecks),
    indicators: inForceOn(c, ctx.today) ? await regionIndicators(db, c, ctx.today) : [],
  };
}

async function regionIndicators(db: Db, c: CouncilRow, at: string): Promise<CouncilDashboard['indicators']> {
  const res = await queryObservations(db, {
    indicators: DASHBOARD_INDICATORS,
    level: 'grouping',
    grouping: c.regionGroupingId,
    at,
  });
  return DASHBOARD_INDICATORS.flatMap((code) => {
    const ind = res.indicators.find((i) => i.code === code);
    if (!ind) return [];
    const row = res.rows
      .filter((r) => r.indicator === code && r.value !== null)
      .sort((a, b) => String(b.period).localeCompare(String(a.period)))[0];
    return [
      {
        code,
        nameVi: ind.nameVi,
        nameEn: ind.nameEn,
        unitVi: ind.unitVi,
        unitEn: ind.unitEn,
        period: row?.period ?? null,
        value: row?.value ?? null,
        method: row ? row.method.textVi : 'Chưa có số liệu',
        methodEn: row ? row.method.textEn : 'No data',
        source: row ? row.sources.map((s) => `${s.publisher} (${s.dataset}, bản ${s.releaseNumber})`).join('; ') : '',
      },
    ];
  });
}

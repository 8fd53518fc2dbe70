import type {
  FundingLine,
  FundingSource,
  FundingSummaryResponse,
  Milestone,
  ProgressUpdate,
  ProjectDetail,
  ProjectFilterQuery,
  ProjectInput,
  ProjectListItem,
  ProjectPatch,
  ProjectProvince,
  ProjectStatus,
  ProjectsQuery,
  TimelineResponse,
  Vintage,
} from '@regionlink/shared';
import {
  foldVi,
  normaliseText,
  ProjectInput as ProjectInputSchema,
  ProjectPatch as ProjectPatchSchema,
  ProjectStatus as ProjectStatusEnum,
  VINTAGE_34,
  VINTAGE_63,
  viCollator,
} from '@regionlink/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { organisations } from '../access/access.schema';
import { recordAudit } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { FUNDING_METHOD, type FundingLineValues, publicInvestmentShare, summariseFunding } from './funding-summary';
import { checkProvinceList, isInterProvincial, mapProvinces } from './inter-provincial';
import { countLate, milestoneState } from './milestones';
import { badRequest, type Caller, conflict, invalid, isUniqueViolation, optText, requireAdmin } from './plans.common';
import {
  codesIn,
  eraOf,
  type GeoContext,
  geoContext,
  regionsAt,
  requireProvince,
  todayUnit,
  unitOf,
} from './plans.geo';
import { canEditProject, canSeeDrafts, isAdmin, type ProjectScope } from './plans.policy';
import {
  fundingLines,
  milestones,
  planTaskGroups,
  progressEvidence,
  progressUpdates,
  projectOrganisations,
  projectProvinces,
  projects,
  projectUnresolvedLocations,
  regionalPlans,
} from './plans.schema';

type ProjectRow = typeof projects.$inferSelect;
type LineRow = typeof fundingLines.$inferSelect;
type MilestoneRow = typeof milestones.$inferSelect;

/** A project with everything the registry shows, as loaded from the database. */
export interface LoadedProject {
  row: ProjectRow;
  planCode: string;
  planSort: number;
  planNameVi: string;
  planNameEn: string;
  taskGroup: { code: string; nameVi: string; nameEn: string } | null;
  provinces: (typeof projectProvinces.$inferSelect)[];
  unresolved: (typeof projectUnresolvedLocations.$inferSelect)[];
  orgs: { id: number; code: string; nameVi: string; nameEn: string; isDemo: boolean }[];
  lines: (LineRow & { updatedByName: string | null })[];
  milestones: MilestoneRow[];
}

/** Load projects (all, or those with the given ids) with provinces, organisations, funding lines and milestones. */
export async function loadProjects(db: Db, ids?: number[]): Promise<LoadedProject[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({
      p: projects,
      planCode: regionalPlans.code,
      planSort: regionalPlans.sortOrder,
      planNameVi: regionalPlans.nameVi,
      planNameEn: regionalPlans.nameEn,
      tg: planTaskGroups,
    })
    .from(projects)
    .innerJoin(regionalPlans, eq(regionalPlans.id, projects.planId))
    .leftJoin(planTaskGroups, eq(planTaskGroups.id, projects.taskGroupId))
    .where(ids ? inArray(projects.id, ids) : undefined);
  const pids = rows.map((r) => r.p.id);
  if (pids.length === 0) return [];
  const inIds = <T extends { projectId: unknown }>(col: T['projectId']) => inArray(col as never, pids);
  const [provs, unres, orgs, lines, ms] = await Promise.all([
    db.select().from(projectProvinces).where(inIds(projectProvinces.projectId)).orderBy(asc(projectProvinces.seq)),
    db
      .select()
      .from(projectUnresolvedLocations)
      .where(inIds(projectUnresolvedLocations.projectId))
      .orderBy(asc(projectUnresolvedLocations.seq)),
    db
      .select({
        projectId: projectOrganisations.projectId,
        id: organisations.id,
        code: organisations.code,
        nameVi: organisations.nameVi,
        nameEn: organisations.nameEn,
        isDemo: projectOrganisations.isDemo,
      })
      .from(projectOrganisations)
      .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
      .where(inIds(projectOrganisations.projectId)),
    db
      .select({
        l: fundingLines,
        updatedByName: sql<string | null>`(select display_name from users where id = ${fundingLines.updatedBy})`,
      })
      .from(fundingLines)
      .where(inIds(fundingLines.projectId))
      .orderBy(asc(fundingLines.year), asc(fundingLines.source)),
    db
      .select()
      .from(milestones)
      .where(inIds(milestones.projectId))
      .orderBy(asc(milestones.plannedDate), asc(milestones.id)),
  ]);
  const group = <T>(list: T[], key: (t: T) => number) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return m;
  };
  const provBy = group(provs, (x) => x.projectId);
  const unresBy = group(unres, (x) => x.projectId);
  const orgBy = group(orgs, (x) => x.projectId);
  const lineBy = group(lines, (x) => x.l.projectId);
  const msBy = group(ms, (x) => x.projectId);
  return rows.map((r) => ({
    row: r.p,
    planCode: r.planCode,
    planSort: r.planSort,
    planNameVi: r.planNameVi,
    planNameEn: r.planNameEn,
    taskGroup: r.tg ? { code: r.tg.code, nameVi: r.tg.nameVi, nameEn: r.tg.nameEn } : null,
    provinces: provBy.get(r.p.id) ?? [],
    unresolved: unresBy.get(r.p.id) ?? [],
    orgs: (orgBy.get(r.p.id) ?? []).map(({ projectId: _p, ...o }) => o),
    lines: (lineBy.get(r.p.id) ?? []).map((x) => ({ ...x.l, updatedByName: x.updatedByName })),
    milestones: msBy.get(r.p.id) ?? [],
  }));
}

/** Load one project by code, or 404. */
export async function loadProjectByCode(db: Db, code: string): Promise<LoadedProject> {
  const [r] = await db.select({ id: projects.id }).from(projects).where(eq(projects.code, code));
  if (!r) throw notFound(`Project ${code}`, `dự án mã ${code}`);
  return (await loadProjects(db, [r.id]))[0];
}

/** What the permission rules need to know about a project (today's located provinces, regions touched). */
export function scopeOf(p: LoadedProject, geo: GeoContext): ProjectScope {
  const locatedToday = new Set<string>();
  const touchedToday = new Set<string>();
  for (const pr of p.provinces)
    for (const c of codesIn(geo, pr.unitCode, pr.vintage, VINTAGE_34)) {
      touchedToday.add(c);
      if (pr.role === 'located') locatedToday.add(c);
    }
  const regionsToday = geo.regions34.filter((g) => g.memberCodes.some((c) => touchedToday.has(c))).map((g) => g.code);
  return { responsibleOrgIds: p.orgs.map((o) => o.id), locatedToday: [...locatedToday], regionsToday };
}

const lineValues = (p: LoadedProject): FundingLineValues[] =>
  p.lines.map((l) => ({
    projectCode: p.row.code,
    source: l.source as FundingSource,
    year: l.year,
    planned: l.planned,
    allocated: l.allocated,
    disbursed: l.disbursed,
    overDisbursementNote: l.overDisbursementNote,
  }));

export function toFundingLine(code: string, l: LoadedProject['lines'][number]): FundingLine {
  return {
    id: l.id,
    projectCode: code,
    source: l.source as FundingSource,
    year: l.year,
    planned: l.planned,
    allocated: l.allocated,
    disbursed: l.disbursed,
    overDisbursementNote: l.overDisbursementNote,
    note: l.note,
    sourceDocument: l.sourceDocument,
    isDemo: l.isDemo,
    version: l.version,
    updatedAt: l.updatedAt,
    updatedBy: l.updatedByName,
  };
}

export function toMilestone(code: string, m: MilestoneRow, today: string): Milestone {
  const s = milestoneState(m, today);
  return {
    id: m.id,
    projectCode: code,
    nameVi: m.nameVi,
    nameEn: m.nameEn,
    plannedDate: m.plannedDate,
    actualDate: m.actualDate,
    state: s.state,
    daysLate: s.daysLate,
    note: m.note,
    isDemo: m.isDemo,
    version: m.version,
  };
}

function toProvince(geo: GeoContext, pr: LoadedProject['provinces'][number]): ProjectProvince {
  const u = unitOf(geo, pr.unitCode, pr.vintage);
  const t = todayUnit(geo, pr.unitCode, pr.vintage);
  return {
    code: pr.unitCode,
    vintage: pr.vintage as Vintage,
    role: pr.role as 'located' | 'affected',
    seq: pr.seq,
    costShare: pr.costShare,
    nameVi: u?.nameVi ?? pr.unitCode,
    nameEn: u?.nameEn ?? pr.unitCode,
    today: t ? { code: t.code, nameVi: t.nameVi, nameEn: t.nameEn } : null,
    matchedText: pr.matchedText,
    resolvedVia: pr.resolvedVia as ProjectProvince['resolvedVia'],
    note: pr.note,
  };
}

/** The registry row of a project: provinces with today's province, the computed flags and the funding totals. */
export function toListItem(p: LoadedProject, geo: GeoContext, today: string): ProjectListItem {
  const roles = p.provinces.map((x) => ({ code: x.unitCode, role: x.role as 'located' | 'affected' }));
  const todayRoles = mapProvinces(
    p.provinces.map((x) => ({ code: `${x.vintage}:${x.unitCode}`, role: x.role as 'located' | 'affected' })),
    new Map(p.provinces.map((x) => [`${x.vintage}:${x.unitCode}`, codesIn(geo, x.unitCode, x.vintage, VINTAGE_34)])),
  );
  const summary = summariseFunding(lineValues(p));
  return {
    code: p.row.code,
    nameVi: p.row.nameVi,
    nameEn: p.row.nameEn,
    planCode: p.planCode,
    taskGroupCode: p.taskGroup?.code ?? null,
    sector: p.row.sector as ProjectListItem['sector'],
    sectorDetail: p.row.sectorDetail,
    sectorDetailEn: p.row.sectorDetailEn,
    phase: p.row.phase as ProjectListItem['phase'],
    periodText: p.row.periodText,
    status: p.row.status as ProjectStatus,
    fundingType: p.row.fundingType as ProjectListItem['fundingType'],
    intendedSources: p.row.intendedSources as FundingSource[],
    fundingText: p.row.fundingText,
    leadAgencyText: p.row.leadAgencyText,
    responsibleOrgs: p.orgs.map((o) => ({ code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, isDemo: o.isDemo })),
    geometry: p.row.geometry as ProjectListItem['geometry'],
    provinces: p.provinces.map((x) => toProvince(geo, x)),
    unresolved: p.unresolved.map((u) => ({
      text: u.text,
      textEn: u.textEn,
      reason: u.reason as ProjectListItem['unresolved'][0]['reason'],
    })),
    interProvincial: isInterProvincial(roles),
    interProvincialToday: isInterProvincial(todayRoles),
    funding: summary.totals,
    lateMilestones: countLate(p.milestones, today),
    hasDemoData: p.lines.some((l) => l.isDemo) || p.milestones.some((m) => m.isDemo) || p.orgs.some((o) => o.isDemo),
    version: p.row.version,
  };
}

/** The codes, in the geography of `at`, of the provinces a project touches. */
function touchedAt(p: LoadedProject, geo: GeoContext, at: string): Set<string> {
  const era = eraOf(at);
  const s = new Set<string>();
  for (const pr of p.provinces) for (const c of codesIn(geo, pr.unitCode, pr.vintage, era)) s.add(c);
  return s;
}

interface Filter {
  at: string;
  regionMembers: Set<string> | null;
  province: string | null;
  planIds: Set<number> | null;
  taskGroupIds: Set<number> | null;
  q: ProjectFilterQuery;
}

/**
 * Check every filter value and turn it into sets: a region or province code not in force on `at`, an unknown plan
 * or task group is a 400 that names the parameter and lists what is accepted.
 */
async function resolveFilter(db: Db, geo: GeoContext, q: ProjectFilterQuery): Promise<Filter> {
  const at = q.at ?? todayVn();
  let regionMembers: Set<string> | null = null;
  if (q.region !== undefined) {
    const regions = regionsAt(geo, at);
    const g = regions.find((r) => r.code === q.region);
    if (!g)
      throw badRequest(
        'unknown_region',
        'query.region',
        `Unknown region "${q.region}" for the geography of ${at}; use one of ${regions.map((r) => r.code).join(', ')}.`,
        `Mã vùng "${q.region}" không có trong địa giới ngày ${at}; dùng một trong: ${regions.map((r) => r.code).join(', ')}.`,
      );
    regionMembers = new Set(g.memberCodes);
  }
  if (q.province !== undefined) {
    const era = eraOf(at);
    if (!unitOf(geo, q.province, era))
      throw badRequest(
        'unknown_province',
        'query.province',
        `Unknown province code "${q.province}" for the geography of ${at} (${era === VINTAGE_63 ? '63' : '34'} provinces).`,
        `Mã tỉnh "${q.province}" không có trong địa giới ngày ${at} (${era === VINTAGE_63 ? '63' : '34'} tỉnh, thành).`,
      );
  }
  let planIds: Set<number> | null = null;
  if (q.plan !== undefined) {
    const [plan] = await db.select().from(regionalPlans).where(eq(regionalPlans.code, q.plan));
    if (!plan)
      throw badRequest(
        'unknown_plan',
        'query.plan',
        `Unknown plan "${q.plan}".`,
        `Không có quy hoạch, kế hoạch mã "${q.plan}".`,
      );
    const children = await db
      .select({ id: regionalPlans.id })
      .from(regionalPlans)
      .where(eq(regionalPlans.parentId, plan.id));
    planIds = new Set([plan.id, ...children.map((c) => c.id)]);
  }
  let taskGroupIds: Set<number> | null = null;
  if (q.taskGroup !== undefined) {
    const tgs = await db
      .select({ id: planTaskGroups.id, planId: planTaskGroups.planId })
      .from(planTaskGroups)
      .where(eq(planTaskGroups.code, q.taskGroup));
    const ok = tgs.filter((t) => !planIds || planIds.has(t.planId));
    if (ok.length === 0)
      throw badRequest(
        'unknown_task_group',
        'query.taskGroup',
        `Unknown task group "${q.taskGroup}"${q.plan ? ` in plan ${q.plan}` : ''}.`,
        `Không có nhóm nhiệm vụ "${q.taskGroup}"${q.plan ? ` trong ${q.plan}` : ''}.`,
      );
    taskGroupIds = new Set(ok.map((t) => t.id));
  }
  return { at, regionMembers, province: q.province ?? null, planIds, taskGroupIds, q };
}

function matches(p: LoadedProject, item: ProjectListItem, f: Filter, geo: GeoContext): boolean {
  const q = f.q;
  if (f.planIds && !f.planIds.has(p.row.planId)) return false;
  if (f.taskGroupIds && (p.row.taskGroupId === null || !f.taskGroupIds.has(p.row.taskGroupId))) return false;
  if (q.sector && p.row.sector !== q.sector) return false;
  if (q.phase) {
    const ph = p.row.phase;
    if (q.phase === 'unspecified' ? ph !== null : ph !== q.phase && ph !== '2021-2030') return false;
  }
  if (q.status && p.row.status !== q.status) return false;
  if (q.funding && !item.intendedSources.includes(q.funding) && !p.lines.some((l) => l.source === q.funding))
    return false;
  if (q.interProvincial && item.interProvincial !== (q.interProvincial === 'true')) return false;
  if (q.late && item.lateMilestones > 0 !== (q.late === 'true')) return false;
  if (f.regionMembers || f.province) {
    const touched = touchedAt(p, geo, f.at);
    if (f.regionMembers && ![...touched].some((c) => f.regionMembers!.has(c))) return false;
    if (f.province && !touched.has(f.province)) return false;
  }
  if (q.q) {
    const needle = foldVi(normaliseText(q.q));
    const hay = foldVi(`${p.row.code} ${p.row.nameVi} ${p.row.nameEn} ${p.row.locationText ?? ''}`);
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** The projects matching the filters, with their registry rows, sorted, before paging. */
export async function findProjects(
  db: Db,
  q: ProjectFilterQuery & { sort?: ProjectsQuery['sort'] },
): Promise<{ at: string; matched: { p: LoadedProject; item: ProjectListItem }[]; geo: GeoContext }> {
  const geo = await geoContext(db);
  const f = await resolveFilter(db, geo, q);
  const today = todayVn();
  const all = await loadProjects(db);
  const matched = all.map((p) => ({ p, item: toListItem(p, geo, today) })).filter((x) => matches(x.p, x.item, f, geo));
  const sort = q.sort ?? 'plan';
  matched.sort((a, b) => {
    if (sort === 'name') return viCollator.compare(a.item.nameVi, b.item.nameVi);
    if (sort === 'code') return a.item.code.localeCompare(b.item.code);
    if (sort === 'planned')
      return b.item.funding.planned - a.item.funding.planned || a.p.row.sortOrder - b.p.row.sortOrder;
    return (
      a.p.planSort - b.p.planSort || a.p.row.sortOrder - b.p.row.sortOrder || a.item.code.localeCompare(b.item.code)
    );
  });
  return { at: f.at, matched, geo };
}

/** GET /projects: the registry, filtered, sorted and paged. Public. */
export async function listProjects(db: Db, q: ProjectsQuery) {
  const { at, matched } = await findProjects(db, q);
  return {
    items: matched.slice(q.offset, q.offset + q.limit).map((m) => m.item),
    total: matched.length,
    limit: q.limit,
    offset: q.offset,
    at,
  };
}

/**
 * The funding funnel, public-investment shares and status counts of the projects matching the filters. Public:
 * funding lines, like the registry, are published data.
 */
export async function fundingSummary(db: Db, q: ProjectFilterQuery): Promise<FundingSummaryResponse> {
  const { at, matched, geo } = await findProjects(db, q);
  const lines = matched.flatMap((m) => lineValues(m.p));
  const summary = summariseFunding(lines);
  const regions = regionsAt(geo, at).filter((r) => !q.region || r.code === q.region);
  const publicShare = regions.map((r) => {
    const members = new Set(r.memberCodes);
    const inRegion = matched.filter(
      (m) => m.item.interProvincial && [...touchedAt(m.p, geo, at)].some((c) => members.has(c)),
    );
    return {
      regionCode: r.code,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      projectCount: inRegion.length,
      ...publicInvestmentShare(inRegion.flatMap((m) => lineValues(m.p))),
    };
  });
  const counts = new Map<ProjectStatus, number>();
  for (const m of matched) counts.set(m.item.status, (counts.get(m.item.status) ?? 0) + 1);
  return {
    ...summary,
    at,
    projectCount: matched.length,
    projectsWithFunding: matched.filter((m) => m.p.lines.length > 0).length,
    publicShare,
    statusCounts: ProjectStatusEnum.options.map((s) => ({ status: s, count: counts.get(s) ?? 0 })),
    includesDemo: matched.some((m) => m.p.lines.some((l) => l.isDemo)),
    method: FUNDING_METHOD,
  };
}

/** Milestones of the matching projects, grouped by project, earliest first; projects with none are left out. */
export async function projectTimeline(db: Db, q: ProjectFilterQuery): Promise<TimelineResponse> {
  const { at, matched } = await findProjects(db, q);
  const today = todayVn();
  const items = matched
    .filter((m) => m.p.milestones.length > 0)
    .map((m) => ({
      projectCode: m.item.code,
      nameVi: m.item.nameVi,
      nameEn: m.item.nameEn,
      status: m.item.status,
      late: m.item.lateMilestones > 0,
      milestones: m.p.milestones.map((x) => toMilestone(m.item.code, x, today)),
    }))
    .sort((a, b) => a.milestones[0].plannedDate.localeCompare(b.milestones[0].plannedDate));
  return { today, at, items };
}

type UpdateRow = typeof progressUpdates.$inferSelect;

/** Progress updates of a project that the caller may see (published ones; drafts too for editors and councils). */
export async function visibleUpdates(
  db: Db,
  caller: Caller,
  p: LoadedProject,
  geo: GeoContext,
): Promise<ProgressUpdate[]> {
  const drafts = canSeeDrafts(caller, scopeOf(p, geo));
  const rows = await db
    .select({ u: progressUpdates, org: organisations })
    .from(progressUpdates)
    .innerJoin(organisations, eq(organisations.id, progressUpdates.organisationId))
    .where(and(eq(progressUpdates.projectId, p.row.id), drafts ? undefined : eq(progressUpdates.state, 'published')))
    .orderBy(sql`${progressUpdates.asOf} desc`, sql`${progressUpdates.id} desc`);
  const ids = rows.map((r) => r.u.id);
  const ev =
    ids.length === 0
      ? []
      : await db
          .select({
            id: progressEvidence.id,
            updateId: progressEvidence.updateId,
            fileName: progressEvidence.fileName,
            contentType: progressEvidence.contentType,
            size: progressEvidence.size,
            sha256: progressEvidence.sha256,
            uploadedAt: progressEvidence.createdAt,
          })
          .from(progressEvidence)
          .where(inArray(progressEvidence.updateId, ids))
          .orderBy(asc(progressEvidence.id));
  return rows.map((r) =>
    toProgressUpdate(
      p.row.code,
      r.u,
      r.org,
      ev.filter((e) => e.updateId === r.u.id),
    ),
  );
}

export function toProgressUpdate(
  code: string,
  u: UpdateRow,
  org: { code: string; nameVi: string; nameEn: string },
  evidence: { id: number; fileName: string; contentType: string; size: number; sha256: string; uploadedAt: string }[],
): ProgressUpdate {
  return {
    id: u.id,
    projectCode: code,
    organisation: { code: org.code, nameVi: org.nameVi, nameEn: org.nameEn },
    authorName: u.authorName,
    asOf: u.asOf,
    status: u.status as ProgressUpdate['status'],
    percent: u.percent,
    narrative: u.narrative,
    state: u.state as ProgressUpdate['state'],
    publishedAt: u.publishedAt,
    evidence: evidence.map(({ id, fileName, contentType, size, sha256, uploadedAt }) => ({
      id,
      fileName,
      contentType,
      size,
      sha256,
      uploadedAt,
    })),
    isDemo: u.isDemo,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** GET /projects/{code}: the project page, with what the caller may see and do. Public. */
export async function getProject(db: Db, caller: Caller, code: string): Promise<ProjectDetail> {
  const geo = await geoContext(db);
  const p = await loadProjectByCode(db, code);
  const today = todayVn();
  const item = toListItem(p, geo, today);
  return {
    ...item,
    scale: p.row.scale,
    locationText: p.row.locationText,
    notes: p.row.notes,
    sourceSection: p.row.sourceSection,
    source: p.row.source,
    scaleEn: p.row.scaleEn,
    locationTextEn: p.row.locationTextEn,
    notesEn: p.row.notesEn,
    sourceEn: p.row.sourceEn,
    planNameVi: p.planNameVi,
    planNameEn: p.planNameEn,
    taskGroup: p.taskGroup,
    fundingLines: p.lines.map((l) => toFundingLine(p.row.code, l)),
    fundingSummary: summariseFunding(lineValues(p)),
    milestones: p.milestones.map((m) => toMilestone(p.row.code, m, today)),
    progressUpdates: await visibleUpdates(db, caller, p, geo),
    permissions: { canEdit: canEditProject(caller, scopeOf(p, geo)), canAdmin: isAdmin(caller) },
    updatedAt: p.row.updatedAt,
  };
}

/** Check a province list against the geography and the cost-share rules; a 400 with every problem otherwise. */
function checkProvinces(
  geo: GeoContext,
  list: { code: string; vintage: string; role: string; costShare: number | null }[],
) {
  for (const [i, p] of list.entries()) requireProvince(geo, p.code, p.vintage, `body.provinces.${i}.code`);
  const problems = checkProvinceList(
    list.map((p) => ({
      code: `${p.vintage}:${p.code}`,
      label: p.code,
      role: p.role as 'located' | 'affected',
      costShare: p.costShare,
    })),
  );
  if (problems.length > 0) throw invalid(problems);
}

async function planAndGroup(db: Db, planCode: string, taskGroupCode: string | null) {
  const [plan] = await db.select().from(regionalPlans).where(eq(regionalPlans.code, planCode));
  if (!plan)
    throw badRequest(
      'unknown_plan',
      'body.planCode',
      `Unknown plan "${planCode}".`,
      `Không có kế hoạch mã "${planCode}".`,
    );
  let taskGroupId: number | null = null;
  if (taskGroupCode) {
    const [tg] = await db
      .select({ id: planTaskGroups.id })
      .from(planTaskGroups)
      .where(and(eq(planTaskGroups.planId, plan.id), eq(planTaskGroups.code, taskGroupCode)));
    if (!tg)
      throw badRequest(
        'unknown_task_group',
        'body.taskGroupCode',
        `Plan ${planCode} has no task group "${taskGroupCode}".`,
        `Kế hoạch ${planCode} không có nhóm nhiệm vụ "${taskGroupCode}".`,
      );
    taskGroupId = tg.id;
  }
  return { planId: plan.id, taskGroupId };
}

async function orgIds(db: Db, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(inArray(organisations.code, codes));
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0)
    throw badRequest(
      'unknown_organisation',
      'body.responsibleOrgCodes',
      `Unknown organisation code(s): ${missing.join(', ')}.`,
      `Mã cơ quan không tồn tại: ${missing.join(', ')}.`,
    );
  return rows.map((r) => r.id);
}

const provinceRows = (
  projectId: number,
  list: { code: string; vintage: string; role: string; costShare: number | null }[],
) =>
  list.map((p, seq) => ({
    projectId,
    unitCode: p.code,
    vintage: p.vintage,
    role: p.role,
    seq,
    costShare: p.costShare,
    resolvedVia: 'manual',
  }));

/** POST /projects: a new project in the registry. Admin only. A duplicate code is a 409. */
export async function createProject(db: Db, caller: Caller, raw: ProjectInput): Promise<ProjectDetail> {
  const user = await requireAdmin(db, caller, 'create', 'project', raw.code);
  const input = ProjectInputSchema.parse(raw);
  const geo = await geoContext(db);
  const provinces = input.provinces.map((p) => ({ ...p, costShare: p.costShare ?? null }));
  checkProvinces(geo, provinces);
  const { planId, taskGroupId } = await planAndGroup(db, input.planCode, input.taskGroupCode);
  const orgs = await orgIds(db, input.responsibleOrgCodes);
  try {
    await db.transaction(async (tx) => {
      const [p] = await tx
        .insert(projects)
        .values({
          code: input.code,
          planId,
          taskGroupId,
          nameVi: normaliseText(input.nameVi),
          nameEn: normaliseText(input.nameEn),
          sector: input.sector,
          phase: input.phase,
          fundingType: input.fundingType,
          intendedSources: [...new Set(input.intendedSources)],
          geometry: input.geometry,
          leadAgencyText: optText(input.leadAgencyText, normaliseText),
          scale: optText(input.scale, normaliseText),
          notes: optText(input.notes, normaliseText),
          source: `Nhập bởi ${user.displayName}`,
          sortOrder: 10_000,
          createdBy: user.id,
        })
        .returning({ id: projects.id });
      if (provinces.length > 0) await tx.insert(projectProvinces).values(provinceRows(p.id, provinces));
      for (const o of orgs) await tx.insert(projectOrganisations).values({ projectId: p.id, organisationId: o });
      await recordAudit(tx as unknown as Db, {
        userId: user.id,
        action: 'project_created',
        entity: 'project',
        entityId: input.code,
        detail: { provinces: provinces.length },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'project_exists',
        `A project with code ${input.code} already exists.`,
        `Đã có dự án mã ${input.code}.`,
      );
    throw e;
  }
  return getProject(db, caller, input.code);
}

/**
 * PATCH /projects/{code}: change a project's fields, provinces (roles, cost shares) or responsible organisations.
 * Admin only; needs the version the editor read (If-Match) and fails with 412 if someone saved in between.
 */
export async function updateProject(
  db: Db,
  caller: Caller,
  code: string,
  expectedVersion: number,
  raw: ProjectPatch,
): Promise<ProjectDetail> {
  const user = await requireAdmin(db, caller, 'update', 'project', code);
  const input = ProjectPatchSchema.parse(raw);
  const current = await loadProjectByCode(db, code);
  const geo = await geoContext(db);
  const provinces = input.provinces?.map((p) => ({ ...p, costShare: p.costShare ?? null }));
  if (provinces) checkProvinces(geo, provinces);
  const pg =
    input.planCode !== undefined || input.taskGroupCode !== undefined
      ? await planAndGroup(
          db,
          input.planCode ?? current.planCode,
          input.taskGroupCode ?? current.taskGroup?.code ?? null,
        )
      : null;
  const orgs = input.responsibleOrgCodes ? await orgIds(db, input.responsibleOrgCodes) : null;
  await db.transaction(async (tx) => {
    const set: Partial<typeof projects.$inferInsert> = {
      ...(input.nameVi !== undefined ? { nameVi: normaliseText(input.nameVi) } : {}),
      ...(input.nameEn !== undefined ? { nameEn: normaliseText(input.nameEn) } : {}),
      ...(input.sector !== undefined ? { sector: input.sector } : {}),
      ...(input.phase !== undefined ? { phase: input.phase } : {}),
      ...(input.fundingType !== undefined ? { fundingType: input.fundingType } : {}),
      ...(input.intendedSources !== undefined ? { intendedSources: [...new Set(input.intendedSources)] } : {}),
      ...(input.geometry !== undefined ? { geometry: input.geometry } : {}),
      ...(input.leadAgencyText !== undefined ? { leadAgencyText: optText(input.leadAgencyText, normaliseText) } : {}),
      // an edited Vietnamese text drops its reference English, which no longer translates it
      ...(input.scale !== undefined ? { scale: optText(input.scale, normaliseText), scaleEn: null } : {}),
      ...(input.notes !== undefined ? { notes: optText(input.notes, normaliseText), notesEn: null } : {}),
      ...(pg ? { planId: pg.planId, taskGroupId: pg.taskGroupId } : {}),
    };
    const done = await tx
      .update(projects)
      .set({ ...set, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(projects.id, current.row.id), eq(projects.version, expectedVersion)))
      .returning({ id: projects.id });
    if (done.length === 0) throw staleWrite();
    if (provinces) {
      await tx.delete(projectProvinces).where(eq(projectProvinces.projectId, current.row.id));
      if (provinces.length > 0) {
        const kept = new Map(current.provinces.map((x) => [`${x.vintage}:${x.unitCode}`, x]));
        await tx.insert(projectProvinces).values(
          provinceRows(current.row.id, provinces).map((r) => {
            const old = kept.get(`${r.vintage}:${r.unitCode}`);
            return old
              ? { ...r, matchedText: old.matchedText, resolvedVia: old.resolvedVia ?? 'manual', note: old.note }
              : r;
          }),
        );
      }
    }
    if (orgs) {
      await tx.delete(projectOrganisations).where(eq(projectOrganisations.projectId, current.row.id));
      for (const o of orgs)
        await tx.insert(projectOrganisations).values({ projectId: current.row.id, organisationId: o });
    }
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'project_updated',
      entity: 'project',
      entityId: code,
      detail: { fields: Object.keys(input), fromVersion: expectedVersion },
    });
  });
  return getProject(db, caller, code);
}

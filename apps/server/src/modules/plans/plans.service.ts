import type {
  ActualInput,
  Grouping,
  Plan,
  PlanDetail,
  PlanInput,
  RfIndicator,
  RfIndicatorInput,
  TargetInput,
  TaskGroup,
  TaskGroupInput,
} from '@regionlink/shared';
import {
  ActualInput as ActualSchema,
  normaliseText,
  PlanPatch as PlanPatchSchema,
  PlanInput as PlanSchema,
  RfIndicatorInput as RfIndicatorSchema,
  TargetInput as TargetSchema,
  TaskGroupInput as TaskGroupSchema,
} from '@regionlink/shared';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit } from '../access/access.service';
import { listGroupings, listUnits, todayVn } from '../geo/geo.service';
import { badRequest, type Caller, conflict, invalid, isUniqueViolation, optText, requireAdmin } from './plans.common';
import { geoContext } from './plans.geo';
import { planTaskGroups, projects, regionalPlans, rfActuals, rfIndicators, rfTargets } from './plans.schema';
import { loadCatalogue } from '../statistics/catalogue.service';
import { findStatisticsActual } from './statistics-link';
import { assessTarget, currentTargets, nextRevision, STATUS_RULE } from './target-status';

type PlanRow = typeof regionalPlans.$inferSelect;

const regionCache = new WeakMap<Db, Map<string, Promise<Grouping[]>>>();
/** The regions in force on a date, cached per database (regions are reference data). */
function regionsOn(db: Db, at: string) {
  let perDb = regionCache.get(db);
  if (!perDb) {
    perDb = new Map();
    regionCache.set(db, perDb);
  }
  let p = perDb.get(at);
  if (!p) {
    p = listGroupings(db, { type: 'region', at });
    p.catch(() => perDb.delete(at));
    perDb.set(at, p);
  }
  return p;
}

/** A plan with its region then and the regions its territory belongs to today, through the crosswalk. */
async function toPlan(db: Db, r: PlanRow, counts: { projects: number; taskGroups: number }): Promise<Plan> {
  const geo = await geoContext(db);
  const regions = await regionsOn(db, r.regionGeoDate);
  const g = regions.find((x) => x.code === r.regionCode);
  const todayByRegion = new Map<string, { code: string; nameVi: string }[]>();
  for (const member of g?.memberCodes ?? []) {
    const era34 = r.regionGeoDate >= '2025-07-01';
    const codes34 = era34 ? [member] : (geo.to34.get(member) ?? []);
    for (const c of codes34) {
      const region = geo.regions34.find((x) => x.memberCodes.includes(c));
      if (!region) continue;
      const list = todayByRegion.get(region.code) ?? [];
      const u = era34 ? geo.units34.get(member) : geo.units63.get(member);
      list.push({ code: member, nameVi: u?.nameVi ?? member });
      todayByRegion.set(region.code, list);
    }
  }
  return {
    code: r.code,
    kind: r.kind as Plan['kind'],
    parentCode: null,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    decisionNo: r.decisionNo,
    decisionDate: r.decisionDate,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    visionYear: r.visionYear,
    regionAtApproval: {
      code: r.regionCode,
      nameVi: g?.nameVi ?? r.regionCode,
      nameEn: g?.nameEn ?? r.regionCode,
      geoDate: r.regionGeoDate,
      memberCount: g?.memberCodes.length ?? 0,
    },
    todayRegions: geo.regions34
      .filter((x) => todayByRegion.has(x.code))
      .map((x) => ({ code: x.code, nameVi: x.nameVi, nameEn: x.nameEn, formerProvinces: todayByRegion.get(x.code)! })),
    source: r.source,
    note: r.note,
    sourceEn: r.sourceEn,
    noteEn: r.noteEn,
    projectCount: counts.projects,
    taskGroupCount: counts.taskGroups,
    version: r.version,
  };
}

async function counts(db: Db) {
  const p = await db
    .select({ planId: projects.planId, n: sql<number>`count(*)::int` })
    .from(projects)
    .groupBy(projects.planId);
  const t = await db
    .select({ planId: planTaskGroups.planId, n: sql<number>`count(*)::int` })
    .from(planTaskGroups)
    .groupBy(planTaskGroups.planId);
  return (id: number) => ({
    projects: p.find((x) => x.planId === id)?.n ?? 0,
    taskGroups: t.find((x) => x.planId === id)?.n ?? 0,
  });
}

/** GET /plans: the regional plans and their implementation plans, in official order. Public. */
export async function listPlans(db: Db): Promise<Plan[]> {
  const rows = await db.select().from(regionalPlans).orderBy(asc(regionalPlans.sortOrder), asc(regionalPlans.id));
  const count = await counts(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Plan[] = [];
  for (const r of rows.filter((x) => x.kind === 'regional_plan')) {
    out.push(await toPlan(db, r, count(r.id)));
    for (const c of rows.filter((x) => x.parentId === r.id))
      out.push({ ...(await toPlan(db, c, count(c.id))), parentCode: r.code });
  }
  for (const r of rows.filter((x) => x.kind !== 'regional_plan' && !byId.has(x.parentId ?? -1)))
    out.push(await toPlan(db, r, count(r.id)));
  return out;
}

async function planRow(db: Db, code: string): Promise<PlanRow> {
  const [r] = await db.select().from(regionalPlans).where(eq(regionalPlans.code, code));
  if (!r) throw notFound(`Plan ${code}`, `quy hoạch, kế hoạch mã ${code}`);
  return r;
}

/** GET /plans/{code}: a plan with its task groups, implementation plans and results framework. Public. */
export async function getPlan(db: Db, code: string): Promise<PlanDetail> {
  const r = await planRow(db, code);
  const count = await counts(db);
  const children = await db
    .select()
    .from(regionalPlans)
    .where(eq(regionalPlans.parentId, r.id))
    .orderBy(asc(regionalPlans.sortOrder));
  const parent = r.parentId ? (await db.select().from(regionalPlans).where(eq(regionalPlans.id, r.parentId)))[0] : null;
  const tgs = await db
    .select()
    .from(planTaskGroups)
    .where(eq(planTaskGroups.planId, r.id))
    .orderBy(asc(planTaskGroups.sortOrder), asc(planTaskGroups.id));
  const tgCounts = await db
    .select({ id: projects.taskGroupId, n: sql<number>`count(*)::int` })
    .from(projects)
    .where(eq(projects.planId, r.id))
    .groupBy(projects.taskGroupId);
  const taskGroups: TaskGroup[] = tgs.map((t) => ({
    code: t.code,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    descriptionVi: t.descriptionVi,
    descriptionEn: t.descriptionEn,
    projectCount: tgCounts.find((c) => c.id === t.id)?.n ?? 0,
    sortOrder: t.sortOrder,
  }));
  const framework = [...(await resultsFramework(db, r.id))];
  for (const c of children) framework.push(...(await resultsFramework(db, c.id)));
  return {
    ...(await toPlan(db, r, count(r.id))),
    parentCode: parent?.code ?? null,
    taskGroups,
    implementationPlans: await Promise.all(
      children.map(async (c) => ({ ...(await toPlan(db, c, count(c.id))), parentCode: r.code })),
    ),
    resultsFramework: framework,
    statusRule: STATUS_RULE,
  };
}

/** Check a region code exists as a region on a date; 400 naming the field otherwise. */
async function requireRegion(db: Db, code: string, at: string, path: string) {
  const regions = await regionsOn(db, at);
  if (!regions.some((g) => g.code === code))
    throw badRequest(
      'unknown_region',
      path,
      `No region "${code}" on ${at}; use one of ${regions.map((g) => g.code).join(', ')}.`,
      `Không có vùng "${code}" vào ngày ${at}; dùng một trong: ${regions.map((g) => g.code).join(', ')}.`,
    );
}

/** POST /plans: a regional plan or an implementation plan (attached to a regional plan). Admin only. */
export async function createPlan(db: Db, caller: Caller, raw: PlanInput): Promise<PlanDetail> {
  const user = await requireAdmin(db, caller, 'create', 'plan', raw.code);
  const input = PlanSchema.parse(raw);
  if (input.periodEnd < input.periodStart)
    throw invalid([
      {
        path: 'body.periodEnd',
        messageEn: 'The period ends before it starts.',
        messageVi: 'Năm kết thúc trước năm bắt đầu.',
      },
    ]);
  await requireRegion(db, input.regionCode, input.regionGeoDate, 'body.regionCode');
  let parentId: number | null = null;
  if (input.kind === 'implementation_plan') {
    if (!input.parentCode)
      throw badRequest(
        'parent_required',
        'body.parentCode',
        'An implementation plan belongs to a regional plan: give parentCode.',
        'Kế hoạch thực hiện phải thuộc một quy hoạch vùng: hãy nhập parentCode.',
      );
    const parent = await planRow(db, input.parentCode).catch(() => null);
    if (parent?.kind !== 'regional_plan')
      throw badRequest(
        'unknown_parent',
        'body.parentCode',
        `No regional plan "${input.parentCode}".`,
        `Không có quy hoạch vùng "${input.parentCode}".`,
      );
    parentId = parent.id;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.insert(regionalPlans).values({
        code: input.code,
        kind: input.kind,
        parentId,
        nameVi: normaliseText(input.nameVi),
        nameEn: normaliseText(input.nameEn),
        decisionNo: optText(input.decisionNo, normaliseText),
        decisionDate: input.decisionDate,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        visionYear: input.visionYear,
        regionCode: input.regionCode,
        regionGeoDate: input.regionGeoDate,
        source: normaliseText(input.source),
        note: optText(input.note, normaliseText),
        sortOrder: 100,
      });
      await recordAudit(tx as unknown as Db, {
        userId: user.id,
        action: 'plan_created',
        entity: 'plan',
        entityId: input.code,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'plan_exists',
        `A plan with code ${input.code} already exists.`,
        `Đã có kế hoạch mã ${input.code}.`,
      );
    throw e;
  }
  return getPlan(db, input.code);
}

/** PATCH /plans/{code} (If-Match). Admin only. */
export async function updatePlan(
  db: Db,
  caller: Caller,
  code: string,
  expectedVersion: number,
  raw: unknown,
): Promise<PlanDetail> {
  const user = await requireAdmin(db, caller, 'update', 'plan', code);
  const input = PlanPatchSchema.parse(raw);
  const r = await planRow(db, code);
  const regionCode = input.regionCode ?? r.regionCode;
  const geoDate = input.regionGeoDate ?? r.regionGeoDate;
  if (input.regionCode !== undefined || input.regionGeoDate !== undefined)
    await requireRegion(db, regionCode, geoDate, 'body.regionCode');
  if ((input.periodEnd ?? r.periodEnd) < (input.periodStart ?? r.periodStart))
    throw invalid([
      {
        path: 'body.periodEnd',
        messageEn: 'The period ends before it starts.',
        messageVi: 'Năm kết thúc trước năm bắt đầu.',
      },
    ]);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(regionalPlans)
      .set({
        ...(input.nameVi !== undefined ? { nameVi: normaliseText(input.nameVi) } : {}),
        ...(input.nameEn !== undefined ? { nameEn: normaliseText(input.nameEn) } : {}),
        ...(input.decisionNo !== undefined ? { decisionNo: optText(input.decisionNo, normaliseText) } : {}),
        ...(input.decisionDate !== undefined ? { decisionDate: input.decisionDate } : {}),
        ...(input.periodStart !== undefined ? { periodStart: input.periodStart } : {}),
        ...(input.periodEnd !== undefined ? { periodEnd: input.periodEnd } : {}),
        ...(input.visionYear !== undefined ? { visionYear: input.visionYear } : {}),
        // an edited Vietnamese text drops its reference English, which no longer translates it
        ...(input.source !== undefined ? { source: normaliseText(input.source), sourceEn: null } : {}),
        ...(input.note !== undefined ? { note: optText(input.note, normaliseText), noteEn: null } : {}),
        regionCode,
        regionGeoDate: geoDate,
        version: sql`${regionalPlans.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(regionalPlans.id, r.id), eq(regionalPlans.version, expectedVersion)))
      .returning({ id: regionalPlans.id });
    if (done.length === 0) throw staleWrite();
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'plan_updated',
      entity: 'plan',
      entityId: code,
      detail: { fields: Object.keys(input) },
    });
  });
  return getPlan(db, code);
}

/** POST /plans/{code}/task-groups: staff enter the task groups of any region's plan. Admin only. */
export async function createTaskGroup(db: Db, caller: Caller, code: string, raw: TaskGroupInput): Promise<PlanDetail> {
  const user = await requireAdmin(db, caller, 'create_task_group', 'plan', code);
  const input = TaskGroupSchema.parse(raw);
  const r = await planRow(db, code);
  try {
    await db.transaction(async (tx) => {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(planTaskGroups)
        .where(eq(planTaskGroups.planId, r.id));
      await tx.insert(planTaskGroups).values({
        planId: r.id,
        code: normaliseText(input.code),
        nameVi: normaliseText(input.nameVi),
        nameEn: normaliseText(input.nameEn),
        descriptionVi: optText(input.descriptionVi, normaliseText),
        sortOrder: n + 1,
      });
      await recordAudit(tx as unknown as Db, {
        userId: user.id,
        action: 'task_group_created',
        entity: 'plan',
        entityId: code,
        detail: { taskGroup: input.code },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'task_group_exists',
        `Plan ${code} already has task group ${input.code}.`,
        `Kế hoạch ${code} đã có nhóm ${input.code}.`,
      );
    throw e;
  }
  return getPlan(db, code);
}

// ---------- Results framework ----------

type IndicatorRow = typeof rfIndicators.$inferSelect;

async function toIndicator(db: Db, ind: IndicatorRow, planCode: string): Promise<RfIndicator> {
  const history = await db
    .select()
    .from(rfTargets)
    .where(eq(rfTargets.indicatorId, ind.id))
    .orderBy(asc(rfTargets.createdAt), asc(rfTargets.id));
  const typed = history.map((t) => ({ ...t, kind: t.kind as 'period' | 'end' }));
  const current = currentTargets(typed);
  const currentIds = new Set(current.map((t) => t.id));
  const toTarget = (t: (typeof typed)[number]) => ({
    id: t.id,
    kind: t.kind,
    year: t.year,
    value: t.value,
    revision: t.revision,
    reason: t.reason,
    sourceDocument: t.sourceDocument,
    createdAt: t.createdAt,
    createdBy: t.createdByName,
    current: currentIds.has(t.id),
  });
  let actual: RfIndicator['actual'] = null;
  let actualNote: RfIndicator['actualNote'] = null;
  if (ind.statsIndicatorCode) {
    const link = await findStatisticsActual(db, {
      indicatorCode: ind.statsIndicatorCode,
      scope: { kind: ind.scopeKind as 'region' | 'province', code: ind.scopeCode, geoDate: ind.scopeGeoDate },
      upToYear: Number(todayVn().slice(0, 4)),
    });
    if (link.actual) actual = { ...link.actual, origin: 'statistics', isDemo: false };
    else actualNote = { vi: link.noteVi, en: link.noteEn };
  }
  const [rep] = await db
    .select()
    .from(rfActuals)
    .where(eq(rfActuals.indicatorId, ind.id))
    .orderBy(desc(rfActuals.year), desc(rfActuals.id))
    .limit(1);
  const reportedActual: RfIndicator['reportedActual'] = rep
    ? {
        value: rep.value,
        year: rep.year,
        origin: 'reported',
        sourceText: rep.sourceText,
        isDemo: rep.isDemo,
        statistics: null,
      }
    : null;
  if (!actual) {
    if (reportedActual) {
      actual = reportedActual;
      actualNote = null;
    } else if (!actualNote)
      actualNote = {
        vi: 'Chưa có số liệu thực hiện: chỉ tiêu này chưa liên kết với cơ sở dữ liệu thống kê và chưa có số liệu báo cáo.',
        en: 'No actual yet: this indicator is not linked to the statistics database and no value has been reported.',
      };
  }
  const scope =
    ind.scopeKind === 'region'
      ? (await regionsOn(db, ind.scopeGeoDate)).find((g) => g.code === ind.scopeCode)
      : (await listUnits(db, { level: 'province', at: ind.scopeGeoDate })).find((u) => u.code === ind.scopeCode);
  return {
    id: ind.id,
    planCode,
    code: ind.code,
    statsIndicatorCode: ind.statsIndicatorCode,
    nameVi: ind.nameVi,
    nameEn: ind.nameEn,
    unit: ind.unit,
    unitEn: ind.unitEn,
    scopeKind: ind.scopeKind as 'region' | 'province',
    scopeCode: ind.scopeCode,
    scopeName: scope?.nameVi ?? ind.scopeCode,
    scopeNameEn: scope?.nameEn ?? ind.scopeCode,
    direction: ind.direction as 'increase' | 'decrease',
    phase: ind.phase as RfIndicator['phase'],
    baselineValue: ind.baselineValue,
    baselineYear: ind.baselineYear,
    targets: current.map(toTarget),
    history: typed.map(toTarget),
    actual,
    reportedActual,
    actualNote,
    assessment: assessTarget({
      direction: ind.direction as 'increase' | 'decrease',
      baseline:
        ind.baselineValue !== null && ind.baselineYear !== null
          ? { year: ind.baselineYear, value: ind.baselineValue }
          : null,
      targets: current,
      actual: actual ? { year: actual.year, value: actual.value } : null,
    }),
    sourceDocument: ind.sourceDocument,
    sourceSection: ind.sourceSection,
    sourceDocumentEn: ind.sourceDocumentEn,
    sourceSectionEn: ind.sourceSectionEn,
    isDemo: ind.isDemo,
    version: ind.version,
  };
}

/** The results framework of one plan (not its children): indicators with targets, history, actual and status. */
export async function resultsFramework(db: Db, planId: number): Promise<RfIndicator[]> {
  const [plan] = await db.select({ code: regionalPlans.code }).from(regionalPlans).where(eq(regionalPlans.id, planId));
  const inds = await db
    .select()
    .from(rfIndicators)
    .where(eq(rfIndicators.planId, planId))
    .orderBy(asc(rfIndicators.sortOrder), asc(rfIndicators.id));
  const out: RfIndicator[] = [];
  for (const i of inds) out.push(await toIndicator(db, i, plan.code));
  return out;
}

/** GET /plans/{code}/results-framework: the plan's indicators and those of its implementation plans. Public. */
export async function getResultsFramework(db: Db, code: string): Promise<{ plan: PlanRow; items: RfIndicator[] }> {
  const r = await planRow(db, code);
  const items = await resultsFramework(db, r.id);
  const children = await db.select().from(regionalPlans).where(eq(regionalPlans.parentId, r.id));
  for (const c of children) items.push(...(await resultsFramework(db, c.id)));
  return { plan: r, items };
}

async function indicatorRow(db: Db, id: number) {
  const [ind] = await db.select().from(rfIndicators).where(eq(rfIndicators.id, id));
  if (!ind) throw notFound(`Indicator ${id}`, `chỉ tiêu ${id}`);
  const [plan] = await db
    .select({ code: regionalPlans.code })
    .from(regionalPlans)
    .where(eq(regionalPlans.id, ind.planId));
  return { ind, planCode: plan.code };
}

/** One indicator with its history (for the ETag of a target revision). */
export async function getIndicator(db: Db, id: number): Promise<RfIndicator> {
  const { ind, planCode } = await indicatorRow(db, id);
  return toIndicator(db, ind, planCode);
}

/** POST /plans/{code}/indicators: add an indicator to a plan's results framework. Admin only. */
export async function createIndicator(
  db: Db,
  caller: Caller,
  code: string,
  raw: RfIndicatorInput,
): Promise<RfIndicator> {
  const user = await requireAdmin(db, caller, 'create_indicator', 'plan', code);
  const input = RfIndicatorSchema.parse(raw);
  const plan = await planRow(db, code);
  if (input.scopeKind === 'region') await requireRegion(db, input.scopeCode, plan.regionGeoDate, 'body.scopeCode');
  else {
    const units = await listUnits(db, { level: 'province', at: plan.regionGeoDate });
    if (!units.some((u) => u.code === input.scopeCode))
      throw badRequest(
        'unknown_province',
        'body.scopeCode',
        `No province ${input.scopeCode} on ${plan.regionGeoDate}.`,
        `Không có tỉnh mã ${input.scopeCode} vào ngày ${plan.regionGeoDate}.`,
      );
  }
  if ((input.baselineValue === null) !== (input.baselineYear === null))
    throw invalid([
      {
        path: 'body.baselineYear',
        messageEn: 'A baseline needs both a value and a year.',
        messageVi: 'Giá trị cơ sở cần có cả số liệu và năm.',
      },
    ]);
  const statsCode = optText(input.statsIndicatorCode, normaliseText);
  if (statsCode && !(await loadCatalogue(db)).byCode.has(statsCode))
    throw badRequest(
      'unknown_statistics_indicator',
      'body.statsIndicatorCode',
      `Indicator ${statsCode} is not in the statistics catalogue.`,
      `Không có chỉ tiêu ${statsCode} trong danh mục của cơ sở dữ liệu thống kê.`,
    );
  const seen = new Set<string>();
  input.targets.forEach((t, i) => {
    const k = `${t.kind}|${t.year}`;
    if (seen.has(k))
      throw invalid([
        {
          path: `body.targets.${i}`,
          messageEn: `Two targets of the same kind and year (${t.kind} ${t.year ?? 'no year'}).`,
          messageVi: `Hai mục tiêu cùng loại và cùng năm (${t.year ?? 'không ghi năm'}).`,
        },
      ]);
    seen.add(k);
  });
  let id = 0;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(rfIndicators)
        .values({
          planId: plan.id,
          code: input.code,
          statsIndicatorCode: statsCode,
          nameVi: normaliseText(input.nameVi),
          nameEn: normaliseText(input.nameEn),
          unit: normaliseText(input.unit),
          scopeKind: input.scopeKind,
          scopeCode: input.scopeCode,
          scopeGeoDate: plan.regionGeoDate,
          direction: input.direction,
          phase: input.phase,
          baselineValue: input.baselineValue,
          baselineYear: input.baselineYear,
          sourceDocument: optText(input.sourceDocument, normaliseText),
          sourceSection: optText(input.sourceSection, normaliseText),
          sortOrder: 50,
          createdBy: user.id,
        })
        .returning({ id: rfIndicators.id });
      for (const t of input.targets)
        await tx.insert(rfTargets).values({
          indicatorId: row.id,
          kind: t.kind,
          year: t.year,
          value: t.value,
          revision: 1,
          reason: null,
          sourceDocument: optText(t.sourceDocument, normaliseText) ?? optText(input.sourceDocument, normaliseText),
          createdBy: user.id,
          createdByName: user.displayName,
        });
      await recordAudit(tx as unknown as Db, {
        userId: user.id,
        action: 'indicator_created',
        entity: 'rf_indicator',
        entityId: String(row.id),
        detail: { plan: code, code: input.code },
      });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        'indicator_exists',
        `Plan ${code} already has indicator ${input.code}.`,
        `Kế hoạch ${code} đã có chỉ tiêu ${input.code}.`,
      );
    throw e;
  }
  return getIndicator(db, id);
}

/**
 * POST /plan-indicators/{id}/targets (If-Match on the indicator): a new target, or a revision of the target of the same
 * kind and year. A revision needs a reason; the earlier row is kept as history (the table refuses updates).
 */
export async function addTarget(
  db: Db,
  caller: Caller,
  id: number,
  expectedVersion: number,
  raw: TargetInput,
): Promise<RfIndicator> {
  const user = await requireAdmin(db, caller, 'add_target', 'rf_indicator', String(id));
  const input = TargetSchema.parse(raw);
  await indicatorRow(db, id);
  const reason = optText(input.reason, normaliseText);
  await db.transaction(async (tx) => {
    const bumped = await tx
      .update(rfIndicators)
      .set({ version: sql`${rfIndicators.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(rfIndicators.id, id), eq(rfIndicators.version, expectedVersion)))
      .returning({ id: rfIndicators.id });
    if (bumped.length === 0) throw staleWrite();
    const history = (await tx.select().from(rfTargets).where(eq(rfTargets.indicatorId, id))).map((t) => ({
      ...t,
      kind: t.kind as 'period' | 'end',
    }));
    const next = nextRevision(history, { kind: input.kind, year: input.year, reason });
    if (next.needsReason)
      throw invalid([
        {
          path: 'body.reason',
          messageEn: 'Changing an existing target needs a reason; the old target is kept as history.',
          messageVi: 'Điều chỉnh mục tiêu đã có cần nêu lý do; mục tiêu cũ vẫn được lưu trong lịch sử.',
        },
      ]);
    await tx.insert(rfTargets).values({
      indicatorId: id,
      kind: input.kind,
      year: input.year,
      value: input.value,
      revision: next.revision,
      reason,
      sourceDocument: optText(input.sourceDocument, normaliseText),
      createdBy: user.id,
      createdByName: user.displayName,
    });
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: next.revision > 1 ? 'target_revised' : 'target_added',
      entity: 'rf_indicator',
      entityId: String(id),
      detail: { ...input, revision: next.revision },
    });
  });
  return getIndicator(db, id);
}

/** POST /plan-indicators/{id}/actuals: record a reported actual (value, year, source). Append-only. Admin only. */
export async function addActual(db: Db, caller: Caller, id: number, raw: ActualInput): Promise<RfIndicator> {
  const user = await requireAdmin(db, caller, 'add_actual', 'rf_indicator', String(id));
  const input = ActualSchema.parse(raw);
  await indicatorRow(db, id);
  const thisYear = Number(todayVn().slice(0, 4));
  if (input.year > thisYear)
    throw invalid([
      {
        path: 'body.year',
        messageEn: `An actual cannot be for a future year (${input.year}).`,
        messageVi: `Số liệu thực hiện không thể cho năm tương lai (${input.year}).`,
      },
    ]);
  await db.transaction(async (tx) => {
    await tx.insert(rfActuals).values({
      indicatorId: id,
      year: input.year,
      value: input.value,
      sourceText: normaliseText(input.sourceText),
      createdBy: user.id,
    });
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'actual_reported',
      entity: 'rf_indicator',
      entityId: String(id),
      detail: input,
    });
  });
  return getIndicator(db, id);
}

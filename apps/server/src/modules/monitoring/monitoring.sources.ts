import { REFORM_DATE, VINTAGE_34 } from '@regionlink/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Topology } from 'topojson-specification';
import type { Db } from '../../db/client';
import { organisations } from '../access/access.schema';
import { agreementsInForce } from '../councils/agreements.service';
import { followUpStatsByProvince } from '../councils/follow-ups.service';
import { getBoundaries, listGroupings, listUnits } from '../geo/geo.service';
import { isInterProvincial, mapProvinces } from '../plans/inter-provincial';
import { codesIn, geoContext } from '../plans/plans.geo';
import { listPlans } from '../plans/plans.service';
import { loadProjects } from '../plans/projects.service';
import {
  cycleOrganisations,
  policyTasks,
  reportingCycles,
  submissionEvents,
  submissions,
  submissionTasks,
} from '../reporting/reporting.schema';
import { queryObservations } from '../statistics/query.service';
import { type ProvinceGeometryFacts, provinceGeometryFacts } from './adjacency';
import type { ProjectRecord, ReportingRecord, SubmissionState, TaskRecord } from './components';

/**
 * What the scorecard and the duplicate finder read from the other modules: through their services where they offer
 * one (plans, councils, statistics, geo) and, for reporting, read-only queries of its cycles and submissions (it has
 * no service giving a province's submissions without a signed-in MoF user). Nothing here writes.
 */

/** A timestamp as the calendar day in Viet Nam (UTC+7). */
export function vnDay(ts: string | null): string | null {
  if (!ts) return null;
  const d = new Date(ts.includes('T') ? ts : `${ts.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')}`);
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export interface Province {
  code: string;
  nameVi: string;
  nameEn: string;
  regionCode: string | null;
}

/** The 34 provinces of 2025 with their region. */
export async function provinces2025(db: Db): Promise<Province[]> {
  const [units, regions] = await Promise.all([
    listUnits(db, { level: 'province', at: REFORM_DATE }),
    listGroupings(db, { type: 'region', at: REFORM_DATE }),
  ]);
  const regionOf = new Map<string, string>();
  for (const g of regions) for (const c of g.memberCodes) regionOf.set(c, g.code);
  return units.map((u) => ({
    code: u.code,
    nameVi: u.nameVi,
    nameEn: u.nameEn,
    regionCode: regionOf.get(u.code) ?? null,
  }));
}

/** Reporting records of every province for the cycles of `year` it had to report in, and its task statuses. */
export async function reportingRecords(db: Db, year: number) {
  const expected = await db
    .select({
      cycleId: reportingCycles.id,
      cycleNameVi: reportingCycles.nameVi,
      deadline: reportingCycles.deadline,
      orgId: organisations.id,
      provinceCode: organisations.provinceCode,
    })
    .from(cycleOrganisations)
    .innerJoin(reportingCycles, eq(reportingCycles.id, cycleOrganisations.cycleId))
    .innerJoin(organisations, eq(organisations.id, cycleOrganisations.organisationId))
    .where(and(eq(reportingCycles.year, year), eq(organisations.kind, 'province')));
  const cycleIds = [...new Set(expected.map((e) => e.cycleId))];
  const subs = cycleIds.length ? await db.select().from(submissions).where(inArray(submissions.cycleId, cycleIds)) : [];
  const subIds = subs.map((s) => s.id);
  const [events, tasks] = subIds.length
    ? await Promise.all([
        db
          .select({ submissionId: submissionEvents.submissionId, action: submissionEvents.action })
          .from(submissionEvents)
          .where(and(inArray(submissionEvents.submissionId, subIds), eq(submissionEvents.action, 'returned'))),
        db
          .select({
            submissionId: submissionTasks.submissionId,
            taskId: submissionTasks.taskId,
            status: submissionTasks.status,
          })
          .from(submissionTasks)
          .where(inArray(submissionTasks.submissionId, subIds)),
      ])
    : [[], []];
  const returns = new Map<number, number>();
  for (const e of events) returns.set(e.submissionId, (returns.get(e.submissionId) ?? 0) + 1);
  const subOf = new Map(subs.map((s) => [`${s.cycleId}|${s.organisationId}`, s]));
  const reporting = new Map<string, ReportingRecord[]>();
  const taskRecs = new Map<string, (TaskRecord & { submissionId: number })[]>();
  const taskCodes = await taskCodeMap(db, [...new Set(tasks.map((t) => t.taskId))]);
  const tasksBySub = new Map<number, typeof tasks>();
  for (const t of tasks) tasksBySub.set(t.submissionId, [...(tasksBySub.get(t.submissionId) ?? []), t]);
  for (const e of expected) {
    if (!e.provinceCode) continue;
    const s = subOf.get(`${e.cycleId}|${e.orgId}`);
    const state = (s?.state ?? 'none') as SubmissionState;
    const rec: ReportingRecord = {
      cycleId: e.cycleId,
      cycleNameVi: e.cycleNameVi,
      deadline: e.deadline,
      submissionId: s?.id ?? null,
      state,
      firstSubmittedOn: s ? (vnDay(s.firstSubmittedAt) ?? s.receivedOn ?? vnDay(s.submittedAt)) : null,
      returns: s ? (returns.get(s.id) ?? 0) : 0,
    };
    reporting.set(e.provinceCode, [...(reporting.get(e.provinceCode) ?? []), rec]);
    if (s && state !== 'draft' && state !== 'none')
      for (const t of tasksBySub.get(s.id) ?? [])
        taskRecs.set(e.provinceCode, [
          ...(taskRecs.get(e.provinceCode) ?? []),
          { submissionId: s.id, taskCode: taskCodes.get(t.taskId) ?? String(t.taskId), status: t.status },
        ]);
  }
  return { reporting, tasks: taskRecs };
}

async function taskCodeMap(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: policyTasks.id, code: policyTasks.code })
    .from(policyTasks)
    .where(inArray(policyTasks.id, ids));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export type ProjectRecordFull = ProjectRecord & { nameVi: string; isDemo: boolean };

/** Each province's inter-provincial projects (today's geography) with its share and the year's money. */
export async function projectRecords(db: Db, year: number): Promise<Map<string, ProjectRecordFull[]>> {
  const [geo, projects] = await Promise.all([geoContext(db), loadProjects(db)]);
  const out = new Map<string, ProjectRecordFull[]>();
  for (const p of projects) {
    const entries = p.provinces.flatMap((pr) =>
      codesIn(geo, pr.unitCode, pr.vintage, VINTAGE_34).map((code) => ({
        code,
        role: pr.role as 'located' | 'affected',
        costShare: pr.costShare,
      })),
    );
    const mapped = mapProvinces(entries, new Map());
    if (!isInterProvincial(mapped)) continue;
    const located = mapped.filter((m) => m.role === 'located');
    const sharesKnown = located.length > 0 && located.every((m) => m.costShare !== null && m.costShare !== undefined);
    const lines = p.lines.filter((l) => l.year === year);
    const sum = (k: 'allocated' | 'disbursed') =>
      lines.some((l) => l[k] !== null) ? lines.reduce((s, l) => s + (l[k] ?? 0), 0) : null;
    for (const m of mapped) {
      const share = sharesKnown ? (m.costShare ?? 0) / 100 : m.role === 'located' ? 1 / located.length : 0;
      const rec: ProjectRecordFull = {
        projectCode: p.row.code,
        nameVi: p.row.nameVi,
        role: m.role as 'located' | 'affected',
        share,
        allocated: sum('allocated'),
        disbursed: sum('disbursed'),
        isDemo: lines.some((l) => l.isDemo),
      };
      out.set(m.code, [...(out.get(m.code) ?? []), rec]);
    }
  }
  return out;
}

/**
 * Today's provinces covered by a plan whose projects are in the registry (those formed from a province of the plan's
 * region): only there can the registry say that a province takes part in no inter-provincial project.
 */
export async function provincesWithPlan(db: Db): Promise<Set<string>> {
  const [geo, plans] = await Promise.all([geoContext(db), listPlans(db)]);
  const out = new Set<string>();
  for (const p of plans.filter((x) => x.projectCount > 0))
    for (const r of p.todayRegions)
      for (const f of r.formerProvinces) for (const c of geo.to34.get(f.code) ?? [f.code]) out.add(c);
  return out;
}

/**
 * The years the scorecard has data for, newest first, up to `today`'s year: a reporting cycle of the year, money
 * allocated or disbursed on a project in the year, council follow-ups due in the year, or a published edition.
 * Outcome statistics alone do not make a year (they go back decades, before any linkage was monitored).
 */
export async function scorecardYears(db: Db, today: string): Promise<number[]> {
  const res = (await db.execute(sql`
    select y from (
      select year as y from reporting_cycles
      union select year from funding_lines where allocated is not null or disbursed is not null
      union select cast(extract(year from due_on) as integer) from council_follow_ups
      union select year from monitoring_scorecard_editions
    ) t where y <= ${Number(today.slice(0, 4))} order by y desc`)) as unknown as { rows: { y: number | string }[] };
  return res.rows.map((r) => Number(r.y));
}

/** Council follow-ups per province (today's code) due in the year, counted on 31 December (or today if earlier). */
export async function followUps(db: Db, year: number, today: string) {
  const end = `${year}-12-31`;
  const rows = await followUpStatsByProvince(db, year, end < today ? end : today);
  return new Map(rows.map((r) => [r.provinceCode, r]));
}

/** Agreements in force on 31 December of the year, per party province (today's code). */
export async function agreementsByProvince(db: Db, year: number) {
  const items = await agreementsInForce(db, `${year}-12-31`);
  const out = new Map<string, { id: number; titleVi: string; signedOn: string; isDemo: boolean }[]>();
  for (const a of items)
    for (const code of new Set(a.parties.map((p) => p.todayCode)))
      out.set(code, [
        ...(out.get(code) ?? []),
        { id: a.id, titleVi: a.titleVi, signedOn: a.signedOn, isDemo: a.isDemo },
      ]);
  return out;
}

/** One outcome indicator per province for the year, in the 2025 geography, through the statistics query engine. */
export async function outcomeValues(db: Db, indicator: string, year: number) {
  const out = new Map<string, { value: number | null; method: string }>();
  try {
    const res = await queryObservations(db, {
      indicators: [indicator],
      level: 'province',
      at: REFORM_DATE,
      period: year,
    });
    for (const r of res.rows) out.set(r.unitCode, { value: r.value, method: r.method.textVi });
  } catch {
    // No data for the year: the component is missing for every province.
  }
  return out;
}

const factsCache = new Map<string, ProvinceGeometryFacts>();

/** Neighbours and centres of the provinces from the boundaries in force on `at` (cached per boundary version). */
export async function geometryFacts(db: Db, at: string): Promise<ProvinceGeometryFacts> {
  const layer = await getBoundaries(db, at, 'topojson');
  const hit = factsCache.get(layer.etag);
  if (hit) return hit;
  const facts = provinceGeometryFacts(JSON.parse(layer.body) as Topology);
  factsCache.set(layer.etag, facts);
  return facts;
}

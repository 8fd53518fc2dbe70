import { and, asc, eq, inArray } from 'drizzle-orm';
import type {
  CycleStatus,
  ExpectedOrganisation,
  FigureDef,
  Organisation,
  OutlineTask,
  SubmissionState,
  TaskSection,
  TaskStatus,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { compareTaskCodes } from './documents.service';
import type { CycleFacts, SubmissionFacts } from './policy';
import { groupOf } from './reporting.context';
import {
  cycleOrganisations,
  cycleTasks,
  policyDocuments,
  policyTasks,
  reportingCycles,
  submissions,
  taskAssignments,
} from './reporting.schema';

/** Low-level reads shared by the reporting services. No permission checks here: callers decide what to show. */

export type CycleRow = typeof reportingCycles.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;

export async function loadCycleRow(db: Db, id: number): Promise<(CycleRow & { policyCode: string }) | null> {
  const [r] = await db
    .select({ c: reportingCycles, policyCode: policyDocuments.code })
    .from(reportingCycles)
    .innerJoin(policyDocuments, eq(policyDocuments.id, reportingCycles.documentId))
    .where(eq(reportingCycles.id, id));
  return r ? { ...r.c, policyCode: r.policyCode } : null;
}

export const cycleFactsOf = (c: CycleRow): CycleFacts => ({
  status: c.status as CycleStatus,
  published: c.publishedAt !== null,
});

export function submissionFactsOf(s: SubmissionRow, c: CycleRow, org: Organisation | undefined): SubmissionFacts {
  return {
    organisationId: s.organisationId,
    organisationKind: org?.kind ?? 'other',
    regionCode: org?.regionCode ?? null,
    state: s.state as SubmissionState,
    cycleStatus: c.status as CycleStatus,
    cyclePublished: c.publishedAt !== null,
  };
}

/** The outline of a cycle in the report's order. */
export async function loadOutline(
  db: Db,
  cycleId: number,
): Promise<(OutlineTask & { assessmentHtml: string | null })[]> {
  const rows = await db
    .select({ ct: cycleTasks, t: policyTasks })
    .from(cycleTasks)
    .innerJoin(policyTasks, eq(policyTasks.id, cycleTasks.taskId))
    .where(eq(cycleTasks.cycleId, cycleId));
  return rows
    .map(({ ct, t }) => ({
      taskId: t.id,
      code: t.code,
      section: t.section as TaskSection,
      groupCode: t.groupCode,
      groupTitleVi: t.groupTitleVi,
      groupTitleEn: t.groupTitleEn,
      titleVi: t.titleVi,
      shortTitleVi: t.shortTitleVi,
      titleEn: t.titleEn,
      sortOrder: ct.sortOrder,
      figures: ct.figures as FigureDef[],
      assessmentStatus: (ct.assessmentStatus as TaskStatus | null) ?? null,
      assessmentNote: ct.assessmentNote,
      assessmentHtml: ct.assessmentHtml,
    }))
    .sort((a, b) => a.sortOrder - b.sortOrder || compareTaskCodes(a.code, b.code));
}

/** Assignments (organisation → task ids with role) restricted to the given tasks. */
export async function loadAssignments(db: Db, taskIds: number[]) {
  if (taskIds.length === 0) return new Map<number, Map<number, 'lead' | 'cooperating'>>();
  const rows = await db.select().from(taskAssignments).where(inArray(taskAssignments.taskId, taskIds));
  const byOrg = new Map<number, Map<number, 'lead' | 'cooperating'>>();
  for (const r of rows) {
    const m = byOrg.get(r.organisationId) ?? new Map();
    m.set(r.taskId, r.role as 'lead' | 'cooperating');
    byOrg.set(r.organisationId, m);
  }
  return byOrg;
}

/** The expected reporters of a cycle, ministries in official order then localities alphabetically, with their tasks. */
export async function loadExpected(
  db: Db,
  cycleId: number,
  outline: OutlineTask[],
  orgs: Map<number, Organisation>,
): Promise<ExpectedOrganisation[]> {
  const rows = await db.select().from(cycleOrganisations).where(eq(cycleOrganisations.cycleId, cycleId));
  const assigns = await loadAssignments(
    db,
    outline.map((t) => t.taskId),
  );
  const order = [...orgs.keys()];
  return rows
    .map((r) => orgs.get(r.organisationId))
    .filter((o): o is Organisation => !!o)
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
    .map((o) => {
      const mine = assigns.get(o.id);
      return {
        organisationId: o.id,
        code: o.code,
        nameVi: o.nameVi,
        nameEn: o.nameEn,
        group: groupOf(o),
        provinceCode: o.provinceCode,
        regionCode: o.regionCode,
        taskCodes: outline.filter((t) => mine?.has(t.taskId)).map((t) => t.code),
      };
    });
}

/** Submissions of a cycle, or given ids. */
export async function loadSubmissionRows(
  db: Db,
  where: { cycleId?: number; ids?: number[] },
): Promise<SubmissionRow[]> {
  if (where.ids && where.ids.length === 0) return [];
  return db
    .select()
    .from(submissions)
    .where(
      and(
        where.cycleId !== undefined ? eq(submissions.cycleId, where.cycleId) : undefined,
        where.ids ? inArray(submissions.id, where.ids) : undefined,
      ),
    )
    .orderBy(asc(submissions.id));
}

/** All cycles with their policy code, newest year first. */
export async function loadCycleRows(db: Db): Promise<(CycleRow & { policyCode: string })[]> {
  const rows = await db
    .select({ c: reportingCycles, policyCode: policyDocuments.code })
    .from(reportingCycles)
    .innerJoin(policyDocuments, eq(policyDocuments.id, reportingCycles.documentId));
  return rows.map((r) => ({ ...r.c, policyCode: r.policyCode })).sort((a, b) => b.year - a.year || b.id - a.id);
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  type AssignmentRole,
  type AssignmentsInput,
  normaliseText,
  type PolicyDocument,
  type PolicyDocumentDetail,
  type PolicyDocumentInput,
  type PolicyTask,
  type PolicyTaskInput,
  type TaskSection,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit, type SessionUser } from '../access/access.service';
import { actorOf, organisationsById, requireAdmin } from './reporting.context';
import { policyDocuments, policyTasks, taskAssignments } from './reporting.schema';

/**
 * Policy documents and their tasks with the organisations assigned to each. The texts of a government resolution
 * are public, so reads need no sign-in; only MoF administrators change them, with If-Match on every edit.
 */

const docNotFound = () => new AppError(404, 'not_found', 'Policy document not found.', 'Không tìm thấy văn bản.');
const taskNotFound = () => new AppError(404, 'not_found', 'Task not found.', 'Không tìm thấy nhiệm vụ.');

const nt = (s: string | null | undefined) => (s === null || s === undefined ? null : normaliseText(s) || null);

type DocRow = typeof policyDocuments.$inferSelect;
const toDoc = (d: DocRow, taskCount: number): PolicyDocument => ({
  id: d.id,
  code: d.code,
  titleVi: d.titleVi,
  titleEn: d.titleEn,
  issuerVi: d.issuerVi,
  issuerEn: d.issuerEn,
  issuedOn: d.issuedOn,
  summaryVi: d.summaryVi,
  summaryEn: d.summaryEn,
  source: d.source,
  sourceEn: d.sourceEn,
  version: d.version,
  taskCount,
});

/** Compare task codes in the report's order: 1.1.a < 1.1.đ < 1.1.e, 1.2.a.2 < 1.2.a.10. */
export function compareTaskCodes(a: string, b: string): number {
  const order = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return order.indexOf(x) - order.indexOf(y) || x.localeCompare(y);
  }
  return 0;
}

/** Every policy document with its number of tasks. */
export async function listPolicyDocuments(db: Db): Promise<PolicyDocument[]> {
  const docs = await db.select().from(policyDocuments).orderBy(asc(policyDocuments.issuedOn));
  const counts = await db
    .select({ documentId: policyTasks.documentId, n: sql<number>`count(*)::int` })
    .from(policyTasks)
    .groupBy(policyTasks.documentId);
  const byDoc = new Map(counts.map((c) => [c.documentId, Number(c.n)]));
  return docs.map((d) => toDoc(d, byDoc.get(d.id) ?? 0));
}

/** The tasks of a document (or the given task ids) with their assignments, in the report's order. */
export async function loadTasks(db: Db, where: { documentId?: number; taskIds?: number[] }): Promise<PolicyTask[]> {
  if (where.taskIds && where.taskIds.length === 0) return [];
  const rows = await db
    .select()
    .from(policyTasks)
    .where(
      and(
        where.documentId !== undefined ? eq(policyTasks.documentId, where.documentId) : undefined,
        where.taskIds ? inArray(policyTasks.id, where.taskIds) : undefined,
      ),
    );
  const ids = rows.map((r) => r.id);
  const assigns = ids.length ? await db.select().from(taskAssignments).where(inArray(taskAssignments.taskId, ids)) : [];
  const orgs = await organisationsById(db);
  const byTask = new Map<number, PolicyTask['assignments']>();
  for (const a of assigns) {
    const o = orgs.get(a.organisationId);
    if (!o) continue;
    const list = byTask.get(a.taskId) ?? [];
    list.push({
      organisationId: o.id,
      organisationCode: o.code,
      organisationNameVi: o.nameVi,
      organisationNameEn: o.nameEn,
      role: a.role as AssignmentRole,
    });
    byTask.set(a.taskId, list);
  }
  const orgOrder = [...orgs.keys()];
  return rows
    .map((t) => ({
      id: t.id,
      documentId: t.documentId,
      code: t.code,
      section: t.section as TaskSection,
      groupCode: t.groupCode,
      groupTitleVi: t.groupTitleVi,
      groupTitleEn: t.groupTitleEn,
      titleVi: t.titleVi,
      shortTitleVi: t.shortTitleVi,
      titleEn: t.titleEn,
      leadAsReported: t.leadAsReported,
      deadlineNote: t.deadlineNote,
      deadlineNoteEn: t.deadlineNoteEn,
      recurring: t.recurring,
      note: t.note,
      noteEn: t.noteEn,
      sortOrder: t.sortOrder,
      version: t.version,
      assignments: (byTask.get(t.id) ?? []).sort(
        (a, b) =>
          (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) ||
          orgOrder.indexOf(a.organisationId) - orgOrder.indexOf(b.organisationId),
      ),
    }))
    .sort((a, b) => a.sortOrder - b.sortOrder || compareTaskCodes(a.code, b.code));
}

/** One policy document with its tasks and assignments. */
export async function getPolicyDocument(db: Db, id: number): Promise<PolicyDocumentDetail> {
  const [d] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, id));
  if (!d) throw docNotFound();
  const tasks = await loadTasks(db, { documentId: id });
  return { ...toDoc(d, tasks.length), tasks };
}

function docValues(input: PolicyDocumentInput) {
  return {
    code: normaliseText(input.code),
    titleVi: normaliseText(input.titleVi),
    titleEn: normaliseText(input.titleEn),
    issuerVi: normaliseText(input.issuerVi),
    issuedOn: input.issuedOn,
    summaryVi: nt(input.summaryVi),
    ...(input.issuerEn !== undefined && { issuerEn: normaliseText(input.issuerEn ?? '') }),
    ...(input.summaryEn !== undefined && { summaryEn: nt(input.summaryEn) }),
  };
}

const duplicate = (what: string, whatVi: string, path: string) =>
  new AppError(409, 'duplicate', `${what} already exists.`, `${whatVi} đã tồn tại.`, [
    { path, message: `${what} already exists.`, messageVi: `${whatVi} đã tồn tại.` },
  ]);

/** Create a policy document (admin). */
export async function createPolicyDocument(db: Db, user: SessionUser | null, input: PolicyDocumentInput) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'policy_document', id: 'new', action: 'create' });
  const values = docValues(input);
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: policyDocuments.id })
      .from(policyDocuments)
      .where(eq(policyDocuments.code, values.code));
    if (clash) throw duplicate('A document with this number', 'Văn bản có số hiệu này', 'body.code');
    const [d] = await tx.insert(policyDocuments).values(values).returning();
    await recordAudit(tx, {
      userId: actor.userId,
      action: 'policy_document_created',
      entity: 'policy_document',
      entityId: String(d.id),
    });
    return toDoc(d, 0);
  });
}

/** Edit a policy document (admin, If-Match). */
export async function updatePolicyDocument(
  db: Db,
  user: SessionUser | null,
  id: number,
  version: number,
  input: PolicyDocumentInput,
) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'policy_document', id, action: 'update' });
  return db.transaction(async (tx) => {
    const [d] = await tx
      .update(policyDocuments)
      .set({ ...docValues(input), version: sql`${policyDocuments.version} + 1` })
      .where(and(eq(policyDocuments.id, id), eq(policyDocuments.version, version)))
      .returning();
    if (!d) {
      const [exists] = await tx
        .select({ id: policyDocuments.id })
        .from(policyDocuments)
        .where(eq(policyDocuments.id, id));
      throw exists ? staleWrite() : docNotFound();
    }
    await recordAudit(tx, {
      userId: actor.userId,
      action: 'policy_document_updated',
      entity: 'policy_document',
      entityId: String(id),
    });
    return getPolicyDocument(tx, id);
  });
}

function taskValues(input: PolicyTaskInput) {
  return {
    code: normaliseText(input.code),
    section: input.section,
    groupCode: nt(input.groupCode),
    groupTitleVi: nt(input.groupTitleVi),
    titleVi: normaliseText(input.titleVi),
    shortTitleVi: normaliseText(input.shortTitleVi),
    titleEn: normaliseText(input.titleEn),
    leadAsReported: nt(input.leadAsReported),
    deadlineNote: nt(input.deadlineNote),
    recurring: input.recurring,
    note: nt(input.note),
    sortOrder: input.sortOrder,
    ...(input.groupTitleEn !== undefined && { groupTitleEn: nt(input.groupTitleEn) }),
    ...(input.deadlineNoteEn !== undefined && { deadlineNoteEn: nt(input.deadlineNoteEn) }),
    ...(input.noteEn !== undefined && { noteEn: nt(input.noteEn) }),
  };
}

/** Add a task to a document (admin). */
export async function createPolicyTask(db: Db, user: SessionUser | null, documentId: number, input: PolicyTaskInput) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'policy_document', id: documentId, action: 'create_task' });
  const values = taskValues(input);
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select({ id: policyDocuments.id })
      .from(policyDocuments)
      .where(eq(policyDocuments.id, documentId));
    if (!d) throw docNotFound();
    const [clash] = await tx
      .select({ id: policyTasks.id })
      .from(policyTasks)
      .where(and(eq(policyTasks.documentId, documentId), eq(policyTasks.code, values.code)));
    if (clash) throw duplicate('A task with this code', 'Nhiệm vụ có mã này', 'body.code');
    const [t] = await tx
      .insert(policyTasks)
      .values({ ...values, documentId })
      .returning();
    await recordAudit(tx, {
      userId: actor.userId,
      action: 'policy_task_created',
      entity: 'policy_task',
      entityId: String(t.id),
    });
    return (await loadTasks(tx, { taskIds: [t.id] }))[0];
  });
}

/** Edit a task (admin, If-Match). */
export async function updatePolicyTask(
  db: Db,
  user: SessionUser | null,
  taskId: number,
  version: number,
  input: PolicyTaskInput,
) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'policy_task', id: taskId, action: 'update' });
  const values = taskValues(input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(policyTasks).where(eq(policyTasks.id, taskId));
    if (!current) throw taskNotFound();
    if (current.code !== values.code) {
      const [clash] = await tx
        .select({ id: policyTasks.id })
        .from(policyTasks)
        .where(and(eq(policyTasks.documentId, current.documentId), eq(policyTasks.code, values.code)));
      if (clash) throw duplicate('A task with this code', 'Nhiệm vụ có mã này', 'body.code');
    }
    const [t] = await tx
      .update(policyTasks)
      .set({ ...values, version: sql`${policyTasks.version} + 1` })
      .where(and(eq(policyTasks.id, taskId), eq(policyTasks.version, version)))
      .returning();
    if (!t) throw staleWrite();
    await recordAudit(tx, {
      userId: actor.userId,
      action: 'policy_task_updated',
      entity: 'policy_task',
      entityId: String(taskId),
    });
    return (await loadTasks(tx, { taskIds: [taskId] }))[0];
  });
}

/** Replace the organisations assigned to a task (admin, If-Match on the task). Unknown organisations are refused. */
export async function setTaskAssignments(
  db: Db,
  user: SessionUser | null,
  taskId: number,
  version: number,
  input: AssignmentsInput,
) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'policy_task', id: taskId, action: 'assign' });
  const orgs = await organisationsById(db);
  const seen = new Set<number>();
  input.assignments.forEach((a, i) => {
    if (!orgs.has(a.organisationId))
      throw new AppError(
        400,
        'unknown_organisation',
        `Unknown organisation ${a.organisationId}.`,
        `Không có cơ quan mã số ${a.organisationId}.`,
        [
          {
            path: `body.assignments.${i}.organisationId`,
            message: 'Unknown organisation.',
            messageVi: 'Cơ quan không tồn tại.',
          },
        ],
      );
    if (seen.has(a.organisationId))
      throw new AppError(
        400,
        'duplicate_assignment',
        'An organisation is listed twice.',
        'Một cơ quan được giao hai lần.',
        [{ path: `body.assignments.${i}.organisationId`, message: 'Listed twice.', messageVi: 'Bị lặp.' }],
      );
    seen.add(a.organisationId);
  });
  return db.transaction(async (tx) => {
    const [t] = await tx
      .update(policyTasks)
      .set({ version: sql`${policyTasks.version} + 1` })
      .where(and(eq(policyTasks.id, taskId), eq(policyTasks.version, version)))
      .returning();
    if (!t) {
      const [exists] = await tx.select({ id: policyTasks.id }).from(policyTasks).where(eq(policyTasks.id, taskId));
      throw exists ? staleWrite() : taskNotFound();
    }
    await tx.delete(taskAssignments).where(eq(taskAssignments.taskId, taskId));
    if (input.assignments.length)
      await tx
        .insert(taskAssignments)
        .values(input.assignments.map((a) => ({ taskId, organisationId: a.organisationId, role: a.role })));
    await recordAudit(tx, {
      userId: actor.userId,
      action: 'policy_task_assigned',
      entity: 'policy_task',
      entityId: String(taskId),
      detail: { count: input.assignments.length },
    });
    return (await loadTasks(tx, { taskIds: [taskId] }))[0];
  });
}

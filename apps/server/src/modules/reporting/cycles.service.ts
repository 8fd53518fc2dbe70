import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import {
  type CycleDetail,
  type CycleInput,
  type CycleSummary,
  type CycleTransition,
  type Flag,
  formatDateVi,
  type GeneralSection,
  type MatrixResponse,
  normaliseText,
  type Organisation,
  type OutlineTask,
  type ProgressResponse,
  REFORM_DATE,
  SUBMISSION_STATE_LABELS,
  type SubmissionState,
  TASK_STATUS_LABELS,
  type TaskEntriesResponse,
  type TaskHistoryResponse,
  type TaskStatus,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { toCsv } from '../../lib/http';
import { recordAudit, type SessionUser } from '../access/access.service';
import { listGroupings } from '../geo/geo.service';
import { compareTaskCodes } from './documents.service';
import { notify } from './notifications.service';
import { narrativeToText, type ParsedNarrative, parseNarrative } from './narrative';
import { type Actor, canRead, canSeeCycle, decideCycle } from './policy';
import { computeProgress } from './progress';
import {
  actorOf,
  cycleNotFound,
  enforce,
  groupOf,
  organisationsById,
  REPORTING_OWNER_CODE,
  requireAdmin,
  today,
} from './reporting.context';
import {
  type CycleRow,
  cycleFactsOf,
  loadCycleRow,
  loadCycleRows,
  loadExpected,
  loadOutline,
  loadSubmissionRows,
  type SubmissionRow,
  submissionFactsOf,
} from './reporting.queries';
import {
  cycleOrganisations,
  cycleTasks,
  policyDocuments,
  policyTasks,
  reportingCycles,
  submissions,
  submissionTasks,
} from './reporting.schema';
import { loadTaskExtras } from './submissions.service';

/**
 * Reporting cycles: create and open them (admin), what each caller sees of them, and the cycle-level views —
 * progress, the task × organisation matrix, one task across organisations, a task across cycles, and the source
 * data of the national report. Every aggregate is computed at request time under the caller's scope: it contains
 * only what the caller could read submission by submission.
 */

type CycleWithPolicy = CycleRow & { policyCode: string };

const seesResults = (actor: Actor, c: CycleRow) => actor.role === 'admin' || c.publishedAt !== null;

async function previousSubmissionId(db: Db, c: CycleRow, organisationId: number): Promise<number | null> {
  const rows = await db
    .select({ id: submissions.id, year: reportingCycles.year })
    .from(submissions)
    .innerJoin(reportingCycles, eq(reportingCycles.id, submissions.cycleId))
    .where(
      and(
        eq(submissions.organisationId, organisationId),
        eq(reportingCycles.documentId, c.documentId),
        lt(reportingCycles.year, c.year),
      ),
    );
  rows.sort((a, b) => b.year - a.year || b.id - a.id);
  return rows[0]?.id ?? null;
}

async function summaryOf(
  db: Db,
  actor: Actor,
  c: CycleWithPolicy,
  expectedCount: number,
  orgsIn?: Map<number, Organisation>,
): Promise<CycleSummary> {
  let mine: CycleSummary['mine'] = null;
  if (actor.role === 'reporter' && actor.organisationId !== null) {
    const [exp] = await db
      .select()
      .from(cycleOrganisations)
      .where(and(eq(cycleOrganisations.cycleId, c.id), eq(cycleOrganisations.organisationId, actor.organisationId)));
    const [sub] = await db
      .select({ id: submissions.id, state: submissions.state })
      .from(submissions)
      .where(and(eq(submissions.cycleId, c.id), eq(submissions.organisationId, actor.organisationId)));
    const outline = exp ? await loadOutline(db, c.id) : [];
    const taskCodes = exp
      ? ((await loadExpected(db, c.id, outline, await organisationsById(db))).find(
          (e) => e.organisationId === actor.organisationId,
        )?.taskCodes ?? [])
      : [];
    mine = {
      expected: !!exp,
      submissionId: sub?.id ?? null,
      state: (sub?.state as SubmissionState | undefined) ?? null,
      taskCodes,
      previousSubmissionId: exp ? await previousSubmissionId(db, c, actor.organisationId) : null,
    };
  }
  return {
    id: c.id,
    documentId: c.documentId,
    policyCode: c.policyCode,
    year: c.year,
    name: c.nameVi,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    requestNumber: c.requestNumber,
    requestDate: c.requestDate,
    deadline: c.deadline,
    cutoff: c.cutoff,
    status: c.status as CycleSummary['status'],
    publishedAt: c.publishedAt,
    publicationRef: c.publicationRef,
    demo: c.demo,
    expectedCount,
    version: c.version,
    mine,
  };
}

/** The cycles the caller may see: all for MoF, every cycle except MoF's unopened drafts for everyone else. */
export async function listCycles(db: Db, user: SessionUser | null): Promise<CycleSummary[]> {
  const actor = actorOf(user);
  const rows = (await loadCycleRows(db)).filter((c) => canSeeCycle(actor, cycleFactsOf(c)));
  const counts = await db
    .select({ cycleId: cycleOrganisations.cycleId, n: sql<number>`count(*)::int` })
    .from(cycleOrganisations)
    .groupBy(cycleOrganisations.cycleId);
  const byCycle = new Map(counts.map((r) => [r.cycleId, Number(r.n)]));
  const orgs = await organisationsById(db);
  const out: CycleSummary[] = [];
  for (const c of rows) out.push(await summaryOf(db, actor, c, byCycle.get(c.id) ?? 0, orgs));
  return out;
}

async function visibleCycle(db: Db, actor: Actor, id: number, action: string): Promise<CycleWithPolicy> {
  const c = await loadCycleRow(db, id);
  if (!c) throw cycleNotFound();
  if (!canSeeCycle(actor, cycleFactsOf(c)))
    await enforce(db, actor, { outcome: 'not_found' }, { entity: 'cycle', id, action }, cycleNotFound);
  return c;
}

/** One cycle with its outline and expected reporters. MoF's assessments are shown to MoF, and to all once published. */
export async function getCycle(db: Db, user: SessionUser | null, id: number): Promise<CycleDetail> {
  const actor = actorOf(user);
  const c = await visibleCycle(db, actor, id, 'read');
  const orgs = await organisationsById(db);
  const outline = await loadOutline(db, id);
  const expected = await loadExpected(db, id, outline, orgs);
  const showAssessment = seesResults(actor, c);
  return {
    ...(await summaryOf(db, actor, c, expected.length)),
    noteVi: c.noteVi,
    source: c.source,
    flags: c.flags as Flag[],
    sections: c.sections as GeneralSection[],
    tasks: outline.map(({ assessmentHtml: _h, ...t }) => ({
      ...t,
      assessmentStatus: showAssessment ? t.assessmentStatus : null,
      assessmentNote: showAssessment ? t.assessmentNote : null,
    })),
    expected,
  };
}

const fieldError = (path: string, en: string, vi: string) =>
  new AppError(400, 'validation_failed', en, vi, [{ path, message: en, messageVi: vi }]);

/** Validate a cycle's dates, tasks and organisations against the database; throws 400 naming the field. */
async function validateCycleInput(db: Db, input: CycleInput) {
  const [doc] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, input.documentId));
  if (!doc) throw fieldError('body.documentId', 'Unknown policy document.', 'Văn bản không tồn tại.');
  if (input.requestDate && input.deadline && input.deadline < input.requestDate)
    throw fieldError('body.deadline', 'The deadline is before the request date.', 'Hạn báo cáo sớm hơn ngày đề nghị.');
  if (input.deadline && input.cutoff && input.cutoff < input.deadline)
    throw fieldError(
      'body.cutoff',
      'The cut-off date is before the deadline.',
      'Ngày chốt tổng hợp sớm hơn hạn báo cáo.',
    );
  if (input.requestDate && input.cutoff && input.cutoff < input.requestDate)
    throw fieldError(
      'body.cutoff',
      'The cut-off date is before the request date.',
      'Ngày chốt tổng hợp sớm hơn ngày đề nghị.',
    );
  const taskIds = input.tasks.map((t) => t.taskId);
  if (new Set(taskIds).size !== taskIds.length)
    throw fieldError('body.tasks', 'A task is listed twice.', 'Một nhiệm vụ bị liệt kê hai lần.');
  const known = taskIds.length
    ? await db
        .select({ id: policyTasks.id })
        .from(policyTasks)
        .where(and(eq(policyTasks.documentId, input.documentId), inArray(policyTasks.id, taskIds)))
    : [];
  const knownIds = new Set(known.map((k) => k.id));
  input.tasks.forEach((t, i) => {
    if (!knownIds.has(t.taskId))
      throw fieldError(
        `body.tasks.${i}.taskId`,
        'Not a task of this document.',
        'Không phải nhiệm vụ của văn bản này.',
      );
    const seen = new Set<string>();
    t.figures.forEach((f, j) => {
      if (seen.has(f.key))
        throw fieldError(
          `body.tasks.${i}.figures.${j}.key`,
          `The figure code "${f.key}" is used twice in this task.`,
          `Mã số liệu "${f.key}" bị dùng hai lần trong nhiệm vụ này.`,
        );
      seen.add(f.key);
    });
  });
  const orgs = await organisationsById(db);
  const orgIds = input.expectedOrganisationIds;
  if (new Set(orgIds).size !== orgIds.length)
    throw fieldError(
      'body.expectedOrganisationIds',
      'An organisation is listed twice.',
      'Một cơ quan bị liệt kê hai lần.',
    );
  orgIds.forEach((o, i) => {
    const org = orgs.get(o);
    if (!org || org.kind === 'council')
      throw fieldError(
        `body.expectedOrganisationIds.${i}`,
        'Not an organisation that reports (ministry, agency or provincial People’s Committee).',
        'Không phải cơ quan báo cáo (bộ, ngành hoặc UBND tỉnh).',
      );
  });
  const keys = input.sections.map((s) => s.key);
  if (new Set(keys).size !== keys.length)
    throw fieldError('body.sections', 'Section keys must be unique.', 'Mã phần báo cáo phải khác nhau.');
}

function cycleValues(input: CycleInput) {
  const nt = (s: string | null) => (s === null ? null : normaliseText(s) || null);
  return {
    documentId: input.documentId,
    year: input.year,
    nameVi: normaliseText(input.nameVi),
    nameEn: normaliseText(input.nameEn),
    requestNumber: nt(input.requestNumber),
    requestDate: input.requestDate,
    deadline: input.deadline,
    cutoff: input.cutoff,
    noteVi: nt(input.noteVi),
    sections: input.sections.map((s) => ({
      ...s,
      titleVi: normaliseText(s.titleVi),
      titleEn: normaliseText(s.titleEn),
    })),
  };
}

async function writeOutline(tx: Db, cycleId: number, input: CycleInput) {
  const existing = await tx.select().from(cycleTasks).where(eq(cycleTasks.cycleId, cycleId));
  const keep = new Map(existing.map((e) => [e.taskId, e]));
  await tx.delete(cycleTasks).where(eq(cycleTasks.cycleId, cycleId));
  if (input.tasks.length)
    await tx.insert(cycleTasks).values(
      input.tasks.map((t, i) => ({
        cycleId,
        taskId: t.taskId,
        sortOrder: i + 1,
        figures: t.figures.map((f) => ({ ...f, labelVi: normaliseText(f.labelVi), labelEn: normaliseText(f.labelEn) })),
        assessmentStatus: keep.get(t.taskId)?.assessmentStatus ?? null,
        assessmentNote: keep.get(t.taskId)?.assessmentNote ?? null,
        assessmentHtml: keep.get(t.taskId)?.assessmentHtml ?? null,
      })),
    );
  const orgRows = await tx.select().from(cycleOrganisations).where(eq(cycleOrganisations.cycleId, cycleId));
  const emails = new Map(orgRows.map((r) => [r.organisationId, r.contactEmail]));
  await tx.delete(cycleOrganisations).where(eq(cycleOrganisations.cycleId, cycleId));
  if (input.expectedOrganisationIds.length)
    await tx
      .insert(cycleOrganisations)
      .values(
        input.expectedOrganisationIds.map((o) => ({ cycleId, organisationId: o, contactEmail: emails.get(o) ?? null })),
      );
}

/** Create a cycle in draft (admin): reporters see it once it is opened. */
export async function createCycle(db: Db, user: SessionUser | null, input: CycleInput): Promise<CycleDetail> {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'cycle', id: 'new', action: 'create' });
  await validateCycleInput(db, input);
  const id = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(reportingCycles)
      .values({ ...cycleValues(input), status: 'draft', createdBy: actor.userId })
      .returning();
    await writeOutline(tx as unknown as Db, c.id, input);
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: 'cycle_created',
      entity: 'cycle',
      entityId: String(c.id),
    });
    return c.id;
  });
  return getCycle(db, user, id);
}

/**
 * Start next year's cycle from this one (admin): a new cycle in draft for the following year with the same policy
 * document, outline (tasks in order and the figures asked for), general sections and expected organisations; names
 * carry the new year; request letter, dates and notes are left for MoF to fill. The tasks' assignments belong to the
 * policy document, so they carry over as they are. 409 when that year already has a cycle of this document.
 */
export async function startNextCycle(db: Db, user: SessionUser | null, id: number): Promise<CycleDetail> {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'cycle', id, action: 'next_year' });
  const current = await getCycle(db, user, id);
  const year = current.year + 1;
  const taken = await db
    .select({ id: reportingCycles.id })
    .from(reportingCycles)
    .where(and(eq(reportingCycles.documentId, current.documentId), eq(reportingCycles.year, year)));
  if (taken.length)
    throw new AppError(
      409,
      'cycle_exists',
      `There is already a ${year} cycle of this document (cycle ${taken[0].id}).`,
      `Đã có kỳ báo cáo năm ${year} của văn bản này (kỳ số ${taken[0].id}).`,
    );
  const bump = (name: string) =>
    name.includes(String(current.year)) ? name.split(String(current.year)).join(String(year)) : `${name} (${year})`;
  return createCycle(db, user, {
    documentId: current.documentId,
    year,
    nameVi: bump(current.nameVi),
    nameEn: bump(current.nameEn),
    requestNumber: null,
    requestDate: null,
    deadline: null,
    cutoff: null,
    noteVi: null,
    sections: current.sections,
    expectedOrganisationIds: current.expected.map((e) => e.organisationId),
    tasks: current.tasks.map((t) => ({ taskId: t.taskId, figures: t.figures })),
  });
}

/** Edit a cycle's details, expected organisations and outline (admin, If-Match); not once it is closed. */
export async function updateCycle(db: Db, user: SessionUser | null, id: number, version: number, input: CycleInput) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'cycle', id, action: 'update' });
  const current = await loadCycleRow(db, id);
  if (!current) throw cycleNotFound();
  if (current.status === 'closed')
    throw new AppError(409, 'cycle_closed', 'A closed cycle cannot be edited.', 'Không thể sửa kỳ báo cáo đã đóng.');
  if (input.documentId !== current.documentId)
    throw fieldError(
      'body.documentId',
      'The policy document of a cycle cannot change.',
      'Không thể đổi văn bản của kỳ báo cáo.',
    );
  await validateCycleInput(db, input);
  await db.transaction(async (tx) => {
    const [c] = await tx
      .update(reportingCycles)
      .set({ ...cycleValues(input), version: sql`${reportingCycles.version} + 1` })
      .where(and(eq(reportingCycles.id, id), eq(reportingCycles.version, version)))
      .returning();
    if (!c) throw staleWrite();
    await writeOutline(tx as unknown as Db, id, input);
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: 'cycle_updated',
      entity: 'cycle',
      entityId: String(id),
    });
  });
  return getCycle(db, user, id);
}

const CYCLE_MOVES: Record<CycleTransition, { from: (c: CycleRow) => boolean; en: string; vi: string }> = {
  open: {
    from: (c) => c.status === 'draft',
    en: 'Only a draft cycle can be opened.',
    vi: 'Chỉ mở được kỳ báo cáo đang chuẩn bị.',
  },
  close: {
    from: (c) => c.status === 'open',
    en: 'Only an open cycle can be closed.',
    vi: 'Chỉ đóng được kỳ báo cáo đang mở.',
  },
  publish: {
    from: (c) => c.status === 'closed' && c.publishedAt === null,
    en: 'Only a closed, unpublished cycle can be published.',
    vi: 'Chỉ công bố được kỳ báo cáo đã đóng và chưa công bố.',
  },
  unpublish: {
    from: (c) => c.publishedAt !== null,
    en: 'The cycle is not published.',
    vi: 'Kỳ báo cáo chưa được công bố.',
  },
};

/** Open, close, publish or unpublish a cycle (admin, If-Match). Opening notifies the expected organisations. */
export async function transitionCycle(
  db: Db,
  user: SessionUser | null,
  id: number,
  version: number,
  move: CycleTransition,
  publicationRef: string | null = null,
) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'cycle', id, action: move });
  const c = await loadCycleRow(db, id);
  if (!c) throw cycleNotFound();
  if (c.version !== version) throw staleWrite();
  const rule = CYCLE_MOVES[move];
  if (!rule.from(c)) throw new AppError(409, 'invalid_cycle_transition', rule.en, rule.vi);
  if (move === 'open') {
    const [{ n: orgs }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cycleOrganisations)
      .where(eq(cycleOrganisations.cycleId, id));
    const [{ n: tasks }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cycleTasks)
      .where(eq(cycleTasks.cycleId, id));
    if (Number(orgs) === 0 || Number(tasks) === 0)
      throw new AppError(
        409,
        'cycle_incomplete',
        'A cycle needs expected organisations and at least one task before it is opened.',
        'Kỳ báo cáo cần có danh sách cơ quan báo cáo và ít nhất một nhiệm vụ trước khi mở.',
      );
  }
  await db.transaction(async (tx) => {
    const set =
      move === 'open'
        ? { status: 'open' }
        : move === 'close'
          ? { status: 'closed' }
          : move === 'publish'
            ? {
                publishedAt: sql`now()`,
                publishedBy: actor.userId,
                publicationRef: publicationRef ? normaliseText(publicationRef) : null,
              }
            : { publishedAt: null, publishedBy: null };
    const [u] = await tx
      .update(reportingCycles)
      .set({ ...set, version: sql`${reportingCycles.version} + 1` } as never)
      .where(and(eq(reportingCycles.id, id), eq(reportingCycles.version, version)))
      .returning();
    if (!u) throw staleWrite();
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: `cycle_${move}`,
      entity: 'cycle',
      entityId: String(id),
      detail: { publicationRef },
    });
    if (move === 'open') {
      const expected = await tx.select().from(cycleOrganisations).where(eq(cycleOrganisations.cycleId, id));
      for (const e of expected)
        await notify(tx as unknown as Db, {
          organisationId: e.organisationId,
          kind: 'cycle_opened',
          titleVi: `Đề nghị báo cáo: ${c.nameVi}`,
          titleEn: `Report requested: ${c.nameEn}`,
          bodyVi: `Bộ Tài chính đề nghị đơn vị báo cáo${c.requestNumber ? ` (Công văn số ${c.requestNumber}${c.requestDate ? ` ngày ${formatDateVi(c.requestDate)}` : ''})` : ''}${c.deadline ? `; hạn gửi ${formatDateVi(c.deadline)}` : ''}.`,
          bodyEn: `The Ministry of Finance requests your report${c.requestNumber ? ` (letter ${c.requestNumber})` : ''}${c.deadline ? `; due ${formatDateVi(c.deadline)}` : ''}.`,
          link: `/reporting/cycles/${id}`,
          dedupeKey: `opened:${id}:${e.organisationId}`,
          email: { cycleId: id },
        });
    }
  });
  return getCycle(db, user, id);
}

/** Record MoF's consolidated assessment of one task in a cycle (admin). */
export async function setTaskAssessment(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  taskId: number,
  input: { status: TaskStatus | null; note: string | null },
) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'cycle', id: cycleId, action: 'assess' });
  const [row] = await db
    .update(cycleTasks)
    .set({ assessmentStatus: input.status, assessmentNote: input.note ? normaliseText(input.note) : null })
    .where(and(eq(cycleTasks.cycleId, cycleId), eq(cycleTasks.taskId, taskId)))
    .returning();
  if (!row)
    throw new AppError(404, 'not_found', 'The task is not in this cycle.', 'Nhiệm vụ không có trong kỳ báo cáo.');
  await recordAudit(db, {
    userId: actor.userId,
    action: 'cycle_task_assessed',
    entity: 'cycle',
    entityId: String(cycleId),
    detail: { taskId, status: input.status },
  });
  return getCycle(db, user, cycleId);
}

// ---------------------------------------------------------------- cycle views

interface Scoped {
  c: CycleWithPolicy;
  actor: Actor;
  orgs: Map<number, Organisation>;
  outline: Awaited<ReturnType<typeof loadOutline>>;
  subs: SubmissionRow[];
  readable: Set<number>;
}

async function scoped(
  db: Db,
  user: SessionUser | null,
  id: number,
  what: 'progress' | 'matrix' | 'entries' | 'report_source',
): Promise<Scoped> {
  const actor = actorOf(user);
  const c = await loadCycleRow(db, id);
  if (!c) throw cycleNotFound();
  await enforce(
    db,
    actor,
    decideCycle(actor, what, cycleFactsOf(c)),
    { entity: 'cycle', id, action: what },
    cycleNotFound,
  );
  const orgs = await organisationsById(db);
  const outline = await loadOutline(db, id);
  const subs = await loadSubmissionRows(db, { cycleId: id });
  const readable = new Set(
    subs.filter((s) => canRead(actor, submissionFactsOf(s, c, orgs.get(s.organisationId)))).map((s) => s.id),
  );
  return { c, actor, orgs, outline, subs, readable };
}

/** Completeness and timeliness of a cycle (see `progress.ts` for the definitions). */
export async function getProgress(db: Db, user: SessionUser | null, id: number): Promise<ProgressResponse> {
  const { c, actor, orgs, outline, subs, readable } = await scoped(db, user, id, 'progress');
  const regionScope = actor.role === 'council' && c.publishedAt === null;
  const sent = new Set(subs.filter((s) => s.state !== 'draft').map((s) => s.organisationId));
  const expected = (await loadExpected(db, id, outline, orgs)).filter(
    (e) =>
      (!regionScope || (e.group === 'locality' && e.regionCode === actor.regionCode)) &&
      // MoF runs the cycle: it reports its own tasks like anyone, but is never counted missing from its own cycle.
      (e.code !== REPORTING_OWNER_CODE || sent.has(e.organisationId)),
  );
  const regions = await listGroupings(db, { type: 'region', at: REFORM_DATE });
  return computeProgress({
    cycleId: id,
    requestDate: c.requestDate,
    deadline: c.deadline,
    cutoff: c.cutoff,
    today: today(),
    scope: regionScope ? 'region' : 'all',
    orgs: expected.map((e) => ({
      organisationId: e.organisationId,
      code: e.code,
      nameVi: e.nameVi,
      nameEn: e.nameEn,
      group: e.group,
      provinceCode: e.provinceCode,
      regionCode: e.regionCode,
    })),
    submissions: subs.map((s) => ({
      organisationId: s.organisationId,
      state: s.state as SubmissionState,
      received: s.state !== 'draft',
      receivedOn: s.receivedOn,
      docNumber: s.docNumber,
      docDate: s.docDate,
      flags: s.flags as Flag[],
      readable: readable.has(s.id),
      stateVisible: actor.role === 'admin',
    })),
    regions: regions.map((r) => ({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn })),
  });
}

/** Status of every outline task for every expected organisation whose submission the caller may read. */
export async function getMatrix(db: Db, user: SessionUser | null, id: number): Promise<MatrixResponse> {
  const { orgs, outline, subs, readable } = await scoped(db, user, id, 'matrix');
  const expected = await loadExpected(db, id, outline, orgs);
  const visible = subs.filter((s) => readable.has(s.id));
  const taskRows = visible.length
    ? await db
        .select({
          submissionId: submissionTasks.submissionId,
          taskId: submissionTasks.taskId,
          status: submissionTasks.status,
        })
        .from(submissionTasks)
        .where(
          inArray(
            submissionTasks.submissionId,
            visible.map((s) => s.id),
          ),
        )
    : [];
  const codeOf = new Map(outline.map((t) => [t.taskId, t.code]));
  const subByOrg = new Map(visible.map((s) => [s.organisationId, s]));
  const cellsBySub = new Map<number, MatrixResponse['rows'][number]['cells']>();
  for (const r of taskRows) {
    const code = codeOf.get(r.taskId);
    const s = visible.find((v) => v.id === r.submissionId)!;
    if (!code) continue;
    const cells = cellsBySub.get(r.submissionId) ?? {};
    cells[code] = {
      status: (r.status as TaskStatus | null) ?? null,
      state: s.state as SubmissionState,
      submissionId: s.id,
    };
    cellsBySub.set(r.submissionId, cells);
  }
  return {
    cycleId: id,
    tasks: outline.map((t) => ({ taskId: t.taskId, code: t.code, shortTitleVi: t.shortTitleVi, titleEn: t.titleEn })),
    rows: expected.map((e) => {
      const s = subByOrg.get(e.organisationId);
      return {
        organisationId: e.organisationId,
        orgCode: e.code,
        orgName: e.nameVi,
        orgNameEn: e.nameEn,
        group: e.group,
        taskCodes: e.taskCodes,
        cells: s ? (cellsBySub.get(s.id) ?? {}) : {},
      };
    }),
  };
}

/** One task across all organisations whose submissions the caller may read, side by side. */
export async function getTaskEntries(
  db: Db,
  user: SessionUser | null,
  id: number,
  taskId: number,
): Promise<TaskEntriesResponse> {
  const { c, actor, orgs, outline, subs, readable } = await scoped(db, user, id, 'entries');
  const task = outline.find((t) => t.taskId === taskId);
  if (!task)
    throw new AppError(404, 'not_found', 'The task is not in this cycle.', 'Nhiệm vụ không có trong kỳ báo cáo.');
  const visible = subs.filter((s) => readable.has(s.id));
  const rows = visible.length
    ? await db
        .select()
        .from(submissionTasks)
        .where(
          and(
            eq(submissionTasks.taskId, taskId),
            inArray(
              submissionTasks.submissionId,
              visible.map((s) => s.id),
            ),
          ),
        )
    : [];
  const extras = await loadTaskExtras(db, actor, visible, taskId);
  const order = [...orgs.keys()];
  const entries = rows
    .map((r) => {
      const s = visible.find((v) => v.id === r.submissionId)!;
      const o = orgs.get(s.organisationId)!;
      const x = extras.get(s.id);
      return {
        submissionId: s.id,
        organisationId: o.id,
        orgCode: o.code,
        orgName: o.nameVi,
        orgNameEn: o.nameEn,
        group: groupOf(o),
        state: s.state as SubmissionState,
        docNumber: s.docNumber,
        docDate: s.docDate,
        status: (r.status as TaskStatus | null) ?? null,
        narrativeHtml: r.narrativeHtml,
        figures: r.figures as Record<string, number | null>,
        sourceNote: r.sourceNote,
        returnComment: x?.showReview ? r.returnComment : null,
        comments: x?.comments ?? [],
        files: x?.files ?? [],
      };
    })
    .filter(
      (e) =>
        e.status !== null ||
        e.narrativeHtml !== '' ||
        Object.values(e.figures).some((v) => v !== null) ||
        e.files.length > 0,
    )
    .sort((a, b) =>
      a.group === b.group
        ? order.indexOf(a.organisationId) - order.indexOf(b.organisationId)
        : a.group === 'central'
          ? -1
          : 1,
    );
  const showAssessment = seesResults(actor, c);
  const { assessmentHtml: _h, ...t } = task;
  return {
    cycleId: id,
    assessmentHtml: showAssessment ? (task.assessmentHtml ?? null) : null,
    task: {
      ...t,
      assessmentStatus: showAssessment ? t.assessmentStatus : null,
      assessmentNote: showAssessment ? t.assessmentNote : null,
    },
    figureTotals: task.figures.map((f) => {
      const values = entries.map((e) => e.figures[f.key]).filter((v): v is number => typeof v === 'number');
      return { key: f.key, total: values.length ? values.reduce((a, b) => a + b, 0) : null, count: values.length };
    }),
    entries,
  };
}

/** The status of each task of a document across the cycles the caller may see. */
export async function getTaskHistory(
  db: Db,
  user: SessionUser | null,
  documentId?: number,
): Promise<TaskHistoryResponse> {
  const actor = actorOf(user);
  const docs = await db.select().from(policyDocuments);
  const docId = documentId ?? docs[0]?.id;
  if (!docId || !docs.some((d) => d.id === docId))
    throw new AppError(404, 'not_found', 'Policy document not found.', 'Không tìm thấy văn bản.');
  const cycles = (await loadCycleRows(db))
    .filter((c) => c.documentId === docId && canSeeCycle(actor, cycleFactsOf(c)))
    .sort((a, b) => a.year - b.year);
  const tasks = await db.select().from(policyTasks).where(eq(policyTasks.documentId, docId));
  tasks.sort((a, b) => a.sortOrder - b.sortOrder || compareTaskCodes(a.code, b.code));
  const orgs = await organisationsById(db);
  const perTask = new Map<number, TaskHistoryResponse['tasks'][number]['perCycle']>();
  for (const c of cycles) {
    const outline = await loadOutline(db, c.id);
    const subs = await loadSubmissionRows(db, { cycleId: c.id });
    const readable = subs.filter(
      (s) => canRead(actor, submissionFactsOf(s, c, orgs.get(s.organisationId))) && s.state !== 'draft',
    );
    const rows = readable.length
      ? await db
          .select({ taskId: submissionTasks.taskId, status: submissionTasks.status })
          .from(submissionTasks)
          .where(
            inArray(
              submissionTasks.submissionId,
              readable.map((s) => s.id),
            ),
          )
      : [];
    const showAssessment = seesResults(actor, c);
    for (const t of tasks) {
      const o = outline.find((x) => x.taskId === t.id);
      const counts: Record<string, number> = {};
      let reported = 0;
      for (const r of rows)
        if (r.taskId === t.id && r.status) {
          counts[r.status] = (counts[r.status] ?? 0) + 1;
          reported++;
        }
      const m = perTask.get(t.id) ?? {};
      m[String(c.id)] = {
        inOutline: !!o,
        assessmentStatus: showAssessment ? (o?.assessmentStatus ?? null) : null,
        counts,
        reported,
      };
      perTask.set(t.id, m);
    }
  }
  return {
    documentId: docId,
    cycles: cycles.map((c) => ({ id: c.id, year: c.year, nameVi: c.nameVi, nameEn: c.nameEn })),
    tasks: tasks.map((t) => ({
      taskId: t.id,
      code: t.code,
      shortTitleVi: t.shortTitleVi,
      titleEn: t.titleEn,
      perCycle: perTask.get(t.id) ?? {},
    })),
  };
}

// ---------------------------------------------------------------- national report source (issue 7)

export interface ReportSourceEntry {
  submissionId: number;
  organisationId: number;
  orgCode: string;
  orgNameVi: string;
  orgNameEn: string;
  group: 'central' | 'locality';
  docNumber: string | null;
  docDate: string | null;
  status: TaskStatus | null;
  narrativeHtml: string;
  narrative: ParsedNarrative;
  figures: Record<string, number | null>;
  sourceNote: string | null;
}

export interface RegisterRow {
  no: number;
  organisationId: number;
  orgCode: string;
  orgNameVi: string;
  orgNameEn: string;
  reportingBodyVi: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  receivedOn: string | null;
  flags: Flag[];
}

export interface CycleReportSource {
  cycle: {
    id: number;
    year: number;
    nameVi: string;
    nameEn: string;
    policyCode: string;
    policyTitleVi: string;
    policyIssuedOn: string;
    requestNumber: string | null;
    requestDate: string | null;
    deadline: string | null;
    cutoff: string | null;
    status: string;
    publishedAt: string | null;
    flags: Flag[];
  };
  tasks: (Omit<OutlineTask, never> & {
    headingVi: string;
    assessmentHtml: string | null;
    entries: ReportSourceEntry[];
  })[];
  generalSections: (GeneralSection & {
    entries: {
      submissionId: number;
      orgCode: string;
      orgNameVi: string;
      group: 'central' | 'locality';
      docNumber: string | null;
      html: string;
      narrative: ParsedNarrative;
    }[];
  })[];
  register: { central: RegisterRow[]; locality: RegisterRow[] };
  counts: {
    central: number;
    locality: number;
    /**
     * Reports received by the cut-off, by group, whatever their review state (what the letter counts): sent at least
     * once and dated on or before the cut-off (all received reports when the cycle has no cut-off), in the caller's scope.
     */
    received: { central: number; locality: number; codes: string[] };
    expected: number;
    /** Expected organisations with nothing received; never the organisation that runs the cycle (MoF). */
    missing: { orgCode: string; orgNameVi: string; group: 'central' | 'locality' }[];
  };
}

/**
 * Everything the national report needs from a cycle, built only from accepted submissions: the outline's tasks in
 * order with their headings and MoF's assessment, per task the accepted organisations' statuses and narratives
 * (sanitised HTML and parsed into runs and footnotes) with their document numbers, the general sections, and the
 * register of reports received (ministries, then localities) with document numbers, issue and receipt dates.
 * Allowed to MoF administrators, and to everyone once the cycle's results are published.
 */
export async function getCycleReportSource(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
): Promise<CycleReportSource> {
  const { c, orgs, outline, subs, readable } = await scoped(db, user, cycleId, 'report_source');
  const [doc] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, c.documentId));
  const accepted = subs.filter((s) => s.state === 'accepted' && readable.has(s.id));
  const rows = accepted.length
    ? await db
        .select()
        .from(submissionTasks)
        .where(
          inArray(
            submissionTasks.submissionId,
            accepted.map((s) => s.id),
          ),
        )
    : [];
  const order = [...orgs.keys()];
  const byOrder = (a: SubmissionRow, b: SubmissionRow) => {
    const ga = groupOf(orgs.get(a.organisationId)!);
    const gb = groupOf(orgs.get(b.organisationId)!);
    if (ga !== gb) return ga === 'central' ? -1 : 1;
    return (
      (a.registerNo ?? 1e9) - (b.registerNo ?? 1e9) || order.indexOf(a.organisationId) - order.indexOf(b.organisationId)
    );
  };
  accepted.sort(byOrder);
  const entryOf = (s: SubmissionRow, r: (typeof rows)[number]): ReportSourceEntry => {
    const o = orgs.get(s.organisationId)!;
    return {
      submissionId: s.id,
      organisationId: o.id,
      orgCode: o.code,
      orgNameVi: o.nameVi,
      orgNameEn: o.nameEn,
      group: groupOf(o),
      docNumber: s.docNumber,
      docDate: s.docDate,
      status: (r.status as TaskStatus | null) ?? null,
      narrativeHtml: r.narrativeHtml,
      narrative: parseNarrative(r.narrativeHtml),
      figures: r.figures as Record<string, number | null>,
      sourceNote: r.sourceNote,
    };
  };
  const register = (g: 'central' | 'locality'): RegisterRow[] =>
    accepted
      .filter((s) => groupOf(orgs.get(s.organisationId)!) === g)
      .map((s, i) => {
        const o = orgs.get(s.organisationId)!;
        return {
          no: i + 1,
          organisationId: o.id,
          orgCode: o.code,
          orgNameVi: o.nameVi,
          orgNameEn: o.nameEn,
          reportingBodyVi: s.reportingBodyVi,
          docNumber: s.docNumber,
          issuedOn: s.docDate,
          receivedOn: s.receivedOn,
          flags: s.flags as Flag[],
        };
      });
  const expected = await loadExpected(db, cycleId, outline, orgs);
  const acceptedOrgs = new Set(accepted.map((s) => s.organisationId));
  const received = subs.filter(
    (s) => readable.has(s.id) && s.state !== 'draft' && (!c.cutoff || !s.receivedOn || s.receivedOn <= c.cutoff),
  );
  const receivedIn = (g: 'central' | 'locality') =>
    received.filter((s) => groupOf(orgs.get(s.organisationId)!) === g).length;
  const sections = c.sections as GeneralSection[];
  return {
    cycle: {
      id: c.id,
      year: c.year,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      policyCode: c.policyCode,
      policyTitleVi: doc.titleVi,
      policyIssuedOn: doc.issuedOn,
      requestNumber: c.requestNumber,
      requestDate: c.requestDate,
      deadline: c.deadline,
      cutoff: c.cutoff,
      status: c.status,
      publishedAt: c.publishedAt,
      flags: c.flags as Flag[],
    },
    tasks: outline.map((t) => ({
      ...t,
      headingVi: t.titleVi,
      entries: accepted
        .map((s) => {
          const r = rows.find((x) => x.submissionId === s.id && x.taskId === t.taskId);
          return r ? entryOf(s, r) : null;
        })
        .filter((e): e is ReportSourceEntry => e !== null && (e.status !== null || e.narrativeHtml !== '')),
    })),
    generalSections: sections.map((sec) => ({
      ...sec,
      entries: accepted
        .filter((s) => ((s.sections as Record<string, string>)[sec.key] ?? '') !== '')
        .map((s) => {
          const o = orgs.get(s.organisationId)!;
          const html = (s.sections as Record<string, string>)[sec.key];
          return {
            submissionId: s.id,
            orgCode: o.code,
            orgNameVi: o.nameVi,
            group: groupOf(o),
            docNumber: s.docNumber,
            html,
            narrative: parseNarrative(html),
          };
        }),
    })),
    register: { central: register('central'), locality: register('locality') },
    counts: {
      central: accepted.filter((s) => groupOf(orgs.get(s.organisationId)!) === 'central').length,
      locality: accepted.filter((s) => groupOf(orgs.get(s.organisationId)!) === 'locality').length,
      received: {
        central: receivedIn('central'),
        locality: receivedIn('locality'),
        codes: received.map((s) => orgs.get(s.organisationId)!.code),
      },
      expected: expected.length,
      missing: expected
        .filter((e) => !acceptedOrgs.has(e.organisationId) && e.code !== REPORTING_OWNER_CODE)
        .map((e) => ({ orgCode: e.code, orgNameVi: e.nameVi, group: e.group })),
    },
  };
}

// ---------------------------------------------------------------- exports

const TIMELINESS_VI: Record<string, string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  undated: 'Không có ngày nhận',
  missing: 'Chưa nhận (quá hạn)',
  not_due: 'Chưa nhận (chưa đến hạn)',
};

/** The register of a cycle as CSV (UTF-8 with BOM), under the caller's scope. */
export async function exportProgressCsv(
  db: Db,
  user: SessionUser | null,
  id: number,
): Promise<{ filename: string; csv: string }> {
  const p = await getProgress(db, user, id);
  const c = (await loadCycleRow(db, id))!;
  const csv = toCsv(
    [
      'STT',
      'Nhóm',
      'Mã cơ quan',
      'Cơ quan',
      'Số văn bản',
      'Ngày ban hành',
      'Ngày nhận',
      'Số ngày từ đề nghị',
      'Thời hạn',
      'Trạng thái',
      'Ghi chú',
    ],
    p.rows.map((r, i) => [
      i + 1,
      r.group === 'central' ? 'Bộ, ngành, cơ quan trung ương' : 'Địa phương',
      r.orgCode,
      r.orgName,
      r.docNumber,
      r.docDate ? formatDateVi(r.docDate) : null,
      r.receivedOn ? formatDateVi(r.receivedOn) : null,
      r.daysFromRequest,
      TIMELINESS_VI[r.timeliness],
      r.state ? SUBMISSION_STATE_LABELS[r.state].vi : null,
      r.flags.map((f) => f.noteVi).join('; ') || null,
    ]),
  );
  return { filename: `Tinh-hinh-bao-cao-${c.year}-ky-${c.id}.csv`, csv };
}

/** The task × organisation matrix as CSV, under the caller's scope. */
export async function exportMatrixCsv(
  db: Db,
  user: SessionUser | null,
  id: number,
): Promise<{ filename: string; csv: string }> {
  const m = await getMatrix(db, user, id);
  const c = (await loadCycleRow(db, id))!;
  const csv = toCsv(
    ['Mã cơ quan', 'Cơ quan', ...m.tasks.map((t) => t.code)],
    m.rows.map((r) => [
      r.orgCode,
      r.orgName,
      ...m.tasks.map((t) => {
        if (!r.taskCodes.includes(t.code)) return null;
        const cell = r.cells[t.code];
        if (!cell) return '';
        return cell.status ? TASK_STATUS_LABELS[cell.status].vi : 'Chưa xác định';
      }),
    ]),
  );
  return { filename: `Ma-tran-nhiem-vu-${c.year}-ky-${c.id}.csv`, csv };
}

/**
 * One task across the organisations the caller may read, as CSV: document, task status, one column per figure the
 * outline asks for (with a total row, like the screen), and the narrative as plain text.
 */
export async function exportTaskEntriesCsv(
  db: Db,
  user: SessionUser | null,
  id: number,
  taskId: number,
): Promise<{ filename: string; csv: string }> {
  const e = await getTaskEntries(db, user, id, taskId);
  const c = (await loadCycleRow(db, id))!;
  const figs = e.task.figures;
  const fmt = (v: number | null | undefined, decimals: number) =>
    v === null || v === undefined ? null : Number(v.toFixed(decimals));
  const csv = toCsv(
    [
      'Mã cơ quan',
      'Cơ quan',
      'Nhóm',
      'Trạng thái báo cáo',
      'Số văn bản',
      'Ngày văn bản',
      'Tình trạng nhiệm vụ',
      ...figs.map((f) => `${f.labelVi}${f.unitVi ? ` (${f.unitVi})` : ''}`),
      'Nội dung',
    ],
    [
      ...e.entries.map((x) => [
        x.orgCode,
        x.orgName,
        x.group === 'central' ? 'Bộ, ngành' : 'Địa phương',
        SUBMISSION_STATE_LABELS[x.state].vi,
        x.docNumber,
        x.docDate ? formatDateVi(x.docDate) : null,
        x.status ? TASK_STATUS_LABELS[x.status].vi : null,
        ...figs.map((f) => fmt(x.figures[f.key], f.decimals)),
        narrativeToText(x.narrativeHtml),
      ]),
      ...(figs.length
        ? [
            [
              null,
              `Tổng (${e.entries.length} báo cáo)`,
              null,
              null,
              null,
              null,
              null,
              ...figs.map((f) => fmt(e.figureTotals.find((t) => t.key === f.key)?.total, f.decimals)),
              null,
            ],
          ]
        : []),
    ],
  );
  return { filename: `Nhiem-vu-${e.task.code}-${c.year}-ky-${c.id}.csv`, csv };
}

import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  type EvidenceFile,
  type FigureDef,
  type Flag,
  foldVi,
  formatDateVi,
  type GeneralSection,
  normaliseText,
  type Organisation,
  type PaperReportInput,
  type ReturnInput,
  type SaveSubmissionInput,
  type SubmissionDetail,
  type SubmissionEvent,
  type SubmissionState,
  type SubmissionSummary,
  type SubmissionTask,
  type TaskComment,
  type TaskStatus,
  type Warning,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, type FieldError } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit, type SessionUser } from '../access/access.service';
import { checkEvidence, cleanFilename, EVIDENCE_MAX_FILES, EvidenceRejected } from './evidence';
import { narrativeToText, sanitiseNarrative } from './narrative';
import { notify } from './notifications.service';
import {
  type Actor,
  canRead,
  canSeeCycle,
  decide,
  decidePaperRegistration,
  permissionsOf,
  type SubmissionAction,
} from './policy';
import {
  actorOf,
  cycleNotFound,
  enforce,
  groupOf,
  organisationsById,
  submissionNotFound,
  today,
} from './reporting.context';
import {
  type CycleRow,
  cycleFactsOf,
  loadAssignments,
  loadCycleRow,
  loadCycleRows,
  loadOutline,
  loadSubmissionRows,
  type SubmissionRow,
  submissionFactsOf,
} from './reporting.queries';
import {
  cycleOrganisations,
  submissionEvents,
  submissionFileContents,
  submissionFiles,
  submissions,
  submissionTasks,
  taskComments,
} from './reporting.schema';
import { transition } from './workflow';

/**
 * Submissions: one organisation's report in one cycle. Every function loads the submission, asks the policy
 * (`policy.ts`) whether the caller may read it and do the action in its current state, and only then writes, in
 * one transaction with the history row and the audit row. Writes carry the version the caller last read
 * (If-Match) and update `where version = expected`, so a stale write changes nothing and answers 412.
 */

interface Loaded {
  s: SubmissionRow;
  c: CycleRow & { policyCode: string };
  org: Organisation;
  orgs: Map<number, Organisation>;
}

async function load(db: Db, id: number): Promise<Loaded | null> {
  const [s] = await loadSubmissionRows(db, { ids: [id] });
  if (!s) return null;
  const c = await loadCycleRow(db, s.cycleId);
  if (!c) return null;
  const orgs = await organisationsById(db);
  const org = orgs.get(s.organisationId);
  if (!org) return null;
  return { s, c, org, orgs };
}

/** Load a submission and enforce the policy for `action`; 404 for a submission the caller may not read. */
async function authorise(db: Db, actor: Actor, id: number, action: SubmissionAction): Promise<Loaded> {
  const l = await load(db, id);
  if (!l) {
    // Same answer as for a submission that exists but may not be read; anonymous writes still ask to sign in.
    if (actor.role === 'anonymous' && action !== 'read')
      await enforce(db, actor, { outcome: 'unauthenticated' }, { entity: 'submission', id, action });
    await enforce(db, actor, { outcome: 'not_found' }, { entity: 'submission', id, action });
    throw submissionNotFound();
  }
  await enforce(db, actor, decide(actor, action, submissionFactsOf(l.s, l.c, l.org)), {
    entity: 'submission',
    id,
    action,
  });
  return l;
}

/** The outline tasks an organisation reports on in a cycle, with its role, figure definitions for its group. */
async function orgTasks(db: Db, cycleId: number, org: Organisation, existingTaskIds: number[] = []) {
  const outline = await loadOutline(db, cycleId);
  const assigns =
    (
      await loadAssignments(
        db,
        outline.map((t) => t.taskId),
      )
    ).get(org.id) ?? new Map();
  const group = groupOf(org);
  return outline
    .filter((t) => assigns.has(t.taskId) || existingTaskIds.includes(t.taskId))
    .map((t) => ({
      ...t,
      role: (assigns.get(t.taskId) as 'lead' | 'cooperating' | undefined) ?? null,
      figureDefs: t.figures.filter((f) => f.appliesTo === 'all' || f.appliesTo === group),
    }));
}

const fileOf = (f: typeof submissionFiles.$inferSelect): EvidenceFile => ({
  id: f.id,
  taskId: f.taskId,
  filename: f.filename,
  contentType: f.contentType,
  kind: f.kind,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  uploadedAt: f.uploadedAt,
});

/** Review comments and files of submissions; comments and return notes only for MoF and the reporting organisation. */
export async function loadTaskExtras(db: Db, actor: Actor, subs: SubmissionRow[], taskId?: number) {
  const ids = subs.map((s) => s.id);
  const out = new Map<number, { showReview: boolean; comments: TaskComment[]; files: EvidenceFile[] }>();
  if (ids.length === 0) return out;
  const files = await db
    .select()
    .from(submissionFiles)
    .where(
      and(
        inArray(submissionFiles.submissionId, ids),
        taskId !== undefined ? eq(submissionFiles.taskId, taskId) : undefined,
      ),
    )
    .orderBy(asc(submissionFiles.id));
  const comments = await db
    .select()
    .from(taskComments)
    .where(
      and(inArray(taskComments.submissionId, ids), taskId !== undefined ? eq(taskComments.taskId, taskId) : undefined),
    )
    .orderBy(asc(taskComments.id));
  for (const s of subs) {
    const showReview =
      actor.role === 'admin' || (actor.role === 'reporter' && actor.organisationId === s.organisationId);
    out.set(s.id, {
      showReview,
      comments: showReview
        ? comments
            .filter((c) => c.submissionId === s.id)
            .map((c) => ({
              id: c.id,
              taskId: c.taskId,
              body: c.body,
              authorName: c.authorName,
              createdAt: c.createdAt,
            }))
        : [],
      files: files.filter((f) => f.submissionId === s.id).map(fileOf),
    });
  }
  return out;
}

function summaryOf(s: SubmissionRow, org: Organisation): SubmissionSummary {
  return {
    id: s.id,
    cycleId: s.cycleId,
    organisationId: org.id,
    organisationCode: org.code,
    organisationNameVi: org.nameVi,
    organisationNameEn: org.nameEn,
    group: groupOf(org),
    regionCode: org.regionCode,
    state: s.state as SubmissionState,
    docNumber: s.docNumber,
    docDate: s.docDate,
    receivedOn: s.receivedOn,
    submittedAt: s.submittedAt,
    acceptedAt: s.acceptedAt,
    updatedAt: s.updatedAt,
    version: s.version,
    flags: s.flags as Flag[],
  };
}

/** Warnings about entered data that do not block saving (e.g. a report dated before the request letter). */
export function submissionWarnings(
  s: { docDate: string | null },
  c: { requestDate: string | null },
  now: string,
): Warning[] {
  const w: Warning[] = [];
  if (s.docDate && c.requestDate && s.docDate < c.requestDate)
    w.push({
      path: 'docDate',
      code: 'doc_date_before_request',
      message: `The report is dated ${formatDateVi(s.docDate)}, before the request letter of ${formatDateVi(c.requestDate)}; please check the date.`,
      messageVi: `Văn bản báo cáo đề ngày ${formatDateVi(s.docDate)}, trước ngày công văn đề nghị (${formatDateVi(c.requestDate)}); vui lòng kiểm tra lại.`,
    });
  if (s.docDate && s.docDate > now)
    w.push({
      path: 'docDate',
      code: 'doc_date_in_future',
      message: `The report is dated ${formatDateVi(s.docDate)}, in the future.`,
      messageVi: `Văn bản báo cáo đề ngày ${formatDateVi(s.docDate)}, sau ngày hôm nay.`,
    });
  return w;
}

async function detailOf(db: Db, actor: Actor, l: Loaded): Promise<SubmissionDetail> {
  const { s, c, org } = l;
  const rows = await db.select().from(submissionTasks).where(eq(submissionTasks.submissionId, s.id));
  const tasks = await orgTasks(
    db,
    c.id,
    org,
    rows.map((r) => r.taskId),
  );
  const extras = (await loadTaskExtras(db, actor, [s])).get(s.id)!;
  const events = await db
    .select()
    .from(submissionEvents)
    .where(eq(submissionEvents.submissionId, s.id))
    .orderBy(asc(submissionEvents.at), asc(submissionEvents.id));
  const showReview = extras.showReview;
  const history: SubmissionEvent[] = events.map((e) => ({
    id: e.id,
    at: e.at,
    action: e.action,
    fromState: (e.fromState as SubmissionState | null) ?? null,
    toState: (e.toState as SubmissionState | null) ?? null,
    // Reasons for returns are review notes: MoF and the reporting organisation see them.
    reason: showReview ? e.reason : null,
    actorName: e.actorName,
    reasonEn: showReview ? e.reasonEn : null,
    actorNameEn: e.actorNameEn,
  }));
  const sectionsHtml = s.sections as Record<string, string>;
  const facts = submissionFactsOf(s, c, org);
  return {
    ...summaryOf(s, org),
    cycleNameVi: c.nameVi,
    cycleNameEn: c.nameEn,
    cycleYear: c.year,
    cycleStatus: c.status as SubmissionDetail['cycleStatus'],
    cycleDeadline: c.deadline,
    cycleRequestDate: c.requestDate,
    reportingBodyVi: s.reportingBodyVi,
    source: s.source,
    sourceEn: s.sourceEn,
    lockedAt: s.lockedAt,
    returnReason: showReview ? s.returnReason : null,
    sections: (c.sections as GeneralSection[]).map((sec) => ({ ...sec, html: sectionsHtml[sec.key] ?? '' })),
    tasks: tasks.map((t): SubmissionTask => {
      const r = rows.find((x) => x.taskId === t.taskId);
      return {
        taskId: t.taskId,
        code: t.code,
        shortTitleVi: t.shortTitleVi,
        titleVi: t.titleVi,
        titleEn: t.titleEn,
        section: t.section,
        role: t.role,
        status: (r?.status as TaskStatus | null | undefined) ?? null,
        narrativeHtml: r?.narrativeHtml ?? '',
        figures: (r?.figures as Record<string, number | null> | undefined) ?? {},
        figureDefs: t.figureDefs,
        sourceNote: r?.sourceNote ?? null,
        returnComment: showReview ? (r?.returnComment ?? null) : null,
        comments: extras.comments.filter((x) => x.taskId === t.taskId),
        files: extras.files.filter((f) => f.taskId === t.taskId),
      };
    }),
    files: extras.files,
    history,
    warnings: submissionWarnings(s, c, today()),
    can: permissionsOf(actor, facts),
    paper: paperOf(events, showReview),
  };
}

/** Who registered the report from paper and when (from its history); MoF's note only for MoF and the organisation. */
function paperOf(events: (typeof submissionEvents.$inferSelect)[], showReview: boolean) {
  const e = events.find((x) => x.action === 'registered_paper');
  return e ? { registeredBy: e.actorName, registeredAt: e.at, note: showReview ? e.reason : null } : null;
}

/** One submission with its tasks, files, history and what the caller may do with it. */
export async function getSubmission(db: Db, user: SessionUser | null, id: number): Promise<SubmissionDetail> {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'read');
  return detailOf(db, actor, l);
}

/** The submissions of a cycle the caller may read. */
export async function listCycleSubmissions(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
): Promise<SubmissionSummary[]> {
  const actor = actorOf(user);
  const c = await loadCycleRow(db, cycleId);
  if (!c || !canSeeCycle(actor, cycleFactsOf(c))) {
    if (c)
      await enforce(
        db,
        actor,
        { outcome: 'not_found' },
        { entity: 'cycle', id: cycleId, action: 'list' },
        cycleNotFound,
      );
    throw cycleNotFound();
  }
  const orgs = await organisationsById(db);
  const order = [...orgs.keys()];
  return (await loadSubmissionRows(db, { cycleId }))
    .filter((s) => canRead(actor, submissionFactsOf(s, c, orgs.get(s.organisationId))))
    .sort((a, b) => order.indexOf(a.organisationId) - order.indexOf(b.organisationId))
    .map((s) => summaryOf(s, orgs.get(s.organisationId)!));
}

const actorName = (user: SessionUser | null) => user?.displayName ?? null;

async function recordEvent(
  tx: Db,
  e: {
    submissionId: number;
    user: SessionUser | null;
    action: string;
    from?: SubmissionState | null;
    to?: SubmissionState | null;
    reason?: string | null;
    detail?: unknown;
  },
) {
  await tx.insert(submissionEvents).values({
    submissionId: e.submissionId,
    userId: e.user?.id ?? null,
    actorName: actorName(e.user),
    action: e.action,
    fromState: e.from ?? null,
    toState: e.to ?? null,
    reason: e.reason ?? null,
    detail: e.detail ?? null,
  });
  await recordAudit(tx, {
    userId: e.user?.id ?? null,
    action: `submission_${e.action}`,
    entity: 'submission',
    entityId: String(e.submissionId),
    detail: {
      from: e.from ?? null,
      to: e.to ?? null,
      reason: e.reason ?? null,
      ...(e.detail ? { detail: e.detail } : {}),
    },
  });
}

/**
 * Start the caller's organisation's submission in an open cycle (reporters), optionally from its submission of
 * the previous cycle of the same policy document: statuses, narratives, figures and general sections are copied
 * for the tasks both outlines share; document number and date are not.
 */
export async function startSubmission(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  input: { copyFromPrevious: boolean },
) {
  const actor = actorOf(user);
  const c = await loadCycleRow(db, cycleId);
  if (!c || !canSeeCycle(actor, cycleFactsOf(c))) {
    if (c)
      await enforce(
        db,
        actor,
        { outcome: 'not_found' },
        { entity: 'cycle', id: cycleId, action: 'start' },
        cycleNotFound,
      );
    throw cycleNotFound();
  }
  const target = { entity: 'cycle', id: cycleId, action: 'start_submission' };
  if (actor.role === 'anonymous') await enforce(db, actor, { outcome: 'unauthenticated' }, target);
  if (actor.role !== 'reporter' || actor.organisationId === null)
    await enforce(db, actor, { outcome: 'forbidden' }, target);
  const orgId = actor.organisationId!;
  const [exp] = await db
    .select()
    .from(cycleOrganisations)
    .where(and(eq(cycleOrganisations.cycleId, cycleId), eq(cycleOrganisations.organisationId, orgId)));
  if (!exp)
    throw new AppError(
      403,
      'not_expected',
      'Your organisation is not asked to report in this cycle.',
      'Cơ quan của bạn không thuộc danh sách báo cáo kỳ này.',
    );
  if (c.status !== 'open')
    throw new AppError(409, 'cycle_not_open', 'The reporting cycle is not open.', 'Kỳ báo cáo không ở trạng thái mở.');
  const orgs = await organisationsById(db);
  const org = orgs.get(orgId)!;
  const tasks = await orgTasks(db, cycleId, org);
  let previous: SubmissionRow | null = null;
  if (input.copyFromPrevious) {
    const prevCycles = (await loadCycleRows(db)).filter((x) => x.documentId === c.documentId && x.year < c.year);
    for (const pc of prevCycles) {
      const [p] = await db
        .select()
        .from(submissions)
        .where(and(eq(submissions.cycleId, pc.id), eq(submissions.organisationId, orgId)));
      if (p) {
        previous = p;
        break;
      }
    }
    if (!previous)
      throw new AppError(
        409,
        'no_previous_submission',
        'Your organisation has no submission in an earlier cycle.',
        'Cơ quan chưa có báo cáo ở kỳ trước để sao chép.',
      );
  }
  const prevTasks = previous
    ? await db.select().from(submissionTasks).where(eq(submissionTasks.submissionId, previous.id))
    : [];
  const id = await db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(and(eq(submissions.cycleId, cycleId), eq(submissions.organisationId, orgId)));
    if (clash)
      throw new AppError(
        409,
        'already_exists',
        'Your organisation has already started this report.',
        'Cơ quan đã tạo báo cáo kỳ này.',
        undefined,
        {
          submissionId: clash.id,
        },
      );
    const [s] = await tx
      .insert(submissions)
      .values({
        cycleId,
        organisationId: orgId,
        state: 'draft',
        createdBy: actor.userId,
        updatedBy: actor.userId,
        copiedFromId: previous?.id ?? null,
        sections: previous ? (previous.sections as Record<string, string>) : {},
      })
      .returning();
    if (tasks.length)
      await tx.insert(submissionTasks).values(
        tasks.map((t) => {
          const p = prevTasks.find((x) => x.taskId === t.taskId);
          const figures = Object.fromEntries(
            t.figureDefs.map((f) => [
              f.key,
              (p?.figures as Record<string, number | null> | undefined)?.[f.key] ?? null,
            ]),
          );
          return {
            submissionId: s.id,
            taskId: t.taskId,
            status: p?.status ?? null,
            narrativeHtml: p?.narrativeHtml ?? '',
            narrativeText: p?.narrativeText ?? '',
            narrativeFolded: p?.narrativeFolded ?? '',
            figures,
          };
        }),
      );
    await recordEvent(tx as unknown as Db, {
      submissionId: s.id,
      user,
      action: 'created',
      to: 'draft',
      detail: previous ? { copiedFromSubmission: previous.id } : null,
    });
    return s.id;
  });
  return getSubmission(db, user, id);
}

function validationError(errors: FieldError[]) {
  const fields = errors.map((e) => e.path).join(', ');
  return new AppError(400, 'validation_failed', `Invalid value: ${fields}`, `Giá trị không hợp lệ: ${fields}`, errors);
}

/** After a write matched no row: someone changed the version (412) or the state moved on (409). */
async function whyNoRow(
  db: Db,
  id: number,
  version: number,
  allowed: SubmissionState[],
  action: 'edit' | 'submit' | 'return' | 'accept' | 'unlock',
) {
  const [now] = await loadSubmissionRows(db, { ids: [id] });
  if (!now) return submissionNotFound();
  if (now.version !== version) return staleWrite();
  if (!allowed.includes(now.state as SubmissionState)) {
    const c = (await loadCycleRow(db, now.cycleId))!;
    const r = transition(now.state as SubmissionState, action, {
      cycleStatus: c.status as never,
      cyclePublished: c.publishedAt !== null,
    });
    if (!r.ok) return new AppError(409, r.code, r.messageEn, r.messageVi);
  }
  return staleWrite();
}

/**
 * Save a draft (autosave or explicit save): document number and date, general sections, and per task the status,
 * narrative (sanitised) and figures. Only the given fields change. Refused with 412 when `version` is stale, so
 * two editors never overwrite each other; the caller keeps its text and can show both versions.
 */
export async function saveSubmission(
  db: Db,
  user: SessionUser | null,
  id: number,
  version: number,
  input: SaveSubmissionInput,
) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'edit');
  const tasks = await orgTasks(db, l.c.id, l.org);
  const errors: FieldError[] = [];
  const taskUpdates = (input.tasks ?? []).map((t, i) => {
    const def = tasks.find((x) => x.taskId === t.taskId);
    if (!def) {
      errors.push({
        path: `body.tasks.${i}.taskId`,
        message: 'Not a task of your report.',
        messageVi: 'Không phải nhiệm vụ trong báo cáo của đơn vị.',
      });
      return null;
    }
    let figures: Record<string, number | null> | undefined;
    if (t.figures) {
      figures = {};
      for (const [k, v] of Object.entries(t.figures)) {
        const fd = def.figureDefs.find((f: FigureDef) => f.key === k);
        if (!fd) {
          errors.push({
            path: `body.tasks.${i}.figures.${k}`,
            message: 'The outline does not ask for this figure.',
            messageVi: 'Đề cương không yêu cầu số liệu này.',
          });
          continue;
        }
        if (v !== null && Math.abs(v) > 1e15) {
          errors.push({
            path: `body.tasks.${i}.figures.${k}`,
            message: 'The number is too large.',
            messageVi: 'Số quá lớn.',
          });
          continue;
        }
        figures[k] = v === null ? null : Number(v.toFixed(fd.decimals));
      }
    }
    const narrativeHtml = t.narrativeHtml === undefined ? undefined : sanitiseNarrative(t.narrativeHtml);
    return { taskId: t.taskId, status: t.status, narrativeHtml, figures };
  });
  const sectionKeys = new Set((l.c.sections as GeneralSection[]).map((s) => s.key));
  const sections = input.sections ? { ...(l.s.sections as Record<string, string>) } : undefined;
  for (const [k, v] of Object.entries(input.sections ?? {})) {
    if (!sectionKeys.has(k))
      errors.push({
        path: `body.sections.${k}`,
        message: 'Not a section of the outline.',
        messageVi: 'Không phải phần của đề cương.',
      });
    else if (sections) sections[k] = sanitiseNarrative(v);
  }
  if (errors.length) throw validationError(errors);
  const set: Partial<typeof submissions.$inferInsert> = {};
  if (input.docNumber !== undefined)
    set.docNumber = input.docNumber === null ? null : normaliseText(input.docNumber) || null;
  if (input.docDate !== undefined) set.docDate = input.docDate;
  if (input.reportingBodyVi !== undefined)
    set.reportingBodyVi = input.reportingBodyVi === null ? null : normaliseText(input.reportingBodyVi) || null;
  if (sections) set.sections = sections;
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(submissions)
      .set({ ...set, version: sql`${submissions.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(
        and(
          eq(submissions.id, id),
          eq(submissions.version, version),
          inArray(submissions.state, ['draft', 'returned']),
        ),
      )
      .returning({ id: submissions.id });
    if (!u) throw await whyNoRow(tx as unknown as Db, id, version, ['draft', 'returned'], 'edit');
    for (const t of taskUpdates) {
      if (!t) continue;
      const values: Partial<typeof submissionTasks.$inferInsert> = {};
      if (t.status !== undefined) values.status = t.status;
      if (t.narrativeHtml !== undefined) {
        values.narrativeHtml = t.narrativeHtml;
        values.narrativeText = narrativeToText(t.narrativeHtml);
        values.narrativeFolded = foldVi(values.narrativeText);
      }
      if (t.figures !== undefined) values.figures = t.figures;
      if (Object.keys(values).length === 0) continue;
      await tx
        .insert(submissionTasks)
        .values({ submissionId: id, taskId: t.taskId, ...values })
        .onConflictDoUpdate({ target: [submissionTasks.submissionId, submissionTasks.taskId], set: values });
    }
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: 'submission_saved',
      entity: 'submission',
      entityId: String(id),
      detail: { version: version + 1, tasks: taskUpdates.filter(Boolean).map((t) => t!.taskId) },
    });
  });
  return getSubmission(db, user, id);
}

/** What is missing before a report can be sent, as field errors (document number and date, every task's status and narrative). */
export function completenessErrors(d: Pick<SubmissionDetail, 'docNumber' | 'docDate' | 'tasks'>): FieldError[] {
  const errors: FieldError[] = [];
  if (!d.docNumber)
    errors.push({
      path: 'docNumber',
      message: 'Enter the number of your official report.',
      messageVi: 'Nhập số văn bản báo cáo.',
    });
  if (!d.docDate)
    errors.push({
      path: 'docDate',
      message: 'Enter the date of your official report.',
      messageVi: 'Nhập ngày văn bản báo cáo.',
    });
  for (const t of d.tasks) {
    if (!t.status)
      errors.push({
        path: `tasks.${t.code}.status`,
        message: `Task ${t.code}: choose a status.`,
        messageVi: `Nhiệm vụ ${t.code}: chưa chọn tình trạng.`,
      });
    else if (t.status !== 'not_applicable' && t.narrativeHtml.trim() === '')
      errors.push({
        path: `tasks.${t.code}.narrative`,
        message: `Task ${t.code}: describe the results.`,
        messageVi: `Nhiệm vụ ${t.code}: chưa có nội dung kết quả thực hiện.`,
      });
  }
  return errors;
}

const mofOrganisationId = (orgs: Map<number, Organisation>) =>
  [...orgs.values()].find((o) => o.code === 'BTC')?.id ?? null;

/** Send the report to MoF (reporters of the organisation, from draft or returned). Records the receipt date once. */
export async function submitSubmission(db: Db, user: SessionUser | null, id: number, version: number) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'submit');
  const d = await detailOf(db, actor, l);
  if (d.version !== version) throw staleWrite();
  const errors = completenessErrors(d);
  if (errors.length)
    throw new AppError(
      422,
      'incomplete_submission',
      `The report is not complete: ${errors.map((e) => e.message).join(' ')}`,
      `Báo cáo chưa đầy đủ: ${errors.map((e) => e.messageVi).join(' ')}`,
      errors,
    );
  const from = l.s.state as SubmissionState;
  const group = groupOf(l.org);
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(submissions)
      .set({
        state: 'submitted',
        version: sql`${submissions.version} + 1`,
        submittedAt: sql`now()`,
        submittedBy: actor.userId,
        firstSubmittedAt: sql`coalesce(${submissions.firstSubmittedAt}, now())`,
        receivedOn: sql`coalesce(${submissions.receivedOn}, ${today()}::date)`,
        registerNo: sql`coalesce(${submissions.registerNo}, (select coalesce(max(s2.register_no), 0) + 1 from submissions s2 join organisations o2 on o2.id = s2.organisation_id where s2.cycle_id = ${l.c.id} and (o2.kind = 'province') = ${group === 'locality'}))`,
        updatedAt: sql`now()`,
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(submissions.id, id),
          eq(submissions.version, version),
          inArray(submissions.state, ['draft', 'returned']),
        ),
      )
      .returning({ id: submissions.id });
    if (!u) throw await whyNoRow(tx as unknown as Db, id, version, ['draft', 'returned'], 'submit');
    await recordEvent(tx as unknown as Db, {
      submissionId: id,
      user,
      action: from === 'returned' ? 'resubmitted' : 'submitted',
      from,
      to: 'submitted',
    });
    const mof = mofOrganisationId(l.orgs);
    if (mof !== null)
      await notify(tx as unknown as Db, {
        organisationId: mof,
        audienceRole: 'admin',
        kind: 'submission_received',
        titleVi: `${l.org.nameVi} đã ${from === 'returned' ? 'gửi lại' : 'gửi'} báo cáo`,
        titleEn: `${l.org.nameEn} ${from === 'returned' ? 'resubmitted' : 'submitted'} its report`,
        bodyVi: `${l.c.nameVi}: văn bản số ${d.docNumber} ngày ${formatDateVi(d.docDate)}.`,
        bodyEn: `${l.c.nameEn}: document ${d.docNumber} of ${formatDateVi(d.docDate)}.`,
        link: `/reporting/submissions/${id}`,
        dedupeKey: null,
      });
  });
  return getSubmission(db, user, id);
}

/** Return a submitted report to its organisation with a reason and optional per-task comments (admin). */
export async function returnSubmission(
  db: Db,
  user: SessionUser | null,
  id: number,
  version: number,
  input: ReturnInput,
) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'return');
  const tasks = await orgTasks(db, l.c.id, l.org);
  const errors: FieldError[] = [];
  input.taskComments.forEach((tc, i) => {
    if (!tasks.some((t) => t.taskId === tc.taskId))
      errors.push({
        path: `body.taskComments.${i}.taskId`,
        message: 'Not a task of this report.',
        messageVi: 'Không phải nhiệm vụ của báo cáo này.',
      });
  });
  if (errors.length) throw validationError(errors);
  const reason = normaliseText(input.reason);
  const comments = input.taskComments.map((tc) => ({ taskId: tc.taskId, comment: normaliseText(tc.comment) }));
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(submissions)
      .set({ state: 'returned', returnReason: reason, version: sql`${submissions.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(submissions.id, id), eq(submissions.version, version), eq(submissions.state, 'submitted')))
      .returning({ id: submissions.id });
    if (!u) throw await whyNoRow(tx as unknown as Db, id, version, ['submitted'], 'return');
    await tx.update(submissionTasks).set({ returnComment: null }).where(eq(submissionTasks.submissionId, id));
    for (const tc of comments) {
      await tx
        .insert(submissionTasks)
        .values({ submissionId: id, taskId: tc.taskId, returnComment: tc.comment })
        .onConflictDoUpdate({
          target: [submissionTasks.submissionId, submissionTasks.taskId],
          set: { returnComment: tc.comment },
        });
      await tx.insert(taskComments).values({
        submissionId: id,
        taskId: tc.taskId,
        userId: actor.userId,
        authorName: user!.displayName,
        body: tc.comment,
      });
    }
    await recordEvent(tx as unknown as Db, {
      submissionId: id,
      user,
      action: 'returned',
      from: 'submitted',
      to: 'returned',
      reason,
      detail: {
        taskComments: comments.map((c) => ({
          taskCode: tasks.find((t) => t.taskId === c.taskId)?.code,
          comment: c.comment,
        })),
      },
    });
    await notify(tx as unknown as Db, {
      organisationId: l.org.id,
      audienceRole: 'reporter',
      kind: 'submission_returned',
      titleVi: `Báo cáo bị trả lại: ${l.c.nameVi}`,
      titleEn: `Report returned: ${l.c.nameEn}`,
      bodyVi: `Bộ Tài chính trả lại báo cáo để hoàn thiện. Lý do: ${reason}${comments.length ? ` (${comments.length} nhiệm vụ có ý kiến)` : ''}.`,
      bodyEn: `The Ministry of Finance returned the report for completion. Reason: ${reason}${comments.length ? ` (${comments.length} tasks commented)` : ''}.`,
      link: `/reporting/submissions/${id}`,
      email: { cycleId: l.c.id },
    });
  });
  return getSubmission(db, user, id);
}

/** Accept a submitted report (admin): it is locked from then on. If-Match guarantees the version reviewed is accepted. */
export async function acceptSubmission(db: Db, user: SessionUser | null, id: number, version: number) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'accept');
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(submissions)
      .set({
        state: 'accepted',
        lockedAt: sql`now()`,
        acceptedAt: sql`now()`,
        acceptedBy: actor.userId,
        version: sql`${submissions.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(submissions.id, id), eq(submissions.version, version), eq(submissions.state, 'submitted')))
      .returning({ id: submissions.id });
    if (!u) throw await whyNoRow(tx as unknown as Db, id, version, ['submitted'], 'accept');
    await tx.update(submissionTasks).set({ returnComment: null }).where(eq(submissionTasks.submissionId, id));
    await recordEvent(tx as unknown as Db, {
      submissionId: id,
      user,
      action: 'accepted',
      from: 'submitted',
      to: 'accepted',
    });
    await notify(tx as unknown as Db, {
      organisationId: l.org.id,
      audienceRole: 'reporter',
      kind: 'submission_accepted',
      titleVi: `Báo cáo đã được chấp nhận: ${l.c.nameVi}`,
      titleEn: `Report accepted: ${l.c.nameEn}`,
      bodyVi: 'Bộ Tài chính đã chấp nhận báo cáo của đơn vị; báo cáo được khóa.',
      bodyEn: 'The Ministry of Finance accepted your report; it is now locked.',
      link: `/reporting/submissions/${id}`,
      email: { cycleId: l.c.id },
    });
  });
  return getSubmission(db, user, id);
}

/** Unlock an accepted report with a recorded reason (admin): it goes back to the organisation as returned. */
export async function unlockSubmission(
  db: Db,
  user: SessionUser | null,
  id: number,
  version: number,
  reasonIn: string,
) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'unlock');
  const reason = normaliseText(reasonIn);
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(submissions)
      .set({
        state: 'returned',
        lockedAt: null,
        returnReason: reason,
        version: sql`${submissions.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(submissions.id, id), eq(submissions.version, version), eq(submissions.state, 'accepted')))
      .returning({ id: submissions.id });
    if (!u) throw await whyNoRow(tx as unknown as Db, id, version, ['accepted'], 'unlock');
    await recordEvent(tx as unknown as Db, {
      submissionId: id,
      user,
      action: 'unlocked',
      from: 'accepted',
      to: 'returned',
      reason,
    });
    await notify(tx as unknown as Db, {
      organisationId: l.org.id,
      audienceRole: 'reporter',
      kind: 'submission_unlocked',
      titleVi: `Báo cáo được mở khóa: ${l.c.nameVi}`,
      titleEn: `Report unlocked: ${l.c.nameEn}`,
      bodyVi: `Bộ Tài chính mở khóa báo cáo để đơn vị chỉnh sửa. Lý do: ${reason}.`,
      bodyEn: `The Ministry of Finance unlocked your report for changes. Reason: ${reason}.`,
      link: `/reporting/submissions/${id}`,
      email: { cycleId: l.c.id },
    });
  });
  return getSubmission(db, user, id);
}

/** Comment on one task of a report under review (admin). */
export async function addTaskComment(db: Db, user: SessionUser | null, id: number, taskId: number, body: string) {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'comment');
  const tasks = await orgTasks(db, l.c.id, l.org);
  if (!tasks.some((t) => t.taskId === taskId))
    throw new AppError(404, 'not_found', 'The task is not part of this report.', 'Nhiệm vụ không thuộc báo cáo này.');
  await db.insert(taskComments).values({
    submissionId: id,
    taskId,
    userId: actor.userId,
    authorName: user!.displayName,
    body: normaliseText(body),
  });
  await recordAudit(db, {
    userId: actor.userId,
    action: 'submission_task_commented',
    entity: 'submission',
    entityId: String(id),
    detail: { taskId },
  });
  return getSubmission(db, user, id);
}

// ---------------------------------------------------------------- evidence files

/** Attach an evidence file to a draft or returned report (reporters of the organisation). */
export async function addEvidence(
  db: Db,
  user: SessionUser | null,
  id: number,
  file: { filename: string; data: Buffer; taskId: number | null },
): Promise<EvidenceFile> {
  const actor = actorOf(user);
  const l = await authorise(db, actor, id, 'upload');
  if (file.taskId !== null) {
    const tasks = await orgTasks(db, l.c.id, l.org);
    if (!tasks.some((t) => t.taskId === file.taskId))
      throw new AppError(
        400,
        'validation_failed',
        'Not a task of your report.',
        'Không phải nhiệm vụ trong báo cáo của đơn vị.',
        [
          {
            path: 'body.taskId',
            message: 'Not a task of your report.',
            messageVi: 'Không phải nhiệm vụ trong báo cáo của đơn vị.',
          },
        ],
      );
  }
  const filename = cleanFilename(file.filename);
  let checked: Awaited<ReturnType<typeof checkEvidence>>;
  try {
    checked = await checkEvidence(filename, file.data);
  } catch (e) {
    if (e instanceof EvidenceRejected) {
      await recordAudit(db, {
        userId: actor.userId,
        action: 'evidence_refused',
        entity: 'submission',
        entityId: String(id),
        detail: { filename, code: e.code },
      });
      throw new AppError(e.code === 'file_too_large' ? 413 : 415, e.code, e.messageEn, e.messageVi, [
        { path: 'body.file', message: e.messageEn, messageVi: e.messageVi },
      ]);
    }
    throw e;
  }
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  return db.transaction(async (tx) => {
    // Lock the submission row so a file cannot slip in while the report is being submitted.
    const locked = (await tx.execute(sql`select state from submissions where id = ${id} for update`)) as unknown as {
      rows: { state: string }[];
    };
    const state = locked.rows[0]?.state;
    if (state !== 'draft' && state !== 'returned') {
      const r = transition(state as SubmissionState, 'edit', {
        cycleStatus: l.c.status as never,
        cyclePublished: l.c.publishedAt !== null,
      });
      throw r.ok ? staleWrite() : new AppError(409, r.code, r.messageEn, r.messageVi);
    }
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(submissionFiles)
      .where(eq(submissionFiles.submissionId, id));
    if (Number(n) >= EVIDENCE_MAX_FILES)
      throw new AppError(
        409,
        'too_many_files',
        `A report can have at most ${EVIDENCE_MAX_FILES} files.`,
        `Mỗi báo cáo có tối đa ${EVIDENCE_MAX_FILES} tệp.`,
      );
    const [f] = await tx
      .insert(submissionFiles)
      .values({
        submissionId: id,
        taskId: file.taskId,
        filename,
        contentType: checked.contentType,
        kind: checked.kind,
        sizeBytes: file.data.length,
        sha256,
        uploadedBy: actor.userId,
      })
      .returning();
    await tx.insert(submissionFileContents).values({ fileId: f.id, content: file.data });
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: 'evidence_added',
      entity: 'submission',
      entityId: String(id),
      detail: { fileId: f.id, filename, sizeBytes: file.data.length, sha256 },
    });
    return fileOf(f);
  });
}

const fileNotFound = () => new AppError(404, 'not_found', 'File not found.', 'Không tìm thấy tệp.');

/** Download an evidence file of a report the caller may read. */
export async function getEvidence(db: Db, user: SessionUser | null, id: number, fileId: number) {
  const actor = actorOf(user);
  await authorise(db, actor, id, 'read');
  const [f] = await db
    .select({ f: submissionFiles, content: submissionFileContents.content })
    .from(submissionFiles)
    .innerJoin(submissionFileContents, eq(submissionFileContents.fileId, submissionFiles.id))
    .where(and(eq(submissionFiles.id, fileId), eq(submissionFiles.submissionId, id)));
  if (!f) throw fileNotFound();
  return { filename: f.f.filename, contentType: f.f.contentType, content: f.content };
}

/** Remove an evidence file from a draft or returned report (reporters of the organisation). */
export async function deleteEvidence(db: Db, user: SessionUser | null, id: number, fileId: number) {
  const actor = actorOf(user);
  await authorise(db, actor, id, 'delete_file');
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(submissionFiles)
      .where(
        and(
          eq(submissionFiles.id, fileId),
          eq(submissionFiles.submissionId, id),
          sql`exists (select 1 from submissions s where s.id = ${id} and s.state in ('draft', 'returned'))`,
        ),
      )
      .returning({ id: submissionFiles.id, filename: submissionFiles.filename });
    if (deleted.length === 0) throw fileNotFound();
    await recordAudit(tx as unknown as Db, {
      userId: actor.userId,
      action: 'evidence_deleted',
      entity: 'submission',
      entityId: String(id),
      detail: deleted[0],
    });
  });
}

// ---------------------------------------------------------------- search

/** Fold text for matching while keeping, for each folded character, its index in the original string. */
function foldWithMap(s: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = foldVi(ch) || (/\s/.test(ch) ? ' ' : '');
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, map };
}

/** A snippet of about 160 characters around the first match of `needle` (already folded) in `text`. */
export function snippetAround(text: string, needle: string): string | null {
  // Cheap whole-string test first; the character map is built only for texts that match.
  if (!foldVi(text).includes(needle.replace(/\s+/g, ' ').trim())) return null;
  const { folded, map } = foldWithMap(text);
  const at = folded.indexOf(needle);
  if (at < 0) return null;
  const start = Math.max(0, map[at] - 70);
  const end = Math.min(text.length, (map[at + needle.length - 1] ?? text.length) + 90);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

/**
 * Search the narratives, general sections and document numbers of the submissions the caller may read, accent-
 * and case-insensitively (Vietnamese folding), optionally within one cycle.
 */
export async function searchSubmissions(db: Db, user: SessionUser | null, q: string, cycleId?: number) {
  const actor = actorOf(user);
  const needle = foldVi(normaliseText(q));
  const cycles = (await loadCycleRows(db)).filter(
    (c) => (cycleId === undefined || c.id === cycleId) && canSeeCycle(actor, cycleFactsOf(c)),
  );
  const orgs = await organisationsById(db);
  const candidates: { s: SubmissionRow; c: (typeof cycles)[number] }[] = [];
  for (const c of cycles)
    for (const s of await loadSubmissionRows(db, { cycleId: c.id }))
      if (canRead(actor, submissionFactsOf(s, c, orgs.get(s.organisationId)))) candidates.push({ s, c });
  const ids = candidates.map((x) => x.s.id);
  // Filter in SQL on the folded text; only matching narratives are read back for their snippets.
  const pattern = `%${needle
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const taskRows = ids.length
    ? await db
        .select({
          submissionId: submissionTasks.submissionId,
          taskId: submissionTasks.taskId,
          text: submissionTasks.narrativeText,
        })
        .from(submissionTasks)
        .where(and(inArray(submissionTasks.submissionId, ids), sql`${submissionTasks.narrativeFolded} like ${pattern}`))
    : [];
  const codes = new Map<number, string>();
  for (const c of cycles) for (const t of await loadOutline(db, c.id)) codes.set(t.taskId, t.code);
  const hits: {
    submissionId: number;
    cycleId: number;
    cycleYear: number;
    orgCode: string;
    orgName: string;
    taskCode: string | null;
    snippet: string;
  }[] = [];
  for (const { s, c } of candidates) {
    const o = orgs.get(s.organisationId)!;
    const base = { submissionId: s.id, cycleId: c.id, cycleYear: c.year, orgCode: o.code, orgName: o.nameVi };
    const docSnippet = snippetAround(`${s.docNumber ?? ''}`, needle);
    if (docSnippet) hits.push({ ...base, taskCode: null, snippet: docSnippet });
    for (const r of taskRows.filter((t) => t.submissionId === s.id)) {
      const sn = snippetAround(r.text, needle);
      if (sn) hits.push({ ...base, taskCode: codes.get(r.taskId) ?? null, snippet: sn });
    }
    for (const html of Object.values(s.sections as Record<string, string>)) {
      const sn = snippetAround(narrativeToText(html), needle);
      if (sn) hits.push({ ...base, taskCode: null, snippet: sn });
    }
  }
  return { items: hits.slice(0, 100), total: hits.length };
}

// ---------------------------------------------------------------- paper reports registered by MoF

/**
 * Register a report an expected organisation sent outside the system, on paper or by official letter (MoF admins,
 * open cycles, organisations with nothing in the system yet — see `decidePaperRegistration`). The submission is
 * created as received (`submitted`, so MoF reviews and accepts it as any other) with the document number and date,
 * MoF's receipt date (on time / late are judged on it), the register number, a `paper_registered` flag, a
 * `registered_paper` event with who and when, the optional scanned report as a file and the per-task content MoF
 * chose to enter. The organisation's reporters are notified. One transaction; a refused file stores nothing.
 */
export async function registerPaperReport(
  db: Db,
  user: SessionUser | null,
  cycleId: number,
  input: PaperReportInput,
  file: { filename: string; data: Buffer } | null = null,
): Promise<SubmissionDetail> {
  const actor = actorOf(user);
  const target = { entity: 'cycle', id: cycleId, action: 'register_paper' };
  const c = await loadCycleRow(db, cycleId);
  if (!c) {
    await enforce(
      db,
      actor,
      actor.role === 'anonymous' ? { outcome: 'unauthenticated' } : { outcome: 'not_found' },
      target,
      cycleNotFound,
    );
    throw cycleNotFound();
  }
  const [existing] = await db
    .select({ state: submissions.state })
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), eq(submissions.organisationId, input.organisationId)));
  // Whether the organisation is expected is checked after the permission, so callers learn nothing before it.
  await enforce(
    db,
    actor,
    decidePaperRegistration(actor, cycleFactsOf(c), (existing?.state as SubmissionState | undefined) ?? null),
    target,
    cycleNotFound,
  );
  const [exp] = await db
    .select()
    .from(cycleOrganisations)
    .where(and(eq(cycleOrganisations.cycleId, cycleId), eq(cycleOrganisations.organisationId, input.organisationId)));
  const orgs = await organisationsById(db);
  const org = orgs.get(input.organisationId);
  if (!exp || !org)
    throw validationError([
      {
        path: 'body.organisationId',
        message: 'This organisation is not expected to report in this cycle.',
        messageVi: 'Cơ quan này không thuộc danh sách báo cáo kỳ này.',
      },
    ]);
  const errors: FieldError[] = [];
  const now = today();
  if (input.receivedOn > now)
    errors.push({
      path: 'body.receivedOn',
      message: 'The receipt date is in the future.',
      messageVi: 'Ngày nhận sau ngày hôm nay.',
    });
  if (input.docDate > input.receivedOn)
    errors.push({
      path: 'body.docDate',
      message: 'The report is dated after the day it was received.',
      messageVi: 'Ngày văn bản sau ngày nhận báo cáo.',
    });
  const tasks = await orgTasks(db, cycleId, org);
  const given = new Map<
    number,
    { status: TaskStatus | null; narrativeHtml: string; figures: Record<string, number | null> }
  >();
  input.tasks.forEach((t, i) => {
    const def = tasks.find((x) => x.taskId === t.taskId);
    if (!def || given.has(t.taskId)) {
      errors.push({
        path: `body.tasks.${i}.taskId`,
        message: def ? 'The task is listed twice.' : 'Not a task this organisation reports on.',
        messageVi: def ? 'Nhiệm vụ bị liệt kê hai lần.' : 'Không phải nhiệm vụ cơ quan này báo cáo.',
      });
      return;
    }
    const figures: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(t.figures)) {
      const fd = def.figureDefs.find((f) => f.key === k);
      if (!fd || (v !== null && Math.abs(v) > 1e15)) {
        errors.push({
          path: `body.tasks.${i}.figures.${k}`,
          message: fd ? 'The number is too large.' : 'The outline does not ask for this figure.',
          messageVi: fd ? 'Số quá lớn.' : 'Đề cương không yêu cầu số liệu này.',
        });
        continue;
      }
      figures[k] = v === null ? null : Number(v.toFixed(fd.decimals));
    }
    given.set(t.taskId, { status: t.status, narrativeHtml: sanitiseNarrative(t.narrativeHtml), figures });
  });
  if (errors.length) throw validationError(errors);
  let scan: {
    filename: string;
    checked: Awaited<ReturnType<typeof checkEvidence>>;
    sha256: string;
    data: Buffer;
  } | null = null;
  if (file) {
    const filename = cleanFilename(file.filename);
    try {
      scan = {
        filename,
        checked: await checkEvidence(filename, file.data),
        sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
      };
    } catch (e) {
      if (e instanceof EvidenceRejected) {
        await recordAudit(db, {
          userId: actor.userId,
          action: 'evidence_refused',
          entity: 'cycle',
          entityId: String(cycleId),
          detail: { filename, code: e.code, paperReportFor: org.code },
        });
        throw new AppError(e.code === 'file_too_large' ? 413 : 415, e.code, e.messageEn, e.messageVi, [
          { path: 'body.file', message: e.messageEn, messageVi: e.messageVi },
        ]);
      }
      throw e;
    }
  }
  const group = groupOf(org);
  const docNumber = normaliseText(input.docNumber);
  const note = input.note === null ? null : normaliseText(input.note) || null;
  const who = user?.displayName ?? '—';
  const already = () => {
    const d = decidePaperRegistration(actor, cycleFactsOf(c), 'submitted');
    return d.outcome === 'conflict' ? new AppError(409, d.code, d.messageEn, d.messageVi) : staleWrite();
  };
  const id = await db
    .transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: submissions.id, state: submissions.state })
        .from(submissions)
        .where(and(eq(submissions.cycleId, cycleId), eq(submissions.organisationId, org.id)));
      if (clash) {
        const d = decidePaperRegistration(actor, cycleFactsOf(c), clash.state as SubmissionState);
        throw d.outcome === 'conflict' ? new AppError(409, d.code, d.messageEn, d.messageVi) : staleWrite();
      }
      const [row] = await tx
        .insert(submissions)
        .values({
          cycleId,
          organisationId: org.id,
          state: 'submitted',
          docNumber,
          docDate: input.docDate,
          receivedOn: input.receivedOn,
          reportingBodyVi: input.reportingBodyVi === null ? null : normaliseText(input.reportingBodyVi) || null,
          flags: [
            {
              code: 'paper_registered',
              noteVi: `Bộ Tài chính nhập từ báo cáo giấy/công văn (${who}, ${formatDateVi(now)}).`,
              noteEn: `Registered by the Ministry of Finance from a paper report / official letter (${who}, ${formatDateVi(now)}).`,
            },
          ],
          createdBy: actor.userId,
          updatedBy: actor.userId,
          submittedBy: actor.userId,
          submittedAt: sql`now()`,
          firstSubmittedAt: sql`now()`,
          registerNo: sql`(select coalesce(max(s2.register_no), 0) + 1 from submissions s2 join organisations o2 on o2.id = s2.organisation_id where s2.cycle_id = ${cycleId} and (o2.kind = 'province') = ${group === 'locality'})`,
        })
        .returning({ id: submissions.id });
      if (tasks.length)
        await tx.insert(submissionTasks).values(
          tasks.map((t) => {
            const g = given.get(t.taskId);
            const narrativeText = g ? narrativeToText(g.narrativeHtml) : '';
            return {
              submissionId: row.id,
              taskId: t.taskId,
              status: g?.status ?? null,
              narrativeHtml: g?.narrativeHtml ?? '',
              narrativeText,
              narrativeFolded: foldVi(narrativeText),
              figures: Object.fromEntries(t.figureDefs.map((f) => [f.key, g?.figures[f.key] ?? null])),
            };
          }),
        );
      let fileId: number | null = null;
      if (scan) {
        const [f] = await tx
          .insert(submissionFiles)
          .values({
            submissionId: row.id,
            taskId: null,
            filename: scan.filename,
            contentType: scan.checked.contentType,
            kind: scan.checked.kind,
            sizeBytes: scan.data.length,
            sha256: scan.sha256,
            uploadedBy: actor.userId,
          })
          .returning();
        await tx.insert(submissionFileContents).values({ fileId: f.id, content: scan.data });
        fileId = f.id;
      }
      await recordEvent(tx as unknown as Db, {
        submissionId: row.id,
        user,
        action: 'registered_paper',
        from: null,
        to: 'submitted',
        reason: note,
        detail: { docNumber, docDate: input.docDate, receivedOn: input.receivedOn, fileId, tasks: [...given.keys()] },
      });
      await notify(tx as unknown as Db, {
        organisationId: org.id,
        audienceRole: 'reporter',
        kind: 'paper_registered',
        titleVi: `Bộ Tài chính đã nhập báo cáo giấy: ${c.nameVi}`,
        titleEn: `The Ministry of Finance registered your paper report: ${c.nameEn}`,
        bodyVi: `Văn bản số ${docNumber} ngày ${formatDateVi(input.docDate)}, nhận ngày ${formatDateVi(input.receivedOn)}.`,
        bodyEn: `Document ${docNumber} of ${formatDateVi(input.docDate)}, received on ${formatDateVi(input.receivedOn)}.`,
        link: `/reporting/submissions/${row.id}`,
      });
      return row.id;
    })
    .catch((e: { code?: string; cause?: { code?: string } }) => {
      // Two registrations (or a registration and the reporter's start) racing: the unique (cycle, organisation)
      // index lets one through; the other is told the report exists.
      if (e?.code === '23505' || e?.cause?.code === '23505') throw already();
      throw e;
    });
  return getSubmission(db, user, id);
}

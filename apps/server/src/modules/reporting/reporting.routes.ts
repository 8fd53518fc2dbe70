import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssessmentInput,
  AssignmentsInput,
  CommentInput,
  DbIdParam,
  CycleDetail,
  CycleInput,
  CyclesResponse,
  CycleTaskParams,
  EmptyInput,
  EvidenceFile,
  FileParams,
  HistoryQuery,
  ReportingIdParams,
  MarkReadInput,
  MatrixResponse,
  NotificationsResponse,
  OutboxResponse,
  PaperReportInput,
  PolicyDocument,
  PolicyDocumentDetail,
  PolicyDocumentInput,
  PolicyDocumentsResponse,
  PolicyTask,
  PolicyTaskInput,
  ProgressResponse,
  PublishInput,
  ReasonInput,
  RemindersResult,
  ReturnInput,
  SaveSubmissionInput,
  SearchQuery,
  SearchResponse,
  StartSubmissionInput,
  SubmissionDetail,
  SubmissionsResponse,
  SubmissionTaskParams,
  TaskEntriesResponse,
  TaskHistoryResponse,
} from '@regionlink/shared';
import { requireUser } from '../../lib/auth';
import { AppError, zodIssuesToFieldErrors } from '../../lib/errors';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { readSingleFile } from '../../lib/multipart';
import { type Gate, type PolicyRow, contributePolicy } from '../../lib/policy';
import {
  createCycle,
  exportMatrixCsv,
  exportTaskEntriesCsv,
  exportProgressCsv,
  getCycle,
  getCycleReportSource,
  getMatrix,
  getProgress,
  getTaskEntries,
  getTaskHistory,
  listCycles,
  setTaskAssessment,
  startNextCycle,
  transitionCycle,
  updateCycle,
} from './cycles.service';
import {
  createPolicyDocument,
  createPolicyTask,
  getPolicyDocument,
  listPolicyDocuments,
  setTaskAssignments,
  updatePolicyDocument,
  updatePolicyTask,
} from './documents.service';
import { EVIDENCE_MAX_BYTES } from './evidence';
import { listNotifications, listOutbox, markNotificationsRead, runRemindersAs } from './notifications.service';
import {
  acceptSubmission,
  addEvidence,
  addTaskComment,
  deleteEvidence,
  getEvidence,
  getSubmission,
  listCycleSubmissions,
  registerPaperReport,
  returnSubmission,
  saveSubmission,
  searchSubmissions,
  startSubmission,
  submitSubmission,
  unlockSubmission,
} from './submissions.service';

/**
 * The policy row of every reporting route: which rule of `policy.ts` guards it. The route-inventory test fails when
 * a route has none, so a new endpoint cannot ship without a permission decision.
 */
export type RoutePolicy =
  | 'public'
  | 'signed_in'
  | 'admin'
  | 'cycle.list'
  | 'cycle.read'
  | 'cycle.progress'
  | 'cycle.matrix'
  | 'cycle.entries'
  | 'cycle.history'
  | 'cycle.report_source'
  | 'submission.list'
  | 'submission.search'
  | 'submission.start'
  | 'submission.register_paper'
  | 'submission.read'
  | 'submission.edit'
  | 'submission.submit'
  | 'submission.return'
  | 'submission.accept'
  | 'submission.unlock'
  | 'submission.comment'
  | 'submission.upload'
  | 'submission.delete_file';

/**
 * The central gate (lib/policy.ts) of each reporting rule: reads are public (each applies the caller's scope), MoF's
 * routes are admin-only, and actions on one submission or cycle need a session, then `policy.ts` decides on the
 * object (404 where its existence must not leak).
 */
const GATE_OF = (p: RoutePolicy | undefined): Gate =>
  p === 'admin'
    ? ['admin']
    : p === 'signed_in'
      ? 'signed_in'
      : p === undefined || WRITE_POLICIES.has(p)
        ? 'signed_in'
        : 'public';
const WRITE_POLICIES = new Set<RoutePolicy>([
  'submission.start',
  'submission.register_paper',
  'submission.edit',
  'submission.submit',
  'submission.return',
  'submission.accept',
  'submission.unlock',
  'submission.comment',
  'submission.upload',
  'submission.delete_file',
]);

/** Every reporting route registered, with its policy row (filled when the plugin registers). */
export const REPORTING_ROUTES: { method: string; url: string; policy: RoutePolicy | undefined }[] = [];

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

function sendSubmission(reply: FastifyReply, s: SubmissionDetail) {
  setEtag(reply, 'submission', s.id, s.version);
  noStore(reply);
  return s;
}

function sendCycle(reply: FastifyReply, c: CycleDetail) {
  setEtag(reply, 'cycle', c.id, c.version);
  return c;
}

const ifMatch = (req: FastifyRequest, kind: string, id: number) => requireIfMatch(req, kind, id);

/** Policy tasks, reporting cycles, submissions and their review, progress, notifications. */
export const reportingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      const url = route.url;
      const policy = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
      if (!REPORTING_ROUTES.some((r) => r.method === m && r.url === url))
        REPORTING_ROUTES.push({ method: m, url, policy });
      contributePolicy([{ method: m as PolicyRow['method'], url, gate: GATE_OF(policy) }]);
    }
  });
  const tags = ['reporting'];
  const db = () => app.db;

  // ---------------------------------------------------------------- policy documents and tasks
  app.get(
    '/policy-documents',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'Policy documents whose tasks are reported on',
        response: { 200: PolicyDocumentsResponse },
      },
    },
    async () => ({ items: await listPolicyDocuments(db()) }),
  );
  app.get(
    '/policy-documents/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'A policy document with its tasks and assignments',
        params: ReportingIdParams,
        response: { 200: PolicyDocumentDetail },
      },
    },
    async (req, reply) => {
      const d = await getPolicyDocument(db(), req.params.id);
      setEtag(reply, 'document', d.id, d.version);
      return d;
    },
  );
  app.post(
    '/policy-documents',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Create a policy document (MoF)',
        body: PolicyDocumentInput,
        response: { 201: PolicyDocument },
      },
    },
    async (req, reply) => {
      const d = await createPolicyDocument(db(), req.user, req.body);
      setEtag(reply, 'document', d.id, d.version);
      return reply.status(201).send(d);
    },
  );
  app.put(
    '/policy-documents/:id',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Edit a policy document (MoF, If-Match)',
        params: ReportingIdParams,
        body: PolicyDocumentInput,
        response: { 200: PolicyDocumentDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      const d = await updatePolicyDocument(
        db(),
        req.user,
        req.params.id,
        ifMatch(req, 'document', req.params.id),
        req.body,
      );
      setEtag(reply, 'document', d.id, d.version);
      return d;
    },
  );
  app.post(
    '/policy-documents/:id/tasks',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Add a task to a policy document (MoF)',
        params: ReportingIdParams,
        body: PolicyTaskInput,
        response: { 201: PolicyTask },
      },
    },
    async (req, reply) => {
      const t = await createPolicyTask(db(), req.user, req.params.id, req.body);
      setEtag(reply, 'task', t.id, t.version);
      return reply.status(201).send(t);
    },
  );
  app.put(
    '/policy-tasks/:id',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Edit a task (MoF, If-Match)',
        params: ReportingIdParams,
        body: PolicyTaskInput,
        response: { 200: PolicyTask },
      },
    },
    async (req, reply) => {
      requireUser(req);
      const t = await updatePolicyTask(db(), req.user, req.params.id, ifMatch(req, 'task', req.params.id), req.body);
      setEtag(reply, 'task', t.id, t.version);
      return t;
    },
  );
  app.put(
    '/policy-tasks/:id/assignments',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Assign a task to organisations as lead or co-operating (MoF, If-Match)',
        params: ReportingIdParams,
        body: AssignmentsInput,
        response: { 200: PolicyTask },
      },
    },
    async (req, reply) => {
      requireUser(req);
      const t = await setTaskAssignments(db(), req.user, req.params.id, ifMatch(req, 'task', req.params.id), req.body);
      setEtag(reply, 'task', t.id, t.version);
      return t;
    },
  );

  // ---------------------------------------------------------------- cycles
  app.get(
    '/cycles',
    {
      config: { policy: 'cycle.list' },
      schema: { tags, summary: 'Reporting cycles the caller may see', response: { 200: CyclesResponse } },
    },
    async (req) => ({ items: await listCycles(db(), req.user) }),
  );
  app.post(
    '/cycles',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Create a reporting cycle in draft (MoF)',
        body: CycleInput,
        response: { 201: CycleDetail },
      },
    },
    async (req, reply) => reply.status(201).send(sendCycle(reply, await createCycle(db(), req.user, req.body))),
  );
  app.get(
    '/cycles/:id',
    {
      config: { policy: 'cycle.read' },
      schema: {
        tags,
        summary: 'A cycle with its outline and expected reporters',
        params: ReportingIdParams,
        response: { 200: CycleDetail },
      },
    },
    async (req, reply) => sendCycle(reply, await getCycle(db(), req.user, req.params.id)),
  );
  app.put(
    '/cycles/:id',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Edit a cycle (MoF, If-Match)',
        params: ReportingIdParams,
        body: CycleInput,
        response: { 200: CycleDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendCycle(
        reply,
        await updateCycle(db(), req.user, req.params.id, ifMatch(req, 'cycle', req.params.id), req.body),
      );
    },
  );
  app.post(
    '/cycles/:id/next-year',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary:
          "Start next year's cycle from this one: outline, figures asked for, sections and expected organisations copied (MoF)",
        params: ReportingIdParams,
        body: EmptyInput.optional(),
        response: { 201: CycleDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return reply.status(201).send(sendCycle(reply, await startNextCycle(db(), req.user, req.params.id)));
    },
  );
  for (const move of ['open', 'close', 'unpublish'] as const)
    app.post(
      `/cycles/:id/${move}`,
      {
        config: { policy: 'admin' },
        schema: {
          tags,
          summary: `${move[0].toUpperCase()}${move.slice(1)} a cycle (MoF, If-Match)`,
          params: ReportingIdParams,
          body: EmptyInput.optional(),
          response: { 200: CycleDetail },
        },
      },
      async (req, reply) => {
        requireUser(req);
        return sendCycle(
          reply,
          await transitionCycle(db(), req.user, req.params.id, ifMatch(req, 'cycle', req.params.id), move),
        );
      },
    );
  app.post(
    '/cycles/:id/publish',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: "Publish a closed cycle's results (MoF, If-Match)",
        params: ReportingIdParams,
        body: PublishInput.optional(),
        response: { 200: CycleDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendCycle(
        reply,
        await transitionCycle(
          db(),
          req.user,
          req.params.id,
          ifMatch(req, 'cycle', req.params.id),
          'publish',
          req.body?.publicationRef ?? null,
        ),
      );
    },
  );
  app.put(
    '/cycles/:id/tasks/:taskId/assessment',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: "MoF's consolidated assessment of a task in a cycle",
        params: CycleTaskParams,
        body: AssessmentInput,
        response: { 200: CycleDetail },
      },
    },
    async (req, reply) =>
      sendCycle(reply, await setTaskAssessment(db(), req.user, req.params.id, req.params.taskId, req.body)),
  );
  app.get(
    '/cycles/:id/progress',
    {
      config: { policy: 'cycle.progress' },
      schema: {
        tags,
        summary: 'Completeness and timeliness: expected, received, on time, late, missing, by group and region',
        params: ReportingIdParams,
        response: { 200: ProgressResponse },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return getProgress(db(), req.user, req.params.id);
    },
  );
  app.get(
    '/cycles/:id/progress.csv',
    {
      config: { policy: 'cycle.progress' },
      schema: { tags, summary: 'The register of reports received, as CSV', params: ReportingIdParams },
    },
    async (req, reply) => {
      const { filename, csv } = await exportProgressCsv(db(), req.user, req.params.id);
      return sendDownload(reply, filename, 'text/csv; charset=utf-8', csv);
    },
  );
  app.get(
    '/cycles/:id/matrix',
    {
      config: { policy: 'cycle.matrix' },
      schema: {
        tags,
        summary: 'Task × organisation status matrix',
        params: ReportingIdParams,
        response: { 200: MatrixResponse },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return getMatrix(db(), req.user, req.params.id);
    },
  );
  app.get(
    '/cycles/:id/matrix.csv',
    {
      config: { policy: 'cycle.matrix' },
      schema: { tags, summary: 'Task × organisation status matrix, as CSV', params: ReportingIdParams },
    },
    async (req, reply) => {
      const { filename, csv } = await exportMatrixCsv(db(), req.user, req.params.id);
      return sendDownload(reply, filename, 'text/csv; charset=utf-8', csv);
    },
  );
  app.get(
    '/cycles/:id/tasks/:taskId/entries.csv',
    {
      config: { policy: 'cycle.entries' },
      schema: {
        tags,
        summary: 'One task across all organisations, with the figures asked for and their total, as CSV',
        params: CycleTaskParams,
      },
    },
    async (req, reply) => {
      const { filename, csv } = await exportTaskEntriesCsv(db(), req.user, req.params.id, req.params.taskId);
      return sendDownload(reply, filename, 'text/csv; charset=utf-8', csv);
    },
  );
  app.get(
    '/cycles/:id/tasks/:taskId/entries',
    {
      config: { policy: 'cycle.entries' },
      schema: {
        tags,
        summary: 'One task across all organisations, side by side',
        params: CycleTaskParams,
        response: { 200: TaskEntriesResponse },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return getTaskEntries(db(), req.user, req.params.id, req.params.taskId);
    },
  );
  app.get(
    '/cycles/:id/report-source',
    {
      config: { policy: 'cycle.report_source' },
      schema: {
        tags,
        summary: 'Accepted submissions of a cycle arranged for the national report',
        params: ReportingIdParams,
      },
    },
    async (req, reply) => {
      noStore(reply);
      return getCycleReportSource(db(), req.user, req.params.id);
    },
  );
  app.get(
    '/cycles/:id/submissions',
    {
      config: { policy: 'submission.list' },
      schema: {
        tags,
        summary: 'Submissions of a cycle the caller may see',
        params: ReportingIdParams,
        response: { 200: SubmissionsResponse },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return { items: await listCycleSubmissions(db(), req.user, req.params.id) };
    },
  );
  app.post(
    '/cycles/:id/submissions',
    {
      config: { policy: 'submission.start' },
      schema: {
        tags,
        summary: "Start the caller's organisation's report, optionally from last cycle's",
        params: ReportingIdParams,
        body: StartSubmissionInput,
        response: { 201: SubmissionDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(sendSubmission(reply, await startSubmission(db(), req.user, req.params.id, req.body))),
  );
  app.post(
    '/cycles/:id/paper-reports',
    {
      config: { policy: 'submission.register_paper' },
      schema: {
        tags,
        summary:
          'Register a report an expected organisation sent on paper / by official letter (MoF; JSON, or multipart with the JSON in field "data" and the scanned report in field "file")',
        params: ReportingIdParams,
        response: { 201: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      let raw: unknown = req.body;
      let file: { filename: string; data: Buffer } | null = null;
      if (req.isMultipart()) {
        const upload = await readSingleFile(req, { maxBytes: EVIDENCE_MAX_BYTES, optional: true });
        file = upload.file;
        raw = undefined;
        if (upload.fields.data !== undefined) {
          try {
            raw = JSON.parse(upload.fields.data);
          } catch {
            throw new AppError(
              400,
              'validation_failed',
              'The field "data" is not JSON.',
              'Trường "data" không phải JSON.',
              [{ path: 'body.data', message: 'Not JSON.', messageVi: 'Không phải JSON.' }],
            );
          }
        }
      }
      const parsed = PaperReportInput.safeParse(raw ?? {});
      if (!parsed.success) {
        const errors = zodIssuesToFieldErrors(parsed.error.issues as never, 'body');
        const fields = errors.map((e) => e.path).join(', ');
        throw new AppError(
          400,
          'validation_failed',
          `Invalid parameter: ${fields}`,
          `Tham số không hợp lệ: ${fields}`,
          errors,
        );
      }
      const s = await registerPaperReport(db(), req.user, req.params.id, parsed.data, file);
      return reply.status(201).send(sendSubmission(reply, s));
    },
  );
  app.get(
    '/tasks/history',
    {
      config: { policy: 'cycle.history' },
      schema: {
        tags,
        summary: 'Status of each task across cycles',
        querystring: HistoryQuery,
        response: { 200: TaskHistoryResponse },
      },
    },
    async (req) => getTaskHistory(db(), req.user, req.query.documentId),
  );

  // ---------------------------------------------------------------- submissions
  app.get(
    '/submissions/search',
    {
      config: { policy: 'submission.search' },
      schema: {
        tags,
        summary: 'Search the submissions the caller may read',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return searchSubmissions(db(), req.user, req.query.q, req.query.cycleId);
    },
  );
  app.get(
    '/submissions/:id',
    {
      config: { policy: 'submission.read' },
      schema: { tags, summary: 'A submission (ETag)', params: ReportingIdParams, response: { 200: SubmissionDetail } },
    },
    async (req, reply) => sendSubmission(reply, await getSubmission(db(), req.user, req.params.id)),
  );
  app.put(
    '/submissions/:id',
    {
      config: { policy: 'submission.edit' },
      schema: {
        tags,
        summary: 'Save a draft (If-Match; a stale version gets 412 and nothing is written)',
        params: ReportingIdParams,
        body: SaveSubmissionInput,
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendSubmission(
        reply,
        await saveSubmission(db(), req.user, req.params.id, ifMatch(req, 'submission', req.params.id), req.body),
      );
    },
  );
  app.post(
    '/submissions/:id/submit',
    {
      config: { policy: 'submission.submit' },
      schema: {
        tags,
        summary: 'Send the report to MoF (If-Match)',
        params: ReportingIdParams,
        body: EmptyInput.optional(),
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendSubmission(
        reply,
        await submitSubmission(db(), req.user, req.params.id, ifMatch(req, 'submission', req.params.id)),
      );
    },
  );
  app.post(
    '/submissions/:id/return',
    {
      config: { policy: 'submission.return' },
      schema: {
        tags,
        summary: 'Return a report with a reason and per-task comments (MoF, If-Match)',
        params: ReportingIdParams,
        body: ReturnInput,
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendSubmission(
        reply,
        await returnSubmission(db(), req.user, req.params.id, ifMatch(req, 'submission', req.params.id), req.body),
      );
    },
  );
  app.post(
    '/submissions/:id/accept',
    {
      config: { policy: 'submission.accept' },
      schema: {
        tags,
        summary: 'Accept and lock a report (MoF, If-Match)',
        params: ReportingIdParams,
        body: EmptyInput.optional(),
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendSubmission(
        reply,
        await acceptSubmission(db(), req.user, req.params.id, ifMatch(req, 'submission', req.params.id)),
      );
    },
  );
  app.post(
    '/submissions/:id/unlock',
    {
      config: { policy: 'submission.unlock' },
      schema: {
        tags,
        summary: 'Unlock an accepted report, with a reason (MoF, If-Match)',
        params: ReportingIdParams,
        body: ReasonInput,
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) => {
      requireUser(req);
      return sendSubmission(
        reply,
        await unlockSubmission(
          db(),
          req.user,
          req.params.id,
          ifMatch(req, 'submission', req.params.id),
          req.body.reason,
        ),
      );
    },
  );
  app.post(
    '/submissions/:id/tasks/:taskId/comments',
    {
      config: { policy: 'submission.comment' },
      schema: {
        tags,
        summary: 'Comment on one task of a report under review (MoF)',
        params: SubmissionTaskParams,
        body: CommentInput,
        response: { 200: SubmissionDetail },
      },
    },
    async (req, reply) =>
      sendSubmission(reply, await addTaskComment(db(), req.user, req.params.id, req.params.taskId, req.body.body)),
  );
  app.post(
    '/submissions/:id/files',
    {
      config: { policy: 'submission.upload' },
      schema: {
        tags,
        summary: `Attach an evidence file (multipart field "file"; at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB; PDF, Office, OpenDocument, PNG, JPEG)`,
        params: ReportingIdParams,
        querystring: z.object({ taskId: DbIdParam.optional() }),
        response: { 201: EvidenceFile },
      },
    },
    async (req, reply) => {
      requireUser(req);
      const { file } = await readSingleFile(req, { maxBytes: EVIDENCE_MAX_BYTES });
      const part = file!;
      const data = part.data;
      const f = await addEvidence(db(), req.user, req.params.id, {
        filename: part.filename,
        data,
        taskId: req.query.taskId ?? null,
      });
      return reply.status(201).send(f);
    },
  );
  app.get(
    '/submissions/:id/files/:fileId',
    {
      config: { policy: 'submission.read' },
      schema: { tags, summary: 'Download an evidence file', params: FileParams },
    },
    async (req, reply) => {
      const f = await getEvidence(db(), req.user, req.params.id, req.params.fileId);
      return sendDownload(reply, f.filename, f.contentType, f.content);
    },
  );
  app.delete(
    '/submissions/:id/files/:fileId',
    {
      config: { policy: 'submission.delete_file' },
      schema: {
        tags,
        summary: 'Remove an evidence file from a draft',
        params: FileParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteEvidence(db(), req.user, req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    },
  );

  // ---------------------------------------------------------------- notifications
  app.get(
    '/notifications',
    {
      config: { policy: 'signed_in' },
      schema: { tags, summary: "The caller's notifications", response: { 200: NotificationsResponse } },
    },
    async (req, reply) => {
      noStore(reply);
      return listNotifications(db(), requireUser(req));
    },
  );
  app.post(
    '/notifications/read',
    {
      config: { policy: 'signed_in' },
      schema: {
        tags,
        summary: 'Mark notifications read',
        body: MarkReadInput,
        response: { 200: NotificationsResponse },
      },
    },
    async (req) => markNotificationsRead(db(), requireUser(req), req.body.ids),
  );
  app.get(
    '/outbox',
    {
      config: { policy: 'admin' },
      schema: { tags, summary: 'E-mail outbox (MoF)', response: { 200: OutboxResponse } },
    },
    async (req) => listOutbox(db(), req.user),
  );
  app.post(
    '/reminders/run',
    {
      config: { policy: 'admin' },
      schema: {
        tags,
        summary: 'Create deadline reminders now (MoF)',
        body: EmptyInput.optional(),
        response: { 200: RemindersResult },
      },
    },
    async (req) => runRemindersAs(db(), req.user),
  );
};

import {
  ActualInput,
  CodeParams,
  Evidence,
  FUNDING_SOURCES,
  FUNDING_TYPES,
  FundingLine,
  FundingLineInput,
  FundingLinePatch,
  FundingSummaryResponse,
  IdParams,
  Milestone,
  MilestoneInput,
  MilestonePatch,
  PlanDetail,
  PlanInput,
  PlanPatch,
  PlansResponse,
  PROJECT_STATUSES,
  ProgressUpdate,
  ProgressUpdateInput,
  ProgressUpdatePatch,
  ProjectDetail,
  ProjectFilterQuery,
  ProjectInput,
  ProjectPatch,
  ProjectsQuery,
  ProjectsResponse,
  RfFormatQuery,
  RfIndicator,
  RfIndicatorInput,
  SECTORS,
  TARGET_STATUSES,
  TargetInput,
  TaskGroupInput,
  TimelineResponse,
} from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { readSingleFile } from '../../lib/multipart';
import { contributePolicy } from '../../lib/policy';
import { PLANS_GATES } from './plans.policy';
import { todayVn } from '../geo/geo.service';
import { registryCsv, registryIati, registryXlsx, resultsFrameworkCsv, resultsFrameworkXlsx } from './plans.exports';
import {
  addActual,
  addTarget,
  createIndicator,
  createPlan,
  createTaskGroup,
  getIndicator,
  getPlan,
  getResultsFramework,
  listPlans,
  updatePlan,
} from './plans.service';
import {
  addEvidence,
  createFundingLine,
  createMilestone,
  createProgressUpdate,
  deleteEvidence,
  deleteFundingLine,
  deleteMilestone,
  deleteProgressUpdate,
  downloadEvidence,
  listProgressUpdates,
  MAX_EVIDENCE_BYTES,
  publishProgressUpdate,
  readFundingLine,
  readMilestone,
  updateFundingLine,
  updateMilestone,
  updateProgressUpdate,
} from './project-work.service';
import {
  createProject,
  fundingSummary,
  getProject,
  listProjects,
  projectTimeline,
  updateProject,
} from './projects.service';

const Vocabulary = z.object({
  sectors: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  fundingSources: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  fundingTypes: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  statuses: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  targetStatuses: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  phases: z.array(z.string()),
});
const entries = (r: Record<string, { vi: string; en: string }>) =>
  Object.entries(r).map(([code, l]) => ({ code, vi: l.vi, en: l.en }));

const stamp = () => todayVn().replace(/-/g, '');

/**
 * Plans, the project registry, money, progress and the results framework. Each route calls one service function;
 * permissions are checked in the services (see plans.policy.ts, one policy row per route).
 */
export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(PLANS_GATES);
  const tags = ['plans'];
  const ptags = ['projects'];

  app.get(
    '/plans',
    { schema: { tags, summary: 'Regional plans and implementation plans', response: { 200: PlansResponse } } },
    async () => ({
      items: await listPlans(app.db),
    }),
  );
  app.post(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Add a regional or implementation plan (admin)',
        body: PlanInput,
        response: { 201: PlanDetail },
      },
    },
    async (req, reply) => {
      const plan = await createPlan(app.db, req.user, req.body);
      setEtag(reply, 'plan', plan.code, plan.version);
      return reply.status(201).send(plan);
    },
  );
  app.get(
    '/plans/:code',
    {
      schema: {
        tags,
        summary: 'A plan with task groups and results framework',
        params: CodeParams,
        response: { 200: PlanDetail },
      },
    },
    async (req, reply) => {
      const plan = await getPlan(app.db, req.params.code);
      setEtag(reply, 'plan', plan.code, plan.version);
      return plan;
    },
  );
  app.patch(
    '/plans/:code',
    {
      schema: {
        tags,
        summary: 'Edit a plan (admin; If-Match)',
        params: CodeParams,
        body: PlanPatch,
        response: { 200: PlanDetail },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'plan', req.params.code);
      const plan = await updatePlan(app.db, req.user, req.params.code, version, req.body);
      setEtag(reply, 'plan', plan.code, plan.version);
      return plan;
    },
  );
  app.post(
    '/plans/:code/task-groups',
    {
      schema: {
        tags,
        summary: 'Add a task group (admin)',
        params: CodeParams,
        body: TaskGroupInput,
        response: { 201: PlanDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createTaskGroup(app.db, req.user, req.params.code, req.body)),
  );
  app.get(
    '/plans/:code/results-framework',
    {
      schema: {
        tags,
        summary: 'Results framework: indicators, targets with history, actuals, computed status (json, csv, xlsx)',
        params: CodeParams,
        querystring: RfFormatQuery,
        response: { 200: z.object({ plan: z.string(), items: z.array(RfIndicator) }) },
      },
    },
    async (req, reply) => {
      const { plan, items } = await getResultsFramework(app.db, req.params.code);
      const name = `khung-ket-qua-${plan.code}-${stamp()}`;
      if (req.query.format === 'csv')
        return sendDownload(reply, `${name}.csv`, 'text/csv; charset=utf-8', resultsFrameworkCsv(items));
      if (req.query.format === 'xlsx')
        return sendDownload(
          reply,
          `${name}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          await resultsFrameworkXlsx(plan.nameVi, items),
        );
      return { plan: plan.code, items };
    },
  );
  app.post(
    '/plans/:code/indicators',
    {
      schema: {
        tags,
        summary: 'Add a results-framework indicator (admin)',
        params: CodeParams,
        body: RfIndicatorInput,
        response: { 201: RfIndicator },
      },
    },
    async (req, reply) => {
      const ind = await createIndicator(app.db, req.user, req.params.code, req.body);
      setEtag(reply, 'rf-indicator', ind.id, ind.version);
      return reply.status(201).send(ind);
    },
  );
  app.post(
    '/plan-indicators/:id/targets',
    {
      schema: {
        tags,
        summary: 'Add a target or a revision with reason (admin; If-Match on the indicator); history is kept',
        params: IdParams,
        body: TargetInput,
        response: { 201: RfIndicator },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'rf-indicator', req.params.id);
      const ind = await addTarget(app.db, req.user, req.params.id, version, req.body);
      setEtag(reply, 'rf-indicator', ind.id, ind.version);
      return reply.status(201).send(ind);
    },
  );
  app.post(
    '/plan-indicators/:id/actuals',
    {
      schema: {
        tags,
        summary: 'Record a reported actual (admin)',
        params: IdParams,
        body: ActualInput,
        response: { 201: RfIndicator },
      },
    },
    async (req, reply) => {
      const ind = await addActual(app.db, req.user, req.params.id, req.body);
      setEtag(reply, 'rf-indicator', ind.id, ind.version);
      return reply.status(201).send(ind);
    },
  );

  app.get(
    '/projects',
    {
      schema: {
        tags: ptags,
        summary: 'The project registry, filtered (format=csv|xlsx|iati for a file)',
        querystring: ProjectsQuery,
        response: { 200: ProjectsResponse },
      },
    },
    async (req, reply) => {
      const { sort: _sort, limit: _limit, offset: _offset, format, ...filters } = req.query;
      const name = `danh-muc-du-an-${stamp()}`;
      if (format === 'csv')
        return sendDownload(reply, `${name}.csv`, 'text/csv; charset=utf-8', await registryCsv(app.db, filters));
      if (format === 'xlsx')
        return sendDownload(
          reply,
          `${name}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          await registryXlsx(app.db, filters),
        );
      if (format === 'iati')
        return sendDownload(
          reply,
          `${name}-iati.xml`,
          'application/xml; charset=utf-8',
          await registryIati(app.db, filters),
        );
      return listProjects(app.db, req.query);
    },
  );
  app.post(
    '/projects',
    { schema: { tags: ptags, summary: 'Add a project (admin)', body: ProjectInput, response: { 201: ProjectDetail } } },
    async (req, reply) => {
      const p = await createProject(app.db, req.user, req.body);
      setEtag(reply, 'project', p.code, p.version);
      return reply.status(201).send(p);
    },
  );
  app.get(
    '/projects/vocabulary',
    {
      schema: {
        tags: ptags,
        summary: 'Codes and labels of sectors, sources, statuses and phases',
        response: { 200: Vocabulary },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return {
        sectors: entries(SECTORS),
        fundingSources: entries(FUNDING_SOURCES),
        fundingTypes: entries(FUNDING_TYPES),
        statuses: entries(PROJECT_STATUSES),
        targetStatuses: entries(TARGET_STATUSES),
        phases: ['2021-2025', '2026-2030', '2021-2030'],
      };
    },
  );
  app.get(
    '/projects/funding-summary',
    {
      schema: {
        tags: ptags,
        summary: 'Funding funnel, by source and year, public-investment share per region, for the same filters',
        querystring: ProjectFilterQuery,
        response: { 200: FundingSummaryResponse },
      },
    },
    async (req) => fundingSummary(app.db, req.query),
  );
  app.get(
    '/projects/timeline',
    {
      schema: {
        tags: ptags,
        summary: 'Milestones of the matching projects, late ones flagged',
        querystring: ProjectFilterQuery,
        response: { 200: TimelineResponse },
      },
    },
    async (req) => projectTimeline(app.db, req.query),
  );
  app.get(
    '/projects/:code',
    {
      schema: {
        tags: ptags,
        summary: 'A project with provinces, funding, milestones and progress',
        params: CodeParams,
        response: { 200: ProjectDetail },
      },
    },
    async (req, reply) => {
      const p = await getProject(app.db, req.user, req.params.code);
      setEtag(reply, 'project', p.code, p.version);
      reply.header('cache-control', 'no-store');
      return p;
    },
  );
  app.patch(
    '/projects/:code',
    {
      schema: {
        tags: ptags,
        summary: 'Edit a project, its provinces and cost shares (admin; If-Match)',
        params: CodeParams,
        body: ProjectPatch,
        response: { 200: ProjectDetail },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'project', req.params.code);
      const p = await updateProject(app.db, req.user, req.params.code, version, req.body);
      setEtag(reply, 'project', p.code, p.version);
      return p;
    },
  );

  app.post(
    '/projects/:code/funding-lines',
    {
      schema: {
        tags: ptags,
        summary: 'Add a funding line (project editors)',
        params: CodeParams,
        body: FundingLineInput,
        response: { 201: FundingLine },
      },
    },
    async (req, reply) => {
      const line = await createFundingLine(app.db, req.user, req.params.code, req.body);
      setEtag(reply, 'funding-line', line.id, line.version);
      return reply.status(201).send(line);
    },
  );
  app.patch(
    '/funding-lines/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Edit a funding line (project editors; If-Match)',
        params: IdParams,
        body: FundingLinePatch,
        response: { 200: FundingLine },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'funding-line', req.params.id);
      const line = await updateFundingLine(app.db, req.user, req.params.id, version, req.body);
      setEtag(reply, 'funding-line', line.id, line.version);
      return line;
    },
  );
  app.delete(
    '/funding-lines/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Delete a funding line (project editors; If-Match)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'funding-line', req.params.id);
      await deleteFundingLine(app.db, req.user, req.params.id, version);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/projects/:code/milestones',
    {
      schema: {
        tags: ptags,
        summary: 'Add a milestone (project editors)',
        params: CodeParams,
        body: MilestoneInput,
        response: { 201: Milestone },
      },
    },
    async (req, reply) => {
      const m = await createMilestone(app.db, req.user, req.params.code, req.body);
      setEtag(reply, 'milestone', m.id, m.version);
      return reply.status(201).send(m);
    },
  );
  app.patch(
    '/milestones/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Edit a milestone, e.g. its actual date (project editors; If-Match)',
        params: IdParams,
        body: MilestonePatch,
        response: { 200: Milestone },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'milestone', req.params.id);
      const m = await updateMilestone(app.db, req.user, req.params.id, version, req.body);
      setEtag(reply, 'milestone', m.id, m.version);
      return m;
    },
  );
  app.delete(
    '/milestones/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Delete a milestone (project editors; If-Match)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'milestone', req.params.id);
      await deleteMilestone(app.db, req.user, req.params.id, version);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/projects/:code/progress-updates',
    {
      schema: {
        tags: ptags,
        summary: 'Progress updates the caller may see',
        params: CodeParams,
        response: { 200: z.object({ items: z.array(ProgressUpdate) }) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await listProgressUpdates(app.db, req.user, req.params.code) };
    },
  );
  app.post(
    '/projects/:code/progress-updates',
    {
      schema: {
        tags: ptags,
        summary: 'Post a progress update (project editors)',
        params: CodeParams,
        body: ProgressUpdateInput,
        response: { 201: ProgressUpdate },
      },
    },
    async (req, reply) => {
      const u = await createProgressUpdate(app.db, req.user, req.params.code, req.body);
      setEtag(reply, 'progress-update', u.id, u.version);
      return reply.status(201).send(u);
    },
  );
  app.patch(
    '/progress-updates/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Edit a draft progress update (project editors; If-Match)',
        params: IdParams,
        body: ProgressUpdatePatch,
        response: { 200: ProgressUpdate },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'progress-update', req.params.id);
      const u = await updateProgressUpdate(app.db, req.user, req.params.id, version, req.body);
      setEtag(reply, 'progress-update', u.id, u.version);
      return u;
    },
  );
  app.delete(
    '/progress-updates/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Discard a draft progress update (If-Match)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'progress-update', req.params.id);
      await deleteProgressUpdate(app.db, req.user, req.params.id, version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/progress-updates/:id/publish',
    {
      schema: {
        tags: ptags,
        summary: 'Publish a draft progress update (If-Match)',
        params: IdParams,
        response: { 200: ProgressUpdate },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'progress-update', req.params.id);
      const u = await publishProgressUpdate(app.db, req.user, req.params.id, version);
      setEtag(reply, 'progress-update', u.id, u.version);
      return u;
    },
  );
  app.post(
    '/progress-updates/:id/evidence',
    {
      schema: {
        tags: ptags,
        summary: 'Attach an evidence file (PDF, PNG, JPEG, DOCX, XLSX; 10 MB) to a draft update (multipart)',
        params: IdParams,
        response: { 201: Evidence },
      },
    },
    async (req, reply) => {
      const upload = await readSingleFile(req, { maxBytes: MAX_EVIDENCE_BYTES });
      const file = upload.file!;
      const data = file.data;
      const ev = await addEvidence(app.db, req.user, req.params.id, { fileName: file.filename, data });
      return reply.status(201).send(ev);
    },
  );
  app.get(
    '/evidence/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Download an evidence file (if its update is visible to the caller)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const f = await downloadEvidence(app.db, req.user, req.params.id);
      reply.header('cache-control', 'private, no-store');
      return sendDownload(reply, f.fileName, f.contentType, f.data);
    },
  );
  app.delete(
    '/evidence/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Remove an evidence file from a draft update',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteEvidence(app.db, req.user, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Read one funding line or milestone with its ETag, so an editor can start from the current version.
  app.get(
    '/funding-lines/:id',
    {
      schema: {
        tags: ptags,
        summary: 'One funding line with its ETag',
        params: IdParams,
        response: { 200: FundingLine },
      },
    },
    async (req, reply) => {
      const line = await readFundingLine(app.db, req.params.id);
      setEtag(reply, 'funding-line', line.id, line.version);
      return line;
    },
  );
  app.get(
    '/milestones/:id',
    { schema: { tags: ptags, summary: 'One milestone with its ETag', params: IdParams, response: { 200: Milestone } } },
    async (req, reply) => {
      const m = await readMilestone(app.db, req.params.id);
      setEtag(reply, 'milestone', m.id, m.version);
      return m;
    },
  );
  app.get(
    '/plan-indicators/:id',
    {
      schema: {
        tags,
        summary: 'One results-framework indicator with its ETag',
        params: IdParams,
        response: { 200: RfIndicator },
      },
    },
    async (req, reply) => {
      const ind = await getIndicator(app.db, req.params.id);
      setEtag(reply, 'rf-indicator', ind.id, ind.version);
      return ind;
    },
  );
};

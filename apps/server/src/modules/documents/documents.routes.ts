import {
  CycleLetterParams,
  CycleReportFileParams,
  CycleReportParams,
  CycleReportVersionFileParams,
  DocumentSampleFileParams,
  DocumentSamplesResponse,
  DraftEditInputBody,
  DraftHistoryResponse,
  DraftSyncResponse,
  PublishedReportFileParams,
  PublishedReportsResponse,
  RedraftResponse,
  RedraftTaskParams,
  ReopenDraftInput,
  ReportDraftResponse,
  ReportVersionsResponse,
  StatisticsTableInput,
  StatisticsTableResponse,
} from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import { exportCycleLetter } from './cycle-letters.service';
import { exportSampleFile, listSamplePackages } from './documents.service';
import {
  createDraft,
  editDraft,
  exportCycleFile,
  exportVersionFile,
  finaliseDraft,
  getDraft,
  getDraftHistory,
  listReportVersions,
  redraftTask,
  reopenDraft,
  statisticsTableForDraft,
  syncDraft,
} from './drafts.service';
import { listPublishedReports, publishedReportFile } from './published.service';
import { reportPackageRoutes } from './report-package.routes';

const KIND = 'report-draft';

/** Gates of the national report’s writes (lib/policy.ts): MoF administrators only. */
export const DOCUMENTS_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/cycles/:id/report/draft', gate: ['admin'] },
  { method: 'PATCH', url: '/api/v1/cycles/:id/report/draft', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/cycles/:id/report/statistics-table', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/cycles/:id/report/draft/sync', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/cycles/:id/report/draft/finalise', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/cycles/:id/report/draft/reopen', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/cycles/:id/report/draft/tasks/:code/redraft', gate: ['admin'] },
  { method: 'GET', url: '/api/v1/cycles/:id/letters/:file', gate: ['admin'] },
];

/**
 * Documents API: the reference packages, and each reporting cycle's national report — its draft (read, create, edit
 * with If-Match, re-sync, accept as final, reopen, history), its exports (DOCX, PDF, XLSX, zip) and its numbered
 * versions.
 */
export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(DOCUMENTS_GATES);
  await app.register(reportPackageRoutes);
  const tags = ['documents'];
  app.get(
    '/documents/samples',
    {
      schema: {
        tags,
        summary: 'Reference packages of the national report (MoF staff)',
        response: { 200: DocumentSamplesResponse },
      },
    },
    async (req) => ({ items: await listSamplePackages(req.user) }),
  );
  app.get(
    '/documents/samples/:id/:file',
    {
      schema: {
        tags,
        summary: 'One file of a reference package: letter/report/appendix as .docx or .pdf, annex.xlsx, package.zip',
        params: DocumentSampleFileParams,
      },
    },
    async (req, reply) => {
      const f = await exportSampleFile(app.db, req.user, req.params.id, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );

  app.get(
    '/published-reports',
    {
      schema: {
        tags,
        summary: 'National reports the Ministry of Finance has published, with their files (anyone)',
        response: { 200: PublishedReportsResponse },
      },
    },
    async () => ({ items: await listPublishedReports(app.db) }),
  );
  app.get(
    '/published-reports/:id/:file',
    {
      schema: {
        tags,
        summary: 'One file of a published national report: letter, report, appendix (.docx, .pdf), annex.xlsx (anyone)',
        params: PublishedReportFileParams,
      },
    },
    async (req, reply) => {
      const f = await publishedReportFile(app.db, req.params.id, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );

  app.get(
    '/cycles/:id/letters/:file',
    {
      schema: {
        tags,
        summary:
          "The cycle's request letter (with the outline and addressees) or, after the deadline, the reminder to those still missing, as DOCX or PDF (MoF administrators)",
        params: CycleLetterParams,
      },
    },
    async (req, reply) => {
      const f = await exportCycleLetter(app.db, req.user, req.params.id, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );

  app.post(
    '/cycles/:id/report/draft/tasks/:code/redraft',
    {
      schema: {
        tags,
        summary:
          'Re-draft one task from the accepted submissions (If-Match): untouched text is replaced, edited text kept and the new draft offered',
        params: RedraftTaskParams,
        response: { 200: RedraftResponse },
      },
    },
    async (req, reply) => {
      const out = await redraftTask(
        app.db,
        req.user,
        req.params.id,
        requireIfMatch(req, KIND, req.params.id),
        req.params.code,
      );
      setEtag(reply, KIND, req.params.id, out.draft.version);
      return out;
    },
  );

  app.get(
    '/cycles/:id/report/draft',
    {
      schema: {
        tags,
        summary: "The cycle's national report draft (MoF administrators; viewers once published)",
        params: CycleReportParams,
        response: { 200: ReportDraftResponse },
      },
    },
    async (req, reply) => {
      const d = await getDraft(app.db, req.user, req.params.id);
      setEtag(reply, KIND, d.cycleId, d.version);
      return d;
    },
  );
  app.post(
    '/cycles/:id/report/draft',
    {
      schema: {
        tags,
        summary: "Create the cycle's report draft from its accepted submissions (administrators)",
        params: CycleReportParams,
        response: { 201: ReportDraftResponse },
      },
    },
    async (req, reply) => {
      const d = await createDraft(app.db, req.user, req.params.id);
      setEtag(reply, KIND, d.cycleId, d.version);
      return reply.code(201).send(d);
    },
  );
  app.patch(
    '/cycles/:id/report/draft',
    {
      schema: {
        tags,
        summary: 'Edit the draft: settings, sections, task synthesis and status, narratives, tables (If-Match)',
        params: CycleReportParams,
        body: DraftEditInputBody,
        response: { 200: ReportDraftResponse },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, KIND, req.params.id);
      const d = await editDraft(app.db, req.user, req.params.id, version, req.body.edits);
      setEtag(reply, KIND, d.cycleId, d.version);
      return d;
    },
  );
  app.post(
    '/cycles/:id/report/statistics-table',
    {
      schema: {
        tags,
        summary:
          'Build an indicator table from the statistics database for the draft (administrators); insert it with the table edit',
        params: CycleReportParams,
        body: StatisticsTableInput,
        response: { 200: StatisticsTableResponse },
      },
    },
    async (req) => statisticsTableForDraft(app.db, req.user, req.params.id, req.body),
  );
  app.post(
    '/cycles/:id/report/draft/sync',
    {
      schema: {
        tags,
        summary: 'Re-sync the draft with the accepted submissions, keeping staff edits (If-Match)',
        params: CycleReportParams,
        response: { 200: DraftSyncResponse },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, KIND, req.params.id);
      const out = await syncDraft(app.db, req.user, req.params.id, version);
      setEtag(reply, KIND, out.draft.cycleId, out.draft.version);
      return out;
    },
  );
  app.post(
    '/cycles/:id/report/draft/finalise',
    {
      schema: {
        tags,
        summary: 'Accept the draft as final and keep its package as the next numbered version (If-Match)',
        params: CycleReportParams,
        response: { 200: ReportDraftResponse },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, KIND, req.params.id);
      const d = await finaliseDraft(app.db, req.user, req.params.id, version);
      setEtag(reply, KIND, d.cycleId, d.version);
      return d;
    },
  );
  app.post(
    '/cycles/:id/report/draft/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a final draft for changes, with a reason (If-Match)',
        params: CycleReportParams,
        body: ReopenDraftInput,
        response: { 200: ReportDraftResponse },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, KIND, req.params.id);
      const d = await reopenDraft(app.db, req.user, req.params.id, version, req.body.reason);
      setEtag(reply, KIND, d.cycleId, d.version);
      return d;
    },
  );
  app.get(
    '/cycles/:id/report/draft/history',
    {
      schema: {
        tags,
        summary: 'Who changed what in the draft, newest first (administrators)',
        params: CycleReportParams,
        response: { 200: DraftHistoryResponse },
      },
    },
    async (req) => ({ items: await getDraftHistory(app.db, req.user, req.params.id) }),
  );
  app.get(
    '/cycles/:id/report/versions',
    {
      schema: {
        tags,
        summary: 'Numbered versions of the report accepted as final ("the report as sent")',
        params: CycleReportParams,
        response: { 200: ReportVersionsResponse },
      },
    },
    async (req) => ({ items: await listReportVersions(app.db, req.user, req.params.id) }),
  );
  app.get(
    '/cycles/:id/report/versions/:version/:file',
    {
      schema: {
        tags,
        summary: 'One file of a numbered version, byte for byte as accepted (package.zip: administrators)',
        params: CycleReportVersionFileParams,
      },
    },
    async (req, reply) => {
      const f = await exportVersionFile(app.db, req.user, req.params.id, req.params.version, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );
  app.get(
    '/cycles/:id/report/:file',
    {
      schema: {
        tags,
        summary:
          "Export the cycle's report: letter/report/appendix as .docx or .pdf, annex.xlsx, package.zip (administrators)",
        params: CycleReportFileParams,
      },
    },
    async (req, reply) => {
      const f = await exportCycleFile(app.db, req.user, req.params.id, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );
};

import { CycleReportPackageParams, CycleReportParams, ReportPackagesResponse, UserJob } from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDownload } from '../../lib/http';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import { listPackages, packageDownload, queuePackageJob } from './report-package-job';

/** Gates of the packages prepared in the background: MoF administrators, as for package.zip. */
export const REPORT_PACKAGE_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/cycles/:id/report/package-jobs', gate: ['admin'] },
  { method: 'GET', url: '/api/v1/cycles/:id/report/packages', gate: ['admin'] },
  { method: 'GET', url: '/api/v1/cycles/:id/report/packages/:fileId', gate: ['admin'] },
];

/**
 * The cycle's whole package prepared by a background job: queue it (202 with the job, followed at GET
 * /api/v1/jobs/{id}), list the packages prepared, download one as stored.
 */
export const reportPackageRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(REPORT_PACKAGE_GATES);
  const tags = ['documents', 'jobs'];
  app.post(
    '/cycles/:id/report/package-jobs',
    {
      schema: {
        tags,
        summary:
          "Prepare the cycle's whole package (as package.zip) in the background: 202 with the job, followed at GET /api/v1/jobs/{id}; its result is the stored ReportPackageFile (administrators)",
        params: CycleReportParams,
        response: { 202: UserJob },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await queuePackageJob(app.database, app.jobs, req.user, req.params.id)),
  );
  app.get(
    '/cycles/:id/report/packages',
    {
      schema: {
        tags,
        summary: "The cycle's packages prepared in the background, newest first, with the draft version of each",
        params: CycleReportParams,
        response: { 200: ReportPackagesResponse },
      },
    },
    async (req) => ({ items: await listPackages(app.db, req.user, req.params.id) }),
  );
  app.get(
    '/cycles/:id/report/packages/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a prepared package (zip), byte for byte as stored (administrators)',
        params: CycleReportPackageParams,
      },
    },
    async (req, reply) => {
      const f = await packageDownload(app.db, req.user, req.params.id, req.params.fileId);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );
};

import { ImportJobQuery, UserJob } from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../lib/auth';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import { queueImport } from './import-job';
import { MAX_UPLOAD_BYTES, uploadSource } from './upload';

/** Gate of queued imports: as for imports, MoF and provincial reporters (the job checks each row's province). */
export const IMPORT_JOBS_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/import-jobs', gate: ['admin', 'reporter'] },
];

/**
 * Queued imports: the file is stored and imported by a background job (it survives a restart of the server and the
 * proxy's time-out). Registered inside the statistics plugin, whose content-type parsers stream the upload.
 */
export const importJobsRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(IMPORT_JOBS_GATES);
  app.post(
    '/import-jobs',
    {
      schema: {
        tags: ['statistics', 'jobs'],
        summary:
          'Queue an import (CSV or XLSX; body text/csv or a multipart file): 202 with the job, followed at GET /api/v1/jobs/{id}; its result is the ImportResult, or on a refusal an ImportJobFailure with the problems by row and column',
        querystring: ImportJobQuery,
        response: { 202: UserJob },
      },
      bodyLimit: MAX_UPLOAD_BYTES,
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { source, fileName } = await uploadSource(req);
      return reply.status(202).send(await queueImport(app.database, app.jobs, user, source, fileName, req.query));
    },
  );
};

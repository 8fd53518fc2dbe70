import { JobIdParams, StartJobInput, UserJob, UserJobsResponse } from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../lib/auth';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import { getMyJob, listMyJobs, startJob } from './jobs.service';

/** Gates: anyone signed in reads their own jobs; starting one (the schedules' work, run now) is for administrators. */
export const JOBS_GATES: PolicyRow[] = [
  { method: 'GET', url: '/api/v1/jobs', gate: 'signed_in' },
  { method: 'GET', url: '/api/v1/jobs/:id', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/jobs', gate: ['admin'] },
];

/** Background jobs started by the caller: start one, follow its progress. */
export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(JOBS_GATES);
  const tags = ['jobs'];
  app.get(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'The background jobs the caller started, with progress',
        response: { 200: UserJobsResponse },
      },
    },
    async (req) => listMyJobs(app.db, requireUser(req)),
  );
  app.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One background job the caller started',
        params: JobIdParams,
        response: { 200: UserJob },
      },
    },
    async (req) => getMyJob(app.db, requireUser(req), req.params.id),
  );
  app.post(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'Start a background job now (it runs once, on whichever server picks it)',
        body: StartJobInput,
        response: { 202: UserJob },
      },
    },
    async (req, reply) => reply.status(202).send(await startJob(app.db, app.jobs, requireUser(req), req.body.kind)),
  );
};

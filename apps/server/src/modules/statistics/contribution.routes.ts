import {
  ContributableResponse,
  ContributeQuery,
  ContributeResult,
  Contribution,
  ContributionsResponse,
  DataRequest,
  DataRequestInput,
  DataRequestsResponse,
  DatasetAccess,
  DatasetAccessInput,
  DecideRequestInput,
  IdParams,
  PublishContributionInput,
  ReturnContributionInput,
  SharingAgreement,
  SharingAgreementInput,
  SharingAgreementsResponse,
  SubmitContributionInput,
} from '@regionlink/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../lib/auth';
import { etagOf, requireIfMatch } from '../../lib/etag';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import {
  contribute,
  contributableDatasets,
  getContribution,
  listContributions,
  publishContribution,
  returnContribution,
  submitContribution,
} from './contribution.service';
import {
  createAgreement,
  createRequest,
  decideRequest,
  getDatasetAccess,
  listAgreements,
  listRequests,
  setDatasetAccess,
} from './sharing.service';
import { actorOf, readUpload } from './upload';

/** Largest contribution accepted (a province's figures; national loads go through imports). */
const MAX_CONTRIBUTION_BYTES = 50 * 1024 * 1024;

/**
 * Gates (lib/policy.ts): contributing and reviewing are for administrators and reporters (the service checks the
 * dataset's contributors and owner); agreements are MoF's register; any signed-in organisation may ask for data.
 */
export const CONTRIBUTION_GATES: PolicyRow[] = [
  { method: 'GET', url: '/api/v1/contributions', gate: 'signed_in' },
  { method: 'GET', url: '/api/v1/contributions/datasets', gate: 'signed_in' },
  { method: 'GET', url: '/api/v1/contributions/:id', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/contributions', gate: ['admin', 'reporter'] },
  { method: 'POST', url: '/api/v1/contributions/:id/submit', gate: ['admin', 'reporter'] },
  { method: 'POST', url: '/api/v1/contributions/:id/return', gate: ['admin', 'reporter'] },
  { method: 'POST', url: '/api/v1/contributions/:id/publish', gate: ['admin', 'reporter'] },
  { method: 'PUT', url: '/api/v1/datasets/:id/access', gate: ['admin', 'reporter'] },
  { method: 'GET', url: '/api/v1/sharing/agreements', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/sharing/agreements', gate: ['admin'] },
  { method: 'GET', url: '/api/v1/sharing/requests', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/sharing/requests', gate: 'writer' },
  { method: 'POST', url: '/api/v1/sharing/requests/:id/decision', gate: 'writer' },
];

const withEtag = <T extends { id: number; version: number }>(reply: FastifyReply, kind: string, x: T) => {
  reply.header('etag', etagOf(kind, x.id, x.version));
  return x;
};

/** Contributed releases and their review, dataset access levels, sharing agreements and requests. */
export const contributionRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(CONTRIBUTION_GATES);
  const tags = ['contribution'];
  const db = () => app.db;
  const user = (req: FastifyRequest) => requireUser(req);

  app.get(
    '/contributions',
    { schema: { tags, summary: 'Contributed releases the caller may see', response: { 200: ContributionsResponse } } },
    async (req) => listContributions(db(), user(req)),
  );
  app.get(
    '/contributions/datasets',
    {
      schema: {
        tags,
        summary: 'Datasets the caller’s organisation may contribute to, and with what',
        response: { 200: ContributableResponse },
      },
    },
    async (req) => contributableDatasets(db(), user(req)),
  );
  app.get(
    '/contributions/:id',
    {
      schema: {
        tags,
        summary: 'One contribution: warnings, changes against the published values, notes',
        params: IdParams,
        response: { 200: Contribution },
      },
    },
    async (req, reply) => withEtag(reply, 'contribution', await getContribution(db(), user(req), req.params.id)),
  );
  app.post(
    '/contributions',
    {
      schema: {
        tags,
        summary: 'Upload figures (CSV or XLSX) into a draft release of a dataset; dryRun=true only checks',
        querystring: ContributeQuery,
        response: { 200: ContributeResult },
      },
      bodyLimit: MAX_CONTRIBUTION_BYTES,
    },
    async (req, reply) => {
      const u = user(req);
      const q = req.query;
      const out = await readUpload(req, q.sheet, (records, f) =>
        contribute(db(), u, actorOf(u), records, {
          dataset: q.dataset,
          dryRun: q.dryRun,
          at: q.at,
          decimal: q.decimal,
          note: q.note,
          fileName: f.fileName,
          fileType: f.fileType,
          warnings: f.warnings,
        }),
      );
      if (out.contribution) reply.header('etag', etagOf('contribution', out.contribution.id, out.contribution.version));
      return out;
    },
  );
  const step = <B extends z.ZodType>(
    name: 'submit' | 'return' | 'publish',
    summary: string,
    body: B,
    run: (id: number, version: number, req: FastifyRequest, b: z.infer<B>) => Promise<Contribution>,
  ) =>
    app.post(
      `/contributions/:id/${name}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: Contribution } } },
      async (req, reply) => {
        const version = requireIfMatch(req, 'contribution', req.params.id);
        return withEtag(reply, 'contribution', await run(req.params.id, version, req, req.body as z.infer<B>));
      },
    );
  step('submit', 'Submit a draft for review (confirming its warnings)', SubmitContributionInput, (id, v, req, b) =>
    submitContribution(db(), user(req), id, v, b),
  );
  step(
    'return',
    'Return a submitted contribution with reasons (MoF or owner)',
    ReturnContributionInput,
    (id, v, req, b) => returnContribution(db(), user(req), id, v, b),
  );
  step(
    'publish',
    'Publish a submitted contribution as a new release (MoF or owner)',
    PublishContributionInput,
    (id, v, req, b) => publishContribution(db(), user(req), id, v, b),
  );

  app.get(
    '/datasets/:id/access',
    { schema: { tags, summary: 'A dataset’s access level', params: IdParams, response: { 200: DatasetAccess } } },
    async (req, reply) => {
      const a = await getDatasetAccess(db(), req.params.id);
      reply.header('etag', etagOf('dataset', a.datasetId, a.version));
      return a;
    },
  );
  app.put(
    '/datasets/:id/access',
    {
      schema: {
        tags,
        summary: 'Set a dataset’s access level and named organisations (MoF or owner, If-Match)',
        params: IdParams,
        body: DatasetAccessInput,
        response: { 200: DatasetAccess },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'dataset', req.params.id);
      const a = await setDatasetAccess(db(), user(req), req.params.id, version, req.body);
      reply.header('etag', etagOf('dataset', a.datasetId, a.version));
      return a;
    },
  );

  app.get(
    '/sharing/agreements',
    {
      schema: {
        tags,
        summary: 'Data-sharing agreements the caller is party to (MoF: all)',
        response: { 200: SharingAgreementsResponse },
      },
    },
    async (req) => listAgreements(db(), user(req)),
  );
  app.post(
    '/sharing/agreements',
    {
      schema: {
        tags,
        summary: 'Register a data-sharing agreement (MoF); its parties gain access for its period',
        body: SharingAgreementInput,
        response: { 201: SharingAgreement },
      },
    },
    async (req, reply) => reply.status(201).send(await createAgreement(db(), user(req), req.body)),
  );
  app.get(
    '/sharing/requests',
    {
      schema: {
        tags,
        summary: 'Data requests made by or addressed to the caller’s organisation',
        response: { 200: DataRequestsResponse },
      },
    },
    async (req) => listRequests(db(), user(req)),
  );
  app.post(
    '/sharing/requests',
    {
      schema: {
        tags,
        summary: 'Ask a dataset’s owner for access',
        body: DataRequestInput,
        response: { 201: DataRequest },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, 'data-request', await createRequest(db(), user(req), req.body))),
  );
  app.post(
    '/sharing/requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Grant (for a period) or refuse (with reasons) a data request (owner or MoF, If-Match)',
        params: IdParams,
        body: DecideRequestInput,
        response: { 200: DataRequest },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, 'data-request', req.params.id);
      return withEtag(reply, 'data-request', await decideRequest(db(), user(req), req.params.id, version, req.body));
    },
  );
};

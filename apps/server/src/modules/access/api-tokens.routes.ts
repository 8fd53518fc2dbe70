import { ApiToken, ApiTokensResponse, CreatedToken, CreateTokenInput, IdParams } from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../lib/auth';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import { createToken, listTokens, revokeToken } from './api-tokens.service';

/** Gates: any signed-in account manages its own tokens (organisation tokens: the service checks the manager). */
export const API_TOKEN_GATES: PolicyRow[] = [
  { method: 'GET', url: '/api/v1/tokens', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/tokens', gate: 'signed_in' },
  { method: 'DELETE', url: '/api/v1/tokens/:id', gate: 'signed_in' },
];

/** API tokens: list, create (the secret shown once), revoke. */
export const apiTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(API_TOKEN_GATES);
  const tags = ['access'];
  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'The caller’s API tokens (and their organisation’s, for its managers)',
        response: { 200: ApiTokensResponse },
      },
    },
    async (req) => listTokens(app.db, requireUser(req)),
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (scoped, rate-limited); the secret is shown once',
        body: CreateTokenInput,
        response: { 201: CreatedToken },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await createToken(app.db, requireUser(req), req.body));
    },
  );
  app.delete(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: ApiToken } } },
    async (req) => revokeToken(app.db, requireUser(req), req.params.id),
  );
};

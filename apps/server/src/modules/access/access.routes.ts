import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginInput, Me, OrganisationKind, OrganisationsResponse } from '@regionlink/shared';
import { requireUser } from '../../lib/auth';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, listOrganisations, login, logout } from './access.service';

/** Login, logout, the current user, and the organisation directory. */
export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['access'];
  app.post(
    '/auth/login',
    { schema: { tags, summary: 'Sign in; sets the session cookie', body: LoginInput, response: { 200: Me } } },
    async (req, reply) => {
      const { token, user } = await login(app.db, req.body, { delayBaseMs: app.config.loginDelayBaseMs, ip: req.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies,
        path: '/',
        maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
      });
      return user;
    },
  );
  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out; ends the session', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.user) await logout(app.db, req.user);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/auth/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: Me } } },
    async (req, reply) => {
      const { tokenHash: _omit, ...me } = requireUser(req);
      reply.header('cache-control', 'no-store');
      return me;
    },
  );
  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations (ministries, agencies, provincial People’s Committees, councils)',
        querystring: z.object({ kind: OrganisationKind.optional() }),
        response: { 200: OrganisationsResponse },
      },
    },
    async (req) => ({ items: await listOrganisations(app.db, req.query.kind) }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminIdentityProvider,
  AdminIdentityProvidersResponse,
  IdentityProviderInput,
  SsoCallbackQuery,
  SsoProviderParams,
  SsoProvidersResponse,
  SsoStartQuery,
} from '@regionlink/shared';
import { requireUser } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { type PolicyRow, contributePolicy } from '../../lib/policy';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from './access.service';
import { createProvider, finishSignIn, listAdminProviders, listProviders, startSignIn } from './oidc.service';

/** Gates of single sign-on (lib/policy.ts): the flow is public; registering providers is MoF's. */
export const SSO_GATES: PolicyRow[] = [
  { method: 'GET', url: '/api/v1/auth/oidc/providers', gate: 'public' },
  { method: 'GET', url: '/api/v1/auth/oidc/:code/start', gate: 'public' },
  { method: 'GET', url: '/api/v1/auth/oidc/:code/callback', gate: 'public' },
  { method: 'GET', url: '/api/v1/admin/identity-providers', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/admin/identity-providers', gate: ['admin'] },
];

/** The cookie that binds a sign-in under way to the browser that started it (against login CSRF). */
const STATE_COOKIE = 'rl_oidc_state';

/** OpenID Connect single sign-on: providers, start, callback; providers' registration by MoF. */
export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(SSO_GATES);
  const tags = ['access'];
  const cookieOpts = (code: string) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
    path: `/api/v1/auth/oidc/${code}/callback`,
    maxAge: 600,
  });

  app.get(
    '/auth/oidc/providers',
    { schema: { tags, summary: 'Identity providers one may sign in with', response: { 200: SsoProvidersResponse } } },
    async () => ({ items: await listProviders(app.db) }),
  );
  app.get(
    '/auth/oidc/:code/start',
    {
      schema: {
        tags,
        summary: 'Start single sign-on: redirect to the provider (code flow with PKCE)',
        params: SsoProviderParams,
        querystring: SsoStartQuery,
      },
    },
    async (req, reply) => {
      const { url, state } = await startSignIn(app.db, req.params.code, app.config.publicUrl, req.query.next);
      reply.setCookie(STATE_COOKIE, state, cookieOpts(req.params.code));
      reply.header('cache-control', 'no-store');
      return reply.redirect(url, 303);
    },
  );
  app.get(
    '/auth/oidc/:code/callback',
    {
      schema: {
        tags,
        summary: 'Where the provider returns: verify, sign in, redirect',
        params: SsoProviderParams,
        querystring: SsoCallbackQuery,
      },
    },
    async (req, reply) => {
      reply.clearCookie(STATE_COOKIE, { path: cookieOpts(req.params.code).path });
      reply.header('cache-control', 'no-store');
      try {
        if (req.query.error)
          throw new AppError(
            401,
            'sso_failed',
            `The provider refused: ${req.query.error}.`,
            'Nhà cung cấp định danh từ chối đăng nhập.',
          );
        const callbackUrl = new URL(req.url, app.config.publicUrl);
        const r = await finishSignIn(app.db, {
          code: req.params.code,
          callbackUrl,
          cookieState: req.cookies[STATE_COOKIE],
          client: { ip: req.ip, userAgent: req.headers['user-agent'] },
        });
        reply.setCookie(SESSION_COOKIE, r.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: app.config.secureCookies,
          path: '/',
          maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
        });
        return reply.redirect(r.next, 303);
      } catch (e) {
        if (e instanceof AppError && e.status < 500)
          return reply.redirect(`/login?error=${encodeURIComponent(e.code)}`, 303);
        throw e;
      }
    },
  );
  app.get(
    '/admin/identity-providers',
    {
      schema: {
        tags: ['administration'],
        summary: 'Identity providers (MoF)',
        response: { 200: AdminIdentityProvidersResponse },
      },
    },
    async () => ({ items: await listAdminProviders(app.db) }),
  );
  app.post(
    '/admin/identity-providers',
    {
      schema: {
        tags: ['administration'],
        summary: 'Register an organisation’s OpenID Connect provider (MoF)',
        body: IdentityProviderInput,
        response: { 201: AdminIdentityProvider },
      },
    },
    async (req, reply) => reply.status(201).send(await createProvider(app.db, requireUser(req), req.body)),
  );
};

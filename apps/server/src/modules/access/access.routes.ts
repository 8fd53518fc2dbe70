import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LoginInput,
  Me,
  OrganisationKind,
  OrganisationsResponse,
  PasswordChangeInput,
  RecoveryCodes,
  SessionParams,
  SessionsResponse,
  TokenInfo,
  TokenInput,
  TokenPasswordInput,
  TotpConfirmInput,
  TotpDisableInput,
  TotpEnrolment,
} from '@regionlink/shared';
import { requireUser } from '../../lib/auth';
import { type PolicyRow, contributePolicy } from '../../lib/policy';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, listOrganisations, login, logout } from './access.service';
import {
  changeOwnPassword,
  endOwnSession,
  inspectToken,
  listOwnSessions,
  sendLockNotice,
  usePasswordLink,
} from './accounts.service';
import { adminRoutes } from './admin.routes';
import { startAuditSealer } from './audit.service';
import { confirmTotp, disableTotp, startTotp } from './mfa.service';
import { ssoRoutes } from './sso.routes';

/** Gates of the access routes (lib/policy.ts): sign-in and one-time links are public; the rest is one's own account. */
export const ACCESS_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/auth/login', gate: 'public' },
  { method: 'POST', url: '/api/v1/auth/logout', gate: 'public' },
  { method: 'POST', url: '/api/v1/auth/link', gate: 'public' },
  { method: 'POST', url: '/api/v1/auth/link/password', gate: 'public' },
  { method: 'POST', url: '/api/v1/auth/password', gate: 'signed_in' },
  { method: 'GET', url: '/api/v1/auth/sessions', gate: 'signed_in' },
  { method: 'DELETE', url: '/api/v1/auth/sessions/:id', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/auth/totp', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/auth/totp/confirm', gate: 'signed_in' },
  { method: 'POST', url: '/api/v1/auth/totp/disable', gate: 'signed_in' },
];

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Sign-in, sign-out, the current user and their own account (password, sessions, two-factor), the directory. */
export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(ACCESS_GATES);
  startAuditSealer(app);
  const tags = ['access'];
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      path: '/',
      maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    });

  app.post(
    '/auth/login',
    { schema: { tags, summary: 'Sign in; sets the session cookie', body: LoginInput, response: { 200: Me } } },
    async (req, reply) => {
      try {
        const { token, user } = await login(app.db, req.body, {
          limits: app.config.loginLimits,
          client: client(req),
          onLock: (userId) => sendLockNotice(app.db, userId, app.config.publicUrl),
        });
        setSessionCookie(reply, token);
        noStore(reply);
        return user;
      } catch (e) {
        const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw e;
      }
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
      const { tokenHash: _omit, sessionId: _id, ...me } = requireUser(req);
      noStore(reply);
      return me;
    },
  );
  app.post(
    '/auth/link',
    {
      schema: {
        tags,
        summary: 'What a one-time link (invitation, reset) is for, if it still works',
        body: TokenInput,
        response: { 200: TokenInfo },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return inspectToken(app.db, req.body.token);
    },
  );
  app.post(
    '/auth/link/password',
    {
      schema: {
        tags,
        summary: 'Set the password with a one-time link; the link is spent and every session of the account ends',
        body: TokenPasswordInput,
        response: { 200: z.object({ username: z.string() }) },
      },
    },
    async (req) => usePasswordLink(app.db, req.body.token, req.body.newPassword),
  );
  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change one’s own password; one’s other sessions end',
        body: PasswordChangeInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(app.db, requireUser(req), req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/auth/sessions',
    { schema: { tags, summary: 'One’s open sessions', response: { 200: SessionsResponse } } },
    async (req, reply) => {
      noStore(reply);
      return { items: await listOwnSessions(app.db, requireUser(req)) };
    },
  );
  app.delete(
    '/auth/sessions/:id',
    { schema: { tags, summary: 'End one of one’s sessions', params: SessionParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await endOwnSession(app.db, requireUser(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/auth/totp',
    {
      schema: {
        tags,
        summary: 'Start two-factor enrolment: a new TOTP secret for the authenticator app',
        response: { 200: TotpEnrolment },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return startTotp(app.db, requireUser(req));
    },
  );
  app.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns ten recovery codes, shown once',
        body: TotpConfirmInput,
        response: { 200: RecoveryCodes },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return confirmTotp(app.db, requireUser(req), req.body.code);
    },
  );
  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (not for administrators)',
        body: TotpDisableInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await disableTotp(app.db, requireUser(req), req.body.password);
      return reply.status(204).send(null);
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
  await app.register(adminRoutes);
  await app.register(ssoRoutes);
};

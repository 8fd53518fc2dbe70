import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminOrganisation,
  AdminOrganisationsResponse,
  AdminUser,
  AdminUsersQuery,
  AdminUsersResponse,
  AuditQuery,
  AuditResponse,
  ChainReport,
  CreateOrganisationInput,
  CreateUserInput,
  LinkSent,
  OrganisationParams,
  UpdateOrganisationInput,
  UpdateUserInput,
  UserParams,
} from '@regionlink/shared';
import { requireUser } from '../../lib/auth';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload, toCsv } from '../../lib/http';
import { type Gate, type PolicyRow, contributePolicy } from '../../lib/policy';
import {
  type LinkResult,
  createUser,
  getUser,
  listUsers,
  sendLink,
  setUserActive,
  unlockUser,
  updateUser,
  userAdminScope,
} from './accounts.service';
import { sealAudit, searchAudit, verifyAuditChain } from './audit.service';
import {
  createOrganisation,
  getAdminOrganisation,
  listAdminOrganisations,
  setOrganisationActive,
  updateOrganisation,
} from './organisations.service';

const ADMIN = ['admin'] as const;
/** MoF administrators, and officers MoF delegated to administer their own organisation's accounts. */
const USER_ADMIN: Gate = {
  about: 'admin, or delegated for their organisation',
  allow: (u) => u.role === 'admin' || (u.managesOrganisation === true && u.role !== 'viewer'),
};
/**
 * Gates of account administration (lib/policy.ts). Accounts: MoF administrators, and officers MoF delegated for
 * their own organisation (a reporter or council user; the service then keeps them to it). Organisations: MoF only.
 */
export const ADMIN_GATES: PolicyRow[] = [
  { method: 'GET', url: '/api/v1/admin/users', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users', gate: USER_ADMIN },
  { method: 'GET', url: '/api/v1/admin/users/:id', gate: USER_ADMIN },
  { method: 'PATCH', url: '/api/v1/admin/users/:id', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users/:id/deactivate', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users/:id/reactivate', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users/:id/invite', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users/:id/reset', gate: USER_ADMIN },
  { method: 'POST', url: '/api/v1/admin/users/:id/unlock', gate: USER_ADMIN },
  { method: 'GET', url: '/api/v1/admin/organisations', gate: ADMIN },
  { method: 'POST', url: '/api/v1/admin/organisations', gate: ADMIN },
  { method: 'PATCH', url: '/api/v1/admin/organisations/:id', gate: ADMIN },
  { method: 'POST', url: '/api/v1/admin/organisations/:id/deactivate', gate: ADMIN },
  { method: 'POST', url: '/api/v1/admin/organisations/:id/reactivate', gate: ADMIN },
  { method: 'GET', url: '/api/v1/admin/audit', gate: ADMIN },
  { method: 'GET', url: '/api/v1/admin/audit/chain', gate: ADMIN },
];

const sendUser = (reply: FastifyReply, u: AdminUser) => {
  setEtag(reply, 'user', u.id, u.version);
  reply.header('cache-control', 'no-store');
  return u;
};
const sendOrg = <T extends { id: number; version: number }>(reply: FastifyReply, o: T): T => {
  setEtag(reply, 'organisation', o.id, o.version);
  return o;
};

/** Account and organisation administration. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(ADMIN_GATES);
  const tags = ['administration'];
  const mail = () => ({ publicUrl: app.config.publicUrl, smtpConfigured: app.config.smtpConfigured });
  /** The caller as an account administrator (403 for anyone else, before the body is looked at). */
  const admin = (req: FastifyRequest) => {
    const u = requireUser(req);
    userAdminScope(u);
    return u;
  };
  const linkReply = (reply: FastifyReply, r: LinkResult, status: number) => {
    setEtag(reply, 'user', r.user.id, r.user.version);
    reply.header('cache-control', 'no-store');
    return reply.status(status).send(r);
  };

  app.get(
    '/admin/users',
    {
      schema: {
        tags,
        summary: 'Accounts (MoF: all; a delegated officer: their organisation’s)',
        querystring: AdminUsersQuery,
        response: { 200: AdminUsersResponse },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await listUsers(app.db, admin(req), req.query) };
    },
  );
  app.post(
    '/admin/users',
    {
      schema: {
        tags,
        summary: 'Create an account and e-mail it a one-time invitation link (72 h)',
        body: CreateUserInput,
        response: { 201: LinkSent.extend({ link: z.string().optional() }) },
      },
    },
    async (req, reply) => linkReply(reply, await createUser(app.db, admin(req), req.body, mail()), 201),
  );
  app.get(
    '/admin/users/:id',
    { schema: { tags, summary: 'One account', params: UserParams, response: { 200: AdminUser } } },
    async (req, reply) => sendUser(reply, await getUser(app.db, admin(req), req.params.id)),
  );
  app.patch(
    '/admin/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit an account (If-Match); a change of role or organisation ends its sessions',
        params: UserParams,
        body: UpdateUserInput,
        response: { 200: AdminUser },
      },
    },
    async (req, reply) => {
      const actor = admin(req);
      const v = requireIfMatch(req, 'user', req.params.id);
      return sendUser(reply, await updateUser(app.db, actor, req.params.id, v, req.body));
    },
  );
  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const)
    app.post(
      `/admin/users/:id/${path}`,
      {
        schema: {
          tags,
          summary: active
            ? 'Reactivate an account (If-Match)'
            : 'Deactivate an account (If-Match); its sessions end at once',
          params: UserParams,
          response: { 200: AdminUser },
        },
      },
      async (req, reply) => {
        const actor = admin(req);
        const v = requireIfMatch(req, 'user', req.params.id);
        return sendUser(reply, await setUserActive(app.db, actor, req.params.id, v, active));
      },
    );
  for (const purpose of ['invite', 'reset'] as const)
    app.post(
      `/admin/users/:id/${purpose}`,
      {
        schema: {
          tags,
          summary:
            purpose === 'invite'
              ? 'Send a new invitation link (the earlier one stops working)'
              : 'Send a one-time password reset link (24 h)',
          params: UserParams,
          response: { 200: LinkSent.extend({ link: z.string().optional() }) },
        },
      },
      async (req, reply) => linkReply(reply, await sendLink(app.db, admin(req), req.params.id, purpose, mail()), 200),
    );
  app.post(
    '/admin/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift the sign-in lock after repeated failures',
        params: UserParams,
        response: { 200: AdminUser },
      },
    },
    async (req, reply) => sendUser(reply, await unlockUser(app.db, admin(req), req.params.id)),
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        tags,
        summary: 'Search the audit trail (MoF); format=csv exports the rows found',
        querystring: AuditQuery,
        response: { 200: AuditResponse },
      },
    },
    async (req, reply) => {
      await sealAudit(app.database);
      const { format, ...filter } = req.query;
      const found = await searchAudit(
        app.database,
        format === 'csv' ? { ...filter, limit: Math.max(filter.limit, 500) } : filter,
      );
      reply.header('cache-control', 'no-store');
      if (format !== 'csv') return found;
      return sendDownload(
        reply,
        `nhat-ky-kiem-toan-${new Date().toISOString().slice(0, 10)}.csv`,
        'text/csv; charset=utf-8',
        toCsv(
          [
            'id',
            'thoi_gian_utc',
            'nguoi_thuc_hien_id',
            'nguoi_thuc_hien',
            'co_quan_id',
            'nguon',
            'bang',
            'thao_tac',
            'doi_tuong',
            'truoc',
            'sau',
          ],
          found.items.map((r) => [
            r.id,
            r.at,
            r.actorId,
            r.actorName,
            r.organisationId,
            r.source,
            r.tableName,
            r.operation,
            r.objectId,
            JSON.stringify(r.before),
            JSON.stringify(r.after),
          ]),
        ),
      );
    },
  );
  app.get(
    '/admin/audit/chain',
    { schema: { tags, summary: 'Seal and verify the audit trail’s hash chain (MoF)', response: { 200: ChainReport } } },
    async (_req, reply) => {
      await sealAudit(app.database);
      reply.header('cache-control', 'no-store');
      return verifyAuditChain(app.database);
    },
  );
  app.get(
    '/admin/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations with their state and number of accounts (MoF)',
        response: { 200: AdminOrganisationsResponse },
      },
    },
    async () => ({ items: await listAdminOrganisations(app.db) }),
  );
  app.post(
    '/admin/organisations',
    {
      schema: {
        tags,
        summary: 'Create an organisation (MoF)',
        body: CreateOrganisationInput,
        response: { 201: AdminOrganisation },
      },
    },
    async (req, reply) => {
      const o = await createOrganisation(app.db, requireUser(req), req.body);
      return reply.status(201).send(sendOrg(reply, o));
    },
  );
  app.patch(
    '/admin/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Edit an organisation (MoF, If-Match)',
        params: OrganisationParams,
        body: UpdateOrganisationInput,
        response: { 200: AdminOrganisation },
      },
    },
    async (req, reply) => {
      const v = requireIfMatch(req, 'organisation', req.params.id);
      return sendOrg(reply, await updateOrganisation(app.db, requireUser(req), req.params.id, v, req.body));
    },
  );
  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const)
    app.post(
      `/admin/organisations/:id/${path}`,
      {
        schema: {
          tags,
          summary: active
            ? 'Reactivate an organisation (MoF, If-Match)'
            : 'Deactivate an organisation: its accounts can no longer sign in (MoF, If-Match)',
          params: OrganisationParams,
          response: { 200: AdminOrganisation },
        },
      },
      async (req, reply) => {
        const v = requireIfMatch(req, 'organisation', req.params.id);
        await getAdminOrganisation(app.db, req.params.id);
        return sendOrg(reply, await setOrganisationActive(app.db, requireUser(req), req.params.id, v, active));
      },
    );
};

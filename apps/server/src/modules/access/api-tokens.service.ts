import crypto from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { ApiToken, CreatedToken, TokenScope } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { currentActor } from '../../db/actor';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { postgresRateLimitStore } from '../../lib/rate-limit-store';
import { limitToPublic } from '../statistics/access-level';
import { rawSql } from '../statistics/raw-sql';
import { loadMe, recordAudit, type SessionUser } from './access.service';

/**
 * API tokens for machine clients (issue 15). A token is personal (acts as its creator) or of an organisation (acts
 * as its creator on the organisation's behalf; created by MoF or the organisation's account managers). Scopes:
 * `read_public` — GET only, public data only (the access predicate treats the caller as anonymous);
 * `read_entitled` — GET only, with the creator's entitlements; `contribute` — the entitled reads plus uploading and
 * submitting contributions. Only the SHA-256 of a token is stored; revocation takes effect on the next request;
 * every token is rate-limited (`API_TOKEN_RATE_LIMIT` requests per minute, default 300).
 */

declare module 'fastify' {
  interface FastifyRequest {
    tokenScope: TokenScope | null;
    tokenId: number | null;
  }
}

const PREFIX = 'rlk_';
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The bearer token of a request, if it looks like one of ours. */
export function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(rlk_[A-Za-z0-9_-]{20,100})$/.exec(h.trim());
  return m ? m[1] : null;
}

/** Resolve a bearer token to its user and scope; null when unknown, revoked, expired or its account is disabled. */
export async function resolveApiToken(
  db: Db,
  token: string,
): Promise<{ user: SessionUser; scope: TokenScope; id: number } | null> {
  const [t] = await rawSql(db).query<{ id: number; user_id: number; scope: TokenScope; disabled: boolean }>(
    `select t.id, t.user_id, t.scope, (u.disabled_at is not null or o.disabled_at is not null) as disabled
     from api_tokens t join users u on u.id = t.user_id join organisations o on o.id = u.organisation_id
     where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    [sha256(token)],
  );
  if (!t || t.disabled) return null;
  const me = await loadMe(db, t.user_id);
  if (!me) return null;
  await rawSql(db).query(
    `update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [t.id],
  );
  return { user: { ...me, tokenHash: '', sessionId: `token-${t.id}` }, scope: t.scope, id: t.id };
}

const CONTRIBUTE_WRITES = new Set(['/api/v1/contributions', '/api/v1/contributions/:id/submit']);

/**
 * After the actor is bound: a token's scope limits what the request may do. Read scopes: GET/HEAD only; `read_public`
 * also reads as an anonymous caller. `contribute`: reads plus uploading and submitting contributions.
 */
export function enforceTokenScope(req: FastifyRequest) {
  const scope = req.tokenScope;
  if (!scope) return;
  if (scope === 'read_public') limitToPublic(currentActor());
  const read = req.method === 'GET' || req.method === 'HEAD';
  const url = req.routeOptions.url ?? '';
  if (read || (scope === 'contribute' && req.method === 'POST' && CONTRIBUTE_WRITES.has(url))) return;
  throw new AppError(
    403,
    'token_scope',
    `This API token (scope ${scope}) may not ${req.method} ${url}.`,
    `Mã truy cập API này (phạm vi ${scope}) không được phép ${req.method} ${url}.`,
  );
}

/**
 * Rate limit per token (requests without a token are not counted here; sign-in has its own throttle). On PostgreSQL
 * the counts live in the database, so the limit holds across all application servers; on PGlite (one server) in
 * memory.
 */
export async function registerTokenRateLimit(app: FastifyInstance, pool: pg.Pool | null) {
  await app.register(rateLimit, {
    global: true,
    // a database hiccup lets the request through rather than failing it
    ...(pool ? { store: postgresRateLimitStore(pool), skipOnError: true } : {}),
    max: Number(process.env.API_TOKEN_RATE_LIMIT ?? 300),
    timeWindow: '1 minute',
    allowList: (req) => req.tokenId === null,
    keyGenerator: (req) => `token-${req.tokenId}`,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        429,
        'rate_limited',
        `Too many requests with this API token: ${ctx.max} per ${ctx.after}. Try again later.`,
        `Quá nhiều yêu cầu với mã truy cập API này: tối đa ${ctx.max} mỗi ${ctx.after}. Hãy thử lại sau.`,
      ),
  });
}

interface TokenRow {
  id: number;
  name: string;
  scope: TokenScope;
  organisation_id: number | null;
  prefix: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  user_id: number;
}
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  owner: r.organisation_id === null ? 'personal' : 'organisation',
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: iso(r.created_at) as string,
  expiresAt: iso(r.expires_at),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});
const mayManageOrg = (u: SessionUser) => u.role === 'admin' || u.managesOrganisation;

async function tokenRows(db: Db, user: SessionUser, id?: number): Promise<TokenRow[]> {
  return rawSql(db).query<TokenRow>(
    `select t.id, t.name, t.scope, t.organisation_id, t.prefix, u.username as created_by, t.created_at, t.expires_at,
            t.last_used_at, t.revoked_at, t.user_id
     from api_tokens t join users u on u.id = t.user_id
     where (t.user_id = $1 or ($3 and t.organisation_id = $2)) ${id === undefined ? '' : 'and t.id = $4'}
     order by t.id desc`,
    id === undefined
      ? [user.id, user.organisation.id, mayManageOrg(user)]
      : [user.id, user.organisation.id, mayManageOrg(user), id],
  );
}

/** The caller's personal tokens, and their organisation's when they manage it. */
export async function listTokens(db: Db, user: SessionUser): Promise<{ items: ApiToken[] }> {
  return { items: (await tokenRows(db, user)).map(toToken) };
}

/** Create a token; its secret is returned once. A viewer's token may only read. */
export async function createToken(
  db: Db,
  user: SessionUser,
  input: { name: string; scope: TokenScope; owner: 'personal' | 'organisation'; expiresAt?: string },
): Promise<CreatedToken> {
  if (input.owner === 'organisation' && !mayManageOrg(user))
    throw new AppError(
      403,
      'not_manager',
      'Only MoF or your organisation’s account managers may create organisation tokens.',
      'Chỉ Bộ Tài chính hoặc người quản lý tài khoản của cơ quan được tạo mã truy cập của cơ quan.',
    );
  if (input.scope === 'contribute' && (user.role === 'viewer' || user.role === 'council'))
    throw new AppError(
      422,
      'scope_not_allowed',
      'Your role cannot contribute figures, so a contribute token is not available.',
      'Vai trò của bạn không được đóng góp số liệu nên không thể tạo mã truy cập phạm vi đóng góp.',
      [{ path: 'body.scope', message: 'not allowed for this role', messageVi: 'không được phép với vai trò này' }],
    );
  const secret = `${PREFIX}${crypto.randomBytes(30).toString('base64url')}`;
  const id = await db.transaction(async (tx) => {
    const [r] = await rawSql(tx).query<{ id: number }>(
      `insert into api_tokens (user_id, organisation_id, name, scope, token_hash, prefix, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        user.id,
        input.owner === 'organisation' ? user.organisation.id : null,
        normaliseText(input.name),
        input.scope,
        sha256(secret),
        secret.slice(0, 10),
        input.expiresAt ? `${input.expiresAt}T23:59:59+07:00` : null,
      ],
    );
    await recordAudit(tx, {
      userId: user.id,
      action: 'api_token_created',
      entity: 'api_token',
      entityId: String(r.id),
      detail: { scope: input.scope, owner: input.owner },
    });
    return r.id;
  });
  const [row] = await tokenRows(db, user, id);
  return { ...toToken(row), token: secret };
}

/** Revoke a token (its creator, or a manager of its organisation). */
export async function revokeToken(db: Db, user: SessionUser, id: number): Promise<ApiToken> {
  const [row] = await tokenRows(db, user, id);
  if (!row) throw new AppError(404, 'not_found', 'Token not found.', 'Không tìm thấy mã truy cập.');
  if (row.revoked_at === null)
    await db.transaction(async (tx) => {
      await rawSql(tx).query('update api_tokens set revoked_at = now() where id = $1 and revoked_at is null', [id]);
      await recordAudit(tx, {
        userId: user.id,
        action: 'api_token_revoked',
        entity: 'api_token',
        entityId: String(id),
      });
    });
  const [after] = await tokenRows(db, user, id);
  return toToken(after);
}

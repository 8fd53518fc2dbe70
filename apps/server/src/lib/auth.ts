import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@regionlink/shared';
import { SESSION_COOKIE, type SessionUser, resolveSession } from '../modules/access/access.service';
import { AppError, forbidden, unauthorized } from './errors';
import { bearerOf, enforceTokenScope, resolveApiToken } from '../modules/access/api-tokens.service';
import { registerPolicyGate } from './policy';
import { registerRequestActor } from './request-actor';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Is a state-changing request from another origin? `Origin` must name this host exactly; an opaque origin (`null`,
 * sent by sandboxed frames, `data:` documents and some redirects) is refused like any other. Without `Origin`, a
 * browser's `Sec-Fetch-Site: cross-site` is refused too; non-browser clients (curl, the CLI, tests) send neither.
 */
export function isCrossOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const origin = headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(String(origin)).host;
    } catch {
      host = null;
    }
    return host === null || host === '' || host !== headers.host;
  }
  const site = headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Attach the signed-in user (or null) to every request, refuse state-changing requests from another origin, then
 * check the route's gate in the central policy table (lib/policy.ts) — all before the body is read.
 * The session cookie is SameSite=Lax as well; the Origin check covers browsers that send it anyway.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('user', null);
  app.decorateRequest('tokenScope', null);
  app.decorateRequest('tokenId', null);
  app.addHook('onRequest', async (req) => {
    if (UNSAFE.has(req.method) && isCrossOrigin(req.headers))
      throw new AppError(403, 'cross_origin', 'Cross-origin request refused.', 'Yêu cầu từ nguồn khác bị từ chối.');
    const bearer = bearerOf(req);
    if (bearer) {
      // An API token (issue 15) stands for its creator, limited to its scope (enforceTokenScope below).
      const t = await resolveApiToken(req.server.db, bearer);
      if (!t) throw unauthorized();
      req.user = t.user;
      req.tokenScope = t.scope;
      req.tokenId = t.id;
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    req.user = token ? await resolveSession(req.server.db, token) : null;
  });
  registerRequestActor(app);
  app.addHook('onRequest', async (req) => enforceTokenScope(req));
  registerPolicyGate(app);
}

/** The signed-in user, or a 401. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** The signed-in user if their role is one of `roles`; 401 when signed out, 403 otherwise. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@regionlink/shared';
import { SESSION_COOKIE, type SessionUser, resolveSession } from '../modules/access/access.service';
import { AppError, forbidden, unauthorized } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Attach the signed-in user (or null) to every request, and refuse state-changing requests from another origin.
 * The session cookie is SameSite=Lax as well; the Origin check covers browsers that send it anyway.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    if (UNSAFE.has(req.method)) {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let host: string | null = null;
        try {
          host = new URL(origin).host;
        } catch {
          host = null;
        }
        if (host !== req.headers.host)
          throw new AppError(403, 'cross_origin', 'Cross-origin request refused.', 'Yêu cầu từ nguồn khác bị từ chối.');
      }
    }
    const token = req.cookies?.[SESSION_COOKIE];
    req.user = token ? await resolveSession(req.server.db, token) : null;
  });
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

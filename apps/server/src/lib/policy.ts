import type { Me, Role } from '@regionlink/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../modules/access/access.service';
import { AppError, forbidden, unauthorized } from './errors';

/**
 * The central policy table: one row per route, contributed by each module (`contributePolicy` in its route plugin).
 * The row's gate is checked in `onRequest`, right after the session is resolved and before the body is read, so a
 * caller without rights gets 401/403 before body validation, If-Match or any lookup, and learns nothing.
 * Object-level rules (whose submission, which project) stay in the modules' services; the gate is the coarse first
 * line that no route can forget.
 *
 * - `public`: anyone, signed in or not.
 * - `signed_in`: any signed-in user: their own account (password, sessions, notifications), or an object whose
 *   service decides (404 where its existence must not leak, so the gate must not answer 403 first).
 * - `writer`: any signed-in user except a `viewer` (read-only by definition); the service then decides on the object.
 * - a list of roles: only these roles.
 * - `{ allow }`: a signed-in user for whom `allow` holds (a rule on the account, e.g. delegated administration).
 */
export type Gate =
  | 'public'
  | 'signed_in'
  | 'writer'
  | readonly Role[]
  | { allow: (u: GateUser) => boolean; about: string };

/** What a gate may look at: the account, never the request body. */
export type GateUser = Pick<Me, 'role' | 'managesOrganisation'>;

export interface PolicyRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as registered, with the prefix: `/api/v1/plans/:code`. */
  url: string;
  gate: Gate;
}

const TABLE = new Map<string, PolicyRow>();
const keyOf = (method: string, url: string) => `${method} ${url}`;

/** Add a module's rows to the central table; a second, different row for the same route is a programming error. */
export function contributePolicy(rows: readonly PolicyRow[]): void {
  for (const row of rows) {
    const key = keyOf(row.method, row.url);
    const prior = TABLE.get(key);
    if (prior && prior.gate !== row.gate && JSON.stringify(prior.gate) !== JSON.stringify(row.gate))
      throw new Error(`policy: two different rows for ${key}`);
    TABLE.set(key, row);
  }
}

/** The policy row of a route, if any module contributed one. */
export function policyOf(method: string, url: string): PolicyRow | undefined {
  return TABLE.get(keyOf(method, url));
}

/** Every row of the table (for the route inventory test and the generated permission matrix). */
export function policyRows(): PolicyRow[] {
  return [...TABLE.values()];
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The decision of a gate for a caller: null when allowed, else the HTTP status. Routes without a row: reads are
 * public (each read applies its own scope), writes need a signed-in non-viewer (the inventory test fails for them).
 */
export function gateDecision(gate: Gate | undefined, method: string, user: GateUser | null): 401 | 403 | null {
  const g: Gate = gate ?? (WRITE.has(method) ? 'writer' : 'public');
  if (g === 'public') return null;
  if (user === null) return 401;
  if (g === 'signed_in') return null;
  if (g === 'writer') return user.role === 'viewer' ? 403 : null;
  if ('allow' in g) return g.allow(user) ? null : 403;
  return g.includes(user.role) ? null : 403;
}

/** An administrator without two-factor sign-in where it is required may only read and manage their own account. */
function needsMfaFirst(req: FastifyRequest, url: string): boolean {
  const u = req.user;
  return (
    !!u &&
    u.role === 'admin' &&
    !u.totpEnabled &&
    req.server.config.requireAdminMfa &&
    WRITE.has(req.method) &&
    !url.startsWith('/api/v1/auth/')
  );
}

const mfaEnrolmentRequired = () =>
  new AppError(
    403,
    'mfa_enrolment_required',
    'Administrators must turn on two-factor sign-in (Account page) before changing anything.',
    'Quản trị viên phải bật xác thực hai lớp (trang Tài khoản) trước khi thực hiện thay đổi.',
  );

/** Check the route's gate on every request (registered after the session is resolved). */
export function registerPolicyGate(app: FastifyInstance) {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/')) return;
    const verdict = gateDecision(policyOf(req.method, url)?.gate, req.method, req.user);
    if (verdict === null) {
      if (needsMfaFirst(req, url)) throw mfaEnrolmentRequired();
      return;
    }
    if (verdict === 401) throw unauthorized();
    await recordAudit(req.server.db, {
      userId: req.user!.id,
      action: 'authz_denied',
      entity: 'route',
      entityId: `${req.method} ${url}`,
      detail: { role: req.user!.role, params: req.params },
    });
    throw forbidden();
  });
}

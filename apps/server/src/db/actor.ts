import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting, for the audit trail: set once per HTTP request (after the session is resolved), per CLI command or
 * per background job, and carried through every await by AsyncLocalStorage. Every SQL statement sent while it is
 * set starts with a comment `/*rl:u=…;o=…;r=…;s=…*\/` that the audit trigger reads with `current_query()`, so each
 * row the statement writes is attributed to the user, organisation and request without any code in the modules,
 * on any pooled connection and inside or outside transactions (migration 0900_audit_trail.sql).
 */
export interface Actor {
  userId: number | null;
  organisationId: number | null;
  /** The request or job it belongs to. */
  requestId: string | null;
  /** `api`, `cli`, `job`, `system`. */
  source: string;
}

const storage = new AsyncLocalStorage<Actor>();

/** Run `fn` as `actor` (a CLI command, a job). */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

/** The current actor, if any. */
export function currentActor(): Actor | undefined {
  return storage.getStore();
}

/** The AsyncLocalStorage itself, for the HTTP hook that binds each request. */
export const actorStorage = storage;

const safe = (v: string | number | null) => String(v ?? '').replace(/[^A-Za-z0-9_.:-]/g, '');

/** Outside any request, command or job: the server itself (timers of other modules, start-up). */
const SERVER: Actor = { userId: null, organisationId: null, requestId: null, source: 'server' };

/**
 * Prefix a statement with the current actor's comment. Statements the server sends outside any request are
 * attributed to `server`, so only writes from outside the product (psql) show as `sql` in the trail.
 */
export function tagSql(text: string): string {
  const a = storage.getStore() ?? SERVER;
  return `/*rl:u=${safe(a.userId)};o=${safe(a.organisationId)};r=${safe(a.requestId)};s=${safe(a.source)}*/ ${text}`;
}

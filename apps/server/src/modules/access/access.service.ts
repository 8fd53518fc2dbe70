import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Me, Organisation, OrganisationKind, Role } from '@regionlink/shared';
import { normaliseText, sortVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { auditLog, loginThrottle, organisations, sessions, users } from './access.schema';
import { dummyPasswordHash, verifyPassword } from './password';

export const SESSION_COOKIE = 'rl_session';
/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 4 * 3600_000;
/** A session ends this long after login, whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;
/** Failures allowed before each further attempt is slowed down. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 16_000;

/** The signed-in user as the rest of the server sees it. */
export interface SessionUser extends Me {
  tokenHash: string;
}

type OrgRow = typeof organisations.$inferSelect;
export const toOrganisation = (o: OrgRow): Organisation => ({
  id: o.id,
  code: o.code,
  kind: o.kind as OrganisationKind,
  nameVi: o.nameVi,
  nameEn: o.nameEn,
  provinceCode: o.provinceCode,
  regionCode: o.regionCode,
});

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Record an event in the append-only audit log. */
export async function recordAudit(
  db: Db,
  e: { userId: number | null; action: string; entity?: string; entityId?: string; detail?: unknown },
) {
  await db.insert(auditLog).values({
    userId: e.userId,
    action: e.action,
    entity: e.entity ?? null,
    entityId: e.entityId ?? null,
    detail: e.detail ?? null,
  });
}

/** Delay before checking a password, growing with the account's recent failures (0 for the first three). */
export function loginDelayMs(failures: number, baseMs: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** (failures - FREE_FAILURES));
}

/**
 * Check a username and password and open a session. Returns the session token for the cookie, or throws a 401 that
 * does not say which part was wrong. Repeated failures on one account slow every further attempt down.
 */
export async function login(
  db: Db,
  input: { username: string; password: string },
  opts: { delayBaseMs: number; ip?: string },
): Promise<{ token: string; user: Me }> {
  const username = normaliseText(input.username).toLowerCase();
  const [throttle] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, username));
  const delay = loginDelayMs(throttle?.failures ?? 0, opts.delayBaseMs);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));

  const [row] = await db.select().from(users).where(eq(users.username, username));
  const ok = row
    ? await verifyPassword(row.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!row || !ok || row.disabledAt) {
    await db
      .insert(loginThrottle)
      .values({ key: username, failures: 1 })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: { failures: sql`${loginThrottle.failures} + 1`, lastFailedAt: sql`now()` },
      });
    await recordAudit(db, { userId: row?.id ?? null, action: 'login_failed', detail: { username, ip: opts.ip } });
    throw new AppError(401, 'invalid_credentials', 'Wrong username or password.', 'Sai tên đăng nhập hoặc mật khẩu.');
  }
  await db.delete(loginThrottle).where(eq(loginThrottle.key, username));
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId: row.id,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS).toISOString(),
  });
  await recordAudit(db, { userId: row.id, action: 'login', detail: { ip: opts.ip } });
  const me = await loadMe(db, row.id);
  return { token, user: me! };
}

async function loadMe(db: Db, userId: number): Promise<Me | null> {
  const [r] = await db
    .select({ u: users, o: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!r) return null;
  return {
    id: r.u.id,
    username: r.u.username,
    displayName: r.u.displayName,
    role: r.u.role as Role,
    organisation: toOrganisation(r.o),
  };
}

/**
 * Resolve a session token to its user, checked on every request against the database so that a disabled user or a
 * changed role takes effect at once. Expired and idle sessions are deleted and yield null.
 */
export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  const tokenHash = sha256(token);
  const [r] = await db
    .select({ s: sessions, u: users, o: organisations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!r) return null;
  const now = Date.now();
  if (r.u.disabledAt || Date.parse(r.s.expiresAt) < now || Date.parse(r.s.lastSeenAt) + IDLE_TIMEOUT_MS < now) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (Date.parse(r.s.lastSeenAt) + 60_000 < now)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.tokenHash, tokenHash));
  return {
    id: r.u.id,
    username: r.u.username,
    displayName: r.u.displayName,
    role: r.u.role as Role,
    organisation: toOrganisation(r.o),
    tokenHash,
  };
}

/** End a session (logout). */
export async function logout(db: Db, user: SessionUser) {
  await db.delete(sessions).where(and(eq(sessions.tokenHash, user.tokenHash), eq(sessions.userId, user.id)));
  await recordAudit(db, { userId: user.id, action: 'logout' });
}

/** All organisations: ministries in official order, then the rest in Vietnamese alphabetical order within kind. */
export async function listOrganisations(db: Db, kind?: OrganisationKind): Promise<Organisation[]> {
  const rows = await db
    .select()
    .from(organisations)
    .where(kind ? eq(organisations.kind, kind) : undefined);
  const kinds: OrganisationKind[] = ['ministry', 'agency', 'province', 'council', 'other'];
  return sortVi(rows, (o) => o.nameVi.replace(/^Ủy ban nhân dân (tỉnh|thành phố) /, ''))
    .sort(
      (a, b) =>
        kinds.indexOf(a.kind as OrganisationKind) - kinds.indexOf(b.kind as OrganisationKind) ||
        a.sortOrder - b.sortOrder,
    )
    .map(toOrganisation);
}

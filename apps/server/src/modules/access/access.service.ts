import crypto from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Me, Organisation, OrganisationKind, Role } from '@regionlink/shared';
import { normaliseText, sortVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { actAs } from '../../lib/request-actor';
import { auditLog, organisations, sessions, users } from './access.schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { type LoginLimits, claimLockNotice, reserveAttempt, settleSuccess } from './throttle';
import { checkSecondFactor } from './totp';

export const SESSION_COOKIE = 'rl_session';
/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 4 * 3600_000;
/** A session ends this long after login, whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;

/** The signed-in user as the rest of the server sees it. */
export interface SessionUser extends Me {
  tokenHash: string;
  /** Public id of the current session. */
  sessionId: string;
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

/** The client as a session remembers it. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Wrong username or password.', 'Sai tên đăng nhập hoặc mật khẩu.');

/** 429 with Retry-After: too many failed sign-ins on this account or from this address. */
export function lockedOut(retryAfterSeconds: number, by: 'account' | 'address') {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    429,
    by === 'account' ? 'account_locked' : 'address_throttled',
    by === 'account'
      ? `Too many failed sign-ins on this account. Try again in ${minutes} minute(s), or ask an administrator to unlock it.`
      : `Too many failed sign-ins from this network address. Try again in ${minutes} minute(s).`,
    by === 'account'
      ? `Tài khoản tạm khoá do đăng nhập sai nhiều lần. Thử lại sau ${minutes} phút hoặc đề nghị quản trị viên mở khoá.`
      : `Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Thử lại sau ${minutes} phút.`,
    undefined,
    { retryAfterSeconds },
  );
}

/**
 * Check a username, password (and one-time code for accounts with two-factor sign-in) and open a session. Each
 * attempt is first counted in the database against the account name and the client address (throttle.ts); over the
 * limit the password is not even checked. Wrong credentials give one 401 that does not say which part was wrong.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; otp?: string },
  opts: { limits: LoginLimits; client: ClientInfo; onLock?: (userId: number) => Promise<void> },
): Promise<{ token: string; user: Me }> {
  const username = normaliseText(input.username).toLowerCase();
  const reservation = await reserveAttempt(db, username, opts.client.ip, opts.limits);
  if (!reservation.ok) {
    await recordAudit(db, {
      userId: null,
      action: 'login_throttled',
      detail: { username, ip: opts.client.ip, by: reservation.by },
    });
    if (reservation.by === 'account' && opts.onLock && (await claimLockNotice(db, username))) {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (u) await opts.onLock(u.id);
    }
    throw lockedOut(reservation.retryAfterSeconds, reservation.by);
  }
  const [row] = await db.select().from(users).where(eq(users.username, username));
  // Passwords are hashed as NFC (accounts.service.ts), so a Vietnamese password typed on any keyboard matches.
  const password = input.password.normalize('NFC');
  const ok = row
    ? await verifyPassword(row.passwordHash, password)
    : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
  const [org] = row
    ? await db
        .select({ disabledAt: organisations.disabledAt })
        .from(organisations)
        .where(eq(organisations.id, row.organisationId))
    : [];
  if (!row || !ok || row.disabledAt || org?.disabledAt) {
    await recordAudit(db, {
      userId: row?.id ?? null,
      action: 'login_failed',
      detail: { username, ip: opts.client.ip },
    });
    throw invalidCredentials();
  }
  if (row.totpEnabledAt) {
    if (!input.otp) {
      // The password was right: give the attempt back, and ask for the second factor.
      await settleSuccess(db, username, opts.client.ip);
      throw new AppError(
        401,
        'otp_required',
        'Enter the 6-digit code of your authenticator app (or a recovery code).',
        'Nhập mã 6 chữ số trong ứng dụng xác thực (hoặc một mã khôi phục).',
      );
    }
    if (!(await checkSecondFactor(db, row, input.otp))) {
      await recordAudit(db, {
        userId: row.id,
        action: 'login_failed',
        detail: { username, ip: opts.client.ip, otp: true },
      });
      throw new AppError(401, 'otp_invalid', 'The code is wrong or expired.', 'Mã xác thực sai hoặc đã hết hạn.');
    }
  }
  await settleSuccess(db, username, opts.client.ip);
  actAs(row.id, row.organisationId);
  const token = await openSession(db, row.id, opts.client);
  await recordAudit(db, { userId: row.id, action: 'login', detail: { ip: opts.client.ip } });
  const me = await loadMe(db, row.id);
  return { token, user: me! };
}

/** Create a session for a user and return its token (for the cookie); only the token's SHA-256 is stored. */
export async function openSession(db: Db, userId: number, client: ClientInfo): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    id: crypto.randomBytes(12).toString('base64url'),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS).toISOString(),
  });
  return token;
}

/** End every session of a user (deactivation, role change, password set), or every one but `keepTokenHash`. */
export async function endSessions(db: Db, userId: number, keepTokenHash?: string): Promise<number> {
  const r = await db
    .delete(sessions)
    .where(
      keepTokenHash
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return r.length;
}

/** The signed-in user as the API shows them. */
export async function loadMe(db: Db, userId: number): Promise<Me | null> {
  const [r] = await db
    .select({ u: users, o: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!r) return null;
  return meOf(r.u, r.o);
}

/**
 * The user as the API shows them, or null when the account or its organisation has been disabled: for work done on
 * their behalf after the request (a queued import), which must stop as a session would.
 */
export async function loadActiveUser(db: Db, userId: number): Promise<Me | null> {
  const [r] = await db
    .select({ u: users, o: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!r || r.u.disabledAt || r.o.disabledAt) return null;
  return meOf(r.u, r.o);
}

type UserRow = typeof users.$inferSelect;
const meOf = (u: UserRow, o: OrgRow): Me => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role as Role,
  organisation: toOrganisation(o),
  email: u.email,
  totpEnabled: u.totpEnabledAt !== null,
  managesOrganisation: u.managesOrganisation,
});

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
  if (
    r.u.disabledAt ||
    r.o.disabledAt ||
    Date.parse(r.s.expiresAt) < now ||
    Date.parse(r.s.lastSeenAt) + IDLE_TIMEOUT_MS < now
  ) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (Date.parse(r.s.lastSeenAt) + 60_000 < now)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.tokenHash, tokenHash));
  return { ...meOf(r.u, r.o), tokenHash, sessionId: r.s.id };
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

import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AdminUser, CreateUserInput, Role, TokenInfo, UpdateUserInput } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { emailOutbox } from '../reporting/reporting.schema';
import { accountTokens, organisations, sessions, users } from './access.schema';
import { type SessionUser, endSessions, recordAudit, toOrganisation } from './access.service';
import { hashPassword, verifyPassword } from './password';
import { checkPassword } from './password-policy';
import { clearAccount } from './throttle';

/** How long a one-time link works. */
export const LINK_TTL_MS = { invite: 72 * 3600_000, reset: 24 * 3600_000 } as const;
/** The stored hash of an account that has no password yet (no argon2 hash matches it). */
export const NO_PASSWORD = '!';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Who may administer accounts: MoF administrators everywhere, delegated officers in their own organisation only. */
export function userAdminScope(actor: SessionUser): 'all' | number {
  if (actor.role === 'admin') return 'all';
  if (actor.managesOrganisation && actor.role !== 'viewer') return actor.organisation.id;
  throw forbidden();
}

/** Roles a delegated officer may give: never admin. */
const DELEGABLE: readonly Role[] = ['reporter', 'council', 'viewer'];

type UserRow = typeof users.$inferSelect;
type OrgRow = typeof organisations.$inferSelect;

async function toAdminUser(db: Db, u: UserRow, o: OrgRow): Promise<AdminUser> {
  const [s] = (
    (await db.execute(sql`
    select (select count(*)::int from sessions where user_id = ${u.id} and expires_at > now()) as n,
           (select max(at) from audit_log where user_id = ${u.id} and action = 'login')::text as last,
           exists (select 1 from login_attempts where key = ${`acct:${u.username}`} and attempts > 5
                   and window_start > now() - interval '15 minutes') as locked`)) as unknown as {
      rows: { n: number; last: string | null; locked: boolean }[];
    }
  ).rows;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role as Role,
    organisation: toOrganisation(o),
    managesOrganisation: u.managesOrganisation,
    disabledAt: u.disabledAt,
    createdAt: u.createdAt,
    passwordSet: u.passwordHash !== NO_PASSWORD,
    totpEnabled: u.totpEnabledAt !== null,
    lastLoginAt: s?.last ? new Date(s.last).toISOString() : null,
    activeSessions: Number(s?.n ?? 0),
    locked: !!s?.locked,
    version: u.version,
  };
}

/** One account with its organisation, or 404 (also when outside the actor's scope: its existence is not shown). */
async function loadUser(db: Db, actor: SessionUser, id: number) {
  const scope = userAdminScope(actor);
  const [r] = await db
    .select({ u: users, o: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  if (!r || (scope !== 'all' && r.u.organisationId !== scope)) throw notFound('User', 'tài khoản');
  return r;
}

/** The accounts the actor administers, filtered; sorted by organisation then name (Vietnamese order). */
export async function listUsers(
  db: Db,
  actor: SessionUser,
  q: { q?: string; organisationId?: number; role?: Role; status: 'active' | 'disabled' | 'all' },
): Promise<AdminUser[]> {
  const scope = userAdminScope(actor);
  const text = q.q
    ? `%${normaliseText(q.q)
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const rows = await db
    .select({ u: users, o: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        scope === 'all' ? undefined : eq(users.organisationId, scope),
        q.organisationId ? eq(users.organisationId, q.organisationId) : undefined,
        q.role ? eq(users.role, q.role) : undefined,
        q.status === 'active' ? isNull(users.disabledAt) : undefined,
        q.status === 'disabled' ? sql`${users.disabledAt} is not null` : undefined,
        text
          ? sql`(lower(${users.username}) like ${text} or lower(${users.displayName}) like ${text} or lower(coalesce(${users.email}, '')) like ${text})`
          : undefined,
      ),
    )
    .limit(2000);
  const coll = new Intl.Collator('vi');
  rows.sort((a, b) => coll.compare(a.o.nameVi, b.o.nameVi) || coll.compare(a.u.displayName, b.u.displayName));
  return Promise.all(rows.map((r) => toAdminUser(db, r.u, r.o)));
}

/** One account (administrators and delegated officers within their organisation). */
export async function getUser(db: Db, actor: SessionUser, id: number): Promise<AdminUser> {
  const r = await loadUser(db, actor, id);
  return toAdminUser(db, r.u, r.o);
}

async function checkAssignment(db: Db, actor: SessionUser, role: Role, organisationId: number, manages: boolean) {
  const scope = userAdminScope(actor);
  if (scope !== 'all') {
    if (organisationId !== scope || !DELEGABLE.includes(role) || manages) {
      await recordAudit(db, {
        userId: actor.id,
        action: 'authz_denied',
        entity: 'user',
        entityId: 'assignment',
        detail: { role, organisationId, manages },
      });
      throw new AppError(
        403,
        'forbidden',
        'You may only give the roles reporter, council or viewer in your own organisation.',
        'Bạn chỉ được giao vai trò báo cáo viên, hội đồng hoặc người xem trong cơ quan của mình.',
      );
    }
  }
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!org || org.disabledAt)
    throw new AppError(422, 'organisation_unknown', 'No active organisation with this id.', 'Không có cơ quan này.', [
      { path: 'body.organisationId', message: 'Unknown organisation.', messageVi: 'Cơ quan không tồn tại.' },
    ]);
  return org;
}

const duplicate = (field: 'username' | 'email') =>
  new AppError(
    409,
    `${field}_taken`,
    field === 'username' ? 'This username is already used.' : 'This e-mail address is already used by another account.',
    field === 'username' ? 'Tên đăng nhập đã được dùng.' : 'Địa chỉ thư điện tử đã được tài khoản khác dùng.',
    [{ path: `body.${field}`, message: 'Already used.', messageVi: 'Đã được dùng.' }],
  );

async function assertUnique(db: Db, field: 'username' | 'email', value: string, exceptId?: number) {
  const col = field === 'username' ? sql`lower(${users.username})` : sql`lower(${users.email})`;
  const [hit] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`${col} = ${value.toLowerCase()}`, exceptId ? sql`${users.id} <> ${exceptId}` : undefined));
  if (hit) throw duplicate(field);
}

/** What queuing a one-time link did, for the caller. */
export interface LinkResult {
  user: AdminUser;
  emailQueued: boolean;
  expiresAt: string;
  /** Only where no mail server is configured: the administrator must hand the link over another way. */
  link?: string;
}

/**
 * Create an account without a password and send an invitation: a one-time link (72 h) to set the password. The
 * e-mail goes through the product's outbox like every other message.
 */
export async function createUser(
  db: Db,
  actor: SessionUser,
  input: CreateUserInput,
  mail: MailContext,
): Promise<LinkResult> {
  const role = input.role;
  const manages = input.managesOrganisation ?? false;
  await checkAssignment(db, actor, role, input.organisationId, manages);
  const username = normaliseText(input.username).toLowerCase();
  const email = normaliseText(input.email).toLowerCase();
  await assertUnique(db, 'username', username);
  await assertUnique(db, 'email', email);
  const created = await db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({
        username,
        displayName: normaliseText(input.displayName),
        email,
        role,
        organisationId: input.organisationId,
        managesOrganisation: manages,
        passwordHash: NO_PASSWORD,
      })
      .onConflictDoNothing()
      .returning();
    if (!u) throw duplicate('username');
    await recordAudit(tx as unknown as Db, {
      userId: actor.id,
      action: 'user_created',
      entity: 'user',
      entityId: String(u.id),
      detail: { username, role, organisationId: input.organisationId },
    });
    return u;
  });
  return sendLink(db, actor, created.id, 'invite', mail);
}

/** Where links point and whether mail can leave the machine. */
export interface MailContext {
  publicUrl: string;
  smtpConfigured: boolean;
}

/**
 * Issue a one-time link for a user (invitation or admin-initiated reset), revoking any earlier unused link of the
 * user, and queue the e-mail. Only the token's SHA-256 is stored.
 */
export async function sendLink(
  db: Db,
  actor: SessionUser,
  userId: number,
  purpose: 'invite' | 'reset',
  mail: MailContext,
): Promise<LinkResult> {
  const { u, o } = await loadUser(db, actor, userId);
  if (u.disabledAt)
    throw new AppError(409, 'user_disabled', 'The account is deactivated.', 'Tài khoản đã bị vô hiệu hoá.');
  if (!u.email)
    throw new AppError(
      409,
      'email_missing',
      'The account has no e-mail address; add one first.',
      'Tài khoản chưa có địa chỉ thư điện tử; hãy bổ sung trước.',
    );
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + LINK_TTL_MS[purpose]).toISOString();
  const link = `${mail.publicUrl}/account/set-password#token=${token}`;
  await db.transaction(async (tx) => {
    await tx
      .update(accountTokens)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(accountTokens.userId, u.id), isNull(accountTokens.usedAt)));
    await tx
      .insert(accountTokens)
      .values({ userId: u.id, purpose, tokenHash: sha256(token), createdBy: actor.id, expiresAt });
    await tx.insert(emailOutbox).values({
      toAddress: u.email!,
      subject:
        purpose === 'invite'
          ? '[RegionLink] Mời sử dụng hệ thống / Invitation to RegionLink'
          : '[RegionLink] Đặt lại mật khẩu / Reset your password',
      bodyText: linkMailBody(purpose, u, o.nameVi, link, expiresAt),
      kind: `account_${purpose}`,
    });
    await recordAudit(tx as unknown as Db, {
      userId: actor.id,
      action: purpose === 'invite' ? 'user_invited' : 'password_reset_sent',
      entity: 'user',
      entityId: String(u.id),
      detail: { expiresAt, linkShownToAdmin: !mail.smtpConfigured },
    });
  });
  return {
    user: await toAdminUser(db, u, o),
    emailQueued: true,
    expiresAt,
    ...(mail.smtpConfigured ? {} : { link }),
  };
}

function linkMailBody(purpose: 'invite' | 'reset', u: UserRow, orgVi: string, link: string, expiresAt: string) {
  const until = new Date(expiresAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  const vi =
    purpose === 'invite'
      ? `Kính gửi ${u.displayName},\n\nBạn được mời sử dụng Hệ thống thông tin liên kết vùng (RegionLink) với tư cách cán bộ của ${orgVi}.\nTên đăng nhập: ${u.username}\nĐặt mật khẩu tại đường dẫn sau (dùng được một lần, hết hạn lúc ${until}):\n${link}`
      : `Kính gửi ${u.displayName},\n\nQuản trị viên đã yêu cầu đặt lại mật khẩu tài khoản ${u.username}.\nĐặt mật khẩu mới tại đường dẫn sau (dùng được một lần, hết hạn lúc ${until}):\n${link}`;
  const en =
    purpose === 'invite'
      ? `You are invited to RegionLink as an officer of your organisation. Username: ${u.username}. Set your password (one-time link, expires ${expiresAt}):\n${link}`
      : `An administrator asked for the password of ${u.username} to be reset. Set a new one (one-time link, expires ${expiresAt}):\n${link}`;
  return `${vi}\n\n---\n${en}\n\nNếu bạn không chờ thư này, hãy bỏ qua. / If you did not expect this message, ignore it.`;
}

/** Edit an account; a change of role, organisation or delegation ends its sessions (privileges are re-established at sign-in). */
export async function updateUser(
  db: Db,
  actor: SessionUser,
  id: number,
  version: number,
  input: UpdateUserInput,
): Promise<AdminUser> {
  const { u } = await loadUser(db, actor, id);
  const role = input.role ?? (u.role as Role);
  const organisationId = input.organisationId ?? u.organisationId;
  const manages = input.managesOrganisation ?? u.managesOrganisation;
  if (input.role !== undefined || input.organisationId !== undefined || input.managesOrganisation !== undefined)
    await checkAssignment(db, actor, role, organisationId, manages && manages !== u.managesOrganisation);
  if (u.id === actor.id && (role !== u.role || organisationId !== u.organisationId))
    throw new AppError(
      409,
      'own_role',
      'You cannot change your own role or organisation; ask another administrator.',
      'Không thể tự đổi vai trò hoặc cơ quan của mình; đề nghị quản trị viên khác.',
    );
  const email = input.email === undefined ? u.email : normaliseText(input.email).toLowerCase();
  if (email && email !== u.email) await assertUnique(db, 'email', email, u.id);
  const privilegeChanged = role !== u.role || organisationId !== u.organisationId || manages !== u.managesOrganisation;
  await db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({
        displayName: input.displayName === undefined ? u.displayName : normaliseText(input.displayName),
        email,
        role,
        organisationId,
        managesOrganisation: manages,
        version: sql`${users.version} + 1`,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id });
    if (r.length === 0) throw staleWrite();
    let ended = 0;
    if (privilegeChanged) ended = await endSessions(tx as unknown as Db, id);
    await recordAudit(tx as unknown as Db, {
      userId: actor.id,
      action: 'user_updated',
      entity: 'user',
      entityId: String(id),
      detail: { changed: Object.keys(input), sessionsEnded: ended },
    });
  });
  return getUser(db, actor, id);
}

/** Deactivate (never delete: history keeps the name) or reactivate an account; deactivation ends its sessions at once. */
export async function setUserActive(
  db: Db,
  actor: SessionUser,
  id: number,
  version: number,
  active: boolean,
): Promise<AdminUser> {
  const { u } = await loadUser(db, actor, id);
  if (!active && u.id === actor.id)
    throw new AppError(
      409,
      'own_account',
      'You cannot deactivate your own account.',
      'Không thể tự vô hiệu hoá tài khoản của mình.',
    );
  if (u.role === 'admin' && actor.role !== 'admin') throw forbidden();
  await db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({
        disabledAt: active ? null : new Date().toISOString(),
        version: sql`${users.version} + 1`,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id });
    if (r.length === 0) throw staleWrite();
    const ended = active ? 0 : await endSessions(tx as unknown as Db, id);
    await recordAudit(tx as unknown as Db, {
      userId: actor.id,
      action: active ? 'user_reactivated' : 'user_deactivated',
      entity: 'user',
      entityId: String(id),
      detail: { sessionsEnded: ended },
    });
  });
  return getUser(db, actor, id);
}

/** Lift a sign-in lock (too many failures) on an account. */
export async function unlockUser(db: Db, actor: SessionUser, id: number): Promise<AdminUser> {
  const { u } = await loadUser(db, actor, id);
  await clearAccount(db, u.username);
  await recordAudit(db, { userId: actor.id, action: 'user_unlocked', entity: 'user', entityId: String(id) });
  return getUser(db, actor, id);
}

/** The password problem as a 400 naming the field. */
function passwordRejected(field: string, p: { code: string; en: string; vi: string }) {
  return new AppError(400, p.code, p.en, p.vi, [{ path: field, message: p.en, messageVi: p.vi }]);
}

/** A valid, unused, unexpired one-time link's row and user, or a 404 that says the link no longer works. */
async function liveToken(db: Db, token: string) {
  const [r] = await db
    .select({ t: accountTokens, u: users, o: organisations })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(accountTokens.tokenHash, sha256(token)),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date().toISOString()),
        isNull(users.disabledAt),
      ),
    );
  if (!r)
    throw new AppError(
      404,
      'link_invalid',
      'This link has expired or has already been used. Ask your administrator for a new one.',
      'Đường dẫn đã hết hạn hoặc đã được sử dụng. Đề nghị quản trị viên gửi đường dẫn mới.',
    );
  return r;
}

/** What the set-password page shows before the password is chosen. */
export async function inspectToken(db: Db, token: string): Promise<TokenInfo> {
  const r = await liveToken(db, token);
  return {
    purpose: r.t.purpose as 'invite' | 'reset',
    username: r.u.username,
    displayName: r.u.displayName,
    organisation: r.o.nameVi,
    expiresAt: r.t.expiresAt,
  };
}

/**
 * Set a password through a one-time link: the policy is checked, the link is spent in the same statement that
 * checks it is unused (two tabs cannot both use it), every session of the account ends, and its sign-in lock lifts.
 */
export async function usePasswordLink(db: Db, token: string, newPassword: string): Promise<{ username: string }> {
  const r = await liveToken(db, token);
  const problem = checkPassword(newPassword, { username: r.u.username, displayName: r.u.displayName });
  if (problem) throw passwordRejected('body.newPassword', problem);
  const hash = await hashPassword(newPassword.normalize('NFC'));
  await db.transaction(async (tx) => {
    const spent = await tx
      .update(accountTokens)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(accountTokens.id, r.t.id), isNull(accountTokens.usedAt)))
      .returning({ id: accountTokens.id });
    if (spent.length === 0)
      throw new AppError(404, 'link_invalid', 'This link has already been used.', 'Đường dẫn đã được sử dụng.');
    await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
      .where(eq(users.id, r.u.id));
    await endSessions(tx as unknown as Db, r.u.id);
    await recordAudit(tx as unknown as Db, {
      userId: r.u.id,
      action: r.t.purpose === 'invite' ? 'password_set_from_invite' : 'password_reset_used',
      entity: 'user',
      entityId: String(r.u.id),
    });
  });
  await clearAccount(db, r.u.username);
  return { username: r.u.username };
}

/** The user's own password change: the current password first, then the policy; the user's other sessions end. */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [u] = await db.select().from(users).where(eq(users.id, user.id));
  if (!(await verifyPassword(u.passwordHash, input.currentPassword.normalize('NFC')))) {
    await recordAudit(db, {
      userId: user.id,
      action: 'password_change_failed',
      entity: 'user',
      entityId: String(user.id),
    });
    throw new AppError(
      400,
      'current_password_wrong',
      'The current password is wrong.',
      'Mật khẩu hiện tại không đúng.',
      [{ path: 'body.currentPassword', message: 'Wrong password.', messageVi: 'Sai mật khẩu.' }],
    );
  }
  const problem = checkPassword(input.newPassword, { username: u.username, displayName: u.displayName });
  if (problem) throw passwordRejected('body.newPassword', problem);
  if (await verifyPassword(u.passwordHash, input.newPassword.normalize('NFC')))
    throw passwordRejected('body.newPassword', {
      code: 'password_unchanged',
      en: 'The new password must differ from the current one.',
      vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    });
  const hash = await hashPassword(input.newPassword.normalize('NFC'));
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    const ended = await endSessions(tx as unknown as Db, user.id, user.tokenHash);
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'password_changed',
      entity: 'user',
      entityId: String(user.id),
      detail: { otherSessionsEnded: ended },
    });
  });
}

/** Sessions of the caller, newest first. */
export async function listOwnSessions(db: Db, user: SessionUser) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), gt(sessions.expiresAt, new Date().toISOString())));
  rows.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    createdAt: new Date(s.createdAt).toISOString(),
    lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.tokenHash === user.tokenHash,
  }));
}

/** End one of the caller's sessions (404 for anyone else's: ids of other users' sessions are not confirmed). */
export async function endOwnSession(db: Db, user: SessionUser, id: string): Promise<void> {
  const r = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, user.id), eq(sessions.id, id)))
    .returning({ id: sessions.id });
  if (r.length === 0) throw notFound('Session', 'phiên đăng nhập');
  await recordAudit(db, { userId: user.id, action: 'session_ended', entity: 'session', entityId: id });
}

/**
 * Tell an account's owner that it is locked after repeated failed sign-ins (once per lock window), through the
 * outbox: if it was not them, they know someone is guessing, and whom to ask.
 */
export async function sendLockNotice(db: Db, userId: number, publicUrl: string): Promise<void> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u?.email || u.disabledAt) return;
  await db.insert(emailOutbox).values({
    toAddress: u.email,
    subject: '[RegionLink] Tài khoản tạm khoá / Account temporarily locked',
    bodyText: `Kính gửi ${u.displayName},\n\nTài khoản ${u.username} vừa bị tạm khoá 15 phút do đăng nhập sai mật khẩu nhiều lần. Nếu không phải bạn, hãy báo ngay cho quản trị viên của cơ quan; sau khi hết thời gian khoá, hãy đổi mật khẩu tại ${publicUrl}/account.\n\n---\nThe account ${u.username} was locked for 15 minutes after repeated failed sign-ins. If this was not you, tell your administrator, and change your password at ${publicUrl}/account once the lock ends.`,
    kind: 'account_locked',
  });
  await recordAudit(db, { userId: u.id, action: 'lock_notice_sent', entity: 'user', entityId: String(u.id) });
}

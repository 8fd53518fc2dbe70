import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { recoveryCodes, users } from './access.schema';
import { type SessionUser, endSessions, recordAudit } from './access.service';
import { verifyPassword } from './password';
import { newRecoveryCodes, newTotpSecret, totpStep } from './totp';

/**
 * Start TOTP enrolment: a new secret is stored (not yet active) and returned once with its otpauth:// URI for the
 * authenticator app. Two-factor sign-in is active only after `confirmTotp` proves the app has it.
 */
export async function startTotp(db: Db, user: SessionUser) {
  const [u] = await db.select().from(users).where(eq(users.id, user.id));
  if (u.totpEnabledAt)
    throw new AppError(409, 'totp_active', 'Two-factor sign-in is already on.', 'Xác thực hai lớp đã được bật.');
  const e = newTotpSecret(u.username);
  await db.update(users).set({ totpSecret: e.secret, totpLastStep: null }).where(eq(users.id, user.id));
  return e;
}

/**
 * Confirm enrolment with a current code: two-factor sign-in goes on, ten recovery codes are made (shown once), and
 * the user's other sessions end (the privilege of the account changed).
 */
export async function confirmTotp(db: Db, user: SessionUser, code: string) {
  const [u] = await db.select().from(users).where(eq(users.id, user.id));
  if (u.totpEnabledAt || !u.totpSecret)
    throw new AppError(409, 'totp_not_started', 'Start the enrolment first.', 'Hãy bắt đầu đăng ký trước.');
  const step = totpStep(u.totpSecret, code);
  if (step === null)
    throw new AppError(400, 'otp_invalid', 'The code is wrong or expired.', 'Mã xác thực sai hoặc đã hết hạn.', [
      { path: 'body.code', message: 'Wrong code.', messageVi: 'Sai mã.' },
    ]);
  const { codes, hashes } = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: new Date().toISOString(), totpLastStep: step })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId: user.id, codeHash })));
    await endSessions(tx as unknown as Db, user.id, user.tokenHash);
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'totp_enabled',
      entity: 'user',
      entityId: String(user.id),
    });
  });
  return { codes };
}

/**
 * Turn two-factor sign-in off (with the password). Administrators cannot: for them it is required (ASVS 6.3.3).
 */
export async function disableTotp(db: Db, user: SessionUser, password: string) {
  if (user.role === 'admin')
    throw new AppError(
      409,
      'totp_required_for_admins',
      'Administrators must keep two-factor sign-in on.',
      'Quản trị viên bắt buộc dùng xác thực hai lớp.',
    );
  const [u] = await db.select().from(users).where(eq(users.id, user.id));
  if (!(await verifyPassword(u.passwordHash, password)))
    throw new AppError(400, 'current_password_wrong', 'The password is wrong.', 'Mật khẩu không đúng.', [
      { path: 'body.password', message: 'Wrong password.', messageVi: 'Sai mật khẩu.' },
    ]);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: null, totpSecret: null, totpLastStep: null })
      .where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'totp_disabled',
      entity: 'user',
      entityId: String(user.id),
    });
  });
}

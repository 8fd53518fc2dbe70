import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/client';
import { recoveryCodes, users } from './access.schema';

/** RFC 6238 with the parameters every authenticator app supports: HMAC-SHA1, 6 digits, 30-second steps. */
const PERIOD = 30;
const totpOf = (secret: string, label = 'RegionLink') =>
  new TOTP({
    issuer: 'RegionLink',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

/** A new random TOTP secret (160 bits, base32) and its otpauth:// URI for the authenticator app. */
export function newTotpSecret(username: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpOf(secret, username).toString() };
}

/** The current code for a secret (for tests and the enrolment check). */
export function totpCode(secret: string, at = Date.now()): string {
  return totpOf(secret).generate({ timestamp: at });
}

/**
 * The 30-second step a code belongs to, if it is valid now (one step of clock drift either way), else null.
 */
export function totpStep(secret: string, code: string, at = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / 1000 / PERIOD) + delta;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Ten new recovery codes (50 bits each, shown once as `XXXXX-XXXXX`) and their hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = crypto.randomBytes(8).readBigUInt64BE(0) >> 14n;
    const s = raw.toString(32).toUpperCase().padStart(10, '0').slice(-10);
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
  return { codes, hashes: codes.map((c) => sha256(normaliseRecovery(c))) };
}

/**
 * Check the second factor of a user with TOTP: a code of the current step (never one already used: the step is
 * stored atomically, so a replayed code fails), or an unused recovery code, which is then spent.
 */
export async function checkSecondFactor(
  db: Db,
  user: { id: number; totpSecret: string | null },
  code: string,
): Promise<boolean> {
  const trimmed = code.replace(/\s+/g, '');
  if (user.totpSecret && /^\d{6}$/.test(trimmed)) {
    const step = totpStep(user.totpSecret, trimmed);
    if (step === null) return false;
    const r = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
      .returning({ id: users.id });
    return r.length === 1;
  }
  const hash = sha256(normaliseRecovery(trimmed));
  const r = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return r.length === 1;
}

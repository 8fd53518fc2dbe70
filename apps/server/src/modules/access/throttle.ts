import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** How many failed sign-ins are allowed per account and per client address in one window. */
export interface LoginLimits {
  /** Attempts on one account name (known or not) per window; the next ones are refused unchecked. */
  perAccount: number;
  /** Failed attempts from one client address per window, over all account names (password spraying). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** The outcome of reserving an attempt: allowed, or refused with the seconds until the window ends. */
export type Reservation =
  | { ok: true; accountAttempts: number }
  | { ok: false; retryAfterSeconds: number; by: 'account' | 'address'; firstRefusal: boolean };

export const accountKey = (username: string) => `acct:${username}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Count one sign-in attempt against the account name and the client address, atomically in the database, BEFORE
 * the password is checked. Each attempt takes its own number from one `insert … on conflict do update … returning`
 * (a row lock on each key), so 30 parallel requests get 30 different counts and only those within the limit go on
 * to the password check; the others are refused without it. A window older than `windowMs` starts again at 1.
 * A success gives its attempt back (`settleSuccess`), so only failures use up the allowance.
 */
export async function reserveAttempt(db: Db, username: string, ip: string, limits: LoginLimits): Promise<Reservation> {
  const windowSec = limits.windowMs / 1000;
  const r = (await db.execute(sql`
    insert into login_attempts (key, attempts, window_start)
    values (${accountKey(username)}, 1, now()), (${addressKey(ip)}, 1, now())
    on conflict (key) do update set
      attempts = case when login_attempts.window_start < now() - make_interval(secs => ${windowSec})
                      then 1 else login_attempts.attempts + 1 end,
      window_start = case when login_attempts.window_start < now() - make_interval(secs => ${windowSec})
                          then now() else login_attempts.window_start end
    returning key, attempts,
      greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSec}) - now()))))::int as retry,
      notified_at is not null as notified`)) as unknown as {
    rows: { key: string; attempts: number; retry: number; notified: boolean }[];
  };
  const account = r.rows.find((x) => x.key.startsWith('acct:'))!;
  const address = r.rows.find((x) => x.key.startsWith('ip:'))!;
  if (Number(account.attempts) > limits.perAccount)
    return {
      ok: false,
      by: 'account',
      retryAfterSeconds: Number(account.retry),
      firstRefusal: Number(account.attempts) === limits.perAccount + 1,
    };
  if (Number(address.attempts) > limits.perAddress)
    return { ok: false, by: 'address', retryAfterSeconds: Number(address.retry), firstRefusal: false };
  return { ok: true, accountAttempts: Number(account.attempts) };
}

/** After a correct password: clear the account's count and give the address its attempt back. */
export async function settleSuccess(db: Db, username: string, ip: string): Promise<void> {
  await db.execute(sql`delete from login_attempts where key = ${accountKey(username)}`);
  await db.execute(sql`update login_attempts set attempts = greatest(0, attempts - 1) where key = ${addressKey(ip)}`);
}

/** Clear an account's count (an administrator unlocks it, or its password was set through a one-time link). */
export async function clearAccount(db: Db, username: string): Promise<void> {
  await db.execute(sql`delete from login_attempts where key = ${accountKey(username)}`);
}

/**
 * Mark that the account's owner has been told of the lock in this window; true only for the first caller, so one
 * notice is sent per window however many refused attempts arrive at once.
 */
export async function claimLockNotice(db: Db, username: string): Promise<boolean> {
  const r = (await db.execute(
    sql`update login_attempts set notified_at = now()
        where key = ${accountKey(username)} and (notified_at is null or notified_at < window_start)
        returning key`,
  )) as unknown as { rows: unknown[] };
  return r.rows.length > 0;
}

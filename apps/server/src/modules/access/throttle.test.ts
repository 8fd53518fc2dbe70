import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp } from '../../../test/helpers';
import { DEMO_PASSWORD } from './access.seed';

/**
 * The review's attack, replayed: sign-in attempts sent all at once must not get past the limit, whether aimed at
 * one account (from one or many addresses) or sprayed over many accounts from one address. Counts are asserted.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
const statuses = (rs: { statusCode: number }[]) =>
  rs.reduce<Record<number, number>>((m, r) => {
    m[r.statusCode] = (m[r.statusCode] ?? 0) + 1;
    return m;
  }, {});
const failedChecks = async (username: string) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int n from audit_log where action = 'login_failed' and detail->>'username' = $1`,
      [username],
    )
  )[0].n;

describe(`sign-in throttling under parallel attempts (${TEST_ENGINE})`, () => {
  const { perAccount, perAddress } = { perAccount: 5, perAddress: 30 };

  it('uses the default limits of the configuration (5 per account, 30 per address, 15 minutes)', () => {
    expect(t.config.loginLimits).toEqual({ perAccount, perAddress, windowMs: 15 * 60_000 });
  });

  it('after six failures, 30 guesses sent at once — the right one among them — all get 429 and none gets in', async () => {
    for (let i = 0; i < 6; i++) await login('reporter.bxd', `wrong-${i}`, '10.1.0.1');
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 17 ? DEMO_PASSWORD : `guess-${i}`));
    const rs = await Promise.all(guesses.map((g) => login('reporter.bxd', g, '10.1.0.2')));
    expect(statuses(rs)).toEqual({ 429: 30 });
    expect(rs.filter((r) => r.cookies.some((c) => c.name === 'rl_session' && c.value))).toHaveLength(0);
    expect(Number(rs[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(rs[0].json().detailVi).toContain('Tài khoản tạm khoá');
    // Only the first five failures were checked at all.
    expect(await failedChecks('reporter.bxd')).toBe(perAccount);
  });

  it('30 parallel guesses on a fresh account from 30 addresses: exactly 5 are checked, 25 refused unchecked', async () => {
    const rs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('council.nmm', `guess-${i}`, `10.2.0.${i + 1}`)),
    );
    expect(statuses(rs)).toEqual({ 401: perAccount, 429: 30 - perAccount });
    expect(await failedChecks('council.nmm')).toBe(perAccount);
  });

  it('30 parallel attempts with the right password among 5 checked ones: only a checked right one gets in', async () => {
    const rs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('reporter.langson', i === 0 ? DEMO_PASSWORD : `g${i}`, '10.3.0.1')),
    );
    const ok = rs.filter((r) => r.statusCode === 200);
    const checked = rs.filter((r) => r.statusCode === 200 || r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(perAccount + 1);
    expect(ok.length).toBeLessThanOrEqual(1);
    expect(rs.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(30 - perAccount - 1);
  });

  it('spraying one password over 40 accounts from one address: 30 are checked, then the address is refused', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `sprayed.user${i}`);
    const rs = await Promise.all(names.map((n) => login(n, 'Password123!', '10.4.0.9')));
    expect(statuses(rs)).toEqual({ 401: perAddress, 429: 40 - perAddress });
    expect(rs.find((r) => r.statusCode === 429)!.json().code).toBe('address_throttled');
    // Another office behind another address is not affected; the sprayed address is, even with a right password.
    expect((await login('viewer', DEMO_PASSWORD, '10.4.0.10')).statusCode).toBe(200);
    expect((await login('admin.mof', DEMO_PASSWORD, '10.4.0.9')).statusCode).toBe(429);
  });

  it('successes do not use up an address: 40 officers behind one NAT sign in one after another', async () => {
    for (let i = 0; i < 40; i++) expect((await login('viewer', DEMO_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
  });

  it('an unknown account name is throttled exactly like a real one (no enumeration through the limit)', async () => {
    await t.database.query(`delete from login_attempts where key = 'acct:admin.mof'`);
    const unknown = await Promise.all(Array.from({ length: 8 }, () => login('no.such.person', 'x', '10.6.0.1')));
    const known = await Promise.all(Array.from({ length: 8 }, () => login('admin.mof', 'x', '10.6.0.2')));
    expect(statuses(unknown)).toEqual(statuses(known));
  });

  it('queues one lock-out notice to the account owner per lock, however many refused attempts arrive', async () => {
    await t.database.query(
      `update users set email = 'langson.officer@example.gov.vn' where username = 'reporter.langson'`,
    );
    await t.database.query(`delete from login_attempts where key = 'acct:reporter.langson'`);
    await Promise.all(Array.from({ length: 20 }, (_, i) => login('reporter.langson', `x${i}`, `10.7.0.${i}`)));
    const mails = await t.database.query<{ n: number }>(
      `select count(*)::int n from email_outbox where kind = 'account_locked' and to_address = 'langson.officer@example.gov.vn'`,
    );
    expect(mails[0].n).toBe(1);
  });

  it('a new window starts after the lock time: the account signs in again', async () => {
    await t.database.query(
      `update login_attempts set window_start = now() - interval '16 minutes' where key = 'acct:reporter.bxd'`,
    );
    expect((await login('reporter.bxd', DEMO_PASSWORD, '10.8.0.1')).statusCode).toBe(200);
  });
});

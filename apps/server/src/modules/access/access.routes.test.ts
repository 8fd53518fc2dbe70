import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp, problemOf } from '../../../test/helpers';
import { sessions, users } from './access.schema';
import { DEMO_ACCOUNTS } from './access.seed';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const me = (cookie?: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });

describe(`auth on ${TEST_ENGINE}`, () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role, a.org]))(
    'signs in %s as %s of %s',
    async (username, role, org) => {
      const cookie = await t.login(username);
      const res = await me(cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ username, role, organisation: { code: org } });
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('sets an httpOnly, SameSite=Lax session cookie and stores only a hash of the token', async () => {
    const res = await login('reporter.langson', 'regionlink-demo');
    const c = res.cookies.find((x) => x.name === 'rl_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.value.length).toBeGreaterThanOrEqual(43);
    const rows = await t.database.db.select().from(sessions);
    expect(rows.some((r) => r.tokenHash === c.value)).toBe(false);
    expect(res.json().organisation.nameVi).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
  });

  it('refuses a wrong password and an unknown user with the same 401, without saying which part was wrong', async () => {
    const a = problemOf(await login('reporter.bxd', 'wrong-password'));
    const b = problemOf(await login('no.such.user', 'regionlink-demo'));
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.detail).toBe(b.body.detail);
    expect(a.body.detailVi).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('ends the session on logout: the same cookie no longer works', async () => {
    const cookie = await t.login('council.nmm');
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('denies the very next request of a user who has been disabled', async () => {
    const cookie = await t.login('reporter.bxd');
    await t.database.db
      .update(users)
      .set({ disabledAt: new Date().toISOString() })
      .where(eq(users.username, 'reporter.bxd'));
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await login('reporter.bxd', 'regionlink-demo')).statusCode).toBe(401);
    await t.database.db.update(users).set({ disabledAt: null }).where(eq(users.username, 'reporter.bxd'));
  });

  it('answers /auth/me without a session, or with a forged cookie, with 401', async () => {
    expect(problemOf(await me()).status).toBe(401);
    expect(problemOf(await me('rl_session=forged-token')).status).toBe(401);
  });

  it.each([
    [{ username: 'admin.mof' }, 'body.password'],
    [{ username: '', password: 'x' }, 'body.username'],
    [{ username: 'admin.mof', password: 'x', role: 'admin' }, 'body'],
    [{ username: 'admin.mof', password: 'x'.repeat(1025) }, 'body.password'],
  ])('rejects a malformed login body %j with 400 naming %s', async (payload, field) => {
    const p = problemOf(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload }));
    expect(p.status).toBe(400);
    expect(p.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('refuses a state-changing request from another origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'admin.mof', password: 'regionlink-demo' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ignores a __proto__ key instead of polluting objects', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"x","password":"y","__proto__":{"polluted":true}}',
    });
    expect([400, 401]).toContain(res.statusCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists organisations: MoF, ministries, 34 provincial People’s Committees and 6 councils', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations' })).json().items;
    expect(items.filter((o: { kind: string }) => o.kind === 'province')).toHaveLength(34);
    expect(items.filter((o: { kind: string }) => o.kind === 'council')).toHaveLength(6);
    expect(items[0]).toMatchObject({ code: 'BTC', nameVi: 'Bộ Tài chính' });
    const ppcs = items.filter((o: { kind: string }) => o.kind === 'province').map((o: { nameVi: string }) => o.nameVi);
    // Vietnamese order: An Giang first, "Đ" after "D".
    expect(ppcs[0]).toBe('Ủy ban nhân dân tỉnh An Giang');
  });
});

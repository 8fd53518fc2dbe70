import http from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp } from '../../../test/helpers';

/**
 * Single sign-on against a real OpenID provider started by the test (`oidc-provider`, the certified Node.js
 * implementation, listening on a free port), driven through its own login and consent pages: authorization code
 * with PKCE, state and nonce, ID token verified by `openid-client`. No part of the flow is stubbed.
 */
interface Account {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}
const ACCOUNTS: Record<string, Account> = {
  nam: { sub: 'nam', email: 'nam.hv@langson.gov.vn', email_verified: true, name: 'Hoàng Văn Nam' },
  binh: { sub: 'binh', email: 'binh.ht@langson.gov.vn', email_verified: true, name: 'Hoàng Thị Bình' },
  unverified: { sub: 'unverified', email: 'x.unverified@langson.gov.vn', email_verified: false },
  foreign: { sub: 'foreign', email: 'bxd.officer@bxd.gov.vn', email_verified: true },
};

let t: TestApp;
let server: http.Server;
let issuer: string;
let admin: string;
const CODE = 'langson-idp';

beforeAll(async () => {
  t = await createTestApp();
  server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'regionlink',
        client_secret: 'test-secret-of-the-langson-provider',
        redirect_uris: [`${t.config.publicUrl}/api/v1/auth/oidc/${CODE}/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: async (_ctx, sub) =>
      ACCOUNTS[sub] ? { accountId: sub, claims: async () => ({ ...ACCOUNTS[sub] }) } : undefined,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['regionlink-test-cookie-key'] },
  });
  server.on('request', provider.callback());
  admin = await t.login('admin.mof');
  const orgId = (await t.database.query<{ id: number }>(`select id from organisations where code = 'UBND-20'`))[0].id;
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/identity-providers',
    headers: { cookie: admin },
    payload: {
      code: CODE,
      nameVi: 'Cổng định danh tỉnh Lạng Sơn',
      nameEn: 'Lạng Sơn identity portal',
      issuer,
      clientId: 'regionlink',
      clientSecret: 'test-secret-of-the-langson-provider',
      organisationId: orgId,
      defaultRole: 'reporter',
    },
  });
  if (reg.statusCode !== 201) throw new Error(reg.body);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A browser's cookie jar for the provider's pages. */
class Jar {
  private m = new Map<string, string>();
  store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.m.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.m].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Start at RegionLink, log in and consent at the provider as `sub`; the callback URL the provider sends back. */
async function throughProvider(sub: string) {
  const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/${CODE}/start?next=/reporting` });
  expect(start.statusCode, start.body).toBe(303);
  const state = start.cookies.find((c) => c.name === 'rl_oidc_state')!.value;
  const authorize = new URL(String(start.headers.location));
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const jar = new Jar();
  let url = authorize.toString();
  for (let hop = 0; hop < 12 && !url.startsWith(t.config.publicUrl); hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).toString();
      continue;
    }
    const html = await res.text();
    const action = /action="([^"]+)"/.exec(html)![1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt });
    const post = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      body: form,
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    jar.store(post);
    url = new URL(post.headers.get('location')!, url).toString();
  }
  const cb = new URL(url);
  return { path: cb.pathname + cb.search, state };
}

const callback = (path: string, state?: string) =>
  t.app.inject({ method: 'GET', url: path, headers: state ? { cookie: `rl_oidc_state=${state}` } : {} });
const sessionOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'rl_session' && x.value);
  return c ? `rl_session=${c.value}` : null;
};
const me = async (cookie: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json();

describe(`OpenID Connect single sign-on against a real provider (${TEST_ENGINE})`, () => {
  it('offers the provider on the sign-in page', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/providers' });
    expect(r.json().items).toEqual([
      { code: CODE, nameVi: 'Cổng định danh tỉnh Lạng Sơn', nameEn: 'Lạng Sơn identity portal' },
    ]);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/identity-providers',
      headers: { cookie: admin },
    });
    expect(JSON.stringify(list.json())).not.toContain('test-secret');
  });

  it('provisions a new officer of the provider’s organisation from a verified e-mail, signs them in, returns to the page asked', async () => {
    const { path, state } = await throughProvider('nam');
    const r = await callback(path, state);
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe('/reporting');
    const cookie = sessionOf(r)!;
    expect(await me(cookie)).toMatchObject({
      username: 'nam.hv',
      displayName: 'Hoàng Văn Nam',
      role: 'reporter',
      organisation: { code: 'UBND-20' },
    });
    // Signing in again finds the same account by its subject.
    const again = await callback(...(Object.values(await throughProvider('nam')) as [string, string]));
    expect((await me(sessionOf(again)!)).username).toBe('nam.hv');
    const n = await t.database.query<{ n: number }>(
      `select count(*)::int n from users where email = 'nam.hv@langson.gov.vn'`,
    );
    expect(n[0].n).toBe(1);
  });

  it('links an existing account of that organisation with the same verified e-mail', async () => {
    await t.database.query(`update users set email = 'binh.ht@langson.gov.vn' where username = 'reporter.langson'`);
    const { path, state } = await throughProvider('binh');
    const r = await callback(path, state);
    expect((await me(sessionOf(r)!)).username).toBe('reporter.langson');
  });

  it('refuses an unverified e-mail, and an e-mail of another organisation’s account, creating nothing', async () => {
    const before = (await t.database.query<{ n: number }>('select count(*)::int n from users'))[0].n;
    const a = await callback(...(Object.values(await throughProvider('unverified')) as [string, string]));
    expect([a.statusCode, a.headers.location, sessionOf(a)]).toEqual([303, '/login?error=sso_failed', null]);
    await t.database.query(`update users set email = 'bxd.officer@bxd.gov.vn' where username = 'reporter.bxd'`);
    const b = await callback(...(Object.values(await throughProvider('foreign')) as [string, string]));
    expect([b.headers.location, sessionOf(b)]).toEqual(['/login?error=sso_failed', null]);
    expect((await t.database.query<{ n: number }>('select count(*)::int n from users'))[0].n).toBe(before);
  });

  it('refuses a callback without the browser’s state cookie, and a replayed callback', async () => {
    const { path, state } = await throughProvider('nam');
    const forged = await callback(path, 'another-state');
    expect([forged.headers.location, sessionOf(forged)]).toEqual(['/login?error=sso_failed', null]);
    const fresh = await throughProvider('nam');
    expect(sessionOf(await callback(fresh.path, fresh.state))).not.toBeNull();
    const replay = await callback(fresh.path, fresh.state);
    expect([replay.headers.location, sessionOf(replay)]).toEqual(['/login?error=sso_failed', null]);
    expect(state).not.toBe(fresh.state);
  });

  it('a deactivated account cannot sign in through the provider either', async () => {
    await t.database.query(`update users set disabled_at = now() where username = 'nam.hv'`);
    const r = await callback(...(Object.values(await throughProvider('nam')) as [string, string]));
    expect([r.headers.location, sessionOf(r)]).toEqual(['/login?error=sso_failed', null]);
  });

  it('only redirects within the site after sign-in', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/${CODE}/start?next=//evil.example/x` });
    const [row] = await t.database.query<{ next_path: string }>(
      'select next_path from oidc_logins order by created_at desc limit 1',
    );
    expect(r.statusCode).toBe(303);
    expect(row.next_path).toBe('/account');
  });
});

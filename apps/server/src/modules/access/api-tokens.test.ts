import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';

/** Issue 15: API tokens — scopes, revocation, hashing at rest, rate limit (both engines). */

const LIMIT = 40;
let t: TestApp;
let admin: string;
let langson: string;
beforeAll(async () => {
  process.env.API_TOKEN_RATE_LIMIT = String(LIMIT);
  t = await createTestApp();
  admin = await t.login('admin.mof');
  langson = await t.login('reporter.langson');
});
afterAll(async () => {
  delete process.env.API_TOKEN_RATE_LIMIT;
  await t?.close();
});

async function token(cookie: string, scope: string, owner = 'personal') {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { cookie },
    payload: { name: `t-${scope}`, scope, owner },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; token: string; prefix: string };
}
const bearer = (tok: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, type?: string) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tok}`, ...(type ? { 'content-type': type } : {}) },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
const RESTRICTED = '/api/v1/data?indicator=capital_construction_arrears&period=2024&level=province';

describe('API tokens', () => {
  it('are stored hashed; the secret is shown once and never listed', async () => {
    const tk = await token(langson, 'read_entitled');
    expect(tk.token).toMatch(/^rlk_/);
    const [row] = await t.database.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [
      tk.id,
    ]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(tk.token);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: langson } });
    expect(list.body).not.toContain(tk.token);
    expect(list.json().items[0]).toMatchObject({ id: tk.id, scope: 'read_entitled', prefix: tk.token.slice(0, 10) });
  });

  it('read_public reads public data as an anonymous caller, even for MoF', async () => {
    const tk = await token(admin, 'read_public');
    expect((await bearer(tk.token, 'GET', '/api/v1/data?indicator=population&period=2024&unit=20')).statusCode).toBe(
      200,
    );
    expect((await bearer(tk.token, 'GET', RESTRICTED)).statusCode).toBe(404);
    const cookieRead = await t.app.inject({ method: 'GET', url: RESTRICTED, headers: { cookie: admin } });
    expect(cookieRead.statusCode).toBe(200);
  });

  it('read_entitled reads with the creator’s entitlements but writes nothing', async () => {
    const tk = await token(langson, 'read_entitled');
    expect((await bearer(tk.token, 'GET', RESTRICTED)).statusCode).toBe(200);
    const write = await bearer(
      tk.token,
      'POST',
      '/api/v1/contributions?dataset=nmm-dong-gop-tinh',
      'indicator,unit_code,period,value\npopulation,20,2025,820000\n',
      'text/csv',
    );
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('token_scope');
  });

  it('contribute uploads and submits contributions, and nothing else', async () => {
    const tk = await token(langson, 'contribute');
    const up = await bearer(
      tk.token,
      'POST',
      '/api/v1/contributions?dataset=nmm-dong-gop-tinh',
      'indicator,unit_code,period,value\npopulation,20,2026,823000\n',
      'text/csv',
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().contribution.createdBy).toBe('reporter.langson');
    const other = await bearer(tk.token, 'POST', '/api/v1/sharing/requests', {
      dataset: 'btc-no-dong-xdcb',
      purpose: 'thử nghiệm',
      wantedFrom: '2026-01-01',
      wantedTo: '2026-12-31',
    });
    expect(other.statusCode).toBe(403);
    // A viewer cannot hold a contribute token.
    const viewer = await t.login('viewer');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: viewer },
      payload: { name: 'x', scope: 'contribute' },
    });
    expect(refused.statusCode).toBe(422);
    // Organisation tokens are for managers of the organisation (or MoF).
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: langson },
      payload: { name: 'x', scope: 'read_public', owner: 'organisation' },
    });
    expect(org.statusCode).toBe(403);
    expect((await token(admin, 'read_entitled', 'organisation')).token).toMatch(/^rlk_/);
  });

  it('a revoked or unknown token is refused at once', async () => {
    const tk = await token(langson, 'read_entitled');
    expect((await bearer(tk.token, 'GET', '/api/v1/contributions')).statusCode).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${tk.id}`, headers: { cookie: langson } });
    expect(del.statusCode).toBe(200);
    expect(del.json().revokedAt).not.toBeNull();
    expect((await bearer(tk.token, 'GET', '/api/v1/contributions')).statusCode).toBe(401);
    expect((await bearer(`rlk_${'x'.repeat(40)}`, 'GET', '/api/v1/indicators')).statusCode).toBe(401);
    // Someone else's token cannot be revoked (it does not exist for them).
    const mine = await token(admin, 'read_public');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${mine.id}`,
      headers: { cookie: langson },
    });
    expect(foreign.statusCode).toBe(404);
    const [audit] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'api_token_revoked' and entity_id = $1`,
      [String(tk.id)],
    );
    expect(audit.n).toBe(1);
  });

  it('is rate-limited per token with a 429 problem in both languages; other tokens and sessions are unaffected', async () => {
    const tk = await token(langson, 'read_public');
    const codes: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      codes.push((await bearer(tk.token, 'GET', '/api/v1/indicators/population')).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(LIMIT);
    const last = await bearer(tk.token, 'GET', '/api/v1/indicators/population');
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ code: 'rate_limited' });
    expect(last.json().detailVi).toMatch(/Quá nhiều yêu cầu/);
    const fresh = await token(langson, 'read_public');
    expect((await bearer(fresh.token, 'GET', '/api/v1/indicators/population')).statusCode).toBe(200);
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/population',
      headers: { cookie: langson },
    });
    expect(session.statusCode).toBe(200);
  });
});

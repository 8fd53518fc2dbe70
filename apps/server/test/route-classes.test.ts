import { INT4_MAX } from '@regionlink/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import { DEMO_PASSWORD } from '../src/modules/access/access.seed';
import { gateDecision, policyOf } from '../src/lib/policy';
import { TEST_ENGINE } from './engine';
import { createTestDatabase } from './helpers';
import type { Database } from '../src/db/client';

/**
 * The review's faults as classes, checked over EVERY route the application registers (read from its OpenAPI
 * document, so a module added later is covered without touching this file):
 * - every write route has a row in the central policy table (lib/policy.ts);
 * - every integer input is bounded, ids by the int4 column they are looked up in; 2³¹ and 2⁵³−1 in any id slot is
 *   a 4xx, never a 500;
 * - a multipart body without a boundary, or cut off mid-part, is a 4xx on every route that takes a body;
 * - a caller without rights gets 401/403 before the body is validated (no field errors leak the schema);
 * - an opaque (`null`) or foreign origin is refused on state-changing requests; CSP and Permissions-Policy are sent.
 */

interface Operation {
  method: string;
  /** Fastify's form: `/api/v1/plans/:code`. */
  url: string;
  spec: {
    parameters?: { in: string; name: string; schema?: JsonSchema }[];
    requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  };
}
interface JsonSchema {
  type?: string | string[];
  maximum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

let app: FastifyInstance;
let database: Database;
let ops: Operation[] = [];
const cookies: Record<string, string> = {};
const fiveXX: string[] = [];
let lastError = '';
const tally = { requests: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(database, readConfig({ DEMO: '1' }), { webDist: null });
  app.addHook('onError', async (_req, _reply, err) => {
    lastError = err.stack ?? String(err);
  });
  await app.ready();
  const spec = app.swagger() as { paths: Record<string, Record<string, Operation['spec']>> };
  ops = Object.entries(spec.paths).flatMap(([p, byMethod]) =>
    Object.entries(byMethod).map(([m, s]) => ({
      method: m.toUpperCase(),
      url: p.replace(/\{(\w+)\}/g, ':$1'),
      spec: s,
    })),
  );
  for (const u of ['admin.mof', 'viewer', 'reporter.langson']) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u, password: DEMO_PASSWORD },
    });
    cookies[u] = `rl_session=${r.cookies.find((c) => c.name === 'rl_session')!.value}`;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  console.log(`[route classes] ${TEST_ENGINE}: ${ops.length} routes, ${tally.requests} requests, ${fiveXX.length} 5xx`);
});

const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const writes = () => ops.filter((o) => WRITE.includes(o.method));

/** Send one request; record and fail on any 5xx with the server-side stack. */
async function send(o: { method: string; url: string; headers?: Record<string, string>; payload?: string | object }) {
  lastError = '';
  tally.requests++;
  const r = await app.inject({ method: o.method as 'GET', url: o.url, headers: o.headers, payload: o.payload });
  if (r.statusCode >= 500) fiveXX.push(`${o.method} ${o.url} → ${r.statusCode}`);
  expect(r.statusCode, `${o.method} ${o.url}: ${r.body.slice(0, 300)}\n${lastError}`).toBeLessThan(500);
  return r;
}

/** A concrete URL for a route template: each parameter gets `value` (or a plausible filler for non-id strings). */
function fill(url: string, value: string, idParams: Set<string>) {
  return url.replace(/:(\w+)/g, (_m, name: string) => (idParams.has(name) ? value : 'x1'));
}

/** Integer inputs of a JSON schema with their path and maximum. */
function integerInputs(s: JsonSchema | undefined, at: string, out: { path: string; max: number | undefined }[]) {
  if (!s || typeof s !== 'object') return out;
  const types = [s.type].flat();
  if (types.includes('integer')) out.push({ path: at, max: s.maximum ?? s.exclusiveMaximum });
  for (const [k, v] of Object.entries(s.properties ?? {})) integerInputs(v, `${at}.${k}`, out);
  if (s.items) integerInputs(s.items, `${at}[]`, out);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) integerInputs(alt, at, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    integerInputs(s.additionalProperties, `${at}.*`, out);
  return out;
}

function inputsOf(o: Operation) {
  const found: { path: string; max: number | undefined }[] = [];
  for (const p of o.spec.parameters ?? []) integerInputs(p.schema, `${p.in}.${p.name}`, found);
  for (const c of Object.values(o.spec.requestBody?.content ?? {})) integerInputs(c.schema, 'body', found);
  return found;
}
const isIdName = (path: string) => /(^|\.)(id|\w+Id|\w+Ids\[\]|ids\[\])$/.test(path);

describe(`the review's faults as classes, over every route (${TEST_ENGINE})`, () => {
  it('reads the whole route table: every module is there', () => {
    expect(ops.length).toBeGreaterThan(120);
    for (const prefix of [
      '/api/v1/geo',
      '/api/v1/data',
      '/api/v1/cycles',
      '/api/v1/plans',
      '/api/v1/analytics',
      '/api/v1/admin',
    ])
      expect(
        ops.some((o) => o.url.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('every write route has a row in the central policy table (a new module’s routes are caught here)', () => {
    const missing = writes()
      .filter((o) => !policyOf(o.method, o.url))
      .map((o) => `${o.method} ${o.url}`);
    expect(missing, 'add a row with contributePolicy() in the module’s route plugin (see lib/policy.ts)').toEqual([]);
  });

  it('every integer input has a maximum, and every id fits the int4 column (≤ 2³¹−1)', () => {
    const unbounded: string[] = [];
    for (const o of ops)
      for (const i of inputsOf(o)) {
        if (i.max === undefined) unbounded.push(`${o.method} ${o.url} ${i.path}: no maximum`);
        else if (isIdName(i.path) && i.max > INT4_MAX) unbounded.push(`${o.method} ${o.url} ${i.path}: max ${i.max}`);
      }
    expect(unbounded).toEqual([]);
  });

  it('2³¹ and 2⁵³−1 in every integer path parameter: a 4xx problem, never a 500', async () => {
    let cases = 0;
    for (const o of ops) {
      const ints = new Set(
        (o.spec.parameters ?? [])
          .filter((p) => p.in === 'path' && [p.schema?.type].flat().includes('integer'))
          .map((p) => p.name),
      );
      if (ints.size === 0) continue;
      for (const v of [String(2 ** 31), String(2 ** 53 - 1), '-1', '0', '2147483647.5'])
        for (const who of ['admin.mof', 'reporter.langson']) {
          const r = await send({
            method: o.method,
            url: fill(o.url, v, ints),
            headers: { cookie: cookies[who], 'content-type': 'application/json', 'if-match': '"x-1-v1"' },
            payload: WRITE.includes(o.method) ? '{}' : undefined,
          });
          expect(r.statusCode, `${o.method} ${o.url} with ${v}`).toBeGreaterThanOrEqual(400);
          expect(String(r.headers['content-type'])).toContain('application/problem+json');
          cases++;
        }
    }
    expect(cases).toBeGreaterThan(150);
  });

  it('2³¹ in every integer query parameter and in every id of a JSON body: never a 500', async () => {
    let cases = 0;
    for (const o of ops) {
      const ints = (o.spec.parameters ?? []).filter(
        (p) => p.in === 'query' && [p.schema?.type].flat().includes('integer'),
      );
      const pathIds = new Set((o.spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const q of ints) {
        await send({
          method: o.method,
          url: `${fill(o.url, '1', pathIds)}?${q.name}=${2 ** 31}`,
          headers: { cookie: cookies['admin.mof'] },
        });
        cases++;
      }
      const bodyIds = inputsOf(o).filter((i) => i.path.startsWith('body.') && isIdName(i.path));
      for (const b of bodyIds) {
        const key = b.path.slice(5).split('.')[0].replace('[]', '');
        const value = b.path.endsWith('[]') ? [2 ** 31] : 2 ** 31;
        const r = await send({
          method: o.method,
          url: fill(o.url, '1', pathIds),
          headers: { cookie: cookies['admin.mof'], 'if-match': '"x-1-v1"' },
          payload: { [key]: value },
        });
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(10);
  });

  it('a multipart body without a boundary, with a 300-byte boundary, or cut off mid-part: a 4xx on every write route', async () => {
    const cut =
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nindicator,unit';
    const two =
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 a\r\n' +
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4 b\r\n--b0undary--\r\n';
    const bodies: [string, string][] = [
      ['multipart/form-data', cut],
      [`multipart/form-data; boundary=${'b'.repeat(300)}`, cut],
      ['multipart/form-data; boundary=b0undary', cut],
      ['multipart/form-data; boundary=b0undary', two],
      ['multipart/form-data; boundary="', cut],
    ];
    let cases = 0;
    for (const o of writes().filter((w) => w.method !== 'DELETE')) {
      const ids = new Set((o.spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const [type, payload] of bodies) {
        const r = await send({
          method: o.method,
          url: fill(o.url, '1', ids),
          headers: { cookie: cookies['admin.mof'], 'content-type': type, 'if-match': '"x-1-v1"' },
          payload,
        });
        // A route that takes no body ignores it (sign-out); every other one refuses it.
        if (o.spec.requestBody || /upload|import|file|evidence|paper/i.test(o.url))
          expect(r.statusCode, `${o.method} ${o.url} ${type}`).toBeGreaterThanOrEqual(400);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(200);
  });

  it('a caller without rights gets 401/403 before the body is validated or If-Match is asked for', async () => {
    let cases = 0;
    for (const o of writes()) {
      const row = policyOf(o.method, o.url);
      const ids = new Set((o.spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const [who, user] of [
        [null, null],
        ['viewer', { role: 'viewer' }],
        ['reporter.langson', { role: 'reporter', managesOrganisation: false }],
      ] as const) {
        const want = gateDecision(row?.gate, o.method, user);
        if (want === null) continue;
        const r = await send({
          method: o.method,
          url: fill(o.url, '1', ids),
          headers: { ...(who ? { cookie: cookies[who] } : {}), 'content-type': 'application/json' },
          payload: '{"junk": [1, {"deeper": true}]',
        });
        expect(r.statusCode, `${who ?? 'anonymous'} ${o.method} ${o.url}`).toBe(want);
        expect(r.json().errors, `${o.method} ${o.url}: field errors leaked`).toBeUndefined();
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(80);
  });

  it('refuses state-changing requests from an opaque or foreign origin, or a cross-site fetch', async () => {
    for (const headers of [
      { origin: 'null' },
      { origin: 'https://evil.example' },
      { origin: 'not a url' },
      { origin: 'http://localhost:80.evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers,
        payload: { username: 'admin.mof', password: DEMO_PASSWORD },
      });
      expect([r.statusCode, r.json().code], JSON.stringify(headers)).toEqual([403, 'cross_origin']);
    }
    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' },
      payload: { username: 'viewer', password: DEMO_PASSWORD },
    });
    expect(same.statusCode).toBe(200);
  });

  it('sends a Content-Security-Policy without inline script and a Permissions-Policy on every response', async () => {
    const r = await send({ method: 'GET', url: '/api/health' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(String(r.headers['permissions-policy'])).toContain('camera=()');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('same-origin');
  });

  it('refuses implausible dates in every date query parameter of a read (1899, 2101, year 0)', async () => {
    let cases = 0;
    for (const o of ops.filter((x) => x.method === 'GET')) {
      const dates = (o.spec.parameters ?? []).filter(
        (p) =>
          p.in === 'query' && /^(at|date|from|to|asOf)$/.test(p.name) && [p.schema?.type].flat().includes('string'),
      );
      const ids = new Set((o.spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const d of dates)
        for (const v of ['1899-12-31', '2101-01-01', '0000-01-01']) {
          const r = await send({
            method: 'GET',
            url: `${fill(o.url, '1', ids)}?${d.name}=${v}`,
            headers: { cookie: cookies['admin.mof'] },
          });
          expect(r.statusCode, `${o.url}?${d.name}=${v}`).toBeGreaterThanOrEqual(400);
          cases++;
        }
    }
    expect(cases).toBeGreaterThan(5);
  });

  it('saw no 5xx at all', () => {
    expect(fiveXX).toEqual([]);
  });
});

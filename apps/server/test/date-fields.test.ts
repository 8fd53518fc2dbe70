import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import type { Database } from '../src/db/client';
import { DEMO_PASSWORD } from '../src/modules/access/access.seed';
import { TEST_ENGINE } from './engine';
import { createTestDatabase } from './helpers';

/**
 * "Plausible ranges on every date field" (issue 14), over the request bodies of every write route in the OpenAPI
 * document: every field shaped as a date (`YYYY-MM-DD` pattern) is sent as 1899-12-31, 2101-01-01 and 2025-02-30 and
 * must be named in the 400's field errors; a field whose name says it is a date but has no date pattern fails the
 * test by name. Query parameters are probed by route-classes.test.ts.
 */

interface JsonSchema {
  type?: string | string[];
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
type Seg = string | 0;
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DATE_NAME = /^(date|asOf|heldOn|signedOn|dueOn)$|(Date|On)$/;

/** Every string field of a body schema: its path (0 for an array element), and whether it has the date pattern. */
function fields(s: JsonSchema | undefined, at: Seg[], out: { path: Seg[]; date: boolean }[]) {
  if (!s || typeof s !== 'object') return out;
  if ([s.type].flat().includes('string')) out.push({ path: at, date: s.pattern === DATE_PATTERN });
  for (const [k, v] of Object.entries(s.properties ?? {})) fields(v, [...at, k], out);
  if (s.items) fields(s.items, [...at, 0], out);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) fields(alt, at, out);
  return out;
}

/** A body holding only `value` at `path` (arrays of one element). */
function bodyAt(path: Seg[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return head === 0 ? [bodyAt(rest, value)] : { [head]: bodyAt(rest, value) };
}

let app: FastifyInstance;
let database: Database;
let cookie = '';
const ops: { method: string; url: string; body: JsonSchema }[] = [];
/** Path fillers tried in turn until the path parameters validate (ids, then codes of a council, a project, a plan). */
const FILLERS = ['1', 'hddp-2025-nmm', 'RD2-01', 'x1'];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(database, readConfig({ DEMO: '1' }), { webDist: null });
  await app.ready();
  const spec = app.swagger() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  for (const [p, by] of Object.entries(spec.paths))
    for (const [m, op] of Object.entries(by)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) ops.push({ method: m.toUpperCase(), url: p, body });
    }
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin.mof', password: DEMO_PASSWORD },
  });
  cookie = `rl_session=${r.cookies.find((c) => c.name === 'rl_session')!.value}`;
  for (const o of ops) {
    const template = o.url;
    for (const f of FILLERS) {
      o.url = template.replace(/\{(\w+)\}/g, f);
      const probe = await app.inject({ method: o.method as 'POST', url: o.url, headers: { cookie }, payload: {} });
      const errors = (probe.json().errors ?? []) as { path: string }[];
      if (!errors.some((e) => e.path.startsWith('params'))) break;
    }
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe(`every date field of every request body is bounded (${TEST_ENGINE})`, () => {
  it('a field named as a date always has the date pattern', () => {
    const loose = ops.flatMap((o) =>
      fields(o.body, [], [])
        .filter((f) => !f.date && DATE_NAME.test(String(f.path.filter((s) => s !== 0).at(-1) ?? '')))
        .map((f) => `${o.method} ${o.url} body.${f.path.join('.')}`),
    );
    expect(loose).toEqual([]);
  });

  it('1899-12-31, 2101-01-01 and 2025-02-30 in every date field: a 400 naming the field', async () => {
    let cases = 0;
    const unnamed: string[] = [];
    const unionBodies = new Set<string>();
    for (const o of ops)
      for (const f of fields(o.body, [], []).filter((x) => x.date))
        for (const v of ['1899-12-31', '2101-01-01', '2025-02-30']) {
          const r = await app.inject({
            method: o.method as 'POST',
            url: o.url,
            headers: { cookie, 'if-match': '"x-1-v1"' },
            payload: bodyAt(f.path, v) as object,
          });
          const where = `body.${f.path.join('.')}`;
          expect(r.statusCode, `${o.method} ${o.url} ${where}=${v}: ${r.body.slice(0, 200)}`).toBe(400);
          const errors = (r.json().errors ?? []) as { path: string }[];
          // A union body (POST /analytics/index; the sharing decision, a union on `decision`) is refused before the
          // date is reached: its errors name the body or the discriminator, not the field (still a 400).
          const union =
            (o.body.anyOf ?? o.body.oneOf) !== undefined &&
            errors.some((e) => e.path === 'body' || e.path === 'body.decision');
          if (union) unionBodies.add(`${o.method} ${o.url}`);
          else if (!errors.some((e) => e.path === where)) unnamed.push(`${o.method} ${o.url} ${where}=${v}`);
          cases++;
        }
    expect(unnamed).toEqual([]);
    expect([...unionBodies].sort()).toEqual([
      'POST /api/v1/analytics/index',
      'POST /api/v1/sharing/requests/1/decision',
    ]);
    expect(cases).toBeGreaterThan(30);
    console.log(`[date fields] ${TEST_ENGINE}: ${cases} probes of body date fields (${unionBodies.size} union body)`);
  });
});

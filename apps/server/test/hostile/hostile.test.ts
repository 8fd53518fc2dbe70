import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { InjectOptions, Response as InjectResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../engine';
import { buildApp } from '../../src/app';
import { readConfig } from '../../src/config';
import { DEMO_PASSWORD } from '../../src/modules/access/access.seed';
import { createTestDatabase, type TestApp } from '../helpers';
import { JSON_CASES, QUERY_CASES, type RequestCase } from './requests';
import { ACCOUNT_CASES } from './account-cases';
import { HOSTILE_CODES, HOSTILE_STRINGS } from './strings';
import { JSON_SURFACES } from './surfaces';
import { canary, XLSX_CASES } from './xlsx-cases';

/**
 * The hostile input corpus (reliability catalogue §2.2). For every case: the real API through `createTestApp`, the
 * expected status and code (or the accepted, normalised value), never a 5xx, no prototype pollution, and for every
 * refusal an unchanged digest (count and md5 of the rows) of the tables the request could have written.
 */

const CSV_DIR = path.join(__dirname, 'csv');
const STAT_TABLES = [
  'observations',
  'observation_revisions',
  'releases',
  'datasets',
  'stat_province_agg',
  'indicator_periods',
];

let t: TestApp;
const cookies: Record<string, string> = {};
const tally = { cases: 0, accepted: 0, rejected: 0, fiveXX: 0, slowestMs: 0, slowest: '', rssGrowthMb: 0, rssCase: '' };
let canaryServer: http.Server;
let lastError = '';
const canaryHits: string[] = [];

beforeAll(async () => {
  canaryServer = http.createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.end('canary');
  });
  await new Promise<void>((resolve) => canaryServer.listen(0, '127.0.0.1', resolve));
  canary.url = `http://127.0.0.1:${(canaryServer.address() as { port: number }).port}`;
  // The canary must be reachable for "0 requests" to mean anything.
  expect(await (await fetch(`${canary.url}/self-test`)).text()).toBe('canary');
  canaryHits.length = 0;
  // createTestApp() as in helpers.ts, plus a hook that keeps the stack of any 5xx so a failure says why.
  const database = await createTestDatabase();
  const config = { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 };
  const app = await buildApp(database, config, { webDist: null });
  app.addHook('onError', async (_req, _reply, err) => {
    lastError = err.stack ?? String(err);
  });
  await app.ready();
  t = {
    app,
    database,
    config,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      return `rl_session=${res.cookies.find((c) => c.name === 'rl_session')?.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  for (const u of ['admin.mof', 'reporter.langson', 'viewer', 'reporter.bxd']) cookies[u] = await t.login(u);
  for (const s of JSON_SURFACES) await s.setup?.({ t, cookies });
});
afterAll(async () => {
  console.log(
    `[hostile] ${TEST_ENGINE}: ${tally.cases} cases, ${tally.accepted} accepted, ${tally.rejected} refused, ${tally.fiveXX} 5xx; slowest ${tally.slowestMs} ms (${tally.slowest}); largest RSS growth during an XLSX case ${tally.rssGrowthMb} MB (${tally.rssCase}); canary requests ${canaryHits.length}`,
  );
  await t?.close();
  await new Promise((resolve) => canaryServer?.close(resolve));
});

async function digest(tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [r] = await t.database.query<{ n: number; h: string | null }>(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out[table] = `${r.n}:${r.h}`;
  }
  return out;
}

/** Send one request, time it, and check what every case must hold: no 5xx, no pollution, problem+json on errors. */
async function send(id: string, opts: InjectOptions): Promise<InjectResponse> {
  const started = performance.now();
  lastError = '';
  const res = await t.app.inject(opts);
  const ms = Math.round(performance.now() - started);
  tally.cases++;
  if (ms > tally.slowestMs) Object.assign(tally, { slowestMs: ms, slowest: id });
  if (res.statusCode >= 500) tally.fiveXX++;
  expect(res.statusCode, `${id}: ${res.body.slice(0, 500)}\n${lastError}`).toBeLessThan(500);
  expect(({} as Record<string, unknown>).polluted, 'prototype polluted').toBeUndefined();
  if (res.statusCode >= 400) {
    tally.rejected++;
    expect(res.headers['content-type'], id).toContain('application/problem+json');
  } else tally.accepted++;
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics imports: every CSV file × (dry run, real import, multipart dry run), every generated XLSX × 2.

interface CsvExpect {
  status: number;
  code?: string;
  observations?: number;
  values?: number[];
  /** Extra query parameters of the upload (e.g. decimal=comma). */
  query?: string;
  why: string;
  fill?: { text: string; count: number };
}
const csvExpect: Record<string, CsvExpect> = JSON.parse(fs.readFileSync(path.join(CSV_DIR, 'expect.json'), 'utf8'));

function csvBody(file: string, e: CsvExpect): Buffer {
  const raw = fs.readFileSync(path.join(CSV_DIR, file));
  if (!e.fill) return raw;
  const [before, after] = raw.toString('utf8').split('{{FILL}}');
  return Buffer.from(before + e.fill.text.repeat(e.fill.count) + after);
}

function multipart(body: Buffer, fileName: string) {
  const boundary = '----hostileboundary';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function importCase(
  id: string,
  body: Buffer,
  mode: 'dry' | 'real' | 'multipart',
  expected: { status: number; code?: string; observations?: number; values?: number[] },
  opts: { fileName?: string; query?: string } = {},
) {
  const before = await digest(STAT_TABLES);
  const query = `dryRun=${mode === 'real' ? 'false' : 'true'}${opts.query ? `&${opts.query}` : ''}`;
  const upload =
    mode === 'multipart' || opts.fileName
      ? multipart(body, opts.fileName ?? 'so-lieu.csv')
      : { headers: { 'content-type': 'text/csv' }, payload: body };
  const res = await send(id, {
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { ...upload.headers, cookie: cookies['admin.mof'] },
    payload: upload.payload,
  });
  expect(res.statusCode, `${id}: ${res.body.slice(0, 400)}`).toBe(expected.status);
  if (expected.status >= 400) {
    const p = res.json();
    expect(p.errors?.[0]?.code ?? p.code, `${id}: ${res.body.slice(0, 400)}`).toBe(expected.code);
    expect(p.errors?.[0]?.messageVi ?? p.detailVi, id).toBeTruthy();
    expect(await digest(STAT_TABLES), `${id}: tables changed by a refused import`).toEqual(before);
  } else {
    const r = res.json();
    if (expected.observations !== undefined) expect(r.observations, id).toBe(expected.observations);
    // The preview lists changed rows; the multipart pass repeats a file the real pass has just imported.
    if (expected.values && mode !== 'multipart')
      expect(
        r.preview.map((p: { value: number }) => p.value),
        id,
      ).toEqual(expected.values);
    if (mode !== 'real') expect(await digest(STAT_TABLES), `${id}: a dry run wrote`).toEqual(before);
  }
}

describe(`hostile corpus on ${TEST_ENGINE}: statistics imports (CSV files)`, () => {
  for (const [file, e] of Object.entries(csvExpect))
    for (const mode of ['dry', 'real', 'multipart'] as const)
      it(`${file} ${mode}: ${e.why}`, () =>
        importCase(`csv/${file} ${mode}`, csvBody(file, e), mode, e, { query: e.query }));
});

describe(`hostile corpus on ${TEST_ENGINE}: statistics imports (XLSX, generated)`, () => {
  for (const c of XLSX_CASES)
    for (const mode of ['dry', 'real'] as const)
      (c.gap ? it.fails : it)(`xlsx/${c.id} ${mode}: ${c.why}${c.gap ? ` (known gap: ${c.gap})` : ''}`, async () => {
        const body = await c.build();
        const rss = process.memoryUsage().rss;
        await importCase(`xlsx/${c.id} ${mode}`, body, mode, c.expect, {
          fileName: c.fileName ?? 'so-lieu.xlsx',
          query: c.query,
        });
        const growth = Math.round((process.memoryUsage().rss - rss) / 1048576);
        if (growth > tally.rssGrowthMb) Object.assign(tally, { rssGrowthMb: growth, rssCase: `${c.id} ${mode}` });
        // Nothing in a workbook may make the server fetch a URL (XXE, WEBSERVICE).
        expect(canaryHits, `xlsx/${c.id}: the canary was called`).toEqual([]);
      });
});

// ---------------------------------------------------------------------------------------------------------------
// Upload file names: kept only as metadata, reduced to a clean base name.

const FILE_NAMES: { id: string; name: string; stored: string | null }[] = [
  { id: 'traversal', name: '../../etc/so-lieu.csv', stored: 'so-lieu.csv' },
  { id: 'windows-path', name: 'C:\\Users\\x\\so-lieu.csv', stored: 'so-lieu.csv' },
  // The multipart header ends at the CR/LF: the name is cut there, and no header can be injected.
  { id: 'crlf', name: 'so\r\nlieu.csv', stored: 'so' },
  { id: 'tab', name: 'so\tlieu.csv', stored: 'solieu.csv' },
  { id: 'rlo', name: 'baocao\u202Evsc.exe', stored: 'baocaovsc.exe' },
  { id: 'reserved', name: 'CON.csv', stored: 'CON.csv' },
  { id: 'leading-dot', name: '.htaccess', stored: '.htaccess' },
  { id: 'nfd', name: 'So\u0302\u0301 lie\u0323\u0302u.csv', stored: 'Số liệu.csv' },
  { id: 'vietnamese', name: 'Số liệu dân số 2024.csv', stored: 'Số liệu dân số 2024.csv' },
  { id: 'zwsp', name: 'so\u200B-lieu.csv', stored: 'so-lieu.csv' },
  { id: 'long', name: `${'ệ'.repeat(150)}.csv`, stored: `${'ệ'.repeat(150)}.csv`.slice(0, 200) },
  { id: 'only-slashes', name: '../../', stored: null },
  { id: 'quote', name: 'a"b.csv', stored: 'a"b.csv' },
  { id: 'sqli', name: "x'); drop table imports;--.csv", stored: "x'); drop table imports;--.csv" },
];

describe(`hostile corpus on ${TEST_ENGINE}: upload file names`, () => {
  for (const f of FILE_NAMES)
    it(`file name ${f.id}`, async () => {
      const body = Buffer.from('indicator,unitCode,period,value\npopulation,20,2024,813500\n');
      const up = multipart(body, f.name.replace(/"/g, '%22'));
      const res = await send(`filename/${f.id}`, {
        method: 'POST',
        url: '/api/v1/imports?dryRun=false',
        headers: { ...up.headers, cookie: cookies['admin.mof'] },
        payload: up.payload,
      });
      expect(res.statusCode, res.body).toBe(200);
      const log = await t.app.inject({
        method: 'GET',
        url: '/api/v1/imports',
        headers: { cookie: cookies['admin.mof'] },
      });
      const entry = log.json().items.find((i: { id: number }) => i.id === res.json().importId);
      const expected = f.id === 'quote' ? 'a%22b.csv' : f.stored;
      expect(entry?.fileName, f.id).toBe(expected);
    });
});

// ---------------------------------------------------------------------------------------------------------------
// JSON surfaces: every hostile string × every text field of every surface; every hostile code × code fields.

let seq = 0;
describe(`hostile corpus on ${TEST_ENGINE}: JSON text fields`, () => {
  for (const s of JSON_SURFACES) {
    for (const field of s.fields)
      for (const h of HOSTILE_STRINGS) {
        const outcome = h.outcome[field.kind];
        if (!outcome) continue;
        it(`${s.id}.${field.name} ← ${h.id}: ${h.why}`, async () => {
          const id = `${s.id}.${field.name}/${h.id}`;
          const before = await digest(s.tables);
          const res = await send(id, {
            method: s.method ?? 'POST',
            url: s.url,
            headers: { cookie: cookies[s.user], 'content-type': 'application/json', ...s.headers?.() },
            payload: JSON.stringify(
              s.body ? s.body(++seq, field.name, h.value) : { ...s.base(++seq), [field.name]: h.value },
            ),
          });
          if (outcome.accept) {
            expect(res.statusCode, `${id}: ${res.body.slice(0, 300)}`).toBe(s.okStatus ?? 201);
            const json = res.json();
            await s.accepted?.(json, res.headers);
            const stored = s.read ? s.read(json, field.name) : json[field.name];
            expect(stored, id).toBe(outcome.stored);
          } else {
            expect(res.statusCode, `${id}: ${res.body.slice(0, 300)}`).toBe(outcome.status);
            expect(res.json().code, id).toBe(outcome.code);
            expect(await digest(s.tables), `${id}: tables changed by a refusal`).toEqual(before);
          }
        });
      }
    if (s.codeField)
      for (const c of HOSTILE_CODES)
        it(`${s.id}.${s.codeField} ← code ${c.id}: ${c.why}`, async () => {
          const id = `${s.id}.${s.codeField}/${c.id}`;
          const before = await digest(s.tables);
          const res = await send(id, {
            method: s.method ?? 'POST',
            url: s.url,
            headers: { cookie: cookies[s.user], 'content-type': 'application/json', ...s.headers?.() },
            payload: JSON.stringify({ ...s.base(++seq), [s.codeField as string]: c.value }),
          });
          expect(res.statusCode, `${id}: ${res.body.slice(0, 300)}`).toBe(400);
          expect(await digest(s.tables), `${id}: tables changed by a refusal`).toEqual(before);
        });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-written requests: JSON structure and content types, query and path parameters.

async function requestCase(c: RequestCase) {
  const before = c.tables ? await digest(c.tables) : null;
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  if (c.user) headers.cookie = cookies[c.user];
  const payload =
    c.payload === undefined || typeof c.payload === 'string' || Buffer.isBuffer(c.payload)
      ? c.payload
      : JSON.stringify(c.payload);
  const res = await send(c.id, { method: c.method, url: c.url, headers, payload });
  const allowed = Array.isArray(c.status) ? c.status : [c.status];
  expect(allowed, `${c.id}: got ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
  if (c.code) expect(res.json().code, c.id).toBe(c.code);
  if (before && res.statusCode >= 400) expect(await digest(c.tables!), `${c.id}: tables changed`).toEqual(before);
}

describe(`hostile corpus on ${TEST_ENGINE}: JSON structure and content types`, () => {
  for (const c of JSON_CASES) it(`${c.id}: ${c.why}`, () => requestCase(c));
});
describe(`hostile corpus on ${TEST_ENGINE}: query and path parameters`, () => {
  for (const c of QUERY_CASES) it(`${c.id}: ${c.why}`, () => requestCase(c));
});
describe(`hostile corpus on ${TEST_ENGINE}: accounts, sessions, two-factor, administration, audit search, SSO`, () => {
  for (const c of ACCOUNT_CASES) it(`${c.id}: ${c.why}`, () => requestCase(c));
});

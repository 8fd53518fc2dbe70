import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../test/engine';
import { createTestApp, type TestApp } from '../../test/helpers';

/*
 * /api/metrics (issue 18) on the engine under test: who may read it, and that what it sends is Prometheus's text
 * exposition format (checked line by line against the format's grammar, families declared before their samples,
 * histogram buckets cumulative and ending in +Inf = _count), with the figures the operations guide promises.
 */

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => {
  await t?.close();
});

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*"';
const VALUE = '(?:[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Inf|NaN)';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?\\})? (${VALUE})(?: -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parse the text format strictly; throws naming the first line that breaks the grammar. */
function parse(text: string) {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  expect(text.endsWith('\n')).toBe(true);
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    if (line === '') continue;
    const type = TYPE.exec(line);
    if (type) {
      expect(types.has(type[1]), `line ${i + 1}: second TYPE for ${type[1]}`).toBe(false);
      types.set(type[1], type[2]);
      continue;
    }
    if (HELP.test(line)) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not in the text format: ${line}`);
    const family = [m[1], m[1].replace(/_(bucket|sum|count)$/, '')].find((n) => types.has(n));
    expect(family, `line ${i + 1}: sample ${m[1]} before its TYPE`).toBeDefined();
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    samples.push({ name: m[1], labels, value: Number(m[3].replace('Inf', 'Infinity')) });
  }
  return { types, samples };
}

const get = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/metrics', headers });

describe(`/api/metrics on ${TEST_ENGINE}`, () => {
  it('is for administrators: anonymous 401, other roles 403, the administrator and their API token 200', async () => {
    expect((await get()).statusCode).toBe(401);
    for (const who of ['viewer', 'reporter.langson', 'council.nmm'])
      expect((await get({ cookie: await t.login(who) })).statusCode, who).toBe(403);
    expect((await get({ cookie: admin })).statusCode).toBe(200);
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: admin },
      payload: { name: 'prometheus', scope: 'read_entitled', owner: 'personal' },
    });
    expect(tok.statusCode, tok.body).toBe(201);
    const scrape = await get({ authorization: `Bearer ${tok.json().token}` });
    expect(scrape.statusCode).toBe(200);
    const langson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: await t.login('reporter.langson') },
      payload: { name: 'prometheus', scope: 'read_entitled', owner: 'personal' },
    });
    expect((await get({ authorization: `Bearer ${langson.json().token}` })).statusCode).toBe(403);
  });

  it('sends the text format with request rates and latencies per route, queue depth and the database pool', async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/api/v1/geo/units' })).statusCode).toBe(200);
    const refused = (await t.app.inject({ url: '/api/v1/geo/units/nonexistent-unit' })).statusCode;
    expect(refused).toBeGreaterThanOrEqual(400);
    const res = await get({ cookie: admin });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8$/);
    const { types, samples } = parse(res.body);
    const find = (name: string, labels: Record<string, string>) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

    expect(types.get('regionlink_http_requests_total')).toBe('counter');
    const ok = find('regionlink_http_requests_total', { method: 'GET', route: '/api/v1/geo/units', status: '200' });
    expect(ok.map((s) => s.value)).toEqual([3]);
    const missing = find('regionlink_http_requests_total', {
      route: '/api/v1/geo/units/:code',
      status: String(refused),
    });
    expect(missing.map((s) => s.value)).toEqual([1]);

    expect(types.get('regionlink_http_request_duration_seconds')).toBe('histogram');
    const buckets = find('regionlink_http_request_duration_seconds_bucket', { route: '/api/v1/geo/units' });
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
    const count = find('regionlink_http_request_duration_seconds_count', { route: '/api/v1/geo/units' });
    expect(count.map((s) => s.value)).toEqual([3]);
    expect(buckets.at(-1)?.value).toBe(3);

    expect(types.get('regionlink_job_queue_depth')).toBe('gauge');
    for (const queue of ['reporting-reminders', 'email-outbox', 'council-follow-up-reminders'])
      expect(find('regionlink_job_queue_depth', { queue }).length, queue).toBe(1);
    expect(types.get('regionlink_jobs_taken_from_silent_servers')).toBe('gauge');
    expect(find('regionlink_jobs_taken_from_silent_servers', {}).map((s) => s.value)).toEqual([0]);

    const engine = TEST_ENGINE;
    expect(find('regionlink_db_pool_connections', { state: 'total', engine }).length).toBe(1);
    if (engine === 'postgresql')
      expect(find('regionlink_db_pool_connections', { state: 'idle', engine }).length).toBe(1);
    expect(types.get('regionlink_process_resident_memory_bytes')).toBe('gauge');
  });

  it('the grammar check refuses what is not the text format (so the test above can fail)', () => {
    expect(() => parse('regionlink_x{route="/a"} 1\n')).toThrow();
    expect(() => parse('# TYPE a counter\na{route=/a} 1\n')).toThrow(/not in the text format/);
    expect(() => parse('# TYPE a counter\na 1 2 3\n')).toThrow(/not in the text format/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers';
import { readConfig } from '../config';

/*
 * The response cache of anonymous public reads (lib/response-cache.ts), on the engine under test: a hit is the same
 * answer as the miss before it, a release or an access-level change is a new answer at once, and an answer computed
 * for a signed-in caller entitled to a restricted dataset is never stored nor served to anyone else.
 */

let t: TestApp;
let admin: string;
let langson: string;

const MAP = '/api/v1/data?indicator=population&level=province&period=2024';
/** Per-request headers (set anew on every answer, cached or not). */
const PER_REQUEST = new Set(['date', 'connection', 'keep-alive']);

const stats = () => ({ ...t.app.responseCache!.size });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const headersOf = (res: Awaited<ReturnType<typeof get>>) =>
  Object.fromEntries(Object.entries(res.headers).filter(([k]) => !PER_REQUEST.has(k)));
const unitValue = (res: Awaited<ReturnType<typeof get>>, unit: string) =>
  (res.json().rows as { unitCode: string; value: number | null }[]).find((r) => r.unitCode === unit)?.value;

async function importCsv(dataset: string, csv: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports?dataset=${dataset}&dryRun=false&title=${encodeURIComponent(`Thử bộ đệm ${dataset}`)}`,
    headers: { cookie: admin, 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function setAccess(dataset: string, level: 'public' | 'restricted', organisations: string[]) {
  const [d] = await t.database.query<{ id: number }>('select id from datasets where code = $1', [dataset]);
  const acc = await get(`/api/v1/datasets/${d.id}/access`, { cookie: admin });
  const put = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/datasets/${d.id}/access`,
    headers: { cookie: admin, 'if-match': acc.headers.etag as string },
    payload: { level, organisations },
  });
  expect(put.statusCode, put.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  langson = await t.login('reporter.langson');
}, 300_000);
afterAll(async () => t?.close());

describe('response cache of public reads', () => {
  it('a hit after a miss gives the same body and headers, in every encoding, and answers If-None-Match', async () => {
    for (const url of [MAP, '/api/v1/geo/units?level=province', '/api/v1/geo/boundaries', '/api/v1/indicators'])
      for (const encoding of ['br', 'gzip', 'identity']) {
        const headers = { 'accept-encoding': encoding };
        const before = stats();
        const miss = await get(url, headers);
        const hit = await get(url, headers);
        expect(miss.statusCode, `${url} ${miss.body.slice(0, 200)}`).toBe(200);
        expect(stats().hits - before.hits, url).toBe(encoding === 'br' ? 1 : 2);
        expect(hit.rawPayload.equals(miss.rawPayload), `${url} ${encoding}`).toBe(true);
        expect(headersOf(hit), `${url} ${encoding}`).toEqual(headersOf(miss));
        if (encoding !== 'identity') expect(miss.headers['content-encoding']).toBe(encoding);
        const notModified = await get(url, { ...headers, 'if-none-match': String(hit.headers.etag) });
        expect(notModified.statusCode, url).toBe(304);
        expect(notModified.body).toBe('');
      }
  });

  it('the same query written differently is one entry', async () => {
    await get(MAP);
    const before = stats();
    await get('/api/v1/data?period=2024&level=province&indicator=population');
    expect(stats().hits - before.hits).toBe(1);
    expect(stats().stored - before.stored).toBe(0);
  });

  it('an import changes the answer at once', async () => {
    const before = await get(MAP);
    const old = unitValue(before, '20');
    expect(typeof old).toBe('number');
    const next = Math.round((old as number) + 777);
    await importCsv('cache-test-import', `indicator,unit_code,period,value\npopulation,20,2024,${next}\n`);
    const after = await get(MAP);
    expect(unitValue(after, '20')).toBe(next);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('a restricted dataset never leaks from the public cache, nor comes from it for an entitled reader', async () => {
    const code = 'cache_probe';
    const value = 6182.4973;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: { cookie: admin },
      payload: {
        code,
        nameVi: 'Chỉ tiêu thử bộ đệm',
        nameEn: 'Cache probe',
        unitVi: 'đơn vị',
        unitEn: 'unit',
        decimals: 4,
        aggregation: 'sum',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await importCsv('cache-probe', `indicator,unit_code,period,value\n${code},20,2024,${value}\n`);
    const url = `/api/v1/data?indicator=${code}&level=province&period=2024`;
    // Public first: the anonymous answers (data and catalogue) are cached with the value and the code.
    expect((await get(url)).body).toContain(String(value));
    expect((await get(url)).body).toContain(String(value));
    expect((await get('/api/v1/indicators')).body).toContain(code);
    // Made restricted to Lạng Sơn: anonymous callers no longer get the cached copies.
    await setAccess('cache-probe', 'restricted', ['UBND-20']);
    const anonymous = await get(url);
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.body).not.toContain(String(value));
    expect((await get('/api/v1/indicators')).body).not.toContain(code);
    // The entitled reader gets the value, computed for them and not stored.
    const before = stats();
    const entitled = await get(url, { cookie: langson });
    expect(entitled.statusCode).toBe(200);
    expect(entitled.body).toContain(String(value));
    expect((await get('/api/v1/indicators', { cookie: langson })).body).toContain(code);
    expect(stats().stored - before.stored).toBe(0);
    expect(stats().hits - before.hits).toBe(0);
    // … so anonymous callers after them still get the refusal and a catalogue without the code.
    expect((await get(url)).statusCode).toBe(404);
    expect((await get('/api/v1/indicators')).body).not.toContain(code);
  });

  it('a signed-in reader never gets the public copy', async () => {
    await get(MAP);
    const before = stats();
    const res = await get(MAP, { cookie: langson });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(stats().hits - before.hits).toBe(0);
    expect(stats().misses - before.misses).toBe(0);
  });
});

describe('turning the cache off', () => {
  it('RESPONSE_CACHE_MB=0 gives no cache; a bad value is refused', async () => {
    expect(readConfig({ RESPONSE_CACHE_MB: '0' }).responseCacheBytes).toBe(0);
    expect(readConfig({}).responseCacheBytes).toBe(64 * 1024 * 1024);
    expect(() => readConfig({ RESPONSE_CACHE_MB: 'nhiều' })).toThrow(/RESPONSE_CACHE_MB/);
    const off = await createTestApp({ responseCacheBytes: 0 });
    try {
      expect(off.app.responseCache).toBeNull();
      const a = await off.app.inject({ method: 'GET', url: MAP, headers: { 'accept-encoding': 'br' } });
      const b = await off.app.inject({ method: 'GET', url: MAP, headers: { 'accept-encoding': 'br' } });
      expect(a.statusCode).toBe(200);
      expect(b.headers.etag).toBe(a.headers.etag);
    } finally {
      await off.close();
    }
  }, 300_000);
});

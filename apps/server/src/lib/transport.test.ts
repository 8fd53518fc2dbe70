import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../test/engine';
import { type TestApp, createTestApp } from '../../test/helpers';
import { etagMatches } from './transport';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const BOUNDARIES = '/api/v1/geo/boundaries?at=2025-07-01';
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe(`API transport on ${TEST_ENGINE}`, () => {
  it('sends Brotli to a client that accepts it, gzip to one that accepts only gzip, identity otherwise', async () => {
    const plain = await get(BOUNDARIES);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(BOUNDARIES, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    const brBody = zlib.brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(JSON.parse(brBody)).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await get(BOUNDARIES, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('gives anonymous public reads an ETag and a public Cache-Control, and answers a matching If-None-Match with 304', async () => {
    const first = await get('/api/v1/geo/units?level=province&at=2025-07-01');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+, must-revalidate$/);
    expect(String(first.headers.vary)).toMatch(/cookie/i);
    const again = await get('/api/v1/geo/units?level=province&at=2025-07-01', {
      'if-none-match': etag,
      'accept-encoding': 'br',
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // other data, other tag: the tag follows the content
    const old = await get('/api/v1/geo/units?level=province&at=2025-06-30', { 'if-none-match': etag });
    expect(old.statusCode).toBe(200);
    expect(old.headers.etag).not.toBe(etag);
  });

  it('keeps a versioned record its own ETag (for If-Match, never a 304: the body holds more than the record) and marks a signed-in read private', async () => {
    const cookie = await t.login('admin.mof');
    const res = await get('/api/v1/council-meetings/1', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"council-meeting-1-v\d+"$/);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const again = await get('/api/v1/council-meetings/1', { cookie, 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).toBe(res.headers.etag);
  });

  it('leaves errors and writes uncached', async () => {
    const missing = await get('/api/v1/geo/units/ZZ');
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.headers.etag).toBeUndefined();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x', password: 'y' },
    });
    expect(login.headers.etag).toBeUndefined();
  });

  it('compares If-None-Match lists and weak tags', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', 'W/"x"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});

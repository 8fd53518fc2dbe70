import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appServingWeb } from './helpers';

// A built web app in miniature, as `npm run build` leaves it: index.html, a hashed script and its Brotli and gzip
// copies (apps/web/scripts/compress.mjs).
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-web-assets-'));
const script = `export const greeting = ${JSON.stringify('Xin chào '.repeat(400))};\n`;
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><div id="root"></div></html>');
fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js'), script);
fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.br'), zlib.brotliCompressSync(script));
fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.gz'), zlib.gzipSync(script));

const served = appServingWeb(dist);

const get = (url: string, encoding?: string) =>
  served.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the built web app as served', () => {
  it('sends a hashed script precompressed (Brotli, else gzip) and cacheable for a year without revalidation', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('asks browsers to revalidate the page itself, so that a new release is picked up at once', async () => {
    for (const url of ['/', '/analytics']) {
      const res = await get(url, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});

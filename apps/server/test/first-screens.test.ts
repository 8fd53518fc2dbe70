import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFirstScreens } from '../../web/scripts/first-screens';
import { appServingWeb } from './helpers';

// A built web app in miniature: Vite's index.html and manifest (the first script, the application it imports once the
// first screen is painted, and the three pages' chunks, which share a chunk with the application and import one of
// their own), then the real build step that writes the first screens.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-first-screens-'));
fs.mkdirSync(path.join(dist, '.vite'));
fs.writeFileSync(
  path.join(dist, 'index.html'),
  '<!doctype html>\n<html lang="vi" data-mantine-color-scheme="light">\n<head><title>RegionLink</title>' +
    '<script type="module" crossorigin src="/assets/index-A1.js"></script></head>\n<body><div id="root"></div></body></html>',
);
const page = (file: string) => ({ file: `assets/${file}`, imports: ['_react-R1.js', `_${file}-own.js`] });
const manifest = {
  'index.html': { file: 'assets/index-A1.js', isEntry: true, imports: ['_preload-helper-H1.js'] },
  '_preload-helper-H1.js': { file: 'assets/preload-helper-H1.js' },
  'src/app/start.tsx': { file: 'assets/start-S1.js', imports: ['_react-R1.js'] },
  '_react-R1.js': { file: 'assets/react-R1.js' },
  'src/features/geo/MapPage.tsx': page('MapPage-M1.js'),
  '_MapPage-M1.js-own.js': { file: 'assets/ProvinceMap-P1.js' },
  'src/features/statistics/ExplorerPage.tsx': page('ExplorerPage-E1.js'),
  '_ExplorerPage-E1.js-own.js': { file: 'assets/Grapher-G1.js' },
  'src/features/analytics/NationalPage.tsx': page('NationalPage-N1.js'),
  '_NationalPage-N1.js-own.js': { file: 'assets/KeyFigures-K1.js' },
};
fs.writeFileSync(path.join(dist, '.vite/manifest.json'), JSON.stringify(manifest));

const served = appServingWeb(dist, () => writeFirstScreens(dist));

const get = (url: string, cookie?: string) =>
  served.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const h1 = (html: string) => [...html.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]);
// No chunk is fetched before the first screen is painted: the page's own chunk is only named, for the entry to import
// afterwards (apps/web/src/main.tsx).
const pageChunk = (html: string) => {
  expect(html).not.toContain('rel="modulepreload"');
  return [...html.matchAll(/<meta name="rl-page" content="([^"]*)">/g)].map((m) => m[1]);
};

describe('the first screen of the public pages', () => {
  it("sends the header and the heading of the map, the explorer and the dashboard, naming each page's chunk", async () => {
    const pages = [
      ['/', 'Bản đồ hành chính và các vùng kinh tế - xã hội', 'MapPage-M1', 'ProvinceMap-P1'],
      ['/data', 'Tra cứu số liệu vùng', 'ExplorerPage-E1', 'Grapher-G1'],
      ['/analytics', 'Bảng tổng hợp toàn quốc', 'NationalPage-N1', 'KeyFigures-K1'],
    ];
    for (const [url, title, chunk, own] of pages) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers.vary)).toMatch(/cookie/i);
      expect(h1(res.body)).toEqual([title]);
      expect(res.body).toContain('Hệ thống thông tin liên kết vùng');
      expect(pageChunk(res.body)).toEqual([`/assets/${chunk}.js`]);
      expect(res.body).not.toContain(own);
    }
  });

  it('speaks the language of the rl.lang cookie, Vietnamese otherwise', async () => {
    const en = await get('/data?ind=population', 'rl.lang=en');
    expect(h1(en.body)).toEqual(['Regional statistics explorer']);
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('every figure says where it came from');
    expect(en.body).not.toContain('Tra cứu');
    const other = await get('/analytics/', 'rl.lang=xx');
    expect(h1(other.body)).toEqual(['Bảng tổng hợp toàn quốc']);
    expect(other.body).toContain('<html lang="vi"');
  });

  it('sends the plain shell to any other address, which names no page chunk', async () => {
    for (const url of ['/provinces', '/analytics/index', '/no-such-page']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root"></div>');
      expect(pageChunk(res.body)).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { writeFirstScreens } from '../../web/scripts/first-screens';
import { appServingWeb, miniatureWebDist } from './helpers';

const dist = miniatureWebDist();

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

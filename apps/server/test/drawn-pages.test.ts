import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as ssr from '../../web/src/app/ssr';
import { multiDataUrl, PROFILE_INDICATORS } from '../../web/src/features/analytics/urls';
import { writeFirstScreens } from '../../web/scripts/first-screens';
import { fillTemplate, sentAnswer } from '../src/lib/first-screens';
import { appServingWeb, miniatureWebDist } from './helpers';

// The national dashboard drawn by the server with its key figures (apps/web/src/app/ssr.tsx, the source module, as
// the build's dist-ssr/ssr.js is made from it), sent with the answer it was drawn from.
const dist = miniatureWebDist();
const served = appServingWeb(dist, () => writeFirstScreens(dist), { ssr });
// The same, with a renderer that fails: the page must still be served, as its static first screen.
const broken = miniatureWebDist();
const servedBroken = appServingWeb(broken, () => writeFirstScreens(broken), {
  ssr: {
    ...ssr,
    renderFirstScreen: () => {
      throw new Error('render failed');
    },
  },
});

const NATIONAL = multiDataUrl(PROFILE_INDICATORS, 'national', '2025-07-01');
const get = (url: string, headers: Record<string, string> = {}) => served.app.inject({ method: 'GET', url, headers });
const sentAnswers = (html: string) =>
  [...html.matchAll(/<script type="application\/json" data-rl-answer="([^"]*)">([^<]*)<\/script>/g)].map((m) => ({
    url: m[1].replace(/&amp;/g, '&'),
    json: JSON.parse(m[2]),
  }));
const figures = (html: string) =>
  [...html.matchAll(/data-testid="key-figure" data-indicator="([^"]+)"/g)].map((m) => m[1]);

describe('the national dashboard drawn by the server', () => {
  it('holds the nation’s key figures, formatted for Viet Nam, and the answer they were drawn from', async () => {
    const api = await get(NATIONAL);
    expect(api.statusCode).toBe(200);
    const answer = api.json() as { rows: { indicator: string; value: number | null; period: number }[] };
    const res = await get('/analytics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers.vary)).toMatch(/cookie/i);
    expect(figures(res.body)).toEqual([...PROFILE_INDICATORS]);
    // The newest population figure, as the page formats it (vi-VN), inside the population row.
    const population = answer.rows
      .filter((r) => r.indicator === 'population' && r.value !== null)
      .sort((a, b) => b.period - a.period)[0];
    const row = res.body.slice(res.body.indexOf('data-indicator="population"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(new Intl.NumberFormat('vi-VN').format(population.value ?? 0));
    expect(sentAnswers(res.body)).toEqual([{ url: NATIONAL, json: answer }]);
    // The page's own chunk is still named, for the entry to import once the page is painted.
    expect(res.body).toContain('<meta name="rl-page" content="/assets/NationalPage-N1.js">');
    expect(res.body).not.toContain('<!--rl-ssr-->');
  });

  it('speaks the language of the cookie and keeps the chosen indicator and boundary date', async () => {
    const en = await get('/analytics?indicator=pci', { cookie: 'rl.lang=en' });
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('National dashboard');
    expect(en.body).not.toContain('Bảng tổng hợp toàn quốc');
    const old = await get('/analytics?at=2025-06-30');
    expect(sentAnswers(old.body).map((a) => a.url)).toEqual([
      multiDataUrl(PROFILE_INDICATORS, 'national', '2025-06-30'),
    ]);
  });

  it('is sent compressed as the browser accepts, and private to a signed-in caller', async () => {
    const plain = await get('/analytics');
    const br = await get('/analytics', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get('/analytics', { 'accept-encoding': 'gzip' });
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const signedIn = await get('/analytics', { cookie: 'rl_session=not-a-session' });
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
  });

  it('is one page whatever other parameters the address carries, revalidated by its ETag', async () => {
    const pci = await get('/analytics?indicator=pci');
    const tagged = await get('/analytics?utm_source=mail&indicator=pci&x=%22%3E');
    expect(pci.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(tagged.headers.etag).toBe(pci.headers.etag);
    expect(tagged.body).toBe(pci.body);
    expect((await get('/analytics')).headers.etag).not.toBe(pci.headers.etag);
    const again = await get('/analytics?indicator=pci', { 'if-none-match': String(pci.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('puts texts in the page literally: no `$` pattern of String.replace, no `<` inside an answer', () => {
    const template = `<html><body><div id="root">${ssr.SSR_MARK}</div></body></html>`;
    const markup = "<p>US$' and $` and $& and $$</p>";
    const sent = sentAnswer('/api/v1/data?a=1&b="2"', JSON.stringify({ note: "</script><b>$'</b>" }));
    const page = fillTemplate(template, ssr.SSR_MARK, markup, sent);
    expect(page).toBe(`<html><body><div id="root">${markup}</div>${sent}</body></html>`);
    expect(sent).toBe(
      '<script type="application/json" data-rl-answer="/api/v1/data?a=1&amp;b=&quot;2&quot;">' +
        '{"note":"\\u003c/script>\\u003cb>$\'\\u003c/b>"}</script>',
    );
    expect(JSON.parse(sent.slice(sent.indexOf('>') + 1, sent.lastIndexOf('</script>')))).toEqual({
      note: "</script><b>$'</b>",
    });
  });

  it('the other first screens stay static (the map, the explorer)', async () => {
    for (const url of ['/', '/data']) {
      const res = await get(url);
      expect(sentAnswers(res.body)).toEqual([]);
      expect(figures(res.body)).toEqual([]);
    }
  });

  it('falls back to the static first screen when drawing fails', async () => {
    const res = await servedBroken.app.inject({ method: 'GET', url: '/analytics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bảng tổng hợp toàn quốc');
    expect(figures(res.body)).toEqual([]);
    expect(sentAnswers(res.body)).toEqual([]);
  });
});

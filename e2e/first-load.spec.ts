import { expect, type Page, test } from '@playwright/test';
import { firstRequests } from '../apps/web/src/app/first-requests';
import { multiDataUrl, PROFILE_INDICATORS } from '../apps/web/src/features/analytics/urls';
import { DATE_34 } from '../apps/web/src/features/geo/urls';

/**
 * The first load of the pages a visit opens most (issue 17, fast first loads): the API requests the page needs are
 * asked by the entry as soon as the first screen is painted (apps/web/src/app/first-requests.ts), with the addresses
 * the page's own queries use, which take those answers (lib/early.ts), so each is asked once; maps of the whole country take the simplified boundaries; the dashboard's chart library arrives on its own,
 * once the chart comes near the visible part of the page.
 */
function apiRequests(page: Page): string[] & { beforeApp: string[] } {
  const urls = Object.assign([] as string[], { beforeApp: [] as string[] });
  let app = false;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^\/assets\/start-[\w-]+\.js$/.test(url.pathname)) app = true;
    if (url.pathname.startsWith('/api/') && r.method() === 'GET') {
      urls.push(url.pathname + url.search);
      if (!app) urls.beforeApp.push(url.pathname + url.search);
    }
  });
  return urls;
}

/**
 * The page's first API requests were asked before the application's code (by the entry), but for those whose answers
 * came inside the page (`sent`: the server drew the page with them), and the page's queries took those answers: had a
 * query built another address, it would show as a later request to the same endpoint.
 */
function expectAskedEarly(urls: ReturnType<typeof apiRequests>, path: string, sent: string[] = []) {
  const early = firstRequests({ pathname: path, search: '' }, 'vi');
  expect([...urls.beforeApp].sort()).toEqual(early.filter((u) => !sent.includes(u)).sort());
  const endpoints = new Set(early.map((u) => u.split('?')[0]));
  expect(urls.slice(urls.beforeApp.length).filter((u) => endpoints.has(u.split('?')[0]))).toEqual([]);
}

const twice = (urls: string[]) => urls.filter((u, i) => urls.indexOf(u) !== i);

/** The nation's key figures, which the server draws the dashboard with and sends inside it. */
const NATIONAL = multiDataUrl(PROFILE_INDICATORS, 'national', DATE_34);

for (const size of [
  { width: 412, height: 823 },
  { width: 1440, height: 900 },
]) {
  test.describe(`${size.width} px`, () => {
    test.use({ viewport: size });

    test('the map asks each API request once, with the simplified boundaries', async ({ page }) => {
      const urls = apiRequests(page);
      await page.goto('/');
      await expect(page.locator('svg path[data-code]')).toHaveCount(34);
      await page.waitForLoadState('networkidle');
      expect(twice(urls)).toEqual([]);
      expectAskedEarly(urls, '/');
      expect(urls).toContain('/api/v1/geo/boundaries?at=2025-07-01&detail=country');
      expect(urls.filter((u) => u.startsWith('/api/v1/geo/boundaries'))).toHaveLength(1);
    });

    test('the explorer asks each API request once and shows its figures', async ({ page }) => {
      const urls = apiRequests(page);
      await page.goto('/data');
      await expect(page.getByTestId('grapher')).toBeVisible();
      await expect(page.getByTestId('indicator-card')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(twice(urls)).toEqual([]);
      expectAskedEarly(urls, '/data');
      expect(urls).toContain('/api/v1/data?indicator=population&at=2025-07-01&level=province');
    });

    test('the national dashboard asks each API request once and draws its charts', async ({ page }) => {
      const urls = apiRequests(page);
      await page.goto('/analytics');
      await expect(page.getByTestId('key-figure')).toHaveCount(9);
      // a chart below the fold is drawn (and its library loaded) as the reader scrolls to it
      // (the chart box may be drawn again while the page's other data arrive: scroll until the drawn one is seen)
      const chart = page.getByTestId('grapher-chart').first();
      await expect(async () => {
        await chart.scrollIntoViewIfNeeded({ timeout: 2_000 });
        await expect(chart.locator('canvas')).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      expect(twice(urls)).toEqual([]);
      expectAskedEarly(urls, '/analytics', [NATIONAL]);
      // The grapher's map boundaries too: arriving after React's first render, they re-rendered the page in one task.
      expect(urls.beforeApp).toContain('/api/v1/geo/boundaries?at=2025-07-01&detail=country');
    });

    test('the national dashboard comes with its key figures drawn, the same the application draws', async ({
      page,
      browser,
    }) => {
      // No script at all: what the server sent (apps/web/src/app/ssr.tsx, apps/server/src/lib/first-screens.ts).
      const plain = await browser.newContext({ viewport: size, javaScriptEnabled: false });
      const first = await plain.newPage();
      await first.goto('/analytics');
      await expect(first.getByTestId('key-figure')).toHaveCount(9);
      await expect(first.locator('[data-testid="key-figure"][data-indicator="population"]')).toContainText('người');
      const sent = await first
        .locator('script[data-rl-answer]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-rl-answer')));
      expect(sent).toEqual([NATIONAL]);
      const drawn = await first.getByTestId('key-figures').innerText();
      // Each figure's source line is shown once, at any width (on a phone in a row of its own, under the figure).
      const sources = await first.getByTestId('figure-source').count();
      expect(sources).toBeGreaterThan(0);
      await expect(first.getByText(/^Nguồn: /).filter({ visible: true })).toHaveCount(sources);
      await plain.close();

      // The application replaces it with the same figures, without asking for that answer again.
      const urls = apiRequests(page);
      await page.goto('/analytics');
      await expect(page.getByTestId('share-row')).toHaveCount(6); // drawn by the application only
      expect(await page.getByTestId('key-figures').innerText()).toBe(drawn);
      expect(urls).not.toContain(NATIONAL);
    });
  });
}

import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { pagePaths } from '../apps/web/src/app/routes';
import { LoginPage } from './pages/LoginPage';

/**
 * Every page the router knows (`pagePaths()` of apps/web/src/app/routes.ts: a new page is scanned without editing this
 * file), for the public, a province reporter and MoF, in Vietnamese and English, on a phone (390×844) and a desktop
 * (1440×900): the document does not scroll sideways, the page has exactly one <h1> (a page a role may not open says
 * so under its own <h1>), and axe-core finds no serious or critical WCAG 2.2 AA violation. The menu (phone) and the
 * inline navigation (desktop) are checked once per role and language. Read-only: nothing is saved, so the data other
 * spec files changed before does not matter as long as the demo records below still exist.
 *
 * Each page is opened once, on the phone, then the window is widened. axe reads every page at both sizes in
 * Vietnamese and on the phone in English (the English pages share the Vietnamese layout; their texts differ).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SAMPLES: Record<string, string> = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'support/ux-scan-pages.json'), 'utf8'),
).urls;
const ROLES = ['public', 'reporter.langson', 'admin.mof'] as const;
const LANGS = ['vi', 'en'] as const;
const PHONE = { name: 'phone', width: 390, height: 844 } as const;
const DESKTOP = { name: 'desktop', width: 1440, height: 900 } as const;
type Size = typeof PHONE | typeof DESKTOP;
type Lang = (typeof LANGS)[number];
/** Set UX_SCAN_AXE=all to run axe at both sizes in both languages (the counts in docs/ux.md). */
const axeAt = (lang: Lang, size: Size) => process.env.UX_SCAN_AXE === 'all' || lang === 'vi' || size === PHONE;

type AxeHit = { id: string; impact: string; nodes: number; target: string };

/** The URL scanned for each route: the route itself, or the demo record listed for it. */
function pageUrls() {
  return pagePaths().map((route) => ({ route, url: SAMPLES[route] ?? route }));
}

/** Counts the page's requests in flight, so that a page is read once its data has arrived (polls do not block). */
function trackRequests(page: Page) {
  const state = { inflight: 0 };
  page.on('request', () => state.inflight++);
  page.on('requestfinished', () => state.inflight--);
  page.on('requestfailed', () => state.inflight--);
  return state;
}

/**
 * Opens a page as the app's own links do (the router follows the history; a fresh load of the app for every page
 * would take twice as long), then waits until its content has replaced the previous page's and no request is in
 * flight and no loader shows for 200 ms. The first page, or one that reloaded the document, is loaded anew.
 */
async function open(page: Page, url: string, requests: { inflight: number }) {
  const [inApp, here] = await page
    .evaluate(() => ['axe' in window, location.pathname + location.search] as const)
    .catch(() => [false, ''] as const);
  if (!inApp) await page.goto(url);
  else if (here !== url) {
    const before = await page.locator('main').innerHTML();
    await page.evaluate((u) => {
      history.pushState(null, '', u);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url);
    await expect
      .poll(() => page.locator('main').innerHTML(), {
        message: `${url} did not replace the previous page`,
        intervals: [50],
      })
      .not.toBe(before);
  }
  let quiet = 0;
  for (let i = 0; i < 200 && quiet < 4; i++) {
    await page.waitForTimeout(50);
    const busy = requests.inflight > 0 || (await page.locator('.mantine-Loader-root').count()) > 0;
    quiet = busy ? 0 : quiet + 1;
  }
  if (!inApp) await page.addScriptTag({ content: AXE_SOURCE });
}

async function axeScan(page: Page): Promise<AxeHit[]> {
  return page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global by addScriptTag
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
    return (result.violations as Violation[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target.join(' ') }));
  }, AXE_TAGS);
}

/** What is wrong with the page as it is now: sideways scroll, the number of <h1>, axe's serious and critical rules. */
async function problemsOf(page: Page, withAxe: boolean) {
  const problems: string[] = [];
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0) problems.push(`the document scrolls sideways by ${overflow} px`);
  const h1 = await page.locator('h1').count();
  if (h1 !== 1) problems.push(`${h1} <h1> instead of one`);
  const hits = withAxe ? await axeScan(page) : [];
  for (const a of hits) problems.push(`axe ${a.id} (${a.impact}) on ${a.nodes} node(s), first: ${a.target}`);
  return { problems, hits };
}

/** The phone's menu button opens a drawer with the sections, the language switch and sign-in (or the user menu). */
async function checkPhoneMenu(page: Page, signedIn: boolean) {
  const button = page.getByTestId('menu-button');
  await expect(button).toBeVisible();
  await button.click();
  const nav = page.getByTestId('mobile-nav');
  await expect(nav).toBeVisible();
  await expect(nav.getByText('EN', { exact: true })).toBeInViewport();
  await expect(nav.getByTestId(signedIn ? 'user-menu-mobile' : 'login-mobile')).toBeInViewport();
  for (const to of ['/provinces', '/data', '/analytics', '/projects', '/councils', '/reporting', '/documents']) {
    await nav.locator(`a[href="${to}"]`).scrollIntoViewIfNeeded();
    await expect(nav.locator(`a[href="${to}"]`)).toBeInViewport();
  }
  await button.click();
  await expect(nav).toHaveCount(0);
}

/** On a desktop the navigation, the language switch and sign-in (or the user menu) are in the header, no menu button. */
async function checkDesktopHeader(page: Page, signedIn: boolean) {
  await expect(page.getByTestId('menu-button')).toBeHidden();
  await expect(page.getByTestId('nav-reporting')).toBeInViewport();
  await expect(page.locator('header').getByText('EN', { exact: true })).toBeInViewport();
  await expect(page.getByTestId(signedIn ? 'user-menu' : 'login')).toBeInViewport();
}

test('every parameterised route has a demo record to open', () => {
  const missing = pagePaths().filter((r) => r.includes(':') && !SAMPLES[r]);
  expect(missing, 'add these routes to e2e/support/ux-scan-pages.json').toEqual([]);
});

for (const role of ROLES)
  for (const lang of LANGS)
    test(`every page for ${role} in ${lang}, 390×844 and 1440×900: menu, no sideways scroll, one h1, axe`, async ({
      browser,
    }, testInfo) => {
      test.setTimeout(600_000);
      // the app's CSP (script-src 'self') rightly refuses an injected <script>; the test's own browser may bypass it
      const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
      await context.addInitScript((l) => localStorage.setItem('rl.lang', l), lang);
      const page = await context.newPage();
      const requests = trackRequests(page);
      const signedIn = role !== 'public';
      if (signedIn) {
        await new LoginPage(page).signIn(role);
        await expect(page).not.toHaveURL(/\/login/);
      }
      await open(page, '/', requests);
      await checkPhoneMenu(page, signedIn);
      await page.setViewportSize(DESKTOP);
      await checkDesktopHeader(page, signedIn);

      const failures: string[] = [];
      const counts: { url: string; size: string; axe: AxeHit[] }[] = [];
      for (const { url } of pageUrls()) {
        await page.setViewportSize(PHONE);
        await open(page, url, requests);
        for (const size of [PHONE, DESKTOP]) {
          if (size === DESKTOP) {
            await page.setViewportSize(DESKTOP);
            await page.waitForFunction((w) => window.innerWidth === w, DESKTOP.width);
          }
          const { problems, hits } = await problemsOf(page, axeAt(lang, size));
          if (axeAt(lang, size)) counts.push({ url, size: size.name, axe: hits });
          for (const p of problems) failures.push(`${url} at ${size.width} px: ${p}`);
        }
      }
      await context.close();
      const summary = JSON.stringify({ role, lang, counts });
      await testInfo.attach('axe-counts.json', { body: summary, contentType: 'application/json' });
      if (process.env.UX_SCAN_OUT) appendFileSync(process.env.UX_SCAN_OUT, `${summary}\n`);
      expect(failures.length, `${role}, ${lang}: ${failures.length} problem(s)\n${failures.join('\n')}\n`).toBe(0);
    });

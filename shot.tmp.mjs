// scratch: screenshots behind login. usage: node shot.tmp.mjs user url out.png [lang] [actions...]
import { chromium } from '@playwright/test';
const [user, url, out, lang = 'vi', scroll] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await b.newContext({ baseURL: 'http://127.0.0.1:3104', viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
const page = await ctx.newPage();
if (user !== 'anon') {
  const r = await page.request.post('/api/v1/auth/login', { data: { username: user, password: 'regionlink-demo' } });
  if (!r.ok()) throw new Error('login');
}
await page.goto(url);
if (lang === 'en') { await page.evaluate(() => localStorage.setItem('rl.lang', 'en')); await page.reload(); }
await page.waitForTimeout(2500);
if (scroll) { await page.locator(`[data-testid="${scroll}"]`).first().scrollIntoViewIfNeeded(); await page.waitForTimeout(500); }
await page.screenshot({ path: out, fullPage: true });
await b.close();

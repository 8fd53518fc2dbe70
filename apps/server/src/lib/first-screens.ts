import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { compressBody } from './transport';

type Lang = 'vi' | 'en';
type Encoding = 'br' | 'gzip' | 'identity';

/** The web app's server-side module (apps/web/src/app/ssr.tsx, built into apps/web/dist-ssr/ssr.js). */
export interface SsrModule {
  canonicalSearch(pathname: string, search: string): string | null;
  ssrRequests(pathname: string, search: string): string[] | null;
  renderFirstScreen(pathname: string, search: string, lang: Lang, answers: Record<string, unknown>): string;
}

/** Where a first screen drawn with data goes in its page's template (apps/web/scripts/first-screens.ts). */
export const SSR_MARK = '<!--rl-ssr-->';

/**
 * The public pages the build gave a first screen (apps/web/scripts/first-screens.ts writes first-screens/pages.json,
 * address → name): index.html with the header bar and the page's heading already inside, which the browser paints
 * before the script has run. Empty when the build has none (an older build, or tests with a bare index.html).
 */
export function loadFirstScreens(webDist: string): Map<string, string> {
  const file = path.join(webDist, 'first-screens', 'pages.json');
  if (!fs.existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>));
}

/**
 * The built server-side module beside the web app's folder (`dist-ssr/ssr.js`), or null when the build has none or it
 * does not load (pages are then sent as their static first screens).
 */
export async function loadSsr(webDist: string, log: (err: unknown) => void): Promise<SsrModule | null> {
  const file = path.join(webDist, '..', 'dist-ssr', 'ssr.js');
  if (!fs.existsSync(file)) return null;
  try {
    return (await import(pathToFileURL(file).href)) as SsrModule;
  } catch (err) {
    log(err);
    return null;
  }
}

const pathOf = (url: string) => url.split('?')[0].replace(/(.)\/+$/, '$1');
const langOf = (cookie: string | undefined): Lang => (cookie === 'en' ? 'en' : 'vi');

/**
 * The file (under the web app's folder) to answer a page address with: its first screen in the language of the
 * `rl.lang` cookie (which the web app writes beside its own setting; Vietnamese by default), else index.html.
 */
export function pageFile(screens: Map<string, string>, url: string, langCookie: string | undefined): string {
  const name = screens.get(pathOf(url));
  if (!name) return 'index.html';
  return `first-screens/${name}.${langOf(langCookie)}.html`;
}

/**
 * An API answer inside the page, as a data block (not run: the CSP's script rule does not apply). No `<` is left in
 * the JSON, so nothing in it can end the element early (`\u003c` is the same JSON).
 */
export function sentAnswer(url: string, body: string): string {
  const attribute = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<script type="application/json" data-rl-answer="${attribute}">${body.replace(/</g, '\\u003c')}</script>`;
}

/** The template with the drawing in its mark and the answers before `</body>`, taken literally (no `$` patterns). */
export function fillTemplate(template: string, markup: string, sent: string): string {
  return template.replace(SSR_MARK, () => markup).replace('</body>', () => `${sent}</body>`);
}

/**
 * Pages drawn whole by the server with their data (apps/web/src/app/ssr.tsx): the national dashboard's key figures
 * are on the screen at the first paint instead of after the application has loaded and rendered. The answers the
 * page was drawn with are sent inside it (`<script type="application/json" data-rl-answer="address">`), and the
 * application takes them as its own requests' answers (apps/web/src/lib/early.ts): the figures it draws are the ones
 * on the screen. The API is asked through the app itself, with the caller's cookie, so a signed-in user's page holds
 * what their own requests would. Pages are kept by what they were drawn from (address, language, answers).
 * Any failure (an API error, a render error) falls back to the static first screen: `draw` answers null. Each page is
 * kept with its compressed forms, made once (as the transport compresses API answers).
 */
export class DrawnPages {
  private readonly templates = new Map<string, string>();
  private readonly drawn = new LRUCache<string, Partial<Record<Encoding, Buffer>>>({ max: 64 });

  constructor(
    private readonly app: FastifyInstance,
    private readonly webDist: string,
    private readonly screens: Map<string, string>,
    private readonly ssr: SsrModule,
  ) {}

  /**
   * The page at `url`, drawn with its data in the cookie's language and encoded in `encoding` (the request's pick), with
   * its ETag (what it was drawn from), or null (not drawn: send the static file).
   */
  async draw(
    url: string,
    langCookie: string | undefined,
    cookie: string | undefined,
    encoding: Encoding,
  ): Promise<{ body: Buffer; etag: string } | null> {
    try {
      const name = this.screens.get(pathOf(url));
      // The address as the page reads it (unknown parameters dropped), so that `?utm_…` is the same page.
      const search = name
        ? this.ssr.canonicalSearch(pathOf(url), url.includes('?') ? url.slice(url.indexOf('?')) : '')
        : null;
      const urls = search === null ? null : this.ssr.ssrRequests(pathOf(url), search);
      const lang = langOf(langCookie);
      const template = urls && this.template(`${name}.${lang}.ssr.html`);
      if (!urls || !template || search === null) return null;
      const bodies = await Promise.all(urls.map((u) => this.ask(u, cookie)));
      if (bodies.some((b) => b === null)) return null;
      const key = createHash('sha256')
        .update(JSON.stringify([pathOf(url), search, lang, bodies]))
        .digest('base64url');
      // No await from here on: requests drawing the same page at once find it kept by the first.
      const kept = this.drawn.get(key) ?? this.drawPage(pathOf(url), search, lang, urls, bodies as string[], template);
      this.drawn.set(key, kept);
      kept[encoding] ??= compressBody(encoding as 'br' | 'gzip', kept.identity as Buffer);
      return { body: kept[encoding], etag: `"${key.slice(0, 27)}"` };
    } catch (err) {
      this.app.log.error({ err, url }, 'first screen: drawing the page failed, the static one is sent');
      return null;
    }
  }

  private drawPage(pathname: string, search: string, lang: Lang, urls: string[], bodies: string[], template: string) {
    const answers = Object.fromEntries(urls.map((u, i) => [u, JSON.parse(bodies[i])]));
    const markup = this.ssr.renderFirstScreen(pathname, search, lang, answers);
    const sent = urls.map((u, i) => sentAnswer(u, bodies[i])).join('');
    return { identity: Buffer.from(fillTemplate(template, markup, sent)) } as Partial<Record<Encoding, Buffer>>;
  }

  /** A GET of the API through the app, as the caller (their cookie); the JSON body, or null unless 200. */
  private async ask(url: string, cookie: string | undefined): Promise<string | null> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'identity', ...(cookie ? { cookie } : {}) },
    });
    if (res.statusCode === 200) return res.body;
    this.app.log.warn({ url, status: res.statusCode }, 'first screen: an answer failed, the static one is sent');
    return null;
  }

  private template(file: string): string | null {
    if (!this.templates.has(file)) {
      const full = path.join(this.webDist, 'first-screens', file);
      const text = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
      this.templates.set(file, text.includes(SSR_MARK) ? text : '');
    }
    return this.templates.get(file) || null;
  }
}

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

/** The built server-side module beside the web app's folder (`dist-ssr/ssr.js`), or null when the build has none. */
export async function loadSsr(webDist: string): Promise<SsrModule | null> {
  const file = path.join(webDist, '..', 'dist-ssr', 'ssr.js');
  return fs.existsSync(file) ? ((await import(pathToFileURL(file).href)) as SsrModule) : null;
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

/** JSON inside `<script type="application/json">`: no `<` can end the element early (valid JSON either way). */
const scriptJson = (body: string) => body.replace(/</g, '\\u003c');
const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

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
   * The page at `url`, drawn with its data in the cookie's language and encoded in `encoding` (the request's pick), or
   * null (not drawn: send the static file).
   */
  async draw(
    url: string,
    langCookie: string | undefined,
    cookie: string | undefined,
    encoding: Encoding,
  ): Promise<Buffer | null> {
    const name = this.screens.get(pathOf(url));
    const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const urls = name ? this.ssr.ssrRequests(pathOf(url), search) : null;
    if (!name || !urls) return null;
    const lang = langOf(langCookie);
    const template = this.template(`${name}.${lang}.ssr.html`);
    if (!template) return null;
    try {
      const bodies = await Promise.all(urls.map((u) => this.ask(u, cookie)));
      if (bodies.some((b) => b === null)) return null;
      const key = createHash('sha256')
        .update(JSON.stringify([url, lang, bodies]))
        .digest('base64url');
      const kept = this.drawn.get(key) ?? this.drawPage(url, search, lang, urls, bodies as string[], template);
      this.drawn.set(key, kept);
      kept[encoding] ??= compressBody(encoding as 'br' | 'gzip', kept.identity as Buffer);
      return kept[encoding];
    } catch (err) {
      this.app.log.error({ err, url }, 'first screen: drawing the page failed, the static one is sent');
      return null;
    }
  }

  private drawPage(url: string, search: string, lang: Lang, urls: string[], bodies: string[], template: string) {
    const answers = Object.fromEntries(urls.map((u, i) => [u, JSON.parse(bodies[i])]));
    const markup = this.ssr.renderFirstScreen(pathOf(url), search, lang, answers);
    const sent = urls
      .map(
        (u, i) => `<script type="application/json" data-rl-answer="${attribute(u)}">${scriptJson(bodies[i])}</script>`,
      )
      .join('');
    const page = template.replace(SSR_MARK, markup).replace('</body>', `${sent}</body>`);
    return { identity: Buffer.from(page) } as Partial<Record<Encoding, Buffer>>;
  }

  /** A GET of the API through the app, as the caller (their cookie); the JSON body, or null unless 200. */
  private async ask(url: string, cookie: string | undefined): Promise<string | null> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'identity', ...(cookie ? { cookie } : {}) },
    });
    return res.statusCode === 200 ? res.body : null;
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

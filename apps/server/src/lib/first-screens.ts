import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { compressBody } from './transport';

type Lang = 'vi' | 'en';
export type Encoding = 'br' | 'gzip' | 'identity';

/** The web app's server-side module (apps/web/src/app/ssr.tsx, built into apps/web/dist-ssr/ssr.js). */
export interface SsrModule {
  /** Where the drawing goes in a page's template (apps/web/scripts/first-screens.ts writes the templates). */
  SSR_MARK: string;
  ssrPlan(pathname: string, search: string): { search: string; urls: string[] } | null;
  renderFirstScreen(pathname: string, search: string, lang: Lang, answers: Record<string, unknown>): string;
}

/** A drawn page: its ETag (what it was drawn from), its size, and its body in an encoding (compressed once, kept). */
export interface DrawnPage {
  etag: string;
  size: number;
  body(encoding: Encoding): Buffer;
}

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

/**
 * The template with the drawing in place of its `mark` and the answers before `</body>`, taken literally (no `$`
 * patterns).
 */
export function fillTemplate(template: string, mark: string, markup: string, sent: string): string {
  return template.replace(mark, () => markup).replace('</body>', () => `${sent}</body>`);
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
  private readonly drawn = new LRUCache<string, DrawnPage>({ max: 64 });

  constructor(
    private readonly app: FastifyInstance,
    private readonly webDist: string,
    private readonly screens: Map<string, string>,
    private readonly ssr: SsrModule,
  ) {}

  /** The page at `url`, drawn with its data in the cookie's language, or null (not drawn: send the static file). */
  async draw(url: string, langCookie: string | undefined, cookie: string | undefined): Promise<DrawnPage | null> {
    try {
      const pathname = pathOf(url);
      const name = this.screens.get(pathname);
      const plan = name ? this.ssr.ssrPlan(pathname, url.includes('?') ? url.slice(url.indexOf('?')) : '') : null;
      const lang = langOf(langCookie);
      const template = plan && this.template(`${name}.${lang}.ssr.html`);
      if (!plan || !template) return null;
      const bodies = await Promise.all(plan.urls.map((u) => this.ask(u, cookie)));
      if (bodies.some((b) => b === null)) return null;
      const key = createHash('sha256')
        .update(JSON.stringify([pathname, plan.search, lang, bodies]))
        .digest('base64url');
      // No await from here on: requests drawing the same page at once find it kept by the first.
      const page = this.drawn.get(key) ?? this.drawPage(key, pathname, plan, lang, bodies as string[], template);
      this.drawn.set(key, page);
      return page;
    } catch (err) {
      this.app.log.error({ err, url }, 'first screen: drawing the page failed, the static one is sent');
      return null;
    }
  }

  private drawPage(
    key: string,
    pathname: string,
    plan: { search: string; urls: string[] },
    lang: Lang,
    bodies: string[],
    template: string,
  ): DrawnPage {
    const answers = Object.fromEntries(plan.urls.map((u, i) => [u, JSON.parse(bodies[i])]));
    const markup = this.ssr.renderFirstScreen(pathname, plan.search, lang, answers);
    const sent = plan.urls.map((u, i) => sentAnswer(u, bodies[i])).join('');
    const forms: Partial<Record<Encoding, Buffer>> = {
      identity: Buffer.from(fillTemplate(template, this.ssr.SSR_MARK, markup, sent)),
    };
    return {
      etag: `"${key.slice(0, 27)}"`,
      size: (forms.identity as Buffer).length,
      body: (encoding) => {
        forms[encoding] ??= compressBody(encoding as 'br' | 'gzip', forms.identity as Buffer);
        return forms[encoding];
      },
    };
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
      this.templates.set(file, text.includes(this.ssr.SSR_MARK) ? text : '');
    }
    return this.templates.get(file) || null;
  }
}

// After `vite build`: write, for each page of FIRST_SCREENS and each language, index.html with the page's first
// screen inside <div id="root"> and the page's chunk (from Vite's manifest) in <meta name="rl-page">, plus
// first-screens/pages.json, which the server reads to answer these addresses (apps/server/src/lib/first-screens.ts).
// A page the server draws with its data (src/app/ssr.tsx) also gets a template, `<page>.<lang>.ssr.html`, with a mark
// where the drawing goes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FIRST_SCREENS, FirstScreen } from '../src/app/first-screen';
import { DICT, type Lang } from '../src/app/i18n';
import { SSR_MARK, ssrPlan } from '../src/app/ssr';

type Manifest = Record<string, { file: string }>;

/**
 * `html` with the address of the page's own chunk in `<meta name="rl-page">`. The entry imports it, beside the
 * application, once the first screen is painted (src/main.tsx), so that the page's code does not wait for the router.
 * As `<link rel="modulepreload">` in the head, the page's and the application's chunks downloaded beside the
 * stylesheet and fonts, over the same few connections, and delayed that first paint.
 */
function withPageChunk(html: string, manifest: Manifest, module: string): string {
  if (!manifest[module]) throw new Error(`first-screens: ${module} is not in Vite's manifest`);
  const meta = `<meta name="rl-page" content="/${manifest[module].file}">`;
  const out = html.replace('</head>', `${meta}</head>`);
  if (!out.includes(meta)) throw new Error('first-screens: index.html has no </head>');
  return out;
}

/** index.html in a language with the page's first screen (or `body`) and its chunk named. */
function pageHtml(
  shell: string,
  manifest: Manifest,
  screen: (typeof FIRST_SCREENS)[number],
  lang: Lang,
  body = renderToStaticMarkup(createElement(FirstScreen, { ...screen, lang })),
): string {
  const html = withPageChunk(shell, manifest, screen.module)
    .replace('<html lang="vi"', `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${DICT.appName[lang]} — ${DICT.appTitle[lang]}</title>`)
    .replace('<div id="root"></div>', `<div id="root">${body}</div>`);
  if (!html.includes(body)) throw new Error('first-screens: index.html has no empty <div id="root">');
  return html;
}

/** Writes dist/first-screens/<page>.<lang>.html and pages.json (address → page) from index.html and the manifest. */
export function writeFirstScreens(dist: string): string[] {
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  fs.mkdirSync(path.join(dist, 'first-screens'), { recursive: true });
  const pages: Record<string, string> = {};
  for (const screen of FIRST_SCREENS) {
    const drawn = ssrPlan(screen.path, '') !== null;
    for (const lang of ['vi', 'en'] as const) {
      const file = (suffix: string) => path.join(dist, 'first-screens', `${screen.name}.${lang}${suffix}`);
      fs.writeFileSync(file('.html'), pageHtml(shell, manifest, screen, lang));
      if (drawn) fs.writeFileSync(file('.ssr.html'), pageHtml(shell, manifest, screen, lang, SSR_MARK));
    }
    pages[screen.path] = screen.name;
  }
  fs.writeFileSync(path.join(dist, 'first-screens/pages.json'), `${JSON.stringify(pages, null, 2)}\n`);
  return Object.keys(pages);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  console.log(`[regionlink] first screens: ${writeFirstScreens(dist).join(', ')}`);
}

// After `vite build`: write, for each page of FIRST_SCREENS and each language, index.html with the page's first
// screen inside <div id="root"> and the page's chunks (from Vite's manifest) in <meta name="rl-modules">, plus
// first-screens/pages.json, which the server reads to answer these addresses (apps/server/src/lib/first-screens.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FIRST_SCREENS, FirstScreen } from '../src/app/first-screen';
import { DICT, type Lang } from '../src/app/i18n';

type Chunk = { file: string; imports?: string[]; isEntry?: boolean };
type Manifest = Record<string, Chunk>;

/** A module's chunk and those it imports statically, as manifest keys. */
function chunksOf(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (!manifest[key] || seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key].imports ?? []) chunksOf(manifest, i, seen);
  return seen;
}

/** The application's module (imported by the entry once the first screen is painted: src/main.tsx). */
const APP_MODULE = 'src/app/start.tsx';

/** The chunks of `modules` that the entry does not load statically, as addresses, each once, in order. */
function moduleChunks(manifest: Manifest, modules: string[]): string[] {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const loaded = entry ? chunksOf(manifest, entry) : new Set<string>();
  const keys = new Set<string>();
  for (const module of modules) {
    if (!manifest[module]) throw new Error(`first-screens: ${module} is not in Vite's manifest`);
    for (const k of chunksOf(manifest, module)) if (!loaded.has(k)) keys.add(k);
  }
  return [...keys].map((k) => `/${manifest[k].file}`);
}

/**
 * `html` with the chunks of `modules` announced in `<meta name="rl-modules">`, which the entry turns into
 * modulepreload links once the first screen is painted (src/main.tsx). As `<link rel="modulepreload">` in the head
 * they downloaded beside the stylesheet and fonts, over the same few connections, and delayed that first paint.
 */
function withModules(html: string, manifest: Manifest, modules: string[]): string {
  const meta = `<meta name="rl-page" content="/${manifest[modules.at(-1)!].file}">`;
  const out = html.replace(/<meta name="rl-page"[^>]*>/, '').replace('</head>', `${meta}</head>`);
  if (!out.includes(meta)) throw new Error('first-screens: index.html has no </head>');
  return out;
}

/** index.html in a language with the page's first screen and the page's chunks announced. */
function pageHtml(shell: string, manifest: Manifest, screen: (typeof FIRST_SCREENS)[number], lang: Lang): string {
  const body = renderToStaticMarkup(createElement(FirstScreen, { ...screen, lang }));
  const html = withModules(shell, manifest, [APP_MODULE, screen.module])
    .replace('<html lang="vi"', `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${DICT.appName[lang]} — ${DICT.appTitle[lang]}</title>`)
    .replace('<div id="root"></div>', `<div id="root">${body}</div>`);
  if (!html.includes(body)) throw new Error('first-screens: index.html has no empty <div id="root">');
  return html;
}

/**
 * Announces in dist/index.html the application's chunks (the entry imports them only after the first paint, so Vite
 * does not list them), then writes dist/first-screens/<page>.<lang>.html and pages.json (address → page) from it and
 * the manifest.
 */
export function writeFirstScreens(dist: string): string[] {
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dist, 'index.html'), shell);
  fs.mkdirSync(path.join(dist, 'first-screens'), { recursive: true });
  const pages: Record<string, string> = {};
  for (const screen of FIRST_SCREENS) {
    for (const lang of ['vi', 'en'] as const)
      fs.writeFileSync(
        path.join(dist, 'first-screens', `${screen.name}.${lang}.html`),
        pageHtml(shell, manifest, screen, lang),
      );
    pages[screen.path] = screen.name;
  }
  fs.writeFileSync(path.join(dist, 'first-screens/pages.json'), `${JSON.stringify(pages, null, 2)}\n`);
  return Object.keys(pages);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  console.log(`[regionlink] first screens: ${writeFirstScreens(dist).join(', ')}`);
}

import fs from 'node:fs';
import path from 'node:path';

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
 * The file (under the web app's folder) to answer a page address with: its first screen in the language of the
 * `rl.lang` cookie (which the web app writes beside its own setting; Vietnamese by default), else index.html.
 */
export function pageFile(screens: Map<string, string>, url: string, langCookie: string | undefined): string {
  const name = screens.get(url.split('?')[0].replace(/(.)\/+$/, '$1'));
  if (!name) return 'index.html';
  return `first-screens/${name}.${langCookie === 'en' ? 'en' : 'vi'}.html`;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The pages the web router knows, read from its source so that a page added to `apps/web/src/app/router.tsx` (or to a
 * feature's `routes.tsx` it mounts) is scanned without editing the tests. A route object is `{ path: '…' }` or
 * `{ index: true }`; a feature's routes file holds one parent path whose children follow it.
 */
const WEB = path.resolve(import.meta.dirname, '../../apps/web/src');

const pathsIn = (source: string) => [...source.matchAll(/\bpath:\s*'([^']*)'|\bindex:\s*true/g)];

/** Paths of a feature routes file: its first path is the parent; later paths (and `index`) are its children. */
function featureRoutes(file: string): string[] {
  const found = pathsIn(readFileSync(file, 'utf8'));
  const parent = found[0]?.[1];
  if (parent === undefined) throw new Error(`no parent path in ${file}`);
  return found.slice(1).map((m) => (m[1] === undefined ? parent : `${parent}/${m[1]}`));
}

export function routerPaths(): string[] {
  const source = readFileSync(path.join(WEB, 'app/router.tsx'), 'utf8');
  // one level of children (the shell's); a nested route in router.tsx needs this reader taught its prefix
  if ((source.match(/\bchildren:/g) ?? []).length !== 1)
    throw new Error('router.tsx nests routes: extend e2e/support/routes.ts');
  const out: string[] = [];
  for (const m of pathsIn(source)) {
    if (m[1] === undefined) out.push('');
    else if (m[1] !== '/' && m[1] !== '*') out.push(m[1]);
  }
  // feature route objects mounted by name, e.g. `reportingRoutes,` imported from '../features/reporting/routes'
  for (const imp of source.matchAll(/import\s*\{\s*(\w+Routes)\s*\}\s*from\s*'([^']+)'/g)) {
    if (!new RegExp(`^\\s*${imp[1]},?\\s*$`, 'm').test(source)) continue;
    out.push(...featureRoutes(`${path.join(WEB, 'app', imp[2])}.tsx`));
  }
  return [...new Set(out)].map((p) => `/${p}`);
}

/** `/provinces/:code` → a regular expression matching a concrete path of that route. */
export const routePattern = (route: string) =>
  new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/?#]+')}$`);

export const isParameterised = (route: string) => route.includes(':');

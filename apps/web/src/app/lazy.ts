import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/**
 * A route whose page is loaded when it is first opened, so that the first visit downloads only the shell and the
 * page it asks for (the editors, charts and maps of other sections stay in their own files until needed).
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject['lazy'] {
  return async () => ({ Component: pick(await load()) });
}

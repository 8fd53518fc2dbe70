// The application: React, the router and the theme. Loaded by main.tsx.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { I18nProvider, initialLang } from './i18n';
import { fillFirstPage } from './prefetch';
import { createAppRouter } from './router';
import { theme } from './theme';

type AppRouter = ReturnType<typeof createAppRouter>;

/** Resolves once the router has loaded the first page's code (its `lazy` route). */
function whenRouterReady(router: AppRouter): Promise<void> {
  return new Promise((resolve) => {
    if (router.state.initialized) return resolve();
    const stop = router.subscribe((state) => {
      if (!state.initialized) return;
      stop();
      resolve();
    });
  });
}

/** A new task: the browser may paint and answer taps between the steps of the start. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Starts the application in steps, each a task of its own rather than one long task a tap would wait behind: the
 * router (which starts loading the page's code), then React, once the page's code and its first answers are there
 * (the entry asked for them: lib/early.ts; app/prefetch.ts puts them in the query cache). The server may have sent
 * the page's first screen inside #root (apps/web/scripts/first-screens.ts): it stays until then, so that React draws
 * the page at once rather than a loader in its place. The first render is a transition: React works in slices and
 * lets the browser answer taps meanwhile.
 */
export async function start() {
  const router = createAppRouter();
  await nextTask();
  const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });
  await Promise.all([whenRouterReady(router), fillFirstPage(queryClient, window.location, initialLang(), 3000)]);
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <MantineProvider theme={theme}>
          <QueryClientProvider client={queryClient}>
            <I18nProvider>
              <RouterProvider router={router} />
            </I18nProvider>
          </QueryClientProvider>
        </MantineProvider>
      </StrictMode>,
    ),
  );
}

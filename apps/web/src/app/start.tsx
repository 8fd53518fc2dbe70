// The application: React, the router, the theme and the first page's requests. Loaded by main.tsx.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { I18nProvider, initialLang } from './i18n';
import { prefetchFirstPage } from './prefetch';
import { router } from './router';
import { theme } from './theme';

/** Resolves once the router has loaded the first page's code (its `lazy` route). */
function whenRouterReady(): Promise<void> {
  return new Promise((resolve) => {
    if (router.state.initialized) return resolve();
    const stop = router.subscribe((state) => {
      if (!state.initialized) return;
      stop();
      resolve();
    });
  });
}

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });
prefetchFirstPage(queryClient, window.location, initialLang());

// The server may have sent the page's first screen inside #root (apps/web/scripts/first-screens.ts): keep it until the
// page's code has arrived, so that React draws the page at once rather than a loader in its place. The first render
// is a transition: React works in slices and lets the browser answer taps meanwhile (one long task otherwise).
export function start() {
  whenRouterReady().then(() => {
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
  });
}

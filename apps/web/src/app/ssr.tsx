// The pages the server draws whole, with their data, as their first screen. Built apart from the browser's code
// (`vite build --ssr`, into apps/web/dist-ssr) and loaded by the server (apps/server/src/lib/first-screens.ts).
import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { multiDataQuery } from '../features/analytics/api';
import { NationalPage } from '../features/analytics/NationalPage';
import { multiDataUrl, PROFILE_INDICATORS } from '../features/analytics/urls';
import { atOf } from '../features/geo/urls';
import { FirstScreen } from './first-screen';
import { I18nProvider, type Lang } from './i18n';

/** An API answer the page needs at its first render: its address and the query it fills. */
interface Answer {
  url: string;
  key: QueryKey;
}

/**
 * The national dashboard, with the nation's key figures: on a phone they fill the screen, and the largest of them
 * was painted 4–5 s after the heading (Lighthouse's LCP), once the application had loaded and rendered. Its other
 * answers (regions, shares, units) are asked by the browser as before (app/first-requests.ts): sent inside the page
 * they would delay its first paint, and they draw below the key figures on a phone.
 */
const PAGES: Record<string, { params: string[]; answers: (search: URLSearchParams) => Answer[]; Page: ComponentType }> =
  {
    '/analytics': {
      params: ['at', 'indicator'],
      answers: (search) => {
        const at = atOf(search);
        return [
          {
            url: multiDataUrl(PROFILE_INDICATORS, 'national', at),
            key: multiDataQuery(PROFILE_INDICATORS, 'national', at).queryKey,
          },
        ];
      },
      Page: NationalPage,
    },
  };

/** Where the server puts a drawn page in its template, `<page>.<lang>.ssr.html` (apps/web/scripts/first-screens.ts). */
export const SSR_MARK = '<!--rl-ssr-->';

/**
 * How the server draws the page at `pathname` (no trailing slash) for an address query `search`, or null: not drawn.
 * `search` is the query as the page reads it (`?` and its own parameters, in order; '' for none): the server keeps a
 * drawn page by it, so that other parameters (`?utm_…`) do not make another. `urls` are the API answers it needs.
 */
export function ssrPlan(pathname: string, search: string): { search: string; urls: string[] } | null {
  const page = PAGES[pathname];
  if (!page) return null;
  const given = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of page.params) {
    const value = given.get(name);
    if (value !== null) kept.set(name, value);
  }
  return { search: kept.size ? `?${kept}` : '', urls: page.answers(kept).map((a) => a.url) };
}

/**
 * The page's markup inside `#root`, drawn in `lang` with `answers` (address → JSON, one for each of the plan's urls).
 * Not hydrated: the application renders afresh and replaces it, with the same answers (lib/early.ts), so it draws
 * the same figures in the same places.
 */
export function renderFirstScreen(
  pathname: string,
  search: string,
  lang: Lang,
  answers: Record<string, unknown>,
): string {
  const page = PAGES[pathname];
  if (!page) throw new Error(`ssr: no page at ${pathname}`);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  for (const { url, key } of page.answers(new URLSearchParams(search))) {
    if (!(url in answers)) throw new Error(`ssr: no answer for ${url}`);
    client.setQueryData(key, answers[url]);
  }
  return renderToString(
    <QueryClientProvider client={client}>
      <I18nProvider lang={lang}>
        <MemoryRouter initialEntries={[`${pathname}${search}`]}>
          <FirstScreen lang={lang}>
            <page.Page />
          </FirstScreen>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

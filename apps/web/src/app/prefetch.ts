import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../features/access/api';
import { analyticsQuery, multiDataQuery } from '../features/analytics/api';
import { PROFILE_INDICATORS } from '../features/analytics/model';
import { boundariesQuery, regionsQuery, unitsQuery } from '../features/geo/api';
import { atOf } from '../features/geo/urls';
import { dataQuery, explorerDataParams, groupingsQuery, indicatorsQuery } from '../features/statistics/api';
import type { Lang } from './i18n';

type Prefetch = (client: QueryClient, search: URLSearchParams, lang: Lang) => Promise<unknown>[];

/**
 * The queries of the pages a first visit opens most (the map, the data explorer and the national dashboard), with the
 * options their pages use. Their answers were asked for by the entry (app/first-requests.ts, the same addresses).
 */
const FIRST_QUERIES: Record<string, Prefetch> = {
  '/': (client, search) => {
    const at = atOf(search);
    return [
      client.prefetchQuery(unitsQuery(at)),
      client.prefetchQuery(regionsQuery(at)),
      client.prefetchQuery(boundariesQuery(at)),
    ];
  },
  '/data': (client, search) => {
    const at = atOf(search);
    const params = explorerDataParams(search);
    return [
      client.prefetchQuery(indicatorsQuery()),
      ...(params ? [client.prefetchQuery(dataQuery(params))] : []),
      client.prefetchQuery(groupingsQuery(at)),
      client.prefetchQuery(boundariesQuery(at)),
    ];
  },
  '/analytics': (client, search, lang) => {
    const at = atOf(search);
    return [
      client.prefetchQuery(multiDataQuery(PROFILE_INDICATORS, 'national', at)),
      client.prefetchQuery(multiDataQuery([search.get('indicator') ?? 'grdp_per_capita'], 'region', at)),
      client.prefetchQuery(analyticsQuery('shares', { type: 'region', at, lang })),
      client.prefetchQuery(groupingsQuery(at)),
      client.prefetchQuery(unitsQuery(at)),
      client.prefetchQuery(boundariesQuery(at)),
    ];
  },
};

/**
 * Puts the first page's answers in the query cache, waiting for them at most `waitMs`: React's first render then has
 * the page's data. An answer arriving after that render is a blocking update of React Query's store, which React
 * renders in one long task (on the dashboard, ~680 ms at Lighthouse's 4× slowdown; the grapher's boundaries, 28 KB,
 * arriving late re-rendered the whole dashboard and drew the map in a 344 ms task); the first render is a transition,
 * rendered in slices.
 */
export async function fillFirstPage(
  client: QueryClient,
  location: Pick<Location, 'pathname' | 'search'>,
  lang: Lang,
  waitMs: number,
) {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const answers = [
    client.prefetchQuery(meQuery()),
    ...(FIRST_QUERIES[path]?.(client, new URLSearchParams(location.search), lang) ?? []),
  ];
  await Promise.race([Promise.allSettled(answers), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

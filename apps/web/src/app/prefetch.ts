import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../features/access/api';
import { analyticsQuery, multiDataQuery } from '../features/analytics/api';
import { PROFILE_INDICATORS } from '../features/analytics/model';
import { boundariesQuery, DATE_34, DATE_63, regionsQuery, unitsQuery } from '../features/geo/api';
import { dataQuery, explorerDataParams, groupingsQuery, indicatorsQuery } from '../features/statistics/api';
import type { Lang } from './i18n';

type Prefetch = (client: QueryClient, search: URLSearchParams, lang: Lang) => void;
const atOf = (search: URLSearchParams) => (search.get('at') === DATE_63 ? DATE_63 : DATE_34);

/**
 * The API requests of the pages a first visit opens most, with the query options their pages use: the map, the
 * data explorer and the national dashboard. Started here, they run while the page's own code is still downloading.
 */
const FIRST_REQUESTS: Record<string, Prefetch> = {
  '/': (client, search) => {
    const at = atOf(search);
    void client.prefetchQuery(unitsQuery(at));
    void client.prefetchQuery(regionsQuery(at));
    void client.prefetchQuery(boundariesQuery(at));
  },
  '/data': (client, search) => {
    const at = atOf(search);
    const params = explorerDataParams(search);
    void client.prefetchQuery(indicatorsQuery());
    if (params) void client.prefetchQuery(dataQuery(params));
    void client.prefetchQuery(groupingsQuery(at));
    void client.prefetchQuery(boundariesQuery(at));
  },
  '/analytics': (client, search, lang) => {
    const at = atOf(search);
    void client.prefetchQuery(multiDataQuery(PROFILE_INDICATORS, 'national', at));
    void client.prefetchQuery(multiDataQuery([search.get('indicator') ?? 'grdp_per_capita'], 'region', at));
    void client.prefetchQuery(analyticsQuery('shares', { type: 'region', at, lang }));
    void client.prefetchQuery(groupingsQuery(at));
    void client.prefetchQuery(unitsQuery(at));
  },
};

/**
 * Start the first page's API requests (and the signed-in user, which the header needs) before React renders: the
 * page then finds them in flight in the query cache instead of asking after its code has arrived.
 */
export function prefetchFirstPage(client: QueryClient, location: Pick<Location, 'pathname' | 'search'>, lang: Lang) {
  void client.prefetchQuery(meQuery());
  const path = location.pathname.replace(/\/+$/, '') || '/';
  FIRST_REQUESTS[path]?.(client, new URLSearchParams(location.search), lang);
}

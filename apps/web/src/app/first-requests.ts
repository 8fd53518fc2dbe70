import { ME_URL } from '../features/access/urls';
import { analyticsQs, multiDataUrl, PROFILE_INDICATORS } from '../features/analytics/urls';
import { atOf, boundariesUrl, groupingsUrl, regionsUrl, unitsUrl } from '../features/geo/urls';
import { dataUrl, explorerDataParams, indicatorsUrl } from '../features/statistics/urls';
import type { Lang } from './lang';

/**
 * The API requests of the pages a first visit opens most (the map, the data explorer and the national dashboard),
 * made from the same address functions as the pages' own queries: the entry asks them as soon as the first screen is
 * painted (lib/early.ts), and each page finds its answers arrived or on their way when its code has loaded.
 */
const FIRST_REQUESTS: Record<string, (search: URLSearchParams, lang: Lang) => string[]> = {
  '/': (search) => {
    const at = atOf(search);
    return [unitsUrl(at), regionsUrl(at), boundariesUrl(at)];
  },
  '/data': (search) => {
    const at = atOf(search);
    const params = explorerDataParams(search);
    return [indicatorsUrl, ...(params ? [dataUrl(params)] : []), groupingsUrl(at), boundariesUrl(at)];
  },
  '/analytics': (search, lang) => {
    const at = atOf(search);
    return [
      multiDataUrl(PROFILE_INDICATORS, 'national', at),
      multiDataUrl([search.get('indicator') ?? 'grdp_per_capita'], 'region', at),
      `/api/v1/analytics/shares?${analyticsQs({ type: 'region', at, lang })}`,
      groupingsUrl(at),
      unitsUrl(at),
      boundariesUrl(at),
    ];
  },
};

/** The signed-in user (the header needs it on every page) and the first page's requests. */
export function firstRequests(location: Pick<Location, 'pathname' | 'search'>, lang: Lang): string[] {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  return [ME_URL, ...(FIRST_REQUESTS[path]?.(new URLSearchParams(location.search), lang) ?? [])];
}

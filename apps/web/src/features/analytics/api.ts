import type { DataResponse } from '@regionlink/shared';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, apiFetch } from '../../lib/api';

import { analyticsQs, multiDataQs, multiDataUrl } from './urls';

export { DATE_34, DATE_63 } from '../geo/urls';

const noRetryOn4xx = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 1;

/** `GET /api/v1/data` for several indicators at one level (every period): query options. */
export function multiDataQuery(
  indicators: readonly string[],
  level: 'province' | 'region' | 'national',
  at: string,
  extra: Record<string, string> = {},
) {
  const qs = multiDataQs(indicators, level, at, extra);
  return queryOptions({
    queryKey: ['analytics', 'data', qs],
    queryFn: () => apiFetch<DataResponse>(multiDataUrl(indicators, level, at, extra)),
    staleTime: 5 * 60_000,
    retry: noRetryOn4xx,
  });
}

/** `GET /api/v1/data` for several indicators at one level (every period), cached for the session. */
export function useMultiData(
  indicators: readonly string[],
  level: 'province' | 'region' | 'national',
  at: string,
  extra: Record<string, string> = {},
  enabled = true,
) {
  return useQuery({ ...multiDataQuery(indicators, level, at, extra), enabled: enabled && indicators.length > 0 });
}

/** An analytics GET endpoint (`/api/v1/analytics/<path>?…`) as query options. */
export function analyticsQuery<T>(path: string, params: Record<string, string | undefined> | null) {
  const qs = analyticsQs(params);
  return queryOptions({
    queryKey: ['analytics', path, qs],
    queryFn: () => apiFetch<T>(`/api/v1/analytics/${path}?${qs}`),
    staleTime: 5 * 60_000,
    retry: noRetryOn4xx,
  });
}

/** An analytics GET endpoint (`/api/v1/analytics/<path>?…`); disabled while `params` is null. */
export function useAnalytics<T>(path: string, params: Record<string, string | undefined> | null) {
  return useQuery({ ...analyticsQuery<T>(path, params), enabled: params !== null });
}

/**
 * The key figures of one unit without fetching every unit's whole history: the unit's own rows for every period
 * (trend), then, for each period that is some indicator's latest, the rows of every unit of the level in that period
 * (ranks). Returns one merged `DataResponse` for `keyFigures` (null while the unit's rows load; without the other
 * units' rows, so without ranks, until `ranksReady`).
 */
export function useProfileData(
  indicators: readonly string[],
  level: 'province' | 'region' | 'national',
  at: string,
  code: string | null,
  withRanks = true,
): { data: DataResponse | null; ranksReady: boolean; error: unknown } {
  const own = useMultiData(indicators, level, at, code ? { unit: code } : {}, code !== null);
  const latest = new Map<string, string[]>();
  if (own.data) {
    for (const ind of own.data.indicators) {
      const last = own.data.rows
        .filter((r) => r.indicator === ind.code && r.value !== null)
        .sort((a, b) => Number(b.period) - Number(a.period))[0];
      if (!last) continue;
      const key = String(last.period);
      latest.set(key, [...(latest.get(key) ?? []), ind.code]);
    }
  }
  const groups = withRanks ? [...latest.entries()].sort() : [];
  const ranks = useQueries({
    queries: groups.map(([period, codes]) => {
      const qs = new URLSearchParams({ indicator: codes.join(','), level, at, period });
      return {
        queryKey: ['analytics', 'data', qs.toString()],
        queryFn: () => apiFetch<DataResponse>(`/api/v1/data?${qs}`),
        staleTime: 5 * 60_000,
        retry: noRetryOn4xx,
      };
    }),
  });
  const rankData = ranks.map((r) => r.data);
  // The unit's own figures are shown as soon as they arrive; the ranks follow when every rank request is in.
  const ranksReady = !!own.data && rankData.every((d) => d);
  const ready = !!own.data;
  // Rebuilt only when one of the underlying responses changes (their update times form the key).
  const key = `${ready}|${ranksReady}|${code}|${own.dataUpdatedAt}|${ranks.map((r) => r.dataUpdatedAt).join(',')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for own.data and rankData
  const data = useMemo(() => {
    if (!ready || !own.data) return null;
    const rows = [...own.data.rows];
    const datasets = new Map(own.data.datasets.map((d) => [d.code, d]));
    for (const d of ranksReady ? rankData : []) {
      if (!d) continue;
      for (const r of d.rows) if (r.unitCode !== code) rows.push(r);
      for (const ds of d.datasets) datasets.set(ds.code, ds);
    }
    return { ...own.data, rows, datasets: [...datasets.values()] };
  }, [key]);
  return { data, ranksReady, error: own.error ?? ranks.find((r) => r.error)?.error ?? null };
}

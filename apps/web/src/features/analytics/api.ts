import type { DataResponse } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';

export const DATE_34 = '2025-07-01';
export const DATE_63 = '2025-06-30';

const noRetryOn4xx = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 1;

/** `GET /api/v1/data` for several indicators at one level (every period), cached for the session. */
export function useMultiData(
  indicators: readonly string[],
  level: 'province' | 'region' | 'national',
  at: string,
  extra: Record<string, string> = {},
  enabled = true,
) {
  const qs = new URLSearchParams({ indicator: indicators.join(','), level, at, ...extra });
  return useQuery({
    queryKey: ['analytics', 'data', qs.toString()],
    queryFn: () => apiFetch<DataResponse>(`/api/v1/data?${qs}`),
    staleTime: 5 * 60_000,
    enabled: enabled && indicators.length > 0,
    retry: noRetryOn4xx,
  });
}

/** An analytics GET endpoint (`/api/v1/analytics/<path>?…`); disabled while `params` is null. */
export function useAnalytics<T>(path: string, params: Record<string, string | undefined> | null) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  return useQuery({
    queryKey: ['analytics', path, qs.toString()],
    queryFn: () => apiFetch<T>(`/api/v1/analytics/${path}?${qs}`),
    enabled: params !== null,
    staleTime: 5 * 60_000,
    retry: noRetryOn4xx,
  });
}

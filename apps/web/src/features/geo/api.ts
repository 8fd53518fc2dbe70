import type { AdminUnitDetail, GroupingsResponse, UnitsResponse } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { apiFetch } from '../../lib/api';

export const DATE_34 = '2025-07-01';
export const DATE_63 = '2025-06-30';

export function useUnits(at: string, level: 'province' | 'commune' = 'province', parent?: string) {
  const qs = new URLSearchParams({ at, level, ...(parent ? { parent } : {}) });
  return useQuery({
    queryKey: ['geo', 'units', at, level, parent ?? null],
    queryFn: () => apiFetch<UnitsResponse>(`/api/v1/geo/units?${qs}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useUnit(code: string, at: string) {
  return useQuery({
    queryKey: ['geo', 'unit', code, at],
    queryFn: () => apiFetch<AdminUnitDetail>(`/api/v1/geo/units/${encodeURIComponent(code)}?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useRegions(at: string) {
  return useQuery({
    queryKey: ['geo', 'groupings', 'region', at],
    queryFn: () => apiFetch<GroupingsResponse>(`/api/v1/geo/groupings?type=region&at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Province boundaries in force on `at` (TopoJSON), cached for the session. Pages with figures of their own pass
 * `enabled` once those are in, so the 200 kB of boundaries does not compete with them on first load.
 */
export function useBoundaries(at: string, enabled = true) {
  return useQuery({
    queryKey: ['geo', 'boundaries', at],
    queryFn: () => apiFetch<Topology>(`/api/v1/geo/boundaries?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

import type { AdminUnitDetail, GroupingsResponse, UnitsResponse } from '@regionlink/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { apiFetch } from '../../lib/api';

import { boundariesUrl, regionsUrl, unitsUrl } from './urls';

export { DATE_34, DATE_63 } from './urls';

/** The units in force on `at` (query options). */
export function unitsQuery(at: string, level: 'province' | 'commune' = 'province', parent?: string) {
  return queryOptions({
    queryKey: ['geo', 'units', at, level, parent ?? null],
    queryFn: () => apiFetch<UnitsResponse>(unitsUrl(at, level, parent)),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useUnits(at: string, level: 'province' | 'commune' = 'province', parent?: string) {
  return useQuery(unitsQuery(at, level, parent));
}

export function useUnit(code: string, at: string) {
  return useQuery({
    queryKey: ['geo', 'unit', code, at],
    queryFn: () => apiFetch<AdminUnitDetail>(`/api/v1/geo/units/${encodeURIComponent(code)}?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export const regionsQuery = (at: string) =>
  queryOptions({
    queryKey: ['geo', 'groupings', 'region', at],
    queryFn: () => apiFetch<GroupingsResponse>(regionsUrl(at)),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useRegions(at: string) {
  return useQuery(regionsQuery(at));
}

/**
 * Province boundaries in force on `at` (TopoJSON), cached for the session. Maps of the whole country take the
 * simplified layer (`country`, 40 % of the bytes and of the drawing work); maps zoomed on a few provinces ask for
 * `full`.
 */
export const boundariesQuery = (at: string, detail: 'country' | 'full' = 'country') =>
  queryOptions({
    queryKey: ['geo', 'boundaries', at, detail],
    queryFn: () => apiFetch<Topology>(boundariesUrl(at, detail)),
    staleTime: Number.POSITIVE_INFINITY,
  });

/**
 * The boundaries as a hook. Pages with figures of their own pass `enabled` once those are in, so the boundaries do
 * not compete with them on first load.
 */
export function useBoundaries(at: string, enabled = true, detail: 'country' | 'full' = 'country') {
  return useQuery({ ...boundariesQuery(at, detail), enabled });
}

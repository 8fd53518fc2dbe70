import { useQuery } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { apiFetch } from '../../lib/api';

/** Province boundaries in force on `at` (TopoJSON from the geo API), cached for the session. */
export function useBoundaries(at: string) {
  return useQuery({
    queryKey: ['geo', 'boundaries', at],
    queryFn: () => apiFetch<Topology>(`/api/v1/geo/boundaries?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

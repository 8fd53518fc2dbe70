import type {
  Dismissal,
  DuplicatesMaterial,
  DuplicatesResponse,
  Me,
  Scorecard,
  ScorecardEdition,
  ScorecardRecords,
  ScorecardYears,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { ApiError, apiFetch } from '../../lib/api';
import { ME_URL } from '../access/urls';

/** Query hooks and writes of the monitoring feature, typed from the shared contract. */

export const DATE_34 = '2025-07-01';

/** The URL query of a scorecard view: year, weights (`code:w,…`), normalisation. */
export function scorecardQuery(year: number, weights: string | null, normalisation: string | null, live = false) {
  const p = new URLSearchParams({ year: String(year) });
  if (weights) p.set('weights', weights);
  if (normalisation && normalisation !== 'minmax') p.set('normalisation', normalisation);
  if (live) p.set('live', '1');
  return p.toString();
}

export function useScorecard(query: string, enabled = true) {
  return useQuery({
    queryKey: ['monitoring', 'scorecard', query],
    queryFn: () => apiFetch<Scorecard>(`/api/v1/monitoring/scorecard?${query}`),
    placeholderData: (prev) => prev,
    enabled,
  });
}

/**
 * The scorecard's year: the one in the URL, else the newest year with data (from the API); and the years offered,
 * newest first (the URL's included, so that the picker shows it).
 */
export function useScorecardYear(asked: string | null) {
  const q = useQuery({
    queryKey: ['monitoring', 'scorecard', 'years'],
    queryFn: () => apiFetch<ScorecardYears>('/api/v1/monitoring/scorecard/years'),
  });
  const year = asked ? Number(asked) : (q.data?.defaultYear ?? null);
  const years = [...new Set([...(q.data?.years ?? []), ...(year === null ? [] : [year])])].sort((a, b) => b - a);
  return { year, years: years.map(String), noData: q.data !== undefined && year === null, error: q.error };
}

/** Signed-in users only: null for the public. */
export function useRecords(code: string, year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['monitoring', 'records', code, year],
    queryFn: async () => {
      try {
        return await apiFetch<ScorecardRecords>(`/api/v1/monitoring/scorecard/${code}/records?year=${year}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    enabled,
  });
}

export function useBoundaries34() {
  return useQuery({
    queryKey: ['geo', 'boundaries', DATE_34],
    queryFn: () => apiFetch<Topology>(`/api/v1/geo/boundaries?at=${DATE_34}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDuplicates(region: string | null, withinKm: number | null) {
  const p = new URLSearchParams();
  if (region) p.set('region', region);
  if (withinKm) p.set('withinKm', String(withinKm));
  return useQuery({
    queryKey: ['monitoring', 'duplicates', region, withinKm],
    queryFn: () => apiFetch<DuplicatesResponse>(`/api/v1/monitoring/duplicates?${p}`),
    placeholderData: (prev) => prev,
  });
}

/** MoF users only: null for anyone else. */
export function useDuplicatesMaterial() {
  return useQuery({
    queryKey: ['monitoring', 'material'],
    queryFn: async () => {
      try {
        return await apiFetch<DuplicatesMaterial>('/api/v1/monitoring/duplicates/report-material');
      } catch (e) {
        if (e instanceof ApiError && [401, 403, 404].includes(e.status)) return null;
        throw e;
      }
    },
    retry: false,
  });
}

/** The signed-in user (shares the shell's cache entry), or null. */
export function useMe() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      try {
        return await apiFetch<Me>(ME_URL);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useMonitoringWrites() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['monitoring'] });
  return {
    dismiss: useMutation({
      mutationFn: (b: { key: string; reason: string }) =>
        apiFetch<Dismissal>('/api/v1/monitoring/duplicate-dismissals', { method: 'POST', json: b }),
      onSuccess: done,
    }),
    reopen: useMutation({
      mutationFn: (b: { d: Dismissal; reason: string }) =>
        apiFetch<Dismissal>(`/api/v1/monitoring/duplicate-dismissals/${b.d.id}/reopen`, {
          method: 'POST',
          json: { reason: b.reason },
          headers: { 'if-match': `"duplicate-dismissal-${b.d.id}-v${b.d.version}"` },
        }),
      onSuccess: done,
    }),
    publish: useMutation({
      mutationFn: (b: { year: number; reason?: string }) =>
        apiFetch<ScorecardEdition>('/api/v1/monitoring/scorecard/publications', { method: 'POST', json: b }),
      onSuccess: done,
    }),
  };
}

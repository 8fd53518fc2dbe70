import type {
  DataResponse,
  DatasetsResponse,
  DiffResponse,
  GroupingsResponse,
  ImportJobQuery,
  ImportLogResponse,
  ImportProgress,
  ImportResult,
  Indicator,
  IndicatorsResponse,
  ReleasesResponse,
  UserJob,
  UserJobsResponse,
} from '@regionlink/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';
import { DATE_34, DATE_63 } from '../geo/api';

/** The parameters of `GET /api/v1/data`, as the explorer and other pages build them. */
export interface DataParams {
  indicator: string;
  level: 'province' | 'region' | 'national' | 'commune' | 'grouping';
  grouping?: string;
  at: string;
  period?: number;
  from?: number;
  to?: number;
  release?: number;
}

/** The query string of a data request (and of its CSV/XLSX downloads with `format`). */
export function dataQueryString(p: DataParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ indicator: p.indicator, at: p.at, ...extra });
  if (p.level === 'grouping' && p.grouping) q.set('grouping', p.grouping);
  else q.set('level', p.level);
  if (p.period !== undefined) q.set('period', String(p.period));
  if (p.from !== undefined) q.set('from', String(p.from));
  if (p.to !== undefined) q.set('to', String(p.to));
  if (p.release !== undefined) q.set('release', String(p.release));
  return q.toString();
}

/**
 * The data request of the explorer (`/data?indicator=…&level=…&at=…`), or null while it cannot be made: the commune
 * level asks for one year and so waits for the indicator's periods; the other levels do not need the indicator first.
 */
export function explorerDataParams(search: URLSearchParams, indicator?: Pick<Indicator, 'periods'>): DataParams | null {
  const level = (search.get('level') as DataParams['level'] | null) ?? 'province';
  const grouping = search.get('grouping') ?? undefined;
  if ((level === 'commune' && !indicator) || (level === 'grouping' && !grouping)) return null;
  const period = search.get('period');
  return {
    indicator: search.get('indicator') ?? 'population',
    level,
    grouping: level === 'grouping' ? grouping : undefined,
    at: search.get('at') === DATE_63 ? DATE_63 : DATE_34,
    period: level === 'commune' ? (period ? Number(period) : indicator?.periods.at(-1)) : undefined,
    release: search.get('release') ? Number(search.get('release')) : undefined,
  };
}

export const indicatorsQuery = () =>
  queryOptions({
    queryKey: ['statistics', 'indicators'],
    queryFn: () => apiFetch<IndicatorsResponse>('/api/v1/indicators'),
    staleTime: 60_000,
  });

export function useIndicators() {
  return useQuery(indicatorsQuery());
}

export function useIndicator(code: string | null) {
  return useQuery({
    queryKey: ['statistics', 'indicator', code],
    queryFn: () => apiFetch<Indicator>(`/api/v1/indicators/${code}`),
    enabled: !!code,
  });
}

/** `GET /api/v1/data` for the given parameters (query options, shared by the hook and by `app/prefetch.ts`). */
export const dataQuery = (p: DataParams | null) =>
  queryOptions({
    queryKey: ['statistics', 'data', p],
    queryFn: () => apiFetch<DataResponse>(`/api/v1/data?${dataQueryString(p as DataParams)}`),
    // a minute, so that a page mounting after its prefetch (app/prefetch.ts) does not ask again at once
    staleTime: 60_000,
  });

export function useData(p: DataParams | null) {
  return useQuery({
    ...dataQuery(p),
    enabled: !!p,
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 1,
  });
}

export const groupingsQuery = (at: string) =>
  queryOptions({
    queryKey: ['geo', 'groupings', 'all', at],
    queryFn: () => apiFetch<GroupingsResponse>(`/api/v1/geo/groupings?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useGroupings(at: string) {
  return useQuery(groupingsQuery(at));
}

export function useDatasets() {
  return useQuery({
    queryKey: ['statistics', 'datasets'],
    queryFn: () => apiFetch<DatasetsResponse>('/api/v1/datasets'),
  });
}

export function useReleases(id: number) {
  return useQuery({
    queryKey: ['statistics', 'releases', id],
    queryFn: () => apiFetch<ReleasesResponse>(`/api/v1/datasets/${id}/releases`),
  });
}

export function useDiff(id: number, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['statistics', 'diff', id, from, to],
    queryFn: () => apiFetch<DiffResponse>(`/api/v1/datasets/${id}/diff?from=${from}&to=${to}`),
    enabled: from !== null && to !== null && from !== to,
  });
}

export function useImportLog(enabled: boolean) {
  return useQuery({
    queryKey: ['statistics', 'imports'],
    queryFn: () => apiFetch<ImportLogResponse>('/api/v1/imports'),
    enabled,
  });
}

export function useImportProgress(id: string | null) {
  return useQuery({
    queryKey: ['statistics', 'import-progress', id],
    queryFn: () => apiFetch<ImportProgress>(`/api/v1/imports/progress/${id}`),
    enabled: !!id,
    refetchInterval: 400,
    retry: false,
  });
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  dataset?: string;
  at?: string;
  decimal: 'dot' | 'comma';
  note?: string;
  progressId: string;
}

/** Upload a file to `POST /api/v1/imports` (multipart); a refusal comes back as ApiError with row/column errors. */
export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: ImportRequest) => {
      const q = new URLSearchParams({ dryRun: String(r.dryRun), decimal: r.decimal, progressId: r.progressId });
      if (r.dataset) q.set('dataset', r.dataset);
      if (r.at) q.set('at', r.at);
      if (r.note) q.set('note', r.note);
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiFetch<ImportResult>(`/api/v1/imports?${q}`, { method: 'POST', body });
    },
    onSuccess: (res) => {
      if (!res.dryRun) qc.invalidateQueries({ queryKey: ['statistics'] });
    },
  });
}

/** Options of a queued import, as the page sends them. */
export type QueueImportRequest = Pick<ImportJobQuery, 'dataset' | 'at' | 'decimal' | 'note'> & { file: File };

/**
 * Queue an import (`POST /api/v1/import-jobs`, multipart): the answer is the job, whose progress and result are read
 * with `useJob`; it runs on the server even if the page is left.
 */
export function useQueueImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: QueueImportRequest) => {
      const q = new URLSearchParams({ decimal: r.decimal ?? 'dot' });
      if (r.dataset) q.set('dataset', r.dataset);
      if (r.at) q.set('at', r.at);
      if (r.note) q.set('note', r.note);
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiFetch<UserJob>(`/api/v1/import-jobs?${q}`, { method: 'POST', body });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

export { useJob } from '../../lib/jobs';

/** The caller's queued imports, newest first. */
export function useMyImportJobs(enabled: boolean) {
  return useQuery({
    queryKey: ['jobs', 'list'],
    queryFn: () => apiFetch<UserJobsResponse>('/api/v1/jobs'),
    select: (r) => r.items.filter((j) => j.kind === 'statistics-import'),
    enabled,
  });
}

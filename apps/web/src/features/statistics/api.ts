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
import { groupingsUrl } from '../geo/urls';
import { type DataParams, dataUrl, indicatorsUrl } from './urls';

export { type DataParams, dataQueryString, explorerDataParams } from './urls';

export const indicatorsQuery = () =>
  queryOptions({
    queryKey: ['statistics', 'indicators'],
    queryFn: () => apiFetch<IndicatorsResponse>(indicatorsUrl),
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

/** `GET /api/v1/data` for the given parameters (query options). */
export const dataQuery = (p: DataParams | null) =>
  queryOptions({
    queryKey: ['statistics', 'data', p],
    queryFn: () => apiFetch<DataResponse>(dataUrl(p as DataParams)),
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
    queryFn: () => apiFetch<GroupingsResponse>(groupingsUrl(at)),
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

import type {
  FundingLine,
  FundingLineInput,
  FundingSummaryResponse,
  GroupingsResponse,
  Me,
  Milestone,
  MilestoneInput,
  PlanDetail,
  PlansResponse,
  ProgressUpdate,
  ProgressUpdateInput,
  ProjectDetail,
  ProjectInput,
  ProjectsResponse,
  RfIndicator,
  RfIndicatorInput,
  TimelineResponse,
  UnitsResponse,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { ApiError, apiFetch } from '../../lib/api';
import { ME_URL } from '../access/urls';

/** Registry filters as they appear in the page URL and the API query string. */
export type RegistryFilters = Record<string, string>;

export const qs = (f: RegistryFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '')).toString();

export function usePlans() {
  return useQuery({ queryKey: ['plans'], queryFn: () => apiFetch<PlansResponse>('/api/v1/plans') });
}

export function usePlan(code: string) {
  return useQuery({
    queryKey: ['plans', code],
    queryFn: () => apiFetch<PlanDetail>(`/api/v1/plans/${encodeURIComponent(code)}`),
    retry: false,
  });
}

export function useProjects(f: RegistryFilters, sort = 'plan') {
  return useQuery({
    queryKey: ['projects', 'list', f, sort],
    queryFn: () => apiFetch<ProjectsResponse>(`/api/v1/projects?${qs({ ...f, sort, limit: '1000' })}`),
    placeholderData: (prev) => prev,
  });
}

export function useFundingSummary(f: RegistryFilters) {
  return useQuery({
    queryKey: ['projects', 'summary', f],
    queryFn: () => apiFetch<FundingSummaryResponse>(`/api/v1/projects/funding-summary?${qs(f)}`),
    placeholderData: (prev) => prev,
  });
}

export function useTimeline(f: RegistryFilters) {
  return useQuery({
    queryKey: ['projects', 'timeline', f],
    queryFn: () => apiFetch<TimelineResponse>(`/api/v1/projects/timeline?${qs(f)}`),
  });
}

export function useProject(code: string) {
  return useQuery({
    queryKey: ['projects', 'detail', code],
    queryFn: () => apiFetch<ProjectDetail>(`/api/v1/projects/${encodeURIComponent(code)}`),
    retry: false,
  });
}

const ifMatch = (kind: string, id: number | string, version: number) => ({ 'if-match': `"${kind}-${id}-v${version}"` });

/** Writes on a project's funding, milestones and progress; every success refreshes the project and the registry. */
export function useProjectWrites(code: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['projects'] });
  const base = `/api/v1/projects/${encodeURIComponent(code)}`;
  return {
    addLine: useMutation({
      mutationFn: (body: FundingLineInput) =>
        apiFetch<FundingLine>(`${base}/funding-lines`, { method: 'POST', json: body }),
      onSuccess: done,
    }),
    editLine: useMutation({
      mutationFn: (v: { line: FundingLine; patch: Partial<FundingLineInput> }) =>
        apiFetch<FundingLine>(`/api/v1/funding-lines/${v.line.id}`, {
          method: 'PATCH',
          json: v.patch,
          headers: ifMatch('funding-line', v.line.id, v.line.version),
        }),
      onSuccess: done,
    }),
    deleteLine: useMutation({
      mutationFn: (line: FundingLine) =>
        apiFetch<null>(`/api/v1/funding-lines/${line.id}`, {
          method: 'DELETE',
          headers: ifMatch('funding-line', line.id, line.version),
        }),
      onSuccess: done,
    }),
    addMilestone: useMutation({
      mutationFn: (body: MilestoneInput) => apiFetch<Milestone>(`${base}/milestones`, { method: 'POST', json: body }),
      onSuccess: done,
    }),
    editMilestone: useMutation({
      mutationFn: (v: { m: Milestone; patch: Partial<MilestoneInput> }) =>
        apiFetch<Milestone>(`/api/v1/milestones/${v.m.id}`, {
          method: 'PATCH',
          json: v.patch,
          headers: ifMatch('milestone', v.m.id, v.m.version),
        }),
      onSuccess: done,
    }),
    postUpdate: useMutation({
      /** Create a draft, attach the files, then publish it if asked: the update is never published without them. */
      mutationFn: async (v: { body: ProgressUpdateInput; files: File[] }) => {
        const draft = await apiFetch<ProgressUpdate>(`${base}/progress-updates`, {
          method: 'POST',
          json: { ...v.body, publish: v.files.length === 0 && v.body.publish },
        });
        if (v.files.length === 0) return draft;
        for (const f of v.files) {
          const form = new FormData();
          form.append('file', f, f.name);
          await apiFetch(`/api/v1/progress-updates/${draft.id}/evidence`, { method: 'POST', body: form });
        }
        if (!v.body.publish) return draft;
        return publishLatest(base, draft.id);
      },
      onSettled: done,
    }),
    publish: useMutation({
      mutationFn: (u: ProgressUpdate) =>
        apiFetch<ProgressUpdate>(`/api/v1/progress-updates/${u.id}/publish`, {
          method: 'POST',
          headers: ifMatch('progress-update', u.id, u.version),
        }),
      onSuccess: done,
    }),
  };
}

/** Publish a draft at its current version (attaching files raised it), read back from the project's update list. */
async function publishLatest(base: string, id: number): Promise<ProgressUpdate> {
  const { items } = await apiFetch<{ items: ProgressUpdate[] }>(`${base}/progress-updates`);
  const u = items.find((x) => x.id === id);
  if (!u) throw new ApiError(404, null);
  return apiFetch<ProgressUpdate>(`/api/v1/progress-updates/${id}/publish`, {
    method: 'POST',
    headers: ifMatch('progress-update', id, u.version),
  });
}

interface Vocab {
  sectors: { code: string; vi: string; en: string }[];
  fundingSources: { code: string; vi: string; en: string }[];
  fundingTypes: { code: string; vi: string; en: string }[];
  statuses: { code: string; vi: string; en: string }[];
  targetStatuses: { code: string; vi: string; en: string }[];
  phases: string[];
}

/** Codes and labels of the registry's vocabularies (sectors, sources, statuses). */
export function useVocabulary() {
  return useQuery({
    queryKey: ['projects', 'vocabulary'],
    queryFn: () => apiFetch<Vocab>('/api/v1/projects/vocabulary'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Regions and provinces of a geography date, and its boundaries, read from the geo API. */
export function useGeography(at: string) {
  const regions = useQuery({
    queryKey: ['plans', 'geo', 'regions', at],
    queryFn: () => apiFetch<GroupingsResponse>(`/api/v1/geo/groupings?type=region&at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const units = useQuery({
    queryKey: ['plans', 'geo', 'units', at],
    queryFn: () => apiFetch<UnitsResponse>(`/api/v1/geo/units?level=province&at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const topology = useQuery({
    queryKey: ['plans', 'geo', 'boundaries', at],
    queryFn: () => apiFetch<Topology>(`/api/v1/geo/boundaries?at=${at}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { regions, units, topology };
}

/** The signed-in user (shares the cache entry of the shell's user query), or null. */
export function useCurrentUser() {
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

/** Admin writes on a results-framework indicator: a target or a revision (with reason), a reported actual. */
export function useIndicatorWrites(planCode: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['plans', planCode] });
  return {
    addTarget: useMutation({
      mutationFn: (v: {
        ind: RfIndicator;
        body: { kind: 'period' | 'end'; year: number | null; value: number; reason: string | null };
      }) =>
        apiFetch<RfIndicator>(`/api/v1/plan-indicators/${v.ind.id}/targets`, {
          method: 'POST',
          json: v.body,
          headers: ifMatch('rf-indicator', v.ind.id, v.ind.version),
        }),
      onSuccess: done,
    }),
    addActual: useMutation({
      mutationFn: (v: { ind: RfIndicator; body: { year: number; value: number; sourceText: string } }) =>
        apiFetch<RfIndicator>(`/api/v1/plan-indicators/${v.ind.id}/actuals`, { method: 'POST', json: v.body }),
      onSuccess: done,
    }),
  };
}

/** Admin: add an indicator (with its first targets) to a plan's results framework. */
export function useCreateIndicator(planCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RfIndicatorInput) =>
      apiFetch<RfIndicator>(`/api/v1/plans/${planCode}/indicators`, { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plans', planCode] }),
  });
}

/** Admin: create a project in a plan's registry. */
export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectInput) => apiFetch<ProjectDetail>('/api/v1/projects', { method: 'POST', json: body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['plans'] });
      qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

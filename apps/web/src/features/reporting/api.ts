import type {
  CycleDetail,
  CycleInput,
  CyclesResponse,
  EvidenceFile,
  MatrixResponse,
  NotificationsResponse,
  OrganisationsResponse,
  OutboxResponse,
  PaperReportInput,
  PolicyDocumentDetail,
  PolicyDocumentsResponse,
  PolicyTask,
  ProgressResponse,
  RemindersResult,
  SaveSubmissionInput,
  SearchResponse,
  SubmissionDetail,
  SubmissionsResponse,
  TaskEntriesResponse,
  TaskHistoryResponse,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../lib/api';

/** Query keys and hooks of the reporting screens, typed from the shared contract. */

export const keys = {
  cycles: ['reporting', 'cycles'] as const,
  cycle: (id: number) => ['reporting', 'cycle', id] as const,
  progress: (id: number) => ['reporting', 'progress', id] as const,
  matrix: (id: number) => ['reporting', 'matrix', id] as const,
  entries: (id: number, taskId: number) => ['reporting', 'entries', id, taskId] as const,
  submissions: (id: number) => ['reporting', 'submissions', id] as const,
  submission: (id: number) => ['reporting', 'submission', id] as const,
  history: ['reporting', 'history'] as const,
  documents: ['reporting', 'documents'] as const,
  document: (id: number) => ['reporting', 'document', id] as const,
  notifications: ['reporting', 'notifications'] as const,
  outbox: ['reporting', 'outbox'] as const,
};

const V1 = '/api/v1';

export const useCycles = () =>
  useQuery({ queryKey: keys.cycles, queryFn: () => apiFetch<CyclesResponse>(`${V1}/cycles`) });

export const useCycle = (id: number) =>
  useQuery({
    queryKey: keys.cycle(id),
    queryFn: () => apiFetch<CycleDetail>(`${V1}/cycles/${id}`),
    retry: false,
    enabled: id > 0,
  });

export const useProgress = (id: number, enabled = true) =>
  useQuery({
    queryKey: keys.progress(id),
    queryFn: () => apiFetch<ProgressResponse>(`${V1}/cycles/${id}/progress`),
    enabled,
    retry: false,
  });

export const useMatrix = (id: number, enabled = true) =>
  useQuery({
    queryKey: keys.matrix(id),
    queryFn: () => apiFetch<MatrixResponse>(`${V1}/cycles/${id}/matrix`),
    enabled,
    retry: false,
  });

export const useEntries = (id: number, taskId: number | null) =>
  useQuery({
    queryKey: keys.entries(id, taskId ?? 0),
    queryFn: () => apiFetch<TaskEntriesResponse>(`${V1}/cycles/${id}/tasks/${taskId}/entries`),
    enabled: taskId !== null,
    retry: false,
  });

export const useCycleSubmissions = (id: number) =>
  useQuery({
    queryKey: keys.submissions(id),
    queryFn: () => apiFetch<SubmissionsResponse>(`${V1}/cycles/${id}/submissions`),
    retry: false,
  });

export const useSubmission = (id: number) =>
  useQuery({
    queryKey: keys.submission(id),
    queryFn: () => apiFetch<SubmissionDetail>(`${V1}/submissions/${id}`),
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useTaskHistory = () =>
  useQuery({ queryKey: keys.history, queryFn: () => apiFetch<TaskHistoryResponse>(`${V1}/tasks/history`) });

export const useDocuments = () =>
  useQuery({ queryKey: keys.documents, queryFn: () => apiFetch<PolicyDocumentsResponse>(`${V1}/policy-documents`) });

export const useDocument = (id: number | undefined) =>
  useQuery({
    queryKey: keys.document(id ?? 0),
    queryFn: () => apiFetch<PolicyDocumentDetail>(`${V1}/policy-documents/${id}`),
    enabled: id !== undefined,
  });

export const useOrganisations = () =>
  useQuery({
    queryKey: ['access', 'organisations'],
    queryFn: () => apiFetch<z.infer<typeof OrganisationsResponse>>(`${V1}/organisations`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: keys.notifications,
    queryFn: () => apiFetch<NotificationsResponse>(`${V1}/notifications`),
    enabled,
    refetchInterval: 60_000,
  });

export const useOutbox = (enabled: boolean) =>
  useQuery({ queryKey: keys.outbox, queryFn: () => apiFetch<OutboxResponse>(`${V1}/outbox`), enabled });

export const useSearch = (q: string) =>
  useQuery({
    queryKey: ['reporting', 'search', q],
    queryFn: () => apiFetch<SearchResponse>(`${V1}/submissions/search?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  });

export const ifMatch = (kind: string, id: number, version: number) => ({ 'if-match': `"${kind}-${id}-v${version}"` });

/** Invalidate everything that a change to a submission or cycle can affect. */
export function useInvalidateReporting() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['reporting'] });
}

export function useCycleMutation(id: number) {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: (a: { move: 'open' | 'close' | 'publish' | 'unpublish'; version: number; publicationRef?: string }) =>
      apiFetch<CycleDetail>(`${V1}/cycles/${id}/${a.move}`, {
        method: 'POST',
        json: a.move === 'publish' ? { publicationRef: a.publicationRef ?? null } : {},
        headers: ifMatch('cycle', id, a.version),
      }),
    onSuccess: () => invalidate(),
  });
}

/** Start next year's cycle from this one (outline, figures, sections and expected organisations copied). */
export function useNextYearCycle(id: number) {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: () => apiFetch<CycleDetail>(`${V1}/cycles/${id}/next-year`, { method: 'POST', json: {} }),
    onSuccess: () => invalidate(),
  });
}

export function useSaveCycle() {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: (a: { id?: number; version?: number; input: CycleInput }) =>
      a.id
        ? apiFetch<CycleDetail>(`${V1}/cycles/${a.id}`, {
            method: 'PUT',
            json: a.input,
            headers: ifMatch('cycle', a.id, a.version!),
          })
        : apiFetch<CycleDetail>(`${V1}/cycles`, { method: 'POST', json: a.input }),
    onSuccess: () => invalidate(),
  });
}

export function useStartSubmission(cycleId: number) {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: (copyFromPrevious: boolean) =>
      apiFetch<SubmissionDetail>(`${V1}/cycles/${cycleId}/submissions`, { method: 'POST', json: { copyFromPrevious } }),
    onSuccess: () => invalidate(),
  });
}

/** Save a draft with If-Match; resolves with the saved submission or rejects with ApiError (412 on a stale version). */
export const saveSubmission = (id: number, version: number, input: SaveSubmissionInput) =>
  apiFetch<SubmissionDetail>(`${V1}/submissions/${id}`, {
    method: 'PUT',
    json: input,
    headers: ifMatch('submission', id, version),
  });

export const fetchSubmission = (id: number) => apiFetch<SubmissionDetail>(`${V1}/submissions/${id}`);

export function useSubmissionAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { action: 'submit' | 'return' | 'accept' | 'unlock'; version: number; body?: unknown }) =>
      apiFetch<SubmissionDetail>(`${V1}/submissions/${id}/${a.action}`, {
        method: 'POST',
        json: a.body ?? {},
        headers: ifMatch('submission', id, a.version),
      }),
    onSuccess: (s) => {
      qc.setQueryData(keys.submission(id), s);
      qc.invalidateQueries({ queryKey: ['reporting'] });
    },
  });
}

export function useComment(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { taskId: number; body: string }) =>
      apiFetch<SubmissionDetail>(`${V1}/submissions/${id}/tasks/${a.taskId}/comments`, {
        method: 'POST',
        json: { body: a.body },
      }),
    onSuccess: (s) => qc.setQueryData(keys.submission(id), s),
  });
}

/** Upload an evidence file; the server checks its content and answers with a clear error when it refuses it. */
export async function uploadEvidence(id: number, file: File, taskId: number | null): Promise<EvidenceFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`${V1}/submissions/${id}/files${taskId ? `?taskId=${taskId}` : ''}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch {
      problem = null;
    }
    throw new ApiError(res.status, problem);
  }
  return res.json();
}

export const deleteEvidence = (id: number, fileId: number) =>
  apiFetch<null>(`${V1}/submissions/${id}/files/${fileId}`, { method: 'DELETE' });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) =>
      apiFetch<NotificationsResponse>(`${V1}/notifications/read`, { method: 'POST', json: { ids } }),
    onSuccess: (d) => qc.setQueryData(keys.notifications, d),
  });
}

export function useRunReminders() {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: () => apiFetch<RemindersResult>(`${V1}/reminders/run`, { method: 'POST', json: {} }),
    onSuccess: () => invalidate(),
  });
}

export function useAssign(taskId: number) {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: (a: { version: number; assignments: { organisationId: number; role: 'lead' | 'cooperating' }[] }) =>
      apiFetch<PolicyTask>(`${V1}/policy-tasks/${taskId}/assignments`, {
        method: 'PUT',
        json: { assignments: a.assignments },
        headers: ifMatch('task', taskId, a.version),
      }),
    onSuccess: () => invalidate(),
  });
}

/**
 * Register a paper report for an expected organisation (MoF): multipart with the JSON in `data` and the scanned
 * report in `file`; resolves with the new submission or rejects with ApiError naming the fields.
 */
export function useRegisterPaper(cycleId: number) {
  const invalidate = useInvalidateReporting();
  return useMutation({
    mutationFn: async (a: { input: PaperReportInput; file: File | null }) => {
      const form = new FormData();
      form.append('data', JSON.stringify(a.input));
      if (a.file) form.append('file', a.file, a.file.name);
      const res = await fetch(`${V1}/cycles/${cycleId}/paper-reports`, {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
      });
      if (!res.ok) {
        let problem = null;
        try {
          problem = await res.json();
        } catch {
          problem = null;
        }
        throw new ApiError(res.status, problem);
      }
      return (await res.json()) as SubmissionDetail;
    },
    onSuccess: () => invalidate(),
  });
}

import type {
  DocumentFile,
  DocumentSamplesResponse,
  DraftEditInput,
  DraftHistoryResponse,
  DraftSyncResponse,
  ReportDraftResponse,
  ReportPackagesResponse,
  UserJob,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';

/** The reference packages (MoF staff only; 401/403 come back as ApiError). */
export function useDocumentSamples(enabled: boolean) {
  return useQuery({
    queryKey: ['documents', 'samples'],
    queryFn: () => apiFetch<DocumentSamplesResponse>('/api/v1/documents/samples'),
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** The URL of one file of a reference package. */
export const sampleFileUrl = (id: string, file: DocumentFile) =>
  `/api/v1/documents/samples/${encodeURIComponent(id)}/${file}`;

/**
 * Download a generated file: fetch it (so the button can say it is working while the server builds the document),
 * then hand it to the browser under the name the server chose.
 */
export function useDownload() {
  return useMutation({
    mutationFn: async (args: { url: string; fallbackName: string }) => {
      const res = await fetch(args.url, { credentials: 'same-origin' });
      if (!res.ok) {
        let problem = null;
        try {
          problem = await res.json();
        } catch {
          problem = null;
        }
        throw new ApiError(res.status, problem);
      }
      const disposition = res.headers.get('content-disposition') ?? '';
      const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
      const name = utf8 ? decodeURIComponent(utf8) : args.fallbackName;
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      return { name, bytes: blob.size };
    },
  });
}

// ---------------------------------------------------------------- a cycle's report draft

const V1 = '/api/v1';

export const draftKeys = {
  draft: (id: number) => ['documents', 'draft', id] as const,
  history: (id: number) => ['documents', 'draft', id, 'history'] as const,
  cycles: ['documents', 'cycles'] as const,
};

/** The ETag of a draft version, as the server sends it (`If-Match` of every change). */
export const draftEtag = (cycleId: number, version: number) => `"report-draft-${cycleId}-v${version}"`;

/** The cycles the user may see (from the reporting API), for the list of reports by cycle. */
export function useReportCycles(enabled: boolean) {
  return useQuery({
    queryKey: draftKeys.cycles,
    queryFn: () =>
      apiFetch<{
        items: {
          id: number;
          year: number;
          nameVi: string;
          nameEn: string;
          status: string;
          publishedAt: string | null;
          cutoff: string | null;
        }[];
      }>(`${V1}/cycles`),
    enabled,
    retry: false,
  });
}

/** The cycle's draft; a 404 `no_draft` comes back as an ApiError the page turns into "create the draft". */
export function useDraft(cycleId: number) {
  return useQuery({
    queryKey: draftKeys.draft(cycleId),
    queryFn: () => apiFetch<ReportDraftResponse>(`${V1}/cycles/${cycleId}/report/draft`),
    retry: false,
    enabled: cycleId > 0,
  });
}

export function useDraftHistory(cycleId: number, enabled: boolean) {
  return useQuery({
    queryKey: draftKeys.history(cycleId),
    queryFn: () => apiFetch<DraftHistoryResponse>(`${V1}/cycles/${cycleId}/report/draft/history`),
    retry: false,
    enabled,
  });
}

/** Create the draft from the accepted submissions. */
export function useCreateDraft(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<ReportDraftResponse>(`${V1}/cycles/${cycleId}/report/draft`, { method: 'POST', json: {} }),
    onSuccess: (d) => {
      qc.setQueryData(draftKeys.draft(cycleId), d);
      qc.invalidateQueries({ queryKey: draftKeys.history(cycleId) });
    },
  });
}

/** Apply edits with If-Match from the version the caller edited; a 412 is left to the caller (nothing is lost). */
export function useEditDraft(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { version: number; edits: DraftEditInput[] }) =>
      apiFetch<ReportDraftResponse>(`${V1}/cycles/${cycleId}/report/draft`, {
        method: 'PATCH',
        json: { edits: args.edits },
        headers: { 'if-match': draftEtag(cycleId, args.version) },
      }),
    onSuccess: (d) => {
      qc.setQueryData(draftKeys.draft(cycleId), d);
      qc.invalidateQueries({ queryKey: draftKeys.history(cycleId) });
    },
  });
}

/** Re-sync, accept as final, or reopen (each with If-Match). */
export function useDraftAction(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (args: { action: 'sync' | 'finalise' | 'reopen'; version: number; reason?: string }) => {
      const res = await apiFetch<ReportDraftResponse | DraftSyncResponse>(
        `${V1}/cycles/${cycleId}/report/draft/${args.action}`,
        {
          method: 'POST',
          json: args.action === 'reopen' ? { reason: args.reason ?? '' } : {},
          headers: { 'if-match': draftEtag(cycleId, args.version) },
        },
      );
      return 'draft' in res ? res : { draft: res, result: null };
    },
    onSuccess: (out) => {
      qc.setQueryData(draftKeys.draft(cycleId), out.draft);
      qc.invalidateQueries({ queryKey: draftKeys.history(cycleId) });
    },
  });
}

/** The URL of a file of the cycle's report (live draft, or the version as sent when final). */
export const cycleFileUrl = (cycleId: number, file: DocumentFile) => `${V1}/cycles/${cycleId}/report/${file}`;
export const versionFileUrl = (cycleId: number, version: number, file: DocumentFile) =>
  `${V1}/cycles/${cycleId}/report/versions/${version}/${file}`;

// ---------------------------------------------------------------- packages prepared in the background

/** The packages prepared in the background for the cycle, newest first (administrators). */
export function useReportPackages(cycleId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['documents', 'packages', cycleId],
    queryFn: () => apiFetch<ReportPackagesResponse>(`${V1}/cycles/${cycleId}/report/packages`),
    enabled,
    retry: false,
  });
}

/** Queue the whole package of the cycle (`POST …/report/package-jobs`): the answer is the job, followed by `useJob`. */
export function usePreparePackage(cycleId: number) {
  return useMutation({
    mutationFn: () => apiFetch<UserJob>(`${V1}/cycles/${cycleId}/report/package-jobs`, { method: 'POST', json: {} }),
  });
}

/** The URL of a prepared package, as stored. */
export const packageFileUrl = (cycleId: number, fileId: number) => `${V1}/cycles/${cycleId}/report/packages/${fileId}`;

import type {
  ApiTokensResponse,
  ContributableResponse,
  ContributeResult,
  Contribution,
  ContributionsResponse,
  CreatedToken,
  DataRequest,
  DataRequestsResponse,
  SharingAgreementsResponse,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

/** Issue 15: contributions and their review, sharing agreements and requests, API tokens. */

const ifMatch = (kind: string, id: number, version: number) => ({ 'if-match': `"${kind}-${id}-v${version}"` });

export const useContributions = (enabled: boolean) =>
  useQuery({
    queryKey: ['contribution', 'list'],
    queryFn: () => apiFetch<ContributionsResponse>('/api/v1/contributions'),
    enabled,
  });
export const useContributable = (enabled: boolean) =>
  useQuery({
    queryKey: ['contribution', 'datasets'],
    queryFn: () => apiFetch<ContributableResponse>('/api/v1/contributions/datasets'),
    enabled,
  });
export const useContribution = (id: number | null) =>
  useQuery({
    queryKey: ['contribution', 'one', id],
    queryFn: () => apiFetch<Contribution>(`/api/v1/contributions/${id}`),
    enabled: id !== null,
  });

export function useContribute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { dataset: string; file: File; note: string; dryRun: boolean }) => {
      const q = new URLSearchParams({ dataset: r.dataset, dryRun: String(r.dryRun) });
      if (r.note) q.set('note', r.note);
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiFetch<ContributeResult>(`/api/v1/contributions?${q}`, { method: 'POST', body });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['contribution'] }),
  });
}

export function useContributionStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { c: Contribution; step: 'submit' | 'return' | 'publish'; body: unknown }) =>
      apiFetch<Contribution>(`/api/v1/contributions/${r.c.id}/${r.step}`, {
        method: 'POST',
        json: r.body,
        headers: ifMatch('contribution', r.c.id, r.c.version),
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['contribution'] });
      qc.invalidateQueries({ queryKey: ['statistics'] });
    },
  });
}

export const useAgreements = (enabled: boolean) =>
  useQuery({
    queryKey: ['sharing', 'agreements'],
    queryFn: () => apiFetch<SharingAgreementsResponse>('/api/v1/sharing/agreements'),
    enabled,
  });
export const useRequests = (enabled: boolean) =>
  useQuery({
    queryKey: ['sharing', 'requests'],
    queryFn: () => apiFetch<DataRequestsResponse>('/api/v1/sharing/requests'),
    enabled,
  });
export function useSharingWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      r:
        | { kind: 'request'; body: { dataset: string; purpose: string; wantedFrom: string; wantedTo: string } }
        | { kind: 'decide'; request: DataRequest; body: unknown },
    ) =>
      r.kind === 'request'
        ? apiFetch<DataRequest>('/api/v1/sharing/requests', { method: 'POST', json: r.body })
        : apiFetch<DataRequest>(`/api/v1/sharing/requests/${r.request.id}/decision`, {
            method: 'POST',
            json: r.body,
            headers: ifMatch('data-request', r.request.id, r.request.version),
          }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['sharing'] });
      qc.invalidateQueries({ queryKey: ['statistics'] });
    },
  });
}

export const useTokens = (enabled: boolean) =>
  useQuery({
    queryKey: ['tokens'],
    queryFn: () => apiFetch<ApiTokensResponse>('/api/v1/tokens'),
    enabled,
  });
export function useTokenWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      r: { kind: 'create'; body: { name: string; scope: string; owner: string } } | { kind: 'revoke'; id: number },
    ) =>
      r.kind === 'create'
        ? apiFetch<CreatedToken>('/api/v1/tokens', { method: 'POST', json: r.body })
        : apiFetch<CreatedToken>(`/api/v1/tokens/${r.id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

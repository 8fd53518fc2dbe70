import type {
  AgendaInput,
  Agreement,
  AgreementInput,
  AgreementPatch,
  AgreementsResponse,
  AttendanceInput,
  BottleneckActionInput,
  BottleneckDetail,
  BottleneckInput,
  BottlenecksResponse,
  ConclusionsInput,
  CouncilDashboard,
  CouncilDetail,
  CouncilReview,
  CouncilsResponse,
  FollowUpDetail,
  FollowUpsResponse,
  IssueNoticeInput,
  LinkagesResponse,
  Me,
  MeetingDetail,
  MeetingInput,
  MeetingPatch,
  Organisation,
  ProgressInput,
  ReportMaterial,
  ReviewInput,
} from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';
import { ME_URL } from '../access/urls';

/** Query hooks and writes of the councils feature, typed from the shared contract. */

const ifMatch = (kind: string, id: number, version: number) => ({ 'if-match': `"${kind}-${id}-v${version}"` });
const notFoundIsNull = async <T>(p: Promise<T>): Promise<T | null> => {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 401 || e.status === 403)) return null;
    throw e;
  }
};

export function useCouncils() {
  return useQuery({ queryKey: ['councils', 'list'], queryFn: () => apiFetch<CouncilsResponse>('/api/v1/councils') });
}

export function useCouncil(code: string, at?: string) {
  return useQuery({
    queryKey: ['councils', 'detail', code, at ?? null],
    queryFn: () => apiFetch<CouncilDetail>(`/api/v1/councils/${code}${at ? `?at=${at}` : ''}`),
    retry: false,
  });
}

/** Members only: null when the caller may not see it. */
export function useDashboard(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['councils', 'dashboard', code],
    queryFn: () => notFoundIsNull(apiFetch<CouncilDashboard>(`/api/v1/councils/${code}/dashboard`)),
    enabled,
  });
}

export function useReview(code: string, year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['councils', 'review', code, year],
    queryFn: () => notFoundIsNull(apiFetch<CouncilReview>(`/api/v1/councils/${code}/review?year=${year}`)),
    enabled,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: ['councils', 'meeting', id],
    queryFn: () => apiFetch<MeetingDetail>(`/api/v1/council-meetings/${id}`),
    retry: false,
  });
}

export function useFollowUps(qs: string, enabled = true) {
  return useQuery({
    queryKey: ['councils', 'follow-ups', qs],
    queryFn: () => apiFetch<FollowUpsResponse>(`/api/v1/council-follow-ups?${qs}`),
    enabled,
  });
}

export function useFollowUp(id: number) {
  return useQuery({
    queryKey: ['councils', 'follow-up', id],
    queryFn: () => apiFetch<FollowUpDetail>(`/api/v1/council-follow-ups/${id}`),
    retry: false,
  });
}

export function useBottlenecks(council: string, enabled: boolean) {
  return useQuery({
    queryKey: ['councils', 'bottlenecks', council],
    queryFn: () => notFoundIsNull(apiFetch<BottlenecksResponse>(`/api/v1/council-bottlenecks?council=${council}`)),
    enabled,
  });
}

export function useBottleneck(id: number) {
  return useQuery({
    queryKey: ['councils', 'bottleneck', id],
    queryFn: () => apiFetch<BottleneckDetail>(`/api/v1/council-bottlenecks/${id}`),
    retry: false,
  });
}

export function useAgreements(qs: string) {
  return useQuery({
    queryKey: ['councils', 'agreements', qs],
    queryFn: () => apiFetch<AgreementsResponse>(`/api/v1/cooperation-agreements?${qs}`),
  });
}

export function useLinkages(qs: string) {
  return useQuery({
    queryKey: ['councils', 'linkages', qs],
    queryFn: () => apiFetch<LinkagesResponse>(`/api/v1/linkages?${qs}`),
    placeholderData: (prev) => prev,
  });
}

/** MoF only: the bottlenecks of a period as drafting material; null when the caller may not read it. */
export function useReportMaterial(from: string, to: string) {
  return useQuery({
    queryKey: ['councils', 'report-material', from, to],
    queryFn: () =>
      notFoundIsNull(apiFetch<ReportMaterial>(`/api/v1/council-bottlenecks/report-material?from=${from}&to=${to}`)),
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

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['councils'] });
}

/** The Office's writes on a meeting; each sends the version it last read (If-Match). */
export function useMeetingWrites(m: { id: number; version: number } | undefined) {
  const done = useDone();
  const base = `/api/v1/council-meetings/${m?.id}`;
  const h = () => (m ? ifMatch('council-meeting', m.id, m.version) : {});
  const send =
    <B>(method: string, path: string) =>
    (body: B) =>
      apiFetch<MeetingDetail>(`${base}${path}`, { method, json: body, headers: h() });
  return {
    patch: useMutation({ mutationFn: send<MeetingPatch>('PATCH', ''), onSuccess: done }),
    agenda: useMutation({ mutationFn: send<AgendaInput>('PUT', '/agenda'), onSuccess: done }),
    attendance: useMutation({ mutationFn: send<AttendanceInput>('PUT', '/attendance'), onSuccess: done }),
    conclusions: useMutation({ mutationFn: send<ConclusionsInput>('PUT', '/conclusions'), onSuccess: done }),
    notice: useMutation({ mutationFn: send<IssueNoticeInput>('POST', '/notice'), onSuccess: done }),
    invite: useMutation({
      mutationFn: () => apiFetch<MeetingDetail>(`${base}/invitations`, { method: 'POST', json: {} }),
      onSuccess: done,
    }),
    upload: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return apiFetch<MeetingDetail>(`${base}/documents`, { method: 'POST', body: form });
      },
      onSuccess: done,
    }),
  };
}

export function useCreateMeeting(code: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (body: MeetingInput) =>
      apiFetch<MeetingDetail>(`/api/v1/councils/${code}/meetings`, { method: 'POST', json: body }),
    onSuccess: done,
  });
}

/** The assignee's progress and evidence, the Office's review. */
export function useFollowUpWrites(f: { id: number; version: number } | undefined) {
  const done = useDone();
  const base = `/api/v1/council-follow-ups/${f?.id}`;
  const h = () => (f ? ifMatch('council-follow-up', f.id, f.version) : {});
  return {
    progress: useMutation({
      mutationFn: (body: ProgressInput) =>
        apiFetch<FollowUpDetail>(`${base}/progress`, { method: 'POST', json: body, headers: h() }),
      onSuccess: done,
    }),
    review: useMutation({
      mutationFn: (body: ReviewInput) =>
        apiFetch<FollowUpDetail>(`${base}/review`, { method: 'POST', json: body, headers: h() }),
      onSuccess: done,
    }),
    evidence: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return apiFetch(`${base}/evidence`, { method: 'POST', body: form });
      },
      onSuccess: done,
    }),
  };
}

export function useRaiseBottleneck() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: BottleneckInput) =>
      apiFetch<BottleneckDetail>('/api/v1/council-bottlenecks', { method: 'POST', json: body }),
    onSuccess: done,
  });
}

export function useBottleneckAction(b: { id: number; version: number } | undefined) {
  const done = useDone();
  return useMutation({
    mutationFn: (body: BottleneckActionInput) =>
      apiFetch<BottleneckDetail>(`/api/v1/council-bottlenecks/${b?.id}/actions`, {
        method: 'POST',
        json: body,
        headers: b ? ifMatch('council-bottleneck', b.id, b.version) : {},
      }),
    onSuccess: done,
  });
}

export function useAgreementWrites() {
  const done = useDone();
  return {
    create: useMutation({
      mutationFn: (body: AgreementInput) =>
        apiFetch<Agreement>('/api/v1/cooperation-agreements', { method: 'POST', json: body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (v: { a: Agreement; patch: AgreementPatch }) =>
        apiFetch<Agreement>(`/api/v1/cooperation-agreements/${v.a.id}`, {
          method: 'PATCH',
          json: v.patch,
          headers: ifMatch('cooperation-agreement', v.a.id, v.a.version),
        }),
      onSuccess: done,
    }),
  };
}

/** Organisations (ministries, agencies, People's Committees) to assign and invite. */
export function useOrganisationList() {
  return useQuery({
    queryKey: ['access', 'organisations'],
    queryFn: () => apiFetch<{ items: Organisation[] }>('/api/v1/organisations'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

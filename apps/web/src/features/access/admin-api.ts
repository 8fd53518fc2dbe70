import type { AdminUser, CreateUserInput, Organisation, TokenInfo, UpdateUserInput } from '@regionlink/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

/** An organisation as administrators see it. */
export type AdminOrg = Organisation & { disabledAt: string | null; users: number; version: number };
/** What sending a one-time link answered. */
export interface LinkSent {
  user: AdminUser;
  emailQueued: boolean;
  expiresAt: string;
  link?: string;
}
/** One of the caller's sessions. */
export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== '') as [string, string][],
  ).toString();
const ifMatch = (kind: string, id: number, version: number) => ({ 'if-match': `"${kind}-${id}-v${version}"` });

/** Accounts the caller administers, filtered. */
export function useAdminUsers(f: { q?: string; organisationId?: string; role?: string; status?: string }) {
  return useQuery({
    queryKey: ['admin', 'users', f],
    queryFn: () => apiFetch<{ items: AdminUser[] }>(`/api/v1/admin/users?${qs(f)}`),
  });
}

/** Organisations with state and counts (MoF). */
export function useAdminOrganisations(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: () => apiFetch<{ items: AdminOrg[] }>('/api/v1/admin/organisations'),
    enabled,
  });
}

/** Every account and organisation action; each refreshes the lists. */
export function useAdminActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['admin'] });
  const useAction = <A, R>(fn: (a: A) => Promise<R>) => useMutation({ mutationFn: fn, onSuccess: done });
  return {
    create: useAction((input: CreateUserInput) =>
      apiFetch<LinkSent>('/api/v1/admin/users', { method: 'POST', json: input }),
    ),
    update: useAction((a: { user: AdminUser; patch: UpdateUserInput }) =>
      apiFetch<AdminUser>(`/api/v1/admin/users/${a.user.id}`, {
        method: 'PATCH',
        json: a.patch,
        headers: ifMatch('user', a.user.id, a.user.version),
      }),
    ),
    setActive: useAction((a: { user: AdminUser; active: boolean }) =>
      apiFetch<AdminUser>(`/api/v1/admin/users/${a.user.id}/${a.active ? 'reactivate' : 'deactivate'}`, {
        method: 'POST',
        headers: ifMatch('user', a.user.id, a.user.version),
      }),
    ),
    link: useAction((a: { user: AdminUser; purpose: 'invite' | 'reset' }) =>
      apiFetch<LinkSent>(`/api/v1/admin/users/${a.user.id}/${a.purpose}`, { method: 'POST' }),
    ),
    unlock: useAction((u: AdminUser) => apiFetch<AdminUser>(`/api/v1/admin/users/${u.id}/unlock`, { method: 'POST' })),
    createOrg: useAction((input: Record<string, unknown>) =>
      apiFetch<AdminOrg>('/api/v1/admin/organisations', { method: 'POST', json: input }),
    ),
    updateOrg: useAction((a: { org: AdminOrg; patch: Record<string, unknown> }) =>
      apiFetch<AdminOrg>(`/api/v1/admin/organisations/${a.org.id}`, {
        method: 'PATCH',
        json: a.patch,
        headers: ifMatch('organisation', a.org.id, a.org.version),
      }),
    ),
    setOrgActive: useAction((a: { org: AdminOrg; active: boolean }) =>
      apiFetch<AdminOrg>(`/api/v1/admin/organisations/${a.org.id}/${a.active ? 'reactivate' : 'deactivate'}`, {
        method: 'POST',
        headers: ifMatch('organisation', a.org.id, a.org.version),
      }),
    ),
  };
}

/** One row of the audit trail. */
export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  organisationId: number | null;
  source: string;
  tableName: string;
  operation: string;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The audit trail, newest first, filtered. */
export function useAudit(f: Record<string, string | undefined>, before?: number) {
  return useQuery({
    queryKey: ['admin', 'audit', f, before],
    queryFn: () =>
      apiFetch<{ items: AuditRow[]; nextBefore: number | null }>(`/api/v1/admin/audit?${qs({ ...f, before })}`),
  });
}

/** The hash chain's state. */
export function useAuditChain() {
  return useQuery({
    queryKey: ['admin', 'audit-chain'],
    queryFn: () =>
      apiFetch<{ rows: number; ok: boolean; broken?: { seq: number; reason: string } }>('/api/v1/admin/audit/chain'),
  });
}

export const auditCsvUrl = (f: Record<string, string | undefined>) =>
  `/api/v1/admin/audit?${qs({ ...f, format: 'csv' })}`;

/** One's sessions, password, two-factor sign-in. */
export function useOwnAccount() {
  const qc = useQueryClient();
  const sessions = useQuery({
    queryKey: ['auth', 'sessions'],
    queryFn: () => apiFetch<{ items: Session[] }>('/api/v1/auth/sessions'),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['auth'] });
  return {
    sessions,
    endSession: useMutation({
      mutationFn: (id: string) => apiFetch<null>(`/api/v1/auth/sessions/${id}`, { method: 'DELETE' }),
      onSuccess: refresh,
    }),
    changePassword: useMutation({
      mutationFn: (b: { currentPassword: string; newPassword: string }) =>
        apiFetch<null>('/api/v1/auth/password', { method: 'POST', json: b }),
      onSuccess: refresh,
    }),
    startTotp: useMutation({
      mutationFn: () => apiFetch<{ secret: string; uri: string }>('/api/v1/auth/totp', { method: 'POST' }),
    }),
    confirmTotp: useMutation({
      mutationFn: (code: string) =>
        apiFetch<{ codes: string[] }>('/api/v1/auth/totp/confirm', { method: 'POST', json: { code } }),
      onSuccess: refresh,
    }),
  };
}

/** What a one-time link is for, and setting the password with it. */
export function useTokenInfo(token: string | null) {
  return useQuery({
    queryKey: ['auth', 'link', token],
    queryFn: () => apiFetch<TokenInfo>('/api/v1/auth/link', { method: 'POST', json: { token } }),
    enabled: !!token,
    retry: false,
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (b: { token: string; newPassword: string }) =>
      apiFetch<{ username: string }>('/api/v1/auth/link/password', { method: 'POST', json: b }),
  });
}

import type { LoginInput, Me } from '@regionlink/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';
import { ME_URL } from './urls';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user, or null when signed out (query options, shared by `useMe` and the pages that need the user). */
export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
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

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery(meQuery());
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => apiFetch<Me>('/api/v1/auth/login', { method: 'POST', json: input }),
    onSuccess: (me) => qc.setQueryData(meKey, me),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<null>('/api/v1/auth/logout', { method: 'POST' }),
    onSuccess: () => {
      qc.setQueryData(meKey, null);
      qc.invalidateQueries();
    },
  });
}

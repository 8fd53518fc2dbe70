import type { UserJob } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './api';

const finished = (j: UserJob | undefined) => j?.state === 'completed' || j?.state === 'failed';

/** One background job of the caller (`GET /api/v1/jobs/{id}`), polled every second until it has finished. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => apiFetch<UserJob>(`/api/v1/jobs/${id}`),
    enabled: !!id,
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
    retry: false,
  });
}

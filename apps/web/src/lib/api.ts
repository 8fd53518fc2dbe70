import type { Problem } from '@regionlink/shared';
import { takeEarly } from './early';

/** An API error with the server's Vietnamese and English messages and any per-field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
  /** The message in the user's language. */
  text(lang: 'vi' | 'en'): string {
    if (!this.problem)
      return lang === 'vi' ? `Lỗi máy chủ (HTTP ${this.status})` : `Server error (HTTP ${this.status})`;
    return lang === 'vi' ? this.problem.detailVi : this.problem.detail;
  }
}

/**
 * Call the API with the session cookie; JSON in and out; problem responses become ApiError. A plain GET takes the
 * answer the entry asked for early (lib/early.ts) when there is one.
 */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const plainGet = Object.keys(init).length === 0;
  const res =
    (plainGet ? await takeEarly(path) : undefined) ??
    (await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(headers ?? {}) },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    }));
  if (!res.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await res.json()) as Problem;
    } catch {
      problem = null;
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return null as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

import { useSearchParams } from 'react-router';

/** Changes to the page address's parameters: a value sets its parameter, null or '' removes it. */
export type SearchPatch = Record<string, string | null | undefined>;

/**
 * The page's search parameters and a function that changes some of them, keeping the others. `history: 'replace'`
 * (default) changes the current history entry, as a filter or switch on the same page should; 'push' adds one, so
 * that Back returns to the previous filters.
 */
export function useSearchPatch(history: 'replace' | 'push' = 'replace') {
  const [params, setParams] = useSearchParams();
  const patch = (changes: SearchPatch) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: history === 'replace' });
  };
  return [params, patch, setParams] as const;
}

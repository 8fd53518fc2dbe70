import type { Dataset } from '@regionlink/shared';

/**
 * Whether anyone, signed in or not, may read a dataset. Every dataset is public today; access levels (public,
 * government-only, restricted to named organisations) will decide it here, and every export that lists datasets for
 * the public (the DCAT catalogue) asks this one function.
 */
export function isPublicDataset(_dataset: Pick<Dataset, 'id' | 'code'>): boolean {
  return true;
}

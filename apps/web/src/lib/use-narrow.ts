import { useMediaQuery } from '@mantine/hooks';

/**
 * Whether the screen is at most `maxWidth` wide (a CSS length, e.g. `36em`), known at the first render: Mantine's
 * hook answers `false` first and the truth in an effect, so a phone first drew the desktop layout and then moved
 * everything (the national dashboard's layout shift of 0.48 in Lighthouse).
 */
export function useNarrow(maxWidth: string): boolean {
  return useMediaQuery(`(max-width: ${maxWidth})`, undefined, { getInitialValueInEffect: false });
}

import { createTheme, type MantineColorsTuple } from '@mantine/core';
import palette from './palette.json';

/** The application's theme: Mantine's, with palettes whose shades for words pass WCAG AA (palette.ts). */
export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Noto Sans", system-ui, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "Noto Sans", system-ui, sans-serif', fontWeight: '600' },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  colors: palette as unknown as Record<string, MantineColorsTuple>,
  components: {
    // a badge's words wrap instead of being cut ("CHECKED O…") when its column is narrow
    Badge: {
      styles: {
        root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%' },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.25 },
      },
    },
    // a switch with long labels ("63 provinces (to 30 Jun 2025)") wraps its labels on a phone instead of pushing the
    // page sideways
    // a table wider than the screen scrolls inside its box: the box takes the keyboard focus, so that arrow keys
    // scroll it (WCAG 2.1.1; axe's scrollable-region-focusable)
    TableScrollContainer: {
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    },
    SegmentedControl: {
      styles: { root: { maxWidth: '100%' }, label: { whiteSpace: 'normal' } },
    },
  },
});

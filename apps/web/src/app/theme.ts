import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palettes darkened where they are used for text or behind white text, so that every colour the app uses
 * for words passes WCAG AA (4.5:1) on white: Mantine's blue-6 is 3.55:1, its gray-6 (the "dimmed" text) 3.3:1.
 * Shades 5–9 serve as text (`c="green"`, anchors, dimmed), filled backgrounds under white text and light-variant
 * labels (shade 9 on shade 1); each is darkened just enough, so the look stays Mantine's.
 */
const TARGET = 4.6;

const channel = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** Black or white, whichever reads better on the background (for words on data colours, e.g. a map's legend). */
export const textOn = (background: string) =>
  contrast('#000000', background) > contrast('#ffffff', background) ? '#000000' : '#ffffff';

const darken = (hex: string, f: number) =>
  `#${rgb(hex)
    .map((v) =>
      Math.round(v * (1 - f))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** The colour darkened in 2 % steps until it reads at `TARGET` against every background given. */
function readable(hex: string, backgrounds: string[]) {
  let f = 0;
  let out = hex;
  while (backgrounds.some((bg) => contrast(out, bg) < TARGET) && f < 0.9) {
    f += 0.02;
    out = darken(hex, f);
  }
  return out;
}

function accessible(tuple: MantineColorsTuple): MantineColorsTuple {
  const backgrounds = ['#ffffff', '#f6f8fa', tuple[0], tuple[1]];
  return tuple.map((hex, i) => (i >= 5 ? readable(hex, backgrounds) : hex)) as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, tuple]) => [name, name === 'dark' ? tuple : accessible(tuple)]),
);

export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Noto Sans", system-ui, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "Noto Sans", system-ui, sans-serif', fontWeight: '600' },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  colors,
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

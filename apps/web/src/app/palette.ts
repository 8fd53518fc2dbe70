// The colours of the theme and the contrast rule they follow. The palettes themselves are data (palette.json, written
// by `npm run palette -w apps/web` from Mantine's and checked against it by palette.test.ts): computing them took a
// task of its own each time the application started.
import type { MantineColorsTuple } from '@mantine/core';

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

/** Mantine's palettes (`DEFAULT_THEME.colors`) with each shade that carries words made readable ('dark' as it is). */
export const accessiblePalettes = (colors: Record<string, MantineColorsTuple>) =>
  Object.fromEntries(
    Object.entries(colors).map(([name, tuple]) => [name, name === 'dark' ? tuple : accessible(tuple)]),
  );

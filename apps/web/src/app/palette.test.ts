import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessiblePalettes, contrast } from './palette';
import palette from './palette.json';

describe('the theme palettes (palette.json)', () => {
  it("are Mantine's palettes made readable, as palette.ts computes them (else: npm run palette -w apps/web)", () => {
    expect(palette).toEqual(accessiblePalettes(DEFAULT_THEME.colors));
  });

  it('give words of shades 5–9 at least 4.5:1 on white and on their own light shades', () => {
    for (const [name, shades] of Object.entries(palette)) {
      if (name === 'dark') continue;
      for (const shade of shades.slice(5))
        for (const background of ['#ffffff', shades[0], shades[1]])
          expect(contrast(shade, background), `${name} ${shade} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

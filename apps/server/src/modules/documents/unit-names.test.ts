import { describe, expect, it } from 'vitest';
import { officialSpelling, toneVariants } from './unit-names';

describe('one spelling per unit name', () => {
  it('knows both tone placements of a name', () => {
    expect(toneVariants('Thanh Hóa')).toEqual(['Thanh Hoá']);
    expect(toneVariants('Khánh Hoà')).toEqual(['Khánh Hòa']);
    expect(toneVariants('Hà Nội')).toEqual([]);
  });

  it('rewrites every other spelling into the official list’s', () => {
    const fix = officialSpelling(['Thanh Hóa', 'Khánh Hòa']);
    expect(fix('UBND tỉnh Thanh Hoá và UBND tỉnh Khánh Hoà; Thanh Hóa')).toBe(
      'UBND tỉnh Thanh Hóa và UBND tỉnh Khánh Hòa; Thanh Hóa',
    );
    // NFD input is normalised first.
    expect(fix('Thanh Hoá'.normalize('NFD'))).toBe('Thanh Hóa');
  });
});

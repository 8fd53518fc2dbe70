import { describe, expect, it } from 'vitest';
import { formatNumberVi, numberFormat } from './format';

describe('numberFormat', () => {
  it('formats as vi-VN and en-GB with the asked decimals', () => {
    expect(formatNumberVi(1234567.891, 2)).toBe('1.234.567,89');
    expect(numberFormat('en-GB', 1).format(1234.56)).toBe('1,234.6');
    expect(numberFormat('vi-VN', 0, 2).format(3.5)).toBe('3,5');
    expect(formatNumberVi(null)).toBe('—');
  });

  it('makes one formatter per locale and decimals, and keeps them apart', () => {
    expect(numberFormat('vi-VN', 2)).toBe(numberFormat('vi-VN', 2, 2));
    expect(numberFormat('vi-VN', 2)).not.toBe(numberFormat('en-GB', 2));
    expect(numberFormat('vi-VN', 0, 2)).not.toBe(numberFormat('vi-VN', 2));
    expect(numberFormat('vi-VN', 0, 2).format(3)).toBe('3');
  });
});

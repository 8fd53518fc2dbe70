import { describe, expect, it } from 'vitest';
import { yearRuns } from './coverage';

describe('yearRuns', () => {
  it('joins consecutive years and keeps the gaps', () => {
    expect(yearRuns([2016, 2010, 2011, 2012, 2024])).toBe('2010–2012, 2016, 2024');
    expect(yearRuns([2005, 2006, 2006])).toBe('2005–2006');
    expect(yearRuns([2020])).toBe('2020');
    expect(yearRuns([])).toBe('');
  });
});

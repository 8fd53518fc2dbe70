import { describe, expect, it } from 'vitest';
import { contentDisposition, csvField, neutraliseCell, toCsv } from './http';

describe('downloads and spreadsheet safety', () => {
  it('neutralises formula-looking text but keeps numbers', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseCell('+1+1')).toBe("'+1+1");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('-12,5')).toBe('-12,5');
    expect(neutraliseCell('Hà Nội')).toBe('Hà Nội');
  });
  it('quotes CSV fields and starts the file with a BOM', () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    const csv = toCsv(['code', 'name'], [['01', 'Hà Nội']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('01,Hà Nội\r\n');
  });
  it('keeps Vietnamese file names and strips header-breaking characters', () => {
    const h = contentDisposition('Báo cáo "tỉnh"\r\nX: y.docx');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    expect(h).toContain('filename="Bao cao _tinh___X: y.docx"');
  });
});

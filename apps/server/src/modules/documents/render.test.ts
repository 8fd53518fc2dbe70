import { REPORT_PARTS, type ReportModel } from '@regionlink/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDraft2025, loadFixture2025 } from './fixture-2025';
import { generatePdfs } from './package';
import { findSoffice } from './pdf-writer';
import { listTasks } from './report-model';
import { collapse, comparable, cycleModel2025, firstLine, pdfInfo, pdfText, referenceBoundaries } from './test-support';

/**
 * The checks of §4.2–4.5 of the official report format with real readers: LibreOffice headless converts each generated
 * DOCX to PDF (conversion errors fail the test), poppler's pdfinfo and pdftotext read the result. They run on the
 * reference package and on the package the product assembles from the 2025 cycle's accepted submissions.
 */

const boundaries = referenceBoundaries();
const SOURCES: Record<string, () => Promise<ReportModel>> = {
  'the reference 2025 package': async () => loadFixture2025(),
  "the package generated from the 2025 cycle's submissions": () => cycleModel2025(),
};

describe.each(Object.keys(SOURCES))('LibreOffice renders every part of %s', (source) => {
  let model: ReportModel;
  let pdf: Record<string, Buffer> = {};
  const text: Record<string, string> = {};

  beforeAll(async () => {
    expect(findSoffice(), 'LibreOffice (soffice) must be installed for these checks').not.toBeNull();
    model = await SOURCES[source]();
    pdf = await generatePdfs(REPORT_PARTS, { model, boundaries }, 'libreoffice');
    for (const p of REPORT_PARTS) text[p] = collapse(pdfText(pdf[p]));
  }, 240_000);

  it.each(REPORT_PARTS)('%s is a PDF on A4 pages', (part) => {
    const info = pdfInfo(pdf[part]);
    expect(info['Page size']).toMatch(/\(A4\)/);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(part === 'report' ? 20 : 1);
  });

  it.each(REPORT_PARTS)('%s has no number on page 1, and page 2 starts with "2"', (part) => {
    const pages = Number(pdfInfo(pdf[part]).Pages);
    expect(firstLine(pdfText(pdf[part], 1, 1))).not.toMatch(/^\d+$/);
    if (pages >= 2) expect(firstLine(pdfText(pdf[part], 2, 2))).toBe('2');
    if (pages >= 3) expect(firstLine(pdfText(pdf[part], pages, pages))).toBe(String(pages));
  });

  it('prints the letter header, recipient, closing and signature literals', () => {
    const t = text.letter;
    for (const literal of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ TÀI CHÍNH',
      'V/v báo cáo kết quả thực hiện các nhiệm vụ, giải pháp hoàn thiện thể chế liên kết vùng kinh tế - xã hội năm 2025',
      'Kính gửi: Thủ tướng Chính phủ',
      'Nơi nhận:',
      'KT. BỘ TRƯỞNG',
      'THỨ TRƯỞNG',
      'Đỗ Thành Trung',
      './.',
    ])
      expect(t).toContain(literal);
    expect(t).toMatch(/Số: *\d*\/BTC-VCL/);
    expect(t).toMatch(/Hà Nội, ngày *\d{0,2} *tháng *\d{0,2} *năm \d{4}/);
  });

  it('prints Parts I–III and every task heading of the report', () => {
    const t = text.report;
    expect(t).toContain('I. TÌNH HÌNH TỔ CHỨC THỰC HIỆN VÀ KẾT QUẢ TRIỂN KHAI');
    expect(t).toContain('II. ĐÁNH GIÁ CHUNG VỀ KẾT QUẢ ĐẠT ĐƯỢC');
    expect(t).toContain('III. ĐỀ XUẤT, KIẾN NGHỊ CÁC GIẢI PHÁP');
    expect(t.endsWith('./.') || t.includes('./.')).toBe(true);
    const headings = new Set(listTasks(model).map((r) => r.item.heading));
    expect(headings.size).toBeGreaterThanOrEqual(17);
    const c = comparable(t);
    for (const h of headings) expect(c).toContain(comparable(h));
    for (const r of listTasks(model)) if (r.task.subheading) expect(c).toContain(comparable(r.task.subheading));
  });

  it('lists every reporter of Appendix 1 with its document number and dates, one row each', () => {
    const rows = pdfText(pdf.appendix, undefined, undefined, true).split('\n');
    for (const r of model.reporters) {
      const at = rows.findIndex((l) => l.includes(r.drafting ? 'Cơ quan soạn thảo' : (r.documentNumber as string)));
      expect(at, r.name).toBeGreaterThanOrEqual(0);
      const row = rows[at];
      // A long name wraps inside its cell: look at the row and the lines around it.
      expect(collapse(rows.slice(at - 1, at + 2).join(' '))).toContain(r.name.split(' ').slice(0, 3).join(' '));
      if (r.issuedOn) expect(row).toContain(r.issuedOn.split('-').reverse().join('/'));
      if (r.receivedOn) expect(row).toContain(r.receivedOn.split('-').reverse().join('/'));
    }
    expect(text.appendix).toContain('DANH SÁCH CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG ĐÃ GỬI BÁO CÁO');
  });

  it("prints counts in the letter that equal the appendix's rows, and cites the letter's number and date", () => {
    const counts = /(\d+) bộ, cơ quan trung ương và (\d+) địa phương/.exec(text.letter);
    expect(counts).not.toBeNull();
    // Rows of the appendix as printed: numbered rows under each group heading (I., II.).
    const groups: number[] = [];
    for (const line of pdfText(pdf.appendix, undefined, undefined, true).split('\n')) {
      if (/^\s*(I|II)\.\s/.test(line)) groups.push(0);
      else if (/^\s*\d{1,3}\.\s+\S/.test(line) && groups.length > 0) groups[groups.length - 1]++;
    }
    expect(groups).toEqual([Number(counts?.[1]), Number(counts?.[2])]);
    expect(groups).toEqual([11, 27]);
    const number = /Số: *(\d*)\/BTC-VCL/.exec(text.letter)?.[1];
    const date = /Hà Nội, (ngày *\d{0,2} *tháng *\d{0,2} *năm \d{4})/.exec(text.letter)?.[1];
    expect(number).toBe('20208');
    expect(text.report).toContain(`Kèm theo công văn số ${number}/BTC-VCL ${date} của Bộ Tài chính`);
    expect(text.appendix).toContain(`Kèm theo Công văn số ${number}/BTC-VCL ${date} của Bộ Tài chính`);
  });

  it('keeps Vietnamese text intact through conversion (NFC, diacritics)', () => {
    for (const p of REPORT_PARTS) expect(text[p]).toBe(text[p].normalize('NFC'));
    expect(text.report).toContain('Hội đồng điều phối vùng');
    expect(text.appendix).toContain('Sở Tài chính tỉnh Điện Biên');
  });
});

describe('pdfmake renders the same package without LibreOffice', () => {
  let fallback: Record<string, Buffer> = {};
  beforeAll(async () => {
    fallback = await generatePdfs(['letter', 'appendix'], { model: loadDraft2025(), boundaries }, 'pdfmake');
  }, 120_000);

  it('writes A4 pages, no number on page 1, "2" on page 2', () => {
    for (const part of ['letter', 'appendix']) {
      const info = pdfInfo(fallback[part]);
      expect(info['Page size']).toMatch(/\(A4\)/);
      expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
      expect(firstLine(pdfText(fallback[part], 1, 1))).not.toMatch(/^\d+$/);
      expect(firstLine(pdfText(fallback[part], 2, 2))).toBe('2');
    }
  });

  it('prints the header block, blank number and day of a draft, and the notes at the end', () => {
    const t = collapse(pdfText(fallback.letter));
    for (const literal of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ TÀI CHÍNH',
      'Kính gửi: Thủ tướng Chính phủ',
      'Nơi nhận:',
      'KT. BỘ TRƯỞNG',
      'Ghi chú',
    ])
      expect(t).toContain(literal);
    const layout = pdfText(fallback.letter, 1, 1, true);
    expect(layout).toMatch(/Số: *\d*\/BTC-VCL/);
    expect(layout).toMatch(/Hà Nội, ngày *\d{0,2} *tháng *\d{0,2} *năm \d{4}/);
    expect(layout).not.toContain('20208');
    expect(t).toContain('Nhiệm vụ số 48, Phụ lục I kèm theo Quyết định số 150/QĐ-TTg');
    expect(collapse(pdfText(fallback.appendix, 1, 1, true))).toContain(
      'Kèm theo Công văn số /BTC-VCL ngày tháng 12 năm 2025',
    );
  });
});

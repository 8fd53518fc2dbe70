import { REPORT_PARTS, type ReportPart } from '@regionlink/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDraft2025, loadFixture2025 } from './fixture-2025';
import { generateDocx } from './package';
import { listTasks } from './report-model';
import { ooxmlPart, referenceBoundaries, wordText } from './test-support';

/** The automatic checks of §4.1 of the official report format, on the XML of every generated part. */

const boundaries = referenceBoundaries();
const docs: Record<string, { document: string; styles: string; footnotes: string | null; headers: string[] }> = {};

/** The `<w:p>` elements whose text contains `needle`. */
const paragraphsWith = (xml: string, needle: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => wordText(p).includes(needle));
const sizesIn = (xml: string) => new Set([...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1])));

beforeAll(async () => {
  const model = loadFixture2025();
  for (const part of REPORT_PARTS) {
    const file = await generateDocx(part, { model, boundaries });
    const zip = await import('jszip').then((m) => m.default.loadAsync(file));
    const headerNames = Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    docs[part] = {
      document: await ooxmlPart(file, 'word/document.xml'),
      styles: await ooxmlPart(file, 'word/styles.xml'),
      footnotes: zip.file('word/footnotes.xml') ? await ooxmlPart(file, 'word/footnotes.xml') : null,
      headers: await Promise.all(headerNames.map((n) => ooxmlPart(file, n))),
    };
  }
});

describe.each(REPORT_PARTS)('%s.docx XML', (part: ReportPart) => {
  it('is A4 portrait with margins in the decree ranges', () => {
    const d = docs[part].document;
    expect(d).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const m = /<w:pgMar ([^>]*)\/>/.exec(d)?.[1] ?? '';
    const attr = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(m)?.[1]);
    // top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (1 mm = 56.7 twips)
    expect(attr('top')).toBeGreaterThanOrEqual(1134);
    expect(attr('top')).toBeLessThanOrEqual(1418);
    expect(attr('bottom')).toBeGreaterThanOrEqual(1134);
    expect(attr('bottom')).toBeLessThanOrEqual(1418);
    expect(attr('left')).toBeGreaterThanOrEqual(1701);
    expect(attr('left')).toBeLessThanOrEqual(1985);
    expect(attr('right')).toBeGreaterThanOrEqual(850);
    expect(attr('right')).toBeLessThanOrEqual(1134);
  });

  it('uses Times New Roman in every font declaration, and no theme fonts', () => {
    for (const xml of [docs[part].document, docs[part].styles, docs[part].footnotes ?? '', ...docs[part].headers]) {
      const fonts = [...xml.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]);
      for (const f of fonts) {
        expect(f).not.toMatch(/Theme=/);
        for (const [, value] of f.matchAll(/w:\w+="([^"]*)"/g)) expect(value).toBe('Times New Roman');
      }
    }
    expect(docs[part].document).toMatch(/<w:rFonts /);
  });

  it('hides the page number on page 1 and centres a PAGE field in the top margin', () => {
    const d = docs[part].document;
    expect(d).toMatch(/<w:titlePg\/>/);
    const first = /<w:headerReference w:type="first" r:id="(\w+)"\/>/.exec(d);
    const def = /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(d);
    expect(first && def).toBeTruthy();
    const withPage = docs[part].headers.filter((h) => /PAGE/.test(h));
    const empty = docs[part].headers.filter((h) => !/PAGE/.test(h) && wordText(h).trim() === '');
    expect(withPage).toHaveLength(1);
    expect(withPage[0]).toMatch(/<w:jc w:val="center"\/>/);
    expect(withPage[0]).toMatch(/<w:sz w:val="2[68]"\/>/);
    expect(empty.length).toBeGreaterThanOrEqual(1);
  });

  it('has as many footnote references as footnotes, numbered from 1', () => {
    const refs = [...docs[part].document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const notes = docs[part].footnotes
      ? [...docs[part].footnotes.matchAll(/<w:footnote (?:[^>]*)w:id="(\d+)"/g)]
          .map((m) => Number(m[1]))
          .filter((n) => n > 0)
      : [];
    expect(refs.length).toBe(notes.length);
    expect(refs).toEqual(refs.map((_, i) => i + 1));
  });

  it('holds NFC text only', () => {
    const text = wordText(docs[part].document) + wordText(docs[part].footnotes ?? '');
    expect(text.length).toBeGreaterThan(500);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('sets body text at 13–14 pt', () => {
    const body = [...docs[part].document.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => /<w:jc w:val="both"\/>/.test(p) && /<w:ind w:firstLine="567"\/>/.test(p));
    if (part === 'appendix') {
      expect(sizesIn(docs[part].document).has(26)).toBe(true);
      return;
    }
    expect(body.length).toBeGreaterThan(5);
    for (const p of body) for (const s of sizesIn(p)) expect([26, 28]).toContain(s);
  });
});

describe('header and closing blocks of the letter', () => {
  it('prints the national title, motto, agency, number, date and V/v in their sizes and styles', () => {
    const d = docs.letter.document;
    const [title] = paragraphsWith(d, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(title).toMatch(/<w:b\/>/);
    for (const s of sizesIn(title)) expect(s).toBeGreaterThanOrEqual(24);
    for (const s of sizesIn(title)) expect(s).toBeLessThanOrEqual(26);
    const [motto] = paragraphsWith(d, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto).toMatch(/<w:b\/>/);
    for (const s of sizesIn(motto)) expect([26, 28]).toContain(s);
    const [agency] = paragraphsWith(d, 'BỘ TÀI CHÍNH');
    expect(agency).toMatch(/<w:b\/>/);
    const [number] = paragraphsWith(d, 'Số: 20208/BTC-VCL');
    expect(sizesIn(number)).toEqual(new Set([26]));
    const [date] = paragraphsWith(d, 'Hà Nội, ngày 26 tháng 12 năm 2025');
    expect(date).toMatch(/<w:i\/>/);
    const [subject] = paragraphsWith(d, 'V/v báo cáo kết quả thực hiện');
    for (const s of sizesIn(subject)) expect([24, 26]).toContain(s);
    expect(paragraphsWith(d, 'Kính gửi: Thủ tướng Chính phủ')).toHaveLength(1);
  });

  it('prints Nơi nhận at 12 pt bold italic, the recipients at 11 pt, and the signer in bold capitals', () => {
    const d = docs.letter.document;
    const [label] = paragraphsWith(d, 'Nơi nhận:');
    expect(sizesIn(label)).toEqual(new Set([24]));
    expect(label).toMatch(/<w:b\/>/);
    expect(label).toMatch(/<w:i\/>/);
    const lines = ['- Như trên;', '- Văn phòng Chính phủ;', '- Lãnh đạo Bộ;', '- Lưu: VT, VCL.'];
    for (const l of lines) expect(sizesIn(paragraphsWith(d, l)[0])).toEqual(new Set([22]));
    for (const l of ['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Đỗ Thành Trung']) {
      const [p] = paragraphsWith(d, l);
      expect(p).toMatch(/<w:b\/>/);
      expect(sizesIn(p)).toEqual(new Set([28]));
    }
  });

  it('leaves number and day blank in a draft until the records office issues them', async () => {
    const file = await generateDocx('letter', { model: loadDraft2025(), boundaries });
    const text = wordText(await ooxmlPart(file, 'word/document.xml'));
    expect(text).toMatch(/Số: +\/BTC-VCL/);
    expect(text).toMatch(/Hà Nội, ngày +tháng 12 năm 2025/);
    expect(text).not.toContain('20208');
  });
});

describe('report and appendix content', () => {
  it('prints every task heading of Part I with its Vietnamese letter, and Parts I–III', () => {
    const text = wordText(docs.report.document);
    const model = loadFixture2025();
    for (const { item, itemIndex } of listTasks(model)) {
      const letter = 'abcdđeghiklmn'[itemIndex] ?? '';
      expect(text).toContain(`${letter}) ${item.heading}`);
    }
    expect(text).toContain('I. TÌNH HÌNH TỔ CHỨC THỰC HIỆN');
    expect(text).toContain('II. ĐÁNH GIÁ CHUNG VỀ KẾT QUẢ ĐẠT ĐƯỢC VÀ NHỮNG TỒN TẠI');
    expect(text).toContain('III. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(text).not.toContain('TÒN TẠI');
    expect(text).toContain('(Kèm theo công văn số 20208/BTC-VCL ngày 26 tháng 12 năm 2025 của Bộ Tài chính)');
    expect(text.trimEnd().endsWith('./.')).toBe(true);
  });

  it('repeats the appendix table header on every page and numbers each group from 1', () => {
    const d = docs.appendix.document;
    expect(d).toMatch(/<w:tblHeader\/>/);
    const text = wordText(d);
    expect(text).toContain('I.Bộ, ngành, cơ quan ngang bộ1.Bộ Tài chínhCơ quan soạn thảo');
    expect(text).toContain(
      'II.UBND các tỉnh, thành phố trực thuộc Trung ương1.UBND tỉnh Lạng Sơn766/BC-UBND24/11/2025',
    );
    expect(text).toContain('(Kèm theo Công văn số 20208/BTC-VCL ngày 26 tháng 12 năm 2025 của Bộ Tài chính)');
  });
});

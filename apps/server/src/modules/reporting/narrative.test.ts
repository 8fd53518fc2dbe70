import { describe, expect, it } from 'vitest';
import { narrativeToText, parseNarrative, sanitiseNarrative } from './narrative';

describe('narrative sanitising', () => {
  it('removes scripts, event handlers, styles, images, iframes and javascript: links', () => {
    const dirty =
      '<p onclick="steal()">Kết quả <script>alert(1)</script><img src=x onerror="alert(2)">' +
      '<a href="javascript:alert(3)">xấu</a> <a href="https://mof.gov.vn">tốt</a></p>' +
      '<iframe src="https://evil"></iframe><style>p{color:red}</style><svg onload="alert(4)"></svg>';
    const clean = sanitiseNarrative(dirty);
    expect(clean).not.toMatch(/script|onerror|onclick|onload|iframe|style|svg|javascript:|alert/i);
    expect(clean).toContain('<a href="https://mof.gov.vn">tốt</a>');
    expect(clean).toContain('Kết quả');
  });

  it('keeps lists, emphasis, headings and footnote markers', () => {
    const html =
      '<h3>Tiêu đề</h3><p><strong>Đậm</strong> <em>nghiêng</em> <u>gạch</u></p><ul><li><p>Một</p></li><li>Hai</li></ul>' +
      '<ol><li>Ba</li></ol><p>Có chú thích<sup data-footnote="Nguồn: Báo cáo 766/BC-UBND">1</sup>.</p>';
    expect(sanitiseNarrative(html)).toBe(html);
  });

  it('normalises NFD Vietnamese to NFC and strips invisible characters', () => {
    const nfd = '<p>Lạng Sơn\u200b</p>'.normalize('NFD');
    const clean = sanitiseNarrative(nfd);
    expect(clean).toBe('<p>Lạng Sơn</p>');
    expect(clean).toBe(clean.normalize('NFC'));
  });

  it('turns an empty editor document into an empty string', () => {
    expect(sanitiseNarrative('<p></p>')).toBe('');
    expect(sanitiseNarrative('   ')).toBe('');
  });
});

describe('narrative parsing for documents and search', () => {
  it('parses paragraphs, lists and formatted runs, numbering footnotes in order', () => {
    const p = parseNarrative(
      '<p><strong>Đậm</strong> và thường<sup data-footnote="Chú thích A &amp; B">1</sup></p>' +
        '<ul><li><p>Mục một</p></li><li>Mục <em>hai</em><sup data-footnote="Chú thích C">2</sup></li></ul><ol><li>Số</li></ol>',
    );
    expect(p.footnotes).toEqual(['Chú thích A & B', 'Chú thích C']);
    expect(p.blocks.map((b) => b.type)).toEqual(['paragraph', 'bullet', 'bullet', 'ordered']);
    expect(p.blocks[0].runs[0]).toEqual({ text: 'Đậm', bold: true });
    expect(p.blocks[0].runs[2]).toEqual({ text: '', footnote: 1 });
    expect(p.blocks[2].runs.find((r) => r.italic)?.text).toBe('hai');
    expect(p.blocks[2].runs.at(-1)).toEqual({ text: '', footnote: 2 });
  });

  it('gives plain text with footnotes appended, for search', () => {
    expect(narrativeToText('<p>A<sup data-footnote="ghi chú">1</sup> &lt;b&gt;</p><p>B</p>')).toBe(
      'A[1] <b>\nB\n[1] ghi chú',
    );
  });
});

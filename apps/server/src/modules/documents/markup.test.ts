import { describe, expect, it } from 'vitest';
import { MarkupError, parseInlines, parseMarkupBlocks, parseMarkupDocument } from './markup';

describe('report markup', () => {
  it('parses emphasis into runs', () => {
    expect(parseInlines('a *b* **c** ***d*** e', null)).toEqual([
      { kind: 'text', text: 'a ', bold: false, italic: false },
      { kind: 'text', text: 'b', bold: false, italic: true },
      { kind: 'text', text: ' ', bold: false, italic: false },
      { kind: 'text', text: 'c', bold: true, italic: false },
      { kind: 'text', text: ' ', bold: false, italic: false },
      { kind: 'text', text: 'd', bold: true, italic: true },
      { kind: 'text', text: ' e', bold: false, italic: false },
    ]);
  });

  it('resolves fields and footnotes, with multi-paragraph footnotes', () => {
    const blocks = parseMarkupBlocks(
      'Đến hết ngày {{cutOffDate}}, đã nhận báo cáo của {{reporterCounts}}[^a].\n\n[^a]: Ví dụ: *Hà Nội*.\n\n    Tỉnh Lạng Sơn.',
    );
    expect(blocks).toHaveLength(1);
    const [p] = blocks;
    expect(p.kind).toBe('paragraph');
    if (p.kind !== 'paragraph') return;
    expect(p.content.map((r) => r.kind)).toEqual(['text', 'field', 'text', 'field', 'footnote', 'text']);
    const note = p.content[4];
    expect(note.kind === 'footnote' && note.paragraphs).toHaveLength(2);
    expect(note.kind === 'footnote' && note.paragraphs[0][1]).toEqual({
      kind: 'text',
      text: 'Hà Nội',
      bold: false,
      italic: true,
    });
  });

  it('recognises headings, subheadings, list lines, tables and figures', () => {
    const blocks = parseMarkupBlocks(
      '### Một số tồn tại\n\n#### - Đối với nhiệm vụ:\n\n- gạch đầu dòng\n\n+ Vùng A:\n\n{{table:builtin:completeness}}\n\n{{figure:builtin:reporters-map}}\n\nĐoạn văn.',
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'subheading',
      'item',
      'item',
      'table',
      'figure',
      'paragraph',
    ]);
    expect(blocks[3]).toMatchObject({ kind: 'item', marker: '+' });
    expect(blocks[4]).toEqual({ kind: 'table', tableId: 'builtin:completeness' });
  });

  it('normalises text to NFC and strips invisible characters', () => {
    const decomposed = 'Tha\u0300nh pho\u0302\u0301\u200b';
    const [r] = parseInlines(decomposed, null);
    expect(r.kind === 'text' && r.text).toBe('Thành phố');
    expect(r.kind === 'text' && r.text === r.text.normalize('NFC')).toBe(true);
  });

  it('splits a document into sections by their headers', () => {
    const doc = parseMarkupDocument(
      'Mở đầu.\n\n=== task 1.1.a | - Đối với: ===\n\nA.\n\nB.\n\n=== task 1.1.b ===\n\nC.',
    );
    expect(doc.preamble).toHaveLength(1);
    expect(doc.sections.map((s) => [s.header, s.blocks.length])).toEqual([
      ['task 1.1.a | - Đối với:', 2],
      ['task 1.1.b', 1],
    ]);
  });

  it('fails loudly, naming the line, on broken references', () => {
    expect(() => parseMarkupBlocks('Dòng 1.\n\nThiếu chú thích[^x].')).toThrow(
      /line 3: footnote \[\^x\] is not defined/,
    );
    expect(() => parseMarkupBlocks('A[^x].\n\n[^x]: a\n\n[^y]: b')).toThrow(/\[\^y\] is defined but never referenced/);
    expect(() => parseMarkupBlocks('A[^x] B[^x].\n\n[^x]: a')).toThrow(/referenced twice/);
    expect(() => parseMarkupBlocks('Số {{soLuong}}.')).toThrow(/unknown field/);
    expect(() => parseMarkupBlocks('A[^x].\n\n[^x]: có chú thích lồng[^y]\n\n[^y]: b')).toThrow(MarkupError);
  });
});

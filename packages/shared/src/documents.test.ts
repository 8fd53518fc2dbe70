import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  blocksToPmDoc,
  PmConversionError,
  pmDocToBlocks,
  type ReportBlock,
  ReportField,
  type ReportInline,
} from './documents';

/** The editor's document and the report's blocks convert both ways without loss (what staff see is what prints). */

const arbText = fc.record({
  kind: fc.constant('text' as const),
  text: fc.string({ minLength: 1, maxLength: 12 }),
  bold: fc.boolean(),
  italic: fc.boolean(),
});
const arbFootnote = fc.record({
  kind: fc.constant('footnote' as const),
  paragraphs: fc.array(
    fc.array(
      fc.oneof(
        arbText,
        fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom(...ReportField.options) }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 2 },
  ),
});
const arbInline = fc.oneof(
  { weight: 4, arbitrary: arbText },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom(...ReportField.options) }),
  },
  { weight: 1, arbitrary: arbFootnote },
);
const arbContent = fc.array(arbInline, { minLength: 1, maxLength: 6 });
const arbBlock: fc.Arbitrary<ReportBlock> = fc.oneof(
  fc.record({ kind: fc.constant('paragraph' as const), content: arbContent }),
  fc.record({ kind: fc.constant('heading' as const), content: arbContent }),
  fc.record({ kind: fc.constant('subheading' as const), content: arbContent }),
  fc.record({
    kind: fc.constant('item' as const),
    marker: fc.constantFrom('-' as const, '+' as const),
    content: arbContent,
  }),
  fc.record({ kind: fc.constant('table' as const), tableId: fc.constantFrom('builtin:completeness', 'staff-1') }),
  fc.record({ kind: fc.constant('figure' as const), figureId: fc.constantFrom('builtin:reporters-map') }),
);

/** Adjacent text runs with the same emphasis are one run in the editor: compare blocks with them merged. */
function merged(blocks: ReportBlock[]): ReportBlock[] {
  return blocks.map((b) => {
    if (b.kind === 'table' || b.kind === 'figure') return b;
    const content: ReportInline[] = [];
    for (const r of b.content) {
      const last = content[content.length - 1];
      if (r.kind === 'text' && last?.kind === 'text' && last.bold === r.bold && last.italic === r.italic)
        content[content.length - 1] = { ...last, text: last.text + r.text };
      else content.push({ ...r });
    }
    return { ...b, content };
  });
}

describe('editor document ↔ report blocks', () => {
  test.prop([fc.array(arbBlock, { maxLength: 8 })])('round-trips any blocks', (blocks) => {
    expect(pmDocToBlocks(JSON.parse(JSON.stringify(blocksToPmDoc(blocks))))).toEqual(merged(blocks));
  });

  it('groups consecutive items with the same marker into one list', () => {
    const doc = blocksToPmDoc([
      { kind: 'item', marker: '-', content: [{ kind: 'text', text: 'a', bold: false, italic: false }] },
      { kind: 'item', marker: '-', content: [{ kind: 'text', text: 'b', bold: false, italic: false }] },
      { kind: 'item', marker: '+', content: [{ kind: 'text', text: 'c', bold: false, italic: false }] },
    ]);
    expect(doc.content?.map((n) => [n.type, n.attrs?.marker, n.content?.length])).toEqual([
      ['bulletList', '-', 2],
      ['bulletList', '+', 1],
    ]);
  });

  it('refuses what it cannot print, naming where (nothing is silently dropped)', () => {
    expect(() => pmDocToBlocks({ type: 'doc', content: [{ type: 'codeBlock' }] })).toThrow(PmConversionError);
    expect(() =>
      pmDocToBlocks({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image' }] }] }),
    ).toThrow('doc.0.0: unexpected inline node image');
    expect(() =>
      pmDocToBlocks({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'field', attrs: { field: 'x' } }] }],
      }),
    ).toThrow(/unknown field/);
  });

  it('drops empty paragraphs an editor leaves behind', () => {
    expect(
      pmDocToBlocks({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph', content: [] }] }),
    ).toEqual([]);
  });
});

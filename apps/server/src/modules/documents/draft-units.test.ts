import { fc, test } from '@fast-check/vitest';
import type { DraftEdit, ReportBlock, ReportModel } from '@regionlink/shared';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './draft-edits';
import { mergeSeed, parseUnitKey, sameValue, setUnit, unitLabel, unitsOf } from './draft-units';
import { loadDraft2025 } from './fixture-2025';
import { blocksText, listTasks } from './report-model';

/**
 * The three-way merge of a re-sync as properties over the real 2025 model: whatever staff edited and however the
 * submissions changed, no staff edit is overwritten, every untouched unit follows the submissions, and the offers
 * are exactly the units both sides changed differently.
 */

const base = loadDraft2025();
const blockUnits = [...unitsOf(base).keys()].filter((k) => {
  if (!parseUnitKey(k)) throw new Error(`unit ${k} does not parse`);
  const v = unitsOf(base).get(k);
  return Array.isArray(v) && k !== 'settings.recipients' && k !== 'settings.copyTo';
});
const para = (text: string): ReportBlock[] => [
  { kind: 'paragraph', content: [{ kind: 'text', text, bold: false, italic: false }] },
];

const arbChanges = (tag: string) =>
  fc
    .uniqueArray(fc.constantFrom(...blockUnits), { maxLength: 12 })
    .map((units) => units.map((u) => [u, para(`${tag} ${u}`)] as const));

function withChanges(m: ReportModel, changes: readonly (readonly [string, ReportBlock[]])[]) {
  const out = structuredClone(m);
  for (const [u, v] of changes) setUnit(out, u, v);
  return out;
}

describe('re-sync merge', () => {
  test.prop([arbChanges('staff'), arbChanges('seed'), fc.subarray(blockUnits.slice(0, 20), { maxLength: 4 })], {
    numRuns: 60,
  })(
    'keeps every staff edit, updates every untouched unit, offers exactly the double changes',
    (staff, seedChanges, same) => {
      // Some units change identically on both sides: no conflict then.
      const both = same.map((u) => [u, para(`same ${u}`)] as const);
      const current = withChanges(base, [...staff, ...both]);
      const seed = withChanges(base, [...seedChanges, ...both]);
      const out = mergeSeed(current, base, seed);
      const cur = unitsOf(current);
      const old = unitsOf(base);
      const fresh = unitsOf(seed);
      const merged = unitsOf(out.model);
      for (const [k, c] of cur) {
        const edited = !sameValue(c, old.get(k));
        const changed = !sameValue(fresh.get(k), old.get(k));
        if (edited) expect(sameValue(merged.get(k), c), `${k} kept`).toBe(true);
        else expect(sameValue(merged.get(k), fresh.get(k)), `${k} updated`).toBe(true);
        const conflict = edited && changed && !sameValue(c, fresh.get(k));
        expect(out.conflicts.includes(k), `${k} conflict`).toBe(conflict);
        expect(k in out.pending, `${k} pending`).toBe(conflict);
        if (conflict) expect(sameValue(out.pending[k], fresh.get(k))).toBe(true);
        expect(out.updated.includes(k), `${k} updated list`).toBe(!edited && changed);
      }
      expect(out.removed).toEqual([]);
    },
  );

  it('is a no-op when nothing changed on either side', () => {
    const out = mergeSeed(base, base, structuredClone(base));
    expect(sameValue(out.model, base)).toBe(true);
    expect([out.updated, out.conflicts, out.removed, out.pending]).toEqual([[], [], [], {}]);
  });

  it('keeps staff’s choice to print a narrative, and takes new narratives from the submissions', () => {
    const current = structuredClone(base);
    const task = listTasks(current).find((r) => r.task.narratives.length > 1)!.task;
    task.narratives[0].include = true;
    const seed = structuredClone(base);
    const seedTask = listTasks(seed).find((r) => r.task.code === task.code)!.task;
    seedTask.narratives[1].blocks = para('Nội dung mới của cơ quan');
    const out = listTasks(mergeSeed(current, base, seed).model).find((r) => r.task.code === task.code)!.task;
    expect(out.narratives[0].include).toBe(true);
    expect(out.narratives[1].include).toBe(false);
    expect(blocksText(out.narratives[1].blocks, base)).toBe('Nội dung mới của cơ quan');
  });

  it('reports a task that left the outline, with staff’s text, instead of dropping it silently', () => {
    const current = withChanges(base, [['report.tasks.1.3.đ.synthesis', para('Cán bộ đã viết')]]);
    const seed = structuredClone(base);
    const section = seed.report.partOne.sections.find((s) => s.code === '1.3')!;
    section.items = section.items.filter((i) => i.code !== '1.3.đ');
    const out = mergeSeed(current, base, seed);
    expect(out.removed).toEqual(
      expect.arrayContaining([
        { unit: 'report.tasks.1.3.đ.synthesis', edited: true, value: para('Cán bộ đã viết') },
        expect.objectContaining({ unit: 'report.tasks.1.3.đ.status', edited: false }),
      ]),
    );
  });

  it('keeps sections staff added and drops template sections the seed no longer has only when untouched', () => {
    const current = structuredClone(base);
    current.report.partTwo.sections.push({ key: 'x1', title: 'Mục thêm', blocks: para('Thêm'), required: true });
    current.report.partThree.sections[0].blocks = para('Đã sửa');
    const seed = structuredClone(base);
    seed.report.partThree.sections.splice(0, 1);
    seed.report.partTwo.sections.splice(2, 1);
    const out = mergeSeed(current, base, seed);
    expect(out.model.report.partTwo.sections.map((s) => s.key)).toEqual(['2-1', '2-2', 'x1']);
    expect(out.model.report.partThree.sections[0].blocks).toEqual(para('Đã sửa'));
    expect(out.removed.map((r) => r.unit)).toEqual(['report.partTwo.sections.2-3']);
  });
});

describe('unit keys', () => {
  it('parse task codes with dots and Vietnamese letters, and label them in both languages', () => {
    expect(parseUnitKey('report.tasks.1.2.đ.synthesis')).toEqual({ kind: 'task', code: '1.2.đ', field: 'synthesis' });
    expect(parseUnitKey('report.partTwo.sections.2-1.title')).toEqual({
      kind: 'section',
      part: 'partTwo',
      key: '2-1',
      title: true,
    });
    expect(parseUnitKey('settings.password')).toBeNull();
    expect(unitLabel(base, 'report.tasks.1.2.đ.status')).toEqual({
      vi: 'Nhiệm vụ 1.2.đ – tình hình thực hiện',
      en: 'Task 1.2.đ – status',
    });
  });
});

describe('edits', () => {
  const ctx = { pending: {} };
  const apply = (edits: DraftEdit[]) => applyEdits(base, edits, ctx);

  it('keeps the spaces between runs of different emphasis and NFC-normalises each run', () => {
    const out = apply([
      {
        kind: 'blocks',
        unit: 'report.partTwo.intro',
        blocks: [
          {
            kind: 'paragraph',
            content: [
              { kind: 'text', text: 'Văn bản '.normalize('NFD'), bold: false, italic: false },
              { kind: 'text', text: 'đậm', bold: true, italic: false },
              { kind: 'text', text: ' và thường', bold: false, italic: false },
            ],
          },
        ],
      },
    ]);
    expect(blocksText(out.model.report.partTwo.intro, base)).toBe('Văn bản đậm và thường');
    expect(out.changes).toEqual([expect.objectContaining({ unit: 'report.partTwo.intro', before: [] })]);
  });

  it('adds, renames, moves and removes sections, each change recorded', () => {
    const out = apply([
      { kind: 'addSection', part: 'partThree', title: 'Kiến nghị bổ sung', required: true },
      { kind: 'sectionTitle', unit: 'report.partThree.sections.x1', title: 'Kiến nghị khác' },
      { kind: 'moveSection', unit: 'report.partThree.sections.x1', direction: 'up' },
    ]);
    const keys = out.model.report.partThree.sections.map((s) => s.key);
    expect(keys.slice(-2)).toEqual(['x1', '3-3']);
    expect(out.model.report.partThree.sections.find((s) => s.key === 'x1')!.title).toBe('Kiến nghị khác');
    expect(out.changes.map((c) => c.note)).toEqual(['added', null, 'moved']);
    const removed = applyEdits(out.model, [{ kind: 'removeSection', unit: 'report.partThree.sections.x1' }], ctx);
    expect(removed.model.report.partThree.sections.some((s) => s.key === 'x1')).toBe(false);
    expect(removed.changes[0].before).toMatchObject({ title: 'Kiến nghị khác' });
  });

  it('inserts a staff table and refuses to remove it while a section shows it', () => {
    const table = {
      id: 'chi-tieu',
      title: 'Một số chỉ tiêu',
      columns: [
        { label: 'Chỉ tiêu', align: 'left' as const },
        { label: 'Giá trị', align: 'right' as const },
      ],
      rows: [['GRDP', '7,5']],
      source: 'Nguồn: Cục Thống kê.',
    };
    const out = apply([
      { kind: 'table', table },
      { kind: 'blocks', unit: 'report.partTwo.intro', blocks: [{ kind: 'table', tableId: 'chi-tieu' }] },
    ]);
    expect(out.model.tables.map((t) => t.id)).toEqual(['chi-tieu']);
    expect(() => applyEdits(out.model, [{ kind: 'removeTable', id: 'chi-tieu' }], ctx)).toThrow(
      /placed in report.partTwo.intro/,
    );
    expect(() => apply([{ kind: 'table', table: { ...table, rows: [['một ô']] } }])).toThrow(/Row 1 has 1 cells/);
  });

  it('refuses an impossible date and an unknown task, naming the field', () => {
    expect(() => apply([{ kind: 'settings', settings: { day: 30, month: 2 } }])).toThrow(/has no day 30/);
    try {
      apply([{ kind: 'taskStatus', code: '9.9', status: 'done' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as { errors: { path: string }[] }).errors[0].path).toBe('body.edits.0.code');
    }
  });
});

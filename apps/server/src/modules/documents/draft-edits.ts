import {
  BUILTIN_FIGURES,
  BUILTIN_TABLES,
  type DraftEdit,
  normaliseText,
  type ReportBlock,
  type ReportEditorialSection,
  type ReportInline,
  ReportLetterSettings,
  type ReportModel,
  type ReportTable,
} from '@regionlink/shared';
import { AppError, type FieldError } from '../../lib/errors';
import { normaliseRun } from './assemble';
import { themeBlocks } from './drafting/compose-blocks';
import { draftingResources } from './drafting/resources';
import { isBlocksUnit, parseUnitKey, sectionsOf, setUnit, type UnitValue, unitLabel, unitsOf } from './draft-units';
import { listTasks } from './report-model';

/**
 * Staff edits to a draft, applied to the model without I/O: each edit is validated (the field path in every error,
 * in Vietnamese and English), text is NFC-normalised, and each change is returned with what it replaced so the service
 * can write the history. A failing edit throws and the caller writes nothing.
 */

export interface EditChange {
  unit: string | null;
  labelVi: string;
  labelEn: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

export interface EditContext {
  /** Offers of newer submission text set aside by a re-sync, by unit. */
  pending: Record<string, UnitValue>;
  /** The model whose staff-written parts `copyEditorial` copies (resolved by the service). */
  copySource?: { model: ReportModel; labelVi: string; labelEn: string } | null;
}

export interface EditOutcome {
  model: ReportModel;
  changes: EditChange[];
  pending: Record<string, UnitValue>;
}

const invalid = (path: string, en: string, vi: string, code = 'invalid_edit') =>
  new AppError(422, code, en, vi, [{ path, message: en, messageVi: vi }]);

function normaliseInlines(inlines: readonly ReportInline[]): ReportInline[] {
  return inlines.map((r) => {
    if (r.kind === 'text') return { ...r, text: normaliseRun(r.text) };
    if (r.kind === 'footnote')
      return {
        ...r,
        paragraphs: r.paragraphs.map((p) =>
          p.map((x) => (x.kind === 'text' ? { ...x, text: normaliseText(x.text) } : x)),
        ),
      };
    return r;
  });
}

/** Blocks with every text NFC-normalised and invisible characters stripped. */
export function normaliseBlocks(blocks: readonly ReportBlock[]): ReportBlock[] {
  return blocks.map((b) =>
    b.kind === 'table' || b.kind === 'figure' ? { ...b } : { ...b, content: normaliseInlines(b.content) },
  );
}

function checkReferences(model: ReportModel, blocks: readonly ReportBlock[], path: string) {
  const tables = new Set<string>([...BUILTIN_TABLES, ...model.tables.map((t) => t.id)]);
  const figures = new Set<string>(BUILTIN_FIGURES);
  blocks.forEach((b, i) => {
    if (b.kind === 'table' && !tables.has(b.tableId))
      throw invalid(`${path}.${i}.tableId`, `There is no table "${b.tableId}".`, `Không có bảng "${b.tableId}".`);
    if (b.kind === 'figure' && !figures.has(b.figureId))
      throw invalid(`${path}.${i}.figureId`, `There is no figure "${b.figureId}".`, `Không có hình "${b.figureId}".`);
  });
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function allBlocks(model: ReportModel): { path: string; blocks: ReportBlock[] }[] {
  const out: { path: string; blocks: ReportBlock[] }[] = [];
  for (const [k, v] of unitsOf(model))
    if (Array.isArray(v) && isBlocksUnit(parseUnitKey(k) ?? { kind: 'setting', field: 'number' }))
      out.push({ path: k, blocks: v as ReportBlock[] });
  return out;
}

function nextSectionKey(model: ReportModel): string {
  let n = 0;
  for (const part of ['letter', 'partTwo', 'partThree'] as const)
    for (const s of sectionsOf(model, part)) {
      const m = /^x(\d+)$/.exec(s.key);
      if (m) n = Math.max(n, Number(m[1]));
    }
  return `x${n + 1}`;
}

function findSection(model: ReportModel, unit: string, path: string) {
  const ref = parseUnitKey(unit);
  if (ref?.kind !== 'section')
    throw invalid(
      path,
      `"${unit}" is not a section of the letter or of Parts II–III.`,
      `"${unit}" không phải là một mục của công văn hoặc Phần II–III.`,
    );
  const list = sectionsOf(model, ref.part);
  const index = list.findIndex((s) => s.key === ref.key);
  if (index < 0) throw invalid(path, `There is no section "${ref.key}".`, `Không có mục "${ref.key}".`, 'unknown_unit');
  return { ref, list, index, section: list[index] };
}

const sectionUnit = (part: 'letter' | 'partTwo' | 'partThree', key: string) =>
  part === 'letter' ? `letter.sections.${key}` : `report.${part}.sections.${key}`;

/** Apply a list of edits in order; the first invalid one throws (422, or 404 for an unknown unit) with its path. */
export function applyEdits(model: ReportModel, edits: readonly DraftEdit[], ctx: EditContext): EditOutcome {
  const m = structuredClone(model);
  const pending = { ...ctx.pending };
  const changes: EditChange[] = [];
  const change = (
    unit: string | null,
    before: unknown,
    after: unknown,
    note: string | null = null,
    label?: { vi: string; en: string },
  ) => {
    const l = label ?? (unit ? unitLabel(m, unit) : { vi: '', en: '' });
    changes.push({ unit, labelVi: l.vi, labelEn: l.en, before, after, note });
  };
  edits.forEach((e, i) => {
    const at = `body.edits.${i}`;
    switch (e.kind) {
      case 'settings': {
        const next: Record<string, unknown> = { ...m.settings };
        for (const [k, v] of Object.entries(e.settings)) {
          if (v === undefined) continue;
          if (typeof v === 'string') next[k] = normaliseText(v).trim();
          else if (Array.isArray(v)) next[k] = v.map((x) => normaliseText(String(x)).trim());
          else if (v && typeof v === 'object')
            next[k] = Object.fromEntries(
              Object.entries(v).map(([a, b]) => [a, typeof b === 'string' ? normaliseText(b).trim() : b]),
            );
          else next[k] = v;
        }
        if (next.number === '') next.number = null;
        const parsed = ReportLetterSettings.safeParse(next);
        if (!parsed.success) {
          const errors: FieldError[] = parsed.error.issues.map((iss) => ({
            path: `${at}.settings.${iss.path.join('.')}`,
            message: iss.message,
            messageVi: `Giá trị không hợp lệ (${iss.message}).`,
          }));
          throw new AppError(
            422,
            'invalid_settings',
            'Some letter settings are not valid.',
            'Một số thông tin của công văn không hợp lệ.',
            errors,
          );
        }
        const s = parsed.data;
        if (s.day !== null && s.month !== null && s.day > daysIn(s.year, s.month))
          throw invalid(
            `${at}.settings.day`,
            `${s.month}/${s.year} has no day ${s.day}.`,
            `Tháng ${s.month}/${s.year} không có ngày ${s.day}.`,
          );
        for (const k of Object.keys(e.settings)) {
          const before = (m.settings as Record<string, unknown>)[k];
          const after = (s as Record<string, unknown>)[k];
          if (JSON.stringify(before) !== JSON.stringify(after)) change(`settings.${k}`, before, after);
        }
        m.settings = s;
        break;
      }
      case 'blocks': {
        const ref = parseUnitKey(e.unit);
        if (!ref || !isBlocksUnit(ref))
          throw invalid(
            `${at}.unit`,
            `"${e.unit}" is not a text unit of the draft.`,
            `"${e.unit}" không phải là một phần nội dung của bản thảo.`,
          );
        const before = unitsOf(m).get(e.unit);
        if (before === undefined)
          throw invalid(
            `${at}.unit`,
            `The draft has no "${e.unit}".`,
            `Bản thảo không có "${e.unit}".`,
            'unknown_unit',
          );
        const blocks = normaliseBlocks(e.blocks);
        checkReferences(m, blocks, `${at}.blocks`);
        setUnit(m, e.unit, blocks);
        change(e.unit, before, blocks);
        break;
      }
      case 'taskStatus': {
        const t = listTasks(m).find((r) => r.task.code === e.code)?.task;
        if (!t)
          throw invalid(`${at}.code`, `There is no task ${e.code}.`, `Không có nhiệm vụ ${e.code}.`, 'unknown_unit');
        change(`report.tasks.${e.code}.status`, t.status, e.status);
        t.status = e.status;
        break;
      }
      case 'narrativeInclude': {
        const t = listTasks(m).find((r) => r.task.code === e.code)?.task;
        const n = t?.narratives.find((x) => x.organisationCode === e.organisationCode);
        if (!t || !n)
          throw invalid(
            `${at}.organisationCode`,
            `Task ${e.code} has no report of ${e.organisationCode}.`,
            `Nhiệm vụ ${e.code} không có báo cáo của ${e.organisationCode}.`,
            'unknown_unit',
          );
        if (n.include !== e.include)
          change(null, n.include, e.include, null, {
            vi: `Nhiệm vụ ${e.code} – ${e.include ? 'in' : 'không in'} nội dung của ${n.organisationName}`,
            en: `Task ${e.code} – ${e.include ? 'print' : 'do not print'} the report of ${n.organisationName}`,
          });
        n.include = e.include;
        break;
      }
      case 'sectionTitle': {
        const key = e.unit.replace(/\.title$/, '');
        const { ref, section } = findSection(m, key, `${at}.unit`);
        const title = normaliseText(e.title).trim();
        change(`${sectionUnit(ref.part as 'letter', section.key)}.title`, section.title, title);
        section.title = title;
        break;
      }
      case 'addSection': {
        const key = nextSectionKey(m);
        const s: ReportEditorialSection = {
          key,
          title: normaliseText(e.title).trim(),
          blocks: [],
          required: e.required,
        };
        sectionsOf(m, e.part).push(s);
        change(sectionUnit(e.part, key), null, s, 'added');
        break;
      }
      case 'removeSection': {
        const { ref, list, index, section } = findSection(m, e.unit.replace(/\.title$/, ''), `${at}.unit`);
        const unit = sectionUnit(ref.part as 'letter', section.key);
        change(unit, section, null, 'removed');
        list.splice(index, 1);
        for (const k of Object.keys(pending)) if (k === unit || k.startsWith(`${unit}.`)) delete pending[k];
        break;
      }
      case 'moveSection': {
        const { list, index, section, ref } = findSection(m, e.unit.replace(/\.title$/, ''), `${at}.unit`);
        const to = e.direction === 'up' ? index - 1 : index + 1;
        if (to < 0 || to >= list.length)
          throw invalid(`${at}.direction`, 'The section cannot move further.', 'Không thể di chuyển mục thêm nữa.');
        list.splice(index, 1);
        list.splice(to, 0, section);
        change(sectionUnit(ref.part as 'letter', section.key), index + 1, to + 1, 'moved');
        break;
      }
      case 'table': {
        const t: ReportTable = {
          ...e.table,
          id: e.table.id,
          title: normaliseText(e.table.title).trim(),
          source: normaliseText(e.table.source).trim(),
          columns: e.table.columns.map((c) => ({ ...c, label: normaliseText(c.label) })),
          rows: e.table.rows.map((r) => r.map((c) => normaliseText(c))),
        };
        if (t.id.startsWith('builtin:'))
          throw invalid(`${at}.table.id`, 'Computed tables cannot be replaced.', 'Không thể thay bảng tính tự động.');
        t.rows.forEach((r, j) => {
          if (r.length !== t.columns.length)
            throw invalid(
              `${at}.table.rows.${j}`,
              `Row ${j + 1} has ${r.length} cells for ${t.columns.length} columns.`,
              `Dòng ${j + 1} có ${r.length} ô trong khi bảng có ${t.columns.length} cột.`,
            );
        });
        const index = m.tables.findIndex((x) => x.id === t.id);
        change(null, index >= 0 ? m.tables[index] : null, t, null, {
          vi: `Bảng "${t.title}"`,
          en: `Table "${t.title}"`,
        });
        if (index >= 0) m.tables[index] = t;
        else m.tables.push(t);
        break;
      }
      case 'removeTable': {
        const index = m.tables.findIndex((x) => x.id === e.id);
        if (index < 0)
          throw invalid(`${at}.id`, `There is no table "${e.id}".`, `Không có bảng "${e.id}".`, 'unknown_unit');
        const used = allBlocks(m).filter((u) => u.blocks.some((b) => b.kind === 'table' && b.tableId === e.id));
        if (used.length)
          throw new AppError(
            409,
            'table_in_use',
            `The table is placed in ${used.map((u) => u.path).join(', ')}; remove it there first.`,
            `Bảng đang được chèn tại ${used.map((u) => unitLabel(m, u.path).vi).join(', ')}; hãy gỡ bảng ở đó trước.`,
            [{ path: `${at}.id`, message: 'in use', messageVi: 'đang được sử dụng' }],
          );
        change(null, m.tables[index], null, 'removed', {
          vi: `Bảng "${m.tables[index].title}"`,
          en: `Table "${m.tables[index].title}"`,
        });
        m.tables.splice(index, 1);
        break;
      }
      case 'acceptSeed': {
        if (!(e.unit in pending))
          throw invalid(
            `${at}.unit`,
            'There is no newer text from the submissions for this part.',
            'Không có nội dung mới từ báo cáo cho phần này.',
            'no_pending',
          );
        const before = unitsOf(m).get(e.unit);
        if (before === undefined || !setUnit(m, e.unit, pending[e.unit]))
          throw invalid(
            `${at}.unit`,
            `The draft has no "${e.unit}".`,
            `Bản thảo không có "${e.unit}".`,
            'unknown_unit',
          );
        change(e.unit, before, pending[e.unit], 'accepted the submissions’ text');
        delete pending[e.unit];
        break;
      }
      case 'dismissSeed': {
        if (!(e.unit in pending))
          throw invalid(
            `${at}.unit`,
            'There is no newer text from the submissions for this part.',
            'Không có nội dung mới từ báo cáo cho phần này.',
            'no_pending',
          );
        change(e.unit, pending[e.unit], null, 'dismissed the submissions’ text');
        delete pending[e.unit];
        break;
      }
      case 'aids': {
        const next = {
          statusLines: e.statusLines ?? m.aids.statusLines,
          coverage: e.coverage ?? m.aids.coverage,
        };
        change(null, m.aids, next, null, {
          vi: 'Trợ giúp soạn thảo trong văn bản xuất',
          en: 'Drafting aids in exports',
        });
        m.aids = next;
        break;
      }
      case 'themes': {
        const { ref, section } = findSection(m, e.unit.replace(/\.title$/, ''), `${at}.unit`);
        if (ref.part === 'letter')
          throw invalid(`${at}.unit`, 'Letter points have no themes.', 'Các điểm của công văn không có chủ đề.');
        const known = new Set((section.themes ?? []).map((t) => t.id));
        e.groups.forEach((g, gi) => {
          g.forEach((id, ti) => {
            if (!known.has(id))
              throw invalid(
                `${at}.groups.${gi}.${ti}`,
                `Section "${section.title}" has no theme "${id}".`,
                `Mục "${section.title}" không có chủ đề "${id}".`,
                'unknown_unit',
              );
          });
        });
        const unit = sectionUnit(ref.part as 'partTwo', section.key);
        const blocks = themeBlocks(section.themes ?? [], draftingResources(), e.groups).blocks;
        change(unit, section.blocks, blocks, 'themes picked and merged');
        section.blocks = blocks;
        break;
      }
      case 'copyEditorial': {
        const src = ctx.copySource;
        if (!src)
          throw invalid(
            `${at}.from`,
            'The package to copy from was not found.',
            'Không tìm thấy bộ hồ sơ để sao chép.',
            'unknown_source',
          );
        const note = `copied from ${src.labelEn}`;
        const label = (vi: string, en: string) => ({
          vi: `${vi} (chép từ ${src.labelVi})`,
          en: `${en} (copied from ${src.labelEn})`,
        });
        change(
          null,
          m.letter.sections,
          src.model.letter.sections,
          note,
          label('Công văn – các mục', 'Letter – points'),
        );
        m.letter.sections = structuredClone(src.model.letter.sections).map((s) => ({
          ...s,
          key: s.key.replace(/\./g, '-'),
        }));
        for (const [p, vi, en] of [
          ['partTwo', 'Phần II', 'Part II'],
          ['partThree', 'Phần III', 'Part III'],
        ] as const) {
          change(null, m.report[p], src.model.report[p], note, label(vi, en));
          m.report[p] = structuredClone(src.model.report[p]);
          m.report[p].sections = m.report[p].sections.map((s) => ({ ...s, key: s.key.replace(/\./g, '-') }));
          for (const b of [m.report[p].intro, ...m.report[p].sections.map((s) => s.blocks)])
            checkReferences({ ...m, tables: [...m.tables, ...src.model.tables] }, b, `${at}.from`);
        }
        for (const t of src.model.tables) if (!m.tables.some((x) => x.id === t.id)) m.tables.push(structuredClone(t));
        for (const k of Object.keys(pending))
          if (/^(letter\.sections|report\.part(Two|Three))\./.test(k)) delete pending[k];
        break;
      }
    }
  });
  return { model: m, changes, pending };
}

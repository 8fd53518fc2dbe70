import {
  EDITABLE_SETTINGS,
  type EditableSetting,
  type ReportBlock,
  type ReportEditorialSection,
  type ReportModel,
  type ReportNarrative,
} from '@regionlink/shared';
import { blocksText, listTasks } from './report-model';

/**
 * The editable units of a draft and the three-way merge of a re-sync. A unit is what staff edit as one piece — a
 * letter setting, the letter's opening, a task's synthesis or status, a section of Part II — keyed by a string
 * (`report.tasks.1.1.a.synthesis`). Everything else in the model (Part I's outline, narratives, Appendix 1, regions)
 * is data from the submissions and is always taken fresh.
 *
 * The merge compares, unit by unit, staff's current text (`current`), the seed it started from (`base`) and the seed
 * the submissions give now (`seed`): an untouched unit takes the new seed; an edited unit is kept, and when the
 * submissions changed under it the new seed is set aside as a pending offer that staff accept or dismiss. Nothing
 * staff wrote is ever replaced without their action.
 */

export type UnitValue = unknown;

/** JSON with object keys sorted, so equal values compare equal whatever the key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.keys(val as object)
            .sort()
            .map((k) => [k, (val as Record<string, unknown>)[k]]),
        )
      : val,
  );
}

export const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

type EditorialPartKey = 'partTwo' | 'partThree';

/** The unit keys of a model, each with its value. */
export function unitsOf(model: ReportModel): Map<string, UnitValue> {
  const u = new Map<string, UnitValue>();
  for (const f of EDITABLE_SETTINGS) u.set(`settings.${f}`, model.settings[f]);
  u.set('letter.opening', model.letter.opening);
  for (const s of model.letter.sections) {
    u.set(`letter.sections.${s.key}`, s.blocks);
    u.set(`letter.sections.${s.key}.title`, s.title);
  }
  u.set('letter.closing', model.letter.closing);
  u.set('report.intro', model.report.intro);
  u.set('report.partOne.intro', model.report.partOne.intro);
  for (const s of model.report.partOne.sections) {
    u.set(`report.groups.${s.code}.intro`, s.intro);
    for (const it of s.items) {
      u.set(`report.items.${it.code}.intro`, it.intro);
      for (const t of it.tasks) {
        u.set(`report.tasks.${t.code}.status`, t.status);
        u.set(`report.tasks.${t.code}.synthesis`, t.synthesis);
      }
    }
  }
  for (const p of ['partTwo', 'partThree'] as const) {
    u.set(`report.${p}.intro`, model.report[p].intro);
    for (const s of model.report[p].sections) {
      u.set(`report.${p}.sections.${s.key}`, s.blocks);
      u.set(`report.${p}.sections.${s.key}.title`, s.title);
    }
  }
  return u;
}

export type UnitRef =
  | { kind: 'setting'; field: EditableSetting }
  | { kind: 'letter'; which: 'opening' | 'closing' }
  | { kind: 'section'; part: 'letter' | EditorialPartKey; key: string; title: boolean }
  | { kind: 'intro'; which: 'report' | 'partOne' | EditorialPartKey }
  | { kind: 'groupIntro'; code: string }
  | { kind: 'itemIntro'; code: string }
  | { kind: 'task'; code: string; field: 'status' | 'synthesis' };

/** What a unit key points at, or null when the key has no meaning. */
export function parseUnitKey(key: string): UnitRef | null {
  let m = /^settings\.(\w+)$/.exec(key);
  if (m)
    return (EDITABLE_SETTINGS as readonly string[]).includes(m[1])
      ? { kind: 'setting', field: m[1] as EditableSetting }
      : null;
  m = /^letter\.(opening|closing)$/.exec(key);
  if (m) return { kind: 'letter', which: m[1] as 'opening' | 'closing' };
  m = /^letter\.sections\.([\w-]+?)(\.title)?$/.exec(key);
  if (m) return { kind: 'section', part: 'letter', key: m[1], title: !!m[2] };
  m = /^report\.(partTwo|partThree)\.sections\.([\w-]+?)(\.title)?$/.exec(key);
  if (m) return { kind: 'section', part: m[1] as EditorialPartKey, key: m[2], title: !!m[3] };
  m = /^report\.(intro)$/.exec(key) ?? /^report\.(partOne|partTwo|partThree)\.intro$/.exec(key);
  if (m) return { kind: 'intro', which: (m[1] === 'intro' ? 'report' : m[1]) as 'report' };
  m = /^report\.groups\.(.+)\.intro$/.exec(key);
  if (m) return { kind: 'groupIntro', code: m[1] };
  m = /^report\.items\.(.+)\.intro$/.exec(key);
  if (m) return { kind: 'itemIntro', code: m[1] };
  m = /^report\.tasks\.(.+)\.(status|synthesis)$/.exec(key);
  if (m) return { kind: 'task', code: m[1], field: m[2] as 'status' | 'synthesis' };
  return null;
}

/** The sections of an editorial part (letter points, Part II, Part III). */
export function sectionsOf(model: ReportModel, part: 'letter' | EditorialPartKey): ReportEditorialSection[] {
  return part === 'letter' ? model.letter.sections : model.report[part].sections;
}

/** Does the unit hold blocks (rich text) rather than a title, a status or a setting? */
export function isBlocksUnit(ref: UnitRef): boolean {
  return (
    ref.kind === 'letter' ||
    ref.kind === 'intro' ||
    ref.kind === 'groupIntro' ||
    ref.kind === 'itemIntro' ||
    (ref.kind === 'section' && !ref.title) ||
    (ref.kind === 'task' && ref.field === 'synthesis')
  );
}

/** Set a unit's value in the model; returns false when the unit does not exist in this model. */
export function setUnit(model: ReportModel, key: string, value: UnitValue): boolean {
  const ref = parseUnitKey(key);
  if (!ref) return false;
  switch (ref.kind) {
    case 'setting':
      (model.settings as Record<string, unknown>)[ref.field] = value;
      return true;
    case 'letter':
      model.letter[ref.which] = value as ReportBlock[];
      return true;
    case 'intro':
      if (ref.which === 'report') model.report.intro = value as ReportBlock[];
      else model.report[ref.which].intro = value as ReportBlock[];
      return true;
    case 'section': {
      const s = sectionsOf(model, ref.part).find((x) => x.key === ref.key);
      if (!s) return false;
      if (ref.title) s.title = value as string;
      else s.blocks = value as ReportBlock[];
      return true;
    }
    case 'groupIntro': {
      const s = model.report.partOne.sections.find((x) => x.code === ref.code);
      if (!s) return false;
      s.intro = value as ReportBlock[];
      return true;
    }
    case 'itemIntro': {
      const it = model.report.partOne.sections.flatMap((s) => s.items).find((x) => x.code === ref.code);
      if (!it) return false;
      it.intro = value as ReportBlock[];
      return true;
    }
    case 'task': {
      const t = listTasks(model).find((r) => r.task.code === ref.code)?.task;
      if (!t) return false;
      if (ref.field === 'status') t.status = value as typeof t.status;
      else t.synthesis = value as ReportBlock[];
      return true;
    }
  }
}

const SETTING_LABELS: Record<EditableSetting, [string, string]> = {
  number: ['Số công văn', 'Letter number'],
  day: ['Ngày ký', 'Day of signature'],
  month: ['Tháng ký', 'Month of signature'],
  symbol: ['Ký hiệu', 'Symbol'],
  place: ['Địa danh', 'Place'],
  agencyParent: ['Cơ quan chủ quản', 'Parent body'],
  agencyName: ['Tên cơ quan', 'Agency name'],
  agencyShortName: ['Tên cơ quan trong văn bản', 'Agency name in the text'],
  subject: ['Trích yếu công văn', 'Subject of the letter'],
  reportTitle: ['Trích yếu báo cáo', 'Title of the report'],
  appendixTitle: ['Tên phụ lục', 'Title of the appendix'],
  recipients: ['Kính gửi', 'Recipients'],
  copyTo: ['Nơi nhận', 'Copies to'],
  signer: ['Người ký', 'Signer'],
};

/** A human label of a unit, in Vietnamese and English. */
export function unitLabel(model: ReportModel | null, key: string): { vi: string; en: string } {
  const ref = parseUnitKey(key);
  if (!ref) return { vi: key, en: key };
  const title = (part: 'letter' | EditorialPartKey, k: string) =>
    model ? (sectionsOf(model, part).find((s) => s.key === k)?.title ?? k) : k;
  const partName = {
    letter: ['Công văn', 'Letter'],
    partTwo: ['Phần II', 'Part II'],
    partThree: ['Phần III', 'Part III'],
  };
  switch (ref.kind) {
    case 'setting':
      return { vi: SETTING_LABELS[ref.field][0], en: SETTING_LABELS[ref.field][1] };
    case 'letter':
      return ref.which === 'opening'
        ? { vi: 'Công văn – phần mở đầu', en: 'Letter – opening' }
        : { vi: 'Công văn – câu kết', en: 'Letter – closing' };
    case 'intro':
      return {
        report: { vi: 'Báo cáo – phần mở đầu', en: 'Report – introduction' },
        partOne: { vi: 'Phần I – đoạn mở đầu', en: 'Part I – opening' },
        partTwo: { vi: 'Phần II – đoạn mở đầu', en: 'Part II – opening' },
        partThree: { vi: 'Phần III – đoạn mở đầu', en: 'Part III – opening' },
      }[ref.which];
    case 'section': {
      const t = title(ref.part, ref.key);
      const [vi, en] = partName[ref.part];
      return ref.title
        ? { vi: `${vi} – tên mục "${t}"`, en: `${en} – title of "${t}"` }
        : { vi: `${vi} – mục "${t}"`, en: `${en} – section "${t}"` };
    }
    case 'groupIntro':
      return { vi: `Mục ${ref.code} – đoạn mở đầu`, en: `Section ${ref.code} – opening` };
    case 'itemIntro':
      return { vi: `Điểm ${ref.code} – đoạn mở đầu`, en: `Item ${ref.code} – opening` };
    case 'task':
      return ref.field === 'status'
        ? { vi: `Nhiệm vụ ${ref.code} – tình hình thực hiện`, en: `Task ${ref.code} – status` }
        : { vi: `Nhiệm vụ ${ref.code} – nội dung tổng hợp`, en: `Task ${ref.code} – synthesis` };
  }
}

/** A short plain-text view of a unit value for the history list. */
export function unitExcerpt(model: ReportModel, value: UnitValue, max = 400): string | null {
  if (value === null || value === undefined) return null;
  let s: string;
  if (Array.isArray(value) && (value.length === 0 || (typeof value[0] === 'object' && value[0] && 'kind' in value[0])))
    s = blocksText(value as ReportBlock[], model);
  else if (typeof value === 'string') s = value;
  else if (Array.isArray(value)) s = value.join('; ');
  else if (typeof value === 'object')
    s = Object.values(value as object)
      .filter(Boolean)
      .join(', ');
  else s = String(value);
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface MergeOutcome {
  model: ReportModel;
  /** Units staff had not touched that took the submissions' new text. */
  updated: string[];
  /** Units staff edited where the submissions now say something else: kept, with the new text set aside. */
  conflicts: string[];
  /** Units that no longer exist in the seed (a task left the outline, a section left the template). */
  removed: { unit: string; edited: boolean; value: UnitValue }[];
  /** Pending offers after the merge, by unit. */
  pending: Record<string, UnitValue>;
}

const narrativeKey = (task: string, org: string) => `${task}\u0000${org}`;

function includeFlags(model: ReportModel) {
  const m = new Map<string, boolean>();
  for (const { task } of listTasks(model))
    for (const n of task.narratives) m.set(narrativeKey(task.code, n.organisationCode), n.include);
  return m;
}

function mergeSections(
  current: ReportEditorialSection[],
  base: ReportEditorialSection[],
  seed: ReportEditorialSection[],
): { sections: ReportEditorialSection[]; dropped: ReportEditorialSection[] } {
  const inBase = new Map(base.map((s) => [s.key, s]));
  const inSeed = new Map(seed.map((s) => [s.key, s]));
  const inCurrent = new Set(current.map((s) => s.key));
  const sections: ReportEditorialSection[] = [];
  const dropped: ReportEditorialSection[] = [];
  for (const s of current) {
    const b = inBase.get(s.key);
    const n = inSeed.get(s.key);
    if (n) sections.push({ ...structuredClone(n), required: s.required });
    else if (!b)
      sections.push(structuredClone(s)); // added by staff
    else if (sameValue(s.blocks, b.blocks) && s.title === b.title) dropped.push(s);
    else sections.push(structuredClone(s)); // the seed dropped it, staff wrote in it: keep
  }
  // Sections new in the seed (a template change, a new general section) that staff never removed.
  for (const n of seed) if (!inCurrent.has(n.key) && !inBase.has(n.key)) sections.push(structuredClone(n));
  return { sections, dropped };
}

/**
 * Merge the submissions' new seed into staff's current draft (see the module comment). `pending` holds the offers
 * not yet taken or dismissed; they are kept while their unit still conflicts.
 */
export function mergeSeed(
  current: ReportModel,
  base: ReportModel,
  seed: ReportModel,
  pending: Record<string, UnitValue> = {},
): MergeOutcome {
  const out = structuredClone(seed);
  out.tables = structuredClone(current.tables);
  out.aids = structuredClone(current.aids);
  // Narratives: data from the seed; staff's choice to print or merge one is kept where they made it.
  const curInc = includeFlags(current);
  const baseInc = includeFlags(base);
  for (const { task } of listTasks(out))
    task.narratives.forEach((n: ReportNarrative) => {
      const k = narrativeKey(task.code, n.organisationCode);
      const c = curInc.get(k);
      const b = baseInc.get(k);
      if (c !== undefined && b !== undefined && c !== b) n.include = c;
    });
  const removed: MergeOutcome['removed'] = [];
  // Editorial structure: staff's sections in staff's order.
  for (const part of ['letter', 'partTwo', 'partThree'] as const) {
    const r = mergeSections(sectionsOf(current, part), sectionsOf(base, part), sectionsOf(seed, part));
    if (part === 'letter') out.letter.sections = r.sections;
    else out.report[part].sections = r.sections;
    for (const d of r.dropped) {
      const unit = part === 'letter' ? `letter.sections.${d.key}` : `report.${part}.sections.${d.key}`;
      removed.push({ unit, edited: false, value: d.blocks });
    }
  }
  const cur = unitsOf(current);
  const old = unitsOf(base);
  const fresh = unitsOf(seed);
  const updated: string[] = [];
  const conflicts: string[] = [];
  const nextPending: Record<string, UnitValue> = {};
  const target = unitsOf(out);
  for (const [key, c] of cur) {
    if (!target.has(key)) {
      if (removed.some((r) => r.unit === key || key.startsWith(`${r.unit}.`))) continue;
      const b = old.get(key);
      removed.push({ unit: key, edited: b === undefined ? true : !sameValue(c, b), value: c });
      continue;
    }
    const hasBase = old.has(key);
    const b = old.get(key);
    const n = fresh.has(key) ? fresh.get(key) : target.get(key);
    const staffOnly = !fresh.has(key); // a section staff added: its units are theirs
    if (staffOnly) {
      setUnit(out, key, structuredClone(c));
      continue;
    }
    if (hasBase && sameValue(c, b)) {
      if (!sameValue(n, b)) updated.push(key);
      continue; // `out` already holds the new seed
    }
    setUnit(out, key, structuredClone(c));
    if (!hasBase || sameValue(n, b) || sameValue(n, c)) {
      // An earlier offer that the seed still makes stays until staff take it or dismiss it.
      if (key in pending && sameValue(n, pending[key]) && !sameValue(n, c)) nextPending[key] = pending[key];
      continue;
    }
    conflicts.push(key);
    nextPending[key] = structuredClone(n);
  }
  return { model: out, updated, conflicts, removed, pending: nextPending };
}

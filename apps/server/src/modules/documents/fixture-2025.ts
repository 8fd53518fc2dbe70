import fs from 'node:fs';
import path from 'node:path';
import {
  type AppendixNonReporter,
  type AppendixReporter,
  foldVi,
  normaliseText,
  type ReportBlock,
  type ReportEditorialPart,
  type ReportEditorialSection,
  type ReportInline,
  ReportLetterSettings,
  ReportModel,
  type ReportNarrative,
  type ReportPartOneItem,
  type ReportPartOneSection,
  type ReportTask,
  type ReportTaskStatus,
} from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { type MarkupSection, parseMarkupDocument } from './markup';

/**
 * The real 2025 package (letter 20208/BTC-VCL, report, Appendix 1) as a report model, built from the reference text in
 * `reference/documents/res57-2025/`. It is the demo content and the test fixture of every generator.
 *
 * The original is a finished report: MoF's prose already contains what each organisation reported. So the fixture's
 * synthesis of each task is the report's own text, and its narratives are the paragraphs of that text (body or
 * footnote) that begin with the name of an organisation of Appendix 1, attributed to it with its document number and
 * marked as already merged (`include: false`); their status is the task's consolidated status from
 * `reference/domain/res57-tasks-2025.csv`. This keeps the printed report identical to the original while the XLSX
 * annex and the per-task reporter footnotes have real attributions to show.
 */

const DIR = path.join(REFERENCE_DIR, 'documents/res57-2025');

const STATUS_FROM_CSV: [RegExp, ReportTaskStatus][] = [
  [/^DONE/, 'done'],
  [/^IN PROGRESS/, 'in_progress'],
  [/^RECURRING/, 'recurring'],
  [/^NOT REPORTED/, 'not_reported'],
  [/^UNCLEAR/, 'unclear'],
];

function parseHeader(header: string): { kind: string; code: string | null; title: string | null } {
  const [head, ...rest] = header.split('|');
  const [kind, code] = head.trim().split(/\s+/, 2);
  const title = rest.length ? rest.join('|').trim() : null;
  return { kind, code: code ?? null, title };
}

interface Organisation {
  code: string;
  group: 'ministry' | 'locality';
  name: string;
  aliases: string[];
  reporter: AppendixReporter;
}

const LOCALITY_PREFIXES = [
  'ubnd tinh ',
  'ubnd thanh pho ',
  'ubnd tp. ',
  'ubnd ',
  'tinh ',
  'thanh pho ',
  'so tai chinh tinh ',
  'so tai chinh ',
  '',
];

/** Aliases (folded) by which the report's text names an organisation of the appendix at the start of a paragraph. */
function organisationsOf(reporters: AppendixReporter[], provinceNames: Map<string, string>): Organisation[] {
  const out: Organisation[] = [];
  for (const r of reporters) {
    if (r.drafting) continue;
    const aliases = new Set<string>([foldVi(r.name)]);
    if (r.group === 'locality' && r.provinceCode) {
      const name = foldVi(provinceNames.get(r.provinceCode) ?? '');
      for (const p of LOCALITY_PREFIXES) aliases.add(p + name);
    }
    if (r.organisationCode === 'VCCI') aliases.add('vcci');
    if (r.organisationCode === 'NHNN') aliases.add('ngan hang nha nuoc');
    out.push({ code: r.organisationCode, group: r.group, name: r.name, aliases: [...aliases], reporter: r });
  }
  return out;
}

const plain = (inlines: readonly ReportInline[]) =>
  inlines
    .filter((r) => r.kind === 'text')
    .map((r) => (r as { text: string }).text)
    .join('');

/** The organisation a paragraph starts with ("UBND tỉnh Ninh Bình ban hành…", "Ví dụ: Tỉnh Quảng Ninh…"), if any. */
function leadingOrganisation(text: string, orgs: Organisation[]): Organisation | null {
  let t = foldVi(text)
    .replace(/^(vi du|chang han)\s*[:,]\s*/, '')
    .replace(/^(\+|-)\s*/, '')
    .replace(/^(doi voi )?vung [^:]{2,60}:\s*/, '')
    .replace(/^tai (tinh|thanh pho) /, 'tinh ');
  t = t.replace(/^tren dia ban /, '');
  let best: { org: Organisation; len: number } | null = null;
  for (const org of orgs)
    for (const a of org.aliases) {
      if (t.startsWith(a) && /^[\s,:;.(]/.test(t.slice(a.length, a.length + 1) || ' ')) {
        if (!best || a.length > best.len) best = { org, len: a.length };
      }
    }
  return best?.org ?? null;
}

/** The narratives of a task, derived from its synthesis as described above. */
function deriveNarratives(task: ReportTask, orgs: Organisation[]): ReportNarrative[] {
  const byOrg = new Map<string, ReportNarrative>();
  const add = (org: Organisation, block: ReportBlock) => {
    let n = byOrg.get(org.code);
    if (!n) {
      n = {
        organisationCode: org.code,
        organisationName: org.name,
        group: org.group,
        regionCode: org.reporter.regionCode,
        documentNumber: org.reporter.documentNumber,
        documentDate: org.reporter.issuedOn,
        status: task.status ?? 'in_progress',
        blocks: [],
        include: false,
      };
      byOrg.set(org.code, n);
    }
    n.blocks.push(block);
  };
  const visitFootnotes = (inlines: readonly ReportInline[]) => {
    for (const r of inlines)
      if (r.kind === 'footnote')
        for (const p of r.paragraphs) {
          const org = leadingOrganisation(plain(p), orgs);
          if (org) add(org, { kind: 'paragraph', content: p });
        }
  };
  for (const b of task.synthesis) {
    if (b.kind === 'table' || b.kind === 'figure') continue;
    if (b.kind === 'paragraph' || b.kind === 'item') {
      const org = leadingOrganisation(plain(b.content), orgs);
      if (org) add(org, { kind: 'paragraph', content: b.content.filter((r) => r.kind !== 'footnote') });
    }
    visitFootnotes(b.content);
  }
  return [...byOrg.values()];
}

function readText(file: string) {
  return fs.readFileSync(path.join(DIR, file), 'utf8');
}

function loadReporters() {
  const provinces = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/provinces-34.csv'), 'utf8'));
  const regionOf = new Map(provinces.map((p) => [p.code, p.region_2025_code]));
  const provinceNames = new Map(provinces.map((p) => [p.code, normaliseText(p.name_vi)]));
  const rows = parseCsvObjects(readText('reporters.csv'));
  const reporters: AppendixReporter[] = rows.map((r) => ({
    group: r.group === 'ministry' ? 'ministry' : 'locality',
    organisationCode: r.organisation_code,
    name: normaliseText(r.name),
    drafting: r.drafting === '1',
    documentNumber: r.document_number || null,
    issuedOn: r.issued_on || null,
    receivedOn: r.received_on || null,
    provinceCode: r.province_code || null,
    regionCode: r.province_code ? (regionOf.get(r.province_code) ?? null) : null,
    note: r.note ? normaliseText(r.note) : null,
  }));
  const reported = new Set(reporters.map((r) => r.provinceCode).filter(Boolean));
  // Request letter 17432/BTC-VCL went to every ministry and ministerial-level agency: those not in Appendix 1 are missing.
  const central: AppendixNonReporter[] = parseCsvObjects(readText('non-reporters-central.csv')).map((r) => ({
    group: 'ministry',
    organisationCode: r.organisation_code,
    name: normaliseText(r.name),
    provinceCode: null,
    regionCode: null,
  }));
  const localities: AppendixNonReporter[] = provinces
    .filter((p) => !reported.has(p.code))
    .map((p) => {
      const full = normaliseText(p.full_name_vi);
      return {
        group: 'locality' as const,
        organisationCode: `UBND-${p.code}`,
        name: full.startsWith('Thành phố') ? `UBND TP. ${full.slice('Thành phố '.length)}` : `UBND tỉnh ${p.name_vi}`,
        provinceCode: p.code,
        regionCode: p.region_2025_code,
      };
    });
  const regions = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/regions-2025.csv'), 'utf8')).map(
    (r) => ({ code: r.region_code, nameVi: normaliseText(r.name_vi), nameEn: r.name_en }),
  );
  return { reporters, nonReporters: [...central, ...localities], regions, provinceNames };
}

function loadStatuses(): Map<string, ReportTaskStatus> {
  const rows = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/res57-tasks-2025.csv'), 'utf8'));
  const out = new Map<string, ReportTaskStatus>();
  for (const r of rows) {
    const hit = STATUS_FROM_CSV.find(([re]) => re.test(r.status_2025));
    if (hit) out.set(normaliseText(r.code), hit[1]);
  }
  return out;
}

function buildLetter(sections: MarkupSection[]) {
  const letter = {
    opening: [] as ReportBlock[],
    sections: [] as ReportEditorialSection[],
    closing: [] as ReportBlock[],
  };
  for (const s of sections) {
    const h = parseHeader(s.header);
    if (h.kind === 'letter.opening') letter.opening = s.blocks;
    else if (h.kind === 'letter.closing') letter.closing = s.blocks;
    else if (h.kind === 'letter.section')
      letter.sections.push({
        key: h.code ?? String(letter.sections.length + 1),
        title: h.title ?? '',
        blocks: s.blocks,
        required: true,
      });
    else throw new Error(`letter.md line ${s.line}: unknown section "${s.header}"`);
  }
  return letter;
}

function buildReport(sections: MarkupSection[], statuses: Map<string, ReportTaskStatus>) {
  let intro: ReportBlock[] = [];
  const partOne = { title: '', intro: [] as ReportBlock[], sections: [] as ReportPartOneSection[] };
  const parts: Record<'part2' | 'part3', ReportEditorialPart> = {
    part2: { title: '', intro: [], sections: [] },
    part3: { title: '', intro: [], sections: [] },
  };
  let current: 'part1' | 'part2' | 'part3' | null = null;
  let section: ReportPartOneSection | null = null;
  let item: ReportPartOneItem | null = null;
  for (const s of sections) {
    const h = parseHeader(s.header);
    const fail = (why: string) => new Error(`report.md line ${s.line}: ${why} ("${s.header}")`);
    switch (h.kind) {
      case 'report.intro':
        intro = s.blocks;
        break;
      case 'part1':
        current = 'part1';
        partOne.title = h.title ?? '';
        partOne.intro = s.blocks;
        break;
      case 'part2':
      case 'part3':
        current = h.kind;
        parts[h.kind].title = h.title ?? '';
        parts[h.kind].intro = s.blocks;
        break;
      case 'section':
        if (current !== 'part1' || !h.code || !h.title)
          throw fail('a section belongs to Part I and has a code and title');
        section = { code: h.code, title: h.title, intro: s.blocks, items: [] };
        partOne.sections.push(section);
        break;
      case 'item':
        if (!section || !h.code || !h.title) throw fail('an item belongs to a section and has a code and heading');
        item = { code: h.code, heading: h.title, intro: s.blocks, tasks: [] };
        section.items.push(item);
        break;
      case 'task': {
        if (!item || !h.code) throw fail('a task belongs to an item and has a code');
        const task: ReportTask = {
          code: h.code,
          subheading: h.title,
          status: statuses.get(h.code) ?? null,
          synthesis: s.blocks,
          narratives: [],
        };
        item.tasks.push(task);
        break;
      }
      case 'editorial':
        if (current !== 'part2' && current !== 'part3') throw fail('an editorial section belongs to Part II or III');
        if (!h.code || !h.title) throw fail('an editorial section has a code and title');
        // Keys are unit-key safe ("2.1" → "2-1"), as in cycle drafts.
        parts[current].sections.push({
          key: h.code.replace(/\./g, '-'),
          title: h.title,
          blocks: s.blocks,
          required: true,
        });
        break;
      default:
        throw fail('unknown section kind');
    }
  }
  return { intro, partOne, partTwo: parts.part2, partThree: parts.part3 };
}

let cached: ReportModel | null = null;

/** The 2025 package as a validated report model (a fresh copy on every call). */
export function loadFixture2025(): ReportModel {
  if (!cached) {
    const settings = ReportLetterSettings.parse(JSON.parse(readText('settings.json')));
    const { reporters, nonReporters, regions, provinceNames } = loadReporters();
    const letter = buildLetter(parseMarkupDocument(readText('letter.md')).sections);
    const report = buildReport(parseMarkupDocument(readText('report.md')).sections, loadStatuses());
    const orgs = organisationsOf(reporters, provinceNames);
    for (const s of report.partOne.sections)
      for (const it of s.items) for (const t of it.tasks) t.narratives = deriveNarratives(t, orgs);
    cached = ReportModel.parse({
      schemaVersion: 1,
      settings,
      letter,
      report,
      reporters,
      nonReporters,
      regions,
      tables: [],
      provenance:
        'Báo cáo năm 2025 của Bộ Tài chính gửi Thủ tướng Chính phủ (Công văn số 20208/BTC-VCL ngày 26/12/2025), chuyển thành dữ liệu tại reference/documents/res57-2025. Nội dung theo từng cơ quan là các đoạn của báo cáo nêu tên cơ quan đó; tình hình thực hiện theo reference/domain/res57-tasks-2025.csv.',
    });
  }
  return structuredClone(cached);
}

/** The same package as a fresh draft: letter number and day blank, as the records office has not issued them yet. */
export function loadDraft2025(): ReportModel {
  const model = loadFixture2025();
  model.settings.number = null;
  model.settings.day = null;
  return model;
}

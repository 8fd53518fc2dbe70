import {
  type AppendixNonReporter,
  type AppendixReporter,
  normaliseText,
  REFORM_DATE,
  type ReportBlock,
  type ReportEditorialSection,
  type ReportFootnoteParagraph,
  type ReportInline,
  ReportModel,
  type ReportNarrative,
  type ReportPartOneItem,
  type ReportPartOneSection,
  type ReportTask,
  type ReportTaskStatus,
  stripInvisible,
  type TaskSection,
  viCollator,
} from '@regionlink/shared';
import type { CycleReportSource } from '../reporting/cycles.service';
import { type ParsedNarrative, parseNarrative } from '../reporting/narrative';
import { type Contribution, composeTask } from './drafting/compose-task';
import { consolidatedStatus, letterPoints, sentencesToBlocks, themeBlocks, traceOf } from './drafting/compose-blocks';
import { type DraftingResources, draftingResources } from './drafting/resources';
import { type DraftedTheme, draftThemes, type ThemeMaterial } from './drafting/themes';
import { shortDate } from './report-model';
import { officialSpelling } from './unit-names';
import { loadTemplate, type ReportTemplate, type TemplateSection } from './report-template';

/**
 * Assembly of a cycle's report draft from its accepted submissions, as the reporting module's read service gives them
 * (`getCycleReportSource`): pure, so the rules below are unit-tested and the service only fetches and stores.
 *
 * - Settings: the house template (agency, recipients, Nơi nhận, signer) with the cycle's year, request letter and
 *   cut-off; the letter's number and day stay blank until a user enters them; the month is the cut-off's month.
 * - Part I: the cycle's outline in order. A task code `1.2.a.3` is section `1.2`, lettered item `1.2.a`, task 3 under
 *   an italic "- Đối với nhiệm vụ …:" line. Headings are the outline's, framed as the annual report frames them
 *   ("Nhóm nhiệm vụ …" in 1.2, "Đối với nhiệm vụ …" in 1.3). The consolidated status is MoF's assessment; MoF's own
 *   text for the task (the assessment) seeds the synthesis. Each accepted organisation's narrative is attached,
 *   attributed (organisation, document number and date) with its status; it is printed under the task unless MoF's
 *   synthesis already merged it (a task with an assessment text starts with its narratives kept as source only).
 * - Parts II and III: the template's sections, each seeded with the submissions' general sections it names
 *   (identical texts once, with a footnote saying who reported them); sections no template section takes are added to
 *   Part II as optional sections.
 * - Appendix 1: the register of accepted reports (ministries, then localities, in register order) with the drafting
 *   agency first; localities join provinces and regions on province codes at the geography date.
 */

export interface AssembleOrganisation {
  code: string;
  provinceCode: string | null;
}

export interface AssembleRegion {
  code: string;
  nameVi: string;
  nameEn: string;
  memberCodes: string[];
}

export interface AssembleInput {
  source: CycleReportSource;
  organisations: readonly AssembleOrganisation[];
  /** The regions in force at the geography date, with their member province codes. */
  regions: readonly AssembleRegion[];
  template?: ReportTemplate;
  /**
   * Material for the themes of Parts II–III from other modules (for example the coordination councils' bottlenecks),
   * added to what the submissions' general sections say; each item names the outline section it answers.
   */
  material?: readonly ThemeMaterial[];
  /** The official unit names (provinces of the geography date): every other spelling of them is rewritten. */
  unitNames?: readonly string[];
  /** Draft Part I from the submissions even where MoF stored its own text for a task (measurements of the drafter). */
  setAsideAssessments?: boolean;
  resources?: DraftingResources;
}

/** The date whose provinces the organisations' province codes name: the cut-off, but never before the 2025 reform. */
export function geographyDateOf(cutoff: string | null, year: number): string {
  const d = cutoff ?? `${year}-12-31`;
  return d < REFORM_DATE ? REFORM_DATE : d;
}

/** "Báo cáo kết quả thực hiện … năm 2025" → "kết quả thực hiện … năm 2025" (the subject of the letter and report). */
export function subjectOf(cycleName: string): string {
  const s = normaliseText(cycleName).replace(/^báo cáo\s+/i, '');
  return lowerFirst(s);
}

/** Lower-case the first letter unless the first word is an acronym ("ODA", "UBND"). */
export function lowerFirst(s: string): string {
  const first = s.split(/\s/, 1)[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return s;
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** Reporting's task statuses as the report's: a narrative with no status is "unclear". */
export function reportStatus(s: string | null): ReportTaskStatus | null {
  switch (s) {
    case 'done':
    case 'in_progress':
    case 'recurring':
    case 'not_started':
    case 'not_applicable':
      return s;
    default:
      return null;
  }
}

/**
 * NFC and invisible characters stripped, like `normaliseText`, but without trimming: a run's leading or trailing space
 * is the space between it and its neighbour ("Văn bản " + "**đậm**").
 */
export const normaliseRun = (s: string) => stripInvisible(s.normalize('NFC'));

const text = (t: string, bold = false, italic = false): ReportInline => ({ kind: 'text', text: t, bold, italic });

function footnoteParagraphs(note: string): ReportFootnoteParagraph[] {
  return note
    .split(/\n+/)
    .map((p) => normaliseText(p).trim())
    .filter(Boolean)
    .map((p) => [{ kind: 'text', text: p, bold: false, italic: false }]);
}

/**
 * A parsed narrative (reporting's runs and footnotes) as report blocks: paragraphs, "- "/"+ " lines as list items, an
 * all-italic "- Đối với …" line as a subheading, h3 as a lettered point, h4 and quotes as italic lines, numbered
 * lists numbered in the text. Links keep their address after the text; footnotes stay footnotes.
 */
export function narrativeBlocks(n: ParsedNarrative): ReportBlock[] {
  const out: ReportBlock[] = [];
  let ordered = 0;
  for (const b of n.blocks) {
    const content: ReportInline[] = [];
    for (const r of b.runs) {
      if (r.footnote) {
        const paragraphs = footnoteParagraphs(n.footnotes[r.footnote - 1] ?? '');
        if (paragraphs.length) content.push({ kind: 'footnote', paragraphs });
        continue;
      }
      let t = normaliseRun(r.text.replace(/\n/g, ' '));
      if (r.link && !t.includes(r.link)) t += ` (${r.link})`;
      if (!t) continue;
      const last = content[content.length - 1];
      const bold = !!r.bold;
      const italic = !!r.italic || b.type === 'quote';
      if (last && last.kind === 'text' && last.bold === bold && last.italic === italic) last.text += t;
      else content.push(text(t, bold, italic));
    }
    const texts = content.filter((c): c is Extract<ReportInline, { kind: 'text' }> => c.kind === 'text');
    const plain = texts.map((c) => c.text).join('');
    if (plain.trim() === '' && !content.some((c) => c.kind === 'footnote')) continue;
    if (b.type !== 'ordered') ordered = 0;
    const stripPrefix = () => {
      const first = texts[0];
      if (first) first.text = first.text.replace(/^\s*[-+]\s+/, '');
    };
    switch (b.type) {
      case 'heading':
        out.push({ kind: b.level === 3 ? 'heading' : 'subheading', content });
        break;
      case 'bullet':
        out.push({ kind: 'item', marker: b.level > 1 ? '+' : '-', content });
        break;
      case 'ordered':
        ordered++;
        if (texts[0]) texts[0].text = `${ordered}. ${texts[0].text}`;
        out.push({ kind: 'paragraph', content });
        break;
      default: {
        const allItalic = texts.length > 0 && texts.every((c) => c.italic);
        if (/^\s*-\s/.test(plain) && allItalic) out.push({ kind: 'subheading', content });
        else if (/^\s*[-+]\s/.test(plain)) {
          const marker = plain.trim().startsWith('+') ? '+' : '-';
          stripPrefix();
          out.push({ kind: 'item', marker, content });
        } else out.push({ kind: 'paragraph', content });
      }
    }
  }
  return out;
}

/** Section titles of Part I when the outline gives none, by the section of the task. */
const SECTION_TITLES: Record<TaskSection, string> = {
  general: 'Các nhiệm vụ chung của bộ, ngành, ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương',
  ministry: 'Các nhiệm vụ, giải pháp cụ thể của các bộ, ngành',
  province: 'Nhóm nhiệm vụ, giải pháp cụ thể đối với ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương',
};

/** The lettered heading of a one-task item, framed as the annual report frames it in each section. */
export function itemHeading(section: TaskSection, title: string): string {
  const t = normaliseText(title).replace(/[.:;\s]+$/, '');
  if (section === 'ministry') return `Nhóm nhiệm vụ ${lowerFirst(t)}`;
  if (section === 'province') return `Đối với nhiệm vụ ${lowerFirst(t)}`;
  return t;
}

/** The italic line of one of several tasks under a lettered item: "- Đối với nhiệm vụ …:". */
export function taskSubheading(title: string): string {
  return `- Đối với nhiệm vụ ${lowerFirst(normaliseText(title).replace(/[.:;\s]+$/, ''))}:`;
}

/** Section keys are unit-key safe: "2.1" becomes "2-1". */
export const sectionKey = (code: string) => code.replace(/\./g, '-');

const abbreviate = (name: string) =>
  normaliseText(name)
    .replace(/^Ủy ban nhân dân thành phố /, 'UBND TP. ')
    .replace(/^Ủy ban nhân dân /, 'UBND ');

type Source = CycleReportSource;
type SourceTask = Source['tasks'][number];

function regionOfProvince(regions: readonly AssembleRegion[]) {
  const m = new Map<string, string>();
  for (const r of regions) for (const c of r.memberCodes) m.set(c, r.code);
  return m;
}

function buildAppendix(input: AssembleInput, template: ReportTemplate) {
  const { source, organisations } = input;
  const province = new Map(organisations.map((o) => [o.code, o.provinceCode]));
  const region = regionOfProvince(input.regions);
  const drafting = template.draftingAgencyCode;
  const noteOf = (flags: { code: string; noteVi: string }[]) => {
    const notes = flags.filter((f) => f.code !== 'drafting_agency').map((f) => normaliseText(f.noteVi));
    return notes.length ? notes.join(' ').slice(0, 1000) : null;
  };
  const row = (r: Source['register']['central'][number], group: 'ministry' | 'locality'): AppendixReporter => {
    const p = group === 'locality' ? (province.get(r.orgCode) ?? null) : null;
    return {
      group,
      organisationCode: r.orgCode,
      name: abbreviate(r.reportingBodyVi ?? r.orgNameVi),
      drafting:
        group === 'ministry' &&
        (r.flags.some((f) => f.code === 'drafting_agency') || (r.orgCode === drafting && !r.docNumber)),
      documentNumber: r.docNumber,
      issuedOn: r.issuedOn,
      receivedOn: r.receivedOn,
      provinceCode: p,
      regionCode: p ? (region.get(p) ?? null) : null,
      note: noteOf(r.flags),
    };
  };
  const ministries = source.register.central.map((r) => row(r, 'ministry'));
  // The drafting agency heads group I, as in the real appendix, whether or not it sent a report of its own.
  let first = ministries.findIndex((m) => m.drafting);
  if (first < 0) {
    const missing = source.counts.missing.find((m) => m.orgCode === drafting);
    ministries.unshift({
      group: 'ministry',
      organisationCode: drafting,
      name: template.settings.agencyShortName,
      drafting: true,
      documentNumber: null,
      issuedOn: null,
      receivedOn: null,
      provinceCode: null,
      regionCode: null,
      note: missing ? 'Cơ quan soạn thảo báo cáo tổng hợp; không gửi văn bản báo cáo riêng.' : null,
    });
    first = 0;
  }
  if (first > 0) ministries.unshift(...ministries.splice(first, 1));
  const localities = source.register.locality.map((r) => row(r, 'locality'));
  // Ministries by name, localities by province code: a stable order, whatever order the database returns them in.
  const nonReporters: AppendixNonReporter[] = [...source.counts.missing]
    .sort(
      (a, b) =>
        (a.group === 'central' ? 0 : 1) - (b.group === 'central' ? 0 : 1) ||
        (province.get(a.orgCode) ?? '').localeCompare(province.get(b.orgCode) ?? '') ||
        viCollator.compare(a.orgNameVi, b.orgNameVi),
    )
    .filter((m) => m.orgCode !== drafting)
    .map((m) => {
      const p = m.group === 'locality' ? (province.get(m.orgCode) ?? null) : null;
      return {
        group: m.group === 'central' ? 'ministry' : 'locality',
        organisationCode: m.orgCode,
        name: abbreviate(m.orgNameVi),
        provinceCode: p,
        regionCode: p ? (region.get(p) ?? null) : null,
      };
    });
  return { reporters: [...ministries, ...localities], nonReporters };
}

interface DraftContext {
  reporters: readonly AppendixReporter[];
  /** The body that signed each organisation's report, from the register ("Sở Tài chính tỉnh Tuyên Quang"). */
  bodies: ReadonlyMap<string, string | null>;
  setAside: boolean;
  res: DraftingResources;
}

function contributionOf(e: SourceTask['entries'][number], ctx: DraftContext): Contribution {
  const name = abbreviate(e.orgNameVi);
  return {
    organisationCode: e.orgCode,
    organisationName: name,
    group: e.group === 'central' ? 'ministry' : 'locality',
    sender: {
      organisationName: name,
      reportingBody: ctx.bodies.get(e.orgCode) ?? null,
      documentNumber: e.docNumber,
      documentDate: e.docDate,
    },
    status: reportStatus(e.status),
    narrative: e.narrative,
    figures: e.figures ?? {},
  };
}

function buildTask(t: SourceTask, ctx: DraftContext, subheading: string | null): ReportTask {
  const byCode = new Map(ctx.reporters.map((r) => [r.organisationCode, r]));
  const own = !ctx.setAside && t.assessmentHtml ? narrativeBlocks(parseNarrative(t.assessmentHtml)) : [];
  const narratives: ReportNarrative[] = t.entries.map((e) => {
    const r = byCode.get(e.orgCode);
    return {
      organisationCode: e.orgCode,
      organisationName: abbreviate(e.orgNameVi),
      group: e.group === 'central' ? 'ministry' : 'locality',
      regionCode: r?.regionCode ?? null,
      documentNumber: e.docNumber,
      documentDate: e.docDate,
      status: reportStatus(e.status) ?? 'unclear',
      blocks: narrativeBlocks(e.narrative),
      // MoF's text or the drafted paragraph already holds every narrative: printed separately only on request.
      include: false,
    };
  });
  const assessed = ctx.setAside ? null : reportStatus(t.assessmentStatus);
  const status =
    assessed ??
    consolidatedStatus(t.entries.map((e) => reportStatus(e.status))) ??
    (t.entries.length === 0 ? 'not_reported' : null);
  if (own.length > 0) return { code: t.code, subheading, status, synthesis: own, narratives };
  const drafted = composeTask(
    {
      code: t.code,
      heading: t.headingVi,
      shortTitle: normaliseText(t.shortTitleVi || t.headingVi),
      figures: t.figures,
      contributions: t.entries.map((e) => contributionOf(e, ctx)),
    },
    ctx.res,
  );
  return {
    code: t.code,
    subheading,
    status,
    synthesis: sentencesToBlocks(drafted.paragraphs),
    narratives,
    drafting: traceOf(
      drafted.paragraphs,
      drafted.leftOut,
      t.entries.map((e) => e.orgCode),
    ),
  };
}

function buildPartOne(source: Source, ctx: DraftContext): ReportPartOneSection[] {
  const sections: ReportPartOneSection[] = [];
  const titleOf = new Map<string, string>();
  for (const t of source.tasks)
    if (t.groupCode && t.groupTitleVi) titleOf.set(t.groupCode, normaliseText(t.groupTitleVi));
  let section: ReportPartOneSection | null = null;
  let item: ReportPartOneItem | null = null;
  for (const t of source.tasks) {
    const parts = t.code.split('.');
    const sectionCode = parts.slice(0, 2).join('.');
    const itemCode = parts.slice(0, 3).join('.');
    const sub = parts.length > 3;
    if (!section || section.code !== sectionCode) {
      section = {
        code: sectionCode,
        title: titleOf.get(sectionCode) ?? SECTION_TITLES[t.section],
        intro: [],
        items: [],
      };
      sections.push(section);
      item = null;
    }
    if (!item || item.code !== itemCode) {
      item = {
        code: itemCode,
        heading: sub
          ? (titleOf.get(itemCode) ?? itemHeading(t.section, t.headingVi))
          : itemHeading(t.section, t.headingVi),
        intro: [],
        tasks: [],
      };
      section.items.push(item);
    }
    item.tasks.push(buildTask(t, ctx, sub ? taskSubheading(t.headingVi) : null));
  }
  return sections;
}

/** The general sections of the submissions as theme material, plus the material other modules add. */
function materialOf(source: Source, ctx: DraftContext, extra: readonly ThemeMaterial[]): ThemeMaterial[] {
  const out: ThemeMaterial[] = [];
  for (const g of source.generalSections)
    for (const e of g.entries) {
      const name = abbreviate(e.orgNameVi);
      out.push({
        sectionKey: g.key,
        organisationCode: e.orgCode,
        organisationName: name,
        sender: {
          organisationName: name,
          reportingBody: ctx.bodies.get(e.orgCode) ?? null,
          documentNumber: e.docNumber,
          documentDate: ctx.reporters.find((r) => r.organisationCode === e.orgCode)?.issuedOn ?? null,
        },
        narrative: e.narrative,
        origin: 'reporting',
      });
    }
  return [...out, ...extra];
}

interface DraftedSection {
  blocks: ReportBlock[];
  themes: DraftedTheme[];
}

/**
 * The seed of an editorial section: the drafting agency's own text on its topics as written (it is MoF's own, not a
 * theme to attribute), then one paragraph per theme the other organisations raised, ranked by how many raised it.
 */
function draftSection(
  keys: readonly string[],
  material: readonly ThemeMaterial[],
  drafting: string,
  ctx: DraftContext,
): DraftedSection {
  const mine = material.filter((m) => keys.includes(m.sectionKey));
  const ownBlocks = mine.filter((m) => m.organisationCode === drafting).flatMap((m) => narrativeBlocks(m.narrative));
  const themes = draftThemes(
    keys.join('-'),
    mine.filter((m) => m.organisationCode !== drafting),
    ctx.res,
  );
  return { blocks: [...ownBlocks, ...themeBlocks(themes, ctx.res).blocks], themes };
}

function editorial(
  sections: readonly (TemplateSection & { blocks: ReportBlock[] })[],
  drafted: (s: TemplateSection) => DraftedSection,
): ReportEditorialSection[] {
  return sections.map((s) => {
    const d = drafted(s);
    return {
      key: sectionKey(s.key),
      title: s.title,
      blocks: [...structuredClone(s.blocks), ...d.blocks],
      required: s.required,
      ...(d.themes.length ? { themes: d.themes } : {}),
    };
  });
}

/**
 * Part I's statements made by most organisations (one per task, the merged sentence with most sources), as themes for
 * the letter's point 1 when the submissions report no results of their own.
 */
function highlightsOf(sections: readonly ReportPartOneSection[]): DraftedTheme[] {
  const out: DraftedTheme[] = [];
  for (const t of sections.flatMap((s) => s.items.flatMap((i) => i.tasks))) {
    const best = (t.drafting?.sentences ?? [])
      .filter((x) => x.kind === 'merged')
      .sort((a, b) => b.sources.length - a.sources.length)[0];
    if (!best) continue;
    const who = [...new Set(best.sources.map((x) => x.organisationName))];
    // In the letter the organisations go to the footnote: the statement itself is what they all wrote.
    const statement = best.statement ?? best.text;
    out.push({
      id: `highlight-${t.code}`,
      label: t.code,
      organisations: [...new Set(best.sources.map((x) => x.organisationCode))],
      sentence: { ...best, text: statement, kind: 'summary' },
      footnote: [`Theo báo cáo của: ${who.join('; ')} (nhiệm vụ ${t.code}).`],
    });
  }
  return out.sort((a, b) => b.organisations.length - a.organisations.length);
}

/** The draft of a cycle's national report, assembled from its accepted submissions (see the module comment). */
export function assembleDraft(input: AssembleInput): ReportModel {
  const { source } = input;
  const c = source.cycle;
  const subject = subjectOf(c.nameVi);
  const policy = `Nghị quyết số ${c.policyCode}`;
  const template = input.template ?? loadTemplate({ policy, policyFull: normaliseText(c.policyTitleVi), subject });
  const { reporters, nonReporters } = buildAppendix(input, template);
  const cutOffDate = c.cutoff ?? c.deadline ?? `${c.year}-12-31`;
  const geographyDate = geographyDateOf(c.cutoff, c.year);
  const [cy, cm] = cutOffDate.split('-').map(Number);
  const ctx: DraftContext = {
    reporters,
    bodies: new Map(
      [...source.register.central, ...source.register.locality].map((r) => [r.orgCode, r.reportingBodyVi ?? null]),
    ),
    setAside: !!input.setAsideAssessments,
    res: input.resources ?? draftingResources(),
  };
  const material = materialOf(source, ctx, input.material ?? []);
  const drafting = template.draftingAgencyCode;
  const drafted = new Map<string, DraftedSection>();
  const draftedOf = (s: TemplateSection) => {
    const d = drafted.get(s.key) ?? draftSection(s.seedKeys, material, drafting, ctx);
    drafted.set(s.key, d);
    return d;
  };
  const partOne = buildPartOne(source, ctx);
  const seeded = new Set(
    [...template.report.partTwo.sections, ...template.report.partThree.sections].flatMap((s) => s.seedKeys),
  );
  const extraKeys = [
    ...new Set([...source.generalSections.map((g) => g.key), ...material.map((m) => m.sectionKey)]),
  ].filter((k) => !seeded.has(k));
  const extra: ReportEditorialSection[] = extraKeys.map((k) => {
    const d = draftSection([k], material, drafting, ctx);
    const g = source.generalSections.find((x) => x.key === k);
    return {
      key: `g-${k.replace(/_/g, '-')}`,
      title: normaliseText(g?.titleVi ?? k),
      blocks: d.blocks,
      required: false,
      ...(d.themes.length ? { themes: d.themes } : {}),
    };
  });
  const partTwo = editorial(template.report.partTwo.sections, draftedOf);
  const partThree = editorial(template.report.partThree.sections, draftedOf);
  const themesFor = (key: string) =>
    [...template.report.partTwo.sections, ...template.report.partThree.sections]
      .filter((s) => s.seedKeys.includes(key))
      .flatMap((s) => draftedOf(s).themes);
  const points = letterPoints(
    {
      policy,
      year: c.year,
      taskStatuses: partOne.flatMap((s) => s.items.flatMap((i) => i.tasks.map((t) => t.status))),
      results: themesFor('results'),
      highlights: highlightsOf(partOne),
      recommendations: themesFor('recommendations'),
      proposals: themesFor('proposals'),
    },
    ctx.res,
  );
  const accepted = reporters.filter((r) => !r.drafting || r.documentNumber).length;
  const spell = officialSpelling(input.unitNames ?? []);
  const model = {
    schemaVersion: 1,
    settings: {
      ...template.settings,
      year: c.year,
      month: cy === c.year ? cm : null,
      subject: `báo cáo ${subject}`,
      reportTitle: upperFirst(subject),
      requestLetter: { number: c.requestNumber, date: c.requestDate },
      cutOffDate,
      geographyDate,
    },
    letter: {
      opening: template.letter.opening,
      sections: template.letter.sections.map((s, i) => {
        const point = points[i];
        return {
          key: sectionKey(s.key),
          title: s.title,
          blocks: [...s.blocks, ...(point?.blocks ?? [])],
          required: s.required,
          ...(point?.sentences.length
            ? { drafting: { sentences: point.sentences, leftOut: [], organisations: [] } }
            : {}),
        };
      }),
      closing: template.letter.closing,
    },
    report: {
      intro: template.report.intro,
      partOne: {
        title: template.report.partOne.title,
        intro: template.report.partOne.intro,
        sections: partOne,
      },
      partTwo: {
        title: template.report.partTwo.title,
        intro: template.report.partTwo.intro,
        sections: [...partTwo, ...extra],
      },
      partThree: {
        title: template.report.partThree.title,
        intro: template.report.partThree.intro,
        sections: partThree,
      },
    },
    reporters,
    received: {
      // MoF, the drafting agency, heads Appendix 1 and is counted with the ministries whether or not it sent a report.
      ministries:
        source.counts.received.central + (source.counts.received.codes.includes(template.draftingAgencyCode) ? 0 : 1),
      localities: source.counts.received.locality,
    },
    nonReporters,
    regions: input.regions.map((r) => ({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn })),
    tables: [],
    provenance: `Tổng hợp từ ${accepted} báo cáo đã được chấp nhận của kỳ báo cáo "${normaliseText(c.nameVi)}" (${policy}; ${c.requestNumber ? `Công văn đề nghị số ${c.requestNumber}${c.requestDate ? ` ngày ${shortDate(c.requestDate)}` : ''}; ` : ''}chốt số liệu ngày ${shortDate(cutOffDate)}). Phần I theo đề cương của kỳ báo cáo; nội dung của từng cơ quan ghi rõ số, ngày văn bản; Phụ lục 1 theo sổ văn bản đến; địa phương nối với tỉnh, vùng theo mã đơn vị hành chính tại ngày ${shortDate(geographyDate)}.`,
  };
  // One spelling per unit name, the official list's, in every text of the draft.
  return ReportModel.parse(JSON.parse(JSON.stringify(model), (_k, v) => (typeof v === 'string' ? spell(v) : v)));
}

import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';

/**
 * The consolidated national report (Resolution 57/NQ-CP package) as data: a cover letter, the full report (Parts I–III)
 * and Appendix 1 of reporters. Generators turn one `ReportModel` into DOCX, PDF, XLSX and a zip package; the editor
 * works on the same model. Text is rich text made of inline runs; footnotes are inline runs too, so their numbers are
 * always computed from their position (each document numbers its footnotes from 1, as the 2025 original does).
 */

const Text = z.string().max(50_000);

/** A value filled from data when the document is generated, never typed by staff (counts, dates, references). */
export const ReportField = z.enum([
  /** "11 bộ, cơ quan trung ương và 27 địa phương": the appendix's group row counts. */
  'reporterCounts',
  /** Number of rows of the ministries group of Appendix 1. */
  'ministryCount',
  /** Number of rows of the localities group of Appendix 1. */
  'localityCount',
  /** The cut-off date, "23/12/2025". */
  'cutOffDate',
  /** "Công văn số 17432/BTC-VCL ngày 10/11/2025": the request letter. */
  'requestLetter',
  /** "công văn số 20208/BTC-VCL ngày 26 tháng 12 năm 2025": this letter, blank number/day until entered. */
  'letterReference',
  /** The reporting year, "2025". */
  'year',
]);
export type ReportField = z.infer<typeof ReportField>;

export const ReportText = z.object({
  kind: z.literal('text'),
  text: Text,
  bold: z.boolean().default(false),
  italic: z.boolean().default(false),
});
export type ReportText = z.infer<typeof ReportText>;

export const ReportFieldRun = z.object({ kind: z.literal('field'), field: ReportField });
export type ReportFieldRun = z.infer<typeof ReportFieldRun>;

/** One paragraph of a footnote: text and fields, no nested footnotes. */
export const ReportFootnoteParagraph = z.array(z.discriminatedUnion('kind', [ReportText, ReportFieldRun])).max(2000);
export type ReportFootnoteParagraph = z.infer<typeof ReportFootnoteParagraph>;

export const ReportFootnote = z.object({
  kind: z.literal('footnote'),
  paragraphs: z.array(ReportFootnoteParagraph).min(1).max(200),
});
export type ReportFootnote = z.infer<typeof ReportFootnote>;

export const ReportInline = z.discriminatedUnion('kind', [ReportText, ReportFieldRun, ReportFootnote]);
export type ReportInline = z.infer<typeof ReportInline>;

const Inlines = z.array(ReportInline).max(5000);

/**
 * A block of body text. `heading` is a lettered point (a), b), c), d), đ) …) numbered automatically within its section
 * in Vietnamese letter order; `subheading` is an italic line such as "- Đối với nhiệm vụ …:"; `item` is a list line
 * opened by "-" or "+" as in state documents; `table` and `figure` place a table or chart of the model by id.
 */
export const ReportBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), content: Inlines }),
  z.object({ kind: z.literal('item'), marker: z.enum(['-', '+']), content: Inlines }),
  z.object({ kind: z.literal('heading'), content: Inlines }),
  z.object({ kind: z.literal('subheading'), content: Inlines }),
  z.object({ kind: z.literal('table'), tableId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('figure'), figureId: z.string().min(1).max(100) }),
]);
export type ReportBlock = z.infer<typeof ReportBlock>;

const Blocks = z.array(ReportBlock).max(5000);

/** Status of a task as reported by one organisation, or as consolidated by MoF. */
export const ReportTaskStatus = z.enum([
  'done',
  'in_progress',
  'recurring',
  'not_started',
  'not_applicable',
  'unclear',
  'not_reported',
]);
export type ReportTaskStatus = z.infer<typeof ReportTaskStatus>;

export const AppendixGroup = z.enum(['ministry', 'locality']);
export type AppendixGroup = z.infer<typeof AppendixGroup>;

/** An official document reference: number/symbol and date (either may be unknown). */
export const ReportDocumentRef = z.object({
  number: z.string().max(100).nullable(),
  date: IsoDate.nullable(),
});
export type ReportDocumentRef = z.infer<typeof ReportDocumentRef>;

/** Where a drafted sentence came from: the organisation, its document and the passage of its report. */
export const DraftSource = z.object({
  organisationCode: z.string().max(40),
  /** The body credited (the signing department when it is not the organisation itself). */
  organisationName: z.string().max(300),
  documentNumber: z.string().max(100).nullable(),
  passage: z.string().max(5000),
});
export type DraftSource = z.infer<typeof DraftSource>;

/** A sentence the drafter wrote, with its sources and, for a chosen key sentence, the explanation of its score. */
export const DraftSentence = z.object({
  text: z.string().max(20_000),
  kind: z.enum(['opening', 'merged', 'own', 'figures', 'theme', 'summary']),
  /** A merged sentence's statement without who made it (what every organisation wrote). */
  statement: z.string().max(20_000).optional(),
  sources: z.array(DraftSource).max(200),
  score: z.string().max(500).nullable(),
});
export type DraftSentence = z.infer<typeof DraftSentence>;

/** An accepted contribution the drafter could not use, and why. */
export const DraftLeftOut = z.object({
  organisationCode: z.string().max(40),
  organisationName: z.string().max(300),
  reasonVi: z.string().max(1000),
  reasonEn: z.string().max(1000),
});
export type DraftLeftOut = z.infer<typeof DraftLeftOut>;

/** The drafter's record for one task or section: what it wrote from which passages, and what it left out. */
export const DraftTrace = z.object({
  sentences: z.array(DraftSentence).max(500),
  leftOut: z.array(DraftLeftOut).max(500),
  /** Organisations whose accepted reports the draft was written from. */
  organisations: z.array(z.string().max(40)).max(500),
});
export type DraftTrace = z.infer<typeof DraftTrace>;

/** A theme of Parts II–III: similar points raised by several organisations, ranked by how many raised them. */
export const ReportTheme = z.object({
  id: z.string().min(1).max(60),
  /** The words the points share (for the drafter's list). */
  label: z.string().max(300),
  sentence: DraftSentence,
  organisations: z.array(z.string().max(40)).max(500),
  /** The footnote printed with the theme: who raised it, with their documents, and the others' own wording. */
  footnote: z.array(z.string().max(49_000)).max(200),
});
export type ReportTheme = z.infer<typeof ReportTheme>;

/** One organisation's narrative on one task, attributed (organisation, document number), with its status. */
export const ReportNarrative = z.object({
  organisationCode: z.string().min(1).max(40),
  organisationName: z.string().min(1).max(300),
  group: AppendixGroup,
  /** 2025 region code of a locality (NMM, RRD, NC, SCCH, SE, MRD); null for ministries. */
  regionCode: z.string().max(10).nullable(),
  documentNumber: z.string().max(100).nullable(),
  documentDate: IsoDate.nullable(),
  status: ReportTaskStatus,
  blocks: Blocks,
  /** Printed in the report under the task (attributed), or kept only as source once merged into the synthesis. */
  include: z.boolean(),
});
export type ReportNarrative = z.infer<typeof ReportNarrative>;

/** A task of the outline (1.1.a, 1.2.a.3 …): the consolidated status, MoF's synthesis, and the narratives. */
export const ReportTask = z.object({
  code: z.string().min(1).max(40),
  /** The italic "- Đối với nhiệm vụ …:" line when the task is one of several under a lettered item; else null. */
  subheading: z.string().max(2000).nullable(),
  status: ReportTaskStatus.nullable(),
  synthesis: Blocks,
  narratives: z.array(ReportNarrative).max(500),
  /** The drafter's record for the synthesis it wrote (absent when MoF's own text seeds it, or in older drafts). */
  drafting: DraftTrace.optional(),
});
export type ReportTask = z.infer<typeof ReportTask>;

/** A lettered item of Part I (a), b) …): its Res. 57 heading, an optional opening, and its task(s). */
export const ReportPartOneItem = z.object({
  code: z.string().min(1).max(40),
  heading: z.string().min(1).max(2000),
  intro: Blocks,
  tasks: z.array(ReportTask).min(1).max(50),
});
export type ReportPartOneItem = z.infer<typeof ReportPartOneItem>;

/** 1.1 general tasks, 1.2 ministries' tasks, 1.3 provinces' tasks. */
export const ReportPartOneSection = z.object({
  code: z.string().min(1).max(20),
  title: z.string().min(1).max(1000),
  intro: Blocks,
  items: z.array(ReportPartOneItem).max(50),
});
export type ReportPartOneSection = z.infer<typeof ReportPartOneSection>;

/** A numbered section written by staff (letter points 1–3, report 2.1 … 3.3). */
export const ReportEditorialSection = z.object({
  key: z.string().min(1).max(40),
  title: z.string().min(1).max(1000),
  blocks: Blocks,
  /** Export of the final package is refused while a required section is empty. */
  required: z.boolean(),
  /** Themes drafted from the submissions for this section (drafting material; the text is in `blocks`). */
  themes: z.array(ReportTheme).max(200).optional(),
  /** Sentences drafted for a letter point, with their sources. */
  drafting: DraftTrace.optional(),
});
export type ReportEditorialSection = z.infer<typeof ReportEditorialSection>;

export const ReportEditorialPart = z.object({
  title: z.string().min(1).max(1000),
  intro: Blocks,
  sections: z.array(ReportEditorialSection).max(30),
});
export type ReportEditorialPart = z.infer<typeof ReportEditorialPart>;

/** One row of Appendix 1. */
export const AppendixReporter = z.object({
  group: AppendixGroup,
  organisationCode: z.string().min(1).max(40),
  /** The name as printed in the appendix ("Sở Tài chính tỉnh Tuyên Quang" when the department sent it). */
  name: z.string().min(1).max(300),
  /** The drafting agency (MoF) is listed first with "Cơ quan soạn thảo" instead of a number. */
  drafting: z.boolean(),
  documentNumber: z.string().max(100).nullable(),
  issuedOn: IsoDate.nullable(),
  receivedOn: IsoDate.nullable(),
  provinceCode: z.string().max(5).nullable(),
  regionCode: z.string().max(10).nullable(),
  /** An oddity of the source kept as-is and flagged (e.g. a document dated a year before the request). */
  note: z.string().max(1000).nullable(),
});
export type AppendixReporter = z.infer<typeof AppendixReporter>;

/** An organisation asked to report that sent nothing by the cut-off. */
export const AppendixNonReporter = z.object({
  group: AppendixGroup,
  organisationCode: z.string().min(1).max(40),
  name: z.string().min(1).max(300),
  provinceCode: z.string().max(5).nullable(),
  regionCode: z.string().max(10).nullable(),
});
export type AppendixNonReporter = z.infer<typeof AppendixNonReporter>;

/** A table staff inserted (for instance indicators from the statistics database), with its source line. */
export const ReportTable = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  columns: z
    .array(z.object({ label: z.string().max(200), align: z.enum(['left', 'right', 'center']) }))
    .min(1)
    .max(12),
  rows: z.array(z.array(z.string().max(2000))).max(2000),
  source: z.string().min(1).max(2000),
});
export type ReportTable = z.infer<typeof ReportTable>;

/**
 * Tables and figures computed from the model, never typed: `task-status` (tasks by consolidated status),
 * `completeness` (reporters by group and region), `reporters-map` (map of the provinces that reported),
 * `status-chart` (bar chart of task statuses), `completeness-chart` (bar chart by region).
 */
export const BUILTIN_TABLES = ['builtin:task-status', 'builtin:completeness'] as const;
export const BUILTIN_FIGURES = ['builtin:reporters-map', 'builtin:status-chart', 'builtin:completeness-chart'] as const;

export const ReportSigner = z.object({
  /** "KT. BỘ TRƯỞNG" (signing on behalf), or null when the minister signs. */
  authority: z.string().max(200).nullable(),
  title: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
});
export type ReportSigner = z.infer<typeof ReportSigner>;

/** Yearly settings of the letter: header, number, date, subject, recipients, signer and the instruments it cites. */
export const ReportLetterSettings = z.object({
  /** Parent body above the agency name (uppercase, not bold), or null. */
  agencyParent: z.string().max(200).nullable(),
  agencyName: z.string().min(1).max(200),
  /** Short name used in running text ("Bộ Tài chính"). */
  agencyShortName: z.string().min(1).max(200),
  /** Number of the letter from the records office: blank until a user enters it. */
  number: z
    .string()
    .regex(/^\d{1,6}$/, 'expected digits only')
    .nullable(),
  symbol: z
    .string()
    .regex(/^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/, 'expected an uppercase symbol such as BTC-VCL')
    .min(1)
    .max(40),
  place: z.string().min(1).max(100),
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12).nullable(),
  /** Day of signature: blank until a user enters it. */
  day: z.number().int().min(1).max(31).nullable(),
  /** Trích yếu of the letter, without "V/v". */
  subject: z.string().min(1).max(1000),
  /** Trích yếu of the report (under BÁO CÁO). */
  reportTitle: z.string().min(1).max(1000),
  appendixTitle: z.string().min(1).max(1000),
  recipients: z.array(z.string().min(1).max(300)).min(1).max(20),
  /** Nơi nhận lines without the "-" and ";"; the last is the archive line ("Lưu: VT, VCL"). */
  copyTo: z.array(z.string().min(1).max(300)).min(1).max(30),
  signer: ReportSigner,
  requestLetter: ReportDocumentRef,
  cutOffDate: IsoDate,
  /** Date of the geography used to join localities to provinces and regions (34 provinces from 2025-07-01). */
  geographyDate: IsoDate,
});
export type ReportLetterSettings = z.infer<typeof ReportLetterSettings>;

export const ReportModel = z.object({
  schemaVersion: z.literal(1),
  settings: ReportLetterSettings,
  letter: z.object({
    opening: Blocks,
    sections: z.array(ReportEditorialSection).max(10),
    closing: Blocks,
  }),
  report: z.object({
    intro: Blocks,
    partOne: z.object({
      title: z.string().min(1).max(1000),
      intro: Blocks,
      sections: z.array(ReportPartOneSection).max(10),
    }),
    partTwo: ReportEditorialPart,
    partThree: ReportEditorialPart,
  }),
  reporters: z.array(AppendixReporter).max(500),
  /**
   * Reports received by the cut-off, by group, whatever their review state: what the letter and the report count
   * ("11 bộ, cơ quan trung ương và 27 địa phương"). Absent: the rows of Appendix 1 are counted.
   */
  received: z.object({ ministries: z.number().int().min(0), localities: z.number().int().min(0) }).optional(),
  nonReporters: z.array(AppendixNonReporter).max(500),
  /** The regions of the geography date, in display order, for grouping localities (codes as in `regionCode`). */
  regions: z
    .array(z.object({ code: z.string().min(1).max(10), nameVi: z.string().min(1), nameEn: z.string().min(1) }))
    .max(20),
  tables: z.array(ReportTable).max(50),
  /**
   * Drafting aids printed in the DOCX/PDF only when the drafter switches them on: per-task status lines with the
   * number of reports (and "Chưa có báo cáo"), and the tables and charts that count tasks by status. The editor
   * always shows them.
   */
  aids: z.object({ statusLines: z.boolean(), coverage: z.boolean() }).default({ statusLines: false, coverage: false }),
  /** Where the model came from, printed in the package manifest and the XLSX "Nguồn" sheet. */
  provenance: z.string().max(4000),
});
export type ReportModel = z.infer<typeof ReportModel>;
/** The model as accepted on input (boolean flags of text runs may be omitted). */
export type ReportModelInput = z.input<typeof ReportModel>;

export const REPORT_PARTS = ['letter', 'report', 'appendix'] as const;
export const ReportPart = z.enum(REPORT_PARTS);
export type ReportPart = z.infer<typeof ReportPart>;

export const REPORT_TASK_STATUS_LABELS: Record<ReportTaskStatus, { vi: string; en: string }> = {
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  in_progress: { vi: 'Đang triển khai', en: 'In progress' },
  recurring: { vi: 'Thường xuyên, tiếp tục triển khai', en: 'Recurring, continuing' },
  not_started: { vi: 'Chưa triển khai', en: 'Not started' },
  not_applicable: { vi: 'Không áp dụng', en: 'Not applicable' },
  unclear: { vi: 'Chưa rõ kết quả', en: 'Unclear' },
  not_reported: { vi: 'Chưa có báo cáo', en: 'Not reported' },
};

/** Vietnamese list letters: a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y (no f, j, w, z). */
export const VI_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
] as const;

/** The n-th (0-based) Vietnamese list letter; past "y" letters double ("aa"). */
export function viLetter(index: number): string {
  const n = VI_LETTERS.length;
  if (index < n) return VI_LETTERS[index];
  return VI_LETTERS[Math.floor(index / n) - 1] + VI_LETTERS[index % n];
}

/** Roman numeral for part headings (I, II, III …). */
export function romanNumeral(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Files of a package that can be downloaded: each part as DOCX or PDF, the XLSX annex, and the zip of all. */
export const DOCUMENT_FILES = [
  'letter.docx',
  'report.docx',
  'appendix.docx',
  'letter.pdf',
  'report.pdf',
  'appendix.pdf',
  'annex.xlsx',
  'package.zip',
] as const;
export const DocumentFile = z.enum(DOCUMENT_FILES);
export type DocumentFile = z.infer<typeof DocumentFile>;

/** The reference packages shipped with the product (the real 2025 package). */
export const DocumentSampleId = z.enum(['res57-2025']);
export type DocumentSampleId = z.infer<typeof DocumentSampleId>;

export const DocumentSampleParams = z.object({ id: DocumentSampleId });
export const DocumentSampleFileParams = z.object({ id: DocumentSampleId, file: DocumentFile });

export const CompletenessLine = z.object({
  key: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  level: z.enum(['group', 'region', 'total']),
  expected: z.number().int(),
  received: z.number().int(),
  missing: z.array(z.string()),
});
export type CompletenessLine = z.infer<typeof CompletenessLine>;

/** What a package holds, for the screen that lists it: letter, counts, completeness, tasks, files. */
export const DocumentPackageSummary = z.object({
  id: z.string(),
  title: z.string(),
  agencyName: z.string(),
  letterNumber: z.string(),
  letterDateLine: z.string(),
  subject: z.string(),
  cutOffDate: IsoDate,
  reporters: z.object({ ministries: z.number().int(), localities: z.number().int() }),
  completeness: z.array(CompletenessLine),
  tasks: z.array(
    z.object({
      code: z.string(),
      heading: z.string(),
      status: ReportTaskStatus.nullable(),
      narratives: z.number().int(),
    }),
  ),
  footnotes: z.object({ letter: z.number().int(), report: z.number().int() }),
  files: z.array(z.object({ file: DocumentFile, name: z.string(), adminOnly: z.boolean() })),
  pdfEngine: z.enum(['libreoffice', 'pdfmake']),
  provenance: z.string(),
});
export type DocumentPackageSummary = z.infer<typeof DocumentPackageSummary>;

export const DocumentSamplesResponse = z.object({ items: z.array(DocumentPackageSummary) });
export type DocumentSamplesResponse = z.infer<typeof DocumentSamplesResponse>;

// ---------------------------------------------------------------- drafts of a reporting cycle (phase 2)

/**
 * An editable unit of a draft, by key. Units are what staff edit and what a re-sync from the submissions compares:
 * `settings.<field>`, `letter.opening`, `letter.closing`, `letter.sections.<key>` (and `.title`), `report.intro`,
 * `report.partOne.intro`, `report.items.<code>.intro`, `report.tasks.<code>.synthesis`, `report.tasks.<code>.status`,
 * `report.partTwo.intro`, `report.partTwo.sections.<key>` (and `.title`), the same for `partThree`.
 */
export const DraftUnitKey = z
  .string()
  .min(3)
  .max(120)
  .regex(/^(settings|letter|report)(\.[\p{L}\p{N}_-]+)+$/u, 'expected a unit key such as report.tasks.1.1.a.synthesis');
export type DraftUnitKey = z.infer<typeof DraftUnitKey>;

/** Letter settings staff may edit (the cycle gives the year, request letter, cut-off and geography date). */
export const EDITABLE_SETTINGS = [
  'number',
  'day',
  'month',
  'symbol',
  'place',
  'agencyParent',
  'agencyName',
  'agencyShortName',
  'subject',
  'reportTitle',
  'appendixTitle',
  'recipients',
  'copyTo',
  'signer',
] as const;
export type EditableSetting = (typeof EDITABLE_SETTINGS)[number];

export const ReportSettingsEdit = ReportLetterSettings.pick({
  number: true,
  day: true,
  month: true,
  symbol: true,
  place: true,
  agencyParent: true,
  agencyName: true,
  agencyShortName: true,
  subject: true,
  reportTitle: true,
  appendixTitle: true,
  recipients: true,
  copyTo: true,
  signer: true,
})
  .partial()
  .strict();
export type ReportSettingsEdit = z.infer<typeof ReportSettingsEdit>;

const EditablePart = z.enum(['letter', 'partTwo', 'partThree']);

/** One change to a draft. Every change is recorded in the draft's history with what it replaced. */
export const DraftEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('settings'), settings: ReportSettingsEdit }).strict(),
  z.object({ kind: z.literal('blocks'), unit: DraftUnitKey, blocks: Blocks }).strict(),
  z
    .object({ kind: z.literal('taskStatus'), code: z.string().min(1).max(40), status: ReportTaskStatus.nullable() })
    .strict(),
  z
    .object({
      kind: z.literal('narrativeInclude'),
      code: z.string().min(1).max(40),
      organisationCode: z.string().min(1).max(40),
      include: z.boolean(),
    })
    .strict(),
  z.object({ kind: z.literal('sectionTitle'), unit: DraftUnitKey, title: z.string().trim().min(1).max(1000) }).strict(),
  z
    .object({
      kind: z.literal('addSection'),
      part: EditablePart,
      title: z.string().trim().min(1).max(1000),
      required: z.boolean().default(true),
    })
    .strict(),
  z.object({ kind: z.literal('removeSection'), unit: DraftUnitKey }).strict(),
  z.object({ kind: z.literal('moveSection'), unit: DraftUnitKey, direction: z.enum(['up', 'down']) }).strict(),
  z.object({ kind: z.literal('table'), table: ReportTable }).strict(),
  z.object({ kind: z.literal('removeTable'), id: z.string().min(1).max(100) }).strict(),
  /** Take the submissions' newer text for a unit staff had edited (offered by a re-sync). */
  z.object({ kind: z.literal('acceptSeed'), unit: DraftUnitKey }).strict(),
  /** Print the drafting aids (status lines, coverage tables and charts) in the DOCX/PDF, or not. */
  z.object({ kind: z.literal('aids'), statusLines: z.boolean().optional(), coverage: z.boolean().optional() }).strict(),
  /**
   * Pick and merge the themes of a Part II–III section: each group of theme ids becomes one paragraph, in this order;
   * themes not listed are left out. The section's text is rewritten from the themes (recorded in the history).
   */
  z
    .object({
      kind: z.literal('themes'),
      unit: DraftUnitKey,
      groups: z.array(z.array(z.string().min(1).max(60)).min(1).max(20)).max(50),
    })
    .strict(),
  /** Keep staff's text and drop the offer. */
  z.object({ kind: z.literal('dismissSeed'), unit: DraftUnitKey }).strict(),
  /** Copy the staff-written parts (letter points, Parts II and III) from the reference package or a sent version. */
  z
    .object({
      kind: z.literal('copyEditorial'),
      from: z.union([
        z.object({ sample: DocumentSampleId }).strict(),
        z.object({ cycleId: DbId, version: DbId }).strict(),
      ]),
    })
    .strict(),
]);
export type DraftEdit = z.infer<typeof DraftEdit>;
export type DraftEditInput = z.input<typeof DraftEdit>;

export const DraftEditInputBody = z.object({ edits: z.array(DraftEdit).min(1).max(50) }).strict();
export type DraftEditInputBody = z.input<typeof DraftEditInputBody>;

export const ReportDraftStatus = z.enum(['draft', 'final']);
export type ReportDraftStatus = z.infer<typeof ReportDraftStatus>;

/** State of one unit: edited by staff (differs from the submissions' seed) and whether newer seed text waits. */
export const DraftUnitState = z.object({
  key: z.string(),
  edited: z.boolean(),
  pending: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type DraftUnitState = z.infer<typeof DraftUnitState>;

/** Newer text from the submissions for a unit staff edited: kept aside until staff take it or dismiss it. */
export const DraftPendingSeed = z.object({
  unit: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  seed: z.unknown(),
  since: z.string(),
});
export type DraftPendingSeed = z.infer<typeof DraftPendingSeed>;

export const MissingContentItem = z.object({ path: z.string(), messageVi: z.string(), messageEn: z.string() });
export type MissingContentItem = z.infer<typeof MissingContentItem>;

export const ReportVersionSummary = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  letterNumber: z.string(),
  letterDate: z.string(),
  draftVersion: z.number().int(),
  files: z.array(z.object({ file: DocumentFile, name: z.string(), bytes: z.number().int(), sha256: z.string() })),
  reporters: z.object({ ministries: z.number().int(), localities: z.number().int() }),
});
export type ReportVersionSummary = z.infer<typeof ReportVersionSummary>;

/** How the stored draft compares with the accepted submissions now (what a re-sync would change). */
export const DraftSyncState = z.object({
  syncedAt: z.string(),
  syncedBy: z.string(),
  /** True when the accepted submissions changed since the last sync. */
  stale: z.boolean(),
  /** Units a re-sync would update (not edited by staff). */
  updates: z.number().int(),
  /** Units staff edited for which the submissions now say something else. */
  conflicts: z.number().int(),
  /** Organisations whose accepted report is in the draft but is no longer accepted (their text is left out). */
  withdrawn: z.array(z.string()),
  /** Organisations accepted since the last sync. */
  added: z.array(z.string()),
});
export type DraftSyncState = z.infer<typeof DraftSyncState>;

export const ReportDraftResponse = z.object({
  cycleId: z.number().int(),
  cycle: z.object({
    year: z.number().int(),
    nameVi: z.string(),
    nameEn: z.string(),
    status: z.string(),
    published: z.boolean(),
  }),
  status: ReportDraftStatus,
  version: z.number().int(),
  model: ReportModel,
  units: z.array(DraftUnitState),
  pending: z.array(DraftPendingSeed),
  sync: DraftSyncState,
  missing: z.array(MissingContentItem),
  completeness: z.array(CompletenessLine),
  reporters: z.object({ ministries: z.number().int(), localities: z.number().int() }),
  versions: z.array(ReportVersionSummary),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  pdfEngine: z.enum(['libreoffice', 'pdfmake']),
  permissions: z.object({ edit: z.boolean(), exportZip: z.boolean(), finalise: z.boolean() }),
  /** The text each computed field prints now ("11 bộ, cơ quan trung ương và 27 địa phương"), for the editor. */
  fields: z.record(z.string(), z.string()),
  /** Tables and figures a block may place, with their titles. */
  references: z.object({
    tables: z.array(z.object({ id: z.string(), title: z.string(), builtin: z.boolean() })),
    figures: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
});
export type ReportDraftResponse = z.infer<typeof ReportDraftResponse>;

/** What a re-sync did: units updated from the submissions, units kept because staff edited them, data changes. */
export const DraftSyncResult = z.object({
  updated: z.array(z.object({ unit: z.string(), labelVi: z.string(), labelEn: z.string() })),
  conflicts: z.array(z.object({ unit: z.string(), labelVi: z.string(), labelEn: z.string() })),
  removed: z.array(z.object({ unit: z.string(), labelVi: z.string(), labelEn: z.string(), edited: z.boolean() })),
  reportersAdded: z.array(z.string()),
  reportersRemoved: z.array(z.string()),
});
export type DraftSyncResult = z.infer<typeof DraftSyncResult>;

export const DraftSyncResponse = z.object({ draft: ReportDraftResponse, result: DraftSyncResult });

/** What re-drafting one task did: units replaced, units kept because staff edited them, organisations new to it. */
export const RedraftResponse = z.object({
  draft: ReportDraftResponse,
  result: z.object({
    updated: z.array(z.string()),
    kept: z.array(z.string()),
    organisationsAdded: z.array(z.string()),
  }),
});
export type RedraftResponse = z.infer<typeof RedraftResponse>;
export type DraftSyncResponse = z.infer<typeof DraftSyncResponse>;

export const DraftHistoryAction = z.enum(['create', 'edit', 'sync', 'finalise', 'reopen']);
export type DraftHistoryAction = z.infer<typeof DraftHistoryAction>;

export const DraftHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: DraftHistoryAction,
  draftVersion: z.number().int(),
  unit: z.string().nullable(),
  labelVi: z.string(),
  labelEn: z.string(),
  /** Plain-text excerpts of what the change replaced and what it wrote. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  note: z.string().nullable(),
});
export type DraftHistoryEntry = z.infer<typeof DraftHistoryEntry>;

export const DraftHistoryResponse = z.object({ items: z.array(DraftHistoryEntry) });
export type DraftHistoryResponse = z.infer<typeof DraftHistoryResponse>;

export const ReportVersionsResponse = z.object({ items: z.array(ReportVersionSummary) });
export type ReportVersionsResponse = z.infer<typeof ReportVersionsResponse>;

export const ReopenDraftInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export type ReopenDraftInput = z.infer<typeof ReopenDraftInput>;

export const CycleReportParams = z.object({ id: DbIdParam });
export const CycleReportFileParams = z.object({ id: DbIdParam, file: DocumentFile });
/** The cycle's own letters: the request letter (with the outline) and the reminder to those still missing. */
export const CYCLE_LETTER_FILES = ['request.docx', 'request.pdf', 'reminder.docx', 'reminder.pdf'] as const;
export const CycleLetterParams = z.object({
  id: DbIdParam,
  file: z.enum(CYCLE_LETTER_FILES),
});

/** Re-draft one task of Part I from the accepted submissions, keeping what staff edited. */
export const RedraftTaskParams = z.object({
  id: DbIdParam,
  code: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[0-9]+(\.[0-9a-zđ]+)+$/u, 'a task code such as 1.3.a'),
});
export const CycleReportVersionFileParams = z.object({
  id: DbIdParam,
  version: DbIdParam,
  file: DocumentFile,
});

/**
 * The steps of a package prepared in the background (queue `report-package`): the job's progress is the number of
 * steps done of these (`done` of `total`), so the page can name the step in progress.
 */
export const REPORT_PACKAGE_STEPS = ['model', 'letter', 'report', 'appendix', 'pdf', 'annex', 'zip', 'store'] as const;
export type ReportPackageStep = (typeof REPORT_PACKAGE_STEPS)[number];

/** A package prepared in the background and stored: what it was made from and how to download it. */
export const ReportPackageFile = z.object({
  id: z.number().int(),
  jobId: z.uuid(),
  cycleId: z.number().int(),
  fileName: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** The draft's version (and status) the package was made from; older than the draft's version now = stale. */
  draftVersion: z.number().int(),
  draftStatus: z.enum(['draft', 'final']),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ReportPackageFile = z.infer<typeof ReportPackageFile>;

export const ReportPackagesResponse = z.object({ items: z.array(ReportPackageFile) });
export type ReportPackagesResponse = z.infer<typeof ReportPackagesResponse>;

export const CycleReportPackageParams = z.object({ id: DbIdParam, fileId: DbIdParam });

// ---------------------------------------------------------------- the editor's document (ProseMirror JSON)

/**
 * The browser edits blocks as a ProseMirror/tiptap document: paragraphs, `bulletList` (attribute `marker` "-" or
 * "+"), headings level 3 (lettered point) and 4 (italic subheading), bold and italic marks, and three atoms: `field`
 * (a computed value), `footnote` (its paragraphs kept as JSON so formatting survives) and `blockRef` (a table or
 * figure). These two functions convert both ways without loss, so what staff see is what the documents print.
 */
export interface PmMark {
  type: string;
}
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

function inlinesToPm(inlines: readonly ReportInline[]): PmNode[] {
  const out: PmNode[] = [];
  for (const r of inlines) {
    if (r.kind === 'text') {
      if (r.text === '') continue;
      const marks: PmMark[] = [];
      if (r.bold) marks.push({ type: 'bold' });
      if (r.italic) marks.push({ type: 'italic' });
      out.push(marks.length ? { type: 'text', text: r.text, marks } : { type: 'text', text: r.text });
    } else if (r.kind === 'field') out.push({ type: 'field', attrs: { field: r.field } });
    else out.push({ type: 'footnote', attrs: { paragraphs: JSON.stringify(r.paragraphs) } });
  }
  return out;
}

/** Blocks as an editor document. */
export function blocksToPmDoc(blocks: readonly ReportBlock[]): PmNode {
  const content: PmNode[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
        content.push({ type: 'paragraph', content: inlinesToPm(b.content) });
        break;
      case 'heading':
        content.push({ type: 'heading', attrs: { level: 3 }, content: inlinesToPm(b.content) });
        break;
      case 'subheading':
        content.push({ type: 'heading', attrs: { level: 4 }, content: inlinesToPm(b.content) });
        break;
      case 'item': {
        const li: PmNode = { type: 'listItem', content: [{ type: 'paragraph', content: inlinesToPm(b.content) }] };
        const last = content[content.length - 1];
        if (last && last.type === 'bulletList' && last.attrs?.marker === b.marker) last.content?.push(li);
        else content.push({ type: 'bulletList', attrs: { marker: b.marker }, content: [li] });
        break;
      }
      case 'table':
        content.push({ type: 'blockRef', attrs: { ref: 'table', id: b.tableId } });
        break;
      case 'figure':
        content.push({ type: 'blockRef', attrs: { ref: 'figure', id: b.figureId } });
        break;
    }
  }
  if (content.length === 0) content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

export class PmConversionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

function pmInlines(nodes: readonly PmNode[] | undefined, path: string): ReportInline[] {
  const out: ReportInline[] = [];
  (nodes ?? []).forEach((n, i) => {
    const at = `${path}.${i}`;
    if (n.type === 'text') {
      const marks = new Set((n.marks ?? []).map((m) => m.type));
      const text = n.text ?? '';
      const bold = marks.has('bold');
      const italic = marks.has('italic');
      const last = out[out.length - 1];
      if (last && last.kind === 'text' && last.bold === bold && last.italic === italic) last.text += text;
      else out.push({ kind: 'text', text, bold, italic });
    } else if (n.type === 'hardBreak') {
      const last = out[out.length - 1];
      if (last && last.kind === 'text') last.text += ' ';
    } else if (n.type === 'field') {
      const f = ReportField.safeParse(n.attrs?.field);
      if (!f.success) throw new PmConversionError(at, `unknown field ${String(n.attrs?.field)}`);
      out.push({ kind: 'field', field: f.data });
    } else if (n.type === 'footnote') {
      let paragraphs: unknown;
      try {
        paragraphs = JSON.parse(String(n.attrs?.paragraphs ?? '[]'));
      } catch {
        throw new PmConversionError(at, 'footnote is not valid JSON');
      }
      const parsed = z.array(ReportFootnoteParagraph).min(1).safeParse(paragraphs);
      if (!parsed.success) throw new PmConversionError(at, 'footnote has no text');
      out.push({ kind: 'footnote', paragraphs: parsed.data });
    } else throw new PmConversionError(at, `unexpected inline node ${n.type}`);
  });
  return out;
}

/** An editor document as blocks; unknown nodes are refused with their path (nothing is silently dropped). */
export function pmDocToBlocks(doc: PmNode): ReportBlock[] {
  if (doc.type !== 'doc') throw new PmConversionError('doc', 'expected a doc node');
  const out: ReportBlock[] = [];
  (doc.content ?? []).forEach((n, i) => {
    const at = `doc.${i}`;
    switch (n.type) {
      case 'paragraph': {
        const content = pmInlines(n.content, at);
        if (content.length) out.push({ kind: 'paragraph', content });
        break;
      }
      case 'heading': {
        const content = pmInlines(n.content, at);
        if (content.length) out.push({ kind: Number(n.attrs?.level) === 4 ? 'subheading' : 'heading', content });
        break;
      }
      case 'bulletList': {
        const marker = n.attrs?.marker === '+' ? '+' : '-';
        (n.content ?? []).forEach((li, j) => {
          (li.content ?? []).forEach((p, k) => {
            if (p.type !== 'paragraph')
              throw new PmConversionError(`${at}.${j}.${k}`, `lists hold paragraphs only, not ${p.type}`);
            const content = pmInlines(p.content, `${at}.${j}.${k}`);
            if (content.length) out.push({ kind: 'item', marker, content });
          });
        });
        break;
      }
      case 'blockRef': {
        const id = String(n.attrs?.id ?? '');
        if (!id) throw new PmConversionError(at, 'table or figure without id');
        out.push(n.attrs?.ref === 'figure' ? { kind: 'figure', figureId: id } : { kind: 'table', tableId: id });
        break;
      }
      default:
        throw new PmConversionError(at, `unexpected block node ${n.type}`);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Indicator tables from the statistics database

/**
 * What staff pick to build a table from the statistics database: indicators, the level (the regions, or the provinces
 * of one region, or named units), the years, and the geography date (default: the draft's). One row per unit, one
 * value column per (indicator, year), at most 11 value columns.
 */
export const StatisticsTableInput = z
  .object({
    indicators: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'an indicator code of the statistics catalogue'))
      .min(1)
      .max(6),
    level: z.enum(['region', 'province']),
    /** With `level: province`: the provinces of this region (code such as NMM). */
    region: z
      .string()
      .regex(/^[A-Z]{2,6}$/, 'a region code such as NMM')
      .optional(),
    /** Only these units (codes of the level), in this order. */
    units: z
      .array(z.string().regex(/^[0-9A-Za-z-]{1,20}$/))
      .min(1)
      .max(63)
      .optional(),
    years: z.array(z.number().int().min(1900).max(2100)).min(1).max(11),
    /** Add a last row for the whole: the nation (regions) or the region (its provinces). Default true. */
    total: z.boolean().default(true),
    at: IsoDate.optional(),
    title: z.string().min(1).max(500).optional(),
  })
  .strict();
export type StatisticsTableInput = z.input<typeof StatisticsTableInput>;

export const StatisticsTableResponse = z.object({
  table: ReportTable,
  /** The geography date the values were computed for. */
  at: z.string(),
  /** The releases the figures come from (for the record). */
  releases: z.array(z.number().int()),
  notesVi: z.array(z.string()),
  notesEn: z.array(z.string()),
});
export type StatisticsTableResponse = z.infer<typeof StatisticsTableResponse>;

/** A national report the Ministry of Finance has published, with the files anyone may download. */
export const PublishedReport = z.object({
  cycleId: z.number().int(),
  year: z.number().int(),
  nameVi: z.string(),
  nameEn: z.string(),
  publishedAt: z.string(),
  publicationRef: z.string().nullable(),
  /** `version`: the numbered version accepted as final in RegionLink; `reference`: the official package as sent,
   * reproduced from the published letter (cycles reported before RegionLink). */
  basis: z.enum(['version', 'reference']),
  version: z.number().int().nullable(),
  demo: z.boolean(),
  files: z.array(z.object({ file: DocumentFile, name: z.string(), bytes: z.number().int().nullable() })),
});
export type PublishedReport = z.infer<typeof PublishedReport>;
export const PublishedReportsResponse = z.object({ items: z.array(PublishedReport) });
export type PublishedReportsResponse = z.infer<typeof PublishedReportsResponse>;
export const PublishedReportFileParams = z.object({ id: DbIdParam, file: DocumentFile.exclude(['package.zip']) });

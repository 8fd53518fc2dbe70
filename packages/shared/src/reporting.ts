import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';

/**
 * Reporting on policy tasks (Resolution 57/NQ-CP): policy documents and their tasks, reporting cycles with an
 * outline, one submission per (cycle, organisation) with per-task status, narrative, figures and evidence, the
 * review workflow, completeness and timeliness. Request and response schemas shared by the server and the web app.
 */

/** Workflow state of a submission. `accepted` is locked; only an admin unlock (with a reason) reopens it. */
export const SubmissionState = z.enum(['draft', 'submitted', 'returned', 'accepted']);
export type SubmissionState = z.infer<typeof SubmissionState>;

/** Status a reporter gives each task. */
export const TaskStatus = z.enum(['done', 'in_progress', 'recurring', 'not_started', 'not_applicable']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_STATUS_LABELS: Record<TaskStatus, { vi: string; en: string }> = {
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  recurring: { vi: 'Thường xuyên, tiếp tục', en: 'Recurring' },
  not_started: { vi: 'Chưa triển khai', en: 'Not started' },
  not_applicable: { vi: 'Không áp dụng', en: 'Not applicable' },
};

export const SUBMISSION_STATE_LABELS: Record<SubmissionState, { vi: string; en: string }> = {
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã gửi, chờ xem xét', en: 'Submitted' },
  returned: { vi: 'Trả lại để hoàn thiện', en: 'Returned' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
};

export const CycleStatus = z.enum(['draft', 'open', 'closed']);
export type CycleStatus = z.infer<typeof CycleStatus>;

export const TaskSection = z.enum(['general', 'ministry', 'province']);
export type TaskSection = z.infer<typeof TaskSection>;

export const AssignmentRole = z.enum(['lead', 'cooperating']);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

/** Reporting group of an organisation: ministries and central agencies, or localities (provincial People's Committees). */
export const ReporterGroup = z.enum(['central', 'locality']);
export type ReporterGroup = z.infer<typeof ReporterGroup>;

/** A flag on a record: an oddity of the source kept as-is, or a warning about the entered data. */
export const Flag = z.object({ code: z.string(), noteVi: z.string(), noteEn: z.string() });
export type Flag = z.infer<typeof Flag>;

const text = (max: number) => z.string().max(max);
const nonEmpty = (max: number) => z.string().trim().min(1).max(max);
const Id = DbIdParam;

// ---------------------------------------------------------------- policy documents and tasks

export const TaskAssignment = z.object({
  organisationId: z.number().int(),
  organisationCode: z.string(),
  organisationNameVi: z.string(),
  organisationNameEn: z.string(),
  role: AssignmentRole,
});
export type TaskAssignment = z.infer<typeof TaskAssignment>;

export const PolicyTask = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  code: z.string(),
  section: TaskSection,
  groupCode: z.string().nullable(),
  groupTitleVi: z.string().nullable(),
  /** English of the group title, deadline note and note; null where none was given (the page shows the Vietnamese). */
  groupTitleEn: z.string().nullable(),
  titleVi: z.string(),
  shortTitleVi: z.string(),
  titleEn: z.string(),
  leadAsReported: z.string().nullable(),
  deadlineNote: z.string().nullable(),
  deadlineNoteEn: z.string().nullable(),
  recurring: z.boolean(),
  note: z.string().nullable(),
  noteEn: z.string().nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  assignments: z.array(TaskAssignment),
});
export type PolicyTask = z.infer<typeof PolicyTask>;

export const PolicyDocument = z.object({
  id: z.number().int(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  issuerVi: z.string(),
  /** English of the issuer, summary and source; empty or null where none was given. */
  issuerEn: z.string(),
  issuedOn: IsoDate,
  summaryVi: z.string().nullable(),
  summaryEn: z.string().nullable(),
  source: z.string().nullable(),
  sourceEn: z.string().nullable(),
  version: z.number().int(),
  taskCount: z.number().int(),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const PolicyDocumentDetail = PolicyDocument.extend({ tasks: z.array(PolicyTask) });
export type PolicyDocumentDetail = z.infer<typeof PolicyDocumentDetail>;

export const PolicyDocumentsResponse = z.object({ items: z.array(PolicyDocument) });
export type PolicyDocumentsResponse = z.infer<typeof PolicyDocumentsResponse>;

export const PolicyDocumentInput = z
  .object({
    code: nonEmpty(50),
    titleVi: nonEmpty(500),
    titleEn: nonEmpty(500),
    issuerVi: nonEmpty(200),
    issuedOn: IsoDate,
    summaryVi: text(5000).nullable().default(null),
    /** English texts: left out, they keep what they were; null clears them. */
    issuerEn: text(200).optional(),
    summaryEn: text(5000).nullable().optional(),
  })
  .strict();
export type PolicyDocumentInput = z.infer<typeof PolicyDocumentInput>;

export const PolicyTaskInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d+(\.[0-9a-zđ]+)+$/u, 'expected a task code such as 1.2.a or 1.3.đ'),
    section: TaskSection,
    groupCode: text(30).nullable().default(null),
    groupTitleVi: text(500).nullable().default(null),
    /** English texts: left out, they keep what they were; null clears them. */
    groupTitleEn: text(500).nullable().optional(),
    titleVi: nonEmpty(2000),
    shortTitleVi: nonEmpty(200),
    titleEn: nonEmpty(1000),
    leadAsReported: text(300).nullable().default(null),
    deadlineNote: text(300).nullable().default(null),
    deadlineNoteEn: text(300).nullable().optional(),
    recurring: z.boolean().default(false),
    note: text(2000).nullable().default(null),
    noteEn: text(2000).nullable().optional(),
    sortOrder: z.number().int().min(0).max(100000).default(0),
  })
  .strict();
export type PolicyTaskInput = z.infer<typeof PolicyTaskInput>;

export const AssignmentsInput = z
  .object({
    assignments: z.array(z.object({ organisationId: DbId, role: AssignmentRole }).strict()).max(500),
  })
  .strict();
export type AssignmentsInput = z.infer<typeof AssignmentsInput>;

// ---------------------------------------------------------------- cycles

/** A number the outline asks for under a task (e.g. kilometres of expressway opened). */
export const FigureDef = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a key of lower-case letters, digits and _')
      .max(40),
    labelVi: nonEmpty(300),
    labelEn: nonEmpty(300),
    unitVi: text(50).default(''),
    /** The unit in English; empty when none was given (show the Vietnamese one). */
    unitEn: text(50).default(''),
    decimals: z.number().int().min(0).max(4).default(0),
    appliesTo: z.enum(['all', 'central', 'locality']).default('all'),
  })
  .strict();
export type FigureDef = z.infer<typeof FigureDef>;

export const GeneralSection = z
  .object({ key: z.string().regex(/^[a-z][a-z_]{0,29}$/), titleVi: nonEmpty(200), titleEn: nonEmpty(200) })
  .strict();
export type GeneralSection = z.infer<typeof GeneralSection>;

export const DEFAULT_SECTIONS: GeneralSection[] = [
  { key: 'results', titleVi: 'Kết quả đạt được', titleEn: 'Results achieved' },
  { key: 'shortcomings', titleVi: 'Tồn tại, hạn chế và nguyên nhân', titleEn: 'Shortcomings and causes' },
  { key: 'lessons', titleVi: 'Bài học kinh nghiệm', titleEn: 'Lessons learned' },
  { key: 'recommendations', titleVi: 'Đề xuất, kiến nghị', titleEn: 'Recommendations' },
  {
    key: 'proposals',
    titleVi: 'Đề xuất về cơ chế, chính sách, văn bản mới',
    titleEn: 'Proposals for new mechanisms, policies or instruments',
  },
];

export const OutlineTask = z.object({
  taskId: z.number().int(),
  code: z.string(),
  section: TaskSection,
  groupCode: z.string().nullable(),
  groupTitleVi: z.string().nullable(),
  groupTitleEn: z.string().nullable(),
  titleVi: z.string(),
  shortTitleVi: z.string(),
  titleEn: z.string(),
  sortOrder: z.number().int(),
  figures: z.array(FigureDef),
  /** MoF's consolidated assessment of the task in this cycle (shown only where the caller may see results). */
  assessmentStatus: TaskStatus.nullable(),
  assessmentNote: z.string().nullable(),
});
export type OutlineTask = z.infer<typeof OutlineTask>;

export const ExpectedOrganisation = z.object({
  organisationId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  group: ReporterGroup,
  provinceCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** Codes of the outline tasks this organisation reports on (its assignments that are in the outline). */
  taskCodes: z.array(z.string()),
});
export type ExpectedOrganisation = z.infer<typeof ExpectedOrganisation>;

/** The caller's own organisation in a cycle, for reporters. */
export const MyCycleInfo = z.object({
  expected: z.boolean(),
  submissionId: z.number().int().nullable(),
  state: SubmissionState.nullable(),
  taskCodes: z.array(z.string()),
  previousSubmissionId: z.number().int().nullable(),
});

export const CycleSummary = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  policyCode: z.string(),
  year: z.number().int(),
  name: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  requestNumber: z.string().nullable(),
  requestDate: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  cutoff: IsoDate.nullable(),
  status: CycleStatus,
  publishedAt: z.string().nullable(),
  publicationRef: z.string().nullable(),
  demo: z.boolean(),
  expectedCount: z.number().int(),
  version: z.number().int(),
  mine: MyCycleInfo.nullable(),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const CycleDetail = CycleSummary.extend({
  noteVi: z.string().nullable(),
  source: z.string().nullable(),
  flags: z.array(Flag),
  sections: z.array(GeneralSection),
  tasks: z.array(OutlineTask),
  expected: z.array(ExpectedOrganisation),
});
export type CycleDetail = z.infer<typeof CycleDetail>;

export const CyclesResponse = z.object({ items: z.array(CycleSummary) });
export type CyclesResponse = z.infer<typeof CyclesResponse>;

export const CycleInput = z
  .object({
    documentId: DbId,
    year: z.number().int().min(2000).max(2100),
    nameVi: nonEmpty(300),
    nameEn: nonEmpty(300),
    requestNumber: text(100).nullable().default(null),
    requestDate: IsoDate.nullable().default(null),
    deadline: IsoDate.nullable().default(null),
    cutoff: IsoDate.nullable().default(null),
    noteVi: text(5000).nullable().default(null),
    sections: z.array(GeneralSection).max(10).default(DEFAULT_SECTIONS),
    expectedOrganisationIds: z.array(DbId).max(500),
    tasks: z.array(z.object({ taskId: DbId, figures: z.array(FigureDef).max(20).default([]) }).strict()).max(500),
  })
  .strict();
export type CycleInput = z.infer<typeof CycleInput>;

export const AssessmentInput = z
  .object({ status: TaskStatus.nullable(), note: text(5000).nullable().default(null) })
  .strict();

export const CycleTransition = z.enum(['open', 'close', 'publish', 'unpublish']);
export type CycleTransition = z.infer<typeof CycleTransition>;

export const PublishInput = z.object({ publicationRef: text(200).nullable().default(null) }).strict();

// ---------------------------------------------------------------- submissions

export const EvidenceFile = z.object({
  id: z.number().int(),
  taskId: z.number().int().nullable(),
  filename: z.string(),
  contentType: z.string(),
  kind: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const TaskComment = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type TaskComment = z.infer<typeof TaskComment>;

export const SubmissionTask = z.object({
  taskId: z.number().int(),
  code: z.string(),
  shortTitleVi: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  section: TaskSection,
  role: AssignmentRole.nullable(),
  status: TaskStatus.nullable(),
  /** Sanitised HTML: p, strong, em, u, s, ul, ol, li, blockquote, h3, h4, a, sub, sup; footnotes as `<sup data-footnote="…">`. */
  narrativeHtml: z.string(),
  figures: z.record(z.string(), z.number().nullable()),
  figureDefs: z.array(FigureDef),
  /** Where seeded text came from (e.g. the consolidated report it was drawn from). */
  sourceNote: z.string().nullable(),
  /** MoF's comment when it returned this task. */
  returnComment: z.string().nullable(),
  comments: z.array(TaskComment),
  files: z.array(EvidenceFile),
});
export type SubmissionTask = z.infer<typeof SubmissionTask>;

export const SubmissionEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  fromState: SubmissionState.nullable(),
  toState: SubmissionState.nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  /** English of the reason and actor when the system wrote them (a reference import); else null. */
  reasonEn: z.string().nullable(),
  actorNameEn: z.string().nullable(),
});
export type SubmissionEvent = z.infer<typeof SubmissionEvent>;

export const Warning = z.object({ path: z.string(), code: z.string(), message: z.string(), messageVi: z.string() });
export type Warning = z.infer<typeof Warning>;

/** What the caller may do with a submission now, computed on the server from the same policy that enforces it. */
export const SubmissionPermissions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  return: z.boolean(),
  accept: z.boolean(),
  unlock: z.boolean(),
  comment: z.boolean(),
});

export const SubmissionSummary = z.object({
  id: z.number().int(),
  cycleId: z.number().int(),
  organisationId: z.number().int(),
  organisationCode: z.string(),
  organisationNameVi: z.string(),
  organisationNameEn: z.string(),
  group: ReporterGroup,
  regionCode: z.string().nullable(),
  state: SubmissionState,
  docNumber: z.string().nullable(),
  docDate: IsoDate.nullable(),
  receivedOn: IsoDate.nullable(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  flags: z.array(Flag),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

/** Set when MoF registered the report from a paper or official-letter report received outside the system. */
export const PaperRegistration = z.object({
  registeredBy: z.string().nullable(),
  registeredAt: z.string(),
  note: z.string().nullable(),
});
export type PaperRegistration = z.infer<typeof PaperRegistration>;

export const SubmissionDetail = SubmissionSummary.extend({
  cycleNameVi: z.string(),
  cycleNameEn: z.string(),
  cycleYear: z.number().int(),
  cycleStatus: CycleStatus,
  cycleDeadline: IsoDate.nullable(),
  cycleRequestDate: IsoDate.nullable(),
  reportingBodyVi: z.string().nullable(),
  source: z.string().nullable(),
  sourceEn: z.string().nullable(),
  lockedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  sections: z.array(GeneralSection.extend({ html: z.string() })),
  tasks: z.array(SubmissionTask),
  files: z.array(EvidenceFile),
  history: z.array(SubmissionEvent),
  warnings: z.array(Warning),
  can: SubmissionPermissions,
  paper: PaperRegistration.nullable(),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

export const SubmissionsResponse = z.object({ items: z.array(SubmissionSummary) });
export type SubmissionsResponse = z.infer<typeof SubmissionsResponse>;

export const StartSubmissionInput = z.object({ copyFromPrevious: z.boolean().default(false) }).strict();

export const SaveSubmissionInput = z
  .object({
    docNumber: text(100).nullable().optional(),
    docDate: IsoDate.nullable().optional(),
    reportingBodyVi: text(300).nullable().optional(),
    sections: z.record(z.string().regex(/^[a-z][a-z_]{0,29}$/), text(200_000)).optional(),
    tasks: z
      .array(
        z
          .object({
            taskId: DbId,
            status: TaskStatus.nullable().optional(),
            narrativeHtml: text(200_000).optional(),
            figures: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.number().finite().nullable()).optional(),
          })
          .strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();
export type SaveSubmissionInput = z.infer<typeof SaveSubmissionInput>;

export const ReturnInput = z
  .object({
    reason: nonEmpty(5000),
    taskComments: z
      .array(z.object({ taskId: DbId, comment: nonEmpty(5000) }).strict())
      .max(200)
      .default([]),
  })
  .strict();
export type ReturnInput = z.infer<typeof ReturnInput>;

/**
 * MoF registers a report an expected organisation sent on paper or by official letter outside the system: the
 * document number and date, the date MoF received it (on time / late is judged on it), and, if wanted, a status,
 * narrative and figures per task. Sent as JSON, or as multipart/form-data with this object in the field `data`
 * and the scanned report in the optional field `file`.
 */
export const PaperReportInput = z
  .object({
    organisationId: DbId,
    docNumber: nonEmpty(100),
    docDate: IsoDate,
    receivedOn: IsoDate,
    reportingBodyVi: text(300).nullable().default(null),
    note: text(2000).nullable().default(null),
    tasks: z
      .array(
        z
          .object({
            taskId: DbId,
            status: TaskStatus.nullable().default(null),
            narrativeHtml: text(200_000).default(''),
            figures: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.number().finite().nullable()).default({}),
          })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();
export type PaperReportInput = z.infer<typeof PaperReportInput>;

export const ReasonInput = z.object({ reason: nonEmpty(5000) }).strict();
export const EmptyInput = z.object({}).strict();
export const CommentInput = z.object({ body: nonEmpty(5000) }).strict();

// ---------------------------------------------------------------- progress, matrix, history

export const Timeliness = z.enum(['on_time', 'late', 'undated', 'missing', 'not_due']);
export type Timeliness = z.infer<typeof Timeliness>;

export const ProgressRow = z.object({
  organisationId: z.number().int(),
  orgCode: z.string(),
  orgName: z.string(),
  orgNameEn: z.string(),
  group: ReporterGroup,
  provinceCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  state: SubmissionState.nullable(),
  received: z.boolean(),
  receivedOn: IsoDate.nullable(),
  docNumber: z.string().nullable(),
  docDate: IsoDate.nullable(),
  timeliness: Timeliness,
  /** Days from the request letter to the receipt of the report (negative when the source dates it before the request). */
  daysFromRequest: z.number().int().nullable(),
  flags: z.array(Flag),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

export const ProgressCounts = z.object({
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  undated: z.number().int(),
  missing: z.number().int(),
  accepted: z.number().int(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

export const ProgressResponse = z.object({
  cycleId: z.number().int(),
  /** The date receipts are judged against: the deadline, or the cut-off when the request set no deadline. */
  judgedAgainst: IsoDate.nullable(),
  judgedAgainstKind: z.enum(['deadline', 'cutoff', 'none']),
  asOf: IsoDate,
  scope: z.enum(['all', 'region']),
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  undated: z.number().int(),
  accepted: z.number().int(),
  missing: z.array(z.object({ orgCode: z.string(), orgName: z.string(), orgNameEn: z.string(), group: ReporterGroup })),
  byGroup: z.object({ central: ProgressCounts, locality: ProgressCounts }),
  byRegion: z.array(
    ProgressCounts.extend({ regionCode: z.string(), regionNameVi: z.string(), regionNameEn: z.string() }),
  ),
  daysFromRequest: z.object({
    min: z.number().nullable(),
    median: z.number().nullable(),
    max: z.number().nullable(),
    count: z.number().int(),
  }),
  rows: z.array(ProgressRow),
  method: z.string(),
  methodVi: z.string(),
});
export type ProgressResponse = z.infer<typeof ProgressResponse>;

export const MatrixCell = z.object({
  status: TaskStatus.nullable(),
  state: SubmissionState,
  submissionId: z.number().int(),
});
export const MatrixResponse = z.object({
  cycleId: z.number().int(),
  tasks: z.array(
    z.object({ taskId: z.number().int(), code: z.string(), shortTitleVi: z.string(), titleEn: z.string() }),
  ),
  rows: z.array(
    z.object({
      organisationId: z.number().int(),
      orgCode: z.string(),
      orgName: z.string(),
      orgNameEn: z.string(),
      group: ReporterGroup,
      taskCodes: z.array(z.string()),
      /** Keyed by task code; absent when the caller may not see this organisation's submission or it has none. */
      cells: z.record(z.string(), MatrixCell),
    }),
  ),
});
export type MatrixResponse = z.infer<typeof MatrixResponse>;

export const TaskEntry = z.object({
  submissionId: z.number().int(),
  organisationId: z.number().int(),
  orgCode: z.string(),
  orgName: z.string(),
  orgNameEn: z.string(),
  group: ReporterGroup,
  state: SubmissionState,
  docNumber: z.string().nullable(),
  docDate: IsoDate.nullable(),
  status: TaskStatus.nullable(),
  narrativeHtml: z.string(),
  figures: z.record(z.string(), z.number().nullable()),
  sourceNote: z.string().nullable(),
  returnComment: z.string().nullable(),
  comments: z.array(TaskComment),
  files: z.array(EvidenceFile),
});
export type TaskEntry = z.infer<typeof TaskEntry>;

export const TaskEntriesResponse = z.object({
  cycleId: z.number().int(),
  task: OutlineTask,
  /** MoF's consolidated text for the task (its published report), where the caller may see results. */
  assessmentHtml: z.string().nullable(),
  /** Sum of each figure over the entries shown, with how many entries gave a value. */
  figureTotals: z.array(z.object({ key: z.string(), total: z.number().nullable(), count: z.number().int() })),
  entries: z.array(TaskEntry),
});
export type TaskEntriesResponse = z.infer<typeof TaskEntriesResponse>;

export const TaskHistoryResponse = z.object({
  documentId: z.number().int(),
  cycles: z.array(z.object({ id: z.number().int(), year: z.number().int(), nameVi: z.string(), nameEn: z.string() })),
  tasks: z.array(
    z.object({
      taskId: z.number().int(),
      code: z.string(),
      shortTitleVi: z.string(),
      titleEn: z.string(),
      perCycle: z.record(
        z.string(),
        z.object({
          inOutline: z.boolean(),
          assessmentStatus: TaskStatus.nullable(),
          counts: z.record(z.string(), z.number().int()),
          reported: z.number().int(),
        }),
      ),
    }),
  ),
});
export type TaskHistoryResponse = z.infer<typeof TaskHistoryResponse>;

export const SearchHit = z.object({
  submissionId: z.number().int(),
  cycleId: z.number().int(),
  cycleYear: z.number().int(),
  orgCode: z.string(),
  orgName: z.string(),
  taskCode: z.string().nullable(),
  snippet: z.string(),
});
export const SearchResponse = z.object({ items: z.array(SearchHit), total: z.number().int() });
export type SearchResponse = z.infer<typeof SearchResponse>;

// ---------------------------------------------------------------- notifications and outbox

export const Notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  bodyVi: z.string(),
  bodyEn: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationsResponse = z.object({ items: z.array(Notification), unread: z.number().int() });
export type NotificationsResponse = z.infer<typeof NotificationsResponse>;
export const MarkReadInput = z.object({ ids: z.array(DbId).max(500) }).strict();

export const OutboxItem = z.object({
  id: z.number().int(),
  toAddress: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const OutboxResponse = z.object({ items: z.array(OutboxItem), smtpConfigured: z.boolean() });
export type OutboxResponse = z.infer<typeof OutboxResponse>;
export const RemindersResult = z.object({ notifications: z.number().int(), emails: z.number().int() });
export type RemindersResult = z.infer<typeof RemindersResult>;

// ---------------------------------------------------------------- parameters

export const ReportingIdParams = z.object({ id: Id });
export const CycleTaskParams = z.object({ id: Id, taskId: Id });
export const FileParams = z.object({ id: Id, fileId: Id });
export const SubmissionTaskParams = z.object({ id: Id, taskId: Id });
export const SearchQuery = z.object({
  q: z.string().trim().min(2).max(200),
  cycleId: Id.optional(),
});
export const HistoryQuery = z.object({ documentId: Id.optional() });

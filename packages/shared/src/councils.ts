import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';

/**
 * The councils module's API contract: Regional Coordination Councils over time, meetings and their notice of
 * conclusions, follow-ups of conclusions, bottlenecks and their escalation, cooperation agreements between provinces,
 * and the linkage view. Labels of every state are here so that server, documents and web use the same words.
 */

type Labels<K extends string> = Record<K, { vi: string; en: string }>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().max(max).nullable().default(null);

export const FollowUpState = z.enum(['open', 'in_progress', 'reported', 'returned', 'done', 'cancelled']);
export type FollowUpState = z.infer<typeof FollowUpState>;
export const FOLLOW_UP_STATE_LABELS: Labels<FollowUpState> = {
  open: { vi: 'Chưa triển khai', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  reported: { vi: 'Đã báo cáo hoàn thành, chờ Văn phòng xác nhận', en: 'Reported done, awaiting the Office' },
  returned: { vi: 'Văn phòng trả lại, cần bổ sung', en: 'Sent back by the Office' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  cancelled: { vi: 'Không tiếp tục thực hiện', en: 'Cancelled' },
};

export const FollowUpAction = z.enum(['progress', 'report_done', 'accept', 'return', 'cancel']);
export type FollowUpAction = z.infer<typeof FollowUpAction>;

export const BottleneckState = z.enum(['raised', 'triaged', 'on_agenda', 'escalated', 'resolved', 'dismissed']);
export type BottleneckState = z.infer<typeof BottleneckState>;
export const BOTTLENECK_STATE_LABELS: Labels<BottleneckState> = {
  raised: { vi: 'Mới nêu', en: 'Raised' },
  triaged: { vi: 'Văn phòng đã phân loại', en: 'Triaged by the Office' },
  on_agenda: { vi: 'Đưa vào chương trình phiên họp', en: 'On a meeting agenda' },
  escalated: { vi: 'Đã báo cáo Thủ tướng Chính phủ', en: 'Escalated to the Prime Minister' },
  resolved: { vi: 'Đã tháo gỡ', en: 'Resolved' },
  dismissed: { vi: 'Không xử lý (ngoài thẩm quyền hoặc trùng)', en: 'Dismissed' },
};
export const BottleneckAction = z.enum(['triage', 'schedule', 'escalate', 'record_outcome', 'resolve', 'dismiss']);
export type BottleneckAction = z.infer<typeof BottleneckAction>;

export const BottleneckField = z.enum([
  'transport',
  'planning',
  'mechanism',
  'logistics',
  'water',
  'climate',
  'land',
  'finance',
  'other',
]);
export type BottleneckField = z.infer<typeof BottleneckField>;
export const BOTTLENECK_FIELD_LABELS: Labels<BottleneckField> = {
  transport: { vi: 'Giao thông kết nối', en: 'Transport links' },
  planning: { vi: 'Quy hoạch', en: 'Planning' },
  mechanism: { vi: 'Cơ chế, chính sách đặc thù', en: 'Special mechanisms' },
  logistics: { vi: 'Thương mại, logistics', en: 'Trade and logistics' },
  water: { vi: 'An ninh nguồn nước', en: 'Water security' },
  climate: { vi: 'Biến đổi khí hậu, thiên tai', en: 'Climate and disasters' },
  land: { vi: 'Đất đai, giải phóng mặt bằng', en: 'Land and site clearance' },
  finance: { vi: 'Vốn đầu tư', en: 'Funding' },
  other: { vi: 'Khác', en: 'Other' },
};
export const BottleneckSubject = z.enum(['project', 'plan_task', 'policy']);
export type BottleneckSubject = z.infer<typeof BottleneckSubject>;

export const MeetingStatus = z.enum(['scheduled', 'held', 'notice_issued', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const MEETING_STATUS_LABELS: Labels<MeetingStatus> = {
  scheduled: { vi: 'Đã lên lịch', en: 'Scheduled' },
  held: { vi: 'Đã họp', en: 'Held' },
  notice_issued: { vi: 'Đã ban hành thông báo kết luận', en: 'Notice of conclusions issued' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};
export const MeetingMode = z.enum(['in_person', 'online', 'hybrid']);
export type MeetingMode = z.infer<typeof MeetingMode>;
export const MEETING_MODE_LABELS: Labels<MeetingMode> = {
  in_person: { vi: 'Họp trực tiếp', en: 'In person' },
  online: { vi: 'Họp trực tuyến', en: 'Online' },
  hybrid: { vi: 'Trực tiếp kết hợp trực tuyến', en: 'Hybrid' },
};
export const AgendaKind = z.enum(['project', 'plan_task', 'reporting_task', 'bottleneck', 'other']);
export type AgendaKind = z.infer<typeof AgendaKind>;
export const AGENDA_KIND_LABELS: Labels<AgendaKind> = {
  project: { vi: 'Dự án', en: 'Project' },
  plan_task: { vi: 'Nhiệm vụ kế hoạch', en: 'Plan task' },
  reporting_task: { vi: 'Nhiệm vụ Nghị quyết 57', en: 'Res. 57 task' },
  bottleneck: { vi: 'Vướng mắc, kiến nghị', en: 'Bottleneck' },
  other: { vi: 'Nội dung khác', en: 'Other' },
};
export const Attendance = z.enum(['invited', 'present', 'represented', 'absent']);
export type Attendance = z.infer<typeof Attendance>;
export const ATTENDANCE_LABELS: Labels<Attendance> = {
  invited: { vi: 'Đã mời', en: 'Invited' },
  present: { vi: 'Có mặt', en: 'Present' },
  represented: { vi: 'Cử người dự thay', en: 'Represented' },
  absent: { vi: 'Vắng mặt', en: 'Absent' },
};
export const AgreementStatus = z.enum(['signed', 'implementing', 'completed', 'suspended']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;
export const AGREEMENT_STATUS_LABELS: Labels<AgreementStatus> = {
  signed: { vi: 'Đã ký, chưa triển khai', en: 'Signed' },
  implementing: { vi: 'Đang triển khai', en: 'Being implemented' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  suspended: { vi: 'Tạm dừng', en: 'Suspended' },
};

const OrgBrief = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() });
export type OrgBrief = z.infer<typeof OrgBrief>;
const Province = z.object({ code: z.string(), nameVi: z.string() });

/** What the caller may do on a council's page; the server enforces the same rules. */
export const CouncilPermissions = z.object({ member: z.boolean(), office: z.boolean(), canRaise: z.boolean() });
export type CouncilPermissions = z.infer<typeof CouncilPermissions>;

export const CouncilSummary = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  regionCode: z.string(),
  foundingDecision: z.string(),
  /** English of the founding decision, source and note; null where none was given (pages show the Vietnamese). */
  foundingDecisionEn: z.string().nullable(),
  foundingDecisionAsWritten: z.string().nullable(),
  foundedOn: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  inForce: z.boolean(),
  chairVi: z.string(),
  chairEn: z.string(),
  provinceCount: z.number().int(),
  meetingsHeld: z.number().int(),
  source: z.string(),
  sourceEn: z.string().nullable(),
  note: z.string().nullable(),
  noteEn: z.string().nullable(),
});
export type CouncilSummary = z.infer<typeof CouncilSummary>;
export const CouncilsResponse = z.object({ at: z.string(), items: z.array(CouncilSummary) });
export type CouncilsResponse = z.infer<typeof CouncilsResponse>;

export const CouncilChange = z.object({
  kind: z.enum(['founded', 'consolidated']),
  effectiveOn: z.string(),
  fromCode: z.string().nullable(),
  fromNameVi: z.string().nullable(),
  fromNameEn: z.string().nullable(),
  toCode: z.string(),
  toNameVi: z.string(),
  toNameEn: z.string(),
  basis: z.string(),
  basisEn: z.string().nullable(),
  note: z.string().nullable(),
  noteEn: z.string().nullable(),
});
export type CouncilChange = z.infer<typeof CouncilChange>;

export const CoordinationTeam = z.object({
  provinceCode: z.string(),
  provinceNameVi: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  standingBodyVi: z.string(),
  standingBodyEn: z.string(),
  decision: z.string().nullable(),
  status: z.enum(['formed', 'unconfirmed']),
  source: z.string(),
  sourceEn: z.string().nullable(),
});
export type CoordinationTeam = z.infer<typeof CoordinationTeam>;

export const MeetingBrief = z.object({
  id: z.number().int(),
  councilCode: z.string(),
  titleVi: z.string(),
  heldOn: z.string(),
  mode: MeetingMode,
  place: z.string().nullable(),
  chairVi: z.string(),
  status: MeetingStatus,
  noticeNumber: z.string().nullable(),
  noticeDate: z.string().nullable(),
  conclusionCount: z.number().int(),
  isDemo: z.boolean(),
});
export type MeetingBrief = z.infer<typeof MeetingBrief>;

export const CouncilDetail = CouncilSummary.extend({
  at: z.string(),
  office: OrgBrief.nullable(),
  provinces: z.array(Province),
  memberOrganisations: z.array(OrgBrief.extend({ role: z.enum(['office', 'member']), isDemo: z.boolean() })),
  changes: z.array(CouncilChange),
  predecessors: z.array(z.string()),
  successors: z.array(z.string()),
  coordinationTeams: z.array(CoordinationTeam),
  meetings: z.array(MeetingBrief),
  permissions: CouncilPermissions,
});
export type CouncilDetail = z.infer<typeof CouncilDetail>;
export const CouncilQuery = z.object({ at: IsoDate.optional() }).strict();
export const CouncilParams = z.object({ code: z.string().regex(/^[a-z0-9-]{3,40}$/) });

// ----- meetings -----

/** A time of day, `HH:MM`. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const AgendaItemInput = z
  .object({
    titleVi: text(1000),
    kind: AgendaKind,
    /** Project code, `planCode:taskGroupCode`, Res. 57 task code, or bottleneck id, by kind. */
    ref: z.string().max(100).nullable().default(null),
    presenterVi: optText(300),
  })
  .strict();
export type AgendaItemInput = z.input<typeof AgendaItemInput>;
export const AgendaItem = z.object({
  seq: z.number().int(),
  titleVi: z.string(),
  kind: AgendaKind,
  ref: z.string().nullable(),
  refLabel: z.string().nullable(),
  /** The label in English; null when it has none (a bottleneck's title, as its raiser wrote it). */
  refLabelEn: z.string().nullable(),
  refLink: z.string().nullable(),
  presenterVi: z.string().nullable(),
  /** The presenter's English name when the presenter is an organisation named as the registry names it; else null. */
  presenterEn: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MeetingInput = z
  .object({
    titleVi: text(500),
    heldOn: IsoDate,
    startsAt: ClockTime.nullable().default(null),
    mode: MeetingMode,
    place: optText(300),
    chairVi: text(300),
  })
  .strict();
export type MeetingInput = z.input<typeof MeetingInput>;
export const MeetingPatch = z
  .object({
    titleVi: text(500),
    heldOn: IsoDate,
    startsAt: ClockTime.nullable(),
    mode: MeetingMode,
    place: z.string().max(300).nullable(),
    chairVi: text(300),
    minutes: z.string().max(50000).nullable(),
    status: z.enum(['scheduled', 'held', 'cancelled']),
  })
  .partial()
  .strict();
export type MeetingPatch = z.infer<typeof MeetingPatch>;

export const AgendaInput = z.object({ items: z.array(AgendaItemInput).max(60) }).strict();
export type AgendaInput = z.input<typeof AgendaInput>;

export const AttendanceInput = z
  .object({
    items: z
      .array(
        z
          .object({
            organisationCode: z.string().min(1).max(40),
            attendance: Attendance,
            representative: z.string().max(300).nullable().default(null),
          })
          .strict(),
      )
      .max(120),
  })
  .strict();
export type AttendanceInput = z.input<typeof AttendanceInput>;

export const InviteInput = z
  .object({
    /** Organisation codes to invite; empty means every member of the council on the meeting date. */
    organisationCodes: z.array(z.string().min(1).max(40)).max(120).default([]),
  })
  .strict();
export type InviteInput = z.input<typeof InviteInput>;

export const AssignmentInput = z
  .object({
    assigneeCode: z.string().min(1).max(40),
    partnerCodes: z.array(z.string().min(1).max(40)).max(30).default([]),
    dueOn: IsoDate,
    projectCode: z.string().max(40).nullable().default(null),
    planTaskRef: z.string().max(100).nullable().default(null),
    reportingTaskCode: z.string().max(40).nullable().default(null),
  })
  .strict();
export type AssignmentInput = z.input<typeof AssignmentInput>;

export const ConclusionInput = z
  .object({ textVi: text(5000), assignments: z.array(AssignmentInput).max(20).default([]) })
  .strict();
export type ConclusionInput = z.input<typeof ConclusionInput>;
export const ConclusionsInput = z.object({ items: z.array(ConclusionInput).max(60) }).strict();
export type ConclusionsInput = z.input<typeof ConclusionsInput>;

export const IssueNoticeInput = z
  .object({
    number: z.string().regex(/^\d{1,6}\/[A-ZĐ0-9-]{2,30}$/u, 'a number such as 125/TB-BTC'),
    date: IsoDate,
    signerTitle: text(200),
    signerName: text(200),
  })
  .strict();
export type IssueNoticeInput = z.infer<typeof IssueNoticeInput>;

export const FollowUpBrief = z.object({
  id: z.number().int(),
  councilCode: z.string(),
  meetingId: z.number().int(),
  meetingHeldOn: z.string(),
  conclusionSeq: z.number().int(),
  conclusionText: z.string(),
  assignee: OrgBrief,
  partners: z.array(OrgBrief),
  dueOn: z.string(),
  state: FollowUpState,
  overdue: z.boolean(),
  percent: z.number().int().nullable(),
  doneOn: z.string().nullable(),
  /** Who the Office accepted it from, and when: the "by whom" of a done follow-up. */
  acceptedOn: z.string().nullable(),
  projectCode: z.string().nullable(),
  planTaskRef: z.string().nullable(),
  reportingTaskCode: z.string().nullable(),
  lastNote: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type FollowUpBrief = z.infer<typeof FollowUpBrief>;

export const Conclusion = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  textVi: z.string(),
  followUps: z.array(FollowUpBrief),
  /** Before the notice is issued: the assignments that will become follow-ups. */
  draftAssignments: z.array(
    z.object({
      assignee: OrgBrief,
      partners: z.array(OrgBrief),
      dueOn: z.string(),
      projectCode: z.string().nullable(),
      planTaskRef: z.string().nullable(),
      reportingTaskCode: z.string().nullable(),
    }),
  ),
});
export type Conclusion = z.infer<typeof Conclusion>;

export const FileRef = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export type FileRef = z.infer<typeof FileRef>;

export const MeetingDetail = MeetingBrief.extend({
  councilNameVi: z.string(),
  councilNameEn: z.string(),
  startsAt: z.string().nullable(),
  /** Working material: null for callers who are not members of the council. */
  minutes: z.string().nullable(),
  agenda: z.array(AgendaItem),
  documents: z.array(FileRef),
  attendees: z.array(
    z.object({
      organisation: OrgBrief,
      invited: z.boolean(),
      attendance: Attendance,
      representative: z.string().nullable(),
    }),
  ),
  conclusions: z.array(Conclusion),
  signerTitle: z.string().nullable(),
  signerName: z.string().nullable(),
  version: z.number().int(),
  permissions: z.object({ member: z.boolean(), office: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;
export const NoticeFormatParams = z.object({
  id: DbIdParam,
  format: z.enum(['docx', 'pdf']),
});

// ----- follow-ups -----

export const FollowUpsQuery = z
  .object({
    council: z.string().max(40).optional(),
    /** `me`: assigned to the caller's organisation, in every council. Otherwise an organisation code. */
    assignee: z.string().max(40).optional(),
    state: FollowUpState.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    year: z.coerce.number().int().min(2023).max(2100).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type FollowUpsQuery = z.infer<typeof FollowUpsQuery>;
export const FollowUpsResponse = z.object({ items: z.array(FollowUpBrief), today: z.string() });
export type FollowUpsResponse = z.infer<typeof FollowUpsResponse>;

export const FollowUpEvent = z.object({
  at: z.string(),
  onDate: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  note: z.string().nullable(),
  percent: z.number().int().nullable(),
  userName: z.string().nullable(),
  organisation: OrgBrief.nullable(),
});
export type FollowUpEvent = z.infer<typeof FollowUpEvent>;
export const FollowUpDetail = FollowUpBrief.extend({
  councilNameVi: z.string(),
  councilNameEn: z.string(),
  meetingTitleVi: z.string(),
  events: z.array(FollowUpEvent),
  evidence: z.array(FileRef),
  permissions: z.object({ post: z.boolean(), review: z.boolean() }),
});
export type FollowUpDetail = z.infer<typeof FollowUpDetail>;

export const ProgressInput = z
  .object({
    note: text(5000),
    percent: z.number().int().min(0).max(100).nullable().default(null),
    /** True: the assignee reports the work done and asks the Office to accept it. */
    claimsDone: z.boolean().default(false),
  })
  .strict();
export type ProgressInput = z.input<typeof ProgressInput>;
export const ReviewInput = z.object({ decision: z.enum(['accept', 'return', 'cancel']), note: optText(5000) }).strict();
export type ReviewInput = z.input<typeof ReviewInput>;

// ----- bottlenecks -----

export const BottleneckInput = z
  .object({
    councilCode: z.string().min(1).max(40),
    titleVi: text(500),
    descriptionVi: text(10000),
    subject: BottleneckSubject,
    projectCode: z.string().max(40).nullable().default(null),
    planTaskRef: z.string().max(100).nullable().default(null),
    policyText: optText(1000),
    field: BottleneckField,
  })
  .strict();
export type BottleneckInput = z.input<typeof BottleneckInput>;
export const BottleneckActionInput = z
  .object({
    action: BottleneckAction,
    note: optText(5000),
    meetingId: DbId.nullable().default(null),
  })
  .strict();
export type BottleneckActionInput = z.input<typeof BottleneckActionInput>;

export const BottleneckBrief = z.object({
  id: z.number().int(),
  councilCode: z.string(),
  councilNameVi: z.string(),
  councilNameEn: z.string(),
  titleVi: z.string(),
  subject: BottleneckSubject,
  projectCode: z.string().nullable(),
  projectNameVi: z.string().nullable(),
  projectNameEn: z.string().nullable(),
  planTaskRef: z.string().nullable(),
  policyText: z.string().nullable(),
  field: BottleneckField,
  raisedBy: OrgBrief,
  raisedOn: z.string(),
  state: BottleneckState,
  meetingId: z.number().int().nullable(),
  outcomeVi: z.string().nullable(),
  closedOn: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type BottleneckBrief = z.infer<typeof BottleneckBrief>;
export const BottlenecksQuery = z
  .object({
    council: z.string().max(40).optional(),
    state: BottleneckState.optional(),
    open: z.enum(['true', 'false']).optional(),
  })
  .strict();
export const BottlenecksResponse = z.object({ items: z.array(BottleneckBrief) });
export type BottlenecksResponse = z.infer<typeof BottlenecksResponse>;
export const BottleneckDetail = BottleneckBrief.extend({
  descriptionVi: z.string(),
  events: z.array(
    z.object({
      at: z.string(),
      onDate: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      note: z.string().nullable(),
      meetingId: z.number().int().nullable(),
      userName: z.string().nullable(),
      organisation: OrgBrief.nullable(),
    }),
  ),
  permissions: z.object({ act: z.array(BottleneckAction) }),
});
export type BottleneckDetail = z.infer<typeof BottleneckDetail>;

export const ReportMaterialQuery = z.object({ from: IsoDate, to: IsoDate }).strict();
export const ReportMaterialItem = z.object({
  id: z.number().int(),
  councilNameVi: z.string(),
  councilNameEn: z.string(),
  regionCode: z.string(),
  titleVi: z.string(),
  descriptionVi: z.string(),
  field: BottleneckField,
  state: BottleneckState,
  raisedBy: z.string(),
  raisedOn: z.string(),
  projectCode: z.string().nullable(),
  escalated: z.boolean(),
  outcomeVi: z.string().nullable(),
  closedOn: z.string().nullable(),
  isDemo: z.boolean(),
});
export type ReportMaterialItem = z.infer<typeof ReportMaterialItem>;
/** Drafting material for the annual report: Part II (shortcomings) takes the open ones, Part III the recommendations. */
export const ReportMaterial = z.object({
  from: z.string(),
  to: z.string(),
  open: z.array(ReportMaterialItem),
  resolved: z.array(ReportMaterialItem),
  source: z.string(),
});
export type ReportMaterial = z.infer<typeof ReportMaterial>;

// ----- review of a year, dashboard -----

export const CouncilReview = z.object({
  councilCode: z.string(),
  year: z.number().int(),
  today: z.string(),
  /** The council and the councils it replaced: the year's meetings may belong to a predecessor. */
  lineage: z.array(z.string()),
  meetings: z.array(MeetingBrief),
  conclusions: z.array(
    Conclusion.extend({ meetingId: z.number().int(), meetingHeldOn: z.string(), councilCode: z.string() }),
  ),
  totals: z.object({
    conclusions: z.number().int(),
    followUps: z.number().int(),
    done: z.number().int(),
    doneOnTime: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    cancelled: z.number().int(),
  }),
  byAssignee: z.array(
    z.object({
      assignee: OrgBrief,
      total: z.number().int(),
      done: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  blocked: z.array(BottleneckBrief),
});
export type CouncilReview = z.infer<typeof CouncilReview>;
export const ReviewQuery = z.object({ year: z.coerce.number().int().min(2023).max(2100).optional() }).strict();

export const CouncilDashboard = z.object({
  councilCode: z.string(),
  today: z.string(),
  nextMeeting: MeetingBrief.nullable(),
  lateProjects: z.array(
    z.object({ code: z.string(), nameVi: z.string(), status: z.string(), lateMilestones: z.number().int() }),
  ),
  followUps: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    reported: z.number().int(),
    done: z.number().int(),
  }),
  overdueFollowUps: z.array(FollowUpBrief),
  openBottlenecks: z.array(BottleneckBrief),
  indicators: z.array(
    z.object({
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      unitVi: z.string(),
      unitEn: z.string(),
      period: z.union([z.number().int(), z.string()]).nullable(),
      value: z.number().nullable(),
      method: z.string(),
      methodEn: z.string(),
      source: z.string(),
    }),
  ),
});
export type CouncilDashboard = z.infer<typeof CouncilDashboard>;

// ----- agreements and linkages -----

export const AgreementInput = z
  .object({
    titleVi: text(500),
    signedOn: IsoDate,
    validUntil: IsoDate.nullable().default(null),
    /** Province codes in the geography in force on the signing date (34 from 2025-07-01, 63 before). */
    provinceCodes: z
      .array(z.string().regex(/^\d{2}$/))
      .min(2)
      .max(34),
    fields: z.array(BottleneckField).max(9).default([]),
    documentRef: optText(200),
    status: AgreementStatus.default('signed'),
    implementationNote: optText(5000),
  })
  .strict();
export type AgreementInput = z.input<typeof AgreementInput>;
export const AgreementPatch = z
  .object({
    status: AgreementStatus,
    implementationNote: z.string().max(5000).nullable(),
    validUntil: IsoDate.nullable(),
  })
  .partial()
  .strict();
export type AgreementPatch = z.infer<typeof AgreementPatch>;

export const Agreement = z.object({
  id: z.number().int(),
  titleVi: z.string(),
  signedOn: z.string(),
  validUntil: z.string().nullable(),
  inForce: z.boolean(),
  parties: z.array(Province.extend({ todayCode: z.string(), todayNameVi: z.string() })),
  fields: z.array(BottleneckField),
  documentRef: z.string().nullable(),
  status: AgreementStatus,
  implementationNote: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Agreement = z.infer<typeof Agreement>;
export const AgreementsQuery = z
  .object({
    region: z.string().max(20).optional(),
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    at: IsoDate.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type AgreementsQuery = z.infer<typeof AgreementsQuery>;
export const AgreementsResponse = z.object({ at: z.string(), items: z.array(Agreement) });
export type AgreementsResponse = z.infer<typeof AgreementsResponse>;

export const LinkKind = z.enum(['agreement', 'project', 'follow_up']);
export type LinkKind = z.infer<typeof LinkKind>;
export const LinkageEdge = z.object({
  a: z.string(),
  b: z.string(),
  agreements: z.array(z.object({ id: z.number().int(), titleVi: z.string() })),
  projects: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  followUps: z.array(z.object({ id: z.number().int(), textVi: z.string() })),
  weight: z.number().int(),
});
export type LinkageEdge = z.infer<typeof LinkageEdge>;
export const LinkagesQuery = z
  .object({
    region: z.string().max(20).optional(),
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
  })
  .strict();
export const LinkagesResponse = z.object({
  at: z.string(),
  scope: z.object({ kind: z.enum(['region', 'province']), code: z.string(), nameVi: z.string() }),
  provinces: z.array(Province.extend({ inScope: z.boolean() })),
  edges: z.array(LinkageEdge),
  /** True when follow-ups are counted (the caller is a member of the region's council or MoF). */
  includesFollowUps: z.boolean(),
  source: z.string(),
  sourceEn: z.string(),
});
export type LinkagesResponse = z.infer<typeof LinkagesResponse>;

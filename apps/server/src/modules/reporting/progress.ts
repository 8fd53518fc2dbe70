import type {
  Flag,
  ProgressCounts,
  ProgressResponse,
  ProgressRow,
  ReporterGroup,
  SubmissionState,
  Timeliness,
} from '@regionlink/shared';

/**
 * Completeness and timeliness of a cycle, as a pure function of the expected organisations and their submissions.
 *
 * - received: the organisation's report reached MoF (it was submitted at least once, or MoF registered its receipt);
 * - on time / late: the receipt date against the request's deadline, or the cut-off date when the request set no
 *   deadline (as in 2025, when letter 17432/BTC-VCL gave none and MoF counted what it had by 23/12/2025);
 * - undated: received, but the source gives no receipt date (MoF itself, the drafting agency);
 * - missing: expected and not received;
 * - days from request: receipt date minus the request letter's date.
 */

export interface ProgressOrg {
  organisationId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  group: ReporterGroup;
  provinceCode: string | null;
  regionCode: string | null;
}

export interface ProgressSubmission {
  organisationId: number;
  state: SubmissionState;
  received: boolean;
  receivedOn: string | null;
  docNumber: string | null;
  docDate: string | null;
  flags: Flag[];
  /** May the caller read this submission's content (document number and date included)? */
  readable: boolean;
  /** May the caller know its workflow state? */
  stateVisible: boolean;
}

export interface ProgressInput {
  cycleId: number;
  requestDate: string | null;
  deadline: string | null;
  cutoff: string | null;
  today: string;
  scope: 'all' | 'region';
  orgs: ProgressOrg[];
  submissions: ProgressSubmission[];
  regions: { code: string; nameVi: string; nameEn: string }[];
}

/** Whole days from ISO date `a` to ISO date `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The median of a list of numbers (mean of the two middle values for an even count), or null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const emptyCounts = (): ProgressCounts => ({
  expected: 0,
  received: 0,
  onTime: 0,
  late: 0,
  undated: 0,
  missing: 0,
  accepted: 0,
});

function add(c: ProgressCounts, r: ProgressRow) {
  c.expected++;
  if (r.received) c.received++;
  else c.missing++;
  if (r.timeliness === 'on_time') c.onTime++;
  if (r.timeliness === 'late') c.late++;
  if (r.timeliness === 'undated') c.undated++;
  if (r.state === 'accepted') c.accepted++;
}

/** Compute the progress of a cycle for the organisations in the caller's scope. */
export function computeProgress(input: ProgressInput): ProgressResponse {
  const judged = input.deadline ?? input.cutoff;
  const kind: ProgressResponse['judgedAgainstKind'] = input.deadline ? 'deadline' : input.cutoff ? 'cutoff' : 'none';
  const subByOrg = new Map(input.submissions.map((s) => [s.organisationId, s]));
  const rows: ProgressRow[] = input.orgs.map((o) => {
    const s = subByOrg.get(o.organisationId);
    const received = !!s?.received;
    let timeliness: Timeliness;
    if (received) {
      if (!s?.receivedOn || !judged) timeliness = 'undated';
      else timeliness = s.receivedOn <= judged ? 'on_time' : 'late';
    } else timeliness = judged && input.today > judged ? 'missing' : 'not_due';
    const flags: Flag[] = s?.readable ? [...s.flags] : [];
    const days = received && s?.receivedOn && input.requestDate ? daysBetween(input.requestDate, s.receivedOn) : null;
    if (days !== null && days < 0 && !flags.some((f) => f.code === 'received_before_request'))
      flags.push({
        code: 'received_before_request',
        noteVi: 'Ngày nhận ghi trong nguồn sớm hơn ngày công văn đề nghị báo cáo; giữ nguyên như nguồn.',
        noteEn: "The source's receipt date is earlier than the request letter; kept as the source gives it.",
      });
    return {
      organisationId: o.organisationId,
      orgCode: o.code,
      orgName: o.nameVi,
      orgNameEn: o.nameEn,
      group: o.group,
      provinceCode: o.provinceCode,
      regionCode: o.regionCode,
      state: s && (s.stateVisible || s.readable) ? s.state : null,
      received,
      receivedOn: received ? (s?.receivedOn ?? null) : null,
      docNumber: s?.readable ? s.docNumber : null,
      docDate: s?.readable ? s.docDate : null,
      timeliness,
      daysFromRequest: days,
      flags,
    };
  });
  const total = emptyCounts();
  const byGroup = { central: emptyCounts(), locality: emptyCounts() };
  const byRegion = new Map(
    input.regions.map((r) => [
      r.code,
      { ...emptyCounts(), regionCode: r.code, regionNameVi: r.nameVi, regionNameEn: r.nameEn },
    ]),
  );
  for (const r of rows) {
    add(total, r);
    add(byGroup[r.group], r);
    if (r.group === 'locality' && r.regionCode) {
      const g = byRegion.get(r.regionCode);
      if (g) add(g, r);
    }
  }
  const days = rows.map((r) => r.daysFromRequest).filter((d): d is number => d !== null);
  return {
    cycleId: input.cycleId,
    judgedAgainst: judged,
    judgedAgainstKind: kind,
    asOf: input.today,
    scope: input.scope,
    expected: total.expected,
    received: total.received,
    onTime: total.onTime,
    late: total.late,
    undated: total.undated,
    accepted: total.accepted,
    missing: rows
      .filter((r) => !r.received)
      .map((r) => ({ orgCode: r.orgCode, orgName: r.orgName, orgNameEn: r.orgNameEn, group: r.group })),
    byGroup,
    byRegion: [...byRegion.values()].filter((g) => g.expected > 0),
    daysFromRequest: {
      min: days.length ? Math.min(...days) : null,
      median: median(days),
      max: days.length ? Math.max(...days) : null,
      count: days.length,
    },
    rows,
    method:
      'Received: the report reached MoF (sent at least once, or receipt registered). On time: received on or before ' +
      (kind === 'deadline'
        ? 'the deadline'
        : kind === 'cutoff'
          ? 'the cut-off date (the request set no deadline)'
          : 'no date (none set)') +
      '. Days from request: receipt date minus the request letter date. Localities are grouped by the 2025 socio-economic regions.',
    methodVi:
      'Đã nhận: báo cáo đã gửi đến Bộ Tài chính (đã gửi ít nhất một lần hoặc được ghi nhận đã nhận). Đúng hạn: ngày nhận không muộn hơn ' +
      (kind === 'deadline'
        ? 'hạn báo cáo'
        : kind === 'cutoff'
          ? 'ngày chốt tổng hợp (công văn không nêu hạn)'
          : 'mốc thời hạn (chưa đặt)') +
      '. Số ngày từ đề nghị: ngày nhận trừ ngày công văn đề nghị. Địa phương được nhóm theo vùng kinh tế - xã hội năm 2025.',
  };
}

import { Badge, Tooltip } from '@mantine/core';
import {
  SUBMISSION_STATE_LABELS,
  type SubmissionState,
  TASK_STATUS_LABELS,
  type TaskStatus,
  type Timeliness,
} from '@regionlink/shared';
import { useI18n } from '../../../app/i18n';

export const STATUS_COLORS: Record<TaskStatus, string> = {
  done: '#267e36',
  in_progress: '#1971c1',
  recurring: '#0b7a8d',
  not_started: '#be490a',
  not_applicable: '#696f75',
};
export const STATUS_SHORT: Record<TaskStatus, { vi: string; en: string }> = {
  done: { vi: 'HT', en: 'D' },
  in_progress: { vi: 'ĐTH', en: 'IP' },
  recurring: { vi: 'TX', en: 'R' },
  not_started: { vi: 'CTK', en: 'NS' },
  not_applicable: { vi: 'KAD', en: 'NA' },
};
export const STATE_COLORS: Record<SubmissionState, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};
export const TIMELINESS_COLORS: Record<Timeliness, string> = {
  on_time: '#267e36',
  late: '#a35f00',
  undated: '#696f75',
  missing: '#ce2d2d',
  not_due: '#686d71',
};

export function TaskStatusBadge({ status }: { status: TaskStatus | null }) {
  const { pick } = useI18n();
  if (!status)
    return (
      <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>
        {pick('Chưa xác định', 'Not stated')}
      </Badge>
    );
  return (
    <Badge size="sm" style={{ background: STATUS_COLORS[status], flexShrink: 0 }}>
      {pick(TASK_STATUS_LABELS[status].vi, TASK_STATUS_LABELS[status].en)}
    </Badge>
  );
}

export function StateBadge({ state }: { state: SubmissionState | null }) {
  const { pick } = useI18n();
  if (!state) return null;
  return (
    <Badge size="sm" variant="light" color={STATE_COLORS[state]} data-testid="state-badge">
      {pick(SUBMISSION_STATE_LABELS[state].vi, SUBMISSION_STATE_LABELS[state].en)}
    </Badge>
  );
}

const TIMELINESS_LABELS: Record<Timeliness, { vi: string; en: string }> = {
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Muộn', en: 'Late' },
  undated: { vi: 'Không có ngày nhận', en: 'No date' },
  missing: { vi: 'Chưa báo cáo', en: 'Missing' },
  not_due: { vi: 'Chưa đến hạn', en: 'Not yet due' },
};

export function TimelinessBadge({ value }: { value: Timeliness }) {
  const { pick } = useI18n();
  return (
    <Badge
      size="sm"
      variant="light"
      style={{ color: TIMELINESS_COLORS[value], background: '#fff', border: `1px solid ${TIMELINESS_COLORS[value]}` }}
    >
      {pick(TIMELINESS_LABELS[value].vi, TIMELINESS_LABELS[value].en)}
    </Badge>
  );
}
export const timelinessLabel = (v: Timeliness, lang: 'vi' | 'en') => TIMELINESS_LABELS[v][lang];

export function FlagMark({ notes }: { notes: { noteVi: string; noteEn: string }[] }) {
  const { pick } = useI18n();
  if (notes.length === 0) return null;
  return (
    <Tooltip multiline w={360} label={notes.map((n) => pick(n.noteVi, n.noteEn)).join(' • ')}>
      <Badge size="xs" color="yellow" variant="filled" style={{ cursor: 'help' }} data-testid="flag">
        !
      </Badge>
    </Tooltip>
  );
}

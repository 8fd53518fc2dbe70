import { Badge, Tooltip } from '@mantine/core';
import type { BottleneckState, FollowUpState, MeetingStatus } from '@regionlink/shared';
import { BOTTLENECK_STATE_LABELS, FOLLOW_UP_STATE_LABELS, MEETING_STATUS_LABELS } from '@regionlink/shared';
import { useI18n } from '../../app/i18n';

const FOLLOW_UP_COLOUR: Record<FollowUpState, string> = {
  open: 'gray',
  in_progress: 'blue',
  reported: 'cyan',
  returned: 'orange',
  done: 'green',
  cancelled: 'dark',
};
const BOTTLENECK_COLOUR: Record<BottleneckState, string> = {
  raised: 'orange',
  triaged: 'yellow',
  on_agenda: 'blue',
  escalated: 'red',
  resolved: 'green',
  dismissed: 'gray',
};
const MEETING_COLOUR: Record<MeetingStatus, string> = {
  scheduled: 'blue',
  held: 'yellow',
  notice_issued: 'green',
  cancelled: 'gray',
};

const wrap = { root: { height: 'auto', maxWidth: '100%' }, label: { whiteSpace: 'normal' as const } };

/** The state of a follow-up, with "quá hạn" beside it when overdue. */
export function FollowUpBadge({ state, overdue }: { state: FollowUpState; overdue?: boolean }) {
  const { pick } = useI18n();
  const l = FOLLOW_UP_STATE_LABELS[state];
  return (
    <>
      <Badge size="sm" variant="light" tt="none" color={FOLLOW_UP_COLOUR[state]} styles={wrap} data-state={state}>
        {pick(l.vi, l.en)}
      </Badge>
      {overdue && (
        <Badge size="sm" variant="filled" tt="none" color="red" ml={4} data-overdue="true">
          {pick('Quá hạn', 'Overdue')}
        </Badge>
      )}
    </>
  );
}

/** The state of a bottleneck; `nowrap` keeps it on one line beside a title. */
export function BottleneckBadge({ state, nowrap }: { state: BottleneckState; nowrap?: boolean }) {
  const { pick } = useI18n();
  const l = BOTTLENECK_STATE_LABELS[state];
  return (
    <Badge
      size="sm"
      variant="light"
      tt="none"
      color={BOTTLENECK_COLOUR[state]}
      styles={nowrap ? undefined : wrap}
      style={nowrap ? { flexShrink: 0 } : undefined}
      data-state={state}
    >
      {pick(l.vi, l.en)}
    </Badge>
  );
}

export function MeetingBadge({ status }: { status: MeetingStatus }) {
  const { pick } = useI18n();
  const l = MEETING_STATUS_LABELS[status];
  return (
    <Badge size="sm" variant="light" tt="none" color={MEETING_COLOUR[status]} data-status={status}>
      {pick(l.vi, l.en)}
    </Badge>
  );
}

/** Marks demo content, as the other modules do ("minh họa"). */
export function DemoBadge({ show = true }: { show?: boolean }) {
  const { pick } = useI18n();
  if (!show) return null;
  return (
    <Tooltip label={pick('Dữ liệu minh họa, không phải số liệu chính thức', 'Demo data, not official')}>
      <Badge size="xs" variant="outline" color="grape" tt="none" ml={4}>
        {pick('minh họa', 'demo')}
      </Badge>
    </Tooltip>
  );
}

import { Anchor, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';

type Label = { vi: string; en: string };

export interface HistoryEvent {
  onDate: string;
  action: string;
  toState: string;
  note: string | null;
  userName: string | null;
  organisation: { nameVi: string; nameEn: string } | null;
  percent?: number | null;
  meetingId?: number | null;
}

/** A workflow's history (follow-up, bottleneck): each step with its date, organisation, person, new state and note. */
export function History({
  events,
  actions,
  states,
  testId,
}: {
  events: HistoryEvent[];
  actions: Record<string, [string, string]>;
  states: Record<string, Label>;
  testId: string;
}) {
  const { pick } = useI18n();
  return (
    <Timeline active={events.length} bulletSize={14} lineWidth={2} data-testid={testId}>
      {events.map((e, i) => {
        const [vi, en] = actions[e.action] ?? [e.action, e.action];
        const to = states[e.toState];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: history rows are append-only and shown in order
          <Timeline.Item key={i} title={pick(vi, en)}>
            <Text size="xs" c="dimmed">
              {formatDate(e.onDate)} · {e.organisation ? pick(e.organisation.nameVi, e.organisation.nameEn) : ''}
              {e.userName ? ` · ${e.userName}` : ''} → {to ? pick(to.vi, to.en) : e.toState}
              {e.percent !== null && e.percent !== undefined ? ` · ${e.percent}%` : ''}
            </Text>
            {/* a note is what its author wrote */}
            {e.note && (
              <Text size="sm" lang="vi">
                {e.note}
              </Text>
            )}
            {e.meetingId && (
              <Anchor component={Link} to={`/councils/meetings/${e.meetingId}`} size="xs">
                {pick('Xem phiên họp', 'Open the meeting')}
              </Anchor>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

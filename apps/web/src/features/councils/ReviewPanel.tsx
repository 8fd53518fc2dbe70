import {
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { CouncilReview } from '@regionlink/shared';
import { BOTTLENECK_FIELD_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useReview } from './api';
import { BottleneckBadge, DemoBadge, FollowUpBadge } from './Badges';

function Figure({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number | string;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Card>
  );
}

function Totals({ r }: { r: CouncilReview }) {
  const { pick } = useI18n();
  const t = r.totals;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
      <Figure testId="total-conclusions" label={pick('Kết luận', 'Conclusions')} value={t.conclusions} />
      <Figure testId="total-follow-ups" label={pick('Nhiệm vụ giao', 'Tasks assigned')} value={t.followUps} />
      <Figure testId="total-done" label={pick('Hoàn thành', 'Done')} value={t.done} color="green" />
      <Figure
        testId="total-on-time"
        label={pick('Hoàn thành đúng hạn', 'Done on time')}
        value={t.doneOnTime}
        color="green"
      />
      <Figure testId="total-open" label={pick('Đang thực hiện', 'Still open')} value={t.open} color="blue" />
      <Figure testId="total-overdue" label={pick('Quá hạn', 'Overdue')} value={t.overdue} color="red" />
      <Figure testId="total-cancelled" label={pick('Không tiếp tục', 'Cancelled')} value={t.cancelled} />
    </SimpleGrid>
  );
}

type Conclusions = CouncilReview['conclusions'];
type Brief = Conclusions[number]['followUps'][number];

/** On phones: each conclusion as a block with its follow-ups under it. */
function ConclusionCards({ items }: { items: Conclusions }) {
  const { pick } = useI18n();
  return (
    <Stack gap={0} hiddenFrom="sm">
      {items.map((c) => (
        <Stack key={c.id} gap={4} p="sm" style={{ borderTop: '1px solid #e9ecef' }}>
          <Text size="sm">
            {c.seq}. {c.textVi}
          </Text>
          {c.followUps.map((f) => (
            <div key={f.id}>
              <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="sm">
                {pick(f.assignee.nameVi, f.assignee.nameEn)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {pick('Hạn', 'Due')} {formatDate(f.dueOn)} · {pick('báo cáo', 'reported')}{' '}
                {f.doneOn ? formatDate(f.doneOn) : '—'} · {pick('xác nhận', 'accepted')}{' '}
                {f.acceptedOn ? formatDate(f.acceptedOn) : '—'}
              </Text>
              <FollowUpBadge state={f.state} overdue={f.overdue} />
            </div>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

/** One row per follow-up; the conclusion's number and text on its first row. */
function ConclusionRow({ c, f, first }: { c: Conclusions[number]; f: Brief | null; first: boolean }) {
  const { pick } = useI18n();
  const top = { verticalAlign: 'top' as const };
  return (
    <Table.Tr data-follow-up={f?.id}>
      <Table.Td style={top}>{first ? c.seq : ''}</Table.Td>
      <Table.Td style={top}>
        {first && (
          <Text size="sm" lineClamp={3} title={c.textVi}>
            {c.textVi}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={top}>
        {f ? (
          <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="sm">
            {pick(f.assignee.nameVi, f.assignee.nameEn)}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td style={{ ...top, whiteSpace: 'nowrap' }}>{f ? formatDate(f.dueOn) : ''}</Table.Td>
      <Table.Td style={top}>
        {f && <FollowUpBadge state={f.state} overdue={f.overdue} />}
        {f?.lastNote && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {f.lastNote}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ ...top, whiteSpace: 'nowrap' }}>
        {f?.doneOn ? formatDate(f.doneOn) : '—'} / {f?.acceptedOn ? formatDate(f.acceptedOn) : '—'}
      </Table.Td>
    </Table.Tr>
  );
}

/** A meeting of the year: its notice, and every conclusion with who carried it out and how far. */
function MeetingConclusions({ m, items }: { m: CouncilReview['meetings'][number]; items: Conclusions }) {
  const { pick } = useI18n();
  return (
    <Card withBorder padding={0} data-testid={`review-meeting-${m.id}`}>
      <Group p="sm" pb={4} justify="space-between">
        <Anchor component={Link} to={`/councils/meetings/${m.id}`} fw={600} size="sm">
          <span lang="vi">{m.titleVi}</span> ({formatDate(m.heldOn)})
        </Anchor>
        <Text size="xs" c="dimmed">
          {pick('Thông báo', 'Notice')} {m.noticeNumber}, {formatDate(m.noticeDate)}
          <DemoBadge show={m.isDemo} />
        </Text>
      </Group>
      <ConclusionCards items={items} />
      <Table.ScrollContainer minWidth={860} visibleFrom="sm">
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>#</Table.Th>
              <Table.Th>{pick('Kết luận', 'Conclusion')}</Table.Th>
              <Table.Th>{pick('Cơ quan chủ trì', 'Lead')}</Table.Th>
              <Table.Th>{pick('Thời hạn', 'Due')}</Table.Th>
              <Table.Th>{pick('Kết quả', 'Outcome')}</Table.Th>
              <Table.Th>{pick('Báo cáo hoàn thành / xác nhận', 'Reported / accepted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.flatMap((c) =>
              (c.followUps.length ? c.followUps : [null]).map((f, i) => (
                <ConclusionRow key={`${c.id}-${f?.id ?? 'none'}`} c={c} f={f} first={i === 0} />
              )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** Follow-ups by the organisation they were assigned to: assigned, done, open, overdue. */
function ByAssignee({ rows }: { rows: CouncilReview['byAssignee'] }) {
  const { pick } = useI18n();
  if (rows.length === 0) return null;
  return (
    <Card withBorder padding={0}>
      <Title order={5} p="sm" pb={0}>
        {pick('Theo cơ quan được giao', 'By organisation')}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table fz="sm" striped data-testid="review-by-assignee">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pick('Cơ quan', 'Organisation')}</Table.Th>
              <Table.Th ta="right">{pick('Được giao', 'Assigned')}</Table.Th>
              <Table.Th ta="right">{pick('Hoàn thành', 'Done')}</Table.Th>
              <Table.Th ta="right">{pick('Đang thực hiện', 'Open')}</Table.Th>
              <Table.Th ta="right">{pick('Quá hạn', 'Overdue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.assignee.code}>
                <Table.Td>{pick(a.assignee.nameVi, a.assignee.nameEn)}</Table.Td>
                <Table.Td ta="right">{a.total}</Table.Td>
                <Table.Td ta="right">{a.done}</Table.Td>
                <Table.Td ta="right">{a.open}</Table.Td>
                <Table.Td ta="right" c={a.overdue ? 'red' : undefined}>
                  {a.overdue}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** What is still blocked: the open bottlenecks of the council's line. */
function Blocked({ items }: { items: CouncilReview['blocked'] }) {
  const { pick } = useI18n();
  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        {pick('Còn vướng mắc (đang mở)', 'Still blocked (open bottlenecks)')}
      </Title>
      <Stack gap={6} data-testid="review-blocked">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {pick('Không còn vướng mắc đang mở.', 'No open bottleneck.')}
          </Text>
        )}
        {items.map((b) => (
          <Group key={b.id} gap="xs" align="flex-start">
            <BottleneckBadge state={b.state} nowrap />
            <div>
              <Anchor component={Link} to={`/councils/bottlenecks/${b.id}`} size="sm">
                <span lang="vi">{b.titleVi}</span>
              </Anchor>
              <Text size="xs" c="dimmed">
                {b.projectCode ? `${b.projectCode} · ` : ''}
                {pick(BOTTLENECK_FIELD_LABELS[b.field].vi, BOTTLENECK_FIELD_LABELS[b.field].en)} ·{' '}
                {pick(b.raisedBy.nameVi, b.raisedBy.nameEn)}, {formatDate(b.raisedOn)}
                <DemoBadge show={b.isDemo} />
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * The one page that answers "which of the year's conclusions were carried out, by whom, and what is still blocked":
 * every conclusion of the year's notices (the council's and its predecessors'), each task with its lead organisation,
 * state, the date it was reported done and accepted; totals; a table by organisation; the bottlenecks still open.
 */
export function ReviewPanel({ code }: { code: string }) {
  const { pick } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const review = useReview(code, year, true);
  const r = review.data;
  return (
    <Stack gap="md" data-testid="council-review">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={String(year)}
          onChange={(v) => setYear(Number(v))}
          data={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: String(y), label: String(y) }))}
          data-testid="review-year"
        />
        <Button
          component="a"
          href={`/api/v1/council-follow-ups?council=${code}&year=${year}&format=csv`}
          variant="light"
          size="xs"
        >
          {pick('Tải CSV', 'Download CSV')}
        </Button>
      </Group>
      {review.isLoading && <Loader />}
      {r && (
        <>
          <Totals r={r} />
          {r.conclusions.length === 0 && (
            <Text c="dimmed" size="sm">
              {pick(`Không có thông báo kết luận nào trong năm ${year}.`, `No notice of conclusions in ${year}.`)}
            </Text>
          )}
          {r.meetings.map((m) => (
            <MeetingConclusions key={m.id} m={m} items={r.conclusions.filter((c) => c.meetingId === m.id)} />
          ))}
          <ByAssignee rows={r.byAssignee} />
          <Blocked items={r.blocked} />
          <Text size="xs" c="dimmed">
            {pick(
              `Tính đến ngày ${formatDate(r.today)}. "Hoàn thành đúng hạn": ngày cơ quan chủ trì báo cáo hoàn thành không muộn hơn thời hạn, và Văn phòng Hội đồng đã xác nhận. Gồm các phiên họp của Hội đồng và của Hội đồng trước khi kiện toàn (${r.lineage.join(', ')}).`,
              `As of ${formatDate(r.today)}. "Done on time": the lead reported the work done by the due date and the Office accepted it. Includes the meetings of the council it replaced (${r.lineage.join(', ')}).`,
            )}
          </Text>
        </>
      )}
    </Stack>
  );
}

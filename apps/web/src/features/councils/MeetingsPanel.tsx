import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { CouncilDetail, MeetingMode } from '@regionlink/shared';
import { MEETING_MODE_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useCreateMeeting } from './api';
import { DemoBadge, MeetingBadge } from './Badges';
import { ErrorAlert } from './ErrorAlert';

/** The Office schedules a meeting: title, date and time, in person or online, place, chair. */
function ScheduleForm({ code }: { code: string }) {
  const { pick } = useI18n();
  const navigate = useNavigate();
  const create = useCreateMeeting(code);
  const [titleVi, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [mode, setMode] = useState<MeetingMode>('in_person');
  const [place, setPlace] = useState('');
  const [chairVi, setChair] = useState('Phó Thủ tướng Chính phủ, Chủ tịch Hội đồng');
  return (
    <Card withBorder data-testid="schedule-meeting">
      <Title order={5} mb="xs">
        {pick('Lên lịch phiên họp', 'Schedule a meeting')}
      </Title>
      <Stack gap="xs">
        <TextInput
          label={pick('Tên phiên họp', 'Title')}
          value={titleVi}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Group grow align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={pick('Ngày họp', 'Date')}
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            required
            miw={150}
          />
          <TextInput
            type="time"
            label={pick('Giờ', 'Time')}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            miw={110}
          />
          <Select
            label={pick('Hình thức', 'Mode')}
            value={mode}
            onChange={(v) => v && setMode(v as MeetingMode)}
            data={Object.entries(MEETING_MODE_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
            miw={200}
          />
        </Group>
        <TextInput label={pick('Địa điểm', 'Place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
        <TextInput
          label={pick('Chủ trì', 'Chair')}
          value={chairVi}
          onChange={(e) => setChair(e.currentTarget.value)}
          required
        />
        <ErrorAlert error={create.error} />
        <Group>
          <Button
            size="sm"
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { titleVi, heldOn, startsAt: startsAt || null, mode, place: place || null, chairVi },
                { onSuccess: (m) => navigate(`/councils/meetings/${m.id}`) },
              )
            }
          >
            {pick('Lên lịch', 'Schedule')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The council's meetings (the public sees those held); the Office schedules new ones. */
export function MeetingsPanel({ c }: { c: CouncilDetail }) {
  const { pick } = useI18n();
  return (
    <Stack gap="md">
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm" data-testid="meetings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pick('Ngày', 'Date')}</Table.Th>
                <Table.Th>{pick('Phiên họp', 'Meeting')}</Table.Th>
                <Table.Th>{pick('Trạng thái', 'Status')}</Table.Th>
                <Table.Th>{pick('Thông báo kết luận', 'Notice')}</Table.Th>
                <Table.Th ta="right">{pick('Kết luận', 'Conclusions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.meetings.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed">
                      {pick('Chưa có phiên họp.', 'No meetings yet.')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {c.meetings.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.heldOn)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/councils/meetings/${m.id}`} size="sm">
                      <span lang="vi">{m.titleVi}</span>
                    </Anchor>
                    <DemoBadge show={m.isDemo} />
                  </Table.Td>
                  <Table.Td>
                    <MeetingBadge status={m.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {m.noticeNumber ? `${m.noticeNumber}, ${formatDate(m.noticeDate)}` : '—'}
                  </Table.Td>
                  <Table.Td ta="right">{m.conclusionCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {c.permissions.office && c.inForce && <ScheduleForm code={c.code} />}
    </Stack>
  );
}

import { Alert, Anchor, Button, Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { MeetingDetail } from '@regionlink/shared';
import { AGENDA_KIND_LABELS, ATTENDANCE_LABELS, MEETING_MODE_LABELS } from '@regionlink/shared';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMeeting } from './api';
import { DemoBadge, FollowUpBadge, MeetingBadge } from './Badges';
import { MeetingOffice } from './MeetingOffice';

/** The notice of conclusions: number, date and signer once issued, a draft before; DOCX and PDF. */
function NoticeCard({ m }: { m: MeetingDetail }) {
  const { pick } = useI18n();
  const issued = m.status === 'notice_issued';
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>
            {issued
              ? `${pick('Thông báo kết luận số', 'Notice of conclusions')} ${m.noticeNumber}, ${formatDate(m.noticeDate)}`
              : pick('Dự thảo thông báo kết luận (chưa có số, ngày)', 'Draft notice of conclusions (no number yet)')}
          </Text>
          {issued && (
            // the notice's signature as issued: the signer's title and name are part of the official document
            <Text size="xs" c="dimmed" lang="vi">
              {m.signerTitle} {m.signerName}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button
            component="a"
            href={`/api/v1/council-meetings/${m.id}/notice.docx`}
            size="xs"
            variant="light"
            data-testid="notice-docx"
          >
            DOCX
          </Button>
          <Button
            component="a"
            href={`/api/v1/council-meetings/${m.id}/notice.pdf`}
            size="xs"
            variant="light"
            data-testid="notice-pdf"
          >
            PDF
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

/** The agenda, each item linked to the project, plan task, Res. 57 task or bottleneck it concerns. */
function AgendaCard({ m }: { m: MeetingDetail }) {
  const { pick } = useI18n();
  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        {pick('Chương trình', 'Agenda')}
      </Title>
      <Stack gap={4} data-testid="meeting-agenda">
        {m.agenda.map((a) => (
          <Text size="sm" key={a.seq}>
            {a.seq}. <span lang="vi">{a.titleVi}</span>{' '}
            <Text span size="xs" c="dimmed">
              ({pick(AGENDA_KIND_LABELS[a.kind].vi, AGENDA_KIND_LABELS[a.kind].en)}
              {a.refLink ? ': ' : ''}
              {a.refLink && (
                <Anchor component={Link} to={a.refLink} size="xs" lang={a.refLabel && !a.refLabelEn ? 'vi' : undefined}>
                  {a.refLabel ? pick(a.refLabel, a.refLabelEn ?? '') : a.ref}
                </Anchor>
              )}
              {a.presenterVi && '; '}
              {a.presenterVi && (
                <span lang={a.presenterEn ? undefined : 'vi'}>{pick(a.presenterVi, a.presenterEn ?? '')}</span>
              )}
              )
            </Text>
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** The conclusions (published, or the draft for members) with their follow-ups' state. */
function ConclusionsCard({ m }: { m: MeetingDetail }) {
  const { pick } = useI18n();
  const issued = m.status === 'notice_issued';
  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        {issued ? pick('Kết luận', 'Conclusions') : pick('Kết luận (dự thảo)', 'Conclusions (draft)')}
      </Title>
      <Stack gap="xs" data-testid="meeting-conclusions">
        {m.conclusions.map((c) => (
          <div key={c.id}>
            {/* the Office's record of the meeting (agenda, conclusions, place, chair) is user content, in Vietnamese */}
            <Text size="sm" lang="vi">
              {c.seq}. {c.textVi}
            </Text>
            {/* the links one under the other are 24 px apart (WCAG 2.5.8 target spacing) */}
            <Stack gap={8} mt={4}>
              {c.followUps.map((f) => (
                <Group key={f.id} gap={6} ml="md">
                  <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="xs">
                    {pick(f.assignee.nameVi, f.assignee.nameEn)} · {pick('hạn', 'due')} {formatDate(f.dueOn)}
                  </Anchor>
                  <FollowUpBadge state={f.state} overdue={f.overdue} />
                </Group>
              ))}
            </Stack>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** Who attended, was represented or was absent. */
function AttendanceCard({ m }: { m: MeetingDetail }) {
  const { pick } = useI18n();
  return (
    <Card withBorder padding={0}>
      <Title order={5} p="sm" pb={0}>
        {pick('Thành phần tham dự', 'Attendance')}
      </Title>
      <Table fz="sm" striped>
        <Table.Tbody>
          {m.attendees.map((a) => (
            <Table.Tr key={a.organisation.code}>
              <Table.Td>{pick(a.organisation.nameVi, a.organisation.nameEn)}</Table.Td>
              <Table.Td>
                {pick(ATTENDANCE_LABELS[a.attendance].vi, ATTENDANCE_LABELS[a.attendance].en)}
                {a.representative && <span lang="vi"> ({a.representative})</span>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/**
 * A meeting: what the public may know once it is held (date, place, chair, the published conclusions and the notice
 * as DOCX/PDF), the working material for members (agenda, documents, attendance, minutes, follow-ups), and the
 * Office's editors until the notice is issued.
 */
export function MeetingPage() {
  const { id = '0' } = useParams();
  const { pick } = useI18n();
  const q = useMeeting(Number(id));
  const m = q.data;
  if (q.isError) return <Alert color="red">{pick('Không tìm thấy phiên họp.', 'Meeting not found.')}</Alert>;
  if (!m) return <Loader />;
  const issued = m.status === 'notice_issued';
  const editable = m.permissions.office && (m.status === 'scheduled' || m.status === 'held');
  const mode = MEETING_MODE_LABELS[m.mode];
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={`/councils/${m.councilCode}?tab=meetings`} size="sm">
          ← {pick(m.councilNameVi, m.councilNameEn)}
        </Anchor>
        <Group gap="xs">
          <Title order={1} size="h2" lang="vi">
            {m.titleVi}
          </Title>
          <MeetingBadge status={m.status} />
          <DemoBadge show={m.isDemo} />
        </Group>
        <Text size="sm" c="dimmed">
          {formatDate(m.heldOn)}
          {m.startsAt ? `, ${m.startsAt}` : ''} · {pick(mode.vi, mode.en)}
          {m.place && (
            <>
              {' · '}
              <span lang="vi">{m.place}</span>
            </>
          )}{' '}
          · {pick('Chủ trì', 'Chair')}: <span lang="vi">{m.chairVi}</span>
        </Text>
      </div>
      {(issued || m.permissions.office) && m.conclusions.length > 0 && <NoticeCard m={m} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: editable ? 5 : 12 }}>
          <Stack gap="md">
            {m.permissions.member && m.agenda.length > 0 && <AgendaCard m={m} />}
            {m.documents.length > 0 && (
              <Card withBorder>
                <Title order={5} mb="xs">
                  {pick('Tài liệu', 'Documents')}
                </Title>
                {m.documents.map((d) => (
                  <Anchor key={d.id} href={`/api/v1/council-meeting-documents/${d.id}`} size="sm" display="block">
                    {d.fileName}
                  </Anchor>
                ))}
              </Card>
            )}
            {m.conclusions.length > 0 && (issued || m.permissions.member) && <ConclusionsCard m={m} />}
            {m.permissions.member && m.attendees.length > 0 && !editable && <AttendanceCard m={m} />}
            {m.minutes && !editable && (
              <Card withBorder>
                <Title order={5} mb="xs">
                  {pick('Biên bản', 'Minutes')}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang="vi">
                  {m.minutes}
                </Text>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        {editable && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            <MeetingOffice m={m} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

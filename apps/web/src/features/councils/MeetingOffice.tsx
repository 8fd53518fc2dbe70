import {
  ActionIcon,
  Button,
  Card,
  FileInput,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { AgendaKind, Attendance, MeetingDetail } from '@regionlink/shared';
import { AGENDA_KIND_LABELS, ATTENDANCE_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useMeetingWrites, useOrganisationList } from './api';
import { ErrorAlert } from './ErrorAlert';

type Writes = ReturnType<typeof useMeetingWrites>;

/** Date, place, chair, minutes, and "held" once the meeting has taken place. */
function DetailsForm({ m, w }: { m: MeetingDetail; w: Writes }) {
  const { pick } = useI18n();
  const [heldOn, setHeldOn] = useState(m.heldOn);
  const [place, setPlace] = useState(m.place ?? '');
  const [chairVi, setChair] = useState(m.chairVi);
  const [minutes, setMinutes] = useState(m.minutes ?? '');
  return (
    <Card withBorder data-testid="meeting-details-form">
      <Title order={5} mb="xs">
        {pick('Thông tin phiên họp và biên bản', 'Meeting details and minutes')}
      </Title>
      <Stack gap="xs">
        <Group grow wrap="wrap">
          <TextInput
            type="date"
            label={pick('Ngày họp', 'Date')}
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            miw={150}
          />
          <TextInput
            label={pick('Địa điểm', 'Place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            miw={200}
          />
          <TextInput
            label={pick('Chủ trì', 'Chair')}
            value={chairVi}
            onChange={(e) => setChair(e.currentTarget.value)}
            miw={200}
          />
        </Group>
        {/* the minutes are the Office's record, written in Vietnamese */}
        <Textarea
          lang="vi"
          label={pick('Biên bản', 'Minutes')}
          autosize
          minRows={3}
          value={minutes}
          onChange={(e) => setMinutes(e.currentTarget.value)}
        />
        <ErrorAlert error={w.patch.error} />
        <Group>
          <Button
            size="xs"
            variant="light"
            loading={w.patch.isPending}
            onClick={() => w.patch.mutate({ heldOn, place: place || null, chairVi, minutes: minutes || null })}
          >
            {pick('Lưu', 'Save')}
          </Button>
          {m.status === 'scheduled' && (
            <Button
              size="xs"
              loading={w.patch.isPending}
              onClick={() =>
                w.patch.mutate({ heldOn, place: place || null, chairVi, minutes: minutes || null, status: 'held' })
              }
              data-testid="mark-held"
            >
              {pick('Ghi nhận đã họp', 'Record as held')}
            </Button>
          )}
          {m.status === 'scheduled' && (
            <Button size="xs" color="gray" variant="subtle" onClick={() => w.patch.mutate({ status: 'cancelled' })}>
              {pick('Hủy phiên họp', 'Cancel the meeting')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

interface AgendaRow {
  titleVi: string;
  kind: AgendaKind;
  ref: string;
  presenterVi: string;
}

/** The agenda: items that link to projects, plan tasks, Res. 57 tasks and bottlenecks. */
function AgendaEditor({ m, w }: { m: MeetingDetail; w: Writes }) {
  const { pick } = useI18n();
  const [rows, setRows] = useState<AgendaRow[]>(
    m.agenda.map((a) => ({ titleVi: a.titleVi, kind: a.kind, ref: a.ref ?? '', presenterVi: a.presenterVi ?? '' })),
  );
  const set = (i: number, patch: Partial<AgendaRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Card withBorder data-testid="agenda-editor">
      <Title order={5} mb="xs">
        {pick('Chương trình phiên họp', 'Agenda')}
      </Title>
      <Stack gap="xs">
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until they are saved
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={`${i + 1}. ${pick('Nội dung', 'Item')}`}
              value={r.titleVi}
              onChange={(e) => set(i, { titleVi: e.currentTarget.value })}
              style={{ flex: 3, minWidth: 220 }}
            />
            <Select
              label={pick('Loại', 'Kind')}
              value={r.kind}
              onChange={(v) => v && set(i, { kind: v as AgendaKind })}
              data={Object.entries(AGENDA_KIND_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
              w={180}
            />
            <TextInput
              label={pick('Mã tham chiếu', 'Reference')}
              value={r.ref}
              onChange={(e) => set(i, { ref: e.currentTarget.value })}
              w={200}
              disabled={r.kind === 'other'}
              placeholder={r.kind === 'plan_task' ? 'ip-nmm-2021-2030:II.1.d' : ''}
            />
            <TextInput
              label={pick('Trình bày', 'Presenter')}
              value={r.presenterVi}
              onChange={(e) => set(i, { presenterVi: e.currentTarget.value })}
              w={200}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={pick('Xóa', 'Remove')}
              onClick={() => setRows(rows.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        <ErrorAlert error={w.agenda.error} />
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => setRows([...rows, { titleVi: '', kind: 'other', ref: '', presenterVi: '' }])}
          >
            + {pick('Thêm nội dung', 'Add item')}
          </Button>
          <Button
            size="xs"
            loading={w.agenda.isPending}
            onClick={() =>
              w.agenda.mutate({
                items: rows.map((r) => ({
                  titleVi: r.titleVi,
                  kind: r.kind,
                  ref: r.kind === 'other' ? null : r.ref.trim() || null,
                  presenterVi: r.presenterVi || null,
                })),
              })
            }
          >
            {pick('Lưu chương trình', 'Save agenda')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Invitations (all members on the meeting date) and attendance of each invited organisation. */
function InviteAndAttendance({ m, w }: { m: MeetingDetail; w: Writes }) {
  const { pick } = useI18n();
  const [att, setAtt] = useState<Record<string, Attendance>>(
    Object.fromEntries(m.attendees.map((a) => [a.organisation.code, a.attendance])),
  );
  return (
    <Card withBorder data-testid="attendance-editor">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{pick('Giấy mời và thành phần tham dự', 'Invitations and attendance')}</Title>
        <Button
          size="xs"
          variant="light"
          loading={w.invite.isPending}
          onClick={() => w.invite.mutate()}
          data-testid="invite-members"
        >
          {pick('Gửi giấy mời các thành viên', 'Invite the members')}
        </Button>
      </Group>
      <ErrorAlert error={w.invite.error ?? w.attendance.error} />
      {m.attendees.length === 0 ? (
        <Text size="sm" c="dimmed">
          {pick('Chưa gửi giấy mời.', 'No invitations yet.')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Table fz="sm">
            <Table.Tbody>
              {m.attendees.map((a) => (
                <Table.Tr key={a.organisation.code}>
                  <Table.Td>{pick(a.organisation.nameVi, a.organisation.nameEn)}</Table.Td>
                  <Table.Td w={210}>
                    <Select
                      size="xs"
                      aria-label={pick('Tham dự', 'Attendance')}
                      value={att[a.organisation.code]}
                      onChange={(v) => v && setAtt({ ...att, [a.organisation.code]: v as Attendance })}
                      data={Object.entries(ATTENDANCE_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button
              size="xs"
              loading={w.attendance.isPending}
              onClick={() =>
                w.attendance.mutate({
                  items: Object.entries(att).map(([organisationCode, attendance]) => ({
                    organisationCode,
                    attendance,
                  })),
                })
              }
            >
              {pick('Lưu thành phần tham dự', 'Save attendance')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

interface ConclusionRow {
  textVi: string;
  assigneeCode: string | null;
  partnerCodes: string[];
  dueOn: string;
  projectCode: string;
}

/** Conclusions; one that assigns work names the lead, the co-operating organisations, the due date and the project. */
function ConclusionsEditor({ m, w }: { m: MeetingDetail; w: Writes }) {
  const { pick } = useI18n();
  const orgs = useOrganisationList();
  const options = (orgs.data?.items ?? [])
    .filter((o) => o.kind !== 'council')
    .map((o) => ({ value: o.code, label: o.nameVi }));
  const [rows, setRows] = useState<ConclusionRow[]>(
    m.conclusions.map((c) => {
      const a = c.draftAssignments[0];
      return {
        textVi: c.textVi,
        assigneeCode: a?.assignee.code ?? null,
        partnerCodes: a?.partners.map((p) => p.code) ?? [],
        dueOn: a?.dueOn ?? '',
        projectCode: a?.projectCode ?? '',
      };
    }),
  );
  const set = (i: number, patch: Partial<ConclusionRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Card withBorder data-testid="conclusions-editor">
      <Title order={5} mb="xs">
        {pick('Kết luận của Chủ tịch Hội đồng', 'Conclusions of the chair')}
      </Title>
      <Stack gap="sm">
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until they are saved
          <Card key={i} withBorder padding="xs" bg="#fafbfc">
            <Textarea
              label={`${i + 1}.`}
              autosize
              minRows={2}
              value={r.textVi}
              onChange={(e) => set(i, { textVi: e.currentTarget.value })}
            />
            <Group gap="xs" mt={6} align="flex-end" wrap="wrap">
              <Select
                label={pick('Cơ quan chủ trì', 'Lead')}
                data={options}
                value={r.assigneeCode}
                onChange={(v) => set(i, { assigneeCode: v })}
                searchable
                clearable
                w={260}
              />
              <MultiSelect
                label={pick('Cơ quan phối hợp', 'Co-operating')}
                data={options}
                value={r.partnerCodes}
                onChange={(v) => set(i, { partnerCodes: v })}
                searchable
                w={300}
              />
              <TextInput
                type="date"
                label={pick('Thời hạn', 'Due')}
                value={r.dueOn}
                onChange={(e) => set(i, { dueOn: e.currentTarget.value })}
                w={150}
              />
              <TextInput
                label={pick('Mã dự án', 'Project')}
                value={r.projectCode}
                onChange={(e) => set(i, { projectCode: e.currentTarget.value })}
                w={120}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={pick('Xóa', 'Remove')}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            </Group>
          </Card>
        ))}
        <ErrorAlert error={w.conclusions.error} />
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              setRows([...rows, { textVi: '', assigneeCode: null, partnerCodes: [], dueOn: '', projectCode: '' }])
            }
          >
            + {pick('Thêm kết luận', 'Add a conclusion')}
          </Button>
          <Button
            size="xs"
            loading={w.conclusions.isPending}
            onClick={() =>
              w.conclusions.mutate({
                items: rows.map((r) => ({
                  textVi: r.textVi,
                  assignments: r.assigneeCode
                    ? [
                        {
                          assigneeCode: r.assigneeCode,
                          partnerCodes: r.partnerCodes,
                          dueOn: r.dueOn,
                          projectCode: r.projectCode.trim() || null,
                        },
                      ]
                    : [],
                })),
              })
            }
          >
            {pick('Lưu kết luận', 'Save conclusions')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Issue the notice of conclusions: its number, date and signer; assignments become follow-ups. */
function IssueForm({ m, w }: { m: MeetingDetail; w: Writes }) {
  const { pick } = useI18n();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [signerTitle, setTitle] = useState('Thứ trưởng');
  const [signerName, setName] = useState('');
  return (
    <Card withBorder data-testid="issue-notice">
      <Title order={5} mb="xs">
        {pick('Ban hành thông báo kết luận', 'Issue the notice of conclusions')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {pick(
          'Sau khi ban hành, mỗi kết luận có giao nhiệm vụ trở thành một nhiệm vụ được theo dõi; cơ quan chủ trì và phối hợp nhận thông báo trên hệ thống và thư điện tử. Phiên họp không sửa được nữa.',
          'Once issued, each assignment becomes a tracked follow-up and its organisations are notified in the app and by e-mail. The meeting is then closed.',
        )}
      </Text>
      <Group grow wrap="wrap" align="flex-end">
        <TextInput
          label={pick('Số, ký hiệu', 'Number')}
          placeholder="125/TB-BTC"
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          miw={140}
        />
        <TextInput
          type="date"
          label={pick('Ngày ban hành', 'Date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          miw={150}
        />
        <TextInput
          label={pick('Chức vụ người ký', 'Signer title')}
          value={signerTitle}
          onChange={(e) => setTitle(e.currentTarget.value)}
          miw={140}
        />
        <TextInput
          label={pick('Họ tên người ký', 'Signer')}
          value={signerName}
          onChange={(e) => setName(e.currentTarget.value)}
          miw={160}
        />
      </Group>
      <ErrorAlert error={w.notice.error} />
      <Group mt="xs">
        <Button
          loading={w.notice.isPending}
          disabled={m.status !== 'held'}
          onClick={() => w.notice.mutate({ number, date, signerTitle, signerName })}
          data-testid="issue-notice-button"
        >
          {pick('Ban hành', 'Issue')}
        </Button>
        {m.status !== 'held' && (
          <Text size="xs" c="dimmed">
            {pick('Cần ghi nhận đã họp trước.', 'Record the meeting as held first.')}
          </Text>
        )}
      </Group>
    </Card>
  );
}

/** Everything the Office does on a meeting before its notice is issued. */
export function MeetingOffice({ m }: { m: MeetingDetail }) {
  const { pick } = useI18n();
  const w = useMeetingWrites(m);
  return (
    <Stack gap="md">
      <DetailsForm m={m} w={w} key={`details:${m.heldOn}|${m.place}|${m.chairVi}|${m.minutes}|${m.status}`} />
      <AgendaEditor m={m} w={w} key={`agenda:${JSON.stringify(m.agenda)}`} />
      <Card withBorder>
        <Title order={5} mb="xs">
          {pick('Tài liệu phiên họp', 'Meeting documents')}
        </Title>
        <FileInput
          placeholder={pick(
            'Chọn tệp PDF, DOCX, XLSX, PNG, JPEG (tối đa 10 MB)',
            'Choose a PDF, DOCX, XLSX, PNG or JPEG (10 MB)',
          )}
          onChange={(f) => f && w.upload.mutate(f)}
          data-testid="meeting-document-input"
          clearable
        />
        <ErrorAlert error={w.upload.error} />
      </Card>
      <InviteAndAttendance m={m} w={w} key={`attendance:${JSON.stringify(m.attendees)}`} />
      <ConclusionsEditor m={m} w={w} key={`conclusions:${JSON.stringify(m.conclusions)}`} />
      <IssueForm m={m} w={w} />
    </Stack>
  );
}

import { Anchor, Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { BottleneckField, BottleneckSubject, CouncilDetail } from '@regionlink/shared';
import { BOTTLENECK_FIELD_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useBottlenecks, useRaiseBottleneck } from './api';
import { BottleneckBadge, DemoBadge } from './Badges';
import { ErrorAlert } from './ErrorAlert';

/** A province, ministry or project owner raises a bottleneck on a project, a plan task or a policy. */
function RaiseForm({ code }: { code: string }) {
  const { pick } = useI18n();
  const navigate = useNavigate();
  const raise = useRaiseBottleneck();
  const [subject, setSubject] = useState<BottleneckSubject>('project');
  const [field, setField] = useState<BottleneckField>('transport');
  const [titleVi, setTitle] = useState('');
  const [descriptionVi, setDescription] = useState('');
  const [ref, setRef] = useState('');
  return (
    <Card withBorder data-testid="raise-bottleneck">
      <Title order={5} mb="xs">
        {pick('Nêu vướng mắc, kiến nghị', 'Raise a bottleneck')}
      </Title>
      <Stack gap="xs">
        <Group grow wrap="wrap" align="flex-end">
          <Select
            label={pick('Liên quan đến', 'Concerns')}
            value={subject}
            onChange={(v) => v && setSubject(v as BottleneckSubject)}
            data={[
              { value: 'project', label: pick('Dự án', 'A project') },
              { value: 'plan_task', label: pick('Nhiệm vụ của kế hoạch', 'A plan task') },
              { value: 'policy', label: pick('Cơ chế, chính sách', 'A policy') },
            ]}
            miw={180}
          />
          <TextInput
            label={
              subject === 'project'
                ? pick('Mã dự án', 'Project code')
                : subject === 'plan_task'
                  ? pick('Mã nhiệm vụ (kế hoạch:nhóm)', 'Task (plan:group)')
                  : pick('Cơ chế, chính sách', 'Policy')
            }
            placeholder={subject === 'project' ? 'RD2-01' : subject === 'plan_task' ? 'ip-nmm-2021-2030:II.1.d' : ''}
            value={ref}
            onChange={(e) => setRef(e.currentTarget.value)}
            miw={180}
          />
          <Select
            label={pick('Lĩnh vực', 'Field')}
            value={field}
            onChange={(v) => v && setField(v as BottleneckField)}
            data={Object.entries(BOTTLENECK_FIELD_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
            miw={180}
          />
        </Group>
        <TextInput
          label={pick('Tóm tắt', 'Title')}
          value={titleVi}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Textarea
          label={pick('Nội dung vướng mắc và kiến nghị', 'What blocks, and what is asked')}
          autosize
          minRows={3}
          value={descriptionVi}
          onChange={(e) => setDescription(e.currentTarget.value)}
          required
        />
        <ErrorAlert error={raise.error} />
        <Group>
          <Button
            loading={raise.isPending}
            onClick={() =>
              raise.mutate(
                {
                  councilCode: code,
                  titleVi,
                  descriptionVi,
                  subject,
                  field,
                  projectCode: subject === 'project' ? ref.trim() || null : null,
                  planTaskRef: subject === 'plan_task' ? ref.trim() || null : null,
                  policyText: subject === 'policy' ? ref.trim() || null : null,
                },
                { onSuccess: (b) => navigate(`/councils/bottlenecks/${b.id}`) },
              )
            }
          >
            {pick('Gửi Văn phòng Hội đồng', 'Send to the Office')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The council's bottlenecks with their state; members raise new ones. */
export function BottlenecksPanel({ c }: { c: CouncilDetail }) {
  const { pick } = useI18n();
  const list = useBottlenecks(c.code, true);
  return (
    <Stack gap="md">
      <Card withBorder padding={0}>
        <Stack gap={0} hiddenFrom="sm">
          {(list.data?.items ?? []).map((b) => (
            <Stack key={b.id} gap={4} p="sm" style={{ borderTop: '1px solid #e9ecef' }}>
              <Anchor component={Link} to={`/councils/bottlenecks/${b.id}`} size="sm">
                <span lang="vi">{b.titleVi}</span>
              </Anchor>
              <Text size="xs" c="dimmed">
                {pick(b.raisedBy.nameVi, b.raisedBy.nameEn)}, {formatDate(b.raisedOn)}
                {b.projectCode ? ` · ${b.projectCode}` : ''}
                <DemoBadge show={b.isDemo} />
              </Text>
              <div>
                <BottleneckBadge state={b.state} />
              </div>
            </Stack>
          ))}
        </Stack>
        <Table.ScrollContainer minWidth={720} visibleFrom="sm">
          <Table striped fz="sm" data-testid="bottlenecks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pick('Vướng mắc', 'Bottleneck')}</Table.Th>
                <Table.Th>{pick('Nêu bởi', 'Raised by')}</Table.Th>
                <Table.Th>{pick('Ngày', 'Date')}</Table.Th>
                <Table.Th>{pick('Trạng thái', 'State')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/councils/bottlenecks/${b.id}`} size="sm">
                      <span lang="vi">{b.titleVi}</span>
                    </Anchor>
                    <DemoBadge show={b.isDemo} />
                    <Text size="xs" c="dimmed">
                      {b.projectCode
                        ? `${b.projectCode} — ${pick(b.projectNameVi ?? '', b.projectNameEn ?? '')}`
                        : (b.planTaskRef ?? b.policyText ?? '')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{pick(b.raisedBy.nameVi, b.raisedBy.nameEn)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(b.raisedOn)}</Table.Td>
                  <Table.Td>
                    <BottleneckBadge state={b.state} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {c.permissions.canRaise && <RaiseForm code={c.code} />}
    </Stack>
  );
}

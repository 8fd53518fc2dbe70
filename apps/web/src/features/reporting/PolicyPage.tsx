import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { PolicyTask } from '@regionlink/shared';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMe } from '../access/api';
import { useAssign, useDocument, useDocuments, useOrganisations } from './api';
import { DICT } from './i18n';
import { errorText } from './util';

function AssignModal({ task, onClose }: { task: PolicyTask; onClose: () => void }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const orgs = useOrganisations();
  const assign = useAssign(task.id);
  const [lead, setLead] = useState(
    task.assignments.filter((a) => a.role === 'lead').map((a) => String(a.organisationId)),
  );
  const [coop, setCoop] = useState(
    task.assignments.filter((a) => a.role === 'cooperating').map((a) => String(a.organisationId)),
  );
  const data = (orgs.data?.items ?? [])
    .filter((o) => o.kind !== 'council')
    .map((o) => ({ value: String(o.id), label: pick(o.nameVi, o.nameEn) }));
  return (
    <Modal opened onClose={onClose} title={`${t('assign')}: ${task.code}`} size="xl">
      <Stack>
        <Text size="sm">{pick(task.titleVi, task.titleEn)}</Text>
        <MultiSelect label={t('lead')} data={data} value={lead} onChange={setLead} searchable maxDropdownHeight={260} />
        <MultiSelect
          label={t('cooperating')}
          data={data.filter((d) => !lead.includes(d.value))}
          value={coop}
          onChange={setCoop}
          searchable
          maxDropdownHeight={260}
        />
        {assign.error && <Alert color="red">{errorText(assign.error, lang)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button
            loading={assign.isPending}
            onClick={() =>
              assign.mutate(
                {
                  version: task.version,
                  assignments: [
                    ...lead.map((id) => ({ organisationId: Number(id), role: 'lead' as const })),
                    ...coop
                      .filter((id) => !lead.includes(id))
                      .map((id) => ({ organisationId: Number(id), role: 'cooperating' as const })),
                  ],
                },
                { onSuccess: onClose },
              )
            }
          >
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const summarise = (task: PolicyTask, pick: (vi: string, en: string) => string) => {
  const provinces = task.assignments.filter((a) => a.organisationCode.startsWith('UBND-'));
  const others = task.assignments.filter((a) => !a.organisationCode.startsWith('UBND-'));
  const parts: string[] = [];
  if (others.length > 6) parts.push(pick(`${others.length} bộ, ngành`, `${others.length} ministries and agencies`));
  else
    parts.push(
      ...others.map(
        (a) =>
          `${pick(a.organisationNameVi, a.organisationNameEn)}${a.role === 'cooperating' ? pick(' (phối hợp)', ' (co-op.)') : ''}`,
      ),
    );
  if (provinces.length)
    parts.push(
      pick(
        `${provinces.length} UBND tỉnh, thành${provinces[0].role === 'cooperating' ? ' (phối hợp)' : ''}`,
        `${provinces.length} provincial PCs`,
      ),
    );
  return parts.join('; ');
};

/** The policy document and its tasks, with the organisations assigned to each; MoF can change the assignments. */
export function PolicyPage() {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const me = useMe();
  const docs = useDocuments();
  const doc = useDocument(docs.data?.items[0]?.id);
  const [editing, setEditing] = useState<PolicyTask | null>(null);
  if (doc.isLoading || docs.isLoading) return <Loader />;
  if (!doc.data) return null;
  const d = doc.data;
  let group = '';
  return (
    <Stack gap="sm">
      <Card withBorder padding="sm">
        <Title order={4}>{pick(d.titleVi, d.titleEn)}</Title>
        <Text size="sm" c="dimmed">
          {d.issuerVi} · {formatDate(d.issuedOn)} · {d.taskCount} {t('tasks').toLowerCase()}
        </Text>
        {d.summaryVi && (
          <Text size="sm" mt={4}>
            {d.summaryVi}
          </Text>
        )}
        {d.source && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('source')}: {d.source}
          </Text>
        )}
      </Card>
      <Card withBorder padding={0}>
        <Table className="rl-dense" data-testid="tasks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('code')}</Table.Th>
              <Table.Th>{t('task')}</Table.Th>
              <Table.Th w={360}>{t('assignedTo')}</Table.Th>
              {me.data?.role === 'admin' && <Table.Th w={90} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.tasks.flatMap((task) => {
              const rows = [];
              const g = task.groupTitleVi ?? '';
              if (g !== group) {
                group = g;
                rows.push(
                  <Table.Tr key={`g-${task.id}`} bg="#eef3f8">
                    <Table.Td colSpan={4}>
                      <Text size="sm" fw={600}>
                        {task.groupCode} {g}
                      </Text>
                    </Table.Td>
                  </Table.Tr>,
                );
              }
              rows.push(
                <Table.Tr key={task.id}>
                  <Table.Td>{task.code}</Table.Td>
                  <Table.Td>
                    <Tooltip label={task.titleEn} multiline w={400}>
                      <Text size="sm">{task.titleVi}</Text>
                    </Tooltip>
                    <Group gap={4} mt={2}>
                      {task.recurring && (
                        <Badge size="xs" variant="light">
                          {pick('Thường xuyên', 'Recurring')}
                        </Badge>
                      )}
                      {task.deadlineNote && (
                        <Text size="xs" c="dimmed">
                          {task.deadlineNote}
                        </Text>
                      )}
                    </Group>
                    {task.note && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {task.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{summarise(task, pick)}</Text>
                    {task.leadAsReported && (
                      <Text size="xs" c="dimmed">
                        {pick('Chủ trì theo danh mục nhiệm vụ (EN)', 'Lead as reported')}: {task.leadAsReported}
                      </Text>
                    )}
                  </Table.Td>
                  {me.data?.role === 'admin' && (
                    <Table.Td>
                      <Button size="compact-xs" variant="light" onClick={() => setEditing(task)}>
                        {t('assign')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>,
              );
              return rows;
            })}
          </Table.Tbody>
        </Table>
      </Card>
      {editing && <AssignModal task={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import type { PolicyTask, PolicyTaskInput, TaskSection } from '@regionlink/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useMe } from '../access/api';
import { ifMatch, useAssign, useDocument, useDocuments, useInvalidateReporting, useOrganisations } from './api';
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

/** Create a task of the document or edit one (MoF); the server checks the code's form and uniqueness. */
function TaskModal({
  documentId,
  task,
  onClose,
}: {
  documentId: number;
  task: PolicyTask | null;
  onClose: () => void;
}) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const invalidate = useInvalidateReporting();
  const [f, setF] = useState<PolicyTaskInput>({
    code: task?.code ?? '',
    section: task?.section ?? 'province',
    groupCode: task?.groupCode ?? null,
    groupTitleVi: task?.groupTitleVi ?? null,
    groupTitleEn: task?.groupTitleEn ?? null,
    titleVi: task?.titleVi ?? '',
    shortTitleVi: task?.shortTitleVi ?? '',
    titleEn: task?.titleEn ?? '',
    leadAsReported: task?.leadAsReported ?? null,
    deadlineNote: task?.deadlineNote ?? null,
    deadlineNoteEn: task?.deadlineNoteEn ?? null,
    recurring: task?.recurring ?? false,
    note: task?.note ?? null,
    noteEn: task?.noteEn ?? null,
    sortOrder: task?.sortOrder ?? 1000,
  });
  const save = useMutation({
    mutationFn: () =>
      task
        ? apiFetch<PolicyTask>(`/api/v1/policy-tasks/${task.id}`, {
            method: 'PUT',
            json: f,
            headers: ifMatch('task', task.id, task.version),
          })
        : apiFetch<PolicyTask>(`/api/v1/policy-documents/${documentId}/tasks`, { method: 'POST', json: f }),
    onSuccess: () => {
      invalidate();
      onClose();
    },
  });
  const err = (path: string) =>
    save.error instanceof ApiError
      ? save.error.problem?.errors?.find((e) => e.path === path)?.[lang === 'vi' ? 'messageVi' : 'message']
      : undefined;
  return (
    <Modal
      opened
      onClose={onClose}
      title={task ? `${t('edit')} ${task.code}` : pick('Thêm nhiệm vụ', 'Add a task')}
      size="xl"
    >
      <Stack gap="sm">
        <Group align="flex-start">
          <TextInput
            label={t('code')}
            w={140}
            placeholder="1.3.e"
            value={f.code}
            onChange={(e) => setF({ ...f, code: e.currentTarget.value })}
            error={err('body.code')}
          />
          <Select
            label={pick('Nhóm', 'Section')}
            w={260}
            value={f.section}
            onChange={(v) => setF({ ...f, section: (v as TaskSection) ?? 'province' })}
            data={[
              { value: 'general', label: pick('1.1 Nhiệm vụ chung', '1.1 General') },
              { value: 'ministry', label: pick('1.2 Bộ, ngành', '1.2 Ministries') },
              { value: 'province', label: pick('1.3 UBND tỉnh', '1.3 Provinces') },
            ]}
          />
          <TextInput
            label={pick('Mã nhóm', 'Group code')}
            w={120}
            value={f.groupCode ?? ''}
            onChange={(e) => setF({ ...f, groupCode: e.currentTarget.value || null })}
          />
          <Checkbox
            mt={30}
            label={pick('Thường xuyên', 'Recurring')}
            checked={f.recurring}
            onChange={(e) => setF({ ...f, recurring: e.currentTarget.checked })}
          />
        </Group>
        <Textarea
          label={pick('Tên nhiệm vụ (tiếng Việt)', 'Title (Vietnamese)')}
          autosize
          value={f.titleVi}
          onChange={(e) => setF({ ...f, titleVi: e.currentTarget.value })}
          error={err('body.titleVi')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={pick('Tên ngắn', 'Short title')}
            value={f.shortTitleVi}
            onChange={(e) => setF({ ...f, shortTitleVi: e.currentTarget.value })}
            error={err('body.shortTitleVi')}
          />
          <TextInput
            label={pick('Tên tiếng Anh', 'English title')}
            value={f.titleEn}
            onChange={(e) => setF({ ...f, titleEn: e.currentTarget.value })}
            error={err('body.titleEn')}
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput
            label={pick('Thời hạn', 'Deadline note')}
            value={f.deadlineNote ?? ''}
            onChange={(e) => setF({ ...f, deadlineNote: e.currentTarget.value || null })}
          />
          <TextInput
            label={t('notes')}
            value={f.note ?? ''}
            onChange={(e) => setF({ ...f, note: e.currentTarget.value || null })}
          />
          <TextInput
            label={pick('Thời hạn (tiếng Anh)', 'Deadline note (English)')}
            value={f.deadlineNoteEn ?? ''}
            onChange={(e) => setF({ ...f, deadlineNoteEn: e.currentTarget.value || null })}
          />
          <TextInput
            label={pick('Ghi chú (tiếng Anh)', 'Notes (English)')}
            value={f.noteEn ?? ''}
            onChange={(e) => setF({ ...f, noteEn: e.currentTarget.value || null })}
          />
        </SimpleGrid>
        {save.error && <Alert color="red">{errorText(save.error, lang)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={!f.code || !f.titleVi || !f.shortTitleVi || !f.titleEn}
            onClick={() => save.mutate()}
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
  const [taskForm, setTaskForm] = useState<PolicyTask | 'new' | null>(null);
  if (doc.isLoading || docs.isLoading) return <Loader />;
  if (!doc.data) return null;
  const d = doc.data;
  let group = '';
  return (
    <Stack gap="sm">
      <Card withBorder padding="sm">
        <Title order={4}>{pick(d.titleVi, d.titleEn)}</Title>
        <Text size="sm" c="dimmed">
          {pick(d.issuerVi, d.issuerEn)} · {formatDate(d.issuedOn)} · {d.taskCount} {t('tasks').toLowerCase()}
        </Text>
        {d.summaryVi && (
          <Text size="sm" mt={4}>
            {pick(d.summaryVi, d.summaryEn ?? '')}
          </Text>
        )}
        {d.source && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('source')}: {pick(d.source, d.sourceEn ?? '')}
          </Text>
        )}
        {me.data?.role === 'admin' && (
          <Button size="xs" mt="xs" variant="light" onClick={() => setTaskForm('new')}>
            {pick('Thêm nhiệm vụ', 'Add a task')}
          </Button>
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
              const g = pick(task.groupTitleVi ?? '', task.groupTitleEn ?? '');
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
                    {/* The task as worded in the other language, for readers checking a translation. */}
                    <Tooltip label={pick(task.titleEn, task.titleVi)} multiline w={400}>
                      <Text size="sm">{pick(task.titleVi, task.titleEn)}</Text>
                    </Tooltip>
                    <Group gap={4} mt={2}>
                      {task.recurring && (
                        <Badge size="xs" variant="light">
                          {pick('Thường xuyên', 'Recurring')}
                        </Badge>
                      )}
                      {task.deadlineNote && (
                        <Text size="xs" c="dimmed">
                          {pick(task.deadlineNote, task.deadlineNoteEn ?? '')}
                        </Text>
                      )}
                    </Group>
                    {task.note && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {pick(task.note, task.noteEn ?? '')}
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
                      <Stack gap={4}>
                        <Button size="compact-xs" variant="light" onClick={() => setEditing(task)}>
                          {t('assign')}
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setTaskForm(task)}>
                          {t('edit')}
                        </Button>
                      </Stack>
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
      {taskForm && (
        <TaskModal documentId={d.id} task={taskForm === 'new' ? null : taskForm} onClose={() => setTaskForm(null)} />
      )}
    </Stack>
  );
}

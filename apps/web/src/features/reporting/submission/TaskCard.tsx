import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { type SubmissionDetail, TASK_STATUS_LABELS, type TaskStatus } from '@regionlink/shared';
import { useState } from 'react';
import { useDict, useI18n } from '../../../app/i18n';
import { formatNumber } from '../../../lib/format';
import { useComment } from '../api';
import { TaskStatusBadge } from '../components/Badges';
import { NarrativeEditor } from '../components/NarrativeEditor';
import { NarrativeView } from '../components/NarrativeView';
import { DICT } from '../i18n';
import { formatDateTime } from '../util';
import { STATUSES, type TaskDraft } from './draft';
import { EvidenceFiles } from './EvidenceFiles';
import type { SubmissionEditor } from './useSubmissionEditor';

type Task = SubmissionDetail['tasks'][number];
const EMPTY: TaskDraft = { status: null, narrativeHtml: '', figures: {} };

export function useNarrativeLabels() {
  const t = useDict(DICT);
  return { footnote: t('footnote'), footnoteText: t('footnoteText'), confirm: t('confirm'), cancel: t('cancel') };
}

/** One task of the report: status, narrative, figures, evidence, source, and MoF's comments. */
export function TaskCard(props: { ed: SubmissionEditor; task: Task; onFileError: (m: string | null) => void }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const { ed, task } = props;
  return (
    <Card withBorder padding="sm" id={`task-${task.code}`} data-testid={`task-${task.code}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
        <Text size="sm" fw={600}>
          {task.code}. {pick(task.titleVi, task.titleEn)}
        </Text>
        {task.role && (
          <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
            {t(task.role)}
          </Badge>
        )}
      </Group>
      {task.returnComment && (
        <Alert color="orange" p={6} mb={6} data-testid="return-comment">
          <Text size="sm">
            <b>{t('returnedComment')}:</b> {task.returnComment}
          </Text>
        </Alert>
      )}
      <Stack gap={6}>
        <TaskStatusField ed={ed} task={task} />
        <TaskNarrative ed={ed} task={task} />
        <TaskFigures ed={ed} task={task} />
        <EvidenceFiles ed={ed} taskId={task.taskId} onError={props.onFileError} />
        {task.sourceNote && (
          <Text size="xs" c="dimmed" fs="italic">
            {t('source')}: <span lang="vi">{task.sourceNote}</span>
          </Text>
        )}
        <TaskComments ed={ed} task={task} />
      </Stack>
    </Card>
  );
}

function TaskStatusField({ ed, task }: { ed: SubmissionEditor; task: Task }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  if (!ed.editable)
    return (
      <Group gap={6}>
        <Text size="sm">{t('taskStatus')}:</Text>
        <TaskStatusBadge status={task.status} />
      </Group>
    );
  return (
    <Select
      id={`field-status-${task.code}`}
      label={t('taskStatus')}
      placeholder={t('chooseStatus')}
      w={260}
      maw="100%"
      value={(ed.draft.tasks[task.taskId] ?? EMPTY).status}
      onChange={(v) => ed.setTask(task.taskId, { status: (v as TaskStatus | null) ?? null })}
      data={STATUSES.map((s) => ({ value: s, label: pick(TASK_STATUS_LABELS[s].vi, TASK_STATUS_LABELS[s].en) }))}
      data-testid={`status-${task.code}`}
      allowDeselect={false}
    />
  );
}

function TaskNarrative({ ed, task }: { ed: SubmissionEditor; task: Task }) {
  const t = useDict(DICT);
  const labels = useNarrativeLabels();
  if (!ed.editable)
    return (
      <NarrativeView
        html={task.narrativeHtml}
        emptyText={ed.server.source?.includes('20208') ? t('notCited') : t('noContent')}
      />
    );
  return (
    <NarrativeEditor
      value={(ed.draft.tasks[task.taskId] ?? EMPTY).narrativeHtml}
      onChange={(html) => ed.setTask(task.taskId, { narrativeHtml: html })}
      editable
      labels={labels}
      testId={`narrative-${task.code}`}
    />
  );
}

function TaskFigures({ ed, task }: { ed: SubmissionEditor; task: Task }) {
  const { pick, lang } = useI18n();
  if (task.figureDefs.length === 0) return null;
  const d = ed.draft.tasks[task.taskId] ?? EMPTY;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={6}>
      {task.figureDefs.map((f) =>
        ed.editable ? (
          <NumberInput
            key={f.key}
            label={`${pick(f.labelVi, f.labelEn)}${f.unitVi ? ` (${pick(f.unitVi, f.unitEn ?? '')})` : ''}`}
            value={d.figures[f.key] ?? ''}
            decimalScale={f.decimals}
            data-testid={`figure-${task.code}-${f.key}`}
            decimalSeparator={lang === 'vi' ? ',' : '.'}
            thousandSeparator={lang === 'vi' ? '.' : ','}
            onChange={(v) =>
              ed.setTask(task.taskId, { figures: { ...d.figures, [f.key]: v === '' ? null : Number(v) } })
            }
          />
        ) : (
          <Text size="sm" key={f.key} data-testid={`figure-${task.code}-${f.key}`}>
            {pick(f.labelVi, f.labelEn)}:{' '}
            <b>
              {task.figures[f.key] === null || task.figures[f.key] === undefined
                ? '—'
                : formatNumber(task.figures[f.key], lang, f.decimals)}
            </b>{' '}
            {pick(f.unitVi, f.unitEn ?? '')}
          </Text>
        ),
      )}
    </SimpleGrid>
  );
}

function TaskComments({ ed, task }: { ed: SubmissionEditor; task: Task }) {
  const t = useDict(DICT);
  const comment = useComment(ed.id);
  const [text, setText] = useState('');
  return (
    <>
      {task.comments.length > 0 && (
        <Stack gap={2} mt={4}>
          <Text size="xs" fw={600}>
            {t('comments')}
          </Text>
          {task.comments.map((c) => (
            <Text size="xs" key={c.id}>
              {formatDateTime(c.createdAt)} · {c.authorName}: {c.body}
            </Text>
          ))}
        </Stack>
      )}
      {ed.server.can.comment && (
        <Group gap="xs" align="flex-end">
          <Textarea
            size="xs"
            w={480}
            maw="100%"
            autosize
            placeholder={t('comment')}
            aria-label={t('comment')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button
            size="compact-xs"
            variant="light"
            disabled={!text.trim()}
            onClick={() => comment.mutate({ taskId: task.taskId, body: text }, { onSuccess: () => setText('') })}
          >
            {t('comment')}
          </Button>
        </Group>
      )}
    </>
  );
}

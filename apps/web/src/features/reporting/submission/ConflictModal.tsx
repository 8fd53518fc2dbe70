import { Button, Card, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SubmissionDetail } from '@regionlink/shared';
import { useMemo } from 'react';
import { useDict, useI18n } from '../../../app/i18n';
import { TaskStatusBadge } from '../components/Badges';
import { NarrativeView } from '../components/NarrativeView';
import { DICT } from '../i18n';
import type { Draft } from './draft';

/** Both versions side by side after a 412: what the user typed and what someone else saved. Nothing is lost. */
export function ConflictModal(props: {
  conflict: SubmissionDetail | null;
  mine: Draft;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const c = props.conflict;
  const differing = useMemo(() => {
    if (!c) return [];
    return c.tasks.filter((task) => {
      const m = props.mine.tasks[task.taskId];
      return m && (m.narrativeHtml !== task.narrativeHtml || m.status !== task.status);
    });
  }, [c, props.mine]);
  return (
    <Modal
      opened={!!c}
      onClose={() => {}}
      withCloseButton={false}
      title={t('conflictTitle')}
      size="90%"
      data-testid="conflict-modal"
    >
      {c && (
        <Stack gap="sm">
          <Text size="sm">{t('conflictText')}</Text>
          {c.docNumber !== (props.mine.docNumber.trim() || null) && (
            <Text size="sm">
              {t('docNumber')}: {t('yourVersion')} <b>{props.mine.docNumber || '—'}</b> · {t('serverVersion')}{' '}
              <b>{c.docNumber ?? '—'}</b>
            </Text>
          )}
          {differing.map((task) => (
            <Card key={task.taskId} withBorder padding="xs">
              <Text size="sm" fw={600} mb={4}>
                {task.code}. {pick(task.shortTitleVi, task.titleEn)}
              </Text>
              <SimpleGrid cols={2}>
                <Stack gap={2}>
                  <Text size="xs" fw={600} c="blue">
                    {t('yourVersion')}
                  </Text>
                  <TaskStatusBadge status={props.mine.tasks[task.taskId].status} />
                  <div data-testid="conflict-mine">
                    <NarrativeView html={props.mine.tasks[task.taskId].narrativeHtml} />
                  </div>
                </Stack>
                <Stack gap={2}>
                  <Text size="xs" fw={600} c="orange">
                    {t('serverVersion')}
                  </Text>
                  <TaskStatusBadge status={task.status} />
                  <div data-testid="conflict-theirs">
                    <NarrativeView html={task.narrativeHtml} />
                  </div>
                </Stack>
              </SimpleGrid>
            </Card>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onTakeTheirs} data-testid="take-theirs">
              {t('takeTheirs')}
            </Button>
            <Button onClick={props.onKeepMine} data-testid="keep-mine">
              {t('keepMine')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

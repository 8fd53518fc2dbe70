import { Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { TASK_STATUS_LABELS, type TaskStatus } from '@regionlink/shared';
import { useDict, useI18n } from '../../app/i18n';
import { useTaskHistory } from './api';
import { StatusLegend } from './CyclePanels';
import { STATUS_COLORS, STATUS_SHORT } from './components/Badges';
import { DICT } from './i18n';

const ORDER: TaskStatus[] = ['done', 'in_progress', 'recurring', 'not_started', 'not_applicable'];

/** Each task's status across the cycles: MoF's assessment and how many organisations gave each status. */
export function TaskHistoryPage() {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const h = useTaskHistory();
  if (h.isLoading) return <Loader />;
  if (!h.data) return null;
  return (
    <Stack gap="sm">
      <Title order={3}>{t('navTasks')}</Title>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('perCycle')}
        </Text>
        <StatusLegend />
      </Group>
      {/* focusable, so that a keyboard user can scroll the wide table sideways */}
      <Card withBorder padding={0} style={{ overflowX: 'auto' }} tabIndex={0}>
        <Table className="rl-dense" striped withColumnBorders data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('code')}</Table.Th>
              <Table.Th>{t('task')}</Table.Th>
              {h.data.cycles.map((c) => (
                <Table.Th key={c.id} w={260}>
                  {c.year}
                  <Text size="xs" c="dimmed" fw={400} lineClamp={1}>
                    {pick(c.nameVi, c.nameEn)}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {h.data.tasks.map((task) => (
              <Table.Tr key={task.taskId}>
                <Table.Td>{task.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{pick(task.shortTitleVi, task.titleEn)}</Text>
                </Table.Td>
                {h.data.cycles.map((c) => {
                  const cell = task.perCycle[String(c.id)];
                  if (!cell?.inOutline)
                    return (
                      <Table.Td key={c.id}>
                        <Text size="xs" c="dimmed">
                          {t('notInOutline')}
                        </Text>
                      </Table.Td>
                    );
                  return (
                    <Table.Td key={c.id}>
                      <Group gap={4} wrap="nowrap">
                        {cell.assessmentStatus ? (
                          <span
                            className="rl-cell"
                            style={{ background: STATUS_COLORS[cell.assessmentStatus], outline: '2px solid #1f4e79' }}
                            title={`${t('assessment')}: ${TASK_STATUS_LABELS[cell.assessmentStatus][lang]}`}
                          >
                            {STATUS_SHORT[cell.assessmentStatus][lang]}
                          </span>
                        ) : (
                          <span
                            className="rl-cell"
                            style={{ background: '#fff', color: '#5f666d', border: '1px solid #ced4da' }}
                            title={t('assessment')}
                          >
                            –
                          </span>
                        )}
                        {ORDER.filter((s) => cell.counts[s]).map((s) => (
                          <span
                            key={s}
                            className="rl-cell"
                            style={{ background: STATUS_COLORS[s] }}
                            title={TASK_STATUS_LABELS[s][lang]}
                          >
                            {STATUS_SHORT[s][lang]} {cell.counts[s]}
                          </span>
                        ))}
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Text size="xs" c="dimmed">
        {pick(
          'Ô có viền đậm: đánh giá chung của Bộ Tài chính (hiển thị khi kết quả đã công bố). Các ô khác: số cơ quan báo cáo theo từng tình trạng, trong các báo cáo bạn được xem.',
          "Outlined: MoF's overall assessment (shown once results are published). Others: organisations per status, among the reports you may see.",
        )}
      </Text>
    </Stack>
  );
}

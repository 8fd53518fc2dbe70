import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { type CycleDetail, TASK_STATUS_LABELS, type TaskStatus } from '@regionlink/shared';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { apiFetch } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useMe } from '../access/api';
import { useCycleSubmissions, useEntries, useInvalidateReporting, useMatrix } from './api';
import { STATUS_COLORS, STATUS_SHORT, StateBadge, TaskStatusBadge } from './components/Badges';
import { NarrativeView } from './components/NarrativeView';
import { DICT, fill } from './i18n';
import { errorText } from './util';

const STATUSES: TaskStatus[] = ['done', 'in_progress', 'recurring', 'not_started', 'not_applicable'];

export function StatusLegend() {
  const { lang, pick } = useI18n();
  return (
    <Group gap="sm">
      {STATUSES.map((s) => (
        <Group key={s} gap={4}>
          <span className="rl-cell" style={{ background: STATUS_COLORS[s] }}>
            {STATUS_SHORT[s][lang]}
          </span>
          <Text size="xs">{pick(TASK_STATUS_LABELS[s].vi, TASK_STATUS_LABELS[s].en)}</Text>
        </Group>
      ))}
      <Group gap={4}>
        <span className="rl-cell" style={{ background: '#fff', color: '#5f666d', border: '1px solid #ced4da' }}>
          ?
        </span>
        <Text size="xs">{pick('Chưa xác định / không trích dẫn', 'Not stated / not cited')}</Text>
      </Group>
      <Group gap={4}>
        <span style={{ color: '#ced4da' }}>·</span>
        <Text size="xs">{pick('Không được giao', 'Not assigned')}</Text>
      </Group>
    </Group>
  );
}

/** Task × organisation: the status each organisation gave each task, for the submissions the caller may see. */
export function MatrixPanel({ cycleId, exportHref }: { cycleId: number; exportHref: string }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const m = useMatrix(cycleId);
  const [group, setGroup] = useState<'central' | 'locality'>('locality');
  if (m.isLoading) return <Loader />;
  if (m.error) return <Alert color="gray">{errorText(m.error, lang)}</Alert>;
  if (!m.data) return null;
  const rows = m.data.rows.filter((r) => r.group === group);
  const tasks = m.data.tasks.filter((tk) => rows.some((r) => r.taskCodes.includes(tk.code)));
  return (
    <Stack gap="sm" data-testid="matrix-panel">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={group}
          onChange={(v) => setGroup(v as typeof group)}
          data={[
            { value: 'locality', label: t('locality') },
            { value: 'central', label: t('central') },
          ]}
        />
        <Group gap="sm">
          <StatusLegend />
          <Anchor href={exportHref} size="sm">
            {t('exportCsv')}
          </Anchor>
        </Group>
      </Group>
      {/* focusable, so that a keyboard user can scroll the wide table sideways */}
      <Card withBorder padding={0} style={{ overflowX: 'auto' }} tabIndex={0}>
        <Table className="rl-matrix" withColumnBorders highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('organisation')}</Table.Th>
              {tasks.map((tk) => (
                <Table.Th key={tk.taskId}>
                  <Tooltip label={pick(tk.shortTitleVi, tk.titleEn)} multiline w={260}>
                    <span>{tk.code}</span>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.organisationId}>
                <Table.Td>{pick(r.orgName, r.orgNameEn).replace(/^Ủy ban nhân dân /, 'UBND ')}</Table.Td>
                {tasks.map((tk) => {
                  if (!r.taskCodes.includes(tk.code))
                    return (
                      <Table.Td key={tk.taskId} style={{ color: '#ced4da' }}>
                        ·
                      </Table.Td>
                    );
                  const cell = r.cells[tk.code];
                  if (!cell) return <Table.Td key={tk.taskId} />;
                  return (
                    <Table.Td key={tk.taskId}>
                      <Link
                        to={`/reporting/submissions/${cell.submissionId}#task-${tk.code}`}
                        style={{ textDecoration: 'none' }}
                      >
                        {cell.status ? (
                          <span
                            className="rl-cell"
                            style={{ background: STATUS_COLORS[cell.status] }}
                            title={TASK_STATUS_LABELS[cell.status][lang]}
                          >
                            {STATUS_SHORT[cell.status][lang]}
                          </span>
                        ) : (
                          <span
                            className="rl-cell"
                            style={{ background: '#fff', color: '#5f666d', border: '1px solid #ced4da' }}
                          >
                            ?
                          </span>
                        )}
                      </Link>
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
          'Ô trống: cơ quan chưa gửi báo cáo hoặc bạn không được xem báo cáo đó. Nhấn vào một ô để mở báo cáo.',
          'Empty: no report yet, or one you may not see. Click a cell to open the report.',
        )}
      </Text>
    </Stack>
  );
}

/** A reviewer's comment on one organisation's answer, written from the side-by-side view. */
function QuickComment({ submissionId, taskId }: { submissionId: number; taskId: number }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const invalidate = useInvalidateReporting();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/submissions/${submissionId}/tasks/${taskId}/comments`, { method: 'POST', json: { body } }),
    onSuccess: () => {
      setBody('');
      invalidate();
    },
  });
  return (
    <Group gap={4} mt={6} align="flex-end" wrap="nowrap">
      <Textarea
        size="xs"
        autosize
        style={{ flex: 1 }}
        placeholder={t('comment')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
      />
      <Button
        size="compact-xs"
        variant="light"
        disabled={!body.trim()}
        loading={send.isPending}
        onClick={() => send.mutate()}
      >
        {t('comment')}
      </Button>
      {send.error && (
        <Text size="xs" c="red">
          {errorText(send.error, lang)}
        </Text>
      )}
    </Group>
  );
}

/** One task across every organisation, side by side; MoF can comment on each answer under review. */
export function TaskEntriesPanel({ cycle }: { cycle: CycleDetail }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const [params, setParams] = useSearchParams();
  const taskId = Number(params.get('task')) || cycle.tasks[0]?.taskId || null;
  const entries = useEntries(cycle.id, taskId);
  const data = entries.data;
  return (
    <Stack gap="sm" data-testid="entries-panel">
      <Group align="flex-end" gap="md">
        <Select
          label={t('task')}
          w={640}
          searchable
          value={taskId ? String(taskId) : null}
          onChange={(v) => v && setParams({ tab: 'task', task: v })}
          data={cycle.tasks.map((tk) => ({
            value: String(tk.taskId),
            label: `${tk.code} — ${pick(tk.shortTitleVi, tk.titleEn)}`,
          }))}
          data-testid="task-select"
        />
        {data && (
          <Anchor
            href={`/api/v1/cycles/${cycle.id}/tasks/${data.task.taskId}/entries.csv`}
            size="sm"
            mb={8}
            data-testid="entries-csv"
          >
            {t('exportCsv')}
          </Anchor>
        )}
      </Group>
      {entries.isLoading && <Loader />}
      {entries.error && <Alert color="gray">{errorText(entries.error, lang)}</Alert>}
      {data && (
        <>
          <Card withBorder padding="sm">
            <Text size="sm" fw={600}>
              {data.task.code}. {pick(data.task.titleVi, data.task.titleEn)}
            </Text>
            <Group gap="sm" mt={4}>
              <Text size="xs" c="dimmed">
                {fill(t('entriesCount'), { n: data.entries.length })}
              </Text>
              {data.task.assessmentStatus && (
                <Group gap={4}>
                  <Text size="xs">{t('assessment')}:</Text>
                  <TaskStatusBadge status={data.task.assessmentStatus} />
                </Group>
              )}
            </Group>
            {data.figureTotals.length > 0 && (
              <Group gap="lg" mt={6}>
                {data.figureTotals.map((f) => {
                  const def = data.task.figures.find((x) => x.key === f.key)!;
                  return (
                    <Text size="xs" key={f.key}>
                      {pick(def.labelVi, def.labelEn)}:{' '}
                      <b>{f.total === null ? '—' : formatNumber(f.total, lang, def.decimals)}</b>{' '}
                      {pick(def.unitVi, def.unitEn ?? '')}{' '}
                      <Text span c="dimmed" size="xs">
                        ({t('total')} {f.count} {pick('báo cáo', 'reports')})
                      </Text>
                    </Text>
                  );
                })}
              </Group>
            )}
          </Card>
          {data.entries.length === 0 && <Text c="dimmed">{t('nothingVisible')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
            {data.entries.map((e) => (
              <Card key={e.submissionId} withBorder padding="sm" data-testid={`entry-${e.orgCode}`}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Anchor component={Link} to={`/reporting/submissions/${e.submissionId}`} size="sm" fw={600}>
                    {pick(e.orgName, e.orgNameEn)}
                  </Anchor>
                  <TaskStatusBadge status={e.status} />
                </Group>
                <Text size="xs" c="dimmed" mb={6}>
                  {e.docNumber ?? '—'} · {formatDate(e.docDate)} <StateBadge state={e.state} />
                </Text>
                <NarrativeView html={e.narrativeHtml} emptyText={t('noContent')} />
                {data.task.figures.length > 0 && (
                  <Stack gap={0} mt={4}>
                    {data.task.figures
                      .filter((f) => e.figures[f.key] !== undefined)
                      .map((f) => (
                        <Text size="xs" key={f.key} data-testid={`entry-figure-${f.key}`}>
                          {pick(f.labelVi, f.labelEn)}:{' '}
                          <b>{e.figures[f.key] === null ? '—' : formatNumber(e.figures[f.key], lang, f.decimals)}</b>{' '}
                          {pick(f.unitVi, f.unitEn ?? '')}
                        </Text>
                      ))}
                  </Stack>
                )}
                {e.files.length > 0 && (
                  <Group gap={6} mt={4}>
                    {e.files.map((f) => (
                      <Anchor key={f.id} size="xs" href={`/api/v1/submissions/${e.submissionId}/files/${f.id}`}>
                        📎 {f.filename}
                      </Anchor>
                    ))}
                  </Group>
                )}
                {e.returnComment && (
                  <Alert color="orange" p={6} mt={6}>
                    <Text size="xs">
                      {t('returnedComment')}: {e.returnComment}
                    </Text>
                  </Alert>
                )}
                {e.sourceNote && (
                  <Text size="xs" c="dimmed" mt={6} fs="italic">
                    {t('source')}: {e.sourceNote}
                  </Text>
                )}
                {e.comments.map((c) => (
                  <Text size="xs" key={c.id} mt={4}>
                    💬 {c.authorName}: {c.body}
                  </Text>
                ))}
                {isAdmin && e.state === 'submitted' && (
                  <QuickComment submissionId={e.submissionId} taskId={data.task.taskId} />
                )}
              </Card>
            ))}
          </SimpleGrid>
          {data.assessmentHtml && (
            <Card withBorder padding="sm">
              <Text size="sm" fw={600} mb={4}>
                {pick(
                  'Nội dung trong báo cáo tổng hợp của Bộ Tài chính',
                  "The Ministry of Finance's consolidated text",
                )}
              </Text>
              <NarrativeView html={data.assessmentHtml} />
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}

/** The outline (tasks, figures asked for) and the organisations expected to report, with their tasks. */
export function OutlinePanel({ cycle }: { cycle: CycleDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const [group, setGroup] = useState<'central' | 'locality'>('central');
  const orgs = useMemo(() => cycle.expected.filter((e) => e.group === group), [cycle, group]);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Card withBorder padding={0}>
        <Table className="rl-dense" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('code')}</Table.Th>
              <Table.Th>{t('outlineTasks')}</Table.Th>
              <Table.Th>{t('figures')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cycle.tasks.map((tk) => (
              <Table.Tr key={tk.taskId}>
                <Table.Td>{tk.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{pick(tk.shortTitleVi, tk.titleEn)}</Text>
                </Table.Td>
                <Table.Td>
                  {tk.figures.map((f) => (
                    <Badge
                      key={f.key}
                      size="xs"
                      variant="light"
                      mr={2}
                      tt="none"
                      // a figure's label is a sentence: wrap it rather than cut it with an ellipsis
                      styles={{ root: { height: 'auto', maxWidth: '100%' }, label: { whiteSpace: 'normal' } }}
                    >
                      {pick(f.labelVi, f.labelEn)} ({pick(f.unitVi, f.unitEn ?? '')})
                    </Badge>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={group}
          onChange={(v) => setGroup(v as typeof group)}
          data={[
            {
              value: 'central',
              label: `${t('central')} (${cycle.expected.filter((e) => e.group === 'central').length})`,
            },
            {
              value: 'locality',
              label: `${t('locality')} (${cycle.expected.filter((e) => e.group === 'locality').length})`,
            },
          ]}
        />
        <Card withBorder padding={0}>
          <Table className="rl-dense" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('expectedOrgs')}</Table.Th>
                <Table.Th>{t('tasks')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.map((o) => (
                <Table.Tr key={o.organisationId}>
                  <Table.Td>{pick(o.nameVi, o.nameEn)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{o.taskCodes.join(', ') || '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </Stack>
    </SimpleGrid>
  );
}

/** The submissions of the cycle the caller may see. */
export function SubmissionsPanel({ cycleId }: { cycleId: number }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const subs = useCycleSubmissions(cycleId);
  if (subs.isLoading) return <Loader />;
  if (subs.error) return <Alert color="gray">{errorText(subs.error, lang)}</Alert>;
  const items = subs.data?.items ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('nothingVisible')}</Text>;
  return (
    <Card withBorder padding={0}>
      <Table striped highlightOnHover className="rl-dense" data-testid="submissions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organisation')}</Table.Th>
            <Table.Th>{t('docNumber')}</Table.Th>
            <Table.Th>{t('docDate')}</Table.Th>
            <Table.Th>{t('receivedOn')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/reporting/submissions/${s.id}`} size="sm">
                  {pick(s.organisationNameVi, s.organisationNameEn)}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.docNumber ?? '—'}</Table.Td>
              <Table.Td>{formatDate(s.docDate)}</Table.Td>
              <Table.Td>{formatDate(s.receivedOn)}</Table.Td>
              <Table.Td>
                <StateBadge state={s.state} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

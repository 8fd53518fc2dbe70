import {
  Alert,
  Anchor,
  Button,
  Card,
  Flex,
  Group,
  Loader,
  Modal,
  Spoiler,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMe } from '../access/api';
import { useCycle, useCycleMutation, useNextYearCycle, useRunReminders, useStartSubmission } from './api';
import { MatrixPanel, OutlinePanel, SubmissionsPanel, TaskEntriesPanel } from './CyclePanels';
import { StateBadge } from './components/Badges';
import { DICT, fill } from './i18n';
import { PaperReportModal } from './PaperReportModal';
import { ProgressPanel } from './ProgressPanel';
import { CycleStatusBadges } from './ReportingHome';
import { daysUntil, errorText } from './util';

/** A reporting cycle: its request, deadlines and flags; tabs for progress, matrix, per-task review, outline, reports. */
export function CyclePage() {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const me = useMe();
  const cycle = useCycle(id);
  const move = useCycleMutation(id);
  const nextYear = useNextYearCycle(id);
  const reminders = useRunReminders();
  const start = useStartSubmission(id);
  const [params, setParams] = useSearchParams();
  const [publishOpen, setPublishOpen] = useState(false);
  const [publicationRef, setPublicationRef] = useState('');
  const [paperOrg, setPaperOrg] = useState<number | null>(null);
  if (cycle.isLoading) return <Loader />;
  if (cycle.error || !cycle.data) return <Alert color="red">{errorText(cycle.error, lang)}</Alert>;
  const c = cycle.data;
  const isAdmin = me.data?.role === 'admin';
  const resultsVisible = isAdmin || me.data?.role === 'council' || !!c.publishedAt;
  const tab = params.get('tab') ?? (resultsVisible ? 'progress' : me.data?.role === 'reporter' ? 'matrix' : 'outline');
  const due = c.deadline ? daysUntil(c.deadline) : null;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/reporting" size="sm">
        {t('back')}
      </Anchor>
      <Card withBorder padding="sm">
        {/* on a phone the badges go above the title, which takes the card's width (not one word per line) */}
        <Flex direction={{ base: 'column-reverse', sm: 'row' }} justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Title order={3} data-testid="cycle-title">
              {pick(c.nameVi, c.nameEn)}
            </Title>
            <Text size="sm">
              {pick(`Nghị quyết số ${c.policyCode}`, `Resolution ${c.policyCode}`)} · {t('requestLetter')}{' '}
              <b>{c.requestNumber ?? '—'}</b> {pick('ngày', 'of')} {formatDate(c.requestDate)} · {t('deadline')}:{' '}
              <b>{c.deadline ? formatDate(c.deadline) : t('notStated')}</b> · {t('cutoff')}:{' '}
              <b>{formatDate(c.cutoff)}</b>
              {due !== null && c.status === 'open' && (
                <Text span c={due < 0 ? 'red' : 'orange'} fw={600}>
                  {' '}
                  ({due < 0 ? fill(t('overdueBy'), { n: -due }) : fill(t('dueIn'), { n: due })})
                </Text>
              )}
            </Text>
            {c.publicationRef && (
              <Text size="xs" c="dimmed">
                {t('published')}: <span lang="vi">{c.publicationRef}</span>
              </Text>
            )}
            {c.noteVi && (
              // MoF's note to the reporters, written in Vietnamese in the cycle form
              <Text size="xs" c="dimmed" maw={900} lang="vi">
                {c.noteVi}
              </Text>
            )}
          </Stack>
          <CycleStatusBadges c={c} />
        </Flex>
        {c.flags.length > 0 && (
          <Alert color="yellow" mt="sm" p="xs" data-testid="cycle-flags">
            {/* the first note always reads in full; the others fold under the toggle (no half-cut second line) */}
            <Text size="xs">• {pick(c.flags[0]!.noteVi, c.flags[0]!.noteEn)}</Text>
            {c.flags.length > 1 && (
              <Spoiler
                maxHeight={0}
                showLabel={`${t('flags')} (${c.flags.length}) ▾`}
                hideLabel="▴"
                styles={{ control: { fontSize: 12 } }}
              >
                <Stack gap={2}>
                  {c.flags.slice(1).map((f) => (
                    <Text size="xs" key={f.code}>
                      • {pick(f.noteVi, f.noteEn)}
                    </Text>
                  ))}
                </Stack>
              </Spoiler>
            )}
          </Alert>
        )}
        {c.mine?.expected && (
          <Group mt="sm" gap="xs">
            <Text size="sm" fw={600}>
              {t('myReports')}:
            </Text>
            {c.mine.submissionId ? (
              <>
                <StateBadge state={c.mine.state} />
                <Button size="xs" component={Link} to={`/reporting/submissions/${c.mine.submissionId}`}>
                  {t('openReport')}
                </Button>
              </>
            ) : c.status === 'open' ? (
              <>
                <Button
                  size="xs"
                  onClick={() => start.mutate(false, { onSuccess: (s) => navigate(`/reporting/submissions/${s.id}`) })}
                >
                  {t('startReport')}
                </Button>
                {c.mine.previousSubmissionId && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => start.mutate(true, { onSuccess: (s) => navigate(`/reporting/submissions/${s.id}`) })}
                  >
                    {t('startFromPrevious')}
                  </Button>
                )}
              </>
            ) : null}
          </Group>
        )}
        {isAdmin && (
          <Group mt="sm" gap="xs" data-testid="cycle-admin">
            <Button size="xs" variant="light" component={Link} to={`/documents/cycles/${c.id}`}>
              {pick('Báo cáo tổng hợp', 'National report')}
            </Button>
            {c.status === 'draft' && (
              <Button size="xs" onClick={() => move.mutate({ move: 'open', version: c.version })}>
                {t('open')}
              </Button>
            )}
            {c.status !== 'closed' && (
              <Button size="xs" variant="default" component={Link} to={`/reporting/cycles/${c.id}/edit`}>
                {t('edit')}
              </Button>
            )}
            {c.status === 'open' && (
              <>
                <Button size="xs" variant="default" loading={reminders.isPending} onClick={() => reminders.mutate()}>
                  {t('runReminders')}
                </Button>
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  onClick={() => move.mutate({ move: 'close', version: c.version })}
                >
                  {t('close')}
                </Button>
              </>
            )}
            {c.status === 'closed' && !c.publishedAt && (
              <Button size="xs" color="green" onClick={() => setPublishOpen(true)}>
                {t('publish')}
              </Button>
            )}
            {c.publishedAt && (
              <Button
                size="xs"
                variant="default"
                onClick={() => move.mutate({ move: 'unpublish', version: c.version })}
              >
                {t('unpublish')}
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              loading={nextYear.isPending}
              onClick={() =>
                nextYear.mutate(undefined, { onSuccess: (n) => navigate(`/reporting/cycles/${n.id}/edit`) })
              }
              data-testid="next-year"
            >
              {pick('Lập kỳ báo cáo năm sau từ kỳ này', "Start next year's cycle from this one")}
            </Button>
            {nextYear.error && (
              <Text size="xs" c="red">
                {errorText(nextYear.error, lang)}
              </Text>
            )}
            {reminders.data && (
              <Text size="xs" c="dimmed">
                {fill(t('remindersDone'), { n: reminders.data.notifications, m: reminders.data.emails })}
              </Text>
            )}
            {move.error && (
              <Text size="xs" c="red">
                {errorText(move.error, lang)}
              </Text>
            )}
          </Group>
        )}
      </Card>
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'progress' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="progress">{t('tabProgress')}</Tabs.Tab>
          <Tabs.Tab value="matrix">{t('tabMatrix')}</Tabs.Tab>
          <Tabs.Tab value="task">{t('tabByTask')}</Tabs.Tab>
          <Tabs.Tab value="submissions">{t('tabSubmissions')}</Tabs.Tab>
          <Tabs.Tab value="outline">{t('tabOutline')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="progress" pt="sm">
          {resultsVisible ? (
            <>
              <ProgressPanel
                cycleId={id}
                exportHref={`/api/v1/cycles/${id}/progress.csv`}
                onRegisterPaper={isAdmin && c.status === 'open' ? setPaperOrg : undefined}
              />
              {paperOrg !== null && (
                <PaperReportModal cycle={c} organisationId={paperOrg} onClose={() => setPaperOrg(null)} />
              )}
            </>
          ) : (
            <Alert color="gray">{t('notPublished')}</Alert>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="matrix" pt="sm">
          <MatrixPanel cycleId={id} exportHref={`/api/v1/cycles/${id}/matrix.csv`} />
        </Tabs.Panel>
        <Tabs.Panel value="task" pt="sm">
          <TaskEntriesPanel cycle={c} />
        </Tabs.Panel>
        <Tabs.Panel value="submissions" pt="sm">
          <SubmissionsPanel cycleId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="outline" pt="sm">
          <OutlinePanel cycle={c} />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={publishOpen} onClose={() => setPublishOpen(false)} title={t('publish')}>
        <Stack>
          <TextInput
            label={pick('Văn bản công bố (ví dụ: công văn gửi Thủ tướng)', 'Publication reference')}
            value={publicationRef}
            onChange={(e) => setPublicationRef(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPublishOpen(false)}>
              {t('cancel')}
            </Button>
            <Button
              color="green"
              onClick={() =>
                move.mutate(
                  { move: 'publish', version: c.version, publicationRef },
                  { onSuccess: () => setPublishOpen(false) },
                )
              }
            >
              {t('confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

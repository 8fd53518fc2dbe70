import { Alert, Anchor, Card, Grid, Loader, ScrollArea, Stack, Text, Timeline } from '@mantine/core';
import type { SubmissionDetail } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { useSubmission } from './api';
import { NarrativeEditor } from './components/NarrativeEditor';
import { NarrativeView } from './components/NarrativeView';
import { DICT } from './i18n';
import { ConflictModal } from './submission/ConflictModal';
import { EvidenceFiles } from './submission/EvidenceFiles';
import { OfficialReportCard } from './submission/OfficialReportCard';
import { ReviewDialogs } from './submission/ReviewDialogs';
import { type ReviewDialog, SubmissionHeader } from './submission/SubmissionHeader';
import { TaskCard, useNarrativeLabels } from './submission/TaskCard';
import { type SubmissionEditor, useSubmissionEditor } from './submission/useSubmissionEditor';
import { errorText, formatDateTime } from './util';

/** One submission: the reporter's editor (autosaved, conflict-safe) or the read-only view, and MoF's review actions. */
export function SubmissionPage() {
  const id = Number(useParams().id);
  const q = useSubmission(id);
  const { lang } = useI18n();
  if (q.isLoading) return <Loader />;
  if (q.error || !q.data) return <Alert color="red">{errorText(q.error, lang)}</Alert>;
  return <SubmissionView key={id} initial={q.data} />;
}

function SubmissionView({ initial }: { initial: SubmissionDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const ed = useSubmissionEditor(initial, t('conflictTitle'));
  const [dialog, setDialog] = useState<ReviewDialog | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { server } = ed;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/reporting/cycles/${server.cycleId}`} size="sm">
        {t('back')} · {pick(server.cycleNameVi, server.cycleNameEn)}
      </Anchor>
      <SubmissionHeader ed={ed} open={setDialog} />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Stack gap="sm">
            <OfficialReportCard ed={ed} />
            {server.tasks.map((task) => (
              <TaskCard key={task.taskId} ed={ed} task={task} onFileError={setFileError} />
            ))}
            <GeneralSections ed={ed} onFileError={setFileError} />
            {fileError && (
              <Alert color="red" p="xs" data-testid="file-error" withCloseButton onClose={() => setFileError(null)}>
                {fileError}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <HistoryCard ed={ed} />
        </Grid.Col>
      </Grid>
      <ReviewDialogs ed={ed} open={dialog} close={() => setDialog(null)} />
      <ConflictModal
        conflict={ed.conflict}
        mine={ed.draft}
        onKeepMine={() => void ed.keepMine()}
        onTakeTheirs={ed.takeTheirs}
      />
    </Stack>
  );
}

/** The report's general sections (situation, difficulties, proposals…) and the evidence for the report as a whole. */
function GeneralSections({ ed, onFileError }: { ed: SubmissionEditor; onFileError: (m: string | null) => void }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const labels = useNarrativeLabels();
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm" mb={6}>
        {t('general')}
      </Text>
      <Stack gap="sm">
        {ed.server.sections.map((sec) => (
          <Stack gap={4} key={sec.key}>
            <Text size="sm" fw={600}>
              {pick(sec.titleVi, sec.titleEn)}
            </Text>
            {ed.editable ? (
              <NarrativeEditor
                value={ed.draft.sections[sec.key] ?? ''}
                onChange={(html) => ed.setDraft((d) => ({ ...d, sections: { ...d.sections, [sec.key]: html } }))}
                editable
                labels={labels}
                minHeight={80}
              />
            ) : (
              <NarrativeView html={sec.html} emptyText={t('noContent')} />
            )}
          </Stack>
        ))}
        <EvidenceFiles ed={ed} taskId={null} onError={onFileError} />
      </Stack>
    </Card>
  );
}

/** Who did what to the submission, newest last. */
function HistoryCard({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  return (
    <Card withBorder padding="sm" style={{ position: 'sticky', top: 70 }}>
      <Text fw={600} size="sm" mb={8}>
        {t('history')}
      </Text>
      <ScrollArea.Autosize mah={520} viewportProps={{ tabIndex: 0 }}>
        <Timeline bulletSize={14} lineWidth={2} data-testid="history">
          {ed.server.history.map((h) => (
            <Timeline.Item
              key={h.id}
              title={
                <Text size="sm">
                  {`action_${h.action}` in DICT ? t(`action_${h.action}` as 'action_created') : h.action}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(h.at)} ·{' '}
                {h.actorName ? (
                  <span lang={h.actorNameEn ? undefined : 'vi'}>{pick(h.actorName, h.actorNameEn ?? '')}</span>
                ) : (
                  '—'
                )}
              </Text>
              {/* a reason a person wrote is theirs, in Vietnamese; the system's own has an English text */}
              {h.reason && (
                <Text size="xs" lang={h.reasonEn ? undefined : 'vi'}>
                  {pick(h.reason, h.reasonEn ?? '')}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </ScrollArea.Autosize>
    </Card>
  );
}

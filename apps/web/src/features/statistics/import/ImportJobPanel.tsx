import { Alert, Card, Progress, Stack, Text } from '@mantine/core';
import type { ImportJobFailure, ImportResult, UserJob } from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDict, useI18n } from '../../../app/i18n';
import { formatNumber } from '../../../lib/format';
import { useJob } from '../api';
import { STATS } from '../i18n';
import { IMPORT_JOBS } from './import-i18n';
import { ImportErrorsTable } from './ImportErrorsTable';
import { ImportResultView } from './ImportResultView';

/**
 * A queued import followed to its end: waiting, rows read of the file's rows while it runs, then the same result
 * view as a check, or the refusal with its problems. Polls the job every second until it has finished.
 */
export function ImportJobPanel({ jobId }: { jobId: string }) {
  const tj = useDict(IMPORT_JOBS);
  const job = useJob(jobId);
  const qc = useQueryClient();
  const state = job.data?.state;
  useEffect(() => {
    // The new release, the log and the list of jobs are worth reloading once the job has finished.
    if (state === 'completed' || state === 'failed') {
      qc.invalidateQueries({ queryKey: ['statistics'] });
      qc.invalidateQueries({ queryKey: ['jobs', 'list'] });
    }
  }, [state, qc]);
  if (job.isError)
    return (
      <Alert color="orange" data-testid="import-job-gone">
        {tj('jobGone')}
      </Alert>
    );
  if (!job.data) return null;
  if (job.data.state === 'completed') return <ImportResultView result={job.data.result as ImportResult} />;
  if (job.data.state === 'failed') return <ImportJobRefused job={job.data} />;
  return <ImportJobRunning job={job.data} />;
}

/** Waiting or running: a bar of rows read (of the file's rows, when known). */
function ImportJobRunning({ job }: { job: UserJob }) {
  const tj = useDict(IMPORT_JOBS);
  const { lang } = useI18n();
  const share = job.total ? (100 * job.done) / job.total : job.state === 'running' ? 50 : 5;
  return (
    <Card withBorder data-testid="import-job">
      <Stack gap={6}>
        <Text fw={600} data-testid="import-job-state">
          {tj(`state_${job.state}`)}
        </Text>
        <Progress value={share} animated aria-label={tj('progress')} />
        <Text size="sm" data-testid="import-job-progress">
          {formatNumber(job.done, lang)}{' '}
          {job.total === null ? tj('rowsSoFar') : `${tj('rowsOf')} ${formatNumber(job.total, lang)}`}
          {job.attempts > 1 ? ` — ${tj('attempt')} ${job.attempts}` : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {tj('queuedHint')}
        </Text>
      </Stack>
    </Card>
  );
}

/** A refused import: why, and its problems by row and column; nothing was saved. */
function ImportJobRefused({ job }: { job: UserJob }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const failure = job.result as ImportJobFailure | null;
  return (
    <Alert color="red" title={t('rejectedTitle')} data-testid="import-errors">
      <Stack gap="xs">
        <Text size="sm">{failure ? (lang === 'vi' ? failure.messageVi : failure.message) : job.error}</Text>
        {failure && <ImportErrorsTable errors={failure.errors} errorCount={failure.errorCount} />}
      </Stack>
    </Alert>
  );
}

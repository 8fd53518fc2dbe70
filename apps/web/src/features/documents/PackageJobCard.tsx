import { Alert, Badge, Button, Card, Progress, Stack, Table, Text, Title } from '@mantine/core';
import {
  REPORT_PACKAGE_STEPS,
  type ReportDraftResponse,
  type ReportPackageFile,
  type UserJob,
} from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type ComponentType, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useJob } from '../../lib/jobs';
import { packageFileUrl, usePreparePackage, useReportPackages } from './api';
import { DRAFT_DICT } from './i18n';

type FileButtonProps = { url: string; label: string; name: string; testId: string };

/**
 * The whole package prepared by a background job (administrators): queue it, follow its steps, then download it
 * with its size and time; the packages prepared before are listed, each saying whether the draft changed since.
 */
export function PackageJobCard({
  d,
  FileButton,
}: {
  d: ReportDraftResponse;
  FileButton: ComponentType<FileButtonProps>;
}) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  const prepare = usePreparePackage(d.cycleId);
  // The job followed is in the address (`?packageJob=`), so a reload or a shared link finds it again.
  const [params, setParams] = useSearchParams();
  const jobId = params.get('packageJob');
  const setJobId = (id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('packageJob', id);
        return next;
      },
      { replace: true },
    );
  const [error, setError] = useState<string | null>(null);
  if (!d.permissions.exportZip) return null;
  const start = () => {
    setError(null);
    prepare.mutate(undefined, {
      onSuccess: (job) => setJobId(job.id),
      onError: (e) => setError(e instanceof ApiError ? e.text(lang) : String(e)),
    });
  };
  return (
    <Card withBorder data-testid="package-jobs">
      <Title order={5} mb={4}>
        {t('packageJobTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('packageJobNote')}
      </Text>
      <Button size="xs" loading={prepare.isPending} onClick={start} data-testid="prepare-package">
        {t('preparePackage')}
      </Button>
      {error && (
        <Text size="xs" c="red" role="alert" mt="xs">
          {error}
        </Text>
      )}
      {jobId && <PackageJob jobId={jobId} d={d} FileButton={FileButton} />}
      <PackageList d={d} FileButton={FileButton} />
    </Card>
  );
}

/** One queued package followed to its end: waiting, the step in progress, then the download or the failure. */
function PackageJob({
  jobId,
  d,
  FileButton,
}: {
  jobId: string;
  d: ReportDraftResponse;
  FileButton: ComponentType<FileButtonProps>;
}) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  const job = useJob(jobId);
  const qc = useQueryClient();
  const state = job.data?.state;
  useEffect(() => {
    if (state === 'completed') qc.invalidateQueries({ queryKey: ['documents', 'packages', d.cycleId] });
  }, [state, qc, d.cycleId]);
  if (!job.data) return null;
  if (job.data.state === 'failed') return <PackageFailed job={job.data} />;
  if (job.data.state !== 'completed') return <PackageRunning job={job.data} />;
  const file = job.data.result as ReportPackageFile;
  return (
    <Alert color="green" mt="sm" p="xs" title={t('packageReady')} data-testid="package-ready">
      <Stack gap={4} align="flex-start">
        <Text size="sm">
          {file.fileName} · {formatBytes(file.bytes, lang)} · {formatDateTime(file.createdAt, lang)}
        </Text>
        <FileButton
          url={packageFileUrl(d.cycleId, file.id)}
          label={t('download')}
          name={file.fileName}
          testId="package-ready-download"
        />
      </Stack>
    </Alert>
  );
}

/** Waiting, or the step in progress of REPORT_PACKAGE_STEPS with a bar. */
function PackageRunning({ job }: { job: UserJob }) {
  const t = useDict(DRAFT_DICT);
  const total = job.total ?? REPORT_PACKAGE_STEPS.length;
  const step = REPORT_PACKAGE_STEPS[Math.min(job.done, total - 1)];
  const label =
    job.state === 'queued' && job.done === 0
      ? t('packageQueued')
      : t('packageStep')
          .replace('{n}', String(Math.min(job.done + 1, total)))
          .replace('{total}', String(total))
          .replace('{step}', t(`step_${step}`));
  return (
    <Stack gap={4} mt="sm" data-testid="package-job">
      <Progress value={(100 * job.done) / total} animated aria-label={t('preparePackage')} />
      <Text size="sm" data-testid="package-job-step">
        {label}
        {job.attempts > 1 ? ` — ${t('packageAttempt')} ${job.attempts}` : ''}
      </Text>
    </Stack>
  );
}

/** A failed package: the server's message in the reader's language. */
function PackageFailed({ job }: { job: UserJob }) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  const r = job.result as { message?: string; messageVi?: string } | null;
  const message = (lang === 'vi' ? r?.messageVi : r?.message) ?? job.error ?? '';
  return (
    <Alert color="red" mt="sm" p="xs" title={t('packageFailed')} role="alert" data-testid="package-failed">
      {message}
    </Alert>
  );
}

/** The packages prepared for the cycle, each with the draft version it was made from. */
function PackageList({ d, FileButton }: { d: ReportDraftResponse; FileButton: ComponentType<FileButtonProps> }) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  const list = useReportPackages(d.cycleId, true);
  const items = list.data?.items ?? [];
  return (
    <Stack gap={4} mt="md">
      <Text size="sm" fw={600}>
        {t('packageList')}
      </Text>
      {list.data && items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('packageNone')}
        </Text>
      ) : (
        <Table fz="xs" striped data-testid="package-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('packageWhen')}</Table.Th>
              <Table.Th>{t('packageSize')}</Table.Th>
              <Table.Th>{t('packageDraft')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  {formatDateTime(p.createdAt, lang)}
                  <Text size="xs" c="dimmed">
                    {p.createdBy}
                  </Text>
                </Table.Td>
                <Table.Td>{formatBytes(p.bytes, lang)}</Table.Td>
                <Table.Td>
                  {t('packageDraftVersion').replace('{v}', String(p.draftVersion))}{' '}
                  <Badge size="xs" color={p.draftVersion === d.version ? 'green' : 'orange'} variant="light">
                    {p.draftVersion === d.version
                      ? t('packageCurrent')
                      : t('packageOlder').replace('{v}', String(d.version))}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <FileButton
                    url={packageFileUrl(d.cycleId, p.id)}
                    label="ZIP"
                    name={p.fileName}
                    testId={`package-download-${p.id}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

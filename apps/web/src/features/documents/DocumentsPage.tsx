import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { DocumentFile, DocumentPackageSummary, ReportTaskStatus } from '@regionlink/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useMe } from '../access/api';
import { sampleFileUrl, useDocumentSamples, useDownload } from './api';
import { CompletenessTable } from './CompletenessTable';
import { CycleReports } from './DraftPage';
import { DICT } from './i18n';

const STATUS_COLOUR: Record<ReportTaskStatus | 'none', string> = {
  done: 'green',
  in_progress: 'blue',
  recurring: 'cyan',
  not_started: 'orange',
  not_applicable: 'gray',
  unclear: 'yellow',
  not_reported: 'gray',
  none: 'gray',
};

/** A download button that says it is working while the server builds the file, and shows an error if it fails. */
function DownloadButton({
  pkg,
  file,
  label,
  disabledReason,
}: {
  pkg: DocumentPackageSummary;
  file: DocumentFile;
  label: string;
  disabledReason?: string | null;
}) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const download = useDownload();
  const [error, setError] = useState<string | null>(null);
  const name = pkg.files.find((f) => f.file === file)?.name ?? file;
  const button = (
    <Button
      size="xs"
      variant={file.endsWith('.pdf') ? 'light' : 'filled'}
      loading={download.isPending}
      disabled={!!disabledReason}
      data-testid={`download-${file}`}
      onClick={() => {
        setError(null);
        download.mutate(
          { url: sampleFileUrl(pkg.id, file), fallbackName: name },
          { onError: (e) => setError(e instanceof ApiError ? e.text(lang) : String(e)) },
        );
      }}
    >
      {download.isPending ? t('generating') : label}
    </Button>
  );
  return (
    <Stack gap={2}>
      {disabledReason ? <Tooltip label={disabledReason}>{<span>{button}</span>}</Tooltip> : button}
      {error && (
        <Text size="xs" c="red" role="alert">
          {t('downloadFailed')}: {error}
        </Text>
      )}
    </Stack>
  );
}

function Downloads({ pkg, isAdmin }: { pkg: DocumentPackageSummary; isAdmin: boolean }) {
  const t = useDict(DICT);
  const parts = [
    { key: 'letter', label: t('letter') },
    { key: 'report', label: t('report') },
    { key: 'appendix', label: t('appendix') },
  ] as const;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('downloads')}
      </Title>
      <Table fz="sm" verticalSpacing={6} data-testid="documents-downloads">
        <Table.Tbody>
          {parts.map((p) => (
            <Table.Tr key={p.key}>
              <Table.Td>{p.label}</Table.Td>
              <Table.Td w={230}>
                <Group gap="xs" wrap="nowrap">
                  <DownloadButton pkg={pkg} file={`${p.key}.docx`} label="DOCX" />
                  <DownloadButton pkg={pkg} file={`${p.key}.pdf`} label="PDF" />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              {t('annex')}
              <Text size="xs" c="dimmed">
                {t('annexNote')}
              </Text>
            </Table.Td>
            <Table.Td>
              <DownloadButton pkg={pkg} file="annex.xlsx" label="XLSX" />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              {t('package')}
              <Text size="xs" c="dimmed">
                {t('packageNote')}
              </Text>
            </Table.Td>
            <Table.Td>
              <DownloadButton
                pkg={pkg}
                file="package.zip"
                label="ZIP"
                disabledReason={isAdmin ? null : t('adminOnly')}
              />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {pkg.pdfEngine === 'libreoffice' ? t('pdfLibre') : t('pdfPdfmake')}
      </Text>
    </Card>
  );
}

function Completeness({ pkg }: { pkg: DocumentPackageSummary }) {
  const t = useDict(DICT);
  return (
    <Card withBorder>
      <Title order={4}>{t('computed')}</Title>
      <Text size="sm" mt={4} data-testid="documents-counts">
        {t('counts')}: <b>{pkg.reporters.ministries}</b> {t('ministries')} · <b>{pkg.reporters.localities}</b>{' '}
        {t('localities')} · {t('cutOff')} {formatDate(pkg.cutOffDate)}
      </Text>
      <CompletenessTable lines={pkg.completeness} testId="documents-completeness" />
      <Text size="xs" c="dimmed" mt={4}>
        {t('completenessSource')}
      </Text>
    </Card>
  );
}

function Tasks({ pkg }: { pkg: DocumentPackageSummary }) {
  const t = useDict(DICT);
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="md" pb="xs">
        {t('tasks')}
      </Title>
      <Table fz="sm" striped highlightOnHover data-testid="documents-tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('taskCode')}</Table.Th>
            <Table.Th>{t('taskHeading')}</Table.Th>
            <Table.Th w={170}>{t('taskStatus')}</Table.Th>
            <Table.Th w={110} ta="right">
              {t('taskReporters')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pkg.tasks.map((task) => (
            <Table.Tr key={task.code}>
              <Table.Td>{task.code}</Table.Td>
              <Table.Td>
                {/* the heading as the official report words it, in Vietnamese */}
                <Text size="sm" lineClamp={2} title={task.heading} lang="vi">
                  {task.heading.replace(/^- /, '')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOUR[task.status ?? 'none']} radius="sm" tt="none">
                  {t(`status_${task.status ?? 'none'}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{task.narratives}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** MoF staff's page of the national report: the package, its computed figures, its tasks, and the downloads. */
export function DocumentsPage() {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const me = useMe();
  const signedIn = !!me.data;
  // The server gives the national report to MoF staff only; others get a message, not a 403 from every call.
  const staff = me.data?.role === 'admin' || me.data?.role === 'viewer';
  const samples = useDocumentSamples(staff);
  if (me.isLoading) return <Loader />;
  if (!signedIn)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Alert color="blue">
          {t('signIn')}{' '}
          <Anchor component={Link} to="/login?next=/documents">
            →
          </Anchor>
        </Alert>
      </Stack>
    );
  if (!staff)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Alert color="blue" data-testid="documents-staff-only">
          {t('staffOnly')}{' '}
          <Anchor component={Link} to="/reporting">
            →
          </Anchor>
        </Alert>
      </Stack>
    );
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <CycleReports />
      {samples.isLoading && <Loader />}
      {samples.error && (
        <Alert color="red" role="alert">
          {samples.error instanceof ApiError ? samples.error.text(lang) : String(samples.error)}
        </Alert>
      )}
      {samples.data?.items.map((pkg) => (
        <Stack key={pkg.id} gap="md" data-testid={`package-${pkg.id}`}>
          <Card withBorder>
            <Group justify="space-between" align="flex-start">
              <div>
                <Group gap="xs">
                  <Badge variant="outline" radius="sm">
                    {t('reference')}
                  </Badge>
                  {/* the official report's own header, title and subject, quoted as issued (in Vietnamese) */}
                  <Text size="sm" c="dimmed" lang="vi">
                    {pkg.agencyName} · Số {pkg.letterNumber} · {pkg.letterDateLine}
                  </Text>
                </Group>
                <Title order={3} mt={6} lang="vi">
                  {pkg.title}
                </Title>
                <Text size="sm" mt={2} lang="vi">
                  V/v {pkg.subject}
                </Text>
              </div>
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              {t('referenceNote')}
            </Text>
          </Card>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Downloads pkg={pkg} isAdmin={me.data?.role === 'admin'} />
            <Completeness pkg={pkg} />
          </SimpleGrid>
          <Tasks pkg={pkg} />
          <Text size="xs" c="dimmed">
            {t('footnotes')}:{' '}
            {t('footnotesValue')
              .replace('{letter}', String(pkg.footnotes.letter))
              .replace('{report}', String(pkg.footnotes.report))}
            . {t('provenance')}: {/* the package's own source line, as its files state it */}
            <span lang="vi">{pkg.provenance}</span>
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

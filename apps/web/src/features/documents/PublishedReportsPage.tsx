import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { PublishedReport, PublishedReportsResponse } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { apiFetch } from '../../lib/api';
import { ErrorAlert } from '../councils/ErrorAlert';
import { formatBytes, formatDate } from '../../lib/format';
import { PUBLISHED_DICT } from './i18n';

/** The national reports MoF has published, for anyone: each with its letter, report, appendix and annex. */
export function PublishedReportsPage() {
  const t = useDict(PUBLISHED_DICT);
  const q = useQuery({
    queryKey: ['documents', 'published'],
    queryFn: () => apiFetch<PublishedReportsResponse>('/api/v1/published-reports'),
  });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text size="sm" maw={900}>
        {t('intro')}
      </Text>
      {q.isLoading && <Loader />}
      <ErrorAlert error={q.error} />
      {q.data?.items.length === 0 && <Alert>{t('none')}</Alert>}
      {q.data?.items.map((r) => (
        <PublishedReportCard key={r.cycleId} report={r} />
      ))}
    </Stack>
  );
}

function PublishedReportCard({ report: r }: { report: PublishedReport }) {
  const t = useDict(PUBLISHED_DICT);
  const { pick, lang } = useI18n();
  return (
    <Card withBorder padding="md" data-testid={`published-${r.year}`}>
      <Group gap="xs" mb={4}>
        <Title order={2} size="h4">
          {pick(r.nameVi, r.nameEn)}
        </Title>
        {r.demo && (
          <Badge variant="outline" color="gray">
            {t('demo')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('published')} {formatDate(r.publishedAt)}
        {r.publicationRef && (
          <>
            {' · '}
            {/* the official letter's reference as issued */}
            <span lang="vi">{r.publicationRef}</span>
          </>
        )}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {r.basis === 'version'
          ? t('version').replace('{n}', String(r.version))
          : r.files.length > 0
            ? t('reference')
            : t('noFiles')}
      </Text>
      <Group gap="lg" align="flex-start">
        {['letter', 'report', 'appendix', 'annex'].map((kind) => {
          const files = r.files.filter((f) => f.file.startsWith(`${kind}.`));
          if (files.length === 0) return null;
          return (
            <Stack key={kind} gap={6}>
              <Text size="sm" fw={600}>
                {t(`file_${kind}` as 'file_letter')}
              </Text>
              <Group gap={8}>
                {files.map((f) => (
                  <Button
                    key={f.file}
                    component="a"
                    size="compact-sm"
                    variant="light"
                    href={`/api/v1/published-reports/${r.cycleId}/${f.file}`}
                    download={f.name}
                    data-testid={`published-file-${f.file}`}
                  >
                    {f.file.split('.')[1].toUpperCase()}
                    {f.bytes !== null && ` (${formatBytes(f.bytes, lang)})`}
                  </Button>
                ))}
              </Group>
            </Stack>
          );
        })}
      </Group>
      <Group justify="space-between" mt="sm">
        <Anchor component={Link} to={`/reporting/cycles/${r.cycleId}`} size="sm">
          {t('results')}
        </Anchor>
        {r.files.some((f) => f.file.endsWith('.pdf')) && (
          <Text size="xs" c="dimmed">
            {t('firstPdf')}
          </Text>
        )}
      </Group>
    </Card>
  );
}

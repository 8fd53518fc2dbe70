import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { PublishedReport, PublishedReportsResponse } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { apiFetch } from '../../lib/api';
import { formatBytes, formatDate } from '../../lib/format';

const L = {
  title: { vi: 'Báo cáo đã công bố', en: 'Published reports' },
  intro: {
    vi: 'Báo cáo tổng hợp tình hình thực hiện Nghị quyết số 57/NQ-CP mà Bộ Tài chính đã gửi Thủ tướng Chính phủ và công bố: công văn, báo cáo, phụ lục và bảng số liệu.',
    en: 'The national reports on implementing Resolution 57/NQ-CP that the Ministry of Finance sent to the Prime Minister and published: letter, report, appendix and data annex.',
  },
  none: { vi: 'Chưa có báo cáo nào được công bố.', en: 'No report has been published yet.' },
  published: { vi: 'Công bố ngày', en: 'Published on' },
  version: { vi: 'Phiên bản {n} được chấp nhận là bản cuối', en: 'Version {n}, accepted as final' },
  reference: {
    vi: 'Bộ văn bản như đã gửi, dựng lại từ công văn đã công bố',
    en: 'The package as sent, reproduced from the published letter',
  },
  noFiles: {
    vi: 'Chưa có tệp báo cáo; xem kết quả của kỳ báo cáo.',
    en: 'No report files yet; see the cycle’s results.',
  },
  results: { vi: 'Kết quả của kỳ báo cáo', en: 'Results of the cycle' },
  demo: { vi: 'Dữ liệu minh họa', en: 'Illustrative data' },
  firstPdf: {
    vi: 'Tệp PDF được dựng khi tải lần đầu (vài giây).',
    en: 'PDF files are built on the first download (a few seconds).',
  },
} as const;

const FILE_LABEL: Record<string, { vi: string; en: string }> = {
  letter: { vi: 'Công văn', en: 'Letter' },
  report: { vi: 'Báo cáo', en: 'Report' },
  appendix: { vi: 'Phụ lục', en: 'Appendix' },
  annex: { vi: 'Bảng số liệu', en: 'Data annex' },
};

/** The national reports MoF has published, for anyone: each with its letter, report, appendix and annex. */
export function PublishedReportsPage() {
  const { pick } = useI18n();
  const q = useQuery({
    queryKey: ['documents', 'published'],
    queryFn: () => apiFetch<PublishedReportsResponse>('/api/v1/published-reports'),
  });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {pick(L.title.vi, L.title.en)}
      </Title>
      <Text size="sm" maw={900}>
        {pick(L.intro.vi, L.intro.en)}
      </Text>
      {q.isLoading && <Loader />}
      {q.data?.items.length === 0 && <Alert>{pick(L.none.vi, L.none.en)}</Alert>}
      {q.data?.items.map((r) => (
        <PublishedReportCard key={r.cycleId} report={r} />
      ))}
    </Stack>
  );
}

function PublishedReportCard({ report: r }: { report: PublishedReport }) {
  const { pick, lang } = useI18n();
  return (
    <Card withBorder padding="md" data-testid={`published-${r.year}`}>
      <Group gap="xs" mb={4}>
        <Title order={2} size="h4">
          {pick(r.nameVi, r.nameEn)}
        </Title>
        {r.demo && (
          <Badge variant="outline" color="gray">
            {pick(L.demo.vi, L.demo.en)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {pick(L.published.vi, L.published.en)} {formatDate(r.publishedAt)}
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
          ? pick(L.version.vi, L.version.en).replace('{n}', String(r.version))
          : r.files.length > 0
            ? pick(L.reference.vi, L.reference.en)
            : pick(L.noFiles.vi, L.noFiles.en)}
      </Text>
      <Group gap="lg" align="flex-start">
        {['letter', 'report', 'appendix', 'annex'].map((kind) => {
          const files = r.files.filter((f) => f.file.startsWith(`${kind}.`));
          if (files.length === 0) return null;
          return (
            <Stack key={kind} gap={6}>
              <Text size="sm" fw={600}>
                {pick(FILE_LABEL[kind].vi, FILE_LABEL[kind].en)}
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
          {pick(L.results.vi, L.results.en)}
        </Anchor>
        {r.files.some((f) => f.file.endsWith('.pdf')) && (
          <Text size="xs" c="dimmed">
            {pick(L.firstPdf.vi, L.firstPdf.en)}
          </Text>
        )}
      </Group>
    </Card>
  );
}

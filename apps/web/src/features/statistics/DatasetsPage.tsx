import { Alert, Anchor, Badge, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useDatasets, useDiff, useIndicators, useReleases } from './api';
import { STATS } from './i18n';

/** Every dataset with its provenance (publisher, original source, licence, caveats) and latest release. */
export function DatasetsPage() {
  const t = useDict(STATS);
  const { pick, lang } = useI18n();
  const datasets = useDatasets();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/data" size="sm">
        {t('back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('datasetsTitle')}
        </Title>
        <Group gap="md">
          <Anchor href="/api/v1/catalogue.jsonld" size="sm" data-testid="dcat-link" title={t('dcatHint')}>
            {t('dcatLink')}
          </Anchor>
          <Anchor href="/api/v1/sdmx/structure" size="sm" data-testid="sdmx-dsd-link">
            {t('sdmxDsdLink')}
          </Anchor>
        </Group>
      </Group>
      {datasets.isLoading && <Loader />}
      <Card withBorder padding={0}>
        <Table striped highlightOnHover fz="sm" data-testid="datasets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataset')}</Table.Th>
              <Table.Th>{t('publisher')}</Table.Th>
              <Table.Th>{t('years')}</Table.Th>
              <Table.Th ta="right">{t('valuesHeader')}</Table.Th>
              <Table.Th>{t('latestRelease')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(datasets.data?.items ?? []).map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/data/datasets/${d.id}`} fw={500}>
                    {pick(d.titleVi, d.titleEn)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {d.code} · {pick(d.licence, d.licenceEn) || '—'}
                    {d.accessLevel !== 'public' && (
                      <Badge ml="xs" size="xs" color={d.accessLevel === 'restricted' ? 'red' : 'orange'}>
                        {d.accessLevel === 'restricted'
                          ? pick('Hạn chế', 'Restricted')
                          : pick('Cơ quan nhà nước', 'Government')}
                      </Badge>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>{pick(d.publisher, d.publisherEn)}</Table.Td>
                <Table.Td>
                  {!d.periodFrom ? '—' : d.periodFrom === d.periodTo ? d.periodFrom : `${d.periodFrom}–${d.periodTo}`}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(d.observationCount, lang)}</Table.Td>
                <Table.Td>
                  {d.latestRelease ? `#${d.latestRelease.number}, ${formatDate(d.latestRelease.publishedAt)}` : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

type ReleaseList = NonNullable<ReturnType<typeof useReleases>['data']>;

/** One dataset: provenance, its releases, what changed between two of them, and each release as CSV. */
export function DatasetPage() {
  const t = useDict(STATS);
  const { pick, lang } = useI18n();
  const id = Number(useParams().id);
  const releases = useReleases(id);
  if (releases.isLoading) return <Loader />;
  if (releases.error)
    return (
      <Alert color="red">
        {releases.error instanceof ApiError ? releases.error.text(lang) : String(releases.error)}
      </Alert>
    );
  const { dataset, items } = releases.data!;
  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/data/datasets" size="sm">
        ← {t('datasetsTitle')}
      </Anchor>
      <Title order={1} size="h2" data-testid="dataset-title">
        {pick(dataset.titleVi, dataset.titleEn)}
      </Title>
      <DatasetProvenance dataset={dataset} />
      <ReleasesTable id={id} dataset={dataset} items={items} />
      {items.length > 1 && <ReleaseComparison id={id} items={items} />}
    </Stack>
  );
}

/** Code, publisher, original source, licence, geography, caveats and indicators of a dataset. */
function DatasetProvenance({ dataset }: { dataset: ReleaseList['dataset'] }) {
  const t = useDict(STATS);
  const { pick } = useI18n();
  const indicators = useIndicators();
  const indicatorName = (code: string) => {
    const i = indicators.data?.items.find((x) => x.code === code);
    return i ? pick(i.nameVi, i.nameEn) : code;
  };
  return (
    <Card withBorder>
      <Table variant="vertical" fz="sm" withTableBorder={false} style={{ overflowWrap: 'anywhere' }}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={{ base: 110, sm: 200 }}>{t('dataset')}</Table.Th>
            <Table.Td>{dataset.code}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('publisher')}</Table.Th>
            <Table.Td>{pick(dataset.publisher, dataset.publisherEn)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('originalSource')}</Table.Th>
            <Table.Td>
              {pick(dataset.originalSource, dataset.originalSourceEn)}
              {dataset.url && (
                <>
                  {' '}
                  <Anchor href={dataset.url} target="_blank" rel="noreferrer noopener" size="sm">
                    {dataset.url}
                  </Anchor>
                </>
              )}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('licence')}</Table.Th>
            <Table.Td>{pick(dataset.licence, dataset.licenceEn) || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('geographyLabel')}</Table.Th>
            <Table.Td>{pick(dataset.geographyNoteVi, dataset.geographyNoteEn) || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('caveats')}</Table.Th>
            <Table.Td>{pick(dataset.caveatsVi, dataset.caveatsEn) || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('indicator')}</Table.Th>
            <Table.Td>
              <Group gap={4}>
                {dataset.indicators.map((c) => (
                  <Badge
                    key={c}
                    variant="light"
                    tt="none"
                    component={Link}
                    to={`/data?indicator=${c}`}
                    title={c}
                    style={{ cursor: 'pointer' }}
                  >
                    {indicatorName(c)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Each release: when, by whom, from which file, its counts and notes, its CSV and the data as published then. */
function ReleasesTable({
  id,
  dataset,
  items,
}: {
  id: number;
  dataset: ReleaseList['dataset'];
  items: ReleaseList['items'];
}) {
  const t = useDict(STATS);
  const { pick, lang } = useI18n();
  return (
    <Card withBorder padding={0}>
      <Text fw={600} p="sm">
        {t('releases')}
      </Text>
      <Table.ScrollContainer minWidth={1040}>
        <Table fz="sm" striped data-testid="releases-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('publishedAt')}</Table.Th>
              <Table.Th>{t('importedBy')}</Table.Th>
              <Table.Th>{t('file')}</Table.Th>
              <Table.Th ta="right">{t('addedH')}</Table.Th>
              <Table.Th ta="right">{t('changedH')}</Table.Th>
              <Table.Th ta="right">{t('unchangedH')}</Table.Th>
              <Table.Th>{t('notes')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>#{r.number}</Table.Td>
                <Table.Td>{formatDateTime(r.publishedAt, lang)}</Table.Td>
                <Table.Td>{r.importedBy === 'seed' ? t('seedImporter') : (r.importedBy ?? '—')}</Table.Td>
                <Table.Td>{r.fileName ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.added, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.changed, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.unchanged, lang)}</Table.Td>
                <Table.Td maw={320}>
                  {/* notes quote file paths with no spaces: let them wrap instead of spilling into the next column */}
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {pick(r.noteVi, r.noteEn)}
                  </Text>
                </Table.Td>
                <Table.Td miw={150}>
                  <Anchor size="xs" href={`/api/v1/datasets/${id}/export?release=${r.id}`}>
                    {t('downloadRelease')}
                  </Anchor>
                  <br />
                  <Anchor
                    size="xs"
                    component={Link}
                    to={`/data?indicator=${dataset.indicators[0] ?? 'population'}&release=${r.id}&level=province${dataset.geographyNoteVi.startsWith('63') ? '&at=2025-06-30' : ''}`}
                  >
                    {t('asPublished')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** What changed between two releases chosen by the user. */
function ReleaseComparison({ id, items }: { id: number; items: ReleaseList['items'] }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const diff = useDiff(id, from, to);
  const options = items.map((r) => ({ value: String(r.id), label: `#${r.number} — ${formatDate(r.publishedAt)}` }));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('compare')}</Text>
        <Group>
          <Select
            label={t('from')}
            data={options}
            value={from ? String(from) : null}
            onChange={(v) => setFrom(v ? Number(v) : null)}
          />
          <Select
            label={t('to')}
            data={options}
            value={to ? String(to) : null}
            onChange={(v) => setTo(v ? Number(v) : null)}
          />
        </Group>
        {diff.error && (
          <Alert color="orange">{diff.error instanceof ApiError ? diff.error.text(lang) : String(diff.error)}</Alert>
        )}
        {diff.data && (
          <>
            <Text size="sm">
              {formatNumber(diff.data.added, lang)} {t('added')}, {formatNumber(diff.data.changed, lang)} {t('changed')}
            </Text>
            {diff.data.rows.length === 0 ? (
              <Text size="sm">{t('noChanges')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table fz="xs" striped data-testid="diff-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('indicator')}</Table.Th>
                      <Table.Th>{t('unitName')}</Table.Th>
                      <Table.Th>{t('period')}</Table.Th>
                      <Table.Th ta="right">{t('before')}</Table.Th>
                      <Table.Th ta="right">{t('after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {diff.data.rows.map((r) => (
                      <Table.Tr key={`${r.indicator}-${r.unitCode}-${r.geoDate}-${r.period}`}>
                        <Table.Td>{r.indicator}</Table.Td>
                        <Table.Td>{r.unitCode}</Table.Td>
                        <Table.Td>{r.period}</Table.Td>
                        <Table.Td ta="right">
                          {r.before === null ? '—' : formatNumber(r.before, lang, Number.isInteger(r.before) ? 0 : 2)}
                        </Table.Td>
                        <Table.Td ta="right">
                          {r.after === null ? '—' : formatNumber(r.after, lang, Number.isInteger(r.after) ? 0 : 2)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Blockquote,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  type CoverageIndicator,
  type CoverageResponse,
  type CoverageTheme,
  formatDateVi,
  yearRuns,
} from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { COVERAGE } from './coverage-i18n';

type T = (key: keyof typeof COVERAGE) => string;

const STATUS_COLOR: Record<CoverageTheme['status'], string> = { held: 'green', related: 'yellow', missing: 'gray' };

/** `GET /api/v1/coverage`. */
function useCoverage() {
  return useQuery({
    queryKey: ['statistics', 'coverage'],
    queryFn: () => apiFetch<CoverageResponse>('/api/v1/coverage'),
    staleTime: 60_000,
  });
}

/**
 * The coverage map of the regional database (issue 19): the themes recommendation 3.2.e of the 2025 Resolution 57
 * report asks the database to hold, what RegionLink holds for each (indicators, years, geographies, datasets) and, for
 * the themes with nothing yet, who would supply them.
 */
export function CoveragePage() {
  const t = useDict(COVERAGE);
  const { pick, lang } = useI18n();
  const coverage = useCoverage();
  if (coverage.isLoading) return <Loader />;
  if (coverage.error || !coverage.data)
    return (
      <Alert color="red">
        {coverage.error instanceof ApiError ? coverage.error.text(lang) : String(coverage.error)}
      </Alert>
    );
  const c = coverage.data;
  return (
    <Stack gap="md" data-testid="coverage-page">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text size="sm">{t('intro')}</Text>
      <Blockquote p="sm" fz="sm" cite={`— ${pick(c.source.vi, c.source.en)}`}>
        {pick(c.source.quoteVi, c.source.quoteEn)}
      </Blockquote>
      <Group justify="space-between" align="center">
        <SummaryBadges c={c} t={t} />
        <Anchor href={`/api/v1/coverage?format=csv&lang=${lang}`} size="sm" data-testid="coverage-csv">
          {t('downloadCsv')}
        </Anchor>
      </Group>
      <SummaryTable themes={c.themes} t={t} />
      <ContributeNotice t={t} />
      {c.themes.map((theme) => (
        <ThemeCard key={theme.code} theme={theme} t={t} />
      ))}
      {c.unthemed.length > 0 && (
        <Card withBorder data-testid="coverage-unthemed">
          <Title order={4}>{t('unthemed')}</Title>
          <IndicatorTable items={c.unthemed} t={t} />
        </Card>
      )}
      <Text size="xs" c="dimmed">
        {pick(c.source.vi, c.source.en)}
      </Text>
    </Stack>
  );
}

function SummaryBadges({ c, t }: { c: CoverageResponse; t: T }) {
  const { lang } = useI18n();
  const s = c.summary;
  return (
    <Group gap="xs" data-testid="coverage-summary">
      <Badge variant="outline" color="dark">
        {s.themes} {t('themes')}
      </Badge>
      <Badge color="green">
        {t('held')}: {s.held}
      </Badge>
      <Badge color="yellow">
        {t('related')}: {s.related}
      </Badge>
      <Badge color="gray">
        {t('missing')}: {s.missing}
      </Badge>
      <Text size="sm" c="dimmed">
        {formatNumber(s.indicators, lang)} {t('indicators')} · {formatNumber(s.datasets, lang)} {t('datasets')}
      </Text>
    </Group>
  );
}

function StatusBadge({ status, t }: { status: CoverageTheme['status']; t: T }) {
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'missing' ? 'outline' : 'filled'}
      data-status={status}
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {t(`${status}Short`)}
    </Badge>
  );
}

/** One line per theme: status, years, how many indicators and datasets, or who would supply it. */
function SummaryTable({ themes, t }: { themes: CoverageTheme[]; t: T }) {
  const { pick } = useI18n();
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={640}>
        <Table fz="sm" striped data-testid="coverage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('theme')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
              <Table.Th>{t('years')}</Table.Th>
              <Table.Th ta="right">{t('colIndicators')}</Table.Th>
              <Table.Th ta="right">{t('colDatasets')}</Table.Th>
              <Table.Th>{t('supplier')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {themes.map((th) => (
              <Table.Tr key={th.code} data-theme={th.code}>
                <Table.Td>
                  <Anchor href={`#theme-${th.code}`} fw={500} size="sm">
                    {pick(th.nameVi, th.nameEn)}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={th.status} t={t} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {th.periodFrom ? `${th.periodFrom}–${th.periodTo}` : '—'}
                </Table.Td>
                <Table.Td ta="right">{countOf(th) || '—'}</Table.Td>
                <Table.Td ta="right">{th.datasetCount || '—'}</Table.Td>
                <Table.Td>{th.suppliers.map((s) => pick(s.nameVi, s.nameEn)).join('; ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

const countOf = (th: CoverageTheme) => th.direct.length + th.related.reduce((s, r) => s + r.indicators.length, 0);

/** How data gets in today, and what cannot be contributed yet (said, not linked to nothing). */
function ContributeNotice({ t }: { t: T }) {
  return (
    <Alert color="blue" title={t('contributeTitle')} data-testid="coverage-contribute">
      <Stack gap={4}>
        <Text size="sm">
          {t('contributeUpload')}{' '}
          <Anchor component={Link} to="/data/import" size="sm">
            {t('contributeLink')}
          </Anchor>
          .
        </Text>
        <Text size="sm">{t('contributeNotYet')}</Text>
      </Stack>
    </Alert>
  );
}

/** A theme: the seed's words, then what is held (direct and related) or who would supply it. */
function ThemeCard({ theme, t }: { theme: CoverageTheme; t: T }) {
  const { pick } = useI18n();
  return (
    <Card withBorder id={`theme-${theme.code}`} data-testid={`theme-${theme.code}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={4}>{pick(theme.nameVi, theme.nameEn)}</Title>
          <StatusBadge status={theme.status} t={t} />
        </Group>
        <Text size="xs" c="dimmed" fs="italic">
          {pick(theme.seedVi, theme.seedEn)}
        </Text>
        {theme.direct.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('directTitle')}
            </Text>
            <IndicatorTable items={theme.direct} t={t} />
          </>
        )}
        {theme.related.map((r) => (
          <Stack gap={4} key={r.reasonEn}>
            <Text size="sm" fw={600}>
              {t('relatedTitle')}
            </Text>
            <Text size="xs">{pick(r.reasonVi, r.reasonEn)}</Text>
            <IndicatorTable items={r.indicators} t={t} />
          </Stack>
        ))}
        {theme.status === 'missing' && <Text size="sm">{t('nothingHeld')}</Text>}
        <Suppliers theme={theme} t={t} />
        <Links theme={theme} t={t} />
      </Stack>
    </Card>
  );
}

function Suppliers({ theme, t }: { theme: CoverageTheme; t: T }) {
  const { pick } = useI18n();
  return (
    <Stack gap={2} data-testid={`suppliers-${theme.code}`}>
      <Text size="sm" fw={600}>
        {t('supplier')}
      </Text>
      {theme.suppliers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('notNamed')}
        </Text>
      ) : (
        theme.suppliers.map((s) => (
          <Text size="sm" key={s.nameEn}>
            <b>{pick(s.nameVi, s.nameEn)}</b>{' '}
            <Badge size="xs" variant="light" color={s.basis === 'seed' ? 'blue' : 'grape'}>
              {s.basis === 'seed' ? t('basisSeed') : t('basisFollows')}
            </Badge>{' '}
            — {pick(s.reasonVi, s.reasonEn)}
          </Text>
        ))
      )}
    </Stack>
  );
}

function Links({ theme, t }: { theme: CoverageTheme; t: T }) {
  const { pick } = useI18n();
  if (theme.links.length === 0) return null;
  return (
    <Text size="sm">
      {t('alsoIn')}:{' '}
      {theme.links.map((l, i) => (
        <span key={l.to}>
          {i > 0 && '; '}
          <Anchor component={Link} to={l.to} size="sm">
            {pick(l.nameVi, l.nameEn)}
          </Anchor>
        </span>
      ))}
    </Text>
  );
}

const FIRST_ROWS = 6;

/** Indicators with their years, recorded geography and datasets; long lists start folded. */
function IndicatorTable({ items, t }: { items: CoverageIndicator[]; t: T }) {
  const { pick, lang } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_ROWS);
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={560}>
        <Table fz="xs" withTableBorder data-testid="coverage-indicators">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th>{t('years')}</Table.Th>
              <Table.Th>{t('geography')}</Table.Th>
              <Table.Th>{t('dataset')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((i) => (
              <Table.Tr key={i.code} data-indicator={i.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/data?indicator=${i.code}`} size="xs">
                    {pick(i.nameVi, i.nameEn)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatNumber(i.observationCount, lang)} {t('observations')}
                  </Text>
                </Table.Td>
                <Table.Td data-testid="years" style={{ whiteSpace: 'nowrap' }}>
                  {yearRuns(i.periods)}
                </Table.Td>
                <Table.Td>
                  {i.geographies
                    .map(
                      (g) =>
                        `${g.provinces} ${t('provinces')} (${lang === 'vi' ? 'từ' : 'from'} ${formatDateVi(g.date)})`,
                    )
                    .join('; ')}
                </Table.Td>
                <Table.Td>
                  {/* links one under the other, 24 px apart (WCAG 2.5.8 target spacing) */}
                  <Stack gap={8}>
                    {i.datasets.map((d) => (
                      <div key={d.code}>
                        <Anchor component={Link} to={`/data/datasets/${d.id}`} size="xs">
                          {pick(d.titleVi, d.titleEn)}
                        </Anchor>
                      </div>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length > FIRST_ROWS && (
        <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)} w="fit-content">
          {all ? t('showLess') : `${t('showAll')} (${items.length})`}
        </Button>
      )}
    </Stack>
  );
}

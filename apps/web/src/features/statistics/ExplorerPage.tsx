import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import type { DataResponse, Indicator, Grouping } from '@regionlink/shared';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { PageHeading } from '../../components/PageHeading';
import { type ExchangeFormat, Grapher, type GrapherTab } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useMe } from '../access/api';
import { useBoundaries } from '../geo/api';
import { type DataParams, dataQueryString, explorerDataParams, useData, useGroupings, useIndicators } from './api';
import { STATS } from './i18n';

const DATE_34 = '2025-07-01';
const DATE_63 = '2025-06-30';
const TOPIC_ORDER = ['population', 'economy', 'living', 'budget', 'fdi', 'pci', 'papi', 'other'];
const TOPICS: Record<string, { vi: string; en: string }> = {
  population: { vi: 'Dân số và đất đai', en: 'Population and land' },
  economy: { vi: 'Kinh tế', en: 'Economy' },
  living: { vi: 'Mức sống', en: 'Living standards' },
  budget: { vi: 'Ngân sách nhà nước', en: 'State budget' },
  fdi: { vi: 'Đầu tư trực tiếp nước ngoài', en: 'Foreign direct investment' },
  pci: { vi: 'Năng lực cạnh tranh cấp tỉnh (PCI)', en: 'Provincial Competitiveness Index (PCI)' },
  papi: { vi: 'Quản trị và hành chính công (PAPI)', en: 'Governance (PAPI)' },
  other: { vi: 'Khác', en: 'Other' },
};
type Level = DataParams['level'];

/** The explorer's choices, read from the address, and `set` to change some of them (an empty value removes one). */
function useExplorerParams() {
  const [params, set] = useSearchPatch();
  const periodParam = params.get('period');
  return {
    params,
    set,
    code: params.get('indicator') ?? 'population',
    level: (params.get('level') as Level) ?? 'province',
    at: params.get('at') === DATE_63 ? DATE_63 : DATE_34,
    grouping: params.get('grouping') ?? undefined,
    tab: (params.get('tab') as GrapherTab | null) ?? undefined,
    period: periodParam ? Number(periodParam) : undefined,
    release: params.get('release') ? Number(params.get('release')) : undefined,
  };
}
type ExplorerParams = ReturnType<typeof useExplorerParams>;

/** For a region or grouping level: the group each province belongs to (the map colours provinces by their group). */
function memberOfGroups(level: Level, groupings: Grouping[] | undefined, grouping: string | undefined) {
  if (level === 'province') return undefined;
  const m = new Map<string, string>();
  if (level === 'region')
    for (const g of groupings?.filter((x) => x.type === 'region') ?? [])
      for (const c of g.memberCodes) m.set(c, g.code);
  else if (level === 'grouping') {
    const g = groupings?.find((x) => x.id === grouping);
    for (const c of g?.memberCodes ?? []) m.set(c, g?.code ?? '');
  }
  return m;
}

/** The catalogue as select options, grouped by topic, each with its years. */
function indicatorOptions(items: Indicator[], pick: (vi: string, en: string) => string) {
  const years = (i: Indicator) =>
    i.periods.length > 1
      ? ` (${i.periods[0]}–${i.periods[i.periods.length - 1]})`
      : i.periods.length
        ? ` (${i.periods[0]})`
        : '';
  return TOPIC_ORDER.map((topic) => ({
    group: pick(TOPICS[topic].vi, TOPICS[topic].en),
    items: items
      .filter((i) => (TOPICS[i.topic] ? i.topic : 'other') === topic)
      .map((i) => ({ value: i.code, label: `${pick(i.nameVi, i.nameEn)}${years(i)}` })),
  })).filter((g) => g.items.length);
}

/**
 * The download addresses of what is shown: CSV and XLSX from /data, the vi-VN CSV flavour, SDMX from /sdmx/data;
 * for the period shown (the latest if none is chosen) or every period.
 */
function downloadLinks(
  query: DataParams | null,
  period: number | undefined,
  data: DataResponse | undefined,
  lang: string,
) {
  const scoped = (q: DataParams, scope: 'period' | 'all') =>
    scope === 'period' ? { ...q, period: period ?? (data?.query.periods.at(-1) as number) } : q;
  return {
    downloadUrl: (format: 'csv' | 'xlsx', scope: 'period' | 'all') =>
      query ? `/api/v1/data?${dataQueryString(scoped(query, scope), { format, lang })}` : '',
    exchangeUrl: (format: ExchangeFormat, scope: 'period' | 'all') => {
      if (!query) return '';
      const p = scoped(query, scope);
      if (format === 'csv-vi') return `/api/v1/data?${dataQueryString(p, { format: 'csv', dialect: 'vi-VN', lang })}`;
      return `/api/v1/sdmx/data?${dataQueryString(p, { format: format === 'sdmx-csv' ? 'csv' : 'json' })}`;
    },
  };
}

/** The choices: indicator, level, geography (34 or 63 provinces) and, for the grouping level, which grouping. */
function ExplorerControls({
  p,
  indicators,
  groupings,
}: {
  p: ExplorerParams;
  indicators: Indicator[];
  groupings: Grouping[];
}) {
  const t = useDict(STATS);
  const { pick } = useI18n();
  const { code, level, at, grouping, set } = p;
  const options = useMemo(() => indicatorOptions(indicators, pick), [indicators, pick]);
  const groupingOptions = groupings
    .filter((g) => g.type !== 'region')
    .map((g) => ({ value: g.id, label: pick(g.nameVi, g.nameEn) }));
  return (
    <Card withBorder padding="sm">
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Select
            label={t('indicator')}
            data={options}
            value={code}
            searchable
            nothingFoundMessage="—"
            placeholder={t('searchIndicator')}
            onChange={(v) => v && set({ indicator: v, period: null })}
            data-testid="indicator-select"
            maxDropdownHeight={420}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 'content' }}>
          <Text size="sm" fw={500} mb={4}>
            {t('level')}
          </Text>
          <SegmentedControl
            data-testid="level-switch"
            value={level}
            onChange={(v) =>
              set({
                level: v,
                grouping: v === 'grouping' ? (grouping ?? groupingOptions[0]?.value ?? null) : null,
                period: null,
              })
            }
            data={[
              { value: 'province', label: t('levelProvince') },
              { value: 'region', label: t('levelRegion') },
              { value: 'national', label: t('levelNational') },
              { value: 'commune', label: t('levelCommune') },
              { value: 'grouping', label: t('levelGrouping') },
            ]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 'content' }}>
          <Text size="sm" fw={500} mb={4}>
            {t('geography')}
          </Text>
          <SegmentedControl
            data-testid="geography-switch"
            value={at}
            onChange={(v) =>
              set({
                at: v === DATE_34 ? null : v,
                grouping: null,
                period: null,
                level: level === 'commune' && v === DATE_63 ? 'province' : level,
              })
            }
            data={[
              { value: DATE_34, label: t('geo34') },
              { value: DATE_63, label: t('geo63') },
            ]}
          />
        </Grid.Col>
        {level === 'grouping' && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('grouping')}
              data={groupingOptions}
              value={grouping ?? null}
              onChange={(v) => set({ grouping: v })}
              searchable
            />
          </Grid.Col>
        )}
      </Grid>
    </Card>
  );
}

/** At commune level (one year at a time): a button per year of the indicator. */
function CommunePeriods({
  periods,
  current,
  onPick,
}: {
  periods: number[];
  current?: number;
  onPick: (p: number) => void;
}) {
  const t = useDict(STATS);
  if (periods.length < 2) return null;
  return (
    <Group gap={4} mt="xs">
      <Text size="sm">{t('period')}:</Text>
      {periods.map((p) => (
        <Button key={p} size="compact-xs" variant={p === current ? 'filled' : 'default'} onClick={() => onPick(p)}>
          {p}
        </Button>
      ))}
    </Group>
  );
}

/** The heading, with the datasets and (for those who may) the import beside it. */
function ExplorerHeading() {
  const t = useDict(STATS);
  const me = useMe();
  const canImport =
    me.data && (me.data.role === 'admin' || (me.data.role === 'reporter' && me.data.organisation.kind === 'province'));
  return (
    <Group justify="space-between" align="flex-end">
      <PageHeading title={t('explorerTitle')} lead={t('explorerHint')} />
      <Group gap="xs">
        <Button component={Link} to="/data/datasets" variant="default" size="xs">
          {t('datasets')}
        </Button>
        {canImport && (
          <Button component={Link} to="/data/import" size="xs">
            {t('importData')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

/**
 * The public data explorer: pick an indicator, a level (province, region, national, commune, any grouping), the
 * geography (34 provinces of today or the 63 before 2025-07-01) and a year; see the grapher block (chart, choropleth,
 * table) with source and method, and download what is shown. All choices live in the URL, so a view can be shared.
 */
export function ExplorerPage() {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const navigate = useNavigate();
  const p = useExplorerParams();
  const { code, level, at, grouping, period, set } = p;
  const indicators = useIndicators();
  const indicator = indicators.data?.items.find((i) => i.code === code);
  const groupings = useGroupings(at);
  const topo = useBoundaries(at);
  // Commune level: one year at a time (3,321 rows per year); other levels: every year at once, asked for at once.
  const communePeriod = period ?? indicator?.periods[indicator.periods.length - 1];
  const query = explorerDataParams(p.params, indicator);
  const data = useData(query);
  const memberOf = useMemo(
    () => (data.data ? memberOfGroups(level, groupings.data?.items, grouping) : undefined),
    [data.data, level, groupings.data, grouping],
  );
  const links = downloadLinks(query, period, data.data, lang);
  const error = data.error instanceof ApiError ? data.error.text(lang) : data.error ? String(data.error) : null;
  return (
    <Stack gap="md">
      <ExplorerHeading />
      <ExplorerControls p={p} indicators={indicators.data?.items ?? []} groupings={groupings.data?.items ?? []} />
      {p.release !== undefined && (
        <Alert color="grape" data-testid="as-published">
          {t('asPublishedBanner')} #{p.release}.{' '}
          <Anchor component="button" size="sm" onClick={() => set({ release: null })}>
            {t('showCurrent')}
          </Anchor>
        </Alert>
      )}
      {error && (
        <Alert color="orange" title={t('noData')}>
          {error}
        </Alert>
      )}
      {!indicator || (data.isLoading && !data.data) ? (
        <Group justify="center" h={300}>
          <Loader />
        </Group>
      ) : data.data && data.data.rows.length === 0 ? (
        <Alert color="gray">{t('noDataForSelection')}</Alert>
      ) : data.data ? (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 9 }}>
            <Grapher
              data={data.data}
              topology={topo.data ?? null}
              memberOf={memberOf}
              period={level === 'commune' ? communePeriod : period}
              onPeriodChange={(x) => set({ period: String(x) })}
              tab={p.tab}
              onTabChange={(v) => set({ tab: v })}
              downloadUrl={links.downloadUrl}
              exchangeUrl={links.exchangeUrl}
              onProvinceClick={(c) => navigate(`/provinces/${c}${at === DATE_63 ? `?at=${DATE_63}` : ''}`)}
              fileName={`${code}-${level === 'grouping' ? grouping : level}-${at}`}
            />
            {level === 'commune' && (
              <CommunePeriods
                periods={indicator.periods}
                current={communePeriod}
                onPick={(x) => set({ period: String(x) })}
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 3 }}>
            <IndicatorCard indicator={indicator} />
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  );
}

/** What the indicator is, in which unit, how it aggregates, and where it comes from. */
function IndicatorCard({ indicator }: { indicator: Indicator }) {
  const t = useDict(STATS);
  const { pick, lang } = useI18n();
  const rule = pick(indicator.ruleVi, indicator.ruleEn);
  return (
    <Card withBorder padding="sm" data-testid="indicator-card">
      <Stack gap={6}>
        <Text fw={600}>{pick(indicator.nameVi, indicator.nameEn)}</Text>
        <Group gap={4}>
          <Badge variant="light" tt="none" title={t('apiCodeHint')}>
            {t('apiCode')} <Code>{indicator.code}</Code>
          </Badge>
          <Badge variant="outline" color="gray">
            {t(indicator.measure)}
          </Badge>
          {indicator.periodicity === 'cumulative' && (
            <Badge variant="outline" color="orange">
              {t('cumulative')}
            </Badge>
          )}
        </Group>
        <Table variant="vertical" fz="xs" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={110}>{t('definition')}</Table.Th>
              <Table.Td>{pick(indicator.definitionVi, indicator.definitionEn) || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('unit')}</Table.Th>
              <Table.Td>{pick(indicator.unitVi, indicator.unitEn)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('rule')}</Table.Th>
              <Table.Td data-testid="indicator-rule">{rule}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('periods')}</Table.Th>
              <Table.Td>{indicator.periods.join(', ') || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('observationCount')}</Table.Th>
              <Table.Td>{formatNumber(indicator.observationCount, lang)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('source')}</Table.Th>
              <Table.Td>{pick(indicator.sourceVi, indicator.sourceEn)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('licence')}</Table.Th>
              <Table.Td>{pick(indicator.licence, indicator.licenceEn) || '—'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Anchor component={Link} to="/data/datasets" size="xs">
          {t('datasets')} →
        </Anchor>
      </Stack>
    </Card>
  );
}

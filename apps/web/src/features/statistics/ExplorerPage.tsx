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
import type { Indicator } from '@regionlink/shared';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { PageHeading } from '../../components/PageHeading';
import { type ExchangeFormat, Grapher, type GrapherTab } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
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

/**
 * The public data explorer: pick an indicator, a level (province, region, national, commune, any grouping), the
 * geography (34 provinces of today or the 63 before 2025-07-01) and a year; see the grapher block (chart, choropleth,
 * table) with source and method, and download what is shown. All choices live in the URL, so a view can be shared.
 */
export function ExplorerPage() {
  const t = useDict(STATS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const indicators = useIndicators();
  const code = params.get('indicator') ?? 'population';
  const level = (params.get('level') as Level) ?? 'province';
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const grouping = params.get('grouping') ?? undefined;
  const tab = (params.get('tab') as GrapherTab | null) ?? undefined;
  const periodParam = params.get('period');
  const release = params.get('release') ? Number(params.get('release')) : undefined;
  const indicator = indicators.data?.items.find((i) => i.code === code);
  const groupings = useGroupings(at);
  const topo = useBoundaries(at);

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  // Commune level: one year at a time (3,321 rows per year); other levels: every year at once, asked for at once.
  const communePeriod = periodParam ? Number(periodParam) : indicator?.periods[indicator.periods.length - 1];
  const query = explorerDataParams(params, indicator);
  const data = useData(query);
  const period = periodParam ? Number(periodParam) : undefined;

  const memberOf = useMemo(() => {
    if (!data.data || level === 'province') return undefined;
    const m = new Map<string, string>();
    if (level === 'region')
      for (const g of groupings.data?.items.filter((x) => x.type === 'region') ?? [])
        for (const c of g.memberCodes) m.set(c, g.code);
    else if (level === 'grouping') {
      const g = groupings.data?.items.find((x) => x.id === grouping);
      for (const c of g?.memberCodes ?? []) m.set(c, g?.code ?? '');
    }
    return m;
  }, [data.data, level, groupings.data, grouping]);

  const indicatorOptions = useMemo(() => {
    const items = indicators.data?.items ?? [];
    return TOPIC_ORDER.map((topic) => ({
      group: pick(TOPICS[topic].vi, TOPICS[topic].en),
      items: items
        .filter((i) => (TOPICS[i.topic] ? i.topic : 'other') === topic)
        .map((i) => ({
          value: i.code,
          label: `${pick(i.nameVi, i.nameEn)}${
            i.periods.length > 1
              ? ` (${i.periods[0]}–${i.periods[i.periods.length - 1]})`
              : i.periods.length
                ? ` (${i.periods[0]})`
                : ''
          }`,
        })),
    })).filter((g) => g.items.length);
  }, [indicators.data, pick]);

  const groupingOptions = (groupings.data?.items ?? [])
    .filter((g) => g.type !== 'region')
    .map((g) => ({ value: g.id, label: pick(g.nameVi, g.nameEn) }));

  const canImport =
    me.data && (me.data.role === 'admin' || (me.data.role === 'reporter' && me.data.organisation.kind === 'province'));
  const downloadUrl = (format: 'csv' | 'xlsx', scope: 'period' | 'all') => {
    if (!query) return '';
    const p = scope === 'period' ? { ...query, period: period ?? (data.data?.query.periods.at(-1) as number) } : query;
    return `/api/v1/data?${dataQueryString(p, { format, lang })}`;
  };
  // vi-VN CSV is the /data download in another flavour; SDMX takes the same query at /sdmx/data.
  const exchangeUrl = (format: ExchangeFormat, scope: 'period' | 'all') => {
    if (!query) return '';
    const p = scope === 'period' ? { ...query, period: period ?? (data.data?.query.periods.at(-1) as number) } : query;
    if (format === 'csv-vi') return `/api/v1/data?${dataQueryString(p, { format: 'csv', dialect: 'vi-VN', lang })}`;
    return `/api/v1/sdmx/data?${dataQueryString(p, { format: format === 'sdmx-csv' ? 'csv' : 'json' })}`;
  };
  const error = data.error instanceof ApiError ? data.error.text(lang) : data.error ? String(data.error) : null;

  return (
    <Stack gap="md">
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

      <Card withBorder padding="sm">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Select
              label={t('indicator')}
              data={indicatorOptions}
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

      {release !== undefined && (
        <Alert color="grape" data-testid="as-published">
          {t('asPublishedBanner')} #{release}.{' '}
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
              onPeriodChange={(p) => set({ period: String(p) })}
              tab={tab}
              onTabChange={(v) => set({ tab: v })}
              downloadUrl={downloadUrl}
              exchangeUrl={exchangeUrl}
              onProvinceClick={(c) => navigate(`/provinces/${c}${at === DATE_63 ? `?at=${DATE_63}` : ''}`)}
              fileName={`${code}-${level === 'grouping' ? grouping : level}-${at}`}
            />
            {level === 'commune' && indicator.periods.length > 1 && (
              <Group gap={4} mt="xs">
                <Text size="sm">{t('period')}:</Text>
                {indicator.periods.map((p) => (
                  <Button
                    key={p}
                    size="compact-xs"
                    variant={p === communePeriod ? 'filled' : 'default'}
                    onClick={() => set({ period: String(p) })}
                  >
                    {p}
                  </Button>
                ))}
              </Group>
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

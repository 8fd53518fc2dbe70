import { Anchor, Box, Card, Group, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { SharesResponse } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { Grapher } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useBoundaries } from '../geo/api';
import { useGroupings } from '../statistics/api';
import { DATE_63, useAnalytics } from './api';
import { ANALYTICS } from './i18n';
import { sharesAsData } from './indexModel';

const SHARE_INDICATORS = ['population', 'area', 'grdp'] as const;
const SHARE_NAMES = {
  population: { vi: 'dân số', en: 'population' },
  area: { vi: 'diện tích', en: 'area' },
  grdp: { vi: 'GRDP', en: 'GRDP' },
} as const;
const BAR = { population: '#1f4e79', area: '#3a8d5c', grdp: '#e07b39' } as const;

/**
 * Each region's share of the national population, area and output (`GET /api/v1/analytics/shares?type=region`),
 * with bars, the method, the sources, and the CSV of the same figures. `highlight` marks one region.
 */
export function SharesCard({ at, highlight, withMap = false }: { at: string; highlight?: string; withMap?: boolean }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const shares = useAnalytics<SharesResponse>('shares', { type: 'region', at, lang });
  const [chartOf, setChartOf] = useState<(typeof SHARE_INDICATORS)[number]>('grdp');
  const groupings = useGroupings(at);
  const topo = useBoundaries(at, withMap && !!shares.data);
  const memberOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of groupings.data?.items ?? [])
      if (g.type === 'region') for (const c of g.memberCodes) m.set(c, g.code);
    return m;
  }, [groupings.data]);
  const chartData = useMemo(
    () =>
      shares.data
        ? sharesAsData(shares.data, chartOf, {
            nameVi: `Tỷ trọng trong ${SHARE_NAMES[chartOf].vi} cả nước`,
            nameEn: `Share of national ${SHARE_NAMES[chartOf].en}`,
            methodVi: ANALYTICS.sharesHint.vi,
            methodEn: ANALYTICS.sharesHint.en,
          })
        : null,
    [shares.data, chartOf],
  );
  const csv = `/api/v1/analytics/shares?${new URLSearchParams({ type: 'region', at, lang, format: 'csv' })}`;
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';
  // While loading, the card holds about the place of its table and figure, so that what is below it does not move.
  if (shares.isLoading)
    return (
      <Card withBorder padding="sm" mih={withMap ? 900 : 500}>
        <Loader size="sm" />
      </Card>
    );
  if (shares.error)
    return (
      <Card withBorder padding="sm" data-testid="shares">
        <Text fw={600}>{t('shares')}</Text>
        <Text size="sm" c="dimmed">
          {shares.error instanceof ApiError && shares.error.problem?.code === 'route_not_found'
            ? t('sharesUnavailable')
            : shares.error instanceof ApiError
              ? shares.error.text(lang)
              : String(shares.error)}
        </Text>
      </Card>
    );
  const d = shares.data!;
  const groups = highlight
    ? [...d.groups].sort((a, b) => (a.id.endsWith(`-${highlight}`) ? -1 : b.id.endsWith(`-${highlight}`) ? 1 : 0))
    : d.groups;
  const maxShare = Object.fromEntries(
    SHARE_INDICATORS.map((i) => [
      i,
      Math.max(0.01, ...d.groups.map((g) => g.figures.find((x) => x.indicator === i)?.share ?? 0)),
    ]),
  );
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v * 100, lang, 1)} %`);
  return (
    <Card withBorder padding="sm" data-testid="shares">
      <Group justify="space-between">
        <Text fw={600}>
          {t('shares')} — {d.query.period}
        </Text>
        <Anchor href={csv} size="xs" data-testid="shares-csv">
          {t('downloadCsv')}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('sharesHint')}
      </Text>
      <Table fz="sm" data-testid="shares-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('region')}</Table.Th>
            {SHARE_INDICATORS.map((i) => (
              <Table.Th key={i} w="24%">
                {t(`share_${i}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => {
            const code = g.id.split('-').pop() ?? g.id;
            const mine = highlight === code;
            return (
              <Table.Tr key={g.id} data-testid="share-row" data-code={code} bg={mine ? 'blue.0' : undefined}>
                <Table.Td>
                  <Anchor component={Link} to={`/analytics/region/${code}${atQs}`} size="sm" fw={mine ? 700 : 400}>
                    {pick(g.nameVi, g.nameEn)}
                  </Anchor>
                </Table.Td>
                {SHARE_INDICATORS.map((i) => {
                  const f = g.figures.find((x) => x.indicator === i);
                  return (
                    <Table.Td key={i} data-testid={`share-${i}`}>
                      <Group gap={6} wrap="nowrap">
                        <Box w={70} h={10} bg="gray.1" style={{ flex: 'none' }}>
                          <Box h={10} w={`${Math.min(100, ((f?.share ?? 0) / maxShare[i]) * 100)}%`} bg={BAR[i]} />
                        </Box>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {pct(f?.share)}
                          {f && f.missing.length > 0 ? ' ≥' : ''}
                        </Text>
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" mt={4}>
        <b>{pick('Tổng cả nước', 'National totals')}:</b>{' '}
        {d.totals
          .map((x) => {
            const ind = d.indicators.find((i) => i.code === x.indicator);
            return `${ind ? pick(ind.nameVi, ind.nameEn) : x.indicator} ${formatNumber(x.total, lang, ind?.decimals ?? 0)} ${ind ? pick(ind.unitVi, ind.unitEn) : ''}${x.derivedCount ? ` (${x.derivedCount} ${t('derivedNote')})` : ''}`;
          })
          .join('; ')}
      </Text>
      <Text size="xs" c="dimmed">
        <b>{pick('Cách tính', 'Method')}:</b> {d.methods.map((m) => pick(m.vi, m.en)).join(' ')}{' '}
        {pick(d.notesVi.join(' '), d.notesEn.join(' '))}
      </Text>
      <Text size="xs" c="dimmed">
        <b>{pick('Nguồn', 'Source')}:</b>{' '}
        {d.datasets.map((x) => `${pick(x.publisher, x.publisherEn)} — ${pick(x.titleVi, x.titleEn)}`).join('; ')}
      </Text>
      {chartData && (
        <Stack gap={4} mt="sm">
          <SegmentedControl
            size="xs"
            value={chartOf}
            onChange={(v) => setChartOf(v as (typeof SHARE_INDICATORS)[number])}
            data={SHARE_INDICATORS.map((i) => ({ value: i, label: t(`share_${i}`) }))}
            data-testid="shares-chart-of"
          />
          <Grapher
            data={chartData}
            topology={withMap ? (topo.data ?? null) : null}
            memberOf={memberOf}
            tabs={withMap ? ['map', 'chart', 'table'] : ['chart', 'table']}
            fileName={`share-${chartOf}-regions-${d.query.period}-${at}`}
            height={withMap ? 420 : 260}
          />
        </Stack>
      )}
    </Card>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { RanksResponse } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { Grapher, type GrapherTab } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useBoundaries, useUnit } from '../geo/api';
import { useGroupings } from '../statistics/api';
import { DATE_34, DATE_63, useAnalytics, useMultiData } from './api';
import { ANALYTICS } from './i18n';
import { KeyFiguresTable } from './KeyFigures';
import { figuresWithRanks, LOWER_RANKED, PROFILE_INDICATORS, regionOf, sliceResponse, sourceLine } from './model';
import { PeersCard } from './PeersCard';

/**
 * A province's analytical profile (public): key figures with the latest value, rank in its region and nationally, a
 * sparkline of the trend and the source of each; the former provinces it was formed from with their figures; the
 * provinces most like it; and the grapher block for one figure across the provinces of its region.
 */
export function ProvinceProfilePage() {
  const { code = '' } = useParams();
  const [params, set] = useSearchPatch();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const unit = useUnit(code, at);
  const groupings = useGroupings(at);
  // The province's own rows (values, trend) and its ranks from the analytics module, fetched side by side.
  const data = useMultiData(PROFILE_INDICATORS, 'province', at, { unit: code });
  const ranks = useAnalytics<RanksResponse>('ranks', {
    indicator: PROFILE_INDICATORS.join(','),
    lower: LOWER_RANKED.join(','),
    unit: code,
    at,
    lang,
  });
  const region = groupings.data ? regionOf(groupings.data.items, code) : null;
  const members = region?.memberCodes ?? [];
  const figures = useMemo(
    () => (data.data ? figuresWithRanks(data.data, ranks.data, code) : []),
    [data.data, ranks.data, code],
  );
  const selected = params.get('indicator') ?? 'grdp_per_capita';
  // The chosen figure for every province, every year, sliced to the region's provinces for the grapher block below
  // (asked at once, without waiting for the region's members; the same request as the region profile's, so cached).
  const regionSeries = useMultiData([selected], 'province', at);
  const [tab, setTab] = useState<GrapherTab>('chart');
  const topo = useBoundaries(at, !!data.data && !!regionSeries.data);

  if (unit.isLoading) return <Loader />;
  if (unit.error)
    return (
      <Alert color="red" title={t('notFound')}>
        {unit.error instanceof ApiError ? unit.error.text(lang) : String(unit.error)}
      </Alert>
    );
  const u = unit.data!;
  const slice =
    regionSeries.data && groupings.data
      ? sliceResponse(regionSeries.data, selected, members.length ? members : [code])
      : null;
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" c="dimmed">
            {t('provinceProfile')}
          </Text>
          <Group gap="sm" align="baseline">
            <Title order={1} size="h2" data-testid="profile-name">
              {pick(u.fullNameVi, u.fullNameEn)}
            </Title>
            <Badge variant="outline">
              {t('code')} {u.code}
            </Badge>
            {region && (
              <Anchor component={Link} to={`/analytics/region/${region.code}${atQs}`} data-testid="profile-region">
                {t('region')}: {pick(region.nameVi, region.nameEn)}
              </Anchor>
            )}
          </Group>
        </div>
        <Group gap="sm">
          <Anchor component={Link} to={`/provinces/${u.code}${atQs}`} size="sm">
            {t('provincePage')}
          </Anchor>
          <SegmentedControl
            size="xs"
            value={at}
            onChange={(v) =>
              navigate(
                `/analytics/province/${v === DATE_63 ? (u.predecessors[0]?.code ?? code) : (u.successors[0]?.code ?? code)}${v === DATE_63 ? `?at=${DATE_63}` : ''}`,
              )
            }
            data={[
              { value: DATE_34, label: t('geo34') },
              { value: DATE_63, label: t('geo63') },
            ]}
            aria-label={t('geography')}
          />
        </Group>
      </Group>

      {data.error instanceof Error && (
        <Alert color="orange" title={t('loadError')}>
          {data.error instanceof ApiError ? data.error.text(lang) : String(data.error)}
        </Alert>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder padding="sm">
            <Text fw={600}>{t('keyFigures')}</Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('keyFiguresHint')}
            </Text>
            {!data.data ? (
              <Loader size="sm" />
            ) : (
              <KeyFiguresTable
                figures={figures}
                selected={selected}
                onSelect={(c) => set({ indicator: c })}
                sourceOf={(f) => (f.row && data.data ? sourceLine(data.data, f.row, pick, t('release')) : '')}
              />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {/* The side cards ask for their data once the key figures are in, so as not to slow them down. */}
            {u.predecessors.length > 0 && data.data && <FormerProvinces codes={u.predecessors.map((p) => p.code)} />}
            {u.successors.length > 0 && (
              <Card withBorder padding="sm" data-testid="successors">
                <Text fw={600} mb="xs">
                  {t('mergedInto')}
                </Text>
                {u.successors.map((s) => (
                  <Anchor key={s.code} component={Link} to={`/analytics/province/${s.code}`} display="block">
                    {pick(s.nameVi, s.nameEn)} ({s.code})
                  </Anchor>
                ))}
              </Card>
            )}
            {data.data && <PeersCard code={u.code} at={at} />}
          </Stack>
        </Grid.Col>
      </Grid>

      {slice && slice.rows.length > 0 && (
        <Stack gap={4}>
          <Text fw={600}>
            {t('compareInRegion')}
            {region ? ` — ${pick(region.nameVi, region.nameEn)}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {t('compareHint')}
          </Text>
          <Grapher
            data={slice}
            topology={topo.data ?? null}
            tabs={['chart', 'table', 'map']}
            tab={tab}
            onTabChange={setTab}
            downloadUrl={(format, scope) => {
              const q = new URLSearchParams({
                indicator: selected,
                level: 'province',
                at,
                unit: (members.length ? members : [code]).join(','),
                format,
                lang,
              });
              if (scope === 'period') q.set('period', String(slice.query.periods.at(-1)));
              return `/api/v1/data?${q}`;
            }}
            onProvinceClick={(c) => navigate(`/analytics/province/${c}${atQs}`)}
            fileName={`${selected}-${u.code}-region-${at}`}
            height={360}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** The former provinces (63-province geography) the province was formed from, with their 2024 figures. */
function FormerProvinces({ codes }: { codes: string[] }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const data = useMultiData(['population', 'area', 'grdp_per_capita'], 'province', DATE_63, {
    period: '2024',
    unit: codes.join(','),
  });
  const value = (unitCode: string, ind: string) =>
    data.data?.rows.find((r) => r.unitCode === unitCode && r.indicator === ind)?.value ?? null;
  const names = new Map(data.data?.rows.map((r) => [r.unitCode, pick(r.unitName, r.unitNameEn)]));
  const sources = data.data?.datasets
    .map((d) => `${pick(d.publisher, d.publisherEn)} — ${pick(d.titleVi, d.titleEn)}`)
    .join('; ');
  return (
    <Card withBorder padding="sm" data-testid="former-provinces">
      <Text fw={600}>
        {t('formedFrom')} ({codes.length})
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('formedFromHint')}
      </Text>
      <Table fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('name')}</Table.Th>
            <Table.Th ta="right">{pick('Dân số', 'Population')}</Table.Th>
            <Table.Th ta="right">km²</Table.Th>
            <Table.Th ta="right">{pick('GRDP/người (tr.đ)', 'GRDP p.c. (m VND)')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {codes.map((c) => (
            <Table.Tr key={c}>
              <Table.Td>
                <Anchor component={Link} to={`/analytics/province/${c}?at=${DATE_63}`} size="xs">
                  {names.get(c) ?? c}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(value(c, 'population'), lang)}</Table.Td>
              <Table.Td ta="right">{formatNumber(value(c, 'area'), lang)}</Table.Td>
              <Table.Td ta="right">{formatNumber(value(c, 'grdp_per_capita'), lang, 1)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {sources && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('source')}: {sources}
        </Text>
      )}
    </Card>
  );
}

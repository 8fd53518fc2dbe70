import {
  Alert,
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { Grapher } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useBoundaries } from '../geo/api';
import { useGroupings } from '../statistics/api';
import { DATE_34, DATE_63, useMultiData, useProfileData } from './api';
import { ANALYTICS } from './i18n';
import { KeyFiguresTable } from './KeyFigures';
import { keyFigures, PROFILE_INDICATORS, sliceResponse, sourceLine } from './model';
import { SharesCard } from './SharesCard';

/**
 * A region's profile (public): its key figures with its rank among the regions and sparklines, its shares of the
 * national population, area and output, its provinces ranked on a chosen indicator, and the grapher block (trend,
 * map, table, downloads) of that indicator over its provinces.
 */
export function RegionProfilePage() {
  const { code = '' } = useParams();
  const [params, patch] = useSearchPatch();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const groupings = useGroupings(at);
  const regions = groupings.data?.items.filter((g) => g.type === 'region') ?? [];
  const region = regions.find((g) => g.code === code);
  const members = region?.memberCodes ?? [];
  const regionData = useProfileData(PROFILE_INDICATORS, 'region', at, code);
  const selected = params.get('indicator') ?? 'grdp_per_capita';
  // The chosen indicator for every province, every year: ranks in the region and nationally, and the grapher block.
  const provinceData = useMultiData([selected], 'province', at);
  const topo = useBoundaries(at, !!regionData.data && !!provinceData.data);
  const set = (k: string, v: string | null) => patch({ [k]: v });
  const figures = useMemo(
    () =>
      regionData.data
        ? keyFigures(regionData.data, code, []).map((f) =>
            // Until the other regions' rows are in, a rank would be "1 of 1": show none.
            regionData.ranksReady ? f : { ...f, nationalRank: null, nationalOf: 0 },
          )
        : [],
    [regionData.data, regionData.ranksReady, code],
  );
  const ranked = useMemo(() => {
    if (!provinceData.data) return null;
    const figs = members.map((m) => ({
      code: m,
      fig: keyFigures(sliceResponse(provinceData.data, selected), m, members)[0],
    }));
    return figs
      .filter((f) => f.fig?.row)
      .sort((a, b) => (b.fig.row?.value ?? 0) - (a.fig.row?.value ?? 0))
      .map((f) => f.fig && { code: f.code, ...f.fig });
  }, [provinceData.data, members, selected]);
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';

  if (groupings.isLoading) return <Loader />;
  if (!region)
    return (
      <Alert color="red" title={t('notFound')}>
        {code}
      </Alert>
    );
  const slice = provinceData.data ? sliceResponse(provinceData.data, selected, members) : null;
  const indicatorOptions = (regionData.data?.indicators ?? []).map((i) => ({
    value: i.code,
    label: pick(i.nameVi, i.nameEn),
  }));
  const sel = provinceData.data?.indicators.find((i) => i.code === selected);
  const memberOf = new Map(members.map((m) => [m, m]));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" c="dimmed">
            {t('regionProfile')} ·{' '}
            <Anchor component={Link} to={`/analytics${atQs}`} size="sm">
              {t('nationalDashboard')}
            </Anchor>
          </Text>
          <Group gap="sm" align="baseline">
            <Title order={1} size="h2" data-testid="profile-name">
              {pick(region.nameVi, region.nameEn)}
            </Title>
            <Badge variant="outline">
              {members.length} {t('provinces')}
            </Badge>
          </Group>
        </div>
        <Group gap="sm">
          <Select
            size="xs"
            data={regions.map((r) => ({ value: r.code, label: pick(r.nameVi, r.nameEn) }))}
            value={code}
            onChange={(v) => v && navigate(`/analytics/region/${v}${atQs}`)}
            aria-label={t('region')}
            w={280}
          />
          <SegmentedControl
            size="xs"
            value={at}
            onChange={(v) => navigate(`/analytics${v === DATE_63 ? `?at=${DATE_63}` : ''}`)}
            data={[
              { value: DATE_34, label: t('geo34') },
              { value: DATE_63, label: t('geo63') },
            ]}
            aria-label={t('geography')}
          />
        </Group>
      </Group>
      {regionData.error instanceof Error && (
        <Alert color="orange" title={t('loadError')}>
          {regionData.error instanceof ApiError ? regionData.error.text(lang) : String(regionData.error)}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="sm">
            <Text fw={600}>{t('keyFigures')}</Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('keyFiguresHint')} {t('rankNational')} = {t('rankAmongRegions').toLowerCase()}.
            </Text>
            {!regionData.data ? (
              <Loader size="sm" />
            ) : (
              <KeyFiguresTable
                figures={figures}
                selected={selected}
                onSelect={(c) => set('indicator', c)}
                sourceOf={(f) =>
                  f.row && regionData.data ? sourceLine(regionData.data, f.row, pick, t('release')) : ''
                }
                regionRank={false}
              />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <SharesCard at={at} highlight={code} />
            <Card withBorder padding="sm" data-testid="provinces-ranked">
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t('provincesRanked')}</Text>
                <Select
                  size="xs"
                  data={indicatorOptions}
                  value={selected}
                  onChange={(v) => v && set('indicator', v)}
                  aria-label={t('chooseIndicator')}
                  w={240}
                />
              </Group>
              {!ranked || !sel ? (
                <Loader size="sm" />
              ) : (
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('rankRegion')}</Table.Th>
                      <Table.Th>{t('name')}</Table.Th>
                      <Table.Th ta="right">
                        {t('value')} ({pick(sel.unitVi, sel.unitEn)})
                      </Table.Th>
                      <Table.Th ta="right">{t('rankNational')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {ranked.map((r) => (
                      <Table.Tr key={r.code} data-testid="ranked-province" data-code={r.code}>
                        <Table.Td>{r.regionRank}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/analytics/province/${r.code}${atQs}`} size="sm">
                            {r.row ? pick(r.row.unitName, r.row.unitNameEn) : r.code}
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right">
                          {formatNumber(r.row?.value, lang, sel.decimals)}{' '}
                          <Text span size="xs" c="dimmed">
                            ({r.period})
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          {r.nationalRank}/{r.nationalOf}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {slice && slice.rows.length > 0 && (
        <Grapher
          data={slice}
          topology={topo.data ?? null}
          memberOf={memberOf}
          tabs={['chart', 'map', 'table']}
          downloadUrl={(format, scope) => {
            const q = new URLSearchParams({
              indicator: selected,
              level: 'province',
              at,
              unit: members.join(','),
              format,
              lang,
            });
            if (scope === 'period') q.set('period', String(slice.query.periods.at(-1)));
            return `/api/v1/data?${q}`;
          }}
          onProvinceClick={(c) => members.includes(c) && navigate(`/analytics/province/${c}${atQs}`)}
          fileName={`${selected}-${code}-${at}`}
          height={380}
        />
      )}
    </Stack>
  );
}

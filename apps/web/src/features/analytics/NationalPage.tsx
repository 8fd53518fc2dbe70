import {
  Alert,
  Anchor,
  Box,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { PageHeading } from '../../components/PageHeading';
import { Grapher } from '../../components/grapher/Grapher';
import { ApiError } from '../../lib/api';
import { sortVi } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useBoundaries, useUnits } from '../geo/api';
import { useGroupings } from '../statistics/api';
import { DATE_34, DATE_63, useMultiData } from './api';
import { ANALYTICS } from './i18n';
import { KeyFiguresSkeleton, KeyFiguresTable } from './KeyFigures';
import { keyFigures, PROFILE_INDICATORS, sliceResponse, sourceLine } from './model';
import { SharesCard } from './SharesCard';

/**
 * The national dashboard (public): the nation's key figures with sparklines and sources, each region's shares of
 * population, area and output, the grapher block by region (trend, map, table, downloads), and the way into the
 * region and province profiles and the other analyses.
 */
export function NationalPage() {
  const [params, patch] = useSearchPatch();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const national = useMultiData(PROFILE_INDICATORS, 'national', at);
  const selected = params.get('indicator') ?? 'grdp_per_capita';
  // The chosen indicator for the six regions, every year (the grapher block).
  const regionData = useMultiData([selected], 'region', at);
  const groupings = useGroupings(at);
  const units = useUnits(at);
  const topo = useBoundaries(at, !!national.data && !!regionData.data);
  const set = (k: string, v: string | null) => patch({ [k]: v });
  const nationCode = national.data?.rows[0]?.unitCode ?? '';
  const figures = useMemo(
    () => (national.data ? keyFigures(national.data, nationCode, []) : []),
    [national.data, nationCode],
  );
  const regions = groupings.data?.items.filter((g) => g.type === 'region') ?? [];
  const memberOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of regions) for (const c of g.memberCodes) m.set(c, g.code);
    return m;
  }, [regions]);
  const slice = regionData.data ? sliceResponse(regionData.data, selected) : null;
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';
  const provinceOptions = sortVi(
    (units.data?.items ?? []).map((u) => ({ value: u.code, label: pick(u.nameVi, u.nameEn) })),
    (o) => o.label,
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <PageHeading title={t('nationalDashboard')} lead={t('nationalHint')} testId="profile-name" />
        <Group gap="sm">
          <Select
            size="xs"
            searchable
            data={provinceOptions}
            placeholder={t('openProvince')}
            onChange={(v) => v && navigate(`/analytics/province/${v}${atQs}`)}
            aria-label={t('openProvince')}
            w={240}
            data-testid="province-picker"
          />
          <SegmentedControl
            size="xs"
            value={at}
            onChange={(v) => set('at', v === DATE_63 ? DATE_63 : null)}
            data={[
              { value: DATE_34, label: t('geo34') },
              { value: DATE_63, label: t('geo63') },
            ]}
            aria-label={t('geography')}
          />
        </Group>
      </Group>
      {national.error instanceof Error && (
        <Alert color="orange" title={t('loadError')}>
          {national.error instanceof ApiError ? national.error.text(lang) : String(national.error)}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('keyFigures')} — {t('national')}
            </Text>
            {!national.data ? (
              <KeyFiguresSkeleton rows={PROFILE_INDICATORS.length} />
            ) : (
              <KeyFiguresTable
                figures={figures}
                selected={selected}
                onSelect={(c) => set('indicator', c)}
                sourceOf={(f) => (f.row ? sourceLine(national.data, f.row, pick, t('release')) : '')}
                regionRank={false}
                nationalRank={false}
              />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }} className="rl-later">
          <Stack gap="md">
            <SharesCard at={at} withMap />
            <Card withBorder padding="sm">
              <Text fw={600} mb="xs">
                {t('otherPages')}
              </Text>
              <SimpleGrid cols={2} spacing={4}>
                {regions.map((r) => (
                  <Anchor key={r.id} component={Link} to={`/analytics/region/${r.code}${atQs}`} size="sm">
                    {pick(r.nameVi, r.nameEn)}
                  </Anchor>
                ))}
                <Anchor component={Link} to="/analytics/index" size="sm">
                  {t('navIndex')} →
                </Anchor>
                <Anchor component={Link} to="/analytics/disparities" size="sm">
                  {t('navDisparities')} →
                </Anchor>
              </SimpleGrid>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {slice && slice.rows.length > 0 && (
        <Box className="rl-later">
          <Grapher
            data={slice}
            topology={topo.data ?? null}
            memberOf={memberOf}
            tabs={['chart', 'map', 'table']}
            downloadUrl={(format, scope) => {
              const q = new URLSearchParams({ indicator: selected, level: 'region', at, format, lang });
              if (scope === 'period') q.set('period', String(slice.query.periods.at(-1)));
              return `/api/v1/data?${q}`;
            }}
            onProvinceClick={(c) => memberOf.get(c) && navigate(`/analytics/region/${memberOf.get(c)}${atQs}`)}
            fileName={`${selected}-region-${at}`}
            height={400}
          />
        </Box>
      )}
    </Stack>
  );
}

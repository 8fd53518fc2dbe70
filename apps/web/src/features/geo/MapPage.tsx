import { Anchor, Badge, Card, Grid, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageHeading } from '../../components/PageHeading';
import { ProvinceMap, ProvinceMapPlaceholder } from '../../components/ProvinceMap';
import { formatNumber } from '../../lib/format';
import { DATE_34, DATE_63, useBoundaries, useRegions, useUnits } from './api';
import { NO_REGION, REGION_COLORS } from './regionColors';

/** Home page: the provinces coloured by region, for the geography of 2025 (34) or before it (63). */
export function MapPage() {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const units = useUnits(at);
  const regions = useRegions(at);
  const topo = useBoundaries(at);

  const regionOf = useMemo(() => {
    const m = new Map<string, { code: string; nameVi: string; nameEn: string }>();
    for (const g of regions.data?.items ?? []) for (const c of g.memberCodes) m.set(c, g);
    return m;
  }, [regions.data]);
  const unitByCode = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.code, u])), [units.data]);
  const regionRows = useMemo(
    () =>
      (regions.data?.items ?? []).map((g) => ({
        ...g,
        area: g.memberCodes.reduce((s, c) => s + (unitByCode.get(c)?.areaKm2 ?? 0), 0),
      })),
    [regions.data, unitByCode],
  );

  const ready = units.data && regions.data && topo.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <PageHeading title={t('mapTitle')} lead={t('clickHint')} />
        <SegmentedControl
          data-testid="vintage-switch"
          value={at}
          onChange={(v) => setParams(v === DATE_34 ? {} : { at: v })}
          data={[
            { value: DATE_34, label: t('vintage34') },
            { value: DATE_63, label: t('vintage63') },
          ]}
        />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="xs">
            {!ready ? (
              <ProvinceMapPlaceholder />
            ) : (
              <ProvinceMap
                topology={topo.data}
                ariaLabel={pick(
                  `Bản đồ ${units.data.items.length} tỉnh, thành`,
                  `Map of ${units.data.items.length} provinces`,
                )}
                fill={(code) => REGION_COLORS[regionOf.get(code)?.code ?? ''] ?? NO_REGION}
                onSelect={(code) => navigate(`/provinces/${code}${at === DATE_63 ? `?at=${DATE_63}` : ''}`)}
                labels={{
                  hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
                  truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
                }}
                hoverCard={(code) => {
                  const u = unitByCode.get(code);
                  const r = regionOf.get(code);
                  if (!u) return code;
                  return (
                    <>
                      <Text fw={600} size="sm">
                        {pick(u.fullNameVi, u.fullNameEn)} ({u.code})
                      </Text>
                      <Text size="xs">
                        {t('region')}: {r ? pick(r.nameVi, r.nameEn) : '—'}
                      </Text>
                      <Text size="xs">
                        {t('area')}: {formatNumber(u.areaKm2, lang, 2)} km²
                      </Text>
                    </>
                  );
                }}
              />
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t('islandsNote')}
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t('legendRegions')}</Text>
                <Badge variant="light" data-testid="unit-count">
                  {units.data?.items.length ?? '…'} {t('provinces')}
                </Badge>
              </Group>
              <Table striped withTableBorder={false} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('region')}</Table.Th>
                    <Table.Th ta="right">{t('provinceCount')}</Table.Th>
                    <Table.Th ta="right">{t('area')} (km²)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {regionRows.map((g) => (
                    <Table.Tr key={g.id}>
                      <Table.Td>
                        <Group gap={8} wrap="nowrap">
                          <span
                            style={{
                              width: 14,
                              height: 14,
                              borderRadius: 3,
                              background: REGION_COLORS[g.code] ?? NO_REGION,
                              display: 'inline-block',
                              flex: 'none',
                            }}
                          />
                          {pick(g.nameVi, g.nameEn)}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{g.memberCodes.length}</Table.Td>
                      <Table.Td ta="right">{formatNumber(g.area, lang, 0)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed" mt="xs">
                {t('source')}:{' '}
                {at === DATE_34
                  ? pick(
                      'Vùng theo Quy hoạch tổng thể quốc gia điều chỉnh (NQ 252/2025/QH15); diện tích chính thức.',
                      'Regions per the adjusted National Master Plan (Res. 252/2025/QH15); official areas.',
                    )
                  : pick(
                      '6 vùng kinh tế - xã hội (NQ 81/2023/QH15); diện tích NSO 2024.',
                      'Six socio-economic regions (Res. 81/2023/QH15); areas NSO 2024.',
                    )}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm">
                <Anchor component={Link} to={`/provinces${at === DATE_63 ? `?at=${DATE_63}` : ''}`}>
                  {t('navProvinces')} →
                </Anchor>
              </Text>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

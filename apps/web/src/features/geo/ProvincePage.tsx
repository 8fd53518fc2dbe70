import { Alert, Anchor, Badge, Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { COMPARE } from '../compare/i18n';
import { ProvinceMap } from '../../components/ProvinceMap';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { DATE_34, DATE_63, useBoundaries, useUnit } from './api';
import { NO_REGION, REGION_COLORS } from './regionColors';

/** A province's page: names, type, area, region, seat, and the former provinces it was formed from (or merged into). */
export function ProvincePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const { t, pick, lang } = useI18n();
  const unit = useUnit(code, at);
  const topo = useBoundaries(at);

  if (unit.isLoading) return <Loader />;
  if (unit.error)
    return (
      <Alert color="red" title={t('notFound')}>
        {unit.error instanceof ApiError ? unit.error.text(lang) : String(unit.error)}
      </Alert>
    );
  const u = unit.data!;
  const region = u.groupings.find((g) => g.type === 'region');
  const regionCode = region?.id.split('-').pop() ?? '';
  const otherAt = at === DATE_34 ? DATE_63 : DATE_34;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={at === DATE_63 ? `/?at=${DATE_63}` : '/'} size="sm">
        {t('backToMap')}
      </Anchor>
      <Group gap="sm" align="baseline">
        <Title order={1} size="h2" data-testid="province-name">
          {pick(u.fullNameVi, u.fullNameEn)}
        </Title>
        <Badge variant="outline">
          {t('code')} {u.code}
        </Badge>
        <Badge variant="light" color={u.validTo ? 'gray' : 'blue'}>
          {t('validity')}: {formatDate(u.validFrom)} – {u.validTo ? formatDate(u.validTo) : pick('nay', 'now')}
        </Badge>
        <Anchor
          component={Link}
          to={`/analytics/province/${u.code}${at === DATE_63 ? `?at=${DATE_63}` : ''}`}
          data-testid="open-profile"
        >
          {pick('Hồ sơ phân tích →', 'Analytical profile →')}
        </Anchor>
        <Anchor component={Link} to={`/compare?units=${u.code}`} data-testid="open-compare">
          {pick(COMPARE.compareLink.vi, COMPARE.compareLink.en)}
        </Anchor>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Table variant="vertical" withTableBorder={false} fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={260}>{t('name')}</Table.Th>
                  <Table.Td>
                    {u.nameVi} / {u.nameEn}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('type')}</Table.Th>
                  <Table.Td>{u.type === 'municipality' ? t('municipality') : t('province')}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('area')}</Table.Th>
                  <Table.Td data-testid="province-area">{formatNumber(u.areaKm2, lang, 2)} km²</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('region')}</Table.Th>
                  <Table.Td>{region ? pick(region.nameVi, region.nameEn) : '—'}</Table.Td>
                </Table.Tr>
                {u.seatVi && (
                  <Table.Tr>
                    <Table.Th>{t('seat')}</Table.Th>
                    <Table.Td>{pick(u.seatVi, seatEn(u.seatVi))}</Table.Td>
                  </Table.Tr>
                )}
                {u.communeCount > 0 && (
                  <Table.Tr>
                    <Table.Th>{t('communes')}</Table.Th>
                    <Table.Td>{formatNumber(u.communeCount, lang)}</Table.Td>
                  </Table.Tr>
                )}
                {u.iso3166 && (
                  <Table.Tr>
                    <Table.Th>ISO 3166-2</Table.Th>
                    <Table.Td>{u.iso3166}</Table.Td>
                  </Table.Tr>
                )}
                {u.groupings.filter((g) => g.type !== 'region').length > 0 && (
                  <Table.Tr>
                    <Table.Th>{t('groupings')}</Table.Th>
                    <Table.Td>
                      {u.groupings
                        .filter((g) => g.type !== 'region')
                        .map((g) => pick(g.nameVi, g.nameEn))
                        .join('; ')}
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="xs">
              {t('source')}: {pick(u.source, u.sourceEn ?? '')}
            </Text>
          </Card>
          {u.predecessors.length > 0 && (
            <Card withBorder mt="md" data-testid="predecessors">
              <Text fw={600} mb="xs">
                {t('formedFrom')} ({u.predecessors.length})
              </Text>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('code')}</Table.Th>
                    <Table.Th>{t('name')}</Table.Th>
                    <Table.Th>{t('validity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {u.predecessors.map((p) => (
                    <Table.Tr key={p.code}>
                      <Table.Td>{p.code}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/provinces/${p.code}?at=${otherAt}`}>
                          {pick(p.nameVi, p.nameEn)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {formatDate(p.validFrom)} – {formatDate(p.validTo)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
          {u.successors.length > 0 && (
            <Card withBorder mt="md" data-testid="successors">
              <Text fw={600} mb="xs">
                {t('mergedInto')}
              </Text>
              {u.successors.map((s) => (
                <Anchor key={s.code} component={Link} to={`/provinces/${s.code}`} display="block">
                  {pick(s.nameVi, s.nameEn)} ({s.code})
                </Anchor>
              ))}
            </Card>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="xs">
            {topo.data ? (
              <ProvinceMap
                topology={topo.data}
                height={560}
                ariaLabel={pick(`Vị trí ${u.nameVi}`, `Location of ${u.nameEn}`)}
                selected={u.code}
                fill={(c) => (c === u.code ? (REGION_COLORS[regionCode] ?? '#1f4e79') : NO_REGION)}
                labels={{ hoangSa: pick('QĐ. Hoàng Sa', 'Hoang Sa'), truongSa: pick('QĐ. Trường Sa', 'Truong Sa') }}
              />
            ) : (
              <Loader />
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The seat in English: the data writes "Town (Province cũ)", the former province that the town was the seat of. */
function seatEn(seatVi: string): string {
  const m = /^(.*) \((.*) cũ\)$/u.exec(seatVi);
  return m ? `${m[1]} (former ${m[2]})` : seatVi;
}

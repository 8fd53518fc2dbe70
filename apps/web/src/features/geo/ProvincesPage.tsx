import { Anchor, Card, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { foldVi } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatNumber, sortVi } from '../../lib/format';
import { DATE_34, DATE_63, useRegions, useUnits } from './api';

/** All provinces of a vintage, in Vietnamese alphabetical order, with region and area. */
export function ProvincesPage() {
  const { t, pick, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const [q, setQ] = useState('');
  const units = useUnits(at);
  const regions = useRegions(at);
  const rows = useMemo(() => {
    const regionOf = new Map<string, string>();
    for (const g of regions.data?.items ?? []) for (const c of g.memberCodes) regionOf.set(c, pick(g.nameVi, g.nameEn));
    const needle = foldVi(q);
    const list = (units.data?.items ?? [])
      .filter((u) => !needle || foldVi(u.nameVi).includes(needle) || u.code.includes(needle))
      .map((u) => ({ ...u, region: regionOf.get(u.code) ?? '—' }));
    // sort by the name shown, so 'Ho Chi Minh City' sits under H on the English page
    return sortVi(list, (u) => pick(u.nameVi, u.nameEn));
  }, [units.data, regions.data, q, pick]);
  const total = rows.reduce((s, r) => s + (r.areaKm2 ?? 0), 0);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('navProvinces')}
        </Title>
        <SegmentedControl
          value={at}
          onChange={(v) => setParams(v === DATE_34 ? {} : { at: v })}
          data={[
            { value: DATE_34, label: t('vintage34') },
            { value: DATE_63, label: t('vintage63') },
          ]}
        />
      </Group>
      <TextInput
        placeholder={t('search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={360}
        aria-label={t('search')}
      />
      <Card withBorder padding={0}>
        <Table striped highlightOnHover fz="sm" data-testid="provinces-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('code')}</Table.Th>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t('type')}</Table.Th>
              <Table.Th>{t('region')}</Table.Th>
              <Table.Th ta="right">{t('area')} (km²)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.code}>
                <Table.Td>{u.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/provinces/${u.code}${at === DATE_63 ? `?at=${DATE_63}` : ''}`}>
                    {pick(u.nameVi, u.nameEn)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{u.type === 'municipality' ? t('municipality') : t('province')}</Table.Td>
                <Table.Td>{u.region}</Table.Td>
                <Table.Td ta="right">{formatNumber(u.areaKm2, lang, 2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={4}>
                {t('total')}: {rows.length} {t('provinces')}
              </Table.Th>
              <Table.Th ta="right">{formatNumber(total, lang, 2)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Card>
      <Text size="xs" c="dimmed">
        {t('source')}:{' '}
        {pick(
          'Mã theo Công văn 915/CTK-CSCL; diện tích chính thức (34 đơn vị) và NSO 2024 (63 đơn vị).',
          'Codes per Official Letter 915/CTK-CSCL; official areas (34 units) and NSO 2024 (63 units).',
        )}
      </Text>
    </Stack>
  );
}

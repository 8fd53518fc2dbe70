import { Alert, Anchor, Card, Group, Loader, MultiSelect, Table, Text } from '@mantine/core';
import type { PeersResponse } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useIndicators } from '../statistics/api';
import { DATE_63, useAnalytics } from './api';
import { ANALYTICS } from './i18n';
import { DEFAULT_PEER_INDICATORS, PROFILE_INDICATORS } from './model';

/** Skewed positive figures compared on a log scale. */
const LOG_SCALE = new Set(['population', 'area', 'population_density', 'grdp_per_capita', 'budget_revenue']);

/**
 * "Provinces most like this one" (`GET /api/v1/analytics/peers`) on indicators the user picks; the year is the latest
 * one in which every chosen indicator has data.
 */
export function PeersCard({ code, at }: { code: string; at: string }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const indicators = useIndicators();
  const [chosen, setChosen] = useState<string[]>(DEFAULT_PEER_INDICATORS);
  const options = useMemo(
    () =>
      (indicators.data?.items ?? [])
        .filter((i) => (PROFILE_INDICATORS as readonly string[]).includes(i.code))
        .map((i) => ({ value: i.code, label: pick(i.nameVi, i.nameEn) })),
    [indicators.data, pick],
  );
  const period = useMemo(() => {
    const lists = chosen.map((c) => indicators.data?.items.find((i) => i.code === c)?.periods ?? []);
    if (!lists.length || !indicators.data) return null;
    const common = lists[0].filter((p) => lists.every((l) => l.includes(p)));
    return common.length ? Math.max(...common) : null;
  }, [chosen, indicators.data]);
  const params =
    chosen.length && period !== null
      ? {
          unit: code,
          indicators: chosen.join(','),
          log: chosen.filter((c) => LOG_SCALE.has(c)).join(',') || undefined,
          at,
          period: String(period),
          limit: '5',
          lang,
        }
      : null;
  const peers = useAnalytics<PeersResponse>('peers', params);
  const notThere = peers.error instanceof ApiError && peers.error.problem?.code === 'route_not_found';
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';
  return (
    <Card withBorder padding="sm" data-testid="peers">
      <Group justify="space-between">
        <Text fw={600}>{t('peers')}</Text>
        {peers.data && params && (
          <Anchor
            size="xs"
            href={`/api/v1/analytics/peers?${new URLSearchParams(
              Object.entries({ ...params, format: 'csv' }).filter((e): e is [string, string] => e[1] !== undefined),
            )}`}
          >
            {t('downloadCsv')}
          </Anchor>
        )}
      </Group>
      <MultiSelect
        size="xs"
        mt={4}
        label={t('peersIndicators')}
        data={options}
        value={chosen}
        onChange={setChosen}
        maxValues={6}
        data-testid="peers-indicators"
      />
      {period !== null && (
        <Text size="xs" c="dimmed" mt={2}>
          {t('year')} {period}
        </Text>
      )}
      {chosen.length === 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('pickAtLeastOne')}
        </Text>
      ) : peers.isLoading ? (
        <Loader size="sm" mt="xs" />
      ) : notThere ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('peersUnavailable')}
        </Text>
      ) : peers.error ? (
        <Alert color="orange" mt="xs" p="xs">
          {peers.error instanceof ApiError ? peers.error.text(lang) : String(peers.error)}
        </Alert>
      ) : peers.data ? (
        <>
          <Table fz="xs" mt="xs" data-testid="peers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th ta="right">{t('distance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.data.peers.map((p) => (
                <Table.Tr key={p.code} data-testid="peer" data-code={p.code}>
                  <Table.Td>{p.rank}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/analytics/province/${p.code}${atQs}`} size="xs">
                      {pick(p.nameVi, p.nameEn)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(p.distance, lang, 2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt={4}>
            {t('peersHint')} {t('method')}: {peers.data.methods.map((m) => pick(m.vi, m.en)).join(' ')} {t('source')}:{' '}
            {peers.data.datasets
              .map((d) => pick(d.publisher, d.publisherEn))
              .filter((v, i, a) => a.indexOf(v) === i)
              .join('; ')}
            .
          </Text>
        </>
      ) : null}
    </Card>
  );
}

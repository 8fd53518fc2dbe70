import { Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { FundingSummaryResponse, FundingTotals } from '@regionlink/shared';
import { FUNDING_SOURCES } from '@regionlink/shared';
import { useDict, useI18n } from '../../../app/i18n';
import { formatNumber } from '../../../lib/format';
import { DICT } from '../i18n';
import { DemoBadge } from './Badges';

const pct = (v: number | null, lang: 'vi' | 'en') => (v === null ? '—' : `${formatNumber(v * 100, lang, 1)}%`);

/** The funnel planned → allocated → disbursed as three bars with the amounts (million VND) and the two rates. */
export function Funnel({ totals }: { totals: FundingTotals }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const max = Math.max(totals.planned, 1);
  const rows: [string, number, string][] = [
    [t('planned'), totals.planned, '#8aa9c6'],
    [t('allocated'), totals.allocated, '#3d6f99'],
    [t('disbursed'), totals.disbursed, '#1f4e79'],
  ];
  return (
    <Stack gap={6} data-testid="funnel">
      {rows.map(([label, v, colour]) => (
        <div key={label}>
          <Group justify="space-between" gap={4}>
            <Text size="sm">{label}</Text>
            <Text size="sm" fw={600} data-testid={`funnel-${label}`}>
              {formatNumber(v, lang)} {t('millionVnd')}
            </Text>
          </Group>
          <Progress value={(v / max) * 100} color={colour} size="lg" radius="xs" />
        </div>
      ))}
      <Group gap="lg">
        <Text size="xs" c="dimmed">
          {t('allocationRate')}: <b>{pct(totals.allocationRate, lang)}</b>
        </Text>
        <Text size="xs" c="dimmed">
          {t('disbursementRate')}: <b>{pct(totals.disbursementRate, lang)}</b>
        </Text>
      </Group>
    </Stack>
  );
}

/** Money for the registry's filters: funnel, by source, public-investment share per region, flagged lines. */
export function FundingPanel({ summary }: { summary: FundingSummaryResponse }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t('funnel')}</Text>
            {summary.includesDemo && <DemoBadge />}
          </Group>
          <Funnel totals={summary.totals} />
          <Text size="xs" c="dimmed" mt="xs">
            {summary.projectsWithFunding}/{summary.projectCount} {t('showing')} · {summary.totals.lineCount}{' '}
            {t('lines')}
          </Text>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('bySource')}
          </Text>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('funding')}</Table.Th>
                <Table.Th ta="right">{t('planned')}</Table.Th>
                <Table.Th ta="right">{t('allocated')}</Table.Th>
                <Table.Th ta="right">{t('disbursed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.bySource.map((b) => (
                <Table.Tr key={b.source} data-source={b.source}>
                  <Table.Td>{pick(FUNDING_SOURCES[b.source].vi, FUNDING_SOURCES[b.source].en)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.planned, lang)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.allocated, lang)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.disbursed, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('millionVnd')}
          </Text>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('publicShare')}
        </Text>
        <Table fz="sm" striped data-testid="public-share">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('region')}</Table.Th>
              <Table.Th ta="right">{t('projects')}</Table.Th>
              <Table.Th ta="right">{t('planned')}</Table.Th>
              <Table.Th ta="right">% {t('planned').toLowerCase()}</Table.Th>
              <Table.Th ta="right">{t('allocated')}</Table.Th>
              <Table.Th ta="right">% {t('allocated').toLowerCase()}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.publicShare.map((r) => (
              <Table.Tr key={r.regionCode}>
                <Table.Td>{pick(r.nameVi, r.nameEn)}</Table.Td>
                <Table.Td ta="right">{r.projectCount}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.totalPlanned, lang)}</Table.Td>
                <Table.Td ta="right">{pct(r.sharePlanned, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.totalAllocated, lang)}</Table.Td>
                <Table.Td ta="right">{pct(r.shareAllocated, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {summary.flagged.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('flagged')}
          </Text>
          {summary.flagged.map((f) => (
            <Text size="sm" key={`${f.projectCode}-${f.source}-${f.year}`}>
              <Badge size="xs" color="orange" mr={6}>
                {f.projectCode}
              </Badge>
              {f.year} · {pick(FUNDING_SOURCES[f.source].vi, FUNDING_SOURCES[f.source].en)}:{' '}
              {formatNumber(f.disbursed, lang)} / {formatNumber(f.allocated, lang)} — {f.note}
            </Text>
          ))}
        </Card>
      )}
      <Text size="xs" c="dimmed">
        {t('method')}: {pick(summary.method.vi, summary.method.en)}
      </Text>
    </Stack>
  );
}

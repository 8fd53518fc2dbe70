import { Table, Tooltip } from '@mantine/core';
import type { CompletenessLine } from '@regionlink/shared';
import { useDict, useI18n } from '../../app/i18n';
import { formatNumber } from '../../lib/format';
import { DICT } from './i18n';

/** Reporters expected, received and missing by group and region (the missing ones named on hover), with the rate. */
export function CompletenessTable({ lines, testId }: { lines: readonly CompletenessLine[]; testId: string }) {
  const { pick, lang } = useI18n();
  const t = useDict(DICT);
  return (
    <Table fz="sm" mt="xs" striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('group')}</Table.Th>
          <Table.Th ta="right">{t('expected')}</Table.Th>
          <Table.Th ta="right">{t('received')}</Table.Th>
          <Table.Th ta="right">{t('missing')}</Table.Th>
          <Table.Th ta="right">{t('rate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((c) => (
          <Table.Tr key={c.key} fw={c.level === 'region' ? undefined : 600}>
            <Table.Td pl={c.level === 'region' ? 'lg' : undefined}>{pick(c.labelVi, c.labelEn)}</Table.Td>
            <Table.Td ta="right">{c.expected}</Table.Td>
            <Table.Td ta="right">{c.received}</Table.Td>
            <Table.Td ta="right">
              {c.missing.length > 0 && c.level !== 'total' ? (
                <Tooltip label={c.missing.join(', ')} multiline maw={320}>
                  <span style={{ borderBottom: '1px dotted' }}>{c.expected - c.received}</span>
                </Tooltip>
              ) : (
                c.expected - c.received
              )}
            </Table.Td>
            <Table.Td ta="right">
              {c.expected ? `${formatNumber((100 * c.received) / c.expected, lang, 1)}%` : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

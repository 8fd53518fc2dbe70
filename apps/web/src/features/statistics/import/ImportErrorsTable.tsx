import { Table, Text } from '@mantine/core';
import type { ImportError } from '@regionlink/shared';
import { useDict, useI18n } from '../../../app/i18n';
import { formatNumber } from '../../../lib/format';
import { STATS } from '../i18n';

const SHOWN = 200;

/** The problems of a refused file, by row and column, in the reader's language (the first 200, then a count). */
export function ImportErrorsTable({ errors, errorCount }: { errors: ImportError[]; errorCount: number }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  if (errors.length === 0) return null;
  return (
    <>
      <Table fz="sm" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('row')}</Table.Th>
            <Table.Th w={110}>{t('column')}</Table.Th>
            <Table.Th w={140}>{t('cellValue')}</Table.Th>
            <Table.Th>{t('problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.slice(0, SHOWN).map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one file row can have several problems in one column
            <Table.Tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error">
              <Table.Td>{e.row || '—'}</Table.Td>
              <Table.Td>{e.column ?? '—'}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{e.value ?? ''}</Table.Td>
              <Table.Td>{lang === 'vi' ? e.messageVi : e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {errorCount > SHOWN && (
        <Text size="xs">
          … {formatNumber(errorCount - SHOWN, lang)} {t('problems')}
        </Text>
      )}
    </>
  );
}

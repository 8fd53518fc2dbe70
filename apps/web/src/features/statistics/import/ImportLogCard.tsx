import { Badge, Card, Table, Text } from '@mantine/core';
import { useDict, useI18n } from '../../../app/i18n';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useImportLog } from '../api';
import { STATS } from '../i18n';

/** The import log the caller may see (administrators: all; others: their organisation), the latest 20. */
export function ImportLogCard() {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const log = useImportLog(true);
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('importLog')}
      </Text>
      <Table fz="xs" striped data-testid="import-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('publishedAt')}</Table.Th>
            <Table.Th>{t('importedBy')}</Table.Th>
            <Table.Th>{t('dataset')}</Table.Th>
            <Table.Th>{t('file')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th ta="right">{t('rowsReadH')}</Table.Th>
            <Table.Th ta="right">{t('problemsH')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(log.data?.items ?? []).slice(0, 20).map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.id}</Table.Td>
              <Table.Td>{formatDateTime(l.at, lang)}</Table.Td>
              <Table.Td>{l.user === 'seed' ? t('seedImporter') : l.user}</Table.Td>
              <Table.Td>{l.dataset}</Table.Td>
              <Table.Td>{l.fileName}</Table.Td>
              <Table.Td>
                <Badge
                  size="xs"
                  variant="light"
                  color={l.status === 'committed' ? 'green' : l.status === 'dry_run' ? 'blue' : 'red'}
                >
                  {t(`import_${l.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(l.rowsRead, lang)}</Table.Td>
              <Table.Td ta="right">{l.errorCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {log.data && log.data.items.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="import-log-empty">
          {t('importLogEmpty')}
        </Text>
      )}
    </Card>
  );
}

import { Anchor, Badge, Card, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../../app/i18n';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useMyImportJobs } from '../api';
import { IMPORT_JOBS } from './import-i18n';

const COLOR = { queued: 'gray', running: 'blue', completed: 'green', failed: 'red' } as const;

/** The caller's queued imports, newest first, each a link back to its progress or result (`?job=`). */
export function MyImportJobs() {
  const tj = useDict(IMPORT_JOBS);
  const { lang } = useI18n();
  const jobs = useMyImportJobs(true);
  const items = jobs.data ?? [];
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {tj('myImports')}
      </Text>
      {jobs.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {tj('myImportsEmpty')}
        </Text>
      ) : (
        <Table fz="xs" striped data-testid="my-import-jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{tj('started')}</Table.Th>
              <Table.Th>{tj('state')}</Table.Th>
              <Table.Th ta="right">{tj('progress')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.slice(0, 10).map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>{formatDateTime(j.createdAt, lang)}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={COLOR[j.state]}>
                    {tj(`state_${j.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {formatNumber(j.done, lang)}
                  {j.total === null ? '' : ` / ${formatNumber(j.total, lang)}`}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/data/import?job=${j.id}`} size="xs">
                    {tj('open')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

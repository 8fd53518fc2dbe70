import { Card, Loader, Stack, Table, Title } from '@mantine/core';
import { Navigate } from 'react-router';
import { type DictKey, useI18n } from '../../app/i18n';
import { useMe } from './api';

/** The signed-in user's account: name, role and organisation. */
export function AccountPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  if (me.isLoading) return <Loader />;
  if (!me.data) return <Navigate to="/login?next=/account" replace />;
  const u = me.data;
  return (
    <Stack>
      <Title order={2}>{t('account')}</Title>
      <Card withBorder maw={720}>
        <Table variant="vertical" fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('username')}</Table.Th>
              <Table.Td>{u.username}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Td>{u.displayName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('role')}</Table.Th>
              <Table.Td>{t(`role_${u.role}` as DictKey)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('organisation')}</Table.Th>
              <Table.Td data-testid="account-organisation">
                {pick(u.organisation.nameVi, u.organisation.nameEn)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

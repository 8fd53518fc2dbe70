import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { useMe } from '../access/api';
import { useMarkRead, useNotifications, useOutbox } from './api';
import { DICT } from './i18n';
import { formatDateTime } from './util';

/** The caller's notifications; for MoF also the e-mail outbox. */
export function NotificationsPage() {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const me = useMe();
  const notes = useNotifications(!!me.data);
  const mark = useMarkRead();
  const outbox = useOutbox(me.data?.role === 'admin');
  if (notes.isLoading) return <Loader />;
  const items = notes.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>
          {t('navNotifications')}{' '}
          {!!notes.data?.unread && (
            <Badge color="red" size="sm">
              {notes.data.unread} {t('unread')}
            </Badge>
          )}
        </Title>
        <Button
          size="xs"
          variant="default"
          disabled={!notes.data?.unread}
          onClick={() => mark.mutate(items.filter((i) => !i.read).map((i) => i.id))}
        >
          {t('markAllRead')}
        </Button>
      </Group>
      <Card withBorder padding={0}>
        {items.length === 0 && (
          <Text p="sm" c="dimmed">
            {t('empty')}
          </Text>
        )}
        <Stack gap={0} data-testid="notifications">
          {items.map((n) => (
            <Group
              key={n.id}
              p="xs"
              justify="space-between"
              wrap="nowrap"
              style={{ borderBottom: '1px solid #eef0f2', background: n.read ? undefined : '#f3f8fd' }}
            >
              <Stack gap={0}>
                <Text size="sm" fw={n.read ? 400 : 600}>
                  {n.link ? (
                    <Anchor component={Link} to={n.link} onClick={() => !n.read && mark.mutate([n.id])}>
                      {pick(n.titleVi, n.titleEn)}
                    </Anchor>
                  ) : (
                    pick(n.titleVi, n.titleEn)
                  )}
                </Text>
                <Text size="xs">{pick(n.bodyVi, n.bodyEn)}</Text>
              </Stack>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(n.createdAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      </Card>
      {me.data?.role === 'admin' && outbox.data && (
        <Stack gap="xs">
          <Title order={4}>{t('outbox')}</Title>
          {!outbox.data.smtpConfigured && <Alert color="yellow">{t('smtpOff')}</Alert>}
          <Card withBorder padding={0}>
            <Table className="rl-dense" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('to')}</Table.Th>
                  <Table.Th>{t('subject')}</Table.Th>
                  <Table.Th>{t('status')}</Table.Th>
                  <Table.Th>{t('attempts')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outbox.data.items.slice(0, 100).map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.toAddress}</Table.Td>
                    {/* the e-mail as it was sent, in Vietnamese */}
                    <Table.Td lang="vi">{m.subject}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" color={m.status === 'sent' ? 'green' : m.status === 'failed' ? 'red' : 'gray'}>
                        {t(`outbox_${m.status}`)}
                      </Badge>
                      {m.lastError && (
                        <Text size="xs" c="red">
                          {m.lastError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{m.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(m.sentAt ?? m.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </Stack>
  );
}

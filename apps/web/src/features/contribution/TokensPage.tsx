import { Alert, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { TokenScope } from '@regionlink/shared';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useMe } from '../access/api';
import { useTokens, useTokenWrite } from './api';
import { CONTRIB } from './i18n';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN') : '—');

/** API tokens of the signed-in account (and of their organisation, for its managers): create, list, revoke. */
export function TokensPage() {
  const t = useDict(CONTRIB);
  const { lang } = useI18n();
  const me = useMe();
  const tokens = useTokens(!!me.data);
  const write = useTokenWrite();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read_public');
  const [owner, setOwner] = useState('personal');
  const [secret, setSecret] = useState<string | null>(null);
  if (!me.data)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('tokensTitle')}
        </Title>
        <Alert>{t('signIn')}</Alert>
      </Stack>
    );
  const scopes: TokenScope[] = ['read_public', 'read_entitled', 'contribute'];
  const manager = me.data.role === 'admin' || me.data.managesOrganisation;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('tokensTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('tokensIntro')}
      </Text>
      <Card withBorder>
        <Group align="end">
          <TextInput label={t('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select
            label={t('scope')}
            data={scopes.map((s) => ({ value: s, label: t(s) }))}
            value={scope}
            onChange={(v) => v && setScope(v as TokenScope)}
            allowDeselect={false}
          />
          {manager && (
            <Select
              label={t('owner')}
              data={[
                { value: 'personal', label: t('personal') },
                { value: 'organisation', label: t('orgToken') },
              ]}
              value={owner}
              onChange={(v) => v && setOwner(v)}
              allowDeselect={false}
            />
          )}
          <Button
            disabled={!name.trim()}
            loading={write.isPending}
            onClick={() =>
              write.mutate({ kind: 'create', body: { name, scope, owner } }, { onSuccess: (r) => setSecret(r.token) })
            }
          >
            {t('create')}
          </Button>
        </Group>
        {secret && (
          <Alert color="green" mt="sm" title={t('shownOnce')}>
            <Code data-testid="token-secret">{secret}</Code>
          </Alert>
        )}
        {write.error instanceof ApiError && (
          <Alert color="red" mt="sm">
            {write.error.text(lang)}
          </Alert>
        )}
      </Card>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t('scope')}</Table.Th>
              <Table.Th>{t('owner')}</Table.Th>
              <Table.Th>{t('lastUsed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(tokens.data?.items ?? []).map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  {k.name} <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>{t(k.scope)}</Table.Td>
                <Table.Td>{k.owner === 'personal' ? t('personal') : t('orgToken')}</Table.Td>
                <Table.Td>{when(k.lastUsedAt)}</Table.Td>
                <Table.Td>
                  {k.revokedAt ? (
                    <Badge color="gray">{t('revoked')}</Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => write.mutate({ kind: 'revoke', id: k.id })}
                    >
                      {t('revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

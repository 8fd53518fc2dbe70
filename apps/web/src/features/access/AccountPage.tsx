import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Loader,
  PasswordInput,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Navigate } from 'react-router';
import { type DictKey, useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useOwnAccount } from './admin-api';
import { useMe } from './api';
import { DICT } from './i18n';

const fmt = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The signed-in user's account: who they are, their password, their sessions and two-factor sign-in. */
export function AccountPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  if (me.isLoading) return <Loader />;
  if (!me.data) return <Navigate to="/login?next=/account" replace />;
  const u = me.data;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('account')}
      </Title>
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
      <SimpleGrid cols={{ base: 1, md: 2 }} maw={1200}>
        <PasswordCard />
        <TotpCard enabled={!!u.totpEnabled} />
      </SimpleGrid>
      <SessionsCard />
    </Stack>
  );
}

function PasswordCard() {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const { changePassword } = useOwnAccount();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          changePassword.mutate(
            { currentPassword: current, newPassword: next },
            {
              onSuccess: () => {
                setCurrent('');
                setNext('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={4}>{t('changePassword')}</Title>
          <Text size="xs" c="dimmed">
            {t('passwordRule')}
          </Text>
          {changePassword.error && (
            <Alert color="red" role="alert">
              {changePassword.error instanceof ApiError
                ? changePassword.error.text(lang)
                : String(changePassword.error)}
            </Alert>
          )}
          {changePassword.isSuccess && <Alert color="green">{t('passwordChanged')}</Alert>}
          <PasswordInput
            label={t('currentPassword')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            required
          />
          <PasswordInput
            label={t('newPassword')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            required
          />
          <Group>
            <Button type="submit" loading={changePassword.isPending}>
              {t('changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TotpCard({ enabled }: { enabled: boolean }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const { startTotp, confirmTotp } = useOwnAccount();
  const [code, setCode] = useState('');
  const err = (e: unknown) => (e instanceof ApiError ? e.text(lang) : e ? String(e) : null);
  return (
    <Card withBorder data-testid="totp-card">
      <Stack gap="sm">
        <Title order={4}>{t('totpTitle')}</Title>
        {confirmTotp.data ? (
          <Stack gap={4}>
            <Text size="sm">{t('recoveryCodes')}</Text>
            <Code block data-testid="recovery-codes">
              {confirmTotp.data.codes.join('\n')}
            </Code>
          </Stack>
        ) : enabled ? (
          <Text size="sm">{t('totpOn')}</Text>
        ) : startTotp.data ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              confirmTotp.mutate(code);
            }}
          >
            <Stack gap="xs">
              <Text size="sm">{t('totpScan')}</Text>
              <Text size="xs" fw={600}>
                {t('totpKey')}
              </Text>
              <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
                {startTotp.data.secret}
              </Code>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} fz="xs">
                {startTotp.data.uri}
              </Code>
              {confirmTotp.error && (
                <Alert color="red" role="alert">
                  {err(confirmTotp.error)}
                </Alert>
              )}
              <Group align="end">
                <TextInput
                  label={t('totpCode')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  w={140}
                  data-testid="totp-code"
                />
                <Button type="submit" loading={confirmTotp.isPending} data-testid="totp-confirm">
                  {t('totpConfirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('totpOff')}</Text>
            {startTotp.error && <Alert color="red">{err(startTotp.error)}</Alert>}
            <Button
              variant="light"
              onClick={() => startTotp.mutate()}
              loading={startTotp.isPending}
              data-testid="totp-start"
            >
              {t('totpStart')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function SessionsCard() {
  const t = useDict(DICT);
  const { sessions, endSession } = useOwnAccount();
  return (
    <Card withBorder maw={1200}>
      <Stack gap="sm">
        <Title order={4}>{t('sessions')}</Title>
        <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
          <Table fz="sm" miw={640} data-testid="sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('started')}</Table.Th>
                <Table.Th>{t('lastSeen')}</Table.Th>
                <Table.Th>{t('device')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(sessions.data?.items ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{fmt(s.createdAt)}</Table.Td>
                  <Table.Td>{fmt(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={1} title={s.userAgent ?? ''} data-verbatim>
                      {s.ip} · {s.userAgent ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.current ? (
                      <Text size="xs" c="dimmed">
                        {t('thisSession')}
                      </Text>
                    ) : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => endSession.mutate(s.id)}>
                        {t('signOutSession')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
    </Card>
  );
}

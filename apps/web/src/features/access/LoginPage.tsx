import { Alert, Button, Card, Code, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { useLogin } from './api';
import { DICT } from './i18n';

/** Where each role's work is, so that signing in opens it (MoF and reporters: the reporting cycles). */
const LANDING: Record<string, string> = {
  admin: '/reporting',
  reporter: '/reporting',
  council: '/councils',
  viewer: '/analytics',
};
export const landingFor = (role: string) => LANDING[role] ?? '/account';

/** Sign-in form. On success it returns to the page the user came from. */
export function LoginPage() {
  const { t, lang } = useI18n();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const d = useDict(DICT);
  // The account has two-factor sign-in: the server asked for the code (the field stays once shown).
  const [needsOtp, setNeedsOtp] = useState(false);
  const code = login.error instanceof ApiError ? login.error.problem?.code : null;
  const error =
    code === 'otp_required'
      ? null
      : login.error instanceof ApiError
        ? login.error.text(lang)
        : login.error
          ? String(login.error)
          : null;

  return (
    <Stack align="center" mt="xl">
      <Card withBorder w={{ base: '100%', xs: 420 }} padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate(
              { username, password, ...(needsOtp && otp.trim() ? { otp: otp.trim() } : {}) },
              {
                onSuccess: (me) => navigate(params.get('next') ?? landingFor(me.role)),
                onError: (err) => {
                  const c = err instanceof ApiError ? err.problem?.code : null;
                  if (c === 'otp_required' || c === 'otp_invalid') setNeedsOtp(true);
                },
              },
            );
          }}
        >
          <Stack>
            <Title order={1} size="h3">
              {t('loginTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('loginHint')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('username')}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {needsOtp && (
              <TextInput
                label={d('otp')}
                name="otp"
                autoComplete="one-time-code"
                inputMode="numeric"
                autoFocus
                value={otp}
                onChange={(e) => setOtp(e.currentTarget.value)}
                data-testid="login-otp"
              />
            )}
            <Button type="submit" loading={login.isPending}>
              {t('login')}
            </Button>
          </Stack>
        </form>
      </Card>
      <SsoButtons next={params.get('next') ?? '/account'} failed={params.get('error') === 'sso_failed'} />
      <Card withBorder w={{ base: '100%', xs: 420 }} padding="sm" bg="gray.0">
        <Text size="xs" fw={600} mb={4}>
          {t('demoAccounts')}
        </Text>
        <Text size="xs">
          <Code>admin.mof</Code> · <Code>reporter.langson</Code> · <Code>reporter.bxd</Code> · <Code>council.nmm</Code>{' '}
          · <Code>viewer</Code>
        </Text>
      </Card>
    </Stack>
  );
}

/** Sign-in through an organisation's identity provider (single sign-on), when MoF has registered one. */
function SsoButtons({ next, failed }: { next: string; failed: boolean }) {
  const d = useDict(DICT);
  const { pick } = useI18n();
  const providers = useQuery({
    queryKey: ['auth', 'oidc-providers'],
    queryFn: () =>
      apiFetch<{ items: { code: string; nameVi: string; nameEn: string }[] }>('/api/v1/auth/oidc/providers'),
    staleTime: 300_000,
  });
  const items = providers.data?.items ?? [];
  if (items.length === 0 && !failed) return null;
  return (
    <Card withBorder w={{ base: '100%', xs: 420 }} padding="md">
      <Stack gap="xs">
        {failed && (
          <Alert color="red" role="alert">
            {d('ssoFailed')}
          </Alert>
        )}
        {items.map((p) => (
          <Button
            key={p.code}
            component="a"
            variant="default"
            href={`/api/v1/auth/oidc/${p.code}/start?next=${encodeURIComponent(next)}`}
            data-testid={`sso-${p.code}`}
          >
            {d('ssoWith')} {pick(p.nameVi, p.nameEn)}
          </Button>
        ))}
      </Stack>
    </Card>
  );
}

import { Alert, Anchor, Button, Card, Loader, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useSetPassword, useTokenInfo } from './admin-api';
import { DICT } from './i18n';

/**
 * The page a one-time link opens (invitation or reset): the token is in the URL fragment, which browsers never send
 * to a server or put in a Referer; the page shows whose account it is and sets the password.
 */
export function SetPasswordPage() {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const token = useMemo(() => new URLSearchParams(window.location.hash.slice(1)).get('token'), []);
  const info = useTokenInfo(token);
  const set = useSetPassword();
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const error = local ?? (set.error instanceof ApiError ? set.error.text(lang) : null);
  return (
    <Stack align="center" mt="xl">
      <Card withBorder w={{ base: '100%', xs: 460 }} padding="lg">
        <Stack>
          <Title order={1} size="h3">
            {t('setPasswordTitle')}
          </Title>
          {!token && <Alert color="red">{t('linkMissing')}</Alert>}
          {info.isLoading && <Loader />}
          {info.error && (
            <Alert color="red" role="alert" data-testid="link-error">
              {info.error instanceof ApiError ? info.error.text(lang) : String(info.error)}
            </Alert>
          )}
          {set.isSuccess ? (
            <Alert color="green" data-testid="password-set">
              {t('setPasswordDone')}{' '}
              <Anchor component={Link} to="/login?next=/account">
                {lang === 'vi' ? 'Đăng nhập' : 'Sign in'}
              </Anchor>
            </Alert>
          ) : (
            info.data && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  setLocal(null);
                  if (pw !== pw2) return setLocal(t('mismatch'));
                  set.mutate({ token: token!, newPassword: pw });
                }}
              >
                <Stack>
                  <Text size="sm" data-testid="link-account">
                    {t('setPasswordFor')
                      .replace('{username}', info.data.username)
                      .replace('{organisation}', info.data.organisation)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('passwordRule')}
                  </Text>
                  {error && (
                    <Alert color="red" role="alert">
                      {error}
                    </Alert>
                  )}
                  <PasswordInput
                    label={t('newPassword')}
                    autoComplete="new-password"
                    value={pw}
                    onChange={(e) => setPw(e.currentTarget.value)}
                    required
                    data-testid="new-password"
                  />
                  <PasswordInput
                    label={t('repeatPassword')}
                    autoComplete="new-password"
                    value={pw2}
                    onChange={(e) => setPw2(e.currentTarget.value)}
                    required
                    data-testid="repeat-password"
                  />
                  <Button type="submit" loading={set.isPending} data-testid="set-password">
                    {t('setPasswordTitle')}
                  </Button>
                </Stack>
              </form>
            )
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

import { Alert, Anchor, Loader, Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useDict } from '../../app/i18n';
import { useMe } from './api';
import { DICT } from './i18n';

/** The frame of the administration pages: a title and tabs (organisations and the audit trail are MoF's only). */
export function AdminLayout({ children }: { children: ReactNode }) {
  const t = useDict(DICT);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  if (me.isLoading) return <Loader />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const isAdmin = me.data.role === 'admin';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('admin')}
      </Title>
      {isAdmin && !me.data.totpEnabled && (
        <Alert color="yellow" data-testid="mfa-warning">
          {t('mfaWarning')}{' '}
          <Anchor component={Link} to="/account">
            {t('mfaWarningLink')}
          </Anchor>
        </Alert>
      )}
      <Tabs value={location.pathname} onChange={(v) => v && navigate(v)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="/admin/users" data-testid="tab-users">
            {t('users')}
          </Tabs.Tab>
          {isAdmin && (
            <Tabs.Tab value="/admin/organisations" data-testid="tab-organisations">
              {t('organisations')}
            </Tabs.Tab>
          )}
          {isAdmin && (
            <Tabs.Tab value="/admin/audit" data-testid="tab-audit">
              {t('audit')}
            </Tabs.Tab>
          )}
        </Tabs.List>
      </Tabs>
      {children}
    </Stack>
  );
}

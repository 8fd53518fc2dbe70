import { Badge, Group, Stack, Title } from '@mantine/core';
import { NavLink, Outlet } from 'react-router';
import { useDict } from '../../app/i18n';
import { useMe } from '../access/api';
import { useNotifications } from './api';
import { DICT } from './i18n';
import './reporting.css';

/** The reporting section: its title and sub-navigation, then the page. */
export function ReportingLayout() {
  const t = useDict(DICT);
  const me = useMe();
  const notes = useNotifications(!!me.data);
  const links: { to: string; label: string; badge?: number; end?: boolean }[] = [
    { to: '/reporting', label: t('navOverview'), end: true },
    { to: '/reporting/tasks', label: t('navTasks') },
    { to: '/reporting/policy', label: t('navPolicy') },
    { to: '/reporting/search', label: t('navSearch') },
    ...(me.data ? [{ to: '/reporting/notifications', label: t('navNotifications'), badge: notes.data?.unread }] : []),
  ];
  return (
    <Stack gap="sm">
      <Group
        justify="space-between"
        align="center"
        wrap="nowrap"
        style={{ borderBottom: '1px solid #d0d7de', paddingBottom: 6 }}
      >
        <Title order={1} size="h5" c="#1f4e79">
          {t('section')}
        </Title>
        <Group gap={4} component="nav" aria-label="reporting">
          {links.map((l) => (
            <NavLink
              key={l.to}
              to={l.to}
              end={l.end}
              style={({ isActive }) => ({
                padding: '4px 10px',
                borderRadius: 4,
                fontSize: 14,
                textDecoration: 'none',
                color: isActive ? '#fff' : '#1f4e79',
                background: isActive ? '#1f4e79' : 'transparent',
              })}
            >
              {l.label}
              {l.badge ? (
                <Badge size="xs" color="red" ml={6} data-testid="unread-count">
                  {l.badge}
                </Badge>
              ) : null}
            </NavLink>
          ))}
        </Group>
      </Group>
      <Outlet />
    </Stack>
  );
}

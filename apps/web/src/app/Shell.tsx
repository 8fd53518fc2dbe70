import { AppShell, Button, Group, Menu, SegmentedControl, Text, UnstyledButton } from '@mantine/core';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/access/api';
import { ANALYTICS } from '../features/analytics/i18n';
import { DICT as DOCUMENTS_DICT } from '../features/documents/i18n';
import { DICT as PLANS_DICT } from '../features/plans/i18n';
import { reportingNav } from '../features/reporting/nav';
import { COVERAGE } from '../features/statistics/coverage-i18n';
import { STATS } from '../features/statistics/i18n';
import { CONTRIB } from '../features/contribution/i18n';
import { type DictKey, useI18n } from './i18n';

type NavLabel = { key?: DictKey; label?: { vi: string; en: string } };
type NavItem = NavLabel & { to: string };
type NavEntry = NavItem | (NavLabel & { id: string; children: NavItem[] });

/** The main navigation: public data first, then the work areas, grouped so the bar fits on one line. */
const NAV: NavEntry[] = [
  { to: '/', key: 'navMap' },
  { to: '/provinces', key: 'navProvinces' },
  {
    id: 'data',
    label: STATS.navData,
    children: [
      { to: '/data', label: STATS.explorerTitle },
      { to: '/data/coverage', label: COVERAGE.nav },
      { to: '/data/datasets', label: STATS.datasetsTitle },
      { to: '/data/contributions', label: CONTRIB.navContributions },
      { to: '/data/sharing', label: CONTRIB.navSharing },
    ],
  },
  {
    id: 'analytics',
    label: ANALYTICS.nav,
    children: [
      { to: '/analytics', label: ANALYTICS.navNational },
      { to: '/analytics/index', label: ANALYTICS.navIndex },
      { to: '/analytics/disparities', label: ANALYTICS.navDisparities },
      { to: '/monitoring', label: { vi: 'Bảng điểm liên kết vùng', en: 'Linkage scorecard' } },
    ],
  },
  {
    id: 'plans',
    label: { vi: 'Quy hoạch & dự án', en: 'Plans & projects' },
    children: [
      { to: '/plans', label: PLANS_DICT.navPlans },
      { to: '/projects', label: PLANS_DICT.navProjects },
      { to: '/councils', label: { vi: 'Hội đồng điều phối vùng', en: 'Regional Coordination Councils' } },
    ],
  },
  {
    id: 'reporting',
    label: reportingNav.label,
    children: [
      { to: '/reporting', label: { vi: 'Kỳ báo cáo', en: 'Reporting cycles' } },
      { to: '/documents', label: DOCUMENTS_DICT.nav },
    ],
  },
];

const linkStyle = (active: boolean) => ({
  color: 'white',
  textDecoration: 'none',
  padding: '6px 10px',
  borderRadius: 4,
  fontSize: 14,
  background: active ? 'rgba(255,255,255,0.18)' : 'transparent',
});

/** The application frame: title, navigation, language switch and the user menu. */
export function Shell() {
  const { t, lang, setLang, pick } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const labelOf = (n: NavLabel) => (n.key ? t(n.key) : n.label ? pick(n.label.vi, n.label.en) : '');
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header bg="#1f4e79" c="white" px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <UnstyledButton onClick={() => navigate('/')} c="white">
              <Text fw={700} size="lg" lh={1}>
                RegionLink
              </Text>
              <Text size="xs" lh={1.2} opacity={0.85} style={{ whiteSpace: 'nowrap' }}>
                {t('appTitle')}
              </Text>
            </UnstyledButton>
            <Group gap={4} component="nav" aria-label="main" wrap="nowrap">
              {NAV.map((n) =>
                'children' in n ? (
                  <Menu key={n.id} position="bottom-start" trigger="click-hover" openDelay={50} closeDelay={150}>
                    <Menu.Target>
                      <UnstyledButton
                        style={linkStyle(n.children.some((c) => location.pathname.startsWith(c.to)))}
                        data-testid={`nav-${n.id}`}
                      >
                        {labelOf(n)} ▾
                      </UnstyledButton>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {n.children.map((c) => (
                        <Menu.Item key={c.to} component={NavLink} to={c.to}>
                          {labelOf(c)}
                        </Menu.Item>
                      ))}
                    </Menu.Dropdown>
                  </Menu>
                ) : (
                  <NavLink key={n.to} to={n.to} end={n.to === '/'} style={({ isActive }) => linkStyle(isActive)}>
                    {labelOf(n)}
                  </NavLink>
                ),
              )}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              value={lang}
              onChange={(v) => setLang(v as 'vi' | 'en')}
              data={[
                { value: 'vi', label: 'VI' },
                { value: 'en', label: 'EN' },
              ]}
              aria-label="Language / Ngôn ngữ"
            />
            {me.data ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  {/* long organisation names (councils) are cut here so the header stays on one line at 1280 px */}
                  <Button
                    variant="white"
                    size="xs"
                    data-testid="user-menu"
                    maw={{ base: 210, xl: 460 }}
                    title={`${me.data.username} · ${pick(me.data.organisation.nameVi, me.data.organisation.nameEn)}`}
                    styles={{ inner: { minWidth: 0 }, label: { minWidth: 0, overflow: 'hidden' } }}
                  >
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {me.data.username} · {pick(me.data.organisation.nameVi, me.data.organisation.nameEn)}
                    </span>
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t(`role_${me.data.role}` as DictKey)}</Menu.Label>
                  <Menu.Item onClick={() => navigate('/account')}>{t('account')}</Menu.Item>
                  <Menu.Item onClick={() => navigate('/account/tokens')}>
                    {pick(CONTRIB.tokensTitle.vi, CONTRIB.tokensTitle.en)}
                  </Menu.Item>
                  {(me.data.role === 'admin' || me.data.managesOrganisation) && (
                    <Menu.Item onClick={() => navigate('/admin/users')} data-testid="menu-admin">
                      {pick('Quản trị', 'Administration')}
                    </Menu.Item>
                  )}
                  <Menu.Item onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/') })}>
                    {t('logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : (
              <Button variant="white" size="xs" onClick={() => navigate('/login')}>
                {t('login')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="#f6f8fa">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

import {
  AppShell,
  Button,
  Group,
  NavLink as MantineNavLink,
  Menu,
  SegmentedControl,
  Stack,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/access/api';
import { ANALYTICS_NAV } from '../features/analytics/nav';
import { COMPARE_NAV } from '../features/compare/nav';
import { CONTRIBUTION_NAV } from '../features/contribution/nav';
import { DOCUMENTS_NAV } from '../features/documents/nav';
import { PLANS_NAV } from '../features/plans/nav';
import { reportingNav } from '../features/reporting/nav';
import { STATISTICS_NAV } from '../features/statistics/nav';
import { type DictKey, useI18n } from './i18n';
import { NAV_BREAKPOINT, ShellFrame } from './ShellFrame';

type NavLabel = { key?: DictKey; label?: { vi: string; en: string } };
type NavItem = NavLabel & { to: string };
type NavEntry = NavItem | (NavLabel & { id: string; children: NavItem[] });

/** The main navigation: public data first, then the work areas, grouped so the bar fits on one line. */
const NAV: NavEntry[] = [
  { to: '/', key: 'navMap' },
  { to: '/provinces', key: 'navProvinces' },
  {
    id: 'data',
    label: STATISTICS_NAV.navData,
    children: [
      { to: '/data', label: STATISTICS_NAV.explorerTitle },
      { to: '/data/coverage', label: STATISTICS_NAV.coverage },
      { to: '/data/datasets', label: STATISTICS_NAV.datasetsTitle },
      { to: '/data/contributions', label: CONTRIBUTION_NAV.navContributions },
      { to: '/data/sharing', label: CONTRIBUTION_NAV.navSharing },
      { to: '/compare', label: COMPARE_NAV.title },
    ],
  },
  {
    id: 'analytics',
    label: ANALYTICS_NAV.nav,
    children: [
      { to: '/analytics', label: ANALYTICS_NAV.navNational },
      { to: '/analytics/index', label: ANALYTICS_NAV.navIndex },
      { to: '/analytics/disparities', label: ANALYTICS_NAV.navDisparities },
      { to: '/monitoring', label: { vi: 'Bảng điểm liên kết vùng', en: 'Linkage scorecard' } },
    ],
  },
  {
    id: 'plans',
    label: { vi: 'Quy hoạch & dự án', en: 'Plans & projects' },
    children: [
      { to: '/plans', label: PLANS_NAV.navPlans },
      { to: '/projects', label: PLANS_NAV.navProjects },
      { to: '/councils', label: { vi: 'Hội đồng điều phối vùng', en: 'Regional Coordination Councils' } },
    ],
  },
  {
    id: 'reporting',
    label: reportingNav.label,
    children: [
      { to: '/reporting', label: { vi: 'Kỳ báo cáo', en: 'Reporting cycles' } },
      { to: '/documents', label: DOCUMENTS_NAV.nav },
      { to: '/reports', label: { vi: 'Báo cáo đã công bố', en: 'Published reports' } },
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

function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
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
  );
}

/** The signed-in user's menu, or the sign-in button. */
function UserControl({ compact }: { compact?: boolean }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me.data) {
    return (
      <Button
        variant="white"
        size="xs"
        onClick={() => navigate('/login')}
        data-testid={compact ? 'login-mobile' : 'login'}
      >
        {t('login')}
      </Button>
    );
  }
  const who = `${me.data.username} · ${pick(me.data.organisation.nameVi, me.data.organisation.nameEn)}`;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        {/* long organisation names (councils) are cut here so the header stays on one line */}
        <Button
          variant="white"
          size="xs"
          data-testid={compact ? 'user-menu-mobile' : 'user-menu'}
          maw={compact ? 160 : { base: 210, xl: 320 }}
          title={who}
          aria-label={who}
          styles={{ inner: { minWidth: 0 }, label: { minWidth: 0, overflow: 'hidden' } }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {compact ? me.data.username : who}
          </span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t(`role_${me.data.role}` as DictKey)}</Menu.Label>
        <Menu.Item onClick={() => navigate('/account')}>{t('account')}</Menu.Item>
        <Menu.Item onClick={() => navigate('/account/tokens')}>
          {pick(CONTRIBUTION_NAV.tokensTitle.vi, CONTRIBUTION_NAV.tokensTitle.en)}
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
  );
}

/** The inline navigation of wide screens: links and drop-down groups on one line. */
function DesktopNav({ labelOf }: { labelOf: (n: NavLabel) => string }) {
  const location = useLocation();
  return (
    <Group gap={4} component="nav" aria-label="main" wrap="nowrap" visibleFrom={NAV_BREAKPOINT}>
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
  );
}

/** The drawer of narrow screens: every section and page, the language switch and sign-in, one per line. */
function MobileNav({ labelOf }: { labelOf: (n: NavLabel) => string }) {
  const location = useLocation();
  const link = (c: NavItem) => (
    <MantineNavLink
      key={c.to}
      component={NavLink}
      to={c.to}
      label={labelOf(c)}
      active={c.to === '/' ? location.pathname === '/' : location.pathname.startsWith(c.to)}
    />
  );
  return (
    <Stack gap={0} component="nav" aria-label="main" data-testid="mobile-nav">
      <Group gap="sm" p="xs" bg="#1f4e79">
        <LanguageSwitch />
        <UserControl compact />
      </Group>
      {NAV.map((n) =>
        'children' in n ? (
          <MantineNavLink key={n.id} label={labelOf(n)} defaultOpened childrenOffset="md" fw={600}>
            {n.children.map(link)}
          </MantineNavLink>
        ) : (
          link(n)
        ),
      )}
    </Stack>
  );
}

/** The application frame: title, navigation, language switch and the user menu; a drawer on phones. */
export function Shell() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // a chosen page closes the drawer
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => close(), [location.pathname, close]);
  const labelOf = (n: NavLabel) => (n.key ? t(n.key) : n.label ? pick(n.label.vi, n.label.en) : '');
  return (
    <ShellFrame
      appTitle={t('appTitle')}
      menuLabel={t('openMenu')}
      opened={opened}
      onMenu={toggle}
      onHome={() => navigate('/')}
      nav={<DesktopNav labelOf={labelOf} />}
      controls={
        <Group gap="sm" wrap="nowrap" visibleFrom={NAV_BREAKPOINT}>
          <LanguageSwitch />
          <UserControl />
        </Group>
      }
      drawer={
        <AppShell.Navbar hiddenFrom={NAV_BREAKPOINT} style={{ overflowY: 'auto' }} inert={!opened}>
          {/* rendered only while open, so the page holds one language switch and one sign-in button */}
          {opened && <MobileNav labelOf={labelOf} />}
        </AppShell.Navbar>
      }
    >
      <Outlet />
    </ShellFrame>
  );
}

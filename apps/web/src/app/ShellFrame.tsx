import { AppShell, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

/** Below this width the navigation moves into a drawer opened by the menu button (phones and small tablets). */
export const NAV_BREAKPOINT = 'lg';

/**
 * The frame of every page: the header bar (menu button, name, the `nav` and `controls` given), the drawer and the
 * page. The server's first screen (`first-screen.tsx`) draws the same frame with no navigation before the script runs.
 */
export function ShellFrame(props: {
  appTitle: string;
  menuLabel: string;
  opened?: boolean;
  onMenu?: () => void;
  onHome?: () => void;
  nav?: ReactNode;
  controls?: ReactNode;
  drawer?: ReactNode;
  children: ReactNode;
}) {
  const opened = props.opened ?? false;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 300, breakpoint: NAV_BREAKPOINT, collapsed: { mobile: !opened, desktop: true } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header bg="#1f4e79" c="white" px={{ base: 'xs', sm: 'md' }}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={props.onMenu}
              hiddenFrom={NAV_BREAKPOINT}
              color="white"
              size="sm"
              aria-label={props.menuLabel}
              aria-expanded={opened}
              data-testid="menu-button"
            />
            <UnstyledButton onClick={props.onHome} c="white" style={{ minWidth: 0 }}>
              <Text fw={700} size="lg" lh={1}>
                RegionLink
              </Text>
              <Text size="xs" lh={1.2} opacity={0.85} style={{ whiteSpace: 'nowrap' }} visibleFrom="sm">
                {props.appTitle}
              </Text>
            </UnstyledButton>
            {props.nav}
          </Group>
          {props.controls}
        </Group>
      </AppShell.Header>
      {props.drawer}
      <AppShell.Main bg="#f6f8fa" style={{ minWidth: 0 }}>
        {props.children}
      </AppShell.Main>
    </AppShell>
  );
}

import { Group, MantineProvider, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeading } from '../components/PageHeading';
import { ANALYTICS } from '../features/analytics/i18n';
import { STATS } from '../features/statistics/i18n';
import { DICT, type Lang } from './i18n';
import { ShellFrame } from './ShellFrame';
import { theme } from './theme';

type Words = { vi: string; en: string };

/**
 * The public pages the server answers with a first screen (the header bar and the page's heading) that the browser
 * paints before the script has run; React replaces it. `module` is the page's source file, whose chunk the entry
 * imports once that screen is painted (`<meta name="rl-page">`). Texts come from the pages' dictionaries. Where the
 * server can draw the whole page with its data (app/ssr.tsx), it sends that instead.
 */
export const FIRST_SCREENS: { path: string; name: string; module: string; title: Words; lead: Words }[] = [
  { path: '/', name: 'map', module: 'src/features/geo/MapPage.tsx', title: DICT.mapTitle, lead: DICT.clickHint },
  {
    path: '/data',
    name: 'data',
    module: 'src/features/statistics/ExplorerPage.tsx',
    title: STATS.explorerTitle,
    lead: STATS.explorerHint,
  },
  {
    path: '/analytics',
    name: 'analytics',
    module: 'src/features/analytics/NationalPage.tsx',
    title: ANALYTICS.nationalDashboard,
    lead: ANALYTICS.nationalHint,
  },
];

/**
 * The first screen of a page in a language: the shell's frame without its navigation, around the page's heading
 * (`title`, `lead`) or around `children` (the page itself, drawn by the server with its data: app/ssr.tsx).
 */
export function FirstScreen({
  title,
  lead,
  lang,
  children,
}: {
  title?: Words;
  lead?: Words;
  lang: Lang;
  children?: ReactNode;
}) {
  return (
    <MantineProvider theme={theme}>
      <ShellFrame appTitle={DICT.appTitle[lang]} menuLabel={DICT.openMenu[lang]}>
        {children ?? (
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <PageHeading title={title?.[lang] ?? ''} lead={lead?.[lang] ?? ''} />
            </Group>
          </Stack>
        )}
      </ShellFrame>
    </MantineProvider>
  );
}

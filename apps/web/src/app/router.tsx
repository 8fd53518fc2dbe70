import { Anchor, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { createBrowserRouter, Link } from 'react-router';
import { useI18n } from './i18n';
import { pageRoutes } from './routes';
import { Shell } from './Shell';

function NotFound() {
  const { pick } = useI18n();
  return (
    <Stack gap="xs" data-testid="not-found">
      <Title order={1} size="h2">
        {pick('Không tìm thấy trang', 'Page not found')}
      </Title>
      <Text c="dimmed">
        {pick('Đường dẫn này không có trong hệ thống.', 'This address is not part of RegionLink.')}
      </Text>
      <Anchor component={Link} to="/">
        {pick('← Về bản đồ', '← Back to the map')}
      </Anchor>
    </Stack>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <Center h="60vh">
      <Loader aria-label={t('loading')} />
    </Center>
  );
}

/**
 * The router: the shell around every page of `routes.ts`, and a "not found" page for any other address. Made when the
 * application starts (app/start.tsx), not when this module is evaluated: ranking some hundred routes is a task of its
 * own.
 */
export const createAppRouter = () =>
  createBrowserRouter([
    {
      path: '/',
      element: <Shell />,
      hydrateFallbackElement: <Loading />,
      children: [...pageRoutes, { path: '*', element: <NotFound /> }],
    },
  ]);

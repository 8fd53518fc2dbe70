import { Anchor, Stack, Text, Title } from '@mantine/core';
import { createBrowserRouter, Link } from 'react-router';
import { AccountPage } from '../features/access/AccountPage';
import { LoginPage } from '../features/access/LoginPage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { DraftPage } from '../features/documents/DraftPage';
import { MapPage } from '../features/geo/MapPage';
import { ProvincePage } from '../features/geo/ProvincePage';
import { ProvincesPage } from '../features/geo/ProvincesPage';
import { DatasetPage, DatasetsPage } from '../features/statistics/DatasetsPage';
import { ExplorerPage } from '../features/statistics/ExplorerPage';
import { ImportPage } from '../features/statistics/ImportPage';
import { PlanPage } from '../features/plans/PlanPage';
import { PlansPage } from '../features/plans/PlansPage';
import { ProjectPage } from '../features/plans/ProjectPage';
import { ProjectsPage } from '../features/plans/ProjectsPage';
import { reportingRoutes } from '../features/reporting/routes';
import { useI18n } from './i18n';
import { Shell } from './Shell';

function NotFound() {
  const { pick } = useI18n();
  return (
    <Stack gap="xs" data-testid="not-found">
      <Title order={2}>{pick('Không tìm thấy trang', 'Page not found')}</Title>
      <Text c="dimmed">
        {pick('Đường dẫn này không có trong hệ thống.', 'This address is not part of RegionLink.')}
      </Text>
      <Anchor component={Link} to="/">
        {pick('← Về bản đồ', '← Back to the map')}
      </Anchor>
    </Stack>
  );
}

/** Every page of the web app; feature folders own their pages, this file composes them. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <MapPage /> },
      { path: 'provinces', element: <ProvincesPage /> },
      { path: 'provinces/:code', element: <ProvincePage /> },
      { path: 'data', element: <ExplorerPage /> },
      { path: 'data/import', element: <ImportPage /> },
      { path: 'data/datasets', element: <DatasetsPage /> },
      { path: 'data/datasets/:id', element: <DatasetPage /> },
      { path: 'documents', element: <DocumentsPage /> },
      { path: 'documents/cycles/:id', element: <DraftPage /> },
      { path: 'plans', element: <PlansPage /> },
      { path: 'plans/:code', element: <PlanPage /> },
      { path: 'projects', element: <ProjectsPage /> },
      { path: 'projects/:code', element: <ProjectPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'account', element: <AccountPage /> },
      reportingRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
]);

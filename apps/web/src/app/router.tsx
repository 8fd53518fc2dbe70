import { Text } from '@mantine/core';
import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/access/AccountPage';
import { LoginPage } from '../features/access/LoginPage';
import { DisparitiesPage } from '../features/analytics/DisparitiesPage';
import { IndexPage } from '../features/analytics/IndexPage';
import { NationalPage } from '../features/analytics/NationalPage';
import { ProvinceProfilePage } from '../features/analytics/ProvinceProfilePage';
import { RegionProfilePage } from '../features/analytics/RegionProfilePage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { DraftPage } from '../features/documents/DraftPage';
import { MapPage } from '../features/geo/MapPage';
import { ProvincePage } from '../features/geo/ProvincePage';
import { ProvincesPage } from '../features/geo/ProvincesPage';
import { PlanPage } from '../features/plans/PlanPage';
import { PlansPage } from '../features/plans/PlansPage';
import { ProjectPage } from '../features/plans/ProjectPage';
import { ProjectsPage } from '../features/plans/ProjectsPage';
import { reportingRoutes } from '../features/reporting/routes';
import { DatasetPage, DatasetsPage } from '../features/statistics/DatasetsPage';
import { ExplorerPage } from '../features/statistics/ExplorerPage';
import { ImportPage } from '../features/statistics/ImportPage';
import { Shell } from './Shell';

function NotFound() {
  return <Text>Không tìm thấy trang. / Page not found.</Text>;
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
      { path: 'analytics', element: <NationalPage /> },
      { path: 'analytics/index', element: <IndexPage /> },
      { path: 'analytics/disparities', element: <DisparitiesPage /> },
      { path: 'analytics/region/:code', element: <RegionProfilePage /> },
      { path: 'analytics/province/:code', element: <ProvinceProfilePage /> },
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

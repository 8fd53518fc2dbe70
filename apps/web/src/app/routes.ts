import type { RouteObject } from 'react-router';
import { reportingRoutes } from '../features/reporting/routes';
import { lazyPage } from './lazy';

/**
 * Every page of the web app, mounted inside the shell by `router.tsx`; feature folders own their pages, this file
 * composes them. Pages are split by route (`lazyPage`): the first visit downloads the shell and the page it opens, not
 * every editor of every section. Kept free of JSX and components so that the browser tests can read it
 * (`pagePaths`): a page added here is scanned by `e2e/ux-scan.spec.ts` without editing the test.
 */
export const pageRoutes: RouteObject[] = [
  {
    index: true,
    lazy: lazyPage(
      () => import('../features/geo/MapPage'),
      (m) => m.MapPage,
    ),
  },
  {
    path: 'provinces',
    lazy: lazyPage(
      () => import('../features/geo/ProvincesPage'),
      (m) => m.ProvincesPage,
    ),
  },
  {
    path: 'provinces/:code',
    lazy: lazyPage(
      () => import('../features/geo/ProvincePage'),
      (m) => m.ProvincePage,
    ),
  },
  {
    path: 'analytics',
    lazy: lazyPage(
      () => import('../features/analytics/NationalPage'),
      (m) => m.NationalPage,
    ),
  },
  {
    path: 'analytics/index',
    lazy: lazyPage(
      () => import('../features/analytics/IndexPage'),
      (m) => m.IndexPage,
    ),
  },
  {
    path: 'analytics/disparities',
    lazy: lazyPage(
      () => import('../features/analytics/DisparitiesPage'),
      (m) => m.DisparitiesPage,
    ),
  },
  {
    path: 'analytics/region/:code',
    lazy: lazyPage(
      () => import('../features/analytics/RegionProfilePage'),
      (m) => m.RegionProfilePage,
    ),
  },
  {
    path: 'analytics/province/:code',
    lazy: lazyPage(
      () => import('../features/analytics/ProvinceProfilePage'),
      (m) => m.ProvinceProfilePage,
    ),
  },
  {
    path: 'data',
    lazy: lazyPage(
      () => import('../features/statistics/ExplorerPage'),
      (m) => m.ExplorerPage,
    ),
  },
  {
    path: 'data/import',
    lazy: lazyPage(
      () => import('../features/statistics/ImportPage'),
      (m) => m.ImportPage,
    ),
  },
  {
    path: 'data/coverage',
    lazy: lazyPage(
      () => import('../features/statistics/CoveragePage'),
      (m) => m.CoveragePage,
    ),
  },
  {
    path: 'data/datasets',
    lazy: lazyPage(
      () => import('../features/statistics/DatasetsPage'),
      (m) => m.DatasetsPage,
    ),
  },
  {
    path: 'data/datasets/:id',
    lazy: lazyPage(
      () => import('../features/statistics/DatasetsPage'),
      (m) => m.DatasetPage,
    ),
  },
  {
    path: 'documents',
    lazy: lazyPage(
      () => import('../features/documents/DocumentsPage'),
      (m) => m.DocumentsPage,
    ),
  },
  {
    path: 'reports',
    lazy: lazyPage(
      () => import('../features/documents/PublishedReportsPage'),
      (m) => m.PublishedReportsPage,
    ),
  },
  {
    path: 'documents/cycles/:id',
    lazy: lazyPage(
      () => import('../features/documents/DraftPage'),
      (m) => m.DraftPage,
    ),
  },
  {
    path: 'plans',
    lazy: lazyPage(
      () => import('../features/plans/PlansPage'),
      (m) => m.PlansPage,
    ),
  },
  {
    path: 'plans/:code',
    lazy: lazyPage(
      () => import('../features/plans/PlanPage'),
      (m) => m.PlanPage,
    ),
  },
  {
    path: 'projects',
    lazy: lazyPage(
      () => import('../features/plans/ProjectsPage'),
      (m) => m.ProjectsPage,
    ),
  },
  {
    path: 'projects/:code',
    lazy: lazyPage(
      () => import('../features/plans/ProjectPage'),
      (m) => m.ProjectPage,
    ),
  },
  {
    path: 'councils',
    lazy: lazyPage(
      () => import('../features/councils/CouncilsPage'),
      (m) => m.CouncilsPage,
    ),
  },
  {
    path: 'councils/linkages',
    lazy: lazyPage(
      () => import('../features/councils/LinkagesPage'),
      (m) => m.LinkagesPage,
    ),
  },
  {
    path: 'councils/follow-ups',
    lazy: lazyPage(
      () => import('../features/councils/FollowUpsPage'),
      (m) => m.FollowUpsPage,
    ),
  },
  {
    path: 'councils/follow-ups/:id',
    lazy: lazyPage(
      () => import('../features/councils/FollowUpPage'),
      (m) => m.FollowUpPage,
    ),
  },
  {
    path: 'councils/meetings/:id',
    lazy: lazyPage(
      () => import('../features/councils/MeetingPage'),
      (m) => m.MeetingPage,
    ),
  },
  {
    path: 'councils/bottlenecks/:id',
    lazy: lazyPage(
      () => import('../features/councils/BottleneckPage'),
      (m) => m.BottleneckPage,
    ),
  },
  {
    path: 'councils/:code',
    lazy: lazyPage(
      () => import('../features/councils/CouncilPage'),
      (m) => m.CouncilPage,
    ),
  },
  {
    path: 'login',
    lazy: lazyPage(
      () => import('../features/access/LoginPage'),
      (m) => m.LoginPage,
    ),
  },
  {
    path: 'account',
    lazy: lazyPage(
      () => import('../features/access/AccountPage'),
      (m) => m.AccountPage,
    ),
  },
  {
    path: 'account/set-password',
    lazy: lazyPage(
      () => import('../features/access/SetPasswordPage'),
      (m) => m.SetPasswordPage,
    ),
  },
  {
    path: 'admin/users',
    lazy: lazyPage(
      () => import('../features/access/UsersPage'),
      (m) => m.UsersPage,
    ),
  },
  {
    path: 'admin/organisations',
    lazy: lazyPage(
      () => import('../features/access/OrganisationsPage'),
      (m) => m.OrganisationsPage,
    ),
  },
  {
    path: 'admin/audit',
    lazy: lazyPage(
      () => import('../features/access/AuditPage'),
      (m) => m.AuditPage,
    ),
  },
  reportingRoutes,
  {
    path: 'monitoring',
    lazy: lazyPage(
      () => import('../features/monitoring/ScorecardPage'),
      (m) => m.ScorecardPage,
    ),
  },
  {
    path: 'monitoring/provinces/:code',
    lazy: lazyPage(
      () => import('../features/monitoring/ProvinceScorePage'),
      (m) => m.ProvinceScorePage,
    ),
  },
  {
    path: 'monitoring/duplicates',
    lazy: lazyPage(
      () => import('../features/monitoring/DuplicatesPage'),
      (m) => m.DuplicatesPage,
    ),
  },
  {
    path: 'data/contributions',
    lazy: lazyPage(
      () => import('../features/contribution/ContributionsPage'),
      (m) => m.ContributionsPage,
    ),
  },
  {
    path: 'data/sharing',
    lazy: lazyPage(
      () => import('../features/contribution/SharingPage'),
      (m) => m.SharingPage,
    ),
  },
  {
    path: 'account/tokens',
    lazy: lazyPage(
      () => import('../features/contribution/TokensPage'),
      (m) => m.TokensPage,
    ),
  },
  {
    path: 'compare',
    lazy: lazyPage(
      () => import('../features/compare/ComparePage'),
      (m) => m.ComparePage,
    ),
  },
];

/** The path of every page, parents joined to children (`/reporting/cycles/:id`); the index page is `/`. */
export function pagePaths(routes: RouteObject[] = pageRoutes, parent = ''): string[] {
  return routes.flatMap((r) => {
    const here = r.index ? parent : r.path ? `${parent}/${r.path}` : parent;
    // a layout route (children, no index of its own) is not a page by itself
    const own = r.index || (r.path && !r.children) ? [here || '/'] : [];
    return [...own, ...(r.children ? pagePaths(r.children, here) : [])];
  });
}

import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy';

/** The reporting section's pages, mounted under /reporting by the app router; each page loads when first opened. */
export const reportingRoutes: RouteObject = {
  path: 'reporting',
  lazy: lazyPage(
    () => import('./ReportingLayout'),
    (m) => m.ReportingLayout,
  ),
  children: [
    {
      index: true,
      lazy: lazyPage(
        () => import('./ReportingHome'),
        (m) => m.ReportingHome,
      ),
    },
    {
      path: 'cycles/new',
      lazy: lazyPage(
        () => import('./CycleFormPage'),
        (m) => m.CycleFormPage,
      ),
    },
    {
      path: 'cycles/:id',
      lazy: lazyPage(
        () => import('./CyclePage'),
        (m) => m.CyclePage,
      ),
    },
    {
      path: 'cycles/:id/edit',
      lazy: lazyPage(
        () => import('./CycleFormPage'),
        (m) => m.CycleFormPage,
      ),
    },
    {
      path: 'submissions/:id',
      lazy: lazyPage(
        () => import('./SubmissionPage'),
        (m) => m.SubmissionPage,
      ),
    },
    {
      path: 'tasks',
      lazy: lazyPage(
        () => import('./TaskHistoryPage'),
        (m) => m.TaskHistoryPage,
      ),
    },
    {
      path: 'policy',
      lazy: lazyPage(
        () => import('./PolicyPage'),
        (m) => m.PolicyPage,
      ),
    },
    {
      path: 'search',
      lazy: lazyPage(
        () => import('./SearchPage'),
        (m) => m.SearchPage,
      ),
    },
    {
      path: 'notifications',
      lazy: lazyPage(
        () => import('./NotificationsPage'),
        (m) => m.NotificationsPage,
      ),
    },
  ],
};

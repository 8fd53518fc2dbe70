import type { RouteObject } from 'react-router';
import { CycleFormPage } from './CycleFormPage';
import { CyclePage } from './CyclePage';
import { NotificationsPage } from './NotificationsPage';
import { PolicyPage } from './PolicyPage';
import { ReportingHome } from './ReportingHome';
import { ReportingLayout } from './ReportingLayout';
import { SearchPage } from './SearchPage';
import { SubmissionPage } from './SubmissionPage';
import { TaskHistoryPage } from './TaskHistoryPage';

/** The reporting section's pages, mounted under /reporting by the app router. */
export const reportingRoutes: RouteObject = {
  path: 'reporting',
  element: <ReportingLayout />,
  children: [
    { index: true, element: <ReportingHome /> },
    { path: 'cycles/new', element: <CycleFormPage /> },
    { path: 'cycles/:id', element: <CyclePage /> },
    { path: 'cycles/:id/edit', element: <CycleFormPage /> },
    { path: 'submissions/:id', element: <SubmissionPage /> },
    { path: 'tasks', element: <TaskHistoryPage /> },
    { path: 'policy', element: <PolicyPage /> },
    { path: 'search', element: <SearchPage /> },
    { path: 'notifications', element: <NotificationsPage /> },
  ],
};

/** The main-navigation entry of the section (its label comes from this feature, not the app dictionary). */
export const reportingNav = { to: '/reporting', label: { vi: 'Báo cáo NQ 57', en: 'Res. 57 reporting' } };

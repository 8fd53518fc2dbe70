import type { Me } from '@regionlink/shared';
import type { Gate, PolicyRow } from '../../lib/policy';

/**
 * Who may do what in the plans module, as data. Every route of the module has one row (a test fails if a route has
 * none), and the permission-matrix tests are generated from these rules.
 *
 * - `public`: anyone, signed in or not (plans, the registry, published progress, the results framework, exports).
 * - `project_editor`: admin, or a reporter whose organisation is responsible for the project, or whose province
 *   (today's 34) contains a province the project is *located* in. A project only *affecting* a province gives that
 *   province no edit right. Viewers and council users never edit.
 * - `admin`: the national administrator (MoF) only.
 * - Drafts of progress updates (and their evidence) are visible to project editors, admin, and council users of a
 *   region the project touches; to everyone else they do not exist (404).
 */
export type Rule = 'public' | 'project_editor' | 'admin';

export const POLICY: { method: string; url: string; rule: Rule }[] = [
  { method: 'GET', url: '/api/v1/plans', rule: 'public' },
  { method: 'POST', url: '/api/v1/plans', rule: 'admin' },
  { method: 'GET', url: '/api/v1/plans/:code', rule: 'public' },
  { method: 'PATCH', url: '/api/v1/plans/:code', rule: 'admin' },
  { method: 'POST', url: '/api/v1/plans/:code/task-groups', rule: 'admin' },
  { method: 'GET', url: '/api/v1/plans/:code/results-framework', rule: 'public' },
  { method: 'POST', url: '/api/v1/plans/:code/indicators', rule: 'admin' },
  { method: 'POST', url: '/api/v1/plan-indicators/:id/targets', rule: 'admin' },
  { method: 'POST', url: '/api/v1/plan-indicators/:id/actuals', rule: 'admin' },
  { method: 'GET', url: '/api/v1/projects', rule: 'public' },
  { method: 'POST', url: '/api/v1/projects', rule: 'admin' },
  { method: 'GET', url: '/api/v1/projects/vocabulary', rule: 'public' },
  { method: 'GET', url: '/api/v1/projects/funding-summary', rule: 'public' },
  { method: 'GET', url: '/api/v1/projects/timeline', rule: 'public' },
  { method: 'GET', url: '/api/v1/projects/:code', rule: 'public' },
  { method: 'PATCH', url: '/api/v1/projects/:code', rule: 'admin' },
  { method: 'POST', url: '/api/v1/projects/:code/funding-lines', rule: 'project_editor' },
  { method: 'PATCH', url: '/api/v1/funding-lines/:id', rule: 'project_editor' },
  { method: 'DELETE', url: '/api/v1/funding-lines/:id', rule: 'project_editor' },
  { method: 'POST', url: '/api/v1/projects/:code/milestones', rule: 'project_editor' },
  { method: 'PATCH', url: '/api/v1/milestones/:id', rule: 'project_editor' },
  { method: 'DELETE', url: '/api/v1/milestones/:id', rule: 'project_editor' },
  { method: 'GET', url: '/api/v1/projects/:code/progress-updates', rule: 'public' },
  { method: 'POST', url: '/api/v1/projects/:code/progress-updates', rule: 'project_editor' },
  { method: 'PATCH', url: '/api/v1/progress-updates/:id', rule: 'project_editor' },
  { method: 'DELETE', url: '/api/v1/progress-updates/:id', rule: 'project_editor' },
  { method: 'POST', url: '/api/v1/progress-updates/:id/publish', rule: 'project_editor' },
  { method: 'POST', url: '/api/v1/progress-updates/:id/evidence', rule: 'project_editor' },
  { method: 'GET', url: '/api/v1/evidence/:id', rule: 'public' },
  { method: 'GET', url: '/api/v1/funding-lines/:id', rule: 'public' },
  { method: 'GET', url: '/api/v1/milestones/:id', rule: 'public' },
  { method: 'GET', url: '/api/v1/plan-indicators/:id', rule: 'public' },
  { method: 'DELETE', url: '/api/v1/evidence/:id', rule: 'project_editor' },
];

/**
 * Routes on a draft update or its evidence: to whoever may not see the draft (the public included) it does not exist
 * (404), so the gate lets every caller through to the service, which answers 404 before reading anything else.
 */
const ON_DRAFT = /^\/api\/v1\/(progress-updates\/:id|evidence\/:id)/;

/** The central gate of each plans route (lib/policy.ts): the coarse check made before the body is read. */
export const PLANS_GATES: PolicyRow[] = POLICY.map((p) => {
  const gate: Gate =
    p.rule === 'public' ? 'public' : p.rule === 'admin' ? ['admin'] : ON_DRAFT.test(p.url) ? 'public' : 'writer';
  return { method: p.method as PolicyRow['method'], url: p.url, gate };
});

/** What the policy needs to know about a project. */
export interface ProjectScope {
  responsibleOrgIds: readonly number[];
  /** Today's (34) provinces the project is located in. */
  locatedToday: readonly string[];
  /** Today's regions the project touches. */
  regionsToday: readonly string[];
}

type User = Pick<Me, 'role' | 'organisation'> | null;

export const isAdmin = (u: User) => u?.role === 'admin';

/** May this user edit the project's funding lines, milestones and progress updates? */
export function canEditProject(u: User, p: ProjectScope): boolean {
  if (!u) return false;
  if (u.role === 'admin') return true;
  if (u.role !== 'reporter') return false;
  if (p.responsibleOrgIds.includes(u.organisation.id)) return true;
  return (
    u.organisation.kind === 'province' &&
    u.organisation.provinceCode !== null &&
    p.locatedToday.includes(u.organisation.provinceCode)
  );
}

/** May this user see the project's unpublished progress updates? */
export function canSeeDrafts(u: User, p: ProjectScope): boolean {
  if (canEditProject(u, p)) return true;
  return (
    u?.role === 'council' && u.organisation.regionCode !== null && p.regionsToday.includes(u.organisation.regionCode)
  );
}

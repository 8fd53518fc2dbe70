import type { Gate, PolicyRow } from '../../lib/policy';

/**
 * Who may do what in the monitoring module, one row per route (lib/policy.ts checks the gate before the body is read):
 * - `public`: the scorecard (scores only, no records), its downloads, the candidate duplicates and their rules;
 * - `signed_in`: the records a province's components counted, and the report material (the service keeps it to MoF);
 * - `admin`: publishing a year's scorecard (MoF administrators);
 * - `office`: dismissing or reopening a candidate duplicate — the Office of the council: MoF administrators, or the
 *   secretariat (`council` role) of a region the pair lies in; the service checks the region.
 */
export type Rule = 'public' | 'signed_in' | 'admin' | 'office';

export const POLICY: { method: PolicyRow['method']; url: string; rule: Rule }[] = [
  { method: 'GET', url: '/api/v1/monitoring/scorecard', rule: 'public' },
  { method: 'GET', url: '/api/v1/monitoring/scorecard/years', rule: 'public' },
  { method: 'GET', url: '/api/v1/monitoring/scorecard.csv', rule: 'public' },
  { method: 'GET', url: '/api/v1/monitoring/scorecard.xlsx', rule: 'public' },
  { method: 'GET', url: '/api/v1/monitoring/scorecard/:code/records', rule: 'signed_in' },
  { method: 'POST', url: '/api/v1/monitoring/scorecard/publications', rule: 'admin' },
  { method: 'GET', url: '/api/v1/monitoring/duplicates', rule: 'public' },
  { method: 'GET', url: '/api/v1/monitoring/duplicates/report-material', rule: 'signed_in' },
  { method: 'POST', url: '/api/v1/monitoring/duplicate-dismissals', rule: 'office' },
  { method: 'POST', url: '/api/v1/monitoring/duplicate-dismissals/:id/reopen', rule: 'office' },
];

const GATE: Record<Rule, Gate> = {
  public: 'public',
  signed_in: 'signed_in',
  admin: ['admin'],
  office: ['admin', 'council'],
};

export const MONITORING_GATES: PolicyRow[] = POLICY.map((p) => ({ method: p.method, url: p.url, gate: GATE[p.rule] }));

import { describe, expect, it } from 'vitest';
import { computeProgress, daysBetween, median, type ProgressInput } from './progress';

const org = (id: number, group: 'central' | 'locality', regionCode: string | null = null) => ({
  organisationId: id,
  code: `O${id}`,
  nameVi: `Cơ quan ${id}`,
  nameEn: `Org ${id}`,
  group,
  provinceCode: null,
  regionCode,
});
const sub = (id: number, receivedOn: string | null, state: 'draft' | 'submitted' | 'accepted' = 'accepted') => ({
  organisationId: id,
  state,
  received: state !== 'draft',
  receivedOn,
  docNumber: `${id}/BC`,
  docDate: receivedOn,
  flags: [],
  readable: true,
  stateVisible: true,
});
const base: ProgressInput = {
  cycleId: 1,
  requestDate: '2025-11-10',
  deadline: '2025-11-30',
  cutoff: '2025-12-23',
  today: '2026-01-05',
  scope: 'all',
  orgs: [
    org(1, 'central'),
    org(2, 'central'),
    org(3, 'locality', 'NMM'),
    org(4, 'locality', 'RRD'),
    org(5, 'locality', 'NMM'),
  ],
  submissions: [sub(1, '2025-11-18'), sub(2, null), sub(3, '2025-12-05', 'submitted'), sub(5, null, 'draft')],
  regions: [
    { code: 'NMM', nameVi: 'Trung du và miền núi phía Bắc', nameEn: 'NMM' },
    { code: 'RRD', nameVi: 'Đồng bằng sông Hồng', nameEn: 'RRD' },
  ],
};

describe('progress: completeness and timeliness', () => {
  it('counts expected, received, on time, late, undated and missing, by group and region', () => {
    const p = computeProgress(base);
    expect([p.expected, p.received, p.onTime, p.late, p.undated, p.accepted]).toEqual([5, 3, 1, 1, 1, 2]);
    expect(p.missing.map((m) => m.orgCode)).toEqual(['O4', 'O5']);
    // named in both languages, so the English page does not list them in Vietnamese
    expect(p.missing.map((m) => m.orgNameEn)).toEqual(['Org 4', 'Org 5']);
    expect(p.byGroup.central).toMatchObject({ expected: 2, received: 2, onTime: 1, undated: 1, missing: 0 });
    expect(p.byGroup.locality).toMatchObject({ expected: 3, received: 1, late: 1, missing: 2 });
    expect(p.byRegion.find((r) => r.regionCode === 'NMM')).toMatchObject({ expected: 2, received: 1, missing: 1 });
    expect(p.judgedAgainstKind).toBe('deadline');
    expect(p.rows.find((r) => r.orgCode === 'O5')?.timeliness).toBe('missing');
  });

  it('judges against the cut-off when the request set no deadline, and says so', () => {
    const p = computeProgress({ ...base, deadline: null });
    expect(p.judgedAgainst).toBe('2025-12-23');
    expect(p.judgedAgainstKind).toBe('cutoff');
    expect(p.onTime).toBe(2);
    expect(p.late).toBe(0);
    expect(p.methodVi).toContain('ngày chốt');
  });

  it('computes days from the request and flags a receipt dated before the request', () => {
    const p = computeProgress({ ...base, submissions: [...base.submissions, sub(4, '2024-11-05')] });
    expect(p.rows.find((r) => r.orgCode === 'O1')?.daysFromRequest).toBe(8);
    const odd = p.rows.find((r) => r.orgCode === 'O4')!;
    expect(odd.daysFromRequest).toBe(-370);
    expect(odd.flags.map((f) => f.code)).toContain('received_before_request');
    expect(p.daysFromRequest).toEqual({ min: -370, median: 8, max: 25, count: 3 });
  });

  it('hides document numbers and flags of submissions the caller may not read', () => {
    const hidden = {
      ...sub(1, '2025-11-18'),
      readable: false,
      stateVisible: false,
      flags: [{ code: 'x', noteVi: 'a', noteEn: 'b' }],
    };
    const p = computeProgress({ ...base, submissions: [hidden] });
    const row = p.rows.find((r) => r.orgCode === 'O1')!;
    expect(row.received).toBe(true);
    expect([row.docNumber, row.docDate, row.state]).toEqual([null, null, null]);
    expect(row.flags).toEqual([]);
  });

  it('reports not-yet-due organisations before the deadline', () => {
    const p = computeProgress({ ...base, today: '2025-11-20' });
    expect(p.rows.find((r) => r.orgCode === 'O4')?.timeliness).toBe('not_due');
  });

  it('date helpers', () => {
    expect(daysBetween('2025-11-10', '2025-12-23')).toBe(43);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

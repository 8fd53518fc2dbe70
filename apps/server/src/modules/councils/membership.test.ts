import { describe, expect, it } from 'vitest';
import { type CouncilSpan, councilOfLineAt, inForceOn, lineageOf, memberProvincesAt } from './membership';

const OLD: CouncilSpan = {
  code: 'old',
  regionCode: 'NMM',
  regionGroupingId: 'region-gso-NMM',
  validFrom: '2023-08-19',
  validTo: '2025-12-09',
};
const NEW: CouncilSpan = {
  code: 'new',
  regionCode: 'NMM',
  regionGroupingId: 'region-2025-NMM',
  validFrom: '2025-12-10',
  validTo: null,
};
const OLD_REGION = { validFrom: '2008-01-01', validTo: '2025-06-30', lastMembers: ['10', '15', '24'] };
// 10 (Lào Cai) and 15 (Yên Bái) became 15 (Lào Cai); 24 (Bắc Giang) became 24 (Bắc Ninh).
const SUCCESSORS = new Map([
  ['10', ['15']],
  ['15', ['15']],
  ['24', ['24']],
]);

describe('council membership over time (pure)', () => {
  it('an old council before the reform has its old region’s members', () => {
    expect(memberProvincesAt(OLD, '2024-05-01', { ...OLD_REGION, membersAt: ['24', '10', '15'] }, SUCCESSORS)).toEqual([
      '10',
      '15',
      '24',
    ]);
  });

  it('between the reform and the consolidation, the old council sits with the successors of its provinces', () => {
    expect(memberProvincesAt(OLD, '2025-09-01', { ...OLD_REGION, membersAt: null }, SUCCESSORS)).toEqual(['15', '24']);
  });

  it('has no members outside its validity, and the new council takes over on the consolidation date', () => {
    expect(memberProvincesAt(OLD, '2025-12-10', { ...OLD_REGION, membersAt: null }, SUCCESSORS)).toEqual([]);
    expect(inForceOn(OLD, '2025-12-09')).toBe(true);
    expect(inForceOn(NEW, '2025-12-09')).toBe(false);
    const newRegion = { validFrom: '2025-07-01', validTo: null, membersAt: ['25', '04'], lastMembers: [] };
    expect(memberProvincesAt(NEW, '2025-12-10', newRegion, new Map())).toEqual(['04', '25']);
    expect(memberProvincesAt(NEW, '2025-12-09', newRegion, new Map())).toEqual([]);
  });

  it('walks lineages through consolidations, including a council split between two successors', () => {
    const edges = [
      { from: 'ncc', to: 'nc' },
      { from: 'ncc', to: 'scch' },
      { from: 'ch', to: 'scch' },
    ];
    expect(lineageOf('scch', edges)).toEqual(['scch', 'ncc', 'ch']);
    expect(lineageOf('nc', edges)).toEqual(['nc', 'ncc']);
    const spans: CouncilSpan[] = [
      { ...OLD, code: 'ncc' },
      { ...OLD, code: 'ch' },
      { ...NEW, code: 'nc' },
      { ...NEW, code: 'scch' },
    ];
    expect(councilOfLineAt('ch', spans, edges, '2026-01-01')?.code).toBe('scch');
    expect(councilOfLineAt('scch', spans, edges, '2024-01-01')?.code).toMatch(/^(ncc|ch)$/);
    expect(councilOfLineAt('nc', spans, edges, '2020-01-01')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { linkageEdges } from './linkage';

describe('linkage network (pure)', () => {
  it('links every pair of parties, consecutive provinces of a project, and a lead with its partners', () => {
    const edges = linkageEdges({
      agreements: [{ id: 1, titleVi: 'A', provinces: ['14', '12', '11'] }],
      projects: [
        { code: 'CORR', nameVi: 'Hành lang', nameEn: 'Corridor', provinces: ['01', '25', '25', '14', '11'] },
        { code: 'ONE', nameVi: 'Một tỉnh', nameEn: 'One province', provinces: ['20'] },
      ],
      followUps: [{ id: 9, textVi: 'K', lead: '20', partners: ['04', '19', '20'] }],
    });
    const pair = (a: string, b: string) => edges.find((e) => e.a === a && e.b === b);
    expect(pair('11', '12')?.agreements).toEqual([{ id: 1, titleVi: 'A' }]);
    expect(pair('12', '14')?.agreements.length).toBe(1);
    expect(pair('11', '14')?.agreements.length).toBe(1);
    expect(pair('11', '14')?.projects).toEqual([{ code: 'CORR', nameVi: 'Hành lang', nameEn: 'Corridor' }]);
    expect(pair('11', '14')?.weight).toBe(2);
    expect(pair('01', '25')?.projects.length).toBe(1);
    expect(pair('01', '14')).toBeUndefined();
    expect(pair('04', '20')?.followUps).toEqual([{ id: 9, textVi: 'K' }]);
    expect(pair('19', '20')?.followUps.length).toBe(1);
    expect(edges.some((e) => e.a === e.b)).toBe(false);
    expect(edges[0].weight).toBe(2);
    expect(edges.length).toBe(7);
  });
});

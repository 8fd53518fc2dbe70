import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProvinceList, isInterProvincial, mapProvinces } from './inter-provincial';

const L = (code: string, costShare: number | null = null) => ({ code, role: 'located' as const, costShare });
const A = (code: string, costShare: number | null = null) => ({ code, role: 'affected' as const, costShare });

describe('inter-provincial flag', () => {
  it('worked examples from the definition', () => {
    // Located in two provinces: the Hà Nội – Lạng Sơn corridor.
    expect(isInterProvincial([L('01'), L('20')])).toBe(true);
    // Located in one, affecting another: a reservoir in Bắc Giang supplying Lạng Sơn.
    expect(isInterProvincial([L('24'), A('20')])).toBe(true);
    // One province only: an airport in Lào Cai.
    expect(isInterProvincial([L('10')])).toBe(false);
    // Only affected provinces (the Red River dredging, location itself unresolved): not a linkage project by the rule.
    expect(isInterProvincial([A('01'), A('31'), A('22')])).toBe(false);
    // The same province listed as located and affected counts once.
    expect(isInterProvincial([L('20'), A('20')])).toBe(false);
    expect(isInterProvincial([])).toBe(false);
  });

  it('after the 2025 mergers a project in Hà Giang and Tuyên Quang lies in one province', () => {
    const cw = new Map([
      ['02', ['08']],
      ['08', ['08']],
      ['01', ['01']],
    ]);
    const today = mapProvinces([L('01'), L('08'), L('02')], cw);
    expect(today.map((p) => p.code)).toEqual(['01', '08']);
    expect(isInterProvincial(mapProvinces([L('08'), L('02')], cw))).toBe(false);
    expect(isInterProvincial([L('08'), L('02')])).toBe(true);
  });

  it('merging keeps located over affected and adds cost shares', () => {
    const cw = new Map([
      ['02', ['08']],
      ['08', ['08']],
    ]);
    expect(mapProvinces([A('02', 30), L('08', 20)], cw)).toEqual([{ code: '08', role: 'located', costShare: 50 }]);
  });

  const entries = fc.array(
    fc.record({
      code: fc.constantFrom('01', '02', '04', '08', '20', '24'),
      role: fc.constantFrom('located', 'affected'),
    }),
    { maxLength: 8 },
  );

  it('property: adding a located province never removes the flag; order never matters', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom('01', '02', '04', '08'), (list, extra) => {
        const typed = list as { code: string; role: 'located' | 'affected' }[];
        if (isInterProvincial(typed)) expect(isInterProvincial([...typed, L(extra)])).toBe(true);
        expect(isInterProvincial([...typed].reverse())).toBe(isInterProvincial(typed));
      }),
    );
  });

  it('property: the flag equals "≥2 distinct located, or 1 located + another affected"', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const typed = list as { code: string; role: 'located' | 'affected' }[];
        const located = new Set(typed.filter((p) => p.role === 'located').map((p) => p.code));
        const touched = new Set(typed.map((p) => p.code));
        const expected = located.size >= 2 || (located.size === 1 && touched.size >= 2);
        expect(isInterProvincial(typed)).toBe(expected);
      }),
    );
  });
});

describe('cost shares', () => {
  it('accepts partial shares up to 100 % and complete shares of exactly 100 %', () => {
    expect(checkProvinceList([L('01', 40), L('20', null)])).toEqual([]);
    expect(checkProvinceList([L('01', 60), L('20', 40)])).toEqual([]);
    expect(checkProvinceList([L('01', 33.33), L('20', 33.33), L('04', 33.34)])).toEqual([]);
  });
  it('names the field of each problem', () => {
    expect(checkProvinceList([L('01', 60), L('20', 30)]).map((p) => p.path)).toEqual(['provinces']);
    expect(checkProvinceList([L('01', 70), L('20', 50)])[0].messageVi).toContain('vượt quá 100%');
    expect(checkProvinceList([L('01', 120)]).map((p) => p.path)).toEqual(['provinces.0.costShare', 'provinces']);
    expect(checkProvinceList([L('01'), A('01')]).map((p) => p.path)).toEqual(['provinces.1.code']);
  });
  it('property: shares that leave room for an unpriced province pass; shares adding to more than 100 % fail', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (n) => {
        const list = Array.from({ length: n + 1 }, (_, i) => L(String(i + 10), i < n ? 100 / (n + 1) : null));
        expect(checkProvinceList(list)).toEqual([]);
        const over = list.map((p) => ({ ...p, costShare: 101 / (n + 1) }));
        expect(checkProvinceList(over).length).toBeGreaterThan(0);
      }),
    );
  });
});

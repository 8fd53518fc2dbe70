import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { buildLocationIndex, locationKey, resolveLocation } from './location-resolution';
import { NMM_PROJECT_META } from './nmm-projects.data';

// The 63 provinces as the reference file lists them (the resolver runs on the same list the seed reads from geo).
const p63 = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/provinces-63.csv'), 'utf8')).map((r) => ({
  code: r.code,
  nameVi: r.name_vi,
  nameEn: r.name_en,
}));
const index = buildLocationIndex(p63);
const projects = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/plan-nmm.projects.csv'), 'utf8'));
const resolve = (t: string) => resolveLocation(t, index);
const codes = (t: string) => resolve(t).provinces.map((p) => p.code);

describe('location resolution: the project CSV', () => {
  it('has 97 rows, each with a Vietnamese name and a sector', () => {
    expect(projects).toHaveLength(97);
    for (const r of projects) expect(NMM_PROJECT_META[r.id], r.id).toBeDefined();
  });

  it('accounts for every piece of every location: resolved to a code or listed as unresolved, none dropped', () => {
    let withText = 0;
    for (const r of projects) {
      const res = resolve(r.location);
      if (!r.location.trim()) {
        expect(res.provinces, r.id).toEqual([]);
        expect(res.unresolved, r.id).toEqual([]);
        continue;
      }
      withText++;
      expect(res.provinces.length + res.unresolved.length, r.id).toBeGreaterThan(0);
      // Every word of the location text (outside parentheses, apart from the role marker "connecting to" and the
      // qualifier "mainly") appears in a matched or an unresolved piece.
      const covered = locationKey(
        [...res.provinces.map((p) => p.matchedText), ...res.unresolved.map((u) => u.text)].join(' '),
      );
      for (const word of locationKey(r.location.replace(/connecting to|mainly/gi, ' '))
        .split(/[\s,;>-]+/)
        .filter((w) => w.length > 1))
        expect(covered, `${r.id}: "${word}" of "${r.location}"`).toContain(word);
      for (const p of res.provinces)
        expect(
          p63.some((u) => u.code === p.code),
          `${r.id} → ${p.code}`,
        ).toBe(true);
    }
    expect(withText).toBe(74);
  });

  it('resolves the corridors in the order written, all located', () => {
    const r = resolve('Hà Nội - Bắc Giang - Lạng Sơn - Cao Bằng');
    expect(r.provinces.map((p) => [p.code, p.role])).toEqual([
      ['01', 'located'],
      ['24', 'located'],
      ['20', 'located'],
      ['04', 'located'],
    ]);
    expect(codes('Phú Thọ - Vĩnh Phúc - Hà Nội - Hưng Yên - Hải Dương - Hải Phòng')).toEqual([
      '25',
      '26',
      '01',
      '33',
      '30',
      '31',
    ]);
  });

  it('resolves the old names merged in 2025 to their 63-unit codes (Hà Giang, Bắc Kạn, Yên Bái, Hòa Bình)', () => {
    expect(codes('Hà Nội - Tuyên Quang - Hà Giang')).toEqual(['01', '08', '02']);
    expect(codes('Hà Nội - Thái Nguyên - Bắc Kạn')).toEqual(['01', '19', '06']);
    expect(codes('Việt Trì - Yên Bái - Lào Cai')).toEqual(['25', '15', '10']);
    expect(codes('Bắc Cạn')).toEqual(['06']); // older spelling
  });

  it('treats tone-mark placement variants and NFD input as the same name', () => {
    expect(codes('Hoà Bình')).toEqual(['17']);
    expect(codes('Hòa Bình')).toEqual(['17']);
    expect(codes('Hòa Bình'.normalize('NFD'))).toEqual(['17']);
    expect(codes('Thanh Hoá')).toEqual(['38']);
    expect(codes('Khánh Hoà')).toEqual(['56']);
    expect(codes('tỉnh Hoà Bình')).toEqual(['17']);
  });

  it('maps "Huế" and "Thừa Thiên Huế", "TP. Hồ Chí Minh" and "Bà Rịa - Vũng Tàu" to the right 63-unit codes', () => {
    expect(codes('Thừa Thiên Huế')).toEqual(['46']);
    expect(codes('Huế')).toEqual(['46']);
    expect(resolve('Huế').provinces[0].via).toBe('alias');
    expect(codes('Thừa Thiên - Huế')).toEqual(['46']);
    expect(codes('Thành phố Hồ Chí Minh')).toEqual(['79']);
    expect(codes('TP. Hồ Chí Minh')).toEqual(['79']);
    expect(codes('Bà Rịa–Vũng Tàu')).toEqual(['77']);
    expect(codes('Bà Rịa - Vũng Tàu - Đồng Nai')).toEqual(['77', '75']);
  });

  it('resolves named places only through the gazetteer, and says so', () => {
    const r = resolve('Hữu Nghị - Chi Lăng');
    expect(r.provinces).toEqual([
      expect.objectContaining({ code: '20', via: 'place', matchedText: 'Hữu Nghị; Chi Lăng' }),
    ]);
    expect(codes('Sa Pa')).toEqual(['10']);
    expect(codes('Mộc Châu plateau')).toEqual(['14']);
    expect(codes('Lào Cai international border gate')).toEqual(['10']);
    expect(codes('Cẩm Sơn reservoir -> Khuôn Thần reservoir')).toEqual(['24']);
  });

  it('lists what it cannot resolve instead of guessing', () => {
    expect(resolve('Đèo Hùng - Chợ Bến')).toEqual({
      provinces: [],
      unresolved: [
        { text: 'Đèo Hùng', reason: 'unknown_name' },
        { text: 'Chợ Bến', reason: 'unknown_name' },
      ],
    });
    expect(resolve('Region; Red River Delta').unresolved.map((u) => u.reason)).toEqual([
      'region_wide',
      'not_a_province',
    ]);
    const lc = resolve('Lai Châu; Nội Bài - Lào Cai expressway');
    expect(lc.provinces.map((p) => p.code)).toEqual(['12']);
    expect(lc.unresolved).toEqual([{ text: 'Nội Bài - Lào Cai expressway', reason: 'spans_provinces' }]);
    expect(resolve('Areas important for forest protection, border security, water security, energy security')).toEqual({
      provinces: [],
      unresolved: [
        {
          text: 'Areas important for forest protection, border security, water security, energy security',
          reason: 'region_wide',
        },
      ],
    });
  });

  it('gives "connecting to" provinces the role affected', () => {
    const r = resolve('Red River (sông Hồng); connecting to Hà Nội, Hải Phòng, Quảng Ninh');
    expect(r.unresolved).toEqual([{ text: 'Red River (sông Hồng)', reason: 'spans_provinces' }]);
    expect(r.provinces.map((p) => [p.code, p.role])).toEqual([
      ['01', 'affected'],
      ['31', 'affected'],
      ['22', 'affected'],
    ]);
  });

  it('lists a province once, located winning over affected', () => {
    const r = resolve('connecting to Lạng Sơn; Lạng Sơn - Cao Bằng; Mộc Châu - Sơn La');
    expect(r.provinces.map((p) => [p.code, p.role])).toEqual([
      ['20', 'located'],
      ['04', 'located'],
      ['14', 'located'],
    ]);
  });

  it('resolves nothing from empty text', () => {
    expect(resolve('')).toEqual({ provinces: [], unresolved: [] });
    expect(resolveLocation(null, index)).toEqual({ provinces: [], unresolved: [] });
  });
});

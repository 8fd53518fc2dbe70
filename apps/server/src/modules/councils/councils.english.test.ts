import fs from 'node:fs';
import path from 'node:path';
import { normaliseText } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { councilsEnglishTexts } from './councils.english';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VIETNAMESE = /[àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
// Official document numbers (826/QĐ-TTg) and item numbers (1.3.đ) are cited as issued, in every language.
const english = (s: string) => !VIETNAMESE.test(s.replace(/\d+\/[A-ZĐ0-9/-]+|\d\.\d\.đ/g, ''));
const texts = councilsEnglishTexts();
const read = (file: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'councils', file), 'utf8'));

describe(`English reference texts of the councils on ${TEST_ENGINE}`, () => {
  it('gives every founding decision, note and change basis of the reference files an English text', () => {
    const known = new Set(Object.keys(texts.texts).map(normaliseText));
    for (const c of read('councils.csv'))
      for (const v of [c.founding_decision, c.note].filter(Boolean))
        expect(known.has(normaliseText(v)), `${c.code}: ${v}`).toBe(true);
    for (const ch of read('council-changes.csv'))
      for (const v of [ch.basis, ch.note].filter(Boolean)) expect(known.has(normaliseText(v)), v).toBe(true);
    for (const team of read('coordination-teams.csv'))
      expect(texts.teamNames[team.province_code], team.province_code).toMatch(/^Regional Coordination Team of /);
    for (const en of [...Object.values(texts.texts), ...Object.values(texts.teamNames)])
      expect(english(en), en).toBe(true);
  });

  it('serves the English beside the Vietnamese for councils, their changes and coordination teams', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/councils' })).json().items as Record<
      string,
      string | null
    >[];
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      expect(c.foundingDecisionEn, c.code!).toSatisfy((s: string | null) => !!s && english(s));
      expect(c.sourceEn, c.code!).toSatisfy((s: string | null) => !!s && english(s));
      if (c.note) expect(c.noteEn, c.code!).toSatisfy((s: string | null) => !!s && english(s));
    }
    const nmm = (await t.app.inject({ method: 'GET', url: '/api/v1/councils/hddp-2023-nmm' })).json();
    expect(nmm.foundingDecisionEn).toBe('Decision No. 975/QĐ-TTg');
    const founded = nmm.changes.find((ch: { kind: string }) => ch.kind === 'founded');
    expect(founded.basisEn).toBe('Decision No. 975/QĐ-TTg of 19/8/2023 of the Prime Minister');
    const consolidated = nmm.changes.find((ch: { kind: string }) => ch.kind === 'consolidated');
    expect(consolidated.toNameEn).toBe('Regional Coordination Council, Northern Midlands and Mountains');
    const teams = (await t.app.inject({ method: 'GET', url: '/api/v1/coordination-teams' })).json();
    const items = (Array.isArray(teams) ? teams : teams.items) as { provinceCode: string; nameEn: string | null }[];
    expect(items.find((x) => x.provinceCode === '04')?.nameEn).toBe('Regional Coordination Team of Cao Bang Province');
    for (const x of items) expect(x.nameEn, x.provinceCode).toMatch(/^Regional Coordination Team of /);
  });

  it('names agenda items and their presenting organisations in English, and says how the linkage map is drawn', async () => {
    const cookie = await t.login('admin.mof');
    const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();
    const m = await get('/api/v1/council-meetings/2');
    const agenda = m.agenda as Record<string, string | null>[];
    const project = agenda.find((a) => a.kind === 'project' && a.ref === 'RD2-02')!;
    const p = await get('/api/v1/projects/RD2-02');
    expect([project.refLabel, project.refLabelEn]).toEqual([`RD2-02 — ${p.nameVi}`, `RD2-02 — ${p.nameEn}`]);
    const sonLa = agenda.find((a) => a.presenterVi === 'Ủy ban nhân dân tỉnh Sơn La')!;
    expect(sonLa.presenterEn).toMatch(/People's Committee/);
    expect(english(sonLa.presenterEn!)).toBe(true);
    for (const a of agenda.filter((x) => x.kind === 'bottleneck')) expect(a.refLabelEn).toBeNull();
    const links = await get('/api/v1/linkages?region=NMM');
    expect(links.source).toMatch(/^Thỏa thuận hợp tác còn hiệu lực/);
    expect(links.sourceEn).toMatch(/^Cooperation agreements in force/);
    const b = await get('/api/v1/council-bottlenecks/1');
    if (b.projectCode) {
      const bp = await get(`/api/v1/projects/${b.projectCode}`);
      expect([b.projectNameVi, b.projectNameEn]).toEqual([bp.nameVi, bp.nameEn]);
    }
  });

  it('serves the English source line of a province and of the duplicate checks', async () => {
    const unit = (await t.app.inject({ method: 'GET', url: '/api/v1/geo/units/20?at=2025-07-01' })).json();
    expect(unit.source).toMatch(/^Công văn 915\/CTK-CSCL/);
    expect(unit.sourceEn).toMatch(/^Official Letter 915\/CTK-CSCL/);
    const dup = (await t.app.inject({ method: 'GET', url: '/api/v1/monitoring/duplicates' })).json();
    expect(dup.sourceEn).toMatch(/^RegionLink's register of inter-regional projects/);
    expect(english(dup.sourceEn)).toBe(true);
  });
});

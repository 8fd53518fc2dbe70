import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { plansEnglishReferenceTexts, plansEnglishTexts } from './plans.english';
import { plansVietnameseTexts } from './plans.vietnamese';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VIETNAMESE = /[àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const texts = plansEnglishTexts();
const rows = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'domain', 'plan-nmm.projects.csv'), 'utf8'));

describe(`English names of the reference projects on ${TEST_ENGINE}`, () => {
  it('gives every project whose source name carries Vietnamese an English name without it', () => {
    for (const r of rows.filter((x) => VIETNAMESE.test(x.name))) {
      const en = texts.projects[r.id];
      expect(en, r.id).toBeDefined();
      expect(VIETNAMESE.test(en), `${r.id}: ${en}`).toBe(false);
    }
    for (const en of [...Object.values(texts.indicators), ...Object.values(texts.milestones)])
      expect(VIETNAMESE.test(en), en).toBe(false);
  });

  it('serves the English names, the Vietnamese names unchanged', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/projects?limit=1000' })).json().items as {
      code: string;
      nameVi: string;
      nameEn: string;
    }[];
    const rd = list.find((p) => p.code === 'RD2-04')!;
    expect(rd.nameEn).toBe('Ring road 5 through Thai Nguyen and Bac Giang');
    expect(rd.nameVi).toBe('Đường vành đai 5 qua Thái Nguyên, Bắc Giang');
    for (const p of list.filter((x) => texts.projects[x.code]))
      expect(VIETNAMESE.test(p.nameEn), `${p.code}: ${p.nameEn}`).toBe(false);
    const rd14 = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/RD1-04' })).json();
    const names = (rd14.milestones as { nameVi: string; nameEn: string | null }[]).map((m) => [m.nameVi, m.nameEn]);
    expect(names).toContainEqual(['Khởi công', 'Construction start']);
    expect(names).toContainEqual(['Hoàn thành giai đoạn 1', 'Phase 1 completed']);
  });

  it('gives every project location, note and scale of the source an English text without Vietnamese letters', () => {
    const ref = plansEnglishReferenceTexts();
    for (const r of rows) {
      const en = ref.projects[r.id] ?? {};
      for (const [vi, key] of [
        [r.location, 'locationTextEn'],
        [r.notes, 'notesEn'],
        [r.scale, 'scaleEn'],
      ] as const) {
        if (!vi) continue;
        expect(en[key], `${r.id} ${key}`).toBeTruthy();
        expect(VIETNAMESE.test(en[key]!), `${r.id}: ${en[key]}`).toBe(false);
      }
    }
    for (const en of Object.values(ref.unresolvedLocations)) expect(VIETNAMESE.test(en), en).toBe(false);
  });

  it('serves the English beside the Vietnamese for the plan, its task groups, indicators and projects', async () => {
    const plan = (await t.app.inject({ method: 'GET', url: '/api/v1/plans/ip-nmm-2021-2030' })).json();
    expect(plan.note).toMatch(/^Văn bản nguồn là bản chưa ghi số/);
    expect(plan.noteEn).toMatch(/^The source text is a copy without the decision's number/);
    expect(plan.sourceEn).toContain('the text attached to a Decision of the Prime Minister');
    const groups = plan.taskGroups as { code: string; descriptionVi: string | null; descriptionEn: string | null }[];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.descriptionEn, g.code).toBeTruthy();
      expect(g.descriptionEn).not.toBe(g.descriptionVi);
    }
    const ind = (plan.resultsFramework as Record<string, string | null>[]).find((i) => i.code === 'NMM-BGEZ-SYSTEM')!;
    expect([ind.unit, ind.unitEn]).toEqual(['khu kinh tế cửa khẩu', 'border-gate economic zones']);
    expect([ind.scopeName, ind.scopeNameEn]).toEqual([
      'Trung du và miền núi phía Bắc',
      expect.not.stringMatching(VIETNAMESE),
    ]);
    expect(ind.sourceSectionEn).toBe('II.1.b (Thanh Thuy, Cao Bang, Dong Dang - Lang Son, Ma Lu Thang, Lao Cai)');
    const rd = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/RD1-04' })).json();
    expect([rd.locationText, rd.locationTextEn]).toEqual(['Tuyên Quang - Hà Giang', 'Tuyen Quang - Ha Giang']);
    expect(rd.notesEn).toBe("Listed under 'complete' for 2021-2025");
    expect(rd.sourceEn).toMatch(/^reference\/domain\/plan-nmm\.projects\.csv: projects and programmes/);
    const iwt = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/IWT-01' })).json();
    expect(iwt.unresolved).toContainEqual({
      text: 'Red River (sông Hồng)',
      textEn: 'Red River',
      reason: 'spans_provinces',
    });
  });

  it('gives the reference projects Vietnamese notes, scale and sector detail, the CSV English kept as their English', async () => {
    const vi = plansVietnameseTexts();
    for (const r of rows) {
      const p = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${r.id}` })).json();
      // Each text the CSV gave in English is served in Vietnamese, with an English of its own.
      for (const [text, field, en, dict] of [
        [r.notes, p.notes, p.notesEn, vi.notes],
        [r.scale, p.scale, p.scaleEn, vi.scales],
        [r.sector, p.sectorDetail, p.sectorDetailEn, vi.sectorDetails],
      ] as const) {
        if (!text) continue;
        expect(field, `${r.id}: ${text}`).toBe(dict[text]);
        expect(en, `${r.id}: the English of ${text}`).toBeTruthy();
      }
    }
    const corr = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/CORR-01' })).json();
    expect([corr.sectorDetail, corr.sectorDetailEn]).toEqual([
      'Giao thông / hành lang kinh tế',
      'Transport / economic corridor',
    ]);
    expect(corr.notes).toMatch(/^Hành lang, không phải một dự án riêng/);
    expect(corr.notesEn).toMatch(/^Corridor, not a discrete project/);
  });

  it('drops the English of a project note when its Vietnamese is edited', async () => {
    const cookie = await t.login('admin.mof');
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/projects/RD1-03' });
    expect(read.json().notesEn).toBeTruthy();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/projects/RD1-03',
      headers: { cookie, 'if-match': read.headers.etag as string },
      payload: { notes: 'Ghi chú mới' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/RD1-03' })).json();
    expect([after.notes, after.notesEn]).toEqual(['Ghi chú mới', null]);
  });
});

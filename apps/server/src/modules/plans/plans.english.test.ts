import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { plansEnglishTexts } from './plans.english';

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
});

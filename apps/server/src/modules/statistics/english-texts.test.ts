import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { REFERENCE_DATASETS } from './catalogue';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VIETNAMESE = /[àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const texts = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'english-texts.json'), 'utf8'));

describe(`English provenance of the reference statistics on ${TEST_ENGINE}`, () => {
  it('gives every reference dataset an English publisher, source, licence and geography in the data file', () => {
    for (const ds of REFERENCE_DATASETS) {
      const en = texts.datasets[ds.code];
      expect(en, ds.code).toBeDefined();
      for (const key of ['publisherEn', 'originalSourceEn', 'licenceEn', 'geographyNoteEn', 'releaseNoteEn'])
        expect(en[key], `${ds.code}.${key}`).toMatch(/\w/);
    }
  });

  it('serves the English texts beside the Vietnamese ones for datasets, releases and indicator licences', async () => {
    const datasets = (await t.app.inject({ method: 'GET', url: '/api/v1/datasets' })).json();
    const list = (Array.isArray(datasets) ? datasets : datasets.items) as {
      code: string;
      publisher: string;
      publisherEn: string;
      licenceEn: string;
      geographyNoteEn: string;
      latestRelease: { noteVi: string; noteEn: string } | null;
    }[];
    const nso = list.find((d) => d.code === 'nso-2024-63')!;
    expect(nso.publisher).toBe('Cục Thống kê (NSO), Bộ Tài chính');
    expect(nso.publisherEn).toBe('National Statistics Office (NSO), Ministry of Finance');
    expect(nso.geographyNoteEn).toBe('63 provinces (boundaries before 1 Jul 2025)');
    expect(nso.latestRelease?.noteEn).toBe('Loaded from reference/stats/vn63_nso_area_population_grdppc_2024.csv.');
    for (const d of list.filter((x) => texts.datasets[x.code])) {
      expect(d.publisherEn, d.code).toMatch(/\w/);
      expect(VIETNAMESE.test(d.licenceEn), `${d.code} licence ${d.licenceEn}`).toBe(false);
    }
    const indicators = (await t.app.inject({ method: 'GET', url: '/api/v1/indicators' })).json().items as {
      code: string;
      licence: string;
      licenceEn: string;
    }[];
    for (const i of indicators.filter((x) => x.licence)) {
      expect(i.licenceEn, i.code).toMatch(/\w/);
      expect(VIETNAMESE.test(i.licenceEn), `${i.code} licence ${i.licenceEn}`).toBe(false);
    }
  });

  it('writes the analytics formulas with English words in English', async () => {
    const { METHODS } = await import('../analytics/methods');
    for (const m of Object.values(METHODS)) expect(VIETNAMESE.test(m.formulaEn), `${m.id}: ${m.formulaEn}`).toBe(false);
  });
});

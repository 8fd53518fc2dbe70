import { describe, expect, it } from 'vitest';
import { buildCoverage, type HeldDataset, type HeldIndicator, matches, readThemes } from './coverage';

/** The coverage map as a pure function of the themes file, the catalogue and the datasets (issue 19). */

const ind = (code: string, topic: string, periods: number[] = [2020], geographies = ['2008-08-01']): HeldIndicator => ({
  code,
  nameVi: code,
  nameEn: code,
  topic,
  periods,
  geographies,
  observationCount: periods.length * 63,
});
const ds = (code: string, indicators: string[]): HeldDataset => ({
  id: code.length,
  code,
  titleVi: code,
  titleEn: code,
  publisher: 'p',
  indicators,
});
const provinces = (d: string) => (d === '2025-07-01' ? 34 : 63);

describe('the themes file', () => {
  const file = readThemes();

  it('lists the eight contents of recommendation 3.2.e and the socio-economic information of its title, each quoted', () => {
    expect(file.themes.map((t) => t.code)).toEqual([
      'socio_economic',
      'policies',
      'cooperation',
      'market_forecasts',
      'jobs_labour',
      'product_demand',
      'resources',
      'environment',
      'climate',
    ]);
    for (const t of file.themes.slice(1)) expect(file.source.quoteVi).toContain(t.seedVi.match(/“… (.+?) …”/)![1]);
  });

  it('names a supplier only with its basis and reason; themes the seed assigns to no one have none', () => {
    for (const t of file.themes)
      for (const s of t.suppliers) {
        expect(['seed', 'follows']).toContain(s.basis);
        expect(s.reasonVi.length).toBeGreaterThan(20);
        expect(s.reasonEn.length).toBeGreaterThan(20);
      }
    const by = new Map(file.themes.map((t) => [t.code, t]));
    expect(by.get('jobs_labour')!.suppliers[0]).toMatchObject({ nameVi: 'Bộ Nội vụ', basis: 'seed' });
    expect(by.get('market_forecasts')!.suppliers).toEqual([]);
    expect(by.get('product_demand')!.suppliers).toEqual([]);
  });
});

describe('buildCoverage', () => {
  const file = readThemes();

  it('a theme is held through its own topic, related through a listed proxy, missing otherwise', () => {
    const c = buildCoverage(
      file,
      [
        ind('population', 'population'),
        ind('pci', 'pci', [2016, 2022]),
        ind('papi_environment_air', 'papi', [2018, 2024]),
      ],
      [ds('nso', ['population']), ds('vcci', ['pci']), ds('papi', ['papi_environment_air'])],
      provinces,
    );
    const by = new Map(c.themes.map((t) => [t.code, t]));
    expect(by.get('socio_economic')).toMatchObject({
      status: 'held',
      periodFrom: 2020,
      periodTo: 2020,
      datasetCount: 1,
    });
    expect(by.get('policies')!.status).toBe('related');
    expect(by.get('policies')!.related[0].indicators.map((i) => i.code)).toEqual(['pci', 'papi_environment_air']);
    expect(by.get('environment')!.status).toBe('related');
    expect(by.get('environment')!.related[0].indicators[0]).toMatchObject({
      code: 'papi_environment_air',
      periods: [2018, 2024],
      geographies: [{ date: '2008-08-01', provinces: 63 }],
      datasets: [{ code: 'papi' }],
    });
    expect(by.get('jobs_labour')).toMatchObject({ status: 'missing', direct: [], related: [], periodFrom: null });
    expect(c.summary).toMatchObject({ themes: 9, held: 1, related: 2, missing: 6, indicators: 3, datasets: 3 });
  });

  it('a new indicator in a theme topic moves the theme to held without a change to the file; empty indicators do not count', () => {
    const labour = ind('employment_rate', 'labour', [2023], ['2025-07-01']);
    const c = buildCoverage(
      file,
      [labour, { ...ind('unused', 'climate'), periods: [], observationCount: 0 }],
      [],
      provinces,
    );
    const jobs = c.themes.find((t) => t.code === 'jobs_labour')!;
    expect(jobs.status).toBe('held');
    expect(jobs.direct[0].geographies).toEqual([{ date: '2025-07-01', provinces: 34 }]);
    expect(c.themes.find((t) => t.code === 'climate')!.status).toBe('missing');
  });

  it('an indicator no theme lists is reported as unthemed, not hidden', () => {
    const c = buildCoverage(file, [ind('hospital_beds', 'other')], [], provinces);
    expect(c.unthemed.map((i) => i.code)).toEqual(['hospital_beds']);
  });

  it('matches topics, exact codes and prefixes', () => {
    const m = { topics: ['pci'], indicators: ['papi_environment*', 'area'] };
    expect(matches(m, { code: 'pci_land', topic: 'pci' })).toBe(true);
    expect(matches(m, { code: 'papi_environment', topic: 'papi' })).toBe(true);
    expect(matches(m, { code: 'papi_egovernance', topic: 'papi' })).toBe(false);
    expect(matches(m, { code: 'area', topic: 'population' })).toBe(true);
    expect(matches(m, { code: 'area_x', topic: 'population' })).toBe(false);
  });
});

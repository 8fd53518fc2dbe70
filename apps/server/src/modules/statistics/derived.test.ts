import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeCodes, writeCsv } from '../../../../../bench/generate';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { loadCatalogue } from './catalogue.service';
import { refreshDerived } from './derived';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const dump = async (table: string) =>
  t.database.query<{ x: string }>(
    `select (indicator_id, period, ${table === 'stat_province_agg' ? 'province_code, geo_date, n, round(sum_v::numeric, 6), round(sum_vw::numeric, 4), round(sum_w::numeric, 6), n_w, n_provisional, releases' : 'geo_date, level, n'})::text as x
     from ${table} order by 1`,
  );

/** A full rebuild of the derived tables; returns the pre-aggregate it makes. */
async function rebuilt(defs: { id: number; weightId: number | null }[]) {
  await t.database.db.transaction(async (tx) => {
    await refreshDerived(tx, [], defs, { full: true });
  });
  return dump('stat_province_agg');
}

describe(`derived tables on ${TEST_ENGINE}`, () => {
  it('a bulk load into an empty table sums the pre-aggregate while reading, exactly as the SQL rebuild does', async () => {
    // Empty the statistics tables so that the next import is a bulk load.
    await t.database.exec('truncate observations, observation_revisions, stat_province_agg, indicator_periods');
    const communes = communeCodes().slice(0, 400);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-derived-')), 'c.csv');
    // Population (a weight) after a weighted indicator in every row group: the weighted one is summed in SQL.
    await writeCsv(file, {
      indicators: ['poverty_rate', 'population', 'area'],
      years: [2023, 2024],
      order: 'year',
      communes,
    });
    const body = fs
      .readFileSync(file, 'utf8')
      .replace(/^(poverty_rate,[^,]+,\d+,)(\d+)(\.\d+)?$/gm, (_m, a, b) => `${a}${Number(b) % 60}`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=false&dataset=derived-test',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phases).toHaveProperty('index');
    const aggBulk = await dump('stat_province_agg');
    const periodsBulk = await dump('indicator_periods');
    expect(aggBulk.length).toBeGreaterThan(0);
    const cat = await loadCatalogue(t.database.db);
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(
        tx,
        [],
        [...cat.byId.values()].map((d) => ({ id: d.id, weightId: d.weightId })),
        { full: true },
      );
    });
    expect(await dump('stat_province_agg')).toEqual(aggBulk);
    expect(await dump('indicator_periods')).toEqual(periodsBulk);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('a refresh of touched cells recomputes those cells, and their weighted dependants, and nothing else', async () => {
    const cat = await loadCatalogue(t.database.db);
    const defs = [...cat.byId.values()].map((d) => ({ id: d.id, weightId: d.weightId }));
    const id = (code: string) => [...cat.byId.values()].find((d) => d.code === code)!.id;
    const [pov, pop, area] = [id('poverty_rate'), id('population'), id('area')];
    expect(cat.byId.get(pov)?.weightId).toBe(pop);
    const before = await dump('stat_province_agg');
    await t.database.exec(
      `update observations set value = value + 1
       where (indicator_id, period) in ((${pov}, 2023), (${pop}, 2024), (${area}, 2023), (${pop}, 2023))`,
    );
    const of = (rows: { x: string }[], ind: number, period: number) =>
      rows.filter((r) => r.x.startsWith(`(${ind},${period},`));
    // Two pairs that do not fill their rectangle of indicators × periods; population's change also moves the
    // population-weighted poverty rate of 2024.
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(
        tx,
        [
          { ind: pov, period: 2023 },
          { ind: pop, period: 2024 },
        ],
        defs,
        { full: false },
      );
    });
    const partial = await dump('stat_province_agg');
    // Area in 2023 and population in 2023 (inside the rectangle of the pairs) changed but were not named: their rows
    // are as before.
    expect(of(partial, area, 2023)).toEqual(of(before, area, 2023));
    expect(of(partial, pop, 2023).length).toBeGreaterThan(0);
    expect(of(partial, pop, 2023)).toEqual(of(before, pop, 2023));
    for (const [ind, period] of [
      [pov, 2023],
      [pop, 2024],
      [pov, 2024],
    ]) {
      expect(of(partial, ind, period).length).toBeGreaterThan(0);
      expect(of(partial, ind, period)).not.toEqual(of(before, ind, period));
    }
    // The rest (area in both years, population in 2023: pairs again) brings everything up to date, the same as a
    // rebuild, period counts included.
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(
        tx,
        [
          { ind: area, period: 2023 },
          { ind: area, period: 2024 },
          { ind: pop, period: 2023 },
        ],
        defs,
        { full: false },
      );
    });
    const touched = await dump('stat_province_agg');
    const periods = await dump('indicator_periods');
    expect(periods.length).toBeGreaterThan(0);
    expect(touched).toEqual(await rebuilt(defs));
    expect(periods).toEqual(await dump('indicator_periods'));
    // A rectangle alone (area, both years) after another change: the same as a rebuild too.
    await t.database.exec(`update observations set value = value + 1 where indicator_id = ${area}`);
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(
        tx,
        [
          { ind: area, period: 2023 },
          { ind: area, period: 2024 },
        ],
        defs,
        { full: false },
      );
    });
    const rect = await dump('stat_province_agg');
    expect(of(rect, area, 2024)).not.toEqual(of(touched, area, 2024));
    expect(rect).toEqual(await rebuilt(defs));
  });

  it('a refresh named to provinces recomputes only their rows', async () => {
    const cat = await loadCatalogue(t.database.db);
    const defs = [...cat.byId.values()].map((d) => ({ id: d.id, weightId: d.weightId }));
    const pop = [...cat.byId.values()].find((d) => d.code === 'population')!.id;
    const [a, b] = await t.database.query<{ p: string }>(
      `select distinct u.parent_code as p from observations o
       join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
       where o.indicator_id = ${pop} and o.period = 2024 order by 1 limit 2`,
    );
    const province = (rows: { x: string }[], code: string) =>
      rows.filter((r) => r.x.startsWith(`(${pop},2024,${code},`));
    const before = await dump('stat_province_agg');
    await t.database.exec(
      `update observations o set value = value + 1 from stat_units u
       where o.indicator_id = ${pop} and o.period = 2024 and u.code = o.unit_code and u.geo_date = o.geo_date
         and u.parent_code in ('${a.p}', '${b.p}')`,
    );
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(tx, [{ ind: pop, period: 2024 }], defs, { full: false, provinces: [a.p] });
    });
    const after = await dump('stat_province_agg');
    expect(province(after, a.p).length).toBe(1);
    expect(province(after, a.p)).not.toEqual(province(before, a.p));
    expect(province(after, b.p)).toEqual(province(before, b.p));
    expect(after.length).toBe(before.length);
    await t.database.db.transaction(async (tx) => {
      await refreshDerived(tx, [{ ind: pop, period: 2024 }], defs, { full: false, provinces: [b.p] });
    });
    const both = await dump('stat_province_agg');
    expect(both).toEqual(await rebuilt(defs));
  });
});

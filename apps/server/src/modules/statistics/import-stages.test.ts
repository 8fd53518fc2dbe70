import type { ObservationStatus } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers';
import type { Database } from '../../db/client';
import { type Catalogue, type IndicatorDef, loadCatalogue } from './catalogue.service';
import { type CheckContext, loadUnitIndex, ObservationChecker, type UnitIndex, type UnitInfo } from './import-check';
import {
  applyStaged,
  buildIndexesOrReportDuplicates,
  asPlanned,
  compareStaged,
  planMerge,
  observationsEmpty,
  openRelease,
  previewChanges,
} from './import-commit';
import {
  type Header,
  ImportErrorLog,
  type ImportRecord,
  ImportRejected,
  parseRecords,
  readHeader,
} from './import-parse';
import { BATCH_ROWS, ObservationStager, openStage } from './import-stage';
import { rawSql } from './raw-sql';

/**
 * Each stage of the import pipeline on its own (parse → check → stage → commit), on the real seeded test database;
 * the whole pipeline through HTTP is in imports.test.ts.
 */

let database: Database;
let catalogue: Catalogue;
let units: UnitIndex;
beforeAll(async () => {
  database = await createTestDatabase();
  catalogue = await loadCatalogue(database.db);
  units = await loadUnitIndex(database.db);
});
afterAll(async () => database?.close());

const rec = (row: number, ...fields: string[]): ImportRecord => ({ row, fields });

async function* batches(...b: ImportRecord[][]) {
  for (const x of b) yield x;
}

/** Run `fn` in a transaction that is always rolled back (the stages write only inside the import's transaction). */
async function rolledBack(fn: (tx: Database['db']) => Promise<void>) {
  const stop = new Error('rollback');
  await expect(
    database.db.transaction(async (tx) => {
      await fn(tx);
      throw stop;
    }),
  ).rejects.toBe(stop);
}

describe('parse', () => {
  it('reads a long header whatever the case and accents of its names', () => {
    const { header, errors } = readHeader(rec(1, 'Indicator', 'unitCode', 'Period', 'VALUE', 'status'));
    expect(errors).toEqual([]);
    expect(header?.format).toBe('long');
    expect(header?.col).toEqual({ indicator: 0, unitCode: 1, period: 2, value: 3, status: 4 });
  });

  it('reads a wide header with one column per year', () => {
    const { header } = readHeader(rec(1, 'indicator', 'unitCode', '2023', '2024'));
    expect(header?.format).toBe('wide');
    expect(header?.years.map((y) => [y.idx, y.year])).toEqual([
      [2, 2023],
      [3, 2024],
    ]);
  });

  it('refuses a header mixing both formats, with unknown or missing columns', () => {
    const { header, errors } = readHeader(rec(1, 'indicator', 'unitCode', 'period', '2024', 'colour'));
    expect(header).toBeUndefined();
    expect(errors.map((e) => e.code).sort()).toEqual(['mixed_format', 'unknown_column']);
    expect(readHeader(rec(1, 'indicator', 'period', 'value')).errors.map((e) => [e.code, e.message])).toEqual([
      ['missing_column', expect.stringContaining('unitCode')],
    ]);
  });

  it('hands on the data records batch by batch with the header, without the header row', async () => {
    const log = new ImportErrorLog();
    const summary: { header: Header | undefined } = { header: undefined };
    const out: { format: string; rows: number[] }[] = [];
    for await (const b of parseRecords(
      batches(
        [rec(1, 'indicator', 'unitCode', 'period', 'value'), rec(2, 'a', 'b', 'c', 'd')],
        [],
        [rec(3, 'e', 'f', 'g', 'h')],
      ),
      log,
      summary,
    ))
      out.push({ format: b.header.format, rows: b.rows.map((r) => r.row) });
    expect(out).toEqual([
      { format: 'long', rows: [2] },
      { format: 'long', rows: [3] },
    ]);
    expect(summary.header?.names).toEqual(['indicator', 'unitCode', 'period', 'value']);
    expect(log.count).toBe(0);
  });

  it('logs an empty file and a header without rows', async () => {
    for (const [input, code] of [
      [[], 'empty_file'],
      [[[rec(1, 'indicator', 'unitCode', 'period', 'value')]], 'no_rows'],
    ] as const) {
      const log = new ImportErrorLog();
      for await (const _ of parseRecords(batches(...(input as unknown as ImportRecord[][])), log)) expect.unreachable();
      expect(log.errors.map((e) => e.code)).toEqual([code]);
    }
  });

  it('stops at a refused header with ImportRejected (422) and the header problems', async () => {
    const log = new ImportErrorLog();
    const read = async () => {
      for await (const _ of parseRecords(batches([rec(1, 'x', 'y'), rec(2, '1', '2')]), log)) expect.unreachable();
    };
    const e = await read().catch((x) => x);
    expect(e).toBeInstanceOf(ImportRejected);
    expect((e as ImportRejected).status).toBe(422);
    expect((e as ImportRejected).errors.map((x) => x.code)).toContain('missing_column');
    expect(log.count).toBe((e as ImportRejected).errorCount);
  });

  it('counts every problem and keeps the first thousand, permission refusals apart', () => {
    const counts: number[] = [];
    const log = new ImportErrorLog((n) => counts.push(n));
    for (let i = 0; i < 1005; i++)
      log.add({
        row: i,
        column: null,
        value: null,
        code: i === 3 ? 'not_your_province' : 'x',
        message: '',
        messageVi: '',
      });
    expect([log.count, log.errors.length, log.permissionErrors, counts.at(-1)]).toEqual([1005, 1000, 1, 1005]);
  });
});

describe('check', () => {
  type Out = {
    line: number;
    ind: string;
    unit: string;
    geoDate: string;
    period: number;
    value: number;
    status: string;
  };
  function checker(over: Partial<CheckContext> = {}) {
    const log = new ImportErrorLog();
    const out: Out[] = [];
    const c = new ObservationChecker(
      { catalogue, units, allowed: null, decimal: 'dot', currentYear: 2025, ...over },
      log,
      (line, ind, unit, period, value, status) =>
        out.push({ line, ind: ind.code, unit: unit.code, geoDate: unit.geoDate, period, value, status }),
    );
    return { c, log, out };
  }
  const long = readHeader(rec(1, 'indicator', 'unitCode', 'period', 'value', 'status')).header as Header;

  it('hands on a valid row with its unit in the geography of its year', () => {
    const { c, log, out } = checker();
    c.check(rec(2, 'population', '20', '2024', '800000', 'provisional'), long);
    c.check(rec(3, 'population', '20', '2025', '813500', ''), long);
    expect(log.errors).toEqual([]);
    expect(out.map((o) => [o.line, o.ind, o.unit, o.period, o.value, o.status])).toEqual([
      [2, 'population', '20', 2024, 800000, 'provisional'],
      [3, 'population', '20', 2025, 813500, 'final'],
    ]);
    // 2024 is before the 34-province geography of 2025-07-01: two different units with the same code.
    expect(out[0].geoDate < out[1].geoDate).toBe(true);
    expect(c.valid).toBe(2);
  });

  it('logs each problem by row and column and hands nothing on for those rows', () => {
    const { c, log, out } = checker();
    c.check(rec(2, 'nosuch', '20', '2024', '1', ''), long);
    c.check(rec(3, 'population', '20', '2024', 'abc', ''), long);
    c.check(rec(4, 'population', '1', '2024', '1', ''), long);
    c.check(rec(5, 'population', 'Lạng Sơn', '2024', '1', ''), long);
    c.check(rec(6, 'population', '20', '2024', '-5', ''), long);
    c.check(rec(7, 'population', '20', '2031', '5', ''), long);
    c.check(rec(8, 'population', '20', '2024', '5', 'guess'), long);
    expect(out).toEqual([]);
    expect(log.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'indicator', 'unknown_indicator'],
      [3, 'value', expect.any(String)],
      [4, 'unitCode', 'leading_zero'],
      [5, 'unitCode', 'name_not_code'],
      [6, 'value', 'below_minimum'],
      [7, 'period', 'period_out_of_range'],
      [8, 'status', expect.any(String)],
    ]);
    expect(log.errors[3].messageVi).toContain('20');
    expect(log.errors.every((e) => e.message && e.messageVi && e.message !== e.messageVi)).toBe(true);
  });

  it('finds a duplicate and names the row of its first occurrence', () => {
    const { c, log, out } = checker();
    c.check(rec(2, 'population', '20', '2024', '1', ''), long);
    c.check(rec(3, 'area', '20', '2024', '1', ''), long);
    c.check(rec(4, 'population', '20', '2024', '2', ''), long);
    expect(out.map((o) => o.line)).toEqual([2, 3]);
    expect(log.errors.map((e) => [e.row, e.code])).toEqual([[4, 'duplicate_row']]);
    expect(log.errors[0].message).toContain('row 2');
    expect(c.tracksAllDuplicates).toBe(true);
  });

  it('refuses units outside the uploader’s territory as a permission problem', () => {
    const { c, log, out } = checker({ allowed: new Set() });
    c.check(rec(2, 'population', '20', '2024', '1', ''), long);
    expect(out).toEqual([]);
    expect([log.errors[0].code, log.permissionErrors]).toEqual(['not_your_province', 1]);
  });

  it('reads one observation per filled year cell of a wide row, decimal commas when asked', () => {
    const wide = readHeader(rec(1, 'indicator', 'unitCode', '2022', '2023', '2024')).header as Header;
    const { c, log, out } = checker({ decimal: 'comma' });
    c.check(rec(2, 'poverty_rate', '20', '7,5', '', '6,25'), wide);
    expect(log.errors).toEqual([]);
    expect(out.map((o) => [o.period, o.value])).toEqual([
      [2022, 7.5],
      [2024, 6.25],
    ]);
  });
});

/** A unit and an indicator of the seeded database, and a stored observation of them. */
async function storedObservation() {
  const [o] = await database.query<{
    indicator_id: number;
    unit_code: string;
    geo_date: string;
    period: number;
    value: number;
  }>(
    `select indicator_id, unit_code, to_char(geo_date, 'YYYY-MM-DD') as geo_date, period, value from observations
     order by indicator_id, unit_code, period limit 1`,
  );
  const ind = catalogue.byId.get(o.indicator_id) as IndicatorDef;
  const unit = units.byCode.get(o.unit_code)?.find((u) => u.geoDate === o.geo_date) as UnitInfo;
  return { o, ind, unit };
}

describe('stage', () => {
  it('writes valid observations into stat_stage in COPY batches and collects what the commit needs', async () => {
    const { ind, unit } = await storedObservation();
    await rolledBack(async (tx) => {
      const raw = rawSql(tx);
      await openStage(raw, false);
      const batches: number[] = [];
      const stager = new ObservationStager(raw, false, 0, new Set(), (w) => batches.push(w));
      const final: ObservationStatus = 'final';
      for (let i = 0; i < BATCH_ROWS + 2; i++) {
        stager.add(i + 2, ind, unit, 1900 + (i % 100), i, final, i === 0 ? 'a "quoted", note' : null);
        if (stager.full) await stager.flush();
      }
      await stager.finish();
      expect(batches).toEqual([BATCH_ROWS, BATCH_ROWS + 2]);
      const [n] = await raw.query<{ n: number; periods: number; note: string }>(
        `select count(*)::int as n, count(distinct period)::int as periods,
                max(note) filter (where line = 2) as note from stat_stage`,
      );
      expect(n).toEqual({ n: BATCH_ROWS + 2, periods: 100, note: 'a "quoted", note' });
      expect([stager.written, stager.pairs.size, [...stager.indicatorsSeen]]).toEqual([
        BATCH_ROWS + 2,
        100,
        [ind.code],
      ]);
      expect(stager.preview).toEqual([]); // an incremental import previews what changed, after the merge
      // What the merge will read: every indicator and period staged, and how many rows.
      const other = [...catalogue.byId.values()].find((d) => d.id !== ind.id) as IndicatorDef;
      stager.add(BATCH_ROWS + 4, other, unit, 2100, 1, final, null);
      await stager.finish();
      const cells = stager.cells();
      expect([cells.indicators.sort((a, b) => a - b), cells.periods.length, cells.rows]).toEqual([
        [ind.id, other.id].sort((a, b) => a - b),
        101,
        BATCH_ROWS + 3,
      ]);
    });
  });

  it('loads an empty table in bulk: period counts and the province pre-aggregate summed on the way', async () => {
    const commune = [...units.byCode.values()]
      .flat()
      .find((u) => u.level === 'commune' && u.parentIdx >= 0) as UnitInfo;
    const ind = catalogue.byCode.get('population') as IndicatorDef;
    await rolledBack(async (tx) => {
      const raw = rawSql(tx);
      await raw.query('delete from observations');
      expect(await observationsEmpty(raw)).toBe(true);
      await openStage(raw, true);
      const stager = new ObservationStager(raw, true, 0, new Set([ind.id]), undefined);
      stager.add(2, ind, commune, 2024, 100, 'final', null);
      stager.add(3, ind, commune, 2023, 50, 'provisional', null);
      await stager.finish();
      expect([...stager.periodCounts.values()].map((c) => [c.period, c.n])).toEqual([
        [2024, 1],
        [2023, 1],
      ]);
      expect([...stager.aggAcc.values()].map((a) => [a.province, a.period, a.n, a.sv, a.np])).toEqual([
        [commune.parentCode, 2024, 1, 100, 0],
        [commune.parentCode, 2023, 1, 50, 1],
      ]);
      expect(stager.preview.map((p) => p.row)).toEqual([2, 3]);
      // Commit of a bulk load: the primary key and index come back.
      expect(await buildIndexesOrReportDuplicates(raw)).toEqual([]);
      const idx = await raw.query<{ indexname: string }>(
        `select indexname from pg_indexes where tablename = 'observations' order by 1`,
      );
      expect(idx.map((i) => i.indexname)).toEqual(['observations_indicator_period_idx', 'observations_pkey']);
    });
  });
});

describe('commit', () => {
  it('a bulk load with a duplicate key is reported by its values, not built', async () => {
    const { ind, unit } = await storedObservation();
    await rolledBack(async (tx) => {
      const raw = rawSql(tx);
      await raw.query('delete from observations');
      await openStage(raw, true);
      const stager = new ObservationStager(raw, true, 0, new Set(), undefined);
      stager.add(2, ind, unit, 2020, 1, 'final', null);
      stager.add(3, ind, unit, 2020, 2, 'final', null);
      await stager.finish();
      const dups = await buildIndexesOrReportDuplicates(raw);
      expect(dups.map((d) => [d.code, d.value])).toEqual([['duplicate_row', `${ind.id} ${unit.code} 2020`]]);
    });
  });

  it.each(['cells', 'keys'] as const)(
    'merges staged rows (%s): added, changed and unchanged counted, replaced values kept as revisions',
    async (plan) => {
      const { o, ind, unit } = await storedObservation();
      const [ds] = await database.query<{ id: number; code: string }>(
        `select d.id, d.code from datasets d join releases r on r.dataset_id = d.id order by d.id limit 1`,
      );
      await rolledBack(async (tx) => {
        const raw = rawSql(tx);
        const by = { userId: null, label: 'test', organisationId: null };
        const rel = await openRelease(raw, { id: ds.id, code: ds.code }, by, { contribution: false });
        expect(rel.number).toBeGreaterThan(1);
        await openStage(raw, false);
        const stager = new ObservationStager(raw, false, rel.id, new Set(), undefined);
        stager.add(2, ind, unit, o.period, o.value + 1, 'final', null); // changed
        stager.add(3, ind, unit, 1901, 7, 'final', null); // added (no 1901 figure is seeded)
        await stager.finish();
        const counts = await compareStaged(raw, stager.cells(), plan);
        expect(counts).toEqual({ added: 1, changed: 1, unchanged: 0 });
        await applyStaged(raw, rel.id, counts, stager.cells(), plan);
        const [now] = await raw.query<{ value: number; release_id: number }>(
          'select value, release_id from observations where indicator_id = $1 and unit_code = $2 and geo_date = $3 and period = $4',
          [o.indicator_id, o.unit_code, o.geo_date, o.period],
        );
        expect(now).toEqual({ value: o.value + 1, release_id: rel.id });
        const revs = await raw.query<{ value: number }>(
          'select value from observation_revisions where superseded_by = $1',
          [rel.id],
        );
        expect(revs.map((r) => r.value)).toEqual([o.value]);
        const preview = await previewChanges(raw, catalogue, units);
        expect(preview.map((p) => [p.row, p.period, p.before, p.unitName])).toEqual([
          [2, o.period, o.value, unit.nameVi],
          [3, 1901, null, unit.nameVi],
        ]);
      });
    },
  );

  it('the merge reads whole cells when the import fills them, and looks rows up by key when it is sparse', async () => {
    const [cell] = await database.query<{ indicator_id: number; period: number; n: number }>(
      `select indicator_id, period, sum(n)::int as n from indicator_periods group by 1, 2 having sum(n) >= 20
       order by 3 desc, 1, 2 limit 1`,
    );
    await rolledBack(async (tx) => {
      const raw = rawSql(tx);
      const cells = { indicators: [cell.indicator_id], periods: [cell.period] };
      expect(await planMerge(raw, { ...cells, rows: cell.n })).toBe('cells');
      expect(await planMerge(raw, { ...cells, rows: Math.ceil(cell.n / 4) })).toBe('cells');
      expect(await planMerge(raw, { ...cells, rows: Math.floor(cell.n / 5) })).toBe('keys');
      // Cells nobody has written yet: nothing to read.
      expect(await planMerge(raw, { indicators: [cell.indicator_id], periods: [1901], rows: 1 })).toBe('cells');
      // Looking up by key turns hash and merge joins off for its statement only: a setting of the caller's is kept.
      const settings = async () =>
        (
          await raw.query<{ m: string; h: string }>(
            `select current_setting('enable_mergejoin') as m, current_setting('enable_hashjoin') as h`,
          )
        )[0];
      expect(await asPlanned(raw, 'keys', settings)).toEqual({ m: 'off', h: 'off' });
      expect(await asPlanned(raw, 'cells', settings)).toEqual({ m: 'on', h: 'on' });
      await raw.query(`select set_config('enable_hashjoin', 'off', true)`);
      await openStage(raw, false);
      await compareStaged(raw, { ...cells, rows: 0 }, 'keys');
      expect(await settings()).toEqual({ m: 'on', h: 'off' });
    });
  });

  it('a contribution opens no release', async () => {
    await rolledBack(async (tx) => {
      const raw = rawSql(tx);
      const [{ n }] = await raw.query<{ n: number }>('select count(*)::int as n from releases');
      const rel = await openRelease(
        raw,
        { id: 1, code: 'x' },
        { userId: null, label: 't', organisationId: null },
        {
          contribution: true,
        },
      );
      expect(rel).toEqual({ id: 0, number: 0 });
      const [after] = await raw.query<{ n: number }>('select count(*)::int as n from releases');
      expect(after.n).toBe(n);
    });
  });
});

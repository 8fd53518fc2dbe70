import type { Db } from '../../db/client';
import { rawSql } from './raw-sql';

/**
 * The tables derived from observations, kept up to date by the importer inside its transaction:
 * - `stat_province_agg`: per (indicator, period, province) the decomposable sums of the province's communes
 *   (n, Σv, Σv·w, Σw with w the indicator's weight indicator), so that regional and provincial figures built from
 *   commune data read a few hundred rows instead of scanning every commune;
 * - `indicator_periods`: which periods each indicator has data for, per geography and level.
 * Only the (indicator, period) pairs an import touched are recomputed, plus the indicators weighted by a touched
 * indicator (a new population changes every population-weighted mean of that year). A full rebuild is used only after
 * a bulk load into an empty table.
 */

/** One row of the province pre-aggregate, as the importer sums it during a bulk load. */
export interface AggRow {
  ind: number;
  period: number;
  province: string;
  geoDate: string;
  n: number;
  sv: number;
  svw: number | null;
  sw: number | null;
  nw: number;
  np: number;
  release: number;
}

export interface CatalogueIndicatorLike {
  id: number;
  weightId: number | null;
}

const AGG_COLUMNS =
  'indicator_id, period, province_code, geo_date, n, sum_v, sum_vw, sum_w, n_w, n_provisional, releases';

/** Which observations the pre-aggregate reads: all of them (a rebuild), or the touched (indicator, period) cells. */
type AggCells = 'all' | 'rectangle' | 'pairs';

/**
 * The aggregate as SQL: grouped first by release (a hash aggregate, no sort), then collapsed per province, so that the
 * list of releases behind each figure costs nothing. Weighted indicators join their weight's observations; the others
 * do not touch them at all. Parameters: `$1` the unweighted indicators, `$2`/`$3` the weighted ones and their weights;
 * for touched cells, `$4`/`$5` their distinct indicators and periods, plain conditions that the planner estimates from
 * the table's statistics and reads by index whatever the table's size; when the touched pairs do not fill that
 * rectangle, `$6`/`$7` the pairs themselves; with `provinces`, the codes of the provinces to recompute come next.
 */
function aggSelect(cells: AggCells, provinces = false): string {
  const scope = cells === 'all' ? '' : ` and ${cellsWhere(cells, 4)}`;
  const weightScope = cells === 'all' ? '' : ' and w.period = any($5::int[])';
  // Only the provinces an import touched (their communes' rows), when it names them: the next parameter.
  const ofProvinces = provinces ? ` and u.parent_code = any($${cells === 'pairs' ? 8 : 6}::text[])` : '';
  const units = `join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'`;
  return `
    select indicator_id, period, parent_code, parent_geo_date, sum(n)::int, sum(sv), sum(svw), sum(sw), sum(nw)::int,
           sum(np)::int, array_agg(release_id order by release_id)
    from (
      select o.indicator_id, o.period, u.parent_code, u.parent_geo_date, o.release_id, count(*) as n, sum(o.value) as sv,
             null::float8 as svw, null::float8 as sw, 0 as nw, count(*) filter (where o.status = 'provisional') as np
      from observations o ${units}
      where o.indicator_id = any($1::int[])${scope}${ofProvinces}
      group by 1, 2, 3, 4, 5
      union all
      select o.indicator_id, o.period, u.parent_code, u.parent_geo_date, o.release_id, count(*), sum(o.value),
             sum(o.value * w.value), sum(w.value), count(w.value), count(*) filter (where o.status = 'provisional')
      from observations o ${units}
      join unnest($2::int[], $3::int[]) as wi(ind, wind) on wi.ind = o.indicator_id
      left join observations w on w.indicator_id = wi.wind and w.unit_code = o.unit_code and w.geo_date = o.geo_date
                              and w.period = o.period and w.indicator_id = any($3::int[])${weightScope}
      where o.indicator_id = any($2::int[])${scope}${ofProvinces}
      group by 1, 2, 3, 4, 5
    ) g
    group by 1, 2, 3, 4`;
}

/**
 * The condition on `o` for touched cells, with its parameters from `$first`: the distinct indicators and periods, and
 * for `pairs` the pairs themselves (the parameters `cellsOf` gives, in that order).
 */
function cellsWhere(cells: 'rectangle' | 'pairs', first: number): string {
  const rect = `o.indicator_id = any($${first}::int[]) and o.period = any($${first + 1}::int[])`;
  if (cells === 'rectangle') return rect;
  return `${rect} and (o.indicator_id, o.period) in (select * from unnest($${first + 2}::int[], $${first + 3}::int[]))`;
}

/** The touched pairs (distinct) as the parameters of `cellsWhere`, and which scope they make. */
function cellsOf(touched: { ind: number; period: number }[]): {
  cells: 'rectangle' | 'pairs';
  params: number[][];
} {
  const pairs = [...new Map(touched.map((p) => [`${p.ind}|${p.period}`, p])).values()];
  const inds = [...new Set(pairs.map((p) => p.ind))];
  const pers = [...new Set(pairs.map((p) => p.period))];
  if (inds.length * pers.length === pairs.length) return { cells: 'rectangle', params: [inds, pers] };
  return { cells: 'pairs', params: [inds, pers, pairs.map((p) => p.ind), pairs.map((p) => p.period)] };
}

const LEVEL = `case when length(o.unit_code) = 5 then 'commune' else 'province' end`;

/** Recompute the derived tables for the touched (indicator, period) pairs, or entirely with `full`. */
export async function refreshDerived(
  db: Db,
  pairs: { ind: number; period: number }[],
  indicators: CatalogueIndicatorLike[],
  opts: {
    full: boolean;
    counts?: { ind: number; period: number; geoDate: string; level: string; n: number }[];
    /** Pre-aggregate rows already summed by the importer during a bulk load, and the indicators it could not sum. */
    agg?: { rows: AggRow[]; sqlFor: number[] };
    /** No row was added (only values revised): the period counts cannot have changed. */
    countsUnchanged?: boolean;
    /**
     * The provinces whose communes the import wrote: only their pre-aggregate rows are recomputed (an import of one
     * province's communes over thirty years need not sum the other 33 provinces of every touched year again).
     */
    provinces?: string[];
  },
): Promise<{ pairs: number }> {
  const raw = rawSql(db);
  const unweighted = indicators.filter((d) => d.weightId === null).map((d) => d.id);
  const weighted = indicators.filter((d) => d.weightId !== null);
  const wArgs = [weighted.map((d) => d.id), weighted.map((d) => d.weightId)];
  if (opts.full) {
    await raw.query('delete from stat_province_agg');
    if (opts.agg) {
      const r = opts.agg.rows;
      for (let i = 0; i < r.length; i += 20_000) {
        const part = r.slice(i, i + 20_000);
        await raw.query(
          `insert into stat_province_agg (${AGG_COLUMNS})
           select ind, per, prov, gd, n, sv, svw, sw, nw, np, array[rel]
           from unnest($1::int[], $2::int[], $3::text[], $4::date[], $5::int[], $6::float8[], $7::float8[],
                       $8::float8[], $9::int[], $10::int[], $11::int[])
                as x(ind, per, prov, gd, n, sv, svw, sw, nw, np, rel)`,
          [
            part.map((x) => x.ind),
            part.map((x) => x.period),
            part.map((x) => x.province),
            part.map((x) => x.geoDate),
            part.map((x) => x.n),
            part.map((x) => x.sv),
            part.map((x) => x.svw),
            part.map((x) => x.sw),
            part.map((x) => x.nw),
            part.map((x) => x.np),
            part.map((x) => x.release),
          ],
        );
      }
    }
    const sqlFor = opts.agg ? new Set(opts.agg.sqlFor) : null;
    const uw = sqlFor ? unweighted.filter((id) => sqlFor.has(id)) : unweighted;
    const ww = sqlFor ? weighted.filter((d) => sqlFor.has(d.id)) : weighted;
    if (uw.length || ww.length)
      await raw.query(`insert into stat_province_agg (${AGG_COLUMNS}) ${aggSelect('all')}`, [
        uw,
        ww.map((d) => d.id),
        ww.map((d) => d.weightId),
      ]);
    await raw.query('delete from indicator_periods');
    if (opts.counts) {
      // Counted by the importer while it read the rows (the table was empty before this load).
      const c = opts.counts;
      await raw.query(
        `insert into indicator_periods (indicator_id, period, geo_date, level, n)
         select * from unnest($1::int[], $2::int[], $3::date[], $4::text[], $5::int[])`,
        [
          c.map((x) => x.ind),
          c.map((x) => x.period),
          c.map((x) => x.geoDate),
          c.map((x) => x.level),
          c.map((x) => x.n),
        ],
      );
    } else
      await raw.query(
        `insert into indicator_periods (indicator_id, period, geo_date, level, n)
         select o.indicator_id, o.period, o.geo_date, ${LEVEL}, count(*)::int from observations o group by 1, 2, 3, 4`,
      );
    await raw.query('analyze stat_province_agg');
    return { pairs: -1 };
  }
  if (pairs.length === 0) return { pairs: 0 };
  const dependants = new Map<number, number[]>();
  for (const d of weighted) dependants.set(d.weightId!, [...(dependants.get(d.weightId!) ?? []), d.id]);
  const all = new Map<string, { ind: number; period: number }>();
  for (const p of pairs) {
    all.set(`${p.ind}|${p.period}`, p);
    for (const dep of dependants.get(p.ind) ?? []) all.set(`${dep}|${p.period}`, { ind: dep, period: p.period });
  }
  const list = [...all.values()];
  const inds = list.map((p) => p.ind);
  const pers = list.map((p) => p.period);
  const provinces = opts.provinces ? [opts.provinces] : [];
  await raw.query(
    `delete from stat_province_agg a using unnest($1::int[], $2::int[]) as x(ind, per)
     where a.indicator_id = x.ind and a.period = x.per${opts.provinces ? ' and a.province_code = any($3::text[])' : ''}`,
    [inds, pers, ...provinces],
  );
  const touched = cellsOf(list);
  await raw.query(
    `insert into stat_province_agg (${AGG_COLUMNS}) ${aggSelect(touched.cells, opts.provinces !== undefined)}`,
    [unweighted, ...wArgs, ...touched.params, ...provinces],
  );
  // Counts change only when rows were added (a revision replaces a value in place).
  if (opts.countsUnchanged) return { pairs: list.length };
  await raw.query(
    `delete from indicator_periods p using unnest($1::int[], $2::int[]) as x(ind, per)
     where p.indicator_id = x.ind and p.period = x.per`,
    [pairs.map((p) => p.ind), pairs.map((p) => p.period)],
  );
  const own = cellsOf(pairs);
  await raw.query(
    `insert into indicator_periods (indicator_id, period, geo_date, level, n)
     select o.indicator_id, o.period, o.geo_date, ${LEVEL}, count(*)::int from observations o
     where ${cellsWhere(own.cells, 1)}
     group by 1, 2, 3, 4`,
    own.params,
  );
  return { pairs: list.length };
}

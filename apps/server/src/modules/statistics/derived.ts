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

export interface CatalogueIndicatorLike {
  id: number;
  weightId: number | null;
}

const AGG_SELECT = `
  select o.indicator_id, o.period, u.parent_code, u.parent_geo_date, count(*)::int, sum(o.value),
         sum(o.value * w.value), sum(w.value) filter (where w.value is not null), count(w.value)::int,
         count(*) filter (where o.status = 'provisional')::int, array_agg(distinct o.release_id)
  from observations o
  join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
  join indicators i on i.id = o.indicator_id
  left join observations w on w.indicator_id = i.weight_indicator_id and w.unit_code = o.unit_code
                          and w.geo_date = o.geo_date and w.period = o.period`;
const AGG_GROUP = 'group by o.indicator_id, o.period, u.parent_code, u.parent_geo_date';
const AGG_COLUMNS =
  'indicator_id, period, province_code, geo_date, n, sum_v, sum_vw, sum_w, n_w, n_provisional, releases';
const LEVEL = `case when length(o.unit_code) = 5 then 'commune' else 'province' end`;

/** Recompute the derived tables for the touched (indicator, period) pairs, or entirely with `full`. */
export async function refreshDerived(
  db: Db,
  pairs: { ind: number; period: number }[],
  indicators: CatalogueIndicatorLike[],
  opts: { full: boolean },
): Promise<{ pairs: number }> {
  const raw = rawSql(db);
  if (opts.full) {
    await raw.query('delete from stat_province_agg');
    await raw.query(`insert into stat_province_agg (${AGG_COLUMNS}) ${AGG_SELECT} ${AGG_GROUP}`);
    await raw.query('delete from indicator_periods');
    await raw.query(
      `insert into indicator_periods (indicator_id, period, geo_date, level, n)
       select o.indicator_id, o.period, o.geo_date, ${LEVEL}, count(*)::int from observations o group by 1, 2, 3, 4`,
    );
    await raw.query('analyze stat_province_agg');
    return { pairs: -1 };
  }
  if (pairs.length === 0) return { pairs: 0 };
  const weighted = new Map<number, number[]>();
  for (const d of indicators)
    if (d.weightId !== null) weighted.set(d.weightId, [...(weighted.get(d.weightId) ?? []), d.id]);
  const all = new Map<string, { ind: number; period: number }>();
  for (const p of pairs) {
    all.set(`${p.ind}|${p.period}`, p);
    for (const dep of weighted.get(p.ind) ?? []) all.set(`${dep}|${p.period}`, { ind: dep, period: p.period });
  }
  const list = [...all.values()];
  const inds = list.map((p) => p.ind);
  const pers = list.map((p) => p.period);
  await raw.query(
    `delete from stat_province_agg a using unnest($1::int[], $2::int[]) as x(ind, per)
     where a.indicator_id = x.ind and a.period = x.per`,
    [inds, pers],
  );
  await raw.query(
    `insert into stat_province_agg (${AGG_COLUMNS})
     ${AGG_SELECT}
     join unnest($1::int[], $2::int[]) as x(ind, per) on o.indicator_id = x.ind and o.period = x.per
     ${AGG_GROUP}`,
    [inds, pers],
  );
  const own = pairs.map((p) => p.ind);
  const ownPer = pairs.map((p) => p.period);
  await raw.query(
    `delete from indicator_periods p using unnest($1::int[], $2::int[]) as x(ind, per)
     where p.indicator_id = x.ind and p.period = x.per`,
    [own, ownPer],
  );
  await raw.query(
    `insert into indicator_periods (indicator_id, period, geo_date, level, n)
     select o.indicator_id, o.period, o.geo_date, ${LEVEL}, count(*)::int
     from observations o join unnest($1::int[], $2::int[]) as x(ind, per) on o.indicator_id = x.ind and o.period = x.per
     group by 1, 2, 3, 4`,
    [own, ownPer],
  );
  return { pairs: list.length };
}

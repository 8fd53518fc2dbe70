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

const AGG_COLUMNS =
  'indicator_id, period, province_code, geo_date, n, sum_v, sum_vw, sum_w, n_w, n_provisional, releases';

/**
 * The aggregate as SQL: grouped first by release (a hash aggregate, no sort), then collapsed per province, so that the
 * list of releases behind each figure costs nothing. Weighted indicators join their weight's observations; the others
 * do not touch them at all. `$1`/`$2` are the touched (indicator, period) pairs when `pairs` is set.
 */
function aggSelect(pairs: boolean): string {
  const scope = pairs
    ? 'join unnest($1::int[], $2::int[]) as x(ind, per) on o.indicator_id = x.ind and o.period = x.per'
    : '';
  const units = `join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'`;
  return `
    select indicator_id, period, parent_code, parent_geo_date, sum(n)::int, sum(sv), sum(svw), sum(sw), sum(nw)::int,
           sum(np)::int, array_agg(release_id order by release_id)
    from (
      select o.indicator_id, o.period, u.parent_code, u.parent_geo_date, o.release_id, count(*) as n, sum(o.value) as sv,
             null::float8 as svw, null::float8 as sw, 0 as nw, count(*) filter (where o.status = 'provisional') as np
      from observations o ${units} ${scope}
      where o.indicator_id = any($3::int[])
      group by 1, 2, 3, 4, 5
      union all
      select o.indicator_id, o.period, u.parent_code, u.parent_geo_date, o.release_id, count(*), sum(o.value),
             sum(o.value * w.value), sum(w.value), count(w.value), count(*) filter (where o.status = 'provisional')
      from observations o ${units} ${scope}
      join unnest($4::int[], $5::int[]) as wi(ind, wind) on wi.ind = o.indicator_id
      left join observations w on w.indicator_id = wi.wind and w.unit_code = o.unit_code and w.geo_date = o.geo_date
                              and w.period = o.period
      group by 1, 2, 3, 4, 5
    ) g
    group by 1, 2, 3, 4`;
}

const LEVEL = `case when length(o.unit_code) = 5 then 'commune' else 'province' end`;

/** Recompute the derived tables for the touched (indicator, period) pairs, or entirely with `full`. */
export async function refreshDerived(
  db: Db,
  pairs: { ind: number; period: number }[],
  indicators: CatalogueIndicatorLike[],
  opts: { full: boolean },
): Promise<{ pairs: number }> {
  const raw = rawSql(db);
  const unweighted = indicators.filter((d) => d.weightId === null).map((d) => d.id);
  const weighted = indicators.filter((d) => d.weightId !== null);
  const wArgs = [weighted.map((d) => d.id), weighted.map((d) => d.weightId)];
  if (opts.full) {
    await raw.query('delete from stat_province_agg');
    await raw.query(
      `insert into stat_province_agg (${AGG_COLUMNS}) ${aggSelect(false).replace(/\$(\d)/g, (_m, n) => `$${Number(n) - 2}`)}`,
      [unweighted, ...wArgs],
    );
    await raw.query('delete from indicator_periods');
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
  await raw.query(
    `delete from stat_province_agg a using unnest($1::int[], $2::int[]) as x(ind, per)
     where a.indicator_id = x.ind and a.period = x.per`,
    [inds, pers],
  );
  await raw.query(`insert into stat_province_agg (${AGG_COLUMNS}) ${aggSelect(true)}`, [
    inds,
    pers,
    unweighted,
    ...wArgs,
  ]);
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

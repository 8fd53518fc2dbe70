import type { DataResponse } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { aggregateRows } from './query-aggregate';
import { annotateResponse } from './query-annotate';
import { fetchObservations } from './query-fetch';
import { type ObservationQuery, planQuery } from './query-plan';

export type { ObservationQuery } from './query-plan';

/**
 * The query engine: values of indicators for the units in force on a date (communes, provinces, regions, any grouping,
 * the nation), for a range of periods, computed from whatever geography the observations were recorded in.
 *
 * For each province of the target geography and each period it gathers candidates, best first:
 *   rank 0  the value recorded for the province itself;
 *   rank 1  the sum of its communes (from the incrementally refreshed province pre-aggregate);
 *   rank 2  its former provinces carried through the 63→34 crosswalk (weights from the geo module);
 *   rank 3  the communes of its former provinces;
 *   +10     the same from observations flagged `estimate` (a third-party estimate never beats a computation).
 * The first complete candidate is used; other complete candidates that differ are returned as `alternatives`.
 * Regions, groupings and the nation then combine their member provinces with the indicator's rule (aggregation-rules).
 * Every row says how it was computed (`method`), how complete it is (`coverage`) and where it came from (`sources`).
 *
 * Four stages, each in its own file and testable alone:
 *   plan      (query-plan.ts)      the query checked; indicators, access, release, periods, target units;
 *   fetch     (query-fetch.ts)     the only stage that reads observations: candidates per province, or commune values;
 *   aggregate (query-aggregate.ts) pure: the best candidate per province, members combined into regions and groupings;
 *   annotate  (query-annotate.ts)  pure: empty periods dropped, sources, combined periods, summary, notes, response.
 */
export async function queryObservations(db: Db, q: ObservationQuery): Promise<DataResponse> {
  const plan = await planQuery(db, q);
  const fetched = await fetchObservations(db, plan);
  return annotateResponse(plan, aggregateRows(plan, fetched));
}

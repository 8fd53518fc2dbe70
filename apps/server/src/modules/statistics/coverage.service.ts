import type { CoverageResponse } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { listUnits } from '../geo/geo.service';
import { listIndicators } from './catalogue.service';
import { buildCoverage, readThemes } from './coverage';
import { listDatasets } from './statistics.service';

/** The coverage map of the regional database from the current catalogue and datasets. Public, like the catalogue. */
export async function regionalDatabaseCoverage(db: Db): Promise<CoverageResponse> {
  const [indicators, datasets] = await Promise.all([listIndicators(db), listDatasets(db)]);
  const dates = [...new Set(indicators.flatMap((i) => i.geographies))];
  const provinces = new Map<string, number>();
  for (const date of dates) provinces.set(date, (await listUnits(db, { level: 'province', at: date })).length);
  return buildCoverage(readThemes(), indicators, datasets, (d) => provinces.get(d) ?? 0);
}

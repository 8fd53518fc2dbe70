import type { Db } from '../../db/client';

export interface StatisticsActualQuery {
  /** Indicator code in the statistics catalogue (`grdp_per_capita`, `population`, …). */
  indicatorCode: string;
  scope: { kind: 'region' | 'province'; code: string; geoDate: string };
  /** Latest year wanted, usually the current year. */
  upToYear: number;
}

export interface StatisticsActual {
  year: number;
  value: number;
  sourceText: string;
}

export type StatisticsLink = { actual: StatisticsActual | null; linked: boolean; noteVi: string; noteEn: string };

/**
 * The single place where the results framework reads actuals from the statistics database. The statistics module
 * (indicator catalogue and query engine) is not in this build yet, so every linked indicator reports honestly that
 * no actuals are linked; wiring it is a change to this function only.
 */
export async function findStatisticsActual(_db: Db, q: StatisticsActualQuery): Promise<StatisticsLink> {
  return {
    actual: null,
    linked: false,
    noteVi: `Chưa liên kết số liệu thực hiện: cơ sở dữ liệu thống kê chưa có trong hệ thống (mã chỉ tiêu ${q.indicatorCode}).`,
    noteEn: `No actuals linked yet: the statistics database is not part of this build (indicator code ${q.indicatorCode}).`,
  };
}

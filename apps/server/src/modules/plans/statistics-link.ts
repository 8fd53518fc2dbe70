import type { ActualStatistics } from '@regionlink/shared';
import { formatDateVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { queryObservations } from '../statistics/query.service';

export interface StatisticsActualQuery {
  /** Indicator code in the statistics catalogue (`grdp_per_capita`, `population`, …). */
  indicatorCode: string;
  /** The plan's region or province, in the geography of `geoDate` (a region of the time before 2025-07-01). */
  scope: { kind: 'region' | 'province'; code: string; geoDate: string };
  /** Latest year wanted, usually the current year. */
  upToYear: number;
}

export interface StatisticsActual {
  year: number;
  value: number;
  sourceText: string;
  statistics: ActualStatistics;
}

export type StatisticsLink = { actual: StatisticsActual | null; linked: boolean; noteVi: string; noteEn: string };

/**
 * The single place where the results framework reads actuals from the statistics database: one call to the query
 * engine for the plan's scope in the geography of the plan's date (the engine carries today's units and the
 * observations recorded in either geography through the crosswalk), then the latest year with a complete value.
 */
export async function findStatisticsActual(db: Db, q: StatisticsActualQuery): Promise<StatisticsLink> {
  let res: Awaited<ReturnType<typeof queryObservations>>;
  try {
    res = await queryObservations(db, {
      indicators: [q.indicatorCode],
      level: q.scope.kind,
      at: q.scope.geoDate,
      to: q.upToYear,
      units: [q.scope.code],
    });
  } catch (e) {
    if (e instanceof AppError && e.status === 404)
      return {
        actual: null,
        linked: false,
        noteVi: `Mã chỉ tiêu ${q.indicatorCode} không có trong danh mục của cơ sở dữ liệu thống kê.`,
        noteEn: `Indicator code ${q.indicatorCode} is not in the statistics catalogue.`,
      };
    throw e;
  }
  const row = res.rows
    .filter((r) => r.unitCode === q.scope.code && r.value !== null)
    .sort((a, b) => Number(b.period) - Number(a.period))[0];
  if (!row || row.value === null)
    return {
      actual: null,
      linked: true,
      noteVi: `Cơ sở dữ liệu thống kê chưa có số liệu của chỉ tiêu ${q.indicatorCode} cho ${q.scope.code} đến năm ${q.upToYear}.`,
      noteEn: `The statistics database has no value of ${q.indicatorCode} for ${q.scope.code} up to ${q.upToYear}.`,
    };
  const title = new Map(res.datasets.map((d) => [d.code, d]));
  const sources = row.sources.map((s) => ({
    datasetId: title.get(s.dataset)?.id ?? null,
    dataset: s.dataset,
    titleVi: title.get(s.dataset)?.titleVi ?? s.dataset,
    titleEn: title.get(s.dataset)?.titleEn ?? s.dataset,
    releaseId: s.releaseId,
    releaseNumber: s.releaseNumber,
    publishedAt: s.publishedAt,
    publisher: s.publisher,
    publisherEn: s.publisherEn,
  }));
  const statistics: ActualStatistics = {
    indicator: q.indicatorCode,
    unitCode: row.unitCode,
    unitName: row.unitName,
    geoDate: res.query.at,
    geographyVi: res.query.geographyVi,
    geographyEn: res.query.geographyEn,
    methodVi: row.method.textVi,
    methodEn: row.method.textEn,
    status: row.status,
    coverageWithData: row.coverage.withData,
    coverageTotal: row.coverage.total,
    sources,
  };
  const srcVi = sources
    .map((s) => `${s.titleVi} (${s.publisher}; bản phát hành số ${s.releaseNumber}, ${formatDateVi(s.publishedAt)})`)
    .join('; ');
  return {
    actual: {
      year: Number(row.period),
      value: row.value,
      sourceText: `Cơ sở dữ liệu thống kê, chỉ tiêu ${q.indicatorCode}: ${srcVi}. Cách tính: ${row.method.textVi}`,
      statistics,
    },
    linked: true,
    noteVi: '',
    noteEn: '',
  };
}

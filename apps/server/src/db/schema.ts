export * from '../modules/access/access.schema';
export * from '../modules/geo/geo.schema';
export * from '../modules/statistics/statistics.schema';
export * from '../modules/reporting/reporting.schema';
export * from '../modules/plans/plans.schema';
export * from '../modules/documents/documents.schema';
export * from '../modules/analytics/analytics.schema';
export * from '../modules/councils/councils.schema';

// The addresses of the statistics API, without its queries (which import React Query): the first requests of a page
// (app/first-requests.ts) are made from the same functions before the application has loaded.
import type { Indicator } from '@regionlink/shared';
import { DATE_34, DATE_63 } from '../geo/urls';

/** The parameters of `GET /api/v1/data`, as the explorer and other pages build them. */
export interface DataParams {
  indicator: string;
  level: 'province' | 'region' | 'national' | 'commune' | 'grouping';
  grouping?: string;
  at: string;
  period?: number;
  from?: number;
  to?: number;
  release?: number;
}

/** The query string of a data request (and of its CSV/XLSX downloads with `format`). */
export function dataQueryString(p: DataParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ indicator: p.indicator, at: p.at, ...extra });
  if (p.level === 'grouping' && p.grouping) q.set('grouping', p.grouping);
  else q.set('level', p.level);
  if (p.period !== undefined) q.set('period', String(p.period));
  if (p.from !== undefined) q.set('from', String(p.from));
  if (p.to !== undefined) q.set('to', String(p.to));
  if (p.release !== undefined) q.set('release', String(p.release));
  return q.toString();
}

/**
 * The data request of the explorer (`/data?indicator=…&level=…&at=…`), or null while it cannot be made: the commune
 * level asks for one year and so waits for the indicator's periods; the other levels do not need the indicator first.
 */
export function explorerDataParams(search: URLSearchParams, indicator?: Pick<Indicator, 'periods'>): DataParams | null {
  const level = (search.get('level') as DataParams['level'] | null) ?? 'province';
  const grouping = search.get('grouping') ?? undefined;
  if ((level === 'commune' && !indicator) || (level === 'grouping' && !grouping)) return null;
  const period = search.get('period');
  return {
    indicator: search.get('indicator') ?? 'population',
    level,
    grouping: level === 'grouping' ? grouping : undefined,
    at: search.get('at') === DATE_63 ? DATE_63 : DATE_34,
    period: level === 'commune' ? (period ? Number(period) : indicator?.periods.at(-1)) : undefined,
    release: search.get('release') ? Number(search.get('release')) : undefined,
  };
}

export const indicatorsUrl = '/api/v1/indicators';

export const dataUrl = (p: DataParams) => `/api/v1/data?${dataQueryString(p)}`;

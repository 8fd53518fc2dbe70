// The addresses of the geography API, without its queries (which import React Query): the first requests of a page
// (app/first-requests.ts) are made from the same functions before the application has loaded.

export const DATE_34 = '2025-07-01';
export const DATE_63 = '2025-06-30';

/** The boundary date a page's address asks for (`?at=`): the 63 provinces' last day, else today's 34. */
export const atOf = (search: URLSearchParams) => (search.get('at') === DATE_63 ? DATE_63 : DATE_34);

export function unitsUrl(at: string, level: 'province' | 'commune' = 'province', parent?: string) {
  return `/api/v1/geo/units?${new URLSearchParams({ at, level, ...(parent ? { parent } : {}) })}`;
}

export const regionsUrl = (at: string) => `/api/v1/geo/groupings?type=region&at=${at}`;

export const groupingsUrl = (at: string) => `/api/v1/geo/groupings?at=${at}`;

export const boundariesUrl = (at: string, detail: 'country' | 'full' = 'country') =>
  `/api/v1/geo/boundaries?at=${at}${detail === 'country' ? '&detail=country' : ''}`;

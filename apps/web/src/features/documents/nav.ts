/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const DOCUMENTS_NAV = {
  nav: { vi: 'Báo cáo tổng hợp', en: 'National report' },
} as const;

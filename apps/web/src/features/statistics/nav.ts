/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const STATISTICS_NAV = {
  navData: { vi: 'Số liệu', en: 'Data' },
  explorerTitle: { vi: 'Tra cứu số liệu vùng', en: 'Regional statistics explorer' },
  datasetsTitle: { vi: 'Bộ dữ liệu và bản phát hành', en: 'Datasets and releases' },
  coverage: { vi: 'Cơ sở dữ liệu vùng', en: 'Regional database' },
} as const;

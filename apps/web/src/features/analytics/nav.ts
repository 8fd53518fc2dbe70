/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const ANALYTICS_NAV = {
  nav: { vi: 'Phân tích vùng', en: 'Regional analysis' },
  navNational: { vi: 'Toàn quốc', en: 'National dashboard' },
  navIndex: { vi: 'Chỉ số tổng hợp', en: 'Composite index' },
  navDisparities: { vi: 'Chênh lệch và hội tụ', en: 'Disparities and convergence' },
} as const;

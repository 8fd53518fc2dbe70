/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const COMPARE_NAV = {
  title: { vi: 'So sánh tỉnh, thành và vùng', en: 'Compare provinces and regions' },
} as const;

/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const PLANS_NAV = {
  navPlans: { vi: 'Quy hoạch vùng', en: 'Regional plans' },
  navProjects: { vi: 'Dự án liên kết vùng', en: 'Linkage projects' },
} as const;

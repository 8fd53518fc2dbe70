/**
 * The labels of this feature in the main navigation. A file of their own, so that the shell (in the first script
 * every page downloads) does not carry the feature's whole dictionary; the dictionary refers to them.
 */
export const CONTRIBUTION_NAV = {
  navContributions: { vi: 'Đóng góp số liệu', en: 'Contributed figures' },
  navSharing: { vi: 'Chia sẻ dữ liệu', en: 'Data sharing' },
  tokensTitle: { vi: 'Mã truy cập API', en: 'API tokens' },
} as const;

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import { initialLang, type Lang } from './lang';

export { initialLang, type Lang } from './lang';

export const DICT = {
  appName: { vi: 'RegionLink', en: 'RegionLink' },
  appTitle: { vi: 'Hệ thống thông tin liên kết vùng', en: 'Regional linkage information system' },
  openMenu: { vi: 'Mở menu', en: 'Open menu' },
  navMap: { vi: 'Bản đồ', en: 'Map' },
  navProvinces: { vi: 'Tỉnh, thành phố', en: 'Provinces' },
  navRegions: { vi: 'Vùng', en: 'Regions' },
  login: { vi: 'Đăng nhập', en: 'Sign in' },
  logout: { vi: 'Đăng xuất', en: 'Sign out' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  loginTitle: { vi: 'Đăng nhập hệ thống', en: 'Sign in to RegionLink' },
  loginHint: {
    vi: 'Cán bộ Bộ Tài chính, các bộ, ngành, địa phương và thư ký Hội đồng điều phối vùng đăng nhập bằng tài khoản được cấp.',
    en: 'Staff of the Ministry of Finance, ministries, provinces and council secretariats sign in with the account they were given.',
  },
  organisation: { vi: 'Cơ quan', en: 'Organisation' },
  role: { vi: 'Vai trò', en: 'Role' },
  role_admin: { vi: 'Quản trị (Bộ Tài chính)', en: 'Administrator (MoF)' },
  role_reporter: { vi: 'Cán bộ báo cáo', en: 'Reporter' },
  role_council: { vi: 'Hội đồng điều phối vùng', en: 'Regional council' },
  role_viewer: { vi: 'Người xem', en: 'Viewer' },
  mapTitle: {
    vi: 'Bản đồ hành chính và các vùng kinh tế - xã hội',
    en: 'Administrative map and socio-economic regions',
  },
  vintage34: { vi: '34 tỉnh, thành (từ 01/7/2025)', en: '34 provinces (from 1 Jul 2025)' },
  vintage63: { vi: '63 tỉnh, thành (đến 30/6/2025)', en: '63 provinces (until 30 Jun 2025)' },
  legendRegions: { vi: 'Vùng kinh tế - xã hội', en: 'Socio-economic regions' },
  clickHint: { vi: 'Nhấn vào một tỉnh để xem trang của tỉnh.', en: 'Click a province to open its page.' },
  area: { vi: 'Diện tích', en: 'Area' },
  region: { vi: 'Vùng', en: 'Region' },
  type: { vi: 'Loại đơn vị', en: 'Type' },
  seat: { vi: 'Trung tâm hành chính - chính trị', en: 'Administrative seat' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên', en: 'Name' },
  formedFrom: { vi: 'Hình thành từ các tỉnh, thành cũ', en: 'Formed from the former provinces' },
  mergedInto: { vi: 'Từ 01/7/2025 thuộc', en: 'From 1 Jul 2025 part of' },
  communes: { vi: 'Số đơn vị hành chính cấp xã', en: 'Communes and wards' },
  validity: { vi: 'Hiệu lực', en: 'In force' },
  source: { vi: 'Nguồn', en: 'Source' },
  provinces: { vi: 'tỉnh, thành', en: 'provinces' },
  provinceCount: { vi: 'Số tỉnh, thành', en: 'Provinces' },
  search: { vi: 'Tìm theo tên hoặc mã', en: 'Search by name or code' },
  municipality: { vi: 'Thành phố trực thuộc trung ương', en: 'Centrally-run city' },
  province: { vi: 'Tỉnh', en: 'Province' },
  notFound: { vi: 'Không tìm thấy trang.', en: 'Page not found.' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  groupings: { vi: 'Thuộc các nhóm', en: 'Member of' },
  backToMap: { vi: '← Về bản đồ', en: '← Back to the map' },
  islandsNote: {
    vi: 'Bản đồ thể hiện quần đảo Hoàng Sa (thành phố Đà Nẵng) và quần đảo Trường Sa (tỉnh Khánh Hòa).',
    en: 'The map shows the Hoang Sa (Paracel) archipelago, part of Da Nang, and the Truong Sa (Spratly) archipelago, part of Khanh Hoa.',
  },
  boundarySource: { vi: 'Nguồn ranh giới', en: 'Boundary source' },
  km2: { vi: 'km²', en: 'km²' },
  total: { vi: 'Tổng', en: 'Total' },
  members: { vi: 'Thành viên', en: 'Members' },
  signedInAs: { vi: 'Đang đăng nhập', en: 'Signed in as' },
  account: { vi: 'Tài khoản', en: 'Account' },
  demoAccounts: { vi: 'Tài khoản dùng thử (mật khẩu regionlink-demo)', en: 'Demo accounts (password regionlink-demo)' },
} as const;

export type DictKey = keyof typeof DICT;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: DictKey) => string;
  /** Pick the Vietnamese or English variant of a value from the API (the Vietnamese one when no English exists). */
  pick: (vi: string, en: string) => string;
}

const Ctx = createContext<I18n | null>(null);

/** The language switch and the dictionaries; `lang` starts it in a language (the server's first screen, app/ssr.tsx). */
export function I18nProvider({ children, lang: start }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(start ?? initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('rl.lang', l);
    setLangState(l);
  }, []);
  // The page's language and the browser tab's title follow the chosen language.
  // A cookie tells the server the language too, so that it sends the first screen in it (first-screens.ts).
  useEffect(() => {
    // biome-ignore lint/suspicious/noDocumentCookie: one plain cookie; the Cookie Store API is missing in older browsers
    document.cookie = `rl.lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = lang;
    document.title = `${DICT.appName[lang]} — ${DICT.appTitle[lang]}`;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key) => DICT[key][lang], pick: (vi, en) => (lang === 'vi' ? vi : en || vi) }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current language, its dictionary and a switch. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** A feature's own dictionary: `const t = useDict(DICT)` then `t('key')`. Keeps strings beside the feature. */
export function useDict<K extends string>(dict: Record<K, { vi: string; en: string }>): (key: K) => string {
  const { lang } = useI18n();
  return (key: K) => dict[key][lang];
}

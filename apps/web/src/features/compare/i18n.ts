import { COMPARE_NAV } from './nav';
/** Words of the compare page. */
export const COMPARE = {
  title: COMPARE_NAV.title,
  intro: {
    vi: 'Chọn 2 đến 6 tỉnh, thành (hoặc vùng) và các chỉ tiêu: bảng, biểu đồ cột năm gần nhất và đường theo thời gian, kèm nguồn và cách tổng hợp.',
    en: 'Choose 2 to 6 provinces (or regions) and indicators: a table, bars for the latest year and lines over time, with sources and how each figure was aggregated.',
  },
  level: { vi: 'Cấp', en: 'Level' },
  province: { vi: 'Tỉnh, thành', en: 'Provinces' },
  region: { vi: 'Vùng', en: 'Regions' },
  units: { vi: 'Đơn vị so sánh (2–6)', en: 'Units to compare (2–6)' },
  indicators: { vi: 'Chỉ tiêu (1–4)', en: 'Indicators (1–4)' },
  pickMore: { vi: 'Chọn ít nhất 2 đơn vị và 1 chỉ tiêu.', en: 'Choose at least 2 units and 1 indicator.' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  bars: { vi: 'Năm gần nhất', en: 'Latest year' },
  lines: { vi: 'Theo thời gian', en: 'Over time' },
  source: { vi: 'Nguồn', en: 'Source' },
  method: { vi: 'Cách tính', en: 'Method' },
  noData: { vi: 'Không có số liệu', en: 'No data' },
  compareLink: { vi: 'So sánh với tỉnh, thành khác →', en: 'Compare with other provinces →' },
} as const;

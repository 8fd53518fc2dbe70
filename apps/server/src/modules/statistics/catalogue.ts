import type { AggregationRule, Measure, ObservationStatus, Periodicity } from '@regionlink/shared';

/**
 * The indicator catalogue and the reference datasets loaded on first start (the files of `reference/stats/`, whose
 * origins and caveats are in `reference/DATA-SOURCES.md`). Indicator metadata is the authority for the engine's rules.
 */

export interface CatalogueIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
  topic: string;
  unitVi: string;
  unitEn: string;
  decimals: number;
  aggregation: AggregationRule;
  weight?: string;
  numerator?: string;
  denominator?: string;
  ratioFactor?: number;
  measure: Measure;
  periodicity: Periodicity;
  minValue?: number;
  maxValue?: number;
  minPeriod?: number;
  sourceVi: string;
  sourceEn: string;
  licence: string;
}

export const TOPICS: Record<string, { vi: string; en: string; order: number }> = {
  population: { vi: 'Dân số và đất đai', en: 'Population and land', order: 1 },
  economy: { vi: 'Kinh tế', en: 'Economy', order: 2 },
  living: { vi: 'Mức sống', en: 'Living standards', order: 3 },
  budget: { vi: 'Ngân sách nhà nước', en: 'State budget', order: 4 },
  fdi: { vi: 'Đầu tư trực tiếp nước ngoài', en: 'Foreign direct investment', order: 5 },
  pci: { vi: 'Năng lực cạnh tranh cấp tỉnh (PCI)', en: 'Provincial Competitiveness Index (PCI)', order: 6 },
  papi: { vi: 'Quản trị và hành chính công (PAPI)', en: 'Governance and public administration (PAPI)', order: 7 },
  other: { vi: 'Khác', en: 'Other', order: 9 },
};

const NSO = {
  sourceVi: 'Tổng cục Thống kê (từ 3/2025: Cục Thống kê, Bộ Tài chính)',
  sourceEn: 'General Statistics Office (from March 2025: National Statistics Office, Ministry of Finance)',
  licence:
    'Số liệu thống kê chính thức; không có giấy phép mở riêng / official statistics, no open licence of their own',
};
const VCCI = {
  sourceVi: 'VCCI và USAID, Chỉ số năng lực cạnh tranh cấp tỉnh (pcivietnam.vn)',
  sourceEn: 'VCCI and USAID, Provincial Competitiveness Index (pcivietnam.vn)',
  licence: 'Kết quả khảo sát của VCCI; bản tổng hợp mdtrinh/vietnamdata CC0 / VCCI survey results; compilation CC0',
};
const PAPI = {
  sourceVi: 'UNDP, CECODES và các đối tác, Chỉ số PAPI (papi.org.vn)',
  sourceEn: 'UNDP, CECODES and partners, PAPI (papi.org.vn)',
  licence: 'Kết quả khảo sát PAPI; bản tổng hợp mdtrinh/vietnamdata CC0 / PAPI survey results; compilation CC0',
};
const MOF = {
  sourceVi: 'Bộ Tài chính, số liệu ngân sách địa phương',
  sourceEn: 'Ministry of Finance, local budget data',
  licence: 'Số liệu công khai ngân sách; bản tổng hợp mdtrinh/vietnamdata CC0 / budget disclosures; compilation CC0',
};

const pop = (
  code: string,
  nameVi: string,
  nameEn: string,
  rest: Partial<CatalogueIndicator> & Pick<CatalogueIndicator, 'unitVi' | 'unitEn' | 'aggregation' | 'measure'>,
): CatalogueIndicator => ({
  code,
  nameVi,
  nameEn,
  definitionVi: '',
  definitionEn: '',
  topic: 'population',
  decimals: 0,
  periodicity: 'periodic',
  ...NSO,
  ...rest,
});

const pciSub: [string, string, string][] = [
  ['pci_entry', 'Gia nhập thị trường', 'Entry costs'],
  ['pci_land', 'Tiếp cận đất đai', 'Land access and security of tenure'],
  ['pci_transparency', 'Tính minh bạch', 'Transparency'],
  ['pci_time', 'Chi phí thời gian', 'Time costs of regulatory compliance'],
  ['pci_informal', 'Chi phí không chính thức', 'Informal charges'],
  ['pci_implement', 'Thực thi chính sách (chỉ số thành phần năm 2005)', 'Policy implementation (2005 sub-index)'],
  ['pci_bias', 'Cạnh tranh bình đẳng', 'Policy bias (equal competition)'],
  ['pci_proactive', 'Tính năng động của chính quyền tỉnh', 'Proactivity of provincial leadership'],
  ['pci_support', 'Dịch vụ hỗ trợ doanh nghiệp', 'Business support services'],
  ['pci_labor', 'Đào tạo lao động', 'Labour training'],
  ['pci_legal', 'Thiết chế pháp lý', 'Legal institutions'],
];

const papiDims: [string, string, string][] = [
  ['papi_participation', 'Tham gia của người dân ở cấp cơ sở', 'Participation at local levels'],
  ['papi_transparency', 'Công khai, minh bạch', 'Transparency'],
  ['papi_accountability', 'Trách nhiệm giải trình với người dân', 'Vertical accountability'],
  ['papi_corruption', 'Kiểm soát tham nhũng trong khu vực công', 'Control of corruption in the public sector'],
  ['papi_procedures', 'Thủ tục hành chính công', 'Public administrative procedures'],
  ['papi_service', 'Cung ứng dịch vụ công', 'Public service delivery'],
];
const papiSubs: [string, string, string][] = [
  ['papi_participation_knowledge', 'Tri thức công dân', 'Civic knowledge'],
  ['papi_participation_opportunities', 'Cơ hội tham gia', 'Opportunities for participation'],
  ['papi_participation_elections', 'Chất lượng bầu cử', 'Quality of elections'],
  ['papi_participation_contributions', 'Đóng góp tự nguyện', 'Voluntary contributions'],
  ['papi_transparency_povertylists', 'Công khai danh sách hộ nghèo', 'Poverty lists'],
  ['papi_transparency_budgetexpenditure', 'Công khai thu chi ngân sách cấp xã', 'Commune budget and expenditure'],
  ['papi_transparency_landuse', 'Công khai quy hoạch, giá đất', 'Land-use plans and compensation prices'],
  ['papi_accountability_interaction', 'Tiếp xúc với chính quyền', 'Interactions with local authorities'],
  ['papi_accountability_inspection', 'Ban Thanh tra nhân dân', "People's Inspection Boards"],
  ['papi_accountability_investment', 'Ban Giám sát đầu tư cộng đồng', 'Community Investment Supervision Boards'],
  ['papi_accountability_responsive', 'Phản hồi của chính quyền (2016)', 'Responsiveness of authorities (2016)'],
  ['papi_corruption_public', 'Kiểm soát tham nhũng trong chính quyền', 'Limits on public-sector corruption'],
  ['papi_corruption_service', 'Kiểm soát tham nhũng trong dịch vụ công', 'Limits on corruption in service delivery'],
  ['papi_corruption_employment', 'Công bằng trong tuyển dụng nhà nước', 'Equity in state employment'],
  ['papi_corruption_willingness', 'Quyết tâm chống tham nhũng', 'Willingness to fight corruption'],
  ['papi_procedures_certification', 'Dịch vụ chứng thực, xác nhận', 'Certification services'],
  ['papi_procedures_construction', 'Thủ tục cấp phép xây dựng', 'Construction permits'],
  ['papi_procedures_landuse', 'Thủ tục về quyền sử dụng đất', 'Land-use rights certificates'],
  ['papi_procedures_personal', 'Thủ tục hành chính cấp xã', 'Personal procedures at the commune'],
  ['papi_service_health', 'Y tế công lập', 'Public health care'],
  ['papi_service_primary', 'Giáo dục tiểu học công lập', 'Public primary education'],
  ['papi_service_infrastructure', 'Cơ sở hạ tầng căn bản', 'Basic infrastructure'],
  ['papi_service_law', 'An ninh, trật tự khu dân cư', 'Law and order in residential areas'],
];

const budget = (
  code: string,
  nameVi: string,
  nameEn: string,
  defVi: string,
  defEn: string,
  rest: Partial<CatalogueIndicator> = {},
): CatalogueIndicator => ({
  code,
  nameVi,
  nameEn,
  definitionVi: defVi,
  definitionEn: defEn,
  topic: 'budget',
  unitVi: 'triệu đồng',
  unitEn: 'million VND',
  decimals: 0,
  aggregation: 'sum',
  measure: 'flow',
  periodicity: 'periodic',
  minPeriod: 1990,
  ...MOF,
  ...rest,
});

const budgetPair = (planned: boolean): CatalogueIndicator[] => {
  const sfx = planned ? '_plan' : '';
  const kindVi = planned ? 'dự toán' : 'quyết toán';
  const kindEn = planned ? 'budget estimate' : 'final accounts';
  const list = [
    budget(
      `budget_revenue${sfx}`,
      `Thu ngân sách nhà nước trên địa bàn (${kindVi})`,
      `State budget revenue collected in the province (${kindEn})`,
      'Tổng thu ngân sách nhà nước phát sinh trên địa bàn tỉnh, gồm cả phần nộp ngân sách trung ương; không phải thu của riêng ngân sách địa phương.',
      'All state budget revenue collected in the province, including the share paid to the central budget; not the local budget’s own revenue.',
    ),
    budget(
      `budget_expenditure${sfx}`,
      `Chi ngân sách địa phương (${kindVi})`,
      `Local budget expenditure (${kindEn})`,
      'Tổng chi của ngân sách địa phương.',
      'Total expenditure of the local budget.',
      { minValue: 0 },
    ),
    budget(
      `budget_retention_ratio${sfx}`,
      `Tỷ lệ điều tiết các khoản thu phân chia cho ngân sách địa phương (${kindVi})`,
      `Local retention rate of shared revenue (${kindEn})`,
      'Tỷ lệ phần trăm các khoản thu phân chia mà địa phương được giữ lại. Là tỷ lệ quy định cho từng tỉnh nên không cộng hay tính bình quân cho vùng.',
      'Percentage of shared revenues the province keeps. A rate set per province: never summed or averaged into a regional figure.',
      { aggregation: 'none', unitVi: '%', unitEn: '%', measure: 'stock', minValue: 0, maxValue: 100 },
    ),
    budget(
      `budget_balance_transfer${sfx}`,
      `Bổ sung cân đối từ ngân sách trung ương (${kindVi})`,
      `Balancing transfer from the central budget (${kindEn})`,
      'Số bổ sung cân đối từ ngân sách trung ương cho ngân sách địa phương.',
      'Balancing (unconditional) transfer from the central to the local budget.',
      { minValue: 0 },
    ),
    budget(
      `budget_target_transfer${sfx}`,
      `Bổ sung có mục tiêu từ ngân sách trung ương (${kindVi})`,
      `Targeted transfer from the central budget (${kindEn})`,
      'Số bổ sung có mục tiêu từ ngân sách trung ương cho ngân sách địa phương.',
      'Targeted (conditional) transfer from the central to the local budget.',
      { minValue: 0 },
    ),
    budget(
      `budget_net_transfer${sfx}`,
      `Chênh lệch chi ngân sách địa phương và thu trên địa bàn (${kindVi})`,
      `Net transfer: local expenditure minus revenue collected (${kindEn})`,
      'Chi ngân sách địa phương trừ thu ngân sách trên địa bàn; dương là địa phương nhận hỗ trợ ròng. Ngược dấu với bảng gốc của Bộ Tài chính.',
      'Local expenditure minus revenue collected in the province; positive means a net recipient. Opposite sign to the raw MoF tables.',
    ),
  ];
  if (planned)
    list.splice(
      5,
      0,
      budget(
        'budget_project_transfer_plan',
        'Bổ sung vốn chương trình, dự án (dự toán)',
        'Transfers for programmes and projects (budget estimate)',
        'Số bổ sung từ ngân sách trung ương để thực hiện các chương trình, dự án.',
        'Central transfers for national programmes and projects.',
        { minValue: 0 },
      ),
    );
  return list;
};

export const INDICATORS: CatalogueIndicator[] = [
  pop('population', 'Dân số trung bình', 'Average population', {
    definitionVi:
      'Dân số trung bình trong năm của tỉnh. Số liệu 2011–2016 công bố theo nghìn người đã được quy đổi ra người (× 1.000).',
    definitionEn:
      'Average population of the province over the year. 2011–2016 figures published in thousands were converted to persons (× 1,000).',
    unitVi: 'người',
    unitEn: 'persons',
    aggregation: 'sum',
    measure: 'stock',
    minValue: 0,
  }),
  pop('area', 'Diện tích tự nhiên', 'Natural area', {
    definitionVi: 'Diện tích đất tự nhiên theo số liệu thống kê chính thức.',
    definitionEn: 'Natural land area as published in official statistics.',
    unitVi: 'km²',
    unitEn: 'km²',
    decimals: 1,
    aggregation: 'sum',
    measure: 'stock',
    minValue: 0,
  }),
  pop('population_density', 'Mật độ dân số', 'Population density', {
    definitionVi: 'Dân số trung bình chia cho diện tích tự nhiên. Cho vùng: tổng dân số chia tổng diện tích.',
    definitionEn: 'Average population divided by natural area. For a region: total population over total area.',
    unitVi: 'người/km²',
    unitEn: 'persons/km²',
    aggregation: 'ratio',
    numerator: 'population',
    denominator: 'area',
    ratioFactor: 1,
    measure: 'stock',
    minValue: 0,
  }),
  pop('population_growth_rate', 'Tỷ lệ tăng dân số', 'Population growth rate', {
    definitionVi:
      'Tỷ lệ tăng dân số trong năm. Cho vùng: bình quân gia quyền theo dân số (xấp xỉ, vì đúng ra phải theo dân số đầu kỳ).',
    definitionEn:
      'Population growth over the year. For a region: population-weighted mean (an approximation of the exact start-of-period weighting).',
    unitVi: '%',
    unitEn: '%',
    decimals: 2,
    aggregation: 'weighted_mean',
    weight: 'population',
    measure: 'flow',
  }),
  {
    code: 'grdp_per_capita',
    nameVi: 'GRDP bình quân đầu người',
    nameEn: 'GRDP per capita',
    definitionVi:
      'Tổng sản phẩm trên địa bàn bình quân một người (giá hiện hành). Cho vùng: bình quân gia quyền theo dân số. Số liệu 2024 là sơ bộ.',
    definitionEn:
      'Gross regional domestic product per person (current prices). For a region: population-weighted mean. 2024 figures are preliminary.',
    topic: 'economy',
    unitVi: 'triệu đồng',
    unitEn: 'million VND',
    decimals: 1,
    aggregation: 'weighted_mean',
    weight: 'population',
    measure: 'flow',
    periodicity: 'periodic',
    minValue: 0,
    ...NSO,
  },
  {
    code: 'monthly_income_per_capita',
    nameVi: 'Thu nhập bình quân đầu người một tháng',
    nameEn: 'Monthly income per capita',
    definitionVi:
      'Thu nhập bình quân một người một tháng theo Khảo sát mức sống dân cư (giá hiện hành, các năm chẵn). Cho vùng: bình quân gia quyền theo dân số.',
    definitionEn:
      'Average monthly income per person from the Household Living Standards Survey (current prices, even years). For a region: population-weighted mean.',
    topic: 'living',
    unitVi: 'nghìn đồng',
    unitEn: 'thousand VND',
    decimals: 0,
    aggregation: 'weighted_mean',
    weight: 'population',
    measure: 'flow',
    periodicity: 'periodic',
    minValue: 0,
    ...NSO,
  },
  {
    code: 'poverty_rate',
    nameVi: 'Tỷ lệ hộ nghèo',
    nameEn: 'Poverty rate',
    definitionVi:
      'Tỷ lệ hộ nghèo theo chuẩn nghèo của từng giai đoạn. Cho vùng: bình quân gia quyền theo dân số (xấp xỉ theo số người thay cho số hộ).',
    definitionEn:
      'Share of poor households under the poverty line of each period. For a region: population-weighted mean (persons as a proxy for households).',
    topic: 'living',
    unitVi: '%',
    unitEn: '%',
    decimals: 1,
    aggregation: 'weighted_mean',
    weight: 'population',
    measure: 'stock',
    periodicity: 'periodic',
    minValue: 0,
    maxValue: 100,
    ...NSO,
  },
  ...budgetPair(false),
  ...budgetPair(true),
  {
    code: 'fdi_projects_cumulative',
    nameVi: 'Số dự án FDI còn hiệu lực (lũy kế)',
    nameEn: 'FDI projects in effect (cumulative)',
    definitionVi: 'Số dự án đầu tư trực tiếp nước ngoài còn hiệu lực, lũy kế đến cuối năm. Không cộng qua các năm.',
    definitionEn:
      'Foreign direct investment projects still in effect, accumulated to the end of the year. Never added over years.',
    topic: 'fdi',
    unitVi: 'dự án',
    unitEn: 'projects',
    decimals: 0,
    aggregation: 'sum',
    measure: 'stock',
    periodicity: 'cumulative',
    minValue: 0,
    ...NSO,
  },
  {
    code: 'fdi_capital_cumulative',
    nameVi: 'Vốn đăng ký FDI còn hiệu lực (lũy kế)',
    nameEn: 'FDI registered capital in effect (cumulative)',
    definitionVi: 'Tổng vốn đăng ký của các dự án FDI còn hiệu lực, lũy kế đến cuối năm. Không cộng qua các năm.',
    definitionEn:
      'Registered capital of FDI projects in effect, accumulated to the end of the year. Never added over years.',
    topic: 'fdi',
    unitVi: 'triệu USD',
    unitEn: 'million USD',
    decimals: 1,
    aggregation: 'sum',
    measure: 'stock',
    periodicity: 'cumulative',
    minValue: 0,
    ...NSO,
  },
  {
    code: 'fdi_projects_new',
    nameVi: 'Số dự án FDI được cấp phép mới trong năm',
    nameEn: 'New FDI projects licensed in the year',
    definitionVi: 'Số dự án đầu tư trực tiếp nước ngoài được cấp phép mới trong năm.',
    definitionEn: 'Foreign direct investment projects newly licensed during the year.',
    topic: 'fdi',
    unitVi: 'dự án',
    unitEn: 'projects',
    decimals: 0,
    aggregation: 'sum',
    measure: 'flow',
    periodicity: 'periodic',
    minValue: 0,
    ...NSO,
  },
  {
    code: 'fdi_capital_new',
    nameVi: 'Vốn đăng ký FDI cấp mới trong năm',
    nameEn: 'FDI capital newly registered in the year',
    definitionVi:
      'Vốn đăng ký của các dự án FDI được cấp phép mới trong năm. Có thể âm khi điều chỉnh giảm lớn hơn cấp mới (như số gốc).',
    definitionEn:
      'Registered capital of FDI projects licensed in the year. Can be negative where reductions exceed new licences (as published).',
    topic: 'fdi',
    unitVi: 'triệu USD',
    unitEn: 'million USD',
    decimals: 1,
    aggregation: 'sum',
    measure: 'flow',
    periodicity: 'periodic',
    ...NSO,
  },
  {
    code: 'pci',
    nameVi: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI, có trọng số)',
    nameEn: 'Provincial Competitiveness Index (PCI, weighted)',
    definitionVi:
      'Chỉ số tổng hợp PCI có trọng số (thang 100). Là chỉ số: không cộng dồn; cho vùng chỉ hiển thị trung bình và trung vị của các tỉnh.',
    definitionEn:
      'Weighted PCI headline score (out of 100). An index: never added up; regions show the mean and median of their provinces.',
    topic: 'pci',
    unitVi: 'điểm',
    unitEn: 'points',
    decimals: 2,
    aggregation: 'none',
    measure: 'stock',
    periodicity: 'periodic',
    minValue: 0,
    maxValue: 100,
    minPeriod: 2005,
    ...VCCI,
  },
  {
    code: 'pci_unweighted',
    nameVi: 'Chỉ số PCI không trọng số',
    nameEn: 'PCI, unweighted',
    definitionVi: 'Tổng điểm các chỉ số thành phần PCI không có trọng số. Là chỉ số: không cộng dồn.',
    definitionEn: 'Unweighted sum of the PCI sub-indices. An index: never added up.',
    topic: 'pci',
    unitVi: 'điểm',
    unitEn: 'points',
    decimals: 2,
    aggregation: 'none',
    measure: 'stock',
    periodicity: 'periodic',
    minValue: 0,
    maxValue: 100,
    minPeriod: 2005,
    ...VCCI,
  },
  ...pciSub.map(
    ([code, vi, en]): CatalogueIndicator => ({
      code,
      nameVi: `PCI – ${vi}`,
      nameEn: `PCI – ${en}`,
      definitionVi: `Chỉ số thành phần PCI “${vi}” (thang 10). Là chỉ số: không cộng dồn.`,
      definitionEn: `PCI sub-index “${en}” (out of 10). An index: never added up.`,
      topic: 'pci',
      unitVi: 'điểm',
      unitEn: 'points',
      decimals: 2,
      aggregation: 'none',
      measure: 'stock',
      periodicity: 'periodic',
      minValue: 0,
      maxValue: 10,
      minPeriod: 2005,
      ...VCCI,
    }),
  ),
  {
    code: 'papi',
    nameVi: 'Chỉ số PAPI tổng hợp (không trọng số)',
    nameEn: 'PAPI aggregate (unweighted)',
    definitionVi:
      'Tổng điểm 6 nội dung của Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (thang 6–60). Là chỉ số: không cộng dồn.',
    definitionEn:
      'Sum of the six dimensions of the Provincial Governance and Public Administration Performance Index (6–60). An index: never added up.',
    topic: 'papi',
    unitVi: 'điểm',
    unitEn: 'points',
    decimals: 2,
    aggregation: 'none',
    measure: 'stock',
    periodicity: 'periodic',
    minValue: 6,
    maxValue: 60,
    minPeriod: 2009,
    ...PAPI,
  },
  ...papiDims.map(
    ([code, vi, en]): CatalogueIndicator => ({
      code,
      nameVi: `PAPI – ${vi}`,
      nameEn: `PAPI – ${en}`,
      definitionVi: `Nội dung PAPI “${vi}” (thang 1–10). Là chỉ số: không cộng dồn.`,
      definitionEn: `PAPI dimension “${en}” (1–10). An index: never added up.`,
      topic: 'papi',
      unitVi: 'điểm',
      unitEn: 'points',
      decimals: 2,
      aggregation: 'none',
      measure: 'stock',
      periodicity: 'periodic',
      minValue: 1,
      maxValue: 10,
      minPeriod: 2009,
      ...PAPI,
    }),
  ),
  ...papiSubs.map(
    ([code, vi, en]): CatalogueIndicator => ({
      code,
      nameVi: `PAPI – ${vi}`,
      nameEn: `PAPI – ${en}`,
      definitionVi: `Nội dung thành phần PAPI “${vi}”. Là chỉ số: không cộng dồn.`,
      definitionEn: `PAPI sub-dimension “${en}”. An index: never added up.`,
      topic: 'papi',
      unitVi: 'điểm',
      unitEn: 'points',
      decimals: 2,
      aggregation: 'none',
      measure: 'stock',
      periodicity: 'periodic',
      minValue: 0,
      maxValue: 10,
      minPeriod: 2009,
      ...PAPI,
    }),
  ),
];

/** How one column of a reference file becomes observations of an indicator. */
export interface ColumnSpec {
  column: string;
  indicator: string;
  /** Multiply the published value (thousands of persons → persons). */
  scale?: number;
  status?: ObservationStatus;
}

/** A dataset's provenance, as stored in `datasets`. */
export interface DatasetMeta {
  code: string;
  titleVi: string;
  titleEn: string;
  publisher: string;
  originalSource: string;
  licence: string;
  url: string | null;
  caveatsVi: string;
  caveatsEn: string;
  geographyNoteVi: string;
}

export interface ReferenceDataset extends DatasetMeta {
  file: string;
  /** The geography the codes are in: the 63 provinces, or the 34 of 2025 (`2025-07-01`). */
  geoDate: string;
  status: ObservationStatus;
  columns: ColumnSpec[];
  /** Rows skipped on purpose, as (code, year, column) predicates, with the reason recorded in the caveats. */
  skip?: (row: Record<string, string>, column: string) => boolean;
}

export const FIRST_DAY_63 = '2008-08-01';
const HA_TAY_VI =
  'Các dòng của tỉnh Hà Tây (sáp nhập vào Hà Nội ngày 01/8/2008, không có mã trong bộ mã 63 tỉnh) không được nạp; số liệu Hà Nội các năm trước 8/2008 là của Hà Nội cũ.';
const HA_TAY_EN =
  'Rows of Hà Tây (merged into Hà Nội on 1 Aug 2008, no code among the 63 provinces) are not loaded; Hà Nội figures before August 2008 cover the old Hà Nội.';

export const REFERENCE_DATASETS: ReferenceDataset[] = [
  {
    code: 'nso-2024-63',
    file: 'vn63_nso_area_population_grdppc_2024.csv',
    titleVi: 'Diện tích, dân số và GRDP bình quân đầu người năm 2024 (63 tỉnh, thành phố)',
    titleEn: 'Area, population and GRDP per capita 2024 (63 provinces)',
    publisher: 'Cục Thống kê (NSO), Bộ Tài chính',
    originalSource:
      'NSO PX-Web, bảng E02.01 (diện tích, dân số) và E03.12 (GRDP bình quân đầu người); tổng hợp: ura8107/vnmap @ 607db7a, data-raw/source/nso_province_stats_2024_63.csv',
    licence: 'Số liệu chính thức; bản tổng hợp vnmap MIT',
    url: 'https://pxweb.nso.gov.vn',
    caveatsVi: 'GRDP bình quân đầu người 2024 là số sơ bộ. Mật độ dân số được ghi nhận như số gốc.',
    caveatsEn: '2024 GRDP per capita is preliminary. Population density is loaded as published.',
    geographyNoteVi: '63 tỉnh, thành phố (địa giới trước 01/7/2025)',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'area_km2', indicator: 'area' },
      { column: 'population', indicator: 'population' },
      { column: 'population_density', indicator: 'population_density' },
      { column: 'grdp_per_capita_million_vnd', indicator: 'grdp_per_capita', status: 'provisional' },
    ],
  },
  {
    code: 'vnmap-2024-34',
    file: 'vn34_area_population_grdppc_2024_aggregated.csv',
    titleVi: 'Ước tính năm 2024 cho 34 tỉnh, thành phố mới (tổng hợp của bên thứ ba)',
    titleEn: 'Estimates for the 34 new provinces, 2024 (third-party aggregation)',
    publisher: 'ura8107/vnmap (tổng hợp từ số liệu NSO)',
    originalSource: 'ura8107/vnmap, app-assets/vietnam-calendar/province-stats-2024.csv',
    licence: 'MIT (bản tổng hợp); số liệu gốc của NSO',
    url: null,
    caveatsVi:
      'Không phải số liệu chính thức cho 34 đơn vị: vnmap cộng diện tích và dân số của các tỉnh cũ, tính lại mật độ và lấy bình quân gia quyền theo dân số cho GRDP bình quân đầu người. RegionLink tự tính cùng các số này từ số liệu 63 tỉnh của NSO qua bảng chuyển đổi; các số ước tính này chỉ dùng để đối chiếu và được hiển thị bên cạnh khi khác.',
    caveatsEn:
      'Not official 34-unit figures: vnmap added the former provinces’ area and population, recomputed density and took the population-weighted mean of GRDP per capita. RegionLink computes the same figures itself from the NSO 63-province data through the crosswalk; these estimates are kept for comparison and shown beside the computed figure where they differ.',
    geographyNoteVi: '34 tỉnh, thành phố (địa giới từ 01/7/2025)',
    geoDate: '2025-07-01',
    status: 'estimate',
    columns: [
      { column: 'area_km2', indicator: 'area' },
      { column: 'population', indicator: 'population' },
      { column: 'population_density', indicator: 'population_density' },
      { column: 'grdp_per_capita_million_vnd', indicator: 'grdp_per_capita' },
    ],
  },
  {
    code: 'gso-2010-2016',
    file: 'vn63_gso_population_income_poverty_2010_2016.csv',
    titleVi: 'Dân số, diện tích, thu nhập và tỷ lệ hộ nghèo 2010–2016 (63 tỉnh)',
    titleEn: 'Population, area, income and poverty 2010–2016 (63 provinces)',
    publisher: 'Tổng cục Thống kê (GSO)',
    originalSource:
      'Số liệu trực tuyến GSO (bảng demography_1, demography_19, living_standard_21, living_standard_44), thu thập 21/9/2018; tổng hợp: choisy/gso @ 50040d2, data/content.rda',
    licence: 'Số liệu chính thức; bản tổng hợp choisy/gso GPL-3',
    url: 'https://www.gso.gov.vn',
    caveatsVi:
      'Dân số trung bình công bố theo nghìn người, được quy đổi ra người (× 1.000). Thu nhập bình quân đầu người chỉ có các năm chẵn (theo Khảo sát mức sống dân cư), giá hiện hành.',
    caveatsEn:
      'Average population published in thousands and converted to persons (× 1,000). Income per capita exists for even years only (Household Living Standards Survey), current prices.',
    geographyNoteVi: '63 tỉnh, thành phố',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'area_km2', indicator: 'area' },
      { column: 'average_population_thous_pers', indicator: 'population', scale: 1000 },
      { column: 'population_density_person_km2', indicator: 'population_density' },
      { column: 'population_growth_rate', indicator: 'population_growth_rate' },
      { column: 'monthly_income_per_capita_thous_vnd', indicator: 'monthly_income_per_capita' },
      { column: 'poverty_rate', indicator: 'poverty_rate' },
    ],
  },
  {
    code: 'gso-fdi-2016',
    file: 'vn63_gso_fdi_2016.csv',
    titleVi: 'Đầu tư trực tiếp nước ngoài theo tỉnh năm 2016',
    titleEn: 'Foreign direct investment by province, 2016',
    publisher: 'Tổng cục Thống kê (GSO)',
    originalSource: 'Số liệu trực tuyến GSO (bảng investment_6, investment_9); tổng hợp: choisy/gso @ 50040d2',
    licence: 'Số liệu chính thức; bản tổng hợp choisy/gso GPL-3',
    url: 'https://www.gso.gov.vn',
    caveatsVi:
      'Điện Biên (11) không có dòng số liệu. Số dự án và vốn còn hiệu lực là số lũy kế đến năm 2016, không cộng qua các năm.',
    caveatsEn:
      'Điện Biên (11) has no row. Projects and capital in effect are cumulative to 2016 and are never added over years.',
    geographyNoteVi: '63 tỉnh, thành phố',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'fdi_projects_in_effect_cum_2016', indicator: 'fdi_projects_cumulative' },
      { column: 'fdi_registered_capital_cum_2016_mill_usd', indicator: 'fdi_capital_cumulative' },
      { column: 'fdi_projects_licensed_2016', indicator: 'fdi_projects_new' },
      { column: 'fdi_registered_capital_licensed_2016_mill_usd', indicator: 'fdi_capital_new' },
    ],
  },
  {
    code: 'vcci-pci-2005-2016',
    file: 'vn63_pci_2005_2016.csv',
    titleVi: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) 2005–2016',
    titleEn: 'Provincial Competitiveness Index (PCI) 2005–2016',
    publisher: 'VCCI và USAID',
    originalSource: 'pcivietnam.vn; tổng hợp: mdtrinh/vietnamdata @ be581b8, data/pci.rda',
    licence: 'Kết quả khảo sát của VCCI; bản tổng hợp CC0',
    url: 'https://pcivietnam.vn',
    caveatsVi: `Năm 2005 chỉ có 42 tỉnh. Năm 2013 nguồn tổng hợp mất mã tỉnh của 50/63 dòng nên chỉ còn 13 tỉnh. ${HA_TAY_VI}`,
    caveatsEn: `2005 covers 42 provinces. For 2013 the compilation lost the province id of 50 of 63 rows, so only 13 provinces remain. ${HA_TAY_EN}`,
    geographyNoteVi: '63 tỉnh, thành phố (các năm 2005–2007 ghi theo mã 63 tỉnh)',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'pci_weighted', indicator: 'pci' },
      { column: 'pci_unweighted', indicator: 'pci_unweighted' },
      ...pciSub.map(([code]) => ({ column: code, indicator: code })),
    ],
  },
  {
    code: 'papi-2011-2016',
    file: 'vn63_papi_2011_2016.csv',
    titleVi: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) 2011–2016',
    titleEn: 'Provincial Governance and Public Administration Performance Index (PAPI) 2011–2016',
    publisher: 'UNDP và CECODES',
    originalSource: 'papi.org.vn; tổng hợp: mdtrinh/vietnamdata @ be581b8, data/papi.rda',
    licence: 'Kết quả khảo sát PAPI; bản tổng hợp CC0',
    url: 'https://papi.org.vn',
    caveatsVi:
      'Năm 2014 Bắc Giang và Đồng Tháp không có điểm các nội dung; tổng 0 trong nguồn tổng hợp được coi là thiếu số liệu và không nạp. “Ban Giám sát đầu tư cộng đồng” có đến 2015, “Phản hồi của chính quyền” chỉ có 2016.',
    caveatsEn:
      'In 2014 Bắc Giang and Đồng Tháp have no dimension scores; the compilation’s total of 0 is treated as missing and not loaded. “Community Investment Supervision Boards” runs to 2015, “Responsiveness” exists for 2016 only.',
    geographyNoteVi: '63 tỉnh, thành phố',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'papi_unweighted', indicator: 'papi' },
      ...[...papiDims, ...papiSubs].map(([code]) => ({ column: code, indicator: code })),
    ],
    skip: (row, column) => column === 'papi_unweighted' && Number(row[column]) === 0,
  },
  {
    code: 'mof-budget-final-2006-2014',
    file: 'vn63_budget_final_2006_2014.csv',
    titleVi: 'Quyết toán ngân sách địa phương 2006–2014',
    titleEn: 'Local budget final accounts 2006–2014',
    publisher: 'Bộ Tài chính',
    originalSource:
      'Công khai quyết toán ngân sách của Bộ Tài chính; tổng hợp: mdtrinh/vietnamdata @ be581b8, data/VNbudget_final.rda',
    licence: 'Số liệu công khai ngân sách; bản tổng hợp CC0',
    url: 'https://mof.gov.vn',
    caveatsVi: `Đơn vị triệu đồng. “Thu trên địa bàn” là toàn bộ thu ngân sách phát sinh trên địa bàn, không phải thu của ngân sách địa phương. “Chênh lệch” = chi − thu (ngược dấu với bảng gốc). ${HA_TAY_VI}`,
    caveatsEn: `Million VND. “Revenue collected” is all budget revenue arising in the province, not the local budget’s own revenue. “Net transfer” = expenditure − revenue (opposite sign to the raw tables). ${HA_TAY_EN}`,
    geographyNoteVi: '63 tỉnh, thành phố (các năm 2006–2007 ghi theo mã 63 tỉnh)',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'total_rev', indicator: 'budget_revenue' },
      { column: 'total_exp', indicator: 'budget_expenditure' },
      { column: 'ratio', indicator: 'budget_retention_ratio' },
      { column: 'balance_trans', indicator: 'budget_balance_transfer' },
      { column: 'target_trans', indicator: 'budget_target_transfer' },
      { column: 'net_trans', indicator: 'budget_net_transfer' },
    ],
  },
  {
    code: 'mof-budget-plan-2006-2017',
    file: 'vn63_budget_plan_2006_2017.csv',
    titleVi: 'Dự toán ngân sách địa phương 2006–2017',
    titleEn: 'Local budget estimates 2006–2017',
    publisher: 'Bộ Tài chính',
    originalSource:
      'Công khai dự toán ngân sách của Bộ Tài chính; tổng hợp: mdtrinh/vietnamdata @ be581b8, data/VNbudget_plan.rda',
    licence: 'Số liệu công khai ngân sách; bản tổng hợp CC0',
    url: 'https://mof.gov.vn',
    caveatsVi: `Đơn vị triệu đồng; số dự toán, không phải số thực hiện. ${HA_TAY_VI}`,
    caveatsEn: `Million VND; budget estimates, not outturns. ${HA_TAY_EN}`,
    geographyNoteVi: '63 tỉnh, thành phố (các năm 2006–2007 ghi theo mã 63 tỉnh)',
    geoDate: FIRST_DAY_63,
    status: 'final',
    columns: [
      { column: 'total_rev', indicator: 'budget_revenue_plan' },
      { column: 'total_exp', indicator: 'budget_expenditure_plan' },
      { column: 'ratio', indicator: 'budget_retention_ratio_plan' },
      { column: 'balance_trans', indicator: 'budget_balance_transfer_plan' },
      { column: 'target_trans', indicator: 'budget_target_transfer_plan' },
      { column: 'project_trans', indicator: 'budget_project_transfer_plan' },
      { column: 'net_trans', indicator: 'budget_net_transfer_plan' },
    ],
  },
];

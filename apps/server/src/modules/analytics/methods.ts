/**
 * How each figure of the analytics module is computed, in Vietnamese and English, for the API to echo next to the
 * numbers and for the pages to print under every chart ("every figure says its method"). Kept beside the functions so
 * that a change of method is a change of one file.
 */

export interface MethodNote {
  id: string;
  nameVi: string;
  nameEn: string;
  /** The formula in plain text (Unicode), with its words in Vietnamese. */
  formula: string;
  /** The same formula with its words in English. */
  formulaEn: string;
  vi: string;
  en: string;
}

/** A method note; a formula without words (only symbols) is the same in both languages. */
const m = (note: Omit<MethodNote, 'formulaEn'> & { formulaEn?: string }): MethodNote => ({
  ...note,
  formulaEn: note.formulaEn ?? note.formula,
});

export const METHODS = {
  gini: m({
    id: 'gini',
    nameVi: 'Hệ số Gini (không trọng số)',
    nameEn: 'Gini coefficient (unweighted)',
    formula: 'G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ)',
    vi: 'Mỗi tỉnh tính một lần. 0 khi mọi tỉnh bằng nhau; luôn nhỏ hơn 1.',
    en: 'Each province counts once. 0 when all provinces are equal; always below 1.',
  }),
  giniWeighted: m({
    id: 'giniWeighted',
    nameVi: 'Hệ số Gini có trọng số dân số',
    nameEn: 'Population-weighted Gini coefficient',
    formula: 'G_w = Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ_w)',
    vi: 'Mỗi tỉnh được tính bằng số dân của nó: đo bất bình đẳng giữa người dân theo nơi ở, không chỉ giữa các tỉnh.',
    en: 'Each province counts as many times as it has people: inequality between people by where they live, not only between provinces.',
  }),
  theilT: m({
    id: 'theilT',
    nameVi: 'Chỉ số Theil T và phân rã',
    nameEn: 'Theil T index and its decomposition',
    formula: 'T = Σᵢ pᵢ (xᵢ/μ) ln(xᵢ/μ) = Σ_g Y_g T_g (trong nhóm) + Σ_g Y_g ln(μ_g/μ) (giữa các nhóm)',
    formulaEn: 'T = Σᵢ pᵢ (xᵢ/μ) ln(xᵢ/μ) = Σ_g Y_g T_g (within groups) + Σ_g Y_g ln(μ_g/μ) (between groups)',
    vi: 'pᵢ là tỷ trọng dân số (hoặc 1/n khi không có trọng số), Y_g là tỷ trọng của nhóm trong tổng. Phần giữa các nhóm và phần trong nhóm cộng lại đúng bằng tổng.',
    en: 'pᵢ is the population share (or 1/n without weights), Y_g the group’s share of the total. The between-group and within-group parts add up exactly to the total.',
  }),
  theilL: m({
    id: 'theilL',
    nameVi: 'Chỉ số Theil L (độ lệch log trung bình) và phân rã',
    nameEn: 'Theil L index (mean log deviation) and its decomposition',
    formula: 'L = Σᵢ pᵢ ln(μ/xᵢ) = Σ_g P_g L_g (trong nhóm) + Σ_g P_g ln(μ/μ_g) (giữa các nhóm)',
    formulaEn: 'L = Σᵢ pᵢ ln(μ/xᵢ) = Σ_g P_g L_g (within groups) + Σ_g P_g ln(μ/μ_g) (between groups)',
    vi: 'P_g là tỷ trọng dân số của nhóm. Nhạy hơn với các tỉnh có giá trị thấp.',
    en: 'P_g is the group’s population share. More sensitive to provinces with low values.',
  }),
  cv: m({
    id: 'cv',
    nameVi: 'Hệ số biến thiên',
    nameEn: 'Coefficient of variation',
    formula: 'CV = σ / μ (σ chia cho n); CV_w = √(Σ wᵢ (xᵢ − μ_w)² / W) / μ_w (chỉ số Williamson)',
    formulaEn: 'CV = σ / μ (σ divides by n); CV_w = √(Σ wᵢ (xᵢ − μ_w)² / W) / μ_w (Williamson index)',
    vi: 'Độ lệch chuẩn tính trên toàn bộ các tỉnh (chia cho n, không phải n − 1) vì các tỉnh là tổng thể, không phải mẫu.',
    en: 'The standard deviation divides by n, not n − 1: the provinces are the whole population, not a sample.',
  }),
  maxMinRatio: m({
    id: 'maxMinRatio',
    nameVi: 'Tỷ lệ cao nhất / thấp nhất',
    nameEn: 'Max/min ratio',
    formula: 'max xᵢ / min xᵢ',
    vi: 'Giá trị của tỉnh cao nhất chia cho giá trị của tỉnh thấp nhất; hai tỉnh được nêu tên.',
    en: 'The highest province’s value over the lowest one’s; both provinces are named.',
  }),
  shares: m({
    id: 'shares',
    nameVi: 'Tỷ trọng trong cả nước',
    nameEn: 'Share of the national total',
    formula: 'tỷ trọng = Σ giá trị các tỉnh thành viên / Σ giá trị mọi tỉnh có số liệu',
    formulaEn: 'share = Σ values of the member provinces / Σ values of every province with data',
    vi: 'Với GRDP: khi không có tổng GRDP được công bố, GRDP của tỉnh được tính bằng GRDP bình quân đầu người × dân số, và được ghi rõ là số suy ra.',
    en: 'For GRDP: where the total is not published, a province’s GRDP is GRDP per capita × population, and is marked as derived.',
  }),
  concentration: m({
    id: 'concentration',
    nameVi: 'Mức độ tập trung',
    nameEn: 'Concentration',
    formula:
      'HHI = Σ sᵢ²; CRₖ = tổng tỷ trọng của k tỉnh lớn nhất; tập trung tương đối = tỷ trọng GRDP / tỷ trọng dân số',
    formulaEn:
      'HHI = Σ sᵢ²; CRₖ = combined share of the k largest provinces; relative concentration = GRDP share / population share',
    vi: 'HHI bằng 1/n khi các tỉnh bằng nhau và bằng 1 khi một tỉnh nắm tất cả.',
    en: 'HHI is 1/n when all provinces are equal and 1 when one holds everything.',
  }),
  compare: m({
    id: 'compare',
    nameVi: 'So sánh tỉnh thành viên và không thành viên',
    nameEn: 'Members versus non-members',
    formula: 'Δ = trung bình(thành viên) − trung bình(còn lại); p = tỷ lệ các cách gán ngẫu nhiên có |Δ*| ≥ |Δ|',
    formulaEn: 'Δ = mean(members) − mean(others); p = share of random assignments with |Δ*| ≥ |Δ|',
    vi: 'Kiểm định hoán vị: nếu là thành viên không liên quan đến giá trị, mọi cách chọn ra cùng số tỉnh đều có khả năng như nhau. Liệt kê đủ khi số cách chọn ≤ 20.000, nếu không rút ngẫu nhiên với hạt giống cố định (kết quả lặp lại được).',
    en: 'Permutation test: if membership were unrelated to the value, every way of picking as many provinces would be equally likely. All ways are enumerated when there are at most 20,000, otherwise random draws with a fixed seed (reproducible).',
  }),
  sigma: m({
    id: 'sigma',
    nameVi: 'Hội tụ σ',
    nameEn: 'σ-convergence',
    formula: 'σ_t = độ lệch chuẩn của ln(xᵢ,t) qua các tỉnh (chia cho n)',
    formulaEn: 'σ_t = standard deviation of ln(xᵢ,t) across provinces (divides by n)',
    vi: 'Chỉ dùng các tỉnh có số liệu ở mọi năm (bảng cân bằng). σ giảm theo thời gian là hội tụ.',
    en: 'Only provinces with a value in every year (balanced panel). A falling σ is convergence.',
  }),
  beta: m({
    id: 'beta',
    nameVi: 'Hội tụ β',
    nameEn: 'β-convergence',
    formula: 'ln(xᵢ,T / xᵢ,0) / T = α + β ln(xᵢ,0) + εᵢ (OLS); λ = −ln(1 + βT)/T; chu kỳ bán rã = ln 2 / λ',
    formulaEn: 'ln(xᵢ,T / xᵢ,0) / T = α + β ln(xᵢ,0) + εᵢ (OLS); λ = −ln(1 + βT)/T; half-life = ln 2 / λ',
    vi: 'β âm nghĩa là các tỉnh xuất phát thấp tăng nhanh hơn. Sai số chuẩn OLS cổ điển, giá trị p theo phân phối t với n − 2 bậc tự do. Chỉ số giảm phát chung (giá hiện hành hay so sánh) không làm thay đổi β.',
    en: 'A negative β means provinces that started lower grew faster. Classical OLS standard error; p-value from Student’s t with n − 2 degrees of freedom. A common price deflator (current or constant prices) does not change β.',
  }),
  crosswalk: m({
    id: 'crosswalk',
    nameVi: 'Quy đổi qua ranh giới 2025',
    nameEn: 'Across the 2025 boundary change',
    formula: 'tổng: Σ eᵤᵥ xᵤ; bình quân gia quyền: Σ eᵤᵥ pᵤ xᵤ / Σ eᵤᵥ pᵤ; chỉ số: trung bình các tỉnh cũ (ước tính)',
    formulaEn: 'sum: Σ eᵤᵥ xᵤ; weighted mean: Σ eᵤᵥ pᵤ xᵤ / Σ eᵤᵥ pᵤ; index: mean of the former provinces (estimate)',
    vi: 'Số liệu của 63 tỉnh cũ được quy về 34 tỉnh mới theo bảng chuyển đổi (sáp nhập nguyên tỉnh, trọng số 1), cộng dồn hoặc lấy bình quân theo dân số tuỳ quy tắc của chỉ tiêu; chỉ số (PCI, PAPI) lấy trung bình các tỉnh cũ và là số ước tính. Thiếu số liệu của một tỉnh cũ thì tỉnh mới để trống.',
    en: 'Values of the 63 former provinces are carried to the 34 new ones through the crosswalk (whole-province mergers, weight 1), summed or population-weighted according to the indicator’s rule; indices (PCI, PAPI) are the mean of the former provinces, an estimate. A new province with a former province missing is left empty.',
  }),
  index: m({
    id: 'index',
    nameVi: 'Chỉ số tổng hợp',
    nameEn: 'Composite index',
    formula:
      'điểmₖ = 10 (x − min)/(max − min) (cao là tốt) hoặc 10 (max − x)/(max − min) (thấp là tốt); chỉ số = Σ wₖ điểmₖ / Σ wₖ',
    formulaEn:
      'scoreₖ = 10 (x − min)/(max − min) (higher is better) or 10 (max − x)/(max − min) (lower is better); index = Σ wₖ scoreₖ / Σ wₖ',
    vi: 'Mỗi chỉ tiêu được chuẩn hoá về thang 0–10 trên các tỉnh (10 là tốt nhất), kết hợp theo trọng số, rồi xếp hạng. Tỉnh thiếu một chỉ tiêu không được xếp hạng, trừ khi chọn chia lại trọng số.',
    en: 'Each indicator is normalised to 0–10 across the provinces (10 = best), combined with the weights, then ranked. A province missing an indicator is not ranked unless re-weighting is chosen.',
  }),
  peers: m({
    id: 'peers',
    nameVi: 'Các tỉnh tương đồng',
    nameEn: 'Most similar provinces',
    formula: 'd = √(Σₖ wₖ (zᵢₖ − z_tₖ)² / Σₖ wₖ), z = (x − trung bình) / độ lệch chuẩn',
    formulaEn: 'd = √(Σₖ wₖ (zᵢₖ − z_tₖ)² / Σₖ wₖ), z = (x − mean) / standard deviation',
    vi: 'Mỗi chỉ tiêu được chuẩn hoá để không đơn vị đo nào lấn át; khoảng cách đo bằng số độ lệch chuẩn. Chỉ so sánh các tỉnh có đủ số liệu.',
    en: 'Each indicator is standardised so that no unit of measurement dominates; the distance is in standard deviations. Only provinces with every value are compared.',
  }),
  ranks: m({
    id: 'ranks',
    nameVi: 'Xếp hạng',
    nameEn: 'Ranks',
    formula: 'hạng = 1 + số tỉnh có giá trị tốt hơn',
    formulaEn: 'rank = 1 + number of provinces with a better value',
    vi: 'Các tỉnh bằng nhau cùng hạng (1, 2, 2, 4). Hạng trong vùng tính trên các tỉnh cùng vùng.',
    en: 'Equal provinces share a rank (1, 2, 2, 4). The rank in the region is among the provinces of the same region.',
  }),
} satisfies Record<string, MethodNote>;

export type MethodId = keyof typeof METHODS;

import fs from 'node:fs';
import path from 'node:path';
import type { FundingSource, FundingType, Phase, ReportedStatus } from '@regionlink/shared';
import { LAST_DAY_OF_63, normaliseText, VINTAGE_63 } from '@regionlink/shared';
import { eq, inArray } from 'drizzle-orm';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { organisations } from '../access/access.schema';
import { listUnits } from '../geo/geo.service';
import { buildLocationIndex, resolveLocation } from './location-resolution';
import { NMM_PROJECT_META } from './nmm-projects.data';
import {
  fundingLines,
  milestones,
  planTaskGroups,
  progressUpdates,
  projectOrganisations,
  projectProvinces,
  projects,
  projectUnresolvedLocations,
  regionalPlans,
  rfActuals,
  rfIndicators,
  rfTargets,
} from './plans.schema';

const MOF_REPORT =
  'Báo cáo số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính về thực hiện Nghị quyết 57/NQ-CP, chú thích 18';
export const NMM_IMPLEMENTATION_PLAN = 'ip-nmm-2021-2030';
const PROJECTS_SOURCE =
  'reference/domain/plan-nmm.projects.csv: dự án, chương trình nêu trong phần nội dung của Kế hoạch thực hiện (mục II.1.a–d); Phụ lục II (danh mục chính thức) không có trong văn bản nguồn';

/** The six regional plans 2021–2030 (§F.2 of the MoF Res. 57 report notes), in the regions of their time. */
const REGIONAL_PLANS = [
  {
    code: 'rp-nmm-2021-2030',
    region: 'NMM',
    nameVi: 'Quy hoạch vùng trung du và miền núi phía Bắc thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the Northern Midlands and Mountains, 2021–2030, vision to 2050',
    decisionNo: '369/QĐ-TTg',
    decisionDate: '2024-05-04',
  },
  {
    code: 'rp-rrd-2021-2030',
    region: 'RRD',
    nameVi: 'Quy hoạch vùng đồng bằng sông Hồng thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the Red River Delta, 2021–2030, vision to 2050',
    decisionNo: '368/QĐ-TTg',
    decisionDate: '2024-05-04',
  },
  {
    code: 'rp-ncc-2021-2030',
    region: 'NCC',
    nameVi: 'Quy hoạch vùng Bắc Trung Bộ và duyên hải miền Trung thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the North Central and Central Coast, 2021–2030, vision to 2050',
    decisionNo: '376/QĐ-TTg',
    decisionDate: '2024-05-04',
  },
  {
    code: 'rp-ch-2021-2030',
    region: 'CH',
    nameVi: 'Quy hoạch vùng Tây Nguyên thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the Central Highlands, 2021–2030, vision to 2050',
    decisionNo: '377/QĐ-TTg',
    decisionDate: '2024-05-04',
  },
  {
    code: 'rp-se-2021-2030',
    region: 'SE',
    nameVi: 'Quy hoạch vùng Đông Nam Bộ thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the Southeast, 2021–2030, vision to 2050',
    decisionNo: '370/QĐ-TTg',
    decisionDate: '2024-05-04',
  },
  {
    code: 'rp-mrd-2021-2030',
    region: 'MRD',
    nameVi: 'Quy hoạch vùng đồng bằng sông Cửu Long thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    nameEn: 'Regional Plan of the Mekong River Delta, 2021–2030, vision to 2050',
    decisionNo: '287/QĐ-TTg',
    decisionDate: '2022-02-28',
  },
];

/** Task groups II.1.a–e of the Northern Midlands and Mountains implementation plan. */
const NMM_TASK_GROUPS = [
  {
    code: 'II.1.a',
    nameVi: 'Phát triển kết cấu hạ tầng, ưu tiên giao thông kết nối',
    nameEn: 'Infrastructure, with priority to connecting transport',
    descriptionVi:
      'Ưu tiên phát triển hệ thống giao thông kết nối với Thủ đô Hà Nội, vùng đồng bằng sông Hồng, tiểu vùng Bắc Trung Bộ và với Trung Quốc, Lào; các hành lang kinh tế; cao tốc, hàng không, đường sắt, đường thủy; hạ tầng logistics, khu kinh tế cửa khẩu, du lịch, thông tin, truyền thông và kinh tế số.',
  },
  {
    code: 'II.1.b',
    nameVi: 'Khu vực động lực, cực tăng trưởng, hành lang kinh tế và các ngành có lợi thế',
    nameEn: 'Dynamic areas, growth poles, economic corridors and advantaged sectors',
    descriptionVi:
      'Vành đai công nghiệp - đô thị - dịch vụ Bắc Giang - Thái Nguyên - Phú Thọ - Hòa Bình; các trung tâm chuỗi giá trị; cực tăng trưởng; hệ thống 05 khu kinh tế cửa khẩu và 03 cửa khẩu áp dụng chính sách khu kinh tế cửa khẩu.',
  },
  {
    code: 'II.1.c',
    nameVi: 'Nâng cao chất lượng nguồn nhân lực',
    nameEn: 'Human resources',
    descriptionVi:
      'Giáo dục nghề cho đồng bào dân tộc thiểu số; Chương trình hỗ trợ phát triển thị trường lao động đến năm 2030; các cơ sở giáo dục đại học trọng điểm; trung tâm vùng đào tạo nghề chất lượng cao.',
  },
  {
    code: 'II.1.d',
    nameVi: 'Liên kết, hợp tác; nguồn nước, phòng, chống thiên tai và bảo vệ rừng',
    nameEn: 'Linkage and cooperation; water, disaster prevention and forests',
    descriptionVi:
      'Thí điểm mô hình, cơ chế đặc thù; chia sẻ nguồn nước; công trình tạo nguồn, chuyển nước liên vùng, liên tỉnh; tiêu thoát nước, đê điều; hệ thống dự báo, cảnh báo; bảo vệ và phát triển rừng.',
  },
  {
    code: 'II.1.đ',
    nameVi: 'Quốc phòng, an ninh',
    nameEn: 'Defence and security',
    descriptionVi:
      'Kết hợp phát triển kinh tế - xã hội với củng cố quốc phòng, an ninh. Văn bản không nêu dự án cụ thể.',
  },
  {
    code: 'II.1.e',
    nameVi: 'Đánh giá thực hiện các mục tiêu quy hoạch (Phụ lục I)',
    nameEn: 'Evaluation of the plan’s targets (Appendix I)',
    descriptionVi:
      'Các bộ, cơ quan ngang bộ đánh giá kết quả thực hiện các chỉ tiêu của quy hoạch vùng (Phụ lục I). Phụ lục I không có trong văn bản nguồn.',
  },
];

/** The plan's wording of the period → the phase of the registry (null when the text gives no phase). */
export function phaseOf(period: string): Phase | null {
  const p = period.toLowerCase();
  const a = p.includes('2021-2025');
  const b = p.includes('2026-2030');
  if (a && b) return '2021-2030';
  if (a) return '2021-2025';
  if (b) return '2026-2030';
  if (/to 2030|đến năm 2030/.test(p)) return '2021-2030';
  return null;
}

/** The plan's wording of the financing → funding type and the sources it names. */
export function fundingOf(text: string): { type: FundingType; sources: FundingSource[] } {
  const t = text.toLowerCase();
  if (!t) return { type: 'unspecified', sources: [] };
  if (t.startsWith('ppp or other')) return { type: 'non_public', sources: ['ppp', 'other'] };
  if (t.startsWith('ppp')) return { type: 'non_public', sources: ['ppp'] };
  if (t.startsWith('non-budget')) return { type: 'non_public', sources: ['private', 'other'] };
  if (t.startsWith('private')) return { type: 'non_public', sources: ['private'] };
  return { type: 'unspecified', sources: [] };
}

/** Load the six regional plans, the NMM implementation plan, its task groups, the 97 projects and 2 targets. */
export async function loadPlansReference(tx: Db) {
  await tx.insert(regionalPlans).values(
    REGIONAL_PLANS.map((p, i) => ({
      code: p.code,
      kind: 'regional_plan',
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      decisionNo: p.decisionNo,
      decisionDate: p.decisionDate,
      periodStart: 2021,
      periodEnd: 2030,
      visionYear: 2050,
      regionCode: p.region,
      regionGeoDate: p.decisionDate,
      source: MOF_REPORT,
      note: 'Đang điều chỉnh theo 06 vùng mới (Nghị quyết 252/2025/QH15); dự thảo điều chỉnh đang được lấy ý kiến, hoàn thiện để trình phê duyệt.',
      sortOrder: i + 1,
    })),
  );
  const [nmm] = await tx
    .select({ id: regionalPlans.id })
    .from(regionalPlans)
    .where(eq(regionalPlans.code, 'rp-nmm-2021-2030'));
  const [ip] = await tx
    .insert(regionalPlans)
    .values({
      code: NMM_IMPLEMENTATION_PLAN,
      kind: 'implementation_plan',
      parentId: nmm.id,
      nameVi:
        'Kế hoạch thực hiện Quy hoạch vùng trung du và miền núi phía Bắc thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
      nameEn: 'Implementation Plan of the Regional Plan of the Northern Midlands and Mountains, 2021–2030',
      decisionNo: '1161/QĐ-TTg',
      decisionDate: '2024-10-11',
      periodStart: 2021,
      periodEnd: 2030,
      visionYear: 2050,
      regionCode: 'NMM',
      regionGeoDate: '2024-10-11',
      source:
        'shared/seeds/plan-northern-midlands-mountains-2021-2030.txt (bản kèm Quyết định số …/QĐ-TTg tháng 9/2024, chưa ghi số)',
      note: 'Văn bản nguồn là bản chưa ghi số quyết định; số 1161/QĐ-TTg ngày 11/10/2024 lấy theo cơ sở dữ liệu văn bản pháp luật, chưa đối chiếu nội dung. Bốn phụ lục (I: chỉ tiêu, II: danh mục dự án, III: cơ chế đặc thù, IV: quy hoạch hết hiệu lực) không có trong văn bản nguồn.',
      sortOrder: 1,
    })
    .returning({ id: regionalPlans.id });
  const groups = await tx
    .insert(planTaskGroups)
    .values(NMM_TASK_GROUPS.map((g, i) => ({ ...g, planId: ip.id, sortOrder: i + 1 })))
    .returning({ id: planTaskGroups.id, code: planTaskGroups.code });
  const groupId = new Map(groups.map((g) => [g.code, g.id]));

  const units63 = await listUnits(tx, { level: 'province', at: LAST_DAY_OF_63 });
  const index = buildLocationIndex(units63);
  const rows = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/plan-nmm.projects.csv'), 'utf8'));
  let resolved = 0;
  let unresolved = 0;
  for (const [i, r] of rows.entries()) {
    const meta = NMM_PROJECT_META[r.id];
    if (!meta) throw new Error(`plan-nmm.projects.csv: no Vietnamese name and sector for ${r.id}`);
    const loc = resolveLocation(r.location, index);
    const funding = fundingOf(r.funding_source);
    const groupCode = /^II\.1\.[a-e]/.exec(r.group)?.[0] ?? null;
    const located = loc.provinces.filter((p) => p.role === 'located').length;
    const [p] = await tx
      .insert(projects)
      .values({
        code: r.id,
        planId: ip.id,
        taskGroupId: groupCode ? (groupId.get(groupCode) ?? null) : null,
        nameVi: normaliseText(meta.vi),
        nameEn: normaliseText(r.name),
        sector: meta.sector,
        sectorDetail: r.sector || null,
        phase: phaseOf(r.period),
        periodText: r.period || null,
        fundingType: funding.type,
        intendedSources: funding.sources,
        fundingText: r.funding_source || null,
        leadAgencyText: r.lead_agency || null,
        geometry: meta.line && located >= 2 ? 'line' : 'point',
        scale: r.scale || null,
        locationText: r.location || null,
        notes: r.notes || null,
        sourceSection: groupCode,
        source: PROJECTS_SOURCE,
        sortOrder: i + 1,
      })
      .returning({ id: projects.id });
    if (loc.provinces.length > 0)
      await tx.insert(projectProvinces).values(
        loc.provinces.map((x, seq) => ({
          projectId: p.id,
          unitCode: x.code,
          vintage: VINTAGE_63,
          role: x.role,
          seq,
          matchedText: x.matchedText,
          resolvedVia: x.via,
          note: x.note,
        })),
      );
    if (loc.unresolved.length > 0)
      await tx
        .insert(projectUnresolvedLocations)
        .values(loc.unresolved.map((u, seq) => ({ projectId: p.id, text: u.text, reason: u.reason, seq })));
    resolved += loc.provinces.length;
    unresolved += loc.unresolved.length;
  }

  const indicators = parseCsvObjects(
    fs.readFileSync(path.join(REFERENCE_DIR, 'domain/plan-nmm.indicators.csv'), 'utf8'),
  );
  const IND_META = [
    {
      code: 'NMM-BGEZ-SYSTEM',
      nameVi:
        'Số khu kinh tế cửa khẩu trong hệ thống tập trung phát triển (Thanh Thủy, Cao Bằng, Đồng Đăng - Lạng Sơn, Ma Lù Thàng, Lào Cai)',
      unit: 'khu kinh tế cửa khẩu',
    },
    {
      code: 'NMM-BGEZ-POLICY-GATES',
      nameVi: 'Số cửa khẩu áp dụng chính sách khu kinh tế cửa khẩu (Lóng Sập, Chiềng Khương, Tây Trang)',
      unit: 'cửa khẩu',
    },
  ];
  for (const [i, row] of indicators.entries()) {
    const m = IND_META[i];
    const [ind] = await tx
      .insert(rfIndicators)
      .values({
        planId: ip.id,
        code: m.code,
        nameVi: m.nameVi,
        nameEn: normaliseText(row.indicator),
        unit: m.unit,
        scopeKind: 'region',
        scopeCode: 'NMM',
        scopeGeoDate: '2024-10-11',
        direction: 'increase',
        phase: null,
        sourceDocument: 'Kế hoạch thực hiện Quy hoạch vùng TD&MNPB (QĐ 1161/QĐ-TTg)',
        sourceSection: row.source_section,
        sortOrder: i + 1,
      })
      .returning({ id: rfIndicators.id });
    await tx.insert(rfTargets).values({
      indicatorId: ind.id,
      kind: 'end',
      year: row.year_or_period ? Number(row.year_or_period) : null,
      value: Number(row.target_value),
      revision: 1,
      sourceDocument: `Kế hoạch thực hiện, mục ${row.source_section}`,
      createdByName: 'Dữ liệu tham chiếu',
    });
  }
  return { plans: REGIONAL_PLANS.length + 1, projects: rows.length, resolved, unresolved };
}

// ----- Demo data: every row carries is_demo = true and is shown as "minh họa" (illustrative) in the product. -----

type DemoLine = [FundingSource, number, number, number | null, number | null, string?];
interface DemoProject {
  orgs: string[];
  lines: DemoLine[];
  milestones: [string, string, string | null][];
  updates: [string, string, ReportedStatus, number | null, string, 'published' | 'draft'][];
}

/**
 * Illustrative funding (million VND), milestones and progress for a subset of the registry, so the funnel, the
 * timeline and the late-project highlight have something to show. Not official figures.
 */
const DEMO: Record<string, DemoProject> = {
  'RD1-01': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2023, 1_500_000, 1_500_000, 1_420_000],
      ['central_budget', 2024, 2_100_000, 2_000_000, 1_850_000],
      ['ppp', 2024, 3_800_000, 3_200_000, 2_600_000],
      ['ppp', 2025, 2_400_000, 2_000_000, 1_100_000],
    ],
    milestones: [
      ['Khởi công', '2023-01-15', '2023-01-01'],
      ['Thông xe kỹ thuật tuyến chính', '2025-09-30', null],
    ],
    updates: [
      [
        'UBND-20',
        '2025-12-31',
        'under_way',
        85,
        'Đã thông xe 30/43 km; đang hoàn thiện nút giao và trạm dừng nghỉ.',
        'published',
      ],
    ],
  },
  'RD1-02': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2022, 1_200_000, 1_200_000, 1_150_000],
      ['local_budget', 2022, 300_000, 280_000, 250_000],
      ['central_budget', 2023, 1_600_000, 1_500_000, 1_480_000],
      ['local_budget', 2023, 350_000, 350_000, 300_000],
    ],
    milestones: [
      ['Khởi công', '2022-01-15', '2022-01-20'],
      ['Thông xe toàn tuyến', '2024-12-31', '2025-03-30'],
    ],
    updates: [['UBND-08', '2025-06-30', 'completed', 100, 'Đã thông xe toàn tuyến, đang quyết toán.', 'published']],
  },
  'RD1-04': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2023, 900_000, 850_000, 700_000],
      ['local_budget', 2023, 200_000, 150_000, 120_000],
      ['central_budget', 2024, 1_400_000, 1_200_000, 860_000],
      ['oda', 2024, 500_000, 400_000, 150_000],
      ['central_budget', 2025, 1_600_000, 1_500_000, 900_000],
    ],
    milestones: [
      ['Khởi công', '2023-06-01', '2023-06-01'],
      ['Hoàn thành giai đoạn 1', '2025-12-31', null],
    ],
    updates: [
      [
        'UBND-08',
        '2025-09-30',
        'under_way',
        55,
        'Chậm giải phóng mặt bằng tại 2 xã; vướng nguồn vật liệu đắp nền.',
        'published',
      ],
      ['UBND-08', '2026-06-30', 'under_way', 68, 'Bản nháp: cập nhật khối lượng quý II/2026.', 'draft'],
    ],
  },
  'RD2-01': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2024, 800_000, 800_000, 520_000],
      ['local_budget', 2024, 250_000, 200_000, 130_000],
      ['central_budget', 2025, 1_500_000, 1_300_000, 640_000],
      ['local_budget', 2025, 300_000, 300_000, 90_000],
    ],
    milestones: [
      ['Khởi công', '2024-01-01', '2024-01-01'],
      ['Hoàn thành 50% khối lượng', '2026-06-30', null],
    ],
    updates: [
      [
        'UBND-20',
        '2025-12-31',
        'under_way',
        30,
        'Đang thi công nền đường đoạn qua Lạng Sơn; đoạn qua Cao Bằng chậm bàn giao mặt bằng.',
        'published',
      ],
    ],
  },
  'RD2-02': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2025, 400_000, 250_000, 60_000],
      ['ppp', 2026, 2_000_000, null, null],
    ],
    milestones: [
      ['Phê duyệt chủ trương đầu tư', '2025-06-30', '2025-08-15'],
      ['Lựa chọn nhà đầu tư PPP', '2026-03-31', null],
    ],
    updates: [
      [
        'UBND-14',
        '2025-10-15',
        'preparing',
        5,
        'Đang lập báo cáo nghiên cứu khả thi đoạn Mộc Châu - Sơn La.',
        'published',
      ],
    ],
  },
  'RAIL-05': {
    orgs: ['BXD'],
    lines: [
      ['central_budget', 2025, 1_000_000, 900_000, 300_000],
      ['oda', 2026, 5_000_000, null, null],
    ],
    milestones: [
      ['Phê duyệt chủ trương đầu tư', '2025-02-28', '2025-02-19'],
      ['Khởi công', '2025-12-19', '2025-12-19'],
      ['Hoàn thành giải phóng mặt bằng', '2027-06-30', null],
    ],
    updates: [
      ['UBND-15', '2026-01-15', 'under_way', 8, 'Đã khởi công; đang giải phóng mặt bằng và tái định cư.', 'published'],
    ],
  },
  'AIR-01': {
    orgs: [],
    lines: [
      ['local_budget', 2025, 150_000, 150_000, 140_000],
      ['ppp', 2026, 3_000_000, null, null],
    ],
    milestones: [
      ['Lựa chọn nhà đầu tư', '2025-09-30', '2025-08-20'],
      ['Khởi công', '2026-03-31', null],
    ],
    updates: [
      [
        'UBND-15',
        '2025-12-01',
        'preparing',
        10,
        'Đã lựa chọn nhà đầu tư; đang bồi thường, giải phóng mặt bằng.',
        'published',
      ],
    ],
  },
  'IWT-02': {
    orgs: ['BXD'],
    lines: [
      ['private', 2024, 600_000, 450_000, 380_000],
      ['private', 2025, 900_000, 700_000, 420_000],
      ['local_budget', 2025, 80_000, 80_000, 75_000],
    ],
    milestones: [['Đưa cảng cạn Lào Cai vào khai thác', '2025-12-31', '2025-11-20']],
    updates: [],
  },
  'BGEZ-03': {
    orgs: ['BCT'],
    lines: [
      ['central_budget', 2024, 350_000, 300_000, 280_000],
      ['local_budget', 2024, 120_000, 120_000, 110_000],
      ['central_budget', 2025, 400_000, 380_000, 190_000],
    ],
    milestones: [['Hoàn thành hạ tầng khu trung chuyển hàng hóa', '2026-09-30', null]],
    updates: [
      ['UBND-20', '2026-03-31', 'under_way', 60, 'Đã hoàn thành san nền; đang thi công bãi kiểm hóa.', 'published'],
    ],
  },
  'WAT-05': {
    orgs: ['BNNMT'],
    lines: [
      ['central_budget', 2024, 250_000, 220_000, 200_000],
      [
        'local_budget',
        2024,
        60_000,
        40_000,
        46_000,
        'Tạm ứng từ kế hoạch vốn năm 2025 để bồi thường, giải phóng mặt bằng (minh họa).',
      ],
      ['central_budget', 2025, 300_000, 280_000, 150_000],
    ],
    milestones: [
      ['Khởi công', '2024-03-31', '2024-05-10'],
      ['Tích nước hồ chứa', '2026-10-31', null],
    ],
    updates: [
      ['UBND-24', '2026-06-30', 'under_way', 45, 'Đang thi công đập chính; chậm do mưa lũ tháng 9/2025.', 'published'],
    ],
  },
  'WAT-07': {
    orgs: ['BNNMT'],
    lines: [
      ['central_budget', 2025, 200_000, 120_000, 40_000],
      ['local_budget', 2025, 50_000, 30_000, 10_000],
    ],
    milestones: [['Phê duyệt dự án', '2025-06-30', null]],
    updates: [],
  },
  'DIS-01': {
    orgs: ['BNNMT'],
    lines: [
      ['oda', 2023, 180_000, 160_000, 150_000],
      ['central_budget', 2024, 90_000, 90_000, 85_000],
      ['oda', 2025, 220_000, 200_000, 120_000],
    ],
    milestones: [
      ['Lắp đặt 120 trạm quan trắc tự động', '2025-06-30', '2025-06-15'],
      ['Vận hành hệ thống cảnh báo sớm toàn vùng', '2026-12-31', null],
    ],
    updates: [['BNNMT', '2026-01-10', 'under_way', 70, 'Đã lắp đặt và kết nối 120 trạm quan trắc.', 'published']],
  },
  'HR-04': {
    orgs: ['BGDDT'],
    lines: [
      ['central_budget', 2024, 120_000, 100_000, 95_000],
      ['central_budget', 2025, 150_000, 150_000, 80_000],
    ],
    milestones: [['Hoàn thành ký túc xá và trung tâm thực hành', '2026-08-31', null]],
    updates: [],
  },
  'CORR-01': {
    orgs: [],
    lines: [],
    milestones: [['Hội nghị điều phối hành lang kinh tế lần 1', '2026-05-15', '2026-05-20']],
    updates: [],
  },
};

/** Demo results-framework indicators, clearly labelled, showing each computed status and a target revision. */
const DEMO_INDICATORS = [
  {
    code: 'DEMO-EXPRESSWAY-KM',
    nameVi: 'Chiều dài đường cao tốc đưa vào khai thác trong vùng (minh họa)',
    nameEn: 'Length of expressways in service in the region (illustrative)',
    unit: 'km',
    direction: 'increase' as const,
    baseline: [2020, 300] as const,
    targets: [
      ['period', 2025, 700, null],
      ['end', 2030, 1200, null],
      ['period', 2025, 600, 'Điều chỉnh theo kế hoạch đầu tư công trung hạn 2021-2025 (minh họa).'],
    ] as const,
    actual: [2024, 520, 'Báo cáo của Bộ Xây dựng (minh họa)'] as const,
    stats: null,
  },
  {
    code: 'DEMO-POVERTY',
    nameVi: 'Tỷ lệ hộ nghèo đa chiều của vùng (minh họa)',
    nameEn: 'Multidimensional poverty rate of the region (illustrative)',
    unit: '%',
    direction: 'decrease' as const,
    baseline: [2021, 22] as const,
    targets: [
      ['period', 2025, 12, null],
      ['end', 2030, 6, null],
    ] as const,
    actual: [2024, 16.5, 'Báo cáo của Bộ Nội vụ (minh họa)'] as const,
    stats: null,
  },
  {
    code: 'DEMO-PI-DISBURSEMENT',
    nameVi: 'Tỷ lệ giải ngân vốn đầu tư công của các dự án liên kết vùng (minh họa)',
    nameEn: 'Disbursement rate of public investment in regional-linkage projects (illustrative)',
    unit: '%',
    direction: 'increase' as const,
    baseline: [2021, 60] as const,
    targets: [
      ['period', 2025, 95, null],
      ['end', 2030, 95, null],
    ] as const,
    actual: [2024, 72, 'Tổng hợp của Bộ Tài chính (minh họa)'] as const,
    stats: null,
  },
  {
    code: 'DEMO-GRDP-PC',
    nameVi: 'GRDP bình quân đầu người của vùng (minh họa)',
    nameEn: 'GRDP per capita of the region (illustrative)',
    unit: 'triệu đồng',
    direction: 'increase' as const,
    baseline: [2020, 47] as const,
    targets: [
      ['period', 2025, 80, null],
      ['end', 2030, 120, null],
    ] as const,
    actual: null,
    stats: 'grdp_per_capita',
  },
];

/** Load the illustrative funding lines, milestones, progress updates and results-framework rows. */
export async function loadPlansDemo(tx: Db) {
  const codes = Object.keys(DEMO);
  const ps = await tx
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(inArray(projects.code, codes));
  const idOf = new Map(ps.map((p) => [p.code, p.id]));
  const orgRows = await tx.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const orgId = new Map(orgRows.map((o) => [o.code, o.id]));
  let lines = 0;
  for (const [code, d] of Object.entries(DEMO)) {
    const projectId = idOf.get(code);
    if (!projectId) throw new Error(`demo data names unknown project ${code}`);
    for (const o of d.orgs)
      await tx.insert(projectOrganisations).values({ projectId, organisationId: orgId.get(o)!, isDemo: true });
    for (const [source, year, planned, allocated, disbursed, over] of d.lines) {
      await tx.insert(fundingLines).values({
        projectId,
        source,
        year,
        planned,
        allocated,
        disbursed,
        overDisbursementNote: over ?? null,
        sourceDocument: 'Số liệu minh họa (demo), không phải số liệu chính thức',
        isDemo: true,
      });
      lines++;
    }
    for (const [nameVi, plannedDate, actualDate] of d.milestones)
      await tx.insert(milestones).values({ projectId, nameVi, plannedDate, actualDate, isDemo: true });
    let latest: { asOf: string; status: string } | null = null;
    for (const [org, asOf, status, percent, narrative, state] of d.updates) {
      await tx.insert(progressUpdates).values({
        projectId,
        organisationId: orgId.get(org)!,
        authorName: 'Cán bộ Sở Tài chính (minh họa)',
        asOf,
        status,
        percent,
        narrative: `${narrative} (Nội dung minh họa.)`,
        state,
        publishedAt: state === 'published' ? `${asOf}T10:00:00+07:00` : null,
        isDemo: true,
      });
      if (state === 'published' && (!latest || asOf >= latest.asOf)) latest = { asOf, status };
    }
    if (latest) await tx.update(projects).set({ status: latest.status }).where(eq(projects.id, projectId));
  }
  const [ip] = await tx
    .select({ id: regionalPlans.id })
    .from(regionalPlans)
    .where(eq(regionalPlans.code, NMM_IMPLEMENTATION_PLAN));
  for (const [i, d] of DEMO_INDICATORS.entries()) {
    const [ind] = await tx
      .insert(rfIndicators)
      .values({
        planId: ip.id,
        code: d.code,
        statsIndicatorCode: d.stats,
        nameVi: d.nameVi,
        nameEn: d.nameEn,
        unit: d.unit,
        scopeKind: 'region',
        scopeCode: 'NMM',
        scopeGeoDate: '2024-10-11',
        direction: d.direction,
        phase: '2021-2030',
        baselineYear: d.baseline[0],
        baselineValue: d.baseline[1],
        sourceDocument: 'Chỉ tiêu minh họa (demo), không thuộc Phụ lục I',
        isDemo: true,
        sortOrder: 100 + i,
        version: 1 + d.targets.length,
      })
      .returning({ id: rfIndicators.id });
    const seen = new Map<string, number>();
    for (const [kind, year, value, reason] of d.targets) {
      const key = `${kind}:${year}`;
      const revision = (seen.get(key) ?? 0) + 1;
      seen.set(key, revision);
      await tx.insert(rfTargets).values({
        indicatorId: ind.id,
        kind,
        year,
        value,
        revision,
        reason,
        sourceDocument: 'Minh họa (demo)',
        createdByName: 'Dữ liệu minh họa',
      });
    }
    if (d.actual)
      await tx
        .insert(rfActuals)
        .values({ indicatorId: ind.id, year: d.actual[0], value: d.actual[1], sourceText: d.actual[2], isDemo: true });
  }
  return { projects: codes.length, fundingLines: lines, indicators: DEMO_INDICATORS.length };
}

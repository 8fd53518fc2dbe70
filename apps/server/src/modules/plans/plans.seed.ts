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
import { demoToday, readShiftedDemo } from '../reporting/demo-dates';
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

interface DemoProject {
  orgs: string[];
  fundingLines: {
    source: FundingSource;
    year: number;
    planned: number;
    allocated: number | null;
    disbursed: number | null;
    overDisbursementNote: string | null;
  }[];
  milestones: { nameVi: string; planned: string; actual: string | null }[];
  updates: {
    org: string;
    asOf: string;
    status: ReportedStatus;
    percent: number | null;
    narrative: string;
    state: 'published' | 'draft';
  }[];
}
interface DemoIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: { year: number; value: number };
  targets: { kind: 'period' | 'end'; year: number; value: number; reason: string | null }[];
  actual: { year: number; value: number; source: string } | null;
  stats: string | null;
}
interface DemoFile {
  asOf: string;
  projects: Record<string, DemoProject>;
  indicators: DemoIndicator[];
}

/** The plans demo (`data/demo.json`, see its `_about`), its dates moved to the seed day `today` (`readShiftedDemo`). */
export function readPlansDemo(today = demoToday()) {
  return readShiftedDemo<DemoFile>(path.join(import.meta.dirname, 'data', 'demo.json'), today);
}

/** Load the illustrative funding lines, milestones, progress updates and results-framework rows, dated from `today`. */
export async function loadPlansDemo(tx: Db, today = demoToday()) {
  const demo = readPlansDemo(today);
  const codes = Object.keys(demo.projects);
  const ps = await tx
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(inArray(projects.code, codes));
  const idOf = new Map(ps.map((p) => [p.code, p.id]));
  const orgRows = await tx.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const orgId = new Map(orgRows.map((o) => [o.code, o.id]));
  let lines = 0;
  for (const [code, d] of Object.entries(demo.projects)) {
    const projectId = idOf.get(code);
    if (!projectId) throw new Error(`demo data names unknown project ${code}`);
    lines += await insertDemoProject(tx, projectId, d, orgId);
  }
  await insertDemoIndicators(tx, demo.indicators);
  return { today, shift: demo.shift, projects: codes.length, fundingLines: lines, indicators: demo.indicators.length };
}

/** One demo project's organisations, funding lines, milestones and updates; its status is its latest published one. */
async function insertDemoProject(tx: Db, projectId: number, d: DemoProject, orgId: Map<string, number>) {
  for (const o of d.orgs)
    await tx.insert(projectOrganisations).values({ projectId, organisationId: orgId.get(o)!, isDemo: true });
  for (const f of d.fundingLines)
    await tx.insert(fundingLines).values({
      projectId,
      ...f,
      sourceDocument: 'Số liệu minh họa (demo), không phải số liệu chính thức',
      isDemo: true,
    });
  for (const m of d.milestones)
    await tx
      .insert(milestones)
      .values({ projectId, nameVi: m.nameVi, plannedDate: m.planned, actualDate: m.actual, isDemo: true });
  let latest: { asOf: string; status: string } | null = null;
  for (const u of d.updates) {
    await tx.insert(progressUpdates).values({
      projectId,
      organisationId: orgId.get(u.org)!,
      authorName: 'Cán bộ Sở Tài chính (minh họa)',
      asOf: u.asOf,
      status: u.status,
      percent: u.percent,
      narrative: `${u.narrative} (Nội dung minh họa.)`,
      state: u.state,
      publishedAt: u.state === 'published' ? `${u.asOf}T10:00:00+07:00` : null,
      isDemo: true,
    });
    if (u.state === 'published' && (!latest || u.asOf >= latest.asOf)) latest = { asOf: u.asOf, status: u.status };
  }
  if (latest) await tx.update(projects).set({ status: latest.status }).where(eq(projects.id, projectId));
  return d.fundingLines.length;
}

/** The demo results-framework indicators of the Northern Midlands and Mountains implementation plan. */
async function insertDemoIndicators(tx: Db, indicators: DemoIndicator[]) {
  const [ip] = await tx
    .select({ id: regionalPlans.id })
    .from(regionalPlans)
    .where(eq(regionalPlans.code, NMM_IMPLEMENTATION_PLAN));
  for (const [i, d] of indicators.entries()) {
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
        baselineYear: d.baseline.year,
        baselineValue: d.baseline.value,
        sourceDocument: 'Chỉ tiêu minh họa (demo), không thuộc Phụ lục I',
        isDemo: true,
        sortOrder: 100 + i,
        version: 1 + d.targets.length,
      })
      .returning({ id: rfIndicators.id });
    const seen = new Map<string, number>();
    for (const t of d.targets) {
      const key = `${t.kind}:${t.year}`;
      const revision = (seen.get(key) ?? 0) + 1;
      seen.set(key, revision);
      await tx.insert(rfTargets).values({
        indicatorId: ind.id,
        kind: t.kind,
        year: t.year,
        value: t.value,
        revision,
        reason: t.reason,
        sourceDocument: 'Minh họa (demo)',
        createdByName: 'Dữ liệu minh họa',
      });
    }
    if (d.actual)
      await tx
        .insert(rfActuals)
        .values({
          indicatorId: ind.id,
          year: d.actual.year,
          value: d.actual.value,
          sourceText: d.actual.source,
          isDemo: true,
        });
  }
}

import type { FundingSource, ProjectStatus, Sector } from '@regionlink/shared';
import { FUNDING_SOURCES, SECTORS } from '@regionlink/shared';

/** Identifier prefix of the publisher. Not registered with IATI: set a registered one before publishing to the Registry. */
export const IATI_PUBLISHER_REF = 'VN-BTC';

export interface IatiProject {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string | null;
  sector: Sector;
  status: ProjectStatus;
  phase: string | null;
  leadOrgs: { code: string; nameVi: string; nameEn: string }[];
  provinces: { code: string; vintage: string; nameVi: string; role: string }[];
  fundingLines: {
    source: FundingSource;
    year: number;
    planned: number;
    allocated: number | null;
    disbursed: number | null;
  }[];
  updatedAt: string;
  hasDemoData: boolean;
}

/** Remove characters XML 1.0 forbids, then escape the five special ones. */
export function xmlText(s: string): string {
  let clean = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const allowed =
      c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (allowed) clean += ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// IATI ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation, 6 suspended.
const ACTIVITY_STATUS: Record<ProjectStatus, string> = {
  not_reported: '1',
  preparing: '1',
  under_way: '2',
  completed: '3',
  suspended: '6',
};
// IATI OrganisationType of the provider: 10 government, 40 multilateral/ODA lender, 70 private sector, 90 other.
const PROVIDER_TYPE: Record<FundingSource, string> = {
  central_budget: '10',
  local_budget: '10',
  oda: '40',
  ppp: '70',
  private: '70',
  other: '90',
};

const MILLION = 1_000_000;
const vnd = (millions: number) => Math.round(millions * MILLION).toString();

const narratives = (vi: string, en: string) =>
  `<narrative>${xmlText(vi)}</narrative><narrative xml:lang="en">${xmlText(en)}</narrative>`;

/**
 * Build an IATI activity file (standard 2.03) for projects: identifier, reporting organisation, titles in Vietnamese
 * and English, participating organisations, status, dates of the phase, scope, country and provinces, sector (OECD
 * DAC 5-digit and our own vocabulary), yearly budgets (planned) and transactions (allocated as commitments,
 * disbursed as disbursements), in VND. Elements follow the schema's order. Amounts stored in million VND are
 * written in VND.
 */
export function buildIatiActivities(
  projects: readonly IatiProject[],
  opts: { generatedAt: string; reportingOrg: { vi: string; en: string } },
): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-activities version="2.03" generated-datetime="${xmlText(opts.generatedAt)}">`,
  ];
  for (const p of projects) {
    const [start, end] = p.phase ? p.phase.split('-') : [null, null];
    const located = p.provinces.filter((x) => x.role === 'located');
    const scope = located.length >= 2 ? '5' : located.length === 1 ? '6' : '4';
    out.push(
      `<iati-activity last-updated-datetime="${xmlText(p.updatedAt)}" xml:lang="vi" default-currency="VND" hierarchy="1">`,
      `<iati-identifier>${xmlText(`${IATI_PUBLISHER_REF}-${p.code}`)}</iati-identifier>`,
      `<reporting-org ref="${IATI_PUBLISHER_REF}" type="10">${narratives(opts.reportingOrg.vi, opts.reportingOrg.en)}</reporting-org>`,
      `<title>${narratives(p.nameVi, p.nameEn)}</title>`,
    );
    const desc = [
      p.descriptionVi,
      p.hasDemoData ? 'Số liệu tài chính minh họa (demo), không phải số liệu chính thức.' : null,
    ]
      .filter(Boolean)
      .join(' ');
    if (desc) out.push(`<description type="1"><narrative>${xmlText(desc)}</narrative></description>`);
    for (const o of p.leadOrgs)
      out.push(
        `<participating-org role="4" type="10" ref="${xmlText(`${IATI_PUBLISHER_REF}-ORG-${o.code}`)}">${narratives(o.nameVi, o.nameEn)}</participating-org>`,
      );
    const sources = [...new Set(p.fundingLines.map((l) => l.source))];
    for (const s of sources)
      out.push(
        `<participating-org role="1" type="${PROVIDER_TYPE[s]}">${narratives(FUNDING_SOURCES[s].vi, FUNDING_SOURCES[s].en)}</participating-org>`,
      );
    out.push(`<activity-status code="${ACTIVITY_STATUS[p.status]}"/>`);
    if (start) out.push(`<activity-date iso-date="${start}-01-01" type="1"/>`);
    if (end) out.push(`<activity-date iso-date="${end}-12-31" type="3"/>`);
    out.push(`<activity-scope code="${scope}"/>`, '<recipient-country code="VN" percentage="100"/>');
    for (const pr of p.provinces)
      out.push(
        `<location ref="${xmlText(`VN-GSO-${pr.vintage}-${pr.code}`)}"><location-reach code="${pr.role === 'located' ? '1' : '2'}"/><name><narrative>${xmlText(pr.nameVi)}</narrative></name><description><narrative>${xmlText(`Mã GSO ${pr.code} (địa giới ngày ${pr.vintage}); ${pr.role === 'located' ? 'địa điểm dự án' : 'chịu tác động'}`)}</narrative></description><exactness code="2"/><location-class code="1"/><feature-designation code="ADM1"/></location>`,
      );
    out.push(
      `<sector vocabulary="1" code="${SECTORS[p.sector].dac}" percentage="100"/>`,
      `<sector vocabulary="99" vocabulary-uri="https://regionlink.gov.vn/vocabulary/sectors" code="${p.sector}"><narrative>${xmlText(SECTORS[p.sector].vi)}</narrative></sector>`,
    );
    const years = [...new Set(p.fundingLines.map((l) => l.year))].sort((a, b) => a - b);
    for (const y of years) {
      const planned = p.fundingLines.filter((l) => l.year === y).reduce((a, l) => a + l.planned, 0);
      out.push(
        `<budget type="1" status="1"><period-start iso-date="${y}-01-01"/><period-end iso-date="${y}-12-31"/><value currency="VND" value-date="${y}-01-01">${vnd(planned)}</value></budget>`,
      );
    }
    for (const l of p.fundingLines) {
      const provider = `<provider-org type="${PROVIDER_TYPE[l.source]}"><narrative>${xmlText(FUNDING_SOURCES[l.source].vi)}</narrative></provider-org>`;
      if (l.allocated !== null && l.allocated > 0)
        out.push(
          `<transaction><transaction-type code="2"/><transaction-date iso-date="${l.year}-01-01"/><value currency="VND" value-date="${l.year}-01-01">${vnd(l.allocated)}</value><description><narrative>${xmlText(`Vốn được giao năm ${l.year}`)}</narrative></description>${provider}</transaction>`,
        );
      if (l.disbursed !== null && l.disbursed > 0)
        out.push(
          `<transaction><transaction-type code="3"/><transaction-date iso-date="${l.year}-12-31"/><value currency="VND" value-date="${l.year}-12-31">${vnd(l.disbursed)}</value><description><narrative>${xmlText(`Giải ngân năm ${l.year}`)}</narrative></description>${provider}</transaction>`,
        );
    }
    out.push('</iati-activity>');
  }
  out.push('</iati-activities>', '');
  return out.join('\n');
}

import fs from 'node:fs';
import path from 'node:path';
import type { FundingSource, ProjectStatus, Sector } from '@regionlink/shared';
import { FUNDING_SOURCES, SECTORS } from '@regionlink/shared';

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

/** Our values mapped to IATI codelists (`data/iati-codelists.json`): the file says which codelist each map uses. */
interface IatiCodes {
  publisherRef: string;
  reportingOrg: { type: string; vi: string; en: string };
  sectorVocabularyUri: string;
  defaultPeriod: { from: number; to: number; noteVi: string; noteEn: string };
  activityStatus: Record<ProjectStatus, string>;
  providerType: Record<FundingSource, string>;
  organisationType: { byCodePrefix: Record<string, string>; default: string };
  participatingRole: Record<'funding' | 'accountable' | 'extending' | 'implementing', string>;
  locationVocabulary: { country: string };
  sectorVocabulary: { dac: string; own: string };
  dateType: { plannedStart: string; plannedEnd: string };
  scope: { national: string; multiFirstLevel: string; singleFirstLevel: string };
  locationReach: { located: string; affected: string };
  exactness: string;
  locationClass: string;
  featureDesignation: string;
  descriptionType: { general: string };
  budget: { type: string; status: string };
  transactionType: { commitment: string; disbursement: string };
}
export const IATI_CODES: IatiCodes = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'data', 'iati-codelists.json'), 'utf8'),
);
const C = IATI_CODES;
/** Identifier prefix of the publisher. Not registered with IATI: set a registered one before publishing to the Registry. */
export const IATI_PUBLISHER_REF = C.publisherRef;

/** IATI OrganisationType of one of our organisations: People's Committees are local government, the rest central. */
export function organisationType(code: string): string {
  for (const [prefix, type] of Object.entries(C.organisationType.byCodePrefix))
    if (code.startsWith(prefix)) return type;
  return C.organisationType.default;
}

const MILLION = 1_000_000;
const vnd = (millions: number) => Math.round(millions * MILLION).toString();

const narratives = (vi: string, en: string) =>
  `<narrative>${xmlText(vi)}</narrative><narrative xml:lang="en">${xmlText(en)}</narrative>`;

/** The activity's planned dates: its phase (`2021-2025`), else the years of its funding lines, else the plan's period. */
function plannedYears(p: IatiProject): { from: number; to: number; fallback: boolean } {
  const m = p.phase ? /^(\d{4})\s*-\s*(\d{4})$/.exec(p.phase) : null;
  if (m) return { from: Number(m[1]), to: Number(m[2]), fallback: false };
  const years = p.fundingLines.map((l) => l.year);
  if (years.length) return { from: Math.min(...years), to: Math.max(...years), fallback: false };
  return { from: C.defaultPeriod.from, to: C.defaultPeriod.to, fallback: true };
}

/** Participating organisations (at least one, as the schema requires): funders, the lead organisations as implementers. */
function participatingOrgs(p: IatiProject): string[] {
  const out: string[] = [];
  for (const s of [...new Set(p.fundingLines.map((l) => l.source))])
    out.push(
      `<participating-org role="${C.participatingRole.funding}" type="${C.providerType[s]}">${narratives(FUNDING_SOURCES[s].vi, FUNDING_SOURCES[s].en)}</participating-org>`,
    );
  for (const o of p.leadOrgs)
    out.push(
      `<participating-org ref="${xmlText(`${C.publisherRef}-ORG-${o.code}`)}" type="${organisationType(o.code)}" role="${C.participatingRole.implementing}">${narratives(o.nameVi, o.nameEn)}</participating-org>`,
    );
  // No funder nor lead recorded: the reporting ministry, which extends the registry entry, is the one party we know.
  if (out.length === 0)
    out.push(
      `<participating-org ref="${C.publisherRef}" type="${C.reportingOrg.type}" role="${C.participatingRole.extending}">${narratives(C.reportingOrg.vi, C.reportingOrg.en)}</participating-org>`,
    );
  return out;
}

/** The general description (mandatory in the schema): the project's notes, else a sentence built from its record. */
function descriptionOf(p: IatiProject, years: ReturnType<typeof plannedYears>): string {
  const text = [
    p.descriptionVi ??
      `${p.nameVi}: dự án ngành ${SECTORS[p.sector].vi.toLowerCase()}, giai đoạn ${years.from}–${years.to}.`,
    years.fallback ? `Thời gian: ${C.defaultPeriod.noteVi}.` : null,
    p.hasDemoData ? 'Số liệu tài chính minh họa (demo), không phải số liệu chính thức.' : null,
  ]
    .filter(Boolean)
    .join(' ');
  return `<description type="${C.descriptionType.general}"><narrative>${xmlText(text)}</narrative></description>`;
}

function locationOf(pr: IatiProject['provinces'][number]): string {
  const reach = pr.role === 'located' ? C.locationReach.located : C.locationReach.affected;
  const what = `Mã GSO ${pr.code} (địa giới ngày ${pr.vintage}); ${pr.role === 'located' ? 'địa điểm dự án' : 'chịu tác động'}`;
  return `<location ref="${xmlText(`VN-GSO-${pr.vintage}-${pr.code}`)}"><location-reach code="${reach}"/><name><narrative>${xmlText(pr.nameVi)}</narrative></name><description><narrative>${xmlText(what)}</narrative></description><administrative vocabulary="${C.locationVocabulary.country}" level="0" code="VN"/><exactness code="${C.exactness}"/><location-class code="${C.locationClass}"/><feature-designation code="${C.featureDesignation}"/></location>`;
}

function financesOf(p: IatiProject): string[] {
  const out: string[] = [];
  const years = [...new Set(p.fundingLines.map((l) => l.year))].sort((a, b) => a - b);
  for (const y of years) {
    const planned = p.fundingLines.filter((l) => l.year === y).reduce((a, l) => a + l.planned, 0);
    out.push(
      `<budget type="${C.budget.type}" status="${C.budget.status}"><period-start iso-date="${y}-01-01"/><period-end iso-date="${y}-12-31"/><value currency="VND" value-date="${y}-01-01">${vnd(planned)}</value></budget>`,
    );
  }
  for (const l of p.fundingLines) {
    const provider = `<provider-org type="${C.providerType[l.source]}"><narrative>${xmlText(FUNDING_SOURCES[l.source].vi)}</narrative></provider-org>`;
    const tx = (type: string, date: string, amount: number, vi: string) =>
      `<transaction><transaction-type code="${type}"/><transaction-date iso-date="${date}"/><value currency="VND" value-date="${date}">${vnd(amount)}</value><description><narrative>${xmlText(vi)}</narrative></description>${provider}</transaction>`;
    if (l.allocated !== null && l.allocated > 0)
      out.push(tx(C.transactionType.commitment, `${l.year}-01-01`, l.allocated, `Vốn được giao năm ${l.year}`));
    if (l.disbursed !== null && l.disbursed > 0)
      out.push(tx(C.transactionType.disbursement, `${l.year}-12-31`, l.disbursed, `Giải ngân năm ${l.year}`));
  }
  return out;
}

/**
 * Build an IATI activity file (standard 2.03) for projects, valid against the official schema (`reference/iati/`,
 * checked with xmllint in the tests): identifier, reporting organisation, titles in Vietnamese and English, a
 * description, participating organisations (funders by source, lead organisations as implementers), status, planned
 * dates, scope, country and provinces, sector (OECD DAC 5-digit and our own vocabulary), yearly budgets (planned) and
 * transactions (allocated as commitments, disbursed as disbursements), in VND, elements in the schema's order, with
 * codes from IATI codelists (`data/iati-codelists.json`). Amounts stored in million VND are written in VND.
 */
export function buildIatiActivities(
  projects: readonly IatiProject[],
  opts: { generatedAt: string; reportingOrg?: { vi: string; en: string } },
): string {
  const rep = opts.reportingOrg ?? C.reportingOrg;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-activities version="2.03" generated-datetime="${xmlText(opts.generatedAt)}">`,
  ];
  for (const p of projects) {
    const years = plannedYears(p);
    const located = p.provinces.filter((x) => x.role === 'located');
    const scope =
      located.length >= 2
        ? C.scope.multiFirstLevel
        : located.length === 1
          ? C.scope.singleFirstLevel
          : C.scope.national;
    out.push(
      `<iati-activity last-updated-datetime="${xmlText(p.updatedAt)}" xml:lang="vi" default-currency="VND" hierarchy="1">`,
      `<iati-identifier>${xmlText(`${C.publisherRef}-${p.code}`)}</iati-identifier>`,
      `<reporting-org ref="${C.publisherRef}" type="${C.reportingOrg.type}">${narratives(rep.vi, rep.en)}</reporting-org>`,
      `<title>${narratives(p.nameVi, p.nameEn)}</title>`,
      descriptionOf(p, years),
      ...participatingOrgs(p),
      `<activity-status code="${C.activityStatus[p.status]}"/>`,
      `<activity-date iso-date="${years.from}-01-01" type="${C.dateType.plannedStart}"/>`,
      `<activity-date iso-date="${years.to}-12-31" type="${C.dateType.plannedEnd}"/>`,
      `<activity-scope code="${scope}"/>`,
      '<recipient-country code="VN" percentage="100"/>',
      ...p.provinces.map(locationOf),
      `<sector vocabulary="${C.sectorVocabulary.dac}" code="${SECTORS[p.sector].dac}" percentage="100"/>`,
      `<sector vocabulary="${C.sectorVocabulary.own}" vocabulary-uri="${C.sectorVocabularyUri}" code="${p.sector}"><narrative>${xmlText(SECTORS[p.sector].vi)}</narrative></sector>`,
      ...financesOf(p),
      '</iati-activity>',
    );
  }
  out.push('</iati-activities>', '');
  return out.join('\n');
}

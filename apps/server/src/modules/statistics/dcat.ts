import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '@regionlink/shared';

/**
 * The catalogue of public datasets as DCAT 2 / DCAT-AP in JSON-LD, for a national open-data portal to harvest: each
 * dataset with its title and description (Vietnamese and English), publisher, licence, issue and modification dates,
 * period covered, keywords (its indicators) and distributions (CSV of the latest release, SDMX-CSV, SDMX-JSON) with
 * access and download URLs and IANA media types. Pure: the caller gives the datasets and their first release date.
 */

interface DcatConfig {
  catalogue: {
    titleVi: string;
    titleEn: string;
    descriptionVi: string;
    descriptionEn: string;
    themeTaxonomy: string;
    theme: string;
    spatial: string;
    languages: string[];
  };
  publisher: { code: string; nameVi: string; nameEn: string; type: string };
  licences: { match: string; uri: string }[];
  mediaTypes: Record<'csv' | 'sdmxCsv' | 'sdmxJson', string>;
  formats: Record<'csv' | 'json', string>;
}

export const DCAT: DcatConfig = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'data', 'dcat.json'), 'utf8'),
);

/** The JSON-LD context: the DCAT, Dublin Core, FOAF, vCard, ADMS, RDFS and XSD vocabularies. */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
};

const text = (vi: string, en: string) => [
  { '@value': vi, '@language': 'vi' },
  { '@value': en, '@language': 'en' },
];
const date = (iso: string) => ({ '@value': iso.slice(0, 10), '@type': 'xsd:date' });

/** A licence as a dct:LicenseDocument: its URI when the text names a known licence, its text always. */
export function licenceDocument(licence: string) {
  const known = DCAT.licences.find((l) => licence.includes(l.match));
  const label = licence.trim() || 'Không ghi giấy phép / no licence stated';
  return { ...(known ? { '@id': known.uri } : {}), '@type': 'dct:LicenseDocument', 'rdfs:label': label };
}

export interface DcatDataset {
  dataset: Dataset;
  /** When the first release was published. */
  issued: string;
}

function distributions(base: string, d: Dataset) {
  const sdmx = `${base}/api/v1/sdmx/data?indicator=${d.indicators.join(',')}${d.periodFrom ? `&from=${d.periodFrom}&to=${d.periodTo}` : ''}`;
  const licence = licenceDocument(d.licence);
  const dist = (
    id: string,
    titleVi: string,
    titleEn: string,
    url: string,
    media: string,
    format: string,
    modified: string | null,
  ) => ({
    '@id': `${base}/api/v1/datasets/${d.id}#${id}`,
    '@type': 'dcat:Distribution',
    'dct:title': text(titleVi, titleEn),
    'dcat:accessURL': { '@id': url },
    'dcat:downloadURL': { '@id': url },
    'dcat:mediaType': { '@id': media },
    'dct:format': { '@id': format },
    'dct:license': licence,
    ...(modified ? { 'dct:modified': date(modified) } : {}),
  });
  const latest = d.latestRelease?.publishedAt ?? null;
  return [
    dist(
      'csv',
      'CSV của lần công bố mới nhất',
      'CSV of the latest release',
      `${base}/api/v1/datasets/${d.id}/export`,
      DCAT.mediaTypes.csv,
      DCAT.formats.csv,
      latest,
    ),
    dist(
      'sdmx-csv',
      'SDMX-CSV 2.0 (số liệu theo tỉnh)',
      'SDMX-CSV 2.0 (figures by province)',
      sdmx,
      DCAT.mediaTypes.sdmxCsv,
      DCAT.formats.csv,
      null,
    ),
    dist(
      'sdmx-json',
      'SDMX-JSON 2.0 (số liệu theo tỉnh)',
      'SDMX-JSON 2.0 (figures by province)',
      `${sdmx}&format=json`,
      DCAT.mediaTypes.sdmxJson,
      DCAT.formats.json,
      null,
    ),
  ];
}

function datasetNode(base: string, { dataset: d, issued }: DcatDataset) {
  const period = d.periodFrom ? `${d.periodFrom}–${d.periodTo}` : 'chưa có số liệu';
  const periodEn = d.periodFrom ? `${d.periodFrom}–${d.periodTo}` : 'no figures yet';
  return {
    '@id': `${base}/api/v1/datasets/${d.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.code,
    'dct:title': text(d.titleVi, d.titleEn),
    'dct:description': text(
      [`${d.titleVi} (${period}).`, d.originalSource && `Nguồn gốc: ${d.originalSource}.`, d.caveatsVi]
        .filter(Boolean)
        .join(' '),
      [`${d.titleEn} (${periodEn}).`, d.originalSource && `Original source: ${d.originalSource}.`, d.caveatsEn]
        .filter(Boolean)
        .join(' '),
    ),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': d.publisher },
    'dct:license': licenceDocument(d.licence),
    'dct:issued': date(issued),
    'dct:modified': date(d.latestRelease?.publishedAt ?? issued),
    'dcat:keyword': d.indicators,
    'dcat:theme': { '@id': DCAT.catalogue.theme },
    'dct:spatial': { '@id': DCAT.catalogue.spatial },
    ...(d.periodFrom
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            'dcat:startDate': { '@value': `${d.periodFrom}-01-01`, '@type': 'xsd:date' },
            'dcat:endDate': { '@value': `${d.periodTo}-12-31`, '@type': 'xsd:date' },
          },
        }
      : {}),
    'dcat:landingPage': { '@id': `${base}/data/datasets/${d.id}` },
    ...(d.url ? { 'dct:source': { '@id': d.url } } : {}),
    'dcat:distribution': distributions(base, d),
  };
}

/** The DCAT catalogue (JSON-LD, compacted with `DCAT_CONTEXT`) of the given public datasets. */
export function buildDcatCatalogue(datasets: readonly DcatDataset[], opts: { baseUrl: string; modified: string }) {
  const c = DCAT.catalogue;
  const base = opts.baseUrl;
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${base}/api/v1/catalogue.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': text(c.titleVi, c.titleEn),
    'dct:description': text(c.descriptionVi, c.descriptionEn),
    'dct:publisher': {
      '@type': 'foaf:Agent',
      'foaf:name': text(DCAT.publisher.nameVi, DCAT.publisher.nameEn),
      'dct:type': { '@id': DCAT.publisher.type },
    },
    'dct:language': c.languages.map((l) => ({ '@id': l })),
    'dct:spatial': { '@id': c.spatial },
    'dcat:themeTaxonomy': { '@id': c.themeTaxonomy },
    'foaf:homepage': { '@id': `${base}/data` },
    'dct:modified': date(opts.modified),
    'dcat:dataset': datasets.map((d) => datasetNode(base, d)),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import type { DataResponse, ImportError, Indicator, ObservationStatus } from '@regionlink/shared';
import { csvField } from '../../lib/http';
import type { CsvRecord } from './csv-stream';

/**
 * SDMX for the statistics catalogue: one data-structure definition (dimensions INDICATOR, REF_AREA, GEO_VINTAGE,
 * TIME_PERIOD; measure OBS_VALUE; attributes UNIT_MEASURE, OBS_STATUS, SOURCE), the rows of any query as SDMX-CSV 2.0
 * and as an SDMX-JSON 2.0 data message, the DSD as an SDMX-JSON 2.0 structure message, and SDMX-CSV rows turned into
 * the importer's long format. Pure functions; names and codes come from `data/sdmx.json`.
 */

interface Named {
  id: string;
  vi: string;
  en: string;
}
interface SdmxConfig {
  agency: string;
  agencyName: { vi: string; en: string };
  version: string;
  dsd: Named;
  dataflow: Named;
  conceptScheme: Named;
  dimensions: (Named & { codelist: string | null })[];
  timeDimension: Named;
  measure: Named;
  attributes: (Named & { codelist: string | null; relationship: string[] | null; mandatory: boolean })[];
  obsStatus: Record<ObservationStatus, { code: string; vi: string; en: string }>;
  unitMeasure: Record<string, string>;
  actions: Record<string, string>;
}

export const SDMX: SdmxConfig = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'data', 'sdmx.json'), 'utf8'),
);

/** `AGENCY:ID(VERSION)`, as SDMX-CSV's STRUCTURE_ID column writes an artefact. */
export const DATAFLOW_REF = `${SDMX.agency}:${SDMX.dataflow.id}(${SDMX.version})`;
const urn = (cls: string, id: string, item?: string) =>
  `urn:sdmx:org.sdmx.infomodel.${cls}=${SDMX.agency}:${id}(${SDMX.version})${item ? `.${item}` : ''}`;
export const DSD_URN = urn('datastructure.DataStructure', SDMX.dsd.id);
export const DATAFLOW_URN = urn('datastructure.Dataflow', SDMX.dataflow.id);
export const SDMX_JSON_DATA_SCHEMA =
  'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json';
export const SDMX_JSON_STRUCTURE_SCHEMA =
  'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/sdmx-json-structure-schema.json';

/** The columns of our SDMX-CSV, in the DSD's order (dimensions, measure, attributes). */
export const SDMX_CSV_HEADER = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  ...SDMX.dimensions.map((d) => d.id),
  SDMX.timeDimension.id,
  SDMX.measure.id,
  ...SDMX.attributes.map((a) => a.id),
];

/** The UNIT_MEASURE code of a catalogue unit (its English name): from the DSD's list, else an upper-case slug. */
export function unitMeasureOf(unitEn: string): string {
  const known = SDMX.unitMeasure[unitEn];
  if (known) return known;
  const slug = unitEn
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug || 'UNKNOWN';
}

/** One observation as SDMX sees it: the full key, the value and its attributes. */
export interface SdmxObservation {
  indicator: string;
  area: string;
  areaNameVi: string;
  areaNameEn: string;
  vintage: string;
  period: string;
  value: number;
  unit: string;
  status: ObservationStatus;
  source: string;
}

/**
 * The rows of a query as SDMX observations. Rows without a value (no data, incomplete coverage) are left out, as SDMX
 * does not require every key; values are written at full precision so that a re-import gives the same numbers.
 */
export function sdmxObservations(res: DataResponse, vintageOf: (unitCode: string) => string): SdmxObservation[] {
  const ind = new Map(res.indicators.map((i) => [i.code, i]));
  const out: SdmxObservation[] = [];
  for (const r of res.rows) {
    if (r.value === null) continue;
    out.push({
      indicator: r.indicator,
      area: r.unitCode,
      areaNameVi: r.unitName,
      areaNameEn: r.unitNameEn,
      vintage: vintageOf(r.unitCode),
      period: String(r.period),
      value: r.value,
      unit: unitMeasureOf(ind.get(r.indicator)?.unitEn ?? ''),
      status: r.status ?? 'final',
      source: r.sources.map((s) => `${s.dataset} #${s.releaseNumber} (${s.publisher})`).join('; '),
    });
  }
  return out;
}

/** SDMX-CSV 2.0 (RFC 4180, comma, ids only, action I), one row per observation. */
export function sdmxCsv(obs: readonly SdmxObservation[]): string {
  const lines = [SDMX_CSV_HEADER.join(',')];
  for (const o of obs)
    lines.push(
      [
        'dataflow',
        DATAFLOW_REF,
        'I',
        o.indicator,
        o.area,
        o.vintage,
        o.period,
        o.value,
        o.unit,
        SDMX.obsStatus[o.status].code,
        o.source,
      ]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

const names = (vi: string, en: string) => ({ name: vi, names: { vi, en } });

/** Distinct values in first-seen order, with each one's index. */
function indexer<T>(key: (x: T) => string) {
  const idx = new Map<string, number>();
  const items: T[] = [];
  return {
    add(x: T) {
      const k = key(x);
      let i = idx.get(k);
      if (i === undefined) {
        i = items.length;
        idx.set(k, i);
        items.push(x);
      }
      return i;
    },
    items,
  };
}

/**
 * An SDMX-JSON 2.0 data message: every dimension at observation level (a flat message), observation keys
 * `indicator:area:vintage:period`, each observation `[OBS_VALUE, UNIT_MEASURE, OBS_STATUS, SOURCE]` (attribute values
 * as indexes into their value lists).
 */
export function sdmxJson(
  obs: readonly SdmxObservation[],
  ctx: { indicators: readonly Indicator[]; id: string; prepared: string; links?: { href: string; rel: string }[] },
) {
  const indName = new Map(ctx.indicators.map((i) => [i.code, i]));
  const dims = {
    ind: indexer<SdmxObservation>((o) => o.indicator),
    area: indexer<SdmxObservation>((o) => o.area),
    vintage: indexer<SdmxObservation>((o) => o.vintage),
    period: indexer<SdmxObservation>((o) => o.period),
  };
  const attrs = {
    unit: indexer<SdmxObservation>((o) => o.unit),
    status: indexer<SdmxObservation>((o) => o.status),
    source: indexer<SdmxObservation>((o) => o.source),
  };
  const observations: Record<string, (number | null)[]> = {};
  for (const o of obs) {
    const key = [dims.ind.add(o), dims.area.add(o), dims.vintage.add(o), dims.period.add(o)].join(':');
    observations[key] = [o.value, attrs.unit.add(o), attrs.status.add(o), o.source ? attrs.source.add(o) : null];
  }
  const [dInd, dArea, dVintage] = SDMX.dimensions;
  const [aUnit, aStatus, aSource] = SDMX.attributes;
  const unitName = (code: string) => {
    const i = ctx.indicators.find((x) => unitMeasureOf(x.unitEn) === code);
    return i ? names(i.unitVi, i.unitEn) : names(code, code);
  };
  return {
    meta: {
      schema: SDMX_JSON_DATA_SCHEMA,
      id: ctx.id,
      prepared: ctx.prepared,
      test: false,
      contentLanguages: ['vi', 'en'],
      sender: { id: SDMX.agency, ...names(SDMX.agencyName.vi, SDMX.agencyName.en) },
      ...(ctx.links ? { links: ctx.links } : {}),
    },
    data: {
      structures: [
        {
          ...names(SDMX.dataflow.vi, SDMX.dataflow.en),
          links: [
            { urn: DATAFLOW_URN, rel: 'dataflow' },
            { urn: DSD_URN, rel: 'datastructure' },
          ],
          dimensions: {
            dataSet: [],
            series: [],
            observation: [
              {
                id: dInd.id,
                ...names(dInd.vi, dInd.en),
                keyPosition: 0,
                values: dims.ind.items.map((o) => {
                  const i = indName.get(o.indicator);
                  return { id: o.indicator, ...names(i?.nameVi ?? o.indicator, i?.nameEn ?? o.indicator) };
                }),
              },
              {
                id: dArea.id,
                ...names(dArea.vi, dArea.en),
                keyPosition: 1,
                values: dims.area.items.map((o) => ({ id: o.area, ...names(o.areaNameVi, o.areaNameEn) })),
              },
              {
                id: dVintage.id,
                ...names(dVintage.vi, dVintage.en),
                keyPosition: 2,
                values: dims.vintage.items.map((o) => ({ id: o.vintage, ...names(o.vintage, o.vintage) })),
              },
              {
                id: SDMX.timeDimension.id,
                ...names(SDMX.timeDimension.vi, SDMX.timeDimension.en),
                keyPosition: 3,
                roles: ['TIME_PERIOD'],
                values: dims.period.items.map((o) => ({ id: o.period, ...names(o.period, o.period) })),
              },
            ],
          },
          measures: { observation: [{ id: SDMX.measure.id, ...names(SDMX.measure.vi, SDMX.measure.en) }] },
          attributes: {
            dataSet: [],
            series: [],
            observation: [
              {
                id: aUnit.id,
                ...names(aUnit.vi, aUnit.en),
                relationship: { dimensions: [dInd.id] },
                values: attrs.unit.items.map((o) => ({ id: o.unit, ...unitName(o.unit) })),
              },
              {
                id: aStatus.id,
                ...names(aStatus.vi, aStatus.en),
                relationship: { observation: {} },
                values: attrs.status.items.map((o) => {
                  const s = SDMX.obsStatus[o.status];
                  return { id: s.code, ...names(s.vi, s.en) };
                }),
              },
              {
                id: aSource.id,
                ...names(aSource.vi, aSource.en),
                relationship: { observation: {} },
                values: attrs.source.items.map((o) => ({ value: o.source })),
              },
            ],
          },
          dataSets: [0],
        },
      ],
      dataSets: [
        { structure: 0, action: 'Information', links: [{ urn: DATAFLOW_URN, rel: 'dataflow' }], observations },
      ],
    },
  };
}

/** The DSD, its dataflow, concepts and code lists as an SDMX-JSON 2.0 structure message. */
export function sdmxStructure(indicators: readonly Indicator[], prepared: string) {
  const base = { agencyID: SDMX.agency, version: SDMX.version, isExternalReference: false };
  const concept = (id: string) => urn('conceptscheme.Concept', SDMX.conceptScheme.id, id);
  const codelist = (id: string) => urn('codelist.Codelist', id);
  const dimension = (d: SdmxConfig['dimensions'][number], position: number) => ({
    id: d.id,
    position,
    type: 'Dimension',
    conceptIdentity: concept(d.id),
    localRepresentation: d.codelist
      ? { enumeration: codelist(d.codelist) }
      : { format: { textType: d.id === 'GEO_VINTAGE' ? 'GregorianDay' : 'String' } },
  });
  const units = new Map<string, Indicator>();
  for (const i of indicators) if (!units.has(unitMeasureOf(i.unitEn))) units.set(unitMeasureOf(i.unitEn), i);
  const all = [...SDMX.dimensions, SDMX.timeDimension, SDMX.measure, ...SDMX.attributes];
  return {
    meta: {
      schema: SDMX_JSON_STRUCTURE_SCHEMA,
      id: `DSD-${prepared.replace(/[^0-9]/g, '').slice(0, 14)}`,
      prepared,
      test: false,
      contentLanguages: ['vi', 'en'],
      sender: { id: SDMX.agency, ...names(SDMX.agencyName.vi, SDMX.agencyName.en) },
    },
    data: {
      dataStructures: [
        {
          id: SDMX.dsd.id,
          ...base,
          ...names(SDMX.dsd.vi, SDMX.dsd.en),
          dataStructureComponents: {
            dimensionList: {
              id: 'DimensionDescriptor',
              dimensions: SDMX.dimensions.map((d, i) => dimension(d, i)),
              timeDimensions: [
                {
                  id: SDMX.timeDimension.id,
                  position: SDMX.dimensions.length,
                  type: 'TimeDimension',
                  conceptIdentity: concept(SDMX.timeDimension.id),
                  localRepresentation: { format: { textType: 'GregorianYear' } },
                },
              ],
            },
            measureList: {
              id: 'MeasureDescriptor',
              measures: [
                {
                  id: SDMX.measure.id,
                  conceptIdentity: concept(SDMX.measure.id),
                  localRepresentation: { format: { textType: 'Double' } },
                },
              ],
            },
            attributeList: {
              id: 'AttributeDescriptor',
              attributes: SDMX.attributes.map((a) => ({
                id: a.id,
                usage: a.mandatory ? 'mandatory' : 'optional',
                attributeRelationship: a.relationship ? { dimensions: a.relationship } : { observation: {} },
                conceptIdentity: concept(a.id),
                localRepresentation: a.codelist
                  ? { enumeration: codelist(a.codelist) }
                  : { format: { textType: 'String' } },
              })),
            },
          },
        },
      ],
      dataflows: [{ id: SDMX.dataflow.id, ...base, ...names(SDMX.dataflow.vi, SDMX.dataflow.en), structure: DSD_URN }],
      conceptSchemes: [
        {
          id: SDMX.conceptScheme.id,
          ...base,
          ...names(SDMX.conceptScheme.vi, SDMX.conceptScheme.en),
          concepts: all.map((c) => ({ id: c.id, ...names(c.vi, c.en) })),
        },
      ],
      codelists: [
        {
          id: 'CL_INDICATOR',
          ...base,
          ...names('Danh mục chỉ tiêu', 'Indicator catalogue'),
          codes: indicators.map((i) => ({ id: i.code, ...names(i.nameVi, i.nameEn) })),
        },
        {
          id: 'CL_UNIT_MEASURE',
          ...base,
          ...names('Đơn vị tính', 'Units of measure'),
          codes: [...units].map(([code, i]) => ({ id: code, ...names(i.unitVi, i.unitEn) })),
        },
        {
          id: 'CL_OBS_STATUS',
          ...base,
          ...names('Trạng thái số liệu', 'Observation status'),
          codes: Object.values(SDMX.obsStatus).map((s) => ({ id: s.code, ...names(s.vi, s.en) })),
        },
      ],
    },
  };
}

const rowError = (row: number, column: string, value: string, code: string, en: string, vi: string): ImportError => ({
  row,
  column,
  value,
  code,
  message: en,
  messageVi: vi,
});

const STATUS_BY_CODE = new Map(
  Object.entries(SDMX.obsStatus).map(([status, s]) => [s.code, status as ObservationStatus]),
);

/** Check one row's STRUCTURE and STRUCTURE_ID against our dataflow or DSD (any 1.x version, or none). */
function structureProblem(kind: string, id: string): [string, string] | null {
  if (kind !== 'dataflow' && kind !== 'datastructure')
    return [
      `STRUCTURE must be "dataflow" or "datastructure", not "${kind}".`,
      `STRUCTURE phải là "dataflow" hoặc "datastructure", không phải "${kind}".`,
    ];
  const want = kind === 'dataflow' ? SDMX.dataflow.id : SDMX.dsd.id;
  const m = /^([A-Za-z0-9_.@$-]+):([A-Za-z0-9_@$-]+)(?:\(([0-9.]+)\))?$/.exec(id);
  if (!m || m[1] !== SDMX.agency || m[2] !== want || (m[3] && m[3].split('.')[0] !== SDMX.version.split('.')[0]))
    return [
      `STRUCTURE_ID "${id}" is not ${SDMX.agency}:${want}(${SDMX.version}).`,
      `STRUCTURE_ID "${id}" không phải ${SDMX.agency}:${want}(${SDMX.version}).`,
    ];
  return null;
}

/** Long-format columns the importer reads, under their SDMX names (aliases in `import-values.ts`). */
const IMPORT_COLUMNS = ['INDICATOR', 'REF_AREA', 'TIME_PERIOD', 'OBS_VALUE', 'GEO_VINTAGE', 'OBS_STATUS'] as const;

/**
 * Turn SDMX-CSV records (header first, with their row numbers) into the importer's long format, checking what only
 * SDMX has: the structure and its id, the action (I, A, R; deletions are refused), the status code, the unit against
 * the catalogue. Every problem is returned with its row and column; the importer checks the rest (codes, numbers,
 * years, rights) and names the same SDMX columns.
 */
export function sdmxCsvToImport(
  records: readonly CsvRecord[],
  unitOf: (indicator: string) => string | null,
): { records: CsvRecord[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const [head, ...rows] = records;
  if (!head) return { records: [], errors: [rowError(0, '', '', 'empty_file', 'The file is empty.', 'Tệp trống.')] };
  // Headers may carry labels (`ID: Name`) or a sub-field separator (`STRUCTURE[;]`): the id is what counts.
  const ids = head.fields.map((f) =>
    f
      .trim()
      .split(': ')[0]
      .replace(/\[.*\]$/, ''),
  );
  const col = new Map(ids.map((id, i) => [id, i]));
  const required = ['STRUCTURE', 'STRUCTURE_ID', ...IMPORT_COLUMNS.filter((c) => c !== 'OBS_STATUS')];
  const missing = required.filter((c) => !col.has(c));
  if (ids[0] !== 'STRUCTURE' || missing.length)
    return {
      records: [],
      errors: [
        rowError(
          head.row,
          missing[0] ?? 'STRUCTURE',
          '',
          'not_sdmx_csv',
          `Not an SDMX-CSV file of ${DATAFLOW_REF}: the first column must be STRUCTURE${missing.length ? `; missing ${missing.join(', ')}` : ''}.`,
          `Không phải tệp SDMX-CSV của ${DATAFLOW_REF}: cột đầu tiên phải là STRUCTURE${missing.length ? `; thiếu cột ${missing.join(', ')}` : ''}.`,
        ),
      ],
    };
  const cell = (r: CsvRecord, c: string) => {
    const i = col.get(c);
    return i === undefined ? '' : (r.fields[i] ?? '').trim();
  };
  const out: CsvRecord[] = [{ row: head.row, fields: [...IMPORT_COLUMNS] }];
  for (const r of rows) {
    if (r.fields.every((f) => f.trim() === '')) continue;
    const bad = (c: string, code: string, en: string, vi: string) =>
      errors.push(rowError(r.row, c, cell(r, c), code, `Row ${r.row}, ${c}: ${en}`, `Dòng ${r.row}, cột ${c}: ${vi}`));
    const structure = structureProblem(cell(r, 'STRUCTURE'), cell(r, 'STRUCTURE_ID'));
    if (structure) bad('STRUCTURE_ID', 'sdmx_structure', ...structure);
    const action = cell(r, 'ACTION') || 'I';
    if (action === 'D')
      bad(
        'ACTION',
        'sdmx_delete_unsupported',
        'deletions (D) are not imported; corrections come as a new release.',
        'không nhập thao tác xóa (D); sửa số liệu bằng một lần công bố mới.',
      );
    else if (!['I', 'A', 'R'].includes(action))
      bad(
        'ACTION',
        'sdmx_action',
        `"${action}" is not an SDMX action (I, A, R).`,
        `"${action}" không phải thao tác SDMX (I, A, R).`,
      );
    const code = cell(r, 'OBS_STATUS');
    const status = code === '' ? 'final' : STATUS_BY_CODE.get(code);
    if (!status)
      bad(
        'OBS_STATUS',
        'sdmx_obs_status',
        `"${code}" is not in CL_OBS_STATUS (A, P, E).`,
        `"${code}" không thuộc CL_OBS_STATUS (A, P, E).`,
      );
    const unit = cell(r, 'UNIT_MEASURE');
    const expected = unitOf(cell(r, 'INDICATOR'));
    if (unit && expected && unit !== expected)
      bad(
        'UNIT_MEASURE',
        'unit_mismatch',
        `the indicator is measured in ${expected}, not ${unit}.`,
        `chỉ tiêu có đơn vị tính ${expected}, không phải ${unit}.`,
      );
    out.push({
      row: r.row,
      fields: [
        cell(r, 'INDICATOR'),
        cell(r, 'REF_AREA'),
        cell(r, 'TIME_PERIOD'),
        cell(r, 'OBS_VALUE'),
        cell(r, 'GEO_VINTAGE'),
        status ?? '',
      ],
    });
  }
  return { records: out, errors };
}

import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { IATI_SCHEMA, xmllintSchema } from '../../../test/xmllint';
import { buildIatiActivities, IATI_CODES, type IatiProject, xmlText } from './iati';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parse with a strict, conformant XML parser (saxes, the parser exceljs uses) into a small tree. */
function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (t) => {
    const n: Node = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(n);
    stack.push(n);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0];
}
const kids = (n: Node, name: string) => n.children.filter((c) => c.name === name);

const project: IatiProject = {
  code: 'RD1-02',
  nameVi: 'Cao tốc, tiền cao tốc Tuyên Quang - Phú Thọ',
  nameEn: 'Tuyên Quang - Phú Thọ expressway',
  descriptionVi: 'Ghi chú <có ký tự đặc biệt> & "dấu nháy"\u0001',
  sector: 'road',
  status: 'under_way',
  phase: '2021-2025',
  leadOrgs: [{ code: 'BXD', nameVi: 'Bộ Xây dựng', nameEn: 'Ministry of Construction' }],
  provinces: [
    { code: '08', vintage: '2025-06-30', nameVi: 'Tuyên Quang', role: 'located' },
    { code: '25', vintage: '2025-06-30', nameVi: 'Phú Thọ', role: 'located' },
  ],
  fundingLines: [
    { source: 'central_budget', year: 2024, planned: 1_000, allocated: 900, disbursed: 800 },
    { source: 'oda', year: 2024, planned: 500, allocated: null, disbursed: null },
    { source: 'central_budget', year: 2025, planned: 1_200.5, allocated: 1_100, disbursed: 0 },
  ],
  updatedAt: '2026-01-02T03:04:05.000Z',
  hasDemoData: true,
};

describe('IATI activity XML', () => {
  const xml = buildIatiActivities([project], {
    generatedAt: '2026-11-23T00:00:00.000Z',
    reportingOrg: { vi: 'Bộ Tài chính', en: 'Ministry of Finance' },
  });
  const doc = parseXml(xml);

  it('is well-formed XML of iati-activities 2.03 with one activity', () => {
    expect(doc.name).toBe('iati-activities');
    expect(doc.attrs.version).toBe('2.03');
    expect(kids(doc, 'iati-activity')).toHaveLength(1);
  });

  it('has the required elements in the schema order', () => {
    const a = kids(doc, 'iati-activity')[0];
    expect(a.attrs['default-currency']).toBe('VND');
    const order = a.children.map((c) => c.name).filter((n, i, arr) => arr.indexOf(n) === i);
    expect(order).toEqual([
      'iati-identifier',
      'reporting-org',
      'title',
      'description',
      'participating-org',
      'activity-status',
      'activity-date',
      'activity-scope',
      'recipient-country',
      'location',
      'sector',
      'budget',
      'transaction',
    ]);
    expect(kids(a, 'iati-identifier')[0].text).toBe('VN-BTC-RD1-02');
    expect(kids(a, 'activity-status')[0].attrs.code).toBe('2');
    expect(kids(a, 'activity-scope')[0].attrs.code).toBe('5'); // several first-level areas
    expect(kids(a, 'recipient-country')[0].attrs.code).toBe('VN');
    expect(kids(a, 'sector')[0].attrs).toMatchObject({ vocabulary: '1', code: '21020' });
    expect(kids(a, 'title')[0].children.map((c) => c.text)).toEqual([project.nameVi, project.nameEn]);
    // Funders by source (government budget, multilateral lender), then the lead ministry as implementer.
    expect(kids(a, 'participating-org').map((o) => [o.attrs.role, o.attrs.type])).toEqual([
      ['1', '10'],
      ['1', '40'],
      ['4', '10'],
    ]);
    expect(kids(a, 'activity-date').map((d) => [d.attrs.type, d.attrs['iso-date']])).toEqual([
      ['1', '2021-01-01'],
      ['3', '2025-12-31'],
    ]);
    expect(kids(kids(a, 'location')[0], 'administrative')[0].attrs).toMatchObject({ vocabulary: 'A4', code: 'VN' });
  });

  it('writes yearly budgets and transactions in VND (amounts are stored in million VND)', () => {
    const a = kids(doc, 'iati-activity')[0];
    const budgets = kids(a, 'budget').map((b) => kids(b, 'value')[0].text);
    expect(budgets).toEqual(['1500000000', '1200500000']);
    const tx = kids(a, 'transaction').map((t) => [kids(t, 'transaction-type')[0].attrs.code, kids(t, 'value')[0].text]);
    expect(tx).toEqual([
      ['2', '900000000'],
      ['3', '800000000'],
      ['2', '1100000000'],
    ]);
  });

  it('escapes markup, strips XML-illegal characters and says when figures are illustrative', () => {
    const desc = kids(kids(doc, 'iati-activity')[0], 'description')[0].children[0].text;
    expect(desc).toContain('<có ký tự đặc biệt> & "dấu nháy"');
    expect(desc).not.toContain('\u0001');
    expect(desc).toContain('minh họa');
    expect(xmlText('a&b<c')).toBe('a&amp;b&lt;c');
  });
});

describe('IATI 2.03 schema validation (xmllint --schema, the official XSD in reference/iati/)', () => {
  const bare: IatiProject = {
    ...project,
    code: 'BARE-01',
    descriptionVi: null,
    phase: null,
    status: 'not_reported',
    leadOrgs: [],
    provinces: [],
    fundingLines: [],
    hasDemoData: false,
  };
  const province: IatiProject = {
    ...bare,
    code: 'PROV-01',
    phase: null,
    leadOrgs: [{ code: 'UBND-20', nameVi: 'Ủy ban nhân dân tỉnh Lạng Sơn', nameEn: "People's Committee of Lạng Sơn" }],
    fundingLines: [{ source: 'local_budget', year: 2026, planned: 10, allocated: null, disbursed: null }],
  };

  it('a full activity, one with nothing recorded and one with only a province validate', () => {
    const xml = buildIatiActivities([project, bare, province], { generatedAt: '2026-11-23T00:00:00.000Z' });
    const r = xmllintSchema(xml, IATI_SCHEMA);
    console.log(`xmllint (unit fixture): ${r.output}`);
    expect(r.output).toMatch(/validates$/);
    expect(r.valid).toBe(true);
  });

  it('fills the mandatory elements from what is known, and says so', () => {
    const doc = parseXml(buildIatiActivities([bare, province], { generatedAt: '2026-11-23T00:00:00.000Z' }));
    const [a, b] = kids(doc, 'iati-activity');
    expect(kids(a, 'description')[0].children[0].text).toContain('quy hoạch vùng 2021–2030');
    expect(kids(a, 'participating-org').map((o) => [o.attrs.role, o.attrs.ref])).toEqual([['3', 'VN-BTC']]);
    expect(kids(a, 'activity-date').map((d) => d.attrs['iso-date'])).toEqual(['2021-01-01', '2030-12-31']);
    expect(kids(a, 'activity-scope')[0].attrs.code).toBe('4');
    // A People's Committee is local government (11); the local budget is its own funding.
    expect(kids(b, 'participating-org').map((o) => [o.attrs.role, o.attrs.type])).toEqual([
      ['1', '11'],
      ['4', '11'],
    ]);
    expect(kids(b, 'activity-date').map((d) => d.attrs['iso-date'])).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('a document out of the schema order is refused by the same check (the check can fail)', () => {
    const xml = buildIatiActivities([project], { generatedAt: '2026-11-23T00:00:00.000Z' }).replace(
      /(<description[\s\S]*?<\/description>)([\s\S]*?)(<activity-status[^>]*>)/,
      '$3$2$1',
    );
    const r = xmllintSchema(xml, IATI_SCHEMA);
    expect(r.valid).toBe(false);
    expect(r.output).toContain('fails to validate');
  });

  it('uses only codes of the IATI codelists it names', () => {
    expect(new Set(Object.values(IATI_CODES.activityStatus))).toEqual(new Set(['1', '2', '3', '6']));
    const orgTypes = ['10', '11', '15', '21', '22', '23', '24', '30', '40', '60', '70', '71', '72', '73', '80', '90'];
    for (const t of [...Object.values(IATI_CODES.providerType), IATI_CODES.organisationType.default])
      expect(orgTypes).toContain(t);
    expect(['A1', 'A2', 'A3', 'A4', 'G1', 'G2']).toContain(IATI_CODES.locationVocabulary.country);
  });
});

import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { buildIatiActivities, type IatiProject, xmlText } from './iati';

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

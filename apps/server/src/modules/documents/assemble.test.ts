import type { ReportModel } from '@regionlink/shared';
import { describe, expect, it } from 'vitest';
import type { CycleReportSource } from '../reporting/cycles.service';
import { parseNarrative } from '../reporting/narrative';
import {
  assembleDraft,
  geographyDateOf,
  itemHeading,
  lowerFirst,
  narrativeBlocks,
  subjectOf,
  taskSubheading,
} from './assemble';
import { blocksText, fieldText, listTasks, reporterCountsPhrase } from './report-model';

/** The pure assembly rules, on small sources written here (the real 2025 cycle is checked in the route tests). */

const entry = (orgCode: string, group: 'central' | 'locality', html: string, status: string | null = 'done') => ({
  submissionId: 1,
  organisationId: 1,
  orgCode,
  orgNameVi: group === 'central' ? `Bộ ${orgCode}` : `Ủy ban nhân dân tỉnh ${orgCode}`,
  orgNameEn: orgCode,
  group,
  docNumber: `${orgCode}/BC`,
  docDate: '2026-11-20',
  status: status as never,
  narrativeHtml: html,
  narrative: parseNarrative(html),
  figures: {},
  sourceNote: null,
});

const task = (code: string, section: 'general' | 'ministry' | 'province', extra: Record<string, unknown> = {}) => ({
  taskId: 1,
  code,
  section,
  groupCode: code.split('.').length > 3 ? code.split('.').slice(0, 3).join('.') : code.split('.').slice(0, 2).join('.'),
  groupTitleVi:
    code.split('.').length > 3 ? 'Nhóm nhiệm vụ thử nghiệm' : `Mục ${code.split('.').slice(0, 2).join('.')}`,
  titleVi: `Xây dựng nội dung ${code}`,
  headingVi: `Xây dựng nội dung ${code}`,
  shortTitleVi: code,
  titleEn: code,
  sortOrder: 1,
  figures: [],
  assessmentStatus: null,
  assessmentNote: null,
  assessmentHtml: null,
  entries: [],
  ...extra,
});

const reg = (
  no: number,
  orgCode: string,
  docNumber: string | null,
  flags: { code: string; noteVi: string; noteEn: string }[] = [],
) => ({
  no,
  organisationId: no,
  orgCode,
  orgNameVi: orgCode.startsWith('UBND') ? `Ủy ban nhân dân tỉnh ${orgCode}` : `Bộ ${orgCode}`,
  orgNameEn: orgCode,
  reportingBodyVi: null,
  docNumber,
  issuedOn: docNumber ? '2026-11-20' : null,
  receivedOn: docNumber ? '2026-11-21' : null,
  flags,
});

function source(over: Partial<CycleReportSource> = {}): CycleReportSource {
  return {
    cycle: {
      id: 9,
      year: 2026,
      nameVi: 'Báo cáo kết quả thực hiện Nghị quyết số 57/NQ-CP năm 2026',
      nameEn: 'x',
      policyCode: '57/NQ-CP',
      policyTitleVi: 'Nghị quyết số 57/NQ-CP ngày 21/4/2022 của Chính phủ về liên kết vùng',
      policyIssuedOn: '2022-04-21',
      requestNumber: '100/BTC-VCL',
      requestDate: '2026-11-02',
      deadline: '2026-12-15',
      cutoff: '2026-12-20',
      status: 'closed',
      publishedAt: null,
      flags: [],
    },
    tasks: [
      task('1.1.a', 'general', {
        entries: [
          entry('BXD', 'central', '<p>Bộ đã làm.</p>'),
          entry('UBND-20', 'locality', '<p>Tỉnh đã làm.</p>', null),
        ],
      }),
      task('1.2.a.1', 'ministry', {
        assessmentStatus: 'done',
        assessmentHtml: '<p>Đã hoàn thành.</p>',
        entries: [entry('BXD', 'central', '<p>Đã xong.</p>')],
      }),
      task('1.2.a.2', 'ministry'),
      task('1.3.a', 'province'),
    ] as never,
    generalSections: [
      {
        key: 'results',
        titleVi: 'Kết quả đạt được',
        titleEn: 'Results',
        entries: ['UBND-20', 'UBND-04'].map((o) => ({
          submissionId: 1,
          orgCode: o,
          orgNameVi: `Ủy ban nhân dân tỉnh ${o}`,
          group: 'locality' as const,
          docNumber: `${o}/BC`,
          html: '<p>Cùng một nội dung.</p>',
          narrative: parseNarrative('<p>Cùng một nội dung.</p>'),
        })),
      },
      { key: 'other_topic', titleVi: 'Nội dung khác', titleEn: 'Other', entries: [] },
    ],
    register: {
      central: [reg(1, 'BXD', '5/BXD')],
      locality: [reg(1, 'UBND-20', '7/BC-UBND'), reg(2, 'UBND-04', '8/BC-UBND')],
    },
    counts: {
      central: 1,
      locality: 2,
      // Received by the cut-off: one more locality than accepted (still under review).
      received: { central: 1, locality: 3, codes: ['BXD', 'UBND-20', 'UBND-04', 'UBND-01'] },
      expected: 5,
      missing: [
        { orgCode: 'BTC', orgNameVi: 'Bộ Tài chính', group: 'central' },
        { orgCode: 'UBND-01', orgNameVi: 'Ủy ban nhân dân thành phố Hà Nội', group: 'locality' },
      ],
    },
    ...over,
  };
}

const orgs = [
  { code: 'UBND-20', provinceCode: '20' },
  { code: 'UBND-04', provinceCode: '04' },
  { code: 'UBND-01', provinceCode: '01' },
  { code: 'BXD', provinceCode: null },
];
const regions = [
  { code: 'NMM', nameVi: 'Trung du và miền núi phía Bắc', nameEn: 'NMM', memberCodes: ['04', '20'] },
  { code: 'RRD', nameVi: 'Đồng bằng sông Hồng', nameEn: 'RRD', memberCodes: ['01'] },
];
const assemble = (s = source()): ReportModel => assembleDraft({ source: s, organisations: orgs, regions });

describe('narrative HTML as report blocks', () => {
  it('keeps paragraphs, emphasis and footnotes; turns "- " lines into items and italic "- …:" lines into subheadings', () => {
    const blocks = narrativeBlocks(
      parseNarrative(
        '<p><em>- Đối với nhiệm vụ A:</em></p><p>Văn bản <strong>đậm</strong><sup data-footnote="Chú thích một">1</sup>.</p><p>- Một ý</p><p>+ Ý nhỏ</p><ul><li>Gạch đầu dòng</li></ul><ol><li>Thứ nhất</li><li>Thứ hai</li></ol><p><a href="https://example.vn">trang</a></p><h3>Điểm</h3>',
      ),
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'subheading',
      'paragraph',
      'item',
      'item',
      'item',
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
    ]);
    const p = blocks[1];
    expect(p.kind === 'paragraph' && p.content).toEqual([
      { kind: 'text', text: 'Văn bản ', bold: false, italic: false },
      { kind: 'text', text: 'đậm', bold: true, italic: false },
      { kind: 'footnote', paragraphs: [[{ kind: 'text', text: 'Chú thích một', bold: false, italic: false }]] },
      { kind: 'text', text: '.', bold: false, italic: false },
    ]);
    expect(blocks[2]).toMatchObject({ kind: 'item', marker: '-', content: [{ text: 'Một ý' }] });
    expect(blocks[3]).toMatchObject({ kind: 'item', marker: '+', content: [{ text: 'Ý nhỏ' }] });
    expect(blocks[5]).toMatchObject({ content: [{ text: '1. Thứ nhất' }] });
    expect(blocks[6]).toMatchObject({ content: [{ text: '2. Thứ hai' }] });
    expect(blocks[7]).toMatchObject({ content: [{ text: 'trang (https://example.vn)' }] });
  });
});

describe('headings and names', () => {
  it('frames headings as the annual report does', () => {
    expect(itemHeading('ministry', 'Nghiên cứu cơ chế.')).toBe('Nhóm nhiệm vụ nghiên cứu cơ chế');
    expect(itemHeading('province', 'Huy động các nguồn lực')).toBe('Đối với nhiệm vụ huy động các nguồn lực');
    expect(itemHeading('general', 'Tuyên truyền')).toBe('Tuyên truyền');
    expect(taskSubheading('Xây dựng đề án')).toBe('- Đối với nhiệm vụ xây dựng đề án:');
    expect(lowerFirst('ODA và vốn vay')).toBe('ODA và vốn vay');
    expect(subjectOf('Báo cáo kết quả thực hiện năm 2025')).toBe('kết quả thực hiện năm 2025');
  });

  it('joins localities on the 34-province geography, never earlier than the 2025 reform', () => {
    expect(geographyDateOf('2024-12-20', 2024)).toBe('2025-07-01');
    expect(geographyDateOf('2025-12-23', 2025)).toBe('2025-12-23');
    expect(geographyDateOf(null, 2026)).toBe('2026-12-31');
  });
});

describe('assembling a draft', () => {
  it('builds Part I in outline order with sections, lettered items and subtasks', () => {
    const m = assemble();
    expect(m.report.partOne.sections.map((s) => s.code)).toEqual(['1.1', '1.2', '1.3']);
    const refs = listTasks(m);
    expect(refs.map((r) => [r.item.code, r.task.code, r.task.subheading])).toEqual([
      ['1.1.a', '1.1.a', null],
      ['1.2.a', '1.2.a.1', '- Đối với nhiệm vụ xây dựng nội dung 1.2.a.1:'],
      ['1.2.a', '1.2.a.2', '- Đối với nhiệm vụ xây dựng nội dung 1.2.a.2:'],
      ['1.3.a', '1.3.a', null],
    ]);
    expect(refs[1].item.heading).toBe('Nhóm nhiệm vụ thử nghiệm');
  });

  it('drafts a paragraph where MoF wrote none, keeps MoF’s own text, and marks unreported tasks', () => {
    const refs = listTasks(assemble());
    const a = refs[0].task;
    // Both organisations' narratives are in the drafted paragraph (text or footnotes), none printed separately.
    const text = JSON.stringify(a.synthesis);
    expect(text).toContain('Bộ BXD đã làm.');
    expect(text).toContain('Tỉnh UBND-20 đã làm.');
    expect(a.drafting?.organisations).toEqual(['BXD', 'UBND-20']);
    expect(a.drafting?.sentences.every((s) => s.kind === 'opening' || s.sources.length > 0)).toBe(true);
    // BXD reported "done", UBND-20 gave no status: the consolidated status follows the one status reported.
    expect(a.status).toBe('done');
    expect(a.narratives.map((n) => [n.organisationCode, n.include, n.status, n.regionCode])).toEqual([
      ['BXD', false, 'done', null],
      ['UBND-20', false, 'unclear', 'NMM'],
    ]);
    expect(refs[1].task.status).toBe('done');
    expect(refs[1].task.drafting).toBeUndefined();
    expect(refs[1].task.narratives[0].include).toBe(false);
    expect(refs[2].task.status).toBe('not_reported');
    expect(refs[2].task.synthesis).toEqual([]);
  });

  it('lists the drafting agency first and counts the register, so the letter’s counts follow the data', () => {
    const m = assemble();
    expect(m.reporters.map((r) => [r.organisationCode, r.drafting])).toEqual([
      ['BTC', true],
      ['BXD', false],
      ['UBND-20', false],
      ['UBND-04', false],
    ]);
    expect(m.nonReporters.map((r) => [r.organisationCode, r.name, r.regionCode])).toEqual([
      ['UBND-01', 'UBND TP. Hà Nội', 'RRD'],
    ]);
    // The letter counts reports received by the cut-off (MoF, the drafting agency, with the ministries), not only
    // the accepted ones in Appendix 1.
    expect(reporterCountsPhrase(m)).toBe('02 bộ, cơ quan trung ương và 03 địa phương');
    const fewer = source();
    fewer.counts.received = { central: 1, locality: 1, codes: ['BXD', 'UBND-20'] };
    expect(reporterCountsPhrase(assemble(fewer))).toBe('02 bộ, cơ quan trung ương và 01 địa phương');
    const withMof = source();
    withMof.counts.received = { central: 2, locality: 2, codes: ['BTC', 'BXD', 'UBND-20', 'UBND-04'] };
    expect(reporterCountsPhrase(assemble(withMof))).toBe('02 bộ, cơ quan trung ương và 02 địa phương');
    expect(fieldText('requestLetter', m)).toBe('Công văn số 100/BTC-VCL ngày 02/11/2026');
  });

  it('seeds Part II from the submissions’ sections as themes: identical points once, with who reported them', () => {
    const m = assemble();
    const results = m.report.partTwo.sections[0];
    expect(results.key).toBe('2-1');
    expect(blocksText(results.blocks, m)).toBe('Một là, cùng một nội dung.');
    expect(results.themes?.map((t) => t.organisations)).toEqual([['UBND-20', 'UBND-04']]);
    const p = results.blocks[0];
    expect(p.kind === 'paragraph' && p.content.at(-1)).toEqual({
      kind: 'footnote',
      paragraphs: [
        [
          {
            kind: 'text',
            text: 'Theo báo cáo của: UBND tỉnh UBND-20 (Văn bản số UBND-20/BC ngày 20/11/2026); UBND tỉnh UBND-04 (Văn bản số UBND-04/BC ngày 20/11/2026).',
            bold: false,
            italic: false,
          },
        ],
      ],
    });
    // A section no template section takes is added to Part II, optional.
    expect(m.report.partTwo.sections.at(-1)).toMatchObject({
      key: 'g-other-topic',
      title: 'Nội dung khác',
      required: false,
    });
  });

  it('fills the settings from the cycle and leaves number and day blank', () => {
    const s = assemble().settings;
    expect(s).toMatchObject({
      number: null,
      day: null,
      month: 12,
      year: 2026,
      subject: 'báo cáo kết quả thực hiện Nghị quyết số 57/NQ-CP năm 2026',
      reportTitle: 'Kết quả thực hiện Nghị quyết số 57/NQ-CP năm 2026',
      cutOffDate: '2026-12-20',
      requestLetter: { number: '100/BTC-VCL', date: '2026-11-02' },
    });
  });
});

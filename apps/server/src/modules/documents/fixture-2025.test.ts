import fs from 'node:fs';
import path from 'node:path';
import { type ReportInline, ReportModel } from '@regionlink/shared';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { loadDraft2025, loadFixture2025 } from './fixture-2025';
import { listTasks } from './report-model';

/** The fixture must have the structure of the real 2025 package (issue 7, "Demo"). */

const countNotes = (inlines: readonly ReportInline[]) => inlines.filter((r) => r.kind === 'footnote').length;

describe('the 2025 package as a report model', () => {
  const model = loadFixture2025();

  it('validates against the shared schema', () => {
    expect(() => ReportModel.parse(model)).not.toThrow();
  });

  it('has the letter points 1–3 and the sections of Parts II and III of the original', () => {
    expect(model.letter.sections.map((s) => s.title)).toEqual([
      'Về tình hình tổ chức thực hiện và kết quả triển khai các nhiệm vụ, giải pháp hoàn thiện thể chế liên kết vùng kinh tế - xã hội',
      'Về kiến nghị tiếp tục thực hiện các nhiệm vụ, giải pháp theo Nghị quyết số 57/NQ-CP',
      'Kiến nghị xây dựng Nghị quyết mới thay thế Nghị quyết số 57/NQ-CP',
    ]);
    expect(model.report.partTwo.sections.map((s) => s.title)).toEqual([
      'Những kết quả đạt được',
      'Một số tồn tại, hạn chế và nguyên nhân',
      'Bài học kinh nghiệm',
    ]);
    expect(model.report.partThree.sections.map((s) => s.key)).toEqual(['3-1', '3-2', '3-3']);
    const headings = (blocks: (typeof model.report.partThree.sections)[0]['blocks']) =>
      blocks.filter((b) => b.kind === 'heading').length;
    expect(headings(model.report.partTwo.sections[1].blocks)).toBe(2);
    expect(headings(model.report.partThree.sections[1].blocks)).toBe(7);
  });

  it('has Part I in outline order with every task of reference/domain/res57-tasks-2025.csv', () => {
    const csv = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/res57-tasks-2025.csv'), 'utf8'));
    expect(listTasks(model).map((t) => t.task.code)).toEqual(csv.map((r) => r.code.normalize('NFC')));
    expect(model.report.partOne.sections.map((s) => [s.code, s.items.length])).toEqual([
      ['1.1', 6],
      ['1.2', 7],
      ['1.3', 5],
    ]);
    for (const { task } of listTasks(model)) expect(task.status).not.toBeNull();
    expect(listTasks(model).find((t) => t.task.code === '1.2.d.3')?.task.status).toBe('not_reported');
  });

  it('has Appendix 1 with 11 ministries and agencies (MoF first, as drafting agency) and 27 localities', () => {
    const ministries = model.reporters.filter((r) => r.group === 'ministry');
    const localities = model.reporters.filter((r) => r.group === 'locality');
    expect(ministries).toHaveLength(11);
    expect(localities).toHaveLength(27);
    expect(ministries[0]).toMatchObject({ name: 'Bộ Tài chính', drafting: true, documentNumber: null });
    expect(ministries.find((r) => r.organisationCode === 'BXD')).toMatchObject({
      documentNumber: '15753/BXD-KHTC',
      issuedOn: '2025-12-23',
      receivedOn: '2025-12-23',
    });
    expect(localities.find((r) => r.organisationCode === 'UBND-42')).toMatchObject({
      name: 'Sở Tài chính tỉnh Hà Tĩnh',
      documentNumber: '8428/CTS-TH',
      issuedOn: '2025-11-21',
      receivedOn: '2025-12-12',
      provinceCode: '42',
      regionCode: 'NC',
    });
    // The source's oddities are kept and flagged, not fixed.
    expect(ministries.find((r) => r.organisationCode === 'TTCP')).toMatchObject({
      documentNumber: '11876/BTC-NSNN',
      issuedOn: '2024-11-04',
    });
    expect(ministries.find((r) => r.organisationCode === 'TTCP')?.note).toBeTruthy();
    const missing = (g: string) => model.nonReporters.filter((r) => r.group === g);
    expect(
      missing('locality')
        .map((r) => r.provinceCode)
        .sort(),
    ).toEqual(['33', '48', '56', '66', '68', '79', '82']);
    // Letter 17432/BTC-VCL went to every ministry and ministerial-level agency: 7 of them did not report.
    expect(
      missing('ministry')
        .map((r) => r.organisationCode)
        .sort(),
    ).toEqual(['BCA', 'BNG', 'BNV', 'BTP', 'BVHTTDL', 'BYT', 'VPCP']);
  });

  it('keeps the footnotes of the original: 3 in the letter and 44 in the report', () => {
    const letterNotes = [
      ...model.letter.opening,
      ...model.letter.sections.flatMap((s) => s.blocks),
      ...model.letter.closing,
    ]
      .filter((b) => 'content' in b)
      .reduce((a, b) => a + countNotes((b as { content: ReportInline[] }).content), 0);
    expect(letterNotes).toBe(3);
    const r = model.report;
    const blocks = [
      ...r.intro,
      ...r.partOne.intro,
      ...r.partOne.sections.flatMap((s) => [
        ...s.intro,
        ...s.items.flatMap((i) => [...i.intro, ...i.tasks.flatMap((t) => t.synthesis)]),
      ]),
      ...[r.partTwo, r.partThree].flatMap((p) => [...p.intro, ...p.sections.flatMap((s) => s.blocks)]),
    ];
    const reportNotes = blocks
      .filter((b) => 'content' in b)
      .reduce((a, b) => a + countNotes((b as { content: ReportInline[] }).content), 0);
    expect(reportNotes).toBe(44);
  });

  it('attributes narratives only to organisations of the appendix, with their document numbers', () => {
    const byCode = new Map(model.reporters.map((r) => [r.organisationCode, r]));
    let count = 0;
    for (const { task } of listTasks(model))
      for (const n of task.narratives) {
        count++;
        const r = byCode.get(n.organisationCode);
        expect(r, n.organisationCode).toBeDefined();
        expect(r?.drafting).toBe(false);
        expect(n.documentNumber).toBe(r?.documentNumber);
        expect(n.include).toBe(false);
      }
    expect(count).toBeGreaterThan(50);
    const vcci = listTasks(model).find((t) => t.task.code === '1.2.g.1')?.task.narratives;
    expect(vcci?.map((n) => n.organisationCode)).toEqual(['VCCI']);
  });

  it('stores only NFC text', () => {
    const json = JSON.stringify(model);
    expect(json).toBe(json.normalize('NFC'));
  });

  it('leaves number and day blank in a fresh draft', () => {
    const draft = loadDraft2025();
    expect(draft.settings.number).toBeNull();
    expect(draft.settings.day).toBeNull();
    expect(loadFixture2025().settings.number).toBe('20208');
  });
});

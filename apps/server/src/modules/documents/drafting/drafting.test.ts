import { describe, expect, it } from 'vitest';
import { sanitiseNarrative } from '../../reporting/narrative';
import { parseNarrative } from '../../reporting/narrative';
import { analyseClause } from './actions';
import { creditedBody, documentCitation, placeName, subjectName } from './attribution';
import { consolidatedStatus, letterPoints, sentencesToBlocks, themeBlocks } from './compose-blocks';
import { type Contribution, commonStatement, composeTask, type TaskDraftInput } from './compose-task';
import { figureItems, figureTotal, summariseFigures } from './figures';
import { keySentence, scoreSentences, trimToClause } from './key-sentence';
import { draftingResources, parseStopwords } from './resources';
import { contentWords, features, jaccard, ngrams, splitSentences } from './text';
import { draftThemes, type ThemeMaterial } from './themes';

/** Worked examples of each piece of the drafter, on Vietnamese text as reports write it. */

const res = draftingResources();
const narrative = (html: string) => parseNarrative(sanitiseNarrative(html));

function contribution(code: string, name: string, html: string, extra: Partial<Contribution> = {}): Contribution {
  const group = name.startsWith('UBND') ? 'locality' : 'ministry';
  return {
    organisationCode: code,
    organisationName: name,
    group,
    sender: { organisationName: name, reportingBody: null, documentNumber: `${code}/BC`, documentDate: '2024-11-20' },
    status: 'recurring',
    narrative: narrative(html),
    figures: {},
    ...extra,
  };
}

const task = (contributions: Contribution[], extra: Partial<TaskDraftInput> = {}): TaskDraftInput => ({
  code: '1.3.c',
  heading:
    'Ban hành kịp thời các văn bản trong thẩm quyền để điều chỉnh các hoạt động nhằm phát triển bền vững vùng và liên kết vùng',
  shortTitle: 'Ban hành văn bản trong thẩm quyền về phát triển bền vững vùng',
  figures: [],
  contributions,
  ...extra,
});

const allText = (d: ReturnType<typeof composeTask>) => JSON.stringify(sentencesToBlocks(d.paragraphs));

describe('text pieces', () => {
  it('splits Vietnamese report sentences, keeping "TP. Hồ Chí Minh" and "1.2." inside', () => {
    expect(
      splitSentences(
        'Tỉnh đã ký kết hợp tác với TP. Hồ Chí Minh. Nội dung tại mục 1.2. Các chỉ tiêu đạt 3.000 km. Năm 2024 hoàn thành.',
        res.phrases.abbreviations,
      ),
    ).toEqual([
      'Tỉnh đã ký kết hợp tác với TP. Hồ Chí Minh.',
      'Nội dung tại mục 1.2. Các chỉ tiêu đạt 3.000 km.',
      'Năm 2024 hoàn thành.',
    ]);
  });

  it('removes stop-words after NFC and forms word n-grams', () => {
    // "Hoà" decomposed (NFD) matches "Hoà" composed once normalised.
    const nfd = 'Ban hành kế hoạch phát triển vùng Hoà Bình'.normalize('NFD');
    expect(contentWords(nfd, res.stopwords)).toEqual([
      'ban',
      'hành',
      'kế',
      'hoạch',
      'phát',
      'triển',
      'vùng',
      'hoà',
      'bình',
    ]);
    expect(contentWords('các địa phương đã và đang triển khai', res.stopwords)).toEqual([]);
    expect(ngrams(['a', 'b', 'c'], 2)).toEqual(['a b', 'b c']);
    expect(parseStopwords('# comment\nVà\n\ncủa\n')).toEqual(new Set(['và', 'của']));
  });

  it('measures overlap of features as Jaccard', () => {
    const a = features('ban hành kế hoạch liên kết vùng', res.stopwords);
    const b = features('ban hành kế hoạch hợp tác', res.stopwords);
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(a, b)).toBeGreaterThan(0.2);
    expect(jaccard(a, features('bố trí vốn đối ứng', res.stopwords))).toBe(0);
  });
});

describe('recognising the reported action', () => {
  it('strips time, subject and aspect, and names the kind of action', () => {
    const a = analyseClause('Năm 2024, tỉnh đã ban hành Kế hoạch số 45/KH-UBND về liên kết vùng', res.actions);
    expect(a).toMatchObject({
      context: 'Năm 2024',
      ownSubject: true,
      aspect: 'đã',
      action: 'issue',
      verb: 'ban hành',
      predicate: 'ban hành Kế hoạch số 45/KH-UBND về liên kết vùng',
    });
  });

  it('takes a clause that opens with a verb as the reporter speaking of itself, and finds generic subjects', () => {
    expect(analyseClause('Rà soát các quy hoạch ngành quốc gia', res.actions)).toMatchObject({
      ownSubject: true,
      action: 'review',
    });
    const g = analyseClause(
      'Thực hiện Nghị quyết số 66.2/2025/NQ-CP, vướng mắc về quy hoạch, các địa phương đang phối hợp rà soát',
      res.actions,
    );
    expect(g.genericSubject).toBe('các địa phương');
    expect(g.ownSubject).toBe(false);
  });
});

describe('choosing the key sentence', () => {
  it('scores position, figures, task overlap and similarity, and explains the score', () => {
    const scored = scoreSentences(
      [
        'Tỉnh quan tâm chỉ đạo các sở, ngành.',
        'Tỉnh đã ban hành 12 văn bản trong thẩm quyền về phát triển bền vững vùng và liên kết vùng.',
      ],
      {
        heading: task([]).heading,
        others: ['Thành phố đã ban hành văn bản về liên kết vùng.'],
        stopwords: res.stopwords,
      },
    );
    expect(scored[0].parts.position).toBe(1);
    expect(scored[1].parts.position).toBe(0.5);
    expect(scored[1].parts.figures).toBe(0.5);
    expect(scored[1].parts.task).toBeGreaterThan(scored[0].parts.task);
    expect(keySentence(scored)?.index).toBe(1);
    expect(scored[1].explanation).toMatch(/^vị trí 2 \(0,50\) \+ số liệu 1 \(0,40\) \+ đề mục .* = \d+,\d\d$/);
  });

  it('trims a long sentence to the clause on the task', () => {
    const long =
      'Tỉnh đã tổ chức nhiều hội nghị, hội thảo với sự tham gia của các sở, ngành, doanh nghiệp và hiệp hội trên địa bàn trong năm qua; ban hành 12 văn bản trong thẩm quyền về phát triển bền vững vùng và liên kết vùng; tiếp tục theo dõi việc thực hiện';
    expect(trimToClause(long, task([]).heading, res.stopwords)).toBe(
      'ban hành 12 văn bản trong thẩm quyền về phát triển bền vững vùng và liên kết vùng',
    );
    expect(trimToClause('Câu ngắn; hai vế.', task([]).heading, res.stopwords)).toBe('Câu ngắn; hai vế.');
  });
});

describe('figure sums with units', () => {
  const defs = [
    { key: 'km', labelVi: 'Chiều dài cao tốc', unitVi: 'km', decimals: 0 },
    { key: 'rate', labelVi: 'Tỷ lệ', unitVi: '%', decimals: 1 },
    { key: 'none', labelVi: 'Không ai báo cáo', unitVi: 'dự án', decimals: 0 },
  ];
  it('sums a figure over the reporters, lists a single one, and skips figures nobody gave', () => {
    const s = summariseFigures(defs, [
      { organisation: 'Lạng Sơn', values: { km: 1200, rate: 12.5, none: null } },
      { organisation: 'Cao Bằng', values: { km: 1800, rate: null } },
    ]);
    expect(s.map((x) => x.key)).toEqual(['km', 'rate']);
    expect(figureTotal(s[0], 0)).toBe('3.000');
    expect(figureItems(s[0], 0)).toBe('Lạng Sơn: 1.200 km; Cao Bằng: 1.800 km');
    expect(s[1].total).toBeNull();
    expect(figureItems(s[1], 1)).toBe('Lạng Sơn: 12,5 %');
  });
});

describe('attribution to the sending body', () => {
  it('credits a Department of Finance’s letter to the department, with number and date', () => {
    const s = {
      organisationName: 'UBND tỉnh Tuyên Quang',
      reportingBody: 'Sở Tài chính tỉnh Tuyên Quang',
      documentNumber: '360/BC-STC',
      documentDate: '2025-11-18',
    };
    expect(creditedBody(s)).toBe('Sở Tài chính tỉnh Tuyên Quang');
    expect(documentCitation(s)).toBe('Văn bản số 360/BC-STC ngày 18/11/2025 của Sở Tài chính tỉnh Tuyên Quang');
    expect(creditedBody({ ...s, reportingBody: 'Ủy ban nhân dân tỉnh Tuyên Quang' })).toBe('UBND tỉnh Tuyên Quang');
    expect(documentCitation({ ...s, documentNumber: null })).toBe('Báo cáo của Sở Tài chính tỉnh Tuyên Quang');
    expect(placeName('UBND thành phố Hà Nội')).toBe('Hà Nội');
    expect(subjectName('UBND tỉnh Lạng Sơn', 'locality')).toBe('Tỉnh Lạng Sơn');
  });
});

describe('drafting a task', () => {
  const three = () => [
    contribution(
      'UBND-20',
      'UBND tỉnh Lạng Sơn',
      '<p>Năm 2024, tỉnh đã ban hành Kế hoạch số 45/KH-UBND thực hiện Nghị quyết số 57/NQ-CP về liên kết vùng. Tỉnh tổ chức 3 hội nghị xúc tiến đầu tư với các tỉnh trong vùng.</p>',
    ),
    contribution(
      'UBND-04',
      'UBND tỉnh Cao Bằng',
      '<p>Năm 2024, tỉnh đã ban hành Kế hoạch số 112/KH-UBND thực hiện Nghị quyết số 57/NQ-CP về liên kết vùng.</p>',
    ),
    contribution(
      'BXD',
      'Bộ Xây dựng',
      '<p>Bộ đã trình Chính phủ Nghị định sửa đổi quy định về quản lý dự án đầu tư xây dựng có tính liên vùng.</p>',
      { status: 'in_progress' },
    ),
  ];

  it('opens with the state, merges the same action naming the organisations, keeps distinctive ones, cites examples', () => {
    const d = composeTask(task(three()), res);
    const sentences = d.paragraphs.flat();
    expect(sentences[0]).toMatchObject({ kind: 'opening' });
    expect(sentences[0].text).toBe(
      'Nhiệm vụ ban hành văn bản trong thẩm quyền về phát triển bền vững vùng tiếp tục được các bộ, ngành, địa phương triển khai thực hiện, trong đó 1 cơ quan, địa phương đang triển khai, 2 cơ quan, địa phương thực hiện thường xuyên.',
    );
    const merged = sentences.find((s) => s.kind === 'merged');
    // Only what both said: each plan's own number stays in the footnote, credited to its sender.
    expect(merged?.text).toBe(
      'Năm 2024, các địa phương như Lạng Sơn và Cao Bằng đã ban hành Kế hoạch thực hiện Nghị quyết số 57/NQ-CP về liên kết vùng.',
    );
    expect(merged?.sources.map((s) => s.organisationCode)).toEqual(['UBND-20', 'UBND-04']);
    // Each organisation's own wording, with its document, is in the example footnote.
    expect(merged?.footnote?.[0]).toMatch(
      /^Ví dụ: UBND tỉnh Lạng Sơn: .*45\/KH-UBND.*Tỉnh tổ chức 3 hội nghị.*\(Văn bản số UBND-20\/BC ngày 20\/11\/2024\)\.$/,
    );
    expect(merged?.footnote?.[1]).toContain('Kế hoạch số 112/KH-UBND');
    const own = sentences.find((s) => s.kind === 'own');
    expect(own?.text).toBe(
      'Bộ Xây dựng đã trình Chính phủ Nghị định sửa đổi quy định về quản lý dự án đầu tư xây dựng có tính liên vùng.',
    );
    expect(own?.footnote?.[0]).toBe('Văn bản số BXD/BC ngày 20/11/2024 của Bộ Xây dựng.');
    expect(d.leftOut).toEqual([]);
  });

  it('merges only what every organisation said: differing figures, numbers and names fall out', () => {
    const d = res.phrases.danglingWords;
    const u = res.phrases.unitWords;
    expect(
      commonStatement(
        'bố trí 420 tỷ đồng vốn ngân sách địa phương cho các dự án kết nối liên tỉnh',
        ['bố trí 680 tỷ đồng vốn ngân sách địa phương cho dự án đường liên kết, kết nối các tỉnh'],
        d,
        u,
      ),
    ).toBe('bố trí vốn ngân sách địa phương cho dự án kết nối tỉnh');
    expect(
      commonStatement(
        'kiện toàn Tổ điều phối vùng tại Quyết định số MH-310/QĐ-UBND, do Phó Chủ tịch làm Tổ trưởng; Sở Tài chính là cơ quan thường trực',
        ['kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực, bố trí 02 công chức'],
        d,
        u,
      ),
    ).toBe('kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực');
    expect(commonStatement('phối hợp với Bộ Xây dựng rà soát', ['phối hợp với Bộ Công Thương rà soát'], d, u)).toBe(
      'phối hợp rà soát',
    );
  });

  it('traces every sentence to its passages and names every usable contribution', () => {
    const d = composeTask(task(three()), res);
    for (const s of d.paragraphs.flat()) {
      expect(s.sources.length).toBeGreaterThan(0);
      for (const src of s.sources.filter((x) => !x.passage.startsWith('Tình trạng')))
        expect(JSON.stringify(three().find((c) => c.organisationCode === src.organisationCode)?.narrative)).toContain(
          src.passage.slice(0, 20),
        );
    }
    const text = allText(d);
    for (const c of three()) expect(text).toContain(c.organisationCode === 'BXD' ? 'Bộ Xây dựng' : c.organisationName);
  });

  it('is deterministic: the same submissions give the same draft', () => {
    expect(JSON.stringify(composeTask(task(three()), res))).toBe(JSON.stringify(composeTask(task(three()), res)));
  });

  it('writes identical statements once, naming the organisations after the generic subject', () => {
    const same =
      '<p>Thực hiện Nghị quyết số 66.2/2025/NQ-CP, các địa phương đang phối hợp với các bộ, ngành rà soát để điều chỉnh quy hoạch tỉnh<sup data-footnote="Ví dụ riêng.">1</sup>.</p>';
    const d = composeTask(
      task([
        contribution('UBND-20', 'UBND tỉnh Lạng Sơn', same),
        contribution(
          'UBND-04',
          'UBND tỉnh Cao Bằng',
          same.replace('Ví dụ riêng.', 'Cao Bằng ban hành Quyết định số 1/QĐ-UBND.'),
        ),
      ]),
      res,
    );
    const merged = d.paragraphs.flat().find((s) => s.kind === 'merged');
    expect(merged?.text).toBe(
      'Thực hiện Nghị quyết số 66.2/2025/NQ-CP, các địa phương (Lạng Sơn, Cao Bằng) đang phối hợp với các bộ, ngành rà soát để điều chỉnh quy hoạch tỉnh.',
    );
    expect(merged?.footnote).toEqual([
      'Ví dụ riêng.',
      'Cao Bằng ban hành Quyết định số 1/QĐ-UBND.',
      'Theo báo cáo của: UBND tỉnh Lạng Sơn (Văn bản số UBND-20/BC ngày 20/11/2024); UBND tỉnh Cao Bằng (Văn bản số UBND-04/BC ngày 20/11/2024).',
    ]);
  });

  it('says which contributions were left out and why, and sums the figures with units', () => {
    const d = composeTask(
      task(
        [
          contribution('UBND-20', 'UBND tỉnh Lạng Sơn', '<p>Tỉnh đã hoàn thành 174 nội dung phân cấp.</p>', {
            figures: { items: 174 },
          }),
          contribution('UBND-04', 'UBND tỉnh Cao Bằng', '', { status: 'done', figures: { items: 52 } }),
          contribution('UBND-08', 'UBND tỉnh Tuyên Quang', '<p>Không thuộc phạm vi.</p>', { status: 'not_applicable' }),
        ],
        { figures: [{ key: 'items', labelVi: 'Số nội dung phân cấp đã hoàn thành', unitVi: 'nội dung', decimals: 0 }] },
      ),
      res,
    );
    expect(d.leftOut.map((l) => [l.organisationCode, l.reasonEn])).toEqual([
      ['UBND-04', 'Reported a status only, no text to draft from (counted in the opening sentence).'],
      ['UBND-08', 'Reported the task as not applicable to it.'],
    ]);
    const fig = d.paragraphs.flat().find((s) => s.kind === 'figures');
    expect(fig?.text).toBe(
      'Theo số liệu báo cáo, số nội dung phân cấp đã hoàn thành đạt tổng cộng 226 nội dung (Lạng Sơn: 174 nội dung; Cao Bằng: 52 nội dung).',
    );
  });

  it('consolidates statuses: the common one, else in progress when someone is still at it', () => {
    expect(consolidatedStatus(['done', 'done'])).toBe('done');
    expect(consolidatedStatus(['done', 'recurring'])).toBe('recurring');
    expect(consolidatedStatus(['done', 'not_started', null])).toBe('in_progress');
    expect(consolidatedStatus([null, 'not_applicable'])).toBeNull();
  });
});

describe('themes of Parts II–III', () => {
  const m = (code: string, name: string, text: string, sectionKey = 'shortcomings'): ThemeMaterial => ({
    sectionKey,
    organisationCode: code,
    organisationName: name,
    sender: { organisationName: name, reportingBody: null, documentNumber: `${code}/BC`, documentDate: null },
    narrative: narrative(`<p>${text}</p>`),
  });
  const material = [
    m(
      'UBND-20',
      'UBND tỉnh Lạng Sơn',
      'Nguồn vốn cho các dự án liên kết vùng còn hạn chế, chủ yếu dựa vào ngân sách trung ương.',
    ),
    m('UBND-04', 'UBND tỉnh Cao Bằng', 'Công tác giải phóng mặt bằng các dự án giao thông liên tỉnh còn chậm.'),
    m('UBND-08', 'UBND tỉnh Tuyên Quang', 'Nguồn vốn đầu tư cho các dự án liên kết vùng còn hạn chế.'),
    m('UBND-14', 'UBND tỉnh Sơn La', 'Giải phóng mặt bằng dự án giao thông liên tỉnh chậm, ảnh hưởng tiến độ.'),
    m('UBND-92', 'UBND TP. Cần Thơ', 'Nguồn vốn cho dự án liên kết vùng hạn chế, phụ thuộc ngân sách trung ương.'),
  ];

  it('groups similar points, ranks themes by how many organisations raised them, footnotes who', () => {
    const themes = draftThemes('shortcomings', material, res);
    expect(themes.map((t) => t.organisations)).toEqual([
      ['UBND-20', 'UBND-08', 'UBND-92'],
      ['UBND-04', 'UBND-14'],
    ]);
    expect(themes[0].label).toContain('nguồn vốn');
    expect(themes[0].footnote[0]).toBe(
      'Theo báo cáo của: UBND tỉnh Lạng Sơn (Văn bản số UBND-20/BC); UBND tỉnh Tuyên Quang (Văn bản số UBND-08/BC); UBND TP. Cần Thơ (Văn bản số UBND-92/BC).',
    );
    expect(themes[0].sentence.sources).toHaveLength(3);
    // Stable ids: the same material gives the same themes.
    expect(draftThemes('shortcomings', material, res).map((t) => t.id)).toEqual(themes.map((t) => t.id));
  });

  it('drafts one paragraph per theme, and merges themes MoF groups together', () => {
    const themes = draftThemes('shortcomings', material, res);
    const one = themeBlocks(themes, res);
    expect(one.blocks).toHaveLength(2);
    expect(one.sentences[0].text).toMatch(/^Một là, /);
    const merged = themeBlocks(themes, res, [[themes[1].id, themes[0].id]]);
    expect(merged.blocks).toHaveLength(1);
    expect(merged.sentences[0].text).toMatch(/^Một là, .*giải phóng mặt bằng.*; nguồn vốn/i);
    expect(merged.sentences[0].sources).toHaveLength(5);
  });

  it('drafts the letter’s points from the state of the tasks and the top themes', () => {
    const themes = draftThemes('shortcomings', material, res);
    const [p1, p2, p3] = letterPoints(
      {
        policy: 'Nghị quyết số 57/NQ-CP',
        year: 2024,
        taskStatuses: ['done', 'recurring', 'recurring', null],
        results: themes,
        recommendations: themes,
        proposals: [],
      },
      res,
    );
    expect(p1.sentences[0].text).toBe(
      'Nghị quyết số 57/NQ-CP đề ra 4 nhiệm vụ trong đề cương báo cáo năm 2024. Theo báo cáo của các bộ, ngành, địa phương, 1 nhiệm vụ đã hoàn thành, 2 nhiệm vụ thường xuyên tiếp tục được triển khai, 1 nhiệm vụ chưa có báo cáo.',
    );
    expect(p1.sentences[1].text).toMatch(/^Thứ nhất, /);
    expect(p2.sentences.map((s) => s.text.split(',')[0])).toEqual(['Một là', 'Hai là']);
    expect(p3.blocks).toEqual([]);
  });
});

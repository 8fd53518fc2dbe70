import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { findSoffice, writePdfWithPdfmake } from '../documents/pdf-writer';
import { collapse, comparable, firstLine, ooxmlPart, pdfInfo, pdfText, wordText } from '../documents/test-support';
import { layoutNotice } from './notice';
import { type Api, meetingOf, personas } from './test-support';

/*
 * The notice of conclusions through real readers: the DOCX the API serves is checked in its XML (A4, margins, Times
 * New Roman), LibreOffice's PDF of it with pdfinfo and pdftotext: the header literals of Decree 30, the number and
 * date, THÔNG BÁO, every conclusion of the meeting with its lead organisation and due date, the closing "./.",
 * Nơi nhận and the signature block; page 1 unnumbered. A draft keeps the number and day blank.
 */

/** The PDF's text, collapsed, with the page numbers at the top of pages 2… removed (they split sentences). */
function textWithoutPageNumbers(file: Buffer): string {
  const pages = Number(pdfInfo(file).Pages);
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const lines = pdfText(file, p, p).split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    if (p > 1 && /^\d+$/.test(lines[first]?.trim() ?? '')) lines.splice(first, 1);
    out.push(lines.join('\n'));
  }
  return collapse(out.join('\n'));
}

let t: TestApp;
let api: Api;
let docx: Buffer;
let pdf: Buffer;
let text: string;
const DEMO_MEETING = 1; // the NMM council's 2025 meeting, notice 186/TB-BTC of 29/10/2025

beforeAll(async () => {
  expect(findSoffice(), 'LibreOffice (soffice) must be installed for these checks').not.toBeNull();
  t = await createTestApp();
  api = await personas(t);
  docx = (await api.call('anonymous', 'GET', `/api/v1/council-meetings/${DEMO_MEETING}/notice.docx`)).rawPayload;
  const res = await api.call('anonymous', 'GET', `/api/v1/council-meetings/${DEMO_MEETING}/notice.pdf`);
  expect(res.headers['content-type']).toBe('application/pdf');
  pdf = res.rawPayload;
  text = textWithoutPageNumbers(pdf);
}, 120_000);
afterAll(async () => t?.close());

describe(`notice of conclusions through LibreOffice and pdftotext on ${TEST_ENGINE}`, () => {
  it('is an A4 DOCX in Times New Roman with the decree margins', async () => {
    const xml = await ooxmlPart(docx, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    const fonts = [...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(10);
    expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
    expect(wordText(xml)).toBe(wordText(xml).normalize('NFC'));
    expect(pdfInfo(pdf)['Page size']).toMatch(/\(A4\)/);
  });

  it('prints the header block, the document type and the trích yếu', () => {
    for (const literal of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ TÀI CHÍNH',
      'Số: 186/TB-BTC',
      'Hà Nội, ngày 29 tháng 10 năm 2025',
      'THÔNG BÁO',
    ])
      expect(text).toContain(literal);
    expect(comparable(text)).toContain(
      comparable('Kết luận của Chủ tịch Hội đồng điều phối vùng Trung du và miền núi phía Bắc'),
    );
  });

  it('prints every conclusion, numbered, with its lead organisation and due date', async () => {
    const meeting = (await api.call('admin.mof', 'GET', `/api/v1/council-meetings/${DEMO_MEETING}`)).json();
    expect(meeting.conclusions).toHaveLength(6);
    for (const c of meeting.conclusions) {
      expect(comparable(text)).toContain(comparable(`${c.seq}. ${c.textVi}`));
      for (const f of c.followUps) {
        const [y, m, d] = f.dueOn.split('-').map(Number);
        expect(text).toContain(
          `thời hạn: ${String(d).padStart(2, '0')}/${m <= 2 ? String(m).padStart(2, '0') : m}/${y}`,
        );
      }
    }
    expect(comparable(text)).toContain(
      comparable('Chủ trì: UBND tỉnh Cao Bằng; phối hợp: UBND tỉnh Lạng Sơn; thời hạn: 31/3/2026.'),
    );
  });

  it('closes with "./.", Nơi nhận and the signature block; page 1 has no number', () => {
    expect(text).toMatch(/Hệ thống thông tin liên kết vùng\.\/\./);
    for (const literal of [
      'Nơi nhận:',
      'Thủ tướng Chính phủ, các Phó Thủ tướng Chính phủ (để báo cáo);',
      'Lưu: VT, VCL.',
      'KT. BỘ TRƯỞNG',
      'THỨ TRƯỞNG',
      'Nguyễn Văn Minh',
    ])
      expect(text).toContain(literal);
    expect(comparable(text)).toContain(comparable('UBND tỉnh Cao Bằng, tỉnh Tuyên Quang'));
    expect(firstLine(pdfText(pdf, 1, 1))).not.toMatch(/^\d+$/);
    if (Number(pdfInfo(pdf).Pages) >= 2) expect(firstLine(pdfText(pdf, 2, 2))).toBe('2');
  });

  it('leaves the number and day of a draft blank for the records office', async () => {
    const m = await meetingOf(api, { held: true, conclusions: true });
    const res = await api.call('council.nmm', 'GET', `/api/v1/council-meetings/${m.id}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('du-thao');
    const draft = collapse(pdfText(res.rawPayload));
    const layout = pdfText(res.rawPayload, 1, 1, true);
    expect(layout).toMatch(/Số:\s+\/TB-BTC/);
    expect(layout).toMatch(/Hà Nội, ngày\s+tháng 11 năm 2026/);
    expect(draft).toContain('1. Giao Ủy ban nhân dân tỉnh Lạng Sơn chủ trì hoàn thiện hồ sơ kiểm thử.');
  }, 60_000);

  it('prints the same content through the pdfmake fallback when LibreOffice is absent', async () => {
    const layout = layoutNotice({
      councilNameVi: 'Hội đồng điều phối vùng Đồng bằng sông Hồng',
      meeting: {
        titleVi: 'Phiên họp thử',
        heldOn: '2026-02-03',
        place: 'Hà Nội',
        mode: 'in_person',
        chairVi: 'Phó Thủ tướng',
      },
      attendedVi: ['Ủy ban nhân dân thành phố Hải Phòng'],
      conclusions: [
        {
          textVi: 'Giao thành phố Hải Phòng chủ trì.',
          assignments: [{ assigneeVi: 'Ủy ban nhân dân thành phố Hải Phòng', partnersVi: [], dueOn: '2026-02-05' }],
        },
      ],
      number: '5/TB-BTC',
      date: '2026-02-04',
      signerTitle: 'Bộ trưởng',
      signerName: 'Trần Văn B',
      provincesVi: ['thành phố Hải Phòng'],
    });
    const out = collapse(pdfText(await writePdfWithPdfmake(layout)));
    for (const literal of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 05/TB-BTC',
      'Hà Nội, ngày 04 tháng 02 năm 2026',
      'THÔNG BÁO',
      'thời hạn: 05/02/2026',
      'BỘ TRƯỞNG',
      'Trần Văn B',
      'Nơi nhận:',
    ])
      expect(out).toContain(literal);
    expect(out).not.toContain('KT. BỘ TRƯỞNG');
  }, 60_000);
});

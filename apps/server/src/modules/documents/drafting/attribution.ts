import { shortDate } from '../report-model';

/**
 * Who a contribution is credited to. The body that signed the document is named — a provincial Department of
 * Finance's letter is credited to that department ("Sở Tài chính tỉnh Tuyên Quang"), not to its People's Committee —
 * and the document is cited by number and date, as the report's footnotes do.
 */

export interface Sender {
  /** The organisation's name as the report prints it ("UBND tỉnh Tuyên Quang"). */
  organisationName: string;
  /** The body that signed the document, when the register records one ("Sở Tài chính tỉnh Tuyên Quang"). */
  reportingBody: string | null;
  documentNumber: string | null;
  documentDate: string | null;
}

/** Official short form of an organisation's name ("Ủy ban nhân dân tỉnh X" → "UBND tỉnh X"). */
export function printedName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/^Ủy ban nhân dân thành phố /u, 'UBND thành phố ')
    .replace(/^Ủy ban nhân dân /u, 'UBND ');
}

/** The body a document is credited to: the signing body when it is not the organisation itself. */
export function creditedBody(s: Sender): string {
  const body = s.reportingBody ? printedName(s.reportingBody) : null;
  return body && body !== s.organisationName ? body : s.organisationName;
}

/** "Văn bản số 360/BC-STC ngày 18/11/2025 của Sở Tài chính tỉnh Tuyên Quang" (or "Báo cáo của …" without a number). */
export function documentCitation(s: Sender): string {
  const who = creditedBody(s);
  if (!s.documentNumber) return `Báo cáo của ${who}`;
  return `Văn bản số ${s.documentNumber}${s.documentDate ? ` ngày ${shortDate(s.documentDate)}` : ''} của ${who}`;
}

/** The place name of a locality for lists ("UBND tỉnh Lạng Sơn" → "Lạng Sơn", "UBND thành phố Hà Nội" → "Hà Nội"). */
export function placeName(name: string): string {
  return printedName(name)
    .replace(/^(UBND|Sở Tài chính)\s+/u, '')
    .replace(/^(tỉnh|thành phố|TP\.)\s+/iu, '');
}

/** The subject of a sentence about one organisation: "Tỉnh Lạng Sơn", "Thành phố Hà Nội", "Bộ Xây dựng". */
export function subjectName(name: string, group: 'ministry' | 'locality'): string {
  if (group === 'ministry') return printedName(name);
  const p = printedName(name)
    .replace(/^UBND\s+/u, '')
    .replace(/^TP\.\s+/u, 'thành phố ');
  return p.charAt(0).toLocaleUpperCase('vi') + p.slice(1);
}

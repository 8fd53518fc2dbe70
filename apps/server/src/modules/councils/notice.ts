import type { LayoutDoc, LBlock, LRun } from '../documents/layout';
import { letterNumber, officialDate, shortDate } from '../documents/report-model';

/**
 * The notice of conclusions (Thông báo kết luận) of a council meeting, laid out in the Decree 30/2020/NĐ-CP format
 * with the documents module's layout types, so its DOCX and PDF writers print it: header block (BỘ TÀI CHÍNH, Số …/TB-BTC,
 * national title and motto, place and date), THÔNG BÁO and its trích yếu, an opening paragraph naming the meeting,
 * one numbered point per conclusion with whom it assigns and by when, the closing sentence ending "./.", then Nơi
 * nhận and the signature block. Pure: the same input always gives the same layout.
 */

export interface NoticeInput {
  councilNameVi: string;
  meeting: {
    titleVi: string;
    heldOn: string;
    place: string | null;
    mode: 'in_person' | 'online' | 'hybrid';
    chairVi: string;
  };
  /** Organisations that attended (present or represented), as printed. */
  attendedVi: string[];
  conclusions: {
    textVi: string;
    assignments: { assigneeVi: string; partnersVi: string[]; dueOn: string }[];
  }[];
  /** "186/TB-BTC", or null for a draft (the records office fills the number). */
  number: string | null;
  /** Date of the notice; null for a draft (day left blank). */
  date: string | null;
  signerTitle: string | null;
  signerName: string | null;
  /** People's Committees of the member provinces, for Nơi nhận. */
  provincesVi: string[];
}

export const NOTICE_SYMBOL = 'TB-BTC';
const AGENCY = 'Bộ Tài chính';

const run = (text: string, bold = false, italic = false): LRun => ({ text, bold, italic });

const MODE_VI = {
  in_person: '',
  online: ' theo hình thức trực tuyến',
  hybrid: ' theo hình thức trực tiếp kết hợp trực tuyến',
};

/** "ngày 17/10/2025": the meeting date in running text. */
const inText = (iso: string) => `ngày ${shortDate(iso)}`;

/** "UBND tỉnh Lạng Sơn": the short form state documents use for People's Committees in lists. */
export const shortOrg = (nameVi: string) => nameVi.replace(/^Ủy ban nhân dân /, 'UBND ');

/** The numbered point of one conclusion, followed by who leads, who co-operates and the due date of each assignment. */
function conclusionRuns(i: number, c: NoticeInput['conclusions'][number]): LRun[] {
  const runs = [run(`${i + 1}. `, true), run(c.textVi.trim())];
  const due = c.assignments.map((a) => {
    const partners = a.partnersVi.length > 0 ? `; phối hợp: ${a.partnersVi.map(shortOrg).join(', ')}` : '';
    return `Chủ trì: ${shortOrg(a.assigneeVi)}${partners}; thời hạn: ${shortDate(a.dueOn)}.`;
  });
  if (due.length > 0) runs.push(run(` ${due.join(' ')}`, false, true));
  return runs;
}

/** Lay out the notice. */
export function layoutNotice(n: NoticeInput): LayoutDoc {
  const blocks: LBlock[] = [
    {
      kind: 'docHeader',
      agencyParent: null,
      agencyName: AGENCY,
      numberLine: noticeHeaderText(n.number, n.date, n.meeting.heldOn).number,
      subjectLine: null,
      dateLine: noticeHeaderText(n.number, n.date, n.meeting.heldOn).date,
    },
    { kind: 'para', style: 'docType', runs: [run('THÔNG BÁO', true)] },
    {
      kind: 'para',
      style: 'docTitle',
      runs: [run(`Kết luận của Chủ tịch ${n.councilNameVi} tại ${lowerFirst(n.meeting.titleVi)}`, true)],
    },
  ];
  const place = n.meeting.place ? ` tại ${n.meeting.place}` : '';
  const attended =
    n.attendedVi.length > 0 ? ` Tham dự phiên họp có đại diện lãnh đạo: ${n.attendedVi.map(shortOrg).join(', ')}.` : '';
  blocks.push({
    kind: 'para',
    style: 'body',
    runs: [
      run(
        `${capitalise(inText(n.meeting.heldOn))}${place}, ${n.meeting.chairVi} đã chủ trì ${lowerFirst(n.meeting.titleVi)}${MODE_VI[n.meeting.mode]}.${attended}`,
      ),
    ],
  });
  blocks.push({
    kind: 'para',
    style: 'body',
    runs: [
      run(
        `Sau khi nghe Bộ Tài chính (Văn phòng Hội đồng điều phối vùng) báo cáo và ý kiến của các thành viên Hội đồng, Chủ tịch Hội đồng kết luận như sau:`,
      ),
    ],
  });
  n.conclusions.forEach((c, i) => {
    blocks.push({ kind: 'para', style: 'body', runs: conclusionRuns(i, c) });
  });
  blocks.push({
    kind: 'para',
    style: 'body',
    runs: [
      run(
        `Bộ Tài chính (Văn phòng Hội đồng điều phối vùng) thông báo để các bộ, cơ quan, địa phương liên quan biết, thực hiện và báo cáo kết quả trên Hệ thống thông tin liên kết vùng./.`,
      ),
    ],
  });
  const title = (n.signerTitle ?? 'Thứ trưởng').toLocaleUpperCase('vi');
  blocks.push({
    kind: 'closing',
    copyTo: [
      'Thủ tướng Chính phủ, các Phó Thủ tướng Chính phủ (để báo cáo)',
      'Văn phòng Chính phủ',
      `Các thành viên ${n.councilNameVi}`,
      ...(n.provincesVi.length > 0 ? [`UBND ${n.provincesVi.join(', ')}`] : []),
      'Lưu: VT, VCL',
    ],
    signer: {
      authority: title === 'BỘ TRƯỞNG' ? null : 'KT. BỘ TRƯỞNG',
      title,
      name: n.signerName ?? '',
    },
  });
  return {
    part: 'letter',
    title: `Thông báo kết luận – ${n.councilNameVi} – ${shortDate(n.meeting.heldOn)}`,
    blocks,
    notes: [],
  };
}

function lowerFirst(s: string): string {
  // "Phiên họp …" reads "phiên họp …" inside a sentence; proper names (Hội nghị is not one) are kept.
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** The text of the notice's number line and date line, as tests and the page print them. */
export const noticeHeaderText = (number: string | null, date: string | null, heldOn: string) => {
  const [y, m, d] = (date ?? heldOn).split('-').map(Number);
  return {
    number: `Số: ${letterNumber({ number: number ? number.split('/')[0] : null, symbol: number ? number.split('/').slice(1).join('/') : NOTICE_SYMBOL })}`,
    date: `Hà Nội, ${officialDate({ day: date ? d : null, month: m, year: y })}`,
  };
};

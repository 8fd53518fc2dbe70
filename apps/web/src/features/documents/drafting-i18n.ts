/** Strings of the drafter's panels on the draft page (Vietnamese first, English switch). */
export const DRAFTING_DICT = {
  drafted: { vi: 'Câu do hệ thống soạn và nguồn', en: 'Drafted sentences and their sources' },
  draftedHint: {
    vi: 'Mỗi câu của đoạn tổng hợp được soạn từ các báo cáo đã chấp nhận; bấm để xem đoạn trích gốc, số văn bản và cách chọn câu.',
    en: 'Each sentence of the paragraph was drafted from the accepted reports; open one to see the passages, document numbers and how it was chosen.',
  },
  kindOpening: { vi: 'Câu mở đầu (tình hình chung)', en: 'Opening (overall state)' },
  kindMerged: { vi: 'Gộp nội dung nhiều cơ quan', en: 'Merged from several organisations' },
  kindOwn: { vi: 'Nội dung riêng', en: 'Own statement' },
  kindFigures: { vi: 'Số liệu', en: 'Figures' },
  kindTheme: { vi: 'Chủ đề', en: 'Theme' },
  kindSummary: { vi: 'Tóm tắt', en: 'Summary' },
  score: { vi: 'Điểm chọn câu', en: 'Sentence score' },
  sources: { vi: 'Nguồn', en: 'Sources' },
  leftOut: { vi: 'Không đưa vào đoạn tổng hợp', en: 'Left out of the paragraph' },
  redraft: { vi: 'Soạn lại nhiệm vụ này', en: 'Redraft this task' },
  redraftHint: {
    vi: 'Soạn lại từ các báo cáo đã chấp nhận hiện nay. Đoạn đã sửa được giữ nguyên; bản soạn mới được đề xuất bên cạnh.',
    en: 'Draft again from the reports accepted now. An edited paragraph is kept; the new draft is offered beside it.',
  },
  redraftUpdated: { vi: 'Đã soạn lại.', en: 'Redrafted.' },
  redraftKept: {
    vi: 'Đoạn đã sửa được giữ; bản soạn mới chờ anh/chị xem ở mục "Nội dung mới từ báo cáo".',
    en: 'Your edited paragraph is kept; the new draft waits under "Newer text from the reports".',
  },
  redraftNothing: { vi: 'Không có gì thay đổi.', en: 'Nothing changed.' },
  newOrganisations: { vi: 'Báo cáo mới', en: 'New reports' },
  themes: { vi: 'Chủ đề từ báo cáo của các cơ quan', en: "Themes from the organisations' reports" },
  themesHint: {
    vi: 'Các ý tương tự được nhóm thành chủ đề, xếp theo số cơ quan nêu. Chọn chủ đề để giữ; chọn nhiều rồi "Gộp" để viết thành một đoạn.',
    en: 'Similar points are grouped into themes, ranked by how many organisations raised them. Pick the themes to keep; pick several and "Merge" to write them as one paragraph.',
  },
  orgsCount: { vi: 'cơ quan', en: 'organisations' },
  keepSelected: { vi: 'Chỉ giữ các chủ đề đã chọn', en: 'Keep the selected themes' },
  mergeSelected: { vi: 'Gộp các chủ đề đã chọn', en: 'Merge the selected themes' },
  themesReplaceNote: {
    vi: 'Nội dung mục được viết lại từ các chủ đề (lưu trong lịch sử).',
    en: "The section's text is rewritten from the themes (kept in the history).",
  },
  aids: { vi: 'Trợ giúp soạn thảo trong văn bản xuất', en: 'Drafting aids in the exported documents' },
  aidsHint: {
    vi: 'Dòng tình hình thực hiện, ghi chú "Chưa có báo cáo" và bảng, biểu đồ đếm nhiệm vụ chỉ hiện trong trình soạn thảo; bật để in vào DOCX/PDF.',
    en: 'Status lines, "not reported" notes and the tables and charts counting tasks show only in the editor; switch them on to print them in the DOCX/PDF.',
  },
  aidsStatus: { vi: 'In dòng "Tình hình thực hiện" dưới từng nhiệm vụ', en: 'Print the status line under each task' },
  aidsCoverage: {
    vi: 'In bảng, biểu đồ tình hình thực hiện các nhiệm vụ',
    en: 'Print the task status table and chart',
  },
  letters: { vi: 'Văn bản của kỳ báo cáo', en: "The cycle's letters" },
  requestLetter: {
    vi: 'Công văn đề nghị báo cáo (kèm đề cương và danh sách cơ quan)',
    en: 'Request letter (with the outline and the addressees)',
  },
  reminderLetter: {
    vi: 'Công văn đôn đốc các cơ quan chưa gửi báo cáo (sau hạn)',
    en: 'Reminder to those who have not reported (after the deadline)',
  },
} as const;

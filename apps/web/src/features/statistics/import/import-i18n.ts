/** Words of queued imports on the upload page (Vietnamese first). Used through `useDict(IMPORT_JOBS)`. */
export const IMPORT_JOBS = {
  queuedHint: {
    vi: 'Tệp đã được lưu và đang nhập trên máy chủ. Bạn có thể rời trang này; kết quả vẫn xem được ở mục “Các lần nhập của tôi”.',
    en: 'The file is saved and being imported on the server. You may leave this page; the result stays under “My imports”.',
  },
  state_queued: { vi: 'Đang chờ trong hàng đợi', en: 'Waiting in the queue' },
  state_running: { vi: 'Đang nhập', en: 'Importing' },
  state_completed: { vi: 'Đã nhập', en: 'Imported' },
  state_failed: { vi: 'Không nhập được', en: 'Not imported' },
  rowsOf: { vi: 'dòng đã đọc trên', en: 'rows read of' },
  rowsSoFar: { vi: 'dòng đã đọc', en: 'rows read' },
  attempt: { vi: 'lần chạy', en: 'attempt' },
  myImports: { vi: 'Các lần nhập của tôi', en: 'My imports' },
  myImportsEmpty: { vi: 'Bạn chưa đưa tệp nào vào hàng đợi nhập.', en: 'You have not queued any import yet.' },
  started: { vi: 'Bắt đầu', en: 'Started' },
  state: { vi: 'Tình trạng', en: 'State' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  open: { vi: 'Xem', en: 'Open' },
  jobGone: { vi: 'Không tìm thấy lần nhập này.', en: 'This import was not found.' },
  moreProblems: { vi: 'lỗi khác', en: 'more problems' },
} as const;

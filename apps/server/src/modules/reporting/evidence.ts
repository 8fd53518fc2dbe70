import yauzl from 'yauzl';

/**
 * Evidence files attached to a submission: official documents and supporting material. A file is accepted only
 * when its content (magic bytes, and for ZIP-based formats the archive's directory) matches an allowed type and
 * its name's extension says the same type: a program renamed `.pdf` is refused, as are macro-enabled Office files,
 * legacy OLE documents and archives with unsafe entry names.
 */

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 30;

export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'png' | 'jpeg';

export const EVIDENCE_TYPES: Record<EvidenceKind, { extensions: string[]; contentType: string; label: string }> = {
  pdf: { extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF' },
  docx: {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (.docx)',
  },
  xlsx: {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (.xlsx)',
  },
  pptx: {
    extensions: ['pptx'],
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint (.pptx)',
  },
  odt: { extensions: ['odt'], contentType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument (.odt)' },
  ods: {
    extensions: ['ods'],
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument (.ods)',
  },
  png: { extensions: ['png'], contentType: 'image/png', label: 'PNG' },
  jpeg: { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG' },
};

export class EvidenceRejected extends Error {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageVi: string,
  ) {
    super(messageEn);
  }
}

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);

/** What the first bytes say the file is, before looking inside archives. */
export function sniff(buf: Buffer): 'pdf' | 'zip' | 'png' | 'jpeg' | 'exe' | 'elf' | 'ole' | 'script' | 'unknown' {
  if (startsWith(buf, [0x4d, 0x5a])) return 'exe';
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x23, 0x21])) return 'script';
  // PDF readers accept the header anywhere in the first kilobyte.
  if (buf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return 'pdf';
  return 'unknown';
}

interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

/** The archive's central directory, read without inflating anything. */
function zipEntries(buf: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: ZipEntry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        out.push({ name: e.fileName, uncompressedSize: e.uncompressedSize });
        if (out.length > 5000) {
          zip.close();
          resolve(out);
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const refuse = (code: string, en: string, vi: string) => new EvidenceRejected(code, en, vi);

/** The extension of a file name, lower-case, without the dot. */
export const extensionOf = (filename: string) => /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1].toLowerCase() ?? '';

/** Identify a ZIP-based office document from its entries; refuse macros and unsafe paths. */
async function zipKind(buf: Buffer): Promise<EvidenceKind> {
  let entries: ZipEntry[];
  try {
    entries = await zipEntries(buf);
  } catch (e) {
    // yauzl itself refuses entry names that climb out of the archive or are absolute.
    if (/relative path|absolute path|invalid characters/i.test(String((e as Error)?.message)))
      throw refuse('archive_unsafe_path', 'The document contains an unsafe path.', 'Tệp chứa đường dẫn không an toàn.');
    throw refuse('file_corrupt', 'The file is not a readable archive.', 'Tệp bị hỏng hoặc không đọc được.');
  }
  if (entries.length > 2000)
    throw refuse('archive_too_many_entries', 'The document has too many parts.', 'Tệp có quá nhiều thành phần.');
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > 200 * 1024 * 1024 || total / buf.length > 200)
    throw refuse(
      'archive_too_large',
      'The document expands to an unreasonable size (possible ZIP bomb).',
      'Tệp giải nén ra kích thước bất thường (nghi ngờ tệp nén độc hại).',
    );
  for (const e of entries) {
    if (e.name.includes('..') || e.name.startsWith('/') || e.name.includes('\\') || /^[a-z]:/i.test(e.name))
      throw refuse('archive_unsafe_path', 'The document contains an unsafe path.', 'Tệp chứa đường dẫn không an toàn.');
  }
  if (entries.some((e) => /vbaproject\.bin$/i.test(e.name)))
    throw refuse(
      'macro_document',
      'Documents with macros are not accepted; save it without macros (.docx, .xlsx) or as PDF.',
      'Không nhận tệp có macro; hãy lưu lại dạng không macro (.docx, .xlsx) hoặc PDF.',
    );
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  if (names.has('mimetype')) {
    const head = buf.subarray(0, 200).toString('latin1');
    if (head.includes('application/vnd.oasis.opendocument.text')) return 'odt';
    if (head.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  throw refuse(
    'unsupported_type',
    'This archive is not an accepted document type (PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG).',
    'Tệp nén này không thuộc loại được nhận (PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG).',
  );
}

/**
 * Check an uploaded file and return its kind and content type. Throws `EvidenceRejected` with a message in both
 * languages when the content is not an allowed type or does not match the extension of its name.
 */
export async function checkEvidence(
  filename: string,
  buf: Buffer,
): Promise<{ kind: EvidenceKind; contentType: string }> {
  if (buf.length === 0) throw refuse('file_empty', 'The file is empty.', 'Tệp rỗng.');
  if (buf.length > EVIDENCE_MAX_BYTES)
    throw refuse(
      'file_too_large',
      `The file is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`,
      `Tệp lớn hơn ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`,
    );
  const sniffed = sniff(buf);
  const ext = extensionOf(filename);
  if (sniffed === 'exe' || sniffed === 'elf' || sniffed === 'script')
    throw refuse(
      'executable_refused',
      `"${filename}" is a program, not a document, whatever its name says; it was refused.`,
      `"${filename}" là tệp chương trình chứ không phải văn bản, dù tên tệp như thế nào; tệp đã bị từ chối.`,
    );
  if (sniffed === 'ole')
    throw refuse(
      'legacy_office_refused',
      'Old Office formats (.doc, .xls) can carry macros and are not accepted; save as .docx/.xlsx or PDF.',
      'Không nhận định dạng Office cũ (.doc, .xls) vì có thể chứa macro; hãy lưu dạng .docx/.xlsx hoặc PDF.',
    );
  if (sniffed === 'unknown')
    throw refuse(
      'unsupported_type',
      'The file is not an accepted type (PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG).',
      'Tệp không thuộc loại được nhận (PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG).',
    );
  const kind: EvidenceKind = sniffed === 'zip' ? await zipKind(buf) : sniffed;
  const type = EVIDENCE_TYPES[kind];
  if (!type.extensions.includes(ext))
    throw refuse(
      'extension_mismatch',
      `The file is named ".${ext || '?'}" but its content is ${type.label}; rename it to .${type.extensions[0]}.`,
      `Tệp có đuôi ".${ext || '?'}" nhưng nội dung là ${type.label}; hãy đổi đuôi thành .${type.extensions[0]}.`,
    );
  return { kind, contentType: type.contentType };
}

/** A safe display name for an uploaded file: NFC, no path, no control or bidi characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.normalize('NFC').replace(/^.*[\\/]/, '');
  const clean = [...base]
    .filter((ch) => {
      const c = ch.codePointAt(0)!;
      // Control, zero-width and bidirectional-override characters never belong in a file name.
      return !(
        c < 0x20 ||
        c === 0x7f ||
        (c >= 0x200b && c <= 0x200f) ||
        (c >= 0x202a && c <= 0x202e) ||
        (c >= 0x2060 && c <= 0x2069) ||
        c === 0xfeff
      );
    })
    .join('')
    .replace(/^\.+/, '')
    .trim();
  if (clean.length <= 200) return clean || 'tep-dinh-kem';
  const ext = extensionOf(clean);
  return `${clean.slice(0, 200 - ext.length - 1)}.${ext}`;
}

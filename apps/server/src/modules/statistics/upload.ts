import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ImportResult, type Me, normaliseText } from '@regionlink/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';
import { type CsvRecord, FileProblem, readCsv } from './csv-stream';
import { type ImportActor, ImportRejected } from './import.service';
import { inspectXlsx, readXlsx, type XlsxRecord } from './xlsx-read';

/** Uploads of statistics (imports and contributions): streamed, metered, hashed, CSV or XLSX told by their bytes. */

/** Largest upload accepted (CSV body or XLSX file). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const actorOf = (u: Me): ImportActor => ({
  userId: u.id,
  label: u.username,
  role: u.role,
  organisation: {
    id: u.organisation.id,
    code: u.organisation.code,
    nameVi: u.organisation.nameVi,
    kind: u.organisation.kind,
    provinceCode: u.organisation.provinceCode,
  },
});

/** Whether the person may import statistics at all: administrators and provincial reporters (rows are checked later). */
export function requireImporter(u: Me) {
  if (u.role !== 'admin' && !(u.role === 'reporter' && u.organisation.kind === 'province'))
    throw new AppError(
      403,
      'import_forbidden',
      'Only administrators and provincial reporters may import statistics.',
      'Chỉ quản trị viên và cán bộ báo cáo của tỉnh, thành phố được nhập số liệu thống kê.',
    );
}

/** Bytes of an upload, counted and hashed as they stream, refused past the size limit. */
export function meter(source: AsyncIterable<Buffer | Uint8Array>) {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let digest: string | null = null;
  let done = false;
  const iterable = (async function* () {
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      bytes += b.length;
      if (bytes > MAX_UPLOAD_BYTES)
        throw new AppError(
          413,
          'upload_too_large',
          `The file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB.`,
          `Tệp lớn hơn ${MAX_UPLOAD_BYTES / 1048576} MB.`,
        );
      hash.update(b);
      yield b;
    }
    done = true;
  })();
  return {
    iterable,
    sha256: () => {
      if (!done) return null;
      digest ??= hash.digest('hex');
      return digest;
    },
  };
}

/** Read the first chunk to tell XLSX from CSV, then give back a stream that still starts with it. */
async function peek(source: AsyncIterable<Buffer>): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  return {
    head,
    all: (async function* () {
      if (head.length) yield head;
      while (true) {
        const n = await it.next();
        if (n.done) return;
        yield n.value;
      }
    })(),
  };
}

/** A user-supplied file name reduced to its base name, NFC, without control characters (metadata only). */
function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = [...normaliseText(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      return c >= 0x20 && c !== 0x7f && !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069);
    })
    .join('');
  return base.slice(0, 200) || null;
}

/** What `readUpload` tells the importer about the file besides its records. */
export interface UploadInfo {
  fileName: string | null;
  fileType: 'csv' | 'xlsx';
  sha256: () => string | null;
  warnings: ImportResult['warnings'];
}

/**
 * Read an upload (CSV body, XLSX bytes or a multipart file) as records and hand them to `run` (an import or a
 * contribution); refusals come back as 4xx problems naming the row and column, in both languages.
 */
export async function readUpload<T>(
  req: FastifyRequest,
  sheet: string | undefined,
  run: (records: AsyncIterable<(CsvRecord | XlsxRecord)[]>, info: UploadInfo) => Promise<T>,
): Promise<T> {
  const { source, fileName } = await uploadSource(req);
  try {
    return await readRecords(source, fileName, sheet, run);
  } catch (caught) {
    throw importProblem(caught);
  }
}

/**
 * The records of a file given as bytes (a request body, or a queued upload read back from the database): XLSX told
 * by its first bytes (spooled to a temporary file for the zip reader, its decompressed size capped), otherwise CSV.
 * Refusals are thrown as they are (FileProblem, ImportRejected).
 */
export async function readRecords<T>(
  source: AsyncIterable<Buffer>,
  fileName: string | null,
  sheet: string | undefined,
  run: (records: AsyncIterable<(CsvRecord | XlsxRecord)[]>, info: UploadInfo) => Promise<T>,
): Promise<T> {
  const metered = meter(source);
  const { head, all } = await peek(metered.iterable);
  if (head.subarray(0, 4).equals(XLSX_MAGIC)) {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-import-')), 'upload.xlsx');
    try {
      await writeFile(tmp, all);
      const warnings: ImportResult['warnings'] = [];
      const records = (async function* () {
        await inspectXlsx(tmp);
        yield* readXlsx(tmp, { sheet, onSheets: ({ sheets, used }) => warnIgnoredSheets(warnings, sheets, used) });
      })();
      return await run(records, { fileName, fileType: 'xlsx', sha256: metered.sha256, warnings });
    } finally {
      fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    }
  }
  if (fileName && /\.xlsx$/i.test(fileName))
    throw new FileProblem(
      'not_xlsx',
      0,
      'The file is named .xlsx but is not an Excel workbook.',
      'Tệp có đuôi .xlsx nhưng không phải sổ tính Excel.',
    );
  return await run(readCsv(all), { fileName, fileType: 'csv', sha256: metered.sha256, warnings: [] });
}

/** Write a byte stream to a file, respecting back-pressure. */
async function writeFile(file: string, bytes: AsyncIterable<Buffer>) {
  const out = fs.createWriteStream(file);
  for await (const chunk of bytes) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** The warning that other sheets of a workbook were not read. */
function warnIgnoredSheets(warnings: ImportResult['warnings'], sheets: { name: string }[], used: string) {
  const others = sheets.filter((s) => s.name !== used);
  if (others.length)
    warnings.push({
      row: 0,
      column: null,
      value: null,
      code: 'sheets_ignored',
      message: `Only sheet "${used}" was read; ignored: ${others.map((s) => s.name).join(', ')}.`,
      messageVi: `Chỉ đọc trang tính "${used}"; bỏ qua: ${others.map((s) => s.name).join(', ')}.`,
    });
}

/** An import refusal as the problem the client sees (other errors pass through). */
export function importProblem(caught: unknown): unknown {
  let e = caught;
  if (e instanceof FileProblem) {
    e = new ImportRejected(
      422,
      [{ row: e.row, column: null, value: null, code: e.code, message: e.message, messageVi: e.messageVi }],
      1,
      0,
    );
  }
  if (!(e instanceof ImportRejected)) return e;
  const first = e.errors[0];
  return new AppError(
    e.status,
    e.status === 403 ? 'import_forbidden_rows' : 'import_rejected',
    `The file was not imported: ${e.errorCount} problem(s)${first ? `, first at row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message.replace(/\.$/, '')}` : ''}. Nothing was saved.`,
    `Tệp chưa được nhập: có ${e.errorCount} lỗi${first ? `, lỗi đầu tiên ở dòng ${first.row}${first.column ? `, cột ${first.column}` : ''}: ${first.messageVi.replace(/\.$/, '')}` : ''}. Chưa có dữ liệu nào được lưu.`,
    undefined,
    { errors: e.errors, errorCount: e.errorCount, rowsRead: e.rowsRead },
  );
}

/** The upload as a byte stream: the multipart file part, or the raw body. */
export async function uploadSource(
  req: FastifyRequest,
): Promise<{ source: AsyncIterable<Buffer>; fileName: string | null }> {
  if (req.isMultipart()) {
    const part = await req.file();
    if (!part)
      throw new AppError(
        400,
        'file_required',
        'Attach the file in a "file" field.',
        'Hãy đính kèm tệp trong trường "file".',
      );
    return { source: part.file, fileName: cleanFileName(part.filename) };
  }
  const body = req.body as AsyncIterable<Buffer> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the file as text/csv, as XLSX bytes, or as multipart/form-data.',
      'Hãy gửi tệp dưới dạng text/csv, tệp XLSX hoặc multipart/form-data.',
    );
  const name = req.headers['x-file-name'];
  let decoded: string | undefined;
  try {
    decoded = typeof name === 'string' ? decodeURIComponent(name) : undefined;
  } catch {
    decoded = undefined;
  }
  return { source: body, fileName: cleanFileName(decoded) };
}

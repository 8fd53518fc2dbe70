import type { FastifyRequest } from 'fastify';
import { AppError, clientInputError } from './errors';

/** One uploaded file, read whole (uploads that use this are capped at a few MB). */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** What `readSingleFile` returns: the one file (or null when `optional`) and the text fields sent beside it. */
export interface SingleFileUpload {
  file: UploadedFile | null;
  fields: Record<string, string>;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

const oneFileOnly = (field: string) =>
  new AppError(
    400,
    'one_file_expected',
    `Send exactly one file, in the field "${field}".`,
    `Chỉ gửi một tệp, trong trường "${field}".`,
    [{ path: `body.${field}`, message: 'More than one file was sent.', messageVi: 'Gửi nhiều hơn một tệp.' }],
  );

/**
 * Read a multipart/form-data request that carries one file in `field` and, optionally, text fields. Every way the
 * body can be wrong is a 4xx problem, never a 500: not multipart (415), no boundary or cut off mid-part (400), a
 * second file or a file in another field (400), a file over `maxBytes` (413), no file when one is required (400).
 */
export async function readSingleFile(
  req: FastifyRequest,
  opts: { field?: string; maxBytes: number; optional?: boolean },
): Promise<SingleFileUpload> {
  const field = opts.field ?? 'file';
  if (!req.isMultipart())
    throw new AppError(
      415,
      'multipart_required',
      `Send the file as multipart/form-data in the field "${field}".`,
      `Hãy gửi tệp dạng multipart/form-data, trong trường "${field}".`,
    );
  let file: UploadedFile | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, files: 2, fields: 20, parts: 22 } })) {
      if (part.type !== 'file') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== field || file) {
        part.file.resume();
        throw oneFileOnly(field);
      }
      const data = await part.toBuffer();
      file = { filename: part.filename, data };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(
        413,
        'file_too_large',
        `The file is larger than ${mb(opts.maxBytes)}.`,
        `Tệp lớn hơn ${mb(opts.maxBytes)}.`,
        [{ path: `body.${field}`, message: 'File too large.', messageVi: 'Tệp quá lớn.' }],
      );
    if (code === 'FST_FILES_LIMIT') throw oneFileOnly(field);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError(413, 'too_many_parts', 'Too many form fields.', 'Quá nhiều trường dữ liệu.');
    const input = clientInputError(e);
    if (input) throw new AppError(400, input.code, input.detail, input.detailVi);
    throw e;
  }
  if (file && file.data.length === 0) file = null;
  if (!file && !opts.optional)
    throw new AppError(400, 'file_required', 'No file was sent.', 'Chưa có tệp nào được gửi.', [
      { path: `body.${field}`, message: 'No file was sent.', messageVi: 'Chưa có tệp nào được gửi.' },
    ]);
  return { file, fields };
}

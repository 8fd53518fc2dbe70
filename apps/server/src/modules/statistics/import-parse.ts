import type { ImportError } from '@regionlink/shared';
import type { CsvRecord } from './csv-stream';
import { canonicalHeader } from './import-values';
import type { XlsxRecord } from './xlsx-read';

/**
 * Stage 1 of an import, **parse**: the header row is read into a column map (long or wide format), the records that
 * follow are handed on batch by batch with that header, and a file without a header or without rows is reported.
 * Also the error log shared by the stages (every problem counted, the first thousand kept).
 */

/** The columns of a file: long (`indicator, unitCode, period, value`) or wide (one column per year). */
export interface Header {
  format: 'long' | 'wide';
  col: Record<string, number>;
  years: { idx: number; year: number; name: string }[];
  names: string[];
}

export type ImportRecord = CsvRecord | XlsxRecord;

/** Detailed errors kept (all are counted). */
const MAX_ERRORS = 1000;

/** Every problem found, by row and column: counted, the first thousand kept; permission refusals counted apart. */
export class ImportErrorLog {
  readonly errors: ImportError[] = [];
  count = 0;
  permissionErrors = 0;
  constructor(private readonly onAdd?: (count: number) => void) {}
  add(e: ImportError) {
    this.count++;
    if (e.code === 'not_your_province' || e.code === 'not_your_sector') this.permissionErrors++;
    if (this.errors.length < MAX_ERRORS) this.errors.push(e);
    this.onAdd?.(this.count);
  }
}

export function fileError(
  code: string,
  message: string,
  messageVi: string,
  row: number,
  column: string | null,
): ImportError {
  return { row, column, value: null, code, message, messageVi };
}

/** Read the header row: the format, the column of each known field, the year columns; or the problems with it. */
export function readHeader(rec: CsvRecord): { header?: Header; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const col: Record<string, number> = {};
  const years: Header['years'] = [];
  const unknown: string[] = [];
  rec.fields.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const c = canonicalHeader(name);
    if (c === null) {
      unknown.push(name);
      return;
    }
    if (/^\d{4}$/.test(c)) {
      if (years.some((y) => y.year === Number(c)))
        errors.push(
          fileError('duplicate_column', `Column "${name}" appears twice.`, `Cột "${name}" xuất hiện hai lần.`, 1, name),
        );
      else years.push({ idx: i, year: Number(c), name });
      return;
    }
    if (c in col)
      errors.push(
        fileError(
          'duplicate_column',
          `Column "${name}" appears twice (column names are compared without case and accents).`,
          `Cột "${name}" xuất hiện hai lần (tên cột được so sánh không phân biệt hoa thường và dấu).`,
          1,
          name,
        ),
      );
    else col[c] = i;
  });
  if (unknown.length)
    errors.push(
      fileError(
        'unknown_column',
        `Unknown column(s): ${unknown.join(', ')}. Accepted: indicator, unitCode, period, value, date, status, note, name, or one column per year.`,
        `Cột không nhận ra: ${unknown.join(', ')}. Các cột được nhận: indicator, unitCode, period, value, date, status, note, name, hoặc mỗi năm một cột.`,
        1,
        unknown[0],
      ),
    );
  const wide = years.length > 0;
  if (wide && ('period' in col || 'value' in col))
    errors.push(
      fileError(
        'mixed_format',
        'The header has both year columns and period/value columns: use the long format (indicator, unitCode, period, value) or the wide format (indicator, unitCode, one column per year), not both.',
        'Dòng tiêu đề vừa có cột năm vừa có cột period/value: hãy dùng dạng dọc (indicator, unitCode, period, value) hoặc dạng ngang (indicator, unitCode, mỗi năm một cột), không dùng cả hai.',
        1,
        null,
      ),
    );
  const required = wide ? ['indicator', 'unitCode'] : ['indicator', 'unitCode', 'period', 'value'];
  const missing = required.filter((r) => !(r in col));
  if (missing.length)
    errors.push(
      fileError(
        'missing_column',
        `Missing column(s): ${missing.join(', ')}. The first row must be the header, e.g. indicator,unitCode,period,value.`,
        `Thiếu cột: ${missing.join(', ')}. Dòng đầu tiên phải là tiêu đề, ví dụ indicator,unitCode,period,value.`,
        1,
        null,
      ),
    );
  if (errors.length) return { errors };
  return { header: { format: wide ? 'wide' : 'long', col, years, names: rec.fields.map((f) => f.trim()) }, errors };
}

/** The import was refused: every problem found, by row and column. Nothing was written. */
export class ImportRejected extends Error {
  constructor(
    readonly status: 403 | 422,
    readonly errors: ImportError[],
    readonly errorCount: number,
    readonly rowsRead: number,
  ) {
    super(`import rejected: ${errorCount} problem(s)`);
  }
}

/** What the parse stage has found so far: the header, once read. */
export interface ParseSummary {
  header: Header | undefined;
}

/**
 * The data records of a file, batch by batch, each with the file's header. A refused header is logged and ends the
 * stream with `ImportRejected`; an empty file or a header without rows is logged when the stream ends. `summary`
 * receives the header as soon as it is read, so a caller can report the format whatever happens later.
 */
export async function* parseRecords(
  records: AsyncIterable<ImportRecord[]>,
  log: ImportErrorLog,
  summary: ParseSummary = { header: undefined },
): AsyncGenerator<{ header: Header; rows: ImportRecord[] }> {
  let headerDone = false;
  let handedOn = 0;
  for await (const batch of records) {
    let rows = batch;
    if (!headerDone && batch.length > 0) {
      headerDone = true;
      const r = readHeader(batch[0]);
      if (!r.header) {
        for (const e of r.errors) log.add(e);
        throw new ImportRejected(422, log.errors, log.count, 0);
      }
      summary.header = r.header;
      rows = batch.slice(1);
    }
    if (rows.length === 0) continue;
    handedOn += rows.length;
    yield { header: summary.header as Header, rows };
  }
  if (!headerDone) log.add(fileError('empty_file', 'The file is empty.', 'Tệp không có nội dung.', 0, null));
  else if (handedOn === 0)
    log.add(
      fileError(
        'no_rows',
        'The file has a header but no data rows.',
        'Tệp chỉ có dòng tiêu đề, không có dòng số liệu.',
        0,
        null,
      ),
    );
}

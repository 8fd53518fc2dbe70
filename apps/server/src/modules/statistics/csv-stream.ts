/**
 * A streaming CSV reader for uploads: RFC 4180 quoting (doubled quotes, separators and line breaks inside quotes),
 * UTF-8 with or without BOM, `,` `;` or tab detected from the header line. It never holds more than one chunk plus one
 * unfinished record in memory, and it refuses what it cannot read faithfully (UTF-16, bytes that are not UTF-8,
 * unbalanced quotes, absurd lines) with a message that names the row.
 */

export interface CsvRecord {
  /** 1-based record number; the header is row 1 (what Excel shows as the row number). */
  row: number;
  fields: string[];
}

export class FileProblem extends Error {
  constructor(
    readonly code: string,
    readonly row: number,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

export interface CsvLimits {
  /** Longest field accepted, in characters. */
  maxFieldChars: number;
  /** Most columns accepted in a record. */
  maxColumns: number;
}

const DEFAULT_LIMITS: CsvLimits = { maxFieldChars: 100_000, maxColumns: 2_000 };

/** Pick the separator of a header line: the most frequent of `,` `;` and tab outside quotes (`,` when none). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let inQ = false;
  for (const c of headerLine) {
    if (c === '"') inQ = !inQ;
    else if (!inQ && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  let n = 0;
  for (const [d, k] of counts)
    if (k > n) {
      best = d;
      n = k;
    }
  return best;
}

/** Refuse byte streams that are not UTF-8 text before decoding: UTF-16 (BOM or NUL-interleaved). */
function checkHead(bytes: Uint8Array) {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new FileProblem(
      'utf16',
      0,
      'The file is UTF-16 text. Save it as "CSV UTF-8 (comma delimited)" and upload it again.',
      'Tệp được mã hóa UTF-16. Hãy lưu lại dưới dạng "CSV UTF-8 (comma delimited)" rồi tải lên lại.',
    );
  const probe = bytes.subarray(0, Math.min(bytes.length, 64));
  let nul = 0;
  for (const b of probe) if (b === 0) nul++;
  if (probe.length >= 8 && nul >= probe.length / 4)
    throw new FileProblem(
      'binary',
      0,
      'The file is not text (it contains NUL bytes). Upload a CSV or an XLSX file.',
      'Tệp không phải dạng văn bản (có byte NUL). Hãy tải lên tệp CSV hoặc XLSX.',
    );
}

/**
 * Read CSV records from a byte stream, in batches (one batch per incoming chunk), so that a file of millions of rows
 * is never held in memory.
 */
export async function* readCsv(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limits: Partial<CsvLimits> = {},
): AsyncGenerator<CsvRecord[]> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let delimiter: string | null = null;
  let pending = ''; // text not yet consumed (an unfinished record)
  let row = 0;
  let first = true;
  let sawAnyByte = false;

  // Parser state carried between chunks for a record that spans them.
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteOpenedAt = 0;
  let afterQuote = false;

  const fieldTooLong = () =>
    new FileProblem(
      'field_too_long',
      row + 1,
      `Row ${row + 1}: a value is longer than ${lim.maxFieldChars} characters (an unclosed quote?).`,
      `Dòng ${row + 1}: một giá trị dài quá ${lim.maxFieldChars} ký tự (có thể thiếu dấu ngoặc kép đóng?).`,
    );
  const tooManyColumns = () =>
    new FileProblem(
      'too_many_columns',
      row + 1,
      `Row ${row + 1} has more than ${lim.maxColumns} columns.`,
      `Dòng ${row + 1} có hơn ${lim.maxColumns} cột.`,
    );

  function parse(text: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = delimiter as string;
    let i = 0;
    const n = text.length;
    // Position of the next quote character, found once and reused (searching per line would be quadratic).
    let nextQuote = -2;
    while (i < n) {
      // Fast path: at the start of a record, a whole line without quotes is split directly.
      if (!inQuotes && fields.length === 0 && field === '' && !afterQuote) {
        const nl = text.indexOf('\n', i);
        if (nl === -1 && !final) break;
        const end = nl === -1 ? n : nl;
        if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
        const q = nextQuote;
        if (q === -1 || q >= end) {
          let line = text.slice(i, end);
          if (line.endsWith('\r')) line = line.slice(0, -1);
          row++;
          i = end + 1;
          if (line.length === 0) continue;
          const parts = line.split(d);
          if (parts.length > lim.maxColumns) throw tooManyColumns();
          for (const p of parts) if (p.length > lim.maxFieldChars) throw fieldTooLong();
          out.push({ row, fields: parts });
          continue;
        }
      }
      // Slow path: character by character for a record with quotes (possibly spanning lines and chunks); the state
      // (fields so far, quote) is kept between chunks.
      const c = text[i];
      if (inQuotes) {
        if (c === '"') {
          if (i + 1 < n) {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            inQuotes = false;
            afterQuote = true;
            i++;
            continue;
          }
          if (!final) break; // need the next character to decide
          inQuotes = false;
          afterQuote = true;
          i++;
          continue;
        }
        field += c;
        if (field.length > lim.maxFieldChars) throw fieldTooLong();
        i++;
        continue;
      }
      if (c === '"') {
        if (field === '' && !afterQuote) {
          inQuotes = true;
          quoteOpenedAt = row + 1;
          i++;
          continue;
        }
        throw new FileProblem(
          'stray_quote',
          row + 1,
          `Row ${row + 1}: a quote character inside an unquoted value. Put the whole value in quotes and double the quote ("").`,
          `Dòng ${row + 1}: có dấu ngoặc kép nằm giữa một giá trị không được đặt trong ngoặc kép. Hãy đặt cả giá trị trong ngoặc kép và viết dấu ngoặc kép thành "".`,
        );
      }
      if (c === d) {
        fields.push(field);
        if (fields.length > lim.maxColumns) throw tooManyColumns();
        field = '';
        afterQuote = false;
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (c === '\r') {
          if (i + 1 >= n && !final) break;
          if (text[i + 1] === '\n') i++;
        }
        fields.push(field);
        row++;
        if (!(fields.length === 1 && fields[0] === '' && !afterQuote)) out.push({ row, fields });
        fields = [];
        field = '';
        afterQuote = false;
        i++;
        continue;
      }
      if (afterQuote)
        throw new FileProblem(
          'text_after_quote',
          row + 1,
          `Row ${row + 1}: text after a closing quote. Double the quote ("") inside quoted values.`,
          `Dòng ${row + 1}: có ký tự sau dấu ngoặc kép đóng. Trong giá trị có ngoặc kép, hãy viết "".`,
        );
      field += c;
      if (field.length > lim.maxFieldChars) throw fieldTooLong();
      i++;
    }
    pending = text.slice(i);
    if (final) {
      pending = '';
      if (inQuotes)
        throw new FileProblem(
          'unclosed_quote',
          quoteOpenedAt,
          `Row ${quoteOpenedAt}: a quote is opened and never closed.`,
          `Dòng ${quoteOpenedAt}: có dấu ngoặc kép mở nhưng không đóng.`,
        );
      if (fields.length > 0 || field !== '' || afterQuote) {
        fields.push(field);
        row++;
        out.push({ row, fields });
        fields = [];
        field = '';
        afterQuote = false;
      }
    }
    return out;
  }

  const decode = (bytes: Uint8Array | string, stream: boolean): string => {
    if (typeof bytes === 'string') return bytes;
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new FileProblem(
        'not_utf8',
        row + 1,
        `Around row ${row + 1} the file is not valid UTF-8 (legacy encodings such as Windows-1258, TCVN3 or VNI are not accepted). Save it as "CSV UTF-8" and upload it again.`,
        `Từ khoảng dòng ${row + 1}, tệp không phải UTF-8 hợp lệ (không nhận các bảng mã cũ như Windows-1258, TCVN3, VNI). Hãy lưu lại dưới dạng "CSV UTF-8" rồi tải lên lại.`,
      );
    }
  };

  for await (const chunk of source) {
    if (first && typeof chunk !== 'string' && chunk.length > 0) {
      checkHead(chunk);
      first = false;
    }
    if (chunk.length > 0) sawAnyByte = true;
    let text = pending + decode(chunk, true);
    if (delimiter === null) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const nl = text.indexOf('\n');
      if (nl === -1) {
        pending = text;
        if (pending.length > 1_000_000) delimiter = detectDelimiter(pending.slice(0, 100_000));
        else continue;
      } else delimiter = detectDelimiter(text.slice(0, nl));
    }
    const batch = parse(text, false);
    if (batch.length) yield batch;
  }
  let rest = pending + decode(new Uint8Array(0), false);
  if (delimiter === null) {
    if (rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    delimiter = detectDelimiter(rest);
  }
  const last = parse(rest, true);
  if (last.length) yield last;
  if (!sawAnyByte && row === 0) throw new FileProblem('empty_file', 0, 'The file is empty.', 'Tệp không có nội dung.');
}

/** Read a whole CSV text (small inputs and tests). */
export async function readCsvText(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  const once = (async function* () {
    yield Buffer.from(text, 'utf8');
  })();
  for await (const b of readCsv(once)) out.push(...b);
  return out;
}

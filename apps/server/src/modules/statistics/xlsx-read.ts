import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { type CsvRecord, FileProblem } from './csv-stream';

/**
 * Reading an uploaded XLSX safely. An XLSX file is a ZIP of XML parts, so before exceljs sees it the central directory
 * is inspected (OWASP ASVS 5.2.3): entry count, declared uncompressed sizes and ratios (zip bombs), paths (zip slip),
 * symlinks, macros, and every XML part's prologue (DOCTYPE / entity declarations are refused, so nothing can expand or
 * fetch). Then the chosen worksheet is streamed row by row; formulas give their cached value and are never evaluated.
 */

export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  maxRatio: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalUncompressed: 1024 * 1024 * 1024,
  maxRatio: 200,
};

const problem = (code: string, en: string, vi: string) => new FileProblem(code, 0, en, vi);

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip)),
    ),
  );
}

function readHead(zip: yauzl.ZipFile, entry: yauzl.Entry, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('zip entry'));
      const parts: Buffer[] = [];
      let got = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        stream.unpipe();
        stream.destroy();
        resolve(Buffer.concat(parts).toString('utf8'));
      };
      stream.on('data', (c: Buffer) => {
        parts.push(c);
        got += c.length;
        if (got >= bytes) finish();
      });
      stream.on('end', finish);
      stream.on('error', (e) => (done ? undefined : reject(e)));
    });
  });
}

/** Inspect an XLSX file's ZIP structure before any XML is parsed. Throws a FileProblem describing the refusal. */
export async function inspectXlsx(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    throw problem(
      'bad_xlsx',
      'The file starts like an XLSX (ZIP) but cannot be read as one. Save it again from Excel or LibreOffice.',
      'Tệp có dạng XLSX (ZIP) nhưng không đọc được. Hãy lưu lại bằng Excel hoặc LibreOffice.',
    );
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw problem(
        'zip_too_many_entries',
        `The workbook has ${zip.entryCount} parts (at most ${limits.maxEntries} are accepted).`,
        `Tệp có ${zip.entryCount} thành phần (tối đa ${limits.maxEntries}).`,
      );
    let total = 0;
    let hasWorkbook = false;
    const xmlEntries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        try {
          const name = e.fileName;
          if (name.includes('..') || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name))
            throw problem(
              'zip_bad_path',
              `The workbook contains an unsafe path "${name}".`,
              `Tệp chứa đường dẫn không an toàn "${name}".`,
            );
          const mode = (e.externalFileAttributes >>> 16) & 0o170000;
          if (mode === 0o120000)
            throw problem(
              'zip_symlink',
              'The workbook contains a symbolic link.',
              'Tệp chứa liên kết tượng trưng (symlink).',
            );
          if (/vbaProject\.bin$/i.test(name))
            throw problem(
              'macro',
              'The workbook contains macros (VBA). Save it as a plain .xlsx workbook without macros.',
              'Tệp chứa macro (VBA). Hãy lưu thành tệp .xlsx thông thường, không có macro.',
            );
          total += e.uncompressedSize;
          if (total > limits.maxTotalUncompressed)
            throw problem(
              'zip_too_large',
              `The workbook expands to more than ${Math.round(limits.maxTotalUncompressed / 1048576)} MB.`,
              `Tệp khi giải nén lớn hơn ${Math.round(limits.maxTotalUncompressed / 1048576)} MB.`,
            );
          if (e.uncompressedSize > 1_000_000 && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize))
            throw problem(
              'zip_bomb',
              `The part "${name}" is compressed ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1, which only happens in hostile files.`,
              `Thành phần "${name}" có tỷ lệ nén ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1, chỉ gặp ở tệp độc hại.`,
            );
          if (name === 'xl/workbook.xml') hasWorkbook = true;
          if (/\.(xml|rels)$/i.test(name)) xmlEntries.push(e);
          zip.readEntry();
        } catch (err) {
          reject(err);
        }
      });
      zip.on('end', () => resolve());
      // yauzl refuses unsafe entry names itself ("invalid relative path", "absolute path"): a refusal, not a crash.
      zip.on('error', (err: Error) =>
        reject(
          /relative path|absolute path|characters in fileName/i.test(err.message)
            ? problem(
                'zip_bad_path',
                `The workbook contains an unsafe path (${err.message}).`,
                `Tệp chứa đường dẫn không an toàn (${err.message}).`,
              )
            : problem(
                'bad_xlsx',
                'The file starts like an XLSX (ZIP) but cannot be read as one. Save it again from Excel or LibreOffice.',
                'Tệp có dạng XLSX (ZIP) nhưng không đọc được. Hãy lưu lại bằng Excel hoặc LibreOffice.',
              ),
        ),
      );
      zip.readEntry();
    });
    if (!hasWorkbook)
      throw problem(
        'not_a_workbook',
        'The ZIP file is not an Excel workbook (no xl/workbook.xml). Upload a .xlsx or .csv file.',
        'Tệp ZIP không phải sổ tính Excel (thiếu xl/workbook.xml). Hãy tải lên tệp .xlsx hoặc .csv.',
      );
    for (const e of xmlEntries) {
      const head = await readHead(zip, e, 2048);
      if (/<!DOCTYPE|<!ENTITY/i.test(head))
        throw problem(
          'xml_doctype',
          `The part "${e.fileName}" declares a DOCTYPE or entities, which workbooks never need; it is refused.`,
          `Thành phần "${e.fileName}" khai báo DOCTYPE hoặc entity, điều mà sổ tính không bao giờ cần; tệp bị từ chối.`,
        );
    }
  } finally {
    zip.close();
  }
}

export interface XlsxRecord extends CsvRecord {
  /** Column index → problem code for cells that cannot be read as text (formula without cached value, error). */
  cellProblems?: Map<number, string>;
}

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): { text: string; problem?: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), problem: 'date_cell' };
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text).join('') };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: CellValue }).result;
      if (r === undefined || r === null) return { text: '', problem: 'formula_without_value' };
      if (typeof r === 'object' && r !== null && 'error' in r) return { text: '', problem: 'cell_error' };
      return cellText(r);
    }
    if ('error' in v) return { text: '', problem: 'cell_error' };
    if ('text' in v) return { text: String((v as { text: unknown }).text) };
  }
  return { text: String(v) };
}

export interface SheetChoice {
  sheets: { name: string; hidden: boolean }[];
  used: string;
}

/**
 * Stream the rows of one worksheet: the one named `sheet`, else one named like "data"/"dữ liệu"/"số liệu", else the
 * first visible one. `onSheets` reports the workbook's sheets and the one read, so the importer can warn about the rest.
 */
export async function* readXlsx(
  file: string,
  opts: { sheet?: string; onSheets?: (c: SheetChoice) => void } = {},
): AsyncGenerator<XlsxRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // number formats tell a date cell from a number (a date in a value column is refused)
    entries: 'ignore',
  });
  let chosenId: string | null = null;
  let reported = false;
  for await (const ws of reader as unknown as AsyncIterable<
    ExcelJS.stream.xlsx.WorksheetReader & { id: string; name: string }
  >) {
    if (!reported) {
      const model = (
        reader as unknown as { model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] } }
      ).model;
      const rels = (reader as unknown as { workbookRels?: { Id: string; Target: string }[] }).workbookRels ?? [];
      const sheets = (model?.sheets ?? []).map((s) => {
        const target = rels.find((r) => r.Id === s.rId)?.Target ?? '';
        const no = /sheet(\d+)\.xml$/.exec(target)?.[1] ?? String(s.id);
        return { name: s.name, hidden: s.state === 'hidden' || s.state === 'veryHidden', no };
      });
      const wanted = opts.sheet?.normalize('NFC').trim().toLowerCase();
      const pick =
        (wanted ? sheets.find((s) => s.name.normalize('NFC').trim().toLowerCase() === wanted) : undefined) ??
        (wanted ? undefined : sheets.find((s) => /^(data|dữ liệu|số liệu)$/i.test(s.name.normalize('NFC').trim()))) ??
        (wanted ? undefined : sheets.find((s) => !s.hidden));
      if (wanted && !pick)
        throw problem(
          'sheet_not_found',
          `The workbook has no sheet named "${opts.sheet}" (it has: ${sheets.map((s) => s.name).join(', ')}).`,
          `Tệp không có trang tính tên "${opts.sheet}" (các trang: ${sheets.map((s) => s.name).join(', ')}).`,
        );
      chosenId = pick?.no ?? String(ws.id);
      opts.onSheets?.({ sheets: sheets.map(({ name, hidden }) => ({ name, hidden })), used: pick?.name ?? ws.name });
      reported = true;
    }
    if (String(ws.id) !== chosenId) {
      for await (const _row of ws) {
        // drain the sheets not read
      }
      continue;
    }
    let batch: XlsxRecord[] = [];
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      if (row.number > 1_048_576)
        throw new FileProblem(
          'too_many_rows',
          row.number,
          'The sheet has rows beyond row 1,048,576.',
          'Trang tính có dòng vượt quá dòng 1.048.576.',
        );
      const values = row.values as CellValue[];
      const fields: string[] = [];
      let cellProblems: Map<number, string> | undefined;
      let any = false;
      for (let c = 1; c < values.length; c++) {
        const { text, problem: p } = cellText(values[c]);
        fields[c - 1] = text;
        if (text !== '') any = true;
        if (p) {
          any = true;
          cellProblems ??= new Map();
          cellProblems.set(c - 1, p);
        }
      }
      for (let c = 0; c < fields.length; c++) if (fields[c] === undefined) fields[c] = '';
      if (!any) continue;
      batch.push({ row: row.number, fields, cellProblems });
      if (batch.length >= 5000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}

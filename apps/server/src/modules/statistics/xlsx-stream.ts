import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { type AsyncFlateStreamHandler, strToU8, Zip, type ZipInputFile, ZipPassThrough } from 'fflate';

/**
 * A streaming writer of one-sheet XLSX workbooks for the large downloads (a commune-level export: 100,000 rows and
 * more). It writes SpreadsheetML by hand — typed numbers, inline strings, a frozen bold header row, column widths —
 * and deflates it as it goes (Node's zlib, off the main thread; fflate writes the ZIP container), so the workbook is
 * never whole in memory. exceljs' streaming writer took
 * 2.4–3.8 s for 99,630 rows × 11 columns, mostly building a cell object per value (docs/benchmarks.md, B8xlsx).
 * Same rows, same process, load 6–8 on 2 cores: exceljs 1.9–2.1 s and 5.4 MB; this writer 0.7–0.8 s and 5.5 MB at
 * zlib level 1 (1.1–1.4 s and 4.5 MB at level 6).
 * The small workbooks (explorer exports with a provenance sheet, templates) stay with exceljs.
 */
export type XlsxCell = string | number | null | undefined;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Characters XML 1.0 cannot hold (controls, unpaired surrogates, U+FFFE/U+FFFF) are dropped. */
const INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what XML cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  return s.replace(INVALID, '').replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell's XML after `<c r="A1"`, or null for an empty cell (not written). */
function cellTail(v: XlsxCell, style: string): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? `${style}><v>${v}</v></c>` : null;
  const t = xmlText(v);
  const space = t !== t.trim() ? ' xml:space="preserve"' : '';
  return `${style} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
}

/** A compressed part of the ZIP deflated by Node's zlib on its thread pool, with its CRC-32 and size. */
class NodeDeflatePart implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflate = zlib.createDeflateRaw({ level: 1 });

  constructor(readonly filename: string) {
    this.deflate.on('data', (c: Buffer) => this.ondata?.(null, c as Uint8Array<ArrayBuffer>, false));
    this.deflate.on('end', () => this.ondata?.(null, new Uint8Array(0), true));
    this.deflate.on('error', (e) => this.ondata?.(e as never, new Uint8Array(0), true));
  }

  push(text: string, final: boolean): void {
    const bytes = Buffer.from(text, 'utf8');
    this.crc = zlib.crc32(bytes, this.crc);
    this.size += bytes.length;
    this.deflate.write(bytes);
    if (final) this.deflate.end();
  }
}

function staticParts(sheetName: string): Record<string, string> {
  return {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xmlText(sheetName).slice(0, 31)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    // Style 0: the default; style 1: bold (the header row).
    'xl/styles.xml': `${XML}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
  };
}

/** Rows are buffered into pieces of about this many characters before they are deflated. */
const PIECE = 256 * 1024;

export class XlsxStreamWriter {
  private readonly zip: Zip;
  private readonly sheet: NodeDeflatePart;
  /** The XML of text cells seen before (names, units, sources repeat on every row). */
  private readonly texts = new Map<string, string | null>();
  private readonly columns: string[];
  private buffer = '';
  private rowNumber = 0;

  /** `out` receives the workbook's bytes; it is ended when the workbook is, destroyed on an error. */
  constructor(
    private readonly out: Writable,
    sheetName: string,
    columns: { header: string; width: number }[],
  ) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) out.destroy(err);
      else {
        out.write(Buffer.from(chunk));
        if (final) out.end();
      }
    });
    for (const [name, xml] of Object.entries(staticParts(sheetName))) {
      const part = new ZipPassThrough(name);
      this.zip.add(part);
      part.push(strToU8(xml), true);
    }
    this.sheet = new NodeDeflatePart('xl/worksheets/sheet1.xml');
    this.zip.add(this.sheet);
    this.columns = columns.map((_c, i) => columnName(i));
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`);
    this.buffer =
      `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<cols>${cols.join('')}</cols><sheetData>`;
    this.row(
      columns.map((c) => c.header),
      ' s="1"',
    );
  }

  /** One data row; `null`, `undefined` and `''` leave the cell empty, a non-finite number too. */
  addRow(values: readonly XlsxCell[]): void {
    this.row(values, '');
  }

  private row(values: readonly XlsxCell[], style: string): void {
    const n = ++this.rowNumber;
    let xml = `<row r="${n}">`;
    for (let i = 0; i < values.length; i++) {
      const tail = this.tail(values[i], style);
      if (tail !== null) xml += `<c r="${this.columns[i] ?? columnName(i)}${n}"${tail}`;
    }
    this.buffer += `${xml}</row>`;
    if (this.buffer.length >= PIECE) this.flush(false);
  }

  /** Text cells repeat (names, units, sources on every row): their XML is kept, up to 10,000 distinct texts. */
  private tail(v: XlsxCell, style: string): string | null {
    if (typeof v !== 'string' || style) return cellTail(v, style);
    let tail = this.texts.get(v);
    if (tail === undefined) {
      tail = cellTail(v, style);
      if (this.texts.size < 10_000) this.texts.set(v, tail);
    }
    return tail;
  }

  private flush(final: boolean): void {
    this.sheet.push(this.buffer, final);
    this.buffer = '';
  }

  /** Resolves when `out` can take more (a slow client pauses the writer). */
  async drained(): Promise<void> {
    if (!this.out.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('close', done);
        this.out.off('drain', done);
        resolve();
      };
      this.out.once('drain', done).once('close', done);
    });
  }

  /** Closes the sheet and the workbook; `out` ends once the last bytes are written. */
  end(): void {
    this.buffer += '</sheetData></worksheet>';
    this.flush(true);
    this.zip.end();
  }
}

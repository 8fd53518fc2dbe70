import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * XLSX cases of the corpus, built at test time (zip bombs and huge parts are too big to store): each gives the bytes,
 * the file name to upload under, and the expected outcome (accepted with N observations, or refused with a code).
 */
export interface XlsxCase {
  id: string;
  why: string;
  build(): Promise<Buffer>;
  fileName?: string;
  query?: string;
  expect: { status: 200; observations: number; values?: number[] } | { status: number; code: string };
  /** A known gap: the product does not meet the expectation yet (the runner marks the case as an expected failure). */
  gap?: string;
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const good = () =>
  workbook((wb) => {
    const ws = wb.addWorksheet('data');
    ws.addRow(['indicator', 'unitCode', 'period', 'value']);
    ws.addRow(['population', '20', 2024, 813500]);
  });

/** Rewrite a workbook's parts: `edit` gets the JSZip of a valid workbook. */
async function patched(edit: (zip: JSZip) => Promise<void> | void, compression: 'DEFLATE' | 'STORE' = 'DEFLATE') {
  const zip = await JSZip.loadAsync(await good());
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression, compressionOptions: { level: 9 }, platform: 'UNIX' });
}
const SHEET = 'xl/worksheets/sheet1.xml';
async function editSheet(zip: JSZip, f: (xml: string) => string) {
  zip.file(SHEET, f(await zip.file(SHEET)!.async('string')));
}
const rej = (code: string, status = 422) => ({ status, code });

/**
 * A loopback canary: XXE and WEBSERVICE cases point at it, and the runner asserts it received no request (nothing in
 * a workbook may make the server fetch a URL). Its port is set by the runner before the cases are built.
 */
export const canary = { url: 'http://127.0.0.1:9' };

export const XLSX_CASES: XlsxCase[] = [
  {
    id: 'valid',
    why: 'a valid workbook (control)',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2021, 700001]);
      }),
    expect: { status: 200, observations: 1, values: [700001] },
  },
  {
    id: 'named-xlsx-but-csv',
    why: 'CSV bytes named .xlsx',
    build: async () => Buffer.from('indicator,unitCode,period,value\npopulation,20,2024,1\n'),
    fileName: 'so-lieu.xlsx',
    expect: rej('not_xlsx'),
  },
  {
    id: 'exe-named-xlsx',
    why: 'an .exe named .xlsx',
    build: async () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
    fileName: 'so-lieu.xlsx',
    expect: rej('not_xlsx'),
  },
  {
    id: 'magic-only',
    why: 'only the ZIP magic bytes',
    build: async () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    expect: rej('bad_xlsx'),
  },
  {
    id: 'truncated',
    why: 'a workbook cut in half',
    build: async () => {
      const b = await good();
      return b.subarray(0, Math.floor(b.length / 2));
    },
    expect: rej('bad_xlsx'),
  },
  {
    id: 'plain-zip',
    why: 'a ZIP that is not a workbook',
    build: async () => {
      const z = new JSZip();
      z.file('readme.txt', 'hello');
      return z.generateAsync({ type: 'nodebuffer' });
    },
    expect: rej('not_a_workbook'),
  },
  {
    id: 'xlsm',
    why: 'a macro workbook (xl/vbaProject.bin)',
    build: () => patched((z) => void z.file('xl/vbaProject.bin', Buffer.alloc(64, 1))),
    fileName: 'so-lieu.xlsm',
    expect: rej('macro'),
  },
  {
    id: 'zip-slip-dotdot',
    why: 'zip slip: ../../ path',
    build: () => patched((z) => void z.file('../../evil.sh', 'echo pwned')),
    expect: rej('zip_bad_path'),
  },
  {
    id: 'zip-slip-nested',
    why: 'zip slip: xl/../../ path',
    build: () => patched((z) => void z.file('xl/../../evil.xml', '<x/>')),
    expect: rej('zip_bad_path'),
  },
  {
    id: 'zip-slip-absolute',
    why: 'an absolute path',
    build: () => patched((z) => void z.file('/etc/evil', 'x')),
    expect: rej('zip_bad_path'),
  },
  {
    id: 'zip-slip-backslash',
    why: 'a backslash path',
    build: () => patched((z) => void z.file('xl\\..\\..\\evil', 'x')),
    expect: rej('zip_bad_path'),
  },
  {
    id: 'zip-slip-drive',
    why: 'a Windows drive path',
    build: () => patched((z) => void z.file('C:/evil', 'x')),
    expect: rej('zip_bad_path'),
  },
  {
    id: 'symlink',
    why: 'a symbolic link entry',
    build: () =>
      patched((z) => void z.file('xl/link', '/etc/passwd', { unixPermissions: 0o120777, platform: 'UNIX' } as never)),
    expect: rej('zip_symlink'),
  },
  {
    id: 'many-entries',
    why: '1,001 entries',
    build: () =>
      patched((z) => {
        for (let i = 0; i < 1001; i++) z.file(`xl/media/x${i}.bin`, 'x');
      }),
    expect: rej('zip_too_many_entries'),
  },
  {
    id: 'bomb-sheet',
    why: 'a highly compressed sheet1.xml (zip bomb)',
    build: () =>
      patched(async (z) => {
        const xml = await z.file(SHEET)!.async('string');
        z.file(SHEET, xml.replace('</worksheet>', `<!--${' '.repeat(60 * 1024 * 1024)}--></worksheet>`));
      }),
    expect: rej('zip_bomb'),
  },
  {
    id: 'bomb-shared-strings',
    why: 'an inflated sharedStrings.xml',
    build: () =>
      patched((z) => void z.file('xl/sharedStrings.xml', `<sst>${'<si><t>a</t></si>'.repeat(2_000_000)}</sst>`)),
    expect: rej('zip_bomb'),
  },
  {
    id: 'nested-zip',
    why: 'a zip inside the workbook (42.zip style)',
    build: async () => {
      const inner = await new JSZip()
        .file('a.xml', '0'.repeat(50 * 1024 * 1024))
        .generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
      return patched((z) => void z.file('xl/embeddings/inner.zip', inner));
    },
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'doctype',
    why: 'a DOCTYPE in the sheet',
    build: () => patched((z) => editSheet(z, (x) => x.replace('<worksheet', '<!DOCTYPE worksheet [ ]><worksheet'))),
    expect: rej('xml_doctype'),
  },
  {
    id: 'xxe-file',
    why: 'an external entity reading /etc/passwd',
    build: () =>
      patched((z) =>
        editSheet(z, (x) =>
          x.replace('<worksheet', '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet'),
        ),
      ),
    expect: rej('xml_doctype'),
  },
  {
    id: 'xxe-http',
    why: 'an external entity fetching a URL',
    build: () =>
      patched((z) =>
        editSheet(z, (x) =>
          x.replace('<worksheet', `<!DOCTYPE w [<!ENTITY xxe SYSTEM "${canary.url}/xxe">]><worksheet`),
        ),
      ),
    expect: rej('xml_doctype'),
  },
  {
    id: 'billion-laughs',
    why: 'a billion-laughs entity pattern in workbook.xml',
    build: () =>
      patched(async (z) => {
        const xml = await z.file('xl/workbook.xml')!.async('string');
        const ents = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
        z.file('xl/workbook.xml', xml.replace('<workbook', `<!DOCTYPE workbook [<!ENTITY l0 "lol">${ents}]><workbook`));
      }),
    expect: rej('xml_doctype'),
  },
  {
    id: 'doctype-late',
    why: 'a DOCTYPE after a long XML comment',
    build: () =>
      patched((z) =>
        editSheet(z, (x) =>
          x.replace('<worksheet', `<!--${'x'.repeat(4000)}--><!DOCTYPE w [<!ENTITY e "x">]><worksheet`),
        ),
      ),
    expect: rej('xml_doctype'),
  },
  {
    id: 'huge-dimension',
    why: 'dimension A1:XFD1048576 with two real rows',
    build: () =>
      patched((z) => editSheet(z, (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))),
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'row-beyond-limit',
    why: 'a row index beyond 1,048,576',
    build: () =>
      patched((z) =>
        editSheet(z, (x) => x.replace(/<row r="2"/, '<row r="2000000"').replace(/r="([A-D])2"/g, 'r="$12000000"')),
      ),
    expect: rej('too_many_rows'),
  },
  {
    id: 'formula-cached',
    why: 'a formula with a cached value: the cached value is imported',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2022, { formula: '700000+2', result: 700002 }]);
      }),
    expect: { status: 200, observations: 1, values: [700002] },
  },
  {
    id: 'formula-no-cache',
    why: 'a formula without a cached value',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, { formula: '800000+13500' } as ExcelJS.CellFormulaValue]);
      }),
    expect: rej('formula_without_value'),
  },
  {
    id: 'formula-webservice',
    why: 'a WEBSERVICE formula without cache is never evaluated',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow([
          'population',
          '20',
          2024,
          { formula: `WEBSERVICE("${canary.url}/webservice")` } as ExcelJS.CellFormulaValue,
        ]);
      }),
    expect: rej('formula_without_value'),
  },
  {
    id: 'error-cell',
    why: 'an error cell #DIV/0!',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, { error: '#DIV/0!' } as ExcelJS.CellErrorValue]);
      }),
    expect: rej('cell_error'),
  },
  {
    id: 'date-value',
    why: 'a date cell as value',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, new Date('2024-01-01')]);
      }),
    expect: rej('date_cell'),
  },
  {
    id: 'numeric-code',
    why: 'a unit code stored as a number (leading zero lost)',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', 1, 2024, 8717600]);
      }),
    expect: rej('leading_zero'),
  },
  {
    id: 'several-sheets',
    why: 'several sheets: only the named one is read',
    build: () =>
      workbook((wb) => {
        const a = wb.addWorksheet('ghi chú');
        a.addRow(['population', '99', 2024, 'rác']);
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, 813500]);
      }),
    query: 'sheet=data',
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'sheet-missing',
    why: 'a named sheet that does not exist',
    build: good,
    query: 'sheet=nope',
    expect: rej('sheet_not_found'),
  },
  {
    id: 'hidden-sheet',
    why: 'a hidden first sheet with garbage, the data sheet named',
    build: () =>
      workbook((wb) => {
        const a = wb.addWorksheet('hidden', { state: 'hidden' });
        a.addRow(['x']);
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, 813500]);
      }),
    query: 'sheet=data',
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'merged-header',
    why: 'a merged title row above the header',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, 813500]);
        ws.mergeCells('A3:D3');
      }),
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'styled-empty-rows',
    why: '10^5 empty styled rows after the data',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value']);
        ws.addRow(['population', '20', 2024, 813500]);
        for (let r = 3; r < 100_003; r++)
          ws.getCell(`A${r}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
      }),
    expect: { status: 200, observations: 1 },
  },
  {
    id: 'mojibake-note',
    why: 'TCVN3 mojibake in a note cell',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value', 'note']);
        ws.addRow(['population', '20', 2024, 813500, 'Tæng sè d©n tØnh L¹ng S¬n']);
      }),
    expect: rej('legacy_encoding'),
  },
  {
    id: 'bidi-note',
    why: 'a bidi override in a note cell',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('data');
        ws.addRow(['indicator', 'unitCode', 'period', 'value', 'note']);
        ws.addRow(['population', '20', 2024, 813500, 'a\u202Eb']);
      }),
    expect: rej('control_characters'),
  },
];

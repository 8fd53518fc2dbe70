// Writes the CSV and text-body import cases of the hostile corpus into ../csv/ (one file per case) and their expected
// outcomes into ../csv/expect.json. Run once after editing: `node apps/server/test/hostile/tools/write-csv-cases.mjs`.
// The files are committed; the runner reads them, never this script.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'csv');
fs.mkdirSync(dir, { recursive: true });
for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));

const H = 'indicator,unitCode,period,value';
const HN = 'indicator,unitCode,period,value,note';
const ok = (n, extra = {}) => ({ status: 200, observations: n, ...extra });
const rej = (code, status = 422, extra = {}) => ({ status, code, ...extra });
const expect = {};
const add = (name, body, outcome, why, fill) => {
  fs.writeFileSync(path.join(dir, name), body);
  expect[name] = { ...outcome, why, ...(fill ? { fill } : {}) };
};
// Large cases are stored small: the runner replaces {{FILL}} by `text` repeated `count` times.
const FILL = '{{FILL}}';
const lines = (...l) => `${l.join('\n')}\n`;
const utf8 = (s) => Buffer.from(s, 'utf8');

// ---- encodings
add('enc-utf8.csv', lines(H, 'population,20,2024,813500'), ok(1, { values: [813500] }), 'plain UTF-8');
add('enc-utf8-bom.csv', `\uFEFF${lines(H, 'population,20,2024,813500')}`, ok(1), 'UTF-8 with BOM');
add('enc-utf8-bom-crlf.csv', `\uFEFF${H}\r\npopulation,20,2024,813500\r\n`, ok(1), 'BOM and CRLF line ends');
add(
  'enc-double-bom.csv',
  `\uFEFF\uFEFF${lines(H, 'population,20,2024,813500')}`,
  ok(1),
  'two BOMs: the second is an invisible character in the header, stripped',
);
add(
  'enc-utf16le-bom.csv',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines(H, 'population,20,2024,1'), 'utf16le')]),
  rej('utf16'),
  'UTF-16LE with BOM',
);
add(
  'enc-utf16be-bom.csv',
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(lines(H, 'population,20,2024,1'), 'utf16le').swap16()]),
  rej('utf16'),
  'UTF-16BE with BOM',
);
add(
  'enc-utf16le-nobom.csv',
  Buffer.from(lines(H, 'population,20,2024,1'), 'utf16le'),
  rej('binary'),
  'UTF-16LE without BOM: NUL bytes',
);
add(
  'enc-windows1258-note.csv',
  Buffer.concat([utf8(`${HN}\npopulation,20,2024,1,L`), Buffer.from([0xe4, 0xf2]), utf8('ng S\xf5n\n')].map((b) => b)),
  rej('not_utf8'),
  'Windows-1258 bytes',
);
add(
  'enc-latin1-header.csv',
  Buffer.concat([
    utf8('indicator,unitCode,period,value,ghi ch'),
    Buffer.from([0xfa]),
    utf8('\npopulation,20,2024,1,x\n'),
  ]),
  rej('not_utf8'),
  'Latin-1 byte in the header',
);
add(
  'enc-tcvn3-note.csv',
  lines(HN, 'population,20,2024,1,Tæng sè d©n tØnh L¹ng S¬n'),
  rej('legacy_encoding'),
  'TCVN3 read as Latin-1',
);
add(
  'enc-tcvn3-note2.csv',
  lines(HN, 'population,20,2024,1,Sè liÖu ­íc tÝnh cña Côc Thèng kª'),
  rej('legacy_encoding'),
  'TCVN3 read as Latin-1 (2)',
);
add(
  'enc-vni-note.csv',
  lines(HN, 'population,20,2024,1,Daân soá tænh Laïng Sôn'),
  rej('legacy_encoding'),
  'VNI read as Latin-1',
);
add(
  'enc-truncated-utf8.csv',
  Buffer.concat([utf8(`${HN}\npopulation,20,2024,1,L`), Buffer.from([0xe1, 0xba])]),
  rej('not_utf8'),
  'a UTF-8 sequence cut at the end of the file',
);
add(
  'enc-overlong-utf8.csv',
  Buffer.concat([utf8(`${HN}\npopulation,20,2024,1,`), Buffer.from([0xc0, 0xaf]), utf8('\n')]),
  rej('not_utf8'),
  'overlong UTF-8 for "/"',
);
add(
  'enc-surrogate-utf8.csv',
  Buffer.concat([utf8(`${HN}\npopulation,20,2024,1,`), Buffer.from([0xed, 0xa0, 0x80]), utf8('\n')]),
  rej('not_utf8'),
  'CESU/lone surrogate bytes',
);
add(
  'enc-binary-exe.csv',
  Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode')]),
  rej('binary'),
  'an .exe renamed .csv',
);
add(
  'enc-nul-in-note.csv',
  lines(HN, 'population,20,2024,1,ab\u0000cd'),
  rej('control_characters'),
  'NUL inside a note',
);
add(
  'enc-nfd-note.csv',
  lines(HN, 'population,20,2024,1,Ti\u0065\u0302\u0301ng Vi\u0065\u0323\u0302t'),
  ok(1),
  'NFD note, stored NFC',
);

// ---- structure
add('st-semicolon.csv', lines('indicator;unitCode;period;value', 'population;20;2024;813500'), ok(1), '; delimiter');
add('st-tab.csv', lines('indicator\tunitCode\tperiod\tvalue', 'population\t20\t2024\t813500'), ok(1), 'tab delimiter');
add(
  'st-quoted-newline.csv',
  lines(HN, 'population,20,2024,1,"dòng 1\r\ndòng 2"'),
  ok(1),
  'CR/LF inside a quoted field',
);
add(
  'st-quoted-delims.csv',
  lines(HN, 'population,20,2024,1,"a, b; c ""d"""'),
  ok(1),
  'delimiters and escaped quotes inside quotes',
);
add('st-unclosed-quote.csv', lines(H, 'population,"20,2024,1'), rej('unclosed_quote'), 'unbalanced quote');
add('st-stray-quote.csv', lines(H, 'population,2"0,2024,1'), rej('stray_quote'), 'quote inside an unquoted field');
add(
  'st-text-after-quote.csv',
  lines(H, 'population,"20"x,2024,1'),
  rej('text_after_quote'),
  'text after a closing quote',
);
add(
  'st-missing-header.csv',
  lines('indicator,unitCode,value', 'population,20,1'),
  rej('missing_column'),
  'a required column missing',
);
add(
  'st-unknown-header.csv',
  lines(`${H},colour`, 'population,20,2024,1,red'),
  rej('unknown_column'),
  'an unknown column',
);
add(
  'st-duplicate-header.csv',
  lines(`${H},value`, 'population,20,2024,1,2'),
  rej('duplicate_column'),
  'a duplicate column',
);
add(
  'st-duplicate-header-case.csv',
  lines(`${H},VALUE`, 'population,20,2024,1,2'),
  rej('duplicate_column'),
  'headers differing only in case',
);
add(
  'st-duplicate-header-nfd.csv',
  lines('chỉ tiêu,unitCode,period,value,chi\u0309 tie\u0302u', 'population,20,2024,1,population'),
  rej('duplicate_column'),
  'headers differing only in NFC/NFD',
);
add(
  'st-vi-headers.csv',
  lines('chỉ tiêu,mã đơn vị,kỳ,giá trị', 'population,20,2024,813500'),
  ok(1),
  'Vietnamese header names',
);
add(
  'st-vi-headers-nfd.csv',
  lines('chi\u0309 tie\u0302u,ma\u0303 đơn vi\u0323,ky\u0300,gia\u0301 tri\u0323', 'population,20,2024,813500'),
  ok(1),
  'Vietnamese header names in NFD',
);
add(
  'st-header-zwsp.csv',
  lines('indi\u200Bcator,unitCode,period,value', 'population,20,2024,813500'),
  ok(1),
  'a zero-width space inside a header',
);
add('st-empty.csv', '', rej('empty_file'), 'an empty file');
add('st-bom-only.csv', '\uFEFF', rej('empty_file'), 'only a BOM');
add('st-whitespace-only.csv', '\n\n  \n', rej('missing_column'), 'only blank lines');
add('st-header-only.csv', lines(H), rej('no_rows'), 'only a header');
add('st-header-only-nonl.csv', H, rej('no_rows'), 'only a header, no newline');
add('st-trailing-delims.csv', lines(`${H},,`, 'population,20,2024,813500,,'), ok(1), 'trailing delimiters');
add('st-short-row.csv', lines(H, 'population,20,2024'), rej('empty_value'), 'a row with a missing cell');
add(
  'st-long-row.csv',
  lines(H, 'population,20,2024,1,2,3'),
  rej('too_many_values'),
  'a row with more cells than headers',
);
add('st-many-columns.csv', lines(`${H}${FILL}`, 'population,20,2024,1'), rej('too_many_columns'), '10^5 columns', {
  text: ',c',
  count: 100_000,
});
add('st-long-field.csv', lines(HN, `population,20,2024,1,"${FILL}"`), rej('field_too_long'), 'a 2 MB quoted field', {
  text: 'a',
  count: 2_000_000,
});
add('st-long-unquoted-line.csv', lines(H, `population,20,2024,${FILL}`), rej('field_too_long'), 'a 1.5 MB line', {
  text: '9',
  count: 1_500_000,
});
add(
  'st-long-note-unclosed.csv',
  lines(HN, `population,20,2024,1,"${FILL}`),
  rej('field_too_long'),
  'an unclosed quote running 3 MB',
  { text: 'b\n', count: 1_500_000 },
);
add('st-blank-lines.csv', lines(H, '', 'population,20,2024,813500', '', ''), ok(1), 'blank lines between rows');
add(
  'st-cr-only.csv',
  `${H}\rpopulation,20,2024,813500\r`,
  rej('unknown_column'),
  'old Mac CR line ends are not line ends',
);
add(
  'st-mixed-delims.csv',
  lines(H, 'population;20;2024;813500'),
  rej('unknown_indicator'),
  'header with commas, row with semicolons',
);

// ---- numbers
// Each number case has its own year, so that an accepted value is always a change (and shows in the preview).
let numYear = 1979;
const num = (name, raw, outcome, why) =>
  add(`num-${name}.csv`, lines(H, `population,20,${++numYear},${raw}`), outcome, why);
num('plain', '813500', ok(1, { values: [813500] }), 'plain integer');
num('decimal-dot', '813500.5', ok(1, { values: [813500.5] }), 'decimal point');
num(
  'vi-grouped',
  '"813.500"',
  ok(1, { values: [813.5] }),
  'documented: without decimal=comma a point is the decimal point, so 813.500 is 813.5 (see README: open question)',
);
num(
  'vi-grouped-declared',
  '"813.500"',
  ok(1, { values: [813500], query: 'decimal=comma' }),
  'with decimal=comma declared, 813.500 is 813500',
);
num('vi-decimal', '"813500,5"', rej('decimal_comma'), 'Vietnamese decimal comma');
num('vi-full', '"1.234,5"', rej('decimal_comma'), 'Vietnamese 1.234,5');
num('en-grouped', '"1,234.5"', rej('decimal_comma'), 'English 1,234.5 is ambiguous too');
num('neg-zero', '-0', ok(1, { values: [0] }), '-0 is zero');
num('plus', '+813500', ok(1, { values: [813500] }), 'explicit plus');
num('exp', '8.135e5', ok(1, { values: [813500] }), 'exponent');
num('1e309', '1e309', rej('not_a_number'), 'overflows a double');
num('neg-1e309', '-1e309', rej('not_a_number'), 'overflows a double negatively');
num('nan', 'NaN', rej('not_a_number'), 'NaN');
num('inf', 'Infinity', rej('not_a_number'), 'Infinity');
num('neg-inf', '-inf', rej('not_a_number'), '-inf');
num('arabic-indic', '١٢٣', rej('not_a_number'), 'Arabic-Indic digits');
num('devanagari', '१२३', rej('not_a_number'), 'Devanagari digits');
num('fullwidth', '８１３５００', rej('not_a_number'), 'full-width digits');
num('percent', '12.5%', rej('percent_sign'), 'a percent sign');
num('space-grouped', '"813 500"', rej('not_a_number'), 'space as thousands separator');
num('nbsp-grouped', '"813\u00A0500"', rej('not_a_number'), 'no-break space as thousands separator');
num('hex', '0x1F', rej('not_a_number'), 'hexadecimal');
num('words', 'tám trăm', rej('not_a_number'), 'words');
num('empty', '', rej('empty_value'), 'an empty value');
num('dash', '-', rej('not_a_number'), 'a dash for no data');
num('two-dots', '1.2.3', rej('not_a_number'), 'two dots');
num('big', '9007199254740993', ok(1), 'an amount above 2^53 (stored as numeric)');
num('negative-pop', '-5', rej('below_minimum'), 'a negative population');
num('currency', '813500đ', rej('not_a_number'), 'a currency sign');
num('zw-inside', '813\u200B500', rej('not_a_number'), 'a zero-width space inside a number');
num('sql', '1;drop table observations', rej('not_a_number'), 'SQL in a value');
num('formula', '=1+1', rej('not_a_number'), 'a spreadsheet formula');
num('leading-space', ' 813500 ', ok(1, { values: [813500] }), 'spaces around a number');

// ---- periods and dates
const per = (name, raw, outcome, why) =>
  add(`period-${name}.csv`, lines(H, `population,20,${raw},813500`), outcome, why);
per('ok', '2024', ok(1), 'a year');
per('dot-zero', '2024.0', ok(1), 'a year from a spreadsheet as 2024.0');
per('thousands', '"2.024"', rej('bad_period'), 'a thousands separator in a year');
per('comma-thousands', '"2,024"', rej('bad_period'), 'a comma thousands separator in a year');
per('future', '2099', rej('period_out_of_range'), 'a year far in the future');
per('ancient', '1066', rej('period_out_of_range'), 'a year far in the past');
per('ddmmyyyy', '31/12/2024', rej('bad_period'), 'a date instead of a year');
per('excel-serial', '45657', rej('bad_period'), 'an Excel serial number');
per('two-digit', '24', rej('bad_period'), 'a two-digit year');
per('range', '2020-2024', rej('bad_period'), 'a range');
per('empty', '', rej('bad_period'), 'an empty period');
per('arabic', '٢٠٢٤', rej('bad_period'), 'non-ASCII digits in a year');
const date = (name, raw, outcome, why) =>
  add(`date-${name}.csv`, lines(`${H},date`, `population,20,2024,813500,${raw}`), outcome, why);
date('iso', '2024-12-31', ok(1), 'an ISO geography date');
date('ddmmyyyy', '31/12/2024', rej('bad_date'), 'dd/mm/yyyy is refused: only YYYY-MM-DD is unambiguous');
date('mmddyyyy', '12/31/2024', rej('bad_date'), 'mm/dd/yyyy is not a date in dd/mm order');
date('feb30', '2024-02-30', rej('bad_date'), 'a date that does not exist');
date('serial', '45657', rej('bad_date'), 'an Excel serial number as date');
date('garbage', 'hôm qua', rej('bad_date'), 'words as date');
date('sqli', "2024-12-31' or '1'='1", rej('bad_date'), 'SQL in a date');
const st = (name, raw, outcome, why) =>
  add(`status-${name}.csv`, lines(`${H},status`, `population,20,2024,813500,${raw}`), outcome, why);
st('final', 'final', ok(1), 'status final');
st('vi', 'sơ bộ', ok(1), 'status in Vietnamese');
st('vi-nfd', 'so\u031b bo\u0323\u0302', ok(1), 'status in Vietnamese NFD');
st('bad', 'approved', rej('bad_status'), 'an unknown status');

// ---- keys
const key = (name, row, outcome, why) => add(`key-${name}.csv`, lines(H, row), outcome, why);
key('unknown-code', 'population,99,2024,1', rej('unknown_code'), 'an unknown province code');
key(
  'old-code-after-reform',
  'population,02,2025,1',
  rej('unknown_code'),
  'an old 63-province code (Hà Giang) for 2025',
);
key('old-code-before-reform', 'population,02,2024,1', ok(1), 'an old 63-province code for 2024: its own geography');
key('new-code-before-reform', 'population,27,2025,1000', rej('unknown_code'), 'a merged code in the wrong geography');
key('name-not-code', 'population,Lạng Sơn,2024,1', rej('name_not_code'), 'a name instead of a code');
key('name-nfd', 'population,La\u0323ng So\u031bn,2024,1', rej('name_not_code'), 'an NFD name instead of a code');
key('leading-zero-lost', 'population,1,2024,1', rej('leading_zero'), 'Excel dropped the leading zero');
key('empty-code', 'population,,2024,1', rej('empty_code'), 'an empty code');
key('cyrillic-o', 'populatiоn,20,2024,1', rej('unknown_indicator'), 'a Cyrillic о in the indicator code');
key('zw-code', 'population,2\u200B0,2024,813500', rej('unknown_code'), 'a zero-width space inside a code is refused');
key('fullwidth-code', 'population,２０,2024,1', rej('unknown_code'), 'full-width digits in a code');
key('sqli-code', "population,20' or '1'='1,2024,1", rej('name_not_code'), 'SQL in a code');
key(
  'sqli-indicator',
  "population'; drop table observations;--,20,2024,1",
  rej('unknown_indicator'),
  'SQL in an indicator',
);
key('unknown-indicator', 'populaton,20,2024,1', rej('unknown_indicator'), 'an unknown indicator');
key('indicator-upper', 'POPULATION,20,2024,813500', ok(1), 'indicator code in upper case');
key('commune-code', 'population,00004,2025,12000', ok(1), 'a commune code');
key('six-digit', 'population,000004,2025,1', rej('unknown_code'), 'a six-digit code');
add(
  'key-duplicate.csv',
  lines(H, 'population,20,2024,800000', 'area,20,2024,8310', 'population,20,2024,800001'),
  rej('duplicate_row'),
  'a duplicate (indicator, unit, period)',
);
add(
  'key-duplicate-case.csv',
  lines(H, 'population,20,2024,800000', 'POPULATION,20,2024,800001'),
  rej('duplicate_row'),
  'a duplicate differing in case',
);
add(
  'key-duplicate-zw.csv',
  lines(H, 'population,20,2024,800000', 'population,2\u200B0,2024,800001'),
  rej('unknown_code'),
  'a duplicate hidden by a zero-width space: the code is refused',
);
add(
  'key-one-bad-row.csv',
  lines(
    H,
    ...Array.from({ length: 50 }, (_, i) => `population,20,${1995 + (i % 30)},${i === 17 ? 'x' : 1000 + i}`).slice(
      0,
      30,
    ),
  ),
  rej('not_a_number'),
  'one bad row among good rows rejects the file',
);
fs.writeFileSync(path.join(dir, 'expect.json'), `${JSON.stringify(expect, null, 2)}\n`);
console.log(`${Object.keys(expect).length} cases written`);

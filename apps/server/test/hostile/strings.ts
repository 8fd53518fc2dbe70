/**
 * Hostile strings of the corpus (reliability catalogue §2.2, "Vietnamese Unicode edge cases"), each with the outcome
 * expected in each kind of text field. The runner sends every string to every text field of every JSON surface
 * (surfaces.ts): a real request per (string, field) with its own expectation.
 */

/** `name`: a required short text; `optional`: an optional short text; `long`: a description or note. */
export type FieldKind = 'name' | 'optional' | 'long';

/** `accept`: 2xx and the stored value equals `stored` (normalised); `reject`: that status and problem code. */
export type Outcome = { accept: true; stored: string } | { accept: false; status: number; code: string };

export interface HostileString {
  id: string;
  value: string;
  why: string;
  /** The outcome per field kind; a kind left out is not sent (no honest expectation for it). */
  outcome: Partial<Record<FieldKind, Outcome>>;
}

const acceptAs = (stored: string): Partial<Record<FieldKind, Outcome>> => ({
  name: { accept: true, stored },
  optional: { accept: true, stored },
  long: { accept: true, stored },
});
const rejectAll = (code: string, status = 400): Partial<Record<FieldKind, Outcome>> => ({
  name: { accept: false, status, code },
  optional: { accept: false, status, code },
  long: { accept: false, status, code },
});

export const HOSTILE_STRINGS: HostileString[] = [
  { id: 'nfc', value: 'Tiếng Việt', why: 'precomposed (NFC) Vietnamese', outcome: acceptAs('Tiếng Việt') },
  {
    id: 'nfd',
    value: 'Tie\u0302\u0301ng Vie\u0323\u0302t',
    why: 'decomposed (NFD, as macOS sends it): stored NFC',
    outcome: acceptAs('Tiếng Việt'),
  },
  {
    id: 'nfd-province',
    value: 'La\u0323ng So\u031Bn',
    why: 'an NFD province name: stored NFC',
    outcome: acceptAs('Lạng Sơn'),
  },
  {
    id: 'tone-old-style',
    value: 'Khánh Hoà',
    why: 'old-style tone placement survives NFC as a distinct spelling',
    outcome: acceptAs('Khánh Hoà'),
  },
  { id: 'tone-new-style', value: 'Thanh Hóa', why: 'new-style tone placement', outcome: acceptAs('Thanh Hóa') },
  { id: 'zwsp', value: 'Lạng\u200B Sơn', why: 'a zero-width space is stripped', outcome: acceptAs('Lạng Sơn') },
  {
    id: 'invisibles',
    value: 'Đà\u200C\u200D\u2060\uFEFF\u00AD Nẵng',
    why: 'ZWNJ, ZWJ, word joiner, BOM and soft hyphen are stripped',
    outcome: acceptAs('Đà Nẵng'),
  },
  {
    id: 'only-invisible',
    value: '\u200B\u2060\u00AD',
    why: 'nothing but invisible characters (would be empty after normalisation)',
    outcome: rejectAll('bad_text'),
  },
  { id: 'padded', value: '   Hà Nội\t ', why: 'spaces around the text are trimmed', outcome: acceptAs('Hà Nội') },
  { id: 'rlo', value: 'baocao\u202Excod.exe', why: 'RIGHT-TO-LEFT OVERRIDE', outcome: rejectAll('bad_text') },
  { id: 'lre', value: 'a\u202Ab\u202C', why: 'LEFT-TO-RIGHT EMBEDDING … POP', outcome: rejectAll('bad_text') },
  { id: 'rli', value: 'Tỉnh \u2067Hà Nội\u2069', why: 'RIGHT-TO-LEFT ISOLATE', outcome: rejectAll('bad_text') },
  { id: 'nul', value: 'Hà\u0000Nội', why: 'NUL (PostgreSQL text refuses it)', outcome: rejectAll('bad_text') },
  { id: 'bell', value: 'Hà\u0007Nội', why: 'a C0 control character', outcome: rejectAll('bad_text') },
  { id: 'escape', value: 'Hà\u001B[31mNội', why: 'an ANSI escape sequence', outcome: rejectAll('bad_text') },
  { id: 'del', value: 'Hà\u007FNội', why: 'DEL', outcome: rejectAll('bad_text') },
  { id: 'lone-high', value: 'Hà\uD800Nội', why: 'a lone high surrogate', outcome: rejectAll('bad_text') },
  { id: 'lone-low', value: 'Hà Nội\uDC00', why: 'a lone low surrogate', outcome: rejectAll('bad_text') },
  {
    id: 'replacement',
    value: 'L\uFFFD\uFFFDng S\uFFFDn',
    why: 'U+FFFD: text decoded from invalid bytes',
    outcome: rejectAll('bad_text'),
  },
  {
    id: 'combining-5',
    value: 'a\u0301\u0300\u0303\u0309\u0323',
    why: 'five combining marks on one letter',
    outcome: rejectAll('bad_text'),
  },
  {
    id: 'zalgo',
    value: `H${'\u0336\u0334\u0335\u0337\u0338\u0321\u0322'.repeat(4)}à Nội`,
    why: 'zalgo text',
    outcome: rejectAll('bad_text'),
  },
  {
    id: 'combining-2',
    value: 'Vie\u0323\u0302t',
    why: 'two marks on one letter (normal Vietnamese NFD)',
    outcome: acceptAs('Việt'),
  },
  {
    id: 'sqli',
    value: "'; drop table users; --",
    why: 'SQL injection is only text',
    outcome: acceptAs("'; drop table users; --"),
  },
  {
    id: 'sqli-union',
    value: "x' union select password_hash from users --",
    why: 'SQL injection with union',
    outcome: acceptAs("x' union select password_hash from users --"),
  },
  {
    id: 'sqli-sleep',
    value: "1'; select pg_sleep(5); --",
    why: 'SQL injection with pg_sleep',
    outcome: acceptAs("1'; select pg_sleep(5); --"),
  },
  {
    id: 'html',
    value: '<img src=x onerror=alert(1)>',
    why: 'HTML is stored as text (escaped on output)',
    outcome: acceptAs('<img src=x onerror=alert(1)>'),
  },
  {
    id: 'formula',
    value: '=HYPERLINK("http://evil.example","Bấm")',
    why: 'a spreadsheet formula is stored as text (neutralised on export)',
    outcome: acceptAs('=HYPERLINK("http://evil.example","Bấm")'),
  },
  { id: 'emoji', value: '🇻🇳 Việt Nam 👍🏽', why: 'emoji and flags', outcome: acceptAs('🇻🇳 Việt Nam 👍🏽') },
  { id: 'cyrillic', value: 'Lạng Sоn', why: 'a Cyrillic о in a name', outcome: acceptAs('Lạng Sоn') },
  { id: 'eth', value: 'Ðà Nẵng', why: 'Icelandic eth U+00D0 for Đ', outcome: acceptAs('Ðà Nẵng') },
  {
    id: 'arabic',
    value: 'مرحبا Việt Nam',
    why: 'right-to-left letters without controls',
    outcome: acceptAs('مرحبا Việt Nam'),
  },
  { id: 'proto', value: '__proto__', why: 'a prototype key as a value', outcome: acceptAs('__proto__') },
  { id: 'path', value: '../../etc/passwd', why: 'a path as a value', outcome: acceptAs('../../etc/passwd') },
  {
    id: 'million',
    value: 'a'.repeat(1_000_000),
    why: '10^6 characters',
    outcome: rejectAll('validation_failed'),
  },
  {
    id: 'redos',
    value: `${'a'.repeat(50_000)}!`,
    why: 'a ReDoS probe: 50 kB of a then !',
    outcome: rejectAll('validation_failed'),
  },
];

/** Hostile values for code fields: codes accept a small ASCII alphabet only, so every one of these is refused. */
export const HOSTILE_CODES: { id: string; value: string; why: string }[] = [
  { id: 'cyrillic', value: 'cоde_x', why: 'a Cyrillic о' },
  { id: 'zwsp', value: 'code\u200B_x', why: 'a zero-width space' },
  { id: 'bidi', value: 'code\u202E_x', why: 'a bidi override' },
  { id: 'nul', value: 'code\u0000x', why: 'NUL' },
  { id: 'sqli', value: "x'; drop table users;--", why: 'SQL injection' },
  { id: 'fullwidth', value: 'ｃｏｄｅ', why: 'full-width letters' },
  { id: 'traversal', value: '../../x', why: 'a path' },
  { id: 'space', value: 'code x', why: 'a space' },
  { id: 'empty', value: '', why: 'empty' },
  { id: 'eth', value: 'Ðx_code', why: 'Icelandic eth' },
  { id: 'nfd', value: 'de\u0302', why: 'a combining mark' },
  { id: 'huge', value: 'x'.repeat(100_000), why: '10^5 characters' },
  { id: 'lone-surrogate', value: 'x\uD800', why: 'a lone surrogate' },
];

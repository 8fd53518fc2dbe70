import type { FastifyReply } from 'fastify';

/**
 * A Content-Disposition header for a download: an ASCII fallback name plus the exact UTF-8 name (RFC 6266 /
 * RFC 5987), so Vietnamese file names survive and no CR/LF or quote from user text can inject a header.
 */
export function contentDisposition(filename: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters from a header value is the point
  const clean = filename.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\/]/g, '_');
  const ascii = clean
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

/** Send a generated file as a download with the right type and name. */
export function sendDownload(
  reply: FastifyReply,
  filename: string,
  contentType: string,
  body: Buffer | string | NodeJS.ReadableStream,
) {
  return reply
    .header('content-disposition', contentDisposition(filename))
    .header('cache-control', 'no-store')
    .type(contentType)
    .send(body);
}

/**
 * Neutralise a spreadsheet cell that comes from user text: a leading `=`, `+`, `-`, `@`, tab or CR would make Excel
 * or LibreOffice evaluate it as a formula (CSV/formula injection, OWASP ASVS 1.2.10), so it gets a leading apostrophe.
 * Plain numbers such as `-12,5` are left alone when `allowNumbers` is true.
 */
export function neutraliseCell(value: string, allowNumbers = true): string {
  if (value === '') return value;
  if (allowNumbers && /^[-+]?\d[\d.,]*$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quote one CSV field (RFC 4180) after neutralising formulas. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : neutraliseCell(value);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document with a UTF-8 BOM so Excel opens Vietnamese text correctly. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

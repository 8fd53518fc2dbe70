import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Topology } from 'topojson-specification';
import { REFERENCE_DIR } from '../../config';
import type { Boundaries } from './charts';

/**
 * Helpers for the documents tests: open generated files with real readers (JSZip for the OOXML parts, poppler's
 * pdftotext/pdfinfo for PDFs) and the boundaries shipped in `reference/geo`.
 */

/** The 34-province boundaries of 2025 as shipped with the product. */
export function referenceBoundaries(): Boundaries {
  const topology = JSON.parse(
    fs.readFileSync(path.join(REFERENCE_DIR, 'geo/vn-provinces-34.topojson'), 'utf8'),
  ) as Topology;
  return { topology, source: 'hành chính 34 tỉnh, thành phố (reference/geo)' };
}

/** The XML text of one part of an OOXML file (DOCX, XLSX). */
export async function ooxmlPart(file: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const entry = zip.file(name);
  if (!entry) throw new Error(`no ${name} in the file`);
  return entry.async('string');
}

function withTempFile<T>(data: Buffer, ext: string, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-doc-test-'));
  const file = path.join(dir, `f.${ext}`);
  fs.writeFileSync(file, data);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of a PDF by pdftotext (optionally pages `first`–`last`, optionally in `-layout` mode), NFC. */
export function pdfText(pdf: Buffer, first?: number, last?: number, layout = false): string {
  return withTempFile(pdf, 'pdf', (f) => {
    const args = [
      ...(layout ? ['-layout'] : []),
      ...(first ? ['-f', String(first)] : []),
      ...(last ? ['-l', String(last)] : []),
      f,
      '-',
    ];
    return execFileSync('pdftotext', args, { encoding: 'utf8' }).normalize('NFC');
  });
}

/** `pdfinfo` as key → value. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withTempFile(pdf, 'pdf', (f) => {
    const out = execFileSync('pdfinfo', [f], { encoding: 'utf8' });
    return Object.fromEntries(
      out
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
  });
}

/** Whitespace collapsed to single spaces (pdftotext wraps lines and table cells). */
export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Text for comparing headings with pdftotext output: hyphens removed and whitespace collapsed, because pdftotext
 * drops a hyphen that ends a line ("kinh tế -⏎xã hội" comes out as "kinh tế xã hội").
 */
export const comparable = (s: string) => collapse(s.replace(/-/g, ' '));

/** The first non-empty line of a page: where the page number sits when there is one. */
export function firstLine(pageText: string): string {
  return (
    pageText
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

/** Every `<w:t>` text of a WordprocessingML part, concatenated. */
export function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

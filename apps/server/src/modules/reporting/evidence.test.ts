import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkEvidence, cleanFilename, EVIDENCE_MAX_BYTES, EvidenceRejected } from './evidence';
import { minimalPdf } from './reporting.fixtures';

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(entries)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer' });
}

const rejection = async (name: string, buf: Buffer) => {
  try {
    await checkEvidence(name, buf);
  } catch (e) {
    expect(e).toBeInstanceOf(EvidenceRejected);
    return (e as EvidenceRejected).code;
  }
  return 'accepted';
};

describe('evidence file checks', () => {
  it('accepts a PDF, a DOCX and a PNG whose names match their content', async () => {
    expect(await checkEvidence('Báo cáo 766.pdf', minimalPdf())).toEqual({
      kind: 'pdf',
      contentType: 'application/pdf',
    });
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect((await checkEvidence('bao-cao.docx', docx)).kind).toBe('docx');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
    expect((await checkEvidence('anh.PNG', png)).kind).toBe('png');
  });

  it('refuses a Windows program renamed .pdf, naming the file', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    await expect(checkEvidence('bao-cao.pdf', exe)).rejects.toMatchObject({
      code: 'executable_refused',
      messageVi: expect.stringContaining('bao-cao.pdf'),
    });
    expect(await rejection('x.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(50)]))).toBe(
      'executable_refused',
    );
    expect(await rejection('x.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('executable_refused');
  });

  it('refuses content that does not match the extension', async () => {
    const docx = await zipOf({ 'word/document.xml': '<w:document/>' });
    expect(await rejection('bao-cao.pdf', docx)).toBe('extension_mismatch');
    expect(await rejection('bao-cao.docx', minimalPdf())).toBe('extension_mismatch');
  });

  it('refuses macro documents, legacy OLE files, unsafe archive paths, unknown types and empty files', async () => {
    const docm = await zipOf({ 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'x' });
    expect(await rejection('bao-cao.docx', docm)).toBe('macro_document');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect(await rejection('bao-cao.doc', ole)).toBe('legacy_office_refused');
    const slip = await zipOf({ 'word/document.xml': '<w:document/>', '../../etc/passwd': 'x' });
    expect(await rejection('bao-cao.docx', slip)).toBe('archive_unsafe_path');
    expect(await rejection('ghi-chu.txt', Buffer.from('chỉ là văn bản'))).toBe('unsupported_type');
    expect(await rejection('rong.pdf', Buffer.alloc(0))).toBe('file_empty');
    expect(await rejection('lon.pdf', Buffer.concat([minimalPdf(), Buffer.alloc(EVIDENCE_MAX_BYTES)]))).toBe(
      'file_too_large',
    );
  });

  it('cleans file names: no path, control or bidi characters, NFC, bounded length', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\x\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(cleanFilename('bao\r\ncao\u202Efdp.exe')).toBe('baocaofdp.exe');
    expect(cleanFilename('Lạng Sơn.pdf'.normalize('NFD'))).toBe('Lạng Sơn.pdf');
    const long = cleanFilename(`${'a'.repeat(300)}.pdf`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

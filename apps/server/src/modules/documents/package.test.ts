import crypto from 'node:crypto';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { figureAltText, renderFigure } from './charts';
import { loadFixture2025 } from './fixture-2025';
import { layoutReport } from './layout';
import { generatePackage, partFileName } from './package';
import { referenceBoundaries } from './test-support';

const boundaries = referenceBoundaries();

describe('charts drawn on the server', () => {
  const model = loadFixture2025();

  it('maps the provinces that reported: one coloured shape per province code of the boundaries', () => {
    const f = renderFigure('builtin:reporters-map', model, boundaries)!;
    expect(f.png.subarray(1, 4).toString()).toBe('PNG');
    expect(f.svg).toContain('Quần đảo Hoàng Sa');
    expect(f.svg).toContain('Quần đảo Trường Sa');
    expect(f.svg).toContain('Đã gửi báo cáo (27)');
    expect(f.svg).toContain('Chưa gửi báo cáo (7)');
    const fills = [...f.svg.matchAll(/<path d="M[^"]*"[^>]*fill="(#[0-9a-f]{6}|rgb\([^)]*\))"/gi)].map((m) =>
      m[1].toLowerCase(),
    );
    expect(fills.filter((c) => c === '#1f5f99' || c === 'rgb(31,95,153)').length).toBeGreaterThanOrEqual(27);
    expect(f.source).toContain('23/12/2025');
    expect(figureAltText('builtin:reporters-map', model)).toBe(
      'Bản đồ 27 tỉnh, thành phố đã gửi báo cáo và 7 chưa gửi.',
    );
  });

  it('draws the status and completeness charts from the model, with a source line', () => {
    const status = renderFigure('builtin:status-chart', model, null)!;
    expect(status.svg).toContain('Thường xuyên, tiếp tục triển khai');
    expect(status.svg).toContain('>15<');
    const completeness = renderFigure('builtin:completeness-chart', model, null)!;
    expect(completeness.svg).toContain('4/5');
    expect(completeness.source).toMatch(/^Nguồn: /);
    expect(renderFigure('builtin:reporters-map', model, null)).toBeNull();
    expect(renderFigure('unknown', model, boundaries)).toBeNull();
  });

  it('numbers tables and figures in the report and prints their source (coverage aids switched on)', () => {
    const layout = layoutReport({ model: { ...model, aids: { statusLines: false, coverage: true } }, boundaries });
    const captions = layout.blocks.flatMap((b) =>
      b.kind === 'para' && b.style === 'caption' ? [b.runs.map((r) => r.text).join('')] : [],
    );
    expect(captions).toEqual([
      'Bảng 1. Tình hình gửi báo cáo theo nhóm cơ quan và theo vùng',
      'Hình 1. Các tỉnh, thành phố đã gửi báo cáo',
      'Bảng 2. Tình hình thực hiện các nhiệm vụ, giải pháp theo Nghị quyết',
      'Hình 2. Số nhiệm vụ theo tình hình thực hiện',
    ]);
    const sources = layout.blocks.filter((b) => b.kind === 'para' && b.style === 'source');
    expect(sources).toHaveLength(4);
  });

  it('leaves the coverage aids (task-status table and chart) out unless the drafter switches them on', () => {
    const layout = layoutReport({ model, boundaries });
    const captions = layout.blocks.flatMap((b) =>
      b.kind === 'para' && b.style === 'caption' ? [b.runs.map((r) => r.text).join('')] : [],
    );
    expect(captions).toEqual([
      'Bảng 1. Tình hình gửi báo cáo theo nhóm cơ quan và theo vùng',
      'Hình 1. Các tỉnh, thành phố đã gửi báo cáo',
    ]);
    expect(layout.blocks.some((b) => b.kind === 'para' && b.style === 'status')).toBe(false);
  });
});

describe('the package', () => {
  it('zips 3 DOCX, 3 PDF, the XLSX annex and a manifest whose hashes match the files', async () => {
    const model = loadFixture2025();
    const pkg = await generatePackage(
      { model, boundaries },
      { engine: 'pdfmake', generatedAt: new Date('2025-12-26T03:00:00Z') },
    );
    const zip = await JSZip.loadAsync(pkg.zip);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        '1-Cong-van_20208-BTC-VCL_2025.docx',
        '1-Cong-van_20208-BTC-VCL_2025.pdf',
        '2-Bao-cao_20208-BTC-VCL_2025.docx',
        '2-Bao-cao_20208-BTC-VCL_2025.pdf',
        '3-Phu-luc_20208-BTC-VCL_2025.docx',
        '3-Phu-luc_20208-BTC-VCL_2025.pdf',
        '4-Phu-luc-so-lieu_20208-BTC-VCL_2025.xlsx',
        'manifest.json',
      ].sort(),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({
      letterNumber: '20208/BTC-VCL',
      pdfEngine: 'pdfmake',
      reporters: { ministries: 11, localities: 27 },
    });
    for (const f of manifest.files) {
      const data = await zip.file(f.name)!.async('nodebuffer');
      expect(data.length).toBe(f.bytes);
      expect(crypto.createHash('sha256').update(data).digest('hex')).toBe(f.sha256);
    }
    expect((await zip.file('1-Cong-van_20208-BTC-VCL_2025.pdf')!.async('nodebuffer')).subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
  });

  it('names files with the letter number, or without one in a draft', () => {
    const model = loadFixture2025();
    expect(partFileName(model, 'report', 'docx')).toBe('2-Bao-cao_20208-BTC-VCL_2025.docx');
    model.settings.number = null;
    expect(partFileName(model, 'annex', 'xlsx')).toBe('4-Phu-luc-so-lieu_Du-thao-BTC-VCL_2025.xlsx');
  });
});

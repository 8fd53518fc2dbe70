import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { parseNarrative } from './narrative';
import { citationsByOrg, footnoteText, paragraphHtml, reportLines, type SourcesSpec, taskHtml } from './report-extract';

const lines = reportLines(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/mof-res57-report-2025.txt'), 'utf8'));
const spec = JSON.parse(
  fs.readFileSync(path.join(REFERENCE_DIR, 'reporting/res57-2025-sources.json'), 'utf8'),
) as SourcesSpec;

describe('narratives drawn from the 2025 report', () => {
  it('joins a paragraph split by a page break and resolves its footnote', () => {
    const html = paragraphHtml(lines, '137+143', (n) => (n === '6' ? 'ghi chú' : null));
    expect(html).toContain('gắn với cơ cấu lại đội ngũ cán bộ và tinh giản biên chế');
    expect(html).toContain('<sup data-footnote="ghi chú">6</sup>');
  });

  it('quotes only the footnote lines that concern an organisation', () => {
    const all = footnoteText(lines, '6', spec.footnotes['6']);
    const langSon = footnoteText(lines, '6', spec.footnotes['6'], [151]);
    expect(all).toContain('Hà Nội');
    expect(langSon).toMatch(/^Tỉnh Lạng Sơn đã hoàn thành 174 nội dung phân cấp/);
    expect(langSon).not.toContain('Hà Nội');
  });

  it('every referenced line exists and every task of the outline has a spec', () => {
    expect(Object.keys(spec.tasks)).toHaveLength(28);
    for (const [code, t] of Object.entries(spec.tasks)) {
      for (const p of [...t.body, ...t.cite.flatMap((c) => c.body)])
        for (const l of p.split('+')) expect(lines[Number(l)]?.trim(), `${code} line ${l}`).toBeTruthy();
      for (const c of t.cite)
        for (const n of Object.keys(c.fn ?? {})) expect(spec.footnotes[n], `${code} fn ${n}`).toBeDefined();
    }
  });

  it("gives each cited organisation its own paragraphs in the report's order", () => {
    const t = spec.tasks['1.3.a'];
    const m = citationsByOrg(lines, spec, t.cite, t.body);
    const caMau = parseNarrative(m.get('UBND-96')!);
    expect(caMau.blocks).toHaveLength(3);
    expect(caMau.blocks[0].runs.map((r) => r.text).join('')).toContain('Cà Mau');
    const haiPhong = parseNarrative(m.get('UBND-31')!);
    expect(haiPhong.footnotes.some((f) => f.includes('226/2025/QH15'))).toBe(true);
    expect(m.has('UBND-79')).toBe(false);
  });

  it('the consolidated text of a task keeps all its footnotes', () => {
    const html = taskHtml(lines, spec, spec.tasks['1.1.c']);
    const p = parseNarrative(html);
    expect(p.footnotes.length).toBe(5);
    expect(p.footnotes.join(' ')).toContain('Tây Ninh');
  });
});

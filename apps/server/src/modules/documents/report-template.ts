import fs from 'node:fs';
import path from 'node:path';
import { normaliseText, type ReportBlock, type ReportLetterSettings } from '@regionlink/shared';
import { z } from 'zod';
import { REFERENCE_DIR } from '../../config';
import { parseMarkupDocument } from './markup';

/**
 * The house outline of the annual Resolution 57 report, from which every cycle's draft starts: the letter's opening,
 * points and closing, the report's introduction and the introduction of Part I, the titles of Parts II and III and
 * their numbered sections, and which sections of the submissions (`results`, `shortcomings`, `recommendations` …)
 * seed which section. It is the structure of the real 2025 package (`reference/documents/res57-2025`) with the
 * year-specific prose left out, kept as markup in `reference/documents/template-res57/`.
 *
 * Placeholders filled from the cycle when a draft is assembled: `%policy%` ("Nghị quyết số 57/NQ-CP"), `%POLICY%`
 * (upper case), `%policyFull%` (number, date and title of the resolution) and `%subject%` ("kết quả thực hiện …
 * năm 2025", from the cycle's name). Counts, dates and the request letter stay fields (`{{reporterCounts}}` …).
 */

const DIR = path.join(REFERENCE_DIR, 'documents/template-res57');

export interface TemplateSection {
  key: string;
  title: string;
  required: boolean;
  /** Keys of the submissions' general sections whose text seeds this section. */
  seedKeys: string[];
}

export interface ReportTemplate {
  draftingAgencyCode: string;
  settings: Pick<
    ReportLetterSettings,
    | 'agencyParent'
    | 'agencyName'
    | 'agencyShortName'
    | 'number'
    | 'symbol'
    | 'place'
    | 'day'
    | 'appendixTitle'
    | 'recipients'
    | 'copyTo'
    | 'signer'
  >;
  letter: { opening: ReportBlock[]; sections: (TemplateSection & { blocks: ReportBlock[] })[]; closing: ReportBlock[] };
  report: {
    intro: ReportBlock[];
    partOne: { title: string; intro: ReportBlock[] };
    partTwo: { title: string; intro: ReportBlock[]; sections: (TemplateSection & { blocks: ReportBlock[] })[] };
    partThree: { title: string; intro: ReportBlock[]; sections: (TemplateSection & { blocks: ReportBlock[] })[] };
  };
}

const TemplateSettings = z
  .object({
    draftingAgencyCode: z.string().min(1),
    agencyParent: z.string().nullable(),
    agencyName: z.string().min(1),
    agencyShortName: z.string().min(1),
    number: z.string().nullable(),
    symbol: z.string().min(1),
    place: z.string().min(1),
    day: z.number().int().nullable(),
    appendixTitle: z.string().min(1),
    recipients: z.array(z.string().min(1)).min(1),
    copyTo: z.array(z.string().min(1)).min(1),
    signer: z.object({ authority: z.string().nullable(), title: z.string().min(1), name: z.string().min(1) }),
  })
  .strict();

export interface TemplateValues {
  policy: string;
  policyFull: string;
  subject: string;
}

/**
 * Fill the placeholders of a template text; an unknown placeholder is an error naming it. When the cycle's subject
 * already names the resolution ("… Nghị quyết số 57/NQ-CP năm 2024"), "%subject% theo %policy%" is written once.
 */
export function fillPlaceholders(text: string, v: TemplateValues): string {
  const once = v.subject.includes(v.policy) ? text.replace(/%subject% theo %policy%/g, '%subject%') : text;
  return once.replace(/%(policy|POLICY|policyFull|subject)%/g, (_, name: string) => {
    switch (name) {
      case 'policy':
        return v.policy;
      case 'POLICY':
        return v.policy.toLocaleUpperCase('vi');
      case 'policyFull':
        return v.policyFull;
      default:
        return v.subject;
    }
  });
}

interface Header {
  kind: string;
  code: string | null;
  flags: Map<string, string>;
  title: string | null;
}

/** `kind [code] [flag[=value]] … | title`. */
function parseHeader(header: string): Header {
  const [head, ...rest] = header.split('|');
  const [kind, ...words] = head.trim().split(/\s+/);
  const flags = new Map<string, string>();
  let code: string | null = null;
  for (const w of words) {
    if (w.includes('=')) flags.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
    else if (w === 'optional') flags.set('optional', '1');
    else code = w;
  }
  return { kind, code, flags, title: rest.length ? rest.join('|').trim() : null };
}

const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');

/** The template with its placeholders filled for one cycle. Errors name the file and line. */
export function loadTemplate(values: TemplateValues): ReportTemplate {
  const settings = TemplateSettings.parse(JSON.parse(read('settings.json')));
  const fill = (text: string) => normaliseText(fillPlaceholders(text, values));
  const section = (h: Header, blocks: ReportBlock[], file: string, line: number) => {
    if (!h.code || !h.title) throw new Error(`${file} line ${line}: a section needs a code and a title`);
    return {
      key: h.code,
      title: h.title,
      required: !h.flags.has('optional'),
      seedKeys: (h.flags.get('seed') ?? '').split(',').filter(Boolean),
      blocks,
    };
  };
  const { draftingAgencyCode, ...rest } = settings;
  const template: ReportTemplate = {
    draftingAgencyCode,
    settings: rest,
    letter: { opening: [], sections: [], closing: [] },
    report: {
      intro: [],
      partOne: { title: '', intro: [] },
      partTwo: { title: '', intro: [], sections: [] },
      partThree: { title: '', intro: [], sections: [] },
    },
  };
  for (const s of parseMarkupDocument(fill(read('letter.md'))).sections) {
    const h = parseHeader(s.header);
    if (h.kind === 'letter.opening') template.letter.opening = s.blocks;
    else if (h.kind === 'letter.closing') template.letter.closing = s.blocks;
    else if (h.kind === 'letter.section') template.letter.sections.push(section(h, s.blocks, 'letter.md', s.line));
    else throw new Error(`template letter.md line ${s.line}: unknown section "${s.header}"`);
  }
  let part: 'partTwo' | 'partThree' | null = null;
  for (const s of parseMarkupDocument(fill(read('report.md'))).sections) {
    const h = parseHeader(s.header);
    if (h.kind === 'report.intro') template.report.intro = s.blocks;
    else if (h.kind === 'part1') template.report.partOne = { title: h.title ?? '', intro: s.blocks };
    else if (h.kind === 'part2' || h.kind === 'part3') {
      part = h.kind === 'part2' ? 'partTwo' : 'partThree';
      template.report[part].title = h.title ?? '';
      template.report[part].intro = s.blocks;
    } else if (h.kind === 'editorial') {
      if (!part) throw new Error(`template report.md line ${s.line}: an editorial section belongs to Part II or III`);
      template.report[part].sections.push(section(h, s.blocks, 'report.md', s.line));
    } else throw new Error(`template report.md line ${s.line}: unknown section "${s.header}"`);
  }
  return template;
}

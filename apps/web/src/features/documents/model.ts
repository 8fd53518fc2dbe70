import type { ReportBlock, ReportInline, ReportModel } from '@regionlink/shared';

/**
 * Reading a draft's model on screen: the blocks of a text unit by its key (the same keys the server uses) and a
 * plain-text view of blocks with computed fields filled in.
 */

/** The blocks of a rich-text unit, or null when the key names none. */
export function unitBlocks(model: ReportModel, key: string): ReportBlock[] | null {
  if (key === 'letter.opening') return model.letter.opening;
  if (key === 'letter.closing') return model.letter.closing;
  if (key === 'report.intro') return model.report.intro;
  let m = /^report\.(partOne|partTwo|partThree)\.intro$/.exec(key);
  if (m) return model.report[m[1] as 'partOne'].intro;
  m = /^letter\.sections\.([\w-]+)$/.exec(key);
  if (m) return model.letter.sections.find((s) => s.key === m?.[1])?.blocks ?? null;
  m = /^report\.(partTwo|partThree)\.sections\.([\w-]+)$/.exec(key);
  if (m) return model.report[m[1] as 'partTwo'].sections.find((s) => s.key === m?.[2])?.blocks ?? null;
  m = /^report\.tasks\.(.+)\.synthesis$/.exec(key);
  if (m)
    return (
      model.report.partOne.sections
        .flatMap((s) => s.items)
        .flatMap((i) => i.tasks)
        .find((x) => x.code === m?.[1])?.synthesis ?? null
    );
  m = /^report\.items\.(.+)\.intro$/.exec(key);
  if (m) return model.report.partOne.sections.flatMap((s) => s.items).find((i) => i.code === m?.[1])?.intro ?? null;
  return null;
}

function inlinePlain(content: readonly ReportInline[], fields: Record<string, string>): string {
  let n = 0;
  return content
    .map((r) => {
      if (r.kind === 'text') return r.text;
      if (r.kind === 'field') return fields[r.field] ?? '';
      n++;
      return `[${n}]`;
    })
    .join('');
}

/** Plain text of blocks, one line per block, list markers kept and footnotes marked [n]. */
export function blocksPlain(blocks: readonly ReportBlock[] | null | undefined, fields: Record<string, string>): string {
  return (blocks ?? [])
    .map((b) => {
      if (b.kind === 'table') return `[${b.tableId}]`;
      if (b.kind === 'figure') return `[${b.figureId}]`;
      const text = inlinePlain(b.content, fields);
      return b.kind === 'item' ? `${b.marker} ${text}` : text;
    })
    .join('\n');
}

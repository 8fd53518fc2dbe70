import type { DraftLeftOut, DraftSentence, DraftSource, ReportTaskStatus } from '@regionlink/shared';
import type { ParsedNarrative } from '../../reporting/narrative';
import { analyseClause, type ClauseAnalysis } from './actions';
import { creditedBody, documentCitation, placeName, type Sender, subjectName } from './attribution';
import { type FigureDefinition, figureItems, figureTotal, summariseFigures } from './figures';
import { keySentence, type ScoredSentence, scoreSentences, trimToClause } from './key-sentence';
import { type DraftingResources, fill } from './resources';
import { endSentence, features, jaccard, lowerFirstWord, splitSentences, upperFirst } from './text';

/**
 * The drafted paragraph of one Part I task, from the accepted contributions on it (pure, deterministic):
 *
 * 1. an opening sentence stating the task's overall state from the statuses reported;
 * 2. merged sentences: a statement several organisations make (the same sentence, or the same kind of action with a
 *    similar object) is written once, naming them ("Các địa phương như Lạng Sơn, Cao Bằng đã ban hành …");
 * 3. each organisation's key sentence (see `key-sentence.ts`), trimmed to its clause, when it is not already merged;
 * 4. the figures reported on the task, summed or listed with their units;
 * 5. everything else each organisation wrote goes to a footnote in the report's style ("Ví dụ: …", with the
 *    document's number and date and the body that sent it).
 *
 * Every sentence keeps its sources (organisation, document, the passage it came from). Contributions that could not be
 * used are listed in `leftOut` with the reason.
 */

export interface Contribution {
  organisationCode: string;
  /** As the report prints it: "UBND tỉnh Lạng Sơn", "Bộ Xây dựng". */
  organisationName: string;
  group: 'ministry' | 'locality';
  sender: Sender;
  status: ReportTaskStatus | null;
  narrative: ParsedNarrative;
  figures: Record<string, number | null>;
}

export interface TaskDraftInput {
  code: string;
  heading: string;
  shortTitle: string;
  figures: readonly FigureDefinition[];
  contributions: readonly Contribution[];
}

/** A drafted sentence with its footnote (paragraphs of plain text) and where it came from. */
export interface ComposedSentence extends DraftSentence {
  footnote: string[] | null;
}

export interface TaskDraft {
  /** Paragraphs of sentences, in print order. */
  paragraphs: ComposedSentence[][];
  leftOut: DraftLeftOut[];
}

const NOTE_OPEN = '\uE000';
const NOTE_CLOSE = '\uE001';
const NOTE_RE = /\uE000(\d+)\uE001/g;

interface Piece {
  /** Sentence text without footnote markers. */
  text: string;
  /** The narrative's own footnotes cited in the sentence. */
  notes: string[];
}

/** The sentences of a narrative, each with the footnotes it cites (headings are left out: they are not statements). */
export function narrativeSentences(n: ParsedNarrative, abbreviations: readonly string[]): Piece[] {
  const out: Piece[] = [];
  for (const b of n.blocks) {
    if (b.type === 'heading') continue;
    const marked = b.runs
      .map((r) => (r.footnote ? `${NOTE_OPEN}${r.footnote}${NOTE_CLOSE}` : r.text.replace(/\n/g, ' ')))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[-+•]\s+/, '');
    if (!marked.replace(NOTE_RE, '').trim()) continue;
    for (const s of splitSentences(marked, abbreviations)) {
      const notes = [...s.matchAll(NOTE_RE)].map((m) => n.footnotes[Number(m[1]) - 1] ?? '').filter(Boolean);
      const text = s
        .replace(NOTE_RE, '')
        .replace(/\s+([.,;:])/g, '$1')
        .trim();
      if (text) out.push({ text, notes: notes.map((x) => x.replace(/\s+/g, ' ').trim()) });
    }
  }
  return out;
}

interface Item {
  c: Contribution;
  order: number;
  piece: Piece;
  scored: ScoredSentence;
  isKey: boolean;
  analysis: ClauseAnalysis;
  feats: Set<string>;
}

interface Cluster {
  items: Item[];
}

const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** Are two sentences the same statement (same text) or the same kind of action on a similar object? */
export function similarStatements(a: Item, b: Item): boolean {
  if (norm(a.piece.text) === norm(b.piece.text)) return true;
  const sim = jaccard(a.feats, b.feats);
  if (a.analysis.action && a.analysis.action === b.analysis.action && a.analysis.ownSubject && b.analysis.ownSubject)
    return sim >= 0.3;
  return sim >= 0.6;
}

/** Group statements of different organisations (greedy, in input order: deterministic). */
export function clusterStatements(items: readonly Item[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (const it of items) {
    const home = clusters.find(
      (cl) =>
        !cl.items.some((x) => x.c.organisationCode === it.c.organisationCode) && similarStatements(cl.items[0], it),
    );
    if (home) home.items.push(it);
    else clusters.push({ items: [it] });
  }
  return clusters;
}

function groupKey(items: readonly { c: Contribution }[]): 'central' | 'locality' | 'both' {
  const g = new Set(items.map((i) => i.c.group));
  return g.size > 1 ? 'both' : g.has('ministry') ? 'central' : 'locality';
}

const listNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;

const shortOf = (c: Contribution) => (c.group === 'locality' ? placeName(c.organisationName) : c.organisationName);

const docOnly = (s: Sender) => documentCitation(s).replace(/ của .*$/u, '');

function source(it: Item, passage = it.piece.text): DraftSource {
  return {
    organisationCode: it.c.organisationCode,
    organisationName: creditedBody(it.c.sender),
    documentNumber: it.c.sender.documentNumber,
    passage: passage.slice(0, 4000),
  };
}

/** Insert the organisations after a generic subject: "các địa phương (Lạng Sơn, Cao Bằng) đã …". */
function nameGeneric(text: string, generic: string, names: readonly string[]): string {
  const i = text.toLocaleLowerCase('vi').indexOf(generic.toLocaleLowerCase('vi'));
  if (i < 0) return text;
  const end = i + generic.length;
  return `${text.slice(0, end)} (${names.join(', ')})${text.slice(end)}`;
}

/** The predicate shared by a cluster: the representative's, cut before the first comma-part the others do not share. */
function sharedPredicate(rep: Item, others: readonly Item[], res: DraftingResources): string {
  const parts = rep.analysis.predicate.split(/,\s+/);
  const union = new Set<string>();
  for (const o of others) for (const f of o.feats) union.add(f);
  const kept: string[] = [parts[0]];
  for (const p of parts.slice(1)) {
    const f = features(p, res.stopwords);
    let shared = 0;
    for (const x of f) if (union.has(x)) shared++;
    if (f.size === 0 || shared / f.size < 0.5) break;
    kept.push(p);
  }
  return kept.join(', ');
}

function openingSentence(input: TaskDraftInput, res: DraftingResources): ComposedSentence | null {
  const reported = input.contributions.filter((c) => c.status && c.status !== 'not_applicable');
  if (reported.length === 0) return null;
  const counts = new Map<string, number>();
  for (const c of reported) counts.set(c.status as string, (counts.get(c.status as string) ?? 0) + 1);
  const known = ['done', 'in_progress', 'recurring', 'not_started'] as const;
  const present = known.filter((k) => counts.has(k));
  const p = res.phrases;
  const actors =
    reported.length === 1 ? reported[0].organisationName : p.actors[groupKey(reported.map((c) => ({ c })))];
  const task = lowerFirstWord(input.shortTitle);
  let text: string;
  if (present.length === 1 && counts.get(present[0]) === reported.length)
    text = fill(p.opening[present[0]], { task, actors });
  else if (present.length === 0) text = fill(p.opening.unclear, { task, actors });
  else
    text = fill(p.opening.mixed, {
      task,
      actors,
      parts: present.map((k) => fill(p.statusParts[k], { n: counts.get(k) ?? 0 })).join(', '),
    });
  return {
    text,
    kind: 'opening',
    footnote: null,
    score: null,
    sources: reported.map((c) => ({
      organisationCode: c.organisationCode,
      organisationName: creditedBody(c.sender),
      documentNumber: c.sender.documentNumber,
      passage: `Tình trạng: ${c.status}`,
    })),
  };
}

function figureSentences(input: TaskDraftInput, res: DraftingResources): ComposedSentence[] {
  const byName = new Map(input.contributions.map((c) => [shortOf(c), c]));
  return summariseFigures(
    input.figures,
    input.contributions.map((c) => ({ organisation: shortOf(c), values: c.figures })),
  ).map((s) => {
    const decimals = input.figures.find((f) => f.key === s.key)?.decimals ?? 0;
    const total = figureTotal(s, decimals);
    const label = lowerFirstWord(s.label);
    const text = total
      ? fill(res.phrases.figureTotal, { label, total, unit: s.unit, items: figureItems(s, decimals) })
      : fill(res.phrases.figureList, { label, items: figureItems(s, decimals) });
    return {
      text,
      kind: 'figures' as const,
      footnote: null,
      score: null,
      sources: s.items.map((x) => {
        const c = byName.get(x.organisation)!;
        return {
          organisationCode: c.organisationCode,
          organisationName: creditedBody(c.sender),
          documentNumber: c.sender.documentNumber,
          passage: `${s.label}: ${x.value} ${s.unit}`,
        };
      }),
    };
  });
}

/** One footnote item per organisation: its own notes and the sentences of its report not printed in the body. */
function exampleItems(members: readonly Item[], extra: Map<string, Item[]>): string[] {
  return members.map((m) => {
    const more = (extra.get(m.c.organisationCode) ?? []).map((x) => endSentence(x.piece.text));
    extra.delete(m.c.organisationCode);
    const body = [endSentence(m.piece.text), ...m.piece.notes, ...more].join(' ');
    return `${creditedBody(m.c.sender)}: ${body.replace(/\.$/, '')} (${docOnly(m.c.sender)}).`;
  });
}

function mergedSentence(cl: Cluster, res: DraftingResources, extra: Map<string, Item[]>): ComposedSentence {
  const rep = [...cl.items].sort((a, b) => b.scored.score - a.scored.score || a.order - b.order)[0];
  const names = cl.items.map((i) => shortOf(i.c));
  const identical = cl.items.every((i) => norm(i.piece.text) === norm(rep.piece.text));
  const a = rep.analysis;
  let text: string;
  if (a.genericSubject) text = nameGeneric(rep.piece.text, a.genericSubject, names);
  else if (a.ownSubject) {
    const lead = fill(res.phrases.merged[groupKey(cl.items)], { names: listNames(names) });
    const predicate = identical
      ? a.predicate
      : sharedPredicate(
          rep,
          cl.items.filter((i) => i !== rep),
          res,
        );
    const body = `${lead} ${a.aspect || 'đã'} ${predicate}`;
    const sameContext = a.context && cl.items.every((i) => i.analysis.context === a.context);
    text = sameContext ? `${a.context}, ${lowerFirstWord(body)}` : body;
  } else
    text = fill(res.phrases.attributedFallback, {
      org: listNames(cl.items.map((i) => i.c.organisationName)),
      sentence: lowerFirstWord(rep.piece.text, res.phrases.properNounHeads),
    });
  const notes = identical
    ? [
        ...cl.items.flatMap((i) => i.piece.notes),
        fill(res.phrases.reportedBy, {
          items: cl.items.map((i) => `${creditedBody(i.c.sender)} (${docOnly(i.c.sender)})`).join('; '),
        }),
      ]
    : exampleItems(cl.items, extra).map((x, i) => (i === 0 ? fill(res.phrases.example, { items: x }) : x));
  // Notes of identical statements repeat verbatim across organisations: keep each once.
  const footnote = [...new Set(notes)];
  return {
    text: endSentence(upperFirst(text)),
    kind: 'merged',
    footnote,
    score: rep.scored.explanation,
    sources: cl.items.map((i) => source(i)),
  };
}

function ownSentence(it: Item, heading: string, res: DraftingResources, extra: Map<string, Item[]>): ComposedSentence {
  const key = trimToClause(it.piece.text, heading, res.stopwords);
  const a = key === it.piece.text ? it.analysis : analyseClause(key, res.actions);
  let text: string;
  if (a.ownSubject) {
    const subject = subjectName(it.c.organisationName, it.c.group);
    const body = `${subject} ${a.aspect ? `${a.aspect} ` : ''}${a.predicate}`;
    text = a.context ? `${a.context}, ${lowerFirstWord(body)}` : body;
  } else if (a.genericSubject) text = nameGeneric(key, a.genericSubject, [shortOf(it.c)]);
  else
    text = fill(res.phrases.attributedFallback, {
      org: it.c.organisationName,
      sentence: lowerFirstWord(key, res.phrases.properNounHeads),
    });
  const rest = key === it.piece.text ? '' : it.piece.text.slice(it.piece.text.indexOf(key) + key.length);
  const more = (extra.get(it.c.organisationCode) ?? []).map((x) => endSentence(x.piece.text));
  extra.delete(it.c.organisationCode);
  const footnote = [
    `${documentCitation(it.c.sender)}.`,
    ...it.piece.notes,
    ...(rest.replace(/^[;\s]+/, '').trim() ? [endSentence(upperFirst(rest.replace(/^[;\s]+/, '').trim()))] : []),
    ...(more.length ? [more.join(' ')] : []),
  ];
  return {
    text: endSentence(upperFirst(text)),
    kind: 'own',
    footnote,
    score: it.scored.explanation,
    sources: [source(it), ...more.map((m) => ({ ...source(it, m) }))],
  };
}

/** Draft the paragraph of one task (see the module comment). */
export function composeTask(input: TaskDraftInput, res: DraftingResources): TaskDraft {
  const leftOut: DraftLeftOut[] = [];
  const usable: { c: Contribution; pieces: Piece[] }[] = [];
  for (const c of input.contributions) {
    const pieces = narrativeSentences(c.narrative, res.phrases.abbreviations);
    if (c.status === 'not_applicable')
      leftOut.push({
        organisationCode: c.organisationCode,
        organisationName: c.organisationName,
        reasonVi: 'Báo cáo nhiệm vụ không áp dụng đối với cơ quan, địa phương.',
        reasonEn: 'Reported the task as not applicable to it.',
      });
    else if (pieces.length === 0)
      leftOut.push({
        organisationCode: c.organisationCode,
        organisationName: c.organisationName,
        reasonVi: 'Chỉ báo cáo tình trạng, không có nội dung để tổng hợp (được tính trong câu mở đầu).',
        reasonEn: 'Reported a status only, no text to draft from (counted in the opening sentence).',
      });
    else usable.push({ c, pieces });
  }
  const items: Item[] = [];
  usable.forEach(({ c, pieces }, ci) => {
    const others = usable.filter((u) => u.c !== c).flatMap((u) => u.pieces.map((p) => p.text));
    const scored = scoreSentences(
      pieces.map((p) => p.text),
      { heading: input.heading, others, stopwords: res.stopwords },
    );
    const key = keySentence(scored);
    pieces.forEach((piece, i) => {
      items.push({
        c,
        order: ci * 1000 + i,
        piece,
        scored: scored[i],
        isKey: key?.index === i,
        analysis: analyseClause(piece.text, res.actions),
        feats: features(piece.text, res.stopwords),
      });
    });
  });
  const clusters = clusterStatements(items);
  const merged = clusters.filter((cl) => cl.items.length > 1);
  const inMerged = new Set(merged.flatMap((cl) => cl.items));
  // Organisations named in a merged sentence need no sentence of their own unless their key statement is distinctive.
  const own = items.filter((i) => i.isKey && !inMerged.has(i));
  const extra = new Map<string, Item[]>();
  for (const i of items)
    if (!inMerged.has(i) && !i.isKey) extra.set(i.c.organisationCode, [...(extra.get(i.c.organisationCode) ?? []), i]);
  merged.sort((a, b) => b.items.length - a.items.length || a.items[0].order - b.items[0].order);
  const mergedSentences = merged.map((cl) => mergedSentence(cl, res, extra));
  const ownSentences = own.map((i) => ownSentence(i, input.heading, res, extra));
  // Whatever is still unplaced (an organisation whose key statement was merged) goes to a footnote of its own.
  for (const [code, rest] of extra) {
    const host = mergedSentences.find((s) => s.sources.some((x) => x.organisationCode === code));
    const it = rest[0];
    const line = `${creditedBody(it.c.sender)}: ${rest
      .map((x) => endSentence(x.piece.text))
      .join(' ')
      .replace(/\.$/, '')} (${docOnly(it.c.sender)}).`;
    if (host) {
      host.footnote = [...(host.footnote ?? []), line];
      host.sources.push(...rest.map((x) => source(x)));
    }
  }
  const opening = openingSentence(input, res);
  const paragraphs: ComposedSentence[][] = [
    [...(opening ? [opening] : []), ...mergedSentences],
    ownSentences.filter(
      (s) => usable.find((u) => u.c.organisationCode === s.sources[0].organisationCode)?.c.group === 'ministry',
    ),
    ownSentences.filter(
      (s) => usable.find((u) => u.c.organisationCode === s.sources[0].organisationCode)?.c.group === 'locality',
    ),
    figureSentences(input, res),
  ].filter((p) => p.length > 0);
  return { paragraphs, leftOut };
}

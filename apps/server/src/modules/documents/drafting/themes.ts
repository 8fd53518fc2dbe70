import crypto from 'node:crypto';
import type { ReportTheme } from '@regionlink/shared';
import type { ParsedNarrative } from '../../reporting/narrative';
import { creditedBody, documentCitation, type Sender } from './attribution';
import { narrativeSentences } from './compose-task';
import { type DraftingResources, fill } from './resources';
import { contentWords, endSentence, features, jaccard, ngrams } from './text';

/**
 * Themes of Parts II–III: the points organisations raise in the general sections of their reports (results,
 * shortcomings and their causes, lessons, recommendations and proposals) grouped by similarity, ranked by how many
 * organisations raised them, each drafted as one sentence with the organisations in a footnote.
 *
 * Method: each point (a sentence of a section, after NFC) becomes a set of content words and word bigrams with the
 * stop-words of `data/vi-stopwords.txt` removed; points are grouped by average-link agglomeration: two groups join
 * while the mean Jaccard overlap between their points is at least `threshold` (0.2). Bigrams after stop-word removal
 * keep compound words ("giải phóng mặt bằng", "nguồn lực") together, which single syllables would not. Deterministic:
 * ties are broken by input order.
 *
 * Material comes from the reporting module's submissions, and any other module can add items through the same
 * `ThemeMaterial` interface (e.g. the coordination councils' bottlenecks), passed as one extra list to the assembly.
 */

export interface ThemeMaterial {
  /** The outline section the point answers: `results`, `shortcomings`, `causes`, `lessons`, `recommendations`, `proposals`. */
  sectionKey: string;
  organisationCode: string;
  /** As printed: "UBND tỉnh Lạng Sơn", "Hội đồng điều phối vùng Đồng bằng sông Hồng". */
  organisationName: string;
  sender: Sender;
  narrative: ParsedNarrative;
  /** The module the item comes from ("reporting" unless said otherwise). */
  origin?: string;
}

interface Point {
  material: ThemeMaterial;
  text: string;
  notes: string[];
  feats: Set<string>;
  order: number;
}

/** The points of a list of material: one per sentence, in input order. */
export function pointsOf(material: readonly ThemeMaterial[], res: DraftingResources): Point[] {
  const out: Point[] = [];
  for (const m of material)
    for (const p of narrativeSentences(m.narrative, res.phrases.abbreviations))
      out.push({
        material: m,
        text: p.text,
        notes: p.notes,
        feats: features(p.text, res.stopwords),
        order: out.length,
      });
  return out;
}

const same = (a: Point, b: Point) =>
  a.text.toLocaleLowerCase('vi').replace(/\s+/g, ' ') === b.text.toLocaleLowerCase('vi').replace(/\s+/g, ' ');

/** Similarity of two points: 1 for the same text, else the Jaccard overlap of their features. */
export const pointSimilarity = (a: Point, b: Point) => (same(a, b) ? 1 : jaccard(a.feats, b.feats));

function meanLink(a: readonly Point[], b: readonly Point[]): number {
  let s = 0;
  for (const x of a) for (const y of b) s += pointSimilarity(x, y);
  return s / (a.length * b.length);
}

/** Group points by average-link agglomeration (see the module comment). */
export function groupPoints(points: readonly Point[], threshold = 0.2): Point[][] {
  const groups = points.map((p) => [p]);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const s = meanLink(groups[i], groups[j]);
        if (s > best + 1e-12) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    if (bi < 0 || best < threshold) break;
    groups[bi] = [...groups[bi], ...groups[bj]].sort((x, y) => x.order - y.order);
    groups.splice(bj, 1);
  }
  return groups;
}

/** The words a group's points share most (content bigrams first), for the drafter's list of themes. */
export function themeLabel(points: readonly Point[], res: DraftingResources): string {
  const counts = new Map<string, number>();
  const first = new Map<string, number>();
  for (const p of points) {
    const w = contentWords(p.text, res.stopwords);
    const grams = ngrams(w, 2);
    grams.forEach((g, i) => {
      if (!first.has(g)) first.set(g, first.size * 1000 + i);
    });
    for (const g of new Set(grams)) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (first.get(a[0]) ?? 0) - (first.get(b[0]) ?? 0))
    .slice(0, 3)
    .map(([g]) => g)
    .join(', ');
}

const orgsOf = (points: readonly Point[]) => [...new Set(points.map((p) => p.material.organisationCode))];

/** The most central point of a group: the highest mean overlap with the others (the first one on a tie). */
function representative(points: readonly Point[]): Point {
  if (points.length === 1) return points[0];
  let best = points[0];
  let bestScore = -1;
  for (const p of points) {
    const s = points.reduce((a, q) => a + (q === p ? 0 : pointSimilarity(p, q)), 0);
    if (s > bestScore + 1e-12) {
      best = p;
      bestScore = s;
    }
  }
  return best;
}

/** A theme's footnote: who raised it (credited body and document), then the others' own wording. */
export function themeFootnote(points: readonly Point[], rep: Point, res: DraftingResources): string[] {
  const seen = new Set<string>();
  const who: string[] = [];
  for (const p of points) {
    const w = `${creditedBody(p.material.sender)} (${documentCitation(p.material.sender).replace(/ của .*$/u, '')})`;
    if (!seen.has(w)) who.push(w);
    seen.add(w);
  }
  const others = points
    .filter((p) => p !== rep && p.text !== rep.text)
    .map((p) => `${creditedBody(p.material.sender)}: ${endSentence(p.text)}`);
  return [
    fill(res.phrases.reportedBy, { items: who.join('; ') }),
    ...[...new Set(rep.notes)],
    ...(others.length ? [fill(res.phrases.example, { items: others.join(' ') })] : []),
  ];
}

export type DraftedTheme = ReportTheme;

/** Themes of one section's material, ranked by how many organisations raised them (then by first appearance). */
export function draftThemes(
  sectionKey: string,
  material: readonly ThemeMaterial[],
  res: DraftingResources,
): DraftedTheme[] {
  const groups = groupPoints(pointsOf(material, res));
  groups.sort((a, b) => orgsOf(b).length - orgsOf(a).length || a[0].order - b[0].order);
  return groups.map((g) => {
    const rep = representative(g);
    const orgs = orgsOf(g);
    const id = `${sectionKey}-${crypto.createHash('sha1').update(rep.text).digest('hex').slice(0, 10)}`;
    return {
      id,
      label: themeLabel(g, res),
      organisations: orgs,
      footnote: themeFootnote(g, rep, res),
      sentence: {
        text: endSentence(rep.text),
        kind: 'theme',
        score: `${orgs.length} cơ quan, địa phương; ${g.length} ý`,
        sources: g.map((p) => ({
          organisationCode: p.material.organisationCode,
          organisationName: creditedBody(p.material.sender),
          documentNumber: p.material.sender.documentNumber,
          passage: p.text.slice(0, 4000),
        })),
      },
    };
  });
}

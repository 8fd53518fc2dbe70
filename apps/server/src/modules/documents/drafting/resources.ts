import fs from 'node:fs';
import path from 'node:path';

/**
 * The linguistic resources of the drafter, kept as data files beside this module (`data/`): the Vietnamese stop-word
 * list, the phrases the drafted paragraphs are written with, and the patterns that recognise a reported action. They
 * are read once; every pure function takes them as a parameter so tests can pass their own.
 */

export interface ActionPatterns {
  leadingAdverbials: string[];
  ownSubjects: string[];
  genericSubjects: string[];
  aspectMarkers: string[];
  actions: { key: string; verbs: string[] }[];
}

export interface Phrases {
  abbreviations: string[];
  /** Function words dropped from a shared statement when what they introduced differs between organisations. */
  danglingWords: string[];
  /** Units left without their number when a figure that differs between organisations falls out ("420 tỷ đồng"). */
  unitWords: string[];
  /** A merged statement keeps at least this many content words in common, or the organisations keep their own. */
  minSharedWords: number;
  /** Words that open a proper name ("Nghị quyết số …", "Hội đồng điều phối vùng …"): never lower-cased. */
  properNounHeads: string[];
  opening: Record<'recurring' | 'done' | 'in_progress' | 'not_started' | 'mixed' | 'unclear', string>;
  statusParts: Record<'done' | 'in_progress' | 'recurring' | 'not_started', string>;
  actors: Record<'central' | 'locality' | 'both', string>;
  merged: Record<'central' | 'locality' | 'both', string>;
  attributedFallback: string;
  example: string;
  exampleItem: string;
  reportedBy: string;
  figureTotal: string;
  figureList: string;
  themeSentence: string;
  themeSentenceOne: string;
  ordinals: string[];
  ordinalsLetter: string[];
  letterPointOne: string;
  letterStateParts: Record<'done' | 'recurring' | 'in_progress' | 'not_started' | 'none', string>;
  letterResultsLead: string;
  letterRecommendationsLead: string;
  letterProposalsLead: string;
}

export interface DraftingResources {
  stopwords: Set<string>;
  phrases: Phrases;
  actions: ActionPatterns;
}

const DIR = path.join(import.meta.dirname, 'data');

/** Stop-words from the text file: one per line, `#` comments, NFC and lower case. */
export function parseStopwords(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim().normalize('NFC').toLocaleLowerCase('vi'))
      .filter((l) => l && !l.startsWith('#')),
  );
}

let cached: DraftingResources | null = null;

/** The resources shipped with the product (read once). */
export function draftingResources(): DraftingResources {
  if (cached) return cached;
  const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');
  cached = {
    stopwords: parseStopwords(read('vi-stopwords.txt')),
    phrases: JSON.parse(read('drafting-phrases.json')) as Phrases,
    actions: JSON.parse(read('action-verbs.json')) as ActionPatterns,
  };
  return cached;
}

/** Fill `{name}` placeholders of a phrase. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

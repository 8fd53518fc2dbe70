import type { ActionPatterns } from './resources';

/**
 * What a reported clause says an organisation did: its leading circumstance ("Năm 2024, …", "Thực hiện Nghị quyết …,
 * …"), the reporting body speaking of itself ("tỉnh", "Bộ", "UBND tỉnh Lạng Sơn"), aspect markers ("đã", "tiếp tục")
 * and the predicate that remains, whose opening verb names the kind of action (`issue`, `review`, `fund` …). Patterns
 * come from `data/action-verbs.json`.
 */
export interface ClauseAnalysis {
  /** The leading circumstance as written, without its comma ("Năm 2024"), or ''. */
  context: string;
  /** True when the clause's subject is the reporting body itself (stripped from `predicate`). */
  ownSubject: boolean;
  /** A generic subject the clause speaks of ("các địa phương"), or null. */
  genericSubject: string | null;
  /** The aspect markers as written ("đã", "tiếp tục"), or ''. */
  aspect: string;
  /** What the body did, starting with the verb when one was recognised. */
  predicate: string;
  /** The kind of action, or null when no verb of the list opens the predicate. */
  action: string | null;
  /** The verb that matched. */
  verb: string | null;
}

const compiled = new WeakMap<ActionPatterns, { lead: RegExp[]; own: RegExp[] }>();

function regexes(p: ActionPatterns) {
  let r = compiled.get(p);
  if (!r) {
    r = {
      lead: p.leadingAdverbials.map((s) => new RegExp(s, 'iu')),
      own: p.ownSubjects.map((s) => new RegExp(s, 'u')),
    };
    compiled.set(p, r);
  }
  return r;
}

const startsWithWord = (text: string, phrase: string) => {
  const t = text.toLocaleLowerCase('vi');
  return t.startsWith(phrase) && (t.length === phrase.length || /[\s,;.:]/.test(t.charAt(phrase.length)));
};

/** Analyse one clause (see the interface). */
export function analyseClause(clause: string, patterns: ActionPatterns): ClauseAnalysis {
  const { lead, own } = regexes(patterns);
  let rest = clause.trim().replace(/[.;]+$/, '');
  let context = '';
  for (let again = true; again; ) {
    again = false;
    for (const re of lead) {
      const m = re.exec(rest);
      if (m && m[0].length < rest.length) {
        context = context ? `${context}, ${m[0].replace(/,\s*$/, '')}` : m[0].replace(/,\s*$/, '');
        rest = rest.slice(m[0].length);
        again = true;
        break;
      }
    }
  }
  let ownSubject = false;
  const opensAction = (t: string) =>
    patterns.aspectMarkers.some((a) => startsWithWord(t, a)) ||
    patterns.actions.some((a) => a.verbs.some((v) => startsWithWord(t, v)));
  for (const re of own) {
    const m = re.exec(rest);
    if (m && opensAction(rest.slice(m[0].length))) {
      rest = rest.slice(m[0].length);
      ownSubject = true;
      break;
    }
  }
  let genericSubject = ownSubject
    ? null
    : (patterns.genericSubjects.find((g) => startsWithWord(rest, g.toLocaleLowerCase('vi'))) ?? null);
  if (!ownSubject && !genericSubject) {
    // A long circumstance with commas of its own ("Thực hiện Nghị quyết …, vướng mắc …, các địa phương đang …").
    const lower = rest.toLocaleLowerCase('vi');
    for (const g of patterns.genericSubjects) {
      const i = lower.indexOf(`, ${g.toLocaleLowerCase('vi')} `);
      if (i > 0) {
        context = context ? `${context}, ${rest.slice(0, i)}` : rest.slice(0, i);
        rest = rest.slice(i + 2);
        genericSubject = g;
        break;
      }
    }
  }
  let aspect = '';
  for (let again = true; again; ) {
    again = false;
    for (const a of [...patterns.aspectMarkers].sort((x, y) => y.length - x.length))
      if (startsWithWord(rest, a)) {
        aspect = aspect ? `${aspect} ${rest.slice(0, a.length)}` : rest.slice(0, a.length);
        rest = rest.slice(a.length).trimStart();
        again = true;
        break;
      }
  }
  let action: string | null = null;
  let verb: string | null = null;
  for (const a of patterns.actions)
    for (const v of a.verbs)
      if (startsWithWord(rest, v) && (!verb || v.length > verb.length)) {
        action = a.key;
        verb = v;
      }
  // Reports often drop the subject ("Rà soát, trình ban hành …"): a clause opening with a verb speaks of the reporter.
  if (!ownSubject && !genericSubject && action) ownSubject = true;
  return { context, ownSubject, genericSubject, aspect, predicate: rest.trim(), action, verb };
}

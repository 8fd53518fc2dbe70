import type { SaveSubmissionInput, SubmissionDetail, TaskStatus } from '@regionlink/shared';

/** What the reporter is editing: the submission's writable fields, kept apart from the server's copy. */
export interface TaskDraft {
  status: TaskStatus | null;
  narrativeHtml: string;
  figures: Record<string, number | null>;
}
export interface Draft {
  docNumber: string;
  docDate: string | null;
  reportingBodyVi: string;
  sections: Record<string, string>;
  tasks: Record<number, TaskDraft>;
}

export const draftOf = (s: SubmissionDetail): Draft => ({
  docNumber: s.docNumber ?? '',
  docDate: s.docDate,
  reportingBodyVi: s.reportingBodyVi ?? '',
  sections: Object.fromEntries(s.sections.map((x) => [x.key, x.html])),
  tasks: Object.fromEntries(
    s.tasks.map((x) => [x.taskId, { status: x.status, narrativeHtml: x.narrativeHtml, figures: { ...x.figures } }]),
  ),
});

export const payloadOf = (d: Draft): SaveSubmissionInput => ({
  docNumber: d.docNumber.trim() || null,
  docDate: d.docDate,
  reportingBodyVi: d.reportingBodyVi.trim() || null,
  sections: d.sections,
  tasks: Object.entries(d.tasks).map(([taskId, x]) => ({
    taskId: Number(taskId),
    status: x.status,
    narrativeHtml: x.narrativeHtml,
    figures: x.figures,
  })),
});

export const sameDraft = (a: Draft | null, b: Draft | null) => JSON.stringify(a) === JSON.stringify(b);
export const STATUSES: TaskStatus[] = ['done', 'in_progress', 'recurring', 'not_started', 'not_applicable'];

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string };

/**
 * Text typed in this browser and not yet saved, kept in localStorage so that an expired session or a closed tab loses
 * nothing. It records when it was typed and which saved version it was typed on, so that the offer to restore it can
 * say whether the report was saved again since (by this user elsewhere, or a colleague).
 */
export interface LocalCopy {
  draft: Draft;
  at: number;
  baseVersion: number | null;
}
const backupKey = (id: number) => `rl.draft.${id}`;

export const localCopy = {
  write(id: number, draft: Draft, baseVersion: number) {
    localStorage.setItem(backupKey(id), JSON.stringify({ draft, at: Date.now(), baseVersion }));
  },
  clear(id: number) {
    localStorage.removeItem(backupKey(id));
  },
  /** The copy kept for this submission if it differs from what the server holds; otherwise it is dropped. */
  read(id: number, server: SubmissionDetail): LocalCopy | null {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw) return null;
    try {
      const b = JSON.parse(raw) as Partial<LocalCopy>;
      if (b.draft && !sameDraft(b.draft, draftOf(server)))
        return { draft: b.draft, at: b.at ?? 0, baseVersion: b.baseVersion ?? null };
    } catch {
      // unreadable copy: dropped below
    }
    localStorage.removeItem(backupKey(id));
    return null;
  },
};

/** Where a submit problem points (`docNumber`, `tasks.1.3.c.status`, …): the id of the element to bring into view. */
export function fieldAnchor(path: string): string {
  if (path === 'docNumber' || path === 'docDate') return `field-${path}`;
  const m = /^tasks\.(.+)\.(status|narrative)$/.exec(path);
  if (m) return m[2] === 'status' ? `field-status-${m[1]}` : `task-${m[1]}`;
  return 'submission-top';
}

/** Scroll to a field named by a submit problem and put the cursor in it. */
export function focusField(path: string) {
  const el = document.getElementById(fieldAnchor(path));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const target = el.matches('input, textarea, [contenteditable="true"]')
    ? el
    : el.querySelector<HTMLElement>('[contenteditable="true"], input:not([type=hidden]), textarea');
  (target ?? el).focus({ preventScroll: true });
}

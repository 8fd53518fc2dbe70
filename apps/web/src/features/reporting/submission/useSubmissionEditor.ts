import type { SubmissionDetail } from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { ApiError } from '../../../lib/api';
import { fetchSubmission, keys, saveSubmission, useSubmission, useSubmissionAction } from '../api';
import { errorText } from '../util';
import {
  type Draft,
  draftOf,
  type LocalCopy,
  localCopy,
  payloadOf,
  type SaveState,
  sameDraft,
  type TaskDraft,
} from './draft';

/** One problem that stops a report from being sent, in the user's language, with the field it points to. */
export interface SubmitProblem {
  path: string;
  text: string;
}

/**
 * The reporter's editor state of one submission: the draft, autosave 1.5 s after the last change (every change also
 * kept in this browser until saved), conflict-safe saves (a 412 keeps the user's text and shows both versions), the
 * offer to restore text left unsaved last time, and the review actions.
 */
export function useSubmissionEditor(initial: SubmissionDetail, conflictTitle: string) {
  const { lang } = useI18n();
  const qc = useQueryClient();
  const id = initial.id;
  const live = useSubmission(id);
  const server = live.data ?? initial;
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [saved, setSaved] = useState<Draft>(() => draftOf(initial));
  const version = useRef(initial.version);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<SubmissionDetail | null>(null);
  const [restore, setRestore] = useState<LocalCopy | null>(null);
  const [submitProblems, setSubmitProblems] = useState<SubmitProblem[]>([]);
  const action = useSubmissionAction(id);
  const editable = server.can.edit;
  const dirty = !sameDraft(draft, saved);
  const saving = useRef(false);

  useEffect(() => {
    if (initial.can.edit) setRestore(localCopy.read(id, initial));
  }, [id, initial]);

  const applyServer = useCallback(
    (s: SubmissionDetail, keepLocal: boolean) => {
      qc.setQueryData(keys.submission(id), s);
      version.current = s.version;
      const d = draftOf(s);
      setSaved(d);
      if (!keepLocal) setDraft(d);
    },
    [qc, id],
  );

  const save = useCallback(
    async (d: Draft): Promise<boolean> => {
      if (saving.current) return false;
      saving.current = true;
      setSaveState({ kind: 'saving' });
      try {
        const s = await saveSubmission(id, version.current, payloadOf(d));
        qc.setQueryData(keys.submission(id), s);
        version.current = s.version;
        setSaved(d);
        localCopy.clear(id);
        setSaveState({ kind: 'saved', at: new Date() });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          setConflict(await fetchSubmission(id));
          setSaveState({ kind: 'error', message: conflictTitle });
        } else setSaveState({ kind: 'error', message: errorText(e, lang) });
        return false;
      } finally {
        saving.current = false;
      }
    },
    [id, qc, conflictTitle, lang],
  );

  useEffect(() => {
    if (!editable || !dirty || conflict) return;
    localCopy.write(id, draft, version.current);
    const timer = setTimeout(() => void save(draft), 1500);
    return () => clearTimeout(timer);
  }, [draft, dirty, editable, conflict, id, save]);

  const setTask = (taskId: number, patch: Partial<TaskDraft>) =>
    setDraft((d) => ({ ...d, tasks: { ...d.tasks, [taskId]: { ...d.tasks[taskId], ...patch } } }));

  const submit = async () => {
    setSubmitProblems([]);
    if (dirty && !(await save(draft))) return;
    action.mutate(
      { action: 'submit', version: version.current },
      {
        onSuccess: (s) => applyServer(s, false),
        onError: (e) => {
          if (e instanceof ApiError && e.problem?.errors)
            setSubmitProblems(
              e.problem.errors.map((x) => ({ path: x.path, text: lang === 'vi' ? x.messageVi : x.message })),
            );
          else setSubmitProblems([{ path: '', text: errorText(e, lang) }]);
        },
      },
    );
  };

  const review = (a: 'return' | 'accept' | 'unlock', body?: unknown, done?: () => void) =>
    action.mutate(
      { action: a, version: version.current, body },
      {
        onSuccess: (s) => {
          applyServer(s, false);
          done?.();
        },
      },
    );

  const restoreLocal = () => {
    if (restore) setDraft(restore.draft);
    setRestore(null);
  };
  const discardLocal = () => {
    localCopy.clear(id);
    setRestore(null);
  };
  const keepMine = async () => {
    if (!conflict) return;
    version.current = conflict.version;
    setConflict(null);
    await save(draft);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    applyServer(conflict, false);
    localCopy.clear(id);
    setConflict(null);
    setSaveState({ kind: 'idle' });
  };

  return {
    id,
    server,
    editable,
    draft,
    setDraft,
    setTask,
    dirty,
    save: () => save(draft),
    saveState,
    conflict,
    keepMine,
    takeTheirs,
    restore,
    restoreLocal,
    discardLocal,
    submit,
    submitProblems,
    review,
    action,
  };
}

export type SubmissionEditor = ReturnType<typeof useSubmissionEditor>;

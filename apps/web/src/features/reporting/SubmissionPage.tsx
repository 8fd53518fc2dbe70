import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Grid,
  Group,
  Loader,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import {
  type EvidenceFile,
  type SaveSubmissionInput,
  type SubmissionDetail,
  TASK_STATUS_LABELS,
  type TaskStatus,
} from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatBytes, formatDate, formatNumber } from '../../lib/format';
import {
  deleteEvidence,
  fetchSubmission,
  keys,
  saveSubmission,
  uploadEvidence,
  useComment,
  useSubmission,
  useSubmissionAction,
} from './api';
import { FlagMark, StateBadge, TaskStatusBadge } from './components/Badges';
import { DateField } from './components/DateField';
import { NarrativeEditor } from './components/NarrativeEditor';
import { NarrativeView } from './components/NarrativeView';
import { DICT, fill } from './i18n';
import { errorText, formatDateTime } from './util';

interface TaskDraft {
  status: TaskStatus | null;
  narrativeHtml: string;
  figures: Record<string, number | null>;
}
interface Draft {
  docNumber: string;
  docDate: string | null;
  reportingBodyVi: string;
  sections: Record<string, string>;
  tasks: Record<number, TaskDraft>;
}

const draftOf = (s: SubmissionDetail): Draft => ({
  docNumber: s.docNumber ?? '',
  docDate: s.docDate,
  reportingBodyVi: s.reportingBodyVi ?? '',
  sections: Object.fromEntries(s.sections.map((x) => [x.key, x.html])),
  tasks: Object.fromEntries(
    s.tasks.map((x) => [x.taskId, { status: x.status, narrativeHtml: x.narrativeHtml, figures: { ...x.figures } }]),
  ),
});

const payloadOf = (d: Draft): SaveSubmissionInput => ({
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

const same = (a: Draft | null, b: Draft | null) => JSON.stringify(a) === JSON.stringify(b);
const backupKey = (id: number) => `rl.draft.${id}`;
const STATUSES: TaskStatus[] = ['done', 'in_progress', 'recurring', 'not_started', 'not_applicable'];

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string };

/** One submission: the reporter's editor (autosaved, conflict-safe) or the read-only view, and MoF's review actions. */
export function SubmissionPage() {
  const id = Number(useParams().id);
  const q = useSubmission(id);
  const { lang } = useI18n();
  if (q.isLoading) return <Loader />;
  if (q.error || !q.data) return <Alert color="red">{errorText(q.error, lang)}</Alert>;
  return <SubmissionView key={id} initial={q.data} />;
}

function SubmissionView({ initial }: { initial: SubmissionDetail }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const qc = useQueryClient();
  const id = initial.id;
  const live = useSubmission(id);
  const server = live.data ?? initial;
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [saved, setSaved] = useState<Draft>(() => draftOf(initial));
  const version = useRef(initial.version);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<SubmissionDetail | null>(null);
  const [restore, setRestore] = useState<Draft | null>(null);
  const [submitErrors, setSubmitErrors] = useState<string[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const action = useSubmissionAction(id);
  const comment = useComment(id);
  const editable = server.can.edit;
  const dirty = !same(draft, saved);
  const saving = useRef(false);

  // Offer to restore text typed before an expired session or a closed tab.
  useEffect(() => {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw || !initial.can.edit) return;
    try {
      const b = JSON.parse(raw) as { draft: Draft };
      if (!same(b.draft, draftOf(initial))) setRestore(b.draft);
      else localStorage.removeItem(backupKey(id));
    } catch {
      localStorage.removeItem(backupKey(id));
    }
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
        localStorage.removeItem(backupKey(id));
        setSaveState({ kind: 'saved', at: new Date() });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          // Someone else saved first: keep the user's text, show both versions, let them choose.
          setConflict(await fetchSubmission(id));
          setSaveState({ kind: 'error', message: t('conflictTitle') });
        } else setSaveState({ kind: 'error', message: errorText(e, lang) });
        return false;
      } finally {
        saving.current = false;
      }
    },
    [id, qc, t, lang],
  );

  // Autosave 1.5 s after the last change; every change is also kept in this browser until it is saved.
  useEffect(() => {
    if (!editable || !dirty || conflict) return;
    localStorage.setItem(backupKey(id), JSON.stringify({ draft, at: Date.now() }));
    const timer = setTimeout(() => void save(draft), 1500);
    return () => clearTimeout(timer);
  }, [draft, dirty, editable, conflict, id, save]);

  const setTask = (taskId: number, patch: Partial<TaskDraft>) =>
    setDraft((d) => ({ ...d, tasks: { ...d.tasks, [taskId]: { ...d.tasks[taskId], ...patch } } }));

  const onSubmit = async () => {
    setSubmitErrors([]);
    if (dirty && !(await save(draft))) return;
    action.mutate(
      { action: 'submit', version: version.current },
      {
        onSuccess: (s) => applyServer(s, false),
        onError: (e) => {
          if (e instanceof ApiError && e.problem?.errors)
            setSubmitErrors(e.problem.errors.map((x) => (lang === 'vi' ? x.messageVi : x.message)));
          else setSubmitErrors([errorText(e, lang)]);
        },
      },
    );
  };

  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const [unlockOpen, setUnlockOpen] = useState(false);
  const [acceptOpen, setAcceptOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [taskComments, setTaskComments] = useState<Record<number, string>>({});
  const [commentDraft, setCommentDraft] = useState<Record<number, string>>({});

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

  const upload = async (file: File | null, taskId: number | null) => {
    if (!file) return;
    setFileError(null);
    try {
      await uploadEvidence(id, file, taskId);
      const s = await fetchSubmission(id);
      qc.setQueryData(keys.submission(id), s);
    } catch (e) {
      setFileError(errorText(e, lang));
    }
  };
  const removeFile = async (f: EvidenceFile) => {
    await deleteEvidence(id, f.id);
    qc.setQueryData(keys.submission(id), await fetchSubmission(id));
  };

  const labels = {
    footnote: t('footnote'),
    footnoteText: t('footnoteText'),
    confirm: t('confirm'),
    cancel: t('cancel'),
  };
  const saveText =
    saveState.kind === 'saving'
      ? t('saving')
      : saveState.kind === 'saved' && !dirty
        ? fill(t('savedAt'), { t: saveState.at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }) })
        : saveState.kind === 'error'
          ? `${t('saveFailed')}: ${saveState.message}`
          : dirty
            ? t('unsaved')
            : '';

  const filesOf = (taskId: number | null) => server.files.filter((f) => f.taskId === taskId);
  const FileList = ({ taskId }: { taskId: number | null }) => (
    <Stack gap={2}>
      {filesOf(taskId).map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap">
          <Anchor size="sm" href={`/api/v1/submissions/${id}/files/${f.id}`} data-testid="evidence-link">
            📎 {f.filename}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatBytes(f.sizeBytes, lang)}
          </Text>
          {editable && (
            <Anchor size="xs" c="red" component="button" onClick={() => void removeFile(f)}>
              {t('remove')}
            </Anchor>
          )}
        </Group>
      ))}
      {editable && (
        <Group gap="xs">
          <FileButton
            onChange={(f) => void upload(f, taskId)}
            accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg"
          >
            {(props) => (
              <Button size="compact-xs" variant="light" {...props} data-testid={`attach-${taskId ?? 'general'}`}>
                {t('attachFile')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('fileHint')}
          </Text>
        </Group>
      )}
    </Stack>
  );

  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/reporting/cycles/${server.cycleId}`} size="sm">
        {t('back')} · {pick(server.cycleNameVi, server.cycleNameEn)}
      </Anchor>
      <Card withBorder padding="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} data-testid="submission-org">
                {pick(server.organisationNameVi, server.organisationNameEn)}
              </Title>
              <StateBadge state={server.state} />
              <FlagMark notes={server.flags} />
            </Group>
            <Text size="sm" c="dimmed">
              {pick(server.cycleNameVi, server.cycleNameEn)} · {t('deadline')}:{' '}
              {server.cycleDeadline ? formatDate(server.cycleDeadline) : t('notStated')}
              {server.receivedOn && ` · ${t('receivedOn')}: ${formatDate(server.receivedOn)}`}
            </Text>
            {server.source && (
              <Text size="xs" c="dimmed">
                {t('source')}: {server.source}
              </Text>
            )}
          </Stack>
          <Stack gap={4} align="flex-end">
            {editable && (
              <Text size="xs" c={saveState.kind === 'error' ? 'red' : 'dimmed'} data-testid="save-state">
                {saveText || t('youCanEdit')}
              </Text>
            )}
            <Group gap="xs">
              {editable && (
                <Button size="xs" variant="default" onClick={() => void save(draft)} disabled={!dirty}>
                  {t('save')}
                </Button>
              )}
              {server.can.submit && (
                <Button size="xs" onClick={() => setConfirmSubmit(true)} data-testid="submit-report">
                  {server.state === 'returned' ? t('resubmit') : t('submit')}
                </Button>
              )}
              {server.can.accept && (
                <Button size="xs" color="green" onClick={() => setAcceptOpen(true)} data-testid="accept-report">
                  {t('accept')}
                </Button>
              )}
              {server.can.return && (
                <Button size="xs" color="orange" onClick={() => setReturnOpen(true)} data-testid="return-report">
                  {t('returnReport')}
                </Button>
              )}
              {server.can.unlock && (
                <Button size="xs" variant="default" onClick={() => setUnlockOpen(true)}>
                  {t('unlock')}
                </Button>
              )}
            </Group>
          </Stack>
        </Group>
        {server.paper && (
          <Alert color="grape" mt="sm" p="xs" data-testid="paper-banner">
            {fill(t('paperBanner'), {
              who: server.paper.registeredBy ?? '—',
              at: formatDateTime(server.paper.registeredAt),
            })}
            {server.paper.note && ` ${server.paper.note}`}
          </Alert>
        )}
        {server.state === 'returned' && server.returnReason && (
          <Alert color="orange" mt="sm" p="xs" data-testid="returned-banner">
            {fill(t('returnedBanner'), { r: server.returnReason })}
          </Alert>
        )}
        {server.state === 'submitted' && !server.can.accept && (
          <Alert color="blue" mt="sm" p="xs">
            {t('submittedBanner')}
          </Alert>
        )}
        {server.state === 'accepted' && (
          <Alert color="green" mt="sm" p="xs" data-testid="locked-banner">
            {t('lockedBanner')}
          </Alert>
        )}
        {action.error && !submitErrors.length && (
          <Alert color="red" mt="sm" p="xs">
            {errorText(action.error, lang)}
          </Alert>
        )}
        {submitErrors.length > 0 && (
          <Alert color="red" mt="sm" p="xs" title={t('incomplete')} data-testid="submit-errors">
            {submitErrors.map((e) => (
              <Text size="sm" key={e}>
                • {e}
              </Text>
            ))}
          </Alert>
        )}
        {restore && (
          <Alert color="yellow" mt="sm" p="xs" title={t('restoreTitle')}>
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => {
                  setDraft(restore);
                  setRestore(null);
                }}
              >
                {t('restore')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  localStorage.removeItem(backupKey(id));
                  setRestore(null);
                }}
              >
                {t('discard')}
              </Button>
            </Group>
          </Alert>
        )}
      </Card>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Stack gap="sm">
            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb={6}>
                {t('officialReport')}
              </Text>
              {editable ? (
                <Group align="flex-start">
                  <TextInput
                    label={t('docNumber')}
                    placeholder="766/BC-UBND"
                    value={draft.docNumber}
                    onChange={(e) => setDraft({ ...draft, docNumber: e.currentTarget.value })}
                    data-testid="doc-number"
                  />
                  <DateField
                    label={t('docDate')}
                    value={draft.docDate}
                    onChange={(iso) => setDraft((d) => ({ ...d, docDate: iso }))}
                    badDateText={t('badDate')}
                    testId="doc-date"
                  />
                  <TextInput
                    label={t('reportingBody')}
                    w={320}
                    value={draft.reportingBodyVi}
                    onChange={(e) => setDraft({ ...draft, reportingBodyVi: e.currentTarget.value })}
                  />
                </Group>
              ) : (
                <Text size="sm">
                  {t('docNumber')}: <b data-testid="doc-number-view">{server.docNumber ?? '—'}</b> · {t('docDate')}:{' '}
                  <b>{formatDate(server.docDate)}</b>
                  {server.reportingBodyVi && ` · ${server.reportingBodyVi}`}
                </Text>
              )}
              {server.warnings.length > 0 && (
                <Alert color="yellow" mt="xs" p="xs" title={t('warnings')} data-testid="warnings">
                  {server.warnings.map((w) => (
                    <Text size="sm" key={w.code}>
                      • {pick(w.messageVi, w.message)}
                    </Text>
                  ))}
                </Alert>
              )}
            </Card>

            {server.tasks.map((task) => {
              const d = draft.tasks[task.taskId] ?? { status: null, narrativeHtml: '', figures: {} };
              return (
                <Card
                  key={task.taskId}
                  withBorder
                  padding="sm"
                  id={`task-${task.code}`}
                  data-testid={`task-${task.code}`}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
                    <Text size="sm" fw={600}>
                      {task.code}. {pick(task.titleVi, task.titleEn)}
                    </Text>
                    {task.role && (
                      <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                        {t(task.role)}
                      </Badge>
                    )}
                  </Group>
                  {task.returnComment && (
                    <Alert color="orange" p={6} mb={6} data-testid="return-comment">
                      <Text size="sm">
                        <b>{t('returnedComment')}:</b> {task.returnComment}
                      </Text>
                    </Alert>
                  )}
                  <Stack gap={6}>
                    {editable ? (
                      <Select
                        label={t('taskStatus')}
                        placeholder={t('chooseStatus')}
                        w={260}
                        value={d.status}
                        onChange={(v) => setTask(task.taskId, { status: (v as TaskStatus | null) ?? null })}
                        data={STATUSES.map((s) => ({
                          value: s,
                          label: pick(TASK_STATUS_LABELS[s].vi, TASK_STATUS_LABELS[s].en),
                        }))}
                        data-testid={`status-${task.code}`}
                        allowDeselect={false}
                      />
                    ) : (
                      <Group gap={6}>
                        <Text size="sm">{t('taskStatus')}:</Text>
                        <TaskStatusBadge status={task.status} />
                      </Group>
                    )}
                    {editable ? (
                      <NarrativeEditor
                        value={d.narrativeHtml}
                        onChange={(html) => setTask(task.taskId, { narrativeHtml: html })}
                        editable
                        labels={labels}
                        testId={`narrative-${task.code}`}
                      />
                    ) : (
                      <NarrativeView
                        html={task.narrativeHtml}
                        emptyText={server.source?.includes('20208') ? t('notCited') : t('noContent')}
                      />
                    )}
                    {task.figureDefs.length > 0 && (
                      <SimpleGrid cols={{ base: 1, md: 2 }} spacing={6}>
                        {task.figureDefs.map((f) =>
                          editable ? (
                            <NumberInput
                              key={f.key}
                              label={`${pick(f.labelVi, f.labelEn)}${f.unitVi ? ` (${f.unitVi})` : ''}`}
                              value={d.figures[f.key] ?? ''}
                              decimalScale={f.decimals}
                              data-testid={`figure-${task.code}-${f.key}`}
                              decimalSeparator={lang === 'vi' ? ',' : '.'}
                              thousandSeparator={lang === 'vi' ? '.' : ','}
                              onChange={(v) =>
                                setTask(task.taskId, {
                                  figures: { ...d.figures, [f.key]: v === '' ? null : Number(v) },
                                })
                              }
                            />
                          ) : (
                            <Text size="sm" key={f.key} data-testid={`figure-${task.code}-${f.key}`}>
                              {pick(f.labelVi, f.labelEn)}:{' '}
                              <b>
                                {task.figures[f.key] === null || task.figures[f.key] === undefined
                                  ? '—'
                                  : formatNumber(task.figures[f.key], lang, f.decimals)}
                              </b>{' '}
                              {f.unitVi}
                            </Text>
                          ),
                        )}
                      </SimpleGrid>
                    )}
                    {(editable || filesOf(task.taskId).length > 0) && (
                      <>
                        <Text size="xs" fw={600} mt={4}>
                          {t('evidence')}
                        </Text>
                        <FileList taskId={task.taskId} />
                      </>
                    )}
                    {task.sourceNote && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {t('source')}: <span lang="vi">{task.sourceNote}</span>
                      </Text>
                    )}
                    {task.comments.length > 0 && (
                      <Stack gap={2} mt={4}>
                        <Text size="xs" fw={600}>
                          {t('comments')}
                        </Text>
                        {task.comments.map((c) => (
                          <Text size="xs" key={c.id}>
                            {formatDateTime(c.createdAt)} · {c.authorName}: {c.body}
                          </Text>
                        ))}
                      </Stack>
                    )}
                    {server.can.comment && (
                      <Group gap="xs" align="flex-end">
                        <Textarea
                          size="xs"
                          w={480}
                          autosize
                          placeholder={t('comment')}
                          value={commentDraft[task.taskId] ?? ''}
                          onChange={(e) => setCommentDraft({ ...commentDraft, [task.taskId]: e.currentTarget.value })}
                        />
                        <Button
                          size="compact-xs"
                          variant="light"
                          disabled={!(commentDraft[task.taskId] ?? '').trim()}
                          onClick={() =>
                            comment.mutate(
                              { taskId: task.taskId, body: commentDraft[task.taskId] },
                              { onSuccess: () => setCommentDraft({ ...commentDraft, [task.taskId]: '' }) },
                            )
                          }
                        >
                          {t('comment')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Card>
              );
            })}

            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb={6}>
                {t('general')}
              </Text>
              <Stack gap="sm">
                {server.sections.map((sec) => (
                  <Stack gap={4} key={sec.key}>
                    <Text size="sm" fw={600}>
                      {pick(sec.titleVi, sec.titleEn)}
                    </Text>
                    {editable ? (
                      <NarrativeEditor
                        value={draft.sections[sec.key] ?? ''}
                        onChange={(html) => setDraft((d) => ({ ...d, sections: { ...d.sections, [sec.key]: html } }))}
                        editable
                        labels={labels}
                        minHeight={80}
                      />
                    ) : (
                      <NarrativeView html={sec.html} emptyText={t('noContent')} />
                    )}
                  </Stack>
                ))}
                {(editable || filesOf(null).length > 0) && (
                  <>
                    <Text size="xs" fw={600}>
                      {t('evidence')}
                    </Text>
                    <FileList taskId={null} />
                  </>
                )}
              </Stack>
            </Card>
            {fileError && (
              <Alert color="red" p="xs" data-testid="file-error" withCloseButton onClose={() => setFileError(null)}>
                {fileError}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Card withBorder padding="sm" style={{ position: 'sticky', top: 70 }}>
            <Text fw={600} size="sm" mb={8}>
              {t('history')}
            </Text>
            <ScrollArea.Autosize mah={520}>
              <Timeline bulletSize={14} lineWidth={2} data-testid="history">
                {server.history.map((h) => (
                  <Timeline.Item
                    key={h.id}
                    title={
                      <Text size="sm">
                        {`action_${h.action}` in DICT ? t(`action_${h.action}` as 'action_created') : h.action}
                      </Text>
                    }
                  >
                    <Text size="xs" c="dimmed">
                      {formatDateTime(h.at)} · {h.actorName ?? '—'}
                    </Text>
                    {h.reason && <Text size="xs">{h.reason}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </ScrollArea.Autosize>
          </Card>
        </Grid.Col>
      </Grid>

      <Modal opened={confirmSubmit} onClose={() => setConfirmSubmit(false)} title={t('submit')}>
        <Text size="sm">{t('submitConfirm')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmSubmit(false)}>
            {t('cancel')}
          </Button>
          <Button
            onClick={() => {
              setConfirmSubmit(false);
              void onSubmit();
            }}
            data-testid="confirm-submit"
          >
            {t('confirm')}
          </Button>
        </Group>
      </Modal>

      <Modal opened={acceptOpen} onClose={() => setAcceptOpen(false)} title={t('accept')}>
        <Text size="sm">{t('acceptConfirm')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setAcceptOpen(false)}>
            {t('cancel')}
          </Button>
          <Button
            color="green"
            onClick={() => review('accept', {}, () => setAcceptOpen(false))}
            data-testid="confirm-accept"
          >
            {t('confirm')}
          </Button>
        </Group>
      </Modal>

      <Modal opened={returnOpen} onClose={() => setReturnOpen(false)} title={t('returnTitle')} size="xl">
        <Stack gap="sm">
          <Textarea
            label={t('reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="return-reason"
          />
          {server.tasks.map((task) => (
            <Textarea
              key={task.taskId}
              label={`${task.code}. ${task.shortTitleVi} — ${t('taskComment')}`}
              autosize
              value={taskComments[task.taskId] ?? ''}
              onChange={(e) => setTaskComments({ ...taskComments, [task.taskId]: e.currentTarget.value })}
              data-testid={`return-comment-${task.code}`}
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturnOpen(false)}>
              {t('cancel')}
            </Button>
            <Button
              color="orange"
              disabled={!reason.trim()}
              data-testid="confirm-return"
              onClick={() =>
                review(
                  'return',
                  {
                    reason,
                    taskComments: Object.entries(taskComments)
                      .filter(([, c]) => c.trim())
                      .map(([taskId, c]) => ({ taskId: Number(taskId), comment: c })),
                  },
                  () => {
                    setReturnOpen(false);
                    setReason('');
                    setTaskComments({});
                  },
                )
              }
            >
              {t('returnReport')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={unlockOpen} onClose={() => setUnlockOpen(false)} title={t('unlockTitle')}>
        <Stack>
          <Textarea
            label={t('reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnlockOpen(false)}>
              {t('cancel')}
            </Button>
            <Button disabled={!reason.trim()} onClick={() => review('unlock', { reason }, () => setUnlockOpen(false))}>
              {t('unlock')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <ConflictModal
        conflict={conflict}
        mine={draft}
        onKeepMine={async () => {
          if (!conflict) return;
          version.current = conflict.version;
          setConflict(null);
          await save(draft);
        }}
        onTakeTheirs={() => {
          if (!conflict) return;
          applyServer(conflict, false);
          localStorage.removeItem(backupKey(id));
          setConflict(null);
          setSaveState({ kind: 'idle' });
        }}
      />
    </Stack>
  );
}

/** Both versions side by side after a 412: what the user typed and what someone else saved. Nothing is lost. */
function ConflictModal(props: {
  conflict: SubmissionDetail | null;
  mine: Draft;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const c = props.conflict;
  const differing = useMemo(() => {
    if (!c) return [];
    return c.tasks.filter((task) => {
      const m = props.mine.tasks[task.taskId];
      return m && (m.narrativeHtml !== task.narrativeHtml || m.status !== task.status);
    });
  }, [c, props.mine]);
  return (
    <Modal
      opened={!!c}
      onClose={() => {}}
      withCloseButton={false}
      title={t('conflictTitle')}
      size="90%"
      data-testid="conflict-modal"
    >
      {c && (
        <Stack gap="sm">
          <Text size="sm">{t('conflictText')}</Text>
          {c.docNumber !== (props.mine.docNumber.trim() || null) && (
            <Text size="sm">
              {t('docNumber')}: {t('yourVersion')} <b>{props.mine.docNumber || '—'}</b> · {t('serverVersion')}{' '}
              <b>{c.docNumber ?? '—'}</b>
            </Text>
          )}
          {differing.map((task) => (
            <Card key={task.taskId} withBorder padding="xs">
              <Text size="sm" fw={600} mb={4}>
                {task.code}. {pick(task.shortTitleVi, task.titleEn)}
              </Text>
              <SimpleGrid cols={2}>
                <Stack gap={2}>
                  <Text size="xs" fw={600} c="blue">
                    {t('yourVersion')}
                  </Text>
                  <TaskStatusBadge status={props.mine.tasks[task.taskId].status} />
                  <div data-testid="conflict-mine">
                    <NarrativeView html={props.mine.tasks[task.taskId].narrativeHtml} />
                  </div>
                </Stack>
                <Stack gap={2}>
                  <Text size="xs" fw={600} c="orange">
                    {t('serverVersion')}
                  </Text>
                  <TaskStatusBadge status={task.status} />
                  <div data-testid="conflict-theirs">
                    <NarrativeView html={task.narrativeHtml} />
                  </div>
                </Stack>
              </SimpleGrid>
            </Card>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onTakeTheirs} data-testid="take-theirs">
              {t('takeTheirs')}
            </Button>
            <Button onClick={props.onKeepMine} data-testid="keep-mine">
              {t('keepMine')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

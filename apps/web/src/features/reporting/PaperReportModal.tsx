import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type CycleDetail, type PaperReportInput, TASK_STATUS_LABELS, type TaskStatus } from '@regionlink/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useRegisterPaper } from './api';
import { DateField } from './components/DateField';
import { DICT } from './i18n';
import { errorText } from './util';

const STATUSES = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text typed by MoF (copied from the letter) as narrative paragraphs; blank lines separate them. */
export const textToHtml = (s: string) =>
  s
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Today in Vietnam (UTC+7), as an ISO date. */
const todayVn = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * MoF registers a report an expected organisation sent on paper / by official letter: document number and date,
 * receipt date, optional signing body, note, scan, and per-task status and text. Checked here with the server's
 * rules, then by the server (its field errors shown on the same fields).
 */
export function PaperReportModal({
  cycle,
  organisationId,
  onClose,
}: {
  cycle: CycleDetail;
  organisationId: number;
  onClose: () => void;
}) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const navigate = useNavigate();
  const register = useRegisterPaper(cycle.id);
  const org = cycle.expected.find((e) => e.organisationId === organisationId);
  const orgTasks = cycle.tasks.filter((x) => org?.taskCodes.includes(x.code));
  const [form, setForm] = useState({
    docNumber: '',
    docDate: null as string | null,
    receivedOn: todayVn() as string | null,
    reportingBodyVi: '',
    note: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const [tasks, setTasks] = useState<Record<number, { status: TaskStatus | null; text: string }>>({});
  const [figures, setFigures] = useState<Record<number, Record<string, number | null>>>({});
  const defsOf = (x: CycleDetail['tasks'][number]) =>
    x.figures.filter((f) => f.appliesTo === 'all' || f.appliesTo === org?.group);
  const [local, setLocal] = useState<Record<string, string>>({});

  const serverErrors: Record<string, string> = {};
  if (register.error instanceof ApiError)
    for (const e of register.error.problem?.errors ?? [])
      serverErrors[e.path.replace(/^body\./, '')] = lang === 'vi' ? e.messageVi : e.message;
  const err = (k: string) => local[k] ?? serverErrors[k];

  const submit = () => {
    const e: Record<string, string> = {};
    if (!form.docNumber.trim()) e.docNumber = t('required');
    if (!form.docDate) e.docDate = t('required');
    if (!form.receivedOn) e.receivedOn = t('required');
    if (form.receivedOn && form.receivedOn > todayVn()) e.receivedOn = t('receivedInFuture');
    if (form.docDate && form.receivedOn && form.docDate > form.receivedOn) e.docDate = t('docAfterReceived');
    setLocal(e);
    if (Object.keys(e).length) return;
    const input: PaperReportInput = {
      organisationId,
      docNumber: form.docNumber,
      docDate: form.docDate!,
      receivedOn: form.receivedOn!,
      reportingBodyVi: form.reportingBodyVi.trim() || null,
      note: form.note.trim() || null,
      tasks: orgTasks
        .filter(
          (x) =>
            tasks[x.taskId]?.status ||
            tasks[x.taskId]?.text.trim() ||
            Object.values(figures[x.taskId] ?? {}).some((v) => v !== null),
        )
        .map((x) => ({
          taskId: x.taskId,
          status: tasks[x.taskId]?.status ?? null,
          narrativeHtml: textToHtml(tasks[x.taskId]?.text ?? ''),
          figures: figures[x.taskId] ?? {},
        })),
    };
    register.mutate({ input, file }, { onSuccess: (s) => navigate(`/reporting/submissions/${s.id}`) });
  };

  return (
    <Modal opened onClose={onClose} title={t('paperTitle')} size="xl" data-testid="paper-modal">
      <Stack gap="sm">
        <Text fw={600} data-testid="paper-org">
          {org ? pick(org.nameVi, org.nameEn) : organisationId}
        </Text>
        <Text size="xs" c="dimmed">
          {t('paperHint')}
        </Text>
        <Group align="flex-start">
          <TextInput
            label={t('docNumber')}
            required
            placeholder="766/BC-UBND"
            value={form.docNumber}
            onChange={(e) => setForm({ ...form, docNumber: e.currentTarget.value })}
            error={err('docNumber')}
            data-testid="paper-doc-number"
          />
          <DateField
            label={t('docDate')}
            value={form.docDate}
            onChange={(v) => setForm((f) => ({ ...f, docDate: v }))}
            badDateText={t('badDate')}
            error={err('docDate')}
            testId="paper-doc-date"
          />
          <DateField
            label={t('receivedOnLabel')}
            value={form.receivedOn}
            onChange={(v) => setForm((f) => ({ ...f, receivedOn: v }))}
            badDateText={t('badDate')}
            error={err('receivedOn')}
            testId="paper-received-on"
            w={180}
          />
        </Group>
        <Group align="flex-start" grow>
          <TextInput
            label={t('paperReportingBody')}
            placeholder="Sở Tài chính tỉnh …"
            value={form.reportingBodyVi}
            onChange={(e) => setForm({ ...form, reportingBodyVi: e.currentTarget.value })}
            error={err('reportingBodyVi')}
          />
          <FileInput
            label={t('paperScan')}
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            clearable
            value={file}
            onChange={setFile}
            error={err('file')}
            data-testid="paper-file"
          />
        </Group>
        <Textarea
          label={t('paperNote')}
          autosize
          minRows={1}
          value={form.note}
          onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
          error={err('note')}
          data-testid="paper-note"
        />
        {orgTasks.length > 0 && (
          <Card withBorder padding="xs">
            <Text size="sm" fw={600} mb={4}>
              {t('paperTasks')}
            </Text>
            <ScrollArea.Autosize mah={320}>
              <Stack gap={6}>
                {orgTasks.map((x) => (
                  <Stack key={x.taskId} gap={2}>
                    <Group align="flex-start" wrap="nowrap" data-testid={`paper-task-${x.code}`}>
                      <Text size="sm" w={260} style={{ flexShrink: 0 }}>
                        {x.code}. {pick(x.shortTitleVi, x.titleEn)}
                      </Text>
                      <Select
                        size="xs"
                        w={190}
                        placeholder={t('chooseStatus')}
                        aria-label={`${t('taskStatus')} ${x.code}`}
                        clearable
                        value={tasks[x.taskId]?.status ?? null}
                        onChange={(v) =>
                          setTasks({
                            ...tasks,
                            [x.taskId]: { text: tasks[x.taskId]?.text ?? '', status: (v as TaskStatus | null) ?? null },
                          })
                        }
                        data={STATUSES.map((s) => ({
                          value: s,
                          label: pick(TASK_STATUS_LABELS[s].vi, TASK_STATUS_LABELS[s].en),
                        }))}
                        data-testid="paper-task-status"
                      />
                      <Textarea
                        size="xs"
                        style={{ flex: 1 }}
                        autosize
                        minRows={1}
                        placeholder={t('paperNarrative')}
                        aria-label={`${t('paperNarrative')} ${x.code}`}
                        value={tasks[x.taskId]?.text ?? ''}
                        onChange={(e) =>
                          setTasks({
                            ...tasks,
                            [x.taskId]: { status: tasks[x.taskId]?.status ?? null, text: e.currentTarget.value },
                          })
                        }
                        data-testid="paper-task-text"
                      />
                    </Group>
                    {defsOf(x).length > 0 && (
                      <Group gap="xs" ml={268}>
                        {defsOf(x).map((f) => (
                          <NumberInput
                            key={f.key}
                            size="xs"
                            w={260}
                            label={`${pick(f.labelVi, f.labelEn)}${f.unitVi ? ` (${pick(f.unitVi, f.unitEn ?? '')})` : ''}`}
                            value={figures[x.taskId]?.[f.key] ?? ''}
                            decimalScale={f.decimals}
                            decimalSeparator={lang === 'vi' ? ',' : '.'}
                            thousandSeparator={lang === 'vi' ? '.' : ','}
                            onChange={(v) =>
                              setFigures({
                                ...figures,
                                [x.taskId]: { ...figures[x.taskId], [f.key]: v === '' ? null : Number(v) },
                              })
                            }
                            data-testid={`paper-figure-${x.code}-${f.key}`}
                          />
                        ))}
                      </Group>
                    )}
                  </Stack>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Card>
        )}
        {register.error && (
          <Alert color="red" p="xs" data-testid="paper-error">
            {errorText(register.error, lang)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={submit} loading={register.isPending} data-testid="paper-save">
            {t('paperSave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

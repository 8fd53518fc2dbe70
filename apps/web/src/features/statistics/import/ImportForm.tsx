import { Alert, Button, Card, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ImportError, ImportProgress, ImportResult, Me } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { useDict, useI18n } from '../../../app/i18n';
import { FileDrop } from '../../../components/FileDrop';
import { ApiError } from '../../../lib/api';
import { formatBytes, formatNumber } from '../../../lib/format';
import { useDatasets, useImport, useImportProgress, useQueueImport } from '../api';
import { STATS } from '../i18n';
import { ImportErrorsTable } from './ImportErrorsTable';
import { ImportResultView } from './ImportResultView';

const newId = () =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

interface Options {
  dataset: string | null;
  at: string;
  decimal: 'dot' | 'comma';
  note: string;
}

/**
 * Choose a file and its options, check it (a dry run in the request: every problem by row and column, nothing
 * saved), then queue the checked file for import; `onQueued` gets the job's id.
 */
export function ImportForm({ me, onQueued }: { me: Me; onQueued: (jobId: string) => void }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const check = useImport();
  const queue = useQueueImport();
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [o, setO] = useState<Options>({ dataset: null, at: '', decimal: 'dot', note: '' });
  const [progressId, setProgressId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const progress = useImportProgress(check.isPending ? progressId : null);
  const key = file ? `${file.name}|${file.size}|${file.lastModified}|${o.dataset ?? ''}|${o.at}|${o.decimal}` : null;
  const options = {
    dataset: o.dataset || undefined,
    at: o.at || undefined,
    decimal: o.decimal,
    note: o.note || undefined,
  };

  const runCheck = () => {
    if (!file) return;
    const id = newId();
    setProgressId(id);
    setResult(null);
    check.mutate(
      { file, dryRun: true, progressId: id, ...options },
      {
        onSuccess: (r) => {
          setResult(r);
          setCheckedKey(key);
        },
      },
    );
  };
  const runImport = () => {
    if (!file) return;
    queue.mutate(
      { file, ...options },
      {
        onSuccess: (job) => {
          setResult(null);
          setCheckedKey(null);
          onQueued(job.id);
        },
      },
    );
  };
  const busy = check.isPending || queue.isPending;

  return (
    <>
      <Card withBorder>
        <Stack gap="sm">
          <OptionFields me={me} value={o} onChange={setO} />
          <FileDrop
            onFile={(f) => {
              setFile(f);
              setTooLarge(null);
              setResult(null);
              check.reset();
              queue.reset();
            }}
            maxSize={50 * 1024 * 1024}
            onReject={(f) => {
              setFile(null);
              setTooLarge(`${f.name} (${formatBytes(f.size, lang)})`);
            }}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-dropzone"
            title={file ? `${file.name} (${formatBytes(file.size, lang)})` : t('dropHere')}
            hint={t('dropLimit')}
          />
          {tooLarge && (
            <Alert color="red" p="xs" data-testid="import-too-large">
              {t('tooLarge')}: {tooLarge}
            </Alert>
          )}
          <Group>
            <Button onClick={runCheck} disabled={!file || busy} data-testid="import-check">
              {t('check')}
            </Button>
            <Button
              color="green"
              onClick={runImport}
              disabled={!file || busy || checkedKey !== key || !result?.dryRun}
              data-testid="import-commit"
            >
              {t('commit')}
            </Button>
          </Group>
          {check.isPending && <CheckProgress progress={progress.data} />}
        </Stack>
      </Card>
      <RequestProblem error={check.error ?? queue.error} />
      {result && <ImportResultView result={result} />}
    </>
  );
}

/** A running check: rows read, valid and staged, and problems so far. */
function CheckProgress({ progress: p }: { progress: ImportProgress | undefined }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const share = p ? (p.phase === 'reading' ? 35 : p.phase === 'checking' ? 60 : p.phase === 'writing' ? 75 : 90) : 10;
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress value={share} animated />
      <Text size="sm">
        {t('checking')}{' '}
        {p
          ? `${formatNumber(p.rowsRead, lang)} ${t('rowsRead')}, ${formatNumber(p.rowsValid, lang)} ${t('rowsValid')}, ${formatNumber(p.rowsWritten, lang)} ${t('rowsWritten')}, ${p.errors} ${t('problems')}`
          : ''}
      </Text>
    </Stack>
  );
}

/** The dataset, the geography date, the number format and the release note. */
function OptionFields({ me, value, onChange }: { me: Me; value: Options; onChange: (o: Options) => void }) {
  const t = useDict(STATS);
  const { pick } = useI18n();
  const datasets = useDatasets();
  const isAdmin = me.role === 'admin';
  const ownCode = `uploads-${me.organisation.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const datasetOptions = useMemo(() => {
    const own = { value: '', label: `${t('ownDataset')} (${ownCode})` };
    const others = (datasets.data?.items ?? [])
      .filter((d) => isAdmin && d.code !== ownCode)
      .map((d) => ({ value: d.code, label: `${d.code} — ${pick(d.titleVi, d.titleEn)}` }));
    return [own, ...others];
  }, [datasets.data, isAdmin, ownCode, pick, t]);
  const set = (patch: Partial<Options>) => onChange({ ...value, ...patch });
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label={t('dataset')}
          data={datasetOptions}
          value={value.dataset ?? ''}
          onChange={(v) => set({ dataset: v || null })}
          allowDeselect={false}
          data-testid="import-dataset"
        />
        <Select
          label={t('geoDate')}
          value={value.at}
          onChange={(v) => set({ at: v ?? '' })}
          allowDeselect={false}
          data={[
            { value: '', label: t('geoDateAuto') },
            { value: '2025-07-01', label: t('geo34') },
            { value: '2025-06-30', label: t('geo63') },
          ]}
        />
        <Select
          label={t('decimal')}
          value={value.decimal}
          onChange={(v) => set({ decimal: v === 'comma' ? 'comma' : 'dot' })}
          allowDeselect={false}
          data={[
            { value: 'dot', label: t('decimalDot') },
            { value: 'comma', label: t('decimalComma') },
          ]}
        />
      </Group>
      <TextInput
        label={t('note')}
        value={value.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        maxLength={500}
      />
    </>
  );
}

/** A refusal of the request itself (a check that found problems, or a queueing refused), with its rows. */
function RequestProblem({ error }: { error: Error | null }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const apiError = error instanceof ApiError ? error : null;
  if (!apiError) return null;
  const problem = apiError.problem as unknown as { errors?: ImportError[]; errorCount?: number } | null;
  const rowErrors = problem?.errors ?? [];
  return (
    <Alert color="red" title={t('rejectedTitle')} data-testid="import-errors">
      <Stack gap="xs">
        <Text size="sm">{apiError.text(lang)}</Text>
        <ImportErrorsTable errors={rowErrors} errorCount={problem?.errorCount ?? rowErrors.length} />
      </Stack>
    </Alert>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ImportError, ImportResult } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatBytes, formatNumber } from '../../lib/format';
import { useMe } from '../access/api';
import { useDatasets, useImport, useImportLog, useImportProgress } from './api';
import { STATS } from './i18n';
import { FileDrop } from '../../components/FileDrop';
import { PageMessage } from '../../components/PageMessage';

const newId = () =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Uploading statistics: choose a file, check it (dry run: every problem by row and column, nothing saved), then import
 * it as a new release. Long files show rows read, valid and staged while they are processed.
 */
export function ImportPage() {
  const t = useDict(STATS);
  const { lang, pick } = useI18n();
  const me = useMe();
  const datasets = useDatasets();
  const mutation = useImport();
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [dataset, setDataset] = useState<string | null>(null);
  const [at, setAt] = useState<string>('');
  const [decimal, setDecimal] = useState<'dot' | 'comma'>('dot');
  const [note, setNote] = useState('');
  const [progressId, setProgressId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const progress = useImportProgress(mutation.isPending ? progressId : null);
  const log = useImportLog(!!me.data);

  const isAdmin = me.data?.role === 'admin';
  const allowed = isAdmin || (me.data?.role === 'reporter' && me.data.organisation.kind === 'province');
  const ownCode = me.data ? `uploads-${me.data.organisation.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
  const datasetOptions = useMemo(() => {
    const own = { value: '', label: `${t('ownDataset')} (${ownCode})` };
    const others = (datasets.data?.items ?? [])
      .filter((d) => isAdmin && d.code !== ownCode)
      .map((d) => ({ value: d.code, label: `${d.code} — ${pick(d.titleVi, d.titleEn)}` }));
    return [own, ...others];
  }, [datasets.data, isAdmin, ownCode, pick, t]);

  const key = file ? `${file.name}|${file.size}|${file.lastModified}|${dataset ?? ''}|${at}|${decimal}` : null;
  const run = (dryRun: boolean) => {
    if (!file) return;
    const id = newId();
    setProgressId(id);
    setResult(null);
    mutation.mutate(
      {
        file,
        dryRun,
        dataset: dataset || undefined,
        at: at || undefined,
        decimal,
        note: note || undefined,
        progressId: id,
      },
      {
        onSuccess: (r) => {
          setResult(r);
          if (dryRun) setCheckedKey(key);
        },
      },
    );
  };

  if (me.isLoading) return null;
  if (!me.data)
    return (
      <PageMessage title={t('importTitle')}>
        <Anchor component={Link} to="/login?next=/data/import">
          {t('signInToImport')}
        </Anchor>
      </PageMessage>
    );
  if (!allowed)
    return (
      <PageMessage title={t('importTitle')} color="orange">
        {t('notAllowed')}
      </PageMessage>
    );

  const apiError = mutation.error instanceof ApiError ? mutation.error : null;
  const rowErrors =
    (apiError?.problem as unknown as { errors?: ImportError[]; errorCount?: number } | null)?.errors ?? [];
  const errorCount = (apiError?.problem as unknown as { errorCount?: number } | null)?.errorCount ?? rowErrors.length;
  const p = progress.data;

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/data" size="sm">
        {t('back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('importTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('importHint')}
          </Text>
          {!isAdmin && (
            <Text size="sm" c="orange.8" mt={4}>
              {t('reporterScope')}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button component="a" href="/api/v1/imports/template?format=csv" variant="default" size="xs">
            {t('template')} (CSV)
          </Button>
          <Button component="a" href="/api/v1/imports/template?format=xlsx" variant="default" size="xs">
            {t('template')} (XLSX)
          </Button>
        </Group>
      </Group>

      <Card withBorder>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <Select
              label={t('dataset')}
              data={datasetOptions}
              value={dataset ?? ''}
              onChange={(v) => setDataset(v || null)}
              allowDeselect={false}
              data-testid="import-dataset"
            />
            <Select
              label={t('geoDate')}
              value={at}
              onChange={(v) => setAt(v ?? '')}
              allowDeselect={false}
              data={[
                { value: '', label: t('geoDateAuto') },
                { value: '2025-07-01', label: t('geo34') },
                { value: '2025-06-30', label: t('geo63') },
              ]}
            />
            <Select
              label={t('decimal')}
              value={decimal}
              onChange={(v) => setDecimal(v === 'comma' ? 'comma' : 'dot')}
              allowDeselect={false}
              data={[
                { value: 'dot', label: t('decimalDot') },
                { value: 'comma', label: t('decimalComma') },
              ]}
            />
          </Group>
          <TextInput label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
          <FileDrop
            onFile={(f) => {
              setFile(f);
              setTooLarge(null);
              setResult(null);
              mutation.reset();
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
            <Button onClick={() => run(true)} disabled={!file || mutation.isPending} data-testid="import-check">
              {t('check')}
            </Button>
            <Button
              color="green"
              onClick={() => run(false)}
              disabled={!file || mutation.isPending || checkedKey !== key || !result?.dryRun}
              data-testid="import-commit"
            >
              {t('commit')}
            </Button>
          </Group>
          {mutation.isPending && (
            <Stack gap={4} data-testid="import-progress">
              <Progress
                value={
                  p ? (p.phase === 'reading' ? 35 : p.phase === 'checking' ? 60 : p.phase === 'writing' ? 75 : 90) : 10
                }
                animated
              />
              <Text size="sm">
                {t('checking')}{' '}
                {p
                  ? `${formatNumber(p.rowsRead, lang)} ${t('rowsRead')}, ${formatNumber(p.rowsValid, lang)} ${t('rowsValid')}, ${formatNumber(p.rowsWritten, lang)} ${t('rowsWritten')}, ${p.errors} ${t('problems')}`
                  : ''}
              </Text>
            </Stack>
          )}
        </Stack>
      </Card>

      {apiError && (
        <Alert color="red" title={t('rejectedTitle')} data-testid="import-errors">
          <Stack gap="xs">
            <Text size="sm">{apiError.text(lang)}</Text>
            {rowErrors.length > 0 && (
              <Table fz="sm" striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('row')}</Table.Th>
                    <Table.Th w={110}>{t('column')}</Table.Th>
                    <Table.Th w={140}>{t('cellValue')}</Table.Th>
                    <Table.Th>{t('problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rowErrors.slice(0, 200).map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one file row can have several problems in one column
                    <Table.Tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error">
                      <Table.Td>{e.row || '—'}</Table.Td>
                      <Table.Td>{e.column ?? '—'}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{e.value ?? ''}</Table.Td>
                      <Table.Td>{lang === 'vi' ? e.messageVi : e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {errorCount > 200 && (
              <Text size="xs">
                … {formatNumber(errorCount - 200, lang)} {t('problems')}
              </Text>
            )}
          </Stack>
        </Alert>
      )}

      {result && (
        <Alert
          color={result.dryRun ? 'blue' : 'green'}
          title={result.dryRun ? t('checkOk') : `${t('committed')} #${result.releaseNumber}`}
          data-testid="import-result"
        >
          <Stack gap="xs">
            <Text size="sm">
              {result.dataset}: {formatNumber(result.observations, lang)} {t('observations')} —{' '}
              {formatNumber(result.added, lang)} {t('added')}, {formatNumber(result.changed, lang)} {t('changed')},{' '}
              {formatNumber(result.unchanged, lang)} {t('unchanged')}; {result.indicators.join(', ')};{' '}
              {result.periods.join(', ')}
            </Text>
            {result.warnings.map((w) => (
              <Text size="xs" c="orange.8" key={w.code}>
                {lang === 'vi' ? w.messageVi : w.message}
              </Text>
            ))}
            {result.preview.length > 0 && (
              <>
                <Text size="sm" fw={500}>
                  {t('preview')}
                </Text>
                <Table fz="xs" striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('row')}</Table.Th>
                      <Table.Th>{t('indicator')}</Table.Th>
                      <Table.Th>{t('unitName')}</Table.Th>
                      <Table.Th>{t('period')}</Table.Th>
                      <Table.Th ta="right">{t('before')}</Table.Th>
                      <Table.Th ta="right">{t('after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.preview.slice(0, 20).map((r) => (
                      <Table.Tr key={`${r.row}-${r.indicator}-${r.period}`}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.indicator}</Table.Td>
                        <Table.Td>
                          {r.unitCode} {r.unitName}
                        </Table.Td>
                        <Table.Td>{r.period}</Table.Td>
                        <Table.Td ta="right">
                          {r.before === null ? '—' : formatNumber(r.before, lang, Number.isInteger(r.before) ? 0 : 2)}
                        </Table.Td>
                        <Table.Td ta="right">
                          {formatNumber(r.value, lang, Number.isInteger(r.value) ? 0 : 2)}
                          {r.status !== 'final' && (
                            <Badge size="xs" ml={4} variant="light">
                              {t(r.status)}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Stack>
        </Alert>
      )}

      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('importLog')}
        </Text>
        <Table fz="xs" striped data-testid="import-log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('publishedAt')}</Table.Th>
              <Table.Th>{t('importedBy')}</Table.Th>
              <Table.Th>{t('dataset')}</Table.Th>
              <Table.Th>{t('file')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
              <Table.Th ta="right">{t('rowsReadH')}</Table.Th>
              <Table.Th ta="right">{t('problemsH')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(log.data?.items ?? []).slice(0, 20).map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.id}</Table.Td>
                <Table.Td>{new Date(l.at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</Table.Td>
                <Table.Td>{l.user === 'seed' ? t('seedImporter') : l.user}</Table.Td>
                <Table.Td>{l.dataset}</Table.Td>
                <Table.Td>{l.fileName}</Table.Td>
                <Table.Td>
                  <Badge
                    size="xs"
                    variant="light"
                    color={l.status === 'committed' ? 'green' : l.status === 'dry_run' ? 'blue' : 'red'}
                  >
                    {t(`import_${l.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(l.rowsRead, lang)}</Table.Td>
                <Table.Td ta="right">{l.errorCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {log.data && log.data.items.length === 0 && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="import-log-empty">
            {t('importLogEmpty')}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

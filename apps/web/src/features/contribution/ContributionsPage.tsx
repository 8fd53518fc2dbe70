import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { Contribution, ContributionSummary, ImportError } from '@regionlink/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useMe } from '../access/api';
import { useContributable, useContribute, useContribution, useContributionStep, useContributions } from './api';
import { CONTRIB } from './i18n';

const STATUS_COLOUR: Record<ContributionSummary['status'], string> = {
  draft: 'gray',
  submitted: 'orange',
  returned: 'red',
  published: 'green',
};

function StatusBadge({ s }: { s: ContributionSummary['status'] }) {
  const t = useDict(CONTRIB);
  const key = s === 'published' ? 'publishedStatus' : s;
  return <Badge color={STATUS_COLOUR[s]}>{t(key)}</Badge>;
}

/** Contributions: upload into a draft (contributors), the list, and one contribution with its review. */
export function ContributionsPage() {
  const t = useDict(CONTRIB);
  const { lang, pick } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ? Number(params.get('id')) : null;
  const signedIn = !!me.data;
  const list = useContributions(signedIn);
  if (!signedIn)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Alert>{t('signIn')}</Alert>
      </Stack>
    );
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      {id !== null ? (
        <ContributionDetail id={id} onClose={() => setParams({})} />
      ) : (
        <UploadCard onDone={(n) => setParams({ id: String(n) })} />
      )}
      <Title order={3}>{t('list')}</Title>
      {list.data && list.data.items.length === 0 && <Text>{t('none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="contributions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('dataset')}</Table.Th>
                <Table.Th>{t('organisation')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('rows')}</Table.Th>
                <Table.Th>{t('warnings')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.id}</Table.Td>
                  <Table.Td>{c.dataset.code}</Table.Td>
                  <Table.Td>{pick(c.organisation.nameVi, c.organisation.nameEn)}</Table.Td>
                  <Table.Td>
                    <StatusBadge s={c.status} />
                  </Table.Td>
                  <Table.Td>{formatNumber(c.rowsInFile, lang, 0)}</Table.Td>
                  <Table.Td>{c.warningCount > 0 ? <Badge color="yellow">{c.warningCount}</Badge> : '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setParams({ id: String(c.id) })}>
                      {t('open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function WarningList({ warnings }: { warnings: ImportError[] }) {
  const { pick } = useI18n();
  const t = useDict(CONTRIB);
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title={`${t('warnings')}: ${warnings.length}`} data-testid="warnings">
      <Stack gap={2}>
        {warnings.map((w) => (
          <Text key={`${w.row}-${w.code}-${w.value}`} size="sm">
            {w.row > 0 ? `#${w.row}: ` : ''}
            {pick(w.messageVi, w.message)}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function UploadCard({ onDone }: { onDone: (id: number) => void }) {
  const t = useDict(CONTRIB);
  const { lang, pick } = useI18n();
  const datasets = useContributable(true);
  const mutation = useContribute();
  const [dataset, setDataset] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const items = datasets.data?.items ?? [];
  if (datasets.data && items.length === 0) return <Text c="dimmed">{t('noRights')}</Text>;
  const chosen = items.find((d) => d.code === dataset);
  const run = (dryRun: boolean) => {
    if (!dataset || !file) return;
    mutation.mutate(
      { dataset, file, note, dryRun },
      { onSuccess: (r) => !dryRun && r.contribution && onDone(r.contribution.id) },
    );
  };
  const err = mutation.error instanceof ApiError ? mutation.error : null;
  const errors = (err?.problem as { errors?: ImportError[] } | null)?.errors ?? [];
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3}>{t('upload')}</Title>
        <Select
          label={t('dataset')}
          data={items.map((d) => ({ value: d.code, label: `${d.code} — ${pick(d.titleVi, d.titleEn)}` }))}
          value={dataset}
          onChange={setDataset}
          data-testid="contribute-dataset"
        />
        {chosen && (
          <Text size="sm" c="dimmed">
            {t('territory')}: {chosen.territory ?? '—'} · {t('indicators')}:{' '}
            {chosen.indicators ? chosen.indicators.join(', ') : t('anyIndicator')}
          </Text>
        )}
        <FileInput
          label={t('file')}
          accept=".csv,.xlsx"
          value={file}
          onChange={setFile}
          data-testid="contribute-file"
        />
        <Textarea
          label={t('note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button variant="default" onClick={() => run(true)} disabled={!dataset || !file} loading={mutation.isPending}>
            {t('check')}
          </Button>
          <Button onClick={() => run(false)} disabled={!dataset || !file} loading={mutation.isPending}>
            {t('saveDraft')}
          </Button>
        </Group>
        {mutation.data?.import.dryRun && (
          <Alert color="green">
            {formatNumber(mutation.data.import.rowsRead, lang, 0)} {t('rowsCount')} · +{mutation.data.import.added} / ~
            {mutation.data.import.changed}
          </Alert>
        )}
        {err && (
          <Alert color="red" title={err.text(lang)}>
            {errors.slice(0, 20).map((e) => (
              <Text key={`${e.row}-${e.column}-${e.code}`} size="sm">
                #{e.row}
                {e.column ? ` (${e.column})` : ''}: {pick(e.messageVi, e.message)}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function ContributionDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useDict(CONTRIB);
  const { lang, pick } = useI18n();
  const q = useContribution(id);
  const step = useContributionStep();
  const [confirm, setConfirm] = useState(false);
  const [reasons, setReasons] = useState('');
  const c: Contribution | undefined = q.data;
  if (!c) return q.error instanceof ApiError ? <Alert color="red">{q.error.text(lang)}</Alert> : null;
  const err = step.error instanceof ApiError ? step.error : null;
  return (
    <Card withBorder data-testid="contribution-detail">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>
            #{c.id} · {c.dataset.code} · {pick(c.organisation.nameVi, c.organisation.nameEn)}
          </Title>
          <Group>
            <StatusBadge s={c.status} />
            <Button size="xs" variant="subtle" onClick={onClose}>
              ×
            </Button>
          </Group>
        </Group>
        <Text size="sm">
          {c.createdBy} · {new Date(c.createdAt).toLocaleString('vi-VN')} · {c.fileName ?? ''} ·{' '}
          {formatNumber(c.rowsInFile, lang, 0)} {t('rowsCount')} (+{c.added}, ~{c.changed}, ={c.unchanged})
        </Text>
        {c.note && (
          <Text size="sm">
            <b>{t('contributorNote')}:</b> {c.note}
          </Text>
        )}
        {c.reviewNote && (
          <Alert color={c.status === 'returned' ? 'red' : 'blue'} title={t('reviewNote')}>
            {c.reviewNote}
          </Alert>
        )}
        {c.releaseId && (
          <Text size="sm">
            {t('published')} #{c.releaseId}
          </Text>
        )}
        <WarningList warnings={c.warnings} />
        <Title order={4}>{t('changes')}</Title>
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('indicator')}</Table.Th>
                <Table.Th>{t('unit')}</Table.Th>
                <Table.Th>{t('period')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('before')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.changes.map((x) => (
                <Table.Tr key={`${x.indicator}-${x.unitCode}-${x.geoDate}-${x.period}`}>
                  <Table.Td>{x.indicator}</Table.Td>
                  <Table.Td>
                    {x.unitCode} {x.unitName}
                  </Table.Td>
                  <Table.Td>{x.period}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {x.before === null ? '—' : formatNumber(x.before, lang, 2)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(x.value, lang, 2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {c.can.submit && (
          <Group>
            {c.warningCount > 0 && (
              <Checkbox label={t('confirm')} checked={confirm} onChange={(e) => setConfirm(e.currentTarget.checked)} />
            )}
            <Button
              disabled={c.warningCount > 0 && !confirm}
              loading={step.isPending}
              onClick={() => step.mutate({ c, step: 'submit', body: { confirmWarnings: confirm } })}
            >
              {t('submit')}
            </Button>
          </Group>
        )}
        {c.can.review && (
          <Stack gap="xs">
            <Textarea
              label={t('reasons')}
              value={reasons}
              onChange={(e) => setReasons(e.currentTarget.value)}
              autosize
            />
            <Group>
              <Button
                color="green"
                loading={step.isPending}
                onClick={() => step.mutate({ c, step: 'publish', body: {} })}
              >
                {t('publish')}
              </Button>
              <Button
                color="red"
                variant="light"
                disabled={reasons.trim().length < 3}
                loading={step.isPending}
                onClick={() => step.mutate({ c, step: 'return', body: { reasons } })}
              >
                {t('return')}
              </Button>
            </Group>
          </Stack>
        )}
        {err && <Alert color="red">{err.text(lang)}</Alert>}
      </Stack>
    </Card>
  );
}

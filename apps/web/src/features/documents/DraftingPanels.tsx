import { Accordion, Alert, Badge, Button, Card, Checkbox, Group, Stack, Switch, Text, Title } from '@mantine/core';
import type {
  DraftSentence,
  DraftTrace,
  RedraftResponse,
  ReportDraftResponse,
  ReportEditorialSection,
} from '@regionlink/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { draftKeys } from './api';
import { useSaveUnit } from './DraftParts';
import { DRAFTING_DICT } from './drafting-i18n';

/**
 * The drafter's panels on the draft page: where each drafted sentence came from (and what was left out), re-drafting
 * one task, picking and merging the themes of Parts II–III, the drafting aids switch of the exports, and the cycle's
 * own letters.
 */

const V1 = '/api/v1';

const KIND_KEY = {
  opening: 'kindOpening',
  merged: 'kindMerged',
  own: 'kindOwn',
  figures: 'kindFigures',
  theme: 'kindTheme',
  summary: 'kindSummary',
} as const;

function SentenceSources({ s }: { s: DraftSentence }) {
  const t = useDict(DRAFTING_DICT);
  return (
    <Stack gap={4}>
      {s.score && (
        <Text size="xs" c="dimmed">
          {t('score')}: {s.score}
        </Text>
      )}
      {s.sources.map((src) => (
        <Text key={`${src.organisationCode}-${src.passage.slice(0, 40)}`} size="xs" data-testid="trace-source">
          <b>{src.organisationName}</b>
          {src.documentNumber ? ` (${src.documentNumber})` : ''}: <i>“{src.passage}”</i>
        </Text>
      ))}
    </Stack>
  );
}

/** The sentences the drafter wrote for a task or a section, each with the passages it came from. */
export function DraftTracePanel({ trace, testId }: { trace: DraftTrace | undefined; testId: string }) {
  const t = useDict(DRAFTING_DICT);
  const { pick } = useI18n();
  if (!trace || trace.sentences.length === 0) return null;
  return (
    <Card withBorder padding="xs" data-testid={testId}>
      <Text size="sm" fw={600}>
        {t('drafted')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('draftedHint')}
      </Text>
      <Accordion variant="contained" chevronPosition="left" multiple>
        {trace.sentences.map((s) => (
          <Accordion.Item key={s.text} value={s.text}>
            <Accordion.Control data-testid="trace-sentence">
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t(KIND_KEY[s.kind])} · {s.sources.length}
                </Badge>
                {/* the drafted sentence as the report states it, in Vietnamese */}
                <Text size="xs" lineClamp={3} lang="vi">
                  {s.text}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <SentenceSources s={s} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {trace.leftOut.length > 0 && (
        <Stack gap={2} mt={6} data-testid="trace-left-out">
          <Text size="xs" fw={600}>
            {t('leftOut')}
          </Text>
          {trace.leftOut.map((l) => (
            <Text key={l.organisationCode} size="xs">
              {l.organisationName}: {pick(l.reasonVi, l.reasonEn)}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** Re-draft one task from the reports accepted now, keeping what staff edited (If-Match). */
export function RedraftButton({ d, code }: { d: ReportDraftResponse; code: string }) {
  const t = useDict(DRAFTING_DICT);
  const { lang } = useI18n();
  const qc = useQueryClient();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const redraft = useMutation({
    mutationFn: () =>
      apiFetch<RedraftResponse>(`${V1}/cycles/${d.cycleId}/report/draft/tasks/${encodeURIComponent(code)}/redraft`, {
        method: 'POST',
        json: {},
        headers: { 'if-match': `"report-draft-${d.cycleId}-v${d.version}"` },
      }),
    onSuccess: (out) => {
      qc.setQueryData(draftKeys.draft(d.cycleId), out.draft);
      qc.invalidateQueries({ queryKey: draftKeys.history(d.cycleId) });
      const r = out.result;
      const added = r.organisationsAdded.length ? ` ${t('newOrganisations')}: ${r.organisationsAdded.join(', ')}.` : '';
      const text = r.kept.length ? t('redraftKept') : r.updated.length ? t('redraftUpdated') : t('redraftNothing');
      setNote({ ok: true, text: `${text}${added}` });
    },
    onError: (e) => setNote({ ok: false, text: e instanceof ApiError ? e.text(lang) : String(e) }),
  });
  if (!d.permissions.edit) return null;
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant="light"
        loading={redraft.isPending}
        onClick={() => redraft.mutate()}
        title={t('redraftHint')}
        data-testid="redraft-task"
      >
        {t('redraft')}
      </Button>
      {note && (
        <Text size="xs" c={note.ok ? 'teal.8' : 'red'} role="status" data-testid="redraft-result">
          {note.text}
        </Text>
      )}
    </Stack>
  );
}

/** The themes of a Part II–III section: pick the ones to keep, or merge several into one paragraph. */
export function ThemesPanel({
  d,
  section,
  unit,
}: {
  d: ReportDraftResponse;
  section: ReportEditorialSection;
  unit: string;
}) {
  const t = useDict(DRAFTING_DICT);
  const save = useSaveUnit(d);
  const [picked, setPicked] = useState<string[]>([]);
  const themes = section.themes ?? [];
  if (themes.length === 0) return null;
  const editable = d.permissions.edit;
  const names = new Map(
    d.model.report.partOne.sections
      .flatMap((s) => s.items.flatMap((i) => i.tasks.flatMap((x) => x.narratives)))
      .map((n) => [n.organisationCode, n.organisationName]),
  );
  const ordered = themes.filter((x) => picked.includes(x.id)).map((x) => x.id);
  return (
    <Card withBorder padding="xs" mt={6} data-testid={`themes-${unit}`}>
      <Text size="sm" fw={600}>
        {t('themes')} ({themes.length})
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('themesHint')}
      </Text>
      <Stack gap={4}>
        {themes.map((th) => (
          <Group key={th.id} gap={6} wrap="nowrap" align="flex-start" data-testid="theme">
            {editable && (
              <Checkbox
                size="xs"
                mt={2}
                checked={picked.includes(th.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setPicked((p) => (on ? [...p, th.id] : p.filter((x) => x !== th.id)));
                }}
                aria-label={th.label}
              />
            )}
            <div style={{ minWidth: 0 }}>
              <Text size="xs">
                <Badge size="xs" variant="light" radius="sm" tt="none" mr={4}>
                  {th.organisations.length} {t('orgsCount')}
                </Badge>
                {th.sentence.text}
              </Text>
              <Text size="xs" c="dimmed">
                {th.organisations.map((o) => names.get(o) ?? o).join(', ')}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
      {editable && (
        <Group gap="xs" mt={6}>
          <Button
            size="xs"
            variant="light"
            disabled={ordered.length === 0}
            onClick={() => save.save([{ kind: 'themes', unit, groups: ordered.map((id) => [id]) }])}
            data-testid="themes-keep"
          >
            {t('keepSelected')}
          </Button>
          <Button
            size="xs"
            variant="light"
            disabled={ordered.length < 2}
            onClick={() => save.save([{ kind: 'themes', unit, groups: [ordered] }])}
            data-testid="themes-merge"
          >
            {t('mergeSelected')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('themesReplaceNote')}
          </Text>
        </Group>
      )}
      {save.error && (
        <Text size="xs" c="red">
          {save.error}
        </Text>
      )}
    </Card>
  );
}

/** The drafting aids switch of the exports: status lines and the status table and chart. */
export function AidsSwitches({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFTING_DICT);
  const save = useSaveUnit(d);
  const editable = d.permissions.edit;
  return (
    <Card withBorder data-testid="drafting-aids">
      <Title order={5}>{t('aids')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('aidsHint')}
      </Text>
      <Stack gap={6}>
        <Switch
          size="sm"
          label={t('aidsStatus')}
          checked={d.model.aids.statusLines}
          disabled={!editable}
          onChange={(e) => save.save([{ kind: 'aids', statusLines: e.currentTarget.checked }])}
          data-testid="aids-status"
        />
        <Switch
          size="sm"
          label={t('aidsCoverage')}
          checked={d.model.aids.coverage}
          disabled={!editable}
          onChange={(e) => save.save([{ kind: 'aids', coverage: e.currentTarget.checked }])}
          data-testid="aids-coverage"
        />
      </Stack>
      {save.error && (
        <Alert color="red" mt="xs">
          {save.error}
        </Alert>
      )}
    </Card>
  );
}

/** The cycle's own letters (administrators): the request letter, and the reminder once the deadline has passed. */
export function CycleLetters({
  d,
  FileButton,
}: {
  d: ReportDraftResponse;
  FileButton: (p: { url: string; label: string; name: string; testId: string }) => React.ReactNode;
}) {
  const t = useDict(DRAFTING_DICT);
  if (!d.permissions.exportZip) return null;
  const rows = [
    { key: 'request', label: t('requestLetter') },
    { key: 'reminder', label: t('reminderLetter') },
  ];
  return (
    <Card withBorder data-testid="cycle-letters">
      <Title order={5} mb="xs">
        {t('letters')}
      </Title>
      <Stack gap="xs">
        {rows.map((r) => (
          <Group key={r.key} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" style={{ flex: 1, minWidth: 200 }}>
              {r.label}
            </Text>
            <Group gap="xs" wrap="nowrap">
              {(['docx', 'pdf'] as const).map((ext) => (
                <FileButton
                  key={ext}
                  url={`${V1}/cycles/${d.cycleId}/letters/${r.key}.${ext}`}
                  label={ext.toUpperCase()}
                  name={`${r.key}.${ext}`}
                  testId={`letter-${r.key}.${ext}`}
                />
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

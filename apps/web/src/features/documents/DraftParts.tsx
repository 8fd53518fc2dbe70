import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  type DraftEditInput,
  REPORT_TASK_STATUS_LABELS,
  type ReportBlock,
  type ReportDraftResponse,
  type ReportModel,
  ReportTaskStatus,
} from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { draftKeys, useEditDraft } from './api';
import { BlocksEditor } from './BlocksEditor';
import { DraftTracePanel, RedraftButton, ThemesPanel } from './DraftingPanels';
import { DRAFT_DICT } from './i18n';
import { blocksPlain, unitBlocks } from './model';
import { StatisticsTablePicker } from './StatisticsTablePicker';

/**
 * The editable pieces of a draft: one rich-text unit with its own save (and what happens on a concurrent save), the
 * editorial sections of the letter and Parts II–III, the letter's settings, and one task of Part I.
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Save edits with the version the user started from. On 412 (someone saved first) the user's text stays on screen;
 * if the other save did not touch this part it is saved again on the new version, otherwise the user chooses.
 */
export function useSaveUnit(d: ReportDraftResponse) {
  const edit = useEditDraft(d.cycleId);
  const qc = useQueryClient();
  const { lang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<null | { latest: ReportDraftResponse; edits: DraftEditInput[] }>(null);
  const save = async (edits: DraftEditInput[], opts: { unit?: string; start?: unknown } = {}) => {
    setError(null);
    setConflict(null);
    try {
      await edit.mutateAsync({ version: d.version, edits });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const latest = await qc.fetchQuery({
          queryKey: draftKeys.draft(d.cycleId),
          queryFn: () => apiFetch<ReportDraftResponse>(`/api/v1/cycles/${d.cycleId}/report/draft`),
          staleTime: 0,
        });
        const untouched = opts.unit !== undefined && same(unitBlocks(latest.model, opts.unit), opts.start);
        if (untouched) {
          try {
            await edit.mutateAsync({ version: latest.version, edits });
            return true;
          } catch (e2) {
            setError(e2 instanceof ApiError ? e2.text(lang) : String(e2));
            return false;
          }
        }
        setConflict({ latest, edits });
        return false;
      }
      setError(e instanceof ApiError ? e.text(lang) : String(e));
      return false;
    }
  };
  const overwrite = async () => {
    if (!conflict) return false;
    setConflict(null);
    try {
      await edit.mutateAsync({ version: conflict.latest.version, edits: conflict.edits });
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
      return false;
    }
  };
  return { save, overwrite, dropConflict: () => setConflict(null), conflict, error, saving: edit.isPending };
}

/** One rich-text unit: editor, dirty marker, Save, and the offer of newer submission text when there is one. */
export function UnitEditor({
  d,
  unit,
  title,
  hint,
  minHeight,
}: {
  d: ReportDraftResponse;
  unit: string;
  title?: string;
  hint?: string;
  minHeight?: number;
}) {
  const t = useDict(DRAFT_DICT);
  const { pick } = useI18n();
  const stored = unitBlocks(d.model, unit) ?? [];
  const [start, setStart] = useState<ReportBlock[]>(stored);
  const [local, setLocal] = useState<ReportBlock[]>(stored);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const dirty = !same(local, start);
  const s = useSaveUnit(d);
  // Another save (a sync, an accepted offer) changed this unit while it was not being edited: show it.
  useEffect(() => {
    if (!dirty && !same(stored, start)) {
      setStart(stored);
      setLocal(stored);
      setResetKey((k) => k + 1);
    }
  }, [stored, start, dirty]);
  const state = d.units.find((u) => u.key === unit);
  const offer = d.pending.find((p) => p.unit === unit);
  const editable = d.permissions.edit;
  const onSave = async () => {
    if (await s.save([{ kind: 'blocks', unit, blocks: local }], { unit, start })) setStart(local);
  };
  const reload = (blocks: ReportBlock[]) => {
    setStart(blocks);
    setLocal(blocks);
    setResetKey((k) => k + 1);
  };
  return (
    <Stack gap={4} className="rl-unit" data-dirty={dirty} data-testid={`unit-${unit}`}>
      {(title || state) && (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          {title ? (
            <Text fw={600} size="sm">
              {title}
            </Text>
          ) : (
            <span />
          )}
          <Group gap={6} wrap="nowrap">
            {state?.edited && (
              <Tooltip
                label={
                  state.updatedBy
                    ? `${state.updatedBy} · ${new Date(state.updatedAt ?? '').toLocaleString('vi-VN')}`
                    : t('editedHint')
                }
              >
                <Badge size="xs" variant="light" color="grape" radius="sm">
                  {t('edited')}
                </Badge>
              </Tooltip>
            )}
            {!state?.edited && (
              <Badge size="xs" variant="light" color="gray" radius="sm">
                {t('fromSubmissions')}
              </Badge>
            )}
            {dirty && (
              <Badge size="xs" color="orange" radius="sm">
                {t('unsaved')}
              </Badge>
            )}
          </Group>
        </Group>
      )}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {offer && (
        <Alert color="yellow" p="xs" title={t('offerTitle')} data-testid={`offer-${unit}`}>
          <Text size="xs" mb={4}>
            {t('offerText')}
          </Text>
          <Text size="xs" className="rl-doc-preview" lineClamp={6} c="dimmed" lang="vi">
            {blocksPlain(offer.seed as ReportBlock[], d.fields)}
          </Text>
          {editable && (
            <Group gap="xs" mt={6}>
              <Button size="compact-xs" onClick={() => s.save([{ kind: 'acceptSeed', unit }])} disabled={dirty}>
                {t('offerAccept')}
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => s.save([{ kind: 'dismissSeed', unit }])}>
                {t('offerDismiss')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      <BlocksEditor
        value={local}
        resetKey={`${unit}:${resetKey}`}
        editable={editable}
        onChange={(v) => {
          if ('error' in v) setInvalid(v.error);
          else {
            setInvalid(null);
            setLocal(v);
          }
        }}
        fields={d.fields}
        references={d.references}
        testId={`editor-${unit}`}
        minHeight={minHeight}
        label={title}
      />
      {invalid && (
        <Text size="xs" c="red" role="alert">
          {invalid}
        </Text>
      )}
      {editable && (
        <Group gap="xs">
          <Button
            size="xs"
            onClick={onSave}
            disabled={!dirty || !!invalid}
            loading={s.saving}
            data-testid={`save-${unit}`}
          >
            {t('save')}
          </Button>
          {dirty && (
            <Button size="xs" variant="subtle" color="gray" onClick={() => reload(start)}>
              {t('discard')}
            </Button>
          )}
          {s.error && (
            <Text size="xs" c="red" role="alert">
              {s.error}
            </Text>
          )}
        </Group>
      )}
      {s.conflict && (
        <Alert color="orange" role="alert" title={t('conflictTitle')} data-testid={`conflict-${unit}`}>
          <Text size="sm">{t('conflictText')}</Text>
          <Text size="xs" c="dimmed" className="rl-doc-preview" lineClamp={5} mt={4}>
            {pick('Bản đang lưu: ', 'Saved version: ')}
            <span lang="vi">{blocksPlain(unitBlocks(s.conflict.latest.model, unit) ?? [], d.fields)}</span>
          </Text>
          <Group gap="xs" mt="xs">
            <Button
              size="xs"
              color="orange"
              onClick={async () => {
                if (await s.overwrite()) setStart(local);
              }}
            >
              {t('conflictMine')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                reload(unitBlocks(s.conflict?.latest.model as ReportModel, unit) ?? []);
                s.dropConflict();
              }}
            >
              {t('conflictTheirs')}
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

type EditablePart = 'letter' | 'partTwo' | 'partThree';

const sectionUnit = (part: EditablePart, key: string) =>
  part === 'letter' ? `letter.sections.${key}` : `report.${part}.sections.${key}`;

/** A numbered section staff write (letter points, Parts II and III): title, text, move, remove. */
function SectionCard({
  d,
  part,
  index,
  prefix,
}: {
  d: ReportDraftResponse;
  part: EditablePart;
  index: number;
  prefix: string;
}) {
  const t = useDict(DRAFT_DICT);
  const list = part === 'letter' ? d.model.letter.sections : d.model.report[part].sections;
  const s = list[index];
  const unit = sectionUnit(part, s.key);
  const [title, setTitle] = useState(s.title);
  useEffect(() => setTitle(s.title), [s.title]);
  const save = useSaveUnit(d);
  const editable = d.permissions.edit;
  return (
    <Card withBorder padding="sm" data-testid={`section-${unit}`}>
      <Group gap="xs" align="flex-end" wrap="nowrap" mb={6}>
        <Text fw={700} size="sm" w={40}>
          {prefix}
        </Text>
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          readOnly={!editable}
          aria-label={t('sectionTitle')}
          rightSection={
            editable && title !== s.title ? (
              <ActionIcon
                size="sm"
                onClick={() => save.save([{ kind: 'sectionTitle', unit, title }])}
                aria-label={t('save')}
              >
                ✓
              </ActionIcon>
            ) : null
          }
        />
        {!s.required && (
          <Badge size="xs" variant="outline" color="gray" radius="sm">
            {t('optional')}
          </Badge>
        )}
        {editable && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === 0}
              onClick={() => save.save([{ kind: 'moveSection', unit, direction: 'up' }])}
              aria-label={t('moveUp')}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === list.length - 1}
              onClick={() => save.save([{ kind: 'moveSection', unit, direction: 'down' }])}
              aria-label={t('moveDown')}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              onClick={() => {
                if (window.confirm(t('removeConfirm'))) save.save([{ kind: 'removeSection', unit }]);
              }}
              aria-label={t('removeSection')}
            >
              ×
            </ActionIcon>
          </Group>
        )}
      </Group>
      {save.error && (
        <Text size="xs" c="red" role="alert">
          {save.error}
        </Text>
      )}
      <UnitEditor d={d} unit={unit} minHeight={80} />
      {part !== 'letter' && <ThemesPanel d={d} section={s} unit={unit} />}
      {part === 'letter' && <DraftTracePanel trace={s.drafting} testId={`trace-${unit}`} />}
    </Card>
  );
}

/** The sections of one editorial part, with "add a section". */
export function EditorialSections({
  d,
  part,
  numberPrefix,
}: {
  d: ReportDraftResponse;
  part: EditablePart;
  numberPrefix: string;
}) {
  const t = useDict(DRAFT_DICT);
  const list = part === 'letter' ? d.model.letter.sections : d.model.report[part].sections;
  const [title, setTitle] = useState('');
  const save = useSaveUnit(d);
  // Printed numbers skip an optional section left empty, as the documents do.
  let n = 0;
  const prefixes = list.map((s) => {
    const empty = blocksPlain(s.blocks, d.fields).trim() === '';
    return !s.required && empty ? '—' : `${numberPrefix}${++n}.`;
  });
  return (
    <Stack gap="sm">
      {list.map((s, i) => (
        <SectionCard key={s.key} d={d} part={part} index={i} prefix={prefixes[i]} />
      ))}
      {d.permissions.edit && (
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label={t('newSection')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            w={420}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!title.trim()}
            onClick={async () => {
              if (await save.save([{ kind: 'addSection', part, title: title.trim(), required: true }])) setTitle('');
            }}
          >
            {t('addSection')}
          </Button>
          {save.error && (
            <Text size="xs" c="red">
              {save.error}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** The letter's settings: number and day from the records office, subject, recipients, Nơi nhận, signer. */
export function SettingsForm({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const s = d.model.settings;
  const initial = () => ({
    number: s.number ?? '',
    day: s.day,
    month: s.month,
    symbol: s.symbol,
    subject: s.subject,
    reportTitle: s.reportTitle,
    recipients: s.recipients.join('\n'),
    copyTo: s.copyTo.join('\n'),
    authority: s.signer.authority ?? '',
    signerTitle: s.signer.title,
    signerName: s.signer.name,
  });
  const [f, setF] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the form when the saved draft changes
  useEffect(() => setF(initial()), [d.version]);
  const save = useSaveUnit(d);
  const editable = d.permissions.edit;
  const lines = (x: string) =>
    x
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const set = (k: keyof ReturnType<typeof initial>) => (v: string | number | null) => setF((p) => ({ ...p, [k]: v }));
  return (
    <Card withBorder padding="sm" data-testid="letter-settings">
      <Title order={5} mb={6}>
        {t('settings')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="xs">
        <TextInput
          size="xs"
          lang="vi"
          label={t('number')}
          description={t('numberHint')}
          value={f.number}
          onChange={(e) => set('number')(e.currentTarget.value.replace(/\D/g, ''))}
          readOnly={!editable}
          data-testid="settings-number"
        />
        <TextInput
          size="xs"
          lang="vi"
          label={t('symbol')}
          value={f.symbol}
          onChange={(e) => set('symbol')(e.currentTarget.value)}
          readOnly={!editable}
        />
        <NumberInput
          size="xs"
          label={t('day')}
          min={1}
          max={31}
          value={f.day ?? ''}
          onChange={(v) => set('day')(v === '' ? null : Number(v))}
          readOnly={!editable}
          data-testid="settings-day"
        />
        <NumberInput
          size="xs"
          label={t('month')}
          min={1}
          max={12}
          value={f.month ?? ''}
          onChange={(v) => set('month')(v === '' ? null : Number(v))}
          readOnly={!editable}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t('dateLine')}:{' '}
        <span lang="vi">
          {s.place}, ngày {f.day ?? '…'} tháng {f.month ?? '…'} năm {s.year}
        </span>
      </Text>
      <Textarea
        size="xs"
        lang="vi"
        mt="xs"
        label={t('subject')}
        autosize
        minRows={1}
        value={f.subject}
        onChange={(e) => set('subject')(e.currentTarget.value)}
        readOnly={!editable}
      />
      <Textarea
        size="xs"
        lang="vi"
        mt="xs"
        label={t('reportTitle')}
        autosize
        minRows={1}
        value={f.reportTitle}
        onChange={(e) => set('reportTitle')(e.currentTarget.value)}
        readOnly={!editable}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" mt="xs">
        <Textarea
          size="xs"
          lang="vi"
          label={t('recipients')}
          description={t('oneALine')}
          autosize
          minRows={2}
          value={f.recipients}
          onChange={(e) => set('recipients')(e.currentTarget.value)}
          readOnly={!editable}
        />
        <Textarea
          size="xs"
          lang="vi"
          label={t('copyTo')}
          description={t('oneALine')}
          autosize
          minRows={2}
          value={f.copyTo}
          onChange={(e) => set('copyTo')(e.currentTarget.value)}
          readOnly={!editable}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs" mt="xs">
        <TextInput
          size="xs"
          lang="vi"
          label={t('authority')}
          value={f.authority}
          onChange={(e) => set('authority')(e.currentTarget.value)}
          readOnly={!editable}
        />
        <TextInput
          size="xs"
          lang="vi"
          label={t('signerTitle')}
          value={f.signerTitle}
          onChange={(e) => set('signerTitle')(e.currentTarget.value)}
          readOnly={!editable}
        />
        <TextInput
          size="xs"
          lang="vi"
          label={t('signerName')}
          value={f.signerName}
          onChange={(e) => set('signerName')(e.currentTarget.value)}
          readOnly={!editable}
        />
      </SimpleGrid>
      {editable && (
        <Group mt="xs" gap="xs">
          <Button
            size="xs"
            loading={save.saving}
            data-testid="settings-save"
            onClick={() =>
              save.save([
                {
                  kind: 'settings',
                  settings: {
                    number: f.number === '' ? null : f.number,
                    day: f.day,
                    month: f.month,
                    symbol: f.symbol,
                    subject: f.subject,
                    reportTitle: f.reportTitle,
                    recipients: lines(f.recipients),
                    copyTo: lines(f.copyTo),
                    signer: { authority: f.authority.trim() || null, title: f.signerTitle, name: f.signerName },
                  },
                },
              ])
            }
          >
            {t('saveSettings')}
          </Button>
          {save.error && (
            <Text size="xs" c="red" role="alert">
              {save.error}
            </Text>
          )}
          {save.conflict && (
            <Text size="xs" c="orange" role="alert">
              {t('conflictText')}{' '}
              <Button size="compact-xs" variant="subtle" onClick={() => save.overwrite()}>
                {t('conflictMine')}
              </Button>
            </Text>
          )}
        </Group>
      )}
    </Card>
  );
}

const STATUS_COLOUR: Record<string, string> = {
  done: 'green',
  in_progress: 'blue',
  recurring: 'cyan',
  not_started: 'orange',
  not_applicable: 'gray',
  unclear: 'yellow',
  not_reported: 'gray',
  none: 'gray',
};

export function StatusBadge({ status }: { status: string | null }) {
  const { pick } = useI18n();
  const t = useDict(DRAFT_DICT);
  const l = status ? REPORT_TASK_STATUS_LABELS[status as keyof typeof REPORT_TASK_STATUS_LABELS] : null;
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOUR[status ?? 'none']} radius="sm" tt="none">
      {l ? pick(l.vi, l.en) : t('notAssessed')}
    </Badge>
  );
}

/** One task of Part I: its heading, consolidated status, MoF's synthesis, and the organisations' narratives. */
export function TaskPanel({ d, code }: { d: ReportDraftResponse; code: string }) {
  const t = useDict(DRAFT_DICT);
  const { pick } = useI18n();
  const save = useSaveUnit(d);
  const item = d.model.report.partOne.sections
    .flatMap((s) => s.items)
    .find((i) => i.tasks.some((x) => x.code === code));
  const task = item?.tasks.find((x) => x.code === code);
  if (!item || !task) return null;
  const editable = d.permissions.edit;
  const shown = task.narratives.filter((n) => n.include).length;
  return (
    <Stack gap="sm" data-testid={`task-${code}`}>
      <div>
        <Text size="xs" c="dimmed">
          {code}
        </Text>
        <Title order={5}>{item.heading}</Title>
        {task.subheading && (
          <Text size="sm" fs="italic">
            {task.subheading}
          </Text>
        )}
      </div>
      <Group gap="xs" align="flex-end">
        <Select
          size="xs"
          label={t('consolidatedStatus')}
          w={260}
          data={[
            { value: '', label: t('notAssessed') },
            ...ReportTaskStatus.options.map((s) => ({
              value: s,
              label: pick(REPORT_TASK_STATUS_LABELS[s].vi, REPORT_TASK_STATUS_LABELS[s].en),
            })),
          ]}
          value={task.status ?? ''}
          readOnly={!editable}
          allowDeselect={false}
          onChange={(v) => save.save([{ kind: 'taskStatus', code, status: v ? (v as ReportTaskStatus) : null }])}
          data-testid="task-status"
        />
        <Text size="xs" c="dimmed" maw={520}>
          {t('statusLineHint').replace('{n}', String(task.narratives.length)).replace('{shown}', String(shown))}
        </Text>
        {save.error && (
          <Text size="xs" c="red">
            {save.error}
          </Text>
        )}
      </Group>
      <UnitEditor
        d={d}
        unit={`report.tasks.${code}.synthesis`}
        title={t('synthesis')}
        hint={t('synthesisHint')}
        minHeight={120}
      />
      <RedraftButton d={d} code={code} />
      <DraftTracePanel trace={task.drafting} testId={`trace-${code}`} />
      <Title order={6} mt="xs">
        {t('narratives')} ({task.narratives.length})
      </Title>
      {task.narratives.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noNarratives')}
        </Text>
      )}
      {task.narratives.map((n) => (
        <Card key={n.organisationCode} withBorder padding="xs" data-testid={`narrative-${n.organisationCode}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text size="sm" fw={600}>
                {n.organisationName}
              </Text>
              <Text size="xs" c="dimmed">
                {n.documentNumber ? `${t('docNo')} ${n.documentNumber}` : t('noDoc')}
                {n.documentDate ? ` · ${n.documentDate.split('-').reverse().join('/')}` : ''}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <StatusBadge status={n.status} />
              <Switch
                size="xs"
                label={t('printIt')}
                checked={n.include}
                disabled={!editable}
                onChange={(e) =>
                  save.save([
                    {
                      kind: 'narrativeInclude',
                      code,
                      organisationCode: n.organisationCode,
                      include: e.currentTarget.checked,
                    },
                  ])
                }
              />
            </Group>
          </Group>
          <Text size="xs" mt={4} className="rl-doc-preview" lineClamp={8} lang="vi">
            {blocksPlain(n.blocks, d.fields) || '—'}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/**
 * Tables staff insert (indicators, figures from other sources): title, columns, rows and the source line every figure
 * needs. Rows are typed one per line with cells separated by "|". A table is placed in the text with "Bảng, hình".
 */
export function StaffTables({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const save = useSaveUnit(d);
  const empty = { id: '', title: '', columns: '', rows: '', source: '' };
  const [f, setF] = useState(empty);
  const editable = d.permissions.edit;
  const cells = (line: string) => line.split('|').map((c) => c.trim());
  const columns = f.columns.trim() ? cells(f.columns) : [];
  const rows = f.rows
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(cells);
  const bad = rows.findIndex((r) => r.length !== columns.length);
  const submit = async () => {
    const id = f.id || `bang-${Date.now().toString(36)}`;
    const ok = await save.save([
      {
        kind: 'table',
        table: {
          id,
          title: f.title.trim(),
          source: f.source.trim(),
          columns: columns.map((label, i) => ({ label, align: i === 0 ? 'left' : 'right' })),
          rows,
        },
      },
    ]);
    if (ok) setF(empty);
  };
  return (
    <Card withBorder padding="sm" data-testid="staff-tables">
      <Title order={5}>{t('staffTables')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('staffTablesNote')}
      </Text>
      {d.model.tables.map((tb) => (
        <Group
          key={tb.id}
          justify="space-between"
          wrap="nowrap"
          py={4}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        >
          <div>
            <Text size="sm" fw={600}>
              {tb.title}
            </Text>
            <Text size="xs" c="dimmed">
              {tb.columns.length} × {tb.rows.length} · {tb.source}
            </Text>
          </div>
          {editable && (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  setF({
                    id: tb.id,
                    title: tb.title,
                    columns: tb.columns.map((c) => c.label).join(' | '),
                    rows: tb.rows.map((r) => r.join(' | ')).join('\n'),
                    source: tb.source,
                  })
                }
              >
                {t('edit')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => save.save([{ kind: 'removeTable', id: tb.id }])}
              >
                {t('remove')}
              </Button>
            </Group>
          )}
        </Group>
      ))}
      {editable && <StatisticsTablePicker d={d} />}
      {editable && (
        <Stack gap={6} mt="xs">
          <TextInput
            size="xs"
            label={t('tableTitle')}
            value={f.title}
            onChange={(e) => setF({ ...f, title: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label={t('tableColumns')}
            description={t('tableColumnsHint')}
            value={f.columns}
            onChange={(e) => setF({ ...f, columns: e.currentTarget.value })}
          />
          <Textarea
            size="xs"
            label={t('tableRows')}
            description={t('tableRowsHint')}
            autosize
            minRows={3}
            value={f.rows}
            onChange={(e) => setF({ ...f, rows: e.currentTarget.value })}
            error={
              bad >= 0
                ? t('tableRowBad')
                    .replace('{n}', String(bad + 1))
                    .replace('{c}', String(columns.length))
                : null
            }
          />
          <TextInput
            size="xs"
            label={t('tableSource')}
            description={t('tableSourceHint')}
            value={f.source}
            onChange={(e) => setF({ ...f, source: e.currentTarget.value })}
          />
          <Group gap="xs">
            <Button
              size="xs"
              onClick={submit}
              loading={save.saving}
              disabled={!f.title.trim() || !f.source.trim() || columns.length === 0 || bad >= 0}
            >
              {f.id ? t('tableUpdate') : t('tableAdd')}
            </Button>
            {f.id && (
              <Button size="xs" variant="subtle" color="gray" onClick={() => setF(empty)}>
                {t('cancel')}
              </Button>
            )}
            {save.error && (
              <Text size="xs" c="red" role="alert">
                {save.error}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </Card>
  );
}

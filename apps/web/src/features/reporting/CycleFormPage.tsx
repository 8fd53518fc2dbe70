import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type CycleInput, DEFAULT_SECTIONS, type FigureDef } from '@regionlink/shared';
import type { Dispatch, SetStateAction } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useMe } from '../access/api';
import { useCycle, useDocument, useDocuments, useOrganisations, useSaveCycle } from './api';
import { DateField } from './components/DateField';
import { FigureDefsEditor, type FigureErrors, validateFigures } from './components/FigureDefsEditor';
import { DICT } from './i18n';
import { errorText } from './util';

/** What others than MoF see at the form's address: why they cannot use it, and sign-in if they are not signed in. */
function AdminOnly({ editId, signedIn }: { editId?: number; signedIn: boolean }) {
  const t = useDict(DICT);
  const { t: ta } = useI18n();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {editId ? t('formTitleEdit') : t('formTitleNew')}
      </Title>
      <Alert color="blue">
        {t('formAdminOnly')}{' '}
        {!signedIn && (
          <Anchor component={Link} to={`/login?next=/reporting/cycles/${editId ? `${editId}/edit` : 'new'}`}>
            {ta('login')}
          </Anchor>
        )}
      </Alert>
    </Stack>
  );
}

type Cycle = NonNullable<ReturnType<typeof useCycle>['data']>;
type Task = NonNullable<ReturnType<typeof useDocument>['data']>['tasks'][number];
type Org = NonNullable<ReturnType<typeof useOrganisations>['data']>['items'][number];
type FieldError = (path: string) => string | undefined;

const EMPTY_FORM = {
  year: new Date().getFullYear(),
  nameVi: '',
  nameEn: '',
  requestNumber: '',
  requestDate: null as string | null,
  deadline: null as string | null,
  cutoff: null as string | null,
  noteVi: '',
};
type CycleFields = typeof EMPTY_FORM;
type SetFields = Dispatch<SetStateAction<CycleFields>>;

/** The set with `id` added if it was missing, removed if it was there. */
function toggled(set: Set<number>, id: number) {
  const n = new Set(set);
  if (n.has(id)) n.delete(id);
  else n.add(id);
  return n;
}

/**
 * The form's state: its fields, the expected organisations, the outline's tasks and their figures. An edited cycle
 * fills it once loaded; a new cycle starts with every task of the document.
 */
function useCycleFormState(editId: number | undefined, existing: Cycle | undefined, tasks: Task[] | undefined) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [orgIds, setOrgIds] = useState<Set<number>>(new Set());
  const [taskIds, setTaskIds] = useState<Set<number>>(new Set());
  const [figures, setFigures] = useState<Record<number, FigureDef[]>>({});
  const [figureErrors, setFigureErrors] = useState<FigureErrors>({});
  useEffect(() => {
    const c = existing;
    if (!editId || !c) return;
    setForm({
      year: c.year,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      requestNumber: c.requestNumber ?? '',
      requestDate: c.requestDate,
      deadline: c.deadline,
      cutoff: c.cutoff,
      noteVi: c.noteVi ?? '',
    });
    setOrgIds(new Set(c.expected.map((e) => e.organisationId)));
    setTaskIds(new Set(c.tasks.map((x) => x.taskId)));
    setFigures(Object.fromEntries(c.tasks.map((x) => [x.taskId, x.figures])));
  }, [editId, existing]);
  useEffect(() => {
    if (editId || !tasks || taskIds.size) return;
    setTaskIds(new Set(tasks.map((x) => x.id)));
  }, [editId, tasks, taskIds.size]);
  return { form, setForm, orgIds, setOrgIds, taskIds, setTaskIds, figures, setFigures, figureErrors, setFigureErrors };
}

/** The server names figure fields by their place in the request (body.tasks.3.figures.0.key): map them back. */
function figureErrorsOf(e: unknown, outline: Task[]): FigureErrors | null {
  if (!(e instanceof ApiError)) return null;
  const mapped: FigureErrors = {};
  for (const fe of e.problem?.errors ?? []) {
    const m = /^body\.tasks\.(\d+)\.figures\.(\d+)\.(\w+)/.exec(fe.path);
    const task = m ? outline[Number(m[1])] : undefined;
    if (m && task) mapped[`${task.id}.${m[2]}.${m[3]}`] = { vi: fe.messageVi, en: fe.message };
  }
  return mapped;
}

/** Name, year, request letter, dates and note. */
function CycleFieldsCard({
  form,
  setForm,
  fieldError,
}: {
  form: CycleFields;
  setForm: SetFields;
  fieldError: FieldError;
}) {
  const t = useDict(DICT);
  const date = (key: 'requestDate' | 'deadline' | 'cutoff') => ({
    value: form[key],
    onChange: (v: string | null) => setForm((f) => ({ ...f, [key]: v })),
    badDateText: t('badDate'),
  });
  return (
    <Card withBorder padding="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput
          label={t('nameVi')}
          required
          value={form.nameVi}
          onChange={(e) => setForm({ ...form, nameVi: e.currentTarget.value })}
          error={fieldError('body.nameVi')}
        />
        <TextInput
          label={t('nameEn')}
          required
          value={form.nameEn}
          onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
          error={fieldError('body.nameEn')}
        />
      </SimpleGrid>
      <Group mt="sm" align="flex-start">
        <TextInput
          label={t('year')}
          w={100}
          value={String(form.year)}
          onChange={(e) => setForm({ ...form, year: Number(e.currentTarget.value) || form.year })}
        />
        <TextInput
          label={t('requestLetter')}
          placeholder="17432/BTC-VCL"
          value={form.requestNumber}
          onChange={(e) => setForm({ ...form, requestNumber: e.currentTarget.value })}
        />
        <DateField label={t('requestDate')} {...date('requestDate')} />
        <DateField label={t('deadline')} {...date('deadline')} error={fieldError('body.deadline')} />
        <DateField label={t('cutoff')} {...date('cutoff')} error={fieldError('body.cutoff')} />
      </Group>
      <Textarea
        mt="sm"
        label={t('noteVi')}
        lang="vi"
        autosize
        value={form.noteVi}
        onChange={(e) => setForm({ ...form, noteVi: e.currentTarget.value })}
      />
    </Card>
  );
}

/** A scrolling list of check boxes, one per organisation. */
function OrgList({ list, ids, onToggle }: { list: Org[]; ids: Set<number>; onToggle: (id: number) => void }) {
  const { pick } = useI18n();
  return (
    <ScrollArea h={300}>
      <Stack gap={8}>
        {list.map((o) => (
          <Checkbox
            key={o.id}
            size="xs"
            label={pick(o.nameVi, o.nameEn)}
            checked={ids.has(o.id)}
            onChange={() => onToggle(o.id)}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}

/** The organisations expected to report: ministries and provinces, with shortcuts to select each group. */
function ExpectedOrgsCard({
  reporters,
  ids,
  setIds,
}: {
  reporters: Org[];
  ids: Set<number>;
  setIds: (s: Set<number>) => void;
}) {
  const t = useDict(DICT);
  const central = reporters.filter((o) => o.kind !== 'province');
  const provinces = reporters.filter((o) => o.kind === 'province');
  const onToggle = (id: number) => setIds(toggled(ids, id));
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          {t('expectedOrgs')} ({ids.size} {t('selected')})
        </Text>
        <Group gap={4}>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => setIds(new Set([...ids, ...central.map((o) => o.id)]))}
          >
            {t('allMinistries')}
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => setIds(new Set([...ids, ...provinces.map((o) => o.id)]))}
          >
            {t('allProvinces')}
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => setIds(new Set())}>
            {t('clear')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={2}>
        <OrgList list={central} ids={ids} onToggle={onToggle} />
        <OrgList list={provinces} ids={ids} onToggle={onToggle} />
      </SimpleGrid>
    </Card>
  );
}

/** The document's tasks in the cycle's outline, each with the number of figures asked for. */
function OutlineCard(props: {
  tasks: Task[];
  ids: Set<number>;
  setIds: (s: Set<number>) => void;
  figures: Record<number, FigureDef[]>;
}) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const { tasks, ids, setIds, figures } = props;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          {t('outlineTasks')} ({ids.size} {t('selected')})
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => setIds(new Set(tasks.map((x) => x.id)))}>
          {t('selectAll')}
        </Button>
      </Group>
      <ScrollArea h={300}>
        <Stack gap={8}>
          {tasks.map((x) => (
            <Checkbox
              key={x.id}
              size="xs"
              label={`${x.code} — ${pick(x.shortTitleVi, x.titleEn)}${figures[x.id]?.length ? ` (${figures[x.id].length} ${t('figures').toLowerCase()})` : ''}`}
              checked={ids.has(x.id)}
              onChange={() => setIds(toggled(ids, x.id))}
            />
          ))}
        </Stack>
      </ScrollArea>
    </Card>
  );
}

/** Create or edit a reporting cycle (MoF): request letter, dates, expected organisations, outline. */
export function CycleFormPage() {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const params = useParams();
  const editId = params.id ? Number(params.id) : undefined;
  const navigate = useNavigate();
  const me = useMe();
  const docs = useDocuments();
  const existing = useCycle(editId ?? 0);
  const docId = editId ? existing.data?.documentId : docs.data?.items[0]?.id;
  const doc = useDocument(docId);
  const orgs = useOrganisations();
  const save = useSaveCycle();
  const state = useCycleFormState(editId, existing.data, doc.data?.tasks);
  const { form, orgIds, taskIds, figures, figureErrors, setFigureErrors } = state;
  const reporters = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind !== 'council'), [orgs.data]);
  if (me.isLoading || docs.isLoading || orgs.isLoading || (editId && existing.isLoading)) return <Loader />;
  if (me.data?.role !== 'admin') return <AdminOnly editId={editId} signedIn={!!me.data} />;
  const outline = (doc.data?.tasks ?? []).filter((x) => taskIds.has(x.id));
  const submit = () => {
    const errors = validateFigures(
      figures,
      outline.map((x) => x.id),
    );
    setFigureErrors(errors);
    if (Object.keys(errors).length) return;
    const input: CycleInput = {
      documentId: docId!,
      year: Number(form.year),
      nameVi: form.nameVi,
      nameEn: form.nameEn,
      requestNumber: form.requestNumber || null,
      requestDate: form.requestDate,
      deadline: form.deadline,
      cutoff: form.cutoff,
      noteVi: form.noteVi || null,
      sections: existing.data?.sections ?? DEFAULT_SECTIONS,
      expectedOrganisationIds: reporters.filter((o) => orgIds.has(o.id)).map((o) => o.id),
      tasks: outline.map((x) => ({ taskId: x.id, figures: figures[x.id] ?? [] })),
    };
    save.mutate(
      { id: editId, version: existing.data?.version, input },
      {
        onSuccess: (c) => navigate(`/reporting/cycles/${c.id}`),
        onError: (e) => {
          const mapped = figureErrorsOf(e, outline);
          if (mapped) setFigureErrors(mapped);
        },
      },
    );
  };
  const fieldError = (path: string) =>
    save.error instanceof ApiError
      ? save.error.problem?.errors?.find((e) => e.path === path)?.[lang === 'vi' ? 'messageVi' : 'message']
      : undefined;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={editId ? `/reporting/cycles/${editId}` : '/reporting'} size="sm">
        {t('back')}
      </Anchor>
      <Title order={3}>{editId ? t('formTitleEdit') : t('formTitleNew')}</Title>
      <CycleFieldsCard form={form} setForm={state.setForm} fieldError={fieldError} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ExpectedOrgsCard reporters={reporters} ids={orgIds} setIds={state.setOrgIds} />
        <OutlineCard tasks={doc.data?.tasks ?? []} ids={taskIds} setIds={state.setTaskIds} figures={figures} />
      </SimpleGrid>
      <FigureDefsEditor
        tasks={outline}
        figures={figures}
        onChange={(next) => {
          state.setFigures(next);
          if (Object.keys(figureErrors).length) setFigureErrors(validateFigures(next, [...taskIds]));
        }}
        errors={figureErrors}
      />
      {Object.keys(figureErrors).length > 0 && !save.error && (
        <Alert color="red" data-testid="form-errors">
          {t('formHasErrors')}
        </Alert>
      )}
      {save.error && (
        <Alert color="red" data-testid="form-errors">
          {errorText(save.error, lang)}
        </Alert>
      )}
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={!form.nameVi || !form.nameEn || !docId}>
          {editId ? t('save') : t('create')}
        </Button>
      </Group>
    </Stack>
  );
}

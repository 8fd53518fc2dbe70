import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  FUNDING_TYPES,
  type FundingType,
  type Phase,
  type PlanDetail,
  SECTORS,
  type Sector,
  VINTAGE_34,
  VINTAGE_63,
} from '@regionlink/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useIndicators } from '../statistics/api';
import { useCreateIndicator, useCreateProject, useGeography } from './api';
import { DICT } from './i18n';

const PHASES: Phase[] = ['2021-2025', '2026-2030', '2021-2030'];
const num = (v: number | string) => (v === '' || v === null ? null : Number(v));

function ErrorBox({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (!(error instanceof ApiError)) return null;
  return (
    <Alert color="red" p="xs" role="alert">
      {error.text(lang)}
      {error.problem?.errors?.map((e) => (
        <div key={e.path}>
          {e.path}: {lang === 'vi' ? e.messageVi : e.message}
        </div>
      ))}
    </Alert>
  );
}

/** The indicator form's fields, empty, for a plan. */
function emptyIndicator(plan: PlanDetail) {
  return {
    code: '',
    nameVi: '',
    nameEn: '',
    unit: '',
    scopeKind: 'region' as 'region' | 'province',
    scopeCode: plan.regionAtApproval.code,
    direction: 'increase' as 'increase' | 'decrease',
    phase: null as string | null,
    baselineValue: '' as number | string,
    baselineYear: '' as number | string,
    periodYear: 2025 as number | string,
    periodValue: '' as number | string,
    endYear: plan.periodEnd as number | string,
    endValue: '' as number | string,
    sourceDocument: '',
    sourceSection: '',
    stats: null as string | null,
  };
}
type IndicatorFields = ReturnType<typeof emptyIndicator>;
type SetIndicatorField = <K extends keyof IndicatorFields>(k: K, v: IndicatorFields[K]) => void;
interface IndicatorPartProps {
  f: IndicatorFields;
  set: SetIndicatorField;
}

/** What the API takes: trimmed texts, numbers, and a target for each of the period and the end that has a value. */
function indicatorInput(f: IndicatorFields, plan: PlanDetail) {
  const targets = [
    ...(f.periodValue !== ''
      ? [{ kind: 'period' as const, year: num(f.periodYear), value: Number(f.periodValue) }]
      : []),
    ...(f.endValue !== '' ? [{ kind: 'end' as const, year: num(f.endYear), value: Number(f.endValue) }] : []),
  ];
  return {
    code: f.code.trim(),
    statsIndicatorCode: f.stats,
    nameVi: f.nameVi.trim(),
    nameEn: f.nameEn.trim() || f.nameVi.trim(),
    unit: f.unit.trim(),
    scopeKind: f.scopeKind,
    scopeCode: f.scopeKind === 'region' ? plan.regionAtApproval.code : f.scopeCode,
    direction: f.direction,
    phase: (f.phase as Phase | null) ?? null,
    baselineValue: num(f.baselineValue),
    baselineYear: num(f.baselineYear),
    sourceDocument: f.sourceDocument.trim() || null,
    sourceSection: f.sourceSection.trim() || null,
    targets,
  };
}

/** The code (required), the Vietnamese name (required) and the English name of a new indicator or project. */
function CodeAndNames(props: {
  f: { code: string; nameVi: string; nameEn: string };
  set: (k: 'code' | 'nameVi' | 'nameEn', v: string) => void;
  codeExample: string;
}) {
  const t = useDict(DICT);
  const { f, set, codeExample } = props;
  return (
    <>
      <TextInput
        size="xs"
        label={t('code')}
        placeholder={codeExample}
        value={f.code}
        onChange={(e) => set('code', e.currentTarget.value)}
        required
      />
      <TextInput
        size="xs"
        label={t('nameVi')}
        value={f.nameVi}
        onChange={(e) => set('nameVi', e.currentTarget.value)}
        required
      />
      <TextInput
        size="xs"
        label={t('nameEn')}
        value={f.nameEn}
        onChange={(e) => set('nameEn', e.currentTarget.value)}
      />
    </>
  );
}

/** Code, names and unit. */
function IndicatorNames({ f, set }: IndicatorPartProps) {
  const t = useDict(DICT);
  return (
    <SimpleGrid cols={{ base: 1, md: 4 }} spacing="xs">
      <CodeAndNames f={f} set={set} codeExample="NMM-GRDP-GROWTH" />
      <TextInput
        size="xs"
        label={t('unit')}
        placeholder="%"
        value={f.unit}
        onChange={(e) => set('unit', e.currentTarget.value)}
        required
      />
    </SimpleGrid>
  );
}

/** Scope (the plan's region or one of its provinces), direction and phase. */
function IndicatorScope({ f, set, plan }: IndicatorPartProps & { plan: PlanDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const geo = useGeography(plan.regionAtApproval.geoDate < VINTAGE_34 ? VINTAGE_63 : VINTAGE_34);
  return (
    <Group gap="xs" align="flex-end">
      <SegmentedControl
        size="xs"
        value={f.scopeKind}
        onChange={(v) => set('scopeKind', v as 'region' | 'province')}
        data={[
          {
            value: 'region',
            label: `${t('scopeRegion')}: ${pick(plan.regionAtApproval.nameVi, plan.regionAtApproval.nameEn)}`,
          },
          { value: 'province', label: t('scopeProvince') },
        ]}
      />
      {f.scopeKind === 'province' && (
        <Select
          size="xs"
          searchable
          label={t('province')}
          data-testid="indicator-province"
          data={(geo.units.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.code} ${u.nameVi}` }))}
          value={f.scopeCode}
          onChange={(v) => set('scopeCode', v ?? '')}
        />
      )}
      <Select
        size="xs"
        w={150}
        label={t('direction')}
        value={f.direction}
        onChange={(v) => set('direction', (v as 'increase' | 'decrease') ?? 'increase')}
        data={[
          { value: 'increase', label: t('directionUp') },
          { value: 'decrease', label: t('directionDown') },
        ]}
      />
      <Select
        size="xs"
        w={130}
        label={t('phase')}
        clearable
        value={f.phase}
        onChange={(v) => set('phase', v)}
        data={PHASES}
      />
    </Group>
  );
}

/** Baseline, the period target and the end target, each a value and a year. */
function IndicatorTargets({ f, set }: IndicatorPartProps) {
  const t = useDict(DICT);
  const numbers: [keyof IndicatorFields, string, number, boolean][] = [
    ['baselineValue', t('baselineValue'), 110, true],
    ['baselineYear', t('baselineYear'), 110, false],
    ['periodYear', t('periodTargetYear'), 90, false],
    ['periodValue', t('periodTarget'), 110, true],
    ['endYear', t('endTargetYear'), 90, false],
    ['endValue', t('endTarget'), 110, true],
  ];
  return (
    <Group gap="xs" align="flex-end">
      {numbers.map(([key, label, w, decimal]) => (
        <NumberInput
          key={key}
          size="xs"
          w={w}
          label={label}
          decimalSeparator={decimal ? ',' : undefined}
          value={f[key] as number | string}
          onChange={(v) => set(key, v)}
        />
      ))}
    </Group>
  );
}

/** The document that set the indicator and the optional link to the statistics catalogue. */
function IndicatorSource({ f, set }: IndicatorPartProps) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const catalogue = useIndicators();
  return (
    <Group gap="xs" align="flex-end" grow>
      <TextInput
        size="xs"
        label={t('sourceDocument')}
        placeholder={t('sourceDocumentExample')}
        value={f.sourceDocument}
        onChange={(e) => set('sourceDocument', e.currentTarget.value)}
      />
      <TextInput
        size="xs"
        label={t('sourceSection')}
        placeholder={t('sourceSectionExample')}
        value={f.sourceSection}
        onChange={(e) => set('sourceSection', e.currentTarget.value)}
      />
      <Select
        size="xs"
        searchable
        clearable
        label={t('statsLink')}
        description={t('statsLinkHint')}
        data-testid="indicator-stats"
        data={(catalogue.data?.items ?? []).map((i) => ({
          value: i.code,
          label: `${pick(i.nameVi, i.nameEn)} (${i.code})`,
        }))}
        value={f.stats}
        onChange={(v) => set('stats', v)}
      />
    </Group>
  );
}

/**
 * Admin form: add an indicator to the plan's results framework — names, unit, scope (the plan's region of its time or
 * one of its provinces), direction, phase, baseline, a period and an end target, the document that set them, and an
 * optional link to an indicator of the statistics catalogue (its actuals then come from the statistics database).
 */
export function AddIndicatorForm({ plan }: { plan: PlanDetail }) {
  const t = useDict(DICT);
  const create = useCreateIndicator(plan.code);
  const [f, setF] = useState(() => emptyIndicator(plan));
  const [done, setDone] = useState<string | null>(null);
  const set: SetIndicatorField = (k, v) => setF((x) => ({ ...x, [k]: v }));
  const submit = () =>
    create.mutate(indicatorInput(f, plan), {
      onSuccess: (ind) => {
        setDone(ind.code);
        setF(emptyIndicator(plan));
      },
    });
  return (
    <Card withBorder data-testid="add-indicator-form">
      <Title order={5}>{t('addIndicator')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('addIndicatorNote')}
      </Text>
      <Stack gap={6}>
        <IndicatorNames f={f} set={set} />
        <IndicatorScope f={f} set={set} plan={plan} />
        <IndicatorTargets f={f} set={set} />
        <IndicatorSource f={f} set={set} />
        <Group gap="xs">
          <Button
            size="xs"
            onClick={submit}
            loading={create.isPending}
            disabled={!f.code.trim() || !f.nameVi.trim() || !f.unit.trim()}
          >
            {t('addIndicatorSave')}
          </Button>
          {done && (
            <Text size="xs" c="teal" data-testid="indicator-added">
              {t('indicatorAdded').replace('{code}', done)}
            </Text>
          )}
        </Group>
        <ErrorBox error={create.error} />
      </Stack>
    </Card>
  );
}

const EMPTY_PROJECT = {
  code: '',
  nameVi: '',
  nameEn: '',
  sector: null as string | null,
  taskGroup: null as string | null,
  phase: null as string | null,
  fundingType: 'unspecified' as string,
  provinces: [] as string[],
  affected: [] as string[],
  lead: '',
};
type ProjectFields = typeof EMPTY_PROJECT;
type SetProjectField = <K extends keyof ProjectFields>(k: K, v: ProjectFields[K]) => void;

/**
 * What the API takes: the code in capitals, the provinces it is located in and those it affects (a province named in
 * both is located there), a line if it spans more than one province, else a point.
 */
function projectInput(f: ProjectFields, plan: PlanDetail) {
  const province = (role: 'located' | 'affected') => (code: string) => ({
    code,
    vintage: VINTAGE_63 as typeof VINTAGE_63,
    role,
  });
  return {
    code: f.code.trim().toUpperCase(),
    planCode: plan.code,
    taskGroupCode: f.taskGroup,
    nameVi: f.nameVi.trim(),
    nameEn: f.nameEn.trim() || f.nameVi.trim(),
    sector: f.sector as Sector,
    phase: (f.phase as Phase | null) ?? null,
    fundingType: f.fundingType as FundingType,
    geometry: (f.provinces.length + f.affected.length > 1 ? 'line' : 'point') as 'line' | 'point',
    leadAgencyText: f.lead.trim() || null,
    provinces: [
      ...f.provinces.map(province('located')),
      ...f.affected.filter((c) => !f.provinces.includes(c)).map(province('affected')),
    ],
  };
}

/** Sector, task group of the plan, phase and funding type. */
function ProjectClassification({ f, set, plan }: { f: ProjectFields; set: SetProjectField; plan: PlanDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, md: 4 }} spacing="xs">
      <Select
        size="xs"
        label={t('sector')}
        searchable
        data={Object.entries(SECTORS).map(([value, l]) => ({ value, label: pick(l.vi, l.en) }))}
        value={f.sector}
        onChange={(v) => set('sector', v)}
        required
      />
      <Select
        size="xs"
        label={t('taskGroup')}
        clearable
        data={plan.taskGroups.map((g) => ({ value: g.code, label: `${g.code} ${pick(g.nameVi, g.nameEn)}` }))}
        value={f.taskGroup}
        onChange={(v) => set('taskGroup', v)}
      />
      <Select size="xs" label={t('phase')} clearable data={PHASES} value={f.phase} onChange={(v) => set('phase', v)} />
      <Select
        size="xs"
        label={t('fundingType')}
        data={Object.entries(FUNDING_TYPES).map(([value, l]) => ({ value, label: pick(l.vi, l.en) }))}
        value={f.fundingType}
        onChange={(v) => set('fundingType', v ?? 'unspecified')}
      />
    </SimpleGrid>
  );
}

/** The provinces it is located in and those it affects (the plan's 63-province geography), and the lead agency. */
function ProjectPlaces({ f, set }: { f: ProjectFields; set: SetProjectField }) {
  const t = useDict(DICT);
  const geo = useGeography(VINTAGE_63);
  const provinceOptions = (geo.units.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.code} ${u.nameVi}` }));
  const provinces = (key: 'provinces' | 'affected', label: string) => (
    <MultiSelect
      size="xs"
      searchable
      label={label}
      data={provinceOptions}
      value={f[key]}
      onChange={(v) => set(key, v)}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
      {provinces('provinces', t('locatedIn'))}
      {provinces('affected', t('affects'))}
      <TextInput
        size="xs"
        label={t('leadAgency')}
        value={f.lead}
        onChange={(e) => set('lead', e.currentTarget.value)}
      />
    </SimpleGrid>
  );
}

/**
 * Admin form: create a project in the plan's registry — code, names, sector, task group, phase, funding type, the
 * provinces it is located in (the plan's 63-province geography; roles and cost shares are refined on the project
 * page) and the lead agency as written. Opens the new project.
 */
export function CreateProjectForm({ plan }: { plan: PlanDetail }) {
  const t = useDict(DICT);
  const navigate = useNavigate();
  const create = useCreateProject();
  const [f, setF] = useState(EMPTY_PROJECT);
  const set: SetProjectField = (k, v) => setF((x) => ({ ...x, [k]: v }));
  const submit = () => create.mutate(projectInput(f, plan), { onSuccess: (p) => navigate(`/projects/${p.code}`) });
  return (
    <Card withBorder data-testid="create-project-form">
      <Title order={5}>{t('createProject')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('createProjectNote')}
      </Text>
      <Stack gap={6}>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
          <CodeAndNames f={f} set={set} codeExample="RD1-99" />
        </SimpleGrid>
        <ProjectClassification f={f} set={set} plan={plan} />
        <ProjectPlaces f={f} set={set} />
        <Group>
          <Button
            size="xs"
            onClick={submit}
            loading={create.isPending}
            disabled={!f.code.trim() || !f.nameVi.trim() || !f.sector}
          >
            {t('createProjectSave')}
          </Button>
        </Group>
        <ErrorBox error={create.error} />
      </Stack>
    </Card>
  );
}

import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type {
  CompareResponse,
  ConvergenceResponse,
  CreateGroupingInput,
  Grouping,
  InequalityResponse,
} from '@regionlink/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { Grapher } from '../../components/grapher/Grapher';
import { ApiError, apiFetch } from '../../lib/api';
import { formatNumber, sortVi } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useMe } from '../access/api';
import { useUnits } from '../geo/api';
import { useGroupings, useIndicators } from '../statistics/api';
import { DATE_34, DATE_63, useAnalytics } from './api';
import { ANALYTICS } from './i18n';
import { sigmaAsData } from './indexModel';
import { yearsLabel } from './model';

const CUSTOM = 'custom';

/**
 * Disparities, convergence and member-versus-non-member comparison (public): for an indicator, a year and a grouping,
 * the inequality measures with the Theil decomposition and their methods (`/analytics/inequality`), σ over the years
 * charted with the grapher block and the β regression (`/analytics/convergence`), and the members of a grouping —
 * stored, or picked province by province — against the others with a permutation test (`/analytics/compare`).
 */
export function DisparitiesPage() {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const [params, set] = useSearchPatch();
  const indicators = useIndicators();
  const at = params.get('at') === DATE_63 ? DATE_63 : DATE_34;
  const code = params.get('indicator') ?? 'grdp_per_capita';
  const indicator = indicators.data?.items.find((i) => i.code === code);
  const periods = indicator?.periods ?? [];
  const period =
    params.get('period') && periods.includes(Number(params.get('period')))
      ? Number(params.get('period'))
      : periods.at(-1);
  // Indices (PCI, PAPI) are not per-person figures: unweighted unless asked (and there is no population after 2016).
  const weightParam = params.get('weight') ?? (indicator?.aggregation === 'none' ? 'none' : 'population');
  const weight = weightParam === 'none' ? 'none' : 'population';
  const groups = params.get('groups') ?? 'region';
  const from =
    params.get('from') && periods.includes(Number(params.get('from'))) ? Number(params.get('from')) : periods[0];
  const to = params.get('to') && periods.includes(Number(params.get('to'))) ? Number(params.get('to')) : periods.at(-1);
  const cmp = params.get('cmp') ?? '';
  const members = (params.get('members') ?? '').split(',').filter((c) => /^\d{2}$/.test(c));
  const cmpMeasure = params.get('measure') === 'growth' ? 'growth' : 'level';
  const groupings = useGroupings(at);
  const units = useUnits(at);

  const nonRegion = (groupings.data?.items ?? []).filter((g) => g.type !== 'region');
  const groupingOptions = nonRegion.map((g) => ({ value: g.id, label: pick(g.nameVi, g.nameEn) }));
  const provinceOptions = sortVi(
    (units.data?.items ?? []).map((u) => ({ value: u.code, label: `${pick(u.nameVi, u.nameEn)} (${u.code})` })),
    (o) => o.label,
  );
  const indicatorOptions = (indicators.data?.items ?? [])
    .filter((i) => i.periods.length > 0)
    .map((i) => ({ value: i.code, label: `${pick(i.nameVi, i.nameEn)} (${yearsLabel(i.periods)})` }));
  const cmpValue = cmp || (members.length ? CUSTOM : (groupingOptions[0]?.value ?? CUSTOM));

  const inequality = useAnalytics<InequalityResponse>(
    'inequality',
    indicator && period !== undefined ? { indicator: code, at, period: String(period), weight, groups, lang } : null,
  );
  const convergence = useAnalytics<ConvergenceResponse>(
    'convergence',
    indicator && from !== undefined && to !== undefined && to > from
      ? { indicator: code, at, from: String(from), to: String(to), lang }
      : null,
  );
  const compareParams =
    indicator && period !== undefined && (cmpValue !== CUSTOM || members.length > 0)
      ? {
          indicator: code,
          at,
          ...(cmpValue === CUSTOM ? { members: members.join(',') } : { grouping: cmpValue }),
          ...(cmpMeasure === 'growth' && from !== undefined && to !== undefined && to > from
            ? { from: String(from), to: String(to) }
            : { period: String(period) }),
          lang,
        }
      : null;
  const compare = useAnalytics<CompareResponse>('compare', compareParams);
  const csvOf = (path: string, p: Record<string, string | undefined> | null) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p ?? {})) if (v) q.set(k, v);
    q.set('format', 'csv');
    return `/api/v1/analytics/${path}?${q}`;
  };

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/analytics" size="sm">
          {t('nationalDashboard')}
        </Anchor>
        <Title order={1} size="h2">
          {t('dispTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={1100}>
          {t('dispHint')}
        </Text>
      </div>
      <Card withBorder padding="sm">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              size="xs"
              label={t('indicator')}
              data={indicatorOptions}
              value={code}
              searchable
              onChange={(v) => v && set({ indicator: v, period: null, from: null, to: null })}
              data-testid="disp-indicator"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 'content' }}>
            <Select
              size="xs"
              label={t('year')}
              data={periods.map(String)}
              value={period !== undefined ? String(period) : null}
              onChange={(v) => set({ period: v })}
              w={100}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Text size="xs" fw={500} mb={2}>
              {t('geography')}
            </Text>
            <SegmentedControl
              size="xs"
              value={at}
              onChange={(v) => set({ at: v === DATE_63 ? v : null, groups: null, cmp: null, members: null })}
              data={[
                { value: DATE_34, label: t('geo34') },
                { value: DATE_63, label: t('geo63') },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Text size="xs" fw={500} mb={2}>
              {t('weighting')}
            </Text>
            <SegmentedControl
              size="xs"
              value={weight}
              onChange={(v) => set({ weight: v })}
              data={[
                { value: 'population', label: t('weightPopulation') },
                { value: 'none', label: t('weightNone') },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Select
              size="xs"
              label={t('decomposeBy')}
              data={[{ value: 'region', label: t('regions6') }, ...groupingOptions]}
              value={groups}
              onChange={(v) => set({ groups: v === 'region' ? null : v })}
            />
          </Grid.Col>
        </Grid>
      </Card>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section
            title={t('inequality')}
            query={inequality}
            csv={csvOf(
              'inequality',
              inequality.data ? { indicator: code, at, period: String(period), weight, groups, lang } : null,
            )}
          >
            {inequality.data && <InequalityView res={inequality.data} />}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section
            title={t('compare')}
            query={compare}
            idle={compareParams === null ? t('pickMembers') : undefined}
            csv={compare.data ? csvOf('compare', compareParams) : null}
            controls={
              <CompareControls
                at={at}
                value={cmpValue}
                options={groupingOptions}
                provinceOptions={provinceOptions}
                members={members}
                measure={cmpMeasure}
                canGrow={periods.length > 1}
                onChange={set}
              />
            }
          >
            {compare.data && <CompareView res={compare.data} />}
          </Section>
        </Grid.Col>
      </Grid>

      <Section
        title={t('convergence')}
        query={convergence}
        idle={
          periods.length < 2 ? pick('Chỉ tiêu này chỉ có một năm.', 'This indicator has a single year.') : undefined
        }
        csv={
          convergence.data
            ? csvOf('convergence', { indicator: code, at, from: String(from), to: String(to), lang })
            : null
        }
        controls={
          <Group gap="xs" align="flex-end">
            <LongSeries set={set} current={`${code}:${from}:${to}`} />
            <Select
              size="xs"
              label={t('fromYear')}
              data={periods.map(String)}
              value={from !== undefined ? String(from) : null}
              onChange={(v) => set({ from: v })}
              w={100}
            />
            <Select
              size="xs"
              label={t('toYear')}
              data={periods.map(String)}
              value={to !== undefined ? String(to) : null}
              onChange={(v) => set({ to: v })}
              w={100}
            />
          </Group>
        }
      >
        {convergence.data && <ConvergenceView res={convergence.data} />}
      </Section>
    </Stack>
  );
}

/** The long governance series, one click each: PCI 2006–2022 and PAPI (six dimensions) 2011–2024. */
const LONG_SERIES = [
  { indicator: 'pci', from: 2006, to: 2022, label: 'PCI 2006–2022' },
  { indicator: 'papi', from: 2011, to: 2024, label: 'PAPI 2011–2024' },
];

function LongSeries({ set, current }: { set: (patch: Record<string, string | null>) => void; current: string }) {
  const t = useDict(ANALYTICS);
  return (
    <Stack gap={2}>
      <Text size="xs" fw={500}>
        {t('longSeries')}
      </Text>
      <Group gap={4}>
        {LONG_SERIES.map((l) => (
          <Button
            key={l.indicator}
            size="xs"
            variant={current === `${l.indicator}:${l.from}:${l.to}` ? 'filled' : 'light'}
            data-testid={`long-${l.indicator}`}
            onClick={() =>
              set({
                indicator: l.indicator,
                from: String(l.from),
                to: String(l.to),
                period: String(l.to),
                weight: null,
              })
            }
          >
            {l.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

/** A card with a title, optional controls, the CSV link, and the query's loading/error states around its content. */
function Section({
  title,
  query,
  csv,
  controls,
  idle,
  children,
}: {
  title: string;
  query: { isLoading: boolean; error: unknown; fetchStatus: string };
  csv: string | null;
  controls?: ReactNode;
  idle?: string;
  children: ReactNode;
}) {
  const t = useDict(ANALYTICS);
  const { lang } = useI18n();
  return (
    <Card withBorder padding="sm" data-testid={`section-${title}`}>
      <Group justify="space-between" align="flex-end" mb="xs">
        <Text fw={600}>{title}</Text>
        <Group gap="sm" align="flex-end">
          {controls}
          {csv && (
            <Anchor href={csv} size="xs">
              {t('downloadCsv')}
            </Anchor>
          )}
        </Group>
      </Group>
      {idle ? (
        <Text size="sm" c="dimmed">
          {idle}
        </Text>
      ) : query.isLoading && query.fetchStatus !== 'idle' ? (
        <Loader size="sm" />
      ) : query.error ? (
        <Alert color="orange" p="xs">
          {query.error instanceof ApiError ? query.error.text(lang) : String(query.error)}
        </Alert>
      ) : (
        children
      )}
    </Card>
  );
}

const f3 = (v: number | null | undefined, lang: 'vi' | 'en', d = 3) => formatNumber(v, lang, d);

function Methods({
  res,
}: {
  res: {
    methods: InequalityResponse['methods'];
    datasets: InequalityResponse['datasets'];
    notesVi: string[];
    notesEn: string[];
  };
}) {
  const t = useDict(ANALYTICS);
  const { pick } = useI18n();
  return (
    <Stack gap={2} mt="xs" data-testid="method-notes">
      {res.methods.map((m) => (
        <Text size="xs" key={m.id}>
          <b>{pick(m.nameVi, m.nameEn)}</b>: <code>{pick(m.formula, m.formulaEn)}</code> — {pick(m.vi, m.en)}
        </Text>
      ))}
      {pick(res.notesVi.join(' '), res.notesEn.join(' ')) && (
        <Text size="xs" c="dimmed">
          {pick(res.notesVi.join(' '), res.notesEn.join(' '))}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        <b>{t('source')}:</b>{' '}
        {res.datasets.map((d) => `${pick(d.publisher, d.publisherEn)} — ${pick(d.titleVi, d.titleEn)}`).join('; ')}
      </Text>
    </Stack>
  );
}

function InequalityView({ res }: { res: InequalityResponse }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, lang, 1)} %`);
  const rows: [string, string, string][] = [
    ['gini', pick('Gini (không trọng số)', 'Gini (unweighted)'), f3(res.gini, lang)],
    ['giniWeighted', pick('Gini có trọng số dân số', 'Gini, population-weighted'), f3(res.giniWeighted, lang)],
    [
      'theilT',
      `Theil T (${res.theilWeighting === 'weighted' ? pick('trọng số dân số', 'population-weighted') : pick('không trọng số', 'unweighted')})`,
      `${f3(res.theilT, lang)} = ${f3(res.theilTBetween, lang)} ${t('between')} + ${f3(res.theilTWithin, lang)} ${t('within')}`,
    ],
    ['theilTBetweenShare', `Theil T: ${t('betweenShare')}`, pct(res.theilTBetweenShare)],
    [
      'theilL',
      'Theil L',
      `${f3(res.theilL, lang)} = ${f3(res.theilLBetween, lang)} ${t('between')} + ${f3(res.theilLWithin, lang)} ${t('within')}`,
    ],
    ['theilLBetweenShare', `Theil L: ${t('betweenShare')}`, pct(res.theilLBetweenShare)],
    ['cv', pick('Hệ số biến thiên', 'Coefficient of variation'), f3(res.cv, lang)],
    [
      'cvWeighted',
      pick('Hệ số biến thiên có trọng số (Williamson)', 'Weighted CV (Williamson)'),
      f3(res.cvWeighted, lang),
    ],
    [
      'maxMinRatio',
      pick('Cao nhất / thấp nhất', 'Max / min'),
      `${f3(res.maxMinRatio, lang, 2)} (${pick(res.max.nameVi, res.max.nameEn)} ${formatNumber(res.max.value, lang, 1)} / ${pick(res.min.nameVi, res.min.nameEn)} ${formatNumber(res.min.value, lang, 1)})`,
    ],
  ];
  return (
    <>
      <Text size="xs" c="dimmed">
        {pick(res.query.geographyVi, res.query.geographyEn)} · {t('year')} {res.query.period} · n = {res.n}
      </Text>
      <Table fz="sm" data-testid="inequality-table">
        <Table.Tbody>
          {rows.map(([id, label, value]) => (
            <Table.Tr key={id} data-testid={`measure-${id}`}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right" fw={500}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table fz="xs" mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('group')}</Table.Th>
            <Table.Th ta="right">n</Table.Th>
            <Table.Th ta="right">{t('mean')}</Table.Th>
            <Table.Th ta="right">{t('populationShare')}</Table.Th>
            <Table.Th ta="right">{t('valueShare')}</Table.Th>
            <Table.Th ta="right">Theil T</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {res.decomposition.map((g) => (
            <Table.Tr key={g.id} data-testid="decomposition-row">
              <Table.Td>{pick(g.nameVi, g.nameEn)}</Table.Td>
              <Table.Td ta="right">{g.n}</Table.Td>
              <Table.Td ta="right">{formatNumber(g.mean, lang, 1)}</Table.Td>
              <Table.Td ta="right">{formatNumber(g.weightShare * 100, lang, 1)} %</Table.Td>
              <Table.Td ta="right">{formatNumber(g.valueShare * 100, lang, 1)} %</Table.Td>
              <Table.Td ta="right">{f3(g.theilT, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {res.excluded.length > 0 && (
        <Text size="xs" c="orange.8" mt={4}>
          {t('excluded')}: {res.excluded.map((e) => `${e.code} (${pick(e.reasonVi, e.reasonEn)})`).join('; ')}
        </Text>
      )}
      <Methods res={res} />
    </>
  );
}

function CompareControls({
  value,
  options,
  provinceOptions,
  members,
  measure,
  canGrow,
  at,
  onChange,
}: {
  value: string;
  options: { value: string; label: string }[];
  provinceOptions: { value: string; label: string }[];
  members: string[];
  measure: 'level' | 'growth';
  canGrow: boolean;
  at: string;
  onChange: (patch: Record<string, string | null>) => void;
}) {
  const t = useDict(ANALYTICS);
  const { lang } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: CreateGroupingInput) =>
      apiFetch<Grouping>('/api/v1/analytics/groupings', { method: 'POST', json: body }),
    onSuccess: (g) => {
      qc.invalidateQueries({ queryKey: ['geo', 'groupings'] });
      onChange({ cmp: g.id, members: null });
    },
  });
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs" align="flex-end">
        <Select
          size="xs"
          label={t('compareGroup')}
          data={[...options, { value: CUSTOM, label: t('customGroup') }]}
          value={value}
          onChange={(v) =>
            v && onChange({ cmp: v === CUSTOM ? CUSTOM : v, members: v === CUSTOM ? members.join(',') : null })
          }
          w={260}
          data-testid="compare-grouping"
        />
        {canGrow && (
          <SegmentedControl
            size="xs"
            value={measure}
            onChange={(v) => onChange({ measure: v === 'growth' ? v : null })}
            data={[
              { value: 'level', label: t('compareLevel') },
              { value: 'growth', label: t('compareGrowth') },
            ]}
          />
        )}
      </Group>
      {value === CUSTOM && (
        <Group gap="xs" align="flex-end">
          <MultiSelect
            size="xs"
            label={t('customMembers')}
            data={provinceOptions}
            value={members}
            searchable
            onChange={(v) => onChange({ cmp: CUSTOM, members: v.join(',') })}
            w={380}
            data-testid="compare-members"
          />
          {me.data && me.data.role !== 'viewer' && members.length > 0 && (
            <Button
              size="xs"
              variant="default"
              loading={save.isPending}
              onClick={() =>
                save.mutate({
                  nameVi: `Nhóm tự chọn (${members.length} tỉnh)`,
                  nameEn: `Custom grouping (${members.length} provinces)`,
                  members,
                  at,
                })
              }
            >
              {t('saveGrouping')}
            </Button>
          )}
        </Group>
      )}
      {save.error && (
        <Text size="xs" c="red">
          {save.error instanceof ApiError ? save.error.text(lang) : String(save.error)}
        </Text>
      )}
    </Stack>
  );
}

function CompareView({ res }: { res: CompareResponse }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const ind = res.indicators.find((i) => i.code === res.query.indicator);
  const growth = res.query.measure === 'growth';
  const d = growth ? 2 : (ind?.decimals ?? 2);
  const unit = growth ? t('growthPerYear') : ind ? pick(ind.unitVi, ind.unitEn) : '';
  const stat = (k: 'n' | 'mean' | 'median' | 'sd' | 'min' | 'max') => [res.members[k], res.others[k]];
  const line = (label: string, k: 'n' | 'mean' | 'median' | 'sd' | 'min' | 'max', diff?: number | null) => {
    const [a, b] = stat(k);
    return (
      <Table.Tr key={k} data-testid={`compare-${k}`}>
        <Table.Td>{label}</Table.Td>
        <Table.Td ta="right">{formatNumber(a, lang, k === 'n' ? 0 : d)}</Table.Td>
        <Table.Td ta="right">{formatNumber(b, lang, k === 'n' ? 0 : d)}</Table.Td>
        <Table.Td ta="right" fw={600}>
          {diff !== undefined ? formatNumber(diff, lang, d) : ''}
        </Table.Td>
      </Table.Tr>
    );
  };
  return (
    <>
      <Text size="xs" c="dimmed">
        {pick(res.group.nameVi, res.group.nameEn)} ·{' '}
        {growth ? `${t('compareGrowth')} ${res.query.from}–${res.query.to}` : `${t('year')} ${res.query.period}`} (
        {unit})
      </Text>
      <Table fz="sm" data-testid="compare-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('members')}</Table.Th>
            <Table.Th ta="right">{t('others')}</Table.Th>
            <Table.Th ta="right">{t('difference')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {line('n', 'n')}
          {line(t('mean'), 'mean', res.differenceMean)}
          {line(t('median'), 'median', res.differenceMedian)}
          {line(t('sd'), 'sd')}
          {line('min', 'min')}
          {line('max', 'max')}
        </Table.Tbody>
      </Table>
      {res.test && (
        <Text size="sm" mt="xs" data-testid="compare-test">
          {t('permutation')} (
          {res.test.method === 'exact'
            ? pick('đủ mọi cách chia', 'exact')
            : `${formatNumber(res.test.draws, lang)} ${pick('lần rút, hạt giống', 'draws, seed')} ${res.test.seed}`}
          ): p = <b>{f3(res.test.pValue, lang, 4)}</b>; {t('nullRange')}: {formatNumber(res.test.nullLow, lang, d)} …{' '}
          {formatNumber(res.test.nullHigh, lang, d)}. {res.test.pValue < 0.05 ? t('significant') : t('notSignificant')}
        </Text>
      )}
      {res.membersWithoutValue.length > 0 && (
        <Text size="xs" c="orange.8">
          {t('excluded')}: {res.membersWithoutValue.join(', ')}
        </Text>
      )}
      <Methods res={res} />
    </>
  );
}

function ConvergenceView({ res }: { res: ConvergenceResponse }) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const data = useMemo(
    () =>
      sigmaAsData(res, {
        sigmaVi: ANALYTICS.sigmaSeries.vi,
        sigmaEn: ANALYTICS.sigmaSeries.en,
        cvVi: ANALYTICS.cvSeries.vi,
        cvEn: ANALYTICS.cvSeries.en,
        titleVi: ANALYTICS.sigmaTitle.vi,
        titleEn: ANALYTICS.sigmaTitle.en,
      }),
    [res],
  );
  const b = res.beta;
  const converging = b.coefficient < 0 && b.pValue < 0.05;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        {res.sigma.length > 0 && (
          <Grapher
            data={data}
            tabs={['chart', 'table']}
            title={`${pick(ANALYTICS.sigmaTitle.vi, ANALYTICS.sigmaTitle.en)} — ${pick(res.indicators[0]?.nameVi ?? '', res.indicators[0]?.nameEn ?? '')}`}
            fileName={`sigma-${res.query.indicator}-${res.query.from}-${res.query.to}-${res.query.at}`}
            height={320}
          />
        )}
        {res.sigmaTrend && (
          <Text size="sm" mt={4} data-testid="sigma-trend">
            {t('sigmaTrendText')}: {res.sigmaTrend.slope >= 0 ? '+' : ''}
            {formatNumber(res.sigmaTrend.slope, lang, 4)} {t('perYear')} (SE{' '}
            {formatNumber(res.sigmaTrend.stdError, lang, 4)}
            {res.sigmaTrend.pValue !== null ? `, p = ${formatNumber(res.sigmaTrend.pValue, lang, 3)}` : ''})
          </Text>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Text fw={600} size="sm">
          {t('betaTitle')} · {t('periodLabel')} {b.startPeriod}–{b.endPeriod} · n = {b.n}
        </Text>
        <Table fz="sm" data-testid="beta-table">
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('coefficient')}</Table.Td>
              <Table.Td ta="right" fw={600} data-testid="beta-coefficient">
                {formatNumber(b.coefficient, lang, 4)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('stdError')}</Table.Td>
              <Table.Td ta="right">{formatNumber(b.stdError, lang, 4)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('pValue')}</Table.Td>
              <Table.Td ta="right">{formatNumber(b.pValue, lang, 3)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>R²</Table.Td>
              <Table.Td ta="right">{formatNumber(b.r2, lang, 3)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('speed')}</Table.Td>
              <Table.Td ta="right">
                {b.speed === null ? '—' : `${formatNumber(b.speed * 100, lang, 2)} % ${t('perYear')}`}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('halfLife')}</Table.Td>
              <Table.Td ta="right">
                {b.halfLife === null ? '—' : `${formatNumber(b.halfLife, lang, 1)} ${t('years')}`}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" mt={4} c={converging ? 'green.8' : 'orange.8'} data-testid="beta-verdict">
          {converging ? t('betaYes') : t('betaNo')}
        </Text>
        {res.crosswalk && (
          <Text size="xs" c="dimmed">
            {t('crosswalkNote')}
          </Text>
        )}
        {res.sparsePeriods.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="sparse-years">
            {t('sparseYears')}: {res.sparsePeriods.join(', ')}
          </Text>
        )}
        {res.dropped.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('excluded')}: {res.dropped.join(', ')}
          </Text>
        )}
        <Methods res={res} />
      </Grid.Col>
    </Grid>
  );
}

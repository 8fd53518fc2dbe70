import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Grid,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { IndexDefinitionInput, IndexResponse, SavedIndex } from '@regionlink/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { saveBlob } from '../../components/grapher/download';
import { Grapher } from '../../components/grapher/Grapher';
import { ApiError, apiFetch } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useMe } from '../access/api';
import { useBoundaries } from '../geo/api';
import { useIndicators } from '../statistics/api';
import { DATE_34, DATE_63 } from './api';
import { ANALYTICS } from './i18n';
import { decodeItems, definitionOf, encodeItems, type IndexItem, indexAsData, LOWER_IS_BETTER } from './indexModel';
import { yearsLabel } from './model';

const DEFAULT_ITEMS = 'grdp_per_capita:h:2,population_density:h:1,area:l:1';

/**
 * The composite-index page: pick indicators (three or more), their direction and weight, a year and a geography; the
 * server scores every province 0–10 (`POST /api/v1/analytics/index`), ranks and maps them, and shows the method and
 * each component. The whole configuration lives in the URL; "save" stores the definition and gives `?id=N`, which
 * rebuilds it when opened.
 */
export function IndexPage() {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const indicators = useIndicators();
  const savedId = params.get('id') ? Number(params.get('id')) : null;
  const saved = useQuery({
    queryKey: ['analytics', 'indices', savedId],
    queryFn: () => apiFetch<SavedIndex>(`/api/v1/analytics/indices/${savedId}`),
    enabled: savedId !== null && !params.get('ind'),
    retry: false,
  });
  const fromSaved = savedId !== null && !params.get('ind') ? saved.data?.definition : undefined;

  const items: IndexItem[] = fromSaved
    ? fromSaved.indicators.map((i) => ({ code: i.code, direction: i.direction, weight: i.weight }))
    : decodeItems(params.get('ind') ?? (savedId !== null ? null : DEFAULT_ITEMS));
  const at = (fromSaved?.at ?? params.get('at')) === DATE_63 ? DATE_63 : DATE_34;
  const missing = (fromSaved?.missing ?? params.get('missing')) === 'reweight' ? 'reweight' : 'exclude';
  const DEFAULT_NAME = ANALYTICS.defaultIndexName;
  const nameVi = fromSaved?.nameVi ?? params.get('name') ?? DEFAULT_NAME.vi;
  // A name typed in the form is used in both languages; the default has its own English.
  const nameEn = fromSaved?.nameEn ?? params.get('nameEn') ?? (nameVi === DEFAULT_NAME.vi ? DEFAULT_NAME.en : '');

  const byCode = useMemo(() => new Map((indicators.data?.items ?? []).map((i) => [i.code, i])), [indicators.data]);
  const commonPeriods = useMemo(() => {
    if (!items.length || !indicators.data) return [];
    const lists = items.map((i) => byCode.get(i.code)?.periods ?? []);
    return lists[0].filter((p) => lists.every((l) => l.includes(p))).sort((a, b) => b - a);
  }, [items, byCode, indicators.data]);
  const latestYear = fromSaved?.latestYear ?? params.get('latest') === '1';
  // With "latest year", any year one of the indicators has will do (the others take their latest year before it).
  const yearChoices = useMemo(
    () =>
      latestYear
        ? [...new Set(items.flatMap((i) => byCode.get(i.code)?.periods ?? []))].sort((a, b) => b - a)
        : commonPeriods,
    [latestYear, items, byCode, commonPeriods],
  );
  const periodParam = fromSaved?.period ?? (params.get('period') ? Number(params.get('period')) : null);
  const period = periodParam !== null && yearChoices.includes(periodParam) ? periodParam : (yearChoices[0] ?? null);

  /** Any edit leaves the saved definition: the URL then carries the configuration itself. */
  const update = (patch: {
    items?: IndexItem[];
    period?: number | null;
    at?: string;
    missing?: string;
    name?: string;
    latest?: boolean;
  }) => {
    const next = new URLSearchParams();
    const its = patch.items ?? items;
    next.set('ind', encodeItems(its));
    const p = patch.period !== undefined ? patch.period : period;
    if (p !== null) next.set('period', String(p));
    const a = patch.at ?? at;
    if (a === DATE_63) next.set('at', a);
    const m = patch.missing ?? missing;
    if (m === 'reweight') next.set('missing', m);
    if (patch.latest ?? latestYear) next.set('latest', '1');
    const n = patch.name ?? nameVi;
    if (n && n !== DEFAULT_NAME.vi) next.set('name', n);
    if (params.get('nameEn')) next.set('nameEn', params.get('nameEn') as string);
    setParams(next, { replace: true });
  };

  const definition: IndexDefinitionInput | null =
    items.length >= 3 && period !== null
      ? definitionOf(items, period, at, missing, nameVi || DEFAULT_NAME.vi, nameEn, latestYear)
      : null;
  const result = useQuery({
    queryKey: ['analytics', 'index', definition, lang],
    queryFn: () => apiFetch<IndexResponse>('/api/v1/analytics/index', { method: 'POST', json: { definition, lang } }),
    enabled: definition !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const save = useMutation({
    mutationFn: (d: IndexDefinitionInput) =>
      apiFetch<SavedIndex>('/api/v1/analytics/indices', { method: 'POST', json: d }),
    onSuccess: (s) => navigate(`/analytics/index?id=${s.id}`, { replace: true }),
  });
  const topo = useBoundaries(at);
  const data = useMemo(
    () => (result.data ? indexAsData(result.data, ANALYTICS.scoreUnitVi.vi, ANALYTICS.scoreUnitVi.en) : null),
    [result.data],
  );

  const options = (indicators.data?.items ?? [])
    .filter((i) => i.periods.length > 0 && !items.some((x) => x.code === i.code))
    .map((i) => ({ value: i.code, label: `${pick(i.nameVi, i.nameEn)} (${yearsLabel(i.periods)})` }));
  const shareUrl = `${window.location.origin}/analytics/index?${params.toString()}`;
  const notThere = result.error instanceof ApiError && result.error.problem?.code === 'route_not_found';

  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to="/analytics" size="sm">
            {t('nationalDashboard')}
          </Anchor>
        </Text>
        <Title order={1} size="h2">
          {t('indexTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={1000}>
          {t('indexHint')}
        </Text>
      </div>
      {savedId !== null && (
        <Alert color="blue" p="xs" data-testid="saved-banner">
          {t('savedDefinition')} #{savedId}
          {saved.data
            ? ` — ${pick(saved.data.definition.nameVi, saved.data.definition.nameEn || saved.data.definition.nameVi)}`
            : ''}
          {saved.error ? ` — ${saved.error instanceof ApiError ? saved.error.text(lang) : String(saved.error)}` : ''}
        </Alert>
      )}
      <Card withBorder padding="sm" data-testid="index-builder">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              size="xs"
              label={t('indexName')}
              value={nameVi === DEFAULT_NAME.vi ? pick(DEFAULT_NAME.vi, DEFAULT_NAME.en) : nameVi}
              onChange={(e) =>
                update({ name: e.currentTarget.value === DEFAULT_NAME.en ? DEFAULT_NAME.vi : e.currentTarget.value })
              }
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Select
              size="xs"
              label={t('indexYear')}
              data={yearChoices.map(String)}
              value={period !== null ? String(period) : null}
              onChange={(v) => v && update({ period: Number(v) })}
              w={110}
              data-testid="index-year"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Checkbox
              size="xs"
              label={t('latestYear')}
              checked={latestYear}
              onChange={(e) => update({ latest: e.currentTarget.checked })}
              data-testid="index-latest"
              maw={260}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Text size="xs" fw={500} mb={2}>
              {t('geography')}
            </Text>
            <SegmentedControl
              size="xs"
              value={at}
              onChange={(v) => update({ at: v })}
              data={[
                { value: DATE_34, label: t('geo34') },
                { value: DATE_63, label: t('geo63') },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Text size="xs" fw={500} mb={2}>
              {t('missingRule')}
            </Text>
            <SegmentedControl
              size="xs"
              value={missing}
              onChange={(v) => update({ missing: v })}
              data={[
                { value: 'exclude', label: t('missingExclude') },
                { value: 'reweight', label: t('missingReweight') },
              ]}
            />
          </Grid.Col>
        </Grid>
        <Table fz="sm" mt="sm" data-testid="index-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th>{t('direction')}</Table.Th>
              <Table.Th w={120}>{t('weight')}</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((it, k) => {
              const ind = byCode.get(it.code);
              return (
                <Table.Tr key={it.code} data-testid="index-item" data-code={it.code}>
                  <Table.Td>{ind ? pick(ind.nameVi, ind.nameEn) : it.code}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      value={it.direction}
                      onChange={(v) =>
                        update({
                          items: items.map((x, j) => (j === k ? { ...x, direction: v as IndexItem['direction'] } : x)),
                        })
                      }
                      data={[
                        { value: 'higher_better', label: t('higherBetter') },
                        { value: 'lower_better', label: t('lowerBetter') },
                      ]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={0}
                      max={1000}
                      step={1}
                      value={it.weight}
                      onChange={(v) =>
                        update({ items: items.map((x, j) => (j === k ? { ...x, weight: Number(v) || 0 } : x)) })
                      }
                      aria-label={`${t('weight')} ${it.code}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => update({ items: items.filter((_, j) => j !== k) })}
                    >
                      {t('remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group mt="xs" align="flex-end" justify="space-between">
          <Select
            size="xs"
            searchable
            placeholder={t('addIndicator')}
            data={options}
            value={null}
            onChange={(v) =>
              v &&
              update({
                items: [
                  ...items,
                  { code: v, direction: LOWER_IS_BETTER.has(v) ? 'lower_better' : 'higher_better', weight: 1 },
                ],
              })
            }
            w={420}
            maxDropdownHeight={360}
            data-testid="index-add"
          />
          <Group gap="xs">
            <CopyButton value={shareUrl}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? '✓' : t('shareLink')}
                </Button>
              )}
            </CopyButton>
            {/* Saved indices are public content: viewers are read-only and do not save. */}
            {me.data?.role === 'viewer' ? null : me.data ? (
              <Button
                size="xs"
                disabled={!definition}
                loading={save.isPending}
                onClick={() => definition && save.mutate(definition)}
                data-testid="index-save"
              >
                {t('save')}
              </Button>
            ) : (
              <Anchor component={Link} to="/login" size="xs">
                {t('saveSignIn')}
              </Anchor>
            )}
          </Group>
        </Group>
        {save.error && (
          <Alert color="red" mt="xs" p="xs">
            {save.error instanceof ApiError ? save.error.text(lang) : String(save.error)}
          </Alert>
        )}
        {savedId !== null && saved.data && (
          <Text size="xs" mt="xs" data-testid="saved-link">
            {t('saved')} <code>{`${window.location.origin}/analytics/index?id=${savedId}`}</code>
          </Text>
        )}
      </Card>

      {savedId !== null && saved.isLoading ? (
        <Loader />
      ) : items.length < 3 ? (
        <Alert color="gray">{t('needThree')}</Alert>
      ) : period === null && indicators.data ? (
        <Alert color="orange">{t('noCommonYear')}</Alert>
      ) : result.isLoading ? (
        <Loader />
      ) : notThere ? (
        <Alert color="gray">{t('indexUnavailable')}</Alert>
      ) : result.error ? (
        <Alert color="orange" title={t('loadError')}>
          {result.error instanceof ApiError ? result.error.text(lang) : String(result.error)}
        </Alert>
      ) : result.data && data ? (
        <IndexResult res={result.data} data={data} topology={topo.data ?? null} at={at} />
      ) : null}
    </Stack>
  );
}

function IndexResult({
  res,
  data,
  topology,
  at,
}: {
  res: IndexResponse;
  data: ReturnType<typeof indexAsData>;
  topology: Parameters<typeof Grapher>[0]['topology'];
  at: string;
}) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  const navigate = useNavigate();
  const ind = (code: string) => res.indicators.find((i) => i.code === code);
  const unitName = (code: string | null) => {
    const u = res.units.find((x) => x.code === code);
    return u ? pick(u.nameVi, u.nameEn) : (code ?? '—');
  };
  const atQs = at === DATE_63 ? `?at=${DATE_63}` : '';
  const json = JSON.stringify(res.query.definition);
  /** The scores, ranks and components as CSV, from the server (`POST /analytics/index` with `format: 'csv'`). */
  const downloadCsv = async () => {
    const body =
      res.query.id !== null
        ? { id: res.query.id, lang, format: 'csv' }
        : { definition: res.query.definition, lang, format: 'csv' };
    const r = await fetch('/api/v1/analytics/index', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.ok) saveBlob(await r.blob(), `composite-index-${res.query.definition.period}-${at}.csv`);
  };
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <Grapher
            data={data}
            topology={topology}
            tabs={['map', 'chart', 'table']}
            onProvinceClick={(c) => navigate(`/analytics/province/${c}${atQs}`)}
            fileName={`composite-index-${res.query.definition.period}-${at}`}
            title={`${pick(res.query.definition.nameVi, res.query.definition.nameEn || res.query.definition.nameVi)} (${pick(ANALYTICS.scoreUnitVi.vi, ANALYTICS.scoreUnitVi.en)})`}
            height={480}
          />
          <Card withBorder padding="sm" data-testid="index-method">
            <Text fw={600}>{t('methodTitle')}</Text>
            {res.methods.map((m) => (
              <Text size="xs" key={m.id}>
                <b>{pick(m.nameVi, m.nameEn)}</b>: <code>{pick(m.formula, m.formulaEn)}</code> — {pick(m.vi, m.en)}
              </Text>
            ))}
            <Table fz="xs" mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indicator')}</Table.Th>
                  <Table.Th>{t('direction')}</Table.Th>
                  <Table.Th ta="right">{t('weight')}</Table.Th>
                  <Table.Th ta="right">{t('normalisedWeight')}</Table.Th>
                  <Table.Th>{t('worst')}</Table.Th>
                  <Table.Th>{t('best')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {res.components.map((c, k) => {
                  const i = ind(c.code);
                  const worst = c.direction === 'higher_better' ? c.min : c.max;
                  const best = c.direction === 'higher_better' ? c.max : c.min;
                  return (
                    <Table.Tr key={c.code} data-testid="index-component" data-code={c.code}>
                      <Table.Td>
                        <b>C{k + 1}</b> {i ? pick(i.nameVi, i.nameEn) : c.code}
                        {i ? ` (${pick(i.unitVi, i.unitEn)})` : ''} · n = {c.n} ·{' '}
                        <span data-testid="component-year">{c.period}</span>
                      </Table.Td>
                      <Table.Td>{c.direction === 'higher_better' ? t('higherBetter') : t('lowerBetter')}</Table.Td>
                      <Table.Td ta="right">{formatNumber(c.weight, lang, 2)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(c.normalisedWeight * 100, lang, 1)} %</Table.Td>
                      <Table.Td>
                        {unitName(c.worstUnit)} ({formatNumber(worst, lang, i?.decimals ?? 2)})
                      </Table.Td>
                      <Table.Td>
                        {unitName(c.bestUnit)} ({formatNumber(best, lang, i?.decimals ?? 2)})
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt={4}>
              {pick(res.notesVi.join(' '), res.notesEn.join(' '))}
            </Text>
            <Text size="xs" c="dimmed">
              {t('source')}:{' '}
              {res.datasets
                .map((d) => `${pick(d.publisher, d.publisherEn)} — ${pick(d.titleVi, d.titleEn)}`)
                .join('; ')}
            </Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              JSON: <code>{json}</code>
            </Text>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Card withBorder padding="sm" data-testid="index-ranking">
          <Group justify="space-between">
            <Text fw={600}>
              {t('ranking')} — {res.ranked} {t('provincesScored')}
            </Text>
            <Anchor component="button" size="xs" onClick={() => void downloadCsv()} data-testid="index-csv">
              {t('downloadCsv')}
            </Anchor>
          </Group>
          <Table fz="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rank')}</Table.Th>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th ta="right">{t('score')}</Table.Th>
                {res.components.map((c, k) => (
                  <Table.Th
                    key={c.code}
                    ta="right"
                    title={ind(c.code) ? pick(ind(c.code)!.nameVi, ind(c.code)!.nameEn) : c.code}
                  >
                    C{k + 1}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {res.units.map((u) => (
                <Table.Tr key={u.code} data-testid="index-row" data-code={u.code}>
                  <Table.Td>{u.rank ?? '—'}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/analytics/province/${u.code}${atQs}`} size="xs">
                      {pick(u.nameVi, u.nameEn)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="index-score">
                    {formatNumber(u.score, lang, 2)}
                  </Table.Td>
                  {res.components.map((c) => {
                    const part = u.components.find((x) => x.indicator === c.code);
                    return (
                      <Table.Td
                        key={c.code}
                        ta="right"
                        title={
                          part?.value !== null && part ? formatNumber(part.value, lang, ind(c.code)?.decimals ?? 2) : ''
                        }
                      >
                        {formatNumber(part?.score, lang, 1)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt={4}>
            {t('components')}: {t('score')} 0–10{' '}
            {pick('của từng chỉ tiêu; di chuột để xem giá trị gốc.', 'of each indicator; hover for the raw value.')}
          </Text>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

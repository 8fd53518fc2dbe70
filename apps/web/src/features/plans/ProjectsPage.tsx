import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ProjectListItem } from '@regionlink/shared';
import { SECTORS, VINTAGE_34, VINTAGE_63, viCollator } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { qs, useFundingSummary, useGeography, usePlans, useProjects, useTimeline, useVocabulary } from './api';
import { DemoBadge, StatusBadge } from './components/Badges';
import { FundingPanel } from './components/FundingPanel';
import { ProjectMap } from './components/ProjectMap';
import { Timeline } from './components/Timeline';
import { DICT } from './i18n';

const FILTER_KEYS = [
  'region',
  'province',
  'plan',
  'taskGroup',
  'sector',
  'phase',
  'status',
  'funding',
  'interProvincial',
  'late',
  'q',
];

function provincesLabel(p: ProjectListItem, pick: (vi: string, en: string) => string) {
  const names = p.provinces.map((x) => {
    const today = x.today && x.today.nameVi !== x.nameVi ? ` → ${pick(x.today.nameVi, x.today.nameEn)}` : '';
    return `${pick(x.nameVi, x.nameEn)}${today}${x.role === 'affected' ? ' (*)' : ''}`;
  });
  return names.join(', ');
}

/** The registry's table: one row per project with its provinces, status and money (million VND). */
function RegistryTable({ items }: { items: ProjectListItem[] }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  return (
    <Card withBorder padding={0}>
      <Table striped highlightOnHover fz="sm" stickyHeader data-testid="registry-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('code')}</Table.Th>
            <Table.Th>{t('name')}</Table.Th>
            <Table.Th>{t('sector')}</Table.Th>
            <Table.Th>{t('phase')}</Table.Th>
            <Table.Th>{t('provinces')}</Table.Th>
            <Table.Th>{t('interProvincial')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th ta="right">{t('planned')}</Table.Th>
            <Table.Th ta="right">{t('allocated')}</Table.Th>
            <Table.Th ta="right">{t('disbursed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.code} data-code={p.code} bg={p.lateMilestones > 0 ? 'red.0' : undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/projects/${p.code}`} size="sm">
                  {pick(p.nameVi, p.nameEn)}
                </Anchor>
                {p.lateMilestones > 0 && (
                  <Badge size="xs" color="red" ml={6}>
                    {p.lateMilestones} {t(p.lateMilestones === 1 ? 'lateMilestone' : 'lateMilestones')}
                  </Badge>
                )}
                {p.hasDemoData && <DemoBadge />}
              </Table.Td>
              <Table.Td>{pick(SECTORS[p.sector].vi, SECTORS[p.sector].en)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.phase ?? '—'}</Table.Td>
              <Table.Td>
                {provincesLabel(p, pick) || '—'}
                {p.unresolved.length > 0 && (
                  <Text span size="xs" c="orange.8">
                    {' '}
                    + {p.unresolved.map((u) => pick(u.text, u.textEn ?? '')).join('; ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.interProvincial ? t('yes') : t('no')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td ta="right">{p.funding.lineCount ? formatNumber(p.funding.planned, lang) : '—'}</Table.Td>
              <Table.Td ta="right">{p.funding.lineCount ? formatNumber(p.funding.allocated, lang) : '—'}</Table.Td>
              <Table.Td ta="right">{p.funding.lineCount ? formatNumber(p.funding.disbursed, lang) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** One filter of the registry: a select whose value lives in the URL. */
interface FilterDef {
  key: string;
  label: string;
  w: number;
  data: { value: string; label: string }[];
  searchable?: boolean;
  testId?: string;
}

/**
 * The registry's filters, kept in the URL (`set`); the free-text search applies on Enter or when leaving the field.
 */
function RegistryFilters({
  filters,
  sort,
  set,
  reset,
}: {
  filters: Record<string, string>;
  sort: string;
  set: (k: string, v: string | null) => void;
  reset: () => void;
}) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const vocab = useVocabulary();
  const plans = usePlans();
  const today = useGeography(VINTAGE_34);
  const [search, setSearch] = useState(filters.q ?? '');
  const opts = (items: { code: string; vi: string; en: string }[] | undefined) =>
    (items ?? []).map((i) => ({ value: i.code, label: pick(i.vi, i.en) }));
  const provinceOptions = useMemo(
    () =>
      [...(today.units.data?.items ?? [])]
        .sort((a, b) => viCollator.compare(a.nameVi, b.nameVi))
        .map((u) => ({ value: u.code, label: `${u.nameVi} (${u.code})` })),
    [today.units.data],
  );
  const yesNo = [
    { value: 'true', label: t('yes') },
    { value: 'false', label: t('no') },
  ];
  const defs: FilterDef[] = [
    {
      key: 'region',
      label: t('region'),
      w: 230,
      testId: 'filter-region',
      data: (today.regions.data?.items ?? []).map((r) => ({ value: r.code, label: pick(r.nameVi, r.nameEn) })),
    },
    { key: 'province', label: t('province'), w: 190, searchable: true, data: provinceOptions },
    {
      key: 'plan',
      label: t('plan'),
      w: 230,
      data: (plans.data?.items ?? []).map((p) => ({ value: p.code, label: pick(p.nameVi, p.nameEn) })),
    },
    { key: 'sector', label: t('sector'), w: 190, data: opts(vocab.data?.sectors) },
    {
      key: 'phase',
      label: t('phase'),
      w: 130,
      data: [
        { value: '2021-2025', label: '2021–2025' },
        { value: '2026-2030', label: '2026–2030' },
        { value: 'unspecified', label: t('unspecified') },
      ],
    },
    { key: 'status', label: t('status'), w: 170, data: opts(vocab.data?.statuses) },
    { key: 'funding', label: t('funding'), w: 200, data: opts(vocab.data?.fundingSources) },
    { key: 'interProvincial', label: t('interProvincial'), w: 110, data: yesNo },
    { key: 'late', label: t('late'), w: 100, data: yesNo },
  ];
  return (
    <Card withBorder padding="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        {defs.map((d) => (
          <Select
            key={d.key}
            label={d.label}
            data-testid={d.testId}
            w={d.w}
            size="xs"
            clearable
            searchable={d.searchable}
            value={filters[d.key] ?? null}
            onChange={(v) => set(d.key, v)}
            data={d.data}
            placeholder={t('all')}
          />
        ))}
        <TextInput
          label={t('search')}
          size="xs"
          w={200}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('q', search.trim() || null);
          }}
          onBlur={() => set('q', search.trim() || null)}
        />
        <Select
          label={t('sort')}
          w={230}
          size="xs"
          value={sort}
          onChange={(v) => set('sort', v === 'plan' ? null : v)}
          data={(['plan', 'name', 'code', 'planned'] as const).map((k) => ({ value: k, label: t(`sort_${k}`) }))}
        />
        <Button size="xs" variant="subtle" onClick={reset}>
          {t('reset')}
        </Button>
      </Group>
    </Card>
  );
}

/** The project registry: filters (in the URL), table, map, money and timeline for the same filters, and exports. */
export function ProjectsPage() {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const [params, patch, setParams] = useSearchPatch('push');
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const tab = params.get('tab') ?? 'table';
  const [vintage, setVintage] = useState<string>(VINTAGE_63);
  const sort = params.get('sort') ?? 'plan';
  const list = useProjects(filters, sort);
  const summary = useFundingSummary(filters);
  const timeline = useTimeline(filters);

  const set = (k: string, v: string | null) => patch({ [k]: v });
  // The server sorts names in Vietnamese order; in English the English names are sorted here instead.
  const items = useMemo(() => {
    const all = list.data?.items ?? [];
    if (sort !== 'name' || lang === 'vi') return all;
    const en = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    return [...all].sort((a, b) => en.compare(a.nameEn, b.nameEn));
  }, [list.data, sort, lang]);
  const exportUrl = (format: string) => `/api/v1/projects?${qs({ ...filters, format })}`;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('registryTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('registryIntro')}
        </Text>
      </div>
      <RegistryFilters filters={filters} sort={sort} set={set} reset={() => setParams(new URLSearchParams())} />
      {list.error && (
        <Alert color="red">{list.error instanceof ApiError ? list.error.text(lang) : String(list.error)}</Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          <Badge size="lg" variant="light" data-testid="project-count">
            {list.data ? list.data.total : '…'} {t('showing')}
          </Badge>
          {summary.data && (
            <Text size="sm" c="dimmed">
              {t('planned')} {formatNumber(summary.data.totals.planned, lang)} · {t('allocated')}{' '}
              {formatNumber(summary.data.totals.allocated, lang)} · {t('disbursed')}{' '}
              {formatNumber(summary.data.totals.disbursed, lang)} {t('millionVnd')}
            </Text>
          )}
          {summary.data?.includesDemo && <DemoBadge />}
        </Group>
        <Group gap={6}>
          <Text size="sm">{t('export')}:</Text>
          {(['csv', 'xlsx', 'iati'] as const).map((f) => (
            <Button key={f} component="a" href={exportUrl(f)} size="xs" variant="default" data-testid={`export-${f}`}>
              {f === 'iati' ? 'IATI 2.03 XML' : f.toUpperCase()}
            </Button>
          ))}
        </Group>
      </Group>
      <Tabs value={tab} onChange={(v) => set('tab', v === 'table' ? null : v)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="table">{t('table')}</Tabs.Tab>
          <Tabs.Tab value="map">{t('map')}</Tabs.Tab>
          <Tabs.Tab value="money">{t('money')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('timeline')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="table" pt="sm">
          {list.isLoading ? <Loader /> : <RegistryTable items={items} />}
          <Text size="xs" c="dimmed" mt={6}>
            (*) {t('role_affected')}. {t('interRule')} {t('millionVnd')}.
          </Text>
        </Tabs.Panel>
        <Tabs.Panel value="map" pt="sm">
          <Card withBorder padding="xs" maw={1000}>
            <ProjectMap projects={items} vintage={vintage} onVintage={setVintage} height={470} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="money" pt="sm">
          {summary.data ? <FundingPanel summary={summary.data} /> : <Loader />}
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="sm">
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('timelineTitle')}
            </Text>
            {timeline.data ? <Timeline data={timeline.data} /> : <Loader />}
          </Card>
        </Tabs.Panel>
      </Tabs>
      <Text size="xs" c="dimmed">
        {t('source')}:{' '}
        {pick(
          'Kế hoạch thực hiện Quy hoạch vùng trung du và miền núi phía Bắc (nội dung văn bản, mục II.1.a–d; Phụ lục II không có trong văn bản nguồn). Vùng lọc theo địa giới hiện nay: dự án thuộc vùng khi có ít nhất một tỉnh thuộc vùng.',
          'Implementation Plan of the Northern Midlands and Mountains regional plan (body text, II.1.a–d; Appendix II is missing from the source). The region filter uses today’s geography: a project is in a region when it touches one of its provinces.',
        )}{' '}
        {t('demoNote')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('geography')}: {vintage === VINTAGE_63 ? t('geo63') : t('geo34')}
      </Text>
    </Stack>
  );
}

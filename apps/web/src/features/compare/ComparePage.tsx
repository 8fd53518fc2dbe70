import {
  Alert,
  Card,
  Group,
  Loader,
  MultiSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { DataResponse, DataRow, Indicator } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { useDict, useI18n } from '../../app/i18n';
import { apiFetch } from '../../lib/api';
import { formatNumber, sortVi } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { DATE_34 } from '../geo/api';
import { useIndicators } from '../statistics/api';
import { COMPARE } from './i18n';

const COLORS = ['#1f4e79', '#c0392b', '#1e7b4a', '#8e44ad', '#a35f00', '#0b7a8d'];
const MAX_UNITS = 6;
const MAX_INDICATORS = 4;
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** All units of a level with their names (from the population query, which every unit has). */
function useUnitsOf(level: string) {
  return useQuery({
    queryKey: ['compare', 'units', level],
    queryFn: () => apiFetch<DataResponse>(`/api/v1/data?indicator=population&level=${level}&at=${DATE_34}`),
    staleTime: 300_000,
  });
}

function useCompare(level: string, units: string[], indicators: string[]) {
  const ready = units.length >= 2 && indicators.length >= 1;
  return useQuery({
    queryKey: ['compare', level, units, indicators],
    enabled: ready,
    queryFn: () =>
      apiFetch<DataResponse>(
        `/api/v1/data?${new URLSearchParams({ indicator: indicators.join(','), level, at: DATE_34, unit: units.join(',') })}`,
      ),
  });
}

/** `/compare`: 2–6 provinces or regions side by side over chosen indicators. */
export function ComparePage() {
  const t = useDict(COMPARE);
  const { pick } = useI18n();
  const [params, patch, setParams] = useSearchPatch();
  const level = params.get('level') === 'region' ? 'region' : 'province';
  const units = list(params.get('units')).slice(0, MAX_UNITS);
  const indicators = list(params.get('ind') ?? 'population,grdp_per_capita').slice(0, MAX_INDICATORS);
  const set = (k: string, v: string[]) => patch({ [k]: v.join(',') });
  const catalogue = useIndicators();
  const options = useUnitsOf(level);
  const data = useCompare(level, units, indicators);
  const unitOptions = sortVi(
    [...new Map((options.data?.rows ?? []).map((r) => [r.unitCode, pick(r.unitName, r.unitNameEn)])).entries()],
    ([, name]) => name,
  ).map(([value, label]) => ({ value, label }));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <Card withBorder>
        <Stack gap="sm">
          <SegmentedControl
            w="fit-content"
            value={level}
            onChange={(v) => {
              setParams(new URLSearchParams({ level: v, ind: indicators.join(',') }), { replace: true });
            }}
            data={[
              { value: 'province', label: t('province') },
              { value: 'region', label: t('region') },
            ]}
            aria-label={t('level')}
          />
          <MultiSelect
            label={t('units')}
            data={unitOptions}
            value={units}
            onChange={(v) => set('units', v)}
            maxValues={MAX_UNITS}
            searchable
            data-testid="compare-units"
          />
          <MultiSelect
            label={t('indicators')}
            data={sortVi(catalogue.data?.items ?? [], (i) => pick(i.nameVi, i.nameEn)).map((i) => ({
              value: i.code,
              label: pick(i.nameVi, i.nameEn),
            }))}
            value={indicators}
            onChange={(v) => set('ind', v)}
            maxValues={MAX_INDICATORS}
            searchable
            data-testid="compare-indicators"
          />
        </Stack>
      </Card>
      {units.length < 2 || indicators.length < 1 ? (
        <Alert color="blue">{t('pickMore')}</Alert>
      ) : data.isLoading ? (
        <Loader />
      ) : data.error ? (
        <Alert color="red" role="alert">
          {String(data.error)}
        </Alert>
      ) : (
        data.data?.indicators.map((ind) => (
          <IndicatorCompare
            key={ind.code}
            indicator={ind}
            rows={data.data!.rows.filter((r) => r.indicator === ind.code)}
            units={units}
          />
        ))
      )}
    </Stack>
  );
}

/** One indicator across the chosen units: table of the recent years, bars of the latest, lines over all years. */
function IndicatorCompare({ indicator, rows, units }: { indicator: Indicator; rows: DataRow[]; units: string[] }) {
  const t = useDict(COMPARE);
  const { pick, lang } = useI18n();
  const periods = [...new Set(rows.filter((r) => r.value !== null).map((r) => Number(r.period)))].sort((a, b) => a - b);
  const recent = periods.slice(-6);
  const value = (u: string, p: number) => rows.find((r) => r.unitCode === u && Number(r.period) === p)?.value ?? null;
  const name = (u: string) => {
    const r = rows.find((x) => x.unitCode === u);
    return r ? pick(r.unitName, r.unitNameEn) : u;
  };
  const unit = pick(indicator.unitVi, indicator.unitEn);
  const fmt = (v: number | null) => formatNumber(v, lang, indicator.decimals);
  const sources = [...new Map(rows.flatMap((r) => r.sources).map((s) => [s.releaseId, s])).values()];
  const methods = [...new Set(rows.map((r) => pick(r.method.textVi, r.method.textEn)))];
  return (
    <Card withBorder data-testid={`compare-${indicator.code}`}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {pick(indicator.nameVi, indicator.nameEn)}{' '}
          <Text span c="dimmed" size="sm">
            ({unit})
          </Text>
        </Title>
        {periods.length === 0 ? (
          <Text size="sm">{t('noData')}</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={360}>
              <Table striped fz="sm" data-testid="compare-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th style={{ position: 'sticky', left: 0, background: 'white', minWidth: 130 }}>
                      {t('unit')}
                    </Table.Th>
                    {recent.map((p) => (
                      <Table.Th key={p} ta="right">
                        {p}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {units.map((u) => (
                    <Table.Tr key={u} data-unit={u}>
                      <Table.Th style={{ position: 'sticky', left: 0, background: 'white', minWidth: 130 }}>
                        {name(u)}
                      </Table.Th>
                      {recent.map((p) => (
                        <Table.Td key={p} ta="right">
                          {fmt(value(u, p))}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Bars units={units} name={name} period={periods[periods.length - 1]} value={value} fmt={fmt} />
              <Lines units={units} name={name} periods={periods} value={value} />
            </SimpleGrid>
          </>
        )}
        <Text size="xs" data-testid="compare-sources">
          <b>{t('source')}:</b>{' '}
          {sources
            .map((s) => `${s.dataset} (${pick(s.publisher, s.publisherEn)}, ${s.publishedAt.slice(0, 10)})`)
            .join('; ') || '—'}
        </Text>
        <Text size="xs">
          <b>{t('method')}:</b> {methods.join('; ')}
        </Text>
      </Stack>
    </Card>
  );
}

type ValueOf = (u: string, p: number) => number | null;

function Bars({
  units,
  name,
  period,
  value,
  fmt,
}: {
  units: string[];
  name: (u: string) => string;
  period: number;
  value: ValueOf;
  fmt: (v: number | null) => string;
}) {
  const t = useDict(COMPARE);
  const max = Math.max(...units.map((u) => Math.abs(value(u, period) ?? 0)), 1);
  return (
    <Stack gap={4} data-testid="compare-bars">
      <Text size="sm" fw={600}>
        {t('bars')} ({period})
      </Text>
      {units.map((u, i) => (
        <Group key={u} gap="xs" wrap="nowrap">
          <Text size="xs" w={110} truncate title={name(u)}>
            {name(u)}
          </Text>
          <div style={{ flex: 1, background: '#eef1f4', height: 14 }}>
            <div
              style={{ width: `${(Math.abs(value(u, period) ?? 0) / max) * 100}%`, height: 14, background: COLORS[i] }}
            />
          </div>
          <Text size="xs" w={90} ta="right">
            {fmt(value(u, period))}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Lines over the years; a year without a value breaks the line instead of bridging it. */
function Lines({
  units,
  name,
  periods,
  value,
}: {
  units: string[];
  name: (u: string) => string;
  periods: number[];
  value: ValueOf;
}) {
  const t = useDict(COMPARE);
  const W = 320;
  const H = 140;
  const values = units.flatMap((u) => periods.map((p) => value(u, p))).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (p: number) =>
    periods.length < 2 ? W / 2 : 30 + ((p - periods[0]) / (periods[periods.length - 1] - periods[0])) * (W - 40);
  const y = (v: number) => (hi === lo ? H / 2 : H - 16 - ((v - lo) / (hi - lo)) * (H - 28));
  const segments = (u: string) => {
    const out: string[] = [];
    let cur: string[] = [];
    for (const p of periods) {
      const v = value(u, p);
      if (v === null) {
        if (cur.length) out.push(cur.join(' '));
        cur = [];
      } else cur.push(`${x(p).toFixed(1)},${y(v).toFixed(1)}`);
    }
    if (cur.length) out.push(cur.join(' '));
    return out;
  };
  return (
    <Stack gap={4} data-testid="compare-lines">
      <Text size="sm" fw={600}>
        {t('lines')} ({periods[0]}–{periods[periods.length - 1]})
      </Text>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t('lines')}: ${units.map(name).join(', ')}`}
        style={{ width: '100%', height: 'auto' }}
      >
        {units.map((u, i) =>
          segments(u).map((pts) =>
            pts.includes(' ') ? (
              <polyline key={`${u}-${pts}`} points={pts} fill="none" stroke={COLORS[i]} strokeWidth={2} />
            ) : (
              <circle key={`${u}-${pts}`} cx={pts.split(',')[0]} cy={pts.split(',')[1]} r={2.5} fill={COLORS[i]} />
            ),
          ),
        )}
        <text x={30} y={H - 2} fontSize={10} fill="#495057">
          {periods[0]}
        </text>
        <text x={W - 10} y={H - 2} fontSize={10} fill="#495057" textAnchor="end">
          {periods[periods.length - 1]}
        </text>
      </svg>
      <Group gap="sm">
        {units.map((u, i) => (
          <Group key={u} gap={4} wrap="nowrap">
            <span style={{ width: 12, height: 3, background: COLORS[i], display: 'inline-block' }} />
            <Text size="xs">{name(u)}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  Pagination,
  Slider,
  Stack,
  Table,
  Tabs,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import type { DataResponse, DataRow } from '@regionlink/shared';
import { classBreaks, classOf, viCollator } from '@regionlink/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Topology } from 'topojson-specification';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { ProvinceMap } from '../ProvinceMap';
import { chartOption, chartSvg, echarts } from './chart';
import { composeMapSvg, saveBlob, saveUrl, svgToPng } from './download';
import { GRAPHER } from './i18n';

/** The tabs of the block. */
export type GrapherTab = 'chart' | 'map' | 'table';

/**
 * Props of the grapher block. Give it the response of `GET /api/v1/data` for one indicator and it shows the same rows
 * as a chart, a map and a table, with a period slider, the source and method under them, and downloads.
 */
/** The exchange formats of a query's data. */
export type ExchangeFormat = 'csv-vi' | 'sdmx-csv' | 'sdmx-json';

export interface GrapherProps {
  /** `GET /api/v1/data` for ONE indicator, all the periods the block may show. */
  data: DataResponse;
  /** Boundaries (TopoJSON) of the provinces in force on `data.query.at`; without them the Map tab is hidden. */
  topology?: Topology | null;
  /** For region or grouping rows: province code → the row code that colours it on the map. */
  memberOf?: Map<string, string>;
  /** Period shown by the map and the table (controlled). Default: the latest period with data. */
  period?: number | string;
  onPeriodChange?: (period: number | string) => void;
  /** Active tab (controlled) and the tabs offered. */
  tab?: GrapherTab;
  onTabChange?: (tab: GrapherTab) => void;
  tabs?: GrapherTab[];
  /** Server URLs of the data downloads: `period` = the rows of the period shown, `all` = every period. */
  downloadUrl?: (format: 'csv' | 'xlsx', scope: 'period' | 'all') => string;
  /** Server URLs of the exchange formats (vi-VN CSV, SDMX-CSV, SDMX-JSON), offered when given. */
  exchangeUrl?: (format: ExchangeFormat, scope: 'period' | 'all') => string;
  /** Called when a province is clicked on the map (e.g. open its page). */
  onProvinceClick?: (code: string) => void;
  /** Heading shown above the block and on pictures (default: the indicator's name and unit). */
  title?: string;
  /** Base name of downloaded files. */
  fileName?: string;
  height?: number;
}

const RAMP = ['#cfe0f0', '#9cc0e0', '#6a9fcf', '#3a78b0', '#1b4f86', '#0b2f57'];
const NO_DATA = '#d5dbe1';

/**
 * The grapher block (after Our World in Data's grapher): Chart / Map / Table of the same data, a period slider,
 * source and method printed under the figure, and Download PNG/SVG (picture) and CSV/XLSX/JSON (data).
 */
export function Grapher(props: GrapherProps) {
  const { data } = props;
  const t = useDict(GRAPHER);
  const { lang, pick } = useI18n();
  const indicator = data.indicators[0];
  const periods = data.query.periods;
  const latest = periods[periods.length - 1];
  const [periodState, setPeriodState] = useState<number | string | undefined>(undefined);
  const period = props.period ?? periodState ?? latest;
  const setPeriod = (p: number | string) => {
    setPeriodState(p);
    props.onPeriodChange?.(p);
  };
  const level = data.query.level;
  const mapPossible = !!props.topology && level !== 'commune' && level !== 'national';
  const tabs = (props.tabs ?? ['chart', 'map', 'table']).filter((x) => x !== 'map' || mapPossible);
  const [tabState, setTabState] = useState<GrapherTab>(props.tab ?? (mapPossible ? 'map' : 'chart'));
  const tab = props.tab && tabs.includes(props.tab) ? props.tab : tabs.includes(tabState) ? tabState : tabs[0];
  const setTab = (v: GrapherTab) => {
    setTabState(v);
    props.onTabChange?.(v);
  };
  const unit = lang === 'vi' ? indicator.unitVi : indicator.unitEn;
  const title = props.title ?? `${pick(indicator.nameVi, indicator.nameEn)} (${unit})`;
  const fmt = (v: number | null | undefined) => formatNumber(v, lang, indicator.decimals);

  const rowsNow = useMemo(
    () => data.rows.filter((r) => String(r.period) === String(period) && r.indicator === indicator.code),
    [data.rows, period, indicator.code],
  );
  const ranked = useMemo(() => {
    const withValue = rowsNow.filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number));
    return new Map(withValue.map((r, i) => [r.unitCode, i + 1]));
  }, [rowsNow]);

  // Units drawn on the chart: all when few, else the five largest of the latest period (the table adds others).
  const allUnits = useMemo(() => [...new Set(data.rows.map((r) => r.unitCode))], [data.rows]);
  const [selected, setSelected] = useState<string[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new data resets the series chosen by hand
  useEffect(() => {
    setSelected(null);
  }, [data]);
  const defaultSelected = useMemo(() => {
    if (allUnits.length <= 8) return allUnits;
    const last = data.rows.filter((r) => String(r.period) === String(latest) && r.value !== null);
    return last
      .sort((a, b) => (b.value as number) - (a.value as number))
      .slice(0, 5)
      .map((r) => r.unitCode);
  }, [allUnits, data.rows, latest]);
  const series = selected ?? defaultSelected;
  const toggle = (code: string) =>
    setSelected(series.includes(code) ? series.filter((c) => c !== code) : [...series, code]);

  // Map classes over the values of the period shown.
  const breaks = useMemo(
    () =>
      classBreaks(
        rowsNow.map((r) => r.value).filter((v): v is number => v !== null),
        5,
        indicator.decimals,
      ),
    [rowsNow, indicator.decimals],
  );
  const colors = RAMP.slice(0, breaks.length + 1);
  const rowByCode = useMemo(() => new Map(rowsNow.map((r) => [r.unitCode, r])), [rowsNow]);
  const rowOfProvince = (code: string) => rowByCode.get(props.memberOf?.get(code) ?? code);
  const fillOf = (code: string) => {
    const r = rowOfProvince(code);
    if (!r) return NO_DATA;
    if (r.value === null) return r.partialValue !== null ? '#eef1f4' : NO_DATA;
    return colors[classOf(r.value, breaks)] ?? NO_DATA;
  };
  const legend = [
    ...colors.map((c, i) => ({
      color: c,
      label:
        breaks.length === 0
          ? fmt(rowsNow.find((r) => r.value !== null)?.value)
          : i === 0
            ? `< ${fmt(breaks[0])}`
            : i === breaks.length
              ? `≥ ${fmt(breaks[i - 1])}`
              : `${fmt(breaks[i - 1])} – < ${fmt(breaks[i])}`,
    })),
    { color: NO_DATA, label: t('noData') },
  ];

  // Source and method lines, printed under the figure and on pictures.
  const sourceText = data.datasets
    .map((d) => {
      const rel = data.rows.flatMap((r) => r.sources).find((s) => s.dataset === d.code);
      return `${pick(d.publisher, d.publisherEn)} — ${pick(d.titleVi, d.titleEn)}${rel ? ` (${t('release')} #${rel.releaseNumber}, ${formatDate(rel.publishedAt)})` : ''}`;
    })
    .join('; ');
  const ruleText = pick(indicator.ruleVi, indicator.ruleEn);
  const geography = pick(data.query.geographyVi, data.query.geographyEn);

  // The chart (canvas on screen; an off-screen SVG rendering for the SVG download).
  const chartRef = useRef<HTMLDivElement>(null);
  const chartInstance = useRef<ReturnType<typeof echarts.init> | null>(null);
  const option = useMemo(
    () =>
      chartOption({
        rows: data.rows.filter((r) => r.indicator === indicator.code),
        indicator,
        periods,
        selected: series,
        lang,
      }),
    [data.rows, indicator, periods, series, lang],
  );
  useEffect(() => {
    if (tab !== 'chart' || !chartRef.current) return;
    const chart = echarts.init(chartRef.current, null, { renderer: 'canvas' });
    chartInstance.current = chart;
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
      chartInstance.current = null;
    };
  }, [tab]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is re-created when the tab opens, then filled
  useEffect(() => {
    chartInstance.current?.setOption(option, true);
  }, [option, tab]);

  const mapBox = useRef<HTMLDivElement>(null);
  const base = props.fileName ?? `${indicator.code}-${data.query.level}-${data.query.at}`;
  const picture = async (kind: 'png' | 'svg') => {
    if (tab === 'chart') {
      const withTitle = chartOption({
        rows: data.rows.filter((r) => r.indicator === indicator.code),
        indicator,
        periods,
        selected: series,
        lang,
        title,
        animation: false,
      });
      const svg = chartSvg(
        {
          ...withTitle,
          graphic: [
            {
              type: 'text',
              left: 8,
              bottom: 4,
              style: { text: `${t('source')}: ${sourceText}`.slice(0, 180), fontSize: 10, fill: '#445' },
            },
          ],
        },
        960,
        540,
      );
      if (kind === 'svg') saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
      else saveBlob(await svgToPng(svg, 960, 540), `${base}.png`);
      return;
    }
    const svgEl = mapBox.current?.querySelector('svg');
    if (!svgEl) return;
    const composed = composeMapSvg({
      mapSvg: svgEl as SVGSVGElement,
      title,
      subtitle: `${period} · ${geography}`,
      legend,
      source: `${t('source')}: ${sourceText}. ${t('methodFoot')}: ${ruleText}.`,
    });
    if (kind === 'svg') saveBlob(new Blob([composed.svg], { type: 'image/svg+xml' }), `${base}-${period}.svg`);
    else saveBlob(await svgToPng(composed.svg, composed.width, composed.height), `${base}-${period}.png`);
  };
  const json = () => saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `${base}.json`);

  // Table: Vietnamese alphabetical order by default, or by value.
  const [sort, setSort] = useState<{ by: 'name' | 'value' | 'code'; dir: 1 | -1 }>({ by: 'name', dir: 1 });
  const [page, setPage] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another period or other data starts at page 1
  useEffect(() => {
    setPage(1);
  }, [period, data]);
  const tableRows = useMemo(() => {
    const list = [...rowsNow];
    const name = (r: DataRow) => (lang === 'vi' ? r.unitName : r.unitNameEn);
    list.sort((a, b) => {
      if (sort.by === 'value') {
        const av = a.value ?? Number.NEGATIVE_INFINITY;
        const bv = b.value ?? Number.NEGATIVE_INFINITY;
        return (av - bv) * sort.dir || viCollator.compare(name(a), name(b));
      }
      if (sort.by === 'code') return a.unitCode.localeCompare(b.unitCode) * sort.dir;
      return viCollator.compare(name(a), name(b)) * sort.dir;
    });
    return list;
  }, [rowsNow, sort, lang]);
  const PAGE = 50;
  const pages = Math.ceil(tableRows.length / PAGE);
  const sortBy = (by: 'name' | 'value' | 'code') =>
    setSort((s) => ({ by, dir: s.by === by ? (s.dir === 1 ? -1 : 1) : by === 'value' ? -1 : 1 }));
  const arrow = (by: string) => (sort.by === by ? (sort.dir === 1 ? ' ▲' : ' ▼') : '');

  const numericPeriods = periods.every((p) => typeof p === 'number') ? (periods as number[]) : null;
  const statusBadge = (r: DataRow) =>
    r.status && r.status !== 'final' ? (
      <Badge size="xs" variant="light" color={r.status === 'estimate' ? 'grape' : 'yellow'} ml={6}>
        {t(r.status)}
      </Badge>
    ) : null;

  return (
    <Card withBorder padding="sm" data-testid="grapher">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600} size="lg" data-testid="grapher-title">
              {title}
            </Text>
            <Text size="sm" c="dimmed">
              {geography}
              {tab !== 'chart' ? ` · ${t('period')} ${period}` : ''}
            </Text>
          </div>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" data-testid="grapher-download">
                {t('download')} ▾
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('picture')}</Menu.Label>
              <Menu.Item disabled={tab === 'table'} onClick={() => void picture('png')}>
                PNG
              </Menu.Item>
              <Menu.Item disabled={tab === 'table'} onClick={() => void picture('svg')}>
                SVG
              </Menu.Item>
              <Menu.Divider />
              <Menu.Label>{t('data')}</Menu.Label>
              {props.downloadUrl && (
                <>
                  <Menu.Item
                    data-testid="download-csv"
                    onClick={() => saveUrl(props.downloadUrl!('csv', tab === 'chart' ? 'all' : 'period'))}
                  >
                    CSV ({tab === 'chart' ? t('allYears') : `${t('yearShown')} ${period}`})
                  </Menu.Item>
                  <Menu.Item onClick={() => saveUrl(props.downloadUrl!('xlsx', tab === 'chart' ? 'all' : 'period'))}>
                    XLSX ({tab === 'chart' ? t('allYears') : `${t('yearShown')} ${period}`})
                  </Menu.Item>
                </>
              )}
              {props.exchangeUrl && (
                <>
                  <Menu.Item
                    data-testid="download-csv-vi"
                    onClick={() => saveUrl(props.exchangeUrl!('csv-vi', tab === 'chart' ? 'all' : 'period'))}
                  >
                    {t('csvVi')} ({tab === 'chart' ? t('allYears') : `${t('yearShown')} ${period}`})
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Label>{t('exchange')}</Menu.Label>
                  {(['sdmx-csv', 'sdmx-json'] as const).map((f) => (
                    <Menu.Item
                      key={f}
                      data-testid={`download-${f}`}
                      onClick={() => saveUrl(props.exchangeUrl!(f, tab === 'chart' ? 'all' : 'period'))}
                    >
                      {f === 'sdmx-csv' ? 'SDMX-CSV 2.0' : 'SDMX-JSON 2.0'} (
                      {tab === 'chart' ? t('allYears') : `${t('yearShown')} ${period}`})
                    </Menu.Item>
                  ))}
                </>
              )}
              <Menu.Item onClick={json}>JSON ({t('allYears')})</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>

        <Tabs value={tab} onChange={(v) => v && setTab(v as GrapherTab)} keepMounted={false}>
          <Tabs.List>
            {tabs.map((x) => (
              <Tabs.Tab key={x} value={x} data-testid={`grapher-tab-${x}`}>
                {t(x)}
              </Tabs.Tab>
            ))}
          </Tabs.List>

          <Tabs.Panel value="chart" pt="xs">
            <Box
              ref={chartRef}
              h={periods.length <= 1 ? Math.max(props.height ?? 440, 60 + rowsNow.length * 16) : (props.height ?? 440)}
              data-testid="grapher-chart"
            />
            {allUnits.length > 8 && periods.length > 1 && (
              <Text size="xs" c="dimmed">
                {t('seriesHint')}
              </Text>
            )}
          </Tabs.Panel>

          <Tabs.Panel value="map" pt="xs">
            {mapPossible && props.topology ? (
              <Group align="flex-start" wrap="nowrap" gap="md">
                <Box ref={mapBox} style={{ flex: 1, maxWidth: 620 }} data-testid="grapher-map">
                  <ProvinceMap
                    topology={props.topology}
                    height={props.height ? Math.max(420, props.height) : 600}
                    fill={fillOf}
                    onSelect={props.onProvinceClick}
                    ariaLabel={`${title} — ${period}`}
                    labels={{
                      hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
                      truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
                    }}
                    hoverCard={(code) => {
                      const r = rowOfProvince(code);
                      if (!r) return code;
                      const memberName = props.memberOf ? code : null;
                      return (
                        <Stack gap={2}>
                          <Text fw={600} size="sm">
                            {pick(r.unitName, r.unitNameEn)}{' '}
                            {memberName ? `(${t('code')} ${memberName})` : `(${r.unitCode})`}
                          </Text>
                          <Text size="sm">
                            {r.value === null ? t('noData') : `${fmt(r.value)} ${unit}`}
                            {r.value === null && r.partialValue !== null
                              ? ` (${t('partialOf')}: ${fmt(r.partialValue)})`
                              : ''}
                          </Text>
                          {ranked.get(r.unitCode) && (
                            <Text size="xs">
                              {t('rank')} {ranked.get(r.unitCode)}/{ranked.size}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {pick(r.method.textVi, r.method.textEn)}
                          </Text>
                        </Stack>
                      );
                    }}
                  />
                </Box>
                <Stack gap={4} miw={170} data-testid="grapher-legend">
                  <Text size="sm" fw={600}>
                    {unit}
                  </Text>
                  {legend.map((l) => (
                    <Group key={l.label + l.color} gap={6} wrap="nowrap">
                      <Box w={16} h={14} bg={l.color} style={{ border: '1px solid #8a96a3', flex: 'none' }} />
                      <Text size="xs">{l.label}</Text>
                    </Group>
                  ))}
                  {props.onProvinceClick && (
                    <Text size="xs" c="dimmed" mt="xs">
                      {t('clickHint')}
                    </Text>
                  )}
                </Stack>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('mapUnavailable')}
              </Text>
            )}
          </Tabs.Panel>

          <Tabs.Panel value="table" pt="xs">
            <Table striped highlightOnHover fz="sm" data-testid="grapher-table" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>
                    <UnstyledButton onClick={() => sortBy('code')} fz="sm" fw={600}>
                      {t('code')}
                      {arrow('code')}
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Th>
                    <UnstyledButton onClick={() => sortBy('name')} fz="sm" fw={600} data-testid="sort-name">
                      {t('unitName')}
                      {arrow('name')}
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Th ta="right">
                    <UnstyledButton onClick={() => sortBy('value')} fz="sm" fw={600} data-testid="sort-value">
                      {t('value')} ({unit}){arrow('value')}
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Th w={60} ta="right">
                    {t('rank')}
                  </Table.Th>
                  <Table.Th>{t('method')}</Table.Th>
                  <Table.Th w={90}>{t('coverage')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tableRows.slice((page - 1) * PAGE, page * PAGE).map((r) => (
                  <Table.Tr
                    key={r.unitCode}
                    data-testid="grapher-row"
                    data-code={r.unitCode}
                    onClick={() => toggle(r.unitCode)}
                    style={{ cursor: 'pointer' }}
                    bg={allUnits.length > 8 && series.includes(r.unitCode) && periods.length > 1 ? 'blue.0' : undefined}
                  >
                    <Table.Td>{r.unitCode}</Table.Td>
                    <Table.Td data-testid="grapher-name">{pick(r.unitName, r.unitNameEn)}</Table.Td>
                    <Table.Td ta="right" data-testid="grapher-value" style={{ whiteSpace: 'nowrap' }}>
                      {r.value !== null ? (
                        fmt(r.value)
                      ) : r.partialValue !== null ? (
                        <Tooltip label={t('partialOf')}>
                          <Text span c="dimmed" size="sm">
                            ({fmt(r.partialValue)})
                          </Text>
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                      {statusBadge(r)}
                      {r.median !== null && (
                        <Text span size="xs" c="dimmed" ml={4}>
                          {t('median')} {fmt(r.median)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{ranked.get(r.unitCode) ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="xs">{pick(r.method.textVi, r.method.textEn)}</Text>
                      {r.alternatives.map((a) => (
                        <Text size="xs" c="grape.8" key={a.value}>
                          {t('alternatives')}: {fmt(a.value)} ({a.differencePct > 0 ? '+' : ''}
                          {formatNumber(a.differencePct, lang, 2)}%) — {pick(a.method.textVi, a.method.textEn)}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      {r.coverage.complete ? (
                        <Text size="xs">
                          {r.coverage.withData}/{r.coverage.total}
                        </Text>
                      ) : (
                        <Tooltip label={t('incomplete')}>
                          <Badge size="xs" color="orange" variant="light" tt="none">
                            {r.coverage.withData}/{r.coverage.total} ⚠
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {pages > 1 && (
              <Group justify="space-between" mt="xs">
                <Text size="xs" c="dimmed">
                  {t('showing')} {(page - 1) * PAGE + 1}–{Math.min(page * PAGE, tableRows.length)} {t('of')}{' '}
                  {tableRows.length} {t('units')}
                </Text>
                <Pagination size="sm" total={pages} value={page} onChange={setPage} />
              </Group>
            )}
          </Tabs.Panel>
        </Tabs>

        {tab !== 'chart' && numericPeriods && numericPeriods.length > 1 && (
          <Box px="md" pb="md" data-testid="grapher-slider">
            <Slider
              min={0}
              max={numericPeriods.length - 1}
              step={1}
              value={Math.max(0, numericPeriods.indexOf(Number(period)))}
              onChange={(i) => setPeriod(numericPeriods[i])}
              marks={numericPeriods.map((p, i) => ({ value: i, label: String(p) }))}
              label={(i) => `${t('period')} ${numericPeriods[i]}`}
              aria-label={t('period')}
              thumbLabel={t('period')}
            />
          </Box>
        )}

        <Stack gap={2} data-testid="grapher-footer" pt={4} style={{ borderTop: '1px solid #e3e7ec' }}>
          <Text size="xs">
            <b>{t('source')}:</b> {sourceText || '—'}
          </Text>
          <Text size="xs">
            <b>{t('methodFoot')}:</b> {ruleText}. {pick(data.notesVi.join(' '), data.notesEn.join(' '))}
          </Text>
          {data.datasets.some((d) => pick(d.caveatsVi, d.caveatsEn)) && (
            <Text size="xs" c="dimmed">
              {data.datasets
                .map((d) => pick(d.caveatsVi, d.caveatsEn))
                .filter(Boolean)
                .join(' ')}
            </Text>
          )}
          {data.datasets.length > 0 && (
            <Text size="xs">
              {t('datasets')}:{' '}
              {data.datasets.map((d, i) => (
                <span key={d.id}>
                  {i > 0 ? ', ' : ''}
                  <Anchor size="xs" href={`/data/datasets/${d.id}`}>
                    {d.code}
                  </Anchor>
                </span>
              ))}
            </Text>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}

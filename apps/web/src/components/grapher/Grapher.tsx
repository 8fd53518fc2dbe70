import { Box, Card, Group, Slider, Stack, Tabs, Text } from '@mantine/core';
import type { DataResponse, DataRow } from '@regionlink/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Topology } from 'topojson-specification';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { chartOption } from './chart-option';
import { DownloadMenu, type ExchangeFormat } from './DownloadMenu';
import { saveBlob } from './download';
import { GrapherFooter } from './GrapherFooter';
import { GrapherMap } from './GrapherMap';
import { GrapherTable } from './GrapherTable';
import { GRAPHER } from './i18n';
import { fillOfRow, legendOf, mapClasses } from './legend';
import { type PictureKind, saveChartPicture, saveMapPicture } from './picture';
import { useChart } from './useChart';

export type { ExchangeFormat } from './DownloadMenu';

/** The tabs of the block. */
export type GrapherTab = 'chart' | 'map' | 'table';

/**
 * Props of the grapher block. Give it the response of `GET /api/v1/data` for one indicator and it shows the same rows
 * as a chart, a map and a table, with a period slider, the source and method under them, and downloads.
 */
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

/** A value that the parent may control (`value` + `onChange`) or leave to the block. */
function useControllable<T>(value: T | undefined, initial: T, onChange?: (v: T) => void) {
  const [own, setOwn] = useState<T | undefined>(undefined);
  const set = (v: T) => {
    setOwn(v);
    onChange?.(v);
  };
  return [value ?? own ?? initial, set] as const;
}

/**
 * Units drawn on the chart: all when few, else the five largest of the latest period; a click on a table row adds or
 * removes one. New data resets the choice.
 */
function useSeries(data: DataResponse, latest: number | string) {
  const allUnits = useMemo(() => [...new Set(data.rows.map((r) => r.unitCode))], [data.rows]);
  const [selected, setSelected] = useState<string[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new data resets the series chosen by hand
  useEffect(() => {
    setSelected(null);
  }, [data]);
  const defaultSelected = useMemo(() => {
    if (allUnits.length <= 8) return allUnits;
    return data.rows
      .filter((r) => String(r.period) === String(latest) && r.value !== null)
      .sort((a, b) => (b.value as number) - (a.value as number))
      .slice(0, 5)
      .map((r) => r.unitCode);
  }, [allUnits, data.rows, latest]);
  const series = selected ?? defaultSelected;
  const toggle = (code: string) =>
    setSelected(series.includes(code) ? series.filter((c) => c !== code) : [...series, code]);
  return { series, toggle, many: allUnits.length > 8 };
}

/** The rows of one period, and each unit's rank by value (1 = largest). */
function usePeriodRows(data: DataResponse, indicator: string, period: number | string) {
  const rows = useMemo(
    () => data.rows.filter((r) => String(r.period) === String(period) && r.indicator === indicator),
    [data.rows, period, indicator],
  );
  const ranked = useMemo(() => {
    const withValue = rows.filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number));
    return new Map(withValue.map((r, i) => [r.unitCode, i + 1]));
  }, [rows]);
  const byCode = useMemo(() => new Map(rows.map((r) => [r.unitCode, r])), [rows]);
  return { rows, ranked, byCode };
}

/** The source line: each dataset's publisher and title, with the release and its date. */
function sourceLine(data: DataResponse, pick: (vi: string, en: string) => string, release: string) {
  return data.datasets
    .map((d) => {
      const rel = data.rows.flatMap((r) => r.sources).find((s) => s.dataset === d.code);
      const at = rel ? ` (${release} #${rel.releaseNumber}, ${formatDate(rel.publishedAt)})` : '';
      return `${pick(d.publisher, d.publisherEn)} — ${pick(d.titleVi, d.titleEn)}${at}`;
    })
    .join('; ');
}

/**
 * The tab shown: the parent's when it controls it, else the block's own. Until someone picks one, the default is the
 * first of the parent's tabs, or the map when there is one; it follows the boundaries, which may arrive late.
 */
function useGrapherTab(props: GrapherProps, mapPossible: boolean) {
  const tabs = (props.tabs ?? ['chart', 'map', 'table']).filter((x) => x !== 'map' || mapPossible);
  const [tabState, setTabState] = useState<GrapherTab | null>(props.tab ?? null);
  const own = tabState ?? (props.tabs ? tabs[0] : mapPossible ? 'map' : 'chart');
  const tab = props.tab && tabs.includes(props.tab) ? props.tab : tabs.includes(own) ? own : tabs[0];
  const setTab = (v: GrapherTab) => {
    setTabState(v);
    props.onTabChange?.(v);
  };
  return { tabs, tab, setTab };
}

/** The period slider of the map and table (years as marks). */
function PeriodSlider({
  periods,
  period,
  onChange,
}: {
  periods: number[];
  period: number | string;
  onChange: (p: number) => void;
}) {
  const t = useDict(GRAPHER);
  return (
    <Box px="md" pb="md" data-testid="grapher-slider">
      <Slider
        min={0}
        max={periods.length - 1}
        step={1}
        value={Math.max(0, periods.indexOf(Number(period)))}
        onChange={(i) => onChange(periods[i])}
        marks={periods.map((p, i) => ({ value: i, label: String(p) }))}
        label={(i) => `${t('period')} ${periods[i]}`}
        aria-label={t('period')}
        thumbLabel={t('period')}
      />
    </Box>
  );
}

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
  const [period, setPeriod] = useControllable(props.period, periods[periods.length - 1], props.onPeriodChange);
  const level = data.query.level;
  const mapPossible = !!props.topology && level !== 'commune' && level !== 'national';
  const { tabs, tab, setTab } = useGrapherTab(props, mapPossible);
  const unit = lang === 'vi' ? indicator.unitVi : indicator.unitEn;
  const title = props.title ?? `${pick(indicator.nameVi, indicator.nameEn)} (${unit})`;
  const fmt = (v: number | null | undefined) => formatNumber(v, lang, indicator.decimals);
  const now = usePeriodRows(data, indicator.code, period);
  const { series, toggle, many } = useSeries(data, periods[periods.length - 1]);

  const { breaks, colors } = useMemo(() => mapClasses(now.rows, indicator.decimals), [now.rows, indicator.decimals]);
  const rowOfProvince = (code: string): DataRow | undefined => now.byCode.get(props.memberOf?.get(code) ?? code);
  const legend = legendOf(breaks, colors, now.rows, fmt, t('noData'));
  const sourceText = sourceLine(data, pick, t('release'));
  const ruleText = pick(indicator.ruleVi, indicator.ruleEn);
  const geography = pick(data.query.geographyVi, data.query.geographyEn);

  // The chart (canvas on screen; an off-screen SVG rendering for the SVG download).
  const chartRef = useRef<HTMLDivElement>(null);
  const indicatorRows = useMemo(() => data.rows.filter((r) => r.indicator === indicator.code), [data.rows, indicator]);
  const option = useMemo(
    () => chartOption({ rows: indicatorRows, indicator, periods, selected: series, lang }),
    [indicatorRows, indicator, periods, series, lang],
  );
  useChart(chartRef, tab === 'chart', option);

  const mapBox = useRef<HTMLDivElement>(null);
  const base = props.fileName ?? `${indicator.code}-${data.query.level}-${data.query.at}`;
  const picture = async (kind: PictureKind) => {
    if (tab === 'chart') {
      const withTitle = chartOption({
        rows: indicatorRows,
        indicator,
        periods,
        selected: series,
        lang,
        title,
        animation: false,
      });
      return saveChartPicture(kind, withTitle, `${t('source')}: ${sourceText}`, base);
    }
    const svg = mapBox.current?.querySelector('svg');
    if (!svg) return;
    const source = `${t('source')}: ${sourceText}. ${t('methodFoot')}: ${ruleText}.`;
    await saveMapPicture(
      kind,
      svg,
      { title, subtitle: `${period} · ${geography}`, legend, source },
      `${base}-${period}`,
    );
  };
  const json = () => saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `${base}.json`);
  const numericPeriods = periods.every((p) => typeof p === 'number') ? (periods as number[]) : null;

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
          <DownloadMenu
            pictures={tab !== 'table'}
            scope={tab === 'chart' ? 'all' : 'period'}
            period={period}
            downloadUrl={props.downloadUrl}
            exchangeUrl={props.exchangeUrl}
            onPicture={(kind) => void picture(kind)}
            onJson={json}
          />
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
              h={periods.length <= 1 ? Math.max(props.height ?? 440, 60 + now.rows.length * 16) : (props.height ?? 440)}
              data-testid="grapher-chart"
            />
            {many && periods.length > 1 && (
              <Text size="xs" c="dimmed">
                {t('seriesHint')}
              </Text>
            )}
          </Tabs.Panel>

          <Tabs.Panel value="map" pt="xs">
            {mapPossible && props.topology ? (
              <GrapherMap
                topology={props.topology}
                boxRef={mapBox}
                height={props.height}
                rowOfProvince={rowOfProvince}
                fillOf={(code) => fillOfRow(rowOfProvince(code), breaks, colors)}
                legend={legend}
                ranked={now.ranked}
                fmt={fmt}
                unit={unit}
                ariaLabel={`${title} — ${period}`}
                byMembers={!!props.memberOf}
                onProvinceClick={props.onProvinceClick}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('mapUnavailable')}
              </Text>
            )}
          </Tabs.Panel>

          <Tabs.Panel value="table" pt="xs">
            <GrapherTable
              rows={now.rows}
              ranked={now.ranked}
              fmt={fmt}
              unit={unit}
              isHighlighted={(code) => many && periods.length > 1 && series.includes(code)}
              onToggle={toggle}
              period={period}
              source={data}
            />
          </Tabs.Panel>
        </Tabs>

        {tab !== 'chart' && numericPeriods && numericPeriods.length > 1 && (
          <PeriodSlider periods={numericPeriods} period={period} onChange={setPeriod} />
        )}

        <GrapherFooter data={data} sourceText={sourceText} ruleText={ruleText} />
      </Stack>
    </Card>
  );
}

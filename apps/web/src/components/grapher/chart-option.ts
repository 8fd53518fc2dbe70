import { type DataRow, type Indicator, numberFormat } from '@regionlink/shared';
import type { EChartsCoreOption } from 'echarts/core';

/** A calm qualitative palette (colour-blind friendly order) for series. */
export const SERIES_COLORS = [
  '#1f4e79',
  '#e07b39',
  '#3a8d5c',
  '#b8443f',
  '#7d5ba6',
  '#2a9db5',
  '#c49a2c',
  '#6b7b8c',
  '#d46aa3',
  '#5c8a2f',
];

const fmt = (v: number, lang: 'vi' | 'en', decimals: number) =>
  numberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', 0, decimals).format(v);

/**
 * The ECharts option for an indicator's rows: a line per selected unit over the periods, or, with a single period,
 * horizontal bars sorted by value. Missing values are gaps, never zeros.
 */
export function chartOption(opts: {
  rows: DataRow[];
  indicator: Indicator;
  periods: (number | string)[];
  selected: string[];
  lang: 'vi' | 'en';
  title?: string;
  animation?: boolean;
}): EChartsCoreOption {
  const { rows, indicator, periods, selected, lang } = opts;
  const unitLabel = lang === 'vi' ? indicator.unitVi : indicator.unitEn;
  const name = (r: DataRow) => (lang === 'vi' ? r.unitName : r.unitNameEn);
  const title = opts.title
    ? { text: opts.title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } }
    : undefined;
  const valueAxis = {
    type: 'value',
    name: unitLabel,
    nameTextStyle: { color: '#556' },
    axisLabel: { formatter: (v: number) => fmt(v, lang, indicator.decimals) },
    splitLine: { lineStyle: { color: '#e6e9ee' } },
  };
  if (periods.length <= 1) {
    const list = rows.filter((r) => r.value !== null).sort((a, b) => (a.value as number) - (b.value as number));
    return {
      animation: opts.animation ?? true,
      title,
      grid: { left: 150, right: 40, top: title ? 40 : 16, bottom: 30 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => `${fmt(v, lang, indicator.decimals)} ${unitLabel}`,
      },
      xAxis: valueAxis,
      yAxis: { type: 'category', data: list.map(name), axisLabel: { fontSize: 11, interval: 0 } },
      series: [
        {
          type: 'bar',
          name: String(periods[0] ?? ''),
          data: list.map((r) => r.value),
          itemStyle: { color: '#2f6fa8' },
          barMaxWidth: 18,
        },
      ],
    };
  }
  const byUnit = new Map<string, DataRow[]>();
  for (const r of rows) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  // Years on a value axis, so that a gap in the series (2016 → 2024) looks like one.
  const numeric = periods.every((p) => typeof p === 'number');
  const series = selected
    .filter((c) => byUnit.has(c))
    .map((code, i) => {
      const list = byUnit.get(code)!;
      const at = new Map(list.map((r) => [String(r.period), r.value]));
      return {
        type: 'line',
        name: name(list[0]),
        data: numeric
          ? periods.map((p) => [p, at.get(String(p)) ?? null])
          : periods.map((p) => at.get(String(p)) ?? null),
        connectNulls: false,
        showSymbol: true,
        symbolSize: 5,
        lineStyle: { width: 2 },
        itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length] },
      };
    });
  return {
    animation: opts.animation ?? true,
    title,
    grid: { left: 70, right: 24, top: title ? 84 : 60, bottom: 30 },
    legend: { type: 'scroll', top: title ? 30 : 4, left: 8, right: 8, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) =>
        v === null || v === undefined ? '—' : `${fmt(v, lang, indicator.decimals)} ${unitLabel}`,
    },
    xAxis: numeric
      ? {
          type: 'value',
          min: periods[0] as number,
          max: periods[periods.length - 1] as number,
          minInterval: 1,
          axisLabel: { formatter: (v: number) => String(v) },
          splitLine: { show: false },
        }
      : { type: 'category', data: periods.map(String), boundaryGap: false },
    yAxis: valueAxis,
    series,
  };
}

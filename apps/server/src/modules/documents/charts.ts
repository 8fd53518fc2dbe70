import crypto from 'node:crypto';
import { formatNumberVi, type ReportModel, type ReportTaskStatus } from '@regionlink/shared';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { NOTO_SERIF } from './fonts';
import { BUILTIN_FIGURE_TITLES, completenessRows, shortDate, tableDate, taskStatusCounts } from './report-model';

/**
 * Charts and the map of the report, drawn on the server with ECharts (server-side rendering to SVG, no browser) and
 * rasterised to PNG with resvg where a format needs pixels (DOCX, PDF). Text uses the bundled Noto Serif so the images
 * look the same on every machine.
 */

export interface Boundaries {
  topology: Topology;
  /** Where the boundaries come from, printed under the map. */
  source: string;
}

export interface RenderedFigure {
  id: string;
  title: string;
  source: string;
  svg: string;
  png: Buffer;
  /** Size of the picture in the document, in points. */
  widthPt: number;
  heightPt: number;
}

const FONT = 'Noto Serif';
const STATUS_COLOURS: Record<ReportTaskStatus | 'none', string> = {
  done: '#2e7d32',
  in_progress: '#1f5f99',
  recurring: '#5b8fc7',
  not_started: '#b26a00',
  not_applicable: '#b0bec5',
  unclear: '#8d6e63',
  not_reported: '#9e9e9e',
  none: '#cfd8dc',
};
const REPORTED = '#1f5f99';
const NOT_REPORTED = '#d5dbe1';

function render(width: number, height: number, option: echarts.EChartsOption, after?: (c: echarts.ECharts) => void) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: '#1b1b1b' }, ...option });
  after?.(chart);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Rasterise an SVG at `scale` × its size on a white background with the bundled fonts. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: [NOTO_SERIF.normal, NOTO_SERIF.bold, NOTO_SERIF.italics, NOTO_SERIF.bolditalics],
      loadSystemFonts: false,
      defaultFontFamily: FONT,
    },
  });
  return r.render().asPng();
}

function statusChart(model: ReportModel) {
  const counts = taskStatusCounts(model);
  const w = 640;
  const h = 60 + 34 * counts.length;
  const svg = render(w, h, {
    grid: { left: 250, right: 50, top: 16, bottom: 30 },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { fontSize: 12 },
      splitLine: { lineStyle: { color: '#e3e7eb' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: counts.map((c) => c.labelVi),
      axisLabel: { fontSize: 13, width: 230, overflow: 'break' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barWidth: 20,
        data: counts.map((c) => ({ value: c.count, itemStyle: { color: STATUS_COLOURS[c.status ?? 'none'] } })),
        label: { show: true, position: 'right', fontSize: 13, formatter: (p) => String(p.value) },
      },
    ],
  });
  return { svg, w, h };
}

function completenessChart(model: ReportModel) {
  const rows = completenessRows(model).filter((r) => r.level === 'region');
  const w = 640;
  const h = 60 + 34 * rows.length;
  const svg = render(w, h, {
    grid: { left: 290, right: 70, top: 16, bottom: 30 },
    xAxis: {
      type: 'value',
      max: 100,
      axisLabel: { fontSize: 12, formatter: '{value}%' },
      splitLine: { lineStyle: { color: '#e3e7eb' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.labelVi),
      axisLabel: { fontSize: 13, width: 270, overflow: 'break' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barWidth: 20,
        itemStyle: { color: REPORTED },
        data: rows.map((r) => (r.expected === 0 ? 0 : (100 * r.received) / r.expected)),
        label: {
          show: true,
          position: 'right',
          fontSize: 13,
          formatter: (p) => `${rows[p.dataIndex].received}/${rows[p.dataIndex].expected}`,
        },
      },
    ],
  });
  return { svg, w, h };
}

const registered = new Map<string, string>();

/** Register a boundary set with ECharts once, under a name derived from its content. */
function mapName(topology: Topology): string {
  const key = crypto
    .createHash('sha1')
    .update(JSON.stringify(topology.arcs.length))
    .update(JSON.stringify(topology.transform ?? null))
    .update(Object.keys(topology.objects).join())
    .digest('hex')
    .slice(0, 12);
  const name = `rl-${key}`;
  if (!registered.has(name)) {
    const objectName = Object.keys(topology.objects)[0];
    const fc = feature(topology, topology.objects[objectName]) as unknown as FeatureCollection;
    echarts.registerMap(name, fc as never);
    registered.set(name, objectName);
  }
  return name;
}

// The national extent with both archipelagos, and the boxes official maps draw around them.
const EXTENT: [[number, number], [number, number]] = [
  [102.1, 23.45],
  [117.9, 7.1],
];
const HOANG_SA: [[number, number], [number, number]] = [
  [110.9, 17.3],
  [113.2, 15.6],
];
const TRUONG_SA: [[number, number], [number, number]] = [
  [111.3, 12.2],
  [117.9, 6.9],
];

function reportersMap(model: ReportModel, boundaries: Boundaries) {
  const name = mapName(boundaries.topology);
  const reported = new Set(model.reporters.filter((r) => r.provinceCode).map((r) => r.provinceCode as string));
  const objectName = Object.keys(boundaries.topology.objects)[0];
  const geoms = (boundaries.topology.objects[objectName] as { geometries: { properties?: Record<string, unknown> }[] })
    .geometries;
  const codes = geoms.map((g) => String(g.properties?.code ?? ''));
  const nReported = codes.filter((c) => reported.has(c)).length;
  const w = 520;
  const h = 620;
  const svg = render(
    w,
    h,
    {
      series: [
        {
          type: 'map',
          map: name,
          nameProperty: 'code',
          roam: false,
          boundingCoords: EXTENT,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          selectedMode: false,
          label: { show: false },
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NOT_REPORTED },
          emphasis: { disabled: true },
          data: codes.map((c) => ({ name: c, itemStyle: { areaColor: reported.has(c) ? REPORTED : NOT_REPORTED } })),
        },
      ],
    },
    (chart) => {
      const px = (p: [number, number]) => chart.convertToPixel({ seriesIndex: 0 }, p) as number[];
      const box = (b: [[number, number], [number, number]]) => {
        const [x0, y0] = px(b[0]);
        const [x1, y1] = px(b[1]);
        return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
      };
      const hs = box(HOANG_SA);
      const ts = box(TRUONG_SA);
      const dashed = { fill: 'none', stroke: '#5b7083', lineWidth: 0.8, lineDash: [3, 3] };
      const label = (x: number, y: number, text: string) => ({
        type: 'text' as const,
        x,
        y,
        style: { text, fill: '#34495e', fontSize: 12, fontStyle: 'italic', fontFamily: FONT },
      });
      const legend = (y: number, colour: string, text: string) => [
        { type: 'rect' as const, shape: { x: 16, y, width: 18, height: 12 }, style: { fill: colour } },
        { type: 'text' as const, x: 42, y: y - 1, style: { text, fill: '#1b1b1b', fontSize: 13, fontFamily: FONT } },
      ];
      chart.setOption({
        graphic: [
          { type: 'rect', shape: hs, style: dashed },
          { type: 'rect', shape: ts, style: dashed },
          label(hs.x, hs.y - 16, 'Quần đảo Hoàng Sa'),
          label(ts.x + 4, ts.y - 16, 'Quần đảo Trường Sa'),
          ...legend(h - 60, REPORTED, `Đã gửi báo cáo (${nReported})`),
          ...legend(h - 38, NOT_REPORTED, `Chưa gửi báo cáo (${codes.length - nReported})`),
        ],
      });
    },
  );
  return { svg, w, h };
}

/**
 * Where the map's boundaries come from, as a state document names it: the official reference map the geometry was
 * digitised from (the layer's technical provenance — repository, commit, simplification — stays in the geo module's
 * data and in `reference/DATA-SOURCES.md`, never in the report).
 */
export const MAP_BOUNDARIES_SOURCE =
  'ranh giới hành chính theo Bản đồ tham chiếu đơn vị hành chính Việt Nam (Nhà xuất bản Tài nguyên - Môi trường và Bản đồ Việt Nam, Bộ Nông nghiệp và Môi trường), đơn giản hóa để in,';

/** Width of figures in the document: 15 cm, inside the 16.5 cm text width. */
const FIGURE_WIDTH_PT = 425;

/**
 * Render one computed figure of the model (`builtin:reporters-map`, `builtin:status-chart`,
 * `builtin:completeness-chart`) with its caption title and source line. The map needs the provinces' boundaries in
 * force on the model's geography date; without them it is null.
 */
export function renderFigure(id: string, model: ReportModel, boundaries: Boundaries | null): RenderedFigure | null {
  let out: { svg: string; w: number; h: number } | null = null;
  let source = '';
  const cutOff = shortDate(model.settings.cutOffDate);
  switch (id) {
    case 'builtin:status-chart':
      out = statusChart(model);
      source = `Nguồn: Tổng hợp của ${model.settings.agencyShortName} từ báo cáo của các bộ, ngành, địa phương; mỗi nhiệm vụ được đếm một lần theo đánh giá chung.`;
      break;
    case 'builtin:completeness-chart':
      out = completenessChart(model);
      source = `Nguồn: Phụ lục 1, tính đến hết ngày ${cutOff}; tỷ lệ = số địa phương đã gửi / số địa phương được đề nghị trong vùng.`;
      break;
    case 'builtin:reporters-map':
      if (!boundaries) return null;
      out = reportersMap(model, boundaries);
      source = `Nguồn: Phụ lục 1, tính đến hết ngày ${cutOff}; ${MAP_BOUNDARIES_SOURCE} tại ngày ${tableDate(model.settings.geographyDate)}.`;
      break;
    default:
      return null;
  }
  const widthPt = id === 'builtin:reporters-map' ? 300 : FIGURE_WIDTH_PT;
  return {
    id,
    title: BUILTIN_FIGURE_TITLES[id],
    source,
    svg: out.svg,
    png: svgToPng(out.svg),
    widthPt,
    heightPt: Math.round((widthPt * out.h) / out.w),
  };
}

/** A one-line description of a figure for screen readers and the XLSX annex. */
export function figureAltText(id: string, model: ReportModel): string {
  if (id === 'builtin:reporters-map') {
    const n = model.reporters.filter((r) => r.provinceCode).length;
    return `Bản đồ ${n} tỉnh, thành phố đã gửi báo cáo và ${model.nonReporters.filter((r) => r.group === 'locality').length} chưa gửi.`;
  }
  if (id === 'builtin:status-chart')
    return taskStatusCounts(model)
      .map((c) => `${c.labelVi}: ${c.count}`)
      .join('; ');
  if (id === 'builtin:completeness-chart')
    return completenessRows(model)
      .filter((r) => r.level === 'region')
      .map(
        (r) =>
          `${r.labelVi}: ${r.received}/${r.expected} (${formatNumberVi(r.expected ? (100 * r.received) / r.expected : 0, 1)}%)`,
      )
      .join('; ');
  return '';
}

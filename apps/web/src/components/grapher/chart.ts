/**
 * The ECharts runtime of the grapher (about 200 kB compressed), in a file of its own so that pages load it only when a
 * chart is drawn or downloaded: `loadCharts()` imports it on demand, and the rest of the block (title, map, table,
 * source) shows without waiting for it.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { echarts };

/** Render an option to an SVG string off-screen (for the SVG download of the chart). */
export function chartSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

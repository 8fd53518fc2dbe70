import type { EChartsCoreOption } from 'echarts/core';
import { composeMapSvg, saveBlob, svgToPng } from './download';
import type { LegendEntry } from './legend';
import { loadCharts } from './useChart';

export type PictureKind = 'png' | 'svg';

/** Save an SVG document as SVG, or rasterised as PNG. */
async function saveSvg(kind: PictureKind, svg: string, width: number, height: number, base: string) {
  if (kind === 'svg') saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
  else saveBlob(await svgToPng(svg, width, height), `${base}.png`);
}

/** The chart as a picture (960×540, rendered as SVG off screen), with its title in the option and the source below. */
export async function saveChartPicture(kind: PictureKind, option: EChartsCoreOption, source: string, base: string) {
  const { chartSvg } = await loadCharts();
  const footer = {
    type: 'text',
    left: 8,
    bottom: 4,
    style: { text: source.slice(0, 180), fontSize: 10, fill: '#445' },
  };
  await saveSvg(kind, chartSvg({ ...option, graphic: [footer] }, 960, 540), 960, 540, base);
}

/** The map as a picture: its SVG with title, subtitle, legend and source around it. */
export async function saveMapPicture(
  kind: PictureKind,
  mapSvg: SVGSVGElement,
  opts: { title: string; subtitle: string; legend: LegendEntry[]; source: string },
  base: string,
) {
  const composed = composeMapSvg({ mapSvg, ...opts });
  await saveSvg(kind, composed.svg, composed.width, composed.height, base);
}

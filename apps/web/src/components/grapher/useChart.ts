import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { type RefObject, useEffect, useRef, useState } from 'react';

/** The ECharts runtime (`chart.ts`), imported on first use and then kept by the module cache. */
export const loadCharts = () => import('./chart');

/**
 * True once `box` (shown while `active`) is within a screen's height of the visible part of the page, and from then
 * on: a chart further down a phone's page is drawn, and ECharts loaded, only as the reader scrolls towards it.
 */
function useNearView(box: RefObject<HTMLDivElement | null>, active: boolean): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (near || !active || !box.current) return;
    const watch = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '100% 0px',
    });
    watch.observe(box.current);
    return () => watch.disconnect();
  }, [active, box, near]);
  return near;
}

/**
 * Draws `option` as a canvas chart in `box` while `active`. ECharts is imported when a chart is first needed (shown
 * and near the visible part of the page), so a page shows its text, map and table without waiting for it; the box
 * keeps its size meanwhile, so nothing moves.
 */
export function useChart(box: RefObject<HTMLDivElement | null>, active: boolean, option: EChartsCoreOption) {
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  const near = useNearView(box, active);
  useEffect(() => {
    if (!active || !near || !box.current) return;
    let gone = false;
    let stop = () => undefined;
    void loadCharts().then(({ echarts }) => {
      if (gone || !box.current) return;
      const c = echarts.init(box.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current, true);
      const onResize = () => c.resize();
      window.addEventListener('resize', onResize);
      stop = () => {
        window.removeEventListener('resize', onResize);
        c.dispose();
        chart.current = null;
      };
    });
    return () => {
      gone = true;
      stop();
    };
  }, [active, near, box]);
  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(option, true);
  }, [option]);
}

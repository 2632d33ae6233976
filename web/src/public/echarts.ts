/**
 * The statistics chart: ECharts' core with only the bar chart, its grid and tooltip and the SVG renderer
 * (sharp on any screen, smaller than the canvas renderer with everything), loaded on demand.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Horizontal bars (long region names read best on a phone); returns the disposer. */
export function drawBars(el: HTMLElement, names: string[], values: number[]): () => void {
  const chart = init(el, null, { renderer: 'svg' });
  chart.setOption({
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#0d6e6e' } }],
  });
  el.style.height = `${Math.max(160, names.length * 28 + 40)}px`;
  chart.resize();
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
}

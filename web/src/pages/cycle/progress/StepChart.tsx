/**
 * One step of the cycle as a stacked bar chart, one bar per district (or per village inside a district);
 * clicking a bar drills down to it. The page imports this module lazily (with only the bar chart of
 * ECharts), so no other page — and not this one's first paint — pays for it; the table below holds the same
 * figures for screen readers.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

export interface StepSeries {
  name: string;
  values: number[];
}

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Colour-blind-safe palette (Okabe–Ito), in state order. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];

export function StepChart({
  label,
  categories,
  series,
  onPick,
}: {
  /** What the chart shows, for screen readers (the table has the figures). */
  label: string;
  categories: { code: string; name: string }[];
  series: StepSeries[];
  onPick: (code: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const resize = () => chart.current?.resize();
    if (box.current) {
      chart.current ??= init(box.current, undefined, { renderer: 'canvas' });
      chart.current.off('click');
      chart.current.on('click', (e) => {
        const code = categories[e.dataIndex]?.code;
        if (code) pick.current(code);
      });
      chart.current.setOption(
        {
          animation: false,
          color: COLOURS,
          grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
          legend: { top: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          xAxis: {
            type: 'category',
            data: categories.map((c) => c.name),
            axisLabel: { fontSize: 10, interval: 0, rotate: categories.length > 8 ? 40 : 0 },
          },
          yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
          series: series.map((s) => ({
            type: 'bar',
            name: s.name,
            stack: 'step',
            data: s.values,
            cursor: 'pointer',
          })),
        },
        true,
      );
    }
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, [categories, series]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return <div ref={box} className="step-chart" role="img" aria-label={label} />;
}

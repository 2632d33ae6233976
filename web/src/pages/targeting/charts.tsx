/**
 * The dashboard's charts, loaded lazily with only the ECharts parts they use (bar and heatmap), so no other
 * page pays for them: households per decile (a bar per decile; clicking one opens its households), recipients
 * per programme (a bar per programme; clicking one opens its recipients) and the province tile map (38 squares, grey without data, on the fixed grid of src/domain/targeting/province-tiles.ts, coloured by the
 * share of households in deciles 1–2; clicking a province drills down). Both have their figures in tables on
 * the page for screen readers.
 */
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from '../../../../src/domain/targeting/province-tiles.ts';

use([BarChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** One chart in a box: created once, given new options when they change, disposed with the component. */
function useChart(option: EChartsCoreOption, onClick: (e: { dataIndex: number; data: unknown }) => void) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!box.current) return;
    chart.current ??= init(box.current, undefined, { renderer: 'canvas' });
    chart.current.off('click');
    chart.current.on('click', (e) => click.current(e as unknown as { dataIndex: number; data: unknown }));
    chart.current.setOption(option, true);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, [option]);
  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );
  return box;
}

/** Households per decile; desil 1–2 in the darker colour of the programmes' usual target. */
export function DecileChart({
  label,
  deciles,
  names,
  onPick,
}: {
  label: string;
  deciles: number[];
  names: string[];
  onPick: (decile: number) => void;
}) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: names, axisLabel: { fontSize: 10, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'bar',
          cursor: 'pointer',
          data: deciles.map((value, i) => ({ value, itemStyle: { color: i < 2 ? '#D55E00' : '#0072B2' } })),
        },
      ],
    }),
    [deciles, names],
  );
  const box = useChart(option, (e) => onPick(e.dataIndex + 1));
  return <div ref={box} className="targeting-chart" role="img" aria-label={label} data-chart="deciles" />;
}

/** Approved recipients (households) per programme, a horizontal bar each so the programmes' names fit. */
export function ProgrammeChart({
  label,
  programmes,
  onPick,
}: {
  label: string;
  programmes: { code: string; name: string; households: number }[];
  onPick: (code: string) => void;
}) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The first programme on top.
      yAxis: {
        type: 'category',
        inverse: true,
        data: programmes.map((p) => p.name),
        axisLabel: { fontSize: 10, width: 160, overflow: 'truncate' },
      },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'bar',
          cursor: 'pointer',
          data: programmes.map((p) => ({ value: p.households, itemStyle: { color: '#009E73' } })),
        },
      ],
    }),
    [programmes],
  );
  const box = useChart(option, (e) => {
    const p = programmes[e.dataIndex];
    if (p) onPick(p.code);
  });
  return (
    <div
      ref={box}
      className="targeting-chart targeting-chart--programmes"
      role="img"
      aria-label={label}
      data-chart="programmes"
      style={{ height: `${Math.max(120, 36 * programmes.length + 24)}px` }}
    />
  );
}

/** The province tile map: `values` by province code (0–1), absent provinces grey. */
export function ProvinceTileMap({
  label,
  values,
  noData,
  onPick,
}: {
  label: string;
  values: Map<string, { share: number; name: string; households: number }>;
  noData: string;
  onPick: (code: string) => void;
}) {
  const data = useMemo(
    () =>
      PROVINCE_TILES.map((t) => {
        const v = values.get(t.code);
        return {
          value: [t.col, t.row, v ? Math.round(v.share * 1000) / 10 : 0],
          code: t.code,
          abbr: t.abbr,
          v,
        };
      }),
    [values],
  );
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 2, bottom: 40 },
      tooltip: {
        formatter: (p: { data: (typeof data)[number] }) =>
          p.data.v
            ? `${p.data.v.name}: ${p.data.value[2]}% (${p.data.v.households})`
            : `${p.data.abbr}: ${noData}`,
      },
      xAxis: { type: 'category', data: [...Array(TILE_COLUMNS).keys()], show: false },
      yAxis: { type: 'category', data: [...Array(TILE_ROWS).keys()], show: false, inverse: true },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: ['100%', '0%'],
        inRange: { color: ['#F0F9E8', '#7BCCC4', '#0868AC'] },
        seriesIndex: 0,
      },
      series: [
        {
          type: 'heatmap',
          cursor: 'pointer',
          data: data.filter((d) => d.v),
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: true, fontSize: 8, formatter: (p: { data: (typeof data)[number] }) => p.data.abbr },
        },
        {
          // Provinces without data (outside the territory, or none ranked): grey, so the map keeps its shape.
          type: 'heatmap',
          data: data.filter((d) => !d.v),
          itemStyle: { borderColor: '#fff', borderWidth: 2, color: '#E5E7EB' },
          label: {
            show: true,
            fontSize: 8,
            color: '#6B7280',
            formatter: (p: { data: (typeof data)[number] }) => p.data.abbr,
          },
        },
      ],
    }),
    [data, noData],
  );
  const box = useChart(option, (e) => {
    const d = e.data as (typeof data)[number];
    if (d?.v) onPick(d.code);
  });
  return <div ref={box} className="targeting-map" role="img" aria-label={label} data-chart="provinces" />;
}

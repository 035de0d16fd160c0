/**
 * The 热点 chart: the week's top categories against last week, as bars, with ECharts from echarts/core and only
 * what it draws (bar; grid, tooltip, legend; canvas) — loaded lazily, so the 热点 page alone carries them. A
 * click on a bar calls back with the category's index.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, LegendComponent, type LegendComponentOption, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { HotCategory } from '../../../../common/schemas/hotline-hotspots.js';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const optionOf = (rows: readonly HotCategory[]): Option => {
  // Largest at the top: a horizontal bar chart draws its first category at the bottom.
  const shown = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['本周', '上周'], top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((row) => `${row.parent}/${row.name}`), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      { name: '上周', type: 'bar', data: shown.map((row) => row.lastWeek), itemStyle: { color: '#bfbfbf' } },
      { name: '本周', type: 'bar', data: shown.map((row) => row.thisWeek), itemStyle: { color: '#cf1322' } },
    ],
  };
};

export const HotspotsChart = ({ rows, onPick }: { rows: readonly HotCategory[]; onPick: (row: HotCategory) => void }) => {
  const box = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof init> | null>(null);
  const pickRef = useRef({ rows, onPick });
  pickRef.current = { rows, onPick };

  useEffect(() => {
    const chart = init(box.current!, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => {
      const { rows: current, onPick: pick } = pickRef.current;
      const row = current[current.length - 1 - event.dataIndex];
      if (row) pick(row);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(optionOf(rows), { notMerge: true });
  }, [rows]);

  return <div ref={box} role="img" aria-label="热点分类本周与上周对比图" data-testid="hotspots-chart" style={{ width: '100%', height: Math.max(200, rows.length * 36 + 48) }} />;
};

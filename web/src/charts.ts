/**
 * The dashboard's two charts, loaded only after the figures are on screen: ECharts' core with just the bar and
 * line charts, the grid and tooltip, and the canvas renderer, so the page stays small on a phone. The charts are
 * pictures for sighted readers; the page keeps a table of the same figures for screen readers.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption>;

const red = '#b3261e';
const ink = '#1d1b1a';
const textStyle = { color: ink, fontFamily: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif' };
const charts = new Map<HTMLElement, ECharts>();

function chartIn(element: HTMLElement): ECharts {
  let chart = charts.get(element);
  if (!chart) {
    chart = init(element, undefined, { renderer: 'canvas' });
    charts.set(element, chart);
  }
  return chart;
}

export interface Series {
  labels: string[];
  values: number[];
  name: string;
}

/** Daily figures over time: a line with its points, the latest day on the right. */
export function drawDaily(element: HTMLElement, series: Series): void {
  const option: Option = {
    textStyle,
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: series.labels, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', name: series.name, data: series.values, color: red, symbolSize: 7, areaStyle: { opacity: 0.08 } }],
  };
  chartIn(element).setOption(option, true);
  element.dataset.rendered = 'true';
}

/** People sent per unit: horizontal bars, the largest on top. */
export function drawUnits(element: HTMLElement, series: Series): void {
  const option: Option = {
    textStyle,
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: series.labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: series.name, data: series.values, color: red, barMaxWidth: 24, label: { show: true, position: 'right' } }],
  };
  chartIn(element).setOption(option, true);
  element.dataset.rendered = 'true';
}

export function resizeAll(): void {
  for (const chart of charts.values()) chart.resize();
}

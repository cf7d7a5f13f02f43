/**
 * The trend chart's ECharts option and the on-demand build of ECharts (only
 * the line chart, grid, tooltip, mark line and the canvas renderer), shared by
 * the weapp and H5 drawing code. Imported from the desk subpackage only.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };

export interface TrendProps {
  labels: string[];
  /** null: no data, or withheld (fewer than 5 children) */
  values: Array<number | null>;
  target?: number | null;
  unit: string;
}

export function trendOption({ labels, values, target, unit }: TrendProps) {
  const suffix = unit === '%' ? '%' : '';
  return {
    animation: false,
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '不显示或无数据' : `${v}${suffix}`) },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 } },
    // a share always on 0-100 %: all zeros must not draw as a line at the top of a 0-1 % axis
    yAxis: { type: 'value', min: 0, max: unit === '%' ? 100 : undefined, axisLabel: { fontSize: 11, formatter: `{value}${suffix}` }, minInterval: 1 },
    series: [{
      type: 'line', data: values.map((v) => (v === null ? '-' : v)), symbolSize: 8, connectNulls: false, lineStyle: { width: 3, color: '#1b5fbf' }, itemStyle: { color: '#1b5fbf' },
      label: { show: true, fontSize: 11, formatter: (p: { value: unknown }) => (p.value === '-' ? '' : `${p.value}${suffix}`) },
      markLine: target === null || target === undefined ? undefined : {
        symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828' }, label: { formatter: `目标 ${target}${suffix}`, fontSize: 11 }, data: [{ yAxis: target }],
      },
    }],
  };
}

/** The trend over the plan's years (H5): ECharts into a div; resized with the window. */
import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { echarts, trendOption, type TrendProps } from './option';
import './index.scss';

let seq = 0;

export default function TrendChart(props: TrendProps) {
  const id = useRef(`desk-trend-${++seq}`).current;
  useEffect(() => {
    let chart: echarts.ECharts | null = null;
    const draw = () => {
      const el = document.getElementById(id);
      if (!el) return;
      chart = echarts.init(el as HTMLElement, undefined, { renderer: 'canvas' });
      chart.setOption(trendOption(props));
    };
    const t = setTimeout(draw, 0);
    const resize = () => chart?.resize();
    window.addEventListener('resize', resize);
    return () => { clearTimeout(t); window.removeEventListener('resize', resize); chart?.dispose(); };
  }, [id, JSON.stringify(props)]);
  return (
    <View className='desk-chart'>
      <View id={id} className='desk-chart__canvas' />
    </View>
  );
}

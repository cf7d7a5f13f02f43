/**
 * The trend over the plan's years (weapp): ECharts drawn on a Taro Canvas of
 * type 2d. ECharts is given a small stand-in for a DOM canvas (it asks for a
 * 2d context and an event target) and `setPlatformAPI` so it draws on that
 * node. H5 draws into a div (TrendChart.h5.tsx).
 */
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { echarts, trendOption, type TrendProps } from './option';
import './index.scss';

let seq = 0;

class CanvasShim {
  constructor(private node: { width: number; height: number; getContext(t: '2d'): unknown }) {}
  getContext(type: string) { return type === '2d' ? this.node.getContext('2d') : null; }
  set width(w: number) { this.node.width = w; }
  get width() { return this.node.width; }
  set height(h: number) { this.node.height = h; }
  get height() { return this.node.height; }
  addEventListener() { /* taps are not needed on a trend */ }
  removeEventListener() { /* none */ }
  attachEvent() { /* none */ }
  detachEvent() { /* none */ }
  style = {};
}

export default function TrendChart(props: TrendProps) {
  const id = useRef(`desk-trend-${++seq}`).current;
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    let cancelled = false;
    Taro.nextTick(() => {
      // where the canvas node cannot be queried (very old base libraries), the card's numbers stand alone
      const sel = Taro.createSelectorQuery()?.select?.(`#${id}`);
      if (!sel || typeof sel.fields !== 'function') return;
      sel.fields({ node: true, size: true }).exec((res) => {
        const found = res?.[0] as { node?: { width: number; height: number; getContext(t: '2d'): unknown }; width: number; height: number } | undefined;
        if (cancelled || !found?.node) return;
        const dpr = Taro.getSystemInfoSync().pixelRatio || 2;
        const shim = new CanvasShim(found.node);
        echarts.setPlatformAPI({ createCanvas: () => shim as unknown as HTMLCanvasElement });
        chart.current?.dispose();
        chart.current = echarts.init(shim as unknown as HTMLElement, undefined, { width: found.width, height: found.height, devicePixelRatio: dpr });
        chart.current.setOption(trendOption(props));
      });
    });
    return () => { cancelled = true; chart.current?.dispose(); chart.current = null; };
  }, [id, JSON.stringify(props)]);
  return (
    <View className='desk-chart'>
      <Canvas type='2d' id={id} className='desk-chart__canvas' />
    </View>
  );
}

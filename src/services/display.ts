/**
 * Text size for the lesson pages (elder mode). Two inputs: WeChat's own
 * font-size setting (`fontSizeSetting`, px, where the platform reports it)
 * and the 大字 switch kept on this phone. Lesson styles are in `em`, so one
 * font size on the page root scales every line.
 */
import Taro from '@tarojs/taro';
import { LARGE_TEXT_KEY, readStored, writeStored } from '../stores/lessonList';

/** The body size the design uses (34 design px on a 750 design = 17 px on a 375-wide phone). */
export const BASE_PX = 17;
/** 大字 makes text this much bigger again */
export const LARGE_FACTOR = 1.3;
/** WeChat's font setting at or above this (px) turns 大字 on until the reader says otherwise */
const LARGE_FROM_SETTING = 20;

/** WeChat's font-size setting in px, or undefined where there is none (H5, tests). */
export function wechatFontSize(): number | undefined {
  try {
    const getInfo = (Taro as unknown as { getSystemInfoSync?: () => { fontSizeSetting?: unknown } }).getSystemInfoSync;
    const size = typeof getInfo === 'function' ? getInfo().fontSizeSetting : undefined;
    return typeof size === 'number' && size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

/** The 大字 switch: what the reader chose on this phone, else on when WeChat's text is already large. */
export function largeText(): boolean {
  const chosen = readStored<string>(LARGE_TEXT_KEY, '');
  if (chosen === 'on' || chosen === 'off') return chosen === 'on';
  return (wechatFontSize() ?? 0) >= LARGE_FROM_SETTING;
}

export function setLargeText(on: boolean) {
  writeStored(LARGE_TEXT_KEY, on ? 'on' : 'off');
}

/** The page root's font size in px: WeChat's setting (never below the design size), times 大字. */
export function rootFontPx(large: boolean): number {
  const setting = wechatFontSize();
  const base = setting ? Math.min(Math.max(setting, BASE_PX), 28) : BASE_PX;
  return Math.round(base * (large ? LARGE_FACTOR : 1));
}

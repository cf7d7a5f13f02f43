import type { InstrumentOption } from '../../domain/screening';

/**
 * The four answers PHQ and GAD share (how many of the last 14 days), as in
 * the published Simplified Chinese PHQ-9 and GAD-7 (Pfizer's translations,
 * phqscreeners.com): 完全不会 / 好几天 / 一半以上的天数 / 几乎每天.
 */
export const FREQUENCY: InstrumentOption[] = [
  { value: 0, label: '完全不会' },
  { value: 1, label: '好几天' },
  { value: 2, label: '一半以上的天数' },
  { value: 3, label: '几乎每天' },
];

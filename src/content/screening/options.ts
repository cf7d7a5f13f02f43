import type { InstrumentOption } from '../../domain/screening';

/** The four answers PHQ and GAD share: how many of the last 14 days. */
export const FREQUENCY: InstrumentOption[] = [
  { value: 0, label: '完全没有' },
  { value: 1, label: '有几天' },
  { value: 2, label: '一半以上的日子' },
  { value: 3, label: '几乎每天' },
];

import { chinaFields, chinaFullText } from './chinaTime';
/**
 * When a reported thing happened, as precisely as the reporter said it, and
 * how to say it back without claiming more than they did.
 *
 * The form turns "这几天" or "昨天下午" into one instant (`occurredAt`) so
 * cases can be sorted and checked against "not in the future"; on its own
 * that instant reads like a timestamp ("11月24日 12:00") and can send an
 * investigation after a time nobody ever named. `occurredPrecision` keeps
 * what the reporter actually chose next to it.
 *
 * Pure: no clock, no machine time zone (times are shown in China time, chinaTime.ts,
 * by fixed arithmetic), no Taro. Imported by the cloud schema and by the
 * report and workbench subpackages — not by main-package pages.
 */

export const OCCURRED_PRECISIONS = [
  'exact',   // a time was chosen, or 刚刚
  'daypart', // a day and 上午 / 下午 / 晚上
  'day',     // a day, time of day not known
  'days',    // 这几天: some day in the last few days (the date is the form's best guess)
  'earlier', // 更早: before that; the date is a rough day the reporter picked
  'unknown', // 不记得了: no occurredAt at all
] as const;
export type OccurredPrecision = (typeof OCCURRED_PRECISIONS)[number];

/**
 * The hour each named part of the day is stored as. The form writes these;
 * `dayPartName` reads them back, so the two must stay inside the same bands.
 */
export const DAYPART_HOURS = { morning: 9, afternoon: 15, evening: 20 } as const;


/** 上午 / 下午 / 晚上 for an hour in China time: bands wide enough to hold DAYPART_HOURS. */
function dayPartName(hour: number): string {
  if (hour >= 5 && hour < 12) return '上午';
  if (hour >= 12 && hour < 18) return '下午';
  return '晚上';
}

/**
 * How the time a report names should read, in China time:
 *   exact   → 2026年11月26日 14:30
 *   daypart → 11月26日下午
 *   day     → 11月26日（具体时间不清楚）
 *   days    → 最近几天（11月24日前后，报告时的说法是“这几天”）
 *   earlier → 更早以前（大约11月10日，报告时的说法是“更早”）
 *             (the day is one the reporter picked as "about then", so no
 *             "before …" bound is claimed from it)
 *   unknown → 没有说时间（报告时选的是“不记得了”）
 *   none    → 没有说时间
 * `reportedAt` (when the report was made) decides whether a date needs its
 * year: only when it differs from the report's year ('exact' always has it).
 * A time stored before precision was recorded (older app versions) reads as
 * possibly rough, since nobody knows how it was meant.
 */
export function occurredText(
  occurredAt: number | null | undefined,
  precision: OccurredPrecision | null | undefined,
  reportedAt: number,
): string {
  // "不记得了" is the reporter's answer: any time next to it (the server refuses that) is nobody's.
  if (precision === 'unknown') return '没有说时间（报告时选的是“不记得了”）';
  if (occurredAt === null || occurredAt === undefined || !Number.isFinite(occurredAt)) return '没有说时间';
  const at = chinaFields(occurredAt);
  const fullTime = chinaFullText(occurredAt);
  const year = at.year === chinaFields(reportedAt).year ? '' : `${at.year}年`;
  const date = `${year}${at.month}月${at.day}日`;
  switch (precision) {
    case 'exact':
      return fullTime;
    case 'daypart':
      return `${date}${dayPartName(at.hour)}`;
    case 'day':
      return `${date}（具体时间不清楚）`;
    case 'days':
      return `最近几天（${date}前后，报告时的说法是“这几天”）`;
    case 'earlier':
      return `更早以前（大约${date}，报告时的说法是“更早”）`;
    default:
      return `${fullTime}（可能只是大概的时间）`;
  }
}

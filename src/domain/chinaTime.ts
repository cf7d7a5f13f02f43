/**
 * China time: the one home of UTC+8.
 *
 * China has one time zone and no daylight saving, so every calendar question
 * the app asks (which day is it for the school, when is midnight for a
 * same-day alert, which month is drowning season) is "add 8 hours, read the
 * UTC fields". Doing it here, and only here, keeps the answer independent of
 * the machine's own zone: the cloud runs in UTC, a phone abroad in its own.
 *
 * Days are 'YYYY-MM-DD' strings, instants epoch milliseconds (or a Date).
 */

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** UTC+8, all year. */
export const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;

const shifted = (at: Date | number) => new Date(+at + CHINA_UTC_OFFSET_MS);

/** The calendar day in China of an instant: '2026-11-28'. */
export const chinaDay = (at: Date | number): string => shifted(at).toISOString().slice(0, 10);

/** The calendar month in China of an instant: '2026-11'. */
export const chinaMonthKey = (at: Date | number): string => shifted(at).toISOString().slice(0, 7);

/** The calendar month (1-12) in China of an instant. */
export const chinaMonth = (at: Date | number): number => shifted(at).getUTCMonth() + 1;

/** '2026-11-28 10:00' in China time, for notifications and timelines. */
export const chinaTimeText = (at: Date | number): string => shifted(at).toISOString().slice(0, 16).replace('T', ' ');

/** The calendar fields of an instant in China time. */
export function chinaFields(at: Date | number) {
  const d = shifted(at);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** '12月6日 07:46' in China time, whatever zone the phone is in (families' and staff's short times). */
export function chinaShortText(at: Date | number): string {
  const d = chinaFields(at);
  return `${d.month}月${d.day}日 ${pad2(d.hour)}:${pad2(d.minute)}`;
}

/** '2026年12月6日 07:46' in China time (a case's 发生时间 and 提交时间). */
export const chinaFullText = (at: Date | number): string => `${chinaFields(at).year}年${chinaShortText(at)}`;

/** Midnight China time at the start of a 'YYYY-MM-DD' day, as epoch ms (NaN when it is not a date). */
export const chinaDayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** True for a 'YYYY-MM-DD' that is a real calendar day (Date.parse would take 2026-02-31 as 3 March). */
export function isChinaDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const start = chinaDayStart(day);
  return !Number.isNaN(start) && chinaDay(start) === day;
}

/** Days since 1970-01-01 in China time: the same number all through one China day. */
export const chinaDayNumber = (at: Date | number): number => Math.floor((+at + CHINA_UTC_OFFSET_MS) / DAY_MS);

/** Midnight China time at the start of the day an instant falls in. */
export const chinaMidnightBefore = (at: Date | number): number => chinaDayNumber(at) * DAY_MS - CHINA_UTC_OFFSET_MS;

/** The next midnight China time after an instant (the end of its China day). */
export const chinaMidnightAfter = (at: Date | number): number => chinaMidnightBefore(at) + DAY_MS;

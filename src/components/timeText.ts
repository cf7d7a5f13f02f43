import { chinaShortText } from '../domain/chinaTime';

/**
 * "11月28日 14:05" in China time, whatever zone the phone is in: next to the
 * server's China-time deadlines and 发生时间 (a phone set to UTC read
 * 提交时间 8 hours early, walk 18 #19 and walk 16 N4).
 */
export const timeText = (ms: number): string => chinaShortText(ms);

/** Joins characters so a line never breaks inside a date ("2026-/12-26", issue 18): U+2060 WORD JOINER. */
export const unbroken = (s: string) => [...s].join('\u2060');

/** Every "1月4日" in a sentence kept on one line (the letter's 放假时间 broke as "1月 / 4日开学" at 390 px). */
export const datesUnbroken = (s: string) => s.replace(/\d{1,2}月\d{1,2}日/g, unbroken);

/** A China calendar day 'YYYY-MM-DD' as "12月19日", never broken across lines. */
export const dayWords = (day: string | undefined) => (day ? unbroken(`${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`) : '');

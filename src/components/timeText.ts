const pad = (n: number) => String(n).padStart(2, '0');

/** "11月28日 14:05" in the phone's time. Plain Date: the report pages carry no date library. */
export function timeText(ms: number): string {
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Joins characters so a line never breaks inside a date ("2026-/12-26", issue 18): U+2060 WORD JOINER. */
export const unbroken = (s: string) => [...s].join('\u2060');

/** Every "1月4日" in a sentence kept on one line (the letter's 放假时间 broke as "1月 / 4日开学" at 390 px). */
export const datesUnbroken = (s: string) => s.replace(/\d{1,2}月\d{1,2}日/g, unbroken);

/** A China calendar day 'YYYY-MM-DD' as "12月19日", never broken across lines. */
export const dayWords = (day: string | undefined) => (day ? unbroken(`${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`) : '');

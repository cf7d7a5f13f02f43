const pad = (n: number) => String(n).padStart(2, '0');

/** "11月28日 14:05" in the phone's time. Plain Date: the report pages carry no date library. */
export function timeText(ms: number): string {
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

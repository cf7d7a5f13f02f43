/**
 * The time a report names reads as precisely as the reporter said it, in
 * China time whatever zone the machine is in.
 *
 * (Setting process.env.TZ inside a jest test file does not change the zone
 * Date uses here, so these tests do not try. Instead the instants are chosen
 * so that the China date differs from the UTC date — a formatter that used
 * the machine's zone fails on a UTC or American machine — and the calendar
 * fields are checked against Intl's Asia/Shanghai, which does not depend on
 * the machine's zone at all.)
 */
import { DAYPART_HOURS, OCCURRED_PRECISIONS, occurredText, type OccurredPrecision } from '../../src/domain/occurred';

const at = (iso: string) => Date.parse(iso);
/** When the report was made: 28 November 2026, 10:00 China time. */
const REPORTED = at('2026-11-28T10:00:00+08:00');

describe('each precision reads as what the reporter said', () => {
  test.each<[OccurredPrecision, string, string]>([
    ['exact', '2026-11-26T14:30:00+08:00', '2026年11月26日 14:30'],
    ['daypart', '2026-11-26T15:00:00+08:00', '11月26日下午'],
    ['day', '2026-11-26T12:00:00+08:00', '11月26日（具体时间不清楚）'],
    ['days', '2026-11-24T12:00:00+08:00', '最近几天（11月24日前后，报告时的说法是“这几天”）'],
    ['earlier', '2026-11-10T12:00:00+08:00', '更早以前（大约11月10日，报告时的说法是“更早”）'],
  ])('%s', (precision, iso, text) => {
    expect(occurredText(at(iso), precision, REPORTED)).toBe(text);
  });

  test('no time at all: said plainly, and "不记得了" is kept as the reporter\'s answer', () => {
    expect(occurredText(null, null, REPORTED)).toBe('没有说时间');
    expect(occurredText(undefined, undefined, REPORTED)).toBe('没有说时间');
    expect(occurredText(null, 'unknown', REPORTED)).toBe('没有说时间（报告时选的是“不记得了”）');
  });

  test('only "exact" shows a time of day: the other precisions never print the stored hour', () => {
    const stored = at('2026-11-24T12:00:00+08:00');
    for (const p of OCCURRED_PRECISIONS.filter((x) => x !== 'exact')) {
      expect(occurredText(stored, p, REPORTED)).not.toMatch(/\d{1,2}:\d{2}/);
    }
  });

  test('a time from before precision was recorded is shown, but as possibly rough', () => {
    expect(occurredText(at('2026-11-26T12:00:00+08:00'), null, REPORTED)).toBe('2026年11月26日 12:00（可能只是大概的时间）');
    expect(occurredText(at('2026-11-26T12:00:00+08:00'), undefined, REPORTED)).toBe('2026年11月26日 12:00（可能只是大概的时间）');
  });
});

describe('China time, whatever the machine zone', () => {
  test('late evening in China is already the next day in UTC and earlier still in America', () => {
    // 23:30 on the 26th in China is 15:30Z on the 26th; 00:30 on the 27th in China is 16:30Z on the 26th.
    expect(occurredText(at('2026-11-26T15:30:00Z'), 'exact', REPORTED)).toBe('2026年11月26日 23:30');
    expect(occurredText(at('2026-11-26T16:30:00Z'), 'exact', REPORTED)).toBe('2026年11月27日 00:30');
    expect(occurredText(at('2026-11-26T16:30:00Z'), 'day', REPORTED)).toBe('11月27日（具体时间不清楚）');
    expect(occurredText(at('2026-11-23T20:00:00Z'), 'days', REPORTED)).toBe('最近几天（11月24日前后，报告时的说法是“这几天”）');
  });

  test('the stored hour of each part of the day reads back as that part, on a China day that is not the UTC day', () => {
    const names = { morning: '上午', afternoon: '下午', evening: '晚上' } as const;
    for (const [part, hour] of Object.entries(DAYPART_HOURS) as Array<[keyof typeof names, number]>) {
      // 27 November in China at that hour
      const ms = at(`2026-11-27T${String(hour).padStart(2, '0')}:00:00+08:00`);
      expect(occurredText(ms, 'daypart', REPORTED)).toBe(`11月27日${names[part]}`);
    }
    // 07:00 China on the 27th is still the 26th in UTC: the day must come from China time
    expect(occurredText(at('2026-11-26T23:00:00Z'), 'daypart', REPORTED)).toBe('11月27日上午');
  });

  test('the date and time agree with Intl\'s Asia/Shanghai for instants all through a year', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    const start = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const ms = start + i * 22 * 3600_000 + i * 7 * 60_000; // walks through every hour of the day
      const f = Object.fromEntries(shanghai.formatToParts(ms).map((p) => [p.type, p.value]));
      const expected = `${f.year}年${Number(f.month)}月${Number(f.day)}日 ${f.hour}:${f.minute}`;
      expect(occurredText(ms, 'exact', REPORTED)).toBe(expected);
    }
  });
});

describe('the year', () => {
  test('is left out of a date in the year of the report, and written for any other year', () => {
    expect(occurredText(at('2025-12-20T12:00:00+08:00'), 'earlier', REPORTED)).toBe('更早以前（大约2025年12月20日，报告时的说法是“更早”）');
    expect(occurredText(at('2025-12-31T20:00:00+08:00'), 'daypart', at('2026-01-02T09:00:00+08:00'))).toBe('2025年12月31日晚上');
    expect(occurredText(at('2026-11-20T12:00:00+08:00'), 'earlier', REPORTED)).toBe('更早以前（大约11月20日，报告时的说法是“更早”）');
  });

  test('is decided in China time too: the first hours of a new year in China are still last year in UTC', () => {
    // 00:30 on 1 January 2027 in China, reported the same morning
    const newYear = at('2026-12-31T16:30:00Z');
    expect(occurredText(newYear, 'day', at('2027-01-01T09:00:00+08:00'))).toBe('1月1日（具体时间不清楚）');
    expect(occurredText(newYear, 'exact', at('2027-01-01T09:00:00+08:00'))).toBe('2027年1月1日 00:30');
  });

  test('"exact" always has it', () => {
    expect(occurredText(at('2026-11-28T09:55:00+08:00'), 'exact', REPORTED)).toBe('2026年11月28日 09:55');
  });
});

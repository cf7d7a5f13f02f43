/** Dates never break across lines in what a grandparent reads (the letter's "1月 / 4日开学" at 390 px). */
import { datesUnbroken, dayWords, timeText } from '../../src/components/timeText';
import { occurredText } from '../../src/domain/occurred';
import { fullTimeText } from '../../src/packageWork/components/format';

test('every month-day in a sentence is joined, and only those', () => {
  const s = datesUnbroken('放假时间：1月1日至1月3日。1月4日开学。');
  expect(s.replace(/\u2060/g, '')).toBe('放假时间：1月1日至1月3日。1月4日开学。');
  expect(s).toContain('1\u2060月\u20604\u2060日');
  expect(s).toContain('日开学'); // the words after a date may still wrap
  expect(s).not.toContain('\u2060开');
  expect(dayWords('2026-12-19')).toBe('1\u20602\u2060月\u20601\u20609\u2060日');
});

test('a time reads in China time whatever zone the phone is in (walk 18 #19)', () => {
  // 2026-12-05 23:46 UTC is 12月6日 07:46 in China: a phone set to UTC read 12月5日 23:46
  const at = Date.parse('2026-12-05T23:46:00Z');
  expect(timeText(at)).toBe('12月6日 07:46');
  expect(fullTimeText(at)).toBe('2026年12月6日 07:46');
  expect(fullTimeText(at)).toBe(occurredText(at, 'exact', at));
});

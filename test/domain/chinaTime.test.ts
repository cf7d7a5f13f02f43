/**
 * China time, the one home of UTC+8 (src/domain/chinaTime.ts): every answer
 * is the same whatever zone the machine runs in, and turns over at midnight
 * in Pu'er, not at midnight UTC.
 */
import {
  chinaDay, chinaDayNumber, chinaDayStart, chinaFields, chinaMidnightAfter, chinaMidnightBefore, chinaMonth, chinaMonthKey,
  chinaTimeText, isChinaDay,
} from '../../src/domain/chinaTime';

const at = (iso: string) => Date.parse(iso);

test('the China day turns over at 16:00 UTC', () => {
  expect(chinaDay(at('2026-05-31T15:59:59Z'))).toBe('2026-05-31');
  expect(chinaDay(at('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
  expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  expect(chinaMonthKey(at('2026-10-31T16:30:00Z'))).toBe('2026-11');
  expect(chinaMonth(at('2026-04-30T16:00:00Z'))).toBe(5);
  expect(chinaMonth(new Date('2026-09-30T15:59:00Z'))).toBe(9);
});

test('agrees with the Asia/Shanghai zone of Intl for instants across a year', () => {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 7 * 3600_000 + 13 * 60_000) {
    const parts = Object.fromEntries(fmt.formatToParts(t).map((p) => [p.type, p.value]));
    expect(chinaDay(t)).toBe(`${parts.year}-${parts.month}-${parts.day}`);
    expect(chinaTimeText(t)).toBe(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
    expect(chinaFields(t)).toEqual({ year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute });
  }
});

test('midnights: the start of a China day, the one before an instant and the one after it', () => {
  expect(chinaDayStart('2026-11-01')).toBe(at('2026-10-31T16:00:00Z'));
  expect(chinaMidnightBefore(at('2026-11-01T15:59:00Z'))).toBe(at('2026-10-31T16:00:00Z'));
  expect(chinaMidnightBefore(at('2026-11-01T16:00:00Z'))).toBe(at('2026-11-01T16:00:00Z'));
  expect(chinaMidnightAfter(at('2026-11-01T15:59:00Z'))).toBe(at('2026-11-01T16:00:00Z'));
  expect(chinaDayNumber(at('2026-11-01T15:59:00Z'))).toBe(chinaDayNumber(at('2026-10-31T16:00:00Z')));
  expect(chinaDayNumber(at('2026-11-01T16:00:00Z'))).toBe(chinaDayNumber(at('2026-10-31T16:00:00Z')) + 1);
});

test('a day string is a real calendar day or nothing', () => {
  expect(isChinaDay('2028-02-29')).toBe(true);
  expect(isChinaDay('2026-02-29')).toBe(false);
  expect(isChinaDay('2026-02-31')).toBe(false);
  expect(isChinaDay('2026-2-3')).toBe(false);
  expect(isChinaDay('tomorrow')).toBe(false);
  expect(Number.isNaN(chinaDayStart('tomorrow'))).toBe(true);
});

/**
 * Campaign and topic selection across whole years of dates. Dates are China
 * calendar days; instants are turned into them with chinaDay, checked here on
 * instants whose China date differs from the UTC date.
 */
import { holidayCalendar } from '../../src/content/puer/holidays';
import {
  addDays, campaignPhase, campaignsOf, currentCampaign, daysBetween, festivalsDuring, festivalsNear, isDay, LEAD_DAYS, nextCampaign,
  selectTopics, topicOfWeek, type TermSettings,
} from '../../src/domain/holiday';
import { chinaDay } from '../../src/domain/chinaTime';

const cal = holidayCalendar;
const current = (day: string, settings?: TermSettings, county?: string) => currentCampaign(day, cal, settings, county);

describe('China dates', () => {
  test('an instant late in the UTC evening is already the next day in China', () => {
    expect(chinaDay(new Date('2026-05-31T16:30:00Z'))).toBe('2026-06-01');
    expect(chinaDay(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05-31');
    expect(chinaDay(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  test('the China date agrees with Intl Asia/Shanghai for every hour of a year', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3600_000 * 7) {
      expect(chinaDay(t)).toBe(fmt.format(t));
    }
  });

  test('a campaign opening on a China day is open at 00:30 China time, which is still the day before in UTC', () => {
    const c = campaignsOf(cal).find((x) => x.id === 'dragon_boat-2026')!;
    const instant = new Date(Date.parse(c.opensOn + 'T00:30:00+08:00'));
    expect(instant.toISOString().slice(0, 10)).toBe(addDays(c.opensOn, -1));
    expect(current(chinaDay(instant))?.id).toBe('dragon_boat-2026');
    expect(current(instant.toISOString().slice(0, 10))?.id).not.toBe('dragon_boat-2026');
  });

  test('day arithmetic and validation', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-25', '2027-01-01')).toBe(7);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('2026-09-01')).toBe(true);
  });
});

describe('which campaign is current', () => {
  test('端午 2026 (19-21 June): opens a week before, open during, closed on the day school resumes', () => {
    expect(current('2026-06-11')?.id).not.toBe('dragon_boat-2026');
    expect(current('2026-06-12')?.id).toBe('dragon_boat-2026');
    expect(current('2026-06-20')?.id).toBe('dragon_boat-2026');
    expect(current('2026-06-21')?.id).toBe('dragon_boat-2026');
    expect(current('2026-06-22')).toBeNull();
  });

  test('the winter break 2027 carries 春节 (inside it) and 元旦 stays its own campaign', () => {
    const c = current('2027-02-06')!;
    expect(c.id).toBe('winter_break-2027');
    expect(c.includes).toContain('spring_festival');
    expect(c.topics).toEqual(expect.arrayContaining(['fire', 'gas', 'fireworks']));
    expect(campaignsOf(cal).some((x) => x.id === 'spring_festival-2027')).toBe(false);
    expect(current('2027-01-01')?.id).toBe('new_year-2027');
    // 元旦 resumes on 4 January; the winter break opens 14 days before 16 January
    expect(current('2027-01-04')?.id).toBe('winter_break-2027');
    expect(current('2027-02-21')?.id).toBe('winter_break-2027');
    expect(current('2027-02-22')).toBeNull();
  });

  test('中秋 and 国庆 2026 overlap: the nearer holiday first, then 国庆 until 8 October', () => {
    expect(current('2026-09-24')?.id).toBe('mid_autumn-2026');
    expect(current('2026-09-27')?.id).toBe('mid_autumn-2026');
    expect(current('2026-09-28')?.id).toBe('national_day-2026');
    expect(current('2026-10-07')?.id).toBe('national_day-2026');
    expect(current('2026-10-08')).toBeNull();
  });

  test('every day of 2025-2027: at most one campaign, and every day off is covered by the campaign holding it', () => {
    const all = campaignsOf(cal);
    for (let d = '2025-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      const c = current(d);
      if (c) {
        expect(c.opensOn <= d && d < c.resume).toBe(true);
        expect(campaignPhase(c, d)).toMatch(/before|during/);
      }
      const holding = all.find((x) => x.start <= d && d <= x.end);
      if (holding) expect(c).not.toBeNull();
    }
  });

  test('campaigns open LEAD_DAYS before: a week for a holiday, two for a break', () => {
    const all = campaignsOf(cal);
    const labour = all.find((x) => x.id === 'labour_day-2026')!;
    expect(daysBetween(labour.opensOn, labour.start)).toBe(LEAD_DAYS.holiday);
    const summer = all.find((x) => x.id === 'summer_break-2026')!;
    expect(daysBetween(summer.opensOn, summer.start)).toBe(LEAD_DAYS.break);
    expect(summer.resume).toBe('2026-09-01');
  });

  test('a county\'s term dates override the city\'s, which override the defaults', () => {
    const settings: TermSettings = {
      city: [{ key: 'summer_break', year: 2026, start: '2026-07-04', end: '2026-08-30', resume: '2026-08-31' }],
      counties: { lancang: [{ key: 'summer_break', year: 2026, start: '2026-07-18', end: '2026-09-06', resume: '2026-09-07' }] },
    };
    expect(current('2026-06-22', settings)?.id).toBe('summer_break-2026'); // opens 20 June for the city, after 端午
    expect(current('2026-06-22')).toBeNull(); // the default summer break opens 27 June
    expect(current('2026-08-31', settings)).toBeNull();
    expect(current('2026-08-31', settings, 'simao')).toBeNull();
    expect(current('2026-09-06', settings, 'lancang')?.id).toBe('summer_break-2026');
    expect(current('2026-09-07', settings, 'lancang')).toBeNull();
    expect(current('2026-06-20', settings, 'lancang')?.id).toBe('dragon_boat-2026');
  });

  test('published early: the next campaign opens on the day it was published', () => {
    const next = nextCampaign('2026-11-29', cal)!;
    expect(next.id).toBe('new_year-2027');
    expect(current('2026-11-29')).toBeNull();
    expect(current('2026-11-29', { publishedEarly: { [next.id]: '2026-11-29' } })?.id).toBe('new_year-2027');
    expect(current('2026-11-28', { publishedEarly: { [next.id]: '2026-11-29' } })).toBeNull();
  });

  test('2027 dates are marked provisional, 2025-2026 are not', () => {
    for (const c of campaignsOf(cal)) {
      if (c.key === 'winter_break' || c.key === 'summer_break') continue;
      expect(c.provisional).toBe(c.year === 2027);
    }
  });
});

describe('topics by season and holiday', () => {
  test('drowning: every campaign whose days off start May-September, and 端午 and the summer break always', () => {
    for (const c of campaignsOf(cal)) {
      const m = Number(c.start.slice(5, 7));
      const expected = (m >= 5 && m <= 9) || c.key === 'dragon_boat' || c.key === 'summer_break';
      expect([c.id, c.topics.includes('drowning')]).toEqual([c.id, expected]);
    }
  });

  test('the May and September edges', () => {
    expect(selectTopics('qingming', '2026-04-30')).not.toContain('drowning');
    expect(selectTopics('labour_day', '2026-05-01')).toContain('drowning');
    expect(selectTopics('mid_autumn', '2026-09-30')).toContain('drowning');
    expect(selectTopics('national_day', '2026-10-01')).not.toContain('drowning');
    // 端午 is drowning season whenever it falls
    expect(selectTopics('dragon_boat', '2030-04-28')).toContain('drowning');
  });

  test('winter and 春节 bring fire, gas and fireworks; summer brings food safety; the rainy season landslides', () => {
    expect(selectTopics('new_year', '2027-01-01')).toEqual(expect.arrayContaining(['fire', 'gas', 'fireworks']));
    expect(selectTopics('spring_festival', '2027-03-01')).toEqual(expect.arrayContaining(['fire', 'gas', 'fireworks']));
    expect(selectTopics('summer_break', '2026-07-11')).toEqual(expect.arrayContaining(['food', 'landslide_flood', 'drowning']));
    expect(selectTopics('national_day', '2026-10-01')).toContain('landslide_flood');
    expect(selectTopics('qingming', '2026-04-04')).not.toContain('landslide_flood');
    // 清明: grave-sweeping fires in Yunnan's forest-fire season (1 December - 15 June), but no gas or fireworks block
    expect(selectTopics('qingming', '2026-04-04')).toContain('fire');
    expect(selectTopics('qingming', '2026-04-04')).not.toContain('gas');
    expect(selectTopics('labour_day', '2026-05-01')).not.toContain('fire');
  });

  test('wild mushrooms: June to October, so 中秋 and 国庆 carry the food block, 劳动节 does not', () => {
    expect(selectTopics('mid_autumn', '2026-09-25')).toContain('food');
    expect(selectTopics('national_day', '2026-10-01')).toContain('food');
    expect(selectTopics('dragon_boat', '2026-06-19')).toContain('food');
    expect(selectTopics('labour_day', '2026-05-01')).not.toContain('food');
    expect(selectTopics('new_year', '2027-01-01')).not.toContain('food');
  });

  test('every winter and summer break carries the online and wellbeing blocks; a short holiday does not', () => {
    for (const c of campaignsOf(cal)) {
      const isBreak = c.key === 'winter_break' || c.key === 'summer_break';
      expect([c.id, c.topics.includes('online'), c.topics.includes('wellbeing')]).toEqual([c.id, isBreak, isBreak]);
    }
  });

  test('traffic and fraud are in every letter of every day of a whole year', () => {
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const c = current(d);
      if (c) expect(c.topics).toEqual(expect.arrayContaining(['traffic', 'fraud']));
    }
    for (const c of campaignsOf(cal)) expect(c.topics).toEqual(expect.arrayContaining(['traffic', 'fraud']));
  });

  test('the topic of the week rotates through the letter, the season\'s main danger first', () => {
    const summer = campaignsOf(cal).find((x) => x.id === 'summer_break-2026')!;
    expect(topicOfWeek(summer, summer.start)).toBe('drowning');
    expect(topicOfWeek(summer, addDays(summer.start, 7))).toBe(summer.topics[1]);
    const weeks = new Set<string>();
    for (let d = summer.start; d <= summer.end; d = addDays(d, 7)) weeks.add(topicOfWeek(summer, d));
    expect(weeks.size).toBe(summer.topics.length);
  });
});

describe('county festivals', () => {
  test('泼水节 is data for 孟连 and 景谷 only, every year 2025-2027, a drowning risk, dates provisional', () => {
    const fests = cal.festivals ?? [];
    for (const year of [2025, 2026, 2027]) {
      const f = fests.find((x) => x.key === 'water_splashing' && x.year === year)!;
      expect(f.counties.sort()).toEqual(['jinggu', 'menglian']);
      expect(f.risk).toBe('drowning');
      expect(f.provisional).toBe(true);
      expect(f.start.slice(5, 7)).toBe('04');
    }
  });

  test('the 清明 letter, the last before 泼水节, carries it in 孟连 and 景谷, not in 思茅 or without a county', () => {
    const terms: TermSettings = {};
    for (const year of [2025, 2026, 2027]) {
      for (const county of ['menglian', 'jinggu']) {
        const c = campaignsOf(cal, terms, county).find((x) => x.id === `qingming-${year}`)!;
        expect([c.id, county, c.festivals.map((f) => f.key)]).toEqual([c.id, county, ['water_splashing']]);
      }
      expect(campaignsOf(cal, terms, 'simao').find((x) => x.id === `qingming-${year}`)!.festivals).toEqual([]);
      expect(campaignsOf(cal, terms).find((x) => x.id === `qingming-${year}`)!.festivals).toEqual([]);
    }
    // 劳动节 opens after 泼水节 is over; 元旦 and the winter break are months away
    for (const c of campaignsOf(cal, terms, 'menglian').filter((x) => !x.id.startsWith('qingming'))) expect([c.id, c.festivals]).toEqual([c.id, []]);
  });

  test('the window ends two weeks after school resumes', () => {
    const c = { opensOn: '2026-03-28', resume: '2026-04-07' };
    const f = { key: 'x', name: 'x', year: 2026, counties: ['menglian'], start: '2026-04-20', end: '2026-04-21', risk: 'drowning' as const, line: 'x' };
    expect(festivalsDuring(c, { holidays: [], breaks: [], festivals: [f] }, 'menglian')).toEqual([f]);
    expect(festivalsDuring(c, { holidays: [], breaks: [], festivals: [{ ...f, start: '2026-04-21' }] }, 'menglian')).toEqual([]);
    expect(festivalsDuring(c, { holidays: [], breaks: [], festivals: [{ ...f, start: '2026-03-20', end: '2026-03-27' }] }, 'menglian')).toEqual([]);
  });

  test('festivalsNear: from 3 days before to the last day, in the festival\'s counties only', () => {
    expect(festivalsNear('2026-04-09', cal, 'menglian')).toEqual([]);
    expect(festivalsNear('2026-04-10', cal, 'menglian').map((f) => f.key)).toEqual(['water_splashing']);
    expect(festivalsNear('2026-04-15', cal, 'jinggu').map((f) => f.key)).toEqual(['water_splashing']);
    expect(festivalsNear('2026-04-16', cal, 'jinggu')).toEqual([]);
    expect(festivalsNear('2026-04-13', cal, 'simao')).toEqual([]);
  });
});

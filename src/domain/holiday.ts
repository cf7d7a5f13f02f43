import { DAY_MS } from './chinaTime';
/**
 * Holiday campaigns: which letter to parents (告家长书) is current for a school
 * on a date, and which safety topics it carries.
 *
 * A campaign belongs to one holiday period (a national holiday or a school
 * break). It opens some days before the first day off (earlier when the
 * bureau publishes it early) and stays open until school resumes. Dates are
 * calendar days in China time (chinaTime.ts), as 'YYYY-MM-DD' strings, whatever zone
 * the machine is in.
 *
 * Pure: no clock, no I/O. The calendar itself is data (src/content/puer/holidays.ts);
 * term dates a coordinator set for the city or a county arrive as overrides.
 */

export const HOLIDAY_KEYS = [
  'new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day',
  'winter_break', 'summer_break',
] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];
export type BreakKey = 'winter_break' | 'summer_break';

export const HOLIDAY_NAMES: Record<HolidayKey, string> = {
  new_year: '元旦',
  spring_festival: '春节',
  qingming: '清明节',
  labour_day: '劳动节',
  dragon_boat: '端午节',
  mid_autumn: '中秋节',
  national_day: '国庆节',
  winter_break: '寒假',
  summer_break: '暑假',
};

/** A run of days off: first and last day off (inclusive); school resumes the day after `end` unless `resume` says otherwise. */
export interface HolidayPeriod {
  key: HolidayKey;
  /** the year the period starts in */
  year: number;
  start: string;
  end: string;
  /** first school day after the period (default: the day after `end`) */
  resume?: string;
  /** dates not yet published by the State Council (computed from the lunar calendar) */
  provisional?: boolean;
  /** set when a national holiday lies inside a break: its topics join the break's letter */
  within?: string;
}

export interface HolidayCalendar {
  holidays: HolidayPeriod[];
  breaks: HolidayPeriod[];
  /** a county's own festival days (autonomous counties), with the risk they bring */
  festivals?: LocalFestival[];
}

/**
 * A festival kept in some counties only (泼水节 in 孟连 and 景谷): its days,
 * the danger it brings, and the line a letter or reminder in that county
 * says about it. Not a day off by itself: schools follow the county's notice.
 */
export interface LocalFestival {
  /** stable key, e.g. 'water_splashing' */
  key: string;
  name: string;
  year: number;
  /** county ids (catalog jurisdictions) that keep it */
  counties: string[];
  start: string;
  end: string;
  /** the danger it brings (a letter topic) */
  risk: TopicId;
  /** one line for the letter, written for a grandparent */
  line: string;
  /** dates not yet confirmed by the county for that year */
  provisional?: boolean;
}

/** Term dates set for the city or one county: replaces the default break of that key and year. */
export interface BreakOverride { key: BreakKey; year: number; start: string; end: string; resume: string }

export interface TermSettings {
  city?: BreakOverride[];
  counties?: Record<string, BreakOverride[]>;
  /** campaign id → the date it was published early (opens then instead of LEAD_DAYS before) */
  publishedEarly?: Record<string, string>;
}

export type TopicId =
  | 'drowning' | 'fire' | 'gas' | 'fireworks' | 'traffic' | 'fraud' | 'food' | 'landslide_flood'
  /** game time, people met online, payments: every break */
  | 'online'
  /** one line on a child's mood and one on sexual abuse: every break */
  | 'wellbeing';

export interface Campaign {
  /** stable id: '<key>-<year>', e.g. 'dragon_boat-2026', 'winter_break-2027' */
  id: string;
  key: HolidayKey;
  name: string;
  year: number;
  /** first and last day off */
  start: string;
  end: string;
  /** first school day after */
  resume: string;
  /** the day signing opens */
  opensOn: string;
  /** national holidays inside this break (春节 in the winter break) */
  includes: HolidayKey[];
  topics: TopicId[];
  provisional: boolean;
  /** the county's own festivals from the day it opens to two weeks after school resumes (only when a county was given) */
  festivals: LocalFestival[];
}

/** Days before the first day off that a campaign opens. */
export const LEAD_DAYS: Record<'holiday' | 'break', number> = { holiday: 7, break: 14 };


/** 'YYYY-MM-DD' plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY_MS);

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z')) &&
  new Date(Date.parse(s + 'T00:00:00Z')).toISOString().slice(0, 10) === s;

const monthOf = (day: string) => Number(day.slice(5, 7));
const isBreak = (key: HolidayKey): key is BreakKey => key === 'winter_break' || key === 'summer_break';
export const campaignId = (p: Pick<HolidayPeriod, 'key' | 'year'>) => `${p.key}-${p.year}`;

/** The breaks for a school in a county: the city's defaults, then the city's term dates, then the county's. */
export function effectiveBreaks(calendar: HolidayCalendar, settings: TermSettings, countyId?: string): HolidayPeriod[] {
  const apply = (list: HolidayPeriod[], overrides: BreakOverride[] | undefined) => {
    let out = list;
    for (const o of overrides ?? []) {
      const replaced: HolidayPeriod = { key: o.key, year: o.year, start: o.start, end: o.end, resume: o.resume };
      out = out.some((b) => b.key === o.key && b.year === o.year)
        ? out.map((b) => (b.key === o.key && b.year === o.year ? replaced : b))
        : [...out, replaced];
    }
    return out;
  };
  const city = apply(calendar.breaks, settings.city);
  return countyId ? apply(city, settings.counties?.[countyId]) : city;
}

/** True when [aStart, aEnd] and [bStart, bEnd] share a day. */
const overlaps = (aStart: string, aEnd: string, bStart: string, bEnd: string) => aStart <= bEnd && bStart <= aEnd;

/**
 * The safety topics of a letter, by season and holiday (sources: docs/content-review.md):
 *  - drowning: the holiday starts May-September (the plan's 5-9月 重点时段), and always for 端午 and the summer break;
 *  - fire: winter (November-February), 春节 and 清明 (grave-sweeping fires; Yunnan's forest-fire season
 *    runs 1 December to 15 June, 云南省森林防火条例); gas poisoning and fireworks: winter and 春节;
 *  - traffic (no e-bikes under 16, no motorcycles without a licence) and fraud: always;
 *  - landslides and floods: Yunnan's rainy season (May-October);
 *  - food safety (wild mushrooms): June-October, the mushroom months of the rainy season, and the summer break;
 *  - online life, and a child's mood and body safety: every winter and summer break.
 * Ordered by urgency: the season's main danger first.
 */
export function selectTopics(key: HolidayKey, start: string, includes: readonly HolidayKey[] = []): TopicId[] {
  const m = monthOf(start);
  const has = (k: HolidayKey) => key === k || includes.includes(k);
  const winter = m >= 11 || m <= 2 || has('spring_festival') || has('winter_break');
  const longBreak = has('winter_break') || has('summer_break');
  const topics: TopicId[] = [];
  if ((m >= 5 && m <= 9) || has('dragon_boat') || has('summer_break')) topics.push('drowning');
  if (winter || has('qingming')) topics.push('fire');
  if (winter) topics.push('gas', 'fireworks');
  topics.push('traffic');
  if ((m >= 5 && m <= 10) || has('summer_break')) topics.push('landslide_flood');
  if ((m >= 6 && m <= 10) || has('summer_break')) topics.push('food');
  topics.push('fraud');
  if (longBreak) topics.push('online', 'wellbeing');
  return topics;
}

/**
 * Days after school resumes in which a county festival still belongs to the
 * letter just signed: it is the last letter guardians read before it (泼水节
 * in mid-April follows 清明 by a week or two).
 */
export const FESTIVAL_LOOKAHEAD_DAYS = 14;

/** The county's festivals from the day a campaign opens to FESTIVAL_LOOKAHEAD_DAYS after school resumes. */
export function festivalsDuring(
  c: Pick<Campaign, 'opensOn' | 'resume'>, calendar: HolidayCalendar, countyId?: string,
): LocalFestival[] {
  if (!countyId) return [];
  const last = addDays(c.resume, FESTIVAL_LOOKAHEAD_DAYS - 1);
  return (calendar.festivals ?? []).filter((f) => f.counties.includes(countyId) && overlaps(f.start, f.end, c.opensOn, last));
}

/** The county's festivals on `day` or starting within `aheadDays` after it (for reminders outside any campaign). */
export function festivalsNear(day: string, calendar: HolidayCalendar, countyId: string, aheadDays = 3): LocalFestival[] {
  return (calendar.festivals ?? []).filter((f) => f.counties.includes(countyId) && f.start <= addDays(day, aheadDays) && day <= f.end);
}

/**
 * Every campaign of a school's calendar, in date order. A national holiday
 * that falls inside a break joins the break's campaign (春节 in the winter
 * break) instead of opening its own.
 */
export function campaignsOf(calendar: HolidayCalendar, settings: TermSettings = {}, countyId?: string): Campaign[] {
  const breaks = effectiveBreaks(calendar, settings, countyId);
  const out: Campaign[] = [];
  const make = (p: HolidayPeriod, includes: HolidayKey[]): Campaign => {
    const id = campaignId(p);
    const lead = LEAD_DAYS[isBreak(p.key) ? 'break' : 'holiday'];
    const normal = addDays(p.start, -lead);
    const early = settings.publishedEarly?.[id];
    const opensOn = early && early < normal ? early : normal;
    const resume = p.resume ?? addDays(p.end, 1);
    return {
      id, key: p.key, name: `${p.year}年${HOLIDAY_NAMES[p.key]}`, year: p.year,
      start: p.start, end: p.end, resume, opensOn,
      includes, topics: selectTopics(p.key, p.start, includes), provisional: Boolean(p.provisional),
      festivals: festivalsDuring({ opensOn, resume }, calendar, countyId),
    };
  };
  for (const b of breaks) {
    const inside = calendar.holidays.filter((h) => overlaps(h.start, h.end, b.start, addDays(b.resume ?? addDays(b.end, 1), -1)));
    out.push(make(b, inside.map((h) => h.key)));
  }
  for (const h of calendar.holidays) {
    if (breaks.some((b) => overlaps(h.start, h.end, b.start, addDays(b.resume ?? addDays(b.end, 1), -1)))) continue;
    out.push(make(h, []));
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The campaign open on `day` for a school in `countyId`: opened (opensOn ≤ day)
 * and school not yet resumed (day < resume). When two overlap (a campaign
 * opening while another's holiday is still on), the one whose holiday is
 * nearer wins: the earlier start that has not resumed.
 */
export function currentCampaign(day: string, calendar: HolidayCalendar, settings: TermSettings = {}, countyId?: string): Campaign | null {
  const open = campaignsOf(calendar, settings, countyId).filter((c) => c.opensOn <= day && day < c.resume);
  return open[0] ?? null;
}

/** The next campaign whose holiday has not begun on `day` (for publishing early). */
export function nextCampaign(day: string, calendar: HolidayCalendar, settings: TermSettings = {}, countyId?: string): Campaign | null {
  return campaignsOf(calendar, settings, countyId).find((c) => c.start > day) ?? null;
}

export type CampaignPhase = 'before' | 'during' | 'closed' | 'not_open';

/** Where `day` stands in a campaign: before the days off, during them, not yet open, or closed (school resumed). */
export function campaignPhase(c: Campaign, day: string): CampaignPhase {
  if (day < c.opensOn) return 'not_open';
  if (day >= c.resume) return 'closed';
  return day < c.start ? 'before' : 'during';
}

/** The topic of the week during a break: week 0 is the first week off; the season's main danger first, then in turn. */
export function topicOfWeek(c: Campaign, day: string): TopicId {
  const week = Math.max(0, Math.floor(daysBetween(c.start, day) / 7));
  return c.topics[week % c.topics.length];
}

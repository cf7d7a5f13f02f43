/**
 * Pu'er's holiday calendar, as data.
 *
 * National holidays (days off, inclusive):
 *  - 2025 and 2026: the State Council General Office's notices
 *    (国务院办公厅关于2025年部分节假日安排的通知, 2024-11-12; …2026年…, 2025-11).
 *    In 2025 中秋 falls on 10月6日 and is merged into 国庆 (10月1日至8日).
 *  - 2027: PROVISIONAL until the State Council publishes its notice (usually in
 *    November of the year before). Computed from the lunar calendar: 春节 正月初一
 *    = 2027-02-06 (除夕 02-05), 清明 solar term 2027-04-05, 端午 五月初五 =
 *    2027-06-09, 中秋 八月十五 = 2027-09-15; the number of days off follows the
 *    pattern of recent years. Replace with the published dates when they come.
 *
 * Winter and summer breaks: typical dates of Yunnan primary and middle schools
 * (寒假 from mid/late January to about a week after 元宵, 暑假 from mid-July
 * to 31 August). They are defaults: the education bureau sets the real term
 * dates for the city or a county (`holiday.setTerms`), which override these.
 *
 * County festivals (`festivals`): days kept by an autonomous county, not days
 * off by themselves. 泼水节 (傣历新年) is held in 孟连傣族拉祜族佤族自治县
 * and 景谷傣族彝族自治县 around 13-17 April; people splash water by and in
 * rivers, a drowning risk for children before the summer season. The exact
 * days differ by county and year (2023: 孟连 13-17 April, 景谷 14-16 April,
 * from published schedules, TO CONFIRM with each county's notice), so every
 * entry is provisional: 13-15 April, the days 傣历新年 is fixed on. See
 * docs/content-review.md.
 */
import type { HolidayCalendar, LocalFestival } from '../../domain/holiday';

const WATER_SPLASHING_LINE = '过节人多，孩子不去河里、塘里泼水、玩水，要有大人带着。';
const waterSplashing = (year: number): LocalFestival => ({
  key: 'water_splashing', name: '泼水节', year, counties: ['menglian', 'jinggu'],
  start: `${year}-04-13`, end: `${year}-04-15`, risk: 'drowning', line: WATER_SPLASHING_LINE, provisional: true,
});

export const holidayCalendar: HolidayCalendar = {
  holidays: [
    { key: 'new_year', year: 2025, start: '2025-01-01', end: '2025-01-01' },
    { key: 'spring_festival', year: 2025, start: '2025-01-28', end: '2025-02-04' },
    { key: 'qingming', year: 2025, start: '2025-04-04', end: '2025-04-06' },
    { key: 'labour_day', year: 2025, start: '2025-05-01', end: '2025-05-05' },
    { key: 'dragon_boat', year: 2025, start: '2025-05-31', end: '2025-06-02' },
    { key: 'national_day', year: 2025, start: '2025-10-01', end: '2025-10-08' },

    { key: 'new_year', year: 2026, start: '2026-01-01', end: '2026-01-03' },
    { key: 'spring_festival', year: 2026, start: '2026-02-15', end: '2026-02-23' },
    { key: 'qingming', year: 2026, start: '2026-04-04', end: '2026-04-06' },
    { key: 'labour_day', year: 2026, start: '2026-05-01', end: '2026-05-05' },
    { key: 'dragon_boat', year: 2026, start: '2026-06-19', end: '2026-06-21' },
    { key: 'mid_autumn', year: 2026, start: '2026-09-25', end: '2026-09-27' },
    { key: 'national_day', year: 2026, start: '2026-10-01', end: '2026-10-07' },

    // 2027: provisional (see above)
    { key: 'new_year', year: 2027, start: '2027-01-01', end: '2027-01-03', provisional: true },
    { key: 'spring_festival', year: 2027, start: '2027-02-05', end: '2027-02-13', provisional: true },
    { key: 'qingming', year: 2027, start: '2027-04-03', end: '2027-04-05', provisional: true },
    { key: 'labour_day', year: 2027, start: '2027-05-01', end: '2027-05-05', provisional: true },
    { key: 'dragon_boat', year: 2027, start: '2027-06-09', end: '2027-06-09', provisional: true },
    { key: 'mid_autumn', year: 2027, start: '2027-09-15', end: '2027-09-15', provisional: true },
    { key: 'national_day', year: 2027, start: '2027-10-01', end: '2027-10-07', provisional: true },
  ],
  breaks: [
    { key: 'winter_break', year: 2025, start: '2025-01-18', end: '2025-02-16', resume: '2025-02-17' },
    { key: 'summer_break', year: 2025, start: '2025-07-12', end: '2025-08-31', resume: '2025-09-01' },
    { key: 'winter_break', year: 2026, start: '2026-01-24', end: '2026-03-01', resume: '2026-03-02' },
    { key: 'summer_break', year: 2026, start: '2026-07-11', end: '2026-08-31', resume: '2026-09-01' },
    { key: 'winter_break', year: 2027, start: '2027-01-16', end: '2027-02-21', resume: '2027-02-22' },
    { key: 'summer_break', year: 2027, start: '2027-07-10', end: '2027-08-31', resume: '2027-09-01' },
  ],
  festivals: [waterSplashing(2025), waterSplashing(2026), waterSplashing(2027)],
};

/**
 * Holiday reminders to the guardians who opted in (reminder.subscribe):
 *  - 'before_break'    3 days before the days off (until they begin);
 *  - 'nudge'           2 days before, to a guardian who has not signed for a child yet (to them alone);
 *  - 'weekly:<n>'      each week of a winter or summer break, the topic of that week;
 *  - 'before_resume'   the day before school resumes;
 *  - drowning tips     once a month May-September ('drowning_season-<year>', kind 'month:<mm>');
 *  - county festivals  up to 3 days before a festival the child's county keeps, with its danger
 *                      (泼水节 in 孟连 and 景谷: water), ('festival-<key>-<year>', kind 'before_festival').
 * Windows, not single days, so a day the scheduler missed is made up the next
 * run. Each row has a deterministic id and is inserted only if absent
 * (holiday/reminders.ts): two runs, or a run that died half way and a rerun,
 * write each reminder exactly once. Guardians are read in batches by id; a
 * day's pass is remembered (PASS_ID), so the every-5-minutes trigger does
 * one full pass a day and a pass cut short is continued where it stopped.
 * Someone who opts in later that day is reached from the next day's pass.
 */
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import {
  addDays, currentCampaign, daysBetween, festivalsNear, topicOfWeek, type Campaign, type LocalFestival, type TopicId,
} from '../../../domain/holiday';
import { dayText, holidayLabel } from '../../../domain/letter';
import type { Clock } from '../../core/context';
import type { Store } from '../../store/types';
import { enqueueReminders, HOLIDAY_PAGE, type ReminderRow } from '../holiday/reminders';
import { loadTerms, type CommitmentDoc, type StudentDoc } from '../holiday/shared';
import { chinaDay } from '../../../domain/chinaTime';

export const REMINDER_BATCH = 500;
/** The `settings` row that remembers today's pass: its day, how far it got, whether it finished. */
export const PASS_ID = 'holiday.reminders.pass';
interface PassDoc { _id: string; day: string; after: string; done: boolean; [k: string]: unknown }

export interface SubscriptionDoc { _id: string; userId: string; optedIn: boolean; at: number; notifyOpenid?: string; [k: string]: unknown }

const TOPIC_TIPS: Record<TopicId, string> = {
  drowning: '不让孩子私自下水，不去河边水库玩。',
  fire: '用火用电有大人在，不让孩子玩火。',
  gas: '烤火要开窗通风，睡前把火灭掉。',
  fireworks: '鞭炮烟花由大人放，孩子站远看。',
  traffic: '不满16岁不骑电动车，没驾照不骑摩托车。',
  fraud: '陌生人要钱、要验证码，先打电话核实。',
  food: '不采不买不吃不认识的野生菌。',
  landslide_flood: '下大雨远离河边、山沟和陡坡。',
  online: '说好上网时间，不见网友，付钱先问大人。',
  wellbeing: '多陪孩子说说话，有事找老师。',
};

/** A festival's reminder, by its danger (at most 20 characters, like the tips above). */
const FESTIVAL_TIPS: Partial<Record<TopicId, string>> = {
  drowning: '过节不让孩子下河塘玩水，要有大人带。',
};

interface Due { kind: string; template: string; data: Record<string, string> }

/** The reminders due on `day` for a campaign (before the per-guardian nudge check). */
export function dueKinds(c: Campaign, day: string): Due[] {
  const out: Due[] = [];
  const name = holidayLabel(c);
  if (day >= addDays(c.start, -3) && day < c.start) {
    out.push({ kind: 'before_break', template: 'holiday_reminder', data: { title: `${name}就要放假了`, due: `${dayText(c.start)}放假`, tip: '请看告家长书，和孩子说一说假期安全。' } });
  }
  const isLongBreak = c.key === 'winter_break' || c.key === 'summer_break';
  const week = Math.floor(daysBetween(c.start, day) / 7);
  if (isLongBreak && week >= 1 && day <= c.end) {
    const topic = topicOfWeek(c, day);
    out.push({ kind: `weekly:${week}`, template: 'holiday_reminder', data: { title: `${name}第${week + 1}周安全提醒`, due: `${dayText(c.resume)}开学`, tip: TOPIC_TIPS[topic] } });
  }
  if (day === addDays(c.resume, -1)) {
    out.push({ kind: 'before_resume', template: 'holiday_reminder', data: { title: '明天开学了', due: `${dayText(c.resume)}开学`, tip: '请检查孩子上学路上的交通安全。' } });
  }
  return out;
}

export const isNudgeDay = (c: Campaign, day: string) => day >= addDays(c.start, -2) && day < c.start;

export async function runHolidayReminders({ store, clock, batch = REMINDER_BATCH }: { store: Store; clock: Clock; batch?: number }) {
  const now = clock.now().getTime();
  const day = chinaDay(now);
  const terms = await loadTerms(store);
  const countyCampaign = new Map<string, Campaign | null>();
  const campaignOfCounty = (county: string) => {
    if (!countyCampaign.has(county)) countyCampaign.set(county, currentCampaign(day, content.holidayCalendar, terms, county === CITY ? undefined : county));
    return countyCampaign.get(county)!;
  };
  const month = Number(day.slice(5, 7));
  const drowningSeason = month >= 5 && month <= 9;
  const anyCampaign = [...content.catalog.counties.map((c) => c.id), CITY].some((c) => campaignOfCounty(c));
  const festivalsOfCounty = new Map(content.catalog.counties.map((c) => [c.id, festivalsNear(day, content.holidayCalendar, c.id)]));
  const anyFestival = [...festivalsOfCounty.values()].some((l) => l.length > 0);
  const result: { guardians: number; written: number; skipped?: boolean } = { guardians: 0, written: 0 };
  if (!anyCampaign && !drowningSeason && !anyFestival) return result;

  // schools are records (core/directory.ts): one read a pass
  const countyOfSchool = new Map((await store.collection<{ _id: string; jurisdiction: string }>('schools').find({})).map((s) => [s._id, s.jurisdiction]));
  const subs = store.collection<SubscriptionDoc>('reminder_subs');
  // One full pass a day is enough (every kind is due for a day or more); the pass keeps its place, so a
  // run that died (timeout on CloudBase) is continued by the next from the last finished batch.
  const settings = store.collection<PassDoc>('settings');
  const pass = await settings.get(PASS_ID);
  if (pass?.day === day && pass.done) return { ...result, skipped: true };
  let after = pass?.day === day ? pass.after : '';
  for (;;) {
    // Keyset paging on the primary key alone (an optedIn filter here makes SQLite walk that index and sort
    // every opted-in row for each page); the few who said no are dropped below.
    const page = await subs.find(after ? { _id: { $gt: after } } : {}, { orderBy: [['_id', 'asc']], limit: batch });
    if (page.length === 0) break;
    after = page[page.length - 1]._id;
    const userIds = page.filter((s) => s.optedIn === true).map((s) => s.userId);
    result.guardians += userIds.length;
    if (userIds.length === 0) {
      if (page.length < batch) break;
      await settings.put({ _id: PASS_ID, day, after, done: false });
      continue;
    }
    const rows: ReminderRow[] = [];
    if (drowningSeason) {
      for (const userId of userIds) {
        rows.push({ campaignId: `drowning_season-${day.slice(0, 4)}`, kind: `month:${day.slice(5, 7)}`, userId, message: {
          template: 'drowning_tip', page: HOLIDAY_PAGE,
          data: { title: '防溺水提醒', due: `${month}月`, tip: '孩子不在没有大人看护时下水游泳。' },
        } });
      }
    }
    if (anyCampaign || anyFestival) {
      const links = await store.collection<{ _id: string; userId: string; studentId: string }>('guardianships').find({ userId: { $in: userIds } });
      const studentIds = [...new Set(links.map((l) => l.studentId))];
      const students = studentIds.length ? await store.collection<StudentDoc>('students').find({ _id: { $in: studentIds } }) : [];
      const campaignOfStudent = new Map(students.map((s) => [s._id, campaignOfCounty(countyOfSchool.get(s.schoolId) ?? CITY)]));
      const festivalsOfStudent = new Map(students.map((s) => [s._id, festivalsOfCounty.get(countyOfSchool.get(s.schoolId) ?? CITY) ?? []]));
      const campaignIds = [...new Set([...campaignOfStudent.values()].filter((c): c is Campaign => Boolean(c)).map((c) => c.id))];
      const signed = campaignIds.length
        ? new Set((await store.collection<CommitmentDoc>('commitments').find({ campaignId: { $in: campaignIds }, userId: { $in: userIds } }))
          .map((c) => `${c.campaignId}:${c.studentId}:${c.userId}`))
        : new Set<string>();
      const linksOf = new Map<string, typeof links>();
      for (const l of links) linksOf.set(l.userId, [...(linksOf.get(l.userId) ?? []), l]);
      for (const userId of userIds) {
        const mine = linksOf.get(userId) ?? [];
        const campaigns = new Map<string, { c: Campaign; unsigned: boolean }>();
        const festivals = new Map<string, LocalFestival>();
        for (const l of mine) for (const f of festivalsOfStudent.get(l.studentId) ?? []) festivals.set(`festival-${f.key}-${f.year}`, f);
        for (const [campaignId, f] of festivals) {
          rows.push({ campaignId, kind: 'before_festival', userId, message: {
            template: 'holiday_reminder', page: HOLIDAY_PAGE,
            data: { title: `${f.name}安全提醒`, due: `${dayText(f.start)}${f.provisional ? '前后' : ''}`, tip: FESTIVAL_TIPS[f.risk] ?? TOPIC_TIPS[f.risk] },
          } });
        }
        for (const l of mine) {
          const c = campaignOfStudent.get(l.studentId);
          if (!c) continue;
          const entry = campaigns.get(c.id) ?? { c, unsigned: false };
          if (!signed.has(`${c.id}:${l.studentId}:${userId}`)) entry.unsigned = true;
          campaigns.set(c.id, entry);
        }
        for (const { c, unsigned } of campaigns.values()) {
          for (const d of dueKinds(c, day)) rows.push({ campaignId: c.id, kind: d.kind, userId, message: { template: d.template, page: HOLIDAY_PAGE, data: d.data } });
          if (unsigned && isNudgeDay(c, day)) {
            rows.push({ campaignId: c.id, kind: 'nudge', userId, message: {
              template: 'holiday_nudge', page: HOLIDAY_PAGE,
              data: { title: `${c.name}告家长书`, due: `${dayText(c.start)}放假`, tip: '还没有签署，请花几分钟看一看。' },
            } });
          }
        }
      }
    }
    result.written += await enqueueReminders(store, rows, now);
    if (page.length < batch) break;
    await settings.put({ _id: PASS_ID, day, after, done: false });
  }
  await settings.put({ _id: PASS_ID, day, after, done: true });
  return result;
}

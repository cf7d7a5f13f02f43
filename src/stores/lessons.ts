/**
 * The ten lesson topics the action plan asks schools to teach, and which one
 * the season puts first. Lesson content comes later (src/content); until
 * then only titles and one plain sentence exist here, and pages say so.
 * Pure: the clock is passed in.
 */
import { chinaMonth } from '../domain/routing';

export interface SeasonRule {
  /** China-time months, inclusive; may wrap the year end (11 → 2) */
  fromMonth: number;
  toMonth: number;
  /** why now, shown on the home card */
  reason: string;
}

export interface LessonTopic {
  id: string;
  title: string;
  /** one sentence a 10-year-old understands */
  summary: string;
  season?: SeasonRule;
}

export const LESSON_TOPICS: readonly LessonTopic[] = [
  {
    id: 'drowning',
    title: '防溺水',
    summary: '不私自下水游泳，不去没有大人看护的河边、水库、鱼塘。',
    // 方案: 5-9月是防溺水重点时段
    season: { fromMonth: 5, toMonth: 9, reason: '5月到9月天气热，是溺水事故最多的时候。' },
  },
  { id: 'traffic', title: '交通安全', summary: '过马路走斑马线，不满16岁不骑电动车，不坐超载车和黑车。' },
  {
    id: 'fire',
    title: '消防安全',
    summary: '不玩火，不乱接电线；着火时弯腰捂鼻，从安全出口离开，拨打119。',
    // DESIGN §5: winter letters stress fire, gas and fireworks
    season: { fromMonth: 11, toMonth: 2, reason: '冬天取暖用火用电多，又是放烟花爆竹的时候，要特别小心火灾。' },
  },
  { id: 'food', title: '食品安全', summary: '不买校门口没有证照的小摊食品，不吃过期、变质的东西。' },
  { id: 'bullying', title: '防欺凌', summary: '被欺负不是你的错，要马上告诉老师和家长；看到别人被欺负也要说出来。' },
  { id: 'sexual_abuse', title: '防性侵', summary: '背心和短裤遮住的地方别人不能碰；有人让你不舒服，大声拒绝并告诉家长。' },
  { id: 'fraud_loans', title: '防诈骗与校园贷', summary: '不把银行卡、手机卡借给别人，不信“轻松借钱”“刷单赚钱”。' },
  { id: 'cult', title: '防邪教', summary: '邪教会用“治病”“消灾”骗人，遇到有人拉你参加奇怪的聚会，要告诉老师。' },
  { id: 'online', title: '网络安全', summary: '不在网上告诉陌生人家里地址和电话，不见网友，不沉迷游戏。' },
  { id: 'mental', title: '心理健康', summary: '难过、害怕的时候说出来就是勇敢；可以找老师、家长，或打12356。' },
];

const DAY_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export function inSeason(topic: LessonTopic, now: Date): boolean {
  const s = topic.season;
  if (!s) return false;
  const m = chinaMonth(now);
  return s.fromMonth <= s.toMonth ? m >= s.fromMonth && m <= s.toMonth : m >= s.fromMonth || m <= s.toMonth;
}

/** All topics, those in season first, otherwise in the plan's order. */
export function topicsInOrder(now: Date): LessonTopic[] {
  const seasonal = LESSON_TOPICS.filter((t) => inSeason(t, now));
  return [...seasonal, ...LESSON_TOPICS.filter((t) => !seasonal.includes(t))];
}

/**
 * Today's lesson: the seasonal one when there is one (drowning from May to
 * September), otherwise a different topic each China calendar day.
 */
export function todaysTopic(now: Date): { topic: LessonTopic; seasonal: boolean } {
  const seasonal = LESSON_TOPICS.find((t) => inSeason(t, now));
  if (seasonal) return { topic: seasonal, seasonal: true };
  const day = Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS);
  return { topic: LESSON_TOPICS[day % LESSON_TOPICS.length], seasonal: false };
}

export const findTopic = (id: string | undefined) => LESSON_TOPICS.find((t) => t.id === id);

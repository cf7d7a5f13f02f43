/**
 * The lesson rules the main package needs (the 课程 tab and the 首页 card):
 * band names and which topics the season puts first, in China time. Small
 * on purpose; grading and the rest are in ./lessons. Pure: the clock and
 * the topics (src/content/lessons/topics.ts: LESSON_TOPICS) are passed in.
 */
import { chinaDayNumber, chinaMonth } from './chinaTime';
import type { Band, LessonTopic } from './lessonTypes';

export type StudentBand = Exclude<Band, 'parent'>;
export const STUDENT_BANDS: readonly StudentBand[] = ['primary_lower', 'primary_upper', 'junior', 'senior'];
export const BANDS: readonly Band[] = [...STUDENT_BANDS, 'parent'];

export const BAND_NAMES: Record<Band, string> = {
  primary_lower: '小学低年级',
  primary_upper: '小学高年级',
  junior: '初中',
  senior: '高中',
  parent: '家长',
};

export function inSeason(topic: Pick<LessonTopic, 'season'>, now: Date): boolean {
  const s = topic.season;
  if (!s) return false;
  const m = chinaMonth(now);
  return s.fromMonth <= s.toMonth ? m >= s.fromMonth && m <= s.toMonth : m >= s.fromMonth || m <= s.toMonth;
}

/** All topics, those in season first, each group in the plan's order. */
export function topicsInOrder(topics: readonly LessonTopic[], now: Date): LessonTopic[] {
  const seasonal = topics.filter((t) => inSeason(t, now));
  return [...seasonal, ...topics.filter((t) => !seasonal.includes(t))];
}

/**
 * Today's lesson for the home card: the first seasonal one when there is one
 * (drowning from May to September), otherwise a different topic each China
 * calendar day.
 */
export function todaysTopic(topics: readonly LessonTopic[], now: Date): { topic: LessonTopic; seasonal: boolean } {
  const seasonal = topics.find((t) => inSeason(t, now));
  if (seasonal) return { topic: seasonal, seasonal: true };
  const day = chinaDayNumber(now);
  return { topic: topics[day % topics.length], seasonal: false };
}

/**
 * Safety lessons: which band a grade reads, which topics the season puts
 * first (China time), and grading a quiz. Pure: the clock is passed in; no
 * Taro, no wx. Small enough for the main package (the 课程 tab and 首页).
 */
import { LESSON_TOPICS, type LessonTopic } from '../content/lessons/topics';
import type { Band, TopicId } from '../content/lessons/types';
import { chinaMonth } from './routing';

export type { Band, TopicId } from '../content/lessons/types';
export type { LessonTopic, SeasonRule } from '../content/lessons/topics';

/** One row of `lesson.list`: titles only, never lesson text. */
export interface LessonListItem {
  id: string;
  topic: string;
  /** the topic's short name (防溺水) */
  topicTitle: string;
  title: string;
  band: Band;
  minutes: number;
  /** why the season puts it first now (China date); absent out of season */
  season?: string;
  /** students only: done by me, or by my class together in class */
  done?: 'me' | 'class';
}

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

/** The band a reader without a grade gets (not logged in, staff): the middle of the range. */
export const DEFAULT_BAND: StudentBand = 'primary_upper';

/** 1-3 小学低年级, 4-6 小学高年级, 7-9 初中, 10-12 高中; anything else has no band. */
export function bandFromGrade(grade: number | null | undefined): StudentBand | undefined {
  if (typeof grade !== 'number' || !Number.isInteger(grade) || grade < 1 || grade > 12) return undefined;
  if (grade <= 3) return 'primary_lower';
  if (grade <= 6) return 'primary_upper';
  if (grade <= 9) return 'junior';
  return 'senior';
}

export const isBand = (b: unknown): b is Band => typeof b === 'string' && (BANDS as readonly string[]).includes(b);

/** `drowning.junior` → its parts; undefined for anything that is not such an id. */
export function parseLessonId(id: string): { topic: TopicId; band: Band } | undefined {
  const m = /^([a-z_]+)\.([a-z_]+)$/.exec(id);
  if (!m || !isBand(m[2]) || !LESSON_TOPICS.some((t) => t.id === m[1])) return undefined;
  return { topic: m[1] as TopicId, band: m[2] };
}

export function inSeason(topic: Pick<LessonTopic, 'season'>, now: Date): boolean {
  const s = topic.season;
  if (!s) return false;
  const m = chinaMonth(now);
  return s.fromMonth <= s.toMonth ? m >= s.fromMonth && m <= s.toMonth : m >= s.fromMonth || m <= s.toMonth;
}

/** Why the season makes this topic urgent now (China date), or undefined. */
export function seasonReason(topicId: string, now: Date): string | undefined {
  const t = LESSON_TOPICS.find((x) => x.id === topicId);
  return t && inSeason(t, now) ? t.season!.reason : undefined;
}

/** All topics, those in season first, each group in the plan's order. */
export function topicsInOrder(now: Date): LessonTopic[] {
  const seasonal = LESSON_TOPICS.filter((t) => inSeason(t, now));
  return [...seasonal, ...LESSON_TOPICS.filter((t) => !seasonal.includes(t))];
}

/**
 * Items of any kind that name a topic (lessons, list rows), ordered like
 * topicsInOrder: in-season topics first, then the plan's order; several items
 * of one topic keep their relative order (a guardian's two versions).
 */
export function orderBySeason<T extends { topic: string }>(items: readonly T[], now: Date): T[] {
  const rank = new Map(topicsInOrder(now).map((t, i) => [t.id as string, i]));
  const at = (t: string) => rank.get(t) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => at(a.item.topic) - at(b.item.topic) || a.i - b.i)
    .map((x) => x.item);
}

const DAY_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Today's lesson for the home card: the first seasonal one when there is one
 * (drowning from May to September), otherwise a different topic each China
 * calendar day.
 */
export function todaysTopic(now: Date): { topic: LessonTopic; seasonal: boolean } {
  const seasonal = LESSON_TOPICS.find((t) => inSeason(t, now));
  if (seasonal) return { topic: seasonal, seasonal: true };
  const day = Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS);
  return { topic: LESSON_TOPICS[day % LESSON_TOPICS.length], seasonal: false };
}

export interface GradedAnswer {
  questionId: string;
  chosen: number;
  /** index of the right option */
  correct: number;
  right: boolean;
}

export interface QuizGrade {
  answers: GradedAnswer[];
  rightCount: number;
  total: number;
}

/**
 * Grades one answer per question, in quiz order. The caller has checked
 * that there is one answer per question (the handler's input check); an
 * out-of-range choice is simply wrong.
 */
export function gradeQuiz(quiz: ReadonlyArray<{ id: string; correct: number }>, chosen: readonly number[]): QuizGrade {
  const answers = quiz.map((q, i) => ({ questionId: q.id, chosen: chosen[i], correct: q.correct, right: chosen[i] === q.correct }));
  return { answers, rightCount: answers.filter((a) => a.right).length, total: quiz.length };
}

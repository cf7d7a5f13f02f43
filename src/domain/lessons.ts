/**
 * Safety lessons: which band a grade reads, the season's order (China time;
 * the part the main package needs is ./lessonSeason, re-exported here), and
 * grading a quiz. Pure: the clock is passed in; no Taro, no wx.
 */
import { inSeason, topicsInOrder, type StudentBand } from './lessonSeason';
import type { Band, LessonTopic } from './lessonTypes';
import { chinaFields } from './chinaTime';

export * from './lessonSeason';

export type { Band, LessonTopic, SeasonRule, TopicId } from './lessonTypes';

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
  /** done by me (a student, or a guardian reading a parents' lesson), by my class together, or (for a guardian) by my child */
  done?: 'me' | 'class' | 'child';
}

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

/** Why the season makes this topic urgent now (China date), or undefined. */
export function seasonReason(topics: readonly LessonTopic[], topicId: string, now: Date): string | undefined {
  const t = topics.find((x) => x.id === topicId);
  return t && inSeason(t, now) ? t.season!.reason : undefined;
}

/**
 * Items of any kind that name a topic (lessons, list rows), ordered like
 * topicsInOrder: in-season topics first, then the plan's order; several items
 * of one topic keep their relative order (a guardian's two versions).
 */
export function orderBySeason<T extends { topic: string }>(topics: readonly LessonTopic[], items: readonly T[], now: Date): T[] {
  const rank = new Map(topicsInOrder(topics, now).map((t, i) => [t.id as string, i]));
  const at = (t: string) => rank.get(t) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => at(a.item.topic) - at(b.item.topic) || a.i - b.i)
    .map((x) => x.item);
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

/**
 * The school term a China-time date falls in, for counting (e.g. parents' lessons read per school and
 * term): August-January is the first term of the school year starting that August, February-July the second.
 */
export function schoolTermOf(date: Date): string {
  const { year: y, month: m } = chinaFields(date);
  if (m >= 8) return `${y}-${y + 1}-1`;
  if (m === 1) return `${y - 1}-${y}-1`;
  return `${y - 1}-${y}-2`;
}

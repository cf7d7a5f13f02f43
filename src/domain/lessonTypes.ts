/**
 * The shape of safety lessons, owned by the domain: lesson content
 * (src/content/lessons) is written in these types, and the domain's rules
 * (lessonSeason.ts, lessons.ts) take the content as data, never import it.
 *
 * Shape decisions (kept small so a city can edit lessons without code):
 * - every version reads in under 5 minutes (`minutes` ≤ 5; the schema test
 *   also bounds the character count);
 * - `quiz` has 3-5 questions, each with exactly one `correct` option index
 *   and an explanation shown after the student answers;
 * - the guardian version uses the same shape: `keyPoints` are what to watch
 *   for, `whatToDo` is how to talk with the child and what to do.
 */
export type TopicId =
  | 'drowning' | 'traffic' | 'fire' | 'food' | 'public_safety' | 'anti_terror' | 'bullying'
  | 'sexual_abuse' | 'fraud_loans' | 'online' | 'cult' | 'mental' | 'disaster' | 'law';

/** 小学低年级 (1-3), 小学高年级 (4-6), 初中 (7-9), 高中 (10-12), 家长 */
export type Band = 'primary_lower' | 'primary_upper' | 'junior' | 'senior' | 'parent';

export interface QuizQuestion {
  /** unique within the lesson: 'q1', 'q2' … */
  id: string;
  text: string;
  /** 2-4 options */
  options: string[];
  /** index into options of the one right answer */
  correct: number;
  /** why: shown after answering, whichever option was chosen */
  explanation: string;
}

export interface WhoToCall {
  /** 'Police' etc in Chinese: 报警, 火警, 急救, 老师 … */
  name: string;
  /** a real national number (110, 119, 120, 122, 12355, 12356 …), or absent for a person */
  number?: string;
  when: string;
}

export interface Lesson {
  /** `${topic}.${band}`, e.g. 'drowning.junior' */
  id: string;
  topic: TopicId;
  band: Band;
  title: string;
  /** estimated reading time, 1-5 */
  minutes: number;
  /** one or two short paragraphs that open the lesson */
  intro: string;
  /** 3-6 key points (guardian version: what to watch for) */
  keyPoints: string[];
  /** 3-6 concrete steps (guardian version: how to talk with the child, what to do) */
  whatToDo: string[];
  /** 1-4 entries */
  whoToCall: WhoToCall[];
  /** 3-5 questions */
  quiz: QuizQuestion[];
}

/** A season that makes a topic urgent: China-time months, inclusive (a rule may wrap the year end, 11 → 2). */
export interface SeasonRule {
  fromMonth: number;
  toMonth: number;
  /** why now, shown on the home card and the list */
  reason: string;
}

export interface LessonTopic {
  id: TopicId;
  title: string;
  /** one sentence a 10-year-old understands */
  summary: string;
  season?: SeasonRule;
}

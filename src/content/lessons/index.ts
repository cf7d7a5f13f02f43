/**
 * Every lesson, by id, topic and band. Cloud-side only (and tests): the
 * weapp main package must never import this file, it carries the lesson text.
 */
import type { Band, Lesson, TopicId } from './types';
import { lessons as drowning } from './topics/drowning';
import { lessons as traffic } from './topics/traffic';
import { lessons as fire } from './topics/fire';
import { lessons as food } from './topics/food';
import { lessons as publicSafety } from './topics/public_safety';
import { lessons as antiTerror } from './topics/anti_terror';
import { lessons as bullying } from './topics/bullying';
import { lessons as sexualAbuse } from './topics/sexual_abuse';
import { lessons as fraudLoans } from './topics/fraud_loans';
import { lessons as online } from './topics/online';
import { lessons as cult } from './topics/cult';
import { lessons as mental } from './topics/mental';
import { lessons as disaster } from './topics/disaster';
import { lessons as law } from './topics/law';

/** By topic, in the plan's order (the same order as LESSON_TOPICS). */
export const LESSONS_BY_TOPIC: Readonly<Record<TopicId, readonly Lesson[]>> = {
  drowning,
  traffic,
  fire,
  food,
  public_safety: publicSafety,
  anti_terror: antiTerror,
  bullying,
  sexual_abuse: sexualAbuse,
  fraud_loans: fraudLoans,
  online,
  cult,
  mental,
  disaster,
  law,
};

export const ALL_LESSONS: readonly Lesson[] = Object.values(LESSONS_BY_TOPIC).flat();

const byId = new Map(ALL_LESSONS.map((l) => [l.id, l]));

export const lessonById = (id: string): Lesson | undefined => byId.get(id);

export const lessonsInBand = (band: Band): Lesson[] => ALL_LESSONS.filter((l) => l.band === band);

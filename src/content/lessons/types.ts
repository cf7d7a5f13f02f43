/**
 * Safety lessons as data. One file per topic under `topics/`, each exporting
 * the topic's five versions: four age bands for students and one for
 * guardians. Text is original, written for this project. The shapes are the
 * domain's (src/domain/lessonTypes.ts).
 */
export type { Band, Lesson, QuizQuestion, TopicId, WhoToCall } from '../../domain/lessonTypes';

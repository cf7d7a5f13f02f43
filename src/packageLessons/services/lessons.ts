/** The lesson actions, as the lessons subpackage calls them. */
import type { Band, Lesson } from '../../content/lessons/types';
import type { GradedAnswer } from '../../domain/lessons';
import { call, write } from '../../services/api';

/** A lesson as `lesson.get` answers it. */
export interface LessonView extends Lesson {
  topicTitle: string;
  /** why the season makes it urgent now */
  season?: string;
}

export interface CompleteAnswer {
  id: string;
  answers: GradedAnswer[];
  rightCount: number;
  total: number;
  /** false when this lesson was already recorded (a resend, or done before) */
  firstTime: boolean;
  completedAt: number;
}

export interface ClassProgress {
  classId: string;
  className: string | null;
  band: Band;
  studentCount: number;
  items: Array<{ id: string; topic: string; topicTitle: string; title: string; completed: number; classSessionAt: number | null; season?: string }>;
}

export const getLesson = (id: string) => call<LessonView>('lesson.get', { id });

export const completeLesson = (id: string, answers: number[], requestId: string) =>
  write<CompleteAnswer>('lesson.complete', { id, answers }, { requestId });

export const recordClassSession = (id: string, classId: string) =>
  write<{ id: string; classId: string; firstTime: boolean; recordedAt: number; studentCount: number }>('lesson.classSession', { id, classId });

export const getClassProgress = (classId: string) => call<ClassProgress>('lesson.progress', { classId });

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
  items: Array<{ id: string; topic: string; topicTitle: string; title: string; completed: number; classSessionAt: number | null; absentCount?: number; season?: string }>;
}

export const getLesson = (id: string) => call<LessonView>('lesson.get', { id });

export const completeLesson = (id: string, answers: number[], requestId: string) =>
  write<CompleteAnswer>('lesson.complete', { id, answers }, { requestId });

export const recordClassSession = (id: string, classId: string, absent?: string[]) =>
  write<{ id: string; classId: string; firstTime: boolean; recordedAt: number; studentCount: number }>('lesson.classSession', absent?.length ? { id, classId, absent } : { id, classId });

/** Takes back a class lesson recorded today by mistake. */
export const undoClassSession = (id: string, classId: string) => write<{ undone: boolean }>('lesson.classSessionUndo', { id, classId });

/** The class's names alone (to leave out who was away). */
export const getClassRoster = (classId: string) => call<{ classId: string; students: Array<{ id: string; name: string }> }>('lesson.progress', { classId, roster: true });

export const getClassProgress = (classId: string) => call<ClassProgress>('lesson.progress', { classId });

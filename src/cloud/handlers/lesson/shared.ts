import { z } from 'zod';
import { lessonById } from '../../../content/lessons/index';
import type { Lesson } from '../../../content/lessons/types';
import { AppError, isAppError } from '../../../domain/errors';
import { bandFromGrade, type StudentBand } from '../../../domain/lessons';
import type { RoleBinding } from '../../../domain/roles';
import type { Ctx } from '../../core/context';
import { dir } from '../../core/directory';
import type { Collection, Doc } from '../../store/types';

export const lessonIdSchema = z
  .string({ required_error: '缺少课程编号。', invalid_type_error: '课程编号不对。' })
  .trim()
  .min(1, '缺少课程编号。')
  .max(60, '课程编号不对，请回到「课程」页面重新选一课。');

export const classIdSchema = z
  .string({ required_error: '缺少班级。', invalid_type_error: '班级编号不对。' })
  .min(1, '缺少班级。')
  .max(80, '班级编号不对。');

export const NOT_FOUND_MESSAGE = '没有找到这一课，可能编号有误或课程已更新。请回到「课程」页面，重新选一课。';

export function requireLesson(id: string): Lesson {
  const lesson = lessonById(id);
  if (!lesson) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return lesson;
}

/** One row per student and lesson: `_id` = `${studentId}:${lessonId}`, so a second completion cannot be stored. */
export interface CompletionDoc extends Doc {
  studentId: string;
  classId: string | null;
  schoolId: string | null;
  lessonId: string;
  at: number;
  /** the request that stored it (insertOnce) */
  requestMark?: string;
}

/** One row per class and lesson taught together: `_id` = `${classId}:${lessonId}`. */
export interface ClassSessionDoc extends Doc {
  classId: string;
  schoolId: string | null;
  lessonId: string;
  at: number;
  /** the class teacher who recorded it */
  byUserId: string;
  /** students who were away that day: it does not count for them (absent from older rows) */
  absentIds?: string[];
  /** the class's children present (on the roll, not away): whom it counts for on the desk (absent from older rows) */
  presentIds?: string[];
  /** the request that stored it (insertOnce) */
  requestMark?: string;
}

export interface StudentDoc extends Doc {
  schoolId: string;
  classId: string;
  grade: number;
}

export const completionId = (studentId: string, lessonId: string) => `${studentId}:${lessonId}`;

/** A guardian read a parents' lesson: one row per guardian, lesson and child's school (`_id` = `${userId}:${lessonId}:${schoolId}`). */
export interface GuardianLessonDoc extends Doc {
  userId: string;
  lessonId: string;
  schoolId: string;
  /** school term of the reading (schoolTermOf), for counts per school and term */
  term: string;
  at: number;
  /** the request that stored it (insertOnce) */
  requestMark?: string;
}
/**
 * One reading record per guardian, lesson, child's school and term: the plan asks for the parents' lesson every
 * semester, so a guardian who reads it again next term is counted there too. (Records written before 2026-12-05
 * have no term in their id; they stay the record of the term in their `term` field.)
 */
export const guardianLessonId = (userId: string, lessonId: string, schoolId: string, term: string) => `${userId}:${lessonId}:${schoolId}:${term}`;
export const sessionId = (classId: string, lessonId: string) => `${classId}:${lessonId}`;

export async function studentRecord(ctx: Ctx, studentId: string | undefined): Promise<StudentDoc | null> {
  if (!studentId) return null;
  return ctx.store.collection<StudentDoc>('students').get(studentId);
}

/** A class's grade from the catalog, else from its students; undefined for a class nobody knows. */
export async function classGrade(ctx: Ctx, classId: string): Promise<number | undefined> {
  const fromDirectory = (await dir(ctx).class(classId))?.grade;
  if (fromDirectory !== undefined) return fromDirectory;
  const [one] = await ctx.store.collection<StudentDoc>('students').find({ classId }, { limit: 1 });
  return one?.grade;
}

export const className = async (ctx: Ctx, classId: string) => (await dir(ctx).class(classId))?.name;

/**
 * The class teacher binding for exactly this class; FORBIDDEN for anyone
 * else (a teacher of another class, a psychology teacher, a parent …).
 */
export function requireClassTeacher(roles: readonly RoleBinding[], classId: string): RoleBinding {
  const b = roles.find((r) => r.role === 'class_teacher' && r.classId === classId);
  if (!b) throw new AppError('FORBIDDEN', '只有这个班的班主任可以查看和记录本班的课程学习。');
  return b;
}

/** The band of a class; a class whose grade is unknown cannot have lessons recorded. */
export async function classBand(ctx: Ctx, classId: string): Promise<StudentBand> {
  const band = bandFromGrade(await classGrade(ctx, classId));
  if (!band) throw new AppError('NOT_FOUND', '没有找到这个班级的年级，请联系学校核对班级信息。');
  return band;
}

/**
 * Insert-if-absent on a deterministic id: the first copy is stored, every
 * later or concurrent copy finds it. Answers whether this request stored it
 * and the stored record's time. `requestMark` (ctx.newId: the same on a
 * retry of the same request) is kept on the record, so a retry after a crash (faultsCloudbase.test.ts)
 * that came after the insert still answers `firstTime: true`, as the request
 * that stored it (faultsCloudbase.test.ts).
 */
export async function insertOnce<T extends Doc & { at: number; requestMark?: string }>(coll: Collection<T>, doc: T): Promise<{ firstTime: boolean; at: number }> {
  try {
    await coll.insert(doc);
    return { firstTime: true, at: doc.at };
  } catch (e) {
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
    const stored = await coll.get(doc._id);
    return { firstTime: !!doc.requestMark && stored?.requestMark === doc.requestMark, at: stored?.at ?? doc.at };
  }
}

import { z } from 'zod';
import { lessonsInBand } from '../../../content/lessons/index';
import { findTopic, LESSON_TOPICS } from '../../../content/lessons/topics';
import {
  BANDS, DEFAULT_BAND, bandFromGrade, orderBySeason, seasonReason, type Band, type LessonListItem,
} from '../../../domain/lessons';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { studentRecord, classGrade, type ClassSessionDoc, type CompletionDoc, type GuardianLessonDoc } from './shared';

/** The bands the caller reads by default: their grade's, a guardian's children's and the parents' versions. */
async function bandsOf(ctx: Ctx): Promise<Band[]> {
  const roles = ctx.caller?.roles ?? [];
  const bands = new Set<Band>();
  for (const b of roles) {
    if (b.role === 'guardian') bands.add('parent');
  }
  for (const b of roles) {
    if (b.role === 'student' || b.role === 'guardian') {
      const band = bandFromGrade((await studentRecord(ctx, b.studentId))?.grade);
      if (band) bands.add(band);
    } else if (b.role === 'class_teacher' && b.classId) {
      const band = bandFromGrade(await classGrade(ctx, b.classId));
      if (band) bands.add(band);
    }
  }
  return bands.size ? [...bands] : [DEFAULT_BAND];
}

/** For a student: which lessons are done, by them or by their class together. */
async function doneMarks(ctx: Ctx, ids: readonly string[]): Promise<Map<string, 'me' | 'class' | 'child'>> {
  const marks = new Map<string, 'me' | 'class' | 'child'>();
  const student = ctx.caller?.roles.find((r) => r.role === 'student' && r.studentId);
  const children = ctx.caller?.roles.filter((r) => r.role === 'guardian' && r.studentId) ?? [];
  if (!student && children.length && ctx.caller) {
    // A guardian: the parents' lessons they read, and the lessons their children finished.
    const read = new Set((await ctx.store.collection<GuardianLessonDoc>('guardian_lessons').find({ userId: ctx.caller.userId })).map((r) => r.lessonId));
    const childDone = new Set<string>();
    for (const c of children) {
      for (const d of await ctx.store.collection<CompletionDoc>('lesson_completions').find({ studentId: c.studentId! })) childDone.add(d.lessonId);
    }
    for (const id of ids) {
      if (read.has(id)) marks.set(id, 'me');
      else if (childDone.has(id)) marks.set(id, 'child');
    }
    return marks;
  }
  if (!student) return marks;
  const record = await studentRecord(ctx, student.studentId);
  const classId = record?.classId ?? student.classId;
  const completions = ctx.store.collection<CompletionDoc>('lesson_completions');
  const sessions = ctx.store.collection<ClassSessionDoc>('lesson_class_sessions');
  const mine = new Set((await completions.find({ studentId: student.studentId! })).map((c) => c.lessonId));
  // a lesson taught in class counts for me unless I was away that day
  const together = new Set(classId ? (await sessions.find({ classId })).filter((s) => !(s.absentIds ?? []).includes(student.studentId!)).map((s) => s.lessonId) : []);
  for (const id of ids) {
    if (mine.has(id)) marks.set(id, 'me');
    else if (together.has(id)) marks.set(id, 'class');
  }
  return marks;
}

/**
 * The lessons to show on the 课程 tab: titles only, never lesson text (the
 * tab lives in the main package). Public: someone without an account reads
 * the default band or asks for one with `{band}`; a student gets their
 * grade's band, a guardian the parents' versions plus their child's band.
 * In-season topics first (China date).
 */
export const list = defineAction({
  name: 'lesson.list',
  input: z
    .object({
      band: z.enum(BANDS as [Band, ...Band[]], { errorMap: () => ({ message: '学段不对，请从课程页面重新选择。' }) }).optional(),
    })
    .strict(),
  labels: { band: '学段' },
  async handle(input, ctx) {
    const bands = input.band ? [input.band] : await bandsOf(ctx);
    const now = ctx.clock.now();
    // parent versions first within a topic (the guardian's own), then the child's
    const lessons = orderBySeason(LESSON_TOPICS, bands.flatMap((b) => lessonsInBand(b)), now);
    const marks = await doneMarks(ctx, lessons.map((l) => l.id));
    const items: LessonListItem[] = lessons.map((l) => {
      const season = seasonReason(LESSON_TOPICS, l.topic, now);
      const done = marks.get(l.id);
      return {
        id: l.id,
        topic: l.topic,
        topicTitle: findTopic(l.topic)?.title ?? l.topic,
        title: l.title,
        band: l.band,
        minutes: l.minutes,
        ...(season ? { season } : {}),
        ...(done ? { done } : {}),
      };
    });
    return { bands, items };
  },
});

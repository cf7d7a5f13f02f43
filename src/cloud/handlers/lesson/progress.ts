import { z } from 'zod';
import { lessonsInBand } from '../../../content/lessons/index';
import { findTopic, LESSON_TOPICS } from '../../../content/lessons/topics';
import { orderBySeason, seasonReason } from '../../../domain/lessons';
import { defineAction } from '../../core/action';
import { classBand, classIdSchema, className, requireClassTeacher, type ClassSessionDoc, type CompletionDoc, type StudentDoc } from './shared';

/**
 * A class teacher's view of their class: for every lesson of the class's
 * band, how many students have done it (on their own, or everyone when it
 * was taught in class). Counts only: no names, no per-child list, no ranking.
 */
export const progress = defineAction({
  name: 'lesson.progress',
  input: z.object({ classId: classIdSchema }).strict(),
  labels: { classId: '班级' },
  async handle(input, ctx) {
    requireClassTeacher(ctx.caller!.roles, input.classId);
    const band = await classBand(ctx, input.classId);
    const students = new Set((await ctx.store.collection<StudentDoc>('students').find({ classId: input.classId })).map((s) => s._id));
    const completions = await ctx.store.collection<CompletionDoc>('lesson_completions').find({ classId: input.classId });
    const sessions = new Map(
      (await ctx.store.collection<ClassSessionDoc>('lesson_class_sessions').find({ classId: input.classId })).map((s) => [s.lessonId, s.at]),
    );
    const done = new Map<string, Set<string>>();
    for (const c of completions) {
      if (!students.has(c.studentId)) continue; // moved to another class since
      if (!done.has(c.lessonId)) done.set(c.lessonId, new Set());
      done.get(c.lessonId)!.add(c.studentId);
    }
    const now = ctx.clock.now();
    const items = orderBySeason(LESSON_TOPICS, lessonsInBand(band), now).map((l) => {
      const together = sessions.get(l.id);
      const season = seasonReason(LESSON_TOPICS, l.topic, now);
      return {
        id: l.id,
        topic: l.topic,
        topicTitle: findTopic(l.topic)?.title ?? l.topic,
        title: l.title,
        completed: together !== undefined ? students.size : (done.get(l.id)?.size ?? 0),
        classSessionAt: together ?? null,
        ...(season ? { season } : {}),
      };
    });
    return { classId: input.classId, className: (await className(ctx, input.classId)) ?? null, band, studentCount: students.size, items };
  },
});

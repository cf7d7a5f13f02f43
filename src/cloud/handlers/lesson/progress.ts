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
  input: z.object({
    classId: classIdSchema,
    // the class's names only, when the teacher picks who was away (never with who did what)
    roster: z.literal(true).optional(),
  }).strict(),
  labels: { classId: '班级', roster: '班级名单' },
  async handle(input, ctx) {
    requireClassTeacher(ctx.caller!.roles, input.classId);
    const band = await classBand(ctx, input.classId);
    const roster = await ctx.store.collection<StudentDoc & { name?: string }>('students').find({ classId: input.classId }, { orderBy: [['_id', 'asc']] });
    const students = new Set(roster.map((s) => s._id));
    const completions = await ctx.store.collection<CompletionDoc>('lesson_completions').find({ classId: input.classId });
    const sessions = new Map(
      (await ctx.store.collection<ClassSessionDoc>('lesson_class_sessions').find({ classId: input.classId })).map((s) => [s.lessonId, s]),
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
        // taught in class: everyone present, plus anyone away who did it on their own
        completed: together
          ? [...students].filter((id) => !(together.absentIds ?? []).includes(id) || done.get(l.id)?.has(id)).length
          : (done.get(l.id)?.size ?? 0),
        classSessionAt: together?.at ?? null,
        absentCount: together?.absentIds?.length ?? 0,
        ...(season ? { season } : {}),
      };
    });
    if (input.roster) {
      // Names alone, for the teacher to leave out who was away when recording a lesson taught together.
      return { classId: input.classId, students: roster.map((s) => ({ id: s._id, name: s.name ?? '' })) };
    }
    return { classId: input.classId, className: (await className(ctx, input.classId)) ?? null, band, studentCount: students.size, items };
  },
});

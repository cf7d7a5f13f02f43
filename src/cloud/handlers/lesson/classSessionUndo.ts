import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { chinaDay } from '../../../domain/chinaTime';
import { defineAction } from '../../core/action';
import { classIdSchema, lessonIdSchema, requireClassTeacher, sessionId, type ClassSessionDoc } from './shared';

/**
 * Takes back "我们在课堂上一起学过了" recorded by mistake: the class's
 * teacher, the same China day it was recorded. Later it stands (the class
 * counts have been seen). Undoing what is not recorded changes nothing.
 */
export const classSessionUndo = defineAction({
  name: 'lesson.classSessionUndo',
  input: z.object({ id: lessonIdSchema, classId: classIdSchema }).strict(),
  labels: { id: '课程编号', classId: '班级' },
  async handle(input, ctx) {
    requireClassTeacher(ctx.caller!.roles, input.classId);
    const sessions = ctx.store.collection<ClassSessionDoc>('lesson_class_sessions');
    const id = sessionId(input.classId, input.id);
    const doc = await sessions.get(id);
    if (!doc) return { id: input.id, classId: input.classId, undone: false };
    const now = ctx.clock.now();
    if (chinaDay(doc.at) !== chinaDay(now)) {
      throw new AppError('CONFLICT', '只能在记录的当天撤销。这节课已经算进本班的学习情况了。');
    }
    const undone = await sessions.remove(id);
    await ctx.audit({ action: 'lesson.classSessionUndo', subjectType: 'class', subjectId: input.classId, detail: { lessonId: input.id } });
    return { id: input.id, classId: input.classId, undone };
  },
});

import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { BAND_NAMES } from '../../../domain/lessons';
import { defineAction } from '../../core/action';
import {
  classBand, classIdSchema, insertOnce, lessonIdSchema, requireClassTeacher, requireLesson, sessionId, type ClassSessionDoc, type StudentDoc,
} from './shared';
import { applyTallies, presentAt, sessionWrites } from '../targets/counts';
import { countyIdOf } from '../targets/directory';

/**
 * "我们在课堂上一起学过了": the class teacher records a lesson taught in
 * class, and it counts for every student of the class, so families are not
 * chased to click through it at home. Once per class and lesson; recording
 * it again answers the first record.
 */
export const classSession = defineAction({
  name: 'lesson.classSession',
  input: z.object({
    id: lessonIdSchema,
    classId: classIdSchema,
    // students away that day: the lesson does not count for them
    absent: z.array(z.string().min(1).max(80), { invalid_type_error: '缺席名单不对。' }).max(200, '缺席名单太长。').optional(),
  }).strict(),
  labels: { id: '课程编号', classId: '班级', absent: '缺席的学生' },
  async handle(input, ctx) {
    const teacher = requireClassTeacher(ctx.caller!.roles, input.classId);
    const lesson = requireLesson(input.id);
    const band = await classBand(ctx, input.classId);
    if (lesson.band !== band) {
      throw new AppError('BAD_INPUT', `这一课是${BAND_NAMES[lesson.band]}版，本班是${BAND_NAMES[band]}。请选本班学段的课再记录。`);
    }
    // children still at school (a graduate keeps the class id on record)
    const classStudents = new Set((await ctx.store.collection<StudentDoc & { status?: string }>('students').find({ classId: input.classId }))
      .filter((s) => !s.status || s.status === 'active').map((s) => s._id));
    const absent = [...new Set(input.absent ?? [])];
    if (absent.some((id) => !classStudents.has(id))) throw new AppError('BAD_INPUT', '缺席名单里有不是本班的学生，请重新选择。');
    const sessions = ctx.store.collection<ClassSessionDoc>('lesson_class_sessions');
    const doc: ClassSessionDoc = {
      _id: sessionId(input.classId, lesson.id),
      classId: input.classId,
      schoolId: teacher.schoolId ?? null,
      lessonId: lesson.id,
      at: ctx.clock.now().getTime(),
      byUserId: ctx.caller!.userId,
      requestMark: ctx.newId('mark'),
      ...(absent.length ? { absentIds: absent.sort() } : {}),
      // who it counts for (the desk counts each child present: targets/counts.ts), so a recount agrees later
      presentIds: [...classStudents].filter((id) => !absent.includes(id)).sort(),
    };
    const { firstTime, at: recordedAt } = await insertOnce(sessions, doc);
    // a repeat answers the first record: count what that one said (applying it again changes nothing)
    const stored = firstTime ? doc : ((await sessions.get(doc._id)) ?? doc);
    await applyTallies(ctx.store, sessionWrites({ ...stored, at: recordedAt }, presentAt(stored, [...classStudents]), await countyIdOf(ctx, stored.schoolId)));
    return { id: lesson.id, classId: input.classId, firstTime, recordedAt, studentCount: classStudents.size };
  },
});

import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { chinaDay } from '../../../domain/chinaTime';
import { defineAction } from '../../core/action';
import { classIdSchema, lessonIdSchema, requireClassTeacher, sessionId, type ClassSessionDoc, type CompletionDoc, type StudentDoc } from './shared';
import { untally } from '../../core/tally';
import type { Ctx } from '../../core/context';
import { MENTAL_LESSONS, presentAt, semesterOfMs } from '../targets/counts';

/**
 * Takes back "我们在课堂上一起学过了" recorded by mistake: the class's
 * teacher, the same China day it was recorded. Later it stands (the class
 * counts have been seen). Undoing what is not recorded changes nothing.
 * The desk's count of children who had the mental-health lesson this
 * semester takes back the children this session counted, unless something
 * else still counts them (targets/counts.ts).
 */
export const classSessionUndo = defineAction({
  name: 'lesson.classSessionUndo',
  input: z.object({ id: lessonIdSchema, classId: classIdSchema }).strict(),
  labels: { id: '课程编号', classId: '班级' },
  async handle(input, ctx) {
    requireClassTeacher(ctx.caller!.roles, input.classId);
    const sessions = ctx.store.collection<ClassSessionDoc>('lesson_class_sessions');
    const id = sessionId(input.classId, input.id);
    // a retry after a crash (faultsCloudbase.test.ts) that came after the removal finds the record gone: the first attempt's copy finishes the work
    const found = await sessions.get(id);
    const doc = await ctx.keepFirst(found);
    if (!doc) return { id: input.id, classId: input.classId, undone: false };
    const now = ctx.clock.now();
    if (chinaDay(doc.at) !== chinaDay(now)) {
      throw new AppError('CONFLICT', '只能在记录的当天撤销。这节课已经算进本班的学习情况了。');
    }
    // Of parallel undos one removes it; a retry whose first attempt removed it (found gone, first view not)
    // finishes taking the children out of the desk's count, which is idempotent (untally).
    const undone = found ? await sessions.remove(id) : true;
    if (undone) await uncount(ctx, doc, now.getTime());
    await ctx.audit({ action: 'lesson.classSessionUndo', subjectType: 'class', subjectId: input.classId, detail: { lessonId: input.id } });
    return { id: input.id, classId: input.classId, undone };
  },
});

/**
 * The children the undone session counted for the mental-health lesson, out
 * of the desk's count, except those something else still counts this
 * semester: the lesson finished in the app, or another mental-health session
 * they were present at (of this class, or of the class they are in now).
 */
async function uncount(ctx: Ctx, doc: ClassSessionDoc, at: number) {
  if (!MENTAL_LESSONS.has(doc.lessonId) || !doc.schoolId) return;
  const period = semesterOfMs(doc.at);
  const students = ctx.store.collection<StudentDoc & { status?: string }>('students');
  const roster = doc.presentIds ? [] : (await students.find({ classId: doc.classId })).filter((s) => !s.status || s.status === 'active').map((s) => s._id);
  const present = presentAt(doc, roster);
  if (!present.length) return;
  const still = new Set<string>();
  for (const c of await ctx.store.collection<CompletionDoc>('lesson_completions').find({ studentId: { $in: present } })) {
    if (MENTAL_LESSONS.has(c.lessonId) && semesterOfMs(c.at) === period) still.add(c.studentId);
  }
  const classes = new Set([doc.classId, ...(await students.find({ _id: { $in: present } })).map((s) => s.classId)]);
  for (const other of await ctx.store.collection<ClassSessionDoc>('lesson_class_sessions').find({ classId: { $in: [...classes] } })) {
    if (!MENTAL_LESSONS.has(other.lessonId) || semesterOfMs(other.at) !== period) continue;
    const otherRoster = other.presentIds ? [] : (await students.find({ classId: other.classId })).filter((s) => !s.status || s.status === 'active').map((s) => s._id);
    for (const sid of presentAt(other, otherRoster)) still.add(sid);
  }
  for (const sid of present) if (!still.has(sid)) await untally(ctx.store, 'mh_lesson', period, sid, at);
}

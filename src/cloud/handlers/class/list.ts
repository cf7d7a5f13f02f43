import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { dir } from '../../core/directory';
import { ACCESS_MESSAGES, requireSchool } from '../school/access';

/**
 * A school's classes with their student counts (school admin, coordinators, education bureau; a class
 * teacher or the psychology teacher their own school's: the campaign form picks grades and classes from it).
 */
export const list = defineAction({
  name: 'class.list',
  input: z.object({ schoolId: z.string().min(1, '缺少学校。').max(80) }).strict(),
  labels: { schoolId: '学校' },
  async handle({ schoolId }, ctx) {
    const teacherHere = ctx.caller!.roles.some((r) => (r.role === 'class_teacher' || r.role === 'psych_teacher') && r.schoolId === schoolId);
    const school = teacherHere ? await dir(ctx).school(schoolId) : await requireSchool(ctx, schoolId, { eduHandler: true });
    if (!school) throw new AppError('NOT_FOUND', ACCESS_MESSAGES.noSchool);
    const classes = await dir(ctx).classesOf(schoolId);
    const students = await ctx.store.collection<{ _id: string; classId: string; status?: string }>('students').find({ schoolId });
    const count = new Map<string, number>();
    for (const s of students) if ((s.status ?? 'active') === 'active') count.set(s.classId, (count.get(s.classId) ?? 0) + 1);
    return {
      school: { id: school._id, name: school.name, status: school.status },
      classes: classes.map((c) => ({ id: c._id, grade: c.grade, number: c.number, name: c.name, status: c.status, students: count.get(c._id) ?? 0 })),
    };
  },
});

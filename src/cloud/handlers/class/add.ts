import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { canonicalClassName, classIdFor } from '../../../domain/roster';
import { defineAction } from '../../core/action';
import type { ClassDoc } from '../../core/directory';
import { ACCESS_MESSAGES, requireSchool } from '../school/access';

/** Adds a class (school admin, coordinators, education bureau). Its id follows from school, grade and number. */
export const add = defineAction({
  name: 'class.add',
  input: z.object({
    schoolId: z.string().min(1, '缺少学校。').max(80),
    grade: z.number({ invalid_type_error: '年级要填数字，例如 8。' }).int().min(1, '年级从1到12。').max(16, '年级从1到12。'),
    number: z.number({ invalid_type_error: '班号要填数字，例如 2。' }).int().min(1, '班号从1开始。').max(60, '班号最大60。'),
    name: z.string().trim().min(2).max(40, '班级名称太长了。').optional(),
  }).strict(),
  labels: { schoolId: '学校', grade: '年级', number: '班号', name: '班级名称' },
  async handle({ schoolId, grade, number, name }, ctx) {
    const school = await requireSchool(ctx, schoolId, { eduHandler: true });
    if (school.status === 'closed') throw new AppError('CONFLICT', ACCESS_MESSAGES.closed);
    const id = classIdFor(schoolId, grade, number);
    const now = ctx.clock.now().getTime();
    const doc: ClassDoc = { _id: id, schoolId, grade, number, name: name ?? canonicalClassName(grade, number), status: 'open', createdAt: now, updatedAt: now };
    try {
      await ctx.store.collection<ClassDoc>('classes').insert(doc);
    } catch (e) {
      throw new AppError('CONFLICT', `${school.name}已经有${doc.name}了。`);
    }
    await ctx.audit({ action: 'class.add', subjectType: 'class', subjectId: id, detail: { schoolId } });
    return { id, name: doc.name, grade, number, status: doc.status };
  },
});

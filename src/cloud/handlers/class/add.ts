import { z } from 'zod';
import { AppError, isAppError } from '../../../domain/errors';
import { chinaDay } from '../../../domain/chinaTime';
import { canonicalClassName, freshClassId } from '../../../domain/roster';
import { defineAction } from '../../core/action';
import { dir, type ClassDoc } from '../../core/directory';
import { ACCESS_MESSAGES, requireSchool } from '../school/access';
import { rebuildClassRolls } from '../targets/directory';

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
    const now = ctx.clock.now().getTime();
    const classes = await dir(ctx).classesOf(schoolId);
    // a mark of this request on the class it adds: a retry of it (a crash before the audit row, on CloudBase) finishes, not refuses
    const mark = ctx.newId('class');
    const same = classes.find((c) => c.status === 'open' && c.grade === grade && c.number === number);
    if (same && same.addedWith === mark) {
      await rebuildClassRolls(ctx.store, [schoolId]); // the crash may have come half-way through the rebuild
      await ctx.audit({ action: 'class.add', subjectType: 'class', subjectId: same._id, detail: { schoolId } });
      return { id: same._id, name: same.name, grade, number, status: same.status };
    }
    if (same) throw new AppError('CONFLICT', `${school.name}已经有${same.name}了。`);
    // a class that moved up or graduated may hold the plain id: the new one gets a fresh id (domain/roster.ts)
    const id = freshClassId(new Set(classes.map((c) => c._id)), schoolId, grade, number, Number(chinaDay(now).slice(0, 4)));
    const doc: ClassDoc = { _id: id, schoolId, grade, number, name: name ?? canonicalClassName(grade, number), status: 'open', createdAt: now, updatedAt: now, addedWith: mark };
    try {
      await ctx.store.collection<ClassDoc>('classes').insert(doc);
    } catch (e) {
      // only the store's duplicate id is a class added meanwhile; any other failure is a fault, not the caller's
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      throw new AppError('CONFLICT', `${school.name}已经有${doc.name}了。`);
    }
    // the desk's rolls follow: a new class has no children yet, so this only keeps the rule "every change to classes rebuilds"
    await rebuildClassRolls(ctx.store, [schoolId]);
    await ctx.audit({ action: 'class.add', subjectType: 'class', subjectId: id, detail: { schoolId } });
    return { id, name: doc.name, grade, number, status: doc.status };
  },
});

import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { ClassDoc } from '../../core/directory';
import { requireClass } from '../school/access';
import { rebuildClassRolls } from '../targets/directory';

/** Renames, closes or reopens a class. */
export const update = defineAction({
  name: 'class.update',
  input: z.object({
    classId: z.string().min(1, '缺少班级。').max(80),
    name: z.string().trim().min(2, '请填写班级名称。').max(40, '班级名称太长了。').optional(),
    status: z.enum(['open', 'closed'], { errorMap: () => ({ message: '状态只能是开班或关闭。' }) }).optional(),
  }).strict(),
  labels: { classId: '班级', name: '班级名称', status: '状态' },
  async handle({ classId, name, status }, ctx) {
    if (name === undefined && status === undefined) throw new AppError('BAD_INPUT', '请填写新的名称，或选择开班/关闭。');
    const { cls } = await requireClass(ctx, classId, { eduHandler: true });
    const set: Partial<ClassDoc> = { updatedAt: ctx.clock.now().getTime() };
    if (name !== undefined) set.name = name;
    if (status !== undefined) set.status = status;
    // Audited first: a retry after a crash reads the new name, so only the first try knows the old one (CloudBase; faultsCloudbase.test.ts).
    await ctx.audit({ action: 'class.update', subjectType: 'class', subjectId: cls._id, detail: { from: cls.name, name, status } });
    await ctx.store.collection<ClassDoc>('classes').update(cls._id, { set });
    // the desk's roll rows carry the class's name: rebuilt with the school's rolls
    await rebuildClassRolls(ctx.store, [cls.schoolId]);
    return { id: cls._id, name: name ?? cls.name, status: status ?? cls.status };
  },
});

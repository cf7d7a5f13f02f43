import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { SchoolDoc } from '../../core/directory';
import { requireSchool } from './access';
import { schoolNameSchema } from './add';

/**
 * Renames, closes or reopens a school (coordinators of the area, the county education bureau). Its records stay.
 * No class roll changes: the desk reads a school's name and status from this record on every read (a closed
 * school is in no area), and school.add / school.import make schools without children.
 */
export const update = defineAction({
  name: 'school.update',
  input: z.object({
    schoolId: z.string().min(1, '缺少学校。').max(80),
    name: schoolNameSchema.optional(),
    status: z.enum(['open', 'closed'], { errorMap: () => ({ message: '状态只能是开办或关闭。' }) }).optional(),
  }).strict(),
  labels: { schoolId: '学校', name: '学校名称', status: '状态' },
  async handle({ schoolId, name, status }, ctx) {
    if (name === undefined && status === undefined) throw new AppError('BAD_INPUT', '请填写新的名称，或选择开办/关闭。');
    const school = await requireSchool(ctx, schoolId, { schoolAdmin: false, eduHandler: true });
    const set: Partial<SchoolDoc> = { updatedAt: ctx.clock.now().getTime() };
    if (name !== undefined) set.name = name;
    if (status !== undefined) set.status = status;
    // Audited first: a retry after a crash reads the new name, so only the first try knows the old one (CloudBase; faultsCloudbase.test.ts).
    await ctx.audit({ action: 'school.update', subjectType: 'school', subjectId: school._id, detail: { from: school.name, name, status } });
    await ctx.store.collection<SchoolDoc>('schools').update(school._id, { set });
    return { id: school._id, name: name ?? school.name, status: status ?? school.status };
  },
});

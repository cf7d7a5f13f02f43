import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { removeBindings, type GuardianLinkDoc } from '../../core/enrol';
import { requireClass } from '../school/access';

/**
 * Ends a guardian's link to a child (class teacher of the child's class,
 * school admin). The binding goes first, so on their very next call the
 * person reads nothing more of the child; the link row follows.
 */
export const unbind = defineAction({
  name: 'guardian.unbind',
  input: z.object({ linkId: z.string().min(1, '缺少绑定编号。').max(120, '绑定编号不对。') }).strict(),
  labels: { linkId: '绑定' },
  async handle({ linkId }, ctx) {
    const links = ctx.store.collection<GuardianLinkDoc>('guardianships');
    const link = await links.get(linkId);
    if (!link) throw new AppError('NOT_FOUND', '没有找到这条家长绑定，可能已经解除了。');
    const student = await ctx.store.collection<{ _id: string; classId: string }>('students').get(link.studentId);
    if (!student) throw new AppError('NOT_FOUND', '没有找到这名学生。');
    await requireClass(ctx, student.classId, { teacher: true });
    await removeBindings(ctx.store, link.userId, (b) => b.role === 'guardian' && b.studentId === link.studentId);
    await links.remove(linkId);
    await ctx.audit({ action: 'guardian.unbind', subjectType: 'student', subjectId: link.studentId, detail: { relation: link.relation ?? null } });
    return { unbound: true };
  },
});

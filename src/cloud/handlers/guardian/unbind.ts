import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import type { Doc } from '../../store/types';
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
    // The audit row is written first with an id from the request: a retry after a crash (CloudBase, proven by faultsCloudbase.test.ts) that finds
    // the link gone already finds its own row too, and answers as the first try would have (faultsCloudbase.test.ts).
    const auditId = 'a' + ctx.newId('unbind-audit');
    const earlier = link ? null : await ctx.store.collection<Doc & { subjectId: string; detail: Record<string, unknown> }>('audit').get(auditId);
    if (earlier) {
      // the same row again (its id makes it a no-op), so the request is not audited a second, vaguer time
      await ctx.audit({ action: 'guardian.unbind', subjectType: 'student', subjectId: earlier.subjectId, detail: earlier.detail }, { id: auditId });
      return { unbound: true };
    }
    if (!link) throw new AppError('NOT_FOUND', '没有找到这条家长绑定，可能已经解除了。');
    const student = await ctx.store.collection<{ _id: string; classId: string }>('students').get(link.studentId);
    if (!student) throw new AppError('NOT_FOUND', '没有找到这名学生。');
    await requireClass(ctx, student.classId, { teacher: true });
    await ctx.audit({ action: 'guardian.unbind', subjectType: 'student', subjectId: link.studentId, detail: { relation: link.relation ?? null } }, { id: auditId });
    await removeBindings(ctx.store, link.userId, (b) => b.role === 'guardian' && b.studentId === link.studentId);
    await links.remove(linkId);
    return { unbound: true };
  },
});

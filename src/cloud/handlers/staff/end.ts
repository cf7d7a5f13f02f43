import { z } from 'zod';
import { coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { removeBindings, type StaffPostDoc } from '../../core/enrol';
import { requireSchool } from '../school/access';

/**
 * Ends a staff post (a teacher leaving, a handler moving department): the
 * binding is removed from the person's roles, so their next call no longer
 * has it. Cases, alerts and files stay with the unit (they were never the
 * person's); staff.list shows a unit left empty as needing a new owner.
 */
export const end = defineAction({
  name: 'staff.end',
  input: z.object({ postId: z.string().min(1, '缺少岗位。').max(300, '岗位编号不对。') }).strict(),
  labels: { postId: '岗位' },
  async handle({ postId }, ctx) {
    const posts = ctx.store.collection<StaffPostDoc>('staff_posts');
    const post = await posts.get(postId);
    if (!post) throw new AppError('NOT_FOUND', '没有找到这个岗位绑定。');
    if (post.schoolId) await requireSchool(ctx, post.schoolId);
    else if (!ctx.caller!.roles.some((r) => r.role === 'coordinator' && r.jurisdiction && post.jurisdiction && coordinatorCovers(r.jurisdiction, post.jurisdiction))) {
      throw new AppError('FORBIDDEN', '您只能管理自己地区的岗位。');
    }
    if (post.userId === ctx.caller!.userId && (post.role === 'school_admin' || post.role === 'coordinator')) {
      throw new AppError('CONFLICT', '不能解除自己的管理员岗位，请让上级或另一位管理员操作。');
    }
    // Audited first (its id comes from the request, so once): a retry after a crash (faultsCloudbase.test.ts) finds the post ended already.
    await ctx.audit({ action: 'staff.end', subjectType: 'staff_post', subjectId: postId, detail: { role: post.role } });
    if (post.status === 'ended') return { postId, ended: true };
    const now = ctx.clock.now().getTime();
    await removeBindings(ctx.store, post.userId, (b) => b.role === post.role && (b.schoolId ?? null) === post.schoolId &&
      (b.classId ?? null) === post.classId && (b.deptId ?? null) === post.deptId &&
      (post.role === 'coordinator' || post.role === 'handler' ? (b.jurisdiction ?? null) === post.jurisdiction : true));
    await posts.update(postId, { set: { status: 'ended', endedAt: now, endedBy: ctx.caller!.userId } });
    return { postId, ended: true };
  },
});

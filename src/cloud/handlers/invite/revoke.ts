import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import type { InvitationDoc } from '../../core/enrol';
import { normaliseCode } from '../auth/redeem';
import { requireClass, requireSchool } from '../school/access';
import { INVITE_MESSAGES, notFound } from './shared';
import { coordinatorCovers } from '../../../domain/jurisdiction';

/** Whether the caller may revoke (or list) this code: whoever could have issued it. */
export async function requireCodeManager(ctx: Ctx, inv: InvitationDoc) {
  const b = inv.binding;
  if (b.role === 'guardian' || b.role === 'student') {
    const classId = inv.classId ?? b.classId;
    if (!classId) notFound();
    await requireClass(ctx, classId, { teacher: true });
  } else if (b.classId) await requireClass(ctx, b.classId);
  else if (b.schoolId) await requireSchool(ctx, b.schoolId);
  else if (!ctx.caller!.roles.some((r) => r.role === 'coordinator' && r.jurisdiction && b.jurisdiction && coordinatorCovers(r.jurisdiction, b.jurisdiction))) {
    throw new AppError('FORBIDDEN', INVITE_MESSAGES.staffNotYours);
  }
}

/** Revokes an unused single-use code: redeeming it afterwards is refused. A used code is unbound elsewhere. */
export const revoke = defineAction({
  name: 'invite.revoke',
  input: z.object({ code: z.string().min(4, '请输入完整的邀请码。').max(40, '邀请码太长了，请检查。') }).strict(),
  labels: { code: '邀请码' },
  async handle({ code }, ctx) {
    const invitations = ctx.store.collection<InvitationDoc>('invitations');
    const [inv] = await invitations.find({ code: normaliseCode(code) }, { limit: 1 });
    if (!inv || inv.reusable) notFound();
    await requireCodeManager(ctx, inv);
    // Audited first (its id comes from the request, so once): a retry after a crash (faultsCloudbase.test.ts) finds the code revoked already.
    await ctx.audit({ action: 'invite.revoke', subjectType: 'invitation', subjectId: inv._id, detail: { role: inv.binding.role } });
    if (inv.revokedAt) return { code: inv.code, revoked: true };
    const now = ctx.clock.now().getTime();
    const ok = await invitations.updateIf(inv._id, { usedBy: null, revokedAt: null }, { set: { revokedAt: now, revokedBy: ctx.caller!.userId } });
    if (!ok) {
      const again = await invitations.get(inv._id);
      if (!again?.revokedAt) throw new AppError('CONFLICT', INVITE_MESSAGES.used);
    }
    return { code: inv.code, revoked: true };
  },
});

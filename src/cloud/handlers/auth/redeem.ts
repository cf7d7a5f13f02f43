import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { normaliseName } from '../../../domain/roster';
import { STAFF_ROLES, type RoleBinding } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { dir } from '../../core/directory';
import { addBinding, recordPost, type GuardianLinkDoc, type InvitationDoc } from '../../core/enrol';

/**
 * Wrong codes one caller may try per hour. A single-use code binds a handler
 * or coordinator, who reads reports: without a limit it could be guessed.
 */
export const WRONG_CODES_PER_HOUR = 10;

/** Normalises what people type: spaces, lower case, full-width letters and dashes. */
// A space between groups is a dash (slips print "EKXS-J92H-EFJR"; people type "EKXS J92H EFJR"), found walking the admin command.
export const normaliseCode = (code: string) => code.normalize('NFKC').trim().toUpperCase().replace(/[－—–]/g, '-').replace(/\s*-\s*|\s+/g, '-').replace(/-+/g, '-');

export const REDEEM_MESSAGES = {
  wrong: '邀请码不正确，请核对后重新输入，或向学校、单位索取新的邀请码。',
  used: '这个邀请码已经被使用过了，请向学校或单位索取新的邀请码。',
  revoked: '这个邀请码已经作废了（可能已经补发了新的），请使用学校新发的邀请码。',
  expired: '这个邀请码已经过期了，请向班主任或学校索取新的邀请码。',
  needsName: '请填写您的姓名（和学校登记的监护人姓名一致），再点“绑定身份”。',
  ownChild: '这个微信已经绑定为这名学生本人，不能再绑定为这名学生的家长。请家长用自己的微信打开小程序输入。',
  ownGuardian: '这个微信已经绑定为这名学生的家长，不能再绑定为学生本人。请孩子用自己的微信（或家里另一部手机）打开。',
  refused: '班主任没有确认这次绑定。如果您是孩子的监护人，请直接联系班主任。',
  pending: '已经提交给学校确认：您填写的姓名和学校登记的监护人姓名不一样。班主任或学校管理员确认后就能使用，请耐心等一等。',
  /** the roster names no guardian for this child: nothing to differ from */
  pendingNoRoster: '已经提交给学校确认：学校还没有登记这个孩子的监护人，需要班主任或学校管理员确认您的身份，确认后就能使用，请耐心等一等。',
} as const;

export interface GuardianRequestDoc {
  _id: string;
  studentId: string;
  classId: string | null;
  schoolId: string | null;
  userId: string;
  name: string;
  relation: string;
  status: 'pending' | 'approved' | 'refused';
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  /** a mark of the guardian.decide request that decided (ctx.newId): its retry finishes the binding */
  decidedWith?: string;
  [k: string]: unknown;
}

const nameSchema = z.string().trim().min(1, '请填写您的姓名。').max(30, '姓名太长了，请检查。');

/**
 * Binds the caller to the role an invitation code names. Demo codes are
 * reusable (each redemption binds the new caller to the same demo role);
 * real codes are single-use, claimed with compare-and-set so two people
 * cannot both claim one code, expire, and stop working when revoked or
 * reissued.
 *
 * Guardian codes ask for the guardian's name: it binds at once when it
 * matches a guardian the school's roster names for that child, and otherwise
 * waits for the class teacher (guardian.decide). A child's own account never
 * becomes her guardian, and her guardian's account never becomes the child.
 *
 * Staff (named, never anonymous) who redeem on CloudBase also leave their
 * OPENID as a notify address, so new cases reach them as subscription
 * messages. Students, guardians and anonymous reporters never get one: the
 * dispatcher passes the address to this action only, and it is kept only
 * when the code binds a staff role.
 */
export const redeem = defineAction({
  name: 'auth.redeem',
  input: z.object({
    code: z.string().min(4, '请输入完整的邀请码。').max(40, '邀请码太长了，请检查。'),
    name: nameSchema.optional(),
    relation: z.string().trim().max(10, '关系写得太长了，例如“母亲”“祖父”。').optional(),
  }).strict(),
  labels: { code: '邀请码', name: '姓名', relation: '与孩子的关系' },
  readsNotifyAddress: true,
  async handle({ code, name, relation }, ctx) {
    const caller = ctx.caller!;
    const normalised = normaliseCode(code);
    const invitations = ctx.store.collection<InvitationDoc>('invitations');
    // Past the limit even a right code is refused, or a guesser would still learn when one is right.
    await ctx.rateLimit('auth.redeem.wrong', WRONG_CODES_PER_HOUR, 3600_000, 'check');
    const [inv] = await invitations.find({ code: normalised }, { limit: 1 });
    if (!inv) {
      await ctx.rateLimit('auth.redeem.wrong', WRONG_CODES_PER_HOUR, 3600_000);
      throw new AppError('NOT_FOUND', REDEEM_MESSAGES.wrong);
    }
    const now = ctx.clock.now().getTime();
    const b = inv.binding;
    if (!inv.reusable) {
      if (inv.revokedAt) throw new AppError('CONFLICT', REDEEM_MESSAGES.revoked);
      if (inv.usedBy && inv.usedBy !== caller.userId) throw new AppError('CONFLICT', REDEEM_MESSAGES.used);
      if (!inv.usedBy && typeof inv.expiresAt === 'number' && now >= inv.expiresAt) throw new AppError('CONFLICT', REDEEM_MESSAGES.expired);
    }
    // One account is never both the child and her guardian (she could consent for herself).
    if (b.role === 'guardian' && caller.roles.some((r) => r.role === 'student' && r.studentId === b.studentId)) {
      throw new AppError('FORBIDDEN', REDEEM_MESSAGES.ownChild);
    }
    if (b.role === 'student' && caller.roles.some((r) => r.role === 'guardian' && r.studentId === b.studentId)) {
      throw new AppError('FORBIDDEN', REDEEM_MESSAGES.ownGuardian);
    }
    const rosterGuardian = b.role === 'guardian' && !inv.reusable;
    if (rosterGuardian && !name) throw new AppError('BAD_INPUT', REDEEM_MESSAGES.needsName, { needsName: true });

    if (!inv.reusable && !inv.usedBy) {
      const claimed = await invitations.updateIf(inv._id, { usedBy: null, revokedAt: null }, { set: { usedBy: caller.userId, usedAt: now } });
      if (!claimed) {
        const again = await invitations.get(inv._id);
        throw new AppError('CONFLICT', again?.revokedAt ? REDEEM_MESSAGES.revoked : REDEEM_MESSAGES.used);
      }
    }

    let binding: RoleBinding = b;
    if (rosterGuardian) {
      const listed = await ctx.store.collection<{ _id: string; studentId: string; name: string; relation: string }>('roster_guardians')
        .find({ studentId: b.studentId! });
      const match = listed.find((g) => normaliseName(g.name) === normaliseName(name!));
      const pending = listed.length ? REDEEM_MESSAGES.pending : REDEEM_MESSAGES.pendingNoRoster;
      const requests = ctx.store.collection<GuardianRequestDoc>('guardian_requests');
      const earlier = await requests.get(inv._id);
      if (earlier?.status === 'refused') throw new AppError('CONFLICT', REDEEM_MESSAGES.refused);
      if (earlier?.status === 'approved') return { roles: caller.roles, label: inv.label };
      if (earlier?.status === 'pending') return { roles: caller.roles, label: inv.label, pending: true, message: pending };
      if (!match) {
        const student = await ctx.store.collection<{ _id: string; classId?: string; schoolId?: string }>('students').get(b.studentId!);
        await requests.put({
          _id: inv._id, studentId: b.studentId!, classId: student?.classId ?? null, schoolId: student?.schoolId ?? b.schoolId ?? null,
          userId: caller.userId, name: name!.replace(/\s/g, ''), relation: relation || '监护人', status: 'pending', createdAt: now,
        });
        await ctx.audit({ action: 'auth.redeem', subjectType: 'invitation', subjectId: inv._id, detail: { role: b.role, pending: true } });
        return { roles: caller.roles, label: inv.label, pending: true, message: pending };
      }
      binding = { ...b, guardianName: match.name, relation: match.relation };
    }

    const staff = STAFF_ROLES.includes(binding.role);
    const roles = await addBinding(ctx.store, caller.userId, binding, now, staff && ctx.notifyAddress ? { notifyOpenid: ctx.notifyAddress } : {});
    if (binding.role === 'guardian' && binding.studentId) {
      const links = ctx.store.collection<GuardianLinkDoc>('guardianships');
      const id = `${caller.userId}:${binding.studentId}`;
      const existing = await links.get(id);
      await links.put({
        _id: id, userId: caller.userId, studentId: binding.studentId, since: existing?.since ?? now,
        name: binding.guardianName, relation: binding.relation, via: inv.reusable ? 'demo' : 'roster',
      });
    }
    if (staff) {
      const jurisdiction = binding.jurisdiction ?? (binding.schoolId ? await dir(ctx).countyOfSchool(binding.schoolId) : null);
      await recordPost(ctx.store, caller.userId, binding, jurisdiction, now);
    }
    await ctx.audit({ action: 'auth.redeem', subjectType: 'invitation', subjectId: inv._id, detail: { role: binding.role } });
    return { roles, label: inv.label };
  },
});

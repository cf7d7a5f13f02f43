import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import type { Invitation } from '../../../domain/catalog';
import { STAFF_ROLES, type RoleBinding } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { deliveryKeys } from '../../core/recipients';

interface InvitationDoc extends Invitation { _id: string; usedBy?: string | null; [k: string]: unknown }
interface UserDoc {
  _id: string;
  roles: RoleBinding[];
  createdAt: number;
  /** staff on CloudBase only: their OPENID, so the scheduler can send them subscription messages */
  notifyOpenid?: string;
  /** the unit keys outbox rows are addressed to that this person receives (core/recipients.ts) */
  notifyKeys?: string[];
  [k: string]: unknown;
}

/**
 * Wrong codes one caller may try per hour. A single-use code binds a handler
 * or coordinator, who reads reports: without a limit it could be guessed.
 */
export const WRONG_CODES_PER_HOUR = 10;

const sameBinding = (a: RoleBinding, b: RoleBinding) =>
  a.role === b.role && a.schoolId === b.schoolId && a.classId === b.classId &&
  a.studentId === b.studentId && a.deptId === b.deptId && a.jurisdiction === b.jurisdiction;

/** Normalises what people type: spaces, lower case, full-width letters and dashes. */
export const normaliseCode = (code: string) => code.normalize('NFKC').trim().toUpperCase().replace(/[\s]/g, '').replace(/[－—–]/g, '-');

/**
 * Binds the caller to the role an invitation code names. Demo codes are
 * reusable (each redemption binds the new caller to the same demo role);
 * real codes are single-use, claimed with compare-and-set so two people
 * cannot both claim one code.
 *
 * Staff (named, never anonymous) who redeem on CloudBase also leave their
 * OPENID as a notify address, so new cases reach them as subscription
 * messages. Students, guardians and anonymous reporters never get one: the
 * dispatcher passes the address to this action only, and it is kept only
 * when the code binds a staff role.
 */
export const redeem = defineAction({
  name: 'auth.redeem',
  input: z.object({ code: z.string().min(4, '请输入完整的邀请码。').max(40, '邀请码太长了，请检查。') }).strict(),
  labels: { code: '邀请码' },
  readsNotifyAddress: true,
  async handle({ code }, ctx) {
    const caller = ctx.caller!;
    const normalised = normaliseCode(code);
    const invitations = ctx.store.collection<InvitationDoc>('invitations');
    // Past the limit even a right code is refused, or a guesser would still learn when one is right.
    await ctx.rateLimit('auth.redeem.wrong', WRONG_CODES_PER_HOUR, 3600_000, 'check');
    const [inv] = await invitations.find({ code: normalised }, { limit: 1 });
    if (!inv) {
      await ctx.rateLimit('auth.redeem.wrong', WRONG_CODES_PER_HOUR, 3600_000);
      throw new AppError('NOT_FOUND', '邀请码不正确，请核对后重新输入，或向学校、单位索取新的邀请码。');
    }
    if (!inv.reusable) {
      if (inv.usedBy && inv.usedBy !== caller.userId) throw new AppError('CONFLICT', '这个邀请码已经被使用过了，请向学校或单位索取新的邀请码。');
      if (!inv.usedBy) {
        const claimed = await invitations.updateIf(inv._id, { usedBy: null }, { set: { usedBy: caller.userId } });
        if (!claimed) throw new AppError('CONFLICT', '这个邀请码已经被使用过了，请向学校或单位索取新的邀请码。');
      }
    }
    const users = ctx.store.collection<UserDoc>('users');
    const now = ctx.clock.now().getTime();
    const user = (await users.get(caller.userId)) ?? { _id: caller.userId, roles: [], createdAt: now };
    const roles = user.roles.some((r) => sameBinding(r, inv.binding)) ? user.roles : [...user.roles, inv.binding];
    const notify = STAFF_ROLES.includes(inv.binding.role) && ctx.notifyAddress
      ? { notifyOpenid: ctx.notifyAddress, notifyKeys: deliveryKeys(roles) }
      : {};
    await users.put({ ...user, roles, ...notify });
    if (inv.binding.role === 'guardian' && inv.binding.studentId) {
      await ctx.store.collection('guardianships').put({
        _id: `${caller.userId}:${inv.binding.studentId}`, userId: caller.userId, studentId: inv.binding.studentId, since: now,
      });
    }
    await ctx.audit({ action: 'auth.redeem', subjectType: 'invitation', subjectId: inv._id, detail: { role: inv.binding.role } });
    return { roles, label: inv.label };
  },
});

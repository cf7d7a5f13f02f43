import QRCode from 'qrcode';
import { AppError } from '../../../domain/errors';
import type { Role, RoleBinding } from '../../../domain/roles';
import { ROLE_NAMES } from '../../../domain/roles';
import type { Ctx } from '../../core/context';
import { CODE_TTL_DAYS, DAY_MS, newCode, type InvitationDoc } from '../../core/enrol';
import type { Store } from '../../store/types';

export const INVITE_MESSAGES = {
  noStudents: '这个班还没有学生。请先导入学生名册，再发邀请码。',
  notFound: '没有找到这个邀请码，请核对。',
  used: '这个邀请码已经被使用了，不能再作废。如要解除绑定，请在“家长绑定”里操作。',
  staffNeedsUnit: '请选择这个岗位所在的学校、班级或部门。',
  staffNotYours: '您只能为自己负责的学校、部门或地区发邀请码。',
  unknownDept: '没有找到这个部门，请核对。',
  needsName: '请填写这位工作人员的姓名，会显示在案件记录里。',
} as const;

/** Roles whose codes are issued per student of a class. */
export const CLASS_ROLES = ['guardian', 'student'] as const;
export const STAFF_INVITE_ROLES = ['class_teacher', 'psych_teacher', 'school_safety_officer', 'school_admin', 'handler', 'coordinator'] as const;

/** What a slip or the command shows. */
export interface IssuedCode {
  code: string;
  expiresAt: number;
  role: Role;
  label: string;
  studentId?: string;
  studentName?: string;
  /** withQr: an SVG QR code of the code (locally), or a PNG data URL of a mini-program code (CloudBase) */
  qr?: string;
}

export async function qrFor(ctx: Pick<Ctx, 'platform'>, code: string): Promise<string> {
  if (ctx.platform.miniProgramCode) {
    const png = await ctx.platform.miniProgramCode(code);
    if (png) return 'data:image/png;base64,' + png.toString('base64');
  }
  return QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** A new single-use invitation row (not yet stored); `code` from the request (codeFromHex(ctx.newId(…))) in handlers. */
export function invitationRow(binding: RoleBinding, label: string, issuedBy: string, now: number, ttlDays = CODE_TTL_DAYS, code = newCode()): InvitationDoc {
  return {
    _id: 'inv-' + code.replace(/-/g, ''),
    code, binding, reusable: false, label, usedBy: null, revokedAt: null,
    expiresAt: now + ttlDays * DAY_MS, createdAt: now, issuedBy,
    studentId: binding.role === 'guardian' || binding.role === 'student' ? binding.studentId ?? null : null,
    classId: binding.classId ?? null,
    schoolId: binding.schoolId ?? null,
  };
}

/**
 * Stores fresh rows (insert-if-absent). A row already there under the same id, issued by the same person
 * for the same child and role, is this request's own from an earlier try (the codes come from the request
 * id): it stands, as stored. Any other row there is a code collision (59 bits: practically never), and
 * `draw` gives another code.
 */
export async function storeInvitations(store: Store, rows: InvitationDoc[], draw: () => string = newCode): Promise<InvitationDoc[]> {
  const col = store.collection<InvitationDoc>('invitations');
  const inserted = await col.insertMany(rows);
  if (inserted === rows.length) return rows;
  const out: InvitationDoc[] = [];
  for (const r of rows) {
    const got = await col.get(r._id);
    if (got && got.issuedBy === r.issuedBy && got.binding.studentId === r.binding.studentId && got.binding.role === r.binding.role) out.push(got);
    else {
      const again = invitationRow(r.binding, r.label, r.issuedBy!, r.createdAt!, Math.round((r.expiresAt! - r.createdAt!) / DAY_MS), draw());
      await col.insert(again);
      out.push(again);
    }
  }
  return out;
}

export const roleLabel = (role: Role) => ROLE_NAMES[role];

export function notFound(): never { throw new AppError('NOT_FOUND', INVITE_MESSAGES.notFound); }

import { z } from 'zod';
import type { RoleBinding } from '../../../domain/roles';
import { ROLE_NAMES } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { AppError } from '../../../domain/errors';
import { getStudent, NOT_YOUR_SCHOOL, psychSchools, studentIdSchema } from './model';

/**
 * The school leader's role name (added with school administration, issue 14):
 * allowed here by the handler; ACTION_ACCESS must list it too for the role gate to let it through.
 */
const SCHOOL_LEADER = 'school_admin';

interface AuditRow { _id: string; at: number; actorId: string; action: string; subjectId: string | null; detail: Record<string, unknown> | null; [k: string]: unknown }

/** What each audited action means, in words a school leader reads. */
const WHAT: Record<string, string> = {
  'screening.file': '打开了一生一策档案',
  'screening.fileUpdate': '在档案里写了记录',
  'screening.results': '在测评结果名单里看到了这名学生',
  'screening.current': '家长查看了同意和完成情况',
  'screening.consent': '家长办理了同意或不同意',
  'screening.paperConsent': '录入了纸质同意书',
  'screening.request': '家长提出了查看、更正或删除申请',
  'screening.answerRequest': '答复了家长的申请',
  'screening.readLog': '查看了这份查阅记录',
  'screening.submit': '学生提交了问卷',
  'screening.saveDraft': '学生保存了没答完的问卷',
  'screening.nudge': '班主任发了提醒',
  'screening.completion': '班主任查看了是否完成',
  'screening.escalate': '预警超时，系统报告了上级',
  'screening.stats': '查看了汇总数字',
  'screening.requests': '心理老师查看了家长的申请',
};

/** What a refused attempt tried to do. */
const TRIED: Record<string, string> = {
  'screening.file': '打开一生一策档案', 'screening.fileUpdate': '在档案里写记录', 'screening.results': '看测评结果名单',
  'screening.readLog': '看这份查阅记录', 'screening.paperConsent': '录入纸质同意书', 'screening.answerRequest': '答复家长的申请',
};

/** Any other action still reads as words, never as a system name ("学生：screening.submit", found walking the log). */
export const whatOf = (action: string) => WHAT[action] ?? '有一条系统记录';
const DENIED_PREFIX = 'denied:';
/** a refusal at the role gate (core/denied.ts): the action is in detail.action */
const GATE_DENIED = 'denied';

/**
 * The action an audit row is about, and whether it was refused. Refusals come in two kinds, and the log
 * shows both the same way ("想查看（…），被拒绝"):
 *  - by the handler (a psychology teacher of another school): `denied:<action>`, the child as subject
 *    (core/deniedAudit.ts);
 *  - at the role gate (a class teacher, a handler, a guardian asking for the file): `denied`, the action in
 *    detail.action; it names the child when the request did (core/denied.ts), so it is found by subject like
 *    every other row here. The gate writes at most GATE_DENIALS_AUDITED_PER_HOUR such rows a caller an hour.
 */
function readRow(r: AuditRow): { action: string; denied: boolean } | null {
  if (r.action.startsWith(DENIED_PREFIX)) return { action: r.action.slice(DENIED_PREFIX.length), denied: true };
  if (r.action === GATE_DENIED) {
    const action = r.detail?.action;
    return typeof action === 'string' && action.startsWith('screening.') ? { action, denied: true } : null;
  }
  return r.action.startsWith('screening.') ? { action: r.action, denied: false } : null;
}

/**
 * Who read a child's screening records, and when (psychology teacher or
 * school leader of the child's school): every audited read and write of this child, the
 * results lists that showed them, and attempts that were refused (403), whether
 * by the role gate or by the handler (readRow below).
 * The read of the log is itself logged.
 */
export const readLog = defineAction({
  name: 'screening.readLog',
  input: z.object({ studentId: studentIdSchema }).strict(),
  labels: { studentId: '学生' },
  async handle({ studentId }, ctx) {
    const s = await getStudent(ctx.store, studentId);
    if (!s) throw new AppError('NOT_FOUND', '没有找到这名学生，可能编号有误。');
    const roles = ctx.caller!.roles;
    // the school's psychology teacher, or its leader (the school admin role, where the deployment has it)
    const leads = roles.some((r) => (r.role as string) === SCHOOL_LEADER && r.schoolId === s.schoolId);
    if (!psychSchools(roles).includes(s.schoolId) && !leads) throw new AppError('FORBIDDEN', NOT_YOUR_SCHOOL);
    const audit = ctx.store.collection<AuditRow>('audit');
    const direct = await audit.find({ subjectId: studentId }, { orderBy: [['at', 'desc']], limit: 300 });
    // results lists name the students they showed (detail.studentIds)
    const lists = (await audit.find({ action: 'screening.results' }, { orderBy: [['at', 'desc']], limit: 500 }))
      .filter((r) => Array.isArray(r.detail?.studentIds) && (r.detail!.studentIds as string[]).includes(studentId));
    const rows = [...direct, ...lists].filter((r) => readRow(r) !== null)
      .sort((a, b) => b.at - a.at).slice(0, 300);
    const users = ctx.store.collection<{ _id: string; roles: RoleBinding[] }>('users');
    const who = new Map<string, string>();
    for (const r of rows) {
      if (who.has(r.actorId)) continue;
      const u = r.actorId === 'anonymous' || r.actorId === 'system' ? null : await users.get(r.actorId);
      const b = u?.roles.find((x) => x.role !== 'student') ?? u?.roles[0];
      who.set(r.actorId, !b ? (r.actorId === 'system' ? '系统' : '未登录的访问') : `${ROLE_NAMES[b.role]}${b.displayName ?? b.guardianName ? ` ${b.displayName ?? b.guardianName}` : ''}`);
    }
    await ctx.audit({ action: 'screening.readLog', subjectType: 'student', subjectId: studentId });
    return {
      student: { id: s.id, name: s.name },
      items: rows.map((r) => {
        const { action, denied } = readRow(r)!;
        return { id: r._id, at: r.at, who: who.get(r.actorId) ?? '', action, what: denied ? `想${TRIED[action] ?? '查看这名学生的测评信息'}，被拒绝` : whatOf(action), denied };
      }),
    };
  },
});

import { z } from 'zod';
import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { casRoles, type UserDoc } from '../../core/enrol';
import type { Doc } from '../../store/types';
import type { AlertDoc, FileDoc, FileEventDoc } from '../screening/model';
import { studentIdSchema } from '../screening/model';
import { schoolRecord, type ClassDoc, type StudentRow } from '../rollover/shared';
import { classIdSchema, schoolIdSchema } from '../rollover/schema';
import { rebuildClassRolls } from '../targets/directory';

interface GuardianshipDoc extends Doc { userId: string; studentId: string }
interface TransferredStudent extends StudentRow {
  lastTransfer?: { key: string; fromSchoolId: string; fromClassId: string; hadFile: boolean; movedAlerts: number };
}

/**
 * A child moves to another school (转学): the sending school's admin, or a coordinator
 * whose area covers both schools, moves the student record into a class of the new school.
 *
 * What follows the child is what the policy lets the new school hold: the 一生一策 file
 * (screening_files, its log, and any alert still open) moves to the new school, so its
 * psychology teacher and nobody else there reads it (screening.file is psychology-teacher
 * only). Everything else stays where it was made, as the old school's record: screening
 * answers and consents, holiday-letter signatures, lesson completions, acknowledged alerts.
 * The child's guardians stay bound, now to the new school.
 *
 * Crash-safe: the file, the alerts and the bindings move first (each step can be repeated);
 * the student record, which says the transfer happened, moves last with a compare-and-set,
 * and keeps which request moved it and from where (`lastTransfer`): a retry of that request
 * after a crash (faultsCloudbase.test.ts) (CloudBase) sees the child where it was, passes the same checks, and finishes
 * the rolls and the audit with the first try's answer (faultsCloudbase.test.ts).
 */
export const transfer = defineAction({
  name: 'student.transfer',
  input: z.object({ studentId: studentIdSchema, toSchoolId: schoolIdSchema, toClassId: classIdSchema }).strict(),
  labels: { studentId: '学生', toSchoolId: '转入学校', toClassId: '转入班级' },
  async handle({ studentId, toSchoolId, toClassId }, ctx) {
    const roles = ctx.caller!.roles;
    const students = ctx.store.collection<TransferredStudent>('students');
    const stored = await students.get(studentId);
    const key = ctx.newId('transfer');
    const replay = stored?.lastTransfer?.key === key ? stored.lastTransfer : null;
    const s = stored && replay ? { ...stored, schoolId: replay.fromSchoolId, classId: replay.fromClassId } : stored;
    const isAdminOf = (schoolId: string) => roles.some((r) => r.role === 'school_admin' && r.schoolId === schoolId);
    const areas = coordinatedJurisdictions(roles);
    const covers = (jurisdiction: string | undefined) => !!jurisdiction && areas.some((a) => coordinatorCovers(a, jurisdiction));
    if (!s) throw new AppError('NOT_FOUND', '没有找到这名学生，请从名单重新打开。');
    const from = await schoolRecord(ctx.store, s.schoolId);
    const to = await schoolRecord(ctx.store, toSchoolId);
    if (!isAdminOf(s.schoolId) && !covers(from?.jurisdiction)) {
      await ctx.audit({ action: 'student.transfer.denied', subjectType: 'student', subjectId: studentId });
      throw new AppError('FORBIDDEN', '只有学生现在所在学校的管理员，或所辖地区的协调员，才能办理转学。');
    }
    if (s.status && s.status !== 'active') throw new AppError('CONFLICT', '这名学生已经毕业或离校，不能再转学。');
    if (!to) throw new AppError('NOT_FOUND', '没有找到转入的学校，请检查学校编号。');
    if (toSchoolId === s.schoolId) throw new AppError('BAD_INPUT', '转入学校和现在的学校相同。同校换班请在名单里改班级。');
    if (!isAdminOf(s.schoolId) && !covers(to.jurisdiction)) {
      throw new AppError('FORBIDDEN', '转入学校不在您所辖的地区：请让学生现在所在学校的管理员办理。');
    }
    const cls = await ctx.store.collection<ClassDoc>('classes').get(toClassId);
    if (!cls || cls.schoolId !== toSchoolId) throw new AppError('NOT_FOUND', '转入学校里没有这个班级，请重新选择班级。');
    if (cls.status && cls.status !== 'open') throw new AppError('CONFLICT', '这个班级已经关闭或毕业，请选择别的班级。');

    const at = ctx.clock.now().getTime();
    const fromSchoolId = s.schoolId;
    // 1. the 一生一策 file, its log, and alerts still waiting for someone: to the new school
    const files = ctx.store.collection<FileDoc>('screening_files');
    // counted from what exists, not from what changed: a retry after a crash (faultsCloudbase.test.ts) finds them moved already
    const hadFile = replay ? replay.hadFile : Boolean(await files.get(studentId));
    if (hadFile) await files.update(studentId, { set: { schoolId: toSchoolId, updatedAt: at } });
    const events = ctx.store.collection<FileEventDoc>('screening_file_events');
    for (const e of await events.find({ studentId })) if (e.schoolId !== toSchoolId) await events.update(e._id, { set: { schoolId: toSchoolId } });
    const alerts = ctx.store.collection<AlertDoc>('screening_alerts');
    const open = await alerts.find({ studentId, status: 'open' });
    for (const a of open) if (a.schoolId !== toSchoolId) await alerts.update(a._id, { set: { schoolId: toSchoolId, countyId: to.jurisdiction } });
    const movedAlerts = replay ? replay.movedAlerts : open.length;
    // 2. the guardians' bindings name the new school
    const users = ctx.store.collection<UserDoc>('users');
    for (const link of await ctx.store.collection<GuardianshipDoc>('guardianships').find({ studentId })) {
      // compare-and-set on the roles (core/enrol.ts): a redeem or unbind racing the transfer is not overwritten
      for (let attempt = 0; attempt < 5; attempt++) {
        const u = await users.get(link.userId);
        if (!u || !u.roles.some((r) => r.role === 'guardian' && r.studentId === studentId && r.schoolId !== toSchoolId)) break;
        const roles = u.roles.map((r) => (r.role === 'guardian' && r.studentId === studentId ? { ...r, schoolId: toSchoolId } : r));
        if (await casRoles(ctx.store, u, roles)) break;
      }
    }
    // 3. last, the record itself (compare-and-set: two transfers at once, one wins)
    const lastTransfer = { key, fromSchoolId, fromClassId: s.classId, hadFile, movedAlerts };
    const moved = replay || await students.updateIf(studentId, { schoolId: fromSchoolId, classId: s.classId }, {
      set: { schoolId: toSchoolId, classId: toClassId, grade: cls.grade, transferredFrom: fromSchoolId, transferredAt: at, updatedAt: at, lastTransfer },
    });
    if (!moved) throw new AppError('CONFLICT', '这名学生的班级刚刚被别人改过，请刷新名单后再试。');
    // the desk's class rolls of both schools follow in the same request
    await rebuildClassRolls(ctx.store, [fromSchoolId, toSchoolId]);
    await ctx.audit({
      action: 'student.transfer', subjectType: 'student', subjectId: studentId,
      detail: { fromSchoolId, toSchoolId, toClassId, file: hadFile, movedAlerts },
    });
    return { studentId, fromSchoolId, toSchoolId, toClassId, className: cls.name, fileMoved: hadFile, alertsMoved: movedAlerts };
  },
});

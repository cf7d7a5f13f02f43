import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SchoolStage } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { chinaDay } from '../../../domain/chinaTime';
import {
  GRADE_NAMES, RosterFormatError, canonicalClassName, freshClassId, parseRoster, type ParsedRoster, type RosterError, type RosterGuardian, type RosterRow, type Sex,
} from '../../../domain/roster';
import { defineAction } from '../../core/action';
import { rebuildClassRolls } from '../targets/directory';
import type { Ctx } from '../../core/context';
import { dir, type ClassDoc } from '../../core/directory';
import { SHEET_MESSAGES, keepRoster, keptRoster, readSheet, sniffSheet, tableFromSheet, type SheetKind } from '../../media/sheets';
import { ACCESS_MESSAGES, requireSchool } from '../school/access';

/** The grades a school of each stage teaches (grade scale: 1-9 compulsory, 10-12 high school, 13+ university). */
export const STAGE_GRADES: Record<SchoolStage, readonly number[]> = {
  primary: [1, 2, 3, 4, 5, 6],
  middle: [7, 8, 9],
  high: [10, 11, 12],
  nine_year: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  vocational: [10, 11, 12],
  university: [13, 14, 15, 16],
};

export interface StudentRecord {
  _id: string;
  id: string;
  name: string;
  schoolId: string;
  classId: string;
  grade: number;
  birthDate: string;
  studentNo?: string;
  sex?: Sex | null;
  status?: 'active' | 'graduated' | 'left';
  updatedAt?: number;
  [k: string]: unknown;
}

interface RosterGuardianDoc { _id: string; studentId: string; schoolId: string | null; name: string; relation: string; [k: string]: unknown }

/** Deterministic: the same school and student number always give the same record. */
export const studentIdFor = (schoolId: string, studentNo: string) => 'stu-' + createHash('sha256').update(`${schoolId}:${studentNo}`).digest('hex').slice(0, 16);

const sameGuardians = (a: readonly RosterGuardian[], b: readonly RosterGuardian[]) =>
  a.length === b.length && a.every((g, i) => g.name === b[i].name && g.relation === b[i].relation);

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RosterError[];
  /** columns not kept (ID card, address, phone …) */
  dropped: string[];
  /** classes the import adds (an unknown class of a grade the school teaches) */
  classesCreated: string[];
  dryRun: boolean;
}

/**
 * Imports a school's roster sheet (uploaded through POST /upload, or on
 * WeChat a file the mini-program put in `tmp-uploads/`). `dryRun: true`
 * writes nothing. The student number is the key: importing the same sheet
 * again changes nothing, a changed class moves the student, students missing
 * from the sheet are left as they are. Bad rows are named and not applied;
 * the good ones are.
 */
export const importRoster = defineAction({
  name: 'roster.import',
  input: z.object({
    schoolId: z.string().min(1, '请选择学校。').max(80),
    fileId: z.string().min(1, '请先上传表格。').max(300, '文件编号不对，请重新上传。'),
    dryRun: z.boolean({ required_error: '请说明是先检查（dryRun: true）还是导入。', invalid_type_error: 'dryRun 只能是 true 或 false。' }),
  }).strict(),
  labels: { schoolId: '学校', fileId: '表格', dryRun: '只检查' },
  async handle({ schoolId, fileId, dryRun }, ctx): Promise<ImportResult> {
    const school = await requireSchool(ctx, schoolId);
    if (school.status === 'closed') throw new AppError('CONFLICT', ACCESS_MESSAGES.closed);
    const now = ctx.clock.now().getTime();
    // The sheet is read once (exceljs: most of an import's time): the 先检查 dry run keeps what it read on the
    // sheet's record, and the import uses that and deletes the uploaded file.
    let parsed = await keptRoster<ParsedRoster>(ctx.store, ctx.platform.blobs, fileId, ctx.caller!.userId, !dryRun);
    if (!parsed) {
      const { bytes, kind } = await loadSheet(ctx, fileId);
      try {
        parsed = parseRoster(await tableFromSheet(bytes, kind), chinaDay(now));
      } catch (e) {
        if (e instanceof RosterFormatError) throw new AppError('BAD_INPUT', e.message);
        throw e;
      }
      await keepRoster(ctx.store, fileId, parsed);
    }
    const errors = [...parsed.errors];
    const result = await planImport(ctx, schoolId, school.stage, parsed.good, errors, now);
    errors.sort((a, b) => a.row - b.row);
    // Counted before writing, as the first attempt found the school: a retry after a crash (faultsCloudbase.test.ts) plans
    // only what is still missing (every id is derived, so it completes the import) but answers what the import as a whole did.
    const counts = await ctx.keepFirst({
      created: result.created.length, updated: result.updated.length, unchanged: result.unchanged, classesCreated: result.newClasses.map((c) => c.name),
    });
    const answer: ImportResult = { rows: parsed.rows, ...counts, errors, dropped: parsed.dropped, dryRun };
    if (!dryRun) {
      await applyImport(ctx, result);
      // the desk's class rolls of this school follow the roster in the same request (a sheet only holds this school's children)
      await rebuildClassRolls(ctx.store, [schoolId]);
      // WeChat: the sheet in tmp-uploads/ (children's data) goes once it is imported
      if (fileId.startsWith('cloud://')) await ctx.platform.deleteTempUpload?.(fileId);
    }
    await ctx.audit({
      action: 'roster.import', subjectType: 'school', subjectId: schoolId,
      detail: { dryRun, rows: answer.rows, created: answer.created, updated: answer.updated, errors: errors.length, dropped: parsed.dropped },
    });
    return answer;
  },
});

async function loadSheet(ctx: Ctx, fileId: string): Promise<{ bytes: Buffer; kind: SheetKind }> {
  if (fileId.startsWith('cloud://')) {
    // WeChat: the file a teacher picked from a chat (wx.chooseMessageFile), put in tmp-uploads/ by the mini-program
    const bytes = ctx.platform.fetchTempUpload ? await ctx.platform.fetchTempUpload(fileId) : null;
    if (!bytes) throw new AppError('NOT_FOUND', SHEET_MESSAGES.missing);
    const kind = sniffSheet(bytes, fileId);
    if (!kind) throw new AppError('UNSUPPORTED_MEDIA', SHEET_MESSAGES.notSheet);
    return { bytes, kind };
  }
  return readSheet(ctx.store, ctx.platform.blobs, fileId, ctx.caller!.userId);
}

interface Plan {
  schoolId: string;
  newClasses: ClassDoc[];
  created: Array<{ doc: StudentRecord; guardians: RosterGuardian[] }>;
  updated: Array<{ doc: StudentRecord; guardians: RosterGuardian[] | null }>;
  unchanged: number;
}

async function planImport(ctx: Ctx, schoolId: string, stage: SchoolStage, rows: RosterRow[], errors: RosterError[], now: number): Promise<Plan> {
  const classes = await dir(ctx).classesOf(schoolId);
  // Only open classes answer to a grade and number: after a rollover a closed or graduated class may hold the
  // same grade and number as this year's (which then gets a fresh id, freshClassId).
  const byKey = new Map(classes.filter((c) => c.status === 'open').map((c) => [`${c.grade}:${c.number}`, c]));
  const closedKeys = new Map(classes.filter((c) => c.status === 'closed').map((c) => [`${c.grade}:${c.number}`, c]));
  const takenIds = new Set(classes.map((c) => c._id));
  const intakeYear = Number(chinaDay(now).slice(0, 4));
  const grades = new Set<number>([...STAGE_GRADES[stage], ...classes.map((c) => c.grade)]);
  const studentsCol = ctx.store.collection<StudentRecord>('students');
  const existing = await studentsCol.find({ schoolId });
  const byNo = new Map(existing.filter((s) => s.studentNo).map((s) => [s.studentNo!, s]));
  // a student number already on another school's roster is a transfer, not a new child
  const elsewhere = new Map<string, string>();
  const unknownNos = rows.map((r) => r.studentNo).filter((n) => !byNo.has(n));
  for (let i = 0; i < unknownNos.length; i += 500) {
    for (const s of await studentsCol.find({ studentNo: { $in: unknownNos.slice(i, i + 500) } })) {
      if (s.schoolId !== schoolId) elsewhere.set(s.studentNo!, s.schoolId);
    }
  }
  const guardiansNow = new Map<string, RosterGuardian[]>();
  for (const g of (await ctx.store.collection<RosterGuardianDoc>('roster_guardians').find({ schoolId })).sort((a, b) => a._id.localeCompare(b._id))) {
    guardiansNow.set(g.studentId, [...(guardiansNow.get(g.studentId) ?? []), { name: g.name, relation: g.relation }]);
  }
  const plan: Plan = { schoolId, newClasses: [], created: [], updated: [], unchanged: 0 };
  for (const r of rows) {
    if (!grades.has(r.grade)) {
      errors.push({ row: r.row, message: `第${r.row}行：本校没有${GRADE_NAMES[r.grade] ?? r.grade + '年级'}，请核对${r.name}的年级。` });
      continue;
    }
    if (elsewhere.has(r.studentNo)) {
      errors.push({ row: r.row, message: `第${r.row}行：学籍号 ${r.studentNo}（${r.name}）已经在另一所学校的名册里。转学请两校联系办理，这一行没有导入。` });
      continue;
    }
    const key = `${r.grade}:${r.classNumber}`;
    let cls = byKey.get(key) ?? closedKeys.get(key);
    if (!cls) {
      const id = freshClassId(takenIds, schoolId, r.grade, r.classNumber, intakeYear);
      takenIds.add(id);
      cls = { _id: id, schoolId, grade: r.grade, number: r.classNumber, name: canonicalClassName(r.grade, r.classNumber), status: 'open', createdAt: now, updatedAt: now };
      byKey.set(key, cls);
      plan.newClasses.push(cls);
    } else if (cls.status !== 'open') {
      errors.push({ row: r.row, message: `第${r.row}行：${cls.name}已经关闭，${r.name}没有导入。请先在“班级”里重新开班。` });
      continue;
    }
    const old = byNo.get(r.studentNo);
    const fields = { name: r.name, classId: cls._id, grade: r.grade, birthDate: r.birthDate, sex: r.sex, studentNo: r.studentNo, status: 'active' as const };
    if (!old) {
      const id = studentIdFor(schoolId, r.studentNo);
      plan.created.push({ doc: { _id: id, id, schoolId, ...fields, updatedAt: now }, guardians: r.guardians });
      continue;
    }
    const guardiansChanged = !sameGuardians(guardiansNow.get(old._id) ?? [], r.guardians);
    const changed = old.name !== r.name || old.classId !== cls._id || old.grade !== r.grade || old.birthDate !== r.birthDate ||
      (old.sex ?? null) !== r.sex || (old.status ?? 'active') !== 'active';
    if (!changed && !guardiansChanged) { plan.unchanged++; continue; }
    plan.updated.push({ doc: { ...old, ...fields, updatedAt: now }, guardians: guardiansChanged ? r.guardians : null });
  }
  return plan;
}

const guardianDocs = (studentId: string, schoolId: string, gs: readonly RosterGuardian[]): RosterGuardianDoc[] =>
  gs.map((g, i) => ({ _id: `${studentId}:${i + 1}`, studentId, schoolId, name: g.name, relation: g.relation }));

/**
 * Writes the plan. Classes first, then students, then their guardians: a
 * crash part-way leaves rows a re-import completes (every id is derived
 * from the school and the student number).
 */
async function applyImport(ctx: Ctx, plan: Plan) {
  if (plan.newClasses.length) await ctx.store.collection<ClassDoc>('classes').insertMany(plan.newClasses);
  const students = ctx.store.collection<StudentRecord>('students');
  const guardians = ctx.store.collection<RosterGuardianDoc>('roster_guardians');
  if (plan.created.length) {
    await students.insertMany(plan.created.map((c) => c.doc));
    await guardians.insertMany(plan.created.flatMap((c) => guardianDocs(c.doc._id, plan.schoolId, c.guardians)));
  }
  for (const u of plan.updated) {
    await students.put(u.doc);
    if (u.guardians) {
      await guardians.removeWhere({ studentId: u.doc._id });
      await guardians.insertMany(guardianDocs(u.doc._id, plan.schoolId, u.guardians));
    }
  }
}

/**
 * The year rollover on the store: preview and apply for one school, used by
 * rollover.preview / rollover.apply (a school admin or coordinator) and by the
 * scheduler on the configured date (src/domain/rollover.ts decides names and grades).
 *
 * Crash-safe and idempotent without transactions: every student and class row
 * carries `rolledYear`, and each moves with a compare-and-set on it, so however
 * often (or concurrently) a school's rollover runs or wherever it died, each
 * row moves once. A graduating child's guardian bindings end before the class
 * is marked graduated; the audit entry (one per school and year) and then the
 * school's `rollovers` marker are written last.
 */
import { randomUUID } from 'node:crypto';
import { content } from '../../../content';
import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import type { SchoolStage } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import { classChange, DEFAULT_ROLLOVER_DAY, rolloverOn, type ClassChange, type RolloverClass } from '../../../domain/rollover';
import { writeAudit } from '../../core/audit';
import { removeBindings } from '../../core/enrol';
import type { AuditEntry, Clock } from '../../core/context';
import type { Doc, Store } from '../../store/types';
import { rebuildClassRolls } from '../targets/directory';

export const ROLLOVER_SETTING_ID = 'rollover';
export interface RolloverSettingDoc extends Doc { value: { monthDay: string }; updatedAt: number; updatedBy: string }

export interface SchoolRecord { id: string; name: string; jurisdiction: string; stage: SchoolStage; status?: string }
export interface ClassDoc extends RolloverClass, Doc { _id: string; updatedAt?: number }
export interface StudentRow extends Doc {
  name: string; schoolId: string; classId: string; grade: number; status?: string; rolledYear?: number;
}
export interface RolloverMarker extends Doc {
  schoolId: string; year: number; appliedAt: number; appliedBy: string; promoted: number; graduated: number; students: number;
  /** the mark of the call that wrote it (applyRollover opts.mark; absent on markers from before 2026-12-06) */
  mark?: string;
}
interface GuardianshipDoc extends Doc { userId: string; studentId: string }

const markerId = (schoolId: string, year: number) => `${schoolId}:${year}`;

/** A school as a record (enrolment) or, until it has one, from the city's catalog. */
export async function schoolRecord(store: Store, schoolId: string): Promise<SchoolRecord | null> {
  const row = await store.collection<Doc & Omit<SchoolRecord, 'id'>>('schools').get(schoolId);
  if (row) return { id: row._id, name: row.name, jurisdiction: row.jurisdiction, stage: row.stage, status: row.status };
  const s = content.catalog.schools.find((x) => x.id === schoolId);
  return s ? { ...s } : null;
}

/** The school an admin or coordinator may act for, or FORBIDDEN / NOT_FOUND. */
export async function schoolInMyCare(store: Store, roles: readonly RoleBinding[], schoolId: string): Promise<SchoolRecord> {
  const school = await schoolRecord(store, schoolId);
  const mine = roles.some((r) => r.role === 'school_admin' && r.schoolId === schoolId);
  const covered = school && coordinatedJurisdictions(roles).some((a) => coordinatorCovers(a, school.jurisdiction));
  if (!school) {
    // the same answer a stranger gets whether or not the school exists
    if (!roles.some((r) => r.role === 'coordinator')) throw new AppError('FORBIDDEN', '您只能管理自己学校的班级。');
    throw new AppError('NOT_FOUND', '没有找到这所学校，请检查学校编号。');
  }
  if (!mine && !covered) throw new AppError('FORBIDDEN', '您只能管理自己学校（或所辖地区学校）的班级。');
  return school;
}

export async function rolloverDay(store: Store): Promise<string> {
  const doc = await store.collection<RolloverSettingDoc>('settings').get(ROLLOVER_SETTING_ID);
  return doc?.value?.monthDay ?? DEFAULT_ROLLOVER_DAY;
}

export interface RolloverPlan {
  schoolId: string;
  schoolName: string;
  year: number;
  /** the China-time day it happens (YYYY-MM-DD) */
  date: string;
  applied: boolean;
  appliedAt: number | null;
  classes: Array<ClassChange & { className: string; students: number }>;
  promotedClasses: number;
  graduatingClasses: number;
  graduatingStudents: number;
}

async function studentsOf(store: Store, classId: string): Promise<StudentRow[]> {
  return store.collection<StudentRow>('students').find({ classId });
}

const active = (s: StudentRow) => !s.status || s.status === 'active';

/** What the rollover will do (or did) to a school's classes. Reads only. */
export async function previewRollover(store: Store, school: SchoolRecord, now: Date): Promise<RolloverPlan> {
  const { year, date } = rolloverOn(now, await rolloverDay(store));
  const marker = await store.collection<RolloverMarker>('rollovers').get(markerId(school.id, year));
  const applied = Boolean(marker) || (await passDone(store, year));
  const classes = applied ? [] : (await store.collection<ClassDoc>('classes').find({ schoolId: school.id }, { orderBy: [['grade', 'asc'], ['name', 'asc']] }))
    .filter((c) => c.rolledYear !== year);
  const out: RolloverPlan['classes'] = [];
  for (const c of classes) {
    const change = classChange(c, school.stage);
    if (!change) continue;
    const students = (await studentsOf(store, c._id)).filter((s) => active(s) && s.rolledYear !== year).length;
    out.push({ ...change, className: c.name, students });
  }
  const graduating = out.filter((c) => c.action === 'graduate');
  return {
    schoolId: school.id, schoolName: school.name, year, date,
    applied, appliedAt: marker?.appliedAt ?? null,
    classes: out,
    promotedClasses: out.length - graduating.length,
    graduatingClasses: graduating.length,
    graduatingStudents: graduating.reduce((n, c) => n + c.students, 0),
  };
}

/**
 * Ends every guardian binding of a child (graduation): the role leaves the user's
 * bindings and the link row goes, so the next call no longer finds either. Answers how many.
 */
export async function endGuardianBindings(store: Store, studentId: string): Promise<number> {
  const links = store.collection<GuardianshipDoc>('guardianships');
  let ended = 0;
  for (const link of await links.find({ studentId })) {
    // compare-and-set on the roles (core/enrol.ts), so a redeem racing the graduation cannot be lost or revived
    await removeBindings(store, link.userId, (r) => r.role === 'guardian' && r.studentId === studentId);
    if (await links.remove(link._id)) ended++;
  }
  return ended;
}

export interface RolloverResult {
  schoolId: string; year: number; alreadyApplied: boolean; promoted: number; graduated: number; students: number; bindingsEnded: number;
  /** stopped at the time budget: not finished (no marker yet); the next run continues */
  partial?: boolean;
}

/**
 * Applies the rollover of one school for the year `now` falls in. Idempotent per school and year.
 * `deadline` (real time, ms): stop between classes once passed and answer `partial` (the scheduler's
 * function has 60 s, and the outbox must still be delivered after the jobs); at least one class moves.
 */
export async function applyRollover(
  store: Store, clock: Clock, school: SchoolRecord, actorId: string,
  opts: {
    deadline?: number;
    /** writes the audit entry under this id, once (rollover.apply: ctx.audit); default the audit log with the actor */
    audit?: (entry: AuditEntry, id: string) => Promise<void>;
    /**
     * Stamped on every row this call moves (`rolledBy`), and what the answer counts by: rollover.apply passes one
     * from its request (ctx.newId), so a retry after a crash counts what the request as a whole moved (faultsCloudbase.test.ts),
     * not only what was still left. Default: a fresh one, so the answer is what this call moved.
     */
    mark?: string;
  } = {},
): Promise<RolloverResult> {
  const now = clock.now();
  const at = now.getTime();
  const { year } = rolloverOn(now, await rolloverDay(store));
  const markers = store.collection<RolloverMarker>('rollovers');
  const result: RolloverResult = { schoolId: school.id, year, alreadyApplied: false, promoted: 0, graduated: 0, students: 0, bindingsEnded: 0 };
  const classes = store.collection<ClassDoc>('classes');
  const students = store.collection<StudentRow>('students');
  const mark = opts.mark ?? randomUUID();
  const done = await markers.get(markerId(school.id, year));
  // A retry whose first attempt crashed after writing the marker finds the school done by this very request
  // (its audit entry is then looked for, and written if missing); any other call finds it done before.
  if (done && done.mark !== mark) return { ...result, alreadyApplied: true };
  let movedAny = false;
  for (const c of done ? [] : await classes.find({ schoolId: school.id })) {
    if (c.rolledYear === year) continue;
    const change = classChange(c, school.stage);
    if (!change) continue;
    if (movedAny && opts.deadline !== undefined && Date.now() >= opts.deadline) {
      await rebuildClassRolls(store, [school.id]); // the classes moved so far: the desk's rolls follow them now
      return { ...result, partial: true };
    }
    movedAny = true;
    const notYet = { rolledYear: { $ne: year } } as const;
    for (const s of await studentsOf(store, c._id)) {
      if (!active(s) && s.rolledYear !== year) continue; // a child who left before: stays as recorded
      if (change.action === 'graduate') {
        // how many guardians were bound when the child left, kept on the record: the bindings themselves go
        const bound = (await store.collection<GuardianshipDoc>('guardianships').find({ studentId: s._id })).length;
        if (await students.updateIf(s._id, notYet, { set: { status: 'graduated', graduatedYear: year, rolledYear: year, rolledBy: mark, bindingsEnded: bound, updatedAt: at } })) result.students++;
        // whether this run or an interrupted earlier one marked the child, the bindings must be gone
        result.bindingsEnded += await endGuardianBindings(store, s._id);
      } else if (await students.updateIf(s._id, notYet, { set: { grade: change.to.grade, rolledYear: year, rolledBy: mark, updatedAt: at } })) {
        result.students++;
      }
    }
    const moved = change.action === 'graduate'
      ? await classes.updateIf(c._id, notYet, { set: { status: 'graduated', graduatedYear: year, rolledYear: year, rolledBy: mark, updatedAt: at } })
      : await classes.updateIf(c._id, notYet, { set: { grade: change.to.grade, name: change.to.name, rolledYear: year, rolledBy: mark, updatedAt: at } });
    if (moved) result[change.action === 'graduate' ? 'graduated' : 'promoted']++;
  }
  // the desk's class rolls (new grades and names, graduates off the roll), before the marker: a run that dies
  // between the two is run again and rebuilds again
  await rebuildClassRolls(store, [school.id]);
  // Counted from the rows stamped with this call's mark, not from what this run changed: a retry after a crash (faultsCloudbase.test.ts),
  // or the scheduler's next pass after a partial one (rollover.test.ts), finds part of the school already moved.
  Object.assign(result, await rolledCounts(store, school.id, year, mark));
  // the school's record counts its whole rollover, whichever calls moved it
  const total = await rolledCounts(store, school.id, year, null);
  const marker: RolloverMarker = {
    _id: markerId(school.id, year), schoolId: school.id, year, appliedAt: at, appliedBy: actorId, mark,
    promoted: total.promoted, graduated: total.graduated, students: total.students,
  };
  // The audit entry before the marker, under an id of the school and year: a run that dies between the two
  // leaves no marker, so the next run writes the marker and finds the entry there (written once, never lost).
  const entry: AuditEntry = {
    action: 'rollover.apply', subjectType: 'school', subjectId: school.id,
    detail: { year, promoted: result.promoted, graduated: result.graduated, students: result.students, bindingsEnded: result.bindingsEnded },
  };
  const auditId = `a-rollover:${markerId(school.id, year)}`;
  await (opts.audit ? opts.audit(entry, auditId) : writeAudit(store, clock, actorId, entry, auditId));
  // insert-if-absent: of two concurrent runs, both moved disjoint rows; the first marker stands
  if (!done) await markers.insertMany([marker]);
  return result;
}

/** Classes, children and ended guardian bindings of a school that this year's rollover moved (under `mark`, or any). */
async function rolledCounts(store: Store, schoolId: string, year: number, mark: string | null) {
  const mine = <T extends { rolledYear?: number; rolledBy?: string }>(rows: T[]) => rows.filter((r) => r.rolledYear === year && (mark === null || r.rolledBy === mark));
  const cls = mine(await store.collection<ClassDoc & { graduatedYear?: number; rolledBy?: string }>('classes').find({ schoolId }));
  const kids = mine(await store.collection<StudentRow & { rolledBy?: string; bindingsEnded?: number }>('students').find({ schoolId }));
  const graduated = cls.filter((c) => c.graduatedYear === year).length;
  return { promoted: cls.length - graduated, graduated, students: kids.length, bindingsEnded: kids.reduce((n, k) => n + (k.bindingsEnded ?? 0), 0) };
}

const passId = (year: number) => `pass:${year}`;

/** True once the scheduler's pass for this year has run: classes made since are already in their new grade. */
export async function passDone(store: Store, year: number): Promise<boolean> {
  return Boolean(await store.collection('rollovers').get(passId(year)));
}

/**
 * The scheduler's part: on (or, if the server was down, after) the date, one pass rolls
 * every school with open classes and no marker for this year, then writes the year's pass
 * marker. After it, nothing runs again that year, so a school or class added later in the
 * autumn (already in its new grade) is never moved. Cheap on other days: two reads.
 */
export async function runRollover({ store, clock, budgetMs = 20_000 }: { store: Store; clock: Clock; budgetMs?: number }): Promise<{ schools: number; students: number; partial?: boolean } | null> {
  const deadline = Date.now() + budgetMs;
  const now = clock.now();
  const { year, due } = rolloverOn(now, await rolloverDay(store));
  if (!due || (await passDone(store, year))) return null;
  const open = await store.collection<ClassDoc>('classes').find({ status: 'open' });
  const schoolIds = [...new Set(open.filter((c) => c.rolledYear !== year).map((c) => c.schoolId))].sort();
  let schools = 0;
  let students = 0;
  for (const id of schoolIds) {
    if (await store.collection('rollovers').get(markerId(id, year))) continue;
    const school = await schoolRecord(store, id);
    if (!school) continue;
    const r = await applyRollover(store, clock, school, 'scheduler', { deadline });
    students += r.students;
    if (r.partial) return { schools, students, partial: true }; // the next run (5 minutes later) continues
    if (!r.alreadyApplied) schools++;
    if (Date.now() >= deadline) return { schools, students, partial: true };
  }
  await store.collection('rollovers').insertMany([{ _id: passId(year), schoolId: '*', year, appliedAt: now.getTime(), schools, students }]);
  return { schools, students };
}

/**
 * Year rollover and transfers, through the dispatcher with an injected clock:
 * preview, promotion, graduation (guardian bindings end on the next call, records
 * kept), a re-run (by hand, by the scheduler, in parallel, after a crash) changes
 * nothing, and a transfer moves the 一生一策 file to the new school's psychology
 * teacher and nothing else.
 */
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { runScheduledJobs } from '../../src/cloud/functions/scheduler/jobs';
import { applyRollover, runRollover, schoolRecord } from '../../src/cloud/handlers/rollover/shared';
import type { Collection, Doc, Store } from '../../src/cloud/store/types';
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { makeHarness, type Harness } from './harness';
import { saveSheet } from '../../src/cloud/media/sheets';
import { csvUtf8, type Cell } from '../fixtures/roster';

const SCHOOL = 'sch-simao-1';
const OTHER = 'sch-simao-2';
const NEW_SCHOOL = 'sch-ninger-1';

let h: Harness;
let admin: CallerIdentity;

async function addClass(id: string, schoolId: string, grade: number, number: number, name: string, status = 'open') {
  await h.store.collection('classes').put({ _id: id, schoolId, grade, number, name, status, createdAt: 0, updatedAt: 0 });
}
/** A child on the roll, written as a roster import would: the record, and the school's class rolls rebuilt from it. */
async function addStudent(id: string, name: string, schoolId: string, classId: string, grade: number) {
  await h.store.collection('students').put({ _id: id, id, name, schoolId, classId, grade, birthDate: '2011-05-01', status: 'active' });
  await rebuildClassRolls(h.store, [schoolId]);
}
/** A guardian account bound to a child the way auth.redeem binds one (role + link row). */
async function guardianOf(studentId: string, schoolId: string): Promise<CallerIdentity> {
  const who = await h.asBinding({ role: 'guardian', studentId, schoolId, guardianName: '家长', relation: '母亲' });
  await h.store.collection('guardianships').put({ _id: `${who.userId}:${studentId}`, userId: who.userId, studentId, since: 0 });
  return who;
}
const students = async () => Object.fromEntries((await h.store.collection('students').find()).map((s: any) => [s._id, s]));
/** What a scheduled rollover of the schools `which` picks should answer: open schools, and their active children. */
async function roll(which: (schoolId: string) => boolean) {
  const schools = (await h.store.collection<any>('schools').find({ status: 'open' })).filter((x) => which(x._id));
  const ids = new Set(schools.map((x) => x._id));
  const active = (await h.store.collection<any>('students').find()).filter((x) => ids.has(x.schoolId) && (x.status ?? 'active') === 'active');
  return { schools: schools.length, students: active.length };
}
const classes = async () => Object.fromEntries((await h.store.collection('classes').find()).map((c: any) => [c._id, c]));
/** What a rollover may change (other jobs of the scheduler write their own rows), to show a re-run changes nothing. */
async function fingerprint() {
  const all = await h.store.dump!();
  return JSON.stringify(['students', 'classes', 'guardianships', 'rollovers', 'users', 'screening_files'].map((c) => all[c]));
}

beforeEach(async () => {
  h = await makeHarness('2026-08-20T02:00:00Z'); // the summer holiday, China time
  admin = await h.as('DEMO-SCHOOL-ADMIN');
  // the demo school's classes as records (the demo students of 八年级（1）（2）班 are already in them)
  await addClass('cls-simao-1-7-1', SCHOOL, 7, 1, '七年级（1）班');
  await addClass('cls-simao-1-8-1', SCHOOL, 8, 1, '八年级（1）班');
  await addClass('cls-simao-1-8-2', SCHOOL, 8, 2, '八年级（2）班');
  await addClass('cls-simao-1-9-1', SCHOOL, 9, 1, '九年级1班');
  await addClass('cls-simao-1-9-old', SCHOOL, 9, 3, '九年级（3）班', 'closed');
  await addStudent('stu-g9-1', '毕业生甲', SCHOOL, 'cls-simao-1-9-1', 9);
  await addStudent('stu-g9-2', '毕业生乙', SCHOOL, 'cls-simao-1-9-1', 9);
  await addStudent('stu-g7-1', '七年级生', SCHOOL, 'cls-simao-1-7-1', 7);
  // another school of the county (primary: 六年级 graduates there)
  await addClass('cls-simao-2-5-1', OTHER, 5, 1, '五年级（1）班');
  await addClass('cls-simao-2-6-1', OTHER, 6, 1, '六年级（1）班');
  await addStudent('stu-p6-1', '小学毕业生', OTHER, 'cls-simao-2-6-1', 6);
});
afterEach(async () => { await h.close(); });

test('the school admin previews the change, then applies it: classes move up, the top grade graduates and its guardians lose access on their next call', async () => {
  const parentOfGraduate = await guardianOf('stu-g9-1', SCHOOL);
  const parentOfStaying = await h.as('DEMO-PARENT'); // 李小雨, 八年级（2）班
  // the guardian can act today
  expect((await h.call('screening.current', {}, { as: parentOfGraduate })).error?.code).not.toBe('FORBIDDEN');

  const p = await h.call('rollover.preview', { schoolId: SCHOOL }, { as: admin });
  expect(p.ok).toBe(true);
  expect(p.data).toMatchObject({ schoolId: SCHOOL, year: 2026, date: '2026-09-01', applied: false, promotedClasses: 3, graduatingClasses: 1, graduatingStudents: 2 });
  const byId = Object.fromEntries(p.data.classes.map((c: any) => [c.classId, c]));
  expect(byId['cls-simao-1-8-2']).toMatchObject({ action: 'promote', to: { grade: 9, name: '九年级（2）班' }, students: 5 });
  expect(byId['cls-simao-1-9-1']).toMatchObject({ action: 'graduate', students: 2 });
  expect(byId['cls-simao-1-9-old']).toBeUndefined(); // closed classes stay as they are
  // the preview wrote nothing
  expect((await classes())['cls-simao-1-8-2'].grade).toBe(8);

  const r = await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin });
  expect(r.ok).toBe(true);
  expect(r.data).toMatchObject({ alreadyApplied: false, promoted: 3, graduated: 1, students: 2 + 1 + 1 + 5, bindingsEnded: 1 });

  const c = await classes();
  expect(c['cls-simao-1-7-1']).toMatchObject({ grade: 8, name: '八年级（1）班', status: 'open' });
  expect(c['cls-simao-1-8-2']).toMatchObject({ grade: 9, name: '九年级（2）班', status: 'open' });
  expect(c['cls-simao-1-9-1']).toMatchObject({ grade: 9, name: '九年级1班', status: 'graduated', graduatedYear: 2026 });
  expect(c['cls-simao-1-9-old']).toMatchObject({ grade: 9, status: 'closed' });
  const s = await students();
  expect(s['stu-simao-1']).toMatchObject({ grade: 9, classId: 'cls-simao-1-8-2' });
  expect(s['stu-g9-1']).toMatchObject({ grade: 9, status: 'graduated' }); // kept, archived
  // the other school was not touched
  expect(c['cls-simao-2-5-1'].grade).toBe(5);
  expect(s['stu-p6-1'].status).toBe('active');

  // bindings: the graduate's guardian is refused on the next call; the promoted child's guardian is not
  expect(await h.store.collection('guardianships').find({ studentId: 'stu-g9-1' })).toEqual([]);
  expect((await h.call('screening.current', {}, { as: parentOfGraduate })).error?.code).toBe('FORBIDDEN');
  expect((await h.call('screening.current', {}, { as: parentOfStaying })).ok).toBe(true);
  // audited
  expect(await h.store.collection('audit').count({ action: 'rollover.apply', subjectId: SCHOOL })).toBe(1);
});

test('graduates stay on record but leave the roll: coverage denominators no longer count them', async () => {
  const coord = await h.as('DEMO-COORD');
  // the city's roll, the figure on the page that stays shown (a county's or a school's may be withheld: fewer than 5 somewhere)
  const eligible = async () => {
    const res = await h.call('commitment.coverage', { campaignId: 'dragon_boat-2026' }, { as: coord });
    expect(res.ok).toBe(true);
    expect(res.data.total.eligible).not.toBeNull();
    return res.data.total.eligible as number;
  };
  const before = await eligible();
  await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin });
  expect(await eligible()).toBe(before - 2); // 毕业生甲, 毕业生乙
  expect(await h.store.collection('students').count({ schoolId: SCHOOL, status: 'graduated' })).toBe(2);
});

test('a re-run changes nothing: by hand, by the scheduler on the date, and in a burst of parallel calls', async () => {
  const burst = await Promise.all(Array.from({ length: 10 }, () => h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin })));
  expect(burst.every((r) => r.ok)).toBe(true);
  const s1 = await students();
  expect(s1['stu-simao-1'].grade).toBe(9); // once, not ten times
  expect(s1['stu-g7-1'].grade).toBe(8);
  expect(burst.reduce((n, r) => n + r.data.students, 0)).toBe(9); // every child counted by exactly one call
  const before = await fingerprint();

  const again = await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin });
  expect(again.data).toMatchObject({ alreadyApplied: true, students: 0 });
  expect((await h.call('rollover.preview', { schoolId: SCHOOL }, { as: admin })).data).toMatchObject({ applied: true, classes: [] });

  // the scheduler: nothing before 1 September (China time); on the day it rolls the schools not yet done
  h.clock.set('2026-08-31T15:59:00Z');
  expect((await runScheduledJobs({ store: h.store, clock: h.clock })).rollover).toBeNull();
  h.clock.set('2026-08-31T16:00:00Z');
  // every other school of the demo city (schools are records, the demo seeds them all), each of its active children once
  const rest = await roll((x) => x !== SCHOOL);
  expect(rest.students).toBeGreaterThanOrEqual(2);
  expect((await runScheduledJobs({ store: h.store, clock: h.clock })).rollover).toEqual(rest);
  const s2 = await students();
  expect(s2['stu-simao-7'].grade).toBe(6); // the demo child of 五年级（1）班
  expect(s2['stu-simao-1'].grade).toBe(9); // the school done by hand is left alone
  expect(s2['stu-p6-1'].status).toBe('graduated');
  expect((await classes())['cls-simao-2-5-1']).toMatchObject({ grade: 6, name: '六年级（1）班' });
  const afterPass = await fingerprint();
  expect(afterPass).not.toBe(before);

  // later that autumn: a new intake class is made in its new grade; neither the scheduler nor an admin moves it
  await addClass('cls-simao-1-7-new', SCHOOL, 7, 2, '七年级（2）班');
  h.clock.set('2026-09-20T02:00:00Z');
  const coord = await h.as('DEMO-COORD-SIMAO');
  const withNew = await fingerprint();
  expect((await runScheduledJobs({ store: h.store, clock: h.clock })).rollover).toBeNull();
  expect((await h.call('rollover.apply', { schoolId: OTHER }, { as: coord })).data.alreadyApplied).toBe(true);
  expect(await fingerprint()).toBe(withNew);
});

test('a rollover cut short part-way finishes on the next run, moving each row exactly once', async () => {
  const school = (await schoolRecord(h.store, SCHOOL))!;
  // a store whose writes die after the 4th successful compare-and-set, like a kill -9 mid-run
  let writes = 0;
  const dying: Store = {
    ...h.store,
    collection<T extends Doc>(name: any): Collection<T> {
      const c = h.store.collection<T>(name);
      return {
        ...c,
        get: c.get.bind(c), find: c.find.bind(c), count: c.count.bind(c), insert: c.insert.bind(c), put: c.put.bind(c),
        remove: c.remove.bind(c), removeWhere: c.removeWhere.bind(c), update: c.update.bind(c), insertMany: c.insertMany.bind(c),
        async updateIf(id, where, patch) {
          if (++writes > 4) throw new Error('killed');
          return c.updateIf(id, where, patch);
        },
      };
    },
  };
  await expect(applyRollover(dying, h.clock, school, 'test')).rejects.toThrow('killed');
  expect(await h.store.collection('rollovers').count()).toBe(0); // no marker: not done
  const r = await applyRollover(h.store, h.clock, school, 'test');
  expect(r.alreadyApplied).toBe(false);
  const s = await students();
  for (const id of ['stu-simao-1', 'stu-simao-2', 'stu-simao-6']) expect(s[id].grade).toBe(9);
  expect(s['stu-g7-1'].grade).toBe(8);
  const c = await classes();
  expect([c['cls-simao-1-7-1'].grade, c['cls-simao-1-8-1'].grade, c['cls-simao-1-8-2'].grade]).toEqual([8, 9, 9]);
  expect(c['cls-simao-1-9-1'].status).toBe('graduated');
});

test('a rollover that dies just before its marker leaves its audit entry; the next run writes the marker and no second entry', async () => {
  const school = (await schoolRecord(h.store, SCHOOL))!;
  const dying: Store = {
    ...h.store,
    collection<T extends Doc>(name: any): Collection<T> {
      const c = h.store.collection<T>(name);
      if (name !== 'rollovers') return c;
      return { ...c, get: c.get.bind(c), find: c.find.bind(c), count: c.count.bind(c), insertMany: async () => { throw new Error('killed'); } };
    },
  };
  await expect(applyRollover(dying, h.clock, school, 'test')).rejects.toThrow('killed');
  expect(await h.store.collection('rollovers').count()).toBe(0);
  expect(await h.store.collection('audit').count({ action: 'rollover.apply', subjectId: SCHOOL })).toBe(1);
  const r = await applyRollover(h.store, h.clock, school, 'test');
  expect(r).toMatchObject({ alreadyApplied: false, students: 0 }); // every row moved on the first run
  expect(await h.store.collection('rollovers').count({ schoolId: SCHOOL })).toBe(1);
  expect(await h.store.collection('audit').count({ action: 'rollover.apply', subjectId: SCHOOL })).toBe(1);
});

test('the scheduler works within a time budget and the next runs continue, so the outbox is still delivered on the day', async () => {
  h.clock.set('2026-09-01T01:00:00Z');
  const runs: Array<{ partial?: boolean } | null> = [];
  const openClasses = await h.store.collection('classes').count({ status: 'open' });
  const all = await roll(() => true);
  for (let i = 0; i < openClasses + 5; i++) {
    const r = await runRollover({ store: h.store, clock: h.clock, budgetMs: 0 }); // one class per run
    runs.push(r);
    if (r && !r.partial) break;
  }
  // one open class per run, then a run that finds nothing left and ends the pass
  expect(runs.filter((r) => r?.partial)).toHaveLength(openClasses);
  expect(runs.reduce((n, r: any) => n + (r?.students ?? 0), 0)).toBe(all.students);
  expect(runs[runs.length - 1]).toEqual({ schools: 0, students: 0 });
  expect(await h.store.collection('rollovers').get('pass:2026')).not.toBeNull();
  expect(await runRollover({ store: h.store, clock: h.clock, budgetMs: 0 })).toBeNull();
  const s = await students();
  expect([s['stu-simao-1'].grade, s['stu-g7-1'].grade, s['stu-simao-7'].grade]).toEqual([9, 8, 6]);
  expect([s['stu-g9-1'].status, s['stu-p6-1'].status]).toEqual(['graduated', 'graduated']);
});

test('who may preview and apply, and when', async () => {
  // another school's admin, a teacher, another county's coordinator: no
  const otherAdmin = await h.asBinding({ role: 'school_admin', schoolId: OTHER });
  expect((await h.call('rollover.preview', { schoolId: SCHOOL }, { as: otherAdmin })).error?.code).toBe('FORBIDDEN');
  expect((await h.call('rollover.apply', { schoolId: SCHOOL }, { as: await h.as('DEMO-TEACHER') })).error?.code).toBe('FORBIDDEN');
  const ningerCoord = await h.asBinding({ role: 'coordinator', jurisdiction: 'ninger' });
  expect((await h.call('rollover.apply', { schoolId: SCHOOL }, { as: ningerCoord })).error?.code).toBe('FORBIDDEN');
  // the county's coordinator may; bad input is named
  expect((await h.call('rollover.preview', { schoolId: SCHOOL }, { as: await h.as('DEMO-COORD-SIMAO') })).ok).toBe(true);
  const bad = await h.call('rollover.preview', { schoolId: '../x' }, { as: admin });
  expect(bad.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/学校编号不对/) });
  // in spring the rollover is not open yet
  h.clock.set('2027-03-01T02:00:00Z');
  const early = await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin });
  expect(early.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2027-09-01') });
  expect((await students())['stu-simao-1'].grade).toBe(8);
  // the date is the city coordinator's to set
  expect((await h.call('rollover.setDate', { monthDay: '08-28' }, { as: await h.as('DEMO-COORD-SIMAO') })).error?.code).toBe('FORBIDDEN');
  expect((await h.call('rollover.setDate', { monthDay: '02-30' }, { as: await h.as('DEMO-COORD') })).error?.code).toBe('BAD_INPUT');
  expect((await h.call('rollover.setDate', { monthDay: '08-28' }, { as: await h.as('DEMO-COORD') })).ok).toBe(true);
  h.clock.set('2027-08-27T16:00:00Z'); // 28 August, China time
  const expected = await roll(() => true);
  expect((await runScheduledJobs({ store: h.store, clock: h.clock })).rollover).toEqual(expected);
});

test('a transfer moves the 一生一策 file to the new school\'s psychology teacher, and nothing else', async () => {
  const child = 'stu-simao-3';
  await addClass('cls-ninger-1-8-1', NEW_SCHOOL, 8, 1, '八年级（1）班');
  await h.store.collection('screening_files').put({ _id: child, studentId: child, schoolId: SCHOOL, status: 'watch', plan: '每周谈心一次', planUpdatedAt: 1, updatedAt: 1 });
  await h.store.collection('screening_file_events').put({ _id: 'ev1', studentId: child, schoolId: SCHOOL, kind: 'followup', at: 1, byUserId: 'u', byName: '陈静', text: '谈心' });
  await h.store.collection('screening_alerts').put({ _id: 'al-open', campaignId: 'cmp-x', studentId: child, schoolId: SCHOOL, countyId: 'simao', urgency: 'week', reasons: [], createdAt: 1, dueAt: 2, status: 'open', escalated: false });
  await h.store.collection('screening_alerts').put({ _id: 'al-done', campaignId: 'cmp-y', studentId: child, schoolId: SCHOOL, countyId: 'simao', urgency: 'week', reasons: [], createdAt: 1, dueAt: 2, status: 'acknowledged', escalated: false });
  await h.store.collection('screening_responses').put({ _id: `cmp-x:${child}`, campaignId: 'cmp-x', studentId: child, schoolId: SCHOOL, results: [], submittedAt: 1 });
  await h.store.collection('commitments').put({ _id: `hol:${child}:g`, campaignId: 'hol', studentId: child, userId: 'g', classId: 'cls-simao-1-8-2', schoolId: SCHOOL, signedAt: 1 });
  const guardian = await guardianOf(child, SCHOOL);
  const newPsy = await h.asBinding({ role: 'psych_teacher', schoolId: NEW_SCHOOL, displayName: '新心理老师' });
  const oldPsy = await h.as('DEMO-PSY');
  expect((await h.call('screening.file', { studentId: child }, { as: oldPsy })).ok).toBe(true);
  expect((await h.call('screening.file', { studentId: child }, { as: newPsy })).error?.code).toBe('FORBIDDEN');

  // not the teacher, not another school's admin, not a class of another school
  const input = { studentId: child, toSchoolId: NEW_SCHOOL, toClassId: 'cls-ninger-1-8-1' };
  expect((await h.call('student.transfer', input, { as: await h.as('DEMO-TEACHER') })).error?.code).toBe('FORBIDDEN');
  const otherAdmin = await h.asBinding({ role: 'school_admin', schoolId: OTHER });
  expect((await h.call('student.transfer', input, { as: otherAdmin })).error?.code).toBe('FORBIDDEN');
  expect((await h.call('student.transfer', { ...input, toClassId: 'cls-simao-2-5-1' }, { as: admin })).error?.code).toBe('NOT_FOUND');
  expect((await h.call('student.transfer', { ...input, toSchoolId: SCHOOL, toClassId: 'cls-simao-1-8-1' }, { as: admin })).error?.code).toBe('BAD_INPUT');
  expect((await h.store.collection('students').get(child))!.schoolId).toBe(SCHOOL);

  const r = await h.call('student.transfer', input, { as: admin });
  expect(r.ok).toBe(true);
  expect(r.data).toMatchObject({ fromSchoolId: SCHOOL, toSchoolId: NEW_SCHOOL, fileMoved: true, alertsMoved: 1 });
  expect(await h.store.collection('students').get(child)).toMatchObject({ schoolId: NEW_SCHOOL, classId: 'cls-ninger-1-8-1', grade: 8, transferredFrom: SCHOOL });

  // the file: the new psychology teacher reads it, the old one no longer can
  const file = await h.call('screening.file', { studentId: child }, { as: newPsy });
  expect(file.ok).toBe(true);
  expect(file.data).toMatchObject({ status: 'watch', plan: '每周谈心一次' });
  expect(file.data.followUps).toHaveLength(1);
  expect((await h.call('screening.file', { studentId: child }, { as: oldPsy })).error?.code).toBe('FORBIDDEN');
  // nobody else at the new school: its class teacher and safety officer are refused
  const newTeacher = await h.asBinding({ role: 'class_teacher', schoolId: NEW_SCHOOL, classId: 'cls-ninger-1-8-1' });
  expect((await h.call('screening.file', { studentId: child }, { as: newTeacher })).error?.code).toBe('FORBIDDEN');

  // what stays with the old school: answers, signatures, the handled alert
  expect((await h.store.collection('screening_responses').get(`cmp-x:${child}`))!.schoolId).toBe(SCHOOL);
  expect((await h.store.collection('commitments').get(`hol:${child}:g`))!.schoolId).toBe(SCHOOL);
  expect((await h.store.collection('screening_alerts').get('al-done'))!.schoolId).toBe(SCHOOL);
  expect((await h.store.collection('screening_alerts').get('al-open'))).toMatchObject({ schoolId: NEW_SCHOOL, countyId: 'ninger' });
  expect((await h.store.collection('screening_file_events').get('ev1'))!.schoolId).toBe(NEW_SCHOOL);
  // the guardian stays bound, now to the new school
  const g = await h.store.collection('users').get(guardian.userId!);
  expect((g as any).roles).toEqual([expect.objectContaining({ role: 'guardian', studentId: child, schoolId: NEW_SCHOOL })]);
  // audited; a second transfer of the same child by the old school's admin is refused (no longer theirs)
  expect(await h.store.collection('audit').count({ action: 'student.transfer', subjectId: child })).toBe(1);
  expect((await h.call('student.transfer', input, { as: admin })).error?.code).toBe('FORBIDDEN');
  // both refusals are in the audit log (the other school's admin earlier, this one now)
  expect(await h.store.collection('audit').count({ action: 'student.transfer.denied', subjectId: child })).toBe(2);
});

test('after the rollover, this year\'s new first-years land in a new class, never in last year\'s promoted or graduated one', async () => {
  expect((await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin })).ok).toBe(true);
  h.clock.set(Date.parse('2026-09-02T02:00:00Z'));
  // 七年级（1）班 moved up to 八年级 under its old id; 九年级1班 graduated under its
  const rows: Cell[][] = [
    [1, '新生甲', 'G5308022014010101', '男', '2014-01-01', '七年级', '1班', '', '', '', '', '', '', ''],
    [2, '新生乙', 'G5308022014020202', '女', '2014-02-02', '九年级', '1班', '', '', '', '', '', '', ''],
  ];
  const fileId = (await saveSheet(h.store, h.blobs, csvUtf8(rows), 'new.csv', admin.userId!, h.clock)).fileId;
  const r = await h.call('roster.import', { schoolId: SCHOOL, fileId, dryRun: false }, { as: admin });
  expect(r.ok).toBe(true);
  expect(r.data).toMatchObject({ created: 2, errors: [] });
  const s = Object.values(await students()).filter((x: any) => x.name.startsWith('新生'));
  const c = await classes();
  const classOf = (name: string) => c[(s.find((x: any) => x.name === name) as any).classId];
  expect(classOf('新生甲')).toMatchObject({ grade: 7, number: 1, status: 'open' });
  expect(classOf('新生甲')._id).not.toBe('cls-simao-1-7-1');
  expect(c['cls-simao-1-7-1']).toMatchObject({ grade: 8, status: 'open' }); // last year's class, untouched
  expect(classOf('新生乙')).toMatchObject({ grade: 9, number: 1, status: 'open' });
  expect(classOf('新生乙')._id).not.toBe('cls-simao-1-9-1');
  // the workbench's 新增班级 picks a fresh id the same way, and refuses a second open class of that grade and number
  // (八年级（2）班's plain id now belongs to the class that moved up to 九年级)
  const added = await h.call('class.add', { schoolId: SCHOOL, grade: 8, number: 2 }, { as: admin });
  expect(added.ok).toBe(true);
  expect(added.data.id).toBe('cls-simao-1-8-2-y2026');
  expect(c['cls-simao-1-8-2']).toMatchObject({ grade: 9, status: 'open' });
  expect((await h.call('class.add', { schoolId: SCHOOL, grade: 7, number: 1 }, { as: admin })).error?.code).toBe('CONFLICT');
});

test('a demo first started after this year\'s move-up date keeps its grades: the scheduler does not move the demo children up (seed.ts)', async () => {
  const demo = await makeHarness('2026-12-05T02:00:00Z');
  try {
    await runScheduledJobs({ store: demo.store, clock: demo.clock });
    expect(await runRollover({ store: demo.store, clock: demo.clock })).toBeNull();
    expect((await demo.store.collection<{ _id: string; grade: number }>('students').get('stu-simao-1'))?.grade).toBe(8);
    // so the psychology teacher's 八年级 demo screening still has its students
    const rows = (await demo.call('screening.results', { campaignId: 'cmp-demo-simao-1' }, { as: await demo.as('DEMO-PSY') })).data.rows;
    expect(rows.map((r: { studentId: string }) => r.studentId)).toContain('stu-simao-1');
  } finally { await demo.close(); }
});

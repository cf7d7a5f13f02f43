/**
 * The desk's class rolls follow the roster (targets/directory.ts): after a
 * roster import, a class renamed, the year's rollover (by hand and by the
 * scheduler) and a transfer, every roll row equals a recount from the
 * students (children still at school only), the desk's screening denominators
 * (targets.detail) equal that recount wherever they are shown, and classes
 * carry their recorded names.
 */
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { runRollover } from '../../src/cloud/handlers/rollover/shared';
import { saveSheet } from '../../src/cloud/media/sheets';
import { ok } from '../fixtures/reports';
import { xlsx, type Cell } from '../fixtures/roster';
import { makeHarness, rid, type Harness } from './harness';

const SCHOOL = 'sch-simao-1';
const OTHER = 'sch-simao-2';
let h: Harness;
let admin: CallerIdentity;
let coord: CallerIdentity;

beforeEach(async () => {
  h = await makeHarness('2026-08-20T02:00:00Z'); // the summer holiday: the rollover may be applied early
  admin = await h.as('DEMO-SCHOOL-ADMIN');
  coord = await h.as('DEMO-COORD-SIMAO');
});
afterEach(() => h.close());

/** A sheet of `n` pupils per [grade, class number], numbered from `from`. */
function sheet(groups: Array<[number, number, number]>, from = 1): Cell[][] {
  const rows: Cell[][] = [];
  let k = from;
  for (const [grade, number, n] of groups) {
    for (let i = 0; i < n; i++, k++) {
      const birthYear = 2026 - grade - 6;
      rows.push([k, `学生${k}`, `G53080220${String(k).padStart(8, '0')}`, k % 2 ? '男' : '女', `${birthYear}-03-0${(k % 9) + 1}`, `${grade}`, `${number}班`, '', '', '', `家长${k}`, '母亲', '', '']);
    }
  }
  return rows;
}

async function importSheet(rows: Cell[][], schoolId = SCHOOL, who = admin) {
  const fileId = (await saveSheet(h.store, h.blobs, await xlsx(rows), 'roster.xlsx', who.userId!, h.clock)).fileId;
  return ok(await h.call('roster.import', { schoolId, fileId, dryRun: false }, { as: who }));
}

/** Children still at school per class, straight from the students. */
async function recount() {
  const byClass: Record<string, number> = {};
  const bySchool: Record<string, number> = {};
  for (const s of await h.store.collection<any>('students').find({})) {
    if ((s.status ?? 'active') !== 'active') continue;
    byClass[s.classId] = (byClass[s.classId] ?? 0) + 1;
    bySchool[s.schoolId] = (bySchool[s.schoolId] ?? 0) + 1;
  }
  return { byClass, bySchool };
}

/** The rolls as stored, and the desk's screening denominators for the county (per school) and for each school (per class). */
async function desk(schools: string[]) {
  const rolls = await h.store.collection<any>('class_rolls').find({});
  const byClass = Object.fromEntries(rolls.filter((r) => r.level === 'class').map((r) => [r._id, r.n]));
  const bySchool = Object.fromEntries(rolls.filter((r) => r.level === 'school').map((r) => [r.schoolId, r.n]));
  const county = ok(await h.call('targets.detail', { id: 'screening' }, { as: coord }));
  const classes: Record<string, any[]> = {};
  for (const id of schools) classes[id] = ok(await h.call('targets.detail', { id: 'screening', schoolId: id }, { as: coord })).rows;
  return { byClass, bySchool, county, classes };
}

async function expectRollsFollowStudents(schools: string[]) {
  const truth = await recount();
  const d = await desk(schools);
  expect(d.byClass).toEqual(truth.byClass);
  expect(d.bySchool).toEqual(truth.bySchool);
  // the desk's denominators: each shown total equals the recount (withheld ones are "<5"), and some are shown
  const shownSchools = d.county.rows.filter((r: any) => r.total !== null);
  expect(shownSchools.length).toBeGreaterThan(0);
  for (const r of shownSchools) expect(r.total).toBe(truth.bySchool[r.id] ?? 0);
  for (const id of schools) {
    const shown = d.classes[id].filter((r: any) => r.total !== null);
    for (const r of shown) expect(r.total).toBe(truth.byClass[r.id]);
    // no class of the desk without children on its roll (a graduated class has no row)
    for (const r of d.classes[id]) expect(truth.byClass[r.id]).toBeGreaterThan(0);
  }
  return d;
}

const recordedName = async (classId: string) => ((await h.store.collection<any>('classes').get(classId)) as any)?.name;

test('a roster import, a class renamed, the rollover (by hand and by the scheduler) and a transfer: the rolls equal a recount each time', async () => {
  // 1. the rosters: 12 in 七年级1班, 9 in 八年级3班 (a new class), 10 in 九年级1班; the other school's 五、六年级
  // (its 六年级 graduates this summer). Before the import the other school has one child: "<5", and so its complements.
  const imported = await importSheet(sheet([[7, 1, 12], [8, 3, 9], [9, 1, 10]]));
  expect(imported.errors).toEqual([]);
  expect(imported.created).toBe(31);
  const truth = await recount();
  expect((await desk([])).bySchool).toEqual(truth.bySchool);
  await importSheet(sheet([[5, 1, 8], [6, 1, 7]], 100), OTHER, await h.asBinding({ role: 'school_admin', schoolId: OTHER }));
  let d = await expectRollsFollowStudents([SCHOOL, OTHER]);
  expect(d.county.rows.find((r: any) => r.id === SCHOOL).total).toBe(37); // 31 imported and the demo's 6
  const g83 = (await h.store.collection<any>('classes').find({ schoolId: SCHOOL })).find((c: any) => c.grade === 8 && c.number === 3)._id;
  expect(d.classes[SCHOOL].find((r: any) => r.id === g83)?.name).toBe('八年级（3）班');

  // 2. a class renamed in the workbench: the desk shows its new name at once
  ok(await h.call('class.update', { classId: g83, name: '八年级（3）班（科技班）' }, { as: admin }));
  d = await expectRollsFollowStudents([SCHOOL]);
  expect(d.classes[SCHOOL].find((r: any) => r.id === g83)?.name).toBe('八年级（3）班（科技班）');

  // 3. the school admin applies the rollover: 九年级 graduates leave the roll, the others move up under new names
  const g91 = (await h.store.collection<any>('classes').find({ schoolId: SCHOOL })).find((c: any) => c.grade === 9 && c.number === 1)._id;
  ok(await h.call('rollover.apply', { schoolId: SCHOOL }, { as: admin }));
  d = await expectRollsFollowStudents([SCHOOL, OTHER]);
  expect(d.byClass[g91]).toBeUndefined();
  expect(d.classes[SCHOOL].some((r: any) => r.id === g91)).toBe(false);
  for (const r of d.classes[SCHOOL]) expect(r.name).toBe(await recordedName(r.id));
  expect(d.bySchool[SCHOOL]).toBe((await recount()).bySchool[SCHOOL]);

  // 4. the scheduler's pass on the day does the other school
  h.clock.set('2026-08-31T16:30:00Z'); // 1 September, China time
  expect(await runRollover({ store: h.store, clock: h.clock })).toMatchObject({ schools: expect.any(Number) });
  expect(await h.store.collection('students').count({ schoolId: OTHER, status: 'graduated' })).toBe(7);
  d = await expectRollsFollowStudents([SCHOOL, OTHER]);
  expect(d.bySchool[OTHER]).toBe(9); // the 8 imported 五年级 and the demo's 五年级 child

  // 5. a transfer: both schools' rolls follow in the same request
  const child = (await h.store.collection<any>('students').find({ schoolId: SCHOOL, status: 'active' })).find((s: any) => s.studentNo)!;
  const to = (await h.store.collection<any>('classes').find({ schoolId: OTHER, status: 'open' }))[0];
  const before = await recount();
  ok(await h.call('student.transfer', { studentId: child._id, toSchoolId: OTHER, toClassId: to._id }, { as: admin, requestId: rid() }));
  d = await expectRollsFollowStudents([SCHOOL, OTHER]);
  expect(d.bySchool[SCHOOL]).toBe(before.bySchool[SCHOOL] - 1);
  expect(d.bySchool[OTHER]).toBe(before.bySchool[OTHER] + 1);
});

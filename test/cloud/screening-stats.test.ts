/**
 * Coverage and band distribution on a generated school (思茅区南屏镇九年一贯制学校),
 * built through the real actions so every number below can be worked out by hand:
 *
 *  7年级（1）班: 20 students aged 14+ (no consent needed); 15 answer:
 *                7 all calm (PHQ-A 0), 3 mild (PHQ-A 5), 5 moderately severe (PHQ-A 16); 5 not yet.
 *  8年级（1）班: 10 students aged 13; guardians: 4 agree, 2 decline, 4 not yet; 3 of the 4 answer (calm).
 */
import { makeHarness, type Harness } from './harness';
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { expectKindError, ok } from '../fixtures/reports';
import { calm } from '../fixtures/screening';

const SCHOOL = 'sch-simao-3';
let h: Harness;
let campaignId: string;
let coord: Awaited<ReturnType<Harness['as']>>;

const phq = (total: number) => {
  const a: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= 9; i++) { const v = i === 9 ? 0 : Math.min(2, left); a[`q${i}`] = v; left -= v; }
  return { ...calm(), 'phq-a': a };
};

beforeAll(async () => {
  h = await makeHarness('2026-11-28T02:00:00Z');
  const students = h.store.collection('students');
  const make = async (cls: string, grade: number, n: number, birthDate: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `stu-gen-${grade}-${i}`;
      await students.put({ _id: id, id, name: `学生${grade}-${i}`, schoolId: SCHOOL, classId: cls, grade, birthDate });
      ids.push(id);
    }
    return ids;
  };
  const g7 = await make('cls-simao-3-7-1', 7, 20, '2012-01-01');
  const g8 = await make('cls-simao-3-8-1', 8, 10, '2013-06-01');
  await rebuildClassRolls(h.store, [SCHOOL]); // the roster changed: the desk's class rolls follow (as a roster import does)
  coord = await h.as('DEMO-COORD-SIMAO');
  campaignId = ok(await h.call('campaign.create', {
    name: '南屏镇学校心理筛查', schoolYear: '2026-2027', semester: 1, instrumentIds: ['phq-a', 'gad-7', 'asq'], grades: [7, 8],
    schoolIds: [SCHOOL], opensOn: '2026-11-28', closesOn: '2026-12-10',
    consentText: '区教育体育局将组织七、八年级同学完成心理健康筛查，结果只有学校心理老师能看到。',
  }, { as: coord })).id;
  // each child's guardian answers in the app
  for (let i = 0; i < 6; i++) {
    const g = await h.asBinding({ role: 'guardian', schoolId: SCHOOL, studentId: g8[i], guardianName: `家长${i}`, relation: '母亲' });
    await h.store.collection('guardianships').put({ _id: `${g.userId}:${g8[i]}`, userId: g.userId, studentId: g8[i] });
    ok(await h.call('screening.consent', { campaignId, studentId: g8[i], agree: i < 4 }, { as: g }));
  }
  const answer = async (id: string, cls: string, answers: unknown) => {
    const who = await h.asBinding({ role: 'student', schoolId: SCHOOL, classId: cls, studentId: id });
    ok(await h.call('screening.submit', { campaignId, answers }, { as: who }));
  };
  for (let i = 0; i < 15; i++) await answer(g7[i], 'cls-simao-3-7-1', i < 7 ? calm() : i < 10 ? phq(5) : phq(16));
  for (let i = 0; i < 3; i++) await answer(g8[i], 'cls-simao-3-8-1', calm());
});
afterAll(async () => { await h.close(); });

test('coverage per class, school, county and the whole area: exact for the school\'s psychology teacher', async () => {
  const psy = await h.asBinding({ role: 'psych_teacher', schoolId: SCHOOL });
  const s = ok(await h.call('screening.stats', { campaignId }, { as: psy }));
  const byClass = Object.fromEntries(s.byClass.map((c: any) => [c.classId, c]));
  expect(byClass['cls-simao-3-7-1']).toMatchObject({ eligible: 20, finished: 15, awaitingConsent: 0, declined: 0 });
  expect(byClass['cls-simao-3-8-1']).toMatchObject({ eligible: 10, finished: 3, awaitingConsent: 4, declined: 2 });
  expect(s.bySchool).toEqual([expect.objectContaining({ schoolId: SCHOOL, eligible: 30, finished: 18, awaitingConsent: 4, declined: 2 })]);
  expect(s.byCounty).toEqual([expect.objectContaining({ countyId: 'simao', eligible: 30, finished: 18 })]);
  expect(s.total).toEqual({ eligible: 30, finished: 18, awaitingConsent: 4, declined: 2 });
});

test('a coordinator: the same figures where 5 children or more stand behind them and nothing can be worked out; 不显示 elsewhere', async () => {
  const psy = await h.asBinding({ role: 'psych_teacher', schoolId: SCHOOL });
  const exact = ok(await h.call('screening.stats', { campaignId }, { as: psy }));
  const s = ok(await h.call('screening.stats', { campaignId }, { as: coord }));
  const FIELDS = ['eligible', 'finished', 'awaitingConsent', 'declined'] as const;
  const rows = (x: any) => [x.total, ...x.byCounty, ...x.bySchool, ...x.byClass];
  rows(s).forEach((row: any, i: number) => {
    for (const f of FIELDS) {
      if (row[f] !== null) expect([f, row[f]]).toEqual([f, rows(exact)[i][f]]);
      if (row[f] !== null) expect(row[f] === 0 || row[f] >= 5).toBe(true);
    }
  });
  const byClass = Object.fromEntries(s.byClass.map((c: any) => [c.classId, c]));
  // 8年级: 3 finished, 4 awaiting, 2 declined, 1 not yet: none shown, only the class's 10
  expect(byClass['cls-simao-3-8-1']).toMatchObject({ eligible: 10, finished: null, awaitingConsent: null, declined: null });
  // and 7年级's 15 finished goes with them: the school's 18 minus 15 would be 8年级's 3
  expect(byClass['cls-simao-3-7-1']).toMatchObject({ eligible: 20, finished: null });
  expect(s.total).toEqual({ eligible: 30, finished: 18, awaitingConsent: null, declined: null });
  // the city coordinator's page shows the same; another county's coordinator sees nothing of it
  expect(ok(await h.call('screening.stats', { campaignId }, { as: await h.as('DEMO-COORD') })).total).toEqual(s.total);
  const ninger = await h.asBinding({ role: 'coordinator', jurisdiction: 'ninger' });
  expectKindError(await h.call('screening.stats', { campaignId }, { as: ninger }), 'FORBIDDEN');
});

test('band distribution per county and grade, cells under 5 suppressed', async () => {
  const s = ok(await h.call('screening.stats', { campaignId }, { as: coord }));
  const row = (grade: number, inst: string) => s.bands.find((b: any) => b.grade === grade && b.instrumentId === inst);
  const counts = (r: any) => Object.fromEntries(r.bands.map((b: any) => [b.key, b.count]));
  expect(row(7, 'phq-a').n).toBe(15);
  // 7 minimal, 3 mild (withheld), 5 moderately severe: with the 15 shown, the 3 would be 15 - 7 - 5, so the 5 is
  // withheld with it (a partner that holds children: a 0 would leave it 3); zeros stay zero
  expect(counts(row(7, 'phq-a'))).toEqual({ minimal: 7, mild: null, moderate: 0, moderately_severe: null, severe: 0 });
  expect(counts(row(7, 'asq'))).toEqual({ negative: 15, positive: 0, acute: 0 });
  // grade 8: three answers — the whole row is withheld
  expect(row(8, 'phq-a').n).toBeNull();
  expect(counts(row(8, 'phq-a'))).toEqual({ minimal: null, mild: null, moderate: null, moderately_severe: null, severe: null });
  expect(s.suppressBelow).toBe(5);
});

test('trend across semesters: finished and answers needing attention, withheld under 5', async () => {
  const s = ok(await h.call('screening.stats', { campaignId }, { as: coord }));
  const mine = s.trend.find((t: any) => t.campaignId === campaignId);
  // 5 moderately severe (level 3) of 18 finished
  expect(mine).toMatchObject({ finished: 18, needAttention: 5, semester: 1 });
  // the demo campaign at the demo school: nobody answered yet
  expect(s.trend.find((t: any) => t.campaignId === 'cmp-demo-simao-1')).toMatchObject({ finished: 0, needAttention: 0 });
});

test('classes by grade, then by name read with its numbers (the rolls came back 八年级（2）班 first)', async () => {
  const psy = await h.asBinding({ role: 'psych_teacher', schoolId: 'sch-simao-1' });
  const s = ok(await h.call('screening.stats', { campaignId: 'cmp-demo-simao-1' }, { as: psy }));
  expect(s.byClass.map((c: any) => c.name)).toEqual(['八年级（1）班', '八年级（2）班']);
  const mine = ok(await h.call('screening.stats', { campaignId }, { as: coord }));
  expect(mine.byClass.map((c: any) => c.classId)).toEqual(['cls-simao-3-7-1', 'cls-simao-3-8-1']);
});

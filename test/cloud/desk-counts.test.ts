/**
 * The desk's counters (core/tally.ts, kept by screening.submit, screening.consent,
 * lesson.complete, lesson.classSession and report filing) against a full
 * recount from the records: after parallel bursts, replays under the same and
 * new request ids, consent changed back and forth at once, and a call that
 * died between its marker and its counters.
 */
import { markId, repairTallies, tally, TALLY_GRACE_MS, type TallyRow } from '../../src/cloud/core/tally';
import { recountFromRecords } from '../../src/cloud/handlers/targets/counts';
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { bullying, freshAnonymous, ok } from '../fixtures/reports';
import { calm } from '../fixtures/screening';
import { makeHarness, rid, type Harness } from './harness';

const SCHOOL = 'sch-simao-3';
let h: Harness;
let campaignId: string;
let g7: string[];
let g8: string[];

beforeEach(async () => {
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
  g7 = await make('cls-simao-3-7-1', 7, 12, '2012-01-01');
  g8 = await make('cls-simao-3-8-1', 8, 8, '2013-06-01');
  await rebuildClassRolls(h.store, [SCHOOL]);
  campaignId = ok(await h.call('campaign.create', {
    name: '南屏镇学校心理筛查', schoolYear: '2026-2027', semester: 1, instrumentIds: ['phq-a', 'gad-7', 'asq'], grades: [7, 8],
    schoolIds: [SCHOOL], opensOn: '2026-11-28', closesOn: '2026-12-10', consentText: '区教育体育局将组织七、八年级同学完成心理健康筛查，结果只有学校心理老师能看到。',
  }, { as: await h.as('DEMO-COORD-SIMAO') })).id;
});
afterEach(() => h.close());

/** The live counters with a non-zero count, as id → n. */
async function live() {
  const rows = await h.store.collection<TallyRow>('tallies').find({});
  return Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [r._id, r.n] as [string, number]).sort());
}
async function reference() {
  const { rows } = await recountFromRecords(h.store);
  return Object.fromEntries(rows.map((r) => [r._id, r.n] as [string, number]).sort());
}

const student = (id: string, cls: string) => h.asBinding({ role: 'student', schoolId: SCHOOL, classId: cls, studentId: id });
/**
 * A linked guardian of the child: only a guardian consents in the app (screening.consent, issue 16), with
 * the guardianship link redeem writes. (The psychology teacher records paper forms, with evidence, apart.)
 */
async function guardianOf(studentId: string) {
  const who = await h.asBinding({ role: 'guardian', schoolId: SCHOOL, studentId, guardianName: '家长', relation: '母亲' });
  await h.store.collection('guardianships').put({ _id: `${who.userId}:${studentId}`, userId: who.userId, studentId, since: h.clock.now().getTime(), name: '家长', relation: '母亲', via: 'demo' });
  return who;
}

test('bursts and replays of submissions, consents flipped in parallel, lessons and reports: counters equal a recount', async () => {
  const guardians = await Promise.all(g8.map(guardianOf));
  // consents for the under-14 class: each flipped agree/decline/agree by parallel calls of the child's guardian, some replayed
  await Promise.all(g8.map(async (id, i) => {
    const req = rid();
    const as = guardians[i];
    await Promise.all([
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 3 !== 0 }, { as, requestId: req }),
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 3 !== 0 }, { as, requestId: req }),
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 2 === 0 }, { as }),
    ]);
  }));
  // settle every consent to a known state, one call each
  for (const [i, id] of g8.entries()) ok(await h.call('screening.consent', { campaignId, studentId: id, agree: i < 5 }, { as: guardians[i] }));
  // submissions: every 14+ student three times at once (two sharing a request id), the consenting under-14s too
  const answerers = [...g7.map((id) => [id, 'cls-simao-3-7-1']), ...g8.slice(0, 5).map((id) => [id, 'cls-simao-3-8-1'])];
  await Promise.all(answerers.map(async ([id, cls]) => {
    const who = await student(id, cls);
    const req = rid();
    const answers = calm();
    await Promise.all([
      h.call('screening.submit', { campaignId, answers }, { as: who, requestId: req }),
      h.call('screening.submit', { campaignId, answers }, { as: who, requestId: req }),
      h.call('screening.submit', { campaignId, answers }, { as: who }),
    ]);
  }));
  // the mental-health lesson by the 7th graders, in parallel and again
  const mental = 'mental.junior';
  const full = ok(await h.call('lesson.get', { id: mental }));
  const answers = full.quiz.map((q: any) => q.answer ?? 0);
  await Promise.all(g7.flatMap((id) => [1, 2].map(async () => h.call('lesson.complete', { id: mental, answers }, { as: await student(id, 'cls-simao-3-7-1') }))));
  // reports in parallel
  await Promise.all(Array.from({ length: 6 }, () => h.call('report.submit', bullying(), { as: freshAnonymous() })));
  expect(await h.store.collection('cases').count({})).toBeGreaterThanOrEqual(6);

  const counters = await live();
  expect(counters).toEqual(await reference());
  // and the numbers are the ones the writes imply
  expect(counters[`scr_done|${campaignId}|cls-simao-3-7-1|yes`]).toBe(12);
  expect(counters[`scr_done|${campaignId}|cls-simao-3-8-1|yes`]).toBe(5);
  expect(counters[`scr_year|2026-2027|cls-simao-3-8-1|yes`]).toBe(5);
  expect(counters[`scr_consent|${campaignId}|cls-simao-3-8-1|given`]).toBe(5);
  expect(counters[`scr_consent|${campaignId}|cls-simao-3-8-1|declined`]).toBe(3);
  expect(counters['mh_lesson|2026-2027-1|cls-simao-3-7-1|yes']).toBe(12);
  expect(Object.entries(counters).filter(([k]) => k.startsWith('case|2026-11|')).reduce((s, [, n]) => s + n, 0))
    .toBe(await h.store.collection('cases').count({}));
});

test('a call that died between its marker and its counters is repaired by recount after the grace, and only then', async () => {
  const now = h.clock.now().getTime();
  const place = { bucket: 'cls-simao-3-7-1', classId: 'cls-simao-3-7-1', schoolId: SCHOOL, countyId: 'simao' };
  // five counted normally, the sixth dies after its marker
  for (let i = 0; i < 5; i++) await tally(h.store, { kind: 'mh_lesson', period: '2026-2027-1', subject: g7[i], place, state: 'yes', at: now, once: true });
  await tally(h.store, { kind: 'mh_lesson', period: '2026-2027-1', subject: g7[5], place, state: 'yes', at: now, once: true }, true);
  const id = 'mh_lesson|2026-2027-1|cls-simao-3-7-1|yes';
  expect((await live())[id]).toBe(5);
  expect((await h.store.collection('tally_marks').get(markId('mh_lesson', '2026-2027-1', g7[5])))?.counted).toBe(false);
  // a replay of the dead call finds its marker and adds nothing (no double count)
  await tally(h.store, { kind: 'mh_lesson', period: '2026-2027-1', subject: g7[5], place, state: 'yes', at: now, once: true });
  expect((await live())[id]).toBe(5);
  // too early: a live call may still be counting
  await repairTallies(h.store, now + 60_000);
  expect((await live())[id]).toBe(5);
  await repairTallies(h.store, now + TALLY_GRACE_MS + 1);
  expect((await live())[id]).toBe(6);
  // a second repair finds nothing to do
  expect(await repairTallies(h.store, now + 2 * TALLY_GRACE_MS)).toBe(0);
  expect((await live())[id]).toBe(6);
});

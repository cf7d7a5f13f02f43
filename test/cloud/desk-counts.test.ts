/**
 * The desk's counters (core/tally.ts, kept by screening.submit, screening.consent,
 * screening.paperConsent, lesson.complete (students and guardians),
 * lesson.classSession and its undo, and report filing) against a full recount
 * from the records: after parallel bursts, replays under the same and new
 * request ids, consent changed back and forth at once, paper forms and
 * withdrawals, consent terms changed, absentees, undone sessions, and calls
 * that died between their marker and their counters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markId, repairTallies, tally, TALLY_GRACE_MS, untally, type TallyRow } from '../../src/cloud/core/tally';
import { saveUpload } from '../../src/cloud/media/uploads';
import { recountFromRecords } from '../../src/cloud/handlers/targets/counts';
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { bullying, expectKindError, freshAnonymous, ok } from '../fixtures/reports';
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

/** A linked guardian of the child (consent is a linked guardian's: screening.consent). */
async function guardianOf(studentId: string, name = '家长') {
  const g = await h.asBinding({ role: 'guardian', schoolId: SCHOOL, studentId, guardianName: name, relation: '母亲' });
  await h.store.collection('guardianships').put({ _id: `${g.userId}:${studentId}`, userId: g.userId, studentId });
  return g;
}

test('bursts and replays of submissions, consents flipped in parallel, lessons and reports: counters equal a recount', async () => {
  const guardians = await Promise.all(g8.map((id) => guardianOf(id)));
  // consents for the under-14 class: each flipped agree/decline/agree by parallel calls, some replayed
  await Promise.all(g8.map(async (id, i) => {
    const req = rid();
    await Promise.all([
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 3 !== 0 }, { as: guardians[i], requestId: req }),
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 3 !== 0 }, { as: guardians[i], requestId: req }),
      h.call('screening.consent', { campaignId, studentId: id, agree: i % 2 === 0 }, { as: guardians[i] }),
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
  // a consent's counted state names the consent terms' version it answered (targets/counts.ts)
  expect(counters[`scr_consent|${campaignId}|cls-simao-3-8-1|given@v1`]).toBe(5);
  expect(counters[`scr_consent|${campaignId}|cls-simao-3-8-1|declined@v1`]).toBe(3);
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

/* ------------------------------------------------------------------------ */
/* Paper forms, withdrawals and changed consent terms.                        */

const CLASS8 = 'cls-simao-3-8-1';
const CLASS7 = 'cls-simao-3-7-1';
const photo = async () => (await saveUpload(h.store, h.blobs, readFileSync(path.join(__dirname, '../fixtures/gps.jpg')), h.clock)).fileId;
const consentCount = async (state: 'given' | 'declined', version = 1) => (await live())[`scr_consent|${campaignId}|${CLASS8}|${state}@v${version}`] ?? 0;
/** The desk's screening row of the under-14 class, before suppression (the class is 8 children: nothing withheld at 0 or ≥ 5). */
const deskRow = async () => {
  const { classCounts } = await import('../../src/cloud/handlers/targets/metrics');
  const { deskDirectoryFromStore } = await import('../../src/cloud/handlers/targets/directory');
  const rows = await classCounts(h.store, await deskDirectoryFromStore(h.store), 'screening', [SCHOOL], '2026-2027', '2026-11');
  return rows.find((r) => r.classId === CLASS8)!.parts;
};

test('paper forms count like answers in the app; withdrawals move given to declined; bursts and replays of both equal a recount', async () => {
  const psy = await h.asBinding({ role: 'psych_teacher', schoolId: SCHOOL, displayName: '心理老师' });
  const guardians = await Promise.all(g8.map((id) => guardianOf(id, `家长${id.slice(-1)}`)));
  // the roster names each child's guardian (a paper form must match it)
  for (const id of g8) await h.store.collection('roster_guardians').put({ _id: `${id}:1`, studentId: id, schoolId: SCHOOL, name: `家长${id.slice(-1)}`, relation: '母亲' });
  const forms = await Promise.all(g8.map(() => photo()));
  const paper = (i: number) => ({ campaignId, studentId: g8[i], guardianName: `家长${g8[i].slice(-1)}`, formDate: '2026-11-28', photoId: forms[i] });
  // every form entered three times at once (two under one request id), as a flaky network would
  await Promise.all(g8.map(async (_, i) => {
    const req = rid();
    const all = await Promise.all([
      h.call('screening.paperConsent', paper(i), { as: psy, requestId: req }),
      h.call('screening.paperConsent', paper(i), { as: psy, requestId: req }),
      h.call('screening.paperConsent', paper(i), { as: psy }),
    ]);
    expect(all.some((x) => x.ok)).toBe(true);
  }));
  expect(await consentCount('given')).toBe(8);
  expect(await live()).toEqual(await reference());
  expect(await deskRow()).toMatchObject({ awaitingConsent: 0, declined: 0 });

  // three guardians withdraw, each racing a replay of the psychology teacher's entry; then the withdrawal again
  await Promise.all([0, 1, 2].map(async (i) => {
    await Promise.all([
      h.call('screening.consent', { campaignId, studentId: g8[i], agree: false }, { as: guardians[i] }),
      h.call('screening.paperConsent', paper(i), { as: psy }),
    ]);
    ok(await h.call('screening.consent', { campaignId, studentId: g8[i], agree: false }, { as: guardians[i] }));
  }));
  expect(await consentCount('given')).toBe(5);
  expect(await consentCount('declined')).toBe(3);
  expect(await live()).toEqual(await reference());
  // the records agree with the counters: the latest answer of each child
  const records = await h.store.collection<any>('screening_consents').find({ campaignId });
  expect(records.filter((c) => c.agree).length).toBe(5);
  expect(await deskRow()).toMatchObject({ declined: 3, awaitingConsent: 0 });
  // a withdrawn form cannot be entered again: nothing moves
  expectKindError(await h.call('screening.paperConsent', paper(0), { as: psy }), 'CONFLICT');
  expect(await consentCount('declined')).toBe(3);
});

test('changed consent terms: every earlier answer (app or paper) is awaiting again at once, and answers to the new terms count', async () => {
  const guardians = await Promise.all(g8.map((id) => guardianOf(id)));
  for (const [i, id] of g8.entries()) ok(await h.call('screening.consent', { campaignId, studentId: id, agree: i < 6 }, { as: guardians[i] }));
  expect(await deskRow()).toMatchObject({ awaitingConsent: 0, declined: 2 });
  const coord = await h.as('DEMO-COORD-SIMAO');
  // the school's psychology teacher reads the exact figures; the coordinator is not shown the 2 who declined
  const psy = await h.asBinding({ role: 'psych_teacher', schoolId: SCHOOL, displayName: '心理老师' });
  const statsBefore = ok(await h.call('screening.stats', { campaignId }, { as: psy })).byClass.find((c: any) => c.classId === CLASS8);
  expect(statsBefore).toMatchObject({ awaitingConsent: 0, declined: 2 });
  expect(ok(await h.call('screening.stats', { campaignId }, { as: coord })).byClass.find((c: any) => c.classId === CLASS8).declined).toBeNull();
  h.clock.advance(3600_000);
  const changed = ok(await h.call('campaign.update', { id: campaignId, consentText: '区教育体育局将组织七、八年级同学完成心理健康筛查，结果只有学校心理老师和班主任能看到。' }, { as: coord }));
  expect(changed).toMatchObject({ termsChanged: true, consentVersion: 2 });
  // nothing was rewritten, and the counters still equal the recount; the readers count only version 2
  expect(await live()).toEqual(await reference());
  expect(await deskRow()).toMatchObject({ awaitingConsent: 8, declined: 0 });
  const statsAfter = ok(await h.call('screening.stats', { campaignId }, { as: psy })).byClass.find((c: any) => c.classId === CLASS8);
  expect(statsAfter).toMatchObject({ awaitingConsent: 8, declined: 0 });
  // the same as the children's own state says (consentState with the campaign's version)
  const { consentState } = await import('../../src/domain/screening');
  const stored = await h.store.collection<any>('screening_consents').find({ campaignId });
  expect(stored.every((c) => consentState('2013-06-01', h.clock.now().getTime(), c, 2) === 'needed')).toBe(true);
  // answers to the new terms, in a burst with replays: they count under version 2, the old ones left the count
  await Promise.all(g8.slice(0, 5).map(async (id, i) => {
    const req = rid();
    await Promise.all([0, 1].map(() => h.call('screening.consent', { campaignId, studentId: id, agree: i !== 4 }, { as: guardians[i], requestId: req })));
  }));
  expect(await consentCount('given', 2)).toBe(4);
  expect(await consentCount('declined', 2)).toBe(1);
  expect(await consentCount('given', 1)).toBe(1); // g8[5] answered only the old terms: counted there, read as awaiting
  expect(await deskRow()).toMatchObject({ awaitingConsent: 3, declined: 1 });
  expect(await live()).toEqual(await reference());
});

/* ------------------------------------------------------------------------ */
/* Mental-health education: absentees, undo, guardians.                       */

const mhCount = async (classId = CLASS7) => (await live())[`mh_lesson|2026-2027-1|${classId}|yes`] ?? 0;

test('a class session counts the children present, not absentees; an undo takes back only what nothing else counts; bursts and replays equal a recount', async () => {
  const teacher = await h.asBinding({ role: 'class_teacher', schoolId: SCHOOL, classId: CLASS7, displayName: '班主任' });
  const mental = 'mental.junior';
  const full = ok(await h.call('lesson.get', { id: mental }));
  const answers = full.quiz.map((q: any) => q.answer ?? 0);
  // two absentees did the lesson at home, before and after the session; a third did not
  ok(await h.call('lesson.complete', { id: mental, answers }, { as: await student(g7[0], CLASS7) }));
  const absent = [g7[0], g7[1], g7[2]];
  const req = rid();
  const recorded = await Promise.all([
    h.call('lesson.classSession', { id: mental, classId: CLASS7, absent }, { as: teacher, requestId: req }),
    h.call('lesson.classSession', { id: mental, classId: CLASS7, absent }, { as: teacher, requestId: req }),
    h.call('lesson.classSession', { id: mental, classId: CLASS7, absent }, { as: teacher }),
  ]);
  // the same request id still in flight may be told to wait (idempotency); nothing else may fail
  expect(recorded.filter((x) => !x.ok).every((x) => x.error?.code === 'CONFLICT' && (x.error as any).details?.inProgress)).toBe(true);
  expect(recorded.some((x) => x.ok)).toBe(true);
  expect(await mhCount()).toBe(12 - 3 + 1); // the 9 present and g7[0] who did it at home
  ok(await h.call('lesson.complete', { id: mental, answers }, { as: await student(g7[1], CLASS7) }));
  expect(await mhCount()).toBe(11);
  expect(await live()).toEqual(await reference());
  // a lesson of another topic taught in class counts nothing here
  const other = ok(await h.call('lesson.progress', { classId: CLASS7 }, { as: teacher })).items.find((x: any) => x.topic !== 'mental');
  ok(await h.call('lesson.classSession', { id: other.id, classId: CLASS7 }, { as: teacher }));
  expect(await mhCount()).toBe(11);

  // undone the same day, three times at once: the two who did it themselves stay counted, nobody else
  const undone = await Promise.all([0, 1, 2].map(() => h.call('lesson.classSessionUndo', { id: mental, classId: CLASS7 }, { as: teacher })));
  expect(undone.filter((x) => x.ok && x.data.undone).length).toBe(1);
  expect(await mhCount()).toBe(2);
  expect(await live()).toEqual(await reference());
  // recorded again without absentees: everyone; the desk's class row says so
  ok(await h.call('lesson.classSession', { id: mental, classId: CLASS7 }, { as: teacher }));
  expect(await mhCount()).toBe(12);
  expect(await live()).toEqual(await reference());
  const { classCounts } = await import('../../src/cloud/handlers/targets/metrics');
  const { deskDirectoryFromStore } = await import('../../src/cloud/handlers/targets/directory');
  const rows = await classCounts(h.store, await deskDirectoryFromStore(h.store), 'mhEducation', [SCHOOL], '2026-2027-1', '2026-11');
  expect(rows.find((r) => r.classId === CLASS7)!.parts).toEqual({ covered: 12, notCovered: 0 });
  expect(rows.find((r) => r.classId === CLASS8)!.parts).toEqual({ covered: 0, notCovered: 8 });
});

test('guardians reading the parents\' mental-health lesson feed the education target per school and semester, once each, "<5" when few', async () => {
  const lesson = ok(await h.call('lesson.get', { id: 'mental.parent' }));
  const answers = lesson.quiz.map((q: any) => q.answer ?? 0);
  const other = ok(await h.call('lesson.get', { id: 'drowning.parent' }));
  const read = (who: any, id = 'mental.parent', a = answers) => h.call('lesson.complete', { id, answers: a }, { as: who, requestId: rid() });
  const guardians = await Promise.all(g8.map((id) => guardianOf(id)));
  const coord = await h.as('DEMO-COORD-SIMAO');
  const figure = async () => ok(await h.call('targets.overview', {}, { as: coord })).targets.find((t: any) => t.id === 'mh_education');
  // three read it (each twice at once), and one reads only the drowning lesson: "<5"
  await Promise.all(guardians.slice(0, 3).flatMap((g) => [read(g), read(g)]));
  ok(await read(guardians[7], 'drowning.parent', other.quiz.map((q: any) => q.answer ?? 0)));
  expect((await live())[`mh_guardian|2026-2027-1|${SCHOOL}|yes`]).toBe(3);
  expect((await figure()).counts.guardians).toBeNull();
  // four more: 7, shown
  await Promise.all(guardians.slice(3, 7).map((g) => read(g)));
  expect((await live())[`mh_guardian|2026-2027-1|${SCHOOL}|yes`]).toBe(7);
  expect(await live()).toEqual(await reference());
  expect((await figure()).counts.guardians).toBe(7);
  expect((await figure()).name).toBe('每学期至少1次面向家长和学生的心理健康教育');
  // the county's detail has a guardians column, per school; the school's own row under its county total
  const d = ok(await h.call('targets.detail', { id: 'mh_education' }, { as: coord }));
  expect(d.parts.map((p: any) => p.key)).toContain('guardians');
  expect(d.rows.find((r: any) => r.id === SCHOOL).guardians).toBe(7);
  expect(d.total.guardians).toBe(7);
  for (const r of d.rows) if (r.guardians !== null) expect(r.guardians === 0 || r.guardians >= 5).toBe(true);
  // the next semester starts from nothing: a guardian reading for the first time counts there, and so does one
  // who read it last semester and reads it again (guardian_lessons keeps a row per guardian, lesson, school and term)
  h.clock.set('2027-03-10T02:00:00Z');
  ok(await read(guardians[7]));
  ok(await read(guardians[0]));
  ok(await read(guardians[0])); // twice in a term: once
  expect((await live())[`mh_guardian|2026-2027-2|${SCHOOL}|yes`]).toBe(2);
  expect((await live())[`mh_guardian|2026-2027-1|${SCHOOL}|yes`]).toBe(7);
  expect(await live()).toEqual(await reference());
});

test('racing consents on one child end in the latest answer; a move or an undo that died half-way is repaired to the recount', async () => {
  const now = h.clock.now().getTime();
  const place = { bucket: CLASS8, classId: CLASS8, schoolId: SCHOOL, countyId: 'simao' };
  const w = (state: string, order: number) => ({ kind: 'scr_consent' as const, period: 'cmp-x', subject: g8[0], place, state, at: now, order });
  // answers 1..6 arriving in any order: the marker ends in answer 6's state, counted once
  await Promise.all([w('given@v1', 3), w('declined@v1', 6), w('given@v1', 1), w('declined@v1', 2), w('given@v1', 5), w('declined@v1', 4)].map((x) => tally(h.store, x)));
  expect((await h.store.collection<any>('tally_marks').get(markId('scr_consent', 'cmp-x', g8[0])))).toMatchObject({ state: 'declined@v1', order: 6, counted: true });
  let rows = await live();
  expect(rows[`scr_consent|cmp-x|${CLASS8}|declined@v1`]).toBe(1);
  expect(rows[`scr_consent|cmp-x|${CLASS8}|given@v1`]).toBeUndefined();
  // an older answer replayed later changes nothing
  expect(await tally(h.store, w('given@v1', 5))).toBe(false);

  // a class session's count taken back by an undo that dies after marking its marker leaving
  const mh = (subject: string) => ({ kind: 'mh_lesson' as const, period: '2026-2027-1', subject, place: { ...place, bucket: CLASS7, classId: CLASS7 }, state: 'yes', at: now, once: true });
  for (const id of g7.slice(0, 6)) await tally(h.store, mh(id));
  await untally(h.store, 'mh_lesson', '2026-2027-1', g7[0], now);
  expect(await mhCount()).toBe(5);
  await untally(h.store, 'mh_lesson', '2026-2027-1', g7[1], now, true); // dies before its counter moves
  expect(await mhCount()).toBe(5);
  // a new count for that child waits for the dead undo, then leaves its state for the repair
  expect(await tally(h.store, mh(g7[1]))).toBe(true);
  await repairTallies(h.store, now + TALLY_GRACE_MS + 1);
  rows = await live();
  expect(rows[`mh_lesson|2026-2027-1|${CLASS7}|yes`]).toBe(5);
  expect(rows[`mh_lesson|2026-2027-1@school|${SCHOOL}|yes`]).toBe(5);
  // and an undo that died with no one after it: the repair takes the child out
  await untally(h.store, 'mh_lesson', '2026-2027-1', g7[2], now + TALLY_GRACE_MS + 2, true);
  await repairTallies(h.store, now + 3 * TALLY_GRACE_MS);
  rows = await live();
  expect(rows[`mh_lesson|2026-2027-1|${CLASS7}|yes`]).toBe(4);
  expect(rows[`mh_lesson|2026-2027-1@school|${SCHOOL}|yes`]).toBe(4);
  expect(await h.store.collection('tally_marks').count({ state: '-' })).toBe(0);
});

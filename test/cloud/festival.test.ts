/**
 * County festivals in the letter a guardian signs: 泼水节 in 孟连 is a
 * drowning risk in April, so the 清明 letter for a 孟连 child carries the
 * drowning block with the festival's line, and its pledges are the ones the
 * guardian signs; a 思茅 child's 清明 letter has neither.
 */
import { makeHarness, type Harness } from './harness';
import { ok } from '../fixtures/reports';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-04-01T02:00:00Z'); }); // 清明 2026: open from 28 March
afterEach(() => h.close());

async function guardianOf(studentId: string, schoolId: string, classId: string) {
  await h.store.collection('students').put({ _id: studentId, id: studentId, name: '岩温', schoolId, classId, grade: 5, birthDate: '2015-05-01' });
  return h.asBinding({ role: 'guardian', studentId, schoolId, guardianName: '玉香', relation: '母亲' });
}

test('孟连: the 清明 letter has the drowning block with 泼水节, and signing takes its pledges', async () => {
  const g = await guardianOf('stu-menglian-x', 'sch-menglian-2', 'cls-menglian-2-5-1');
  const cur = ok(await h.call('holiday.current', {}, { as: g }));
  expect(cur.campaign.id).toBe('qingming-2026');
  const drowning = cur.letter.sections.find((s: { topic: string }) => s.topic === 'drowning');
  expect(drowning.lines.join('')).toMatch(/泼水节（4月13日至4月15日前后）/);
  const pledgeIds = cur.pledges.map((p: { id: string }) => p.id);
  expect(pledgeIds).toContain('drowning.no_unsupervised');
  const signed = ok(await h.call('commitment.sign', { campaignId: 'qingming-2026', studentId: 'stu-menglian-x', pledgeIds, method: 'confirm' }, { as: g }));
  expect(signed).toBeTruthy();
  const row = (await h.store.collection('commitments').find({ studentId: 'stu-menglian-x' }))[0] as unknown as { pledgeIds: string[] };
  expect(row.pledgeIds).toContain('drowning.no_unsupervised');
});

test('思茅: the same 清明 letter has no drowning block and no festival line', async () => {
  const g = await guardianOf('stu-simao-x', 'sch-simao-1', 'cls-simao-1-8-2');
  const cur = ok(await h.call('holiday.current', {}, { as: g }));
  expect(cur.campaign.id).toBe('qingming-2026');
  expect(cur.letter.sections.map((s: { topic: string }) => s.topic)).not.toContain('drowning');
  expect(JSON.stringify(cur.letter)).not.toContain('泼水节');
  expect(cur.letter.sections.find((s: { topic: string }) => s.topic === 'fire').lines.join('')).toMatch(/上坟/);
});

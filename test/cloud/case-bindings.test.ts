/**
 * Case actions are decided per binding: the role that grants an action and
 * the unit or area that gives the case must be one binding. And a transfer
 * across counties leaves every lead unit's coordinator able to see the case.
 */
import { makeHarness, rid, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, ok, submit } from '../fixtures/reports';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

/** One session that redeemed several demo codes. */
async function holding(...codes: string[]): Promise<CallerIdentity> {
  const who = await h.as();
  for (const code of codes) ok(await h.call('auth.redeem', { code }, { as: who, requestId: rid() }));
  return who;
}

test('a session holding DEMO-SAFETY and DEMO-POLICE cannot transfer a school case neither binding may transfer alone', async () => {
  const id = await caseIdOf(h, (await submit(h, bullying())).trackingCode); // the school and 思茅 education lead; police not on it
  const both = await holding('DEMO-SAFETY', 'DEMO-POLICE');
  const c = ok(await h.call('case.get', { id }, { as: both }));
  expect(c.allowedActions).not.toContain('transfer');
  expectKindError(await h.call('case.transfer', { id, toDeptId: 'ninger.police', reason: '试图越权转交。' }, { as: both }), 'FORBIDDEN');
  expect((await h.store.collection<any>('cases').get(id)).jurisdiction).toBe('simao');
  // The safety officer's own binding still acts on its own case, and is the one named in the timeline.
  ok(await h.call('case.acknowledge', { id }, { as: both }));
  const after = ok(await h.call('case.get', { id }, { as: both }));
  expect(after.timeline.at(-1).actor).toContain('思茅区第一中学');
});

test('a transfer to another county leaves the coordinator of a unit that still leads able to see the case', async () => {
  const id = await caseIdOf(h, (await submit(h, bullying())).trackingCode); // P2: 24 h to acknowledge
  const edu = await h.as('DEMO-EDU');
  ok(await h.call('case.transfer', { id, toDeptId: 'ninger.police', reason: '涉事人员在宁洱，转宁洱公安。' }, { as: edu }));
  const moved = await h.store.collection<any>('cases').get(id);
  expect(moved.jurisdiction).toBe('ninger');
  expect(moved.lead.map((u: any) => u.id)).toContain('sch-simao-1'); // the 思茅 school still leads

  h.clock.advance(25 * 3600_000); // overdue: coordinators see it
  const simaoCoord = await h.as('DEMO-COORD-SIMAO');
  const { items } = ok(await h.call('case.list', {}, { as: simaoCoord }));
  expect(items.map((i: any) => i.id)).toContain(id);
  ok(await h.call('case.get', { id }, { as: simaoCoord }));
});

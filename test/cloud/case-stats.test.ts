/**
 * case.stats on a known data set, built through the real actions with the
 * test clock, so every expected number can be worked out by hand below.
 */
import { runEscalation } from '../../src/cloud/handlers/scheduler/escalate';
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, freshAnonymous, ok, online, sexualAbuse, submit, NINGER_SCHOOL } from '../fixtures/reports';

const MIN = 60_000;
const HOUR = 60 * MIN;
let h: Harness;

/*
 * The data set (times UTC; China is UTC+8):
 *  A  2026-10-15 02:00  sexual_abuse  simao   acknowledged +30 min, resolved +3 h
 *  B  2026-10-31 17:00  bullying      simao   (1 November 01:00 in Pu'er) acknowledged +2 h, resolved +10 h
 *  C  2026-11-10 02:00  online        simao   acknowledged +4 h, still open
 *  D  2026-11-12 02:00  bullying      ninger  never acknowledged → overdue, escalated by the scheduler
 *  "now" is 2026-11-28 02:00.
 * To acknowledge:  30 min, 2 h, 4 h        → median 2 h
 * To resolve:      3 h, 10 h               → median 6.5 h
 */
beforeAll(async () => {
  h = await makeHarness('2026-10-15T02:00:00Z');
  const police = await h.as('DEMO-POLICE');
  const edu = await h.as('DEMO-EDU');
  const cyber = await h.asBinding({ role: 'handler', deptId: 'simao.cyberspace', jurisdiction: 'simao' });

  const a = await caseIdOf(h, (await submit(h, sexualAbuse(), { as: freshAnonymous() })).trackingCode);
  h.clock.advance(30 * MIN);
  ok(await h.call('case.acknowledge', { id: a }, { as: police }));
  h.clock.advance(150 * MIN);
  ok(await h.call('case.resolve', { id: a, disposition: 'referred', summary: '已移送刑侦部门立案侦查。' }, { as: police }));

  h.clock.set('2026-10-31T17:00:00Z');
  const b = await caseIdOf(h, (await submit(h, bullying(), { as: freshAnonymous() })).trackingCode);
  h.clock.advance(2 * HOUR);
  ok(await h.call('case.acknowledge', { id: b }, { as: edu }));
  h.clock.advance(8 * HOUR);
  ok(await h.call('case.resolve', { id: b, disposition: 'substantiated', summary: '已批评教育并通知家长。' }, { as: edu }));

  h.clock.set('2026-11-10T02:00:00Z');
  const c = await caseIdOf(h, (await submit(h, online(), { as: freshAnonymous() })).trackingCode);
  h.clock.advance(4 * HOUR);
  ok(await h.call('case.acknowledge', { id: c }, { as: cyber }));

  h.clock.set('2026-11-12T02:00:00Z');
  await submit(h, bullying({ schoolId: NINGER_SCHOOL }), { as: freshAnonymous() });

  h.clock.set('2026-11-28T02:00:00Z');
  await runEscalation({ store: h.store, clock: h.clock, outbox: h.outbox });
});
afterAll(async () => { await h.close(); });

test('the city coordinator sees the whole city', async () => {
  const s = ok(await h.call('case.stats', {}, { as: await h.as('DEMO-COORD') }));
  expect(s.total).toBe(4);
  expect(s.byCategory).toEqual([
    { category: 'bullying', name: '欺凌、校园暴力', count: 2 },
    expect.objectContaining({ count: 1 }),
    expect.objectContaining({ count: 1 }),
  ]);
  expect(s.byCounty).toEqual([{ jurisdiction: 'simao', name: '思茅区', count: 3 }, { jurisdiction: 'ninger', name: '宁洱哈尼族彝族自治县', count: 1 }]);
  // B was filed on 31 October UTC but 1 November in Pu'er
  expect(s.byMonth).toEqual([{ month: '2026-10', count: 1 }, { month: '2026-11', count: 3 }]);
  expect(s.medianMsToAcknowledge).toBe(2 * HOUR);
  expect(s.medianMsToResolve).toBe(6.5 * HOUR);
  // open: C and D; overdue: D (unacknowledged) and C (acknowledged 10 Nov, P3: resolve within 15 days → 25 Nov)
  expect([s.open, s.overdue, s.escalated]).toEqual([2, 2, 2]);
});

test('a county coordinator sees their county only', async () => {
  const s = ok(await h.call('case.stats', {}, { as: await h.as('DEMO-COORD-SIMAO') }));
  expect(s.total).toBe(3);
  expect(s.byCounty).toEqual([{ jurisdiction: 'simao', name: '思茅区', count: 3 }]);
  expect(s.area).toEqual(['simao']);
});

test('from and to are China calendar days, both included', async () => {
  const coord = await h.as('DEMO-COORD');
  const nov = ok(await h.call('case.stats', { from: '2026-11-01', to: '2026-11-30' }, { as: coord }));
  expect(nov.total).toBe(3); // B (1 Nov in Pu'er), C, D
  expect(nov.medianMsToResolve).toBe(10 * HOUR);
  const oct = ok(await h.call('case.stats', { to: '2026-10-31' }, { as: coord }));
  expect(oct.total).toBe(1);
  const day = ok(await h.call('case.stats', { from: '2026-11-10', to: '2026-11-10' }, { as: coord }));
  expect(day.byCategory).toEqual([{ category: 'online', name: expect.any(String), count: 1 }]);
});

test('only coordinators get statistics', async () => {
  expectKindError(await h.call('case.stats', {}, { as: await h.as('DEMO-POLICE') }), 'FORBIDDEN');
});

test('the coordinator sees how often someone was locked out for guessing a case\'s secret, never who', async () => {
  const coord = await h.as('DEMO-COORD');
  const before = ok(await h.call('case.stats', {}, { as: coord })).secretGuessing;
  const { trackingCode } = await submit(h, bullying(), { as: freshAnonymous() });
  const guesser = freshAnonymous();
  for (let i = 0; i < 5; i++) await h.call('report.status', { trackingCode, secret: 'ZZZZ-ZZZZ' }, { as: guesser });
  const after = ok(await h.call('case.stats', {}, { as: coord })).secretGuessing;
  expect(after).toEqual({ lockouts: before.lockouts + 1, cases: before.cases + 1 });
}, 30_000);

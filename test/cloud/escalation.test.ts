/**
 * The scheduler's escalation job with the injected clock: reminders at half
 * time, the county coordinator at the deadline, the city one later, each
 * step explained in the audit trail, and safe to run twice at once.
 */
import { runEscalation } from '../../src/cloud/handlers/scheduler/escalate';
import { makeHarness, rid, type Harness } from './harness';
import { bullying, caseIdOf, ok, sexualAbuse, submit } from '../fixtures/reports';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const run = () => runEscalation({ store: h.store, clock: h.clock, outbox: h.outbox });
const outbox = (template: string) => h.store.collection<any>('outbox').find({ template }, { orderBy: [['createdAt', 'asc']] });
const caseDoc = (id: string) => h.store.collection<any>('cases').get(id);

test('a new P1 case: reminded at 30 min, county at 61 min, city at 2 h — each step explained', async () => {
  const r = await submit(h, sexualAbuse());
  const id = await caseIdOf(h, r.trackingCode);

  h.clock.advance(29 * MIN);
  expect(await run()).toMatchObject({ escalated: 0, reminded: 0 });
  h.clock.advance(MIN);
  expect(await run()).toMatchObject({ escalated: 0, reminded: 1 });
  expect(await run()).toMatchObject({ escalated: 0, reminded: 0 }); // once
  expect((await outbox('case_reminder')).map((m) => m.to)).toEqual(['simao.police']);

  h.clock.advance(31 * MIN); // +61 min
  expect(await run()).toMatchObject({ escalated: 1 });
  expect((await caseDoc(id))!.escalationLevel).toBe(1);
  const [county] = await outbox('case_escalated');
  expect(county).toMatchObject({ to: 'simao.peace_office', data: { reason: 'P1 案件超过1小时未受理，升级至思茅区平安办' } });
  const [audit1] = await h.store.collection<any>('audit').find({ subjectId: id, action: 'case.escalate' });
  expect(audit1).toMatchObject({ actorId: 'system', detail: { level: 1, because: 'unacknowledged', to: 'simao.peace_office', reason: 'P1 案件超过1小时未受理，升级至思茅区平安办' } });

  // the county coordinator now sees it
  expect(ok(await h.call('case.list', {}, { as: await h.as('DEMO-COORD-SIMAO') })).items.map((i: any) => i.id)).toEqual([id]);

  h.clock.advance(30 * MIN);
  expect(await run()).toMatchObject({ escalated: 0 });
  h.clock.advance(30 * MIN); // +121 min
  expect(await run()).toMatchObject({ escalated: 1 });
  expect((await caseDoc(id))!.escalationLevel).toBe(2);
  const escalations = await outbox('case_escalated');
  expect(escalations.map((m) => m.to)).toEqual(['simao.peace_office', 'city.peace_office']);
  expect(escalations[1].data.reason).toBe('P1 案件超过2小时仍未受理，升级至普洱市平安办');

  const trail = await h.store.collection<any>('audit').find({ subjectId: id, action: 'case.escalate' }, { orderBy: [['at', 'asc']] });
  expect(trail.map((a) => a.detail.reason)).toEqual([
    'P1 案件超过1小时未受理，升级至思茅区平安办',
    'P1 案件超过2小时仍未受理，升级至普洱市平安办',
  ]);
  expect(await run()).toMatchObject({ escalated: 0, reminded: 0 });

  // the handler's timeline explains it; the reporter learns it was escalated, without names of offices or people
  const full = ok(await h.call('case.get', { id }, { as: await h.as('DEMO-POLICE') }));
  expect(full.timeline.filter((t: any) => t.kind === 'escalated').map((t: any) => t.text)).toEqual(trail.map((a) => a.detail.reason));
  const seen = ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret }));
  expect(seen.timeline.filter((t: any) => t.kind === 'escalated')).toHaveLength(2);
  expect(JSON.stringify(seen)).not.toContain('平安办');
});

test('two runs at the same moment escalate once and notify once', async () => {
  const id = await caseIdOf(h, (await submit(h, sexualAbuse())).trackingCode);
  h.clock.advance(61 * MIN);
  const [a, b] = await Promise.all([run(), run()]);
  expect(a.escalated + b.escalated).toBe(1);
  expect(await outbox('case_escalated')).toHaveLength(1);
  expect(await h.store.collection('audit').count({ subjectId: id, action: 'case.escalate' })).toBe(1);
  expect(await h.store.collection('case_events').count({ caseId: id, kind: 'escalated' })).toBe(1);
});

test('an acknowledged case is not escalated before its resolve deadline, and is after it', async () => {
  const id = await caseIdOf(h, (await submit(h, bullying())).trackingCode); // P2: resolve within 7 days
  ok(await h.call('case.acknowledge', { id }, { as: await h.as('DEMO-EDU') }));
  h.clock.advance(7 * DAY - MIN);
  expect(await run()).toMatchObject({ escalated: 0 });
  h.clock.advance(MIN);
  expect(await run()).toMatchObject({ escalated: 2 }); // county told, and the city
  // written in the same instant: compare as a set
  const reasons = (await outbox('case_escalated')).map((m) => [m.to, m.data.reason]).sort();
  expect(reasons).toEqual([
    ['city.peace_office', 'P2 案件超过7天未办结，升级至普洱市平安办'],
    ['simao.peace_office', 'P2 案件超过7天未办结，升级至思茅区平安办'],
  ]);
});

test('resolved cases are left alone', async () => {
  const id = await caseIdOf(h, (await submit(h, sexualAbuse())).trackingCode);
  const police = await h.as('DEMO-POLICE');
  ok(await h.call('case.acknowledge', { id }, { as: police }));
  ok(await h.call('case.resolve', { id, disposition: 'unfounded', summary: '经核实不存在该情况。' }, { as: police }));
  h.clock.advance(30 * DAY);
  expect(await run()).toMatchObject({ escalated: 0, reminded: 0 });
});

test('a scheduler that was down catches up: both levels at once, both explained', async () => {
  const id = await caseIdOf(h, (await submit(h, { category: 'tutoring', countyId: 'simao', description: '小区里有人办无证补习班，天天晚上补到十一点。' })).trackingCode); // P3
  h.clock.advance(7 * DAY);
  expect(await run()).toMatchObject({ escalated: 2 });
  const events = await h.store.collection<any>('case_events').find({ caseId: id, kind: 'escalated' }, { orderBy: [['at', 'asc'], ['_id', 'asc']] });
  expect(events.map((e) => e.text)).toEqual([
    'P3 案件超过3天未受理，升级至思茅区平安办',
    'P3 案件超过6天仍未受理，升级至普洱市平安办',
  ]);
});

test('a city school case goes to the city coordinator', async () => {
  await submit(h, sexualAbuse({ countyId: undefined, schoolId: 'sch-city-1' }));
  h.clock.advance(61 * MIN);
  await run();
  expect((await outbox('case_escalated')).map((m) => m.to)).toEqual(['city.peace_office']);
});

test('a transfer gives the new lead a fresh deadline: no escalation for the old one', async () => {
  const id = await caseIdOf(h, (await submit(h, { category: 'other', countyId: 'simao', description: '学校后门有人卖管制刀具给学生。' })).trackingCode); // P3, 3 days
  h.clock.advance(2 * DAY);
  ok(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '涉及管制刀具，交公安。' }, { as: await h.as('DEMO-EDU') }));
  h.clock.advance(2 * DAY); // 4 days after filing, 2 after the transfer
  const res = await run();
  expect(res.escalated).toBe(0);
  expect(res.reminded).toBe(1); // half of the new lead's 3 days has passed
  expect((await outbox('case_reminder')).map((m) => m.to)).toEqual(['simao.police']);
});

test('the job purges expired rate-limit counters and keys, idempotency records and lock rows', async () => {
  await submit(h, bullying());
  ok(await h.call('case.acknowledge', { id: (await h.store.collection('cases').find())[0]._id }, { as: await h.as('DEMO-EDU'), requestId: rid() }));
  await h.call('report.status', { trackingCode: 'AAAA-BBBB-CC', secret: 'ZZZZ-ZZZZ' });
  const counts = async () => Promise.all(['rate_limits', 'rate_keys', 'idempotency', 'secret_attempts'].map((t) => h.store.collection(t as any).count()));
  expect((await counts()).every((n) => n > 0)).toBe(true);
  await run();
  expect((await counts()).every((n) => n > 0)).toBe(true); // nothing has expired yet
  h.clock.advance(8 * DAY);
  const res = await run();
  expect(res.purged.idempotency).toBeGreaterThan(0);
  expect(res.purged.secretAttempts).toBe(2); // the caller's own count on the code, and the code's count across callers
  expect(await counts()).toEqual([0, 0, 0, 0]);
});

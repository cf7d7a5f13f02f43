/**
 * The workbench: who sees which case (DESIGN.md §7), the state machine and
 * its conflicts, transfers, and the audit trail of reads.
 */
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, ok, online, sexualAbuse, submit } from '../fixtures/reports';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

const HOUR = 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const file = async (form: Record<string, unknown>) => caseIdOf(h, (await submit(h, form)).trackingCode);
const listIds = async (as: CallerIdentity, data: Record<string, unknown> = {}) =>
  ok(await h.call('case.list', data, { as })).items.map((i: any) => i.id);

describe('who sees a case', () => {
  test('another department (education on an online-harm case only the police are told of) is refused and does not list it', async () => {
    const id = await file(online());
    const edu = await h.as('DEMO-EDU');
    const police = await h.as('DEMO-POLICE');
    const e = expectKindError(await h.call('case.get', { id }, { as: edu }), 'FORBIDDEN');
    expect(e.message).toContain('不归您所在的单位');
    expect(await listIds(edu)).toEqual([]);
    // the police are informed: they see it, but do not lead it
    expect(ok(await h.call('case.list', {}, { as: police })).items).toEqual([expect.objectContaining({ id, lead: false })]);
    expect(ok(await h.call('case.get', { id }, { as: police })).allowedActions).toEqual(['note']);
  });

  test('the same department of another county is refused and does not list it', async () => {
    const id = await file(sexualAbuse());
    const ningerPolice = await h.asBinding({ role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger', displayName: '普文' });
    expectKindError(await h.call('case.get', { id }, { as: ningerPolice }), 'FORBIDDEN');
    expect(await listIds(ningerPolice)).toEqual([]);
    expect(await listIds(await h.as('DEMO-POLICE'))).toEqual([id]);
  });

  test('school posts see the cases routed to their school and post only', async () => {
    const bullyingId = await file(bullying());
    const selfHarmId = await file({ category: 'self_harm_risk', schoolId: 'sch-simao-1', description: '我同桌这几天一直说不想活了，手臂上有划痕。' });
    expect(await listIds(await h.as('DEMO-SAFETY'))).toEqual([bullyingId]);
    expect(await listIds(await h.as('DEMO-PSY'))).toEqual([selfHarmId]);
    const otherSchool = await h.asBinding({ role: 'school_safety_officer', schoolId: 'sch-simao-2', displayName: '何老师' });
    expect(await listIds(otherSchool)).toEqual([]);
    expectKindError(await h.call('case.get', { id: bullyingId }, { as: otherSchool }), 'FORBIDDEN');
  });

  test('coordinators see a case once it is overdue, in their own area only', async () => {
    const id = await file(sexualAbuse()); // P1: due in one hour
    const simao = await h.as('DEMO-COORD-SIMAO');
    const city = await h.as('DEMO-COORD');
    const ninger = await h.asBinding({ role: 'coordinator', jurisdiction: 'ninger', displayName: '宁洱平安办' });
    expect(await listIds(simao)).toEqual([]);
    expectKindError(await h.call('case.get', { id }, { as: simao }), 'FORBIDDEN');

    h.clock.advance(HOUR);
    expect(await listIds(simao)).toEqual([id]);
    expect(await listIds(city)).toEqual([id]);
    expect(await listIds(ninger)).toEqual([]);
    expect(await listIds(simao, { overdueOnly: true })).toEqual([id]);
    const c = ok(await h.call('case.get', { id }, { as: simao }));
    expect(c).toMatchObject({ overdue: true, myRole: 'coordinator', allowedActions: ['note', 'transfer'] });
    expectKindError(await h.call('case.get', { id }, { as: ninger }), 'FORBIDDEN');
  });

  test('every read is audited with the reader; refused attempts are audited too', async () => {
    const id = await file(sexualAbuse());
    const police = await h.as('DEMO-POLICE');
    const edu = await h.as('DEMO-EDU');
    const other = await h.asBinding({ role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger' });
    ok(await h.call('case.get', { id }, { as: police }));
    ok(await h.call('case.get', { id }, { as: edu }));
    await h.call('case.get', { id }, { as: other });
    const reads = await h.store.collection<any>('audit').find({ subjectId: id, action: 'case.get' });
    expect(reads.map((a) => a.actorId).sort()).toEqual([police.userId, edu.userId].sort());
    const denied = await h.store.collection<any>('audit').find({ subjectId: id, action: 'case.get.denied' });
    expect(denied.map((a) => a.actorId)).toEqual([other.userId]);
  });

  test('lists are sorted by priority, then by the nearest deadline', async () => {
    // filed so that neither insertion order nor newest-first would give the right answer
    const p3 = await file({ category: 'other', countyId: 'simao', description: '学校门口的小卖部卖过期的辣条给小学生。' });
    const p2Early = await file(bullying({ schoolId: 'sch-simao-2' }));
    h.clock.advance(60_000);
    const p2Late = await file(bullying());
    const p1 = await file({ category: 'staff_harm', schoolId: 'sch-simao-1', description: '体育老师罚我们跑了二十圈，有同学晕倒了。' });
    expect(await listIds(await h.as('DEMO-EDU'))).toEqual([p1, p2Early, p2Late, p3]);
  });
});

describe('the state machine', () => {
  test('acknowledge → reply → resolve → reopen, with a CONFLICT in Chinese for every illegal step', async () => {
    const id = await file(sexualAbuse());
    const police = await h.as('DEMO-POLICE');
    const act = (action: string, data: Record<string, unknown> = {}) => h.call(action, { id, ...data }, { as: police });

    expect(expectKindError(await act('case.reply', { text: '你好' }), 'CONFLICT').message).toContain('接手');
    expect(expectKindError(await act('case.resolve', { disposition: 'unfounded', summary: '经核查没有这回事。' }), 'CONFLICT').message).toContain('接手');
    expectKindError(await act('case.reopen', { reason: '再看看' }), 'CONFLICT');

    expect(ok(await act('case.acknowledge')).status).toBe('acknowledged');
    expect(expectKindError(await act('case.acknowledge'), 'CONFLICT').message).toContain('已经有人接手');

    ok(await act('case.reply', { text: '我们已经受理，会尽快联系你。' }));
    expect(ok(await act('case.resolve', { disposition: 'referred', summary: '已移送刑侦大队立案侦查。' })).status).toBe('resolved');
    expectKindError(await act('case.resolve', { disposition: 'referred', summary: '已移送刑侦大队立案侦查。' }), 'CONFLICT');
    expectKindError(await act('case.acknowledge'), 'CONFLICT');
    expectKindError(await act('case.reply', { text: '还有一件事' }), 'CONFLICT');
    expectKindError(await act('case.transfer', { toDeptId: 'simao.edu', reason: '转教育' }), 'CONFLICT');

    const reopened = ok(await act('case.reopen', { reason: '举报人补充了新的情况。' }));
    expect(reopened.status).toBe('acknowledged');
    const c = ok(await act('case.get'));
    expect(c).toMatchObject({ status: 'acknowledged', disposition: null, resolvedAt: null });
    expect(c.timeline.map((t: any) => t.kind)).toEqual(['submitted', 'acknowledged', 'resolved', 'reopened']);
    expect(c.timeline[2].text).toContain('赵明');

    const trail = await h.store.collection<any>('audit').find({ subjectId: id, actorId: police.userId });
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['case.acknowledge', 'case.reply', 'case.resolve', 'case.reopen']));
  });

  test('only a lead unit may act; an informed one may only take notes', async () => {
    const id = await file(sexualAbuse());
    const edu = await h.as('DEMO-EDU'); // informed
    expectKindError(await h.call('case.acknowledge', { id }, { as: edu }), 'FORBIDDEN');
    expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.edu', reason: '我们来办' }, { as: edu }), 'FORBIDDEN');
    ok(await h.call('case.note', { id, text: '教育局已知悉，学校方面配合。' }, { as: edu }));
  });

  test('two handlers racing to acknowledge: exactly one wins, the other is told', async () => {
    const id = await file(bullying());
    const a = await h.as('DEMO-EDU');
    const b = await h.as('DEMO-EDU');
    const results = await Promise.all([h.call('case.acknowledge', { id }, { as: a }), h.call('case.acknowledge', { id }, { as: b })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expectKindError(results.find((r) => !r.ok)!, 'CONFLICT');
    expect(await h.store.collection('case_events').count({ caseId: id, kind: 'acknowledged' })).toBe(1);
  });

  test('a retried acknowledge (same request id) answers the same and applies once', async () => {
    const id = await file(bullying());
    const edu = await h.as('DEMO-EDU');
    const first = await h.call('case.acknowledge', { id }, { as: edu, requestId: 'ack_retry_123' });
    const again = await h.call('case.acknowledge', { id }, { as: edu, requestId: 'ack_retry_123' });
    expect(again).toEqual(first);
    expect(await h.store.collection('case_events').count({ caseId: id, kind: 'acknowledged' })).toBe(1);
  });

  test('a school safety officer leading a case acknowledges and resolves it, but may not transfer', async () => {
    const id = await file(bullying());
    const safety = await h.as('DEMO-SAFETY');
    ok(await h.call('case.acknowledge', { id }, { as: safety }));
    expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '涉嫌勒索' }, { as: safety }), 'FORBIDDEN');
    ok(await h.call('case.resolve', { id, disposition: 'substantiated', summary: '已与双方家长沟通，批评教育并跟踪。' }, { as: safety }));
  });
});

describe('transfers', () => {
  test('a lead unit hands its part over: it stays informed, the new lead must acknowledge, with a fresh deadline', async () => {
    const id = await file({ category: 'other', countyId: 'simao', description: '有人在学校附近卖仿真枪给小学生，还教他们怎么改装。' });
    const edu = await h.as('DEMO-EDU');
    const police = await h.as('DEMO-POLICE');
    ok(await h.call('case.acknowledge', { id }, { as: edu }));
    expect(await listIds(police)).toEqual([]);
    h.clock.advance(2 * HOUR);
    const t = ok(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '涉及违法销售仿真枪，应由公安办理。' }, { as: edu }));
    expect(t).toMatchObject({ status: 'new', lead: ['普洱市公安局思茅分局'], dueAt: h.clock.now().getTime() + 72 * HOUR });

    expect(ok(await h.call('case.list', {}, { as: police })).items).toEqual([expect.objectContaining({ id, lead: true, status: 'new' })]);
    const seenByEdu = ok(await h.call('case.get', { id }, { as: edu }));
    expect(seenByEdu).toMatchObject({ myRole: 'informed', allowedActions: ['note'] });
    expect(seenByEdu.informed.map((u: any) => u.key)).toEqual(['simao.edu']);
    expectKindError(await h.call('case.acknowledge', { id }, { as: edu }), 'FORBIDDEN');
    ok(await h.call('case.acknowledge', { id }, { as: police }));
    const [msg] = await h.store.collection<any>('outbox').find({ to: 'simao.police' });
    expect(msg).toMatchObject({ template: 'new_case', data: expect.objectContaining({ transferred: '是' }) });
    expect(seenByEdu.timeline.at(-1).text).toContain('应由公安办理');
  });

  test('transferring to a department of another county moves the case there', async () => {
    const id = await file({ category: 'other', countyId: 'simao', description: '这件事其实发生在宁洱县的一个村子里，写错县了。' });
    const edu = await h.as('DEMO-EDU');
    ok(await h.call('case.transfer', { id, toDeptId: 'ninger.edu', reason: '事发地在宁洱县。' }, { as: edu }));
    const ningerEdu = await h.asBinding({ role: 'handler', deptId: 'ninger.edu', jurisdiction: 'ninger' });
    expect(ok(await h.call('case.get', { id }, { as: ningerEdu })).jurisdiction).toBe('ninger');
  });

  test('a coordinator may transfer an overdue case in their area; the old leads become informed', async () => {
    const id = await file(bullying());
    const simao = await h.as('DEMO-COORD-SIMAO');
    expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '督办' }, { as: simao }), 'FORBIDDEN');
    h.clock.advance(25 * HOUR);
    ok(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '学校和教育局超时未接手，交公安处理。' }, { as: simao }));
    const c = ok(await h.call('case.get', { id }, { as: await h.as('DEMO-POLICE') }));
    expect(c.lead.map((u: any) => u.key)).toEqual(['simao.police']);
    expect(c.informed.map((u: any) => u.key)).toEqual(['school:sch-simao-1:school_safety_officer', 'simao.edu']);
    expect(c.timeline.at(-1).text).toContain('李卫东（思茅区平安办）');
  });

  test('the police, informed of bullying with a knife, take the case over: they lead alone, the school stays informed; not to another unit, not without such a flag', async () => {
    const police = await h.as('DEMO-POLICE');
    const plain = await file(bullying());
    expect(ok(await h.call('case.get', { id: plain }, { as: await h.as('DEMO-SAFETY') })).lead.map((u: any) => u.key)).not.toContain('simao.police');
    const id = await file(bullying({ flags: { injury: true, weapon: true } }));
    // not to someone else's unit: an informed unit only takes the case itself
    expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.market', reason: '应由市场监管局办理' }, { as: police }), 'FORBIDDEN');
    const taken = ok(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '涉及持刀伤人，需要公安立即处置。' }, { as: police }));
    expect(taken.lead).toEqual(['普洱市公安局思茅分局']);
    const c = ok(await h.call('case.get', { id }, { as: police }));
    expect(c.myRole).toBe('lead');
    expect(c.informed.map((u: any) => u.key)).toContain('school:sch-simao-1:school_safety_officer');
    ok(await h.call('case.acknowledge', { id }, { as: police }));
    // the school, now informed, may only take notes
    expectKindError(await h.call('case.acknowledge', { id }, { as: await h.as('DEMO-SAFETY') }), 'FORBIDDEN');
  });

  test('no transfer to an unknown department, to the coordinators, or to a unit already leading', async () => {
    const id = await file(bullying());
    const edu = await h.as('DEMO-EDU');
    const before = await h.store.dump!();
    expect(expectKindError(await h.call('case.transfer', { id, toDeptId: 'nowhere.edu', reason: '试试' }, { as: edu }), 'BAD_INPUT').message).toContain('没有找到');
    expect(expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.peace_office', reason: '试试' }, { as: edu }), 'BAD_INPUT').message).toContain('平安办');
    expectKindError(await h.call('case.transfer', { id, toDeptId: 'simao.edu', reason: '试试' }, { as: edu }), 'BAD_INPUT');
    expect(await h.store.dump!()).toEqual(before);
  });
});

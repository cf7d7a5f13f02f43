/**
 * No message goes unseen: a reporter writing after 办结 reopens the case as
 * new, with its service level; the inbox and the case page mark what the
 * reporter wrote since I last looked, and the home card counts it; cases my
 * unit only co-handles are counted apart.
 */
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, ok, submit } from '../fixtures/reports';
import { runEscalation } from '../../src/cloud/handlers/scheduler/escalate';

const HOUR = 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

async function resolvedCase() {
  const r = await submit(h, bullying({ flags: { injury: true } })); // P2 (24 h to acknowledge); police informed
  const id = await caseIdOf(h, r.trackingCode);
  const edu = await h.as('DEMO-EDU');
  ok(await h.call('case.acknowledge', { id }, { as: edu }));
  ok(await h.call('case.reply', { id, text: '你好，我们已经收到，会和学校一起处理。' }, { as: edu }));
  ok(await h.call('case.resolve', { id, disposition: 'substantiated', summary: '已约谈涉事学生和家长，学校加强巡查。' }, { as: edu }));
  return { ...r, id, edu };
}

const say = (r: { trackingCode: string; secret: string }, text: string) =>
  h.call('report.message', { trackingCode: r.trackingCode, secret: r.secret, text });

describe('a message after 办结', () => {
  test('reopens the case as new, with its service level counted from now, at the top of the handler\'s inbox', async () => {
    const r = await resolvedCase();
    h.clock.advance(2 * 24 * HOUR);
    ok(await say(r, '他们今天又在楼梯口堵我了。'));
    const now = h.clock.now().getTime();

    const c = ok(await h.call('case.get', { id: r.id }, { as: r.edu }));
    expect(c.status).toBe('new');
    expect(c.ackDueAt).toBe(now + 24 * HOUR);
    expect(c.disposition).toBeNull();
    expect(c.allowedActions).toContain('acknowledge');
    expect(c.timeline.map((e: any) => e.kind)).toContain('reopened');
    expect(c.messages.at(-1)).toMatchObject({ from: 'reporter', text: '他们今天又在楼梯口堵我了。' });

    const { items } = ok(await h.call('case.list', { status: 'new' }, { as: r.edu }));
    expect(items.map((i: any) => i.id)).toEqual([r.id]);
    const reopened = await h.store.collection<any>('outbox').find({ template: 'case_reopened' });
    expect(reopened.map((m) => m.to)).toContain('simao.edu');

    // The reporter reads that it was reopened; nobody names who.
    const seen = ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret }));
    expect(seen.status).toBe('new');
    expect(seen.timeline.at(-1).text).toContain('重新打开');

    // Nobody takes it up: it escalates like any new case.
    h.clock.advance(24 * HOUR);
    await runEscalation({ store: h.store, clock: h.clock, outbox: h.outbox });
    expect((await h.store.collection<any>('cases').get(r.id)).escalationLevel).toBe(1);
  });

  test('two messages at once reopen it once', async () => {
    const r = await resolvedCase();
    const answers = await Promise.all([say(r, '今天又发生了一次。'), say(r, '这次他们还拿走了我的书包。')]);
    expect(answers.every((a) => a.ok)).toBe(true);
    const c = ok(await h.call('case.get', { id: r.id }, { as: r.edu }));
    expect(c.timeline.filter((e: any) => e.kind === 'reopened')).toHaveLength(1);
    expect(c.messages.filter((m: any) => m.from === 'reporter')).toHaveLength(2);
  });

  test('a message on an open case does not change its state or deadlines', async () => {
    const r = await submit(h, bullying());
    const id = await caseIdOf(h, r.trackingCode);
    const before = await h.store.collection<any>('cases').get(id);
    ok(await say(r, '补充：一共是三个人。'));
    const after = await h.store.collection<any>('cases').get(id);
    expect({ status: after.status, dueAt: after.dueAt, version: after.version }).toEqual({ status: before.status, dueAt: before.dueAt, version: before.version });
  });
});

describe('unread reporter messages', () => {
  test('the inbox card and the case page mark what the reporter wrote since I last looked; the home card counts them', async () => {
    const r = await submit(h, bullying());
    const id = await caseIdOf(h, r.trackingCode);
    const edu = await h.as('DEMO-EDU');
    const colleague = await h.as('DEMO-EDU');
    const card = async (as = edu) => ok(await h.call('case.list', {}, { as })).items.find((i: any) => i.id === id);
    const home = async (as = edu) => ok(await h.call('home.summary', {}, { as })).cases;

    expect((await card()).unread).toBeUndefined();
    ok(await h.call('case.get', { id }, { as: edu }));
    h.clock.advance(60_000);
    ok(await say(r, '补充：他们一般在放学后堵我。'));

    expect((await card()).unread).toBe(true);
    expect((await home()).unread).toBe(1);
    const page = ok(await h.call('case.get', { id }, { as: edu }));
    expect(page.messages).toEqual([expect.objectContaining({ from: 'reporter', unread: true })]);

    // Opened: no longer unread for me, still unread for my colleague who has not looked.
    expect((await card()).unread).toBeUndefined();
    expect((await home()).unread).toBe(0);
    expect(ok(await h.call('case.get', { id }, { as: edu })).messages[0].unread).toBeUndefined();
    expect((await card(colleague)).unread).toBe(true);
  });
});

describe('the home card', () => {
  test('cases my unit is only informed of (协办/知悉) are counted apart from the ones waiting for me', async () => {
    await submit(h, bullying({ flags: { injury: true } })); // education leads, police informed
    const police = await h.as('DEMO-POLICE');
    expect(ok(await h.call('home.summary', {}, { as: police })).cases).toMatchObject({ open: 0, informed: 1 });
    const edu = await h.as('DEMO-EDU');
    expect(ok(await h.call('home.summary', {}, { as: edu })).cases).toMatchObject({ open: 1, informed: 0 });
    const item = ok(await h.call('case.list', {}, { as: police })).items[0];
    expect(item).toMatchObject({ lead: false, informed: true });
  });
});

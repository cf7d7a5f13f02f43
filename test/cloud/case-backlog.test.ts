/**
 * 统计's 未办结 opens the backlog behind it: every open case in the
 * coordinator's area, without anything a reporter wrote.
 */
import { makeHarness, type Harness } from './harness';
import { NINGER_SCHOOL, bullying, caseIdOf, expectKindError, ok, submit } from '../fixtures/reports';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

test('the 思茅 coordinator sees the open cases of 思茅 (category, place, age, deadlines), none of their content', async () => {
  const description = '有几个高年级的同学天天在厕所门口堵我，抢我的零花钱，还说告诉老师就打我。';
  const a = await caseIdOf(h, (await submit(h, bullying({ description, place: '二楼厕所' }))).trackingCode);
  await submit(h, bullying({ schoolId: NINGER_SCHOOL }));
  const b = await caseIdOf(h, (await submit(h, bullying())).trackingCode);
  const edu = await h.as('DEMO-EDU');
  ok(await h.call('case.acknowledge', { id: b }, { as: edu }));
  ok(await h.call('case.resolve', { id: b, disposition: 'substantiated', summary: '已处理完毕，家长已知情。' }, { as: edu }));

  const coord = await h.as('DEMO-COORD-SIMAO');
  const stats = ok(await h.call('case.stats', {}, { as: coord }));
  const { items } = ok(await h.call('case.backlog', {}, { as: coord }));
  expect(items).toHaveLength(stats.open); // the number on 统计 opens this list
  expect(items).toEqual([expect.objectContaining({ categoryName: '欺凌、校园暴力', jurisdictionName: '思茅区', schoolName: '思茅区第一中学', status: 'new' })]);
  const shown = JSON.stringify(items);
  for (const secret of [description, '二楼厕所', a]) expect(shown).not.toContain(secret);
  expect(items[0]).not.toHaveProperty('id');
  // The case itself still opens only under §7: not yet overdue or escalated.
  expectKindError(await h.call('case.get', { id: a }, { as: coord }), 'FORBIDDEN');
  expect(await h.store.collection('audit').count({ action: 'case.backlog' })).toBe(1);
});

test('only coordinators get the backlog', async () => {
  for (const code of ['DEMO-EDU', 'DEMO-POLICE', 'DEMO-SAFETY', 'DEMO-TEACHER', 'DEMO-STUDENT']) {
    expectKindError(await h.call('case.backlog', {}, { as: await h.as(code) }), 'FORBIDDEN');
  }
  expectKindError(await h.call('case.backlog', {}), 'UNAUTHENTICATED');
});

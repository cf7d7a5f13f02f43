import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-11-28T02:00:00Z'); });
afterEach(() => h.close());

const report = (category: string, countyId = 'simao') =>
  h.call('report.submit', { category, countyId, description: '有个大人在学校门口拦住同学，拉着不让走，很害怕。' });

test('a handler sees how many cases wait for their department, and which are overdue', async () => {
  const police = await h.as('DEMO-POLICE');
  expect((await h.call('home.summary', {}, { as: police })).data.cases).toMatchObject({ open: 0, overdue: 0 });

  expect((await report('sexual_abuse')).ok).toBe(true); // P1, police lead: due in 1 hour
  expect((await report('fraud_loans')).ok).toBe(true); // P2, police lead
  expect((await report('sexual_abuse', 'lancang')).ok).toBe(true); // another county's police

  let s = (await h.call('home.summary', {}, { as: police })).data.cases;
  expect(s).toMatchObject({ open: 2, overdue: 0, escalated: 0 });
  expect(s.newest[0]).toMatchObject({ priority: 'P1' });

  h.clock.advance(61 * 60 * 1000);
  s = (await h.call('home.summary', {}, { as: police })).data.cases;
  expect(s).toMatchObject({ open: 2, overdue: 1 });
});

test('a student or guardian gets no case numbers', async () => {
  await report('sexual_abuse');
  for (const code of ['DEMO-STUDENT', 'DEMO-PARENT']) {
    const who = await h.as(code);
    const res = await h.call('home.summary', {}, { as: who });
    expect(res.ok).toBe(true);
    expect(res.data.cases).toBeNull();
  }
  // A class teacher follows only the mandatory reports they filed: none yet.
  const teacher = await h.as('DEMO-TEACHER');
  expect((await h.call('home.summary', {}, { as: teacher })).data.cases).toMatchObject({ open: 0 });
});

test('home.summary needs a session', async () => {
  const res = await h.call('home.summary', {});
  expect(res.error?.code).toBe('UNAUTHENTICATED');
});

test('the guardian\'s 首页 says the psychology teacher left words or answered a request (a count), also after the campaign', async () => {
  const hh = await makeHarness('2026-12-01T02:00:00Z');
  try {
    const parent = await hh.as('DEMO-PARENT');
    const before = (await hh.call('home.summary', {}, { as: parent })).data.screening;
    expect(before.news).toBeUndefined();
    const psy = await hh.as('DEMO-PSY');
    await hh.call('screening.fileUpdate', { studentId: 'stu-simao-1', change: { kind: 'notification', how: 'app', text: '在小程序里告知。', guardianMessage: '孩子最近有些压力，周五请来学校聊一聊。' } }, { as: psy });
    const after = (await hh.call('home.summary', {}, { as: parent })).data.screening;
    expect(after).toMatchObject({ role: 'guardian', news: 1 });
    expect(JSON.stringify(after)).not.toContain('周五'); // a count, never the words
    // the campaign over: the card stays for the words
    hh.clock.set('2027-02-01T02:00:00Z');
    expect((await hh.call('home.summary', {}, { as: parent })).data.screening).toEqual({ role: 'guardian', news: 1 });
  } finally { await hh.close(); }
});

/**
 * The scheduler's holiday reminders: each at most once per guardian,
 * campaign and kind, when the scheduler runs twice and when a run dies half
 * way and is run again. 端午 2026: days off 19-21 June, school on 22 June.
 */
import { runHolidayReminders } from '../../src/cloud/handlers/scheduler/holidayReminders';
import { deliverOutbox, type SubscribeMessage } from '../../src/cloud/functions/scheduler/deliver';
import type { Store } from '../../src/cloud/store/types';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

const CAMPAIGN = 'dragon_boat-2026';

/** Guardians of the demo child who opted in, one who said no, and one who never answered. */
async function guardians(optedIn: number) {
  const who = [];
  for (let i = 0; i < optedIn; i++) {
    const g = await h.as('DEMO-PARENT');
    expect((await h.call('reminder.subscribe', { accepted: true }, { as: g })).ok).toBe(true);
    who.push(g);
  }
  const no = await h.as('DEMO-GRANDPARENT');
  await h.call('reminder.subscribe', { accepted: false }, { as: no });
  await h.as('DEMO-PARENT'); // never answered
  return { who, no };
}

const reminders = async () => (await h.store.collection('outbox').find()).filter((r) => r.holidayKind);
const keyOf = (r: Record<string, unknown>) => `${r.holidayCampaignId}|${r.holidayKind}|${r.to}`;
const run = (store: Store = h.store) => runHolidayReminders({ store, clock: h.clock, batch: 2 });

/** A store whose outbox dies after writing `n` rows, like a cloud function killed mid-run (mid-batch, too). */
function dyingStore(n: number): Store {
  let left = n;
  return new Proxy(h.store, {
    get(target, prop) {
      if (prop !== 'collection') return Reflect.get(target, prop);
      return (name: string) => {
        const c = target.collection(name as never);
        if (name !== 'outbox') return c;
        return new Proxy(c, {
          get(col, p) {
            if (p !== 'insertMany') return Reflect.get(col, p);
            return async (docs: never[]) => {
              const room = Math.max(0, left);
              left -= docs.length;
              if (docs.length <= room) return col.insertMany(docs);
              await col.insertMany(docs.slice(0, room));
              throw new Error('killed');
            };
          },
        });
      };
    },
  });
}

test('3 days before: one reminder to each guardian who opted in (and June\'s drowning tip); a second run writes nothing', async () => {
  const { who, no } = await guardians(5);
  h.clock.set('2026-06-16T02:00:00Z');
  expect(await run()).toMatchObject({ guardians: 5, written: 10 });
  expect(await run()).toMatchObject({ written: 0 });
  const rows = await reminders();
  const before = rows.filter((r) => r.holidayKind === 'before_break');
  expect(before.map((r) => r.to).sort()).toEqual(who.map((w) => w.userId).sort());
  expect(before.every((r) => r.holidayCampaignId === CAMPAIGN && r.template === 'holiday_reminder')).toBe(true);
  const tips = rows.filter((r) => r.holidayKind === 'month:06');
  expect(tips.map((r) => r.to).sort()).toEqual(who.map((w) => w.userId).sort());
  expect(tips.every((r) => r.template === 'drowning_tip')).toBe(true);
  expect(rows.some((r) => r.to === no.userId)).toBe(false);
});

test('killed half way and run again: every reminder exactly once', async () => {
  await guardians(7);
  h.clock.set('2026-06-16T02:00:00Z');
  await expect(run(dyingStore(3))).rejects.toThrow('killed');
  expect(await reminders()).toHaveLength(3);
  await expect(run(dyingStore(2))).rejects.toThrow('killed');
  expect(await reminders()).toHaveLength(5);
  await run();
  await run();
  const rows = await reminders();
  expect(rows).toHaveLength(14); // 7 guardians × (before_break + June's drowning tip)
  expect(new Set(rows.map(keyOf)).size).toBe(14);
});

test('two runs at once write each reminder once', async () => {
  await guardians(6);
  h.clock.set('2026-06-17T02:00:00Z');
  await Promise.all([run(), run(), run()]);
  const rows = await reminders();
  expect(new Set(rows.map(keyOf)).size).toBe(rows.length);
  expect(rows.filter((r) => r.holidayKind === 'before_break')).toHaveLength(6);
});

test('2 days before: a private nudge only to the guardians who have not signed', async () => {
  const { who } = await guardians(3);
  const pledgeIds = (await h.call('holiday.current', {}, { as: who[0] })).data.pledges.map((p: { id: string }) => p.id);
  expect((await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: 'stu-simao-1', pledgeIds, method: 'confirm' }, { as: who[0] })).ok).toBe(true);
  h.clock.set('2026-06-17T02:00:00Z');
  await run();
  await run();
  const nudges = (await reminders()).filter((r) => r.holidayKind === 'nudge');
  expect(nudges.map((r) => r.to).sort()).toEqual([who[1].userId, who[2].userId].sort());
  expect(nudges.every((r) => r.template === 'holiday_nudge' && r.channel === 'subscribe_message')).toBe(true);
});

test('the day before school resumes, and weekly during the summer break with drowning tips monthly', async () => {
  await guardians(2);
  h.clock.set('2026-06-21T02:00:00Z');
  await run();
  expect((await reminders()).filter((r) => r.holidayKind === 'before_resume')).toHaveLength(2);
  // 25 July: the third week of the summer break (11 July - 31 August), and July's drowning tip.
  h.clock.set('2026-07-25T02:00:00Z');
  await run();
  await run();
  const kinds = (await reminders()).map((r) => `${r.holidayCampaignId}|${r.holidayKind}`);
  expect(kinds.filter((k) => k === 'summer_break-2026|weekly:2')).toHaveLength(2);
  expect(kinds.filter((k) => k === 'drowning_season-2026|month:07')).toHaveLength(2);
  // Outside May-September and outside any campaign: nothing.
  h.clock.set('2026-11-10T02:00:00Z');
  await h.store.collection('settings').remove('holiday.terms');
  expect(await run()).toMatchObject({ written: 0 });
});

test('on CloudBase a guardian who opted in is reached at the address they gave; one who said no is not', async () => {
  const g = await h.as('DEMO-PARENT');
  await h.call('reminder.subscribe', { accepted: true }, { as: { ...g, notifyAddress: 'openid-guardian-1' } });
  const n = await h.as('DEMO-GRANDPARENT');
  await h.call('reminder.subscribe', { accepted: false }, { as: { ...n, notifyAddress: 'openid-guardian-2' } });
  await h.store.collection('guardianships').put({ _id: `${n.userId}:x`, userId: n.userId, studentId: 'stu-simao-1', since: 0 });
  h.clock.set('2026-06-16T02:00:00Z');
  await run();
  const sent: SubscribeMessage[] = [];
  await deliverOutbox({ store: h.store, clock: h.clock, send: async (m) => { sent.push(m); }, templates: () => ({ id: 'tpl' }) });
  // before_break and June's drowning tip, both to the one who said yes
  expect(sent.map((m) => m.touser)).toEqual(['openid-guardian-1', 'openid-guardian-1']);
  expect(sent[0].page).toBe('packageHoliday/pages/letter/index');
  const subs = await h.store.collection('reminder_subs').find();
  expect(JSON.stringify(subs)).not.toContain('openid-guardian-2');
});

test('one pass a day: a finished pass is not repeated; a cut-short pass continues where it stopped', async () => {
  await guardians(7);
  h.clock.set('2026-06-16T02:00:00Z');
  // batch 2: dies on the third page, after two pages (4 guardians × 2 reminders) were written
  await expect(run(dyingStore(9))).rejects.toThrow('killed');
  const pass = await h.store.collection('settings').get('holiday.reminders.pass');
  expect(pass).toMatchObject({ day: '2026-06-16', done: false });
  expect(String(pass!.after)).not.toBe('');
  const resumed = await run();
  expect(resumed.guardians).toBeLessThan(7); // it did not start again from the first guardian
  expect(await reminders()).toHaveLength(14);
  expect(await run()).toMatchObject({ skipped: true, written: 0 });
  // Someone who opts in later that day is reached by the next day's pass.
  const late = await h.as('DEMO-PARENT');
  await h.call('reminder.subscribe', { accepted: true }, { as: late });
  expect(await run()).toMatchObject({ skipped: true });
  h.clock.set('2026-06-17T02:00:00Z');
  await run();
  expect((await reminders()).filter((r) => r.to === late.userId).map((r) => r.holidayKind).sort()).toEqual(['before_break', 'month:06', 'nudge']);
});

test('泼水节: a guardian of a child in 孟连 is reminded 3 days before (water), once; a guardian in 思茅 is not', async () => {
  h.clock.set('2026-04-09T02:00:00Z'); // between 清明 and 劳动节: no campaign is open, no drowning season
  const local = await h.as('DEMO-PARENT'); // the demo child is in 思茅
  await h.call('reminder.subscribe', { accepted: true }, { as: local });
  const far = await h.as('DEMO-PARENT');
  await h.call('reminder.subscribe', { accepted: true }, { as: far });
  await h.store.collection('students').put({
    _id: 'stu-menglian-x', id: 'stu-menglian-x', name: '岩温', schoolId: 'sch-menglian-2', classId: 'cls-menglian-2-5-1', grade: 5, birthDate: '2015-05-01',
  });
  await h.store.collection('guardianships').put({ _id: `${far.userId}:menglian`, userId: far.userId, studentId: 'stu-menglian-x', since: 0 });
  expect(await run()).toMatchObject({ written: 0 }); // 9 April: 13 April is 4 days away
  h.clock.set('2026-04-10T02:00:00Z');
  await run();
  h.clock.set('2026-04-11T02:00:00Z');
  await run();
  const rows = await reminders();
  expect(rows.map((r) => [r.to, r.holidayCampaignId, r.holidayKind])).toEqual([[far.userId, 'festival-water_splashing-2026', 'before_festival']]);
  const data = (rows[0] as unknown as { data: Record<string, string> }).data;
  expect(data.title).toBe('泼水节安全提醒');
  expect(data.tip).toMatch(/玩水/);
  expect([...data.tip].length).toBeLessThanOrEqual(20);
  expect(data.due).toBe('4月13日前后');
});

/**
 * Every write action is bounded per caller (WRITES_PER_HOUR in policy.ts):
 * a script's burst is refused with RATE_LIMITED, each refused request leaves
 * nothing behind (no audit row, no record), a person is not affected, and a
 * write action nobody listed still gets the default limit.
 */
import { DEFAULT_WRITES_PER_HOUR, WRITE_ACTIONS, WRITES_PER_HOUR, writesPerHour } from '../../src/domain/policy';
import { expectKindError, ok } from '../fixtures/reports';
import { memoryWriteLimiter, type WriteLimiter } from '../../src/cloud/core/memoryWriteLimit';
import { ADDRESS_SHARED_BY } from '../../src/cloud/core/rateLimit';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

test('every write action has a per-caller limit; one nobody listed gets the default', () => {
  for (const action of WRITE_ACTIONS) expect({ action, limit: writesPerHour(action) }).toEqual({ action, limit: expect.any(Number) });
  for (const action of WRITE_ACTIONS) expect(writesPerHour(action)).toBeGreaterThan(0);
  expect(Object.keys(WRITES_PER_HOUR).filter((a) => !WRITE_ACTIONS.has(a))).toEqual([]); // no limit for an action that is not a write
  expect(writesPerHour('someone.newWrite')).toBe(DEFAULT_WRITES_PER_HOUR);
});

// Both places a count can be kept (memoryWriteLimit.ts): rows in rate_limits (CloudBase, and the harness by
// default) and this process's memory (the local server).
const limiters: Array<[string, () => WriteLimiter | undefined]> = [
  ['stored in rate_limits', () => undefined],
  ['kept in memory', () => memoryWriteLimiter(h.clock, h.serverKey)],
];
describe.each(limiters)('the count %s', (_where, limiter) => {
  beforeEach(() => { h.env.writeLimiter = limiter(); });

  test('200 parallel reminder.subscribe from one guardian: the limit lands, the rest are refused and leave no audit row', async () => {
    const parent = await h.as('DEMO-PARENT');
    const auditBefore = await h.store.collection('audit').count({ action: 'reminder.subscribe' });
    const idemBefore = await h.store.collection('idempotency').count();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      h.call('reminder.subscribe', { accepted: i % 2 === 0 }, { as: parent })));
    const landed = answers.filter((r) => r.ok);
    const refused = answers.filter((r) => !r.ok);
    expect(landed).toHaveLength(WRITES_PER_HOUR['reminder.subscribe']);
    for (const r of refused) expectKindError(r, 'RATE_LIMITED');
    const audits = await h.store.collection('audit').count({ action: 'reminder.subscribe' });
    expect(audits - auditBefore).toBe(landed.length);
    // the idempotency records: one per landed request, none for the refused
    expect(await h.store.collection('idempotency').count()).toBe(idemBefore + landed.length);

    // another guardian is not affected, and the next hour the first one may write again
    ok(await h.call('reminder.subscribe', { accepted: true }, { as: await h.as('DEMO-GRANDPARENT') }));
    expectKindError(await h.call('reminder.subscribe', { accepted: true }, { as: parent }), 'RATE_LIMITED');
    h.clock.advance(3600_000);
    ok(await h.call('reminder.subscribe', { accepted: true }, { as: parent }));
  });

  test('a replay of a landed write is answered without counting against the limit', async () => {
    const parent = await h.as('DEMO-PARENT');
    const first = ok(await h.call('reminder.subscribe', { accepted: true }, { as: parent, requestId: 'req_replayed_0001' }));
    for (let i = 0; i < WRITES_PER_HOUR['reminder.subscribe'] + 5; i++) {
      expect(ok(await h.call('reminder.subscribe', { accepted: true }, { as: parent, requestId: 'req_replayed_0001' }))).toEqual(first);
    }
    ok(await h.call('reminder.subscribe', { accepted: false }, { as: parent }));
  });
});

describe('the count kept in memory (the local server)', () => {
  const HOUR = 3600_000;

  test('a write whose unit fails after it was counted gives its count back (a stored count rolls back with the unit)', async () => {
    h.env.writeLimiter = memoryWriteLimiter(h.clock, h.serverKey);
    const parent = await h.as('DEMO-PARENT');
    const real = h.store;
    let failNext = true;
    // The idempotency record is the unit's last write, after the count: a fault there fails the unit once.
    h.env.store = {
      ...real,
      collection: ((name: Parameters<typeof real.collection>[0]) => {
        const c = real.collection(name);
        if (name !== 'idempotency') return c;
        return { ...c, insert: async (d: any) => { if (failNext) { failNext = false; throw new Error('disk full'); } return c.insert(d); } };
      }) as typeof real.collection,
    };
    expect((await h.call('reminder.subscribe', { accepted: true }, { as: parent })).error?.code).toBe('INTERNAL');
    for (let i = 0; i < WRITES_PER_HOUR['reminder.subscribe']; i++) ok(await h.call('reminder.subscribe', { accepted: i % 2 === 0 }, { as: parent }));
    expectKindError(await h.call('reminder.subscribe', { accepted: true }, { as: parent }), 'RATE_LIMITED');
  });

  test('check, count and cancel; an address is shared by many, a new hour starts at zero', async () => {
    const limiter = memoryWriteLimiter(h.clock, h.serverKey);
    const take = (who: string, mode: 'check' | 'count' | 'cancel' = 'count') => limiter.limit(who, 'write:x', 2, HOUR, mode);
    await take('user:a');
    await take('user:a');
    await expect(take('user:a', 'check')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(take('user:a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await take('user:a', 'cancel');
    await take('user:a', 'check');
    await take('user:a');
    // cancel never goes below zero: three given back, then only two fit again
    for (let i = 0; i < 3; i++) await take('user:b', 'cancel');
    await take('user:b');
    await take('user:b');
    await expect(take('user:b')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // ADDRESS_SHARED_BY times as many for a caller known only by address
    for (let i = 0; i < 2 * ADDRESS_SHARED_BY; i++) await take('ip:10.0.0.1');
    await expect(take('ip:10.0.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    h.clock.advance(HOUR);
    await take('user:a');
    await take('ip:10.0.0.1');
  });
});

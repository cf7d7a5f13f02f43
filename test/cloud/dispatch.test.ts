/**
 * The dispatcher's stored idempotency where there is no unit of work
 * (CloudBase: the store has no unitOfWork, so these tests hide SQLite's): a
 * write replayed with its request id is applied once; a copy racing the first
 * is told to wait; a marker left by a run that died does not block the request
 * forever. The SQLite path (one transaction per request) is in unitOfWork.test.ts.
 */
import { z } from 'zod';
import { AppError } from '../../src/domain/errors';
import { defineAction } from '../../src/cloud/core/action';
import { dispatch, PENDING_STALE_MS, type DispatchEnv } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { makeHarness, type Harness } from './harness';

let h: Harness;
let runs: number;
let hang: Promise<void> | null;
let env: DispatchEnv;

// A stand-in write action ('case.note' is a write the policy lets a handler call).
const note = defineAction({
  name: 'case.note',
  input: z.object({ text: z.string() }).strict(),
  async handle({ text }) {
    runs++;
    if (hang) await hang;
    return { saved: text, run: runs };
  },
});

beforeEach(async () => {
  h = await makeHarness();
  runs = 0;
  hang = null;
  env = {
    store: { collection: (name) => h.store.collection(name), close: async () => undefined },
    clock: h.clock, serverKey: h.serverKey, outbox: storeOutbox(h.store, h.clock),
    platform: { name: 'local', checkText: async () => ({ ok: true, skipped: true }) } as any,
    actions: new Map([[note.name, note as any]]),
  };
});
afterEach(() => h.close());

test('a replay returns the first answer without running again', async () => {
  const who = await h.as('DEMO-POLICE');
  const a = await dispatch({ action: 'case.note', data: { text: '已电话联系' }, requestId: 'req_same_12345' }, who, env);
  const b = await dispatch({ action: 'case.note', data: { text: '已电话联系' }, requestId: 'req_same_12345' }, who, env);
  expect(b).toEqual(a);
  expect(runs).toBe(1);
});

test('a copy arriving while the first still runs is told to wait, and may retry', async () => {
  const who = await h.as('DEMO-POLICE');
  let release!: () => void;
  hang = new Promise((r) => (release = r));
  const first = dispatch({ action: 'case.note', data: { text: 'x' }, requestId: 'req_race_12345' }, who, env);
  await new Promise((r) => setTimeout(r, 20));
  const second = await dispatch({ action: 'case.note', data: { text: 'x' }, requestId: 'req_race_12345' }, who, env);
  expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { inProgress: true } } });
  release();
  expect(await first).toMatchObject({ ok: true });
  expect(runs).toBe(1);
});

test('a marker left by a run that died is taken over once it is stale, by one retry only', async () => {
  const who = await h.as('DEMO-POLICE');
  hang = new Promise(() => undefined); // the first run never finishes: the process "died"
  void dispatch({ action: 'case.note', data: { text: 'y' }, requestId: 'req_dead_12345' }, who, env);
  await new Promise((r) => setTimeout(r, 20));
  hang = null;

  const early = await dispatch({ action: 'case.note', data: { text: 'y' }, requestId: 'req_dead_12345' }, who, env);
  expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

  h.clock.advance(PENDING_STALE_MS + 1);
  const [a, b] = await Promise.all([
    dispatch({ action: 'case.note', data: { text: 'y' }, requestId: 'req_dead_12345' }, who, env),
    dispatch({ action: 'case.note', data: { text: 'y' }, requestId: 'req_dead_12345' }, who, env),
  ]);
  const oks = [a, b].filter((r) => r.ok);
  expect(oks).toHaveLength(1);
  expect(runs).toBe(2); // the dead run, and exactly one takeover
  const replay = await dispatch({ action: 'case.note', data: { text: 'y' }, requestId: 'req_dead_12345' }, who, env);
  expect(replay).toEqual(oks[0]);
});

test('without a unit, a write refused by its handler or failing gives its count back; a landed one keeps it', async () => {
  // The per-caller write limit (WRITES_PER_HOUR) is counted before the handler runs, so a parallel burst cannot
  // pass it; a request that then wrote nothing leaves the counters as it found them, as a rolled-back unit would.
  const reply = defineAction({
    name: 'case.reply',
    input: z.object({ text: z.string(), fail: z.boolean().optional() }).strict(),
    async handle({ text, fail }) {
      if (fail) throw new Error('disk full');
      if (text.length < 2) throw new AppError('BAD_INPUT', '回复太短了。');
      return { text };
    },
  });
  env = { ...env, actions: new Map([...env.actions, [reply.name, reply as any]]) };
  const who = await h.as('DEMO-POLICE');
  const counters = async () => (await h.store.collection<{ _id: string; count: number }>('rate_limits').find()).map((r) => [r._id, r.count]).sort();
  const before = await counters();
  const call = (data: object) => dispatch({ action: 'case.reply', data, requestId: `req_refund_${Math.random().toString(36).slice(2, 10)}` }, who, env);
  expect(await call({ text: '好' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  expect(await call({ text: '已处理', fail: true })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(await counters()).toEqual(before);
  expect(await call({ text: '已处理' })).toMatchObject({ ok: true });
  const landed = await counters();
  const added = landed.filter((row) => !before.some((b) => b[0] === row[0]));
  expect(added).toEqual([[expect.any(String), 1]]);
  // a refusal after that gives back only its own count: the landed write stays counted
  expect(await call({ text: '好' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  expect(await counters()).toEqual(landed);
});

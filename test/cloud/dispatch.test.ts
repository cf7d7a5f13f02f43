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
import { makeHarness, sqliteOnly, type Harness } from './harness';

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

test('ctx.keepFirst: a retry after a fault gets the first attempt\'s view at once; a refusal or a fault before it leaves no marker', async () => {
  // A stand-in that counts what is "new" before writing, then fails part-way on its first attempts.
  const seen: number[] = [];
  let stored = 0;
  let failAfterKeep = true;
  let failBeforeKeep = false;
  const count = defineAction({
    name: 'case.reply',
    input: z.object({ text: z.string() }).strict(),
    async handle(_input, ctx) {
      if (failBeforeKeep) throw new Error('network down');
      const fresh = await ctx.keepFirst(3 - stored); // what is still to write, as this attempt finds it
      seen.push(fresh);
      stored = 3;
      if (failAfterKeep) throw new Error('crashed after writing');
      return { added: fresh };
    },
  });
  env = { ...env, actions: new Map([[count.name, count as any]]) };
  const who = await h.as('DEMO-POLICE');
  const call = () => dispatch({ action: 'case.reply', data: { text: 'a' }, requestId: 'req_keep_12345' }, who, env);
  const earlier = new Set((await h.store.collection('idempotency').find()).map((m) => m._id)); // signing in wrote its own
  const markers = async () => (await h.store.collection<{ _id: string; state: string; firstView?: unknown }>('idempotency').find()).filter((m) => !earlier.has(m._id));
  expect(await call()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect((await markers()).map((m) => [m.state, m.firstView])).toEqual([['interrupted', 3]]);
  // the retry comes at once (no stale wait), finds everything written, and still answers what the request added
  failAfterKeep = false;
  expect(await call()).toEqual({ ok: true, data: { added: 3 } });
  expect(seen).toEqual([3, 3]);
  expect((await markers()).map((m) => m.state)).toEqual(['done']);

  // a fault before anything was kept: the marker goes, and another request starts afresh
  failBeforeKeep = true;
  const other = () => dispatch({ action: 'case.reply', data: { text: 'b' }, requestId: 'req_keep_67890' }, who, env);
  expect(await other()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(await markers()).toHaveLength(1);
  failBeforeKeep = false;
  stored = 1;
  expect(await other()).toEqual({ ok: true, data: { added: 2 } });
});

sqliteOnly('a unit of work is SQLite\'s transaction; CloudBase keeps the first view, tested above', 'ctx.keepFirst under a unit of work (SQLite) hands back the value: a failed attempt leaves nothing to remember', async () => {
  const keep = defineAction({
    name: 'case.reply',
    input: z.object({ n: z.number() }).strict(),
    async handle({ n }, ctx) { return { kept: await ctx.keepFirst(n) }; },
  });
  const real: DispatchEnv = { ...env, store: h.store, actions: new Map([[keep.name, keep as any]]) };
  const who = await h.as('DEMO-POLICE');
  expect(await dispatch({ action: 'case.reply', data: { n: 7 }, requestId: 'req_unit_12345' }, who, real)).toEqual({ ok: true, data: { kept: 7 } });
  const all = await h.store.collection<{ _id: string; firstView?: unknown; result?: unknown }>('idempotency').find();
  const marker = all.find((m) => JSON.stringify(m.result) === JSON.stringify({ kept: 7 }));
  expect(marker).toBeDefined();
  expect(marker).not.toHaveProperty('firstView');
});

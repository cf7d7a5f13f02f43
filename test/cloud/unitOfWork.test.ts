/**
 * One unit of work per write request on SQLite (sqlite.ts, dispatch.ts):
 *  - a write's rows (records, audit, outbox, idempotency record) land together
 *    or not at all;
 *  - nobody else reads a unit's rows before it commits;
 *  - two copies of one request racing: the second answers what the first
 *    stored and writes nothing of its own;
 *  - writes outside any unit wait for the open one and then land;
 *  - ctx.newId is the same for a retry of the same request and differs otherwise.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineAction } from '../../src/cloud/core/action';
import { dispatch, type DispatchEnv } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { makeHarness, sqliteOnly, type Harness } from './harness';

/**
 * Why the unit tests need SQLite: they test its transaction (BEGIN IMMEDIATE … COMMIT/ROLLBACK, the
 * read-only second connection, the per-file lock). The CloudBase adapter has no unit of work; its
 * crash safety (order, ids from ctx.newId, the pending marker) is tested in dispatch.test.ts,
 * test/reliability/sideEffects.test.ts and by ctx.newId below, which runs on both.
 */
const UNIT = 'SQLite transaction (unit of work): CloudBase has none, see dispatch.test.ts for its pending marker';

let h: Harness;
let env: DispatchEnv;
let gate: Promise<void> | null;
let runs: number;
let ids: string[];

// A stand-in write ('case.note' is a write a handler may call): a record, a message and an audit row, with a pause between.
const note = defineAction({
  name: 'case.note',
  input: z.object({ text: z.string(), fail: z.boolean().optional() }).strict(),
  async handle({ text, fail }, ctx) {
    runs++;
    const id = 'n' + ctx.newId('note');
    ids.push(id, ctx.newId('note'));
    await ctx.store.collection('settings').insert({ _id: id, text });
    if (gate) await gate;
    await ctx.outbox.send({ channel: 'staff_inbox', to: 'simao.police', template: 'note', data: { text } });
    await ctx.audit({ action: 'case.note', subjectId: id });
    if (fail) throw new Error('disk full');
    return { id };
  },
});

beforeEach(async () => {
  h = await makeHarness();
  gate = null;
  runs = 0;
  ids = [];
  env = { ...h.env, outbox: storeOutbox(h.store, h.clock), actions: new Map([[note.name, note as any]]) };
});
afterEach(() => h.close());

const notes = () => h.store.collection('settings').find({ text: { $ne: null } });

sqliteOnly(UNIT, 'a fault after some writes leaves none of them: record, message, audit row and idempotency record roll back together', async () => {
  const who = await h.as('DEMO-POLICE');
  const before = await h.store.dump!();
  const res = await dispatch({ action: 'case.note', data: { text: '写到一半', fail: true }, requestId: 'req_uow_fail_01' }, who, env);
  expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  const after = await h.store.dump!();
  for (const name of ['settings', 'outbox', 'audit', 'idempotency'] as const) expect({ name, rows: after[name] }).toEqual({ name, rows: before[name] });
  // and the next request runs cleanly
  expect((await dispatch({ action: 'case.note', data: { text: '写到一半', fail: false }, requestId: 'req_uow_fail_02' }, who, env)).ok).toBe(true);
});

sqliteOnly(UNIT, 'nobody reads a unit\'s rows before it commits', async () => {
  const who = await h.as('DEMO-POLICE');
  let open!: () => void;
  gate = new Promise((r) => (open = r));
  const pending = dispatch({ action: 'case.note', data: { text: '还没提交' }, requestId: 'req_uow_iso_01' }, who, env);
  while (ids.length === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20)); // the unit has written its record and waits
  expect(await notes()).toEqual([]);
  expect((await h.store.dump!()).settings.filter((s: any) => s.text)).toEqual([]);
  open();
  const res = await pending;
  expect(res.ok).toBe(true);
  expect(await notes()).toEqual([expect.objectContaining({ text: '还没提交' })]);
  expect(await h.store.collection('outbox').count({ template: 'note' })).toBe(1);
});

sqliteOnly(UNIT, 'a write outside any unit waits for the open one, then lands', async () => {
  const who = await h.as('DEMO-POLICE');
  let open!: () => void;
  gate = new Promise((r) => (open = r));
  const pending = dispatch({ action: 'case.note', data: { text: '先开始' }, requestId: 'req_uow_wait_01' }, who, env);
  while (ids.length === 0) await new Promise((r) => setTimeout(r, 5));
  let outsideDone = false;
  const outside = h.store.collection('settings').insert({ _id: 'outside', value: 1 }).then(() => { outsideDone = true; });
  await new Promise((r) => setTimeout(r, 20));
  expect(outsideDone).toBe(false);
  open();
  await Promise.all([pending, outside]);
  expect(await h.store.collection('settings').get('outside')).toMatchObject({ value: 1 });
});

sqliteOnly(UNIT, 'two copies of one request racing: one record, one message, the same answer (the second waits for the lock; on CloudBase it is told to wait instead)', async () => {
  const who = await h.as('DEMO-POLICE');
  const request = { action: 'case.note', data: { text: '同时到达' }, requestId: 'req_uow_race_01' };
  const [a, b] = await Promise.all([dispatch(request, who, env), dispatch(request, who, env)]);
  expect(a).toEqual(b);
  expect(a.ok).toBe(true);
  expect(await notes()).toHaveLength(1);
  expect(await h.store.collection('outbox').count({ template: 'note' })).toBe(1);
  expect(await h.store.collection('audit').count({ action: 'case.note' })).toBe(1);
  expect(runs).toBe(2); // both ran their handler; the second found the first's answer once it held the lock
});

test('ctx.newId: the same for a retry of the same request, different by kind, sequence, request and caller', async () => {
  const police = await h.as('DEMO-POLICE');
  const other = await h.as('DEMO-POLICE');
  await dispatch({ action: 'case.note', data: { text: 'a', fail: true }, requestId: 'req_uow_ids_01' }, police, env);
  const firstTry = ids.splice(0);
  await dispatch({ action: 'case.note', data: { text: 'a' }, requestId: 'req_uow_ids_01' }, police, env);
  const retry = ids.splice(0);
  expect(retry).toEqual(firstTry);
  expect(new Set(retry).size).toBe(2); // the 1st and 2nd id of a kind differ
  for (const id of retry) expect(id).toMatch(/^n?[0-9a-f]{32}$/);
  await dispatch({ action: 'case.note', data: { text: 'a' }, requestId: 'req_uow_ids_02' }, police, env);
  await dispatch({ action: 'case.note', data: { text: 'a' }, requestId: 'req_uow_ids_01' }, other, env);
  expect(new Set([...retry, ...ids]).size).toBe(6);
});

sqliteOnly('SQLite\'s WAL file and its checkpoint worker (it opens its own SQLite file, whatever STORE is)', 'the WAL checkpoint runs off the request thread when asked (the local server does), and close waits for it', async () => {
  const file = path.join(h.dir, 'bg.db');
  const store = openSqliteStore(file, { checkpointInBackground: true });
  const settings = store.collection('settings');
  for (let i = 0; i < 200; i++) await settings.insert({ _id: `row${i}`, value: i });
  // the worker's PASSIVE checkpoints copy the WAL into the database file itself within a second
  // (SQLite's own checkpoint would wait for 1,000 pages of WAL, which 200 small rows do not make)
  const inMainFile = () => readFileSync(file).includes('"row199"');
  expect(inMainFile()).toBe(false);
  const until = Date.now() + 3000;
  while (!inMainFile() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  expect(inMainFile()).toBe(true);
  await store.close();
  const again = openSqliteStore(file);
  expect(await again.collection('settings').count()).toBe(200);
  await again.close();
});

describe('group commit (sqlite.ts): units finishing together share one COMMIT', () => {
  const GROUP = 'SQLite group commit: CloudBase has no transactions to group';
  const tmp = () => require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'huhang-group-'));
  const rawCount = (file: string, sql: string) => {
    const Database = require('better-sqlite3');
    const db = new Database(file, { readonly: true });
    try { return (db.prepare(sql).pluck().get() as number); } finally { db.close(); }
  };

  sqliteOnly(GROUP, 'parallel units: each is answered only once its rows are committed, and far fewer COMMITs run than units', async () => {
    const file = path.join(tmp(), 'g.db');
    const store = openSqliteStore(file);
    const Database = require('better-sqlite3');
    const commits = { n: 0 };
    const exec = Database.prototype.exec;
    const spy = jest.spyOn(Database.prototype, 'exec').mockImplementation(function (this: any, sql: unknown) {
      if (sql === 'COMMIT') commits.n++;
      return exec.call(this, sql);
    });
    try {
      const seenByOthers: number[] = [];
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.unitOfWork!(async () => {
        await store.collection('settings').insert({ _id: `g${i}`, value: i });
        await store.collection('audit').insert({ _id: `ga${i}`, at: i, action: 'g' });
      }).then(() => {
        // another connection (another process would see the same): the unit's rows are there when it is answered
        seenByOthers.push(rawCount(file, `SELECT count(*) FROM settings WHERE id = 'g${i}'`));
      })));
      expect(seenByOthers).toEqual(Array(40).fill(1));
      expect(commits.n).toBeGreaterThanOrEqual(3); // at most 16 units a commit
      expect(commits.n).toBeLessThan(40);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  sqliteOnly(GROUP, 'a unit that fails in a group takes only its own rows back; the others land', async () => {
    const store = openSqliteStore(path.join(tmp(), 'g.db'));
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.unitOfWork!(async () => {
        await store.collection('settings').insert({ _id: `f${i}`, value: i });
        if (i % 2) throw new Error('fault');
      })));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect((await store.collection('settings').find({ value: { $gte: 0 } })).map((d) => d._id).sort()).toEqual(['f0', 'f2', 'f4']);
    } finally { await store.close(); }
  });

  sqliteOnly(GROUP, 'units that change far more pages than fit a 64 KiB journal roll back exactly (the savepoint journal is kept in memory)', async () => {
    const file = path.join(tmp(), 'g.db');
    const store = openSqliteStore(file);
    try {
      expect(store.connectionInfo().tempStore).toBe(2); // MEMORY: sqlite.ts says why
      await store.collection('settings').insert({ _id: 'before', value: -1, pad: 'b'.repeat(3000) });
      // each unit writes ~300 documents of 3 KB (about 900 KB of pages), the odd ones then fail, all in one group
      const results = await Promise.allSettled(Array.from({ length: 4 }, (_, u) => store.unitOfWork!(async () => {
        for (let i = 0; i < 300; i++) await store.collection('audit').insert({ _id: `big${u}-${i}`, at: i, action: `u${u}`, subjectId: `s${i % 7}`, detail: { pad: 'x'.repeat(3000) } });
        await store.collection('settings').update('before', { inc: { value: 1 } });
        if (u % 2) throw new Error('fault');
      })));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect(rawCount(file, `SELECT count(*) FROM audit WHERE id LIKE 'big%'`)).toBe(600);
      expect(rawCount(file, `SELECT count(*) FROM audit WHERE json_extract(doc, '$.action') IN ('u1', 'u3')`)).toBe(0);
      expect(rawCount(file, `SELECT json_extract(doc, '$.value') FROM settings WHERE id = 'before'`)).toBe(1);
      expect(rawCount(file, 'PRAGMA integrity_check')).toBe('ok');
    } finally { await store.close(); }
  });

  sqliteOnly(GROUP, 'a COMMIT that fails fails every unit of its group and keeps none of their rows', async () => {
    const file = path.join(tmp(), 'g.db');
    const store = openSqliteStore(file);
    const Database = require('better-sqlite3');
    const exec = Database.prototype.exec;
    let failNext = true;
    const spy = jest.spyOn(Database.prototype, 'exec').mockImplementation(function (this: any, sql: unknown) {
      if (sql === 'COMMIT' && failNext) { failNext = false; throw new Error('disk I/O error'); }
      return exec.call(this, sql);
    });
    try {
      const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.unitOfWork!(async () => {
        await store.collection('settings').insert({ _id: `c${i}`, value: i });
      })));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(rawCount(file, `SELECT count(*) FROM settings WHERE id LIKE 'c%'`)).toBe(0);
      // the next unit starts a fresh transaction and lands
      await store.unitOfWork!(async () => { await store.collection('settings').insert({ _id: 'after', value: 9 }); });
      expect(rawCount(file, `SELECT count(*) FROM settings WHERE id = 'after'`)).toBe(1);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  sqliteOnly(GROUP, 'a unit left alone after a refused one does not keep the write lock: another connection can write', async () => {
    const file = path.join(tmp(), 'g.db');
    const store = openSqliteStore(file);
    try {
      await expect(store.unitOfWork!(async () => {
        await store.collection('settings').insert({ _id: 'lonely', value: 1 });
        throw new Error('refused');
      })).rejects.toThrow('refused');
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      const Database = require('better-sqlite3');
      const other = new Database(file, { timeout: 50 });
      try { other.prepare(`INSERT INTO settings (id, doc) VALUES ('x', '{"_id":"x"}')`).run(); } finally { other.close(); }
      expect(rawCount(file, `SELECT count(*) FROM settings WHERE id IN ('x', 'lonely')`)).toBe(1);
    } finally { await store.close(); }
  });
  sqliteOnly(GROUP, 'addAtCommit: additions to one counter from a group\'s units are summed into it at the COMMIT; a failed unit\'s are not', async () => {
    const file = path.join(tmp(), 'g.db');
    const store = openSqliteStore(file);
    try {
      const counter = { _id: 'k1', kind: 'scr_done', period: 'p', state: 'done', bucket: 'c1', n: 0 };
      await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.unitOfWork!(async () => {
        await store.collection('settings').insert({ _id: `a${i}`, value: i });
        await store.addAtCommit!('tallies', 'k1', 'n', 1, counter);
        if (i === 5) await store.addAtCommit!('tallies', 'k1', 'n', -1, counter);
        if (i % 4 === 3) throw new Error('fault'); // units 3, 7, 11 roll back: their additions go with them
      })));
      expect(await store.collection('tallies').get('k1')).toEqual({ ...counter, n: 12 - 3 - 1 });
      expect(rawCount(file, `SELECT json_extract(doc, '$.n') FROM tallies WHERE id = 'k1'`)).toBe(8);
      // outside a unit: at once
      await store.addAtCommit!('tallies', 'k1', 'n', 2, counter);
      await store.addAtCommit!('tallies', 'k2', 'n', 3, { ...counter, _id: 'k2' });
      expect((await store.collection('tallies').find({ kind: 'scr_done' })).map((d: any) => [d._id, d.n])).toEqual([['k1', 10], ['k2', 3]]);
      await expect(store.addAtCommit!('tallies', 'k1', 'n', 0.5, counter)).rejects.toThrow('integer');
    } finally { await store.close(); }
  });
});

/**
 * The WAL starts over under a steady stream of writes (checkpointer.ts), so
 * it stays small and no COMMIT has to checkpoint on the request thread; and
 * the restart loses, hides or reorders nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCheckpointer, walNeedsRestart } from '../../src/cloud/store/checkpointer';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { sqliteOnly } from './harness';

const WAL = 'SQLite\'s WAL file and its checkpoint worker (it opens its own SQLite file, whatever STORE is)';
const PAGE = 4096;

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'huhang-wal-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The WAL's last frame, from the header of the shared-memory index (SQLite's wal-index header: mxFrame is the
 * u32 at byte 16, in the machine's byte order). Read from the file, as the readers' mapping of it is.
 */
const walFrames = (file: string) => readFileSync(file + '-shm').subarray(0, 64).readUInt32LE(16);

/**
 * Ten writers committing units back to back, as requests under load do (each unit ~3 KB of document,
 * so a few pages), until UNITS are acknowledged (or 15 s pass on a very slow machine); a read from
 * outside after each commit must find the row. Answers the largest WAL seen (in frames) and how many
 * units were acknowledged.
 */
const UNITS = 10_000;
async function steadyWrites(file: string, walRestartPages: number) {
  const store = openSqliteStore(file, { checkpointInBackground: true, checkpointEveryMs: 20, walRestartPages });
  const rows = store.collection('settings');
  const body = 'x'.repeat(3000);
  let acknowledged = 0;
  let missing = 0;
  let largest = 0;
  const until = Date.now() + 15_000;
  await Promise.all(Array.from({ length: 10 }, async (_, w) => {
    for (let i = 0; acknowledged < UNITS && Date.now() < until; i++) {
      const id = `w${w}-${i}`;
      await store.unitOfWork!(async () => { await rows.insert({ _id: id, body, w, i }); });
      acknowledged++;
      if (!(await rows.get(id))) missing++;
      largest = Math.max(largest, walFrames(file));
    }
  }));
  const count = await rows.count({ w: { $gte: 0 } });
  const walBytes = statSync(file + '-wal').size; // close() removes the file
  await store.close();
  const reopened = openSqliteStore(file);
  const afterReopen = await reopened.collection('settings').count({ w: { $gte: 0 } });
  await reopened.close();
  return { acknowledged, missing, largest, count, afterReopen, walBytes };
}

sqliteOnly(WAL, 'under steady writes the WAL starts over at its limit, and every acknowledged row is there, read at once and after reopening', async () => {
  const file = path.join(dir, 'steady.db');
  const r = await steadyWrites(file, 300);
  expect(r.acknowledged).toBeGreaterThanOrEqual(UNITS); // enough writes to pass the limit many times over
  expect(r.missing).toBe(0);
  expect(r.count).toBe(r.acknowledged);
  expect(r.afterReopen).toBe(r.acknowledged);
  // the limit plus what a pass (20 ms) and a catch-up let through; without restarts it grows with every write
  expect(r.largest).toBeLessThan(r.acknowledged); // sanity: frames are counted
  expect(r.largest).toBeLessThan(300 + 3700);
}, 40_000);

sqliteOnly(WAL, 'without the restart (limit out of reach) the same writes grow the WAL: what the test above rules out', async () => {
  const file = path.join(dir, 'control.db');
  const r = await steadyWrites(file, Number.MAX_SAFE_INTEGER);
  expect(r.missing).toBe(0);
  expect(r.count).toBe(r.acknowledged);
  expect(r.largest).toBeGreaterThan(300 + 3700);
  expect(r.walBytes).toBeGreaterThan((300 + 3700) * PAGE);
}, 40_000);

sqliteOnly(WAL, 'a checkpointer that has stopped answers a catch-up at once with nothing, so writes never wait on it', async () => {
  const file = path.join(dir, 'gone.db');
  const store = openSqliteStore(file); // makes the file in WAL mode
  await store.collection('settings').insert({ _id: 'a', v: 1 });
  const passes: number[] = [];
  const c = startCheckpointer(file, { everyMs: 10, busyTimeoutMs: 1000, timeoutMs: 5000, onPass: (s) => passes.push(s.log) });
  const live = await c.catchUp();
  expect(live).toEqual({ log: expect.any(Number), checkpointed: expect.any(Number) });
  expect(live!.checkpointed).toBe(live!.log); // nothing else writes: all of it copied
  await c.close();
  const t = Date.now();
  expect(await c.catchUp()).toBeNull();
  expect(Date.now() - t).toBeLessThan(1000);
  await store.close();
});

sqliteOnly(WAL, 'a catch-up the worker is slower to answer than the timeout answers null and waits no longer', async () => {
  const file = path.join(dir, 'slow.db');
  const Database = require('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // leave every page in the WAL: the worker's pass has 16 MB to copy
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
  db.transaction(() => { for (let i = 0; i < 4000; i++) ins.run('q'.repeat(3500)); })();
  const c = startCheckpointer(file, { everyMs: 60_000, busyTimeoutMs: 1000, timeoutMs: 1, onPass: () => undefined });
  const t = Date.now();
  expect(await c.catchUp()).toBeNull();
  expect(Date.now() - t).toBeLessThan(500);
  await new Promise((r) => setTimeout(r, 300)); // the late answer arrives and finds it done
  await c.close();
  db.close();
});

test('a restart is asked for only when the WAL is over its limit, was written since the last pass, and was copied whole', () => {
  const limit = 4000;
  expect(walNeedsRestart({ log: 5000, checkpointed: 5000 }, 4200, limit)).toBe(true);
  expect(walNeedsRestart({ log: 4000, checkpointed: 4000 }, -1, limit)).toBe(true); // at the limit, first pass
  expect(walNeedsRestart({ log: 3999, checkpointed: 3999 }, 100, limit)).toBe(false); // under the limit
  expect(walNeedsRestart({ log: 5000, checkpointed: 5000 }, 5000, limit)).toBe(false); // idle: the next write restarts it
  // a long read elsewhere held the pass back: no restart can happen until it ends, so none is asked for
  expect(walNeedsRestart({ log: 5000, checkpointed: 3100 }, 4200, limit)).toBe(false);
});

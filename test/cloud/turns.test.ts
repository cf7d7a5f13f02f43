/**
 * The SQLite store shares the event loop (src/cloud/store/turns.ts): its
 * calls are synchronous under settled promises, so without a yield a long
 * chain of them (a scheduler pass, an import) would serve nothing else until
 * it ended. A short chain, a request's own, never waits for a turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/cloud/store/sqlite';
import { TURN_BUDGET_MS } from '../../src/cloud/store/turns';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-turns-'));
  store = openSqliteStore(path.join(dir, 'store.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('store calls and the event loop (turns.ts)', () => {
  it('a long chain of writes and reads lets a waiting callback run before it ends, within about the budget', async () => {
    await nextTurn();
    const cases = store.collection('cases');
    const events: string[] = [];
    const started = performance.now();
    let waitedMs = -1;
    setImmediate(() => { events.push('callback'); waitedMs = performance.now() - started; });
    for (let i = 0; i < 4000; i++) {
      await cases.insert({ _id: `c${i}`, status: 'open' });
      await cases.get(`c${i}`);
    }
    events.push('chain done');
    const chainMs = performance.now() - started;
    expect(chainMs).toBeGreaterThan(5 * TURN_BUDGET_MS); // long enough to mean something
    expect(events).toEqual(['callback', 'chain done']);
    expect(waitedMs).toBeLessThan(chainMs / 2);
    expect(await cases.count({})).toBe(4000);
  });

  it('a long unit of work yields too: others read only what is committed meanwhile, and the unit lands whole or not at all', async () => {
    await nextTurn();
    const cases = store.collection('cases');
    const seenMidway: number[] = [];
    let inserted = 0;
    let insertedWhenLooked = -1;
    const look = () => new Promise<void>((done) => setImmediate(async () => {
      insertedWhenLooked = inserted;
      seenMidway.push(await cases.count({}));
      done();
    }));
    let looked = look();
    await store.unitOfWork!(async () => {
      for (let i = 0; i < 3000; i++) { await cases.insert({ _id: `c${i}`, status: 'open' }); inserted++; }
    });
    await looked;
    expect(insertedWhenLooked).toBeGreaterThan(0);
    expect(insertedWhenLooked).toBeLessThan(3000); // ran while the unit was writing
    expect(seenMidway).toEqual([0]); // and saw none of its rows
    expect(await cases.count({})).toBe(3000);

    seenMidway.length = 0;
    looked = look();
    await expect(store.unitOfWork!(async () => {
      for (let i = 0; i < 3000; i++) await cases.insert({ _id: `d${i}`, status: 'open' });
      throw new Error('fails at the end');
    })).rejects.toThrow('fails at the end');
    await looked;
    expect(seenMidway).toEqual([3000]);
    expect(await cases.count({})).toBe(3000);
  });

  it('parallel chains keep taking turns step by step across the waits (order of a burst kept)', async () => {
    await nextTurn();
    const cases = store.collection('cases');
    const chains = 20;
    const steps = 150;
    const progress = new Array<number>(chains).fill(0);
    let widest = 0;
    let yieldedTurns = 0;
    const tick = setInterval(() => { yieldedTurns++; }, 0);
    await Promise.all(Array.from({ length: chains }, async (_, c) => {
      for (let k = 0; k < steps; k++) {
        await cases.insert({ _id: `c${c}-${k}`, status: 'open' });
        progress[c]++;
        widest = Math.max(widest, Math.max(...progress) - Math.min(...progress));
      }
    }));
    clearInterval(tick);
    expect(yieldedTurns).toBeGreaterThan(0); // the chains did wait for other turns
    expect(widest).toBeLessThanOrEqual(1); // and no chain ever ran ahead of the others
    expect(await cases.count({})).toBe(chains * steps);
  });

  it('a short chain (a request\'s few calls) does not wait for another turn', async () => {
    await store.collection('cases').insert({ _id: 'c1', status: 'open' });
    await nextTurn();
    const events: string[] = [];
    setImmediate(() => events.push('callback'));
    for (let i = 0; i < 10; i++) await store.collection('cases').get('c1');
    events.push('chain done');
    await nextTurn();
    expect(events).toEqual(['chain done', 'callback']);
  });
});

/**
 * The handler suite runs on the adapter STORE names (jest projects `node` and
 * `node-cloudbase`). These tests prove the wiring: without them a harness that
 * quietly fell back to SQLite would leave production's adapter untested while
 * both projects stayed green.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../src/cloud/store/types';
import { bullying, ok } from '../fixtures/reports';
import { makeHarness, openTestStore, STORE_KIND, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

test('the harness runs on the adapter the STORE variable names', async () => {
  expect(STORE_KIND).toBe(process.env.STORE ?? 'sqlite');
  expect(h.storeKind).toBe(STORE_KIND);
  const filed = ok(await h.call('report.submit', bullying()));
  expect(filed.trackingCode).toMatch(/\S/);
  if (h.storeKind === 'cloudbase') {
    // the case went through the CloudBase adapter into the fake SDK's memory, and no SQLite file was made
    expect(h.fakeDb!.rows('cases')).toHaveLength(1);
    expect(existsSync(path.join(h.dir, 'test.db'))).toBe(false);
  } else {
    expect(h.fakeDb).toBeUndefined();
    expect(existsSync(path.join(h.dir, 'test.db'))).toBe(true);
  }
});

test('dump() lists every collection, with what the handlers wrote, on either adapter', async () => {
  const before = await h.store.dump!();
  expect(Object.keys(before).sort()).toEqual(Object.keys(COLLECTIONS).sort());
  ok(await h.call('report.submit', bullying()));
  const after = await h.store.dump!();
  expect(after.cases).toHaveLength(before.cases.length + 1);
  expect(after.outbox.length).toBeGreaterThan(before.outbox.length);
  // a copy: changing the dump does not change the store
  after.cases[0].status = 'tampered';
  expect((await h.store.dump!()).cases[0].status).not.toBe('tampered');
});

test('the two adapters dump the same documents in the same order (insertion order; a replaced document keeps its place)', async () => {
  const dumps = [];
  for (const kind of ['sqlite', 'cloudbase'] as const) {
    const dir = mkdtempSync(path.join(h.dir, kind + '-'));
    const { store } = openTestStore(dir, kind);
    const cases = store.collection('cases');
    await cases.insert({ _id: 'b', status: 'new' });
    await cases.insert({ _id: 'a', status: 'new' });
    await cases.insert({ _id: 'c', status: 'new', note: null });
    await cases.put({ _id: 'b', status: 'closed' });
    await cases.update('a', { set: { status: 'open' }, inc: { n: 2 } });
    await cases.remove('c');
    await cases.insert({ _id: 'c', status: 'again' });
    dumps.push(await store.dump!());
    await store.close();
  }
  expect(dumps[0].cases).toEqual([{ _id: 'b', status: 'closed' }, { _id: 'a', status: 'open', n: 2 }, { _id: 'c', status: 'again' }]);
  expect(dumps[1]).toEqual(dumps[0]);
});

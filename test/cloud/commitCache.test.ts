/**
 * core/commitCache.ts: what it keeps is dropped at the commit of a write to a
 * watched collection (a unit's commit, not its writes; nothing for a rollback),
 * a read that a commit overtook is not kept, and there is no cache at all on a
 * store that cannot tell its commits (CloudBase).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commitCache } from '../../src/cloud/core/commitCache';
import { openSqliteStore, type SqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-commitcache-'));
  store = openSqliteStore(path.join(dir, 't.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = { watches: ['users'] as const, ttlMs: 60_000, maxEntries: 100 };
const readName = async (s: Store) => ((await s.collection<{ _id: string; name: string }>('users').get('u1'))?.name ?? null);

test('kept until a write to a watched collection commits; other collections leave it', async () => {
  const cache = commitCache<string>(store, options)!;
  await store.collection('users').insert({ _id: 'u1', name: 'a' });
  let reads = 0;
  const get = () => cache.get('u1', () => { reads++; return readName(store); });
  expect(await get()).toBe('a');
  expect(await get()).toBe('a');
  expect(reads).toBe(1);
  await store.collection('settings').insert({ _id: 's', v: 1 });
  expect(await get()).toBe('a');
  expect(reads).toBe(1);
  await store.collection('users').update('u1', { set: { name: 'b' } });
  expect(await get()).toBe('b');
  expect(reads).toBe(2);
  cache.close();
});

test('a unit drops it when it commits, not before, and a rolled-back unit leaves it', async () => {
  const cache = commitCache<string>(store, options)!;
  await store.collection('users').insert({ _id: 'u1', name: 'a' });
  const get = () => cache.get('u1', () => readName(store));
  expect(await get()).toBe('a');
  await store.unitOfWork!(async () => {
    await store.collection('users').update('u1', { set: { name: 'b' } });
    // not committed yet: others still read 'a', and so does the cache
    expect(await cache.get('u1', async () => 'never asked')).toBe('a');
  });
  expect(await get()).toBe('b');
  await expect(store.unitOfWork!(async () => {
    await store.collection('users').update('u1', { set: { name: 'c' } });
    throw new Error('fails');
  })).rejects.toThrow('fails');
  expect(await cache.get('u1', async () => 'never asked')).toBe('b');
  cache.close();
});

test('a read overtaken by a commit is answered but not kept', async () => {
  const cache = commitCache<string>(store, options)!;
  await store.collection('users').insert({ _id: 'u1', name: 'a' });
  const first = await cache.get('u1', async () => {
    const old = await readName(store);
    await store.collection('users').update('u1', { set: { name: 'b' } }); // lands while this read is on its way
    return old;
  });
  expect(first).toBe('a');
  expect(await cache.get('u1', () => readName(store))).toBe('b');
  cache.close();
});

test('a commit by another connection on the file drops everything', async () => {
  const cache = commitCache<string>(store, options)!;
  await store.collection('users').insert({ _id: 'u1', name: 'a' });
  expect(await cache.get('u1', () => readName(store))).toBe('a');
  const other = openSqliteStore(path.join(dir, 't.db'));
  await other.collection('settings').insert({ _id: 'x', v: 1 }); // any collection: which one is not known
  await other.close();
  expect(await cache.get('u1', async () => 'read again')).toBe('read again');
  cache.close();
});

test('null is never kept, and the time limit still applies', async () => {
  let t = 0;
  const cache = commitCache<string>(store, { ...options, now: () => t })!;
  let reads = 0;
  await cache.get('u1', async () => { reads++; return null; });
  await cache.get('u1', async () => { reads++; return null; });
  expect(reads).toBe(2);
  await cache.get('u2', async () => { reads++; return 'x'; });
  t = 59_999;
  await cache.get('u2', async () => { reads++; return 'x'; });
  expect(reads).toBe(3);
  t = 60_000;
  await cache.get('u2', async () => { reads++; return 'x'; });
  expect(reads).toBe(4);
  cache.close();
});

test('no cache on a store that cannot tell its commits', () => {
  const { onCommit: _o, noticeOtherWriters: _n, ...cloudLike } = store;
  expect(commitCache<string>(cloudLike as Store, options)).toBeNull();
});

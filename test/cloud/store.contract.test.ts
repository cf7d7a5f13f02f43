/**
 * One contract, two adapters: whatever a handler can observe through the
 * Store interface must be the same on SQLite (local) and CloudBase
 * (production, here over a faithful in-memory fake of wx-server-sdk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../src/domain/errors';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Collection, Doc, Store } from '../../src/cloud/store/types';
import { createFakeCloudbaseDb } from './fakes/cloudbaseDb';

interface CaseDoc extends Doc {
  status?: string | null;
  priority?: number;
  urgent?: boolean;
  deptIds?: string[];
  createdAt?: number;
  countyId?: string;
  category?: string;
  detail?: { place: string; tags: string[]; depth?: number };
  note?: string | null;
  count?: number;
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);
const sortedIds = (docs: Doc[]) => ids(docs).sort();

export function describeStoreContract(name: string, makeStore: () => Promise<Store> | Store) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cases: Collection<CaseDoc>;

    beforeEach(async () => {
      store = await makeStore();
      cases = store.collection<CaseDoc>('cases');
    });
    afterEach(async () => {
      await store.close();
    });

    /** Five cases covering strings, numbers, booleans, null, missing fields and arrays. */
    async function seed() {
      await cases.insert({ _id: 'a', status: 'open', priority: 1, urgent: true, deptIds: ['police', 'school'], createdAt: 100, countyId: 'simao' });
      await cases.insert({ _id: 'b', status: 'open', priority: 2, urgent: false, deptIds: ['water'], createdAt: 300, countyId: 'lancang' });
      await cases.insert({ _id: 'c', status: 'closed', priority: 3, urgent: true, deptIds: [], createdAt: 200, countyId: 'simao' });
      await cases.insert({ _id: 'd', status: null, priority: 1, deptIds: ['school'], createdAt: 400, countyId: 'ximeng' });
      await cases.insert({ _id: 'e', priority: 10, createdAt: 500, countyId: 'mojiang' }); // no status, no urgent, no deptIds
    }

    describe('documents', () => {
      it('gets back exactly what was inserted: nested objects, arrays, booleans, null, decimals, Chinese text', async () => {
        const doc: CaseDoc = {
          _id: 'case-1', status: 'open', urgent: false, note: null, priority: 2.5, deptIds: ['d1', 'd2'],
          detail: { place: '思茅区 鱼塘', tags: ['水深', '无护栏'], depth: 1.8 },
        };
        await cases.insert(doc);
        const got = await cases.get('case-1');
        expect(got).toEqual(doc);
        expect(typeof got!.urgent).toBe('boolean');
        expect(got!.note).toBeNull();
      });

      it('answers null for an id that does not exist', async () => {
        expect(await cases.get('nope')).toBeNull();
      });

      it('refuses a second insert with the same _id with CONFLICT and keeps the first', async () => {
        await cases.insert({ _id: 'x', status: 'open' });
        const err = await cases.insert({ _id: 'x', status: 'closed' }).catch((e) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('CONFLICT');
        expect(await cases.get('x')).toEqual({ _id: 'x', status: 'open' });
      });

      it('insertMany inserts the absent documents, keeps the present ones, and counts what it inserted', async () => {
        await cases.insert({ _id: 'm2', status: 'open' });
        expect(await cases.insertMany([{ _id: 'm1', status: 'new' }, { _id: 'm2', status: 'changed' }, { _id: 'm3', priority: 3 }])).toBe(2);
        expect(await cases.get('m2')).toEqual({ _id: 'm2', status: 'open' });
        expect(await cases.get('m3')).toEqual({ _id: 'm3', priority: 3 });
        expect(await cases.insertMany([{ _id: 'm1', status: 'again' }])).toBe(0);
        expect(await cases.insertMany([])).toBe(0);
        expect(await cases.count({ status: 'new' })).toBe(1);
      });

      it('put creates a missing document and replaces a present one whole', async () => {
        await cases.put({ _id: 'p', status: 'open', priority: 1, detail: { place: 'a', tags: [] } });
        expect(await cases.get('p')).toEqual({ _id: 'p', status: 'open', priority: 1, detail: { place: 'a', tags: [] } });
        await cases.put({ _id: 'p', status: 'closed' });
        expect(await cases.get('p')).toEqual({ _id: 'p', status: 'closed' });
      });

      it('refuses to put a document that is only an _id (CloudBase refuses set with empty data), and keeps the stored one', async () => {
        await cases.put({ _id: 'p2', status: 'open' });
        await expect(cases.put({ _id: 'p2' })).rejects.toThrow(/at least one field/);
        await expect(cases.put({ _id: 'bare' })).rejects.toThrow(/at least one field/);
        expect(await cases.get('p2')).toEqual({ _id: 'p2', status: 'open' });
        expect(await cases.get('bare')).toBeNull();
      });

      it('keeps collections apart', async () => {
        await cases.insert({ _id: 'same' });
        await store.collection('audit').insert({ _id: 'same', action: 'x' });
        expect(await cases.get('same')).toEqual({ _id: 'same' });
        expect(await store.collection('audit').get('same')).toEqual({ _id: 'same', action: 'x' });
      });

      it('rejects a document without a string _id', async () => {
        await expect(cases.insert({ _id: '' } as CaseDoc)).rejects.toThrow();
        await expect(cases.put({ _id: 5 } as unknown as CaseDoc)).rejects.toThrow();
      });
    });

    describe('update', () => {
      it('sets, increments and unsets fields, leaving the others', async () => {
        await cases.insert({ _id: 'u', status: 'open', priority: 1, note: 'hi', countyId: 'simao' });
        expect(await cases.update('u', { set: { status: 'closed', urgent: true }, inc: { priority: 2 }, unset: ['note'] })).toBe(true);
        expect(await cases.get('u')).toEqual({ _id: 'u', status: 'closed', urgent: true, priority: 3, countyId: 'simao' });
      });

      it('increments a missing field from 0 and accepts negative steps', async () => {
        await cases.insert({ _id: 'u' });
        await cases.update('u', { inc: { count: 5 } });
        await cases.update('u', { inc: { count: -2 } });
        expect((await cases.get('u'))!.count).toBe(3);
      });

      it('replaces a nested object instead of merging into it', async () => {
        await cases.insert({ _id: 'u', detail: { place: 'old', tags: ['a', 'b'], depth: 2 } });
        await cases.update('u', { set: { detail: { place: 'new', tags: ['c'] } } });
        expect((await cases.get('u'))!.detail).toEqual({ place: 'new', tags: ['c'] });
      });

      it('can set a field to null, which is different from removing it', async () => {
        await cases.insert({ _id: 'u', note: 'x', status: 'open' });
        await cases.update('u', { set: { note: null }, unset: ['status'] });
        const got = await cases.get('u');
        expect(got).toEqual({ _id: 'u', note: null });
        expect(Object.keys(got!)).not.toContain('status');
      });

      it('answers false and creates nothing when the id does not exist', async () => {
        expect(await cases.update('ghost', { set: { status: 'open' }, inc: { count: 1 } })).toBe(false);
        expect(await cases.get('ghost')).toBeNull();
        expect(await cases.count()).toBe(0);
      });

      it('answers true when the document exists even if nothing changes', async () => {
        await cases.insert({ _id: 'u', status: 'open' });
        expect(await cases.update('u', { set: { status: 'open' } })).toBe(true);
        expect(await cases.update('u', {})).toBe(true);
        expect(await cases.update('ghost', {})).toBe(false);
      });

      it('refuses to change _id or to touch one field twice in a patch', async () => {
        await cases.insert({ _id: 'u', count: 1 });
        await expect(cases.update('u', { set: { _id: 'v' } as any })).rejects.toThrow();
        await expect(cases.update('u', { set: { count: 2 }, inc: { count: 1 } })).rejects.toThrow();
        expect(await cases.get('u')).toEqual({ _id: 'u', count: 1 });
      });

      it('increments as a number: integers stay integers, a real number adds exactly as in JS, a non-number is refused unchanged', async () => {
        await cases.insert({ _id: 'u', a: 1, b: 0.1, c: 'x', priority: 4 });
        expect(await cases.update('u', { inc: { a: 2, priority: -1 } })).toBe(true);
        expect(await cases.update('u', { inc: { b: 0.2 } })).toBe(true);
        expect(await cases.update('u', { inc: { b: 1 } })).toBe(true);
        await expect(cases.update('u', { inc: { c: 1 } })).rejects.toThrow();
        expect(await cases.update('ghost', { inc: { a: 1 } })).toBe(false);
        const got = await cases.get('u');
        expect(got).toEqual({ _id: 'u', a: 3, b: 0.1 + 0.2 + 1, c: 'x', priority: 3 });
        expect(Number.isInteger(got!.a)).toBe(true);
        // an indexed field moved by an increment is found under its new value (the SQLite expression index follows)
        expect((await cases.find({ priority: 3 })).map((d) => d._id)).toEqual(['u']);
      });

      it('counts 50 concurrent increments exactly', async () => {
        await cases.insert({ _id: 'n', count: 0 });
        const results = await Promise.all(Array.from({ length: 50 }, () => cases.update('n', { inc: { count: 1 } })));
        expect(results.every(Boolean)).toBe(true);
        expect((await cases.get('n'))!.count).toBe(50);
      });
    });

    describe('updateIf (compare-and-set)', () => {
      it('applies the patch when the document matches', async () => {
        await cases.insert({ _id: 's', status: 'open', priority: 1 });
        expect(await cases.updateIf('s', { status: 'open' }, { set: { status: 'acknowledged' }, inc: { priority: 1 } })).toBe(true);
        expect(await cases.get('s')).toEqual({ _id: 's', status: 'acknowledged', priority: 2 });
      });

      it('writes nothing and answers false when the document does not match', async () => {
        await cases.insert({ _id: 's', status: 'closed', priority: 1 });
        expect(await cases.updateIf('s', { status: 'open' }, { set: { status: 'acknowledged' }, inc: { priority: 1 } })).toBe(false);
        expect(await cases.get('s')).toEqual({ _id: 's', status: 'closed', priority: 1 });
      });

      it('answers false for a missing id, even with an empty condition', async () => {
        expect(await cases.updateIf('ghost', {}, { set: { status: 'x' } })).toBe(false);
        expect(await cases.get('ghost')).toBeNull();
      });

      it('supports range and membership conditions', async () => {
        await cases.insert({ _id: 's', status: 'open', priority: 3 });
        expect(await cases.updateIf('s', { priority: { $gte: 5 } }, { set: { status: 'x' } })).toBe(false);
        expect(await cases.updateIf('s', { priority: { $lt: 5 }, status: { $in: ['open', 'new'] } }, { set: { status: 'y' } })).toBe(true);
        expect((await cases.get('s'))!.status).toBe('y');
      });

      it('answers true when the document matches but the patch changes nothing', async () => {
        await cases.insert({ _id: 's', status: 'open', note: 'same' });
        expect(await cases.updateIf('s', { status: 'open' }, { set: { note: 'same' } })).toBe(true);
        expect(await cases.updateIf('s', { status: 'closed' }, { set: { note: 'same' } })).toBe(false);
      });

      it('lets exactly one of many concurrent transitions from the same state win', async () => {
        await cases.insert({ _id: 's', status: 'open', count: 0 });
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => cases.updateIf('s', { status: 'open' }, { set: { status: `taken-${i}` }, inc: { count: 1 } })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await cases.get('s')).toEqual({ _id: 's', status: `taken-${winner}`, count: 1 });
      });
    });

    describe('remove', () => {
      it('removes one document and says whether it was there', async () => {
        await seed();
        expect(await cases.remove('a')).toBe(true);
        expect(await cases.remove('a')).toBe(false);
        expect(await cases.get('a')).toBeNull();
        expect(await cases.count()).toBe(4);
      });

      it('removes exactly the matching documents and counts them', async () => {
        await seed();
        expect(await cases.removeWhere({ createdAt: { $lt: 300 } })).toBe(2);
        expect(sortedIds(await cases.find())).toEqual(['b', 'd', 'e']);
        expect(await cases.removeWhere({ status: 'nothing-like-this' })).toBe(0);
        expect(await cases.removeWhere({ deptIds: { $has: 'school' } })).toBe(1);
        expect(sortedIds(await cases.find())).toEqual(['b', 'e']);
      });

      it('removes everything with an empty filter', async () => {
        await seed();
        expect(await cases.removeWhere({})).toBe(5);
        expect(await cases.count()).toBe(0);
      });
    });

    describe('filters', () => {
      beforeEach(seed);
      const find = (filter: Parameters<Collection<CaseDoc>['find']>[0]) => cases.find(filter).then(sortedIds);

      it('matches equality on strings, numbers and several fields at once (AND)', async () => {
        expect(await find({ status: 'open' })).toEqual(['a', 'b']);
        expect(await find({ priority: 1 })).toEqual(['a', 'd']);
        expect(await find({ priority: 1, countyId: 'simao' })).toEqual(['a']);
        expect(await find({ _id: 'c' })).toEqual(['c']);
        expect(await find({ status: 'OPEN' })).toEqual([]);
      });

      it('keeps types apart: true is not 1, "1" is not 1', async () => {
        expect(await find({ urgent: true })).toEqual(['a', 'c']);
        expect(await find({ urgent: false })).toEqual(['b']);
        expect(await find({ priority: true as any })).toEqual([]);
        expect(await find({ priority: '1' as any })).toEqual([]);
        expect(await find({ urgent: 1 as any })).toEqual([]);
      });

      it('matches null against null and missing fields', async () => {
        expect(await find({ status: null })).toEqual(['d', 'e']);
        expect(await find({ urgent: null })).toEqual(['d', 'e']);
      });

      it('$in matches any listed value, including null, and nothing for an empty list', async () => {
        expect(await find({ status: { $in: ['open', 'closed'] } })).toEqual(['a', 'b', 'c']);
        expect(await find({ priority: { $in: [2, 3, 99] } })).toEqual(['b', 'c']);
        expect(await find({ status: { $in: ['closed', null] } })).toEqual(['c', 'd', 'e']);
        expect(await find({ urgent: { $in: [false] } })).toEqual(['b']);
        expect(await find({ _id: { $in: ['a', 'e', 'zz'] } })).toEqual(['a', 'e']);
        expect(await find({ status: { $in: [] } })).toEqual([]);
      });

      it('$ne also matches documents where the field is missing', async () => {
        expect(await find({ status: { $ne: 'open' } })).toEqual(['c', 'd', 'e']);
        expect(await find({ status: { $ne: null } })).toEqual(['a', 'b', 'c']);
        expect(await find({ urgent: { $ne: true } })).toEqual(['b', 'd', 'e']);
        expect(await find({ priority: { $ne: 1 } })).toEqual(['b', 'c', 'e']);
      });

      it('$gt / $gte / $lt / $lte on numbers, alone and combined', async () => {
        expect(await find({ createdAt: { $gt: 300 } })).toEqual(['d', 'e']);
        expect(await find({ createdAt: { $gte: 300 } })).toEqual(['b', 'd', 'e']);
        expect(await find({ createdAt: { $lt: 300 } })).toEqual(['a', 'c']);
        expect(await find({ createdAt: { $lte: 300 } })).toEqual(['a', 'b', 'c']);
        expect(await find({ createdAt: { $gte: 200, $lt: 400 } })).toEqual(['b', 'c']);
        expect(await find({ priority: { $gt: 1, $lte: 3 } })).toEqual(['b', 'c']);
        expect(await find({ priority: { $gt: 2.5 } })).toEqual(['c', 'e']);
      });

      it('ranges on strings compare strings only and skip missing or null fields', async () => {
        expect(await find({ countyId: { $gte: 'simao' } })).toEqual(['a', 'c', 'd']);
        expect(await find({ status: { $lt: 'open' } })).toEqual(['c']);
        expect(await find({ status: { $gt: 'a' } })).toEqual(['a', 'b', 'c']);
        expect(await find({ priority: { $lt: 'z' } as any })).toEqual([]);
      });

      it('$has finds documents whose array field contains the value', async () => {
        expect(await find({ deptIds: { $has: 'school' } })).toEqual(['a', 'd']);
        expect(await find({ deptIds: { $has: 'water' }, status: 'open' })).toEqual(['b']);
        expect(await find({ deptIds: { $has: 'fire' } })).toEqual([]);
      });

      it('refuses $has null (CloudBase would also match documents without the array)', async () => {
        await expect(cases.find({ deptIds: { $has: null } })).rejects.toThrow(/\$has on deptIds/);
        await expect(cases.count({ deptIds: { $has: null } })).rejects.toThrow(/\$has on deptIds/);
      });

      it('$has works on an array field that has no index of its own', async () => {
        const settings = store.collection<{ _id: string; tags?: Array<string | number> }>('settings');
        await settings.insert({ _id: 's1', tags: ['x', 'y'] });
        await settings.insert({ _id: 's2', tags: ['y', 3] });
        await settings.insert({ _id: 's3' });
        expect(sortedIds(await settings.find({ tags: { $has: 'y' } }))).toEqual(['s1', 's2']);
        expect(sortedIds(await settings.find({ tags: { $has: 3 } }))).toEqual(['s2']);
        expect(sortedIds(await settings.find({ tags: { $has: '3' } }))).toEqual([]);
      });

      it('keeps the $has index current through update, put and remove', async () => {
        await cases.update('a', { set: { deptIds: ['water'] } });
        expect(await find({ deptIds: { $has: 'school' } })).toEqual(['d']);
        expect(await find({ deptIds: { $has: 'water' } })).toEqual(['a', 'b']);
        await cases.put({ _id: 'd', deptIds: ['fire'] });
        expect(await find({ deptIds: { $has: 'school' } })).toEqual([]);
        expect(await find({ deptIds: { $has: 'fire' } })).toEqual(['d']);
        await cases.remove('b');
        await cases.update('a', { unset: ['deptIds'] });
        expect(await find({ deptIds: { $has: 'water' } })).toEqual([]);
      });

      it('counts with and without a filter', async () => {
        expect(await cases.count()).toBe(5);
        expect(await cases.count({})).toBe(5);
        expect(await cases.count({ countyId: 'simao' })).toBe(2);
        expect(await cases.count({ createdAt: { $gte: 200, $lt: 500 }, status: { $ne: 'closed' } })).toBe(2);
      });

      it('refuses filters outside the interface instead of matching everything', async () => {
        await expect(cases.find({ status: undefined as any })).rejects.toThrow();
        await expect(cases.find({ status: { $regex: 'o' } as any })).rejects.toThrow();
        await expect(cases.find({ 'detail.place': 'x' } as any)).rejects.toThrow();
        await expect(cases.count({ status: {} as any })).rejects.toThrow();
        await expect(cases.removeWhere({ status: undefined as any })).rejects.toThrow();
        expect(await cases.count()).toBe(5);
      });
    });

    describe('ordering and paging', () => {
      beforeEach(seed);

      it('orders ascending and descending, missing values first when ascending', async () => {
        expect(ids(await cases.find({}, { orderBy: [['createdAt', 'asc']] }))).toEqual(['a', 'c', 'b', 'd', 'e']);
        expect(ids(await cases.find({}, { orderBy: [['createdAt', 'desc']] }))).toEqual(['e', 'd', 'b', 'c', 'a']);
        expect(ids(await cases.find({}, { orderBy: [['status', 'asc']] }))).toEqual(['d', 'e', 'c', 'a', 'b']);
      });

      it('orders by several fields, ties broken by _id', async () => {
        expect(ids(await cases.find({}, { orderBy: [['priority', 'asc'], ['createdAt', 'desc']] }))).toEqual(['d', 'a', 'b', 'c', 'e']);
        expect(ids(await cases.find({}, { orderBy: [['countyId', 'desc']] }))).toEqual(['d', 'a', 'c', 'e', 'b']);
      });

      it('applies limit and skip after filter and order', async () => {
        const opts = { orderBy: [['createdAt', 'desc']] as Array<[string, 'asc' | 'desc']> };
        expect(ids(await cases.find({ priority: { $lt: 5 } }, { ...opts, limit: 2 }))).toEqual(['d', 'b']);
        expect(ids(await cases.find({ priority: { $lt: 5 } }, { ...opts, limit: 2, skip: 2 }))).toEqual(['c', 'a']);
        expect(ids(await cases.find({}, { ...opts, skip: 3 }))).toEqual(['c', 'a']);
        expect(await cases.find({}, { ...opts, limit: 0 })).toEqual([]);
        expect(await cases.find({}, { ...opts, skip: 50 })).toEqual([]);
      });

      it('returns every match of a large collection and pages through it without gaps or repeats', async () => {
        const audit = store.collection<{ _id: string; at: number; actorId: string }>('audit');
        for (let i = 0; i < 250; i++) await audit.insert({ _id: `ev${String(i).padStart(3, '0')}`, at: i % 7, actorId: i % 2 ? 'x' : 'y' });
        expect(await audit.find()).toHaveLength(250);
        expect(await audit.find({ actorId: 'x' })).toHaveLength(125);
        expect(await audit.find({}, { limit: 180 })).toHaveLength(180);
        const seen: string[] = [];
        for (let skip = 0; skip < 250; skip += 60) {
          seen.push(...ids(await audit.find({}, { orderBy: [['at', 'asc']], limit: 60, skip })));
        }
        expect(seen).toHaveLength(250);
        expect(new Set(seen).size).toBe(250);
      });
    });
  });
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-store-'));
  tempDirs.push(dir);
  return openSqliteStore(path.join(dir, 'store.db'));
});

describeStoreContract('CloudBase adapter over the fake wx-server-sdk database', () => createCloudbaseStore(createFakeCloudbaseDb()));

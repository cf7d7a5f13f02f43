/**
 * What only the CloudBase adapter has to get right: paging under the
 * 100-per-get cap, and telling "not there" / "duplicate" apart from real
 * failures so a network fault never passes for an answer.
 */
import { AppError } from '../../src/domain/errors';
import { CLOUDBASE_PAGE, createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { createFakeCloudbaseDb, SERVER_MAX_GET, type FakeCloudbaseDb } from './fakes/cloudbaseDb';

let db: FakeCloudbaseDb;
const store = () => createCloudbaseStore(db);

beforeEach(() => {
  db = createFakeCloudbaseDb();
});

async function fill(n: number) {
  const audit = store().collection<{ _id: string; at: number }>('audit');
  for (let i = 0; i < n; i++) await audit.insert({ _id: `e${String(i).padStart(4, '0')}`, at: i });
  return audit;
}

describe('CloudBase adapter paging', () => {
  it('never asks for more than the server returns in one get', () => {
    expect(CLOUDBASE_PAGE).toBeLessThanOrEqual(SERVER_MAX_GET);
  });

  it('fetches every document in pages of 100 when no limit is given', async () => {
    const audit = await fill(230);
    const before = db.calls.get;
    const all = await audit.find({}, { orderBy: [['at', 'asc']] });
    expect(all.map((d) => d.at)).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(db.calls.get - before).toBe(3);
    expect(db.calls.maxReturned).toBeLessThanOrEqual(SERVER_MAX_GET);
  });

  it('stops after the page that holds the last wanted document', async () => {
    const audit = await fill(230);
    const before = db.calls.get;
    const some = await audit.find({}, { orderBy: [['at', 'desc']], limit: 150, skip: 10 });
    expect(some.map((d) => d.at)).toEqual(Array.from({ length: 150 }, (_, i) => 219 - i));
    expect(db.calls.get - before).toBe(2);
  });

  it('makes one call for a small limit', async () => {
    const audit = await fill(30);
    const before = db.calls.get;
    expect(await audit.find({}, { limit: 5 })).toHaveLength(5);
    expect(db.calls.get - before).toBe(1);
  });
});

describe('CloudBase adapter errors', () => {
  it('passes a failed read on instead of answering "not found"', async () => {
    const cases = store().collection('cases');
    await cases.insert({ _id: 'c1' });
    db.failNext('get', new Error('errCode: -501001 resource system error'));
    await expect(cases.get('c1')).rejects.toThrow('-501001');
    expect(await cases.get('c1')).toEqual({ _id: 'c1' });
  });

  it('turns only a duplicate-key failure of add into CONFLICT', async () => {
    const cases = store().collection('cases');
    await cases.insert({ _id: 'c1' });
    await expect(cases.insert({ _id: 'c1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    db.failNext('add', new Error('errCode: -502003 database permission denied'));
    const err = await cases.insert({ _id: 'c2' }).catch((e) => e);
    expect(err).not.toBeInstanceOf(AppError);
    expect(String(err)).toContain('-502003');
  });

  it('sends objects through _.set so an update replaces them (a plain object would be merged)', async () => {
    const cases = store().collection<{ _id: string; detail?: Record<string, unknown> }>('cases');
    await cases.insert({ _id: 'c1', detail: { a: 1, b: 2 } });
    await cases.update('c1', { set: { detail: { a: 3 } } });
    expect(db.rows('cases')).toEqual([{ _id: 'c1', detail: { a: 3 } }]);
  });
});

/**
 * What only the SQLite adapter promises: WAL and durable settings, numbered
 * migrations that run once, a schema that covers COLLECTIONS, and queries
 * that use the indexes instead of scanning.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS, elementTableName, indexName, migrate, type Migration } from '../../src/cloud/store/migrations';
import { openSqliteStore, type SqliteStore } from '../../src/cloud/store/sqlite';
import { COLLECTIONS } from '../../src/cloud/store/types';

let dir: string;
let file: string;
const open: Array<SqliteStore | Database.Database> = [];
const track = <T extends SqliteStore | Database.Database>(x: T): T => { open.push(x); return x; };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-sqlite-'));
  file = path.join(dir, 'store.db');
});
afterEach(async () => {
  for (const x of open.splice(0)) {
    if ('explain' in x) await x.close();
    else if (x.open) x.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite connection', () => {
  it('runs in WAL mode with synchronous=NORMAL and a busy timeout', () => {
    const store = track(openSqliteStore(file));
    expect(store.connectionInfo()).toEqual({ journalMode: 'wal', synchronous: 1, busyTimeoutMs: 5000, tempStore: 2, schemaVersion: MIGRATIONS.length });
    // WAL is a property of the file: a second, unrelated connection sees it too.
    const raw = track(new Database(file, { readonly: true }));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('lets a second store on the same file see committed writes (like the scheduler next to the server)', async () => {
    const a = track(openSqliteStore(file));
    const b = track(openSqliteStore(file));
    await a.collection('cases').insert({ _id: 'c1', status: 'open' });
    expect(await b.collection('cases').get('c1')).toEqual({ _id: 'c1', status: 'open' });
    expect(await b.collection('cases').updateIf('c1', { status: 'open' }, { set: { status: 'closed' } })).toBe(true);
    expect(await a.collection('cases').updateIf('c1', { status: 'open' }, { set: { status: 'reopened' } })).toBe(false);
    expect((await a.collection('cases').get('c1'))!.status).toBe('closed');
  });

  it('dump returns every collection, each with its documents', async () => {
    const store = track(openSqliteStore(file));
    await store.collection('users').insert({ _id: 'u1', createdAt: 1 });
    await store.collection('cases').insert({ _id: 'c1', deptIds: ['d'] });
    const dump = await store.dump();
    expect(Object.keys(dump).sort()).toEqual(Object.keys(COLLECTIONS).sort());
    expect(dump.users).toEqual([{ _id: 'u1', createdAt: 1 }]);
    expect(dump.cases).toEqual([{ _id: 'c1', deptIds: ['d'] }]);
    expect(dump.audit).toEqual([]);
  });
});

/** The end of the event loop's turn: the store ends its read epoch on setImmediate. */
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('read epochs (sqlite.ts): reads share one read transaction until a commit or the end of the turn', () => {
  it('within a turn reads keep their snapshot against another process, and see its commit from the next turn', async () => {
    const store = track(openSqliteStore(file));
    await store.collection('cases').insert({ _id: 'c1', status: 'open' });
    await nextTurn();
    const other = track(new Database(file)); // stands for another process (the admin CLI)
    expect((await store.collection('cases').get('c1'))!.status).toBe('open'); // opens the epoch
    other.prepare(`UPDATE cases SET doc = json_set(doc, '$.status', 'closed') WHERE id = 'c1'`).run();
    expect((await store.collection('cases').get('c1'))!.status).toBe('open'); // same snapshot: the epoch is real
    await nextTurn();
    expect((await store.collection('cases').get('c1'))!.status).toBe('closed');
  });

  it('a write of its own ends the epoch at once: the same turn reads what it wrote', async () => {
    const store = track(openSqliteStore(file));
    const cases = store.collection('cases');
    await cases.insert({ _id: 'c1', status: 'open' });
    await nextTurn();
    expect((await cases.get('c1'))!.status).toBe('open');
    await cases.update('c1', { set: { status: 'closed' } });
    expect((await cases.get('c1'))!.status).toBe('closed');
    await cases.insert({ _id: 'c2', status: 'open' });
    expect(await cases.count({})).toBe(2);
  });

  it('a group commit ends it too, before any unit of the group is answered', async () => {
    const store = track(openSqliteStore(file));
    const cases = store.collection('cases');
    await nextTurn();
    expect(await cases.count({})).toBe(0); // opens the epoch
    // 16 units fill a group, which then commits at once, within this turn
    const seen = await Promise.all(Array.from({ length: 16 }, (_, i) => store.unitOfWork!(async () => {
      await cases.insert({ _id: `c${i}`, status: 'open' });
    }).then(() => cases.get(`c${i}`))));
    expect(seen.every((d) => d?.status === 'open')).toBe(true);
    expect(await cases.count({})).toBe(16);
  });

  it('another store on the same file ends it with its commit (the scheduler beside the server)', async () => {
    const a = track(openSqliteStore(file));
    const b = track(openSqliteStore(file));
    await a.collection('cases').insert({ _id: 'c1', status: 'open' });
    await nextTurn();
    expect((await a.collection('cases').get('c1'))!.status).toBe('open');
    await b.collection('cases').update('c1', { set: { status: 'closed' } });
    expect((await a.collection('cases').get('c1'))!.status).toBe('closed');
  });

  it('ends with the turn, so a checkpoint can copy every frame and restart the WAL', async () => {
    const store = track(openSqliteStore(file));
    await store.collection('cases').insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `c${i}`, status: 'open' })));
    await nextTurn();
    expect(await store.collection('cases').count({})).toBe(50);
    const other = track(new Database(file));
    other.pragma('busy_timeout = 0');
    expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 1, log: expect.any(Number), checkpointed: expect.any(Number) }]); // the open epoch holds its snapshot
    await nextTurn();
    expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });
});

describe('migrations', () => {
  it('reopening keeps the data and does not run migrations again', async () => {
    const first = track(openSqliteStore(file));
    await first.collection('sessions').insert({ _id: 's1', userId: 'u1', expiresAt: 5 });
    await first.close();

    const second = track(openSqliteStore(file));
    expect(await second.collection('sessions').get('s1')).toEqual({ _id: 's1', userId: 'u1', expiresAt: 5 });
    expect(second.connectionInfo().schemaVersion).toBe(MIGRATIONS.length);
    await second.close();

    const raw = track(new Database(file, { readonly: true }));
    expect(raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all())
      .toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('applies only the migrations a database has not had, in order', () => {
    const ran: number[] = [];
    const m = (version: number): Migration => ({
      version, name: `step ${version}`,
      up(db) { ran.push(version); db.exec(`CREATE TABLE t${version} (x)`); },
    });
    const db = track(new Database(file));
    expect(migrate(db, [m(1)])).toEqual({ from: 0, to: 1 });
    expect(migrate(db, [m(1), m(2), m(3)])).toEqual({ from: 1, to: 3 });
    expect(migrate(db, [m(1), m(2), m(3)])).toEqual({ from: 3, to: 3 });
    expect(ran).toEqual([1, 2, 3]);
  });

  it('rolls a failing migration back entirely and keeps the old version', () => {
    const db = track(new Database(file));
    const broken: Migration = { version: 1, name: 'broken', up(d) { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } };
    expect(() => migrate(db, [broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get()).toEqual({ n: 0 });
  });

  it('refuses a database written by newer code, and misnumbered migrations', () => {
    const db = track(new Database(file));
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer/);
    const skip: Migration = { version: 2, name: 'gap', up() {} };
    expect(() => migrate(track(new Database(path.join(dir, 'other.db'))), [skip])).toThrow(/order/);
  });

  it('creates a table for every collection and an index for every listed field', () => {
    track(openSqliteStore(file));
    const raw = track(new Database(file, { readonly: true }));
    const names = new Set((raw.prepare('SELECT name FROM sqlite_master').all() as Array<{ name: string }>).map((r) => r.name));
    const missing: string[] = [];
    for (const [collection, fields] of Object.entries(COLLECTIONS)) {
      if (!names.has(collection)) missing.push(collection);
      for (const field of fields) {
        if (!names.has(indexName(collection, field)) && !names.has(elementTableName(collection, field))) missing.push(`${collection}.${field}`);
      }
    }
    // If this fails, COLLECTIONS gained something without a migration that creates it.
    expect(missing).toEqual([]);
  });

  it('keeps on audit only the indexes its queries use: each one is written by every write request (migration 14)', () => {
    const store = track(openSqliteStore(file));
    const raw = track(new Database(file, { readonly: true }));
    const indexes = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit' AND sql IS NOT NULL`).all() as Array<{ name: string }>)
      .map((r) => r.name).sort();
    expect(indexes).toEqual([indexName('audit', 'action'), indexName('audit', 'subjectId')].sort());
    // screening.readLog's two queries still go through an index
    expect(store.explain('audit', { subjectId: 'stu-1' }, { orderBy: [['at', 'desc']], limit: 300 }).join(' | ')).toContain(`INDEX ${indexName('audit', 'subjectId')}`);
    expect(store.explain('audit', { action: 'screening.results' }, { orderBy: [['at', 'desc']], limit: 500 }).join(' | ')).toContain(`INDEX ${indexName('audit', 'action')}`);
  });

  it('keeps on commitments, first-signature markers and desk markers only the indexes their queries use (migration 15)', () => {
    const store = track(openSqliteStore(file));
    const raw = track(new Database(file, { readonly: true }));
    const indexesOf = (table: string) => (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as Array<{ name: string }>)
      .map((r) => r.name).sort();
    expect(indexesOf('commitments')).toEqual([indexName('commitments', 'studentId'), indexName('commitments', 'userId')].sort());
    expect(indexesOf('commitment_firsts')).toEqual([indexName('commitment_firsts', 'classId'), indexName('commitment_firsts', 'counted')].sort());
    expect(indexesOf('tally_marks')).toEqual([indexName('tally_marks', 'bucket'), indexName('tally_marks', 'counted'), indexName('tally_marks', 'schoolId')].sort());
    const uses = (collection: Parameters<typeof store.explain>[0], filter: Parameters<typeof store.explain>[1], field: string) =>
      expect(store.explain(collection, filter).join(' | ')).toContain(`INDEX ${indexName(collection, field)}`);
    // holiday.current and the class view (by child), the reminder pass (by guardian)
    uses('commitments', { campaignId: 'new_year-2027', studentId: 'stu-1' }, 'studentId');
    uses('commitments', { campaignId: 'new_year-2027', studentId: { $in: ['stu-1', 'stu-2'] } }, 'studentId');
    uses('commitments', { campaignId: { $in: ['new_year-2027'] }, userId: { $in: ['u1', 'u2'] } }, 'userId');
    // the class recount of first signatures, and the repair of markers a crash left uncounted
    uses('commitment_firsts', { campaignId: 'new_year-2027', classId: 'cls-1' }, 'classId');
    uses('commitment_firsts', { counted: false }, 'counted');
    // the desk: a bucket's recount, its school twin's recount, the repair
    uses('tally_marks', { kind: 'scr_done', period: 'cmp-1', bucket: 'cls-1' }, 'bucket');
    uses('tally_marks', { kind: 'scr_done', period: 'cmp-1', schoolId: 'sch-1' }, 'schoolId');
    uses('tally_marks', { counted: false }, 'counted');
  });

  it('backfills the element index of an array field added to a populated collection', async () => {
    const store = track(openSqliteStore(file));
    await store.collection('settings').insert({ _id: 's1', tags: ['a', 'b'] });
    await store.close();
    const db = track(new Database(file));
    const { createElementIndex } = await import('../../src/cloud/store/migrations');
    migrate(db, [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'index settings.tags', up: (d) => createElementIndex(d, 'settings', 'tags') }]);
    expect(db.prepare(`SELECT value, id FROM "${elementTableName('settings', 'tags')}" ORDER BY value`).all())
      .toEqual([{ value: 'a', id: 's1' }, { value: 'b', id: 's1' }]);
  });
});

describe('query plans', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = track(openSqliteStore(file));
    const cases = store.collection('cases');
    for (let i = 0; i < 200; i++) {
      await cases.insert({ _id: `c${i}`, status: i % 4 ? 'open' : 'closed', createdAt: i, deptIds: [`d${i % 10}`, 'all'], countyId: `k${i % 5}` });
    }
  });
  const plan = (...args: Parameters<SqliteStore['explain']>) => store.explain(...args).join(' | ');

  it('searches an indexed field through its expression index', () => {
    expect(plan('cases', { status: 'open' })).toContain(`USING INDEX ${indexName('cases', 'status')}`);
    expect(plan('cases', { status: { $in: ['open', 'closed'] } })).toContain(`USING INDEX ${indexName('cases', 'status')}`);
    expect(plan('cases', { createdAt: { $gte: 10, $lt: 20 } })).toContain(`USING INDEX ${indexName('cases', 'createdAt')}`);
  });

  it('finds array members through the element side table, not a scan of cases', () => {
    const p = plan('cases', { deptIds: { $has: 'd3' } });
    expect(p).toContain(`USING INDEX ix$${elementTableName('cases', 'deptIds')}$value`);
    expect(p).not.toMatch(/SCAN cases\b/);
  });

  it('walks the index for a newest-first list instead of sorting everything', () => {
    const p = plan('cases', {}, { orderBy: [['createdAt', 'desc']], limit: 20 });
    expect(p).toContain(`INDEX ${indexName('cases', 'createdAt')}`);
    expect(p).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  });

  it('gives the same answers through the indexes as a plain scan would', async () => {
    const cases = store.collection<{ _id: string; status: string; createdAt: number; deptIds: string[] }>('cases');
    const all = await cases.find();
    const viaIndex = await cases.find({ deptIds: { $has: 'd3' }, status: 'open', createdAt: { $gte: 50 } });
    const expected = all.filter((c) => c.deptIds.includes('d3') && c.status === 'open' && c.createdAt >= 50);
    expect(viaIndex.map((c) => c._id).sort()).toEqual(expected.map((c) => c._id).sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});

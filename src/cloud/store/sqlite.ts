/**
 * The Store on one SQLite file (local server, self-hosting, tests).
 *
 * Each collection is a table of JSON documents (see migrations.ts). Filters
 * compile to SQL on `json_extract(doc, '$.field')`, the same expression the
 * indexes are built on, so indexed fields are searched, not scanned.
 *
 * better-sqlite3 is synchronous: each method runs start to finish without
 * yielding, and writes that read first (update, updateIf) run inside one
 * IMMEDIATE transaction, so they are atomic within this process and against
 * other processes on the same file.
 *
 * Units of work (`unitOfWork`, used by the dispatcher for every write
 * request and by the scheduler per case). Decision: a write unit is one
 * SQLite transaction held open across the handler's awaits, not a buffer of
 * writes replayed at the end, so reads inside it see its own writes and
 * compare-and-set (updateIf, insert conflicts) keeps its meaning unchanged.
 *  - The unit begins lazily, at its first write: the process-wide write lock
 *    (a mutex per database file) is taken and BEGIN IMMEDIATE runs. Until
 *    then its reads go to the read connection, like everyone else's, so a
 *    handler's slow part before writing (scrypt, the text check) holds no lock.
 *  - Once begun, its reads and writes use the write connection inside a
 *    SAVEPOINT; it ends with RELEASE, or ROLLBACK TO when its function throws
 *    (only its own writes go).
 *  - Group commit: units that finish in the same turn of the event loop share
 *    one transaction and one COMMIT (BEGIN IMMEDIATE at the group's first
 *    unit, COMMIT on the next turn, or at once when GROUP_MAX_UNITS have
 *    joined). A unit's promise resolves only after that COMMIT, so nothing is
 *    acknowledged before it is durable; if the COMMIT fails, every unit of the
 *    group fails and nothing of it is kept (retries start clean). Each COMMIT
 *    writes every page it changed to the WAL: a class's counters, the indexes'
 *    last pages, written once for the group instead of once per request
 *    (measured: `npm run bench`, README). A write outside a unit, a unit of
 *    another store on the file, and close() commit the open group first.
 *  - Every other read (other requests, the scheduler, tests) uses a second,
 *    read-only connection, so nobody sees a unit's uncommitted rows. Every
 *    write outside a unit waits for the lock and commits by itself.
 *  - Rate-limit counters and day keys (rate_limits, rate_keys) written before
 *    the unit has begun commit at once: a refused or failed try still counts,
 *    and a limit check does not hold the lock through the rest of the handler.
 *  - onBegin runs right after BEGIN, under the lock: the dispatcher checks its
 *    idempotency record there, so two copies of one request never both write.
 *    An error thrown from it aborts the unit: every later store call in it
 *    throws the same error, and the unit rolls back.
 *  - After each commit, onCommit listeners are told which collections it
 *    wrote (a rolled-back unit tells nothing: nothing changed), so what the
 *    process keeps in memory (core/callerCache.ts) is dropped at that moment.
 * Units in one process are serialised; since the handlers' work between
 * writes is synchronous JavaScript, that costs little on a single event loop.
 *
 * Value types follow CloudBase (MongoDB): `true` does not equal 1, '5' does
 * not equal 5, ranges only compare numbers with numbers and strings with
 * strings, `null` matches a null or missing field, `$ne` matches a missing
 * field. json_extract alone would blur some of these (it returns 1 for true),
 * so conditions that need it also check json_type.
 */
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { AppError } from '../../domain/errors';
import {
  applyPatch, checkDoc, checkFindOptions, checkPutDoc, checkPatch, isEmptyPatch, parseFilter,
  type CheckedPatch, type Condition,
} from './filter';
import { startCheckpointer, walNeedsRestart, type Checkpointer } from './checkpointer';
import { elementTableName, fieldExpr, fieldTypeExpr, migrate } from './migrations';
import { yieldIfTurnIsLong } from './turns';
import {
  COLLECTIONS, type Collection, type CollectionName, type CommitListener, type Doc, type Filter, type FindOptions, type Scalar, type Store,
  UnitAborted, type UnitOptions,
} from './types';

type Db = Database.Database;
type Param = string | number | null;

export interface SqliteStore extends Store {
  dump(): Promise<Record<string, Doc[]>>;
  /** SQLite's query plan for a find, to check which index a query uses. */
  explain(collection: CollectionName, filter?: Filter, options?: FindOptions): string[];
  /** The connection settings that matter for durability and concurrency. */
  connectionInfo(): { journalMode: string; synchronous: number; busyTimeoutMs: number; tempStore: number; schemaVersion: number };
}

const BUSY_TIMEOUT_MS = 5000;
const MAX_CACHED_STATEMENTS = 500;
const NUMBER_TYPES = `('integer','real')`;

const q = (name: string) => `"${name}"`;

/** Written at once (not held for the unit's commit) while the unit has not begun: see the header. */
const COMMIT_AT_ONCE = new Set<string>(['rate_limits', 'rate_keys']);

/** A FIFO lock; `lock()` answers the function that releases it. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => { release = r; });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * Units that finished their work and wait for one COMMIT together (group commit, see the header).
 * `flush` commits them, synchronously, by whoever holds the file's write lock.
 */
/** Additions to integer fields made with addAtCommit, by `<collection>\0<id>\0<field>`, applied just before COMMIT. */
type PendingAdds = Map<string, { collection: string; id: string; field: string; by: number; ifMissing: Doc }>;

/** Adds b's additions into a (same key: the amounts add up; the first document to create it stays). */
function mergeAdds(a: PendingAdds, b: PendingAdds) {
  for (const [k, v] of b) {
    const e = a.get(k);
    if (e) e.by += v.by;
    else a.set(k, { ...v });
  }
}

interface Group {
  written: Set<string>;
  adds: PendingAdds;
  /** units in it so far */
  units: number;
  done: Promise<void>;
  flush(): void;
}

/** One write lock per database file in this process (two stores on one file must not deadlock each other). */
/** Most units one COMMIT carries (measured: 16 keeps the commit cost shared and the wait for it short). */
const GROUP_MAX_UNITS = 16;

/** Per database file in this process: its write lock, the open group, and how to end every store's read epoch (below). */
const fileLocks = new Map<string, { mutex: Mutex; users: number; open?: Group; endReads: Set<() => void> }>();

interface Unit {
  owner: object;
  state: 'idle' | 'beginning' | 'begun' | 'finished';
  /** writes made inside the unit so far (for the pause hook) */
  writes: number;
  /** the collections its transaction has written, told to onCommit listeners once it commits */
  written: Set<string>;
  /** its addAtCommit additions, handed to its group when it ends well */
  adds?: PendingAdds;
  beginning?: Promise<void>;
  release?: () => void;
  aborted?: unknown;
  onBegin?: () => Promise<void> | void;
  /** the group whose transaction it writes in (set at begin) */
  group?: Group;
}
const currentUnit = new AsyncLocalStorage<Unit>();


export interface SqliteOptions {
  /**
   * Test hook for the kill -9 test (HUHANG_WRITE_PAUSE_MS on the local
   * server): every write inside a unit of work waits this long first, and
   * `onPause` is told the how-manieth write of its unit it is, so a test can
   * kill the process while a unit has written part of its rows. Never set it
   * on a real server: it holds the write lock for the pauses.
   */
  pauseBetweenWritesMs?: number;
  onPause?: (writeInUnit: number) => void;
  /**
   * Checkpoint the WAL from a worker thread (the local server sets it).
   * SQLite's automatic checkpoint runs inside a COMMIT, on this thread, with
   * two fsyncs: measured here, 1 commit in 100 took 18-65 ms instead of
   * 0.05 ms, holding the write lock and every request behind it. With this,
   * a worker's own connection runs a PASSIVE checkpoint (which never blocks
   * writers) every CHECKPOINT_EVERY_MS, the WAL is started over once it holds
   * more than WAL_RESTART_PAGES (checkpointer.ts), and the automatic one only
   * steps in past CHECKPOINT_BACKSTOP_PAGES, should the worker ever fall behind.
   */
  checkpointInBackground?: boolean;
  /** Tests only: a faster pass and a smaller WAL than the server's, so a test sees restarts in a second. */
  checkpointEveryMs?: number;
  walRestartPages?: number;
}

const CHECKPOINT_EVERY_MS = 500;
/** 16 MB of WAL: a restart every few seconds of mass writes, none at a county's everyday pace. */
const WAL_RESTART_PAGES = 4_000;
const CHECKPOINT_BACKSTOP_PAGES = 20_000;
/** A catch-up pass copies well under a second of writes; a worker that takes longer is not waited for. */
const CATCH_UP_TIMEOUT_MS = 2_000;

export function openSqliteStore(file: string, options: SqliteOptions = {}): SqliteStore {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets the scheduler and the API read while one of them writes; NORMAL
    // is durable across application crashes (a power cut may lose the last
    // commits, never corrupt the file).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Each unit of work is a SAVEPOINT, and SQLite keeps the first version of every page a savepoint changes in a
    // statement journal, in memory only up to 64 KiB and then in a temporary file. A screening answer changes
    // about 30 pages, so every unit wrote its journal to disk and threw it away at RELEASE: 131 KB written per
    // screening.submit, 32.5 KB with the journal in memory (lesson.complete 40 → 17.5 KB; issue 17, in process,
    // 3,000 requests 10 at a time, /proc/self/io). The journal only undoes a savepoint inside an open transaction;
    // a crash discards that transaction whole (WAL), so nothing durable depends on it being on disk. Only this
    // writing connection: the read connection's large sorts may still spill to temporary files.
    db.pragma('temp_store = MEMORY');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }

  // Which array fields have an element side table (created by a migration); others fall back to json_each.
  const elementTables = new Set<string>(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'has$%'`).all() as Array<{ name: string }>)
      .map((r) => r.name),
  );

  // The read connection: committed rows only, whatever a unit on `db` has written so far.
  const rdb = new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  const lockKey = path.resolve(file);
  const shared = fileLocks.get(lockKey) ?? { mutex: new Mutex(), users: 0, endReads: new Set() };
  shared.users++;
  fileLocks.set(lockKey, shared);
  const mutex = shared.mutex;

  const statementCache = (conn: Db) => {
    const statements = new Map<string, Database.Statement>();
    const prepare = (sql: string): Database.Statement => {
      let stmt = statements.get(sql);
      if (!stmt) {
        // $in lists of varying length make new SQL; keep the cache bounded.
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        stmt = conn.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt;
    };
    return { prepare, clear: () => statements.clear() };
  };
  const writer = statementCache(db);
  const reader = statementCache(rdb);

  /**
   * Read epochs (issue 17). A statement outside a transaction opens and ends
   * a read transaction of its own, and in WAL mode that costs system calls
   * (a lock and an unlock on the shared-memory index, a size check): 9.4 µs
   * for a session read by id, 3.0 µs for each of ten in one transaction
   * (measured on the bench's database, this machine). So the read
   * connection's statements share one read transaction until the end of the
   * event loop's turn (setImmediate), or until anything commits to the file
   * in this process, whichever comes first: ended at every commit, a read
   * never misses a write this process has committed (a unit is answered only
   * after its commit has ended the epoch). Another process's commit shows
   * from the next turn, as it would a moment later anyway. Statements run
   * whole (get / all, never an open iterator), so ending at any point is safe.
   */
  let readEpoch = false;
  const beginRead = rdb.prepare('BEGIN');
  const endRead = rdb.prepare('COMMIT');
  const endReadEpoch = () => {
    if (!readEpoch) return;
    readEpoch = false;
    if (rdb.open && rdb.inTransaction) endRead.run();
  };
  shared.endReads.add(endReadEpoch);
  const endEveryReadEpoch = () => { for (const end of shared.endReads) end(); };

  /**
   * Starts the WAL over (checkpointer.ts): with the write lock held and the open group committed, the
   * worker copies what is left, and the read epochs end so that no read holds the old WAL; the next
   * write then writes from the WAL's start. Writes wait meanwhile (6–25 ms measured at 50 connections,
   * the worker's pass and its two fsyncs); reads and the rest of each request go on.
   */
  let restartingWal = false;
  const restartWal = async () => {
    if (restartingWal || closed || !checkpointer) return;
    restartingWal = true;
    const release = await mutex.lock();
    try {
      if (closed) return;
      shared.open?.flush();
      endEveryReadEpoch();
      await checkpointer.catchUp();
      endEveryReadEpoch();
    } finally {
      release();
      restartingWal = false;
    }
  };
  let checkpointer: Checkpointer | null = null;
  if (options.checkpointInBackground) {
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_BACKSTOP_PAGES}`);
    const restartPages = options.walRestartPages ?? WAL_RESTART_PAGES;
    let lastLog = -1;
    checkpointer = startCheckpointer(file, {
      everyMs: options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      timeoutMs: CATCH_UP_TIMEOUT_MS,
      onPass: (wal) => {
        // A restart that fails (the file closed under it) leaves the WAL as it was: the next pass tries again.
        if (walNeedsRestart(wal, lastLog, restartPages)) restartWal().catch(() => undefined);
        lastLog = wal.log;
      },
    });
  }
  const readerPrepare = (sql: string): Database.Statement => {
    if (!readEpoch) {
      readEpoch = true;
      if (!rdb.inTransaction) beginRead.run();
      setImmediate(endReadEpoch);
    }
    return reader.prepare(sql);
  };

  const commits = commitSignal(db);
  const owner = {};
  const pause = options.pauseBetweenWritesMs ?? 0;
  const unitHere = (): Unit | undefined => {
    const u = currentUnit.getStore();
    return u && u.owner === owner && u.state !== 'finished' ? u : undefined;
  };
  /**
   * The open group's transaction on this connection (BEGIN IMMEDIATE at its first unit), or a new one.
   * Called under the write lock. A group left open by another store on the same file is committed first.
   */
  const joinGroup = (): Group => {
    const open = shared.open;
    if (open && open !== ownGroup) open.flush();
    if (ownGroup) return ownGroup;
    db.exec('BEGIN IMMEDIATE');
    let settle!: (e?: unknown) => void;
    const g: Group = {
      written: new Set(),
      adds: new Map(),
      units: 0,
      done: new Promise<void>((resolve, reject) => { settle = (e) => (e === undefined ? resolve() : reject(e)); }),
      flush() {
        if (ownGroup !== g) return;
        ownGroup = undefined;
        if (shared.open === g) shared.open = undefined;
        try {
          for (const a of g.adds.values()) applyAdd(a.collection, a.id, a.field, a.by, a.ifMissing);
          db.exec('COMMIT');
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          settle(e);
          return;
        }
        endEveryReadEpoch();
        commits.tell(g.written);
        settle();
      },
    };
    g.done.catch(() => undefined); // each waiting unit sees the error; an unobserved copy must not crash the process
    ownGroup = g;
    shared.open = g;
    return g;
  };
  let ownGroup: Group | undefined;
  /** Adds `by` to an integer field, or creates the document (`ifMissing`, the field set to `by`): one statement. */
  const applyAdd = (collection: string, id: string, field: string, by: number, ifMissing: Doc) => {
    writer.prepare(
      `INSERT INTO ${q(collection)} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = ` +
      `json_set(doc, '$.${field}', coalesce(json_extract(doc, '$.${field}'), 0) + CAST(? AS INTEGER))`,
    ).run(id, JSON.stringify({ ...ifMissing, _id: id, [field]: by }), by);
  };
  /**
   * Commits the open group once the units already queued for the lock have joined it (next turn of the
   * event loop). Whatever group is open then: a write outside a unit may have committed the earlier one.
   */
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(async () => {
      const release = await mutex.lock();
      flushScheduled = false;
      try { ownGroup?.flush(); } finally { release(); }
    });
  };
  let flushScheduled = false;

  const begin = async (u: Unit) => {
    if (u.state === 'beginning') { await u.beginning; return; }
    u.state = 'beginning';
    u.beginning = (async () => {
      u.release = await mutex.lock();
      try {
        u.group = joinGroup();
        db.exec('SAVEPOINT unit');
      } catch (e) {
        u.release();
        u.release = undefined;
        u.aborted = e;
        u.state = 'idle';
        throw e;
      }
      u.state = 'begun';
      try {
        await u.onBegin?.();
      } catch (e) {
        u.aborted = e;
        throw e;
      }
    })();
    await u.beginning;
  };
  const gate: Gate = {
    read(fn) {
      const u = unitHere();
      if (u?.aborted !== undefined) throw new UnitAborted(u.aborted);
      return fn(u?.state === 'begun' ? writer.prepare : readerPrepare);
    },
    async write(collection, fn) {
      const turn = yieldIfTurnIsLong(); // a long chain of writes lets the event loop serve others in between (turns.ts)
      if (turn) await turn;
      const u = unitHere();
      if (u) {
        if (u.aborted !== undefined) throw new UnitAborted(u.aborted);
        if (u.state !== 'begun' && !(u.state === 'idle' && COMMIT_AT_ONCE.has(collection))) {
          try {
            await begin(u);
          } catch (e) {
            throw e instanceof UnitAborted ? e : new UnitAborted(e);
          }
        }
        if (u.state === 'begun') {
          u.written.add(collection);
          if (pause > 0) {
            options.onPause?.(++u.writes);
            await new Promise((r) => setTimeout(r, pause));
            if (u.state !== 'begun') throw new Error('unit of work ended during a write pause');
          }
          return fn(writer.prepare);
        }
      }
      // Outside a unit: a write of its own, after any open unit has committed (and the open group with it).
      const release = await mutex.lock();
      try {
        shared.open?.flush();
        return fn(writer.prepare);
      } finally {
        endEveryReadEpoch();
        release();
        // Told even when fn threw: a listener dropping what it kept costs nothing, keeping a stale copy would.
        commits.tell(new Set([collection]));
      }
    },
  };

  const collections = new Map<string, Collection<any>>();
  let closed = false;

  const store: SqliteStore = {
    collection<T extends Doc = Doc>(name: CollectionName): Collection<T> {
      if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, name)) throw new Error(`store: unknown collection ${String(name)}`);
      let c = collections.get(name);
      if (!c) {
        c = sqliteCollection(db, name, gate, elementTables);
        collections.set(name, c);
      }
      return c as Collection<T>;
    },
    async unitOfWork<R>(fn: () => Promise<R>, unitOptions?: UnitOptions): Promise<R> {
      if (unitHere()) return fn(); // already inside one: join it
      const u: Unit = { owner, state: 'idle', writes: 0, written: new Set(), onBegin: unitOptions?.onBegin };
      try {
        const result = await currentUnit.run(u, fn);
        if (u.aborted !== undefined) throw new UnitAborted(u.aborted); // a handler swallowed the abort
        if (u.state === 'beginning') await u.beginning;
        if (u.state === 'begun') {
          const g = u.group!;
          db.exec('RELEASE unit');
          for (const c of u.written) g.written.add(c);
          if (u.adds) mergeAdds(g.adds, u.adds);
          // A full group commits now, under the lock this unit still holds: the units queued behind it
          // would otherwise all join before anyone is answered (latency grows with the queue).
          if (++g.units >= GROUP_MAX_UNITS) g.flush();
          else scheduleFlush();
          u.state = 'finished';
          u.release?.();
          u.release = undefined;
          await g.done; // acknowledged only once its group is committed
        }
        return result;
      } catch (e) {
        if (u.state === 'beginning') await u.beginning?.catch(() => undefined);
        // Only this unit's own savepoint (the group's other units stay), and only while it still holds the lock.
        if (u.state === 'begun' && u.release && db.inTransaction) {
          db.exec('ROLLBACK TO unit');
          db.exec('RELEASE unit');
          scheduleFlush(); // the group may hold no other unit: its transaction must not stay open
        }
        throw e;
      } finally {
        u.state = 'finished';
        u.release?.();
      }
    },
    insideUnit: () => unitHere() !== undefined,
    async addAtCommit(collection, id, field, by, ifMissing) {
      if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, collection)) throw new Error(`store: unknown collection ${String(collection)}`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field) || !Number.isSafeInteger(by)) throw new Error(`store: addAtCommit takes a plain field name and an integer (${field}, ${by})`);
      const u = unitHere();
      if (!u) {
        await gate.write(collection, () => applyAdd(collection, id, field, by, ifMissing));
        return;
      }
      if (u.aborted !== undefined) throw new UnitAborted(u.aborted);
      if (u.state !== 'begun') {
        try { await begin(u); } catch (e) { throw e instanceof UnitAborted ? e : new UnitAborted(e); }
      }
      u.written.add(collection);
      // Straight into the unit's additions (a request moves a dozen counters: no map made per call)
      const adds = (u.adds ??= new Map());
      const key = `${collection}\0${id}\0${field}`;
      const kept = adds.get(key);
      if (kept) kept.by += by;
      else adds.set(key, { collection, id, field, by, ifMissing });
    },
    onCommit: commits.listen,
    noticeOtherWriters: commits.noticeOtherWriters,
    async close() {
      if (closed) return;
      closed = true;
      if (ownGroup) {
        const release = await mutex.lock();
        try { ownGroup?.flush(); } finally { release(); }
      }
      endReadEpoch();
      shared.endReads.delete(endReadEpoch);
      writer.clear();
      reader.clear();
      if (--shared.users === 0) fileLocks.delete(lockKey);
      await checkpointer?.close();
      // Lets SQLite refresh the planner statistics it needs (cheap; recommended before closing).
      db.pragma('optimize');
      rdb.close();
      db.close();
    },
    async dump() {
      const out: Record<string, Doc[]> = {};
      for (const name of Object.keys(COLLECTIONS)) {
        out[name] = gate.read((prepare) => (prepare(`SELECT doc FROM ${q(name)} ORDER BY rowid`).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc)));
      }
      return out;
    },
    explain(collection, filter, options) {
      const { sql, params } = compileFind(collection, filter, options, elementTables);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    },
    connectionInfo() {
      return {
        journalMode: db.pragma('journal_mode', { simple: true }) as string,
        synchronous: db.pragma('synchronous', { simple: true }) as number,
        busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
        tempStore: db.pragma('temp_store', { simple: true }) as number,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
      };
    },
  };
  return store;
}

/**
 * Who hears about commits (Store.onCommit). This process's own commits are told by the gate and the unit
 * as they happen. Another connection's (the admin command in its own process, a second store on the file)
 * are found by `PRAGMA data_version` on the write connection, which changes only when some other
 * connection has committed: one cheap statement, asked by a listener before it trusts what it kept.
 */
function commitSignal(db: Db) {
  const listeners = new Set<CommitListener>();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  const tell = (collections: ReadonlySet<string> | null) => { for (const l of listeners) l(collections); };
  return {
    tell,
    listen(listener: CommitListener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    noticeOtherWriters() {
      if (listeners.size === 0 || !db.open) return;
      const now = dataVersion.get();
      if (now !== seen) {
        seen = now;
        tell(null);
      }
    },
  };
}

type Prepare = (sql: string) => Database.Statement;
/** Which connection a call uses, and the write lock (see the header). */
interface Gate {
  read<R>(fn: (prepare: Prepare) => R): R;
  write<R>(collection: string, fn: (prepare: Prepare) => R): Promise<R>;
}

/** A patch of increments only, each by an integer (the counters' `inc: { n: ±1 }`). */
const isIntegerIncrement = (p: CheckedPatch) => p.set.length === 0 && p.unset.length === 0 && p.inc.length > 0 && p.inc.every(([, by]) => Number.isSafeInteger(by));

function sqliteCollection(db: Db, name: string, gate: Gate, elementTables: Set<string>): Collection<Doc> {
  const table = q(name);
  const where = (filter: Filter | undefined) => compileWhere(name, parseFilter(filter), elementTables);
  const parse = (row: { doc: string } | undefined): Doc | null => (row ? JSON.parse(row.doc) : null);
  // Built once: each call looks its statement up by this text, and a string made anew is hashed anew.
  const byIdSql = `SELECT doc FROM ${table} WHERE id = ?`;
  const insertSql = `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`;
  const putSql = `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`;
  const removeSql = `DELETE FROM ${table} WHERE id = ?`;

  /** Read, patch and write back in one IMMEDIATE transaction (a savepoint inside a unit); the read carries the optional compare-and-set condition. */
  const patchOne = db.transaction((prepare: Prepare, id: string, cond: Sql, patch: CheckedPatch): boolean => {
    const row = prepare(`SELECT doc FROM ${table} WHERE id = ?${cond.sql === '1' ? '' : ` AND (${cond.sql})`}`)
      .get(id, ...cond.params) as { doc: string } | undefined;
    if (!row) return false;
    if (isEmptyPatch(patch)) return true;
    const next = applyPatch(JSON.parse(row.doc), patch);
    prepare(`UPDATE ${table} SET doc = ? WHERE id = ?`).run(JSON.stringify(next), id);
    return true;
  });

  /** One transaction for a batch: one commit instead of one per row. */
  const insertAll = db.transaction((prepare: Prepare, docs: readonly Doc[]): number => {
    const stmt = prepare(insertSql);
    let added = 0;
    for (const d of docs) added += stmt.run(d._id, JSON.stringify(d)).changes;
    return added;
  });

  return {
    async get(id) {
      const turn = yieldIfTurnIsLong();
      if (turn) await turn;
      return gate.read((prepare) => parse(prepare(byIdSql).get(id) as { doc: string } | undefined));
    },
    async insert(doc) {
      checkDoc(doc);
      const info = await gate.write(name, (prepare) => prepare(insertSql).run(doc._id, JSON.stringify(doc)));
      if (info.changes === 0) throw new AppError('CONFLICT');
    },
    async insertMany(docs) {
      docs.forEach(checkDoc);
      return gate.write(name, (prepare) => insertAll(prepare, docs));
    },
    async put(doc) {
      checkPutDoc(doc);
      await gate.write(name, (prepare) => prepare(putSql).run(doc._id, JSON.stringify(doc)));
    },
    async update(id, patch) {
      const p = checkPatch(patch);
      if (isIntegerIncrement(p)) {
        // A counter (tallies, commitment counts: several per write request): one UPDATE in SQL instead of read,
        // parse, patch and write back. Only where every field holds an integer or is missing (starts at 0, as
        // applyPatch does); anything else (a real number, not a number, no row) goes the general way below,
        // which answers or refuses as always.
        const sql = `UPDATE ${table} SET doc = ${p.inc.reduce((d, [f]) => `json_set(${d}, '$.${f}', coalesce(json_extract(doc, '$.${f}'), 0) + CAST(? AS INTEGER))`, 'doc')} ` +
          `WHERE id = ? AND ${p.inc.map(([f]) => `coalesce(json_type(doc, '$.${f}'), 'integer') = 'integer'`).join(' AND ')}`;
        const changed = await gate.write(name, (prepare) => prepare(sql).run(...p.inc.map(([, by]) => by), id).changes);
        if (changed > 0) return true;
      }
      return gate.write(name, (prepare) => patchOne.immediate(prepare, id, TRUE, p));
    },
    async updateIf(id, filter, patch) {
      const w = where(filter);
      const p = checkPatch(patch);
      return gate.write(name, (prepare) => patchOne.immediate(prepare, id, w, p));
    },
    async find(filter, options) {
      const { sql, params } = compileFind(name, filter, options, elementTables);
      const turn = yieldIfTurnIsLong();
      if (turn) await turn;
      return gate.read((prepare) => (prepare(sql).all(...params) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc)));
    },
    async count(filter) {
      const w = where(filter);
      const turn = yieldIfTurnIsLong();
      if (turn) await turn;
      return gate.read((prepare) => (prepare(`SELECT count(*) AS n FROM ${table} WHERE ${w.sql}`).get(...w.params) as { n: number }).n);
    },
    async remove(id) {
      return gate.write(name, (prepare) => prepare(removeSql).run(id).changes > 0);
    },
    async removeWhere(filter) {
      const w = where(filter);
      return gate.write(name, (prepare) => prepare(`DELETE FROM ${table} WHERE ${w.sql}`).run(...w.params).changes);
    },
  };
}

interface Sql { sql: string; params: Param[] }
const TRUE: Sql = { sql: '1', params: [] };

function compileFind(collection: string, filter: Filter | undefined, options: FindOptions | undefined, elementTables: Set<string>): Sql {
  const w = compileWhere(collection, parseFilter(filter), elementTables);
  const { orderBy, limit, skip } = checkFindOptions(options);
  let sql = `SELECT doc FROM ${q(collection)} WHERE ${w.sql}`;
  const params = [...w.params];
  if (orderBy.length > 0) {
    const terms = orderBy.map(([field, dir]) => `${fieldExpr(field)} ${dir === 'desc' ? 'DESC' : 'ASC'}`);
    // Ties are broken by _id so paging with skip never repeats or drops a document (the CloudBase adapter does the same).
    if (!orderBy.some(([field]) => field === '_id')) terms.push('id ASC');
    sql += ` ORDER BY ${terms.join(', ')}`;
  }
  if (limit !== undefined || skip > 0) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(limit ?? -1, skip);
  }
  return { sql, params };
}

function compileWhere(collection: string, conditions: Condition[], elementTables: Set<string>): Sql {
  if (conditions.length === 0) return TRUE;
  const parts = conditions.map((c) => compileCondition(collection, c, elementTables));
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function compileCondition(collection: string, c: Condition, elementTables: Set<string>): Sql {
  const e = fieldExpr(c.field);
  const t = fieldTypeExpr(c.field);
  switch (c.op) {
    case 'eq':
      return equals(e, t, c.value);
    case 'ne':
      if (c.value === null) return { sql: `${e} IS NOT NULL`, params: [] };
      {
        // A missing field is "not equal" too; coalesce turns the NULL that comparison gives it into a match.
        const eq = equals(e, t, c.value);
        return { sql: `NOT coalesce(${eq.sql}, 0)`, params: eq.params };
      }
    case 'in':
      return oneOf(e, t, c.value);
    case 'gt': case 'gte': case 'lt': case 'lte': {
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      const types = typeof c.value === 'number' ? NUMBER_TYPES : `('text')`;
      return { sql: `(${e} ${sym} ? AND ${t} IN ${types})`, params: [c.value as Param] };
    }
    case 'has':
      return has(collection, c.field, c.value, elementTables);
  }
}

/** Equality that keeps JSON types apart (true ≠ 1) while leaving `e = ?` for the index to use. */
function equals(e: string, t: string, v: Scalar): Sql {
  if (v === null) return { sql: `${e} IS NULL`, params: [] };
  if (typeof v === 'string') return { sql: `${e} = ?`, params: [v] };
  if (typeof v === 'number') return { sql: `(${e} = ? AND ${t} IN ${NUMBER_TYPES})`, params: [v] };
  return { sql: `(${e} = ? AND ${t} = '${v ? 'true' : 'false'}')`, params: [v ? 1 : 0] };
}

function oneOf(e: string, t: string, values: Scalar[]): Sql {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const parts: Sql[] = [];
  if (strings.length) parts.push({ sql: `${e} IN (${strings.map(() => '?').join(', ')})`, params: strings });
  if (numbers.length) parts.push({ sql: `(${e} IN (${numbers.map(() => '?').join(', ')}) AND ${t} IN ${NUMBER_TYPES})`, params: numbers });
  for (const b of [true, false]) if (values.includes(b)) parts.push(equals(e, t, b));
  if (values.includes(null)) parts.push(equals(e, t, null));
  if (parts.length === 0) return { sql: '0', params: [] };
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/** An element of the array field equals v: via the indexed side table when a migration made one, else json_each. */
function has(collection: string, field: string, v: Scalar, elementTables: Set<string>): Sql {
  const match = (value: string, type: string): Sql => {
    if (v === null) return { sql: `${type} = 'null'`, params: [] };
    if (typeof v === 'string') return { sql: `${value} = ? AND ${type} = 'text'`, params: [v] };
    if (typeof v === 'number') return { sql: `${value} = ? AND ${type} IN ${NUMBER_TYPES}`, params: [v] };
    return { sql: `${type} = '${v ? 'true' : 'false'}'`, params: [] };
  };
  const side = elementTableName(collection, field);
  if (field !== '_id' && elementTables.has(side)) {
    const m = match('value', 'type');
    return { sql: `id IN (SELECT id FROM ${q(side)} WHERE ${m.sql})`, params: m.params };
  }
  const m = match('j.value', 'j.type');
  return {
    sql: `(${fieldTypeExpr(field)} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') AS j WHERE ${m.sql}))`,
    params: m.params,
  };
}

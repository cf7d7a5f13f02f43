/**
 * An in-memory stand-in for the part of wx-server-sdk's `cloud.database()`
 * the CloudBase adapter uses, keeping the behaviour that has bitten people:
 *
 * - one `.get()` returns at most 100 documents, whatever `limit` says;
 * - `add` with an `_id` that exists rejects with a duplicate-key error;
 * - `doc(id).get()` rejects when the document is missing;
 * - `set`/`update` refuse `_id` in data, `update` refuses empty data;
 * - a plain object in `update` data is merged into the stored object
 *   (dotted paths); only `_.set(obj)` replaces it;
 * - `stats.updated` counts documents that actually changed (MongoDB's
 *   "modified"), so a no-op update reports 0;
 * - matching is MongoDB's: a value matches an element of an array field,
 *   `null` matches a missing field, `neq` matches a missing field, ranges
 *   compare only numbers with numbers and strings with strings, true ≠ 1;
 * - every call yields to the event loop first, so concurrent calls
 *   interleave like network requests; each write is applied in one step on
 *   the "server", like a real atomic `$inc`.
 */
import type {
  CloudbaseCollectionRef, CloudbaseCommand, CloudbaseDatabase, CloudbaseDocRef, CloudbaseQuery,
} from '../../../src/cloud/store/cloudbase';

class Cmd {
  constructor(readonly kind: string, readonly arg?: unknown) {}
}

type Json = any;
type Row = Record<string, Json>;
type Op = 'get' | 'count' | 'add' | 'set' | 'update' | 'remove';

export const SERVER_MAX_GET = 100;

export interface FakeCloudbaseDb extends CloudbaseDatabase {
  /** How many `.get()` calls reached the fake, and the most documents one returned. */
  readonly calls: { get: number; maxReturned: number };
  /** Makes the next call of this kind reject with `error` (a network fault, a quota error…). */
  failNext(op: Op, error: unknown): void;
  /** The stored documents of a collection (copies), in insertion order. */
  rows(collection: string): Row[];
  /**
   * Every named collection's documents (copies), in insertion order, like
   * the SQLite store's `dump()` (ordered by rowid; a replaced document keeps
   * its place in both). Collections never written to answer [].
   */
  dump(collections: readonly string[]): Record<string, Row[]>;
  /** A copy of everything, for `createFakeCloudbaseDb(snapshot)`. */
  snapshot(): FakeCloudbaseSnapshot;
}

/** Everything a fake database holds, to start another one from (the fault sweeps run each try on a copy). */
export interface FakeCloudbaseSnapshot { collections: Record<string, Row[]>; autoId: number }

export function createFakeCloudbaseDb(from?: FakeCloudbaseSnapshot): FakeCloudbaseDb {
  const collections = new Map<string, Map<string, Row>>(
    Object.entries(from?.collections ?? {}).map(([name, rows]) => [name, new Map(rows.map((r) => [String(r._id), clone(r)]))]),
  );
  const calls = { get: 0, maxReturned: 0 };
  const failures = new Map<Op, unknown>();
  let autoId = from?.autoId ?? 0;

  const table = (name: string) => {
    let t = collections.get(name);
    if (!t) collections.set(name, (t = new Map()));
    return t;
  };

  /** The network hop: yield, then fail if a failure was injected for this kind of call. */
  const hop = async (op: Op) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (failures.has(op)) {
      const e = failures.get(op);
      failures.delete(op);
      throw e;
    }
  };

  const command: CloudbaseCommand = {
    eq: (v) => new Cmd('eq', v),
    neq: (v) => new Cmd('neq', v),
    gt: (v) => new Cmd('gt', v),
    gte: (v) => new Cmd('gte', v),
    lt: (v) => new Cmd('lt', v),
    lte: (v) => new Cmd('lte', v),
    in: (values) => {
      if (!Array.isArray(values)) throw new Error('in: expects an array');
      return new Cmd('in', values);
    },
    and: (...commands) => new Cmd('and', commands.flat()),
    exists: (present) => new Cmd('exists', present),
    inc: (by) => new Cmd('inc', by),
    remove: () => new Cmd('remove'),
    set: (value) => new Cmd('set', value),
  };

  interface QueryState { name: string; where?: Row; orders: Array<[string, 'asc' | 'desc']>; skip: number; limit?: number }

  const matching = (s: QueryState): Row[] => [...table(s.name).values()].filter((row) => !s.where || matchesWhere(row, s.where));

  const makeQuery = (s: QueryState): CloudbaseQuery => ({
    orderBy: (field, direction) => {
      if (direction !== 'asc' && direction !== 'desc') throw new Error('orderBy: direction must be asc or desc');
      return makeQuery({ ...s, orders: [...s.orders, [field, direction]] });
    },
    skip: (n) => makeQuery({ ...s, skip: n }),
    limit: (n) => {
      if (!Number.isInteger(n) || n <= 0) throw new Error('limit: must be a positive integer');
      return makeQuery({ ...s, limit: n });
    },
    async get() {
      await hop('get');
      calls.get++;
      const rows = matching(s).sort((a, b) => {
        for (const [field, dir] of s.orders) {
          const c = compareBson(a[field], b[field]);
          if (c !== 0) return dir === 'asc' ? c : -c;
        }
        return 0;
      });
      const data = rows.slice(s.skip, s.skip + Math.min(s.limit ?? SERVER_MAX_GET, SERVER_MAX_GET)).map(clone);
      calls.maxReturned = Math.max(calls.maxReturned, data.length);
      return { data, errMsg: 'collection.get:ok' };
    },
    async count() {
      await hop('count');
      return { total: matching(s).length, errMsg: 'collection.count:ok' };
    },
    async update({ data }) {
      await hop('update');
      checkUpdateData(data);
      let updated = 0;
      for (const row of matching(s)) {
        const next = applyUpdate(row, data);
        if (!sameJson(next, row)) {
          table(s.name).set(row._id, next);
          updated++;
        }
      }
      return { stats: { updated }, errMsg: 'collection.update:ok' };
    },
    async remove() {
      await hop('remove');
      const rows = matching(s);
      for (const row of rows) table(s.name).delete(row._id);
      return { stats: { removed: rows.length }, errMsg: 'collection.remove:ok' };
    },
  });

  const makeDoc = (name: string, id: string): CloudbaseDocRef & { get(): Promise<{ data: Row }> } => {
    const byId = makeQuery({ name, where: { _id: id }, orders: [], skip: 0 });
    return {
      async get() {
        await hop('get');
        const row = table(name).get(id);
        if (!row) throw new Error(`document.get:fail document with _id ${id} does not exist`);
        return { data: clone(row) };
      },
      async set({ data }) {
        await hop('set');
        if (!data || typeof data !== 'object' || Object.keys(data).length === 0) throw new Error('document.set:fail 参数必须为非空对象');
        if ('_id' in data) throw new Error('document.set:fail 不能更新_id的值');
        const existed = table(name).has(id);
        table(name).set(id, { _id: id, ...clone(data) });
        return { _id: id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 }, errMsg: 'document.set:ok' };
      },
      update: (options) => byId.update(options),
      remove: () => byId.remove(),
    };
  };

  const makeCollection = (name: string): CloudbaseCollectionRef => ({
    ...makeQuery({ name, orders: [], skip: 0 }),
    where(condition) {
      if (!condition || typeof condition !== 'object') throw new Error('where: expects an object');
      for (const [k, v] of Object.entries(condition)) if (v === undefined) throw new Error(`where: ${k} is undefined`);
      return makeQuery({ name, where: condition, orders: [], skip: 0 });
    },
    doc: (id) => makeDoc(name, id),
    async add({ data }) {
      await hop('add');
      const id = data._id === undefined ? `auto${(autoId++).toString(36).padStart(8, '0')}` : data._id;
      if (typeof id !== 'string') throw new Error('collection.add:fail _id must be a string');
      if (table(name).has(id)) {
        const e = new Error(`errCode: -502001 database request fail | errMsg: [FailedOperation] E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${id}" }`);
        (e as any).errCode = -502001;
        throw e;
      }
      table(name).set(id, { ...clone(data), _id: id });
      return { _id: id, errMsg: 'collection.add:ok' };
    },
  });

  return {
    command,
    collection: (name) => makeCollection(name),
    calls,
    failNext: (op, error) => { failures.set(op, error); },
    rows: (name) => [...table(name).values()].map(clone),
    dump: (names) => Object.fromEntries(names.map((name) => [name, [...(collections.get(name)?.values() ?? [])].map(clone)])),
    snapshot: () => ({ collections: Object.fromEntries([...collections].map(([name, t]) => [name, [...t.values()].map(clone)])), autoId }),
  };
}

// ---- MongoDB-style semantics -------------------------------------------------

/** What the database stores: JSON (undefined keys dropped), never a shared reference. */
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

const isPlainObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd);

function matchesWhere(row: Row, where: Row): boolean {
  return Object.entries(where).every(([field, cond]) => {
    if (field.includes('.')) throw new Error('fake: dotted paths are not supported');
    const present = Object.prototype.hasOwnProperty.call(row, field);
    if (cond instanceof Cmd) return evalCmd(row[field], present, cond);
    if (isPlainObject(cond)) throw new Error('fake: nested-object conditions are not supported');
    return equalsMatch(row[field], cond);
  });
}

function evalCmd(value: Json, present: boolean, cmd: Cmd): boolean {
  switch (cmd.kind) {
    case 'eq': return equalsMatch(value, cmd.arg);
    case 'neq': return !equalsMatch(value, cmd.arg);
    case 'in': return (cmd.arg as Json[]).some((v) => equalsMatch(value, v));
    case 'gt': case 'gte': case 'lt': case 'lte': {
      const bound = cmd.arg;
      const candidates = Array.isArray(value) ? value : [value];
      return candidates.some((x) => {
        if (typeof bound !== typeof x || (typeof x !== 'number' && typeof x !== 'string')) return false;
        const c = x < (bound as any) ? -1 : x > (bound as any) ? 1 : 0;
        return cmd.kind === 'gt' ? c > 0 : cmd.kind === 'gte' ? c >= 0 : cmd.kind === 'lt' ? c < 0 : c <= 0;
      });
    }
    case 'and': return (cmd.arg as Cmd[]).every((c) => evalCmd(value, present, c));
    case 'exists': return present === cmd.arg;
    default: throw new Error(`fake: ${cmd.kind} is not a query command`);
  }
}

/** MongoDB equality: null matches missing; an array field matches if it equals the value or holds it. */
function equalsMatch(value: Json, v: Json): boolean {
  if (v === null && (value === null || value === undefined)) return true;
  if (Array.isArray(value) && value.some((x) => sameJson(x, v))) return true;
  return sameJson(value, v);
}

function checkUpdateData(data: Row) {
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) throw new Error('document.update:fail 参数必须为非空对象');
  if ('_id' in data) throw new Error('document.update:fail 不能更新_id的值');
}

function applyUpdate(row: Row, data: Row): Row {
  const next = clone(row);
  for (const [field, v] of Object.entries(data)) {
    if (v instanceof Cmd) {
      if (v.kind === 'inc') {
        const cur = next[field];
        if (cur !== undefined && typeof cur !== 'number') throw new Error(`Cannot apply $inc to a value of non-numeric type (${field})`);
        next[field] = (cur ?? 0) + (v.arg as number);
      } else if (v.kind === 'remove') delete next[field];
      else if (v.kind === 'set') next[field] = clone(v.arg);
      else throw new Error(`fake: ${v.kind} is not an update command`);
    } else if (isPlainObject(v)) {
      next[field] = mergeObject(isPlainObject(next[field]) ? next[field] : {}, v);
    } else if (v !== undefined) {
      next[field] = clone(v);
    }
  }
  return next;
}

/** A plain object in update data updates the nested fields it names and leaves the others. */
function mergeObject(target: Row, patch: Row): Row {
  const out = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = isPlainObject(v) ? mergeObject(isPlainObject(out[k]) ? out[k] : {}, v) : clone(v);
  }
  return out;
}

/** BSON sort order: missing/null < numbers < strings < objects < arrays < booleans. */
function compareBson(a: Json, b: Json): number {
  const rank = (v: Json) => v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2
    : Array.isArray(v) ? 4 : typeof v === 'object' ? 3 : 5;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2 || ra === 5) return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x: Json, i: number) => sameJson(x, b[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
}

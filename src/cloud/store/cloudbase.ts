/**
 * The Store on the CloudBase database (production, inside cloud functions),
 * a thin mapping onto wx-server-sdk's `cloud.database()`.
 *
 * CloudBase pitfalls this file handles:
 * - `doc(id).get()` rejects when the document is missing, and the error is
 *   only told apart from a network fault by its message. `get` therefore uses
 *   `where({ _id }).limit(1).get()`, which answers an empty list instead, so
 *   a real failure is never mistaken for "not found".
 * - One `.get()` returns at most 100 documents on the server SDK (the docs
 *   say 1000 in one place, 100 in another); `find` pages by 100.
 * - A plain object in `update` data is merged field by field (it becomes
 *   dotted paths); `set` of an object or array is wrapped in `_.set()` so it
 *   replaces the value, as the Patch interface means.
 * - `stats.updated` may count only documents that actually changed (MongoDB
 *   counts "modified"), so 0 is ambiguous; it is confirmed with a read.
 * - Inserting must fail on an existing `_id`: `add` with our own `_id` is the
 *   only insert-if-absent CloudBase has; its duplicate-key error becomes
 *   AppError('CONFLICT'). (`doc(id).set()` would silently overwrite.)
 * - `$has` is plain equality: like MongoDB, CloudBase matches a value against
 *   the elements of an array field.
 *
 * Indexes are made in the CloudBase console, one per field in COLLECTIONS.
 */
import { AppError } from '../../domain/errors';
import {
  applyPatch, checkDoc, checkFindOptions, checkPutDoc, checkPatch, isEmptyPatch, isScalar, parseFilter,
  type CheckedPatch, type Condition,
} from './filter';
import { COLLECTIONS, type Collection, type CollectionName, type Doc, type Filter, type Store } from './types';

/** The part of wx-server-sdk's database API this adapter uses. */
export interface CloudbaseQuery {
  orderBy(field: string, direction: 'asc' | 'desc'): CloudbaseQuery;
  skip(n: number): CloudbaseQuery;
  limit(n: number): CloudbaseQuery;
  get(): Promise<{ data: any[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface CloudbaseDocRef {
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface CloudbaseCollectionRef extends CloudbaseQuery {
  where(condition: Record<string, unknown>): CloudbaseQuery;
  doc(id: string): CloudbaseDocRef;
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
}
export interface CloudbaseCommand {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  in(values: unknown[]): unknown;
  and(...commands: unknown[]): unknown;
  exists(present: boolean): unknown;
  inc(by: number): unknown;
  remove(): unknown;
  set(value: unknown): unknown;
}
export interface CloudbaseDatabase {
  collection(name: string): CloudbaseCollectionRef;
  command: CloudbaseCommand;
}

/** The most one server-side `.get()` returns. */
export const CLOUDBASE_PAGE = 100;
/** insertMany's adds in flight at once. */
const INSERT_MANY_PARALLEL = 20;

export function createCloudbaseStore(db: CloudbaseDatabase): Store {
  const collections = new Map<string, Collection<any>>();
  return {
    collection<T extends Doc = Doc>(name: CollectionName): Collection<T> {
      if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, name)) throw new Error(`store: unknown collection ${String(name)}`);
      let c = collections.get(name);
      if (!c) {
        c = cloudbaseCollection(db, name);
        collections.set(name, c);
      }
      return c as Collection<T>;
    },
    async close() {
      // Cloud functions share one SDK connection for their lifetime; nothing to release.
    },
  };
}

function cloudbaseCollection(db: CloudbaseDatabase, name: string): Collection<Doc> {
  const _ = db.command;
  const ref = () => db.collection(name);
  const query = (filter: Filter | undefined): CloudbaseQuery => {
    const conditions = parseFilter(filter);
    return conditions.length ? ref().where(toWhere(_, conditions)) : ref();
  };

  const get = async (id: string): Promise<Doc | null> => {
    const { data } = await ref().where({ _id: id }).limit(1).get();
    return data.length ? (data[0] as Doc) : null;
  };

  /**
   * `updated === 0` means "did not match" or "matched but nothing changed".
   * It only counts as success when the document exists, still matches, and
   * the patch would not change it.
   */
  const confirmNoOp = async (id: string, filter: Filter, patch: CheckedPatch): Promise<boolean> => {
    const current = await get(id);
    if (!current || !sameJson(applyPatch(current, patch), current)) return false;
    if (Object.keys(filter).length === 0) return true;
    return (await query({ ...filter, _id: id }).count()).total === 1;
  };

  return {
    get,
    async insert(doc) {
      checkDoc(doc);
      try {
        await ref().add({ data: { ...doc } });
      } catch (e) {
        if (isDuplicateKey(e)) throw new AppError('CONFLICT');
        throw e;
      }
    },
    async insertMany(docs) {
      docs.forEach(checkDoc);
      let added = 0;
      // A few at a time: each add is a round trip; a duplicate _id is one that is already there.
      for (let i = 0; i < docs.length; i += INSERT_MANY_PARALLEL) {
        await Promise.all(docs.slice(i, i + INSERT_MANY_PARALLEL).map(async (doc) => {
          try {
            await ref().add({ data: { ...doc } });
            added++;
          } catch (e) {
            if (!isDuplicateKey(e)) throw e;
          }
        }));
      }
      return added;
    },
    async put(doc) {
      checkPutDoc(doc);
      const { _id, ...rest } = doc; // set() refuses _id in data: the id is in doc(id)
      await ref().doc(_id).set({ data: rest });
    },
    async update(id, patch) {
      const p = checkPatch(patch);
      if (isEmptyPatch(p)) return (await get(id)) !== null; // CloudBase refuses an empty update
      const res = await ref().doc(id).update({ data: updateData(_, p) });
      return res.stats.updated === 1 || confirmNoOp(id, {}, p);
    },
    async updateIf(id, where, patch) {
      const p = checkPatch(patch);
      const filter: Filter = { ...where, _id: id };
      if (isEmptyPatch(p)) return (await query(filter).count()).total === 1;
      const res = await query(filter).update({ data: updateData(_, p) });
      return res.stats.updated === 1 || confirmNoOp(id, where, p);
    },
    async find(filter, options) {
      const { orderBy, limit, skip } = checkFindOptions(options);
      let q = query(filter);
      for (const [field, dir] of orderBy) q = q.orderBy(field, dir);
      // _id breaks ties so that paging with skip neither repeats nor drops documents.
      if (!orderBy.some(([field]) => field === '_id')) q = q.orderBy('_id', 'asc');
      const out: Doc[] = [];
      const wanted = limit ?? Infinity;
      let offset = skip;
      while (out.length < wanted) {
        const n = Math.min(CLOUDBASE_PAGE, wanted - out.length);
        const page = offset > 0 ? q.skip(offset).limit(n) : q.limit(n);
        const { data } = await page.get();
        out.push(...(data as Doc[]));
        offset += data.length;
        if (data.length < n) break;
      }
      return out;
    },
    async count(filter) {
      return (await query(filter).count()).total;
    },
    async remove(id) {
      return (await ref().doc(id).remove()).stats.removed > 0;
    },
    async removeWhere(filter) {
      const conditions = parseFilter(filter);
      // An explicit always-true condition: an empty where on a bulk delete is refused or risky across SDK versions.
      const q = conditions.length ? ref().where(toWhere(_, conditions)) : ref().where({ _id: _.exists(true) });
      return (await q.remove()).stats.removed;
    },
  };
}

/** Conditions on the same field are joined with `_.and`; a lone equality stays a plain value. */
function toWhere(_: CloudbaseCommand, conditions: Condition[]): Record<string, unknown> {
  const byField = new Map<string, Condition[]>();
  for (const c of conditions) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
  const where: Record<string, unknown> = {};
  for (const [field, list] of byField) {
    if (list.length === 1 && (list[0].op === 'eq' || list[0].op === 'has')) where[field] = list[0].value;
    else {
      const commands = list.map((c) => toCommand(_, c));
      where[field] = commands.length === 1 ? commands[0] : _.and(...commands);
    }
  }
  return where;
}

function toCommand(_: CloudbaseCommand, c: Condition): unknown {
  switch (c.op) {
    case 'eq': case 'has': return _.eq(c.value);
    case 'ne': return _.neq(c.value);
    case 'in': return _.in(c.value);
    case 'gt': return _.gt(c.value);
    case 'gte': return _.gte(c.value);
    case 'lt': return _.lt(c.value);
    case 'lte': return _.lte(c.value);
  }
}

function updateData(_: CloudbaseCommand, p: CheckedPatch): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  // Objects and arrays go through _.set so they replace the stored value instead of being merged into it.
  for (const [field, value] of p.set) data[field] = isScalar(value) ? value : _.set(value);
  for (const [field, by] of p.inc) data[field] = _.inc(by);
  for (const field of p.unset) data[field] = _.remove();
  return data;
}

function isDuplicateKey(e: unknown): boolean {
  const err = e as { errMsg?: unknown; message?: unknown } | null;
  const text = `${err?.errMsg ?? ''} ${err?.message ?? ''} ${String(e)}`;
  return /E11000|duplicate key/i.test(text);
}

/** Structural equality of JSON values, ignoring key order (CloudBase may return keys in another order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as any)[k], (b as any)[k]));
}

/**
 * Filters and patches, checked once and flattened into a list both adapters
 * translate (SQL for SQLite, db.command for CloudBase). Checking here means a
 * caller bug fails loudly instead of turning into a query that silently
 * matches everything (e.g. `{ userId: undefined }`).
 */
import type { Doc, Filter, FindOptions, Patch, Scalar } from './types';

export type Op = 'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'has';
export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

export type Condition =
  | { field: string; op: 'in'; value: Scalar[] }
  | { field: string; op: Exclude<Op, 'in'>; value: Scalar };

const OPERATORS: Record<string, Op> = {
  $in: 'in', $ne: 'ne', $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte', $has: 'has',
};

/**
 * Field names end up inside SQL (`'$.field'` JSON paths) and CloudBase
 * queries (where a dot means a nested path), so only plain identifiers pass.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkFieldName(field: string): string {
  if (!FIELD_NAME.test(field)) throw new Error(`store: invalid field name ${JSON.stringify(field)}`);
  return field;
}

export function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function checkScalar(field: string, v: unknown): Scalar {
  if (!isScalar(v)) throw new Error(`store: filter on ${field} needs a string, finite number, boolean or null, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  try { return JSON.stringify(v); } catch { return String(v); }
}

/** Flattens a Filter into AND-ed conditions, rejecting anything outside the interface. */
export function parseFilter(filter: Filter | undefined): Condition[] {
  const out: Condition[] = [];
  if (filter === undefined) return out;
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) throw new Error('store: filter must be an object');
  for (const [field, spec] of Object.entries(filter)) {
    checkFieldName(field);
    if (spec === null || typeof spec !== 'object') {
      out.push({ field, op: 'eq', value: checkScalar(field, spec) });
      continue;
    }
    const keys = Object.keys(spec);
    if (keys.length === 0 || Array.isArray(spec)) throw new Error(`store: filter on ${field} is not a value or an operator object`);
    for (const key of keys) {
      const op = OPERATORS[key];
      if (!op) throw new Error(`store: unknown filter operator ${key} on ${field}`);
      const v = (spec as Record<string, unknown>)[key];
      if (op === 'in') {
        if (!Array.isArray(v)) throw new Error(`store: $in on ${field} needs an array`);
        out.push({ field, op, value: v.map((x) => checkScalar(field, x)) });
      } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
        const s = checkScalar(field, v);
        // Ranges compare numbers with numbers and strings with strings; nothing else orders sensibly.
        if (typeof s !== 'number' && typeof s !== 'string') throw new Error(`store: ${key} on ${field} needs a number or a string`);
        out.push({ field, op, value: s });
      } else if (op === 'has') {
        // CloudBase matches `field: null` against a missing field too, which "the array holds null" must not.
        if (v === null) throw new Error(`store: $has on ${field} needs a string, number or boolean, not null`);
        out.push({ field, op, value: checkScalar(field, v) });
      } else {
        out.push({ field, op, value: checkScalar(field, v) });
      }
    }
  }
  return out;
}

export interface CheckedFind {
  orderBy: Array<[string, 'asc' | 'desc']>;
  limit?: number;
  skip: number;
}

export function checkFindOptions(options: FindOptions | undefined): CheckedFind {
  const orderBy = (options?.orderBy ?? []).map(([field, dir]): [string, 'asc' | 'desc'] => {
    checkFieldName(field);
    if (dir !== 'asc' && dir !== 'desc') throw new Error(`store: order direction must be asc or desc, got ${describe(dir)}`);
    return [field, dir];
  });
  const limit = options?.limit;
  const skip = options?.skip ?? 0;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new Error(`store: limit must be a whole number >= 0`);
  if (!(Number.isInteger(skip) && skip >= 0)) throw new Error(`store: skip must be a whole number >= 0`);
  return { orderBy, limit, skip };
}

export interface CheckedPatch {
  set: Array<[string, unknown]>;
  inc: Array<[string, number]>;
  unset: string[];
}

/**
 * One field may appear in only one of set / inc / unset: CloudBase rejects
 * conflicting update paths, so SQLite rejects them too. `undefined` in `set`
 * is skipped (it cannot be stored as JSON and CloudBase would refuse it).
 */
export function checkPatch<T extends Doc>(patch: Patch<T>): CheckedPatch {
  const seen = new Set<string>();
  const claim = (field: string) => {
    checkFieldName(field);
    if (field === '_id') throw new Error('store: _id cannot be changed');
    if (seen.has(field)) throw new Error(`store: ${field} appears twice in one patch`);
    seen.add(field);
  };
  const set: Array<[string, unknown]> = [];
  for (const [field, value] of Object.entries(patch.set ?? {})) {
    if (value === undefined) continue;
    claim(field);
    set.push([field, value]);
  }
  const inc: Array<[string, number]> = [];
  for (const [field, by] of Object.entries(patch.inc ?? {}) as Array<[string, unknown]>) {
    if (by === undefined) continue;
    claim(field);
    if (typeof by !== 'number' || !Number.isFinite(by)) throw new Error(`store: inc on ${field} needs a finite number`);
    inc.push([field, by]);
  }
  const unset: string[] = [];
  for (const field of patch.unset ?? []) {
    claim(field);
    unset.push(field);
  }
  return { set, inc, unset };
}

export function isEmptyPatch(p: CheckedPatch): boolean {
  return p.set.length === 0 && p.inc.length === 0 && p.unset.length === 0;
}

/** Applies a checked patch to a copy of a document (SQLite does this inside its write transaction). */
export function applyPatch(doc: Doc, p: CheckedPatch): Doc {
  const next: Record<string, unknown> = { ...doc };
  for (const [field, value] of p.set) next[field] = value;
  for (const [field, by] of p.inc) {
    const current = next[field];
    // Like CloudBase (MongoDB $inc): a missing field starts at 0, anything not a number is an error.
    if (current !== undefined && typeof current !== 'number') throw new Error(`store: cannot inc ${field}, it is not a number`);
    next[field] = (current ?? 0) + by;
  }
  for (const field of p.unset) delete next[field];
  return next as Doc;
}

/** A document to put (replace whole) needs a field besides _id: CloudBase's `doc(id).set` refuses empty data. */
export function checkPutDoc(doc: Doc): Doc {
  checkDoc(doc);
  if (Object.keys(doc).every((k) => k === '_id' || doc[k] === undefined)) {
    throw new Error('store: put needs at least one field besides _id');
  }
  return doc;
}

export function checkDoc(doc: Doc): Doc {
  if (!doc || typeof doc !== 'object' || typeof doc._id !== 'string' || doc._id === '') {
    throw new Error('store: a document needs a non-empty string _id');
  }
  return doc;
}

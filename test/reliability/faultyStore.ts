/**
 * A store that fails its Nth write (insert, insertMany, put, update, updateIf,
 * remove, removeWhere, counted across every collection) with a fault that is
 * not an AppError, as a crash, a full disk or a dropped connection would. It
 * keeps the wrapped store's unit of work, so the dispatcher runs as it does
 * in production on that store.
 */
import type { Collection, Doc, Store } from '../../src/cloud/store/types';

export class InjectedFault extends Error {
  constructor(readonly at: number) { super(`injected fault at write ${at}`); }
}

const WRITES = ['insert', 'insertMany', 'put', 'update', 'updateIf', 'remove', 'removeWhere'] as const;

export interface FaultyStore extends Store {
  /** writes seen so far */
  readonly writes: number;
  /** Which write fails next (1 = the first from now on); 0 = none. */
  failAt(n: number): void;
  /** Only count (and fail) writes to these collections (all when empty). */
  only(...collections: string[]): void;
}

export function faultyStore(inner: Store): FaultyStore {
  let writes = 0;
  let failAt = 0;
  let only: Set<string> | null = null;
  const wrapped = new Map<string, Collection<any>>();
  const store: FaultyStore = {
    get writes() { return writes; },
    failAt(n) { failAt = n === 0 ? 0 : writes + n; },
    only(...collections) { only = collections.length ? new Set(collections) : null; },
    collection<T extends Doc = Doc>(name: Parameters<Store['collection']>[0]): Collection<T> {
      let c = wrapped.get(name);
      if (!c) {
        const real = inner.collection<T>(name);
        c = { ...real } as Collection<T>;
        for (const m of ['get', 'find', 'count'] as const) (c as any)[m] = (real as any)[m].bind(real);
        for (const m of WRITES) {
          (c as any)[m] = (...args: unknown[]) => {
            if (only === null || only.has(name)) {
              writes++;
              if (failAt !== 0 && writes === failAt) return Promise.reject(new InjectedFault(writes));
            }
            return (real as any)[m](...args);
          };
        }
        wrapped.set(name, c);
      }
      return c as Collection<T>;
    },
    close: () => inner.close(),
    ...(inner.unitOfWork && !process.env.NO_UOW ? { unitOfWork: inner.unitOfWork.bind(inner) } : {}),
    ...(inner.dump ? { dump: inner.dump.bind(inner) } : {}),
  };
  return store;
}

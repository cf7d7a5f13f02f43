import type { CollectionName, Store } from '../store/types';

/**
 * A few seconds' memory of values read from the store, dropped the moment the
 * store commits a write to any collection they were read from (Store.onCommit),
 * or another process commits anything (noticeOtherWriters, asked whenever a
 * kept value is about to be answered). So a kept value is never older than the last commit that could
 * change it: the time limit only bounds memory, it is not how changes arrive.
 *
 * Only on a store that tells its commits (SQLite, one process): `forStore`
 * answers null elsewhere (CloudBase, where other function instances write
 * without telling this one), and callers then read every time.
 *
 * Values must be read outside any unit of work (from committed rows only): a
 * value read inside a unit that then rolled back would be kept though it never
 * existed. The dispatcher and the server read the caller before the unit.
 */
export interface CommitCache<V> {
  /** The kept value for key, else load()'s, kept unless a commit landed while it was being read. */
  get(key: string, load: () => Promise<V | null>): Promise<V | null>;
  /** Stops listening to the store. */
  close(): void;
}

export interface CommitCacheOptions {
  /** a commit to any of these drops every kept value */
  watches: readonly CollectionName[];
  ttlMs: number;
  /** past this many keys everything is dropped (a flood of distinct keys cannot grow memory) */
  maxEntries: number;
  /** monotonic milliseconds; the store's clock is not used (tests move it by days) */
  now?: () => number;
}

export function commitCache<V>(store: Store, options: CommitCacheOptions): CommitCache<V> | null {
  if (!store.onCommit || !store.noticeOtherWriters) return null;
  const now = options.now ?? (() => performance.now());
  const watched = new Set<string>(options.watches);
  const entries = new Map<string, { value: V; until: number }>();
  // Bumped by every relevant commit: a read that straddled one is not kept (it may predate the commit).
  let generation = 0;
  const stop = store.onCommit((collections) => {
    if (collections !== null && ![...collections].some((c) => watched.has(c))) return;
    generation++;
    entries.clear();
  });
  return {
    async get(key, load) {
      let kept = entries.get(key);
      // Another process's commit is looked for only when there is something it could have made stale.
      if (kept) {
        store.noticeOtherWriters!();
        kept = entries.get(key);
      }
      if (kept && kept.until > now()) return kept.value;
      const seen = generation;
      const value = await load();
      if (value !== null && seen === generation) {
        if (entries.size >= options.maxEntries) entries.clear();
        entries.set(key, { value, until: now() + options.ttlMs });
      }
      return value;
    },
    close: stop,
  };
}

/**
 * State the main package's stores keep without mobx (issue 18: mobx alone is
 * ~65 KB of the main package). A store names its fields once; assigning one
 * tells every component that watches the store to render again, through
 * React's own `useSyncExternalStore`. Feature stores in subpackages keep mobx.
 *
 * Rules: assign, never mutate in place (`items = [...items, x]`, not
 * `items.push(x)`); derived values are plain getters.
 */
import { useSyncExternalStore } from 'react';

export interface Watchable {
  subscribe(listener: () => void): () => void;
  /** a number that changes whenever a watched field is assigned */
  version(): number;
}

const WATCH = '__watch';

/**
 * Turns `keys` of `target` into watched fields (their current values kept) and
 * returns the target. Call it at the end of a constructor, or on an object literal.
 */
export function watch<T extends object>(target: T, keys: readonly (keyof T & string)[]): T {
  let listeners: Array<() => void> = [];
  let version = 0;
  const notify = () => {
    version += 1;
    listeners.slice().forEach((l) => l());
  };
  const handle: Watchable = {
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    version: () => version,
  };
  for (const key of keys) {
    let value = target[key];
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get: () => value,
      set: (next: T[typeof key]) => {
        if (next === value) return;
        value = next;
        notify();
      },
    });
  }
  Object.defineProperty(target, WATCH, { value: handle, enumerable: false });
  return target;
}

function handleOf(store: object): Watchable {
  const h = (store as Record<string, Watchable | undefined>)[WATCH];
  if (!h) throw new Error('useWatch: not a watched store');
  return h;
}

/** Renders the calling component again whenever `store` changes. One call per store. */
export function useWatch(store: object): void {
  const h = handleOf(store);
  useSyncExternalStore(h.subscribe, h.version, h.version);
}

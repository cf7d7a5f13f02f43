import { messageOf } from '../services/errors';

/** What a store shows while it reads from the server. */
export interface LoadState {
  loading: boolean;
  /** the Chinese message of the last failed load, for the page to show */
  error: string | null;
}

/**
 * Reads into a store: `loading` while `read` runs, `error` cleared first and
 * set to the Chinese message when it fails, `apply` given what it read.
 * `current` says whether this read is still the one the screen wants; when a
 * newer one has started, this one's answer, failure and end are ignored.
 * Resolves true when the read succeeded. `act` wraps each change of the
 * state (mobx stores pass `runInAction`, see loadStateMobx.ts; the main
 * package's watched stores need nothing).
 *
 * A promise chain, not async/await: this ships in the main package, where
 * the ES5 state machine of an async function costs more than the chain.
 */
export function loadInto<T>(
  state: LoadState,
  read: () => Promise<T>,
  apply: (value: T) => void,
  current: () => boolean = () => true,
  act: (change: () => void) => void = (change) => change(),
): Promise<boolean> {
  act(() => {
    state.loading = true;
    state.error = null;
  });
  const settle = (ok: boolean, update: () => void) => {
    act(() => {
      if (!current()) return;
      update();
      state.loading = false;
    });
    return ok;
  };
  // new Promise: `read` starts now, and a throw inside it fails the load like a
  // rejection; so does a throw in `apply` (an answer of the wrong shape).
  return new Promise<T>((resolve) => resolve(read()))
    .then((value) => settle(true, () => apply(value)))
    .catch((e: unknown) =>
      settle(false, () => {
        state.error = messageOf(e);
      }),
    );
}

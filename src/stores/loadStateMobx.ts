import { runInAction } from 'mobx';
import { loadInto as loadPlain, type LoadState } from './loadState';

/** `loadInto` for mobx stores (subpackages only): each change of the state in an action. */
export function loadInto<T>(
  state: LoadState,
  read: () => Promise<T>,
  apply: (value: T) => void,
  current?: () => boolean,
): Promise<boolean> {
  return loadPlain(state, read, apply, current, runInAction);
}

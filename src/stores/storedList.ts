import Taro from '@tarojs/taro';

/** A list kept in the phone's storage: the valid entries, or [] when there is none or storage fails. */
export function readStoredList<T>(key: string, valid: (v: unknown) => v is T): T[] {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(key);
  } catch {
    stored = null;
  }
  return Array.isArray(stored) ? stored.filter(valid) : [];
}

/** Writes the list (removes the key when it is empty); storage failures leave it in memory only. */
export function writeStoredList<T extends object>(key: string, list: readonly T[]) {
  try {
    if (list.length > 0) Taro.setStorageSync(key, list.map((x) => JSON.parse(JSON.stringify(x)) as T));
    else Taro.removeStorageSync(key);
  } catch {
    // Storage unavailable: kept in memory while the app runs.
  }
}

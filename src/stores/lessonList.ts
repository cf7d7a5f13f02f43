/**
 * The 课程 tab's list: titles only, from `lesson.list` (the lesson text is
 * served by the cloud to the lessons subpackage, never bundled here). The
 * last list is kept on the device so the tab still shows something on a
 * mountain road; lessons finished on this phone are marked at once, also
 * while their completion still waits for the network.
 */
import Taro from '@tarojs/taro';
import type { Band, LessonListItem } from '../domain/lessons';
import { call } from '../services/api';
import { loadInto } from './loadState';
import { watch } from './watch';

export const LIST_KEY = 'huhang.lessonList';
/** lesson ids finished on this phone (written by the lessons subpackage) */
export const DONE_KEY = 'huhang.lessonsDone';
/** the 大字 switch: 'on' | 'off'; absent: follow WeChat's font size */
export const LARGE_TEXT_KEY = 'huhang.largeText';

export type { LessonListItem };

export interface LessonList { bands: Band[]; items: LessonListItem[] }

export function readStored<T>(key: string, fallback: T): T {
  try {
    const v = Taro.getStorageSync(key);
    return v === '' || v === undefined || v === null ? fallback : (v as T);
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown) {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // storage full: the value lives for this run only
  }
}

export const lessonList = watch({
  bands: [] as Band[],
  items: [] as LessonListItem[],
  /** the band the reader picked, or null for "mine" */
  picked: null as Band | null,
  loading: false,
  error: null as string | null,
  /** showing the list kept on the device because the network failed */
  stale: false,
  localDone: [] as string[],

  doneOf(item: LessonListItem): 'me' | 'class' | 'child' | undefined {
    return item.done ?? (lessonList.localDone.includes(item.id) ? 'me' : undefined);
  },

  get doneCount(): number {
    return lessonList.items.filter((i) => lessonList.doneOf(i)).length;
  },

  load(band: Band | null = lessonList.picked): Promise<boolean> {
    lessonList.picked = band;
    lessonList.localDone = readStored<string[]>(DONE_KEY, []);
    const cacheKey = `${LIST_KEY}.${band ?? 'mine'}`;
    // Show the list kept on the device at once while the fresh one comes: on a weak signal the read
    // retries with back-off for several seconds, and a grandparent should not watch a spinner meanwhile.
    if (!lessonList.items.length) {
      const kept = readStored<LessonList | null>(cacheKey, null);
      if (kept) {
        lessonList.bands = kept.bands;
        lessonList.items = kept.items;
      }
    }
    return loadInto(
      lessonList,
      () => call<LessonList>('lesson.list', band ? { band } : {}),
      (res) => {
        lessonList.bands = res.bands;
        lessonList.items = res.items;
        lessonList.stale = false;
        writeStored(cacheKey, res);
      },
      () => lessonList.picked === band,
    ).then((ok) => {
      const kept = ok ? null : readStored<LessonList | null>(cacheKey, null);
      if (kept) {
        lessonList.setKept(kept);
      }
      return ok;
    });
  },

  setKept(kept: LessonList) {
    lessonList.bands = kept.bands;
    lessonList.items = kept.items;
    lessonList.stale = true;
  },
}, ['bands', 'items', 'picked', 'loading', 'error', 'stale', 'localDone']);

/**
 * One open lesson: read from the cloud and kept on this phone, so a lesson
 * opened once reads again without network; the quiz as the reader answers
 * it (each answer locked and explained once chosen, and kept on the phone
 * until the lesson is finished, so leaving the page loses none: walk of 2026-12-07, item 6);
 * completion, recorded for a student (or queued when the network fails) and
 * simply shown for everyone else.
 */
import Taro from '@tarojs/taro';
import { makeAutoObservable, runInAction } from 'mobx';
import { gradeQuiz, type QuizGrade } from '../../domain/lessons';
import { BANDS } from '../../domain/lessonSeason';
import { call } from '../../services/api';
import { isApiError, messageOf } from '../../services/errors';
import { LIST_KEY, readStored, writeStored, type LessonList } from '../../stores/lessonList';
import { sessionStore } from '../../stores/session';
import { knownOffline } from '../../services/connectivity';
import { sendOrQueue, startQueue } from './completionQueue';
import { getLesson, type LessonView } from '../services/lessons';
import { largeText, setLargeText } from '../../services/display';

export const LESSON_CACHE_PREFIX = 'huhang.lesson.';
/** The quiz answers chosen so far, per lesson: question id → option. */
export const ANSWERS_PREFIX = 'huhang.lessonAnswers.';

/** Thrown when the platform already knows there is no network: no request was tried. */
const OFFLINE = new Error('offline');

/** How the completion ended: recorded now, recorded before, waiting for the network, or not recorded (no student account). */
export type Completion =
  | { kind: 'recorded'; grade: QuizGrade; firstTime: boolean }
  | { kind: 'queued'; grade: QuizGrade }
  | { kind: 'local'; grade: QuizGrade };

interface Kept { lesson: LessonView; savedAt: number }

const keptLesson = (id: string): Kept | null => {
  const k = readStored<Kept | null>(LESSON_CACHE_PREFIX + id, null);
  return k && k.lesson && k.lesson.id === id ? k : null;
};

type KeptAnswers = Record<string, number>;

/**
 * The answers kept for this lesson, in its question order. Kept by question id,
 * so a lesson whose quiz changed meanwhile restores only what still fits.
 */
function keptAnswers(l: LessonView): Array<number | undefined> {
  const kept = readStored<KeptAnswers | null>(ANSWERS_PREFIX + l.id, null);
  if (!kept || typeof kept !== 'object') return [];
  return l.quiz.map((q) => {
    const o = kept[q.id];
    return Number.isInteger(o) && o >= 0 && o < q.options.length ? o : undefined;
  });
}

function keepAnswers(l: LessonView, chosen: ReadonlyArray<number | undefined>) {
  const kept: KeptAnswers = {};
  l.quiz.forEach((q, i) => {
    if (chosen[i] !== undefined) kept[q.id] = chosen[i]!;
  });
  writeStored(ANSWERS_PREFIX + l.id, kept);
}

/** The lesson is finished (recorded, queued, or shown as done): its answers are no longer needed. */
function dropAnswers(id: string) {
  try {
    Taro.removeStorageSync(ANSWERS_PREFIX + id);
  } catch {
    // storage unavailable: nothing was kept
  }
}

/** A topic id (from the home card) → the caller's lesson of that topic, from the list (or the list kept on the phone). */
async function resolveTopic(topic: string): Promise<string | null> {
  let list: LessonList | null;
  try {
    if (await knownOffline()) throw new Error('offline');
    list = await call<LessonList>('lesson.list', {});
  } catch {
    list = readStored<LessonList | null>(`${LIST_KEY}.mine`, null);
  }
  return list?.items.find((i) => i.topic === topic)?.id ?? null;
}

/** A lesson's row in the 课程 list kept on this phone (any band): its titles, for a lesson never opened here. */
function keptItem(id: string): LessonList['items'][number] | null {
  for (const key of ['mine', ...BANDS]) {
    const item = readStored<LessonList | null>(`${LIST_KEY}.${key}`, null)?.items.find((i) => i.id === id);
    if (item) return item;
  }
  return null;
}

export const lessonStore = makeAutoObservable({
  /** the id the page asked for (a lesson or a topic id) */
  requested: '',
  /** the lesson id it stands for */
  id: '',
  lesson: null as LessonView | null,
  /** the requested lesson's topic (防溺水), for the top bar, known before (or without) its text */
  topicTitle: '',
  loading: false,
  error: null as string | null,
  /** showing the copy kept on this phone: the network failed */
  offline: false,
  savedAt: 0,
  /** chosen option per question (undefined: not answered yet) */
  chosen: [] as Array<number | undefined>,
  completing: false,
  completion: null as Completion | null,
  completeError: null as string | null,
  large: false,
  speaking: false,

  get allAnswered(): boolean {
    const l = lessonStore.lesson;
    return !!l && l.quiz.every((_, i) => lessonStore.chosen[i] !== undefined);
  },

  async open(rawId: string) {
    lessonStore.requested = rawId;
    lessonStore.large = largeText();
    lessonStore.loading = true;
    lessonStore.error = null;
    lessonStore.lesson = null;
    lessonStore.chosen = [];
    lessonStore.completion = null;
    lessonStore.completeError = null;
    lessonStore.offline = false;
    lessonStore.topicTitle = '';
    startQueue();
    const id = rawId.includes('.') ? rawId : await resolveTopic(rawId);
    runInAction(() => {
      lessonStore.id = id ?? rawId;
      lessonStore.topicTitle = (id && keptItem(id)?.topicTitle) || '';
    });
    if (!id) {
      runInAction(() => {
        lessonStore.loading = false;
        lessonStore.error = '没有找到这一课。请回到「课程」页面，重新选一课。';
      });
      return;
    }
    // A copy kept on this phone shows at once (no waiting out the retries on a
    // bad network); the cloud's copy replaces it unless the quiz has begun.
    // The answers chosen on an earlier visit come back with the lesson shown.
    const kept = keptLesson(id);
    if (kept) {
      runInAction(() => {
        lessonStore.lesson = kept.lesson;
        lessonStore.chosen = keptAnswers(kept.lesson);
        lessonStore.savedAt = kept.savedAt;
        lessonStore.loading = false;
      });
    }
    try {
      if (!kept && (await knownOffline())) throw OFFLINE;
      const lesson = await getLesson(id);
      const savedAt = Date.now();
      writeStored(LESSON_CACHE_PREFIX + id, { lesson, savedAt });
      runInAction(() => {
        lessonStore.offline = false;
        if (lessonStore.id !== id || lessonStore.chosen.some((c) => c !== undefined)) return;
        lessonStore.lesson = lesson;
        lessonStore.chosen = keptAnswers(lesson);
        lessonStore.savedAt = savedAt;
      });
    } catch (e) {
      runInAction(() => {
        if (lessonStore.id !== id) return;
        if (kept && isApiError(e) && e.code !== 'NOT_FOUND') {
          lessonStore.offline = true;
          return;
        }
        lessonStore.lesson = null;
        const title = keptItem(id)?.title;
        lessonStore.error = e === OFFLINE || (isApiError(e) && e.code === 'NETWORK')
          ? `现在没有网络。${title ? `「${title}」` : '这一课'}还没有保存在这台手机上：连上网打开一次以后，没有网也能看。`
          : messageOf(e);
      });
    } finally {
      runInAction(() => {
        lessonStore.loading = false;
      });
    }
  },

  /** Chooses an answer; the first choice for a question counts, is then explained, and is kept on the phone. */
  choose(question: number, option: number) {
    const l = lessonStore.lesson;
    if (!l || lessonStore.chosen[question] !== undefined || lessonStore.completion) return;
    const next = lessonStore.chosen.slice();
    next[question] = option;
    lessonStore.chosen = next;
    keepAnswers(l, next);
  },

  async complete() {
    const l = lessonStore.lesson;
    if (!l || !lessonStore.allAnswered || lessonStore.completing) return;
    const answers = lessonStore.chosen as number[];
    const grade = gradeQuiz(l.quiz, answers);
    // Recorded: a student's own lessons, and a guardian's reading of a parents' lesson (counted per school and term).
    const recorded = l.band === 'parent' ? sessionStore.hasRole('guardian') : sessionStore.hasRole('student');
    if (!recorded) {
      lessonStore.completion = { kind: 'local', grade };
      dropAnswers(l.id);
      return;
    }
    lessonStore.completing = true;
    lessonStore.completeError = null;
    try {
      const res = await sendOrQueue(l.id, answers, lessonStore.offline);
      // recorded, or waiting in the completion queue with its answers: this copy can go
      dropAnswers(l.id);
      runInAction(() => {
        lessonStore.completion = res === 'queued' ? { kind: 'queued', grade } : { kind: 'recorded', grade, firstTime: res.firstTime };
      });
    } catch (e) {
      runInAction(() => {
        lessonStore.completeError = messageOf(e);
      });
    } finally {
      runInAction(() => {
        lessonStore.completing = false;
      });
    }
  },

  toggleLarge() {
    lessonStore.large = !lessonStore.large;
    setLargeText(lessonStore.large);
  },

  setSpeaking(on: boolean) {
    lessonStore.speaking = on;
  },
});

/**
 * The lesson completions waiting on this phone for the network, and sending
 * them. In the main package so the app sends them when it starts and when the
 * 课程 tab shows (found walking offline: a completion kept while offline
 * stayed on the phone after the app was reopened online, until some lesson
 * was opened). The lessons subpackage queues them (packageLessons/stores/
 * completionQueue.ts); both send with the completion's own request id, so a
 * completion sent twice is still one.
 */
import { write } from '../services/api';
import { isApiError } from '../services/errors';
import { readStored, writeStored } from './lessonList';

export const COMPLETION_QUEUE_KEY = 'huhang.lessonQueue';

export interface QueuedCompletion { id: string; answers: number[]; requestId: string; queuedAt: number }

/** "not now" rather than "no": worth sending again later */
export const TRY_LATER = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED']);

const valid = (v: unknown): v is QueuedCompletion => {
  const q = v as QueuedCompletion;
  return !!q && typeof q.id === 'string' && Array.isArray(q.answers) && typeof q.requestId === 'string';
};

export const queued = (): QueuedCompletion[] => readStored<unknown[]>(COMPLETION_QUEUE_KEY, []).filter(valid);

export const saveQueue = (items: QueuedCompletion[]) => writeStored(COMPLETION_QUEUE_KEY, items);

let flushing: Promise<number> | null = null;

/**
 * Sends what waits, one at a time; stops at the first "not now" (still
 * offline). A refusal (signed out, lesson gone) drops that one: sending it
 * again would be refused the same way. Resolves with how many were sent.
 */
type Send = (id: string, answers: number[], requestId: string) => Promise<unknown>;
const sendCompletion: Send = (id, answers, requestId) => write('lesson.complete', { id, answers }, { requestId });

export function flush(send: Send = sendCompletion): Promise<number> {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const item of queued()) {
      try {
        await send(item.id, item.answers, item.requestId);
        sent++;
      } catch (e) {
        if (isApiError(e) && TRY_LATER.has(e.code)) break;
      }
      saveQueue(queued().filter((i) => i.requestId !== item.requestId));
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Sends what waits if anything does (cheap when nothing does: one storage read). */
export const flushIfWaiting = () => (queued().length ? flush() : Promise.resolve(0));

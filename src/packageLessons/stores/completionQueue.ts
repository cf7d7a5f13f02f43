/**
 * Completions waiting for the network. A student who finishes a lesson on a
 * poor connection keeps it here (this phone's storage, with its request id)
 * and it is sent again when the network returns or a lesson is opened. The
 * server records a lesson once per student, so a completion sent twice
 * (even under two request ids) is still one. Only the lesson id and the
 * chosen options are kept.
 */
import { knownOffline, whenBackOnline } from '../../services/connectivity';
import { isApiError } from '../../services/errors';
import { newRequestId } from '../../services/api';
import { DONE_KEY, readStored, writeStored } from '../../stores/lessonList';
import { flush as flushQueue, queued, saveQueue as save, TRY_LATER } from '../../stores/lessonQueue';
import { completeLesson, type CompleteAnswer } from '../services/lessons';

export { COMPLETION_QUEUE_KEY, queued, type QueuedCompletion } from '../../stores/lessonQueue';

/** Sends what waits through the lessons service (the same path as a completion sent at once). */
export const flush = () => flushQueue(completeLesson);

/** Marks a lesson finished on this phone, for the 课程 tab (also while its completion waits); the last finished is last (首页 names it). */
export function markDone(id: string) {
  const done = readStored<string[]>(DONE_KEY, []);
  if (done[done.length - 1] !== id) writeStored(DONE_KEY, [...done.filter((d) => d !== id), id]);
}

/** Keeps one completion per lesson: the first one queued stays. */
export function enqueue(id: string, answers: number[], requestId: string, now = Date.now()) {
  const items = queued();
  if (!items.some((i) => i.id === id)) save([...items, { id, answers, requestId, queuedAt: now }]);
}

let listening = false;

/** Watches the network once per app run and sends what waits now. */
export function startQueue() {
  if (!listening) {
    listening = true;
    whenBackOnline(() => void flush());
  }
  void flush();
}

/**
 * Sends a completion now; when the network fails, keeps it for later.
 * Resolves with the server's answer, or 'queued'. Other refusals throw.
 */
export async function sendOrQueue(id: string, answers: number[], offline = false): Promise<CompleteAnswer | 'queued'> {
  const requestId = newRequestId();
  // Known to be offline: keep it at once instead of waiting out the retries (7.9 s of spinner before).
  if (offline || (await knownOffline())) {
    enqueue(id, answers, requestId);
    markDone(id);
    return 'queued';
  }
  try {
    const answer = await completeLesson(id, answers, requestId);
    markDone(id);
    return answer;
  } catch (e) {
    if (!isApiError(e) || !TRY_LATER.has(e.code)) throw e;
    enqueue(id, answers, requestId);
    markDone(id);
    return 'queued';
  }
}

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
import { completeLesson, type CompleteAnswer } from '../services/lessons';

export const COMPLETION_QUEUE_KEY = 'huhang.lessonQueue';

export interface QueuedCompletion { id: string; answers: number[]; requestId: string; queuedAt: number }

/** "not now" rather than "no": worth sending again later */
const TRY_LATER = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED']);

const valid = (v: unknown): v is QueuedCompletion => {
  const q = v as QueuedCompletion;
  return !!q && typeof q.id === 'string' && Array.isArray(q.answers) && typeof q.requestId === 'string';
};

export const queued = (): QueuedCompletion[] => readStored<unknown[]>(COMPLETION_QUEUE_KEY, []).filter(valid);

const save = (items: QueuedCompletion[]) => writeStored(COMPLETION_QUEUE_KEY, items);

/** Marks a lesson finished on this phone, for the 课程 tab (also while its completion waits). */
export function markDone(id: string) {
  const done = readStored<string[]>(DONE_KEY, []);
  if (!done.includes(id)) writeStored(DONE_KEY, [...done, id]);
}

/** Keeps one completion per lesson: the first one queued stays. */
export function enqueue(id: string, answers: number[], requestId: string, now = Date.now()) {
  const items = queued();
  if (!items.some((i) => i.id === id)) save([...items, { id, answers, requestId, queuedAt: now }]);
}

let flushing: Promise<number> | null = null;

/**
 * Sends what waits, one at a time; stops at the first "not now" (still
 * offline). A refusal (signed out, lesson gone) drops that one: sending it
 * again would be refused the same way. Resolves with how many were sent.
 */
export function flush(): Promise<number> {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const item of queued()) {
      try {
        await completeLesson(item.id, item.answers, item.requestId);
        sent++;
      } catch (e) {
        if (isApiError(e) && TRY_LATER.has(e.code)) break;
      }
      save(queued().filter((i) => i.requestId !== item.requestId));
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
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

/**
 * Reports waiting for the network. When a report cannot be sent (no answer
 * after every retry), it is kept in this phone's storage with its request id
 * and sent again when the network returns or the app comes back to the front.
 * The request id makes every resend the same report: the server files it
 * once and answers every copy with the same tracking code and secret.
 *
 * Kept: the form as the reporter filled it (photos by file id, already
 * uploaded) and the request id. Never kept: anything about who they are.
 * The answer (code + secret) is handed to the done page in memory only.
 */
import Taro from '@tarojs/taro';
import { watch } from './watch';
import { whenBackOnline } from '../services/connectivity';
import { isApiError, messageOf } from '../services/errors';
import { submitReport, type ReportForm, type SubmitAnswer } from '../services/report';

export const QUEUE_KEY = 'huhang.reportQueue';

export interface QueuedReport {
  requestId: string;
  form: ReportForm;
  queuedAt: number;
  /** waiting: sent by itself when the network is back; refused: the server said no, the reporter decides */
  state: 'waiting' | 'refused';
  /** the server's Chinese reason when refused */
  error?: string;
}

/** Failures that say "not now" rather than "no": worth sending again later. */
const TRY_LATER = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED']);

const isQueued = (v: unknown): v is QueuedReport => {
  const q = v as QueuedReport;
  return !!q && typeof q.requestId === 'string' && !!q.form && typeof q.form === 'object' && typeof q.queuedAt === 'number';
};

/**
 * A queue of reports waiting for the network. A factory over a plain object
 * rather than a class: this module ships in the main package (the app starts
 * it), where every byte of ES5 class scaffolding counts.
 */
export function createReportQueue() {
  let loaded = false;
  let stopListening: (() => void) | null = null;
  /** called with each answer a resend brings back */
  let onDelivered: ((answer: SubmitAnswer, requestId: string) => void) | null = null;

  const save = () => {
    try {
      if (q.items.length > 0) Taro.setStorageSync(QUEUE_KEY, q.items.map((i) => ({ ...i, form: { ...i.form } })));
      else Taro.removeStorageSync(QUEUE_KEY);
    } catch {
      // Storage full or unavailable: the report stays queued in memory for this run.
    }
  };

  const q = watch({
    items: [] as QueuedReport[],
    /** a resend is on its way */
    sending: false,

    get waiting(): QueuedReport[] {
      return q.items.filter((i) => i.state === 'waiting');
    },

    get refused(): QueuedReport[] {
      return q.items.filter((i) => i.state === 'refused');
    },

    /** Reads the queue from storage (once; later calls keep what is in memory). */
    load() {
      if (loaded) return;
      loaded = true;
      let stored: unknown;
      try {
        stored = Taro.getStorageSync(QUEUE_KEY);
      } catch {
        stored = null;
      }
      q.items = Array.isArray(stored) ? stored.filter(isQueued) : [];
    },

    /** Keeps a report for later. The same request id twice is one report: the first copy stays. */
    enqueue(requestId: string, form: ReportForm, now = Date.now()) {
      q.load();
      const existing = q.items.some((i) => i.requestId === requestId);
      if (existing) q.mark(requestId, 'waiting');
      else q.items = [...q.items, { requestId, form, queuedAt: now, state: 'waiting' }];
      save();
    },

    remove(requestId: string) {
      q.load();
      q.items = q.items.filter((i) => i.requestId !== requestId);
      save();
    },

    /** Marks a report the server refused, with its reason; it is not sent again by itself. */
    refuse(requestId: string, error: string) {
      if (!q.items.some((i) => i.requestId === requestId)) return;
      q.mark(requestId, 'refused', error);
      save();
    },

    /**
     * Sends every waiting report, one at a time. Stops at the first "not now"
     * (still offline: the others would fail the same way). A refusal (bad
     * input, a photo gone) marks that report so the reporter can see why.
     */
    async flush(): Promise<void> {
      q.load();
      if (q.sending) return;
      q.sending = true;
      try {
        const tried = new Set<string>();
        for (;;) {
          const next = q.items.find((i) => i.state === 'waiting' && !tried.has(i.requestId));
          if (!next) break;
          const { requestId, form } = next;
          tried.add(requestId);
          try {
            const answer = await submitReport(form, { requestId });
            q.remove(requestId);
            onDelivered?.(answer, requestId);
          } catch (e) {
            if (!isApiError(e) || TRY_LATER.has(e.code)) break;
            q.refuse(requestId, messageOf(e));
          }
        }
      } finally {
        q.sending = false;
      }
    },

    /** The reporter asks to try a refused or waiting report again now. */
    retry(requestId: string): Promise<void> {
      q.load();
      if (q.items.some((i) => i.requestId === requestId)) {
        q.mark(requestId, 'waiting');
        save();
      }
      return q.flush();
    },

    /** Sets one report's state (a new array, so watchers see it). */
    mark(requestId: string, state: QueuedReport['state'], error?: string) {
      q.items = q.items.map((i) => (i.requestId === requestId ? { ...i, state, error } : i));
    },

    /** Starts watching the network (once per app run) and sends what is waiting now. */
    start(deliver: (answer: SubmitAnswer, requestId: string) => void) {
      onDelivered = deliver;
      q.load();
      if (!stopListening) stopListening = whenBackOnline(() => void q.flush());
      void q.flush();
    },
  }, ['items', 'sending']);
  return q;
}

export type ReportQueue = ReturnType<typeof createReportQueue>;

export const reportQueue = createReportQueue();

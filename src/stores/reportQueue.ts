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
import { makeAutoObservable, runInAction } from 'mobx';
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

export class ReportQueueStore {
  items: QueuedReport[] = [];
  /** a resend is on its way */
  sending = false;
  private loaded = false;
  private stopListening: (() => void) | null = null;
  /** called with each answer a resend brings back */
  private onDelivered: ((answer: SubmitAnswer, requestId: string) => void) | null = null;

  constructor() {
    makeAutoObservable<ReportQueueStore, 'loaded' | 'stopListening' | 'onDelivered'>(this, {
      loaded: false,
      stopListening: false,
      onDelivered: false,
    });
  }

  get waiting(): QueuedReport[] {
    return this.items.filter((i) => i.state === 'waiting');
  }

  get refused(): QueuedReport[] {
    return this.items.filter((i) => i.state === 'refused');
  }

  has(requestId: string): boolean {
    this.load();
    return this.items.some((i) => i.requestId === requestId);
  }

  /** Reads the queue from storage (once; later calls keep what is in memory). */
  load() {
    if (this.loaded) return;
    this.loaded = true;
    let stored: unknown;
    try {
      stored = Taro.getStorageSync(QUEUE_KEY);
    } catch {
      stored = null;
    }
    this.items = Array.isArray(stored) ? stored.filter(isQueued) : [];
  }

  private save() {
    try {
      if (this.items.length > 0) Taro.setStorageSync(QUEUE_KEY, this.items.map((i) => ({ ...i, form: { ...i.form } })));
      else Taro.removeStorageSync(QUEUE_KEY);
    } catch {
      // Storage full or unavailable: the report stays queued in memory for this run.
    }
  }

  /** Keeps a report for later. The same request id twice is one report: the first copy stays. */
  enqueue(requestId: string, form: ReportForm, now = Date.now()) {
    this.load();
    const existing = this.items.find((i) => i.requestId === requestId);
    if (existing) {
      existing.state = 'waiting';
      existing.error = undefined;
    } else {
      this.items.push({ requestId, form, queuedAt: now, state: 'waiting' });
    }
    this.save();
  }

  remove(requestId: string) {
    this.load();
    this.items = this.items.filter((i) => i.requestId !== requestId);
    this.save();
  }

  /**
   * Sends every waiting report, one at a time. Stops at the first "not now"
   * (still offline: the others would fail the same way). A refusal (bad
   * input, a photo gone) marks that report so the reporter can see why.
   */
  async flush(): Promise<void> {
    this.load();
    if (this.sending) return;
    this.sending = true;
    try {
      const tried = new Set<string>();
      for (;;) {
        const next = this.items.find((i) => i.state === 'waiting' && !tried.has(i.requestId));
        if (!next) break;
        tried.add(next.requestId);
        try {
          const answer = await submitReport(next.form, { requestId: next.requestId });
          runInAction(() => this.remove(next.requestId));
          this.onDelivered?.(answer, next.requestId);
        } catch (e) {
          if (!isApiError(e) || TRY_LATER.has(e.code)) break;
          runInAction(() => {
            next.state = 'refused';
            next.error = messageOf(e);
            this.save();
          });
        }
      }
    } finally {
      runInAction(() => {
        this.sending = false;
      });
    }
  }

  /** The reporter asks to try a refused or waiting report again now. */
  retry(requestId: string): Promise<void> {
    this.load();
    const item = this.items.find((i) => i.requestId === requestId);
    if (item) {
      item.state = 'waiting';
      item.error = undefined;
      this.save();
    }
    return this.flush();
  }

  /** Starts watching the network (once per app run) and sends what is waiting now. */
  start(onDelivered: (answer: SubmitAnswer, requestId: string) => void) {
    this.onDelivered = onDelivered;
    this.load();
    if (!this.stopListening) this.stopListening = whenBackOnline(() => void this.flush());
    void this.flush();
  }
}

export const reportQueue = new ReportQueueStore();

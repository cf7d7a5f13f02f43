import { readStoredList, writeStoredList } from './storedList';
import { watch } from './watch';
import type { SubmitAnswer } from '../services/report';

export const RECEIPT_KEY = 'huhang.reports.receipt';

const isAnswer = (v: unknown): v is SubmitAnswer => {
  const a = v as SubmitAnswer;
  return !!a && typeof a.trackingCode === 'string' && typeof a.secret === 'string' && Array.isArray(a.routedTo);
};

/**
 * Hands the answer of a report (tracking code + secret) from whoever got it
 * (the form, or the offline queue) to the done page, and keeps it there.
 *
 * Decision: the answer is kept on the phone (never in a URL) until the
 * reporter says they have saved it (我已经记下来了, or 记好了 on leaving).
 * A reload, a crash or closing the app before then must not lose the only
 * copy of the code and secret, nor leave a page saying nothing was sent,
 * which invites a second report. Once saved, it is gone from storage, unless
 * the reporter also ticked 在这台手机上记住 (reportRemembered.ts).
 */
export class ReportReceiptStore {
  answers: SubmitAnswer[] = [];
  private loaded = false;

  constructor() {
    watch<ReportReceiptStore>(this, ['answers']);
  }

  /** Reads what an earlier run of the app left unsaved. */
  load() {
    if (this.loaded) return;
    this.loaded = true;
    const kept = readStoredList(RECEIPT_KEY, isAnswer);
    this.answers = [...kept.filter((k) => !this.answers.some((a) => a.trackingCode === k.trackingCode)), ...this.answers];
  }

  private save() {
    writeStoredList(RECEIPT_KEY, this.answers);
  }

  show(answer: SubmitAnswer) {
    this.load();
    if (!this.answers.some((a) => a.trackingCode === answer.trackingCode)) this.answers = [...this.answers, answer];
    this.save();
  }

  /** The reporter has the code and secret written down: forget them from this phone. */
  saved(trackingCodes: readonly string[]) {
    this.load();
    this.answers = this.answers.filter((a) => !trackingCodes.includes(a.trackingCode));
    this.save();
  }
}

export const reportReceipt = new ReportReceiptStore();

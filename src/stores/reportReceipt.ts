import { makeAutoObservable } from 'mobx';
import type { SubmitAnswer } from '../services/report';

/**
 * Hands the answer of a report (tracking code + secret) from whoever got it
 * (the form, or the offline queue) to the done page, in memory only: the
 * secret never goes into a URL, and into storage only if the reporter ticks
 * 在这台手机上记住. The done page clears what it showed when it closes.
 */
export class ReportReceiptStore {
  answers: SubmitAnswer[] = [];

  constructor() {
    makeAutoObservable(this);
  }

  show(answer: SubmitAnswer) {
    if (!this.answers.some((a) => a.trackingCode === answer.trackingCode)) this.answers.push(answer);
  }

  /** Forgets the answers the done page has shown. */
  clear(shown: readonly SubmitAnswer[]) {
    this.answers = this.answers.filter((a) => !shown.some((s) => s.trackingCode === a.trackingCode));
  }
}

export const reportReceipt = new ReportReceiptStore();

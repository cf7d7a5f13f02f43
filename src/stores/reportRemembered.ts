import { readStoredList, writeStoredList } from './storedList';
import { makeAutoObservable } from 'mobx';

export const REMEMBERED_KEY = 'huhang.reports.remembered';

/** A code + secret the reporter chose to keep on this phone. */
export interface RememberedReport {
  trackingCode: string;
  secret: string;
  savedAt: number;
  /** what the server handed this phone when it last opened the report: lets it past a guessing attack on the code */
  readerToken?: string;
}

const isRemembered = (v: unknown): v is RememberedReport => {
  const r = v as RememberedReport;
  return !!r && typeof r.trackingCode === 'string' && typeof r.secret === 'string';
};

/**
 * Tracking codes and secrets kept on this phone, only when the reporter
 * ticked 在这台手机上记住 (anyone holding the phone could then read the
 * report's dialogue, so it is never the default), and forgotten with 忘记.
 */
export class RememberedReportsStore {
  list: RememberedReport[] = [];
  private loaded = false;

  constructor() {
    makeAutoObservable<RememberedReportsStore, 'loaded'>(this, { loaded: false });
  }

  load() {
    if (this.loaded) return;
    this.loaded = true;
    this.list = readStoredList(REMEMBERED_KEY, isRemembered);
  }

  /** Storage unavailable: nothing is remembered, which is the safe side. */
  private save() {
    writeStoredList(REMEMBERED_KEY, this.list);
  }

  isRemembered(trackingCode: string): boolean {
    return this.list.some((r) => r.trackingCode === trackingCode);
  }

  remember(trackingCode: string, secret: string, now = Date.now()) {
    this.load();
    this.list = [...this.list.filter((r) => r.trackingCode !== trackingCode), { trackingCode, secret, savedAt: now }];
    this.save();
  }

  /** The reader token for a remembered code (none for codes not kept on this phone). */
  tokenFor(trackingCode: string): string | undefined {
    this.load();
    return this.list.find((r) => r.trackingCode === trackingCode)?.readerToken;
  }

  /** Keeps the reader token with a remembered code; a code not remembered keeps nothing. */
  keepToken(trackingCode: string, readerToken: string | undefined) {
    this.load();
    if (!readerToken || !this.list.some((r) => r.trackingCode === trackingCode && r.readerToken !== readerToken)) return;
    this.list = this.list.map((r) => (r.trackingCode === trackingCode ? { ...r, readerToken } : r));
    this.save();
  }

  forget(trackingCode: string) {
    this.load();
    this.list = this.list.filter((r) => r.trackingCode !== trackingCode);
    this.save();
  }
}

export const rememberedReports = new RememberedReportsStore();

/**
 * The status page: the reporter types (or picks) a tracking code and secret,
 * reads the report's status, timeline and dialogue, and writes to the
 * handler. The code and secret stay in memory while the page is open.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import { normaliseCodeInput, parseSecret, parseTrackingCode } from '../domain/case';
import { newRequestId } from '../services/api';
import { isApiError, messageOf } from '../services/errors';
import { REPORT_LIMITS, getReportStatus, sendReportMessage, type ReportStatusView } from '../services/report';
import { loadInto } from './loadStateMobx';
import { rememberedReports } from './reportRemembered';

export const STATUS_MESSAGES = {
  code: '查询码应该是10位字母和数字（比如 K7QH-M3XP-9R），请核对后再输入。',
  secret: '查询密码应该是8位字母和数字，请核对后再输入。',
  /** the codes leave out look-alikes: a 0, 1, I, L or O was copied wrong */
  lookalike: '查询码和密码里没有 0、1、I、L、O 这几个字，一定是哪个字抄错了：比如“O”可能是“D”或“Q”，“1”可能是“7”。请对照抄下来的再看看。',
  emptyMessage: '请先写下要说的话。',
  longMessage: `一次最多写${REPORT_LIMITS.messageMax}个字，可以分几次发送。`,
} as const;

export class ReportStatusStore {
  codeInput = '';
  secretInput = '';
  /** the code + secret of the report on screen */
  active: { trackingCode: string; secret: string } | null = null;
  view: ReportStatusView | null = null;
  loading = false;
  error: string | null = null;
  /** wrong code-or-secret answers in a row on this page, so each new try visibly counts */
  wrongTries = 0;

  message = '';
  sending = false;
  sendError: string | null = null;
  /** one id per message, kept across retries of the same text */
  private messageRequest: { text: string; requestId: string } | null = null;

  constructor() {
    makeAutoObservable<ReportStatusStore, 'messageRequest'>(this, { messageRequest: false });
  }

  setCode(v: string) {
    this.codeInput = v;
  }

  setSecret(v: string) {
    this.secretInput = v;
  }

  setMessage(v: string) {
    this.message = v;
    this.sendError = null;
  }

  /** Looks up the typed code + secret (or the given ones, e.g. a remembered report). */
  async lookup(code = this.codeInput, secret = this.secretInput): Promise<boolean> {
    const trackingCode = parseTrackingCode(code);
    const parsedSecret = parseSecret(secret);
    if (!trackingCode || !parsedSecret) {
      if (/[01ILO]/.test(normaliseCodeInput(!trackingCode ? code : secret))) this.error = STATUS_MESSAGES.lookalike;
      else this.error = !trackingCode ? STATUS_MESSAGES.code : STATUS_MESSAGES.secret;
      return false;
    }
    return this.load({ trackingCode, secret: parsedSecret });
  }

  /** A failure (LOCKED, wrong code or secret, no network) shows the server's words as they are. */
  private load(credentials: { trackingCode: string; secret: string }): Promise<boolean> {
    const read = () =>
      getReportStatus(credentials.trackingCode, credentials.secret, rememberedReports.tokenFor(credentials.trackingCode)).catch((e: unknown) => {
        // NOT_FOUND is the one answer for an unknown code and a wrong secret alike; anything else
        // (locked, no network) says something of its own.
        const wrong = isApiError(e) && e.code === 'NOT_FOUND';
        runInAction(() => {
          this.wrongTries = wrong ? this.wrongTries + 1 : 0;
        });
        throw e;
      });
    return loadInto(this, read, (view) => {
      this.view = view;
      this.active = credentials;
      rememberedReports.keepToken(credentials.trackingCode, view.readerToken);
      this.wrongTries = 0;
    });
  }

  refresh(): Promise<boolean> {
    return this.active ? this.load(this.active) : Promise.resolve(false);
  }

  /** Back to the code + secret form (another report). */
  close() {
    this.view = null;
    this.active = null;
    this.error = null;
    this.message = '';
    this.sendError = null;
    this.secretInput = '';
  }

  async send(): Promise<boolean> {
    const text = this.message.trim();
    if (!this.active) return false;
    if (!text) {
      this.sendError = STATUS_MESSAGES.emptyMessage;
      return false;
    }
    if (text.length > REPORT_LIMITS.messageMax) {
      this.sendError = STATUS_MESSAGES.longMessage;
      return false;
    }
    if (!this.messageRequest || this.messageRequest.text !== text) this.messageRequest = { text, requestId: newRequestId() };
    this.sending = true;
    this.sendError = null;
    try {
      const { trackingCode, secret } = this.active;
      await sendReportMessage(trackingCode, secret, text, { requestId: this.messageRequest.requestId }, rememberedReports.tokenFor(trackingCode));
      runInAction(() => {
        this.message = '';
        this.messageRequest = null;
      });
      await this.refresh();
      return true;
    } catch (e) {
      runInAction(() => {
        this.sendError = messageOf(e);
      });
      return false;
    } finally {
      runInAction(() => {
        this.sending = false;
      });
    }
  }
}

/** What the done page hands to the status page (memory only; never a URL). */
export const reportLookup = { pending: null as { trackingCode: string; secret: string } | null };

/**
 * The guardian's letter page: what is current, which pledges are ticked, and
 * signing (upload the drawn signature once, then sign with one request id
 * kept across taps, so a retry after a dropped answer is the same write).
 */
import Taro from '@tarojs/taro';
import { makeAutoObservable, runInAction } from 'mobx';
import { messageOf } from '../services/errors';
import { newRequestId } from '../services/api';
import { uploadPhoto } from '../services/upload';
import type { LetterPledge } from '../domain/letter';
import { holidayApi, type HolidayCurrent, type SignMethod, type SignReceipt } from './service';

/** Ticked pledges are kept on the phone per letter and child, so leaving the page or a dropped network loses nothing. */
const ticksKey = (campaignId: string, childId: string) => `holiday.ticks.${campaignId}.${childId}`;

export class LetterStore {
  data: HolidayCurrent | null = null;
  loading = false;
  error: string | null = null;
  childId: string | null = null;
  ticked = new Set<string>();
  signing = false;
  signError: string | null = null;
  receipt: SignReceipt | null = null;
  remindersOn: boolean | null = null;
  /** kept across taps of 提交 for the same child and content */
  private requestId: string | null = null;
  /** the drawn signature already uploaded, so a retry does not upload it again */
  private uploaded: { png: string; fileId: string } | null = null;

  constructor() {
    makeAutoObservable<LetterStore, 'requestId' | 'uploaded'>(this, { requestId: false, uploaded: false });
  }

  get child() {
    return this.data?.children.find((c) => c.id === this.childId) ?? this.data?.children[0] ?? null;
  }

  /**
   * What this child's guardian promises: the letter's pledges for the child's age (a sister of 11 has the
   * motorcycle back-seat rule, her brother of 13 not). The letter's own list from a cloud without per-child pledges.
   */
  get pledges(): LetterPledge[] {
    return this.child?.pledges ?? this.data?.pledges ?? [];
  }

  get allTicked() {
    return this.pledges.every((p) => this.ticked.has(p.id));
  }

  get leftToTick() {
    return this.pledges.filter((p) => !this.ticked.has(p.id)).length;
  }

  async load() {
    this.loading = true;
    this.error = null;
    try {
      const data = await holidayApi.current();
      runInAction(() => {
        this.data = data;
        if (!data.children.some((c) => c.id === this.childId)) this.childId = data.children.find((c) => !c.signedByMe)?.id ?? data.children[0]?.id ?? null;
        this.restoreTicks();
      });
    } catch (e) {
      runInAction(() => { this.error = messageOf(e); });
    } finally {
      runInAction(() => { this.loading = false; });
    }
  }

  chooseChild(id: string) {
    this.childId = id;
    this.receipt = null;
    this.signError = null;
    this.requestId = null;
    this.restoreTicks();
  }

  toggle(id: string) {
    if (this.ticked.has(id)) this.ticked.delete(id);
    else this.ticked.add(id);
    this.pledgesChanged();
  }

  tickAll() {
    for (const p of this.pledges) this.ticked.add(p.id);
    this.pledgesChanged();
  }

  /** A new tick is a new signature (new request id); the old "还有N条没有勾选" no longer holds. */
  private pledgesChanged() {
    this.requestId = null;
    this.signError = null;
    this.keepTicks();
  }

  private restoreTicks() {
    const campaign = this.data?.campaign;
    const child = this.child;
    this.ticked.clear();
    if (!campaign || !child) return;
    const kept = Taro.getStorageSync(ticksKey(campaign.id, child.id));
    if (Array.isArray(kept)) for (const id of kept) if (typeof id === 'string') this.ticked.add(id);
  }

  private keepTicks() {
    const campaign = this.data?.campaign;
    const child = this.child;
    if (campaign && child) Taro.setStorageSync(ticksKey(campaign.id, child.id), Array.from(this.ticked));
  }

  /** `png`: the pad's export (data: URL on H5, temp file on weapp) for 'signature'. */
  async sign(method: SignMethod, png?: string) {
    const child = this.child;
    const campaign = this.data?.campaign;
    if (!child || !campaign || this.signing) return;
    if (!this.allTicked) {
      this.signError = `还有${this.leftToTick}条承诺没有勾选。请逐条看完，能做到的都勾上。`;
      return;
    }
    this.signing = true;
    this.signError = null;
    try {
      let signatureFileId: string | undefined;
      if (method === 'signature' && png) {
        if (this.uploaded?.png !== png) {
          const fileId = await uploadPhoto(png);
          this.uploaded = { png, fileId };
          this.requestId = null;
        }
        signatureFileId = this.uploaded!.fileId;
      }
      this.requestId ??= newRequestId();
      // the child's pledges, in the letter's order (a tick kept on the phone from before a birthday is left out)
      const signed = this.pledges.filter((p) => this.ticked.has(p.id));
      const pledgeIds = signed.map((p) => p.id);
      const receipt = await holidayApi.sign(
        { campaignId: campaign.id, studentId: child.id, pledgeIds, method, signatureFileId },
        { requestId: this.requestId },
      );
      runInAction(() => {
        this.receipt = receipt;
        this.requestId = null;
        Taro.removeStorageSync(ticksKey(campaign.id, child.id));
        this.uploaded = null;
        // the pad's own picture until the next load brings the stored one's link
        child.signedByMe = { method: receipt.method, at: receipt.signedAt, pledgeIds, pledgeTexts: signed.map((p) => p.text), signatureUrl: method === 'signature' ? png ?? null : null, label: receipt.guardianLabel };
      });
    } catch (e) {
      runInAction(() => { this.signError = messageOf(e); });
    } finally {
      runInAction(() => { this.signing = false; });
    }
  }

  /** The pad could not export (nothing drawn, an old browser). */
  failSign(message: string) {
    this.signError = message;
  }

  async setReminders(accepted: boolean) {
    try {
      await holidayApi.subscribe(accepted);
      runInAction(() => { this.remindersOn = accepted; });
    } catch (e) {
      runInAction(() => { this.signError = messageOf(e); });
    }
  }
}

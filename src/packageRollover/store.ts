import { makeAutoObservable, runInAction } from 'mobx';
import { messageOf } from '../services/errors';
import { newRequestId } from '../services/api';
import { rolloverApi, type RolloverApplied, type RolloverPreview } from './service';

/** One school's rollover: the preview, then (after the admin confirms) the apply. */
export class RolloverStore {
  preview: RolloverPreview | null = null;
  loading = false;
  error: string | null = null;
  confirming = false;
  applying = false;
  result: RolloverApplied | null = null;
  /** kept across 确认 taps, so pressing again after a dropped connection is the same write */
  private requestId = newRequestId();

  constructor(readonly schoolId: string) {
    makeAutoObservable(this);
  }

  async load() {
    this.loading = true;
    this.error = null;
    try {
      const p = await rolloverApi.preview(this.schoolId);
      runInAction(() => { this.preview = p; });
    } catch (e) {
      runInAction(() => { this.error = messageOf(e); });
    } finally {
      runInAction(() => { this.loading = false; });
    }
  }

  ask() { this.confirming = true; }
  cancel() { this.confirming = false; }

  async apply() {
    if (this.applying) return;
    this.applying = true;
    this.error = null;
    try {
      const r = await rolloverApi.apply(this.schoolId, { requestId: this.requestId });
      runInAction(() => {
        this.result = r;
        this.confirming = false;
        this.requestId = newRequestId();
      });
      await this.load();
    } catch (e) {
      runInAction(() => { this.error = messageOf(e); });
    } finally {
      runInAction(() => { this.applying = false; });
    }
  }
}

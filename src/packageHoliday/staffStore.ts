/**
 * The class teacher's list and the coordinator's coverage: both first ask
 * which letter is current (holiday.current), then read their numbers.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import { messageOf } from '../services/errors';
import { nudgeMessage } from './nudgeMessage';
import { holidayApi, type ClassProgress, type Coverage, type HolidayCurrent } from './service';
import { saveCsv } from './saveCsv';

interface CampaignState<T> {
  current: HolidayCurrent | null;
  data: T | null;
  loading: boolean;
  error: string | null;
}

/** Reads which letter is current, then the numbers for it (none when no letter is open). */
async function loadFor<T>(state: CampaignState<T>, read: (campaignId: string) => Promise<T>) {
  runInAction(() => {
    state.loading = true;
    state.error = null;
  });
  try {
    const current = await holidayApi.current();
    const data = current.campaign ? await read(current.campaign.id) : null;
    runInAction(() => {
      state.current = current;
      state.data = data;
    });
  } catch (e) {
    runInAction(() => { state.error = messageOf(e); });
  } finally {
    runInAction(() => { state.loading = false; });
  }
}

export class ClassStore implements CampaignState<ClassProgress> {
  current: HolidayCurrent | null = null;
  data: ClassProgress | null = null;
  loading = false;
  error: string | null = null;
  notice: string | null = null;
  busy = false;

  constructor() {
    makeAutoObservable(this);
  }

  load() {
    return loadFor(this, holidayApi.progress);
  }

  async nudge(studentIds?: string[]) {
    const campaign = this.data?.campaign;
    if (!campaign || this.busy) return;
    this.busy = true;
    this.notice = null;
    try {
      const r = await holidayApi.nudge(campaign.id, studentIds);
      runInAction(() => {
        this.notice = nudgeMessage(r);
      });
    } catch (e) {
      runInAction(() => { this.notice = messageOf(e); });
    } finally {
      runInAction(() => { this.busy = false; });
    }
  }

  async exportCsv() {
    const campaign = this.data?.campaign;
    if (!campaign || this.busy) return;
    this.busy = true;
    this.notice = null;
    try {
      const { filename, csv } = await holidayApi.exportCsv(campaign.id);
      const how = await saveCsv(filename, csv);
      runInAction(() => {
        this.notice = how === 'downloaded' ? `已下载：${filename}` : how === 'shared' ? '已打开分享，可以发给自己或学校电脑。' : '名单已复制，可以粘贴到表格里。';
      });
    } catch (e) {
      runInAction(() => { this.notice = messageOf(e); });
    } finally {
      runInAction(() => { this.busy = false; });
    }
  }
}

export class CoverageStore implements CampaignState<Coverage> {
  current: HolidayCurrent | null = null;
  data: Coverage | null = null;
  loading = false;
  error: string | null = null;

  constructor() {
    makeAutoObservable(this);
  }

  load() {
    return loadFor(this, holidayApi.coverage);
  }
}

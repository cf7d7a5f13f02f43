/**
 * The staff workbench's screen state: the inbox (with its filters), one
 * case and its actions, and the coordinators' statistics. Each case action
 * is one write with its own request id, kept while the same action with the
 * same input is retried, and the case is read again afterwards so the
 * screen shows what the server now says.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { CaseAction } from '../domain/case';
import type { CaseStatus } from '../domain/report';
import { newRequestId, type Progress } from '../services/api';
import {
  CASE_TEXT_LIMITS, getBacklog, getCase, getCaseStats, listCases, runCaseAction,
  type BacklogItem, type CaseActionInput, type CaseListItem, type CaseStatsView, type CaseView,
} from '../services/cases';
import { messageOf } from '../services/errors';
import { loadInto } from './loadStateMobx';

export type InboxFilter = 'all' | CaseStatus;

export class InboxStore {
  filter: InboxFilter = 'all';
  overdueOnly = false;
  items: CaseListItem[] = [];
  loaded = false;
  loading = false;
  error: string | null = null;
  /** answers to an older filter that arrive late are ignored */
  private seq = 0;

  constructor() {
    makeAutoObservable<InboxStore, 'seq'>(this, { seq: false });
  }

  setFilter(filter: InboxFilter) {
    this.filter = filter;
    void this.load();
  }

  setOverdueOnly(on: boolean) {
    this.overdueOnly = on;
    void this.load();
  }

  load(): Promise<boolean> {
    const seq = ++this.seq;
    const filter = {
      ...(this.filter === 'all' ? {} : { status: this.filter }),
      ...(this.overdueOnly ? { overdueOnly: true } : {}),
    };
    return loadInto(
      this,
      () => listCases(filter),
      ({ items }) => {
        this.items = items;
        this.loaded = true;
      },
      () => seq === this.seq,
    );
  }
}

/** Why a text in an action form is not right yet, before asking the server. */
export function caseTextProblem(action: keyof typeof CASE_TEXT_LIMITS, text: string): string | null {
  const { min, max } = CASE_TEXT_LIMITS[action];
  const n = text.trim().length;
  const what = { reply: '回复', note: '备注', transfer: '转办原因', resolve: '处理情况', reopen: '重新办理的原因' }[action];
  if (n < min) return min <= 1 ? `请先写下${what}。` : `请写一下${what}，至少${min}个字。`;
  if (n > max) return `${what}最多${max}个字。`;
  return null;
}

export class CaseStore {
  id: string | null = null;
  view: CaseView | null = null;
  loading = false;
  error: string | null = null;
  /** the action being sent now */
  busy: CaseAction | null = null;
  progress: Progress | null = null;
  actionError: string | null = null;
  /** the action actionError is about, so the page can show it by that action's button */
  failed: CaseAction | null = null;
  /** what the last action did, in words, for a short confirmation */
  done: string | null = null;
  private requests: Partial<Record<CaseAction, { key: string; requestId: string }>> = {};

  constructor() {
    makeAutoObservable<CaseStore, 'requests'>(this, { requests: false });
  }

  load(id: string | null = this.id): Promise<boolean> {
    this.id = id;
    if (!id) {
      this.error = '没有指定要打开的案件。请回到工作台，从列表里点开一件。';
      return Promise.resolve(false);
    }
    return loadInto(this, () => getCase(id), (view) => {
      this.view = view;
    });
  }

  /**
   * Sends one action. The same action with the same input reuses its request
   * id (a retry after a lost answer is not done twice); anything else is a
   * new write. Resolves true when the server accepted it.
   */
  async run<A extends CaseAction>(action: A, input: CaseActionInput[A], doneText: string): Promise<boolean> {
    if (this.busy) return false;
    const key = JSON.stringify(input);
    const kept = this.requests[action];
    const requestId = kept && kept.key === key ? kept.requestId : newRequestId();
    this.requests[action] = { key, requestId };
    this.busy = action;
    this.actionError = null;
    this.failed = null;
    this.done = null;
    try {
      await runCaseAction(action, input, { requestId, onProgress: (p) => runInAction(() => (this.progress = p)) });
      delete this.requests[action];
      runInAction(() => {
        this.done = doneText;
      });
      await this.load();
      return true;
    } catch (e) {
      runInAction(() => {
        this.actionError = messageOf(e);
        this.failed = action;
      });
      return false;
    } finally {
      runInAction(() => {
        this.busy = null;
        this.progress = null;
      });
    }
  }
}

/** Which number on 统计 was opened. */
export type StatsList = 'open' | 'overdue' | 'escalated';

export class StatsStore {
  data: CaseStatsView | null = null;
  loading = false;
  error: string | null = null;
  /** the list behind a number: the backlog (no content) for 未办结, openable cases for 超时 and 已升级 */
  opened: StatsList | null = null;
  backlog: BacklogItem[] = [];
  cases: CaseListItem[] = [];
  listLoading = false;
  listError: string | null = null;

  constructor() {
    makeAutoObservable(this);
  }

  load(): Promise<boolean> {
    return loadInto(this, () => getCaseStats(), (data) => {
      this.data = data;
    });
  }

  /** Loads the opened list again (after a failure). */
  reloadList(): Promise<void> {
    const which = this.opened;
    if (!which) return Promise.resolve();
    this.opened = null;
    return this.open(which);
  }

  /** Opens (or, tapped again, closes) the list behind a number. */
  async open(which: StatsList): Promise<void> {
    if (this.opened === which) {
      this.opened = null;
      return;
    }
    this.opened = which;
    this.listLoading = true;
    this.listError = null;
    try {
      if (which === 'open') {
        const { items } = await getBacklog();
        runInAction(() => { this.backlog = items; });
      } else {
        const { items } = await listCases(which === 'overdue' ? { overdueOnly: true } : {});
        runInAction(() => {
          this.cases = which === 'overdue' ? items : items.filter((i) => i.escalationLevel > 0 && i.status !== 'resolved');
        });
      }
    } catch (e) {
      runInAction(() => { this.listError = messageOf(e); });
    } finally {
      runInAction(() => { this.listLoading = false; });
    }
  }
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A duration in plain Chinese: "45分钟", "2小时15分", "3天4小时", "不到1分钟". The two largest units only. */
export function humanDuration(ms: number): string {
  if (ms < MINUTE_MS) return '不到1分钟';
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`;
  return `${minutes}分钟`;
}

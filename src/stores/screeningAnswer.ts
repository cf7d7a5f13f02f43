/**
 * The student's questionnaire: one item a screen, back and next, the draft
 * kept on the phone (Taro storage) at every answer and on the server in the
 * background (so another phone continues), submitted once with one request
 * id for every retry. A "talk now" answer shows who to talk to at once.
 */
import Taro from '@tarojs/taro';
import { makeAutoObservable, runInAction } from 'mobx';
import { messageOf } from '../services/errors';
import { newRequestId } from '../services/api';
import { screeningApi, type Answers, type InstrumentView, type ItemView, type StudentCurrent } from '../services/screening';
import { askedItems } from '../domain/screening';

export type Screen = 'loading' | 'error' | 'none' | 'not_yet' | 'declined' | 'intro' | 'question' | 'talk_now' | 'done' | 'crisis';

interface LocalDraft { answers: Answers; index: number; updatedAt: number; talkShown?: boolean }
const draftKey = (campaignId: string) => `hh-screening-draft:${campaignId}`;

export interface Step { instrument: InstrumentView; item: ItemView; number: number }

/** The items to ask, given the answers so far: the domain's rule (askedItems), the same the cloud scores by. */
export function stepsFor(instruments: readonly InstrumentView[], answers: Answers): Step[] {
  const steps: Step[] = [];
  for (const inst of instruments) {
    for (const item of askedItems(inst.items, inst.followUp, answers[inst.id] ?? {})) steps.push({ instrument: inst, item, number: steps.length + 1 });
  }
  return steps;
}

/** Answers without follow-ups that are no longer asked (the student went back and changed a yes to a no). */
function prune(instruments: readonly InstrumentView[], answers: Answers): Answers {
  const asked = new Set(stepsFor(instruments, answers).map((s) => `${s.instrument.id}:${s.item.id}`));
  const out: Answers = {};
  for (const [inst, items] of Object.entries(answers)) {
    for (const [id, v] of Object.entries(items)) if (asked.has(`${inst}:${id}`)) (out[inst] ??= {})[id] = v;
  }
  return out;
}

export class ScreeningAnswerStore {
  screen: Screen = 'loading';
  error: string | null = null;
  current: StudentCurrent | null = null;
  answers: Answers = {};
  index = 0;
  submitting = false;
  submitError: string | null = null;
  feedback = '';
  /** the talk-now screen has been shown in this questionnaire: later answers get a gentler line instead */
  talkShown = false;
  /** that gentler line, under the next question */
  gentle = false;
  private requestId = newRequestId();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    makeAutoObservable(this);
  }

  get steps(): Step[] { return stepsFor(this.current?.instruments ?? [], this.answers); }
  /**
   * Every item that may be asked, follow-ups included: the progress bar counts
   * against this fixed number, so answering "不是" never visibly shortens it
   * (a child must not learn that "no" makes it stop). The words under it say
   * 共 N 题 by the questions asked now (steps).
   */
  get maxSteps(): number { return (this.current?.instruments ?? []).reduce((n, i) => n + i.items.length, 0); }
  /** The questions asked before any answer (the domain's rule, follow-ups not yet): the count the intro states, as the consent text does. */
  get plannedSteps(): number { return stepsFor(this.current?.instruments ?? [], {}).length; }
  /** The total the intro states, when no answer can change it (no follow-up question); null otherwise (then 左右). */
  get knownTotal(): number | null {
    return (this.current?.instruments ?? []).some((i) => i.items.some((it) => it.askIf)) ? null : this.plannedSteps;
  }
  get step(): Step | null { return this.steps[this.index] ?? null; }
  get answered(): number { return this.steps.filter((s) => this.answers[s.instrument.id]?.[s.item.id] !== undefined).length; }
  get complete(): boolean { return this.steps.length > 0 && this.answered === this.steps.length; }
  valueOf(step: Step): number | undefined { return this.answers[step.instrument.id]?.[step.item.id]; }

  async load() {
    this.screen = 'loading';
    try {
      const c = (await screeningApi.current()) as StudentCurrent;
      runInAction(() => {
        this.current = c;
        if (!c.campaign) this.screen = 'none';
        else if (c.finished) { this.feedback = c.feedback ?? ''; this.screen = c.crisis ? 'crisis' : 'done'; }
        else if (c.consent === 'needed' || c.consent === 'declined') {
          // consent missing or withdrawn: the draft on this phone goes too (the server's is already deleted)
          try { Taro.removeStorageSync(draftKey(c.campaign.id)); } catch { /* nothing kept */ }
          this.screen = c.consent === 'needed' ? 'not_yet' : 'declined';
        }
        else { this.restore(c); this.screen = this.answered > 0 ? 'question' : 'intro'; }
      });
    } catch (e) {
      runInAction(() => { this.error = messageOf(e); this.screen = 'error'; });
    }
  }

  /** The newer of the phone's draft and the server's. */
  private restore(c: StudentCurrent) {
    let local: LocalDraft | null = null;
    try { local = (Taro.getStorageSync(draftKey(c.campaign!.id)) as LocalDraft) || null; } catch { local = null; }
    const server = c.draft;
    const useLocal = local && (!server || local.updatedAt >= server.updatedAt);
    this.answers = prune(c.instruments, (useLocal ? local!.answers : server?.answers) ?? {});
    this.talkShown = !!local?.talkShown;
    const firstOpen = this.steps.findIndex((s) => this.valueOf(s) === undefined);
    this.index = useLocal ? Math.min(local!.index, this.steps.length - 1) : firstOpen < 0 ? this.steps.length - 1 : firstOpen;
  }

  start() { this.screen = 'question'; }

  choose(value: number) {
    const step = this.step;
    if (!step || !this.current?.campaign) return;
    const inst = step.instrument.id;
    this.answers = prune(this.current.instruments, { ...this.answers, [inst]: { ...(this.answers[inst] ?? {}), [step.item.id]: value } });
    this.gentle = false;
    if (step.item.talkNowIf?.includes(value)) {
      // the full "talk now" screen once per questionnaire; after that a gentler line under the next question
      if (!this.talkShown) { this.talkShown = true; this.keep(); this.screen = 'talk_now'; return; }
      this.gentle = true;
    }
    this.keep();
    this.next();
  }

  next() {
    if (this.index < this.steps.length - 1) this.index++;
    this.keep();
  }

  back() {
    this.gentle = false;
    if (this.screen === 'talk_now') { this.screen = 'question'; return; }
    if (this.index > 0) this.index--;
    else this.screen = 'intro';
  }

  continueAfterTalk() {
    this.screen = 'question';
    this.next();
  }

  /** On the phone at once; on the server a moment later (one write for a burst of taps). */
  private keep() {
    const campaignId = this.current?.campaign?.id;
    if (!campaignId) return;
    const draft: LocalDraft = { answers: this.answers, index: this.index, updatedAt: Date.now(), talkShown: this.talkShown };
    try { Taro.setStorageSync(draftKey(campaignId), draft); } catch { /* storage full: the server copy still helps */ }
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const answers = this.answers;
    this.saveTimer = setTimeout(() => {
      // Best effort: the phone keeps the draft whatever happens here.
      screeningApi.saveDraft(campaignId, answers).catch(() => undefined);
    }, 800);
  }

  async submit() {
    const campaignId = this.current?.campaign?.id;
    if (!campaignId || !this.complete || this.submitting) return;
    this.submitting = true;
    this.submitError = null;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    try {
      const r = await screeningApi.submit(campaignId, this.answers, { requestId: this.requestId });
      try { Taro.removeStorageSync(draftKey(campaignId)); } catch { /* nothing to remove */ }
      runInAction(() => { this.feedback = r.feedback; this.screen = r.crisis ? 'crisis' : 'done'; });
    } catch (e) {
      runInAction(() => { this.submitError = `${messageOf(e)}你的答案已经保存在手机上，不会丢失。`; });
    } finally {
      runInAction(() => { this.submitting = false; });
    }
  }
}

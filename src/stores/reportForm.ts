/**
 * The report form: what the reporter has answered so far, which question
 * comes next, instant checks with the server's limits, photo uploads, and
 * sending. One request id per report, kept across retries while the form is
 * unchanged, so pressing 提交 again can never file it twice.
 *
 * The same store backs the staff's named 强制报告 (channel 'mandatory').
 */
import { MIN_WORDY, graphemeCount, wordyCount } from '../domain/text';
import Taro from '@tarojs/taro';
import { makeAutoObservable, reaction, runInAction } from 'mobx';
import { DAYPART_HOURS, type OccurredPrecision } from '../domain/occurred';
import type { ReportCategory, ReportFlag, Relation, WaterType } from '../domain/report';
import { newRequestId, type Progress } from '../services/api';
import { isApiError, messageOf } from '../services/errors';
import {
  REPORT_LIMITS, submitMandatory, submitReport,
  type MandatoryAnswer, type ReportCategoryInfo, type ReportForm,
} from '../services/report';
import { choosePhotos, uploadPhoto } from '../services/upload';
import { reportQueue } from './reportQueue';
import { reportReceipt } from './reportReceipt';

export type StepId = 'category' | 'followUps' | 'place' | 'when' | 'description' | 'photos' | 'relation' | 'review';
/** school: at or near a school we can pick; elsewhere: not at a school, or the reporter does not know which */
export type PlaceMode = 'school' | 'elsewhere';
export type WhenChoice = 'now' | 'today' | 'yesterday' | 'days' | 'earlier' | 'unknown';
export type DayPart = 'morning' | 'afternoon' | 'evening' | 'unknown';
export type FlagAnswer = 'yes' | 'no' | 'unknown';

export interface PhotoSlot {
  key: string;
  /** the local file (tmp path on weapp, blob: URL on H5), for the thumbnail */
  path: string;
  state: 'uploading' | 'done' | 'failed';
  fileId?: string;
  error?: string;
}

export const FORM_MESSAGES = {
  category: '请先选一类。不确定的话，就选“其他安全问题”。',
  waterType: '请选择是哪一种水域（比如水库、河流、鱼塘），这样才能找到负责管理它的部门。分不清的话，选最像的一种。',
  flag: '请回答每个问题。不清楚的话，选“不知道”。',
  placeMode: '请先选：是在学校里，还是不在学校。',
  county: '请选择在哪个县（区）。',
  school: '请选择是哪所学校。',
  place: '请写一下具体在哪里，比如“某某村鱼塘边”“某某路口”。',
  placeTooLong: `地点最多${REPORT_LIMITS.placeMax}个字。`,
  whenDate: '请选择是哪一天。',
  future: '这个时间还没到，请重新选择。',
  descriptionShort: `请再多写几句，至少${REPORT_LIMITS.descriptionMin}个字，说清楚发生了什么。`,
  descriptionLong: `内容最多${REPORT_LIMITS.descriptionMax}个字，请精简一些。`,
  descriptionNoWords: '请用文字写一写发生了什么：只有表情或符号，处理的老师看不明白。',
  photoUploading: '照片还在上传，请等一下。',
  photoFailed: '有照片没有传上去：点“重新上传”，或者把它删掉。',
} as const;

/** Hours a vague part of the day stands for (domain/occurred.ts reads them back); 'unknown' is midday. */
const PART_HOURS: Record<DayPart, number> = { ...DAYPART_HOURS, unknown: 12 };

const pad = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD' of a local date. */
export const dayString = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const daysAgo = (n: number, now: Date) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n);

let photoCounter = 0;

/** Where the unsent form waits on the phone, one per channel. */
export const draftKey = (channel: 'anonymous' | 'mandatory') => `huhang.report.draft.${channel}`;

/** The answers as they are kept on the phone: photos only by the id their upload already stored. */
export interface ReportDraft {
  category: ReportCategory | null;
  flags: Partial<Record<ReportFlag, FlagAnswer>>;
  waterType: WaterType | null;
  placeMode: PlaceMode | null;
  countyId: string | null;
  schoolId: string | null;
  place: string;
  when: WhenChoice | null;
  whenDate: string | null;
  dayPart: DayPart;
  description: string;
  photoIds: string[];
  relation: Relation | null;
  stepIndex: number;
  savedAt: number;
}

export class ReportFormStore {
  readonly channel: 'anonymous' | 'mandatory';
  categories: ReportCategoryInfo[] = [];

  category: ReportCategory | null = null;
  flags: Partial<Record<ReportFlag, FlagAnswer>> = {};
  waterType: WaterType | null = null;
  placeMode: PlaceMode | null = null;
  countyId: string | null = null;
  schoolId: string | null = null;
  place = '';
  when: WhenChoice | null = null;
  whenDate: string | null = null;
  dayPart: DayPart = 'unknown';
  description = '';
  photos: PhotoSlot[] = [];
  relation: Relation | null = null;

  stepIndex = 0;
  /** the check that stopped 下一步, shown under the question */
  stepError: string | null = null;
  /** a step opened with 修改 from the review: it offers the way straight back */
  returnToReview = false;

  /** the request id and the body it was made for: a changed form is a new report */
  private prepared: { key: string; requestId: string; form: ReportForm } | null = null;
  submitting = false;
  progress: Progress | null = null;
  submitError: string | null = null;
  /** the request id of a report handed to the offline queue from this form */
  queuedRequestId: string | null = null;

  /** a draft from an earlier visit, waiting for 继续填写 or 重新开始 (nothing is saved over it meanwhile) */
  savedDraft: ReportDraft | null = null;
  private stopSaving: (() => void) | null = null;

  constructor(channel: 'anonymous' | 'mandatory' = 'anonymous') {
    this.channel = channel;
    makeAutoObservable<ReportFormStore, 'prepared' | 'stopSaving'>(this, { channel: false, prepared: false, stopSaving: false });
  }

  /* ----------------------------------------------------------------- drafts */

  /**
   * Decision: the unsent form is kept on the phone as it is filled in, so a
   * reload, a crash or a closed app loses nothing a child wrote. Photos are
   * kept only by the id their upload stored (the server keeps an unused
   * upload a day), never their bytes. The next visit offers 继续填写 or
   * 重新开始; sending the report, or 重新开始, removes the draft.
   */
  startDrafts() {
    if (this.stopSaving) return;
    this.savedDraft = readDraft(this.channel);
    this.stopSaving = reaction(() => this.draft, (d) => {
      if (this.savedDraft || this.queuedRequestId) return; // an older draft is still on offer, or the report is sent
      writeDraft(this.channel, this.hasAnswers ? d : null);
    });
  }

  stopDrafts() {
    this.stopSaving?.();
    this.stopSaving = null;
  }

  get draft(): ReportDraft {
    return {
      category: this.category, flags: { ...this.flags }, waterType: this.waterType, placeMode: this.placeMode,
      countyId: this.countyId, schoolId: this.schoolId, place: this.place, when: this.when, whenDate: this.whenDate,
      dayPart: this.dayPart, description: this.description, relation: this.relation, stepIndex: this.stepIndex,
      photoIds: this.photos.filter((p) => p.state === 'done' && p.fileId).map((p) => p.fileId as string),
      savedAt: Date.now(),
    };
  }

  /** 继续填写: the answers of the draft, on the step where it was left. */
  continueDraft() {
    const d = this.savedDraft;
    if (!d) return;
    Object.assign(this, {
      category: d.category, flags: d.flags ?? {}, waterType: d.waterType, placeMode: d.placeMode, countyId: d.countyId,
      schoolId: d.schoolId, place: d.place ?? '', when: d.when, whenDate: d.whenDate, dayPart: d.dayPart ?? 'unknown',
      description: d.description ?? '', relation: d.relation,
    });
    this.photos = (d.photoIds ?? []).map((fileId) => ({ key: `p${++photoCounter}`, path: '', state: 'done' as const, fileId }));
    this.stepIndex = Math.max(0, Math.min(d.stepIndex ?? 0, this.steps.length - 1));
    this.savedDraft = null;
    writeDraft(this.channel, this.draft);
  }

  /** 重新开始: the draft is gone from the phone. */
  discardDraft() {
    this.savedDraft = null;
    writeDraft(this.channel, null);
  }

  /** The report is on its way (sent or queued): its draft is no longer needed. */
  private draftDone() {
    writeDraft(this.channel, null);
  }

  setCategories(categories: ReportCategoryInfo[]) {
    this.categories = categories;
  }

  get categoryInfo(): ReportCategoryInfo | undefined {
    return this.categories.find((c) => c.id === this.category);
  }

  get hasFollowUps(): boolean {
    const c = this.categoryInfo;
    return !!c && (c.asksWaterType || c.flags.length > 0);
  }

  get steps(): StepId[] {
    const all: StepId[] = ['category', 'followUps', 'place', 'when', 'description', 'photos', 'relation', 'review'];
    return all.filter((s) => s !== 'followUps' || this.hasFollowUps);
  }

  get step(): StepId {
    return this.steps[Math.min(this.stepIndex, this.steps.length - 1)];
  }

  /* ---------------------------------------------------------------- answers */

  chooseCategory(id: ReportCategory) {
    if (this.category !== id) {
      // Follow-ups belong to a category: another category asks other questions.
      this.flags = {};
      this.waterType = null;
    }
    this.category = id;
    this.changed();
  }

  answerFlag(flag: ReportFlag, answer: FlagAnswer) {
    this.flags = { ...this.flags, [flag]: answer };
    this.changed();
  }

  chooseWaterType(t: WaterType) {
    this.waterType = t;
    this.changed();
  }

  choosePlaceMode(mode: PlaceMode) {
    this.placeMode = mode;
    if (mode === 'elsewhere') this.schoolId = null;
    this.changed();
  }

  chooseCounty(id: string | null) {
    if (this.countyId !== id) this.schoolId = null;
    this.countyId = id;
    this.changed();
  }

  chooseSchool(id: string) {
    this.schoolId = id;
    this.changed();
  }

  setPlace(text: string) {
    this.place = text;
    this.changed();
  }

  chooseWhen(choice: WhenChoice, now = new Date()) {
    this.when = choice;
    if (choice === 'days' && !this.whenDate) this.whenDate = dayString(daysAgo(2, now));
    if (choice !== 'days' && choice !== 'earlier') this.whenDate = null;
    this.changed();
  }

  setWhenDate(day: string) {
    this.whenDate = day;
    this.changed();
  }

  setDayPart(part: DayPart) {
    this.dayPart = part;
    this.changed();
  }

  setDescription(text: string) {
    this.description = text;
    this.changed();
  }

  chooseRelation(r: Relation | null) {
    this.relation = r;
    this.changed();
  }

  /** An answer changed: what stopped 下一步 or 提交 was about the answers before it. */
  private changed() {
    this.stepError = null;
    this.submitError = null;
  }

  /** Characters that count, as the server counts them: trimmed, one per character a person sees (an emoji is one). */
  get descriptionLength(): number {
    return graphemeCount(this.description.trim());
  }

  /* ----------------------------------------------------------------- photos */

  get canAddPhoto(): boolean {
    return this.photos.length < REPORT_LIMITS.photosMax;
  }

  /** Opens the album or camera and uploads what was picked. */
  async addPhotos(): Promise<void> {
    const room = REPORT_LIMITS.photosMax - this.photos.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      paths = await choosePhotos(room);
    } catch (e) {
      runInAction(() => {
        this.stepError = messageOf(e);
      });
      return;
    }
    const slots = paths.slice(0, room).map((path) => ({ key: `p${++photoCounter}`, path, state: 'uploading' as const }));
    runInAction(() => {
      this.photos.push(...slots);
      this.stepError = null;
    });
    await Promise.all(slots.map((s) => this.upload(s.key)));
  }

  async upload(key: string): Promise<void> {
    const slot = this.photos.find((p) => p.key === key);
    if (!slot) return;
    runInAction(() => {
      slot.state = 'uploading';
      slot.error = undefined;
    });
    try {
      const fileId = await uploadPhoto(slot.path);
      runInAction(() => {
        slot.state = 'done';
        slot.fileId = fileId;
      });
    } catch (e) {
      runInAction(() => {
        slot.state = 'failed';
        slot.error = messageOf(e);
      });
    }
  }

  removePhoto(key: string) {
    this.photos = this.photos.filter((p) => p.key !== key);
    this.changed();
  }

  /* ------------------------------------------------------------- validation */

  /** What is wrong with one step's answers, in words for the reporter; null when it may go on. */
  problemOf(step: StepId, now = new Date()): string | null {
    switch (step) {
      case 'category':
        return this.category ? null : FORM_MESSAGES.category;
      case 'followUps': {
        const c = this.categoryInfo;
        if (!c) return FORM_MESSAGES.category;
        if (c.asksWaterType && !this.waterType) return FORM_MESSAGES.waterType;
        if (c.flags.some((f) => !this.flags[f])) return FORM_MESSAGES.flag;
        return null;
      }
      case 'place':
        return this.placeProblem();
      case 'when':
        if ((this.when === 'days' || this.when === 'earlier') && !this.whenDate) return FORM_MESSAGES.whenDate;
        if (this.when && this.when !== 'now' && this.when !== 'unknown' && this.dayPart !== 'unknown') {
          const at = this.occurredAt(now);
          if (at && Date.parse(at) > now.getTime()) return FORM_MESSAGES.future;
        }
        return null;
      case 'description':
        if (this.descriptionLength < REPORT_LIMITS.descriptionMin) return FORM_MESSAGES.descriptionShort;
        if (this.descriptionLength > REPORT_LIMITS.descriptionMax) return FORM_MESSAGES.descriptionLong;
        if (wordyCount(this.description) < MIN_WORDY) return FORM_MESSAGES.descriptionNoWords;
        return null;
      case 'photos':
        if (this.photos.some((p) => p.state === 'uploading')) return FORM_MESSAGES.photoUploading;
        if (this.photos.some((p) => p.state === 'failed')) return FORM_MESSAGES.photoFailed;
        return null;
      case 'relation':
        return null;
      case 'review':
        return this.firstProblem(now)?.message ?? null;
    }
  }

  private placeProblem(): string | null {
    // A staff member's named report may leave the place out: the server places it at their own school or county.
    if (this.channel === 'mandatory' && !this.placeMode) return null;
    if (!this.placeMode) return FORM_MESSAGES.placeMode;
    if (this.placeMode === 'school') {
      if (!this.countyId) return FORM_MESSAGES.county;
      if (!this.schoolId) return FORM_MESSAGES.school;
    } else {
      if (!this.countyId || this.countyId === 'city') return FORM_MESSAGES.county;
      if (this.place.trim().length < 2) return FORM_MESSAGES.place;
    }
    if (this.place.trim().length > REPORT_LIMITS.placeMax) return FORM_MESSAGES.placeTooLong;
    return null;
  }

  /** The first step that is not right yet, and why. */
  firstProblem(now = new Date()): { step: StepId; message: string } | null {
    for (const step of this.steps) {
      if (step === 'review') continue;
      const message = this.problemOf(step, now);
      if (message) return { step, message };
    }
    return null;
  }

  /* ------------------------------------------------------------- navigation */

  /** Checks the question on screen; moves on if it is answered well enough. */
  next(now = new Date()): boolean {
    const problem = this.problemOf(this.step, now);
    if (problem) {
      this.stepError = problem;
      return false;
    }
    this.stepError = null;
    this.stepIndex = Math.min(this.stepIndex + 1, this.steps.length - 1);
    if (this.step === 'review') this.returnToReview = false;
    return true;
  }

  back() {
    this.stepError = null;
    this.stepIndex = Math.max(0, this.stepIndex - 1);
  }

  /** 修改 on the review: opens that step, remembering the reporter came from the review. */
  goTo(step: StepId) {
    const i = this.steps.indexOf(step);
    if (i >= 0) {
      this.returnToReview = this.step === 'review' && step !== 'review';
      this.stepIndex = i;
      this.stepError = null;
    }
  }

  /**
   * 改好了: straight back to the review instead of 下一步 through every
   * step after the one changed. A change can leave another step unanswered
   * (a new category asks its own questions): then that step opens instead,
   * with what it still needs.
   */
  backToReview(now = new Date()): boolean {
    const problem = this.firstProblem(now);
    if (problem) {
      this.stepIndex = this.steps.indexOf(problem.step);
      this.stepError = problem.message;
      return false;
    }
    this.stepIndex = this.steps.length - 1;
    this.stepError = null;
    this.returnToReview = false;
    return true;
  }

  /** Whether the reporter has answered or typed anything that leaving the page would throw away. */
  get hasAnswers(): boolean {
    return !!(this.category || this.placeMode || this.when || this.description.trim() || this.photos.length);
  }

  /* ---------------------------------------------------------------- sending */

  /** ISO time the reporter's choice stands for, or undefined when they did not say. */
  occurredAt(now = new Date()): string | undefined {
    if (!this.when || this.when === 'unknown') return undefined;
    if (this.when === 'now') return now.toISOString();
    let day: Date;
    if (this.when === 'today') day = daysAgo(0, now);
    else if (this.when === 'yesterday') day = daysAgo(1, now);
    else {
      if (!this.whenDate) return undefined;
      const [y, m, d] = this.whenDate.split('-').map(Number);
      day = new Date(y, m - 1, d);
    }
    const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), PART_HOURS[this.dayPart]);
    // "Today, not sure when" before midday: it cannot have been later than now.
    if (this.dayPart === 'unknown' && at.getTime() > now.getTime()) return now.toISOString();
    return at.toISOString();
  }

  /**
   * How much of occurredAt the reporter actually said (domain/occurred.ts):
   * handlers read "这几天" as a few days, not as the noon the form stored.
   * Undefined when the question was skipped.
   */
  get occurredPrecision(): OccurredPrecision | undefined {
    switch (this.when) {
      case null:
        return undefined;
      case 'unknown':
        return 'unknown';
      case 'now':
        return 'exact';
      case 'today':
      case 'yesterday':
        return this.dayPart === 'unknown' ? 'day' : 'daypart';
      // The day under 这几天 starts pre-chosen, and a part of that day does not make it any surer.
      case 'days':
        return 'days';
      case 'earlier':
        return 'earlier';
    }
  }

  /** The form as the server takes it. Unanswered questions are left out, "不知道" is not sent. */
  payload(now = new Date()): ReportForm {
    const form: ReportForm = { category: this.category as ReportCategory, description: this.description.trim() };
    const c = this.categoryInfo;
    if (c?.asksWaterType && this.waterType) form.waterType = this.waterType;
    const flags: Partial<Record<ReportFlag, boolean>> = {};
    for (const f of c?.flags ?? []) {
      const a = this.flags[f];
      if (a === 'yes' || a === 'no') flags[f] = a === 'yes';
    }
    if (Object.keys(flags).length > 0) form.flags = flags;
    if (this.placeMode === 'school' && this.schoolId) form.schoolId = this.schoolId;
    else if (this.placeMode && this.countyId && this.countyId !== 'city') form.countyId = this.countyId;
    if (this.placeMode && this.place.trim()) form.place = this.place.trim();
    const at = this.occurredAt(now);
    const precision = this.occurredPrecision;
    // The server takes a precision only with a time, except 'unknown', which is the absence of one.
    if (at) {
      form.occurredAt = at;
      if (precision && precision !== 'unknown') form.occurredPrecision = precision;
    } else if (precision === 'unknown') {
      form.occurredPrecision = 'unknown';
    }
    if (this.relation) form.relation = this.relation;
    const photoIds = this.photos.filter((p) => p.state === 'done' && p.fileId).map((p) => p.fileId as string);
    if (photoIds.length > 0) form.photoIds = photoIds;
    return form;
  }

  /**
   * The request id and exact form to send. Every try of an unchanged form
   * sends the very same body with the same id (the server answers a repeat
   * only if the body matches); once the reporter changes something it is a
   * new report with a new id.
   */
  private prepare(now: Date): { requestId: string; form: ReportForm } {
    const form = this.payload(now);
    // occurredAt of "刚刚" moves with the clock: that alone does not make it a different report.
    const key = JSON.stringify({ ...form, occurredAt: this.when === 'now' ? 'now' : form.occurredAt });
    if (!this.prepared || this.prepared.key !== key) {
      this.prepared = { key, requestId: newRequestId(), form };
    }
    return { requestId: this.prepared.requestId, form: this.prepared.form };
  }

  /**
   * Sends the anonymous report. 'sent': the answer is in reportReceipt for
   * the done page. 'queued': no network after every retry; the report waits
   * in the offline queue. 'failed': the server said no (submitError says why).
   */
  async submit(now = new Date()): Promise<'sent' | 'queued' | 'failed'> {
    const problem = this.firstProblem(now);
    if (problem) {
      this.submitError = problem.message;
      return 'failed';
    }
    const { requestId, form } = this.prepare(now);
    this.submitting = true;
    this.submitError = null;
    this.progress = null;
    try {
      const answer = await submitReport(form, { requestId, onProgress: (p) => runInAction(() => (this.progress = p)) });
      runInAction(() => reportReceipt.show(answer));
      this.draftDone();
      return 'sent';
    } catch (e) {
      if (isApiError(e) && e.code === 'NETWORK') {
        reportQueue.enqueue(requestId, form);
        runInAction(() => {
          this.queuedRequestId = requestId;
        });
        this.draftDone();
        return 'queued';
      }
      runInAction(() => {
        this.submitError = messageOf(e);
      });
      return 'failed';
    } finally {
      runInAction(() => {
        this.submitting = false;
        this.progress = null;
      });
    }
  }

  /** Sends the named 强制报告; resolves with its answer, or null with submitError set. */
  async submitNamed(now = new Date()): Promise<MandatoryAnswer | null> {
    const problem = this.firstProblem(now);
    if (problem) {
      this.submitError = problem.message;
      return null;
    }
    const { requestId, form } = this.prepare(now);
    this.submitting = true;
    this.submitError = null;
    try {
      const answer = await submitMandatory(form, { requestId, onProgress: (p) => runInAction(() => (this.progress = p)) });
      this.draftDone();
      return answer;
    } catch (e) {
      runInAction(() => {
        this.submitError = messageOf(e);
      });
      return null;
    } finally {
      runInAction(() => {
        this.submitting = false;
        this.progress = null;
      });
    }
  }
}

function readDraft(channel: ReportFormStore['channel']): ReportDraft | null {
  try {
    const d = Taro.getStorageSync(draftKey(channel)) as ReportDraft | '' | undefined;
    return d && typeof d === 'object' && typeof d.description === 'string' ? d : null;
  } catch {
    return null;
  }
}

function writeDraft(channel: ReportFormStore['channel'], draft: ReportDraft | null) {
  try {
    if (draft) Taro.setStorageSync(draftKey(channel), draft);
    else Taro.removeStorageSync(draftKey(channel));
  } catch {
    // Storage unavailable: the form still works, only without a draft.
  }
}

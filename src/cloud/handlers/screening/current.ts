import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { mayAnswer, urgentValues, type Instrument } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import {
  campaignInstruments, consentOf, consentVersionOf, DEFAULT_PURPOSE, DEFAULT_RECIPIENTS, FEEDBACK, getStudent, isLinkedGuardian, NOT_YOUR_CHILD, openCampaignFor, ownStudent,
  responseId, studentIdSchema, type CampaignDoc, type ConsentDoc, type FileEventDoc, type ResponseDoc,
} from './model';
import { photoUrls } from '../../media/uploadRecords';
import { requestsOfChild } from './rights';

/** What the student's screen needs of an instrument: never its name, bands or rules. */
export const instrumentView = (i: Instrument) => ({
  id: i.id,
  title: i.title,
  intro: i.intro,
  stem: i.stem,
  items: i.items.map((it) => {
    // answers that bring the "who to talk to now" screen at once, before 提交
    const talkNowIf = urgentValues(i, it.id);
    return {
      id: it.id, text: it.text, options: it.options.map(({ value, label }) => ({ value, label })),
      ...(it.askIf ? { askIf: it.askIf } : {}), ...(talkNowIf.length ? { talkNowIf } : {}),
    };
  }),
  /** the follow-up rule, so the client knows when to ask it (same rule the cloud checks) */
  followUp: i.positive ? { itemIds: i.positive.itemIds, values: i.positive.values } : null,
});

const campaignView = (c: CampaignDoc) => ({
  id: c._id, name: c.name, closesOn: c.closesOn, consentText: c.consentText,
  purpose: c.purpose ?? DEFAULT_PURPOSE, recipients: c.recipients ?? DEFAULT_RECIPIENTS, consentVersion: consentVersionOf(c),
});

const HOW: Record<string, string> = { guardian_app: '在小程序里', paper_form: '签纸质同意书' };

/**
 * Who answered, how and when, as the guardian reads it: names the guardian
 * (the grandfather reads that the mother agreed), the paper form's evidence
 * with its photo, who recorded it, every earlier answer, and when the
 * campaign changed its terms since, what changed.
 */
async function consentRecordView(ctx: Ctx, c: CampaignDoc, record: ConsentDoc | null, now: number) {
  if (!record) return { record: null, changed: null };
  const me = ctx.caller!.userId;
  const photos = record.paper ? await photoUrls(ctx.store, ctx.platform.blobs, [record.paper.photoId], now) : [];
  const view = {
    agree: record.agree, via: record.via, how: HOW[record.via] ?? '', at: record.at, version: record.version ?? 1,
    guardianName: record.guardianName ?? null, relation: record.relation ?? null, byMe: record.via === 'guardian_app' && record.byUserId === me,
    paper: record.paper ? {
      guardianName: record.paper.guardianName, relation: record.paper.relation, formDate: record.paper.formDate,
      recordedByName: record.paper.recordedByName, recordedAt: record.paper.recordedAt, photoUrl: photos[0]?.url ?? null,
    } : null,
    overrodeDecline: !!record.overrodeDecline,
    history: record.history.map((h) => ({ agree: h.agree, via: h.via, how: HOW[h.via] ?? '', byName: h.byName, at: h.at, version: h.version ?? 1 })),
  };
  const answered = record.version ?? 1;
  const old = answered !== consentVersionOf(c) ? c.consentHistory?.find((t) => t.version === answered) : undefined;
  const changed = old ? { text: old.text, purpose: old.purpose, recipients: old.recipients, at: c.consentTermsAt ?? c.updatedAt } : null;
  return { record: view, changed };
}

async function forStudent(ctx: Ctx) {
  const s = await ownStudent(ctx);
  const now = ctx.clock.now().getTime();
  const c = await openCampaignFor(ctx.store, s, now);
  if (!c) return { campaign: null, consent: null, instruments: [], finished: false, draft: null, nudged: false };
  const { state } = await consentOf(ctx.store, c, s, now);
  const id = responseId(c._id, s.id);
  const response = await ctx.store.collection<ResponseDoc>('screening_responses').get(id);
  const nudged = !!(await ctx.store.collection('screening_nudges').get(id));
  const base = { campaign: campaignView(c), consent: state, nudged };
  if (response) {
    return { ...base, instruments: [], finished: true, draft: null, crisis: response.crisis, feedback: response.crisis ? FEEDBACK.crisis : FEEDBACK.calm };
  }
  // No questionnaire text unless this student may answer now.
  if (!mayAnswer(state)) return { ...base, instruments: [], finished: false, draft: null };
  const draft = await ctx.store.collection<{ _id: string; answers: unknown; updatedAt: number }>('screening_drafts').get(id);
  return {
    ...base, finished: false,
    instruments: campaignInstruments(c).map(instrumentView),
    draft: draft ? { answers: draft.answers, updatedAt: draft.updatedAt } : null,
  };
}

async function forGuardian(ctx: Ctx, studentId: string | undefined) {
  const linked = ctx.caller!.roles.filter((r) => r.role === 'guardian' && r.studentId).map((r) => r.studentId!);
  const id = studentId ?? linked[0];
  if (!id || !(await isLinkedGuardian(ctx, id))) throw new AppError('FORBIDDEN', NOT_YOUR_CHILD);
  const s = await getStudent(ctx.store, id);
  if (!s) throw new AppError('NOT_FOUND', '没有找到孩子的学籍信息，请联系班主任。');
  const now = ctx.clock.now().getTime();
  const c = await openCampaignFor(ctx.store, s, now);
  // What the psychology teacher chose to tell this family (newest first), whatever the campaign.
  const told = await ctx.store.collection<FileEventDoc>('screening_file_events').find(
    { studentId: s.id, kind: 'notification' }, { orderBy: [['at', 'desc']], limit: 5 },
  );
  const notifications = told.filter((e) => e.guardianMessage).map((e) => ({ at: e.at, byName: e.byName, message: e.guardianMessage! }));
  const child = { id: s.id, name: s.name };
  const requests = await requestsOfChild(ctx, s.id);
  if (!c) return { campaign: null, consent: null, instruments: [], child, finished: false, notifications, consentRecord: null, changed: null, requests };
  const { state, record } = await consentOf(ctx.store, c, s, now);
  const finished = !!(await ctx.store.collection('screening_responses').get(responseId(c._id, s.id)));
  const { record: consentRecord, changed } = await consentRecordView(ctx, c, record, now);
  await ctx.audit({ action: 'screening.current', subjectType: 'student', subjectId: s.id, detail: { as: 'guardian', campaignId: c._id } });
  return { campaign: campaignView(c), consent: state, instruments: [], child, finished, notifications, consentRecord, changed, requests };
}

/**
 * The screening open for me now. A student gets the questionnaire only when
 * they may answer (consent given or not required) and have not finished;
 * a guardian gets their child's consent state, completion and whatever the
 * psychology teacher recorded telling them, never items or answers.
 */
export const current = defineAction({
  name: 'screening.current',
  input: z.object({ studentId: studentIdSchema.optional() }).strict(),
  labels: { studentId: '学生' },
  async handle({ studentId }, ctx) {
    const roles = ctx.caller!.roles;
    if (roles.some((r) => r.role === 'student') && (!studentId || roles.some((r) => r.role === 'student' && r.studentId === studentId))) {
      return { role: 'student' as const, ...(await forStudent(ctx)) };
    }
    return { role: 'guardian' as const, ...(await forGuardian(ctx, studentId)) };
  },
});

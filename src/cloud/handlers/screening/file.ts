import { z } from 'zod';
import { content } from '../../../content';
import { hospitalLines } from '../../../domain/catalog';
import { ageOn } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import {
  classOf, studentIdSchema, studentOfMySchool, todayIn,
  type AlertDoc, type CampaignDoc, type ConsentDoc, type FileDoc, type FileEventDoc, type ResponseDoc,
} from './model';
import { alertView, resultView } from './views';
import { photoUrls } from '../../media/uploadRecords';

/**
 * A student's 一生一策 file (psychology teacher of the student's school):
 * results across campaigns (oldest first, for the trend), plan, follow-up
 * log, parent notifications, referrals, status, open alerts. Every view is
 * written to the audit log.
 */
export const file = defineAction({
  name: 'screening.file',
  input: z.object({ studentId: studentIdSchema }).strict(),
  labels: { studentId: '学生' },
  async handle({ studentId }, ctx) {
    const s = await studentOfMySchool(ctx, studentId);
    const now = ctx.clock.now().getTime();
    const [doc, events, responses, alerts, consents] = await Promise.all([
      ctx.store.collection<FileDoc>('screening_files').get(studentId),
      ctx.store.collection<FileEventDoc>('screening_file_events').find({ studentId }, { orderBy: [['at', 'desc']] }),
      ctx.store.collection<ResponseDoc>('screening_responses').find({ studentId }, { orderBy: [['submittedAt', 'asc']] }),
      ctx.store.collection<AlertDoc>('screening_alerts').find({ studentId }, { orderBy: [['createdAt', 'desc']] }),
      ctx.store.collection<ConsentDoc>('screening_consents').find({ studentId }, { orderBy: [['at', 'desc']] }),
    ]);
    const campaigns = ctx.store.collection<CampaignDoc>('screening_campaigns');
    const results = [];
    for (const r of responses) {
      const c = await campaigns.get(r.campaignId);
      results.push({
        campaignId: r.campaignId, campaignName: c?.name ?? '', schoolYear: c?.schoolYear ?? '', semester: c?.semester ?? null,
        submittedAt: r.submittedAt, level: r.level, crisis: r.crisis, instruments: r.results.map(resultView),
      });
    }
    const ev = (e: FileEventDoc) => ({
      id: e._id, kind: e.kind, at: e.at, byName: e.byName, text: e.text,
      ...(e.how ? { how: e.how } : {}), ...(e.guardianMessage ? { guardianMessage: e.guardianMessage } : {}),
      ...(e.hospitalId ? { hospitalId: e.hospitalId, hospitalName: e.hospitalName } : {}), ...(e.status ? { status: e.status } : {}),
    });
    await ctx.audit({ action: 'screening.file', subjectType: 'student', subjectId: studentId });
    return {
      student: { id: s.id, name: s.name, grade: s.grade, className: (await classOf(ctx, s.classId))?.name ?? '', age: ageOn(s.birthDate, todayIn(now)) },
      status: doc?.status ?? 'routine',
      plan: doc?.plan ?? '',
      planUpdatedAt: doc?.planUpdatedAt ?? null,
      results,
      followUps: events.filter((e) => e.kind === 'followup').map(ev),
      notifications: events.filter((e) => e.kind === 'notification').map(ev),
      referrals: events.filter((e) => e.kind === 'referral').map(ev),
      log: events.map(ev),
      alerts: alerts.map((a) => alertView(a, now)),
      // consents with their evidence: the paper form's photo is for this teacher and the guardians only
      consents: await Promise.all(consents.map(async (k) => ({
        campaignId: k.campaignId, agree: k.agree, via: k.via, byName: k.byName, at: k.at, version: k.version ?? 1,
        overrodeDecline: !!k.overrodeDecline,
        paper: k.paper ? {
          guardianName: k.paper.guardianName, relation: k.paper.relation, formDate: k.paper.formDate, recordedByName: k.paper.recordedByName,
          recordedAt: k.paper.recordedAt, photoUrl: (await photoUrls(ctx.store, ctx.platform.blobs, [k.paper.photoId], now))[0]?.url ?? null,
        } : null,
      }))),
      hospitals: content.hospitals.map((h) => ({ id: h.id, name: h.name, lines: hospitalLines(h) })),
    };
  },
});

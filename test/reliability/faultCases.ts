/**
 * One valid request per write action, made from the demo data, for the fault
 * sweeps (faults.test.ts on SQLite, faultsCloudbase.test.ts on the CloudBase
 * adapter). `prepare` runs on a harness before the swept request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { figuresOf } from '../../src/cloud/handlers/targets/returns';
import { saveSheet } from '../../src/cloud/media/sheets';
import { saveUpload } from '../../src/cloud/media/uploads';
import { lessonById } from '../../src/content/lessons/index';
import { demoIds } from '../../src/content/puer/demo';
import type { Doc } from '../../src/cloud/store/types';
import type { Harness } from '../cloud/harness';
import { bullying, caseIdOf, ok, sexualAbuse, submit } from '../fixtures/reports';
import { csvUtf8, GOOD, xlsx } from '../fixtures/roster';
import { acute, DEMO_CAMPAIGN, OLDER, STUDENT } from '../fixtures/screening';

export const SCREENING_DAY = '2026-11-28T02:00:00Z';
const HOLIDAY_DAY = '2026-06-15T02:00:00Z';
const HOLIDAY = 'dragon_boat-2026';

export interface Prepared { who: CallerIdentity; data: unknown }
export interface Case { action: string; start?: string; prepare(h: Harness): Promise<Prepared> }

const policeCase = async (h: Harness, acknowledged = false) => {
  const id = await caseIdOf(h, (await submit(h, sexualAbuse())).trackingCode);
  const who = await h.as('DEMO-POLICE');
  if (acknowledged) ok(await h.call('case.acknowledge', { id }, { as: who }));
  return { id, who };
};
const pledgesFor = async (h: Harness, who: CallerIdentity): Promise<string[]> =>
  ok(await h.call('holiday.current', {}, { as: who })).pledges.map((p: { id: string }) => p.id);
const LESSON = 'drowning.junior';

/** One valid request per write action, made from the demo data. */
export const CASES: Case[] = [
  { action: 'auth.redeem', async prepare(h) { return { who: await h.as(), data: { code: 'DEMO-POLICE' } }; } },
  { action: 'report.submit', async prepare(h) { return { who: h.anonymous, data: bullying() }; } },
  { action: 'report.mandatory', async prepare(h) { return { who: await h.as('DEMO-TEACHER'), data: sexualAbuse() }; } },
  {
    action: 'report.message',
    async prepare(h) {
      const { trackingCode, secret } = await submit(h, bullying());
      return { who: h.anonymous, data: { trackingCode, secret, text: '补充一点：是三个人，在厕所门口。' } };
    },
  },
  { action: 'case.acknowledge', async prepare(h) { const c = await policeCase(h); return { who: c.who, data: { id: c.id } }; } },
  { action: 'case.reply', async prepare(h) { const c = await policeCase(h, true); return { who: c.who, data: { id: c.id, text: '我们已经受理，会尽快联系你。' } }; } },
  { action: 'case.note', async prepare(h) { const c = await policeCase(h); return { who: c.who, data: { id: c.id, text: '已电话联系学校。' } }; } },
  {
    action: 'case.transfer',
    async prepare(h) {
      const id = await caseIdOf(h, (await submit(h, bullying())).trackingCode);
      return { who: await h.as('DEMO-EDU'), data: { id, toDeptId: 'simao.police', reason: '涉及抢钱，应由公安办理。' } };
    },
  },
  { action: 'case.resolve', async prepare(h) { const c = await policeCase(h, true); return { who: c.who, data: { id: c.id, disposition: 'referred', summary: '已移送刑侦大队立案侦查。' } }; } },
  {
    action: 'case.reopen',
    async prepare(h) {
      const c = await policeCase(h, true);
      ok(await h.call('case.resolve', { id: c.id, disposition: 'referred', summary: '已移送刑侦大队立案侦查。' }, { as: c.who }));
      return { who: c.who, data: { id: c.id, reason: '家长反映还有后续情况。' } };
    },
  },
  {
    action: 'lesson.complete',
    async prepare(h) { return { who: await h.as('DEMO-STUDENT'), data: { id: LESSON, answers: lessonById(LESSON)!.quiz.map((q) => q.correct) } }; },
  },
  { action: 'lesson.classSession', async prepare(h) { return { who: await h.as('DEMO-TEACHER'), data: { id: LESSON, classId: demoIds.class } }; } },
  {
    action: 'campaign.create',
    async prepare(h) {
      return {
        who: await h.as('DEMO-PSY'),
        data: {
          name: '第二学期复查', schoolYear: '2026-2027', semester: 2, instrumentIds: ['phq-a', 'gad-7', 'asq'], grades: [8],
          opensOn: '2027-03-09', closesOn: '2027-03-20', consentText: '学校将组织八年级同学完成第二学期的心理健康复查，结果只有心理老师能看到。',
        },
      };
    },
  },
  { action: 'campaign.update', async prepare(h) { return { who: await h.as('DEMO-PSY'), data: { id: DEMO_CAMPAIGN, closesOn: '2026-12-20' } }; } },
  { action: 'screening.consent', async prepare(h) { return { who: await h.as('DEMO-PARENT'), data: { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true } }; } },
  {
    action: 'screening.saveDraft',
    async prepare(h) {
      ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: await h.as('DEMO-PARENT') }));
      return { who: await h.as('DEMO-STUDENT'), data: { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q1: 1, q9: 1 } } } };
    },
  },
  {
    action: 'screening.submit',
    async prepare(h) {
      ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: await h.as('DEMO-PARENT') }));
      return { who: await h.as('DEMO-STUDENT'), data: { campaignId: DEMO_CAMPAIGN, answers: acute() } };
    },
  },
  {
    action: 'screening.fileUpdate',
    async prepare(h) { return { who: await h.as('DEMO-PSY'), data: { studentId: STUDENT, change: { kind: 'followup', text: '课间单独谈话，情绪平稳，约定每周见面。' } } }; },
  },
  { action: 'screening.nudge', async prepare(h) { return { who: await h.as('DEMO-TEACHER'), data: { campaignId: DEMO_CAMPAIGN, studentId: OLDER } }; } },
  {
    action: 'holiday.setTerms',
    start: HOLIDAY_DAY,
    async prepare(h) {
      return { who: await h.as('DEMO-COORD-SIMAO'), data: { scope: 'simao', key: 'summer_break', year: 2026, start: '2026-07-18', end: '2026-09-06', resume: '2026-09-07' } };
    },
  },
  {
    action: 'commitment.sign',
    start: HOLIDAY_DAY,
    async prepare(h) {
      const who = await h.as('DEMO-PARENT');
      return { who, data: { campaignId: HOLIDAY, studentId: STUDENT, pledgeIds: await pledgesFor(h, who), method: 'confirm' } };
    },
  },
  {
    action: 'commitment.nudge',
    start: HOLIDAY_DAY,
    async prepare(h) {
      // some guardians opted in to reminders, so a nudge has someone to write to
      for (const code of ['DEMO-PARENT', 'DEMO-GRANDPARENT']) ok(await h.call('reminder.subscribe', { accepted: true }, { as: await h.as(code) }));
      return { who: await h.as('DEMO-TEACHER'), data: { campaignId: HOLIDAY } };
    },
  },
  { action: 'reminder.subscribe', start: HOLIDAY_DAY, async prepare(h) { return { who: await h.as('DEMO-PARENT'), data: { accepted: true } }; } },
  {
    action: 'lesson.classSessionUndo',
    async prepare(h) {
      const who = await h.as('DEMO-TEACHER');
      ok(await h.call('lesson.classSession', { id: LESSON, classId: demoIds.class }, { as: who }));
      return { who, data: { id: LESSON, classId: demoIds.class } };
    },
  },
  {
    action: 'screening.paperConsent',
    async prepare(h) {
      await h.as('DEMO-PARENT'); // a linked guardian, so the form's notice has someone to go to
      const photoId = (await saveUpload(h.store, h.blobs, readFileSync(path.join(__dirname, '../fixtures/gps.jpg')), h.clock)).fileId;
      return { who: await h.as('DEMO-PSY'), data: { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, guardianName: '刘芳', formDate: '2026-11-28', photoId } };
    },
  },
  {
    action: 'screening.request',
    async prepare(h) { return { who: await h.as('DEMO-PARENT'), data: { studentId: STUDENT, kind: 'correct', text: '孩子的出生日期登记错了，应当是3月15日。' } }; },
  },
  {
    action: 'screening.answerRequest',
    async prepare(h) {
      const r = ok(await h.call('screening.request', { studentId: STUDENT, kind: 'see', text: '想看看孩子这次筛查的记录。' }, { as: await h.as('DEMO-PARENT') }));
      return { who: await h.as('DEMO-PSY'), data: { id: r.id, outcome: 'done', answer: '已把孩子本学期的筛查记录整理好，请在小程序里查看。' } };
    },
  },
  {
    action: 'rollover.apply',
    async prepare(h) {
      // the demo seed marks this year's move-up done (seed.ts: a fresh demo after 1 September stays in its grades); undone here
      await h.store.collection('rollovers').remove(`${demoIds.school}:2026`);
      return { who: await h.as('DEMO-SCHOOL-ADMIN'), data: { schoolId: demoIds.school } };
    },
  },
  { action: 'rollover.setDate', async prepare(h) { return { who: await h.as('DEMO-COORD'), data: { monthDay: '08-28' } }; } },
  {
    action: 'student.transfer',
    async prepare(h) {
      // everything that follows the child: a guardian's binding and the 一生一策 file with its log
      await h.as('DEMO-PARENT');
      ok(await h.call('screening.fileUpdate', { studentId: STUDENT, change: { kind: 'followup', text: '课间单独谈话，情绪平稳。' } }, { as: await h.as('DEMO-PSY') }));
      return { who: await h.as('DEMO-SCHOOL-ADMIN'), data: { studentId: STUDENT, toSchoolId: 'sch-ninger-1', toClassId: 'cls-ninger-1-8-1' } };
    },
  },
  { action: 'school.add', async prepare(h) { return { who: await h.as('DEMO-COORD-SIMAO'), data: { name: '思茅区倚象镇中心小学', jurisdiction: 'simao', stage: 'primary' } }; } },
  // the county education bureau renames a school of its county
  { action: 'school.update', async prepare(h) { return { who: await h.as('DEMO-EDU'), data: { schoolId: 'sch-simao-3', name: '思茅区南屏镇中心学校' } }; } },
  {
    action: 'school.import',
    async prepare(h) {
      const who = await h.as('DEMO-COORD-SIMAO');
      const sheet = await xlsx([['思茅区倚象镇中心小学', '小学', '思茅区'], ['思茅区第四中学', '初级中学', '思茅区'], ['思茅区第一中学', '初中', '思茅区']], ['学校名称', '学段', '所在县（区）']);
      const { fileId } = await saveSheet(h.store, h.blobs, sheet, 'schools.xlsx', who.userId!, h.clock);
      return { who, data: { fileId, dryRun: false } };
    },
  },
  { action: 'class.add', async prepare(h) { return { who: await h.as('DEMO-SCHOOL-ADMIN'), data: { schoolId: demoIds.school, grade: 7, number: 2 } }; } },
  { action: 'class.update', async prepare(h) { return { who: await h.as('DEMO-SCHOOL-ADMIN'), data: { classId: 'cls-simao-1-8-1', name: '八年级（1）班（实验班）' } }; } },
  {
    action: 'roster.import',
    async prepare(h) {
      // five pupils in two classes, one of them new (八年级（3）班 is made by the import)
      const who = await h.as('DEMO-SCHOOL-ADMIN');
      const { fileId } = await saveSheet(h.store, h.blobs, csvUtf8(GOOD), 'roster.csv', who.userId!, h.clock);
      return { who, data: { schoolId: demoIds.school, fileId, dryRun: false } };
    },
  },
  {
    action: 'invite.issue',
    async prepare(h) {
      // a slip reissued: the class's earlier unused guardian codes are revoked by the swept request
      const who = await h.as('DEMO-TEACHER');
      ok(await h.call('invite.issue', { role: 'guardian', classId: demoIds.class, studentIds: [STUDENT, OLDER] }, { as: who }));
      return { who, data: { role: 'guardian', classId: demoIds.class } };
    },
  },
  {
    action: 'invite.revoke',
    async prepare(h) {
      const who = await h.as('DEMO-TEACHER');
      const [slip] = ok<Array<{ code: string }>>(await h.call('invite.issue', { role: 'student', classId: demoIds.class, studentIds: [OLDER] }, { as: who }));
      return { who, data: { code: slip.code } };
    },
  },
  {
    action: 'guardian.decide',
    async prepare(h) {
      // an aunt whose name is not on the roster redeems the slip: her binding waits for the class teacher
      const who = await h.as('DEMO-TEACHER');
      const [slip] = ok<Array<{ code: string }>>(await h.call('invite.issue', { role: 'guardian', classId: demoIds.class, studentIds: [STUDENT] }, { as: who }));
      const pending = ok(await h.call('auth.redeem', { code: slip.code, name: '李阿姨', relation: '姑姑' }, { as: await h.as() }));
      if (!pending.pending) throw new Error('setup: the redeem should wait for the class teacher');
      const list = ok(await h.call('guardian.list', { classId: demoIds.class }, { as: who }));
      const req = list.students.find((s: { studentId: string }) => s.studentId === STUDENT).requests[0];
      return { who, data: { requestId: req.requestId, approve: true } };
    },
  },
  {
    action: 'guardian.unbind',
    async prepare(h) {
      await h.as('DEMO-GRANDPARENT');
      const who = await h.as('DEMO-TEACHER');
      const list = ok(await h.call('guardian.list', { classId: demoIds.class }, { as: who }));
      const link = list.students.find((s: { studentId: string }) => s.studentId === STUDENT).guardians.find((g: { name: string }) => g.name === '李国荣');
      return { who, data: { linkId: link.linkId } };
    },
  },
  {
    action: 'staff.end',
    async prepare(h) {
      // a psychology teacher who joined with a code the school admin issued, and leaves
      const who = await h.as('DEMO-SCHOOL-ADMIN');
      const [slip] = ok<Array<{ code: string }>>(await h.call('invite.issue', { role: 'psych_teacher', schoolId: demoIds.school, displayName: '林老师' }, { as: who }));
      ok(await h.call('auth.redeem', { code: slip.code }, { as: await h.as() }));
      const post = ok(await h.call('staff.list', {}, { as: who })).posts.find((p: { displayName: string }) => p.displayName === '林老师');
      return { who, data: { postId: post.postId } };
    },
  },
  {
    action: 'figures.submit',
    async prepare(h) {
      // the county police's October return, filed, then corrected by the swept request (history row, new version)
      const who = await h.as('DEMO-POLICE');
      const values = Object.fromEntries(figuresOf('police').map((f) => [f.id, 0]));
      ok(await h.call('figures.submit', { countyId: 'simao', month: '2026-10', values }, { as: who }));
      return { who, data: { countyId: 'simao', month: '2026-10', values: { ...values, crimes_against_students: 1 }, note: '补报漏统计的1起。' } };
    },
  },
];

/** Write actions the sweep cannot run, and why. */
export const NOT_SWEPT: Record<string, string> = {
  'upload.finalize': 'CloudBase only: it reads the raw photo from cloud storage (fetchTempUpload), which the local platform does not have; its single write is the uploads row after the blob (media.test.ts)',
};

/** Fields that differ between any two runs by design; every other value must match exactly. */
export function normalise(dump: Record<string, Doc[]>) {
  const out: Record<string, unknown[]> = {};
  for (const [name, rows] of Object.entries(dump)) {
    out[name] = rows.map((r) => {
      const d: Record<string, unknown> = { ...r };
      if (name === 'cases') { d.trackingCode = '<random>'; if (d.secretHash) d.secretHash = '<salted>'; }
      if (name === 'rate_limits') d.count = '<counts tries>';
      // case events without a fixed id: time, then a per-process sequence number and random letters (events.ts)
      if (name === 'case_events') d._id = String(d._id).replace(/^(c[0-9a-f]+:[0-9a-z]{9}:)[0-9A-Za-z_-]{10}$/, '$1<sequence>');
      return d;
    }).sort((a, b) => String(a._id).localeCompare(String(b._id)));
  }
  return out;
}

/** Answers with random parts (the tracking code) are compared without them. */
export const normaliseAnswer = (a: any) => JSON.parse(JSON.stringify(a, (k, v) => (k === 'trackingCode' ? '<random>' : v)));


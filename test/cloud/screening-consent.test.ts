/**
 * Issue 16: consent that means what it says, follow-up for every child who
 * needs it, and an audit of who read (or tried to read) a child's records.
 * Each consent rule is tried the way the security review broke it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { askGuardians } from '../../src/cloud/handlers/scheduler/screeningAlerts';
import { recountFromRecords } from '../../src/cloud/handlers/targets/counts';
import { saveUpload } from '../../src/cloud/media/uploads';
import type { CollectionName, Filter } from '../../src/cloud/store/types';
import { asq, gad7, phqA } from '../../src/content/screening';
import type { Instrument } from '../../src/domain/screening';
import { expectKindError, ok } from '../fixtures/reports';
import { calm, DEMO_CAMPAIGN, STUDENT } from '../fixtures/screening';
import { makeHarness, type Harness } from './harness';

const DAY = 24 * 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-11-28T02:00:00Z'); });
afterEach(async () => { await h.close(); });

const rows = (c: CollectionName, q: Filter = {}) => h.store.collection<any>(c).find(q);
const photo = async () => (await saveUpload(h.store, h.blobs, readFileSync(path.join(__dirname, '../fixtures/gps.jpg')), h.clock)).fileId;
const consent = (agree: boolean) => ({ campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree });
const paper = (over: Record<string, unknown> = {}) => ({ campaignId: DEMO_CAMPAIGN, studentId: STUDENT, guardianName: '刘芳', formDate: '2026-11-27', ...over });
/** Answers summing to `total` on a 0-3 instrument, item 9 of PHQ-A kept at 0. */
const withTotal = (inst: Instrument, total: number) => {
  const a: Record<string, number> = {};
  let left = total;
  for (const i of inst.items) {
    const v = i.id === 'q9' && inst === phqA ? 0 : Math.min(3, left);
    a[i.id] = v;
    left -= v;
  }
  if (left) throw new Error('total too high');
  return a;
};

describe('paper consent needs evidence', () => {
  test('without a photo, with an unknown photo, a name not on the roster, or a future date: refused, nothing written', async () => {
    const psy = await h.as('DEMO-PSY');
    const fileId = await photo();
    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [paper(), /照片/],
      [paper({ photoId: 'f' + 'x'.repeat(24) }), /照片/],
      [paper({ photoId: '../etc/passwd' }), /照片/],
      [paper({ photoId: fileId, guardianName: '王小明' }), /花名册.*刘芳、李国荣/],
      [paper({ photoId: fileId, formDate: '2026-11-29' }), /晚于今天/],
      [paper({ photoId: fileId, formDate: '2026-01-01' }), /之前/],
      [paper({ photoId: fileId, guardianName: '' }), /监护人姓名/],
    ];
    for (const [input, message] of refusals) {
      expect(expectKindError(await h.call('screening.paperConsent', input, { as: psy }), 'BAD_INPUT').message).toMatch(message);
    }
    expect(await rows('screening_consents')).toEqual([]);
    // the photo was not taken by any refused attempt: still free, so the orphan purge would remove it
    expect((await h.store.collection<any>('uploads').get(fileId)).caseId).toBeNull();
  });

  test('a photo already attached to a report (or to another child\'s form) cannot be reused', async () => {
    const psy = await h.as('DEMO-PSY');
    const fileId = await photo();
    await h.store.collection<any>('uploads').updateIf(fileId, { caseId: null }, { set: { caseId: 'case-x' } });
    expectKindError(await h.call('screening.paperConsent', paper({ photoId: fileId }), { as: psy }), 'BAD_INPUT');
    expect(await rows('screening_consents')).toEqual([]);
  });

  test('one photo, two children recorded at once: exactly one form holds it', async () => {
    const psy = await h.as('DEMO-PSY');
    const fileId = await photo();
    const [a, b] = await Promise.all([
      h.call('screening.paperConsent', paper({ photoId: fileId }), { as: psy }),
      h.call('screening.paperConsent', paper({ photoId: fileId, studentId: 'stu-simao-3', guardianName: '王丽' }), { as: psy }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect((a.ok ? b : a).error!.code).toBe('BAD_INPUT');
    expect(await rows('screening_consents')).toHaveLength(1);
  });

  test('the photo is shown to the psychology teacher and to the guardians, by signed link, and to nobody else', async () => {
    const psy = await h.as('DEMO-PSY');
    const fileId = await photo();
    ok(await h.call('screening.paperConsent', paper({ photoId: fileId }), { as: psy }));
    expect((await h.store.collection<any>('uploads').get(fileId)).caseId).toBe(`consent:${DEMO_CAMPAIGN}:${STUDENT}`);
    const file = ok(await h.call('screening.file', { studentId: STUDENT }, { as: psy }));
    expect(file.consents[0].paper.photoUrl).toMatch(new RegExp(`^/files/${fileId}\\?sig=`));
    const grandpa = ok(await h.call('screening.current', {}, { as: await h.as('DEMO-GRANDPARENT') }));
    expect(grandpa.consentRecord.paper.photoUrl).toMatch(new RegExp(`^/files/${fileId}\\?sig=`));
    // the student, the class teacher and the coordinator never receive the file id
    for (const [code, action, data] of [
      ['DEMO-STUDENT', 'screening.current', {}], ['DEMO-TEACHER', 'screening.completion', { campaignId: DEMO_CAMPAIGN }],
      ['DEMO-COORD-SIMAO', 'screening.stats', { campaignId: DEMO_CAMPAIGN }],
    ] as const) {
      expect(JSON.stringify(await h.call(action, data, { as: await h.as(code) }))).not.toContain(fileId);
    }
  });
});

describe('a paper form never silently overrides a guardian\'s decline', () => {
  test('the mother declines, the school records her paper form: both guardians are told, see who recorded what, and she withdraws', async () => {
    const mother = await h.as('DEMO-PARENT');
    const grandpa = await h.as('DEMO-GRANDPARENT');
    ok(await h.call('screening.consent', consent(false), { as: mother }));
    const psy = await h.as('DEMO-PSY');
    const r = ok(await h.call('screening.paperConsent', paper({ photoId: await photo() }), { as: psy }));
    expect(r).toMatchObject({ consent: 'given', overrodeDecline: true });

    // told in the app: an outbox row to each linked guardian account, and on their consent screen
    const told = await rows('outbox', { template: 'screening_paper_consent' });
    expect(told.map((m) => m.to).sort()).toEqual([mother.userId, grandpa.userId].sort());
    expect(told[0].data.title).toBe('学校录入了您签署的纸质同意书');
    const seen = ok(await h.call('screening.current', {}, { as: mother }));
    expect(seen.consent).toBe('given');
    expect(seen.consentRecord).toMatchObject({
      via: 'paper_form', overrodeDecline: true,
      paper: { guardianName: '刘芳', relation: '母亲', formDate: '2026-11-27', recordedByName: '陈静', recordedAt: h.clock.now().getTime() },
    });
    expect(seen.consentRecord.history.map((x: any) => [x.via, x.agree])).toEqual([['guardian_app', false], ['paper_form', true]]);
    expect(ok(await h.call('home.summary', {}, { as: mother })).screening).toMatchObject({ paperAfterDecline: true });

    // she withdraws: declined again, and the record keeps all three steps
    h.clock.advance(60_000);
    ok(await h.call('screening.consent', consent(false), { as: mother }));
    const after = ok(await h.call('screening.current', {}, { as: mother }));
    expect(after.consent).toBe('declined');
    expect(after.consentRecord.history).toHaveLength(3);
    // the withdrawn form cannot be entered again over her
    const formPhoto = (await rows('screening_consents'))[0].history[1].paper.photoId;
    expect(expectKindError(await h.call('screening.paperConsent', paper({ photoId: formPhoto }), { as: psy }), 'CONFLICT').message).toContain('撤回');
    expect(ok(await h.call('screening.current', {}, { as: mother })).consent).toBe('declined');
    expect(ok(await h.call('screening.current', {}, { as: await h.as('DEMO-STUDENT') })).consent).toBe('declined');
  });

  test('a rerun of the same paper form (a retry after a crash, under a new request id) writes nothing twice and keeps the mark', async () => {
    const mother = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(false), { as: mother }));
    const psy = await h.as('DEMO-PSY');
    const form = paper({ photoId: await photo() });
    ok(await h.call('screening.paperConsent', form, { as: psy }));
    h.clock.advance(5000);
    expect(ok(await h.call('screening.paperConsent', form, { as: psy }))).toMatchObject({ overrodeDecline: true });
    const [doc] = await rows('screening_consents');
    expect(doc.history).toHaveLength(2);
    expect(doc.overrodeDecline).toBe(true);
    // the same answer in the app again changes nothing either
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    expect((await rows('screening_consents'))[0].history).toHaveLength(3);
  });

  test('the guardian\'s screen names which guardian consented and how (the grandfather reads that the mother agreed)', async () => {
    const mother = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    const grandpa = ok(await h.call('screening.current', {}, { as: await h.as('DEMO-GRANDPARENT') }));
    expect(grandpa.consentRecord).toMatchObject({ via: 'guardian_app', how: '在小程序里', guardianName: '刘芳', relation: '母亲', byMe: false });
    expect(ok(await h.call('screening.current', {}, { as: mother })).consentRecord.byMe).toBe(true);
  });
});

describe('the desk\'s consent counters follow the consent record (targets/counts.ts, core/tally.ts)', () => {
  /** The live scr_consent counters of the demo campaign, and what a recount from the records makes of them. */
  const consentCounters = async () => {
    const live = (await rows('tallies', { kind: 'scr_consent', period: DEMO_CAMPAIGN })).filter((r) => r.n !== 0).map((r) => [r._id, r.n]).sort();
    const { rows: ref } = await recountFromRecords(h.store);
    return { live, recount: ref.filter((r) => r.kind === 'scr_consent' && r.period === DEMO_CAMPAIGN).map((r) => [r._id, r.n]).sort() };
  };

  test('a paper form counts as given, and a withdrawal after it as declined, as the recount says', async () => {
    const psy = await h.as('DEMO-PSY');
    ok(await h.call('screening.paperConsent', paper({ photoId: await photo() }), { as: psy }));
    const given = await consentCounters();
    expect(given.live).toEqual(given.recount);
    expect(given.live).toEqual([[`scr_consent|${DEMO_CAMPAIGN}|cls-simao-1-8-2|given@v1`, 1]]);
    h.clock.advance(60_000);
    ok(await h.call('screening.consent', consent(false), { as: await h.as('DEMO-PARENT') }));
    const declined = await consentCounters();
    expect(declined.live).toEqual(declined.recount);
    expect(declined.live).toEqual([[`scr_consent|${DEMO_CAMPAIGN}|cls-simao-1-8-2|declined@v1`, 1]]);
  });

  test('two guardians answering differently at once, again and again: the counters end where the record is', async () => {
    const mother = await h.as('DEMO-PARENT');
    const grandpa = await h.as('DEMO-GRANDPARENT');
    for (let round = 0; round < 6; round++) {
      h.clock.advance(1000);
      await Promise.all([
        h.call('screening.consent', consent(round % 2 === 0), { as: mother }),
        h.call('screening.consent', consent(round % 2 !== 0), { as: grandpa }),
        h.call('screening.consent', consent(round % 3 === 0), { as: mother }),
      ]);
      const { live, recount } = await consentCounters();
      expect({ round, live }).toEqual({ round, live: recount });
      expect(live).toHaveLength(1);
    }
  });
});

describe('a consent answers one version of the consent text', () => {
  test('changing the text after consents exist makes them needed again, and the guardian sees what changed', async () => {
    const mother = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    const [first] = await rows('screening_consents');
    const campaign = await h.store.collection<any>('screening_campaigns').get(DEMO_CAMPAIGN);
    expect(first).toMatchObject({ version: 1, hash: campaign.consentHash });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const student = await h.as('DEMO-STUDENT');
    expect(ok(await h.call('screening.current', {}, { as: student })).consent).toBe('given');

    const psy = await h.as('DEMO-PSY');
    // the name alone is not part of the terms: nothing changes
    expect(ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, name: '八年级心理健康筛查（改名）' }, { as: psy }))).toMatchObject({ termsChanged: false, consentVersion: 1 });
    expect(ok(await h.call('screening.current', {}, { as: student })).consent).toBe('given');
    // who reads the answers is
    const changed = ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, recipients: '学校心理健康教师和校医能看到孩子的回答。' }, { as: psy }));
    expect(changed).toMatchObject({ termsChanged: true, consentVersion: 2 });

    const s = ok(await h.call('screening.current', {}, { as: student }));
    expect(s).toMatchObject({ consent: 'needed', instruments: [] });
    expectKindError(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: {} }, { as: student }), 'FORBIDDEN');
    const g = ok(await h.call('screening.current', {}, { as: mother }));
    expect(g.consent).toBe('needed');
    expect(g.campaign.recipients).toBe('学校心理健康教师和校医能看到孩子的回答。');
    expect(g.changed.recipients).toContain('只有学校的心理健康教师');
    // the class teacher counts her as awaiting consent again
    const comp = ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: await h.as('DEMO-TEACHER') }));
    expect(comp.classes[0].students.find((x: any) => x.studentId === STUDENT).status).toBe('awaiting_consent');

    // she agrees to version 2
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    expect((await rows('screening_consents'))[0]).toMatchObject({ version: 2 });
    expect(ok(await h.call('screening.current', {}, { as: student })).consent).toBe('given');
  });

  test('the class teacher sees which families have a guardian on the app (a reminder to the others could only fail)', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const bound = async () => Object.fromEntries(ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: teacher })).classes[0].students
      .map((x: any) => [x.studentId, x.guardianBound]));
    expect((await bound())[STUDENT]).toBe(false);
    expectKindError(await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT }, { as: teacher }), 'CONFLICT');
    await h.as('DEMO-PARENT'); // her mother binds the app
    const after = await bound();
    expect(after[STUDENT]).toBe(true);
    expect(Object.values(after).filter((b) => b === false).length).toBeGreaterThan(0); // her classmates' families have not
    ok(await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT }, { as: teacher }));
  });

  test('guardians are asked when a campaign opens and again after a change: one message each, however often the job runs', async () => {
    const asked = async () => (await rows('outbox', { template: 'screening_consent_needed' })).map((m) => m._id).sort();
    await h.as('DEMO-PARENT');
    await h.as('DEMO-GRANDPARENT');
    const links = await rows('guardianships', { studentId: STUDENT });
    expect(links).toHaveLength(2);
    await askGuardians({ store: h.store, clock: h.clock });
    await askGuardians({ store: h.store, clock: h.clock });
    const v1 = (await asked()).filter((id) => id.startsWith(`scr-ask:${DEMO_CAMPAIGN}:v1:${STUDENT}:`));
    expect(v1).toHaveLength(links.length);
    const total = (await asked()).length;
    // concurrent runs write nothing twice
    await Promise.all([askGuardians({ store: h.store, clock: h.clock }), askGuardians({ store: h.store, clock: h.clock })]);
    expect(await asked()).toHaveLength(total);

    ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, consentText: '学校将组织八年级同学完成一次心理健康筛查（约10分钟）。这是修改后的说明，请重新阅读后选择。' }, { as: await h.as('DEMO-PSY') }));
    await askGuardians({ store: h.store, clock: h.clock });
    const again = (await rows('outbox', { template: 'screening_consent_needed' })).filter((m) => m._id.startsWith(`scr-ask:${DEMO_CAMPAIGN}:v2:${STUDENT}:`));
    expect(again).toHaveLength(links.length);
    expect(again[0].data.title).toContain('说明有变化');
  });
});

describe('the child cannot consent for themself', () => {
  /** What a demo code binds (the invitation's binding), as redeem would add it. */
  const bindingOf = async (code: string) => {
    const [inv] = await rows('invitations', { code });
    expect(inv?.binding).toBeDefined();
    return inv.binding;
  };
  /**
   * Binds an account as it was bound before auth.redeem refused the double binding (issue 14): the roles on
   * the user, and for a guardian the guardianship link redeem wrote, so the consent rules are tried on their own.
   */
  const bindDirectly = async (who: { userId: string | null }, ...roles: any[]) => {
    const users = h.store.collection<any>('users');
    const user = await users.get(who.userId!);
    await users.put({ ...user, roles: [...user.roles, ...roles] });
    for (const r of roles.filter((x) => x.role === 'guardian')) {
      await h.store.collection<any>('guardianships').put({
        _id: `${who.userId}:${r.studentId}`, userId: who.userId, studentId: r.studentId, since: h.clock.now().getTime(),
        name: r.guardianName, relation: r.relation, via: 'demo',
      });
    }
  };

  test('auth.redeem refuses to bind one account as both the child and her guardian, either way round, and binds nothing', async () => {
    const child = await h.as('DEMO-STUDENT');
    expect(expectKindError(await h.call('auth.redeem', { code: 'DEMO-PARENT' }, { as: child }), 'FORBIDDEN').message).toContain('学生本人');
    const parent = await h.as('DEMO-PARENT');
    expect(expectKindError(await h.call('auth.redeem', { code: 'DEMO-STUDENT' }, { as: parent }), 'FORBIDDEN').message).toContain('家长');
    const users = h.store.collection<any>('users');
    expect((await users.get(child.userId!)).roles.map((r: any) => r.role)).toEqual(['student']);
    expect((await users.get(parent.userId!)).roles.map((r: any) => r.role)).toEqual(['guardian']);
    expect(await rows('guardianships', { userId: child.userId })).toEqual([]);
  });

  test('an account bound as the child and as her guardian (bound before redeem refused it) cannot consent, and nothing is written', async () => {
    const me = await h.as('DEMO-STUDENT');
    await bindDirectly(me, await bindingOf('DEMO-PARENT'));
    // the double binding is real: the guardian side alone would pass every other check
    expect((await h.store.collection<any>('users').get(me.userId!)).roles.map((r: any) => r.role).sort()).toEqual(['guardian', 'student']);
    const e = expectKindError(await h.call('screening.consent', consent(true), { as: me }), 'FORBIDDEN');
    expect(e.message).toContain('孩子本人');
    expect(expectKindError(await h.call('screening.consent', consent(false), { as: me }), 'FORBIDDEN').message).toContain('孩子本人');
    expect(await rows('screening_consents')).toEqual([]);
    expectKindError(await h.call('screening.request', { studentId: STUDENT, kind: 'delete' }, { as: me }), 'FORBIDDEN');
    expect(await rows('screening_requests')).toEqual([]);
    // the same consent from an account that is only her guardian is taken (the refusal is about the child, not the call)
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
  });

  test('a consent the account gave before it was also bound as the student does not let it answer', async () => {
    const me = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(true), { as: me }));
    await bindDirectly(me, await bindingOf('DEMO-STUDENT'));
    expect(expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: me }), 'FORBIDDEN').message).toContain('家长');
    expect(await rows('screening_responses')).toEqual([]);
    // a real guardian's consent on another phone still lets the real student answer
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: await h.as('DEMO-STUDENT') }));
  });
});

describe('withdrawal deletes the draft', () => {
  test('a decline after consent removes the draft at once; the alert it raised stays, reduced to its reasons', async () => {
    const mother = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    const student = await h.as('DEMO-STUDENT');
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q1: 2, q9: 2 } } }, { as: student }));
    expect(await rows('screening_drafts')).toHaveLength(1);
    expect(await rows('screening_alerts')).toHaveLength(1);

    ok(await h.call('screening.consent', consent(false), { as: mother }));
    expect(await rows('screening_drafts')).toEqual([]);
    const [alert] = await rows('screening_alerts');
    expect(alert).toMatchObject({ urgency: 'same_day', status: 'open', withdrawnAt: h.clock.now().getTime() });
    expect(alert.reasons.at(-1)).toContain('撤回');
    expect(JSON.stringify(alert)).not.toMatch(/"q1"|"answers"/);
    // nothing of her answers is anywhere any more
    const dump = await h.store.dump!();
    expect(JSON.stringify(dump.screening_drafts)).toBe('[]');
    expect(ok(await h.call('screening.current', {}, { as: student }))).toMatchObject({ consent: 'declined', draft: null, instruments: [] });
    // the consent text tells parents so
    const g = ok(await h.call('screening.current', {}, { as: mother }));
    expect(g.campaign.consentText).toMatch(/撤回/);
  });

  test('after the child submitted, a decline is refused and points to a deletion request', async () => {
    const mother = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', consent(true), { as: mother }));
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: await h.as('DEMO-STUDENT') }));
    expect(expectKindError(await h.call('screening.consent', consent(false), { as: mother }), 'CONFLICT').message).toContain('删除申请');
  });
});

describe('follow-up for every child who needs it', () => {
  const submitWith = async (answers: Record<string, Record<string, number>>) => {
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: { ...calm(), ...answers } }, { as: await h.as('DEMO-STUDENT') }));
    return rows('screening_alerts');
  };
  test.each([
    ['PHQ-A', 'phq-a', 9, false], ['PHQ-A', 'phq-a', 10, true], ['PHQ-A', 'phq-a', 11, true],
    ['GAD-7', 'gad-7', 9, false], ['GAD-7', 'gad-7', 10, true],
  ] as const)('%s (%s) total %i, item 9 at 0: follow-up raised %s', async (_name, id, total, raised) => {
    const inst = id === 'phq-a' ? phqA : gad7;
    const alerts = await submitWith({ [id]: withTotal(inst, total) });
    if (!raised) {
      expect(alerts).toEqual([]);
      return;
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ urgency: 'week', dueAt: h.clock.now().getTime() + 7 * DAY });
    expect(alerts[0].reasons).toEqual([expect.stringContaining(`总分 ${total}（中度）`)]);
    expect((await rows('outbox', { template: 'screening_alert' }))).toHaveLength(1);
    // nothing on the student's 首页 hints at it
    expect(ok(await h.call('home.summary', {}, { as: await h.as('DEMO-STUDENT') })).screening.talk).toBeUndefined();
  });

  test('after submission the reasons are current and complete: no "问卷尚未提交", and the ASQ item answered yes', async () => {
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
    const student = await h.as('DEMO-STUDENT');
    const answers = { ...calm(), asq: { q1: 0, q2: 0, q3: 1, q4: 0, q5: 0 } };
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { asq: { q3: 1 } } }, { as: student }));
    expect((await rows('screening_alerts'))[0].reasons.every((r: string) => r.endsWith('（问卷尚未提交）'))).toBe(true);
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers }, { as: student }));
    const [alert] = await rows('screening_alerts');
    expect(alert.reasons.some((r: string) => r.includes('尚未提交'))).toBe(false);
    expect(alert.reasons).toContain(asq.positive!.reason);
    expect(alert.reasons).toContainEqual(expect.stringMatching(/^ASQ 第3题答“是”：/));
    // what the psychology teacher reads
    const res = ok(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: await h.as('DEMO-PSY') }));
    expect(res.rows.find((r: any) => r.studentId === STUDENT).alert.reasons).toEqual(alert.reasons);
  });

  test('a draft\'s critical answer changed before 提交: the alert stays and says the answer was changed', async () => {
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
    const student = await h.as('DEMO-STUDENT');
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q9: 1 } } }, { as: student }));
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }));
    const [alert] = await rows('screening_alerts');
    expect(alert.reasons).toEqual([expect.stringContaining('草稿中的回答，提交时已改')]);
  });

  test('the psychology teacher\'s 首页 names the most urgent deadline; the student\'s keeps a way to talk to someone', async () => {
    ok(await h.call('screening.consent', consent(true), { as: await h.as('DEMO-PARENT') }));
    const student = await h.as('DEMO-STUDENT');
    expect(ok(await h.call('home.summary', {}, { as: student })).screening.talk).toBeUndefined();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: { ...calm(), 'phq-a': { ...calm()['phq-a'], q9: 1 } } }, { as: student }));
    const psy = ok(await h.call('home.summary', {}, { as: await h.as('DEMO-PSY') })).screening;
    // 10:00 in Pu'er, a same-day alert: by midnight
    expect(psy).toMatchObject({ openAlerts: 1, nextDueText: '今天 24:00 前', nextUrgency: 'same_day' });
    expect(ok(await h.call('home.summary', {}, { as: student })).screening).toMatchObject({ talk: true });
    // still there after the campaign has closed
    await h.store.collection<any>('screening_campaigns').updateIf(DEMO_CAMPAIGN, {}, { set: { status: 'closed' } });
    expect(ok(await h.call('home.summary', {}, { as: student })).screening).toMatchObject({ role: 'student', talk: true });
  });
});

describe('PIPL art. 45: see, correct or delete', () => {
  test('the guardian asks, the psychology teacher has 15 days, the answer is recorded and shown to the family', async () => {
    const grandpa = await h.as('DEMO-GRANDPARENT');
    const r = ok(await h.call('screening.request', { studentId: STUDENT, kind: 'delete', text: '请删除孩子上学期的记录。' }, { as: grandpa }));
    expect(r).toMatchObject({ status: 'open', byName: '李国荣（祖父）', dueAt: h.clock.now().getTime() + 15 * DAY });
    const note = await rows('outbox', { template: 'screening_request' });
    expect(note).toMatchObject([{ to: 'school:sch-simao-1:psych_teacher' }]);
    expect(JSON.stringify(note)).not.toContain('李小雨');

    const psy = await h.as('DEMO-PSY');
    const list = ok(await h.call('screening.requests', {}, { as: psy }));
    expect(list).toMatchObject({ open: 1, items: [{ id: r.id, studentName: '李小雨', kind: 'delete', overdue: false }] });
    // another school's psychology teacher neither sees nor answers it
    const other = await h.asBinding({ role: 'psych_teacher', schoolId: 'sch-ninger-1' });
    expect(ok(await h.call('screening.requests', {}, { as: other })).items).toEqual([]);
    expectKindError(await h.call('screening.answerRequest', { id: r.id, outcome: 'done', answer: '已删除。' }, { as: other }), 'FORBIDDEN');

    ok(await h.call('screening.answerRequest', { id: r.id, outcome: 'done', answer: '已删除上学期的筛查记录。' }, { as: psy }));
    expectKindError(await h.call('screening.answerRequest', { id: r.id, outcome: 'declined', answer: '改主意了。' }, { as: psy }), 'CONFLICT');
    const seen = ok(await h.call('screening.current', {}, { as: grandpa }));
    expect(seen.requests[0]).toMatchObject({ id: r.id, status: 'answered', outcomeText: '已办理', answer: '已删除上学期的筛查记录。', answeredByName: '陈静' });
    // the answer went to him; the other guardian does not read his request
    expect(await rows('outbox', { template: 'screening_request_answered' })).toMatchObject([{ to: grandpa.userId }]);
    expect(ok(await h.call('screening.current', {}, { as: await h.as('DEMO-PARENT') })).requests).toEqual([]);
  });

  test('bad requests are refused in Chinese and a parallel burst is capped', async () => {
    const mother = await h.as('DEMO-PARENT');
    expectKindError(await h.call('screening.request', { studentId: STUDENT, kind: 'correct' }, { as: mother }), 'BAD_INPUT');
    expectKindError(await h.call('screening.request', { studentId: STUDENT, kind: 'burn' }, { as: mother }), 'BAD_INPUT');
    expectKindError(await h.call('screening.request', { studentId: 'stu-simao-3', kind: 'see' }, { as: mother }), 'FORBIDDEN');
    const burst = await Promise.all(Array.from({ length: 20 }, () => h.call('screening.request', { studentId: STUDENT, kind: 'see' }, { as: mother })));
    expect(burst.filter((x) => x.ok).length).toBeLessThanOrEqual(10);
    expect(burst.filter((x) => !x.ok).every((x) => ['RATE_LIMITED', 'CONFLICT'].includes(x.error!.code))).toBe(true);
  });
});

describe('audit: denied reads and who read a child\'s file', () => {
  test('a 403 on results or a file is written with who and what; the read log shows it to the psychology teacher', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const other = await h.asBinding({ role: 'psych_teacher', schoolId: 'sch-ninger-1', displayName: '别校老师' });
    expectKindError(await h.call('screening.file', { studentId: STUDENT }, { as: teacher }), 'FORBIDDEN');
    expectKindError(await h.call('screening.file', { studentId: STUDENT }, { as: other }), 'FORBIDDEN');
    expectKindError(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: other }), 'FORBIDDEN');
    // refused by the handler (a psychology teacher, not of this school): denied:<action>, the child as subject
    expect(await rows('audit', { action: 'denied:screening.file' })).toMatchObject([{ actorId: other.userId, subjectType: 'student', subjectId: STUDENT }]);
    expect(await rows('audit', { action: 'denied:screening.results' })).toMatchObject([{ actorId: other.userId, subjectId: DEMO_CAMPAIGN }]);
    // refused at the role gate (a class teacher may not call screening.file): one row, 'denied', naming the child
    // it asked for and the action (core/denied.ts), not a second denied:screening.file row
    expect(await rows('audit', { actorId: teacher.userId, action: { $in: ['denied', 'denied:screening.file'] } })).toMatchObject([
      { action: 'denied', subjectType: 'student', subjectId: STUDENT, detail: { gate: 'role', action: 'screening.file' } },
    ]);
    // bad input is not a denied read, by the handler or at the gate
    await h.call('screening.file', { studentId: '../x' }, { as: other });
    expect(await rows('audit', { action: 'denied:screening.file' })).toHaveLength(1);
    await h.call('screening.file', { studentId: '../x' }, { as: teacher });
    expect(await rows('audit', { action: 'denied', subjectId: '../x' })).toEqual([]);

    const psy = await h.as('DEMO-PSY');
    const res = ok(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: psy }));
    const [listed] = await rows('audit', { action: 'screening.results' });
    expect(listed.detail.studentIds).toEqual(res.rows.map((r: any) => r.studentId));
    ok(await h.call('screening.file', { studentId: STUDENT }, { as: psy }));
    const log = ok(await h.call('screening.readLog', { studentId: STUDENT }, { as: psy }));
    const what = log.items.map((i: any) => [i.action, i.denied, i.who]);
    expect(what).toContainEqual(['screening.file', false, '心理健康教师 陈静']);
    expect(what).toContainEqual(['screening.results', false, '心理健康教师 陈静']);
    expect(what).toContainEqual(['screening.file', true, '心理健康教师 别校老师']);
    expect(what).toContainEqual(['screening.file', true, expect.stringContaining('班主任')]);
    // every line in words a school leader reads, never a system name
    for (const i of log.items) expect(i.what).not.toMatch(/[a-z]+\.[a-zA-Z]+/);
    expect(log.items.find((i: any) => i.denied).what).toBe('想打开一生一策档案，被拒绝');
    // reading the log is logged; another school's psychology teacher is refused (and that is logged too)
    expect(await rows('audit', { action: 'screening.readLog' })).toHaveLength(1);
    expectKindError(await h.call('screening.readLog', { studentId: STUDENT }, { as: other }), 'FORBIDDEN');
    expect(await rows('audit', { action: 'denied:screening.readLog' })).toHaveLength(1);
  });
});

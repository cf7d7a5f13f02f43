/**
 * Holiday letters and signed commitments on a real SQLite file. The clock
 * stands on 15 June 2026, 10:00 China time: the 端午 letter (19-21 June) is
 * open, and school resumes on 22 June.
 */
import sharp from 'sharp';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { callerKey } from '../../src/cloud/core/rateLimit';
import { saveUpload, UPLOAD_OWNER_PURPOSE } from '../../src/cloud/media/uploads';
import { csvCell } from '../../src/cloud/handlers/commitment/export';
import { SIGN_MESSAGES } from '../../src/cloud/handlers/commitment/sign';
import { makeHarness, rid, type Harness } from './harness';

const CAMPAIGN = 'dragon_boat-2026';
const CHILD = 'stu-simao-1';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

async function letterFor(who: Awaited<ReturnType<Harness['as']>>) {
  const res = await h.call('holiday.current', {}, { as: who });
  expect(res.ok).toBe(true);
  return res.data;
}

const allPledges = async (who: Awaited<ReturnType<Harness['as']>>) => (await letterFor(who)).pledges.map((p: { id: string }) => p.id);

/** A drawn signature as the upload route stores it: owned by the caller who uploads it (none: uploaded without a session). */
async function signatureImage(owner?: CallerIdentity) {
  const png = await sharp({ create: { width: 200, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const ownerKey = owner ? await callerKey(h.store, h.clock, h.serverKey, owner.rateIdentity, UPLOAD_OWNER_PURPOSE) : undefined;
  return (await saveUpload(h.store, h.blobs, png, h.clock, ownerKey)).fileId;
}

const rows = async (name: 'commitments' | 'commitment_history' | 'outbox') => h.store.collection(name).find();

describe('holiday.current', () => {
  test('a guardian gets the 端午 letter for their own child, with pledges that have ids', async () => {
    const parent = await h.as('DEMO-PARENT');
    const data = await letterFor(parent);
    expect(data.day).toBe('2026-06-15');
    expect(data.campaign).toMatchObject({ id: CAMPAIGN, phase: 'before', start: '2026-06-19', resume: '2026-06-22' });
    expect(data.letter.sections.map((s: { topic: string }) => s.topic)).toEqual(expect.arrayContaining(['care', 'drowning', 'traffic', 'fraud']));
    expect(data.pledges.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['care.whereabouts', 'drowning.no_unsupervised']));
    expect(data.children).toEqual([expect.objectContaining({ id: CHILD, name: '李小雨', campaignId: CAMPAIGN, signedByMe: null, otherGuardians: [] })]);
  });

  test('the China date decides: 21 June 16:30 UTC is already 22 June in China, school has resumed', async () => {
    const parent = await h.as('DEMO-PARENT');
    h.clock.set('2026-06-21T15:59:00Z');
    expect((await letterFor(parent)).campaign?.id).toBe(CAMPAIGN);
    h.clock.set('2026-06-21T16:30:00Z');
    const after = await letterFor(parent);
    expect(after.campaign).toBeNull();
    expect(after.next).toMatchObject({ id: 'summer_break-2026' });
  });

  test('a class teacher gets the campaign of their school and no children', async () => {
    const data = await letterFor(await h.as('DEMO-TEACHER'));
    expect(data.campaign.id).toBe(CAMPAIGN);
    expect(data.children).toEqual([]);
  });
});

describe('commitment.sign', () => {
  test('a guardian signs by confirming; the receipt says how, and the teacher sees the child signed', async () => {
    const parent = await h.as('DEMO-PARENT');
    const res = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' }, { as: parent });
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({ campaignId: CAMPAIGN, studentId: CHILD, method: 'confirm', methodName: '确认签署', guardianLabel: '刘芳（母亲）', version: 1 });
    const me = await letterFor(parent);
    expect(me.children[0].signedByMe).toMatchObject({ method: 'confirm' });
    const progress = (await h.call('commitment.progress', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-TEACHER') })).data;
    expect(progress).toMatchObject({ signed: 1, eligible: 5 });
    expect(progress.items.find((i: { studentId: string }) => i.studentId === CHILD)).toMatchObject({
      signed: true, signatures: [expect.objectContaining({ guardian: '刘芳（母亲）', methodName: '确认签署', atText: '2026-06-15 10:00' })],
    });
  });

  test('a handwritten signature needs an uploaded image; signing claims it so the orphan purge keeps it', async () => {
    const parent = await h.as('DEMO-PARENT');
    const fileId = await signatureImage(parent);
    const res = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'signature', signatureFileId: fileId }, { as: parent });
    expect(res.ok).toBe(true);
    expect(res.data.methodName).toBe('手写签名');
    const upload = await h.store.collection('uploads').get(fileId);
    expect(upload?.caseId).toBe(`commitment:${res.data.commitmentId}`);
    // The receipt shows her own signature (a short-lived link); the grandfather's letter says she signed, never the image.
    expect((await letterFor(parent)).children[0].signedByMe.signatureUrl).toMatch(/^\/files\/|^https?:/);
    const grandpa = await h.as('DEMO-GRANDPARENT');
    const his = await letterFor(grandpa);
    expect(his.children[0].signedByMe).toBeNull();
    expect(JSON.stringify(his.children[0].otherGuardians)).not.toMatch(/url|files/i);
    // Another guardian cannot reuse the image someone else signed with.
    const reuse = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(grandpa), method: 'signature', signatureFileId: fileId }, { as: grandpa });
    expect(reuse.error).toEqual({ code: 'BAD_INPUT', message: SIGN_MESSAGES.badImage });
  });

  test('signing only for my own linked children: someone else\'s child is 403 and nothing is written', async () => {
    const parent = await h.as('DEMO-PARENT');
    const pledgeIds = await allPledges(parent);
    for (const studentId of ['stu-simao-2', 'stu-ninger-1', 'no-such-child']) {
      const res = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId, pledgeIds, method: 'confirm' }, { as: parent });
      expect(res.error).toEqual({ code: 'FORBIDDEN', message: SIGN_MESSAGES.notMyChild });
    }
    expect(await rows('commitments')).toEqual([]);
  });

  test('idempotent: the same signature again, and a parallel burst, leave one record', async () => {
    const parent = await h.as('DEMO-PARENT');
    const input = { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' };
    const first = await h.call('commitment.sign', input, { as: parent });
    const again = await h.call('commitment.sign', input, { as: parent });
    expect(again.data).toEqual(first.data);
    const burst = await Promise.all(Array.from({ length: 12 }, () => h.call('commitment.sign', input, { as: parent })));
    expect(burst.every((r) => r.ok && r.data.version === 1)).toBe(true);
    expect(await rows('commitments')).toHaveLength(1);
    expect(await rows('commitment_history')).toHaveLength(0);
    // The same request id twice answers the same, too.
    const requestId = rid();
    const a = await h.call('commitment.sign', input, { as: parent, requestId });
    const b = await h.call('commitment.sign', input, { as: parent, requestId });
    expect(b.data).toEqual(a.data);
  });

  test('a first-time parallel burst from one guardian writes one record', async () => {
    const parent = await h.as('DEMO-PARENT');
    const input = { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' };
    const burst = await Promise.all(Array.from({ length: 20 }, () => h.call('commitment.sign', input, { as: parent })));
    expect(burst.map((r) => r.ok)).toEqual(Array(20).fill(true));
    expect(await rows('commitments')).toHaveLength(1);
  });

  test('signing again in another way replaces the record and keeps the earlier one in the history', async () => {
    const parent = await h.as('DEMO-PARENT');
    const pledgeIds = await allPledges(parent);
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: parent });
    h.clock.advance(3600_000);
    const fileId = await signatureImage(parent);
    const res = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'signature', signatureFileId: fileId }, { as: parent });
    expect(res.data).toMatchObject({ method: 'signature', version: 2 });
    expect(await rows('commitments')).toHaveLength(1);
    const history = await rows('commitment_history');
    expect(history).toEqual([expect.objectContaining({ method: 'confirm', version: 1, commitmentId: res.data.commitmentId })]);
  });

  test('two guardians of one child each sign for themselves; the child counts once', async () => {
    const parent = await h.as('DEMO-PARENT');
    const grandpa = await h.as('DEMO-GRANDPARENT');
    const pledgeIds = await allPledges(parent);
    expect((await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'signature', signatureFileId: await signatureImage(parent) }, { as: parent })).ok).toBe(true);
    h.clock.advance(60_000);
    expect((await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: grandpa })).ok).toBe(true);
    expect(await rows('commitments')).toHaveLength(2);
    const progress = (await h.call('commitment.progress', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-TEACHER') })).data;
    expect(progress).toMatchObject({ signed: 1, eligible: 5 });
    const item = progress.items.find((i: { studentId: string }) => i.studentId === CHILD);
    expect(item.signatures.map((s: { guardian: string; methodName: string }) => `${s.guardian} ${s.methodName}`))
      .toEqual(['刘芳（母亲） 手写签名', '李国荣（祖父） 确认签署']);
    // Each sees the other's signature on their own page.
    const mine = (await letterFor(grandpa)).children[0];
    expect(mine.signedByMe).toMatchObject({ method: 'confirm' });
    expect(mine.otherGuardians).toEqual([expect.objectContaining({ label: '刘芳（母亲）', method: 'signature' })]);
  });
});

describe('the pledges for the child\'s age (a pledge\'s `ages`)', () => {
  const PILLION = 'traffic.no_pillion_under12';
  const EBIKE = 'traffic.no_ebike_under16';
  type P = { id: string; text: string };
  const ids = (ps: P[]) => ps.map((p) => p.id);

  /** A child of the demo class with this birth date (none: no birth date on record), and a guardian bound to each. */
  async function child(id: string, birthDate?: string) {
    await h.store.collection('students').put({
      _id: id, id, name: `孩子${id}`, schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 6, ...(birthDate === undefined ? {} : { birthDate }),
    });
    return { role: 'guardian' as const, studentId: id, schoolId: 'sch-simao-1', guardianName: '玉香', relation: '母亲' };
  }
  const sign = (who: Awaited<ReturnType<Harness['as']>>, studentId: string, pledgeIds: string[]) =>
    h.call('commitment.sign', { campaignId: CAMPAIGN, studentId, pledgeIds, method: 'confirm' }, { as: who });
  const stored = async (studentId: string) =>
    (await h.store.collection('commitments').find({ studentId }))[0] as unknown as { pledgeIds: string[]; pledgeTexts: string[] };

  test('a 13-year-old\'s guardian is not asked the under-12 back-seat rule and signs with the rest; the record keeps what was shown', async () => {
    const parent = await h.as('DEMO-PARENT'); // 李小雨, born 2013-03-15: 13
    const data = await letterFor(parent);
    const mine: P[] = data.children[0].pledges;
    expect(ids(data.letter.pledges)).toContain(PILLION);
    expect(ids(mine)).not.toContain(PILLION);
    expect(ids(mine)).toContain(EBIKE); // still under 16
    expect(ids(mine)).toEqual(ids(data.letter.pledges).filter((id: string) => id !== PILLION));
    const res = await sign(parent, CHILD, ids(mine));
    expect(res.ok).toBe(true);
    expect(res.data.pledgeCount).toBe(mine.length);
    const row = await stored(CHILD);
    expect(row.pledgeIds).toEqual(ids(mine));
    expect(row.pledgeTexts).toEqual(mine.map((p) => p.text));
    expect((await letterFor(parent)).children[0].signedByMe).toMatchObject({ pledgeIds: ids(mine), pledgeTexts: mine.map((p) => p.text) });
  });

  test('an 11-year-old\'s guardian must tick it: without it signing is refused with the usual message, with it the record has it', async () => {
    const g = await h.asBinding(await child('stu-age-11', '2015-01-10'));
    const mine: P[] = (await letterFor(g)).children[0].pledges;
    expect(ids(mine)).toEqual(expect.arrayContaining([PILLION, EBIKE]));
    expect(mine.find((p) => p.id === PILLION)!.text).toBe('孩子还不满12岁，我不让孩子坐摩托车后座。');
    const refused = await sign(g, 'stu-age-11', ids(mine).filter((id) => id !== PILLION));
    expect(refused.error).toEqual({ code: 'BAD_INPUT', message: SIGN_MESSAGES.missingPledges(1), details: { missing: [PILLION] } });
    expect(await rows('commitments')).toEqual([]);
    expect((await sign(g, 'stu-age-11', ids(mine))).ok).toBe(true);
    expect((await stored('stu-age-11')).pledgeIds).toContain(PILLION);
  });

  test('a 17-year-old\'s guardian has neither age rule; every other pledge stays', async () => {
    const g = await h.asBinding(await child('stu-age-17', '2009-01-10'));
    const data = await letterFor(g);
    expect(ids(data.children[0].pledges)).toEqual(ids(data.letter.pledges).filter((id: string) => id !== PILLION && id !== EBIKE));
    expect((await sign(g, 'stu-age-17', ids(data.children[0].pledges))).ok).toBe(true);
  });

  test('the 12th birthday (China time) changes the letter; a signature from before keeps the pledges as signed', async () => {
    const g = await h.asBinding(await child('stu-age-12', '2014-06-17'));
    const before: P[] = (await letterFor(g)).children[0].pledges;
    expect(ids(before)).toContain(PILLION);
    h.clock.set('2026-06-16T15:59:00Z'); // 16 June 23:59 in China: still 11
    expect(ids((await letterFor(g)).children[0].pledges)).toContain(PILLION);
    h.clock.set('2026-06-16T16:00:00Z'); // 17 June 00:00 in China: 12
    const after: P[] = (await letterFor(g)).children[0].pledges;
    expect(ids(after)).toEqual(ids(before).filter((id) => id !== PILLION));
    // ticked on the page before midnight, sent after: not refused, and the record is the letter of the day
    const res = await sign(g, 'stu-age-12', ids(before));
    expect(res.ok).toBe(true);
    expect((await stored('stu-age-12')).pledgeIds).toEqual(ids(after));

    // another guardian signed the day before: their record and receipt keep the back-seat pledge
    const other = await h.asBinding({ role: 'guardian', studentId: 'stu-age-12', schoolId: 'sch-simao-1', guardianName: '岩温', relation: '父亲' });
    h.clock.set('2026-06-15T02:00:00Z');
    expect((await sign(other, 'stu-age-12', ids(before))).ok).toBe(true);
    h.clock.set('2026-06-18T02:00:00Z');
    const his = (await letterFor(other)).children[0];
    expect(ids(his.pledges)).not.toContain(PILLION);
    expect(his.signedByMe.pledgeIds).toContain(PILLION);
    expect(his.signedByMe.pledgeTexts).toContain('孩子还不满12岁，我不让孩子坐摩托车后座。');
  });

  test('two children of different ages: one guardian sees, and signs, the fitting pledges for each', async () => {
    const g = await h.asBinding(await child('stu-age-11', '2015-01-10'), await child('stu-age-13', '2013-01-10'));
    const data = await letterFor(g);
    const of = (id: string): string[] => ids(data.children.find((c: { id: string }) => c.id === id).pledges);
    expect(of('stu-age-11')).toContain(PILLION);
    expect(of('stu-age-13')).not.toContain(PILLION);
    expect(of('stu-age-11').filter((id) => id !== PILLION)).toEqual(of('stu-age-13'));
    // his list is not enough for her; each signs with their own
    expect((await sign(g, 'stu-age-11', of('stu-age-13'))).error).toEqual({ code: 'BAD_INPUT', message: SIGN_MESSAGES.missingPledges(1), details: { missing: [PILLION] } });
    expect((await sign(g, 'stu-age-11', of('stu-age-11'))).ok).toBe(true);
    expect((await sign(g, 'stu-age-13', of('stu-age-13'))).ok).toBe(true);
    expect((await stored('stu-age-11')).pledgeIds).toEqual(of('stu-age-11'));
    expect((await stored('stu-age-13')).pledgeIds).toEqual(of('stu-age-13'));
  });

  test.each([['no birth date', undefined], ['an empty one', ''], ['one that is not a date', '2014-13-45']])(
    '%s: every pledge (stricter is safer)', async (_name, birthDate) => {
      const g = await h.asBinding(await child('stu-age-x', birthDate));
      const data = await letterFor(g);
      expect(ids(data.children[0].pledges)).toEqual(ids(data.letter.pledges));
      expect(ids(data.children[0].pledges)).toEqual(expect.arrayContaining([PILLION, EBIKE]));
      const refused = await sign(g, 'stu-age-x', ids(data.letter.pledges).filter((id: string) => id !== PILLION));
      expect(refused.error).toEqual({ code: 'BAD_INPUT', message: SIGN_MESSAGES.missingPledges(1), details: { missing: [PILLION] } });
    },
  );
});

describe('bad input is refused with a clear message and nothing is written', () => {
  const before = async () => JSON.stringify([await rows('commitments'), await rows('commitment_history'), await h.store.collection('uploads').find()]);

  test.each<[string, (p: string[]) => Record<string, unknown>, string, string]>([
    ['an unknown pledge', (p) => ({ pledgeIds: [...p, 'drowning.made_up'], method: 'confirm' }), 'BAD_INPUT', SIGN_MESSAGES.unknownPledge],
    ['a pledge left unticked', (p) => ({ pledgeIds: p.slice(1), method: 'confirm' }), 'BAD_INPUT', SIGN_MESSAGES.missingPledges(1)],
    ['signature without an image', (p) => ({ pledgeIds: p, method: 'signature' }), 'BAD_INPUT', SIGN_MESSAGES.needsImage],
    ['signature with an image that was never uploaded', (p) => ({ pledgeIds: p, method: 'signature', signatureFileId: 'f' + 'a'.repeat(24) }), 'BAD_INPUT', SIGN_MESSAGES.badImage],
    ['a campaign that does not exist', (p) => ({ pledgeIds: p, method: 'confirm', campaignId: 'dragon_boat-2031' }), 'NOT_FOUND', '没有找到这份告家长书，请返回刷新后再试。'],
    ['a malformed campaign id', (p) => ({ pledgeIds: p, method: 'confirm', campaignId: '../x' }), 'BAD_INPUT', '告家长书编号不对，请返回刷新后再试。'],
    ['an unknown method', (p) => ({ pledgeIds: p, method: 'fingerprint' }), 'BAD_INPUT', '请选择签署方式：手写签名，或确认签署。'],
    ['someone else\'s child', (p) => ({ pledgeIds: p, method: 'confirm', studentId: 'stu-simao-3' }), 'FORBIDDEN', SIGN_MESSAGES.notMyChild],
  ])('%s', async (_name, make, code, message) => {
    const parent = await h.as('DEMO-PARENT');
    const pledgeIds = await allPledges(parent);
    await signatureImage(); // an unclaimed upload that must stay unclaimed
    const snapshot = await before();
    const res = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, ...make(pledgeIds) }, { as: parent });
    expect(res.error).toMatchObject({ code, message });
    expect(await before()).toBe(snapshot);
  });

  test('a closed campaign (school resumed) and one not yet open', async () => {
    const parent = await h.as('DEMO-PARENT');
    const pledgeIds = await allPledges(parent);
    h.clock.set('2026-06-22T01:00:00Z');
    const closed = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: parent });
    expect(closed.error).toEqual({ code: 'CONFLICT', message: SIGN_MESSAGES.closed });
    h.clock.set('2026-06-15T02:00:00Z');
    const notYet = await h.call('commitment.sign', { campaignId: 'national_day-2026', studentId: CHILD, pledgeIds, method: 'confirm' }, { as: parent });
    expect(notYet.error).toEqual({ code: 'CONFLICT', message: SIGN_MESSAGES.notOpen });
    expect(await rows('commitments')).toEqual([]);
  });
});

describe('class teacher: CSV and private nudges', () => {
  test('the CSV lists each signature and each child nobody signed for, in Excel-safe cells', async () => {
    const parent = await h.as('DEMO-PARENT');
    const grandpa = await h.as('DEMO-GRANDPARENT');
    const pledgeIds = await allPledges(parent);
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: parent });
    h.clock.advance(5 * 60_000);
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: grandpa });
    const res = await h.call('commitment.export', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-TEACHER') });
    expect(res.ok).toBe(true);
    // The file and every row carry the class's name; 家长未绑定 marks the children no guardian has bound.
    expect(res.data.filename).toMatch(/^2026年端午节告家长书签署情况-思茅区第一中学八年级（2）班\.csv$/);
    const lines = res.data.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF"班级","学生","状态","家长未绑定","签署人","签署方式","签署时间（北京时间）"');
    const cls = '"思茅区第一中学八年级（2）班"';
    expect(lines).toContain(`${cls},"李小雨","已签","","刘芳（母亲）","确认签署","2026-06-15 10:00"`);
    expect(lines).toContain(`${cls},"李小雨","已签","","李国荣（祖父）","确认签署","2026-06-15 10:05"`);
    expect(lines).toContain(`${cls},"张浩然","未签","是","","",""`);
    expect(lines.filter((l: string) => l.includes('"未签"'))).toHaveLength(4);
    expect(lines).toHaveLength(1 + 2 + 4 + 1); // header, two signatures, four unsigned children, final newline
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  test('a nudge goes privately to the guardians of children nobody has signed for, at most once a day', async () => {
    const parent = await h.as('DEMO-PARENT');
    const grandpa = await h.as('DEMO-GRANDPARENT');
    const other = await h.asBinding({ role: 'guardian', schoolId: 'sch-simao-1', studentId: 'stu-simao-2' });
    await h.store.collection('guardianships').put({ _id: `${other.userId}:stu-simao-2`, userId: other.userId, studentId: 'stu-simao-2', since: 0 });
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' }, { as: parent });
    const teacher = await h.as('DEMO-TEACHER');
    const res = await h.call('commitment.nudge', { campaignId: CAMPAIGN }, { as: teacher });
    expect(res.data).toMatchObject({ nudged: 1, alreadyToday: 0, noGuardianLinked: 3 });
    const sent = (await rows('outbox')).filter((r) => String(r.holidayKind).startsWith('teacher_nudge'));
    // 李小雨 counts as signed (her mother signed): her grandfather is not pressed by the teacher; the letter asks him itself
    expect(sent.map((r) => r.to)).toEqual([other.userId]);
    expect(sent.map((r) => r.to)).not.toContain(grandpa.userId);
    expect(sent.every((r) => r.template === 'holiday_nudge' && !JSON.stringify(r.data).includes('李小雨'))).toBe(true);
    expect((await h.call('commitment.nudge', { campaignId: CAMPAIGN }, { as: teacher })).data).toMatchObject({ nudged: 0, alreadyToday: 1 });
    const foreign = await h.call('commitment.nudge', { campaignId: CAMPAIGN, studentIds: ['stu-simao-6'] }, { as: teacher });
    expect(foreign.error?.code).toBe('FORBIDDEN');
  });
});

describe('coverage for coordinators', () => {
  test('per county, school and class: counts only, no figure under 5, the county\'s page cut from the city\'s', async () => {
    const parent = await h.as('DEMO-PARENT');
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' }, { as: parent });
    const simao = (await h.call('commitment.coverage', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-COORD-SIMAO') })).data;
    expect(simao.counties.map((c: { id: string }) => c.id)).toEqual(['simao']);
    expect(simao.counties[0].schools.map((s: { id: string }) => s.id)).toEqual(['sch-simao-1', 'sch-simao-2']);
    expect(JSON.stringify(simao)).not.toContain('李小雨');
    const city = (await h.call('commitment.coverage', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-COORD') })).data;
    expect(city.counties.map((c: { id: string }) => c.id).sort()).toEqual(['ninger', 'simao']);
    type Cell = { signed: number | null; eligible: number | null };
    type Cov = { total: Cell; counties: Array<Cell & { schools: Array<Cell & { classes: Cell[] }> }> };
    const figures = (cov: Cov) => [cov.total, ...cov.counties.flatMap((c) => [c, ...c.schools.flatMap((s) => [s, ...s.classes])])]
      .flatMap((x) => [x.signed, x.eligible, x.signed === null || x.eligible === null ? null : x.eligible - x.signed]);
    for (const cov of [simao, city] as Cov[]) {
      // one child signed: that 1 (and the 4 classmates not signed, and the 6 of 7 in the county) shown nowhere
      expect(figures(cov).filter((n) => n !== null && n > 0 && n < 5)).toEqual([]);
      expect(cov.total.signed).toBeNull();
    }
    expect(city.total).toEqual({ signed: null, eligible: 8 });
    // the county's own page shows its row as the city's page does: city 8 minus 思茅区 7 would name 宁洱's 1 child
    expect(simao.counties[0]).toEqual(city.counties.find((c: { id: string }) => c.id === 'simao'));
    expect(simao.total).toEqual({ signed: simao.counties[0].signed, eligible: simao.counties[0].eligible });
  });
});

describe('term dates', () => {
  test('a county coordinator sets their county\'s summer break; the letter follows; another county is refused', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    const set = await h.call('holiday.setTerms', { scope: 'simao', key: 'summer_break', year: 2026, start: '2026-07-18', end: '2026-09-06', resume: '2026-09-07' }, { as: coord });
    expect(set.ok).toBe(true);
    const parent = await h.as('DEMO-PARENT');
    h.clock.set('2026-09-02T02:00:00Z');
    expect((await letterFor(parent)).campaign).toMatchObject({ id: 'summer_break-2026', resume: '2026-09-07', phase: 'during' });
    const other = await h.call('holiday.setTerms', { scope: 'ninger', key: 'summer_break', year: 2026, start: '2026-07-18', end: '2026-09-06', resume: '2026-09-07' }, { as: coord });
    expect(other.error?.code).toBe('FORBIDDEN');
    const backwards = await h.call('holiday.setTerms', { scope: 'simao', key: 'summer_break', year: 2026, start: '2026-09-06', end: '2026-07-18', resume: '2026-09-07' }, { as: coord });
    expect(backwards.error?.code).toBe('BAD_INPUT');
  });
});

describe('access matrix', () => {
  const CODES = ['DEMO-STUDENT', 'DEMO-PARENT', 'DEMO-TEACHER', 'DEMO-PSY', 'DEMO-SAFETY', 'DEMO-POLICE', 'DEMO-COORD-SIMAO'] as const;
  const ALLOWED: Record<string, readonly string[]> = {
    'holiday.current': ['DEMO-PARENT', 'DEMO-TEACHER', 'DEMO-COORD-SIMAO'],
    'commitment.progress': ['DEMO-TEACHER'],
    'commitment.export': ['DEMO-TEACHER'],
    'commitment.coverage': ['DEMO-COORD-SIMAO'],
    'reminder.subscribe': ['DEMO-PARENT'],
  };
  const input: Record<string, unknown> = {
    'holiday.current': {}, 'commitment.progress': { campaignId: CAMPAIGN }, 'commitment.export': { campaignId: CAMPAIGN },
    'commitment.coverage': { campaignId: CAMPAIGN }, 'reminder.subscribe': { accepted: true },
  };
  test('each role reaches only its own actions; no session reaches none', async () => {
    for (const code of CODES) {
      const who = await h.as(code);
      for (const [action, allowed] of Object.entries(ALLOWED)) {
        const res = await h.call(action, input[action], { as: who });
        expect([action, code, res.ok ? 'ok' : res.error!.code]).toEqual([action, code, allowed.includes(code) ? 'ok' : 'FORBIDDEN']);
      }
      const sign = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: ['care.whereabouts'], method: 'confirm' }, { as: who });
      expect([code, sign.error?.code]).toEqual([code, code === 'DEMO-PARENT' ? 'BAD_INPUT' : 'FORBIDDEN']);
    }
    for (const action of [...Object.keys(ALLOWED), 'commitment.sign', 'commitment.nudge']) {
      expect((await h.call(action, input[action] ?? {})).error?.code).toBe('UNAUTHENTICATED');
    }
  });
});

test('home.summary tells a guardian a letter awaits their signature, then that it is signed (the way back to the receipt)', async () => {
  const parent = await h.as('DEMO-PARENT');
  expect((await h.call('home.summary', {}, { as: parent })).data.holiday).toEqual({ campaignId: CAMPAIGN, name: '2026年端午节', unsigned: 1, signed: 0 });
  await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' }, { as: parent });
  expect((await h.call('home.summary', {}, { as: parent })).data.holiday).toEqual({ campaignId: CAMPAIGN, name: '2026年端午节', unsigned: 0, signed: 1 });
  expect((await h.call('home.summary', {}, { as: await h.as('DEMO-POLICE') })).data.holiday).toBeNull();
});

test('home.summary gives a class teacher the class at a glance: lessons finished today, the letter signed, its deadline, families not bound', async () => {
  const teacher = await h.as('DEMO-TEACHER');
  const before = (await h.call('home.summary', {}, { as: teacher })).data.klass;
  // nobody's guardian has bound 护航 yet
  expect(before).toEqual({ lessonsToday: 0, holiday: { name: '2026年端午节', signed: 0, eligible: 5, start: '2026-06-19', unbound: 5 } });
  const parent = await h.as('DEMO-PARENT');
  await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await allPledges(parent), method: 'confirm' }, { as: parent });
  const student = await h.as('DEMO-STUDENT');
  const lesson = (await h.call('lesson.get', { id: 'drowning.junior' }, { as: student })).data;
  expect((await h.call('lesson.complete', { id: 'drowning.junior', answers: lesson.quiz.map(() => 0) }, { as: student })).ok).toBe(true);
  const after = (await h.call('home.summary', {}, { as: teacher })).data.klass;
  expect(after).toEqual({ lessonsToday: 1, holiday: { name: '2026年端午节', signed: 1, eligible: 5, start: '2026-06-19', unbound: 4 } });
  // nobody else gets it
  expect((await h.call('home.summary', {}, { as: parent })).data.klass).toBeNull();
});

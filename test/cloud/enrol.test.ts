/**
 * Invitation codes, guardian binding, staff in and out, schools and classes
 * (issue 14) through the real dispatcher on a SQLite file.
 */
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { REDEEM_MESSAGES } from '../../src/cloud/handlers/auth/redeem';
import { makeHarness, rid, type Harness } from './harness';

const CLASS = 'cls-simao-1-8-2';
const CHILD = 'stu-simao-1'; // 李小雨: roster guardians 刘芳 (母亲) and 李国荣 (祖父)
const DAY = 24 * 3600 * 1000;

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

async function issue(who: CallerIdentity, data: Record<string, unknown>) {
  const res = await h.call('invite.issue', data, { as: who });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data as Array<{ studentId?: string; studentName?: string; code: string; expiresAt: number; qr?: string }>;
}
const codeFor = (codes: Awaited<ReturnType<typeof issue>>, studentId = CHILD) => codes.find((c) => c.studentId === studentId)!.code;
const redeem = (who: CallerIdentity, code: string, extra: Record<string, unknown> = {}) => h.call('auth.redeem', { code, ...extra }, { as: who });
const roles = async (who: CallerIdentity) => (await h.call('auth.me', {}, { as: who })).data.roles as Array<{ role: string; studentId?: string }>;

describe('invite.issue for a class', () => {
  test('the class teacher gets one code per child, expiring in 60 days, with a QR when asked', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const codes = await issue(teacher, { classId: CLASS, role: 'guardian', withQr: true });
    expect(codes.map((c) => c.studentName).sort()).toEqual(['刀玉香', '张浩然', '李小雨', '杨佳怡', '王梓涵'].sort());
    for (const c of codes) {
      expect(c.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(c.expiresAt).toBe(h.clock.now().getTime() + 60 * DAY);
      expect(c.qr).toMatch(/^<svg/);
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(5);
  });

  test('another class\'s teacher, a parent and a teacher asking for staff codes are refused', async () => {
    const other = await h.asBinding({ role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-1' });
    expect((await h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: other })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: await h.as('DEMO-PARENT') })).error?.code).toBe('FORBIDDEN');
    const teacher = await h.as('DEMO-TEACHER');
    expect((await h.call('invite.issue', { role: 'psych_teacher', schoolId: 'sch-simao-1', displayName: '新老师' }, { as: teacher })).error?.code).toBe('FORBIDDEN');
    const before = await h.store.collection('invitations').count();
    expect((await h.call('invite.issue', { classId: 'cls-nope', role: 'guardian' }, { as: await h.as('DEMO-SCHOOL-ADMIN') })).error?.code).toBe('NOT_FOUND');
    expect(await h.store.collection('invitations').count()).toBe(before);
  });
});

describe('single-use codes', () => {
  test('a burst of 20 parallel redemptions of one code: exactly one wins', async () => {
    const code = codeFor(await issue(await h.as('DEMO-TEACHER'), { classId: CLASS, role: 'student' }));
    const people = await Promise.all(Array.from({ length: 20 }, () => h.as()));
    const results = await Promise.all(people.map((p) => redeem(p, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.error?.code === 'CONFLICT')).toBe(true);
    const bound = [];
    for (const p of people) if ((await roles(p)).some((r) => r.role === 'student' && r.studentId === CHILD)) bound.push(p);
    expect(bound).toHaveLength(1);
  });

  test('20 parallel guardian redemptions with the right name: one binding, one link row', async () => {
    const code = codeFor(await issue(await h.as('DEMO-TEACHER'), { classId: CLASS, role: 'guardian' }));
    const people = await Promise.all(Array.from({ length: 20 }, () => h.as()));
    const results = await Promise.all(people.map((p) => redeem(p, code, { name: '刘芳' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const links = await h.store.collection('guardianships').find({ studentId: CHILD });
    expect(links.filter((l) => people.some((p) => p.userId === l.userId))).toHaveLength(1);
  });

  test('revoke stops a code; reissuing a lost slip stops the old one and the new one works', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const first = codeFor(await issue(teacher, { classId: CLASS, role: 'student' }));
    expect((await h.call('invite.revoke', { code: first }, { as: teacher })).ok).toBe(true);
    expect((await redeem(await h.as(), first)).error).toMatchObject({ code: 'CONFLICT', message: REDEEM_MESSAGES.revoked });

    const second = codeFor(await issue(teacher, { classId: CLASS, role: 'student' }));
    const third = codeFor(await issue(teacher, { classId: CLASS, role: 'student', studentIds: [CHILD] }));
    expect(third).not.toBe(second);
    expect((await redeem(await h.as(), second)).error?.code).toBe('CONFLICT');
    const kid = await h.as();
    expect((await redeem(kid, third)).ok).toBe(true);
    // a used code cannot be revoked any more (unbinding is done on the guardian/staff lists)
    expect((await h.call('invite.revoke', { code: third }, { as: teacher })).error?.code).toBe('CONFLICT');
    // invite.list shows the statuses without showing used codes in full
    const listed = (await h.call('invite.list', { classId: CLASS }, { as: teacher })).data.codes.filter((c: any) => c.studentId === CHILD);
    expect(listed.map((c: any) => c.status).sort()).toEqual(['revoked', 'revoked', 'used']);
    expect(JSON.stringify(listed)).not.toContain(third);
  });

  test('the slip sheet opened again lists the waiting codes of one kind with their QR codes, so a page can be reprinted without voiding any', async () => {
    const admin = await h.as('DEMO-SCHOOL-ADMIN');
    const issued = (await h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: admin })).data as Array<{ code: string; studentId: string }>;
    await h.call('invite.issue', { classId: CLASS, role: 'student' }, { as: admin });
    await h.call('invite.revoke', { code: issued[0].code }, { as: admin }); // one slip lost and revoked
    const again = (await h.call('invite.list', { classId: CLASS, role: 'guardian', withQr: true }, { as: admin })).data;
    const waiting = again.codes.filter((c: any) => c.status === 'waiting');
    expect(again.codes.every((c: any) => c.role === 'guardian')).toBe(true);
    expect(waiting.map((c: any) => c.code).sort()).toEqual(issued.slice(1).map((c) => c.code).sort());
    for (const c of waiting) expect(c.qr).toMatch(/^<svg|^data:image\/png/);
    for (const c of again.codes.filter((x: any) => x.status !== 'waiting')) expect(c).not.toHaveProperty('qr');
    // nothing was voided by looking
    expect((await h.call('invite.list', { classId: CLASS, role: 'guardian' }, { as: admin })).data.codes.filter((c: any) => c.status === 'waiting')).toHaveLength(waiting.length);
    expect((await h.call('invite.list', { classId: CLASS, role: 'teacher' }, { as: admin })).error?.code).toBe('BAD_INPUT');
  });

  test('issuing a class\'s codes 5 times at once leaves each child exactly one working code', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const results = await Promise.all(Array.from({ length: 5 }, () => h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: teacher })));
    expect(results.some((r) => r.ok)).toBe(true);
    for (const r of results) if (!r.ok) expect(r.error?.code).toBe('CONFLICT');
    const rows = await h.store.collection<any>('invitations').find({ classId: CLASS });
    const working = rows.filter((r) => r.binding.role === 'guardian' && !r.usedBy && !r.revokedAt);
    expect(working).toHaveLength(5);
    expect(new Set(working.map((r) => r.studentId)).size).toBe(5);
    // and the lock is gone: the next issue works
    expect((await h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: teacher })).ok).toBe(true);
  });

  test('a code expires after 60 days', async () => {
    const code = codeFor(await issue(await h.as('DEMO-TEACHER'), { classId: CLASS, role: 'student' }));
    h.clock.advance(60 * DAY + 1);
    expect((await redeem(await h.as(), code)).error).toMatchObject({ code: 'CONFLICT', message: REDEEM_MESSAGES.expired });
  });
});

describe('guardian binding', () => {
  test('a name on the roster binds at once with the roster\'s relation', async () => {
    const code = codeFor(await issue(await h.as('DEMO-TEACHER'), { classId: CLASS, role: 'guardian' }));
    const grandpa = await h.as();
    expect((await redeem(grandpa, code)).error).toMatchObject({ code: 'BAD_INPUT', message: REDEEM_MESSAGES.needsName });
    const res = await redeem(grandpa, code, { name: '李 国荣' });
    expect(res.ok).toBe(true);
    expect(res.data.pending).toBeUndefined();
    expect(await roles(grandpa)).toContainEqual(expect.objectContaining({ role: 'guardian', studentId: CHILD, guardianName: '李国荣', relation: '祖父' }));
    // and the child's letter is his to sign
    expect((await h.call('holiday.current', {}, { as: grandpa })).data.children.map((c: any) => c.id)).toEqual([CHILD]);
  });

  test('another name waits for the class teacher, who confirms from the list; a refusal cannot be retried', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const codes = await issue(teacher, { classId: CLASS, role: 'guardian' });
    const aunt = await h.as();
    const res = await redeem(aunt, codeFor(codes), { name: '李阿姨', relation: '姑姑' });
    expect(res.data).toMatchObject({ pending: true, message: REDEEM_MESSAGES.pending });
    expect((await roles(aunt)).some((r) => r.role === 'guardian')).toBe(false);
    expect((await h.call('holiday.current', {}, { as: aunt })).error?.code).toBe('FORBIDDEN');

    const list = (await h.call('guardian.list', { classId: CLASS }, { as: teacher })).data;
    expect(list.pending).toBe(1);
    const child = list.students.find((s: any) => s.studentId === CHILD);
    expect(child.roster).toEqual([{ name: '刘芳', relation: '母亲' }, { name: '李国荣', relation: '祖父' }]);
    expect(child.requests).toEqual([expect.objectContaining({ name: '李阿姨', relation: '姑姑' })]);
    expect((await h.call('guardian.decide', { requestId: child.requests[0].requestId, approve: true }, { as: teacher })).data.status).toBe('approved');
    expect(await roles(aunt)).toContainEqual(expect.objectContaining({ role: 'guardian', studentId: CHILD, guardianName: '李阿姨', relation: '姑姑' }));
    const after = (await h.call('guardian.list', { classId: CLASS }, { as: teacher })).data.students.find((s: any) => s.studentId === CHILD);
    expect(after.guardians).toContainEqual(expect.objectContaining({ name: '李阿姨', relation: '姑姑', via: 'teacher', since: h.clock.now().getTime() }));

    // refusal: the request is closed, and redeeming the same code again does not reopen it
    const stranger = await h.as();
    const code2 = codeFor(codes, 'stu-simao-2');
    await redeem(stranger, code2, { name: '陌生人' });
    const req = (await h.call('guardian.list', { classId: CLASS }, { as: teacher })).data.students.find((s: any) => s.studentId === 'stu-simao-2').requests[0];
    expect((await h.call('guardian.decide', { requestId: req.requestId, approve: false }, { as: teacher })).data.status).toBe('refused');
    expect((await redeem(stranger, code2, { name: '张建华' })).error?.code).toBe('CONFLICT');
    expect((await roles(stranger)).some((r) => r.role === 'guardian')).toBe(false);
    // another class's teacher cannot decide
    const other = await h.asBinding({ role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-1' });
    expect((await h.call('guardian.list', { classId: CLASS }, { as: other })).error?.code).toBe('FORBIDDEN');
  });

  test('a child with no guardian on the roster: the parent is told the school registered none, and the teacher confirms', async () => {
    await h.store.collection('roster_guardians').removeWhere({ studentId: 'stu-simao-2' });
    const code = codeFor(await issue(await h.as('DEMO-TEACHER'), { classId: CLASS, role: 'guardian' }), 'stu-simao-2');
    const father = await h.as();
    const res = await redeem(father, code, { name: '张建华', relation: '父亲' });
    expect(res.data).toMatchObject({ pending: true, message: REDEEM_MESSAGES.pendingNoRoster });
    expect(REDEEM_MESSAGES.pendingNoRoster).toContain('学校还没有登记这个孩子的监护人');
    // asking again says the same
    expect((await redeem(father, code, { name: '张建华' })).data.message).toBe(REDEEM_MESSAGES.pendingNoRoster);
  });

  test('an account bound as the child can never bind as her guardian, and the reverse', async () => {
    // the demo codes: one session redeeming DEMO-STUDENT then DEMO-PARENT is refused
    const kid = await h.as('DEMO-STUDENT');
    expect((await redeem(kid, 'DEMO-PARENT')).error).toMatchObject({ code: 'FORBIDDEN', message: REDEEM_MESSAGES.ownChild });
    expect((await roles(kid)).some((r) => r.role === 'guardian')).toBe(false);
    const parent = await h.as('DEMO-PARENT');
    expect((await redeem(parent, 'DEMO-STUDENT')).error).toMatchObject({ code: 'FORBIDDEN', message: REDEEM_MESSAGES.ownGuardian });
    // issued codes: the child's own guardian slip, and the child's own code in her guardian's hands; neither code is used up
    const teacher = await h.as('DEMO-TEACHER');
    const g = codeFor(await issue(teacher, { classId: CLASS, role: 'guardian' }));
    const s = codeFor(await issue(teacher, { classId: CLASS, role: 'student' }));
    expect((await redeem(kid, g, { name: '刘芳' })).error?.code).toBe('FORBIDDEN');
    expect((await redeem(parent, s)).error?.code).toBe('FORBIDDEN');
    expect((await redeem(await h.as(), g, { name: '刘芳' })).ok).toBe(true);
    expect((await redeem(await h.as(), s)).ok).toBe(true);
  });

  test('unbinding takes effect on the guardian\'s next call', async () => {
    const parent = await h.as('DEMO-PARENT');
    expect((await h.call('holiday.current', {}, { as: parent })).data.children).toHaveLength(1);
    const teacher = await h.as('DEMO-TEACHER');
    const child = (await h.call('guardian.list', { classId: CLASS }, { as: teacher })).data.students.find((s: any) => s.studentId === CHILD);
    const link = child.guardians.find((g: any) => g.name === '刘芳');
    expect(link).toMatchObject({ relation: '母亲' });
    expect((await h.call('guardian.unbind', { linkId: link.linkId }, { as: teacher })).data).toEqual({ unbound: true });
    expect((await h.call('holiday.current', {}, { as: parent })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('screening.current', {}, { as: parent })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('guardian.list', { classId: CLASS }, { as: teacher })).data.students.find((s: any) => s.studentId === CHILD).guardians
      .some((g: any) => g.linkId === link.linkId)).toBe(false);
  });
});

describe('staff in and out', () => {
  test('the school admin issues a post, sees who holds it, ends it; the unit then needs a new owner', async () => {
    const admin = await h.as('DEMO-SCHOOL-ADMIN');
    const [c] = await issue(admin, { role: 'psych_teacher', schoolId: 'sch-simao-1', displayName: '林老师' });
    const psych = await h.as();
    expect((await redeem(psych, c.code)).ok).toBe(true);
    expect((await h.call('screening.results', { campaignId: 'cmp-demo-simao-1' }, { as: psych })).ok).toBe(true);
    await h.store.collection('screening_alerts').insert({ _id: 'alert-x', schoolId: 'sch-simao-1', studentId: CHILD, status: 'open', dueAt: 0 });

    const staff = (await h.call('staff.list', {}, { as: admin })).data;
    const post = staff.posts.find((p: any) => p.displayName === '林老师');
    expect(post).toMatchObject({ role: 'psych_teacher', roleName: '心理健康教师', schoolName: '思茅区第一中学' });
    expect(staff.needsOwner).toEqual([]);
    expect((await h.call('staff.end', { postId: post.postId }, { as: admin })).data.ended).toBe(true);
    // the next call no longer has the post
    expect((await h.call('screening.results', { campaignId: 'cmp-demo-simao-1' }, { as: psych })).error?.code).toBe('FORBIDDEN');
    const after = (await h.call('staff.list', {}, { as: admin })).data;
    expect(after.posts.some((p: any) => p.postId === post.postId)).toBe(false);
    expect(after.needsOwner).toContainEqual(expect.objectContaining({ unit: 'school:sch-simao-1:psych_teacher', openAlerts: 1 }));
    // the alert stayed with the school
    expect(await h.store.collection('screening_alerts').get('alert-x')).toMatchObject({ status: 'open' });
  });

  test('a school admin of another school cannot see or end the posts here; coordinators of the area can', async () => {
    const admin = await h.as('DEMO-SCHOOL-ADMIN');
    await redeem(await h.as(), (await issue(admin, { role: 'school_safety_officer', schoolId: 'sch-simao-1', displayName: '何专干' }))[0].code);
    const other = await h.asBinding({ role: 'school_admin', schoolId: 'sch-simao-2' });
    expect((await h.call('staff.list', { schoolId: 'sch-simao-1' }, { as: other })).error?.code).toBe('FORBIDDEN');
    const post = (await h.call('staff.list', {}, { as: admin })).data.posts.find((p: any) => p.displayName === '何专干');
    expect((await h.call('staff.end', { postId: post.postId }, { as: other })).error?.code).toBe('FORBIDDEN');
    const coord = await h.as('DEMO-COORD-SIMAO');
    expect((await h.call('staff.list', {}, { as: coord })).data.posts.map((p: any) => p.postId)).toContain(post.postId);
    const ninger = await h.asBinding({ role: 'coordinator', jurisdiction: 'ninger' });
    expect((await h.call('staff.list', {}, { as: ninger })).data.posts.map((p: any) => p.postId)).not.toContain(post.postId);
  });

  test('coordinators issue handler and coordinator codes only for their area', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    const [c] = await issue(coord, { role: 'handler', deptId: 'simao.edu', displayName: '新干事' });
    const handler = await h.as();
    expect((await redeem(handler, c.code)).ok).toBe(true);
    expect(await roles(handler)).toContainEqual(expect.objectContaining({ role: 'handler', deptId: 'simao.edu', jurisdiction: 'simao', displayName: '新干事' }));
    expect((await h.call('invite.issue', { role: 'handler', deptId: 'ninger.police', displayName: '某人' }, { as: coord })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('invite.issue', { role: 'coordinator', jurisdiction: 'city', displayName: '某人' }, { as: coord })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('invite.issue', { role: 'coordinator', jurisdiction: 'ninger', displayName: '某人' }, { as: await h.as('DEMO-COORD') })).ok).toBe(true);
  });
});

describe('schools and classes as records', () => {
  test('a coordinator adds, renames and closes a school; a class is added; the school admin cannot add schools', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    const requestId = rid();
    const added = await h.call('school.add', { name: '思茅区新建小学', jurisdiction: 'simao', stage: 'primary' }, { as: coord, requestId });
    expect(added.ok).toBe(true);
    // a retry of the same request adds it once
    expect((await h.call('school.add', { name: '思茅区新建小学', jurisdiction: 'simao', stage: 'primary' }, { as: coord, requestId })).data).toEqual(added.data);
    expect((await h.call('school.add', { name: '思茅区新建小学', jurisdiction: 'simao', stage: 'primary' }, { as: coord })).error?.code).toBe('CONFLICT');
    expect((await h.call('school.add', { name: '宁洱某校', jurisdiction: 'ninger', stage: 'primary' }, { as: coord })).error?.code).toBe('FORBIDDEN');
    expect((await h.call('school.add', { name: '某校', jurisdiction: 'simao', stage: 'primary' }, { as: await h.as('DEMO-SCHOOL-ADMIN') })).error?.code).toBe('FORBIDDEN');
    const id = added.data.id;
    expect((await h.call('school.update', { schoolId: id, name: '思茅区第二实验小学' }, { as: await h.as('DEMO-EDU') })).ok).toBe(true);
    const cls = await h.call('class.add', { schoolId: id, grade: 3, number: 1 }, { as: coord });
    expect(cls.data).toMatchObject({ name: '三年级（1）班', status: 'open' });
    const listed = (await h.call('school.list', {}, { as: coord })).data.schools.find((s: any) => s.id === id);
    expect(listed).toMatchObject({ name: '思茅区第二实验小学', classes: 1, status: 'open' });
    expect((await h.call('school.update', { schoolId: id, status: 'closed' }, { as: coord })).data.status).toBe('closed');
    expect((await h.call('class.add', { schoolId: id, grade: 4, number: 1 }, { as: coord })).error?.code).toBe('CONFLICT');
    // a closed class gets no codes, not even when asked directly (the page hides the buttons); reopened, it does
    const admin = await h.as('DEMO-SCHOOL-ADMIN');
    expect((await h.call('class.update', { classId: CLASS, status: 'closed' }, { as: admin })).ok).toBe(true);
    for (const asked of [{ classId: CLASS, role: 'guardian' }, { classId: CLASS, role: 'student' }, { classId: CLASS, role: 'class_teacher', displayName: '新老师' }]) {
      const refused = await h.call('invite.issue', asked, { as: admin });
      expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('班级已经关闭') });
    }
    expect((await h.call('class.update', { classId: CLASS, status: 'open' }, { as: admin })).ok).toBe(true);
    expect((await h.call('invite.issue', { classId: CLASS, role: 'guardian' }, { as: admin })).ok).toBe(true);
    // the demo ids keep working as records
    expect((await h.call('class.list', { schoolId: 'sch-simao-1' }, { as: await h.as('DEMO-SCHOOL-ADMIN') })).data.classes.find((c: any) => c.id === CLASS))
      .toMatchObject({ name: '八年级（2）班', grade: 8, number: 2, students: 5 });
  });
});

test('migration 9 records the posts of staff who redeemed a code before posts existed', async () => {
  const { default: Database } = await import('better-sqlite3');
  const { migrate, MIGRATIONS } = await import('../../src/cloud/store/migrations');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-mig9-'));
  const db = new Database(path.join(dir, 'old.db'));
  try {
    migrate(db, MIGRATIONS.slice(0, 8));
    const roles = [{ role: 'psych_teacher', schoolId: 'sch-simao-1', displayName: '陈静' }, { role: 'guardian', studentId: 'stu-simao-1' }];
    db.prepare('INSERT INTO users (id, doc) VALUES (?, ?)').run('uold', JSON.stringify({ _id: 'uold', roles, createdAt: 1000 }));
    migrate(db);
    const rows = db.prepare('SELECT id, doc FROM staff_posts').all() as Array<{ id: string; doc: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe('uold:psych_teacher:sch-simao-1:::');
    expect(JSON.parse(rows[0].doc)).toEqual({
      _id: 'uold:psych_teacher:sch-simao-1:::', userId: 'uold', role: 'psych_teacher', schoolId: 'sch-simao-1', classId: null, deptId: null,
      jurisdiction: null, displayName: '陈静', since: 1000, status: 'active',
    });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a coordinator imports a county\'s list of schools; the same list again adds nothing; another county\'s rows are refused', async () => {
  const { saveSheet } = await import('../../src/cloud/media/sheets');
  const { xlsx } = await import('../fixtures/roster');
  const coord = await h.as('DEMO-COORD-SIMAO');
  const sheet = await xlsx([
    ['思茅区倚象镇中心小学', '小学', '思茅区', '张校长'],
    ['思茅区第四中学', '初级中学', '思茅区', ''],
    ['思茅区第一中学', '初中', '思茅区', ''],
    ['宁洱县某小学', '小学', '宁洱县', ''],
    ['思茅区某校', '火箭学校', '思茅区', ''],
  ], ['学校名称', '学段', '所在县（区）', '校长']);
  const fileId = (await saveSheet(h.store, h.blobs, sheet, 'schools.xlsx', coord.userId!, h.clock)).fileId;
  const dry = await h.call('school.import', { fileId, dryRun: true }, { as: coord });
  expect(dry.data).toMatchObject({ rows: 5, created: 2, unchanged: 1, dropped: ['校长'], schools: ['思茅区倚象镇中心小学', '思茅区第四中学'] });
  expect(dry.data.errors.map((e: any) => e.row)).toEqual([5, 6]);
  expect(await h.store.collection('schools').count({ jurisdiction: 'simao' })).toBe(3);
  expect((await h.call('school.import', { fileId, dryRun: false }, { as: coord })).data.created).toBe(2);
  expect(await h.store.collection('schools').count({ jurisdiction: 'simao' })).toBe(5);
  expect((await h.call('school.import', { fileId, dryRun: false }, { as: coord })).data).toMatchObject({ created: 0, unchanged: 3 });
  const listed = (await h.call('school.list', {}, { as: coord })).data.schools.map((s: any) => s.name);
  expect(listed).toEqual(expect.arrayContaining(['思茅区倚象镇中心小学', '思茅区第四中学']));
  expect((await h.call('school.import', { fileId, dryRun: true }, { as: await h.as('DEMO-SCHOOL-ADMIN') })).error?.code).toBe('FORBIDDEN');
});

test('the psychology teacher lists her own school\'s classes (the campaign form picks grades from them), no other school\'s', async () => {
  const psy = await h.as('DEMO-PSY');
  const mine = await h.call('class.list', { schoolId: 'sch-simao-1' }, { as: psy });
  expect(mine.ok).toBe(true);
  expect(mine.data.classes.find((c: any) => c.id === CLASS)).toMatchObject({ grade: 8, name: '八年级（2）班' });
  expect((await h.call('class.list', { schoolId: 'sch-simao-2' }, { as: psy })).error?.code).toBe('FORBIDDEN');
});

/**
 * Safety lessons in the cloud (issue 8): who reads which band, completion
 * recorded once (also when the offline queue sends it again under a new
 * request id, and in a parallel burst), the class record counting for every
 * student of the teacher's own class only, counts without names, and bad
 * input refused with a Chinese message and nothing written.
 */
import { lessonById } from '../../src/content/lessons/index';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { demoIds } from '../../src/content/puer/demo';
import { expectKindError, ok } from '../fixtures/reports';
import { makeHarness, rid, type Harness } from './harness';

const CLASS = demoIds.class; // 八年级（2）班: five demo students, grade 8 → junior
const OTHER_CLASS = 'cls-simao-1-8-1';
const LESSON = 'drowning.junior';
const quizOf = (id: string) => lessonById(id)!.quiz;
const rightAnswers = (id: string) => quizOf(id).map((q) => q.correct);
const wrongAnswers = (id: string) => quizOf(id).map((q) => (q.correct + 1) % q.options.length);

let h: Harness;
let student: CallerIdentity;
let parent: CallerIdentity;
let teacher: CallerIdentity;
let otherTeacher: CallerIdentity;
let classmate: CallerIdentity; // stu-simao-3, same class
let otherClassStudent: CallerIdentity; // stu-simao-6, 八年级（1）班
let psy: CallerIdentity;
let coord: CallerIdentity;

const count = async (name: 'lesson_completions' | 'lesson_class_sessions') => h.store.collection(name).count();

beforeEach(async () => {
  // China 1 July 2026, 00:30 (UTC 30 June): drowning and the rainy season both in season
  h = await makeHarness('2026-06-30T16:30:00Z');
  student = await h.as('DEMO-STUDENT');
  parent = await h.as('DEMO-PARENT');
  teacher = await h.as('DEMO-TEACHER');
  psy = await h.as('DEMO-PSY');
  coord = await h.as('DEMO-COORD');
  otherTeacher = await h.asBinding({ role: 'class_teacher', schoolId: demoIds.school, classId: OTHER_CLASS, displayName: '陈老师' });
  classmate = await h.asBinding({ role: 'student', schoolId: demoIds.school, classId: CLASS, studentId: 'stu-simao-3' });
  otherClassStudent = await h.asBinding({ role: 'student', schoolId: demoIds.school, classId: OTHER_CLASS, studentId: 'stu-simao-6' });
});
afterEach(async () => { await h.close(); });

describe('lesson.list', () => {
  it('without an account: the default band, or the band asked for; titles only, no lesson text', async () => {
    const none = ok(await h.call('lesson.list', {}, { as: null }));
    expect(none.bands).toEqual(['primary_upper']);
    expect(none.items.length).toBeGreaterThan(0);
    for (const i of none.items) {
      expect(i.band).toBe('primary_upper');
      expect(Object.keys(i).sort()).toEqual(expect.arrayContaining(['band', 'id', 'title', 'topic']));
      for (const k of ['intro', 'keyPoints', 'whatToDo', 'quiz', 'whoToCall']) expect(i).not.toHaveProperty(k);
    }
    const senior = ok(await h.call('lesson.list', { band: 'senior' }, { as: null }));
    expect(new Set(senior.items.map((i: any) => i.band))).toEqual(new Set(['senior']));
    expect(senior.items.map((i: any) => i.id)).toContain('drowning.senior');
  });

  it('puts what the season makes urgent first (China 1 July: drowning, then the rainy season)', async () => {
    const { items } = ok(await h.call('lesson.list', {}, { as: student }));
    expect(items[0]).toMatchObject({ id: 'drowning.junior', season: expect.stringContaining('5月到9月') });
    // disaster, when written, comes straight after; nothing out of season carries a season note
    const seasonal = items.filter((i: any) => i.season).map((i: any) => i.topic);
    expect(seasonal.every((t: string) => t === 'drowning' || t === 'disaster')).toBe(true);
    expect(items.slice(0, seasonal.length).every((i: any) => i.season)).toBe(true);

    // 1 December China time (UTC 30 November 16:00): fire first, drowning no longer marked
    h.clock.set('2026-11-30T16:00:00Z');
    const winter = ok(await h.call('lesson.list', {}, { as: student })).items;
    const drowning = winter.find((i: any) => i.id === 'drowning.junior');
    expect(drowning.season).toBeUndefined();
    if (winter.some((i: any) => i.topic === 'fire')) expect(winter[0].topic).toBe('fire');
  });

  it('a student gets their grade band; a guardian the parents’ versions and the child’s band', async () => {
    const s = ok(await h.call('lesson.list', {}, { as: student }));
    expect(s.bands).toEqual(['junior']);
    expect(new Set(s.items.map((i: any) => i.band))).toEqual(new Set(['junior']));

    const younger = await h.asBinding({ role: 'student', schoolId: 'sch-simao-2', classId: 'cls-simao-2-5-1', studentId: 'stu-simao-7' });
    expect(ok(await h.call('lesson.list', {}, { as: younger })).bands).toEqual(['primary_upper']);

    const g = ok(await h.call('lesson.list', {}, { as: parent }));
    expect(g.bands).toEqual(['parent', 'junior']);
    const ids = g.items.map((i: any) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['drowning.parent', 'drowning.junior']));
    // within a topic the parents' version comes first
    expect(ids.indexOf('drowning.parent')).toBeLessThan(ids.indexOf('drowning.junior'));
    // and {band} still asks for another band
    expect(new Set(ok(await h.call('lesson.list', { band: 'primary_lower' }, { as: parent })).items.map((i: any) => i.band))).toEqual(new Set(['primary_lower']));
  });

  it('refuses a band that does not exist, in Chinese', async () => {
    expectKindError(await h.call('lesson.list', { band: 'adult' }, { as: null }), 'BAD_INPUT');
    expectKindError(await h.call('lesson.list', { band: 'junior', extra: 1 }, { as: null }), 'BAD_INPUT');
  });
});

describe('lesson.get', () => {
  it('answers the whole lesson with its quiz and explanations, without an account', async () => {
    const l = ok(await h.call('lesson.get', { id: LESSON }, { as: null }));
    expect(l).toMatchObject({ id: LESSON, topic: 'drowning', band: 'junior', topicTitle: '防溺水' });
    expect(l.quiz.length).toBeGreaterThanOrEqual(3);
    for (const q of l.quiz) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(typeof q.correct).toBe('number');
      expect(q.explanation.length).toBeGreaterThan(0);
    }
    expect(l.season).toContain('5月到9月');
  });

  it.each([['drowning.adult'], ['nothing'], ['__proto__'], ['toString'], ['Drowning.junior']])('unknown id %p → 404 with a clear message', async (id) => {
    const e = expectKindError(await h.call('lesson.get', { id }, { as: student }), 'NOT_FOUND');
    expect(e.message).toContain('没有找到这一课');
    expect(e.message).toContain('课程');
  });

  it('refuses a missing or oversized id', async () => {
    expectKindError(await h.call('lesson.get', {}, { as: null }), 'BAD_INPUT');
    expectKindError(await h.call('lesson.get', { id: 'x'.repeat(500) }, { as: null }), 'BAD_INPUT');
  });
});

describe('lesson.complete', () => {
  it('grades the answers and records the completion once', async () => {
    const answers = rightAnswers(LESSON);
    answers[0] = wrongAnswers(LESSON)[0];
    const first = ok(await h.call('lesson.complete', { id: LESSON, answers }, { as: student }));
    expect(first.firstTime).toBe(true);
    expect(first.total).toBe(answers.length);
    expect(first.rightCount).toBe(answers.length - 1);
    expect(first.answers.map((a: any) => a.right)).toEqual(answers.map((_, i) => i !== 0));
    expect(first.answers[0].correct).toBe(quizOf(LESSON)[0].correct);
    expect(await count('lesson_completions')).toBe(1);

    const list = ok(await h.call('lesson.list', {}, { as: student })).items;
    expect(list.find((i: any) => i.id === LESSON).done).toBe('me');
    expect(list.filter((i: any) => i.done)).toHaveLength(1);
  });

  it('the offline queue sending it twice under different request ids records it once', async () => {
    const first = ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId: rid() }));
    h.clock.advance(3600_000); // the queue flushes an hour later
    const again = ok(await h.call('lesson.complete', { id: LESSON, answers: wrongAnswers(LESSON) }, { as: student, requestId: rid() }));
    expect(again.firstTime).toBe(false);
    expect(again.completedAt).toBe(first.completedAt);
    // still says which of these answers were right
    expect(again.rightCount).toBe(0);
    expect(await count('lesson_completions')).toBe(1);
  });

  it('the same request id replayed answers the same', async () => {
    const requestId = rid();
    const a = ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId }));
    const b = ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId }));
    expect(b).toEqual(a);
    expect(await count('lesson_completions')).toBe(1);
  });

  it('a parallel burst (distinct request ids, and one id repeated) records one completion', async () => {
    const shared = rid();
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId: rid() })),
      ...Array.from({ length: 4 }, () => h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId: shared })),
    ]);
    const answers = results.filter((r) => r.ok).map((r) => r.data as any);
    // every call is answered (a copy still running may say CONFLICT inProgress; the client asks again)
    for (const r of results) if (!r.ok) expect(r.error!.code).toBe('CONFLICT');
    expect(answers.length).toBeGreaterThanOrEqual(9);
    expect(await count('lesson_completions')).toBe(1);
    const firsts = new Set(answers.filter((a) => a.firstTime).map((a) => a.completedAt));
    expect(firsts.size).toBe(1);
    expect(new Set(answers.map((a) => a.completedAt)).size).toBe(1);
  });

  it('two students of one class each get their own completion', async () => {
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student }));
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: classmate }));
    expect(await count('lesson_completions')).toBe(2);
  });

  it.each([
    ['too few answers', () => ({ id: LESSON, answers: rightAnswers(LESSON).slice(1) }), 'BAD_INPUT'],
    ['too many answers', () => ({ id: LESSON, answers: [...rightAnswers(LESSON), 0, 0, 0] }), 'BAD_INPUT'],
    ['an option that is not there', () => ({ id: LESSON, answers: rightAnswers(LESSON).map(() => 7) }), 'BAD_INPUT'],
    ['a negative option', () => ({ id: LESSON, answers: rightAnswers(LESSON).map(() => -1) }), 'BAD_INPUT'],
    ['text for an answer', () => ({ id: LESSON, answers: ['A', 'B', 'C'] }), 'BAD_INPUT'],
    ['no answers', () => ({ id: LESSON }), 'BAD_INPUT'],
    ['an unknown lesson', () => ({ id: 'drowning.adult', answers: [0, 0, 0] }), 'NOT_FOUND'],
    ['the parents’ version', () => ({ id: 'drowning.parent', answers: rightAnswers('drowning.parent') }), 'BAD_INPUT'],
  ])('%s is refused in Chinese and writes nothing', async (_what, data, code) => {
    expectKindError(await h.call('lesson.complete', data(), { as: student }), code);
    expect(await count('lesson_completions')).toBe(0);
  });
});

describe('a guardian reads a parents\u2019 lesson', () => {
  it('is recorded once per guardian, lesson and child\u2019s school, with its term; the list marks it and the child\u2019s finished lessons', async () => {
    const first = ok(await h.call('lesson.complete', { id: 'drowning.parent', answers: rightAnswers('drowning.parent') }, { as: parent, requestId: rid() }));
    expect(first.firstTime).toBe(true);
    const again = ok(await h.call('lesson.complete', { id: 'drowning.parent', answers: rightAnswers('drowning.parent') }, { as: parent, requestId: rid() }));
    expect(again).toMatchObject({ firstTime: false, completedAt: first.completedAt });
    const rows = await h.store.collection<{ _id: string; schoolId: string; term: string; lessonId: string }>('guardian_lessons').find({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ schoolId: 'sch-simao-1', lessonId: 'drowning.parent', term: expect.stringMatching(/^\d{4}-\d{4}-[12]$/) });
    // nothing counted as a student's completion
    expect(await count('lesson_completions')).toBe(0);

    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student, requestId: rid() }));
    const items = ok(await h.call('lesson.list', {}, { as: parent })).items as Array<{ id: string; done?: string }>;
    expect(items.find((i) => i.id === 'drowning.parent')?.done).toBe('me');
    expect(items.find((i) => i.id === LESSON)?.done).toBe('child');
  });

  it('a guardian cannot record a student\u2019s lesson, and a student cannot record a parents\u2019 lesson', async () => {
    expectKindError(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: parent }), 'FORBIDDEN');
    expectKindError(await h.call('lesson.complete', { id: 'drowning.parent', answers: rightAnswers('drowning.parent') }, { as: student }), 'BAD_INPUT');
    expect(await h.store.collection('guardian_lessons').find({})).toHaveLength(0);
  });

  it('a burst of the same reading from one guardian is still one row', async () => {
    const answers = rightAnswers('drowning.parent');
    const res = await Promise.all(Array.from({ length: 8 }, () => h.call('lesson.complete', { id: 'drowning.parent', answers }, { as: parent, requestId: rid() })));
    expect(res.filter((r) => r.ok && r.data.firstTime)).toHaveLength(1);
    expect(await h.store.collection('guardian_lessons').find({})).toHaveLength(1);
  });
});

describe('lesson.classSession and lesson.progress', () => {
  it('a class session counts for every student of the class, and the students see it done', async () => {
    const before = ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher }));
    expect(before).toMatchObject({ classId: CLASS, band: 'junior', studentCount: 5 });
    expect(before.items.find((i: any) => i.id === LESSON)).toMatchObject({ completed: 0, classSessionAt: null });

    const rec = ok(await h.call('lesson.classSession', { id: LESSON, classId: CLASS }, { as: teacher }));
    expect(rec).toMatchObject({ id: LESSON, classId: CLASS, firstTime: true, studentCount: 5 });

    const after = ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher }));
    expect(after.items.find((i: any) => i.id === LESSON)).toMatchObject({ completed: 5, classSessionAt: rec.recordedAt });
    for (const who of [student, classmate]) {
      expect(ok(await h.call('lesson.list', {}, { as: who })).items.find((i: any) => i.id === LESSON).done).toBe('class');
    }
    // not for another class
    expect(ok(await h.call('lesson.list', {}, { as: otherClassStudent })).items.find((i: any) => i.id === LESSON).done).toBeUndefined();
  });

  it('a lesson taught in class can leave out who was away: it does not count for them', async () => {
    const roster = ok(await h.call('lesson.progress', { classId: CLASS, roster: true }, { as: teacher }));
    expect(roster.students.map((s: any) => s.name)).toContain('王梓涵');
    expectKindError(await h.call('lesson.progress', { classId: CLASS, roster: true }, { as: otherTeacher }), 'FORBIDDEN');

    expectKindError(await h.call('lesson.classSession', { id: LESSON, classId: CLASS, absent: ['stu-simao-6'] }, { as: teacher }), 'BAD_INPUT');
    expect(await count('lesson_class_sessions')).toBe(0);

    ok(await h.call('lesson.classSession', { id: LESSON, classId: CLASS, absent: ['stu-simao-3'] }, { as: teacher }));
    const p = ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher }));
    expect(p.items.find((i: any) => i.id === LESSON)).toMatchObject({ completed: 4, absentCount: 1 });
    expect(ok(await h.call('lesson.list', {}, { as: classmate })).items.find((i: any) => i.id === LESSON).done).toBeUndefined();
    expect(ok(await h.call('lesson.list', {}, { as: student })).items.find((i: any) => i.id === LESSON).done).toBe('class');
    // the one away does it at home: counted again
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: classmate }));
    expect(ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher })).items.find((i: any) => i.id === LESSON).completed).toBe(5);
  });

  it('recording a class lesson can be undone the same day, not later, and only by that class teacher', async () => {
    ok(await h.call('lesson.classSession', { id: LESSON, classId: CLASS }, { as: teacher }));
    expectKindError(await h.call('lesson.classSessionUndo', { id: LESSON, classId: CLASS }, { as: otherTeacher }), 'FORBIDDEN');
    expect(ok(await h.call('lesson.classSessionUndo', { id: LESSON, classId: CLASS }, { as: teacher })).undone).toBe(true);
    expect(ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher })).items.find((i: any) => i.id === LESSON)).toMatchObject({ completed: 0, classSessionAt: null });
    // undoing again changes nothing
    expect(ok(await h.call('lesson.classSessionUndo', { id: LESSON, classId: CLASS }, { as: teacher })).undone).toBe(false);

    ok(await h.call('lesson.classSession', { id: LESSON, classId: CLASS }, { as: teacher }));
    h.clock.advance(24 * 3600_000);
    expectKindError(await h.call('lesson.classSessionUndo', { id: LESSON, classId: CLASS }, { as: teacher }), 'CONFLICT');
    expect(await count('lesson_class_sessions')).toBe(1);
  });

  it('counts own completions per lesson: only this class’s students, each once, no names', async () => {
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: student }));
    ok(await h.call('lesson.complete', { id: LESSON, answers: wrongAnswers(LESSON) }, { as: student, requestId: rid() }));
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: classmate }));
    ok(await h.call('lesson.complete', { id: LESSON, answers: rightAnswers(LESSON) }, { as: otherClassStudent }));
    const p = ok(await h.call('lesson.progress', { classId: CLASS }, { as: teacher }));
    expect(p.items.find((i: any) => i.id === LESSON).completed).toBe(2);
    const other = ok(await h.call('lesson.progress', { classId: OTHER_CLASS }, { as: otherTeacher }));
    expect(other.items.find((i: any) => i.id === LESSON).completed).toBe(1);
    const text = JSON.stringify(p);
    for (const secret of ['stu-simao', '李小雨', '王梓涵', 'studentId', 'rightCount']) expect(text).not.toContain(secret);
  });

  it('recording again, or in a parallel burst, keeps one record', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => h.call('lesson.classSession', { id: LESSON, classId: CLASS }, { as: teacher, requestId: rid() })),
    );
    const answers = results.map((r) => ok(r));
    expect(answers.filter((a: any) => a.firstTime)).toHaveLength(1);
    expect(new Set(answers.map((a: any) => a.recordedAt)).size).toBe(1);
    expect(await count('lesson_class_sessions')).toBe(1);
  });

  it('another class, another band or an unknown lesson is refused and nothing is written', async () => {
    const e = expectKindError(await h.call('lesson.classSession', { id: LESSON, classId: OTHER_CLASS }, { as: teacher }), 'FORBIDDEN');
    expect(e.message).toContain('班主任');
    expectKindError(await h.call('lesson.classSession', { id: LESSON, classId: CLASS }, { as: otherTeacher }), 'FORBIDDEN');
    expectKindError(await h.call('lesson.classSession', { id: 'drowning.primary_lower', classId: CLASS }, { as: teacher }), 'BAD_INPUT');
    expectKindError(await h.call('lesson.classSession', { id: 'drowning.parent', classId: CLASS }, { as: teacher }), 'BAD_INPUT');
    expectKindError(await h.call('lesson.classSession', { id: 'nothing.junior', classId: CLASS }, { as: teacher }), 'NOT_FOUND');
    expectKindError(await h.call('lesson.classSession', { id: LESSON }, { as: teacher }), 'BAD_INPUT');
    expectKindError(await h.call('lesson.progress', { classId: OTHER_CLASS }, { as: teacher }), 'FORBIDDEN');
    expect(await count('lesson_class_sessions')).toBe(0);
  });
});

describe('access matrix', () => {
  type Who = 'nobody' | 'student' | 'parent' | 'teacher' | 'otherTeacher' | 'psy' | 'coord';
  const callers = (): Record<Who, CallerIdentity | null> => ({ nobody: null, student, parent, teacher, otherTeacher, psy, coord });
  const ALLOWED = true;
  // action → who may (true) and who is refused (the code)
  const MATRIX: Record<string, [() => object, Record<Who, true | string>]> = {
    'lesson.list': [() => ({}), { nobody: ALLOWED, student: ALLOWED, parent: ALLOWED, teacher: ALLOWED, otherTeacher: ALLOWED, psy: ALLOWED, coord: ALLOWED }],
    'lesson.get': [() => ({ id: LESSON }), { nobody: ALLOWED, student: ALLOWED, parent: ALLOWED, teacher: ALLOWED, otherTeacher: ALLOWED, psy: ALLOWED, coord: ALLOWED }],
    'lesson.complete': [() => ({ id: LESSON, answers: rightAnswers(LESSON) }), {
      nobody: 'UNAUTHENTICATED', student: ALLOWED, parent: 'FORBIDDEN', teacher: 'FORBIDDEN', otherTeacher: 'FORBIDDEN', psy: 'FORBIDDEN', coord: 'FORBIDDEN',
    }],
    'lesson.classSession': [() => ({ id: LESSON, classId: CLASS }), {
      nobody: 'UNAUTHENTICATED', student: 'FORBIDDEN', parent: 'FORBIDDEN', teacher: ALLOWED, otherTeacher: 'FORBIDDEN', psy: 'FORBIDDEN', coord: 'FORBIDDEN',
    }],
    'lesson.progress': [() => ({ classId: CLASS }), {
      nobody: 'UNAUTHENTICATED', student: 'FORBIDDEN', parent: 'FORBIDDEN', teacher: ALLOWED, otherTeacher: 'FORBIDDEN', psy: 'FORBIDDEN', coord: 'FORBIDDEN',
    }],
  };

  it.each(Object.keys(MATRIX))('%s', async (action) => {
    const [data, expected] = MATRIX[action];
    const who = callers();
    const got: Record<string, true | string> = {};
    for (const name of Object.keys(expected) as Who[]) {
      const res = await h.call(action, data(), { as: who[name] });
      got[name] = res.ok ? ALLOWED : res.error!.code;
      if (!res.ok) expect(res.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(got).toEqual(expected);
  });
});

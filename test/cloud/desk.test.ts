/**
 * The desk: monthly returns (who may file, corrections kept, late and missing
 * listed), targets.overview / targets.detail (area, status from the returns at
 * the rule's edges, a school with no campaign at 0 %, suppression of small
 * classes), and who is refused (audited).
 */
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { expectKindError, ok } from '../fixtures/reports';
import { calm } from '../fixtures/screening';
import { makeHarness, rid, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-03-10T02:00:00Z'); });
afterEach(() => h.close());

/**
 * The demo's 宁洱 has one child: the city's table withholds it and, as its complement, 思茅区's own figures, and
 * the county's page keeps them withheld (cross-level suppression). Tests about one county's figures first give
 * 宁洱 a class of 10, so the city's table has nothing to hide.
 */
async function ningerClassOf10() {
  for (let i = 0; i < 10; i++) {
    await h.store.collection('students').put({ _id: `stu-ng-${i}`, id: `stu-ng-${i}`, name: '学生', schoolId: 'sch-ninger-1', classId: 'cls-ninger-1-8-1', grade: 8, birthDate: '2013-01-01' });
  }
}

const POLICE_FIGURES = (n: number) => ({ traffic_deaths: n, crimes_by_students: n, crimes_against_students: n, sexual_assault_cases: 0, joint_inspections: 1 });
const file = async (who: any, month: string, values: Record<string, number>, note = '', countyId = 'simao') =>
  h.call('figures.submit', { countyId, month, values, note }, { as: who, requestId: rid() });

describe('monthly returns', () => {
  test('only the county\'s lead-department handler files; the form is built from the targets data', async () => {
    const police = await h.as('DEMO-POLICE');
    const form = ok(await h.call('figures.form', { countyId: 'simao', month: '2026-02' }, { as: police }));
    expect(form.figures.map((f: any) => f.id).sort()).toEqual(Object.keys(POLICE_FIGURES(0)).sort());
    expect(form.deptName).toBe('普洱市公安局思茅分局');
    ok(await file(police, '2026-02', POLICE_FIGURES(3)));
    // another county's police, the water bureau of this county, the coordinator, a teacher: refused
    const ningerPolice = await h.asBinding({ role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger' });
    expectKindError(await file(ningerPolice, '2026-02', POLICE_FIGURES(1)), 'FORBIDDEN');
    const water = await h.asBinding({ role: 'handler', deptId: 'simao.water', jurisdiction: 'simao' });
    expectKindError(await file(water, '2026-02', POLICE_FIGURES(1)), 'FORBIDDEN');
    expectKindError(await file(await h.as('DEMO-COORD-SIMAO'), '2026-02', POLICE_FIGURES(1)), 'FORBIDDEN');
    expectKindError(await file(await h.as('DEMO-TEACHER'), '2026-02', POLICE_FIGURES(1)), 'FORBIDDEN');
    // the education bureau cannot file the police's figures
    expectKindError(await file(await h.as('DEMO-EDU'), '2026-02', POLICE_FIGURES(1)), 'BAD_INPUT');
    const kept = await h.store.collection('figure_returns').find({});
    expect(kept).toHaveLength(1);
    expect((kept[0] as any).values.traffic_deaths).toBe(3);
  });

  test('counts only: negative, fractional, missing, future months and phone numbers in the note are refused and change nothing', async () => {
    const police = await h.as('DEMO-POLICE');
    expectKindError(await file(police, '2026-02', { ...POLICE_FIGURES(1), traffic_deaths: -1 }), 'BAD_INPUT');
    expectKindError(await file(police, '2026-02', { ...POLICE_FIGURES(1), traffic_deaths: 1.5 }), 'BAD_INPUT');
    const { joint_inspections: _, ...partial } = POLICE_FIGURES(1);
    const missing = await file(police, '2026-02', partial);
    expectKindError(missing, 'BAD_INPUT');
    expect(missing.error!.message).toContain('学校周边联合执法检查次数');
    expectKindError(await file(police, '2026-04', POLICE_FIGURES(1)), 'BAD_INPUT');
    expectKindError(await file(police, '2026-02', POLICE_FIGURES(1), '受害学生家长电话13812345678'), 'BAD_INPUT');
    expectKindError(await file(police, '2026-02', POLICE_FIGURES(1), '长'.repeat(201)), 'BAD_INPUT');
    expect(await h.store.collection('figure_returns').count({})).toBe(0);
  });

  test('a correction needs a reason and keeps the earlier version with who, when and why; the same again changes nothing', async () => {
    const police = await h.as('DEMO-POLICE');
    ok(await file(police, '2026-02', POLICE_FIGURES(3)));
    expectKindError(await file(police, '2026-02', POLICE_FIGURES(4)), 'BAD_INPUT');
    h.clock.advance(3600_000);
    const fixed = ok(await file(police, '2026-02', POLICE_FIGURES(4), '补报漏统计的1起'));
    expect(fixed).toMatchObject({ version: 2, changed: true });
    expect(ok(await file(police, '2026-02', POLICE_FIGURES(4), '补报漏统计的1起'))).toMatchObject({ version: 2, changed: false });
    const form = ok(await h.call('figures.form', { countyId: 'simao', month: '2026-02' }, { as: police }));
    expect(form.figures.find((f: any) => f.id === 'traffic_deaths').value).toBe(4);
    expect(form.corrections).toEqual([expect.objectContaining({ version: 1, reason: '补报漏统计的1起', replacedByName: '赵明' })]);
    expect(form.corrections[0].values.traffic_deaths).toBe(3);
  });

  test('parallel corrections: one wins, the other is told to refresh; the history holds exactly the replaced version', async () => {
    const police = await h.as('DEMO-POLICE');
    ok(await file(police, '2026-02', POLICE_FIGURES(3)));
    const res = await Promise.all([5, 6, 7, 8].map((n) => file(police, '2026-02', POLICE_FIGURES(n), `更正为${n}`)));
    expect(res.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    const doc: any = await h.store.collection('figure_returns').get('simao|police|2026-02');
    expect(doc.version).toBe(1 + res.filter((r) => r.ok).length);
    expect(await h.store.collection('figure_history').count({})).toBe(doc.version - 1);
  });

  test('status: filed, late and overdue returns listed for the coordinator of the area only', async () => {
    // January's return was due 5 February: filed now (10 March) it is late
    ok(await file(await h.as('DEMO-POLICE'), '2026-01', POLICE_FIGURES(1)));
    const coord = await h.as('DEMO-COORD-SIMAO');
    const jan = ok(await h.call('figures.status', { month: '2026-01' }, { as: coord }));
    const row = (kind: string) => jan.rows.find((r: any) => r.countyId === 'simao' && r.deptKind === kind);
    expect(row('police').state).toBe('late');
    expect(row('edu').state).toBe('overdue');
    expect(jan.rows.every((r: any) => r.countyId === 'simao')).toBe(true);
    // February's is due 5 March too: nothing filed → overdue; March's not due yet → missing
    const mar = ok(await h.call('figures.status', { month: '2026-03' }, { as: coord }));
    expect(mar.rows.every((r: any) => r.state === 'missing')).toBe(true);
    const city = ok(await h.call('figures.status', { month: '2026-01' }, { as: await h.as('DEMO-COORD') }));
    expect(new Set(city.rows.map((r: any) => r.countyId)).size).toBe(11);
    expectKindError(await h.call('figures.status', { month: '2026-01' }, { as: await h.as('DEMO-POLICE') }), 'FORBIDDEN');
  });
});

describe('targets.overview and targets.detail', () => {
  test('a decline target from the returns: 10 % down on track, 9.9 % … at risk (same months a year earlier)', async () => {
    const police = await h.as('DEMO-POLICE');
    // January-February 2025: 10 + 10 = 20 crimes against students; 2026: 9 + 9 = 18 (10 % down)
    for (const m of ['2025-01', '2025-02']) ok(await file(police, m, { ...POLICE_FIGURES(10), sexual_assault_cases: 50 }));
    for (const m of ['2026-01', '2026-02']) ok(await file(police, m, { ...POLICE_FIGURES(9), sexual_assault_cases: 46 }));
    const coord = await h.as('DEMO-COORD-SIMAO');
    const o = ok(await h.call('targets.overview', { from: '2026-01', to: '2026-02' }, { as: coord }));
    const t = (id: string) => o.targets.find((x: any) => x.id === id);
    expect(t('traffic')).toMatchObject({ value: 18, lastYear: 20, status: 'on_track', rule: '比去年同期下降≥10%' });
    // 100 → 92 is 8 % down: at risk
    expect(t('sexual_assault')).toMatchObject({ value: 92, lastYear: 100, status: 'at_risk' });
    // 双下降: strictly lower is enough
    expect(t('crimes_by_students').status).toBe('on_track');
    // nothing reported: no data, not zero
    expect(t('drowning').status).toBe('no_data');
    expect(o.area).toEqual({ id: 'simao', name: '思茅区' });
  });

  test('screening coverage per school: a school with no campaign shows 0 %; a class of 1 is "<5" with its complement', async () => {
    await ningerClassOf10();
    const coord = await h.as('DEMO-COORD-SIMAO');
    const students = h.store.collection('students');
    // 南屏镇 school: 30 children and no campaign this school year; 实验小学: a class of one next to a class of 20
    for (let i = 0; i < 30; i++) await students.put({ _id: `stu-np-${i}`, id: `stu-np-${i}`, name: '学生', schoolId: 'sch-simao-3', classId: 'cls-simao-3-7-1', grade: 7, birthDate: '2012-01-01' });
    await students.put({ _id: 'stu-one', id: 'stu-one', name: '独苗', schoolId: 'sch-simao-2', classId: 'cls-simao-2-3-9', grade: 3, birthDate: '2017-05-01' });
    for (let i = 0; i < 20; i++) await students.put({ _id: `stu-sy-${i}`, id: `stu-sy-${i}`, name: '学生', schoolId: 'sch-simao-2', classId: 'cls-simao-2-3-1', grade: 3, birthDate: '2017-05-01' });
    await rebuildClassRolls(h.store);
    const d = ok(await h.call('targets.detail', { id: 'screening' }, { as: coord }));
    expect(d.level).toBe('county');
    expect(d.rows.map((r: any) => r.name)).toEqual(expect.arrayContaining(['思茅区第一中学', '思茅区实验小学', '思茅区南屏镇九年一贯制学校']));
    expect(d.rows.find((r: any) => r.id === 'sch-simao-3')).toMatchObject({ total: 30, finished: 0, value: 0 });
    const o = ok(await h.call('targets.overview', {}, { as: coord }));
    expect(o.targets.find((t: any) => t.id === 'screening').status).toBe('off_track');
    const classes = ok(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-simao-2' }, { as: coord }));
    expect(classes.level).toBe('school');
    const one = classes.rows.find((r: any) => r.id === 'cls-simao-2-3-9');
    expect(one).toMatchObject({ total: null, value: null, suppressed: true });
    // the school's total minus its other class cannot give the class of 1 away: the other class is withheld too, or the school total
    const other = classes.rows.find((r: any) => r.id === 'cls-simao-2-3-1');
    expect(other.total === null || classes.total.total === null).toBe(true);
    // no shown number anywhere is 1-4
    for (const r of [classes.total, ...classes.rows]) for (const k of ['total', 'finished', 'awaitingConsent', 'declined', 'notReached']) {
      if (r[k] !== null) expect(r[k] === 0 || r[k] >= 5).toBe(true);
    }
  });

  test('areas: a county coordinator cannot read another county or a school outside it; students, guardians, teachers, other handlers refused and audited', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    expectKindError(await h.call('targets.overview', { countyId: 'ninger' }, { as: coord }), 'FORBIDDEN');
    expectKindError(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-ninger-1' }, { as: coord }), 'FORBIDDEN');
    const city = ok(await h.call('targets.overview', { countyId: 'ninger' }, { as: await h.as('DEMO-COORD') }));
    expect(city.area.id).toBe('ninger');
    ok(await h.call('targets.overview', {}, { as: await h.as('DEMO-EDU') }));
    const water = await h.asBinding({ role: 'handler', deptId: 'simao.water', jurisdiction: 'simao' });
    for (const who of [await h.as('DEMO-STUDENT'), await h.as('DEMO-PARENT'), await h.as('DEMO-TEACHER'), await h.as('DEMO-PSY'), water]) {
      expectKindError(await h.call('targets.overview', {}, { as: who }), 'FORBIDDEN');
      expectKindError(await h.call('targets.detail', { id: 'screening' }, { as: who }), 'FORBIDDEN');
    }
    const denied = await h.store.collection('audit').find({ action: 'targets.overview.denied' });
    // the five refused callers, and the coordinator asking for another county
    expect(denied.length).toBe(6);
  });

  test('a school leader (school_admin) reads their own school only: the app-counted targets and its classes, never a county or the figures', async () => {
    const admin = await h.as('DEMO-SCHOOL-ADMIN'); // 思茅区第一中学
    const students = h.store.collection('students');
    for (let i = 0; i < 20; i++) await students.put({ _id: `stu-a-${i}`, id: `stu-a-${i}`, name: '学生', schoolId: 'sch-simao-1', classId: 'cls-simao-1-7-1', grade: 7, birthDate: '2012-01-01' });
    await rebuildClassRolls(h.store);
    const appTargets = (await import('../../src/content')).content.targets.TARGETS.filter((t) => t.source.kind === 'app').map((t) => t.id);
    const o = ok(await h.call('targets.overview', {}, { as: admin }));
    expect(o.school).toEqual({ id: 'sch-simao-1', name: '思茅区第一中学' });
    expect(o.targets.map((t: any) => t.id)).toEqual(appTargets);
    expect(o.areas).toEqual([]);
    expect(o.targets.find((t: any) => t.id === 'screening').counts.total).toBe(26); // 20 here and the demo's 6
    // one level down is the school's classes
    const d = ok(await h.call('targets.detail', { id: 'screening' }, { as: admin }));
    expect(d).toMatchObject({ level: 'school', levelId: 'sch-simao-1' });
    expect(d.rows.map((r: any) => r.name)).toEqual(expect.arrayContaining(['七年级（1）班', '八年级（2）班']));
    expect(ok(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-simao-1' }, { as: admin })).rows).toEqual(d.rows);
    // another school, a county, a department's figure, the returns: refused (and the desk's refusals audited)
    expectKindError(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-simao-2' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('targets.overview', { countyId: 'simao' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('targets.overview', { schoolId: 'sch-simao-2' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('targets.export', { countyId: 'simao' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('targets.detail', { id: 'traffic' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('figures.form', { countyId: 'simao', month: '2026-02' }, { as: admin }), 'FORBIDDEN');
    expectKindError(await h.call('figures.status', { month: '2026-02' }, { as: admin }), 'FORBIDDEN');
    expect(await h.store.collection('audit').count({ action: 'targets.detail.denied' })).toBe(2);
    expect(await h.store.collection('audit').count({ action: 'targets.overview.denied' })).toBe(2);
    expect(await h.store.collection('audit').count({ action: 'targets.export.denied' })).toBe(1);
    // the export: the school's sheet and one per app-counted target, classes as rows
    const ExcelJS = (await import('exceljs')).default;
    const res = ok(await h.call('targets.export', {}, { as: admin }));
    expect(res.fileName).toContain('思茅区第一中学');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.base64, 'base64') as any);
    expect(wb.worksheets.length).toBe(1 + appTargets.length);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain('七年级（1）班');
    expect(texts.some((x) => x.includes('思南') || x.includes('宁洱'))).toBe(false);
    // a coordinator may open the same school's view
    const coordView = ok(await h.call('targets.overview', { schoolId: 'sch-simao-1' }, { as: await h.as('DEMO-COORD-SIMAO') }));
    expect(coordView.targets.map((t: any) => t.id)).toEqual(appTargets);
    expect(coordView.targets.find((t: any) => t.id === 'screening').counts).toEqual(o.targets.find((t: any) => t.id === 'screening').counts);
  });

  test('bad periods and unknown counties are refused with a clear message', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    for (const bad of [{ from: '2026-03', to: '2026-01' }, { to: '2026-05' }, { from: '2026-13' }, { schoolYear: '2025-2027' }, { from: '2019-01' }, { schoolYear: '2025-2026', from: '2026-01' }, { countyId: 'atlantis' }, { countyId: '__proto__' }]) {
      const r = await h.call('targets.overview', bad, { as: coord });
      expectKindError(r, 'BAD_INPUT');
      expect(r.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  test('a submission moves the school year\'s screening count once, however often it is replayed', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    const count = async () => ok(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-simao-1' }, { as: coord })).total;
    const before = await count();
    const parent = await h.as('DEMO-PARENT');
    const student = await h.as('DEMO-STUDENT');
    const cur = ok(await h.call('screening.current', {}, { as: student }));
    expect(cur.campaign).toBeTruthy();
    ok(await h.call('screening.consent', { campaignId: cur.campaign.id, studentId: 'stu-simao-1', agree: true }, { as: parent, requestId: rid() }));
    const req = rid();
    for (let i = 0; i < 3; i++) ok(await h.call('screening.submit', { campaignId: cur.campaign.id, answers: calm() }, { as: student, requestId: i ? rid() : req }));
    const after = await count();
    expect(after.total).toBe(before.total);
    const tally: any[] = await h.store.collection('tallies').find({ kind: 'scr_year' });
    // once in the class, once in its school's twin
    expect(tally.filter((r) => r.classId).reduce((s: number, r: any) => s + r.n, 0)).toBe(1);
    expect(tally.filter((r) => !r.classId).reduce((s: number, r: any) => s + r.n, 0)).toBe(1);
  });
});

describe('schools and classes from the records', () => {
  test('a school added, renamed or closed, a class named in its record, graduated children: the desk follows the records', async () => {
    await ningerClassOf10();
    const coord = await h.as('DEMO-COORD-SIMAO');
    const students = h.store.collection('students');
    // a new school through the workbench: on the desk at once, with its name, as a 0 row (no roll yet)
    const added = ok(await h.call('school.add', { name: '思茅区倚象镇中心小学', jurisdiction: 'simao', stage: 'primary' }, { as: coord, requestId: rid() }));
    // a class recorded with its own name, 25 children on the roll and 7 who graduated (not counted)
    await h.store.collection('classes').put({ _id: 'cls-yx-1', schoolId: added.id, grade: 3, number: 1, name: '三年级（1）班（向日葵班）', status: 'open', createdAt: 0, updatedAt: 0 });
    await h.store.collection('classes').put({ _id: 'cls-yx-old', schoolId: added.id, grade: 6, number: 1, name: '六年级（1）班', status: 'graduated', createdAt: 0, updatedAt: 0 });
    for (let i = 0; i < 25; i++) await students.put({ _id: `stu-yx-${i}`, id: `stu-yx-${i}`, name: '学生', schoolId: added.id, classId: 'cls-yx-1', grade: 3, birthDate: '2017-05-01', status: 'active' });
    for (let i = 0; i < 7; i++) await students.put({ _id: `stu-yx-g${i}`, id: `stu-yx-g${i}`, name: '毕业生', schoolId: added.id, classId: 'cls-yx-old', grade: 6, birthDate: '2014-05-01', status: 'graduated' });
    // 南屏镇 school: 30 children, then closed
    for (let i = 0; i < 30; i++) await students.put({ _id: `stu-np-${i}`, id: `stu-np-${i}`, name: '学生', schoolId: 'sch-simao-3', classId: 'cls-simao-3-7-1', grade: 7, birthDate: '2012-01-01' });
    await rebuildClassRolls(h.store);
    const before = ok(await h.call('targets.detail', { id: 'screening' }, { as: coord }));
    expect(before.rows.find((r: any) => r.id === added.id)).toMatchObject({ name: '思茅区倚象镇中心小学', total: 25, finished: 0 });
    expect(before.rows.find((r: any) => r.id === 'sch-simao-3')).toMatchObject({ total: 30 });
    const classes = ok(await h.call('targets.detail', { id: 'screening', schoolId: added.id }, { as: coord }));
    expect(classes.rows.map((r: any) => [r.name, r.total])).toEqual([['三年级（1）班（向日葵班）', 25]]);
    expect(classes.total.total).toBe(25);
    // renamed and closed from the workbench: the next read shows it
    ok(await h.call('school.update', { schoolId: added.id, name: '思茅区倚象镇向阳小学' }, { as: coord }));
    ok(await h.call('school.update', { schoolId: 'sch-simao-3', status: 'closed' }, { as: coord }));
    const after = ok(await h.call('targets.detail', { id: 'screening' }, { as: coord }));
    expect(after.rows.find((r: any) => r.id === added.id)?.name).toBe('思茅区倚象镇向阳小学');
    expect(after.rows.some((r: any) => r.id === 'sch-simao-3')).toBe(false);
    expect(after.total.total).toBe(before.total.total - 30);
    // the county's total is the sum of its open schools' rolls, graduated children nowhere
    const rolls: any[] = await h.store.collection('class_rolls').find({ level: 'class' });
    const open = new Set(after.rows.map((r: any) => r.id));
    expect(after.total.total).toBe(rolls.filter((r) => open.has(r.schoolId)).reduce((n, r) => n + r.n, 0));
    expect(rolls.some((r) => r._id === 'cls-yx-old')).toBe(false);
    // a school without a record is nowhere on the desk (no second list of schools)
    expect(after.rows.every((r: any) => r.id.startsWith('sch-simao') || r.id === added.id)).toBe(true);
  });
});

describe('return reminders', () => {
  test('from the 3rd (the return is due by the end of the 5th), once per department that has not filed, however often the timer runs', async () => {
    const { runReturnReminders } = await import('../../src/cloud/handlers/scheduler/returnReminders');
    // 2026-04-03 10:00 China: March's return is due by the end of 5 April
    h.clock.set('2026-04-03T02:00:00Z');
    ok(await file(await h.as('DEMO-POLICE'), '2026-03', POLICE_FIGURES(0)));
    const first = await runReturnReminders({ store: h.store, clock: h.clock });
    const again = await Promise.all([1, 2, 3].map(() => runReturnReminders({ store: h.store, clock: h.clock })));
    expect(again.reduce((a, b) => a + b, 0)).toBe(0);
    const rows: any[] = await h.store.collection('outbox').find({ template: 'return_reminder' });
    expect(rows).toHaveLength(first);
    expect(rows.some((r) => r.to === 'simao.police')).toBe(false); // filed
    expect(rows.some((r) => r.to === 'simao.edu')).toBe(true);
    expect(rows.every((r) => !/\d{11}/.test(JSON.stringify(r.data)))).toBe(true);
    // too early in the month: nothing
    h.clock.set('2026-04-01T02:00:00Z');
    await h.store.collection('outbox').removeWhere({ template: 'return_reminder' });
    expect(await runReturnReminders({ store: h.store, clock: h.clock })).toBe(0);
  });
});

describe('export', () => {
  test('the .xlsx opens with exceljs, has the overview and a sheet per target, and holds no withheld value', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const students = h.store.collection('students');
    await students.put({ _id: 'stu-one', id: 'stu-one', name: '独苗', schoolId: 'sch-simao-2', classId: 'cls-simao-2-3-9', grade: 3, birthDate: '2017-05-01' });
    for (let i = 0; i < 20; i++) await students.put({ _id: `stu-sy-${i}`, id: `stu-sy-${i}`, name: '学生', schoolId: 'sch-simao-2', classId: 'cls-simao-2-3-1', grade: 3, birthDate: '2017-05-01' });
    await rebuildClassRolls(h.store);
    // 3 drowning deaths in the county: a count of children under 5
    const edu = await h.as('DEMO-EDU');
    const form = ok(await h.call('figures.form', { countyId: 'simao', month: '2026-01' }, { as: edu }));
    ok(await file(edu, '2026-01', Object.fromEntries(form.figures.map((f: any) => [f.id, f.id === 'drowning_deaths' ? 3 : 10]))));
    const res = ok(await h.call('targets.export', {}, { as: await h.as('DEMO-COORD-SIMAO') }));
    expect(res.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.base64, 'base64') as any);
    expect(wb.worksheets[0].name).toBe('目标总览');
    expect(wb.worksheets.length).toBe(1 + (await import('../../src/content')).content.targets.TARGETS.length);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain('不显示');
    expect(texts).not.toContain('<5'); // "<5" is not true of a complement or a zero withheld to protect another
    // no cell of a children count is 1-4: every sheet's numbers are 0, ≥ 5, or not children counts (targets, years)
    const overview = wb.worksheets[0];
    let drowningRow: any[] = [];
    overview.eachRow((row) => { if (String(row.getCell(1).value).startsWith('学生溺亡')) drowningRow = [row.getCell(3).value, row.getCell(5).value]; });
    expect(drowningRow[0]).toBe('不显示');
    const monthly = wb.worksheets.find((w) => w.name.startsWith('学生溺亡'))!;
    monthly.eachRow((row) => { expect(row.getCell(3).value).not.toBe(3); expect(row.getCell(3).value).not.toBe('3'); });
    const screening = wb.worksheets.find((w) => w.name.startsWith('学生心理健康测评'))!;
    screening.eachRow((row, i) => {
      if (i <= 4) return;
      for (let k = 2; k <= 6; k++) {
        const v = row.getCell(k).value;
        if (typeof v === 'number') expect(v === 0 || v >= 5).toBe(true);
      }
    });
  });
});

describe('returns that cannot be true', () => {
  test('more schools with a police room than town schools is refused, by name, and nothing is filed', async () => {
    const edu = await h.as('DEMO-EDU');
    const form = ok(await h.call('figures.form', { countyId: 'simao', month: '2026-02' }, { as: edu }));
    const values = Object.fromEntries(form.figures.map((f: any) => [f.id, f.id === 'town_schools' ? 1 : f.id === 'police_room_schools' ? 2 : 3]));
    const res = await h.call('figures.submit', { countyId: 'simao', month: '2026-02', values }, { as: edu });
    expect(res.error).toEqual({ code: 'BAD_INPUT', message: '“已建警务室的城镇及以上学校数”不能多于“城镇及以上学校数”，请核对后再填。' });
    expect(await h.store.collection('figure_returns').find({})).toEqual([]);
  });
});

describe('small numbers across levels', () => {
  test('what the city\'s table withholds of a county stays withheld on the county\'s own page and overview (普洱市 8: 思茅区 7, 宁洱 1)', async () => {
    const city = await h.as('DEMO-COORD');
    const d = ok(await h.call('targets.detail', { id: 'screening' }, { as: city }));
    const simaoInCity = d.rows.find((r: any) => r.id === 'simao');
    const ninger = d.rows.find((r: any) => r.id === 'ninger');
    expect(ninger.total).toBeNull();
    // 宁洱's one child is protected by withholding 思茅区 too (the city total is shown) …
    expect(d.total.total).not.toBeNull();
    expect(simaoInCity.total).toBeNull();
    // … and 思茅区's own page and overview do not give its total back
    const county = ok(await h.call('targets.detail', { id: 'screening', countyId: 'simao' }, { as: city }));
    expect(county.total.total).toBeNull();
    const own = ok(await h.call('targets.overview', {}, { as: await h.as('DEMO-COORD-SIMAO') })).targets.find((t: any) => t.id === 'screening');
    expect(own.counts.total).toBeNull();
    expect(own.value).toBeNull();
    // a school's page: its parent (思茅区) withheld, so the schools are suppressed as a set that cannot be summed to it
    const school = ok(await h.call('targets.detail', { id: 'screening', schoolId: 'sch-simao-1' }, { as: city }));
    const inCounty = county.rows.find((r: any) => r.id === 'sch-simao-1');
    expect(school.total.total).toBe(inCounty.total);
  });

  test('the guardians who read the parents\' lesson: what the city withholds of a county stays withheld on its page and overview', async () => {
    const { tally } = await import('../../src/cloud/core/tally');
    const semester = '2025-2026-2'; // 10 March 2026
    const read = async (schoolId: string, countyId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        await tally(h.store, { kind: 'mh_guardian', period: semester, subject: `${schoolId}:u${i}`, state: 'yes', at: 0, once: true, place: { bucket: schoolId, classId: null, schoolId, countyId } });
      }
    };
    await ningerClassOf10(); // the children's figures hide nothing, so only the guardians' column is tested here
    await rebuildClassRolls(h.store);
    await read('sch-simao-1', 'simao', 7);
    await read('sch-ninger-1', 'ninger', 1);
    const city = await h.as('DEMO-COORD');
    const inCity = ok(await h.call('targets.detail', { id: 'mh_education' }, { as: city }));
    expect(inCity.total.guardians).toBe(8);
    expect(inCity.rows.find((r: any) => r.id === 'ninger').guardians).toBeNull();
    expect(inCity.rows.find((r: any) => r.id === 'simao').guardians).toBeNull(); // 8 − 7 would name 宁洱's one
    // 思茅区's own page and overview do not give the 7 back
    const county = ok(await h.call('targets.detail', { id: 'mh_education', countyId: 'simao' }, { as: city }));
    expect(county.total.guardians).toBeNull();
    const own = ok(await h.call('targets.overview', {}, { as: await h.as('DEMO-COORD-SIMAO') })).targets.find((t: any) => t.id === 'mh_education');
    expect(own.counts.guardians).toBeNull();
    // with 宁洱 at 5 nothing needs hiding, and the county shows its own
    await read('sch-ninger-1', 'ninger', 5);
    const later = ok(await h.call('targets.overview', {}, { as: await h.as('DEMO-COORD-SIMAO') })).targets.find((t: any) => t.id === 'mh_education');
    expect(later.counts.guardians).toBe(7);
  });
});

describe('the pledge target', () => {
  test('a letter still open before its break is at risk, not yet off track', async () => {
    h.clock.set('2026-12-28T02:00:00Z'); // 元旦's letter is open; the break starts on 1 January
    await ningerClassOf10();
    await rebuildClassRolls(h.store);
    const pledge = ok(await h.call('targets.overview', {}, { as: await h.as('DEMO-COORD-SIMAO') })).targets.find((t: any) => t.id === 'pledge');
    expect(pledge.rule).toContain('元旦');
    expect(pledge.status).toBe('at_risk');
  });

  test('a break whose letter nobody signed is 0 %, off track; a period with no break has no data', async () => {
    await ningerClassOf10();
    await rebuildClassRolls(h.store);
    const coord = await h.as('DEMO-COORD-SIMAO');
    // January–February 2026: the winter break's letter (寒假) opened in the period and nobody signed it
    const winter = ok(await h.call('targets.overview', { from: '2026-01', to: '2026-02' }, { as: coord })).targets.find((t: any) => t.id === 'pledge');
    expect(winter.rule).toContain('寒假');
    expect(winter).toMatchObject({ value: 0, status: 'off_track' });
    // November alone: no letter opens in it (元旦's opens in late December)
    const nov = ok(await h.call('targets.overview', { from: '2025-11', to: '2025-11' }, { as: coord })).targets.find((t: any) => t.id === 'pledge');
    expect(nov.status).toBe('no_data');
  });
});

describe('trends', () => {
  test('two school years whose screened counts differ by 1-4: the later point is withheld, so the difference names nobody', async () => {
    const { tally } = await import('../../src/cloud/core/tally');
    const students = h.store.collection('students');
    for (let i = 0; i < 30; i++) await students.put({ _id: `stu-np-${i}`, id: `stu-np-${i}`, name: '学生', schoolId: 'sch-simao-3', classId: 'cls-simao-3-7-1', grade: 7, birthDate: '2012-01-01' });
    await rebuildClassRolls(h.store);
    const place = { bucket: 'cls-simao-3-7-1', classId: 'cls-simao-3-7-1', schoolId: 'sch-simao-3', countyId: 'simao' };
    const screen = async (year: string, n: number) => {
      for (let i = 0; i < n; i++) await tally(h.store, { kind: 'scr_year', period: year, subject: `stu-np-${i}`, place, state: 'yes', at: 0, once: true });
    };
    await screen('2024-2025', 20);
    await screen('2025-2026', 22);
    const coord = await h.as('DEMO-COORD-SIMAO');
    const t = ok(await h.call('targets.overview', {}, { as: coord })).targets.find((x: any) => x.id === 'screening');
    const byLabel = Object.fromEntries(t.trend.map((p: any) => [p.label, p.value]));
    expect(byLabel['2024-2025学年']).not.toBeNull();
    expect(byLabel['2025-2026学年']).toBeNull();
    // the mental-health lesson has a point per semester of the plan's years
    const mh = ok(await h.call('targets.overview', {}, { as: coord })).targets.find((x: any) => x.id === 'mh_education');
    expect(mh.trend.length).toBeGreaterThanOrEqual(5);
  });
});

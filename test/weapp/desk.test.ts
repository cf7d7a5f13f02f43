/**
 * The desk on the weapp build, by taps: the 思茅区 coordinator opens 目标看板
 * from 首页, reads screening coverage with its rule and status, taps down to
 * the schools and into a school's classes, and exports the desk; the police
 * handler files the month's return from 首页; a class teacher has no desk.
 */
import { useWeapp } from './harness';

jest.setTimeout(60_000);

const weapp = useWeapp('2026-03-10T02:00:00Z');

test('the coordinator reads the targets, taps into a school, and exports', async () => {
  const coord = await weapp.openApp({ as: 'DEMO-COORD-SIMAO' });
  await coord.tab('首页');
  await coord.tapText('目标看板（各项目标进展）', true);
  expect(coord.route).toBe('packageDesk/pages/desk/index');
  await coord.waitForText('思茅区 目标看板');
  const text = coord.text();
  expect(text).toContain('学生心理健康测评全覆盖');
  expect(text).toContain('达到100%');
  expect(text).toContain('学生溺亡人数每年下降10%');
  expect(text).toContain('暂无数据');
  // the export: written to the user data folder and opened in the phone's viewer
  await coord.tapText('导出整个看板（Excel）', true);
  await coord.waitForText('已打开表格');
  const card = coord.findAll('.desk-target').find((n) => coord.textOf(n).includes('学生心理健康测评全覆盖'))!;
  const open = coord.findAll('.hh-button').find((n) => coord.textOf(n).includes('看各县区、学校、班级') && coord.textOf(card).includes('学生心理健康测评全覆盖'));
  await coord.tap(open!);
  expect(coord.route).toBe('packageDesk/pages/detail/index');
  await coord.waitForText('各学校');
  expect(coord.text()).toContain('思茅区第一中学');
  const school = coord.findAll('.desk-table__row--tap').find((n) => coord.textOf(n).includes('思茅区第一中学'));
  await coord.tap(school!);
  await coord.waitForText('各班级');
  expect(coord.text()).toContain('合计：思茅区第一中学');
  // the demo class has 5 children: no cell shows 1-4
  for (const cell of coord.findAll('.desk-table__num')) {
    const t = coord.textOf(cell).trim();
    if (/^\d+$/.test(t)) expect(Number(t) === 0 || Number(t) >= 5).toBe(true);
  }
  coord.assertHealthy();
});

test('the police handler files the month\'s return from 首页; a class teacher has no desk', async () => {
  const police = await weapp.openApp({ as: 'DEMO-POLICE' });
  await police.tab('首页');
  await police.tapText('填报部门月报', true);
  expect(police.route).toBe('packageDesk/pages/return/index');
  await police.waitForText('只填数字，不写姓名');
  for (const label of ['学生交通事故死亡人数', '学生实施犯罪案件数', '侵害学生犯罪案件数', '性侵未成年学生等恶性案件数', '学校周边联合执法检查次数']) {
    expect(police.text()).toContain(label);
  }
  for (const input of police.findAll('.ret-field__input')) await police.input(input, '0');
  await police.tapText('报送', true);
  await police.waitForText('已报送');
  const filed = await weapp.cloud.store.collection('figure_returns').find({});
  expect(filed).toHaveLength(1);
  // a correction needs its reason, and the record says which number changed from what to what
  await police.input(police.findAll('.ret-field__input')[0], '1');
  await police.input('例如：补报漏统计的1起。不要写姓名、电话。', '补报漏统计的1起');
  await police.tapText('提交更正', true);
  await police.waitForText('已更正');
  expect(police.text()).toContain('学生交通事故死亡人数：0 → 1');
  expect(police.text()).toContain('24:00 前报送');
  police.assertHealthy();
  const teacher = await weapp.openApp({ as: 'DEMO-TEACHER' });
  await teacher.tab('首页');
  expect(teacher.text()).not.toContain('目标看板');
});

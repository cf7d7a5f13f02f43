/**
 * The screening journey on the weapp build, by taps: before consent the
 * student is told kindly to wait; DEMO-PARENT opens the screening from 首页
 * and agrees; DEMO-STUDENT answers one item a screen, a positive item 9 shows
 * who to talk to now (12356, 12355) at once and after 提交; DEMO-PSY sees the
 * alert and opens the student's file; DEMO-TEACHER sees completion only.
 * Then DEMO-PSY's 首页 names the most urgent deadline, she records a paper
 * consent form (refused without its photo) and opens a new campaign.
 */
import { walk, type WxNode } from './wxml';
import { useWeapp, type Phone } from './harness';

jest.setTimeout(60_000);

const weapp = useWeapp();

/** Taps the button showing `label` inside the card that mentions `cardText`. */
async function tapInCard(phone: Phone, cardText: string, label: string) {
  const card = phone.findAll('.hh-card').find((n) => phone.textOf(n).includes(cardText));
  if (!card) throw new Error(`no card with "${cardText}" on ${phone.route}:\n${phone.text()}`);
  const button = [...walk([card])].find((n: WxNode) => n.tag !== '#text' && n.events.tap && phone.textOf(n).trim() === label);
  if (!button) throw new Error(`no "${label}" in the card "${cardText}"`);
  await phone.tap(button);
}

/** The question on screen is number `n`; pick the option showing `label`. */
async function answer(student: Phone, n: number, label: string) {
  expect(student.text()).toContain(`第 ${n} 题`);
  const choice = student.findAll('.hh-choice').find((c) => student.textOf(c).includes(label));
  if (!choice) throw new Error(`question ${n} has no "${label}":\n${student.text()}`);
  await student.tap(choice);
}

let student: Phone;

test('before a guardian agrees, the student is told kindly to wait', async () => {
  student = await weapp.openApp({ as: 'DEMO-STUDENT' });
  await student.tab('首页');
  expect(student.text()).toContain('需要家长先同意');
  await tapInCard(student, '需要家长先同意', '打开');
  expect(student.route).toBe('packageScreening/pages/answer/index');
  expect(student.text()).toContain('还要再等一等');
  expect(student.text()).not.toContain('第 1 题');
  student.assertHealthy();
});

test('the parent opens the screening from 首页 and agrees', async () => {
  const parent = await weapp.openApp({ as: 'DEMO-PARENT' });
  await parent.tab('首页');
  await tapInCard(parent, '学校的心理测评需要您同意', '打开');
  expect(parent.route).toBe('packageScreening/pages/consent/index');
  expect(parent.text()).toContain('个人信息保护法');
  await parent.tapText('同意参加', true);
  await parent.waitForText('已同意，孩子可以开始作答');
  parent.assertHealthy();
});

test('the student answers one item a screen; item 9 shows who to talk to now, and again after 提交', async () => {
  await student.tab('首页');
  await tapInCard(student, '有一份心理测评等你完成', '打开');
  expect(student.text()).toContain('说说你最近怎么样');
  await student.tapText('开始', true);
  for (let n = 1; n <= 8; n++) await answer(student, n, '完全不会');
  await answer(student, 9, '好几天');
  // at once, before anything is sent
  expect(student.text()).toContain('现在就可以找人聊聊');
  for (const n of ['12356', '12355']) expect(student.text()).toContain(n);
  await student.tapText('我知道了，继续答题', true);
  for (let n = 10; n <= 16; n++) await answer(student, n, '完全不会');
  for (let n = 17; n <= 20; n++) await answer(student, n, '不是');
  await student.tapText('答完了，提交', true);
  await student.waitForText('心理老师很快会来找你');
  for (const n of ['12356', '12355']) expect(student.text()).toContain(n);
  expect(student.text()).not.toMatch(/PHQ|抑郁|焦虑|重度|分数/);
  // One submission reached the cloud, with item 9 flagged.
  const alerts = await weapp.cloud.store.collection<{ _id: string }>('screening_alerts').find({});
  expect(alerts.length).toBe(1);
  student.assertHealthy();
});

test('the psychology teacher sees the alert on 首页 and opens the student file', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.tab('首页');
  expect(psy.text()).toContain('有 1 条预警待跟进');
  await tapInCard(psy, '心理测评', '打开');
  const row = psy.findAll('.scr-row').find((n) => psy.textOf(n).includes('李小雨'));
  expect(row && psy.textOf(row)).toContain('当天内');
  await psy.tap(row!);
  expect(psy.route).toBe('packageScreening/pages/file/index');
  await psy.waitForText('李小雨的一生一策档案');
  expect(psy.text()).toContain('PHQ-A 第9题');
  psy.assertHealthy();
});

test('the class teacher sees who has finished, and nothing of the answers', async () => {
  const teacher = await weapp.openApp({ as: 'DEMO-TEACHER' });
  await teacher.tab('首页');
  await teacher.tapText('心理测评完成情况', true);
  expect(teacher.route).toBe('packageScreening/pages/completion/index');
  const row = teacher.findAll('.scr-row').find((n) => teacher.textOf(n).includes('李小雨'));
  expect(row && teacher.textOf(row)).toContain('已完成');
  expect(teacher.text()).toContain('完成 1/5');
  expect(teacher.text()).not.toMatch(/当天内|预警|PHQ|第9题|重度|阳性/);
  // a family that has not answered the consent request can be reminded; this one has no guardian on the app yet,
  // so the row says so where the button would be (a reminder could only fail)
  const waiting = teacher.findAll('.scr-row').find((n) => teacher.textOf(n).includes('王梓涵'))!;
  expect(teacher.textOf(waiting)).toContain('家长还没有绑定护航');
  const remind = [...walk([waiting])].filter((n: WxNode) => n.tag !== '#text' && n.events.tap && teacher.textOf(n).trim() === '提醒家长');
  expect(remind).toHaveLength(0);
  teacher.assertHealthy();
});

test('the psychology teacher: 首页 names the deadline; a paper form is refused without its photo and saved with one', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.tab('首页');
  expect(psy.text()).toMatch(/最急的一条：(今天|明天) \d\d:\d\d 前/);
  await tapInCard(psy, '心理测评', '打开');
  const row = psy.findAll('.scr-row').find((n) => psy.textOf(n).includes('王梓涵'));
  expect(row && psy.textOf(row)).toContain('等待家长同意');
  // the link inside the row (the row itself opens the file): the innermost element that listens to taps
  const link = [...walk([row!])].filter((n: WxNode) => n.tag !== '#text' && n.events.tap && psy.textOf(n).includes('录入纸质同意书')).pop();
  await psy.tap(link!);
  expect(psy.route).toBe('packageScreening/pages/paper/index');
  await psy.input('例如：刘芳', '王丽');
  await psy.tapText('录入同意书', true);
  await psy.waitForText('请先拍一张签好字的纸质同意书照片');
  psy.pickPhotos(['test/fixtures/gps.jpg']);
  await psy.tapText('拍照或选择照片', true);
  // WeChat asks once before the album opens (the privacy popup)
  await psy.tapText('同意', true);
  await psy.waitForText('重新拍照');
  await psy.tapText('录入同意书', true);
  await psy.waitForText('已录入');
  expect(psy.text()).toContain('学校录入了您签署的纸质同意书');
  psy.assertHealthy();
});

test('the psychology teacher opens next semester\'s screening from the app', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.tab('首页');
  await tapInCard(psy, '心理测评', '组织测评');
  expect(psy.route).toBe('packageScreening/pages/campaigns/index');
  await psy.tapText('新建一次测评', true);
  await psy.input('例如：2027年春季学期七年级心理健康测评', '七年级心理健康筛查（测试）');
  await psy.tapText('七年级', true);
  await psy.tapText('创建测评', true);
  await psy.waitForText('七年级心理健康筛查（测试）');
  expect(psy.text()).toContain('说明第1版');
  psy.assertHealthy();
});

test('with two campaigns open, 筛查结果 switches between them and the new empty one says why it is empty', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.tab('首页');
  await tapInCard(psy, '心理测评', '打开');
  expect(psy.route).toBe('packageScreening/pages/results/index');
  const chips = () => psy.findAll('.hh-choice--chip').map((n) => psy.textOf(n));
  expect(chips()).toEqual(expect.arrayContaining([expect.stringContaining('七年级心理健康筛查（测试）'), expect.stringContaining('八年级心理健康测评')]));
  await psy.tapText('七年级心理健康筛查（测试）', true);
  await psy.waitForText('这次测评的年级里还没有学生');
  expect(psy.text()).not.toContain('李小雨');
  await psy.tapText('2026—2027学年第一学期 八年级心理健康测评', true);
  await psy.waitForText('李小雨');
  psy.assertHealthy();
});

/**
 * The main journeys on the weapp build, by taps and typing, each phone its
 * own WeChat user (OPENID) against the real cloud handlers: an anonymous
 * report with a photo from the 举报 tab to the receipt (我已经记下来了
 * asking first), its status by code and secret on another phone, the
 * handler routing chose acknowledging and replying in the workbench, and
 * redeeming an invitation code on 我的 (a class teacher: 班级工作 and
 * 强制报告 on 首页, no workbench of reports).
 */
import path from 'node:path';
import { ACCESS_MESSAGES } from '../../src/cloud/handlers/report/reporterAccess';
import { useWeapp, type Phone } from './harness';

// A shared 2-core machine can be slow; each step settles on real timers.
jest.setTimeout(60_000);

const weapp = useWeapp();

const DESCRIPTION = '我们班有几个同学每天放学在厕所里打一个同学，他的手臂都青了，不敢告诉老师。';
const REPLY = '同学你好，我们已经联系学校，今天会找相关同学了解情况，请放心。';

/** The groups of the code or secret on the receipt, joined as printed. */
const groups = (phone: Phone, cls: string) => phone.findAll(`.${cls} .done-secret__group`).map((n) => phone.textOf(n).trim());

/**
 * From the first question of 我要举报 to the review: a bullying report at the
 * demo school, someone hurt, happening now; with a photo (agreeing to the
 * privacy popup) or declining the popup, when asked.
 */
async function fillReport(reporter: Phone, { photo }: { photo?: 'agree' | 'decline' } = {}) {
  expect(reporter.route).toBe('packageReport/pages/submit/index');
  // no step total until the category is known (it decides how many steps follow)
  expect(reporter.text()).toContain('第1步');
  expect(reporter.text()).not.toMatch(/第1步\/共/);

  // 下一步 without an answer is refused with a reason, and the form stays.
  await reporter.tapText('下一步', true);
  expect(reporter.text()).toContain('第1步');

  await reporter.tap('.hh-report-category--bullying');
  expect(reporter.text()).toMatch(/第1步\/共\d+步/);
  await reporter.tapText('下一步', true);
  await reporter.tap('.hh-report-flag--injury-yes');
  await reporter.tap('.hh-report-flag--weapon-no');
  await reporter.tap('.hh-report-flag--extortion-no');
  await reporter.tapText('下一步', true);
  await reporter.tap('.hh-report-place-mode--school');
  await reporter.tap('.hh-report-county--simao');
  await reporter.tap('.hh-report-school--sch-simao-1');
  await reporter.tapText('下一步', true);
  await reporter.tap('.hh-report-when--now');
  await reporter.tapText('下一步', true);
  await reporter.input('.hh-report-description textarea', DESCRIPTION);
  await reporter.tapText('下一步', true);
  expect(reporter.text()).toContain('有照片吗');
  if (photo === 'agree') {
    // A real JPEG carrying GPS EXIF, picked from the album: it goes to CloudBase storage, then upload.finalize.
    reporter.pickPhotos([path.resolve(__dirname, '../fixtures/gps.jpg')]);
    await reporter.tapText('添加照片', true);
    // The first time, WeChat holds the album until the person agrees in our privacy popup.
    expect(reporter.text()).toContain('保护你的隐私');
    expect(reporter.privacyPrompts).toEqual([{ api: 'chooseImage', by: 'app', shown: true }]);
    await reporter.tapText('同意', true);
    expect(reporter.privacyPrompts[0].answer).toBe('agree');
    await reporter.waitForText('第1张：已上传');
    expect(reporter.text()).not.toContain('保护你的隐私');
    expect(weapp.storage.paths('tmp-uploads/')).toEqual([]); // the raw upload (EXIF, OPENID) is gone
  } else if (photo === 'decline') {
    reporter.pickPhotos([path.resolve(__dirname, '../fixtures/gps.jpg')]);
    await reporter.tapText('添加照片', true);
    await reporter.tapText('不同意', true);
    expect(reporter.privacyPrompts.map((p) => p.answer)).toEqual(['disagree']);
    expect(reporter.text()).not.toContain('第1张');
    expect(reporter.text()).not.toContain('保护你的隐私');
  }
  await reporter.tapText('下一步', true);
  await reporter.tap('.hh-report-relation--witness');
  await reporter.tapText('下一步', true);
}

let receipt: { code: string; secret: string };

test('an anonymous report, step by step, ends on a receipt with code and secret', async () => {
  const reporter = await weapp.openApp();
  await reporter.tab('举报');
  for (const n of ['110', '120', '12356', '12355']) expect(reporter.text()).toContain(n);
  await reporter.tapText('我要举报', true);
  await fillReport(reporter, { photo: 'agree' });
  expect(reporter.text()).toContain('检查一下，没问题就提交');
  expect(reporter.text()).toContain('手臂都青了');
  await reporter.tapText('提交', true);

  expect(reporter.route).toBe('packageReport/pages/done/index');
  const code = groups(reporter, 'hh-report-code').join('-');
  const secret = groups(reporter, 'hh-report-secret').join('');
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  expect(secret.replace(/-/g, '')).toHaveLength(8);
  expect(reporter.text()).toContain('思茅区教育体育局');
  // The filled-in form is gone from the stack (redirectTo replaced it): back leads to the 举报 tab.
  expect(reporter.stack).toEqual(['pages/report/index', 'packageReport/pages/done/index']);
  reporter.assertHealthy();
  receipt = { code, secret };

  // 我已经记下来了 asks first (WeChat's own modal, which refuses button words over 4 characters); 再看一下 keeps the code.
  reporter.answerModal = () => ({ confirm: false });
  await reporter.tapText('我已经记下来了', true);
  expect(reporter.modals.map((m) => m.title)).toEqual(['查询码抄好了吗？']);
  expect(groups(reporter, 'hh-report-code').join('-')).toBe(code);
  reporter.answerModal = () => ({ confirm: true });

  // Kept on this phone (wx storage), it is still there after the app was closed and opened again.
  await reporter.tapText('在这台手机上记住', true);
  const reopened = await reporter.restart();
  await reopened.tab('举报');
  await reopened.tapText('查询举报进度', true);
  expect(reopened.text()).toContain(code);
  await reopened.tap('.hh-report-remembered-open');
  expect(reopened.findAll('.hh-report-status').length).toBe(1);
  reopened.assertHealthy();
});

test('the handler routing chose acknowledges and replies in the workbench', async () => {
  expect(receipt).toBeDefined();
  const edu = await weapp.openApp();
  await edu.asDemo('DEMO-EDU');
  await edu.tab('首页');
  await edu.tapText('打开工作台', true);
  expect(edu.route).toBe('packageWork/pages/inbox/index');
  await edu.tap('.hh-inbox-item');
  expect(edu.route).toBe('packageWork/pages/case/index');
  expect(edu.text()).toContain('手臂都青了');
  // The photo reaches the handler as a link to the cleaned copy.
  expect(edu.findAll('image.hh-case-photo').map((n) => String(n.attrs.src))).toEqual([expect.stringMatching(/^\/files\//)]);

  await edu.tap('.hh-case-ack');
  expect(edu.findAll('.hh-case-ack')).toHaveLength(0);
  await edu.tap('.hh-case-reply');
  await edu.input('.hh-case-reply-text textarea', REPLY);
  await edu.tap('.hh-case-reply-send');
  await edu.waitForText('我们已经联系学校');
  edu.assertHealthy();

  // Informed, not lead: the police (someone was hurt) read the case but get no 受理.
  const police = await weapp.openApp({ as: 'DEMO-POLICE' });
  await police.open('/packageWork/pages/inbox/index');
  await police.tap('.hh-inbox-item');
  expect(police.text()).toContain('手臂都青了');
  expect(police.findAll('.hh-case-ack')).toHaveLength(0);
  police.assertHealthy();
});

test('on another phone, the code and the secret show the status and the reply', async () => {
  expect(receipt).toBeDefined();
  const later = await weapp.openApp();
  await later.tab('举报');
  await later.tapText('查询举报进度', true);
  expect(later.route).toBe('packageReport/pages/status/index');
  await later.input('.hh-report-status-code input', receipt.code.toLowerCase());
  await later.input('.hh-report-status-secret input', receipt.secret);
  await later.tap('.hh-report-status-query');
  await later.waitForText('我们已经联系学校');
  expect(later.findAll('.status-bubble--handler').length).toBeGreaterThan(0);
  later.assertHealthy();
});

test('a wrong secret is refused with words that say what to do', async () => {
  expect(receipt).toBeDefined();
  const guesser = await weapp.openApp();
  await guesser.open('/packageReport/pages/status/index');
  await guesser.input('.hh-report-status-code input', receipt.code);
  await guesser.input('.hh-report-status-secret input', 'AAAA2222');
  await guesser.tap('.hh-report-status-query');
  expect(guesser.text()).not.toContain('我们已经联系学校');
  expect(guesser.textOf(guesser.find('.hh-notice'))).toContain(ACCESS_MESSAGES.wrong);
  guesser.assertHealthy();
});

test('an invitation code redeemed on 我的 binds the role and shows its cards on 首页', async () => {
  const teacher = await weapp.openApp();
  await teacher.tab('我的');
  expect(teacher.text()).toContain('还没有绑定身份');
  await teacher.input('请输入邀请码', 'demo-teacher');
  await teacher.tapText('绑定身份', true);
  await teacher.waitForText('绑定成功');
  expect(teacher.text()).toContain('班主任');
  await teacher.tab('首页');
  expect(teacher.text()).toContain('班级工作');
  // a class teacher handles no report: no workbench card of them, but the way to file a 强制报告
  expect(teacher.text()).not.toContain('交给您处理的举报');
  await teacher.tapText('提交强制报告', true);
  expect(teacher.route).toBe('packageWork/pages/mandatory/index');
  // The role is this WeChat user's: the cloud knows it by the phone's OPENID.
  const user = await weapp.cloud.store.collection<{ _id: string; roles?: { role: string }[] }>('users').get(teacher.userId);
  expect(user?.roles?.map((r) => r.role)).toContain('class_teacher');
  teacher.assertHealthy();
});

test('a code that does not exist is refused and binds nothing', async () => {
  const stranger = await weapp.openApp();
  await stranger.tab('我的');
  await stranger.input('请输入邀请码', 'NOT-A-CODE');
  await stranger.tapText('绑定身份', true);
  expect(stranger.text()).toContain('还没有绑定身份');
  expect(stranger.findAll('.hh-notice').length).toBeGreaterThan(0);
  const user = await weapp.cloud.store.collection<{ _id: string; roles?: unknown[] }>('users').get(stranger.userId);
  expect(user?.roles ?? []).toEqual([]);
  stranger.assertHealthy();
});

test('with no network the report waits on the phone, survives a restart, and goes out when the network is back', async () => {
  // The app's retry back-off (~7.5 s) runs 100× faster.
  const reporter = await weapp.openApp({ timeScale: 100 });
  await reporter.open('/packageReport/pages/submit/index');
  await fillReport(reporter);
  await reporter.setOnline(false);
  await reporter.tapText('提交', true);
  await reporter.waitForText('等待网络，恢复后自动发送');
  expect(reporter.storage.has('huhang.reportQueue')).toBe(true);

  // The phone is switched off and on, still without network: the report is still waiting.
  const again = await reporter.restart('/pages/report/index');
  expect(again.storage.has('huhang.reportQueue')).toBe(true);
  await again.setOnline(true);
  await again.waitForText('举报已经提交，谢谢你！');
  expect(again.modals.map((m) => m.title)).toContain('举报已经发出');
  expect(again.route).toBe('packageReport/pages/done/index');
  expect(groups(again, 'hh-report-code').join('-')).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  expect(again.storage.has('huhang.reportQueue')).toBe(false);
  again.assertHealthy();
});

test('saying 不同意 to the privacy popup adds no photo, and the report still goes out', async () => {
  const reporter = await weapp.openApp();
  await reporter.open('/packageReport/pages/submit/index');
  await fillReport(reporter, { photo: 'decline' });
  expect(reporter.text()).toContain('没有照片');
  await reporter.tapText('提交', true);
  expect(reporter.route).toBe('packageReport/pages/done/index');
  reporter.assertHealthy();
});

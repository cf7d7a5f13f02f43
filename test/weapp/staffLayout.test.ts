/**
 * Staff pages on a 375 px phone (issue 18's blocker): no element that listens
 * to taps lies past the right edge of the screen, as far as the harness can
 * tell from the rendered tree and the build's WXSS (layout.ts: the method).
 * The psychology teacher reaches every tab of the 一生一策 file and every way
 * of 告知家长; every staff page of every staff role is checked as it opens.
 * The file's status is set by hand, and its log shows what the guardian read.
 * A copy of the build whose tab row cannot wrap is caught, naming the tab.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, useWeapp } from './harness';

jest.setTimeout(120_000);

const weapp = useWeapp();
const FILE = '/packageScreening/pages/file/index?studentId=stu-simao-1';
const TABS = ['跟进', '告知家长', '转介', '辅导计划', '状态'];
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('the psychology teacher reaches every tab of the file, and every way of telling the family, on a phone', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.open(FILE);
  await psy.waitForText('李小雨的一生一策档案');
  expect(psy.offscreen()).toEqual([]);
  for (const tab of TABS) {
    await psy.tapText(tab, true);
    expect(psy.offscreen()).toEqual([]);
  }
  await psy.tapText('告知家长', true);
  for (const how of ['电话', '当面', '书面', '小程序']) {
    const chip = psy.findAllByText(how, true)[0];
    expect(chip).toBeDefined();
  }
  expect(psy.offscreen()).toEqual([]);
  psy.assertHealthy();
});

test('the psychology teacher sets the file status by hand, and the log shows the words the guardian read', async () => {
  const psy = await weapp.openApp({ as: 'DEMO-PSY' });
  await psy.open(FILE);
  await psy.waitForText('李小雨的一生一策档案');
  await psy.tapText('状态', true);
  await psy.tapText('重点关注', true);
  await psy.tapText('把状态改为“重点关注”', true);
  await psy.waitForText('· 重点关注');
  expect(psy.text()).toContain('状态 → 重点关注');

  await psy.tapText('告知家长', true);
  // by phone: a record of how the family was told, with no words for the app
  expect(psy.text()).not.toContain('家长在小程序里能看到的话');
  await psy.tapText('小程序', true);
  expect(psy.text()).toContain('每一位已绑定的监护人');
  await psy.input('写下经过和约定', '在小程序里告知母亲，约定周五面谈。');
  await psy.input('家长在小程序里能看到的话', '孩子最近有些压力，周五请来学校聊一聊。');
  await psy.tapText('保存记录', true);
  await psy.waitForText('家长在小程序里看到的话：“孩子最近有些压力，周五请来学校聊一聊。”');
  expect(psy.offscreen()).toEqual([]);
  psy.assertHealthy();
});

const STAFF: Array<[string, string[]]> = [
  ['DEMO-PSY', ['packageScreening/pages/results/index', 'packageScreening/pages/alerts/index', 'packageScreening/pages/stats/index']],
  ['DEMO-TEACHER', ['packageScreening/pages/completion/index', 'packageHoliday/pages/class/index', 'packageLessons/pages/class/index', 'pages/index/index']],
  ['DEMO-EDU', ['packageWork/pages/inbox/index', 'packageWork/pages/stats/index', 'packageWork/pages/mandatory/index']],
  ['DEMO-COORD-SIMAO', ['packageWork/pages/inbox/index', 'packageHoliday/pages/coverage/index', 'packageScreening/pages/stats/index']],
];

test.each(STAFF)('%s: every staff page keeps its tappable elements on a 375 px screen', async (code, routes) => {
  const phone = await weapp.openApp({ as: code });
  for (const route of routes) {
    expect(await phone.checkPage(route)).toEqual([]);
    expect({ route, offscreen: phone.offscreen() }).toEqual({ route, offscreen: [] });
  }
});

test('a build whose tab row cannot wrap is caught, naming the tab off screen', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-weapp-nowrap-'));
  copies.push(dir);
  cpSync(DIST, dir, { recursive: true });
  const file = path.join(dir, 'packageScreening/sub-vendors.wxss');
  const before = readFileSync(file, 'utf8');
  const after = before.replace(/(\.scr-nav\{[^}]*?)-webkit-flex-wrap:wrap;?/, '$1').replace(/(\.scr-nav\{[^}]*?)-ms-flex-wrap:wrap;?/, '$1').replace(/(\.scr-nav\{[^}]*?)flex-wrap:wrap;?/, '$1');
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  const psy = await weapp.openApp({ as: 'DEMO-PSY', dist: dir });
  await psy.open(FILE);
  await psy.waitForText('李小雨的一生一策档案');
  const off = psy.offscreen().map((o) => o.text);
  expect(off).toContain('辅导计划');
});

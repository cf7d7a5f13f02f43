/**
 * Enrolment on the weapp build, by taps (issue 14): a school admin picks the
 * roster sheet from a WeChat chat (wx.chooseMessageFile), checks it and
 * imports it; a parent scans the slip's mini-program code, which opens 我的
 * with the code filled in (`scene`), types only their name and is bound.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GOOD, xlsx } from '../fixtures/roster';
import { useWeapp } from './harness';

jest.setTimeout(60_000);
const weapp = useWeapp();

let sheet: string;
beforeAll(async () => {
  sheet = path.join(mkdtempSync(path.join(tmpdir(), 'huhang-roster-')), '八年级名册.xlsx');
  writeFileSync(sheet, await xlsx(GOOD));
});

test('the school admin picks the roster from a chat, checks it and imports it', async () => {
  const phone = await weapp.openApp({ as: 'DEMO-SCHOOL-ADMIN' });
  await phone.tab('首页');
  await phone.tapText('学校、名册和邀请码', true);
  expect(phone.route).toBe('packageAdmin/pages/index/index');
  await phone.waitForText('思茅区第一中学');
  await phone.tapText('导入学生名册', true);
  expect(phone.route).toBe('packageAdmin/pages/roster/index');
  phone.pickFiles([sheet]);
  await phone.tapText('从聊天记录选择表格', true);
  await phone.waitForText('已选择：八年级名册.xlsx');
  await phone.tapText('先检查，不导入', true);
  await phone.waitForText('检查结果（还没有导入）');
  expect(phone.text()).toContain('新增 5 人');
  expect(phone.text()).toContain('身份证号');
  expect(await weapp.cloud.store.collection('students').count({ studentNo: 'G5308022013010101' })).toBe(0);
  await phone.tapText('导入', true);
  await phone.waitForText('导入完成');
  expect(await weapp.cloud.store.collection('students').count({ studentNo: 'G5308022013010101' })).toBe(1);
  // the sheet (children's data) is gone from storage once imported
  expect(weapp.storage.paths('tmp-uploads/')).toEqual([]);
  phone.assertHealthy();
});

test('a scanned slip opens 我的 with the code filled in; the parent types only their name', async () => {
  const teacher = await weapp.cloud.as('DEMO-TEACHER');
  const slips = await weapp.cloud.call('invite.issue', { classId: 'cls-simao-1-8-2', role: 'guardian' }, { as: teacher });
  const slip = slips.data.find((s: any) => s.studentId === 'stu-simao-3'); // 王梓涵: roster guardians 王丽 (母亲), 王强 (父亲)
  const phone = await weapp.openApp({ launch: `/pages/me/index?scene=${encodeURIComponent(slip.code)}` });
  expect(phone.route).toBe('pages/me/index');
  await phone.tapText('绑定身份', true);
  await phone.waitForText('这是家长邀请码');
  await phone.input('您的姓名，例如：刘芳', '王强');
  await phone.tapText('绑定身份', true);
  await phone.waitForText('绑定成功');
  const link = await weapp.cloud.store.collection('guardianships').find({ studentId: 'stu-simao-3' });
  expect(link).toEqual([expect.objectContaining({ name: '王强', relation: '父亲' })]);
  phone.assertHealthy();
});

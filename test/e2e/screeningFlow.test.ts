/**
 * Screening in a real browser against the real server (demo campaign seeded
 * open today): DEMO-PARENT consents → DEMO-STUDENT answers with item 9 above
 * 0 → sees who to talk to at once and after 提交 → DEMO-PSY sees the alert
 * and opens her 一生一策 file → DEMO-TEACHER sees only completion.
 */
import type { Page } from 'playwright-core';
import { redeem as redeemAt, useApp } from './app';
import { phone } from './browser';

jest.setTimeout(180_000);

const app = useApp();
const redeem = (page: Page, code: string) => redeemAt(page, app.server.url, code);
const button = (page: Page, text: string) => page.locator('.hh-button', { hasText: text }).filter({ visible: true }).first();

async function answer(page: Page, n: number, label: string) {
  await page.getByText(`第 ${n} 题`, { exact: false }).filter({ visible: true }).first().waitFor();
  await page.locator('.hh-choice', { hasText: label }).filter({ visible: true }).first().click();
}

test('parent consents → student answers item 9 → talk-now screen → psychology teacher sees the alert and the file → class teacher sees completion only', async () => {
  // The guardian is asked on the home page, reads what it is, agrees.
  const parent = await (await phone(app.browser)).newPage();
  await redeem(parent, 'DEMO-PARENT');
  await parent.goto(`${app.server.url}#/pages/index/index`);
  await parent.getByText('学校的心理测评需要您同意', { exact: false }).waitFor();
  await button(parent, '打开').click();
  await parent.getByText('个人信息保护法', { exact: false }).waitFor();
  await button(parent, '同意参加').click();
  await parent.getByText('已同意，孩子可以开始作答', { exact: false }).filter({ visible: true }).first().waitFor();

  // The student: home entry → intro → one item a screen.
  const student = await (await phone(app.browser)).newPage();
  await redeem(student, 'DEMO-STUDENT');
  await student.goto(`${app.server.url}#/pages/index/index`);
  await student.getByText('有一份心理测评等你完成', { exact: false }).waitFor();
  await button(student, '打开').click();
  await button(student, '开始').click();
  for (let n = 1; n <= 8; n++) await answer(student, n, '完全不会');
  await answer(student, 9, '好几天');
  // at once: who to talk to now
  await student.getByText('现在就可以找人聊聊').waitFor();
  for (const n of ['12356', '12355']) await student.getByText(n).filter({ visible: true }).first().waitFor();
  await button(student, '继续答题').click();
  for (let n = 10; n <= 16; n++) await answer(student, n, '完全不会');
  for (let n = 17; n <= 20; n++) await answer(student, n, '不是');
  await button(student, '答完了，提交').click();
  await student.getByText('心理老师很快会来找你', { exact: false }).waitFor();
  const seen = await student.locator('body').innerText();
  expect(seen).not.toMatch(/PHQ|抑郁|焦虑|重度|分数/);

  // The school's psychology teacher: the alert on the home page, the results, her file.
  const psy = await (await phone(app.browser)).newPage();
  await redeem(psy, 'DEMO-PSY');
  await psy.goto(`${app.server.url}#/pages/index/index`);
  await psy.getByText('有 1 条预警待跟进', { exact: false }).waitFor();
  await psy.locator('.hh-card', { hasText: '心理测评' }).locator('.hh-button', { hasText: '打开' }).click();
  const row = psy.locator('.scr-row', { hasText: '李小雨' }).first();
  await row.getByText('当天内', { exact: false }).waitFor();
  await row.click();
  await psy.getByText('李小雨的一生一策档案').waitFor();
  await psy.getByText('PHQ-A 第9题', { exact: false }).filter({ visible: true }).first().waitFor();
  // after a follow-up the alert is handled, and the reason stays in sight on the file
  await psy.locator('textarea').first().fill('课间单独谈话，情绪平稳，约定每周见面。');
  await psy.locator('.hh-button', { hasText: '保存记录' }).click();
  await psy.getByText('曾经的预警', { exact: false }).waitFor();
  expect(await psy.locator('.scr-alert-past').first().innerText()).toContain('PHQ-A 第9题');

  // The class teacher: who has finished, nothing more.
  const teacher = await (await phone(app.browser)).newPage();
  await redeem(teacher, 'DEMO-TEACHER');
  await teacher.goto(`${app.server.url}#/pages/index/index`);
  await button(teacher, '心理测评完成情况').click();
  await teacher.locator('.scr-row', { hasText: '李小雨' }).getByText('已完成').waitFor();
  const text = await teacher.locator('body').innerText();
  expect(text).toContain('完成 1/5');
  expect(text).not.toMatch(/当天内|预警|PHQ|第9题|重度|阳性/);
});

/**
 * Issue 16's browser journey, against the real server: the mother
 * (DEMO-PARENT) declines → the psychology teacher (DEMO-PSY) tries to record
 * her paper form without a photo (refused) → with one → the student starts
 * answering (a draft on the server) → the mother sees the paper form in the
 * app and withdraws → the draft is gone, on the server and on the phone.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { redeem as redeemAt, useApp } from './app';
import { phone } from './browser';

jest.setTimeout(180_000);

const app = useApp();
const redeem = (page: Page, code: string) => redeemAt(page, app.server.url, code);
const button = (page: Page, text: string) => page.locator('.hh-button', { hasText: text }).filter({ visible: true }).first();

/** Rows in a table of the server's database (read-only, beside the running server). */
function count(table: string): number {
  const db = new Database(path.join(app.server.dataDir, 'huhang.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('mother declines → paper form without a photo refused → with one → she sees it and withdraws → the draft is gone', async () => {
  // The mother says no in the app.
  const mother = await (await phone(app.browser)).newPage();
  await redeem(mother, 'DEMO-PARENT');
  await mother.goto(`${app.server.url}#/pages/index/index`);
  await mother.getByText('学校的心理测评需要您同意', { exact: false }).waitFor();
  await button(mother, '打开').click();
  await mother.getByText('谁能看到孩子的回答').waitFor();
  await button(mother, '不同意').click();
  await mother.getByText('不参加，我们尊重这个决定', { exact: false }).filter({ visible: true }).first().waitFor();

  // The psychology teacher records the paper form: first without a photo.
  const psy = await (await phone(app.browser)).newPage();
  await redeem(psy, 'DEMO-PSY');
  await psy.goto(`${app.server.url}#/pages/index/index`);
  await psy.locator('.hh-card', { hasText: '心理测评' }).locator('.hh-button', { hasText: '打开' }).click();
  const row = psy.locator('.scr-row', { hasText: '李小雨' }).first();
  await row.getByText('家长不同意参加').waitFor();
  await row.getByText('录入纸质同意书').click();
  await psy.getByText('李小雨的纸质同意书').waitFor();
  await psy.locator('.scr-input--line input').fill('刘芳');
  await button(psy, '录入同意书').click();
  await psy.getByText('请先拍一张签好字的纸质同意书照片', { exact: false }).waitFor();
  expect(count('screening_consents')).toBe(1); // only her "no"

  // … then with the photo of the signed form.
  const chooser = psy.waitForEvent('filechooser');
  await button(psy, '拍照或选择照片').click();
  await (await chooser).setFiles(path.resolve(__dirname, '../fixtures/gps.jpg'));
  await psy.locator('.scr-photo').waitFor();
  await button(psy, '录入同意书').click();
  await psy.getByText('这位家长之前在小程序里选了“不同意”', { exact: false }).waitFor();

  // The student may now answer; a few answers make a draft on the server.
  const student = await (await phone(app.browser)).newPage();
  await redeem(student, 'DEMO-STUDENT');
  await student.goto(`${app.server.url}#/packageScreening/pages/answer/index`);
  await button(student, '开始').click();
  for (let n = 1; n <= 3; n++) {
    await student.getByText(`第 ${n} 题`, { exact: false }).filter({ visible: true }).first().waitFor();
    await student.locator('.hh-choice', { hasText: '好几天' }).filter({ visible: true }).first().click();
  }
  await until(() => count('screening_drafts') === 1, 'the draft on the server');

  // The mother is told in the app, sees who recorded what and when, and withdraws.
  await mother.goto(`${app.server.url}#/pages/index/index`);
  await mother.getByText('学校录入了您签署的纸质同意书', { exact: false }).filter({ visible: true }).first().waitFor();
  await button(mother, '打开').click();
  await mother.getByText('您之前在小程序里选择了“不同意”', { exact: false }).waitFor();
  await mother.getByText('录入人：陈静老师', { exact: false }).waitFor();
  await mother.locator('.scr-photo').waitFor();
  await button(mother, '撤回同意').click();
  await mother.getByText('不参加，我们尊重这个决定', { exact: false }).filter({ visible: true }).first().waitFor();

  // The draft is gone at once: on the server, and from the phone when she opens the questionnaire again.
  expect(count('screening_drafts')).toBe(0);
  await student.reload();
  await student.getByText('这次不用填写').waitFor();
  expect(await student.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('hh-screening-draft')))).toEqual([]);
  await student.getByText('想找人聊聊').waitFor();
});

/**
 * The holiday letter end to end, in a real browser against the real server
 * (whatever today's date: the demo publishes the next holiday's letter):
 * DEMO-PARENT draws on the signature pad and signs, DEMO-GRANDPARENT
 * confirms without writing, and DEMO-TEACHER sees the class coverage move by
 * one child (two guardians, one child).
 */
import type { Page } from 'playwright-core';
import { redeem, useApp } from './app';
import { phone } from './browser';

jest.setTimeout(180_000);

const app = useApp();

async function teacherCount(page: Page): Promise<number> {
  await page.goto(`${app.server.url}#/packageHoliday/pages/class/index`);
  await page.reload();
  const text = await page.locator('.hol-class-count').textContent({ timeout: 20_000 });
  const m = text?.match(/已签 (\d+) \/ 共 (\d+) 人/);
  if (!m) throw new Error('no count on the class page: ' + text);
  expect(Number(m[2])).toBe(5);
  return Number(m[1]);
}

async function openLetterFromHome(page: Page) {
  await page.goto(`${app.server.url}#/pages/index/index`);
  await page.locator('.home__holiday').click();
  await page.locator('.hol-letter').waitFor();
  await page.locator('.hh-button', { hasText: '全部都能做到，一起勾上' }).click();
}

test('parent signs by hand, grandparent confirms, the teacher sees one more child signed', async () => {
  const teacherCtx = await phone(app.browser);
  const teacher = await teacherCtx.newPage();
  await redeem(teacher, app.server.url, 'DEMO-TEACHER');
  const before = await teacherCount(teacher);

  // The mother draws her name on the pad and signs.
  const parentCtx = await phone(app.browser);
  const parent = await parentCtx.newPage();
  await redeem(parent, app.server.url, 'DEMO-PARENT');
  await openLetterFromHome(parent);
  const pad = parent.locator('.hh-sign__canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await parent.mouse.move(box.x + 30, box.y + 40);
  await parent.mouse.down();
  for (let i = 1; i <= 12; i++) await parent.mouse.move(box.x + 30 + i * 15, box.y + 40 + (i % 2 ? 30 : -10));
  await parent.mouse.up();
  await parent.locator('.hol-submit').click();
  await parent.locator('.hol-receipt').waitFor({ timeout: 20_000 });
  await expect(parent.locator('.hol-receipt').textContent()).resolves.toContain('手写签名');

  expect(await teacherCount(teacher)).toBe(before + 1);

  // The grandfather cannot write: he confirms. His signature is his own; the child still counts once.
  const grandCtx = await phone(app.browser);
  const grandpa = await grandCtx.newPage();
  await redeem(grandpa, app.server.url, 'DEMO-GRANDPARENT');
  await openLetterFromHome(grandpa);
  await grandpa.locator('.hh-notice', { hasText: '刘芳（母亲）' }).waitFor();
  await grandpa.locator('.hol-confirm').click();
  // One question, once: 确认签署？
  await grandpa.locator('.taro-modal__title', { hasText: '确认签署？' }).waitFor();
  await grandpa.locator('.taro-model__confirm').click();
  await grandpa.locator('.hol-receipt').waitFor({ timeout: 20_000 });
  await expect(grandpa.locator('.hol-receipt').textContent()).resolves.toContain('李国荣（祖父），您已于');

  expect(await teacherCount(teacher)).toBe(before + 1);
  const row = teacher.locator('.hol-child', { hasText: '李小雨' });
  await expect(row.textContent()).resolves.toMatch(/刘芳（母亲），手写签名.*李国荣（祖父），确认签署/);

  await Promise.all([teacherCtx.close(), parentCtx.close(), grandCtx.close()]);
});

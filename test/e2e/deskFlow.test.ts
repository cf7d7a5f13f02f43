/**
 * The desk in a real browser against the real server, at a desk (1366 px)
 * and on a phone (390 px): the 思茅区 coordinator opens 目标看板 from 首页,
 * reads screening coverage with its rule, taps into the schools and into a
 * school, and exports the desk as .xlsx (a download, read back with exceljs).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { redeem, useApp } from './app';

jest.setTimeout(180_000);

const app = useApp();

async function journey(browser: Browser, width: number) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', acceptDownloads: true, ...(width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await ctx.newPage();
  await redeem(page, app.server.url, 'DEMO-COORD-SIMAO');
  await page.goto(`${app.server.url}#/pages/index/index`);
  await page.locator('.hh-button', { hasText: '目标看板' }).click();
  await page.locator('.desk-bar__area', { hasText: '思茅区 目标看板' }).waitFor({ timeout: 30_000 });
  const card = page.locator('.desk-target', { hasText: '学生心理健康测评全覆盖' });
  await expect(card.textContent()).resolves.toContain('达到100%');
  // at a desk the targets sit in columns; on a phone in one
  const boxes = await page.locator('.desk-target').evaluateAll((els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().left));
  if (width >= 1024) expect(new Set(boxes.map(Math.round)).size).toBeGreaterThan(1);
  else expect(new Set(boxes.map(Math.round)).size).toBe(1);
  // nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width + 1);
  // the trend is drawn by ECharts on a canvas
  await card.locator('canvas').filter({ visible: true }).first().waitFor({ timeout: 20_000 });

  // the export downloads an .xlsx that opens, with the overview sheet
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.hh-button', { hasText: '导出整个看板（Excel）' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as any);
  expect(wb.worksheets[0].name).toBe('目标总览');

  await card.locator('.hh-button', { hasText: '看各县区、学校、班级' }).click();
  await page.locator('.desk-detail__sub', { hasText: '各学校' }).waitFor({ timeout: 20_000 });
  await page.locator('.desk-table__row--tap', { hasText: '思茅区第一中学' }).click();
  await page.locator('.desk-detail__sub', { hasText: '各班级' }).waitFor({ timeout: 20_000 });
  // the pages below stay in the page stack: read the newest table
  const table = page.locator('.desk-table').last();
  await expect(table.locator('.desk-table__row--total').textContent()).resolves.toContain('合计：思茅区第一中学');
  // every shown count is 0 or at least 5 (the demo school's few children show as 不显示, never "<5")
  const cells = await page.locator('.desk-table__num').allTextContents();
  expect(cells.join(' ')).toContain('不显示');
  expect(cells.join(' ')).not.toContain('<5');
  for (const t of cells.map((x) => x.trim()).filter((x) => /^\d+$/.test(x))) expect(Number(t) === 0 || Number(t) >= 5).toBe(true);
  if (width >= 1024) expect(await table.locator('.desk-table__row--head').isVisible()).toBe(true);
  // on a phone the head row is hidden, so each figure shows its heading beside it (人数 12), at a desk the head row does
  const label = table.locator('.desk-table__row--total .desk-table__label').first();
  expect(await label.isVisible()).toBe(width < 1024);
  if (width < 1024) expect(await label.textContent()).toBe('人数');
  await ctx.close();
}

test('at a desk (1366 px): read screening coverage, tap into a school, export', async () => {
  await journey(app.browser, 1366);
});

test('on a phone (390 px): the same', async () => {
  await journey(app.browser, 390);
});

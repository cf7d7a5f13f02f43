/**
 * Enrolment end to end in a real browser against the real server (issue 14):
 * DEMO-SCHOOL-ADMIN imports a class sheet (a file input, POST /upload,
 * check, import), prints the class's guardian slips on A4, a new phone
 * redeems one slip with the guardian's name, and that guardian signs the
 * holiday letter for the child.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { redeem, useApp } from './app';
import { phone } from './browser';
import { xlsx } from '../fixtures/roster';

jest.setTimeout(180_000);
const app = useApp();

const CLASS_SHEET = [
  [1, '段小满', 'G5308022013071101', '女', '2013-07-11', '八年级', '八年级（5）班', '530802201307110021', '思茅区某路1号', '13900000001', '段春梅', '母亲', '段国强', '父亲'],
  [2, '罗小川', 'G5308022013081202', '男', '2013-08-12', '八年级', '（5）班', '530802201308120012', '思茅区某路2号', '13900000002', '罗奶奶', '祖母', '', ''],
  [3, '普小慧', 'G5308022013091303', '女', '2013-09-13', '八年级', '5班', '530802201309130023', '思茅区某路3号', '13900000003', '普建华', '父亲', '', ''],
];

/** The school admin imports a sheet through 学校、名册和邀请码: choose the file, 先检查，不导入, 导入. */
async function importSheet(admin: Page, file: string) {
  await admin.goto(`${app.server.url}#/packageAdmin/pages/index/index`);
  await admin.locator('.hh-button', { hasText: '导入学生名册' }).filter({ visible: true }).first().click();
  await admin.locator('input[type=file]').setInputFiles(file);
  await admin.getByText(`已选择：${path.basename(file)}`).waitFor({ timeout: 20_000 });
  await admin.locator('.hh-button', { hasText: '先检查，不导入' }).click();
  await admin.getByText('检查结果（还没有导入）').waitFor({ timeout: 20_000 });
}

test('school admin imports a class sheet, prints the slips, a new phone redeems a slip and signs the holiday letter', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'huhang-e2e-roster-')), '八年级5班.xlsx');
  writeFileSync(file, await xlsx(CLASS_SHEET));

  const adminCtx = await phone(app.browser);
  const admin = await adminCtx.newPage();
  await redeem(admin, app.server.url, 'DEMO-SCHOOL-ADMIN');
  await importSheet(admin, file);
  await expect(admin.locator('.hh-card', { hasText: '检查结果' }).textContent()).resolves.toMatch(/新增 3 人[\s\S]*将新建班级：八年级（5）班[\s\S]*身份证号、家庭住址、联系电话/);
  await admin.locator('.hh-button', { hasText: /^导入$/ }).click();
  await admin.getByText('导入完成').waitFor({ timeout: 20_000 });

  await admin.goto(`${app.server.url}#/packageAdmin/pages/slips/index?classId=cls-simao-1-8-5&role=guardian`);
  await admin.locator('.hh-button', { hasText: '生成全班的码' }).click();
  // asked first: earlier unused codes of the class stop working
  await admin.getByText('还没有用过的码会作废', { exact: false }).waitFor();
  await admin.getByText('生成', { exact: true }).click();
  await admin.locator('.slip').filter({ visible: true }).nth(2).waitFor({ timeout: 20_000 });
  expect(await admin.locator('.slip').count()).toBe(3);
  const slip = admin.locator('.slip', { hasText: '罗小川' });
  const code = (await slip.locator('.slip__code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(slip.textContent()).resolves.toContain('从不公开孩子的信息');
  expect(await slip.locator('.slip__qr img, img.slip__qr, .slip__qr').count()).toBeGreaterThan(0);
  // printed: the controls are hidden and the three slips fit one A4 page
  await admin.emulateMedia({ media: 'print' });
  expect(await admin.locator('.slips__controls').isVisible()).toBe(false);
  const pdf = await admin.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await admin.emulateMedia({ media: 'screen' });

  // a new phone: the grandmother types the code from the slip and her name
  const grandCtx = await phone(app.browser);
  const grandma = await grandCtx.newPage();
  await grandma.goto(`${app.server.url}#/pages/me/index`);
  await grandma.locator('.me__input input').first().fill(code);
  await grandma.locator('.hh-button', { hasText: '绑定身份' }).click();
  await grandma.getByText('这是家长邀请码').waitFor({ timeout: 20_000 });
  await grandma.locator('input[placeholder="您的姓名，例如：刘芳"]').fill('罗奶奶');
  await grandma.locator('.hh-button', { hasText: '绑定身份' }).click();
  await grandma.getByText('绑定成功').waitFor({ timeout: 20_000 });

  // and signs the holiday letter for 罗小川
  await grandma.goto(`${app.server.url}#/pages/index/index`);
  await grandma.locator('.home__holiday').click();
  await grandma.locator('.hol-letter').waitFor({ timeout: 20_000 });
  await grandma.locator('.hh-button', { hasText: '全部都能做到，一起勾上' }).click();
  await grandma.locator('.hol-confirm').click();
  // One question, once: 确认签署？ (she could still go back with 再看看)
  await grandma.locator('.taro-modal__title', { hasText: '确认签署？' }).waitFor();
  await grandma.locator('.taro-model__confirm').click();
  await grandma.locator('.hol-receipt').waitFor({ timeout: 20_000 });
  await expect(grandma.locator('.hol-receipt').textContent()).resolves.toContain('罗奶奶（祖母）');

  await Promise.all([adminCtx.close(), grandCtx.close()]);
});

test('in a browser: the page opened by its address lists the schools; a class is renamed and a class teacher code issued in place', async () => {
  const ctx = await phone(app.browser);
  const admin = await ctx.newPage();
  await redeem(admin, app.server.url, 'DEMO-SCHOOL-ADMIN');
  // opened by its address (a reload): the roles arrive after the first render, and the schools still show
  await admin.goto(`${app.server.url}#/packageAdmin/pages/index/index`);
  await admin.reload();
  await admin.locator('.hh-card', { hasText: '思茅区第一中学' }).filter({ visible: true }).first().waitFor({ timeout: 20_000 });
  expect(await admin.getByText('还没有学校').count()).toBe(0);
  await admin.locator('.hh-button', { hasText: '查看班级' }).filter({ visible: true }).first().click();
  const row = admin.locator('.adm-row', { hasText: '八年级（1）班' }).first();
  await row.waitFor();
  await row.locator('.hh-button', { hasText: '班级改名' }).click();
  await row.locator('.adm-name-form input').fill('八年级（1）班（实验班）');
  await row.locator('.adm-name-form .hh-button', { hasText: '改名' }).click();
  await admin.locator('.adm-row', { hasText: '八年级（1）班（实验班）' }).filter({ visible: true }).first().waitFor({ timeout: 20_000 });
  const renamed = admin.locator('.adm-row', { hasText: '八年级（1）班（实验班）' }).first();
  await renamed.locator('.hh-button', { hasText: '班主任邀请码' }).click();
  await renamed.locator('.adm-name-form input').fill('赵老师');
  await renamed.locator('.adm-name-form .hh-button', { hasText: '生成邀请码' }).click();
  await admin.getByText('请把邀请码交给班主任').waitFor({ timeout: 20_000 });
  expect(await admin.locator('body').innerText()).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
  await ctx.close();
});

test('a class of 23: every slip prints (3 A4 pages, 10 a page), and opened again the page shows the same codes to reprint, voiding none', async () => {
  const names = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天'.split('');
  const rows = names.map((n, i) => [i + 1, `罗${n}`, `G53080220130${String(i + 10).padStart(6, '0')}`, i % 2 ? '男' : '女', '2013-03-03', '八年级', '（6）班', '', '', '', `罗家长${n}`, '母亲', '', '']);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'huhang-e2e-roster-')), '八年级6班.xlsx');
  writeFileSync(file, await xlsx(rows));
  const ctx = await phone(app.browser);
  const admin = await ctx.newPage();
  await redeem(admin, app.server.url, 'DEMO-SCHOOL-ADMIN');
  await importSheet(admin, file);
  await admin.locator('.hh-button', { hasText: /^导入$/ }).click();
  await admin.getByText('导入完成').waitFor({ timeout: 20_000 });

  const slips = `${app.server.url}#/packageAdmin/pages/slips/index?classId=cls-simao-1-8-6&role=guardian`;
  await admin.goto(slips);
  await admin.locator('.hh-button', { hasText: '生成全班的码' }).click();
  await admin.getByText('生成', { exact: true }).click();
  await admin.locator('.slip').filter({ visible: true }).nth(22).waitFor({ timeout: 20_000 });
  const codes = await admin.locator('.slip__code').filter({ visible: true }).allTextContents();
  expect(codes).toHaveLength(23);
  // each slip names the school and the class, so piles from several classes do not mix
  await expect(admin.locator('.slip').first().textContent()).resolves.toContain('思茅区第一中学 八年级（6）班');
  await admin.emulateMedia({ media: 'print' });
  const pdf = await admin.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(3);
  await admin.emulateMedia({ media: 'screen' });

  // opened again later (a paper jam): the same codes, ready to print; regenerating is not the main button.
  // A fresh load of the page, as opening it later is: navigating within the app left the H5 router holding the
  // earlier slip page, which it could drop between the wait and the read (the read then found no codes: seen 4
  // times on 2026-12-07 under load, in `npm test` and alone beside other runs).
  await admin.goto(`${app.server.url}#/pages/index/index`);
  await admin.goto(slips);
  await admin.reload();
  await admin.locator('.slip').filter({ visible: true }).nth(22).waitFor({ timeout: 20_000 });
  expect((await admin.locator('.slip__code').filter({ visible: true }).allTextContents()).sort()).toEqual([...codes].sort());
  // (the H5 router may keep the earlier slip page in its stack, hidden: the first match is enough)
  await admin.getByText('张纸条的码还没有用过', { exact: false }).filter({ visible: true }).first().waitFor();
  expect(await admin.locator('.hh-button--primary', { hasText: '重新生成全班的码' }).count()).toBe(0);
  await ctx.close();
});

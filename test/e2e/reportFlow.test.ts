/**
 * The whole tip-line loop in a real browser against the real server:
 * an anonymous reporter files a bullying report with a photo at the demo
 * school, reads its status with code + secret; the handler routing chose
 * (思茅区教育体育局, DEMO-EDU) acknowledges and replies; the reporter sees the
 * reply. The police (informed because of the injury) can read but not act.
 */
import path from 'node:path';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { redeem as redeemAt, useApp } from './app';
import { phone } from './browser';

jest.setTimeout(180_000);

const app = useApp();

const click = (page: Page, cls: string) => page.locator(`.${cls}`).filter({ visible: true }).first().click();

const redeem = (page: Page, code: string) => redeemAt(page, app.server.url, code);

test('report with a photo → status → handler acknowledges and replies → reporter sees the reply', async () => {
  const reporterCtx = await phone(app.browser);
  const reporter = await reporterCtx.newPage();
  // The security headers' CSP must not break the H5 app: no violation while a whole report is made.
  const violations: string[] = [];
  reporter.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  const opened = await reporter.goto(`${app.server.url}#/pages/report/index`);
  expect(opened?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  // 举报 tab: emergency numbers are there before anything else.
  await reporter.goto(`${app.server.url}#/pages/report/index`);
  for (const n of ['110', '120', '12356', '12355']) await reporter.getByText(n, { exact: false }).filter({ visible: true }).first().waitFor();
  await reporter.locator('.hh-button', { hasText: '我要举报' }).filter({ visible: true }).first().click();

  // One question a screen, under an H5 title bar with a way back and home.
  await reporter.locator('.hh-report-progress').waitFor();
  await reporter.locator('.hh-navbar .hh-navbar__home').waitFor();
  await click(reporter, 'hh-report-category--bullying');
  await click(reporter, 'hh-report-next');
  await click(reporter, 'hh-report-flag--injury-yes');
  await click(reporter, 'hh-report-flag--weapon-no');
  await click(reporter, 'hh-report-flag--extortion-no');
  await click(reporter, 'hh-report-next');
  await click(reporter, 'hh-report-place-mode--school');
  await click(reporter, 'hh-report-county--simao');
  await click(reporter, 'hh-report-school--sch-simao-1');
  await click(reporter, 'hh-report-next');
  await click(reporter, 'hh-report-when--now');
  await click(reporter, 'hh-report-next');
  await reporter.locator('.hh-report-description textarea').fill('我们班有几个同学每天放学在厕所里打一个同学，他的手臂都青了，不敢告诉老师。');
  await click(reporter, 'hh-report-next');

  // A real JPEG carrying GPS EXIF, chosen through the browser's file picker.
  const chooser = reporter.waitForEvent('filechooser');
  await click(reporter, 'hh-report-photo-add');
  await (await chooser).setFiles(path.resolve(__dirname, '../fixtures/gps.jpg'));
  await reporter.locator('.hh-report-photo--done').waitFor();
  await click(reporter, 'hh-report-next');
  await click(reporter, 'hh-report-relation--witness');
  await click(reporter, 'hh-report-next');
  await click(reporter, 'hh-report-submit');

  // Shown once: the tracking code and the secret.
  await reporter.locator('.hh-report-receipt').waitFor();
  const groups = async (cls: string) => (await reporter.locator(`.${cls} .done-secret__group`).allInnerTexts()).map((g) => g.trim());
  const code = (await groups('hh-report-code')).join('-');
  const secret = (await groups('hh-report-secret')).join('');
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  expect(secret.replace(/-/g, '')).toHaveLength(8);
  await reporter.getByText('思茅区教育体育局').filter({ visible: true }).first().waitFor();
  // The reporter keeps it on this phone (在这台手机上记住).
  await click(reporter, 'hh-report-remember');

  // From the receipt, the status opens straight away (the secret passes in memory, not in the URL).
  await click(reporter, 'hh-report-go-status');
  await reporter.locator('.hh-report-status').waitFor();
  expect(reporter.url()).not.toContain(secret);

  // The handler routing chose: the county education bureau leads a bullying case.
  const eduCtx = await phone(app.browser);
  const edu = await eduCtx.newPage();
  await redeem(edu, 'DEMO-EDU');
  await edu.goto(`${app.server.url}#/packageWork/pages/inbox/index`);
  await edu.locator('.hh-inbox-item').filter({ visible: true }).first().click();
  await edu.locator('.hh-case').waitFor();
  await edu.getByText('手臂都青了', { exact: false }).filter({ visible: true }).first().waitFor();

  // The photo reaches the handler, and it carries no GPS or other EXIF.
  const photo = edu.locator('.hh-case-photo img, img.hh-case-photo').first();
  await photo.waitFor();
  const src = await photo.getAttribute('src');
  const bytes = Buffer.from(await (await edu.request.get(new URL(src!, app.server.url).toString())).body());
  expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
  expect(await exifr.parse(bytes, { gps: true }).catch(() => undefined)).toBeFalsy();

  await click(edu, 'hh-case-ack');
  await edu.locator('.hh-case-reply').filter({ visible: true }).first().waitFor();
  await click(edu, 'hh-case-reply');
  await edu.locator('.hh-case-reply-text textarea').fill('同学你好，我们已经联系学校，今天会找相关同学了解情况，请放心。');
  await click(edu, 'hh-case-reply-send');
  await edu.getByText('我们已经联系学校', { exact: false }).filter({ visible: true }).first().waitFor();

  // Informed, not lead: the police see the case but get no 受理 button.
  const policeCtx = await phone(app.browser);
  const police = await policeCtx.newPage();
  await redeem(police, 'DEMO-POLICE');
  await police.goto(`${app.server.url}#/packageWork/pages/inbox/index`);
  await police.locator('.hh-inbox-item').filter({ visible: true }).first().click();
  await police.locator('.hh-case').waitFor();
  expect(await police.locator('.hh-case-ack').count()).toBe(0);

  // The reporter refreshes and reads the reply.
  await click(reporter, 'hh-report-refresh');
  await reporter.locator('.status-bubble--handler', { hasText: '我们已经联系学校' }).waitFor();

  // A stranger who saw the code types five wrong secrets: the stranger is locked out …
  const strangerCtx = await phone(app.browser);
  const stranger = await strangerCtx.newPage();
  await stranger.goto(`${app.server.url}#/packageReport/pages/status/index`);
  await stranger.locator('.hh-report-status-code input').fill(code);
  for (let i = 0; i < 5; i++) {
    await stranger.locator('.hh-report-status-secret input').fill(`ZZZZ-ZZZ${'23456'[i]}`);
    await click(stranger, 'hh-report-status-query');
    await stranger.getByText(i < 4 ? '查询码或查询密码不对' : '输错次数太多', { exact: false }).filter({ visible: true }).first().waitFor();
  }
  // … while the reporter's phone, which remembered the report, still reads the reply.
  await reporter.goto(`${app.server.url}#/packageReport/pages/status/index`);
  await reporter.reload();
  await click(reporter, 'hh-report-remembered-open');
  await reporter.locator('.status-bubble--handler', { hasText: '我们已经联系学校' }).waitFor();
  expect(await reporter.getByText('输错次数太多', { exact: false }).count()).toBe(0);

  // Days later, on another phone: typing the code and the secret is all it takes.
  const laterCtx = await phone(app.browser);
  const later = await laterCtx.newPage();
  await later.goto(`${app.server.url}#/packageReport/pages/status/index`);
  await later.locator('.hh-report-status-code input').fill(code.toLowerCase());
  await later.locator('.hh-report-status-secret input').fill(secret);
  await click(later, 'hh-report-status-query');
  await later.locator('.status-bubble--handler', { hasText: '我们已经联系学校' }).waitFor();

  // The handler closes the case (办结) …
  await edu.reload();
  await edu.locator('.hh-case').waitFor();
  await click(edu, 'hh-case-resolve');
  await click(edu, 'hh-case-disposition--substantiated');
  await edu.locator('.hh-case-resolve-summary textarea').fill('已约谈涉事学生和家长，学校加强放学后巡查。');
  await click(edu, 'hh-case-resolve-send');
  await edu.getByText('已办结', { exact: false }).filter({ visible: true }).first().waitFor();

  // … the reporter writes again, and the case is back at the top of the handler's inbox, marked.
  await later.locator('.hh-report-message textarea').fill('他们今天又在楼梯口堵我了。');
  await click(later, 'hh-report-message-send');
  await later.locator('.status-bubble--reporter', { hasText: '又在楼梯口堵我' }).waitFor();
  await edu.goto(`${app.server.url}#/packageWork/pages/inbox/index`);
  const first = edu.locator('.hh-inbox-item').first();
  await first.getByText('新留言').waitFor();
  await first.getByText('等待接手', { exact: false }).waitFor();
  await first.click();
  await edu.locator('.case-bubble--reporter', { hasText: '又在楼梯口堵我' }).getByText('新留言').waitFor();
  expect(await edu.locator('.hh-case-ack').count()).toBe(1);

  expect(violations).toEqual([]);
  await Promise.all([reporterCtx.close(), eduCtx.close(), policeCtx.close(), laterCtx.close(), strangerCtx.close()]);
});

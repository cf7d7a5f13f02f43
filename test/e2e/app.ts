/**
 * What every browser test needs: the real server and one Chromium for the
 * file, started before its tests and stopped after, and the steps a person
 * repeats (redeeming a code on 我的).
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export interface App { server: RunningServer; browser: Browser }

/** Registers beforeAll/afterAll; the returned object is filled in before the first test runs. */
export function useApp(): App {
  const app = {} as App;
  beforeAll(async () => {
    app.server = await startServer();
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** Redeems a code on 我的 and waits for the confirmation. */
export async function redeem(page: Page, baseUrl: string, code: string) {
  await page.goto(`${baseUrl}#/pages/me/index`);
  // Once a role is bound, the code box waits behind 再绑定一个身份.
  const more = page.locator('.me__add-role');
  await Promise.race([page.locator('.me__input input').waitFor(), more.waitFor()]);
  if (await more.count()) await more.click();
  await page.locator('.me__input input').fill(code);
  await page.locator('.hh-button', { hasText: '绑定身份' }).click();
  await page.getByText('绑定成功').waitFor();
}

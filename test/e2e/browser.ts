/**
 * Headless Debian Chromium through playwright-core (no browser download:
 * the system's /usr/bin/chromium). Flags from NOTES-taro.md: without the
 * background-networking ones Chromium tries to reach Google and is refused.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized context: each one is a fresh person (own storage, own session). */
export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
}

/**
 * The H5 first load: every file the home page fetches on a first visit
 * (empty cache), in headless Chromium, summed twice: as sent over the wire
 * (compressed by the server) and decoded (what it would be uncompressed).
 * Ours and the bare hello-world are both served by our local server, so the
 * only difference is the app.
 */
import { existsSync } from 'node:fs';
import { launchBrowser, CHROMIUM, phone } from '../e2e/browser';
import { kb, ratio, type Section } from './table';

export interface FirstLoad { files: number; wire: number; decoded: number }

export async function firstLoad(url: string, waitForText?: string): Promise<FirstLoad> {
  const browser = await launchBrowser();
  try {
    const context = await phone(browser);
    const page = await context.newPage();
    const seen: Promise<{ wire: number; decoded: number }>[] = [];
    page.on('response', (res) => {
      seen.push((async () => {
        const sizes = await res.request().sizes().catch(() => ({ responseBodySize: 0 }));
        const body = await res.body().catch(() => Buffer.alloc(0));
        return { wire: sizes.responseBodySize, decoded: body.length };
      })());
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    if (waitForText) await page.getByText(waitForText).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(seen);
    return { files: all.length, wire: all.reduce((s, r) => s + r.wire, 0), decoded: all.reduce((s, r) => s + r.decoded, 0) };
  } finally {
    await browser.close();
  }
}

export const browserAvailable = () => existsSync(CHROMIUM);

export function h5Section(ours: FirstLoad, bare: FirstLoad): Section {
  return {
    title: 'H5 first load of the home page (KB, empty cache, headless Chromium)',
    note: 'Wire = bytes as sent with the server\'s brotli/gzip (@fastify/compress); uncompressed = the same files decoded (what was sent before compression). Both apps served by the same local server.',
    head: ['', 'files', 'uncompressed', 'over the wire', 'saved by compression'],
    rows: [
      ['ours', ours.files, kb(ours.decoded), kb(ours.wire), `${(100 - (100 * ours.wire) / Math.max(1, ours.decoded)).toFixed(0)}%`],
      ['bare hello-world', bare.files, kb(bare.decoded), kb(bare.wire), `${(100 - (100 * bare.wire) / Math.max(1, bare.decoded)).toFixed(0)}%`],
      ['ratio ours ÷ bare', '', ratio(ours.decoded, bare.decoded), ratio(ours.wire, bare.wire), ''],
    ],
  };
}

import { chromium } from 'playwright-core';
import type { BrowserReport } from './report.js';

/** Debian's Chromium, which `scripts/setup.sh` installs where it can. */
export const CHROMIUM = process.env.MLPKIT_CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags, Chromium keeps reaching out to Google's services, which a
// machine without internet access refuses many times over.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens `url` in headless Chromium and returns the report the page leaves, with whatever it logged as errors. */
export async function runInChromium(url: string, timeoutMs: number): Promise<{ report: BrowserReport | { error: string }; errors: string[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    const handle = await page.waitForFunction(() => (globalThis as { mlpkitReport?: unknown }).mlpkitReport, undefined, { timeout: timeoutMs });
    return { report: (await handle.jsonValue()) as BrowserReport | { error: string }, errors };
  } finally {
    await browser.close();
  }
}

/**
 * Debian's Chromium driven by playwright-core, as a phone: touch events (Taro submits on touchend), a mobile viewport.
 * CHROME_PATH overrides /usr/bin/chromium. Screenshots go to test-results/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const SCREENSHOTS = resolve(__dirname, '../../test-results/screenshots');

/** Launches Chromium, or fails with the one command that fixes a missing browser. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`找不到 Chromium (${executablePath})。请安装: apt-get install -y chromium，或设置 CHROME_PATH 指向 Chrome/Chromium。`);
  }
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized context of its own (own cookies = own WeChat user). */
export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' });
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png, once page transitions have finished. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Taro slides pages in with CSS transitions: wait for them to end rather than for a fixed time.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs a browser context in as a demo persona through the gateway's dev API (what the sign-in page does). */
export async function signInAs(context: BrowserContext, baseUrl: string, persona: string): Promise<void> {
  const response = await context.request.post(`${baseUrl}api/_dev/sign-in`, { data: { persona } });
  if (!response.ok()) throw new Error(`sign-in as ${persona} failed: ${response.status()} ${await response.text()}`);
}

/**
 * One browser suite's world: the real `npm start` on a fresh data folder, Debian's Chromium, and `openAs(persona, path)`
 * that opens a page in a new phone-sized context signed in as a demo persona. Call at the top of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, phone, signInAs } from './browser';
import { startApp, type StartedApp } from './start';

export interface E2eWorld {
  /** The running app (valid inside tests). */
  app(): StartedApp;
  browser(): Browser;
  openAs(persona: string, path: string): Promise<Page>;
}

/**
 * `now`: a fixed clock for the run — the seed, every function, and each page's Date (Playwright's clock, timers still
 * running) — so "today" is a known day whatever the hour or year the suite runs in.
 */
export function setUpE2eWorld(name: string, options: { now?: number } = {}): E2eWorld {
  let dataDir = '';
  let app: StartedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `lianxin-e2e-${name}-`));
    app = await startApp(dataDir, options);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the e2e world is not started (use it inside tests)');
    return value;
  };
  return {
    app: () => started(app),
    browser: () => started(browser),
    openAs: async (persona, path) => {
      const context = await phone(started(browser));
      if (options.now !== undefined) await context.clock.setFixedTime(options.now);
      await signInAs(context, started(app).url, persona);
      const page = await context.newPage();
      await page.goto(`${started(app).url}#${path}`);
      return page;
    },
  };
}

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
export const shown = (locator: Locator): Locator => locator.filter({ visible: true });
export const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

/**
 * Fires a function's timer trigger through the dev route (timers are manual in browser tests), as of `at` when given
 * (the timer decides as of that instant, as a late or replayed trigger does), and returns what the timer returned.
 */
export async function fireTimer(world: E2eWorld, fn: string, at?: number | Date): Promise<unknown> {
  const response = await fetch(`${world.app().url}api/_dev/timers/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: at === undefined ? '{}' : JSON.stringify({ at: new Date(at).toISOString() }),
  });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { data: { result: unknown } }).data.result;
}

/** On 我的 (`page` open at /pages/me/index), binds the resident as roster member `name` and waits for the branch shown. */
export async function bindAsMember(page: Page, name: string, phoneTail: string, branch: string): Promise<void> {
  await text(page, '绑定党员身份').tap();
  await text(page, '同意并继续').tap();
  await shown(page.locator('taro-input-core[name=name] input')).fill(name);
  await shown(page.locator('taro-input-core[name=phoneTail] input')).fill(phoneTail);
  await text(page, '绑定').tap();
  await shown(page.getByText(`您已绑定为${branch}党员`, { exact: false })).waitFor();
}

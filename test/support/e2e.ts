/**
 * One browser suite's world: the real `npm start` on a fresh data folder, Debian's Chromium, and `openAs(persona, path)`
 * that opens a page in a new phone-sized context signed in as a demo persona. Call at the top of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

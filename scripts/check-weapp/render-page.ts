/**
 * Renders ONE page of a weapp build the way WeChat would start it, in this process (Taro's runtime and exparser keep
 * global state, so each page gets its own process): jsdom globals, the wx stand-in, App/getApp/getCurrentPages, the
 * build's app.js with onLaunch/onShow, then the page through miniprogram-simulate (WeChat's exparser + the official
 * wcc compiler), Page() running as a Component whose lifetimes call onLoad/onShow/onReady. Optionally taps the element
 * showing a text. Prints one JSON line (RenderOutcome) last on stdout.
 *
 * Usage: node --import tsx scripts/check-weapp/render-page.ts <dist> <page> [<query json>] [<tap text>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createStandIn, type Navigation } from './stand-in';

// Loaded without their type packages: miniprogram-simulate's types pull in miniprogram-api-typings, which redeclare
// Node's global `require` for the whole program.
const load = createRequire(__filename);
interface DomWindow {
  document: Document;
  CustomEvent: typeof CustomEvent;
}
const { JSDOM } = load('jsdom') as { JSDOM: new (html: string, options: Record<string, unknown>) => { window: DomWindow } };
interface Simulate {
  load(path: string, options: Record<string, unknown>): string;
  render(id: string): { dom: unknown; attach(parent: unknown): void };
}

export interface RenderOutcome {
  page: string;
  /** Visible text of the page after it settled. */
  text: string;
  /** Texts of error cards (LoadState's .lx-error) on the page. */
  errorCards: string[];
  calls: string[];
  missing: string[];
  refused: string[];
  /** Console warnings and errors (template-not-found warnings come from WeChat's template runtime). */
  warnings: string[];
  /** Uncaught errors and rejections while rendering. */
  crashes: string[];
  tap?: { text: string; found: boolean; navigations: Navigation[]; refusedNavigations: string[] };
  ms: number;
}

export const OUTCOME_MARK = 'CHECK-WEAPP-OUTCOME ';

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

/** Every page path of an app.json, main package first. */
export function appPages(app: AppJson): string[] {
  const packages = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...packages.flatMap(({ root, pages }) => pages.map((page) => `${root.replace(/\/+$/, '')}/${page}`))];
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function render(dist: string, page: string, query: Record<string, string>, tapText: string | undefined): Promise<RenderOutcome> {
  const started = Date.now();
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
  const warnings: string[] = [];
  const crashes: string[] = [];
  const text = (value: unknown) => (value instanceof Error ? (value.stack ?? value.message) : typeof value === 'string' ? value : JSON.stringify(value));
  console.warn = (...args: unknown[]) => void warnings.push(args.map(text).join(' '));
  console.error = (...args: unknown[]) => void warnings.push(args.map(text).join(' '));
  process.on('uncaughtException', (error) => void crashes.push(text(error)));
  process.on('unhandledRejection', (error) => void crashes.push(text(error)));

  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, url: 'https://servicewechat.com/' });
  // The globals j-component and WeChat's template runtime expect of a page's environment.
  const g = globalThis as unknown as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  for (const name of ['Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MutationObserver', 'TouchEvent']) {
    if (!(name in g)) g[name] = (dom.window as unknown as Record<string, unknown>)[name];
  }

  const { wx, record } = createStandIn({ pages: appPages(app), tabPages: (app.tabBar?.list ?? []).map((item) => item.pagePath) });
  // miniprogram-simulate merges its mock API under whatever `wx` exists when it loads; Taro reads Object.keys(wx).
  g.wx = wx;
  let appInstance: Record<string, (...args: unknown[]) => unknown> | undefined;
  let current: unknown[] = [];
  g.App = (config: Record<string, (...args: unknown[]) => unknown>) => void (appInstance = config);
  g.getApp = () => appInstance;
  g.getCurrentPages = () => current;
  const simulate = load('miniprogram-simulate') as Simulate;
  const Component = g.Component as (options: unknown) => void;
  g.Page = (options: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
    Component({
      data: options.data,
      options: options.options,
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & { onLoad?: (q: unknown) => void; onShow?: () => void }) {
          this.route = page;
          this.__route__ = page;
          this.options = query;
          current = [this];
          this.onLoad?.(query);
          this.onShow?.();
        },
        ready(this: { onReady?: () => void }) {
          this.onReady?.();
        },
      },
    });
  };

  load(resolve(dist, 'app.js'));
  if (!appInstance) throw new Error('app.js did not call App()');
  const launch = { path: page, query, scene: 1001 };
  appInstance.onLaunch?.call(appInstance, launch);
  appInstance.onShow?.call(appInstance, launch);

  const absent = ['.json', '.wxml', '.js'].filter((ext) => !existsSync(resolve(dist, page + ext)));
  if (absent.length > 0) throw new Error(`the build has no ${absent.join(', ')} for ${page}: WeChat shows the page blank`);
  const id = simulate.load(resolve(dist, page), { rootPath: resolve(dist), compilerOptions: { maxBuffer: 64 * 1024 * 1024 } });
  const component = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  component.attach(parent);
  const root = component.dom as unknown as HTMLElement;

  /** Waits until no cloud call is pending and the page text stopped changing (or 10 s passed, on a busy machine). */
  const settled = async () => {
    let last = '';
    let still = 0;
    for (const until = Date.now() + 10_000; Date.now() < until && still < 3; ) {
      await sleep(15);
      const now = root.textContent ?? '';
      // A page still showing 正在加载… has a call to make or answer yet, however quiet it looks (a busy machine).
      still = record.pending === 0 && now === last && !now.includes('正在加载') ? still + 1 : 0;
      last = now;
    }
  };
  await settled();

  const outcome: RenderOutcome = {
    page,
    text: (root.textContent ?? '').replace(/\s+/g, ' ').trim(),
    errorCards: Array.from(root.querySelectorAll('[class*="lx-error"]:not([class*="lx-error__"])')).map((element) => (element.textContent ?? '').trim()),
    calls: record.calls,
    missing: record.missing,
    refused: record.refused,
    warnings,
    crashes,
    ms: 0,
  };

  if (tapText) {
    // The innermost element showing the text; the tap bubbles up through exparser to Taro's handlers as in WeChat.
    const target = Array.from(root.querySelectorAll('*'))
      .filter((element) => (element.textContent ?? '').includes(tapText))
      .find((element) => !Array.from(element.children).some((child) => (child.textContent ?? '').includes(tapText)));
    const before = record.navigations.length;
    const refusedBefore = record.refusedNavigations.length;
    if (target) {
      const exparserPath = load.resolve('miniprogram-exparser', { paths: [dirname(load.resolve('j-component'))] });
      const exparser = load(exparserPath) as {
        Event: { dispatchEvent(target: unknown, event: unknown): void; create(name: string, detail: unknown, options: unknown): unknown };
      };
      const original = new dom.window.CustomEvent('tap', {});
      target.dispatchEvent(original);
      const wxElement = (target as unknown as { __wxElement?: unknown }).__wxElement;
      exparser.Event.dispatchEvent(
        wxElement,
        exparser.Event.create('tap', {}, { originalEvent: original, bubbles: true, capturePhase: true, composed: true, extraFields: { touches: {}, changedTouches: {} } }),
      );
      await settled();
    }
    outcome.tap = {
      text: tapText,
      found: Boolean(target),
      navigations: record.navigations.slice(before),
      refusedNavigations: record.refusedNavigations.slice(refusedBefore),
    };
    outcome.missing = record.missing;
    outcome.refused = record.refused;
  }
  outcome.ms = Date.now() - started;
  return outcome;
}

if (require.main === module) {
  const [dist, page, queryJson, tapText] = process.argv.slice(2);
  const write = process.stdout.write.bind(process.stdout);
  render(dist, page, queryJson ? (JSON.parse(queryJson) as Record<string, string>) : {}, tapText || undefined).then(
    (outcome) => {
      write(`\n${OUTCOME_MARK}${JSON.stringify(outcome)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      write(`\n${OUTCOME_MARK}${JSON.stringify({ page, fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`);
      process.exit(0);
    },
  );
}
